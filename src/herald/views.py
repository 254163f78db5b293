"""Rich renderings for `herald show` and `herald outlets` (the CLI's side of talking to people)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from herald.model import Article, Event

SEGMENT_STYLES = {
    "title": "bold",
    "body": "",
    "quote": "italic cyan",
    "caption": "dim magenta",
    "boilerplate": "dim strike",
    "comments": "yellow",
}
FLAG_STYLE = "bold red underline"


def article_view(article: Article) -> RenderableType:
    """The article's text, each segment in its colour, flagged spans in red."""
    text = Text(article.text)
    for segment in article.segments:
        style = SEGMENT_STYLES.get(segment.kind, "")
        if style:
            text.stylize(style, segment.start, segment.end)
    for flag in article.framing.get("flags", []):
        text.stylize(FLAG_STYLE, flag["start"], flag["end"])
    legend = Text("  ".join(f"[{kind}]" for kind in SEGMENT_STYLES))
    for kind, style in SEGMENT_STYLES.items():
        start = legend.plain.find(f"[{kind}]")
        legend.stylize(style or "white", start, start + len(kind) + 2)
    header = (f"{article.id} · {article.outlet or 'unknown outlet'} · "
              f"{article.published or 'no date'} · {article.language}")
    return Group(Text(header, style="bold"), legend, Panel(text))


def event_view(event: Event, sources: list[Article]) -> RenderableType:
    """The event's coded fields, then each source side by side: headline, claims, words."""
    facts = Table.grid(padding=(0, 2))
    facts.add_row("type", f"{event.event_type} / {event.sub_event_type}")
    facts.add_row("date", f"{event.date.value or '—'} ({event.date.precision})")
    place = ", ".join(filter(None, [event.location.name, event.location.admin1,
                                    event.location.country]))
    facts.add_row("place", place or "—")
    for actor in event.actors:
        facts.add_row(actor.role, actor.name)
    for conflict in event.conflicts:
        facts.add_row("[red]conflict[/red]", conflict)
    by_article = {article.id: article for article in sources}
    columns = [_source_panel(event, source.article, by_article.get(source.article))
               for source in event.sources]
    return Group(Panel(facts, title=f"event {event.id}"), Columns(columns, equal=True))


def _source_panel(event: Event, article_id: str, article: Article | None) -> Panel:
    lines: list[RenderableType] = []
    if article is not None:
        lines.append(Text(article.title or "(no title)", style="bold"))
    for claim in event.claims:
        if claim.article == article_id:
            lines.append(Text(f"{claim.field}: {claim.qualifier + ' ' if claim.qualifier else ''}"
                              f"{claim.value} per {claim.claimed_by}"))
    for actor in event.actors:
        words = sorted({label.text for label in actor.labels if label.article == article_id})
        if words:
            lines.append(Text(f"{actor.name}: {', '.join(words)}", style="cyan"))
    if article is not None:
        lines.extend(_framing_lines(article.framing))
    outlet = article.outlet if article is not None else None
    return Panel(Group(*lines), title=f"{outlet or article_id} ({article_id})")


def _framing_lines(framing: dict[str, Any]) -> list[RenderableType]:
    words: dict[str, set[str]] = defaultdict(set)
    for label in framing.get("labels", []):
        if label.get("voice") != "comment":
            words[label["group"]].add(label["text"] + (" (loaded)" if label.get("loaded") else ""))
    lines: list[RenderableType] = [Text(f"{group}: {', '.join(sorted(texts))}", style="magenta")
                                   for group, texts in sorted(words.items())]
    for flag in framing.get("flags", []):
        lines.append(Text(f"⚑ {flag['kind']} ({flag['segment']}, target {flag.get('target')}): "
                          f"{flag['text']}", style="red"))
    comments = framing.get("comments") or {}
    if comments.get("count"):
        lines.append(Text(f"comments: {_comments_text(comments)}", style="yellow"))
    return lines


def _comments_text(comments: dict[str, Any]) -> str:
    """"12 seen, 3 flagged (hate 2, slur 1)": a comment may carry several kinds."""
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(comments.get("by_kind", {}).items()))
    flagged = f"{comments.get('flagged', 0)} flagged" + (f" ({kinds})" if kinds else "")
    return f"{comments.get('count', 0)} seen, {flagged}"


def outlets_view(articles: list[Article], events: list[Event]) -> RenderableType:
    """Per outlet, across its articles: events reported, words per group, flags, comments."""
    from herald.framing import summarise_outlet

    outlet_of = {article.id: article.outlet or "unknown" for article in articles}
    reported: dict[str, int] = defaultdict(int)
    for event in events:
        for outlet in {outlet_of.get(source.article, "unknown") for source in event.sources}:
            reported[outlet] += 1
    summaries = summarise_outlet([(outlet_of[a.id], a.framing) for a in articles])
    table = Table("outlet", "articles", "events", "words for each group", "flags", "comments")
    for outlet, summary in summaries.items():
        table.add_row(outlet, str(summary["articles"]), str(reported.get(outlet, 0)),
                      _labels_text(summary), _flags_text(summary),
                      _comments_text(summary["comments"]))
    return table


def _labels_text(summary: dict[str, Any]) -> str:
    lines = []
    for group, counted in summary["top_labels"].items():
        words = ", ".join(f"{text} ×{n}" if n > 1 else text for text, n in counted)
        share = summary["loaded_share"].get(group)
        loaded = f" [red]{share:.0%} loaded[/red]" if share else ""
        lines.append(f"[bold]{group}[/bold]: {words}{loaded}")
    return "\n".join(lines)


def _flags_text(summary: dict[str, Any]) -> str:
    return "\n".join(
        f"{kind}: " + ", ".join(f"{n} in {segment}" for segment, n in by_segment.items())
        for kind, by_segment in summary["flags"].items()
    )
