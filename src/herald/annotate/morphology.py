"""Place names as inflected or prefixed words: "в Бейруте" is Beirut, "Гянджи" Ganja,
"Агдамский район" the district of Aghdam, "بجنوب السودان" "in South Sudan".

The gazetteer holds names in their dictionary form. Russian inflects them by case
("Бейрут", "в Бейруте", "из Бейрута") and names a district by an adjective ("Агдамский
район"); Arabic writes its conjunctions and prepositions ("و" and, "ب" in, "ل" for)
glued to the next word. Russian forms come from ``pymorphy3`` with its OpenCorpora
dictionary (``pymorphy3-dicts-ru``), which also guesses the forms of names it has never
seen ("Гянджи" -> "гянджа"); Polish forms ("w Warszawie", "w Nowym Sączu") from
``simplemma``'s lemma dictionary, with a few case endings as the fallback where it reads
a town as another word; Arabic prefixes are stripped by the table in
``rules/morphology.json``. All only run on capitalised (or caseless-script) words that
the gazetteer did not find as written.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import cache, lru_cache
from typing import Any

from herald.annotate.rules import data_table

# Lemmas kept per word: the analyser ranks a place's reading ("Geox") first when it
# knows one; two readings cover a surname that is also a town ("Бахмут").
MAX_LEMMAS = 2
# Words remembered: a batch of news repeats its names.
LEMMA_CACHE = 1 << 14
# simplemma's lemma dictionary read in place rather than as a dict: measured for Polish,
# 60 MB and 1.6 s on a process's first Polish word, against 414 MB and 3.0 s, with the
# same lemmas (each worker that meets a Polish page loads it).
LOW_MEMORY_LEMMAS = True
# The shortest remainder a prefix may leave: "ولد" is a word, not و + "لد".
MIN_REMAINDER_CHARS = 3


@cache
def table() -> dict[str, Any]:
    return data_table("morphology")


@cache
def analyser(language: str) -> Any | None:
    """The language's morphological analyser, or None where the table names none."""
    if language not in table()["lemmatised_languages"]:
        return None
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


def inflects_names(language: str) -> bool:
    """Whether the language's place names are also looked up by their dictionary forms."""
    return analyser(language) is not None or _word_lemmatised(language)


def _word_lemmatised(language: str) -> bool:
    return language in table()["word_lemmatised_languages"]


@lru_cache(maxsize=LEMMA_CACHE)
def lemmas(word: str, language: str) -> tuple[str, ...]:
    """Dictionary forms of a word, a place's reading first ("Бейруте" -> "бейрут")."""
    if _word_lemmatised(language):
        return _word_lemmas(word, language)
    morph = analyser(language)
    if morph is None:
        return ()
    parses = sorted(morph.parse(word), key=lambda p: ("Geox" not in p.tag, -p.score))
    found: list[str] = []
    for parse in parses:
        if parse.normal_form not in found:
            found.append(parse.normal_form)
    return tuple(found[:MAX_LEMMAS])


def _word_lemmas(word: str, language: str) -> tuple[str, ...]:
    """The lemma dictionary's form ("Warszawie" -> "Warszawa"), then the word less a case
    ending ("Lublinie" -> "Lublin", which the dictionary reads as "Lublino")."""
    found = [_dictionary_lemma(word, language)]
    for ending, replacement in table()["case_endings"].get(language, ()):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_REMAINDER_CHARS:
            found.append(word[: len(word) - len(ending)] + replacement)
    return tuple(dict.fromkeys(form for form in found if form != word))


def inflected_keys(words: list[str], language: str) -> list[str]:
    """Lookup forms of a run of inflected words: each word by its lemmas ("Нагорного
    Карабаха" -> "нагорный карабах")."""
    options = [lemmas(word, language) for word in words]
    if not all(options):
        return []
    return [" ".join(combination) for combination in itertools.product(*options)]


def names_a_district(word: str, language: str) -> bool:
    """Whether a word is a unit such as "район" or "области" (any case)."""
    return is_one_of(word, "unit_words", language)


def names_a_settlement(word: str, language: str) -> bool:
    """Whether a word is a settlement word such as "посёлка" or "селе" (any case)."""
    return is_one_of(word, "settlement_words", language)


def is_one_of(word: str, table_name: str, language: str) -> bool:
    listed = set(table()[table_name].get(language, ()))
    folded = word.casefold()  # as written, for a language with no analyser (Arabic)
    return bool(listed) and (folded in listed
                             or any(lemma in listed for lemma in lemmas(folded, language)))


def region_forms(adjective: str, unit: str, language: str) -> list[str]:
    """The region's own name in the dictionary form ("Харьковской области" ->
    "харьковская область", "харьковская"): the adjective agrees with its unit."""
    morph = analyser(language)
    if morph is None:
        return []
    units = [p for p in morph.parse(unit) if p.tag.POS == "NOUN"]
    adjectives = [p for p in morph.parse(adjective) if p.tag.POS == "ADJF"]
    if not units or not adjectives:
        return []
    noun = units[0]
    agreed = adjectives[0].inflect({noun.tag.gender or "masc", "sing", "nomn"})
    if agreed is None:
        return []
    return [f"{agreed.word} {noun.normal_form}", agreed.word]


def town_of_adjective(word: str, language: str) -> list[str]:
    """Town names an adjective stands for ("Агдамский" -> "агдам", "Донецкой" ->
    "донецк", "Харьковской" -> "харьков")."""
    endings = table()["adjective_endings"].get(language, ())
    towns = []
    for lemma in lemmas(word, language):
        for ending, replacement in endings:
            if lemma.endswith(ending) and len(lemma) > len(ending) + 2:
                towns.append(lemma[: len(lemma) - len(ending)] + replacement)
    return towns


def proclitics(word: str) -> list[tuple[int, str, bool]]:
    """Ways to read an Arabic-script word as prefixes plus a name: (characters
    stripped, the name as the gazetteer writes it, whether a prefix says "in").
    "بجنوب" -> (1, "جنوب", True); "وللسودان" -> (2, "السودان", False)."""
    if not word or not unicodedata.name(word[0], "").startswith("ARABIC"):
        return []
    found = []
    for prefix, meaning in table()["proclitics"].items():
        if not word.startswith(prefix) or len(word) - len(prefix) < MIN_REMAINDER_CHARS:
            continue
        rest = word[len(prefix) :]
        if meaning.get("restores"):  # "لل" + "سودان": ل + (ا)ل + سودان
            rest = meaning["restores"] + rest
        found.append((len(prefix), rest, bool(meaning.get("locative"))))
    return sorted(found, key=lambda item: -item[0])


def dictionary_form(name: str, language: str) -> str:
    """A name written in another case, in its dictionary form ("Нагорном Карабахе" ->
    "Нагорный Карабах", "Малой Токмачке" -> "Малая Токмачка"), or "" where the
    language has no analyser. A word that may already be nominative stays as written
    ("Новоселки"); an unknown word takes the gender of the word before it."""
    if _word_lemmatised(language):
        return _dictionary_form_by_words(name, language)
    morph = analyser(language)
    if morph is None or not any(char.isalpha() for char in name):
        return ""
    words: list[str] = []
    gender = None
    for word in name.split():
        parses = morph.parse(word)
        if any("nomn" in p.tag for p in parses):
            words.append(word)
            gender = next((p.tag.gender for p in parses if "nomn" in p.tag), gender)
            continue
        agreeing = [p for p in parses if gender and p.tag.gender == gender]
        first = next(iter([p for p in parses if "Geox" in p.tag] or agreeing or parses))
        form = (first.inflect({"nomn"}) or first).word
        gender = first.tag.gender or gender
        words.append(_cased_as(form, word))
    return " ".join(words)


def _cased_as(form: str, word: str) -> str:
    """A lemma capitalised as the word it was read from was."""
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def _dictionary_lemma(word: str, language: str) -> str:
    """simplemma's lemma of a word (the word itself where its dictionary lacks it)."""
    import simplemma

    return simplemma.lemmatize(word, lang=language, low_memory=LOW_MEMORY_LEMMAS)


def _dictionary_form_by_words(name: str, language: str) -> str:
    """Each word by the lemma dictionary's form, as capitalised as it was written ("w
    Nowym Sączu" -> "Nowy Sącz"); "" where no word changes."""
    words = [_cased_as(_dictionary_lemma(word, language), word) if word.isalpha() else word
             for word in name.split()]
    form = " ".join(words)
    return form if form != name else ""
