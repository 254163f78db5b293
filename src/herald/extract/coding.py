"""How an event is coded in ACLED's 25 sub-event types, from its trigger categories.

Two steps, both driven by ``rules/coding.json``. :func:`sharpened` settles what one
sentence can: which of two overlapping words tells more ('suicide attack'), whether a
'clash' is a battle or a crowd's, who acted (territory taken by the state is regained;
people held by an armed group are abducted). :func:`code_event` then codes an event
from its sentences' categories by the codebook's precedence, its first trigger sentence
(the anchor) deciding the event type and later sentences refining it.
"""

from __future__ import annotations

import re

from herald.extract.rules import MODIFIER_CATEGORIES, CodingRules, LanguageRules, coding_rules
from herald.extract.speakers import is_speaker

Spans = dict[str, tuple[int, int]]
# A pseudo-category for a security-force word (the table's 'security_forces' cue) while
# a sentence is sharpened; like the qualifiers, it is dropped before the sentence is used.
STATE_ACTOR = "state_forces"


def sharpened(text: str, found: Spans, rules: LanguageRules,
              countries: frozenset[str] = frozenset()) -> Spans:
    """One sentence's categories after the codebook's distinctions that one sentence
    settles: overlapping words, who acted, and whether a crowd was attacked.

    The qualifier categories (who acted) are read here and dropped: they never start
    an event. ``countries`` holds the article's country names and nationalities, as
    written and casefolded ("nigerian", "sudan"): an army named with one is the state's.
    """
    coding = coding_rules()
    found = _without_yielding(found, coding.yields_to)
    if not found:
        return found
    for qualifier, pattern in rules.qualifiers.items():
        match = pattern.search(text)
        if match:
            found[qualifier] = match.span()
    named = _acting_force(text, rules)
    if named:
        found[STATE_ACTOR] = named.span()
    found = _crowd_of_armed_men(text, found, rules, coding)
    found = _clash_by_actors(found, coding, _names_demonstrators(text, rules)
                             or _fights_the_police(text, rules))
    found = _armed_against_armed(text, found, rules)
    found = _renamed_by_actor(text, found, rules, coding, countries)
    found = _without_accidental_harm(text, found, rules)
    found = _forces_harmed(text, found, rules)
    attacked = rules.cues.get("gathering_attacked")
    if "violent" in found and attacked and attacked.search(text):
        # Others storming a peaceful vigil is an intervention in ACLED's rules, not
        # violence by the demonstrators.
        found["intervention"] = found.pop("violent")
    return {category: span for category, span in found.items()
            if category not in coding.qualifiers and category != STATE_ACTOR}


def _acting_force(text: str, rules: LanguageRules) -> re.Match[str] | None:
    """The first security force's word that is no speaker: "gunmen raided a village,
    killing 10 people, police said" names the police as the source, not as a side of
    the harm (which would make a battle of an attack on villagers). A report verb a
    few words after it, with no punctuation between, or right before it ("said
    police"), makes it one."""
    security = rules.cues.get("security_forces")
    verbs = rules.cues.get("report_verbs")
    for named in security.finditer(text) if security else ():
        if verbs is None or not is_speaker(text, named, verbs):
            return named
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _without_yielding(found: Spans, yields_to: dict[str, frozenset[str]]) -> Spans:
    """Drop a category whose words are part of a more telling category's words
    ('suicide attack' is not also a plain attack; 'recaptured four fugitives' is an
    arrest, not a town retaken)."""
    return {
        category: span for category, span in found.items()
        if not any(other in found and _overlaps(span, found[other])
                   for other in yields_to.get(category, ()))
    }


def _names_demonstrators(text: str, rules: LanguageRules) -> bool:
    protesters = rules.cues.get("protesters")
    return bool(protesters and protesters.search(text))


def _fights_the_police(text: str, rules: LanguageRules) -> bool:
    """ "Clashes with police broke out", "scontri con la polizia": who fought the
    police is left unsaid, and ACLED's battles are between organised armed groups; with
    none named, those who clash with the police are a crowd (riots), as when the
    demonstrators are named."""
    cue = rules.cues.get("clashes_with_police")
    return bool(cue and cue.search(text))


def _clash_by_actors(found: Spans, coding: CodingRules, demonstrators: bool = False) -> Spans:
    """A word like 'clashes' is a battle between armed sides, or a crowd's violence.

    With a crowd word in the sentence it is the crowd's, and so it is with the
    demonstrators named and no armed group ("Massa aksi bentrok dengan polisi": the
    crowd clashed with the police, where no protest word says so); with an armed group named
    (militants, rebels, gunmen) a battle, and so is a 'mob' clash with the police; else
    both readings stay, and the event's other sentences choose (a crowd anywhere in
    the event makes it a riot, see :func:`code_event`).

    Harm done where both an armed group and state forces are named, and no civilian,
    is an attack on the forces: a battle in ACLED's rules unless remote violence did
    it. An ambush of civilians, with no force named, is an attack on civilians.
    """
    found = dict(found)
    crowd = bool(set(found) & (coding.strong_crowd | coding.weak_crowd))
    clash = found.get("armed_clash")
    if clash and not crowd and demonstrators and "armed_group" not in found:
        found["crowd"], crowd = clash, True  # the demonstrators are the crowd that clashed
    if clash and "violent" in found and _overlaps(clash, found["violent"]):
        if crowd:
            del found["armed_clash"]
        elif "armed_group" in found:
            del found["violent"]
    if "mob" in found and "armed_group" in found and "armed_clash" in found:
        del found["mob"]
    both_sides = "armed_group" in found and STATE_ACTOR in found and "civilians" not in found
    if both_sides and not crowd and "armed_clash" not in found:
        harm = found.get("attack") or found.get("assault")
        if harm:
            found.setdefault("forces_attacked", harm)
    if "civilians" in found and STATE_ACTOR not in found:
        found.pop("forces_attacked", None)  # an ambush of farmers attacked no forces
    return found


# Harm categories an accidental cause in their clause cancels: plain killing and
# wounding, and the attack on forces a "killed in" pattern may have read.
ACCIDENTAL_HARM = ("attack", "forces_attacked")
# How far from the harm word (characters, within its clause) a cause is read.
CAUSE_REACH = 60


def _without_accidental_harm(text: str, found: Spans, rules: LanguageRules) -> Spans:
    """"Killed in a road accident", "tués dans un accident", "bei einem Verkehrsunfall
    getötet": harm whose own clause names an accident is no political violence, whoever
    died. The cause must stand in the harm's clause: "after the accident, villagers beat
    the driver" still tells the beating."""
    harm = found.get("attack") or found.get("forces_attacked")
    accident = rules.cues.get("accidental_causes")
    if harm is None or accident is None:
        return found
    begin, end = _clause(text, harm, end_marks=",;:")
    if not accident.search(text, max(begin, harm[0] - CAUSE_REACH),
                           min(end, harm[1] + CAUSE_REACH)):
        return found
    return {category: span for category, span in found.items()
            if category not in ACCIDENTAL_HARM}


def _clause(text: str, span: tuple[int, int], end_marks: str = ",;") -> tuple[int, int]:
    """Where the clause holding ``span`` begins (after the last ',', ';' or ':' before
    it) and ends (at the first of ``end_marks`` after it, else the text's end)."""
    begin = max(text.rfind(mark, 0, span[0]) for mark in ",;:") + 1
    ends = [i for i in (text.find(mark, span[1]) for mark in end_marks) if i >= 0]
    return begin, min(ends, default=len(text))


def _forces_harmed(text: str, found: Spans, rules: LanguageRules) -> Spans:
    """"Eleven soldiers were killed": the victims of a plain harm are armed, which ACLED
    never codes as violence against civilians; without a weapon named, it is an attack
    on forces, a battle."""
    harm = found.get("attack")
    passive = rules.cues.get("forces_harmed")
    if harm is None or passive is None or "civilians" in found:
        return found
    if not passive.search(text[: harm[0]]):
        return found
    found = dict(found)
    found.setdefault("forces_attacked", harm)
    return found


def _armed_against_armed(text: str, found: Spans, rules: LanguageRules) -> Spans:
    """Harm between two armed sides is a battle in ACLED's rules, whoever they are: a
    gang member shot dead by gunmen, a drug trafficker killed by armed men, rebels who
    killed a rival group's fighters. An armed group's word on each side of the harm in
    its clause (its doer and its victim, in either voice) and no civilian named says so."""
    harm = found.get("attack") or found.get("assault")
    armed = rules.qualifiers.get("armed_group")
    if harm is None or armed is None or "civilians" in found or "armed_clash" in found:
        return found
    begin, end = _clause(text, harm)  # one clause: not "..., a rebel spokesman said"
    if armed.search(text, begin, harm[0]) and armed.search(text, harm[1], end):
        found = dict(found)
        found.setdefault("forces_attacked", harm)
    return found


def _crowd_of_armed_men(text: str, found: Spans, rules: LanguageRules,
                        coding: CodingRules) -> Spans:
    """'Forces stormed the house', 'gunmen took over the village': a weak crowd word
    right after an armed actor's word, in a sentence that names no demonstrators, is
    no crowd."""
    if _names_demonstrators(text, rules):
        return found
    return {category: span for category, span in found.items()
            if category not in coding.weak_crowd or not _armed_just_before(text, span[0], rules)}


# How many words before a trigger its subject may stand ('Houthi forces have stormed').
SUBJECT_WINDOW_WORDS = 2


def _armed_just_before(text: str, position: int, rules: LanguageRules,
                       state: bool = True) -> bool:
    """Whether an armed group's word (or, with ``state``, a security force's) stands
    within the few words before ``position``: the trigger's subject."""
    words = list(re.finditer(r"\S+", text[:position]))[-SUBJECT_WINDOW_WORDS:]
    if not words:
        return False
    window_start = words[0].start()
    patterns = [rules.qualifiers.get("armed_group")]
    patterns += [rules.cues.get("security_forces")] if state else []
    return any(pattern is not None and pattern.search(text, window_start, position) is not None
               for pattern in patterns)


def _renamed_by_actor(text: str, found: Spans, rules: LanguageRules,
                      coding: CodingRules, countries: frozenset[str] = frozenset()) -> Spans:
    """Territory taken by the state is regained; people held by an armed group are
    abducted (coding.json's ``by_actor``).

    The state acts when its words come first before the trigger; an armed group only
    when its word stands right before it ('militants detained eight men', not 'several
    militants were killed and others detained')."""
    found = dict(found)
    for actor, renames in coding.by_actor.items():
        for category, renamed in renames.items():
            span = found.get(category)
            acting = span and (
                _actor_before(text, span[0], rules, countries) == "state"
                if actor == "state"
                else _armed_just_before(text, span[0], rules, state=False))
            if span and acting:
                found.setdefault(renamed, found.pop(category))
    return found


def _actor_before(text: str, position: int, rules: LanguageRules,
                  countries: frozenset[str] = frozenset()) -> str | None:
    """Who acts in a trigger: the first actor word before it, as the subject comes
    first ("a militia known as the White Army took control"; "troops drove the rebels
    out and took control"): 'state' for a security-force word, 'armed_group' for an
    armed group's, None when there is neither. A security-force word heading a group's
    name ("the White Army", "الجيش الأبيض") is an armed group's, unless the name holds
    one of the article's ``countries`` ("the Nigerian Army")."""
    firsts = []
    for actor, pattern in (("armed_group", rules.qualifiers.get("armed_group")),
                           ("state", rules.cues.get("security_forces"))):
        match = pattern.search(text, 0, position) if pattern else None
        if match:
            named = actor == "state" and _heads_a_name(text, match, position, rules, countries)
            firsts.append((match.start(), "armed_group" if named else actor))
    return min(firsts)[1] if firsts else None


def _heads_a_name(text: str, word: re.Match[str], position: int, rules: LanguageRules,
                  countries: frozenset[str]) -> bool:
    """Whether a security-force word is the head of a group's proper name."""
    pattern = rules.cues.get("named_forces")
    if pattern is None:
        return False
    for name in pattern.finditer(text, 0, position):
        if name.start() <= word.start() < name.end():
            written = name.group(0).casefold()
            words = re.findall(r"[^\W\d_]+", written)
            return not any(w in countries for w in words) and not any(
                written in state for state in countries)
    return False


def code_event(categories: set[str], anchor: set[str] | None = None) -> tuple[str, str] | None:
    """ACLED (event_type, sub_event_type) of an event from its trigger categories.

    ``anchor`` holds the categories of the event's first trigger sentence (its title or
    lead). What it reports is the event: later sentences may refine it as coding.json's
    ``refines`` allows (the police used tear gas at the march; the town was taken after
    a battle; the attack was two bombs), but a stray 'gathered' in the body does not
    turn an attack into a protest, nor a rocket intercepted later arrests into Disrupted
    weapons use. An anchor with only crowd or police words (weak, modifiers) defers to
    the whole, and one with any such word becomes the demonstration the whole names
    ('scuffles in Lille against the backdrop of the attacks').
    """
    coding = coding_rules()
    whole = _coding(set(categories) | set(anchor or ()), anchor, coding)
    if anchor is None or not _decisive(anchor, coding):
        return whole
    first = _coding(set(anchor), anchor, coding)
    if first is None or whole is None or first == whole:
        return first or whole
    allowed = coding.refines.get(first[1]) or coding.refines.get(first[0], frozenset())
    if whole[0] in coding.crowd_types and first[0] not in coding.crowd_types:
        # Only a word that names a demonstration makes one of another anchor: officers
        # who 'stormed' a hideout are no crowd. It does so where the anchor allows it or
        # shows a crowd itself (scuffles, a blockade, police dispersing someone).
        named = bool(categories & coding.strong_crowd)
        signs = bool(anchor & (coding.weak_crowd | set(MODIFIER_CATEGORIES)))
        return whole if named and (signs or whole[0] in allowed) else first
    if whole[0] in allowed or _refined_through(first, whole, categories, anchor, coding):
        return whole
    return first


def _refined_through(first: tuple[str, str], whole: tuple[str, str], categories: set[str],
                     anchor: set[str], coding: CodingRules) -> bool:
    """Whether a bare anchor ("Deadly attack in X", "Attaque meurtrière à X": an attack
    named, not whom it harmed) takes the coding later sentences give through the
    categories coding.json's ``refines_through`` lists (its victims named as soldiers).
    An anchor that tells the harm ("Gunmen kill 12 villagers") already tells its event."""
    through = coding.refines_through.get(first[1], {}).get(whole[0], frozenset())
    return bool(through) and anchor <= BARE_HARM and bool((categories - anchor) & through)


# An attack named without the harm done ('assault': attack, raid, gunmen): all a bare
# anchor holds. Killing or wounding ('attack') tells whom it harmed.
BARE_HARM = frozenset({"assault"})


def labelled_coding(text: str) -> tuple[tuple[str, str], int] | None:
    """The coding a note's opening tag gives ("Movement of forces: On 10 May ..."), with
    where the tag ends; None for a text that opens otherwise."""
    match = _NOTE_LABEL.match(text)
    if match is None:
        return None
    coding = coding_rules().note_labels.get(match["label"])
    return (coding, match.end()) if coding else None


_NOTE_LABEL = re.compile(r"\s*(?P<label>[A-Z][a-z]+(?:[ -][a-z]+){0,3}):\s")


def _decisive(categories: set[str], coding: CodingRules) -> bool:
    """Whether categories name an event kind of their own, not only a crowd or police."""
    return bool(categories - coding.weak_crowd - set(MODIFIER_CATEGORIES))


def _coding(categories: set[str], anchor: set[str] | None, coding: CodingRules
            ) -> tuple[str, str] | None:
    """The coding of one set of categories (see coding.json for the order)."""
    anchor = categories if anchor is None else anchor
    over = [c for c in coding.over_crowd if c in anchor and c in categories]
    if categories & coding.strong_crowd and not over:
        return _protest_coding(categories, coding)
    others = {c for c, _ in coding.precedence} - coding.weak_keeps - set(MODIFIER_CATEGORIES)
    if categories & coding.weak_crowd and not categories & others:
        return _protest_coding(categories, coding)
    for category, event_coding in coding.precedence:
        if category in categories and not categories & coding.gives_way_to.get(category, set()):
            return event_coding
    return None


def _protest_coding(categories: set[str], coding: CodingRules) -> tuple[str, str]:
    """Protests or Riots: what the crowd did outranks what the police did to it."""
    family = coding.protest_family
    for modifier in MODIFIER_CATEGORIES:
        if modifier in categories:
            return family[modifier]
    return family["peaceful" if categories & (coding.strong_crowd - {"riot"})
                  or not categories & {"riot"} else "riot_only"]
