"""The timeline view: an article's dated events and statements in calendar order.

Items come from records (`events`, and `quotes` with a `time`), each placed by the value
of its time expression; how partial and unresolved values sort: the comment above
`build_timeline`.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..record import Record
from .anchoring import calendar_date

_PRECISION_RANK = {"decade": 0, "year": 1, "half": 2, "quarter": 3, "season": 4, "month": 5,
                   "week": 6, "weekend": 7, "day": 8, "time": 9}
_SEASONS = {"WI": 12, "SP": 3, "SU": 6, "FA": 9}  # meteorological seasons; winter starts the year before
_DECADE = re.compile(r"^(\d{3})$")
_WORD_SPACE = re.compile(r"\s+")
_PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}


def period_start(value: str | None) -> tuple[dt.date, str, str] | None:
    """(first day, precision, time of day or "") of a TIMEX3 calendar value, else None."""
    if value and _DECADE.match(value):
        return dt.date(int(value) * 10, 1, 1), "decade", ""
    date = calendar_date(value)
    if date is None:
        return None
    assert value is not None
    clock = value[len(date) + 1:] if len(value) > len(date) else ""
    try:
        year, rest = int(date[:4]), date[5:]
        if not rest:
            return dt.date(year, 1, 1), "year", ""
        if rest in _SEASONS:
            month = _SEASONS[rest]
            return dt.date(year - 1 if rest == "WI" else year, month, 1), "season", ""
        if rest.startswith("W"):
            week = int(rest[1:3])
            if rest.endswith("-WE"):
                return dt.date.fromisocalendar(year, week, 6), "weekend", ""
            return dt.date.fromisocalendar(year, week, 1), "week", ""
        if rest.startswith("Q"):
            return dt.date(year, 3 * int(rest[1]) - 2, 1), "quarter", ""
        if rest.startswith("H"):
            return dt.date(year, 1 if rest[1] == "1" else 7, 1), "half", ""
        if len(rest) == 2:
            return dt.date(year, int(rest), 1), "month", ""
        day = dt.date(year, int(rest[:2]), int(rest[3:5]))
        return (day, "time", clock) if clock else (day, "day", "")
    except ValueError:  # "2025-02-30", "2025-W54": not a real day
        return None


def placement(value: str | None) -> tuple[tuple, str | None, str]:
    """Where an item whose time expression has the TIMEX3 `value` sorts (the comment above
    `build_timeline`): the start of its sort key, its calendar date and its precision."""
    start = period_start(value)
    if start is None:
        return (1, dt.date.max, 0, ""), None, "unresolved"
    return (0, start[0], _PRECISION_RANK[start[1]], start[2]), calendar_date(value), start[1]


@dataclass
class Timeline:
    items: list[dict[str, Any]] = field(default_factory=list)
    undated: int = 0  # statements (and events) without a usable time, left out
    articles: int = 0

    @property
    def unresolved(self) -> int:
        return sum(1 for item in self.items if item["precision"] == "unresolved")


# Each item is placed by the value of its time expression:
#
# - a calendar value sorts at the start of its period: 2025-03 on March 1, 2025-W15 on the
#   Monday of that week, 2025-Q2 on April 1, 2025 on January 1; at the same start a coarser
#   period comes first, then articles in input order and text order. Each item says its
#   `precision` (day, week, month, ...).
# - a value the tagger could not anchor ("XXXX-04-14", "PRESENT_REF") goes last, in text
#   order, with precision "unresolved".
# - statements without a time are left out and counted (`Timeline.undated`).
# - an event told inside a statement's content carries `reported_in` (the quote and its
#   speaker): it is a claim of that speaker, not the article's own report.
def build_timeline(records: Iterable[Record],
                   include: Callable[[Record, str, dict[str, Any]], bool] | None = None) -> Timeline:
    """The dated items of `records`, in calendar order (see the comment above).

    `include(record, kind, item)`, when given, keeps only the items it accepts (the store's
    timeline of one entity: its statements and the events it takes part in); the others are
    neither listed nor counted as undated.
    """
    timeline = Timeline()
    keyed: list[tuple[tuple, dict[str, Any]]] = []
    for number, record in enumerate(records):
        timeline.articles += 1
        times = {t.id: t for t in record.times}
        names = {e.id: e.name for e in record.entities}
        contents: _Contents | None = None
        for kind, time_id, item in _raw_items(record, names):
            if include is not None and not include(record, kind, item):
                continue
            if kind == "event":
                contents = contents or _Contents(record)
                item["reported_in"] = contents.reporting_quote(item["trigger"])
            timex = times.get(time_id) if time_id else None
            if timex is None:
                timeline.undated += 1
                continue
            key, date, precision = placement(timex.value)
            item.update({
                "article": record.id, "time_id": time_id,
                "time": {"start": timex.start, "end": timex.end, "text": timex.text, "value": timex.value},
                "date": date, "precision": precision, "kind": kind,
            })
            keyed.append(((*key, number, item["offset"]), item))
    keyed.sort(key=lambda pair: pair[0])
    timeline.items = [_ordered(item) for _, item in keyed]
    return timeline


def _raw_items(record: Record, names: dict[str, str]) -> Iterable[tuple[str, str | None, dict[str, Any]]]:
    for event in record.events:
        participants = [{**p.to_dict(), "name": names.get(p.entity) if p.entity is not None else None}
                        for p in event.participants]
        yield "event", event.time, {
            "id": event.id, "text": event.trigger.text, "offset": event.trigger.start,
            "trigger": event.trigger.to_dict(), "participants": participants, "relation": event.relation,
            "negated": event.negated, "sentence": event.sentence.to_dict() if event.sentence is not None else None,
            "reported_in": None,  # set once the event is kept (build_timeline)
        }
    for quote in record.quotes:
        content = [span.to_dict() for span in quote.content]
        yield "statement", quote.time, {
            "id": quote.id, "text": " … ".join(span.text for span in quote.content),
            "offset": quote.cue.start if quote.cue else quote.start,
            "speaker": quote.speaker.to_dict() if quote.speaker else None,
            "source": quote.source.to_dict() if quote.source else None,
            "cue": quote.cue.to_dict() if quote.cue else None,
            "content": content, "quote_type": quote.type,
            "snippet": _statement_snippet(record.text, quote),
        }


class _Contents:
    """An article's quote contents sorted by where they start, to find the statement whose
    content holds an event's trigger without comparing every event with every quote (an
    article of 2,000 events and 1,000 quotes made 2.3M comparisons on each timeline)."""

    def __init__(self, record: Record) -> None:
        spans = sorted((span.start, span.end, order, quote) for order, quote in enumerate(record.quotes)
                       for span in quote.content)
        self.starts = [start for start, *_ in spans]
        self.spans = spans
        self.longest = max((end - start for start, end, *_ in spans), default=0)

    def reporting_quote(self, trigger: dict[str, Any]) -> dict[str, Any] | None:
        """The statement whose content tells of the event ("he was arrested on March 12,"
        Trump said): an event a speaker claims, not one the article reports in its own
        voice. The first such quote in the record's order, as a scan of them all finds."""
        found = None
        # the spans starting at most `longest` before the trigger are the only ones that can hold it
        for index in range(bisect.bisect_right(self.starts, trigger["start"]) - 1, -1, -1):
            start, end, order, quote = self.spans[index]
            if start < trigger["start"] - self.longest:
                break
            if trigger["end"] <= end and (found is None or order < found[0]):
                found = (order, quote)
        if found is None:
            return None
        quote = found[1]
        return {"quote": quote.id, "speaker": quote.speaker.to_dict() if quote.speaker else None}


def _statement_snippet(text: str, quote: Any) -> dict[str, Any]:
    spans = [*quote.content, *(s for s in (quote.cue, quote.source) if s is not None)]
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    return {"start": start, "end": end, "text": text[start:end]}


_KEY_ORDER = ("article", "date", "precision", "kind", "time_id", "time", "id", "text")


def _ordered(item: dict[str, Any]) -> dict[str, Any]:
    item.pop("offset", None)
    return {**{k: item[k] for k in _KEY_ORDER}, **{k: v for k, v in item.items() if k not in _KEY_ORDER}}


# -- output ----------------------------------------------------------------------------------


def notes(timeline: Timeline) -> list[str]:
    """What the view leaves out or cannot place, in words."""
    out = []
    if timeline.undated:
        out.append(f"{_count(timeline.undated, 'undated item')} left out "
                   "(statements and events whose time is not given in the text)")
    if timeline.unresolved:
        out.append(f"{_count(timeline.unresolved, 'item')} with a relative date "
                   "that could not be resolved (no publication date?) listed last")
    return out


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


_COLUMNS = (("DATE", 24), ("KIND", 9), ("WHO", 22), ("WHAT", 46), ("SOURCE", 60))


def format_text(timeline: Timeline) -> str:
    """A table for the terminal: date, kind, who, what, and the text it comes from."""
    many = len({item["article"] for item in timeline.items}) > 1
    columns = ((("ARTICLE", 18),) if many else ()) + _COLUMNS
    lines = ["  ".join(name.ljust(width) for name, width in columns).rstrip(),
             "  ".join("-" * width for _, width in columns)]
    for item in timeline.items:
        cells = ([str(item["article"])] if many else []) + [
            _date_cell(item), item["kind"], _who(item), _what(item), _snippet(item)]
        lines.append("  ".join(_fit(cell, width).ljust(width) for cell, (_, width) in zip(cells, columns)).rstrip())
    kinds = [item["kind"] for item in timeline.items]
    summary = (f"{_count(len(kinds), 'dated item')} ({_count(kinds.count('event'), 'event')}, "
               f"{_count(kinds.count('statement'), 'statement')}) from {_count(timeline.articles, 'article')}")
    if not kinds:
        lines = []
        summary = f"no dated events or statements in {_count(timeline.articles, 'article')}"
    return "\n".join([*lines, *([""] if lines else []), summary, *notes(timeline)]) + "\n"


def _date_cell(item: dict[str, Any]) -> str:
    if item["precision"] == "unresolved":
        return f"{item['time']['value']} (unresolved)"
    if item["precision"] == "day":
        return item["date"]
    if item["precision"] == "time":
        clock = item["time"]["value"][len(item["date"]) + 1:]
        return f"{item['date']} {_PARTS_OF_DAY.get(clock, clock)}"
    return f"{item['date']} ({item['precision']})"


def _who(item: dict[str, Any]) -> str:
    if item["kind"] == "statement":
        if item["speaker"]:
            return item["speaker"]["name"]
        return item["source"]["text"] if item["source"] else "?"
    agents = [p["name"] for p in item["participants"] if p["role"] == "agent" and p["name"]]
    return ", ".join(dict.fromkeys(agents)) or "-"


def _what(item: dict[str, Any]) -> str:
    if item["kind"] == "statement":
        return f"“{_flat(item['text'])}”"
    what = ("not " if item["negated"] else "") + item["text"]
    if item["relation"]:
        what += f" ({item['relation']} {item['time']['text']})"
    others = [f"{p['role']}: {p['name']}" for p in item["participants"] if p["role"] != "agent" and p["name"]]
    what += f" [{'; '.join(others)}]" if others else ""
    reported = item["reported_in"]
    if reported:
        what += f" (says {reported['speaker']['name'] if reported['speaker'] else 'a quote'})"
    return what


def _snippet(item: dict[str, Any]) -> str:
    span = item["sentence"] if item["kind"] == "event" else item["snippet"]
    return _flat(span["text"]) if span else ""


def _flat(text: str) -> str:
    return _WORD_SPACE.sub(" ", text).strip()


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` characters at a word break where one is near, with "…"."""
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:") + "…"


CSV_COLUMNS = ("article", "date", "precision", "kind", "who", "what", "time_text", "time_value", "id")


def csv_row(item: dict[str, Any]) -> tuple[Any, ...]:
    """One timeline item as a flat row (CSV_COLUMNS), the table's cells without cutting."""
    return (item["article"], item["date"] or "", item["precision"], item["kind"], _who(item), _what(item),
            item["time"].get("text", ""), item["time"].get("value", ""), item["id"])
