"""Scoring quotegraph's dated events and statements against MEANTIME's temporal links.

    quotegraph eval event-times ../shared/data/meantime_en/intra-doc_annotation

MEANTIME links event mentions to the time expressions of their sentence with TLINKs
("Ford announced on Monday": announced IS_INCLUDED Monday). quotegraph dates an event (a
record's `events`: trigger, time, relation) or a statement (a quote's `time`, its cue the
trigger) when a DATE or TIME expression modifies the predicate. Definitions: docs/evaluation.md,
"MEANTIME: events in time".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from .common import error_sample
from .meantime import Markable, MeantimeDocument, scored_run

# A TLINK read from the event's side when the time expression is its source.
_INVERSE = {"INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES", "BEFORE": "AFTER", "AFTER": "BEFORE",
            "IBEFORE": "IAFTER", "IAFTER": "IBEFORE", "BEGINS": "BEGUN_BY", "BEGUN_BY": "BEGINS",
            "ENDS": "ENDED_BY", "ENDED_BY": "ENDS"}
# quotegraph's relation (from the preposition: "on", "since", ...) and the TLINK types it agrees with.
AGREEING = {
    None: frozenset({"IS_INCLUDED", "INCLUDES", "SIMULTANEOUS", "DURING", "IDENTITY"}),
    "before": frozenset({"BEFORE", "IBEFORE"}),
    "after": frozenset({"AFTER", "IAFTER"}),
    "since": frozenset({"BEGUN_BY", "AFTER"}),
    "from": frozenset({"BEGUN_BY", "AFTER"}),
    "until": frozenset({"ENDED_BY", "BEFORE"}),
    "by": frozenset({"ENDED_BY", "BEFORE"}),
}
# Time expressions quotegraph anchors events to: points in time, not durations ("for three
# years"), sets ("every Monday") or reference values ("now", "recently").
_POINT_TYPES = frozenset({"DATE", "TIME"})

CharRange = tuple[int, int]


@dataclass(frozen=True)
class GoldLink:
    """A TLINK between an event mention and a time expression in the text, as the event's
    relation to the time (`reltype`)."""

    event: Markable
    timex: Markable
    reltype: str

    @property
    def attempted(self) -> bool:
        """Whether quotegraph sets out to find links of this kind: to a point in time (DATE
        or TIME, not a reference value such as PRESENT_REF), not a duration's MEASURE."""
        value = (self.timex.get("value") or "").strip()
        return ((self.timex.get("type") or "").strip() in _POINT_TYPES and not value.endswith("_REF")
                and self.reltype != "MEASURE")


@dataclass(frozen=True)
class PredictedLink:
    """One of quotegraph's dated events ("event") or dated statements ("statement")."""

    trigger: CharRange
    timex: CharRange
    relation: str | None
    kind: str


def _in_text_timex(markable: Markable) -> bool:
    return markable.tag == "TIMEX3" and bool(markable.spans) and markable.get("functionInDocument") != "CREATION_TIME"


def gold_links(doc: MeantimeDocument) -> list[GoldLink]:
    """The document's TLINKs between an event mention and a time expression of the text
    (not the document creation time, which quotegraph does not link events to)."""
    links = []
    for relation in doc.relations:
        if relation.tag != "TLINK" or not relation.sources or not relation.targets:
            continue
        source, target = doc.markables.get(relation.sources[0]), doc.markables.get(relation.targets[0])
        reltype = (relation.attrs.get("reltype") or "").strip()
        if source is None or target is None:
            continue
        if source.tag == "TIMEX3" and target.tag == "EVENT_MENTION":
            source, target, reltype = target, source, _INVERSE.get(reltype, reltype)
        if source.tag == "EVENT_MENTION" and source.spans and _in_text_timex(target):
            links.append(GoldLink(source, target, reltype))
    return links


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def predicted_links(record: Any, annotated_end: int | None = None) -> list[PredictedLink]:
    """A record's dated events and dated statements (a `Record` or its dict), those whose
    trigger starts before `annotated_end` (MEANTIME annotates the first sentences only)."""
    times = {_get(t, "id"): (_get(t, "start"), _get(t, "end")) for t in _get(record, "times") or []}
    links = []
    for event in _get(record, "events") or []:
        trigger = _get(event, "trigger")
        links.append(PredictedLink((trigger["start"], trigger["end"]), times[event["time"]],
                                   event.get("relation"), "event"))
    for quote in _get(record, "quotes") or []:
        cue, time = _get(quote, "cue"), _get(quote, "time")
        if cue is not None and time is not None:
            links.append(PredictedLink((_get(cue, "start"), _get(cue, "end")), times[time], None, "statement"))
    return [link for link in links if annotated_end is None or link.trigger[0] < annotated_end]


def _touches(span: CharRange, markable: Markable) -> bool:
    return any(span[0] < end and start < span[1] for start, end in markable.spans)


def _matches(predicted: PredictedLink, gold: GoldLink) -> bool:
    return _touches(predicted.trigger, gold.event) and _touches(predicted.timex, gold.timex)


@dataclass
class Judged:
    """One document's links, each judged: gold links found or missed, predictions right,
    wrong (both ends are annotated, the corpus links them otherwise or not at all) or
    unjudged (an end the corpus did not annotate: it says nothing about them)."""

    doc: MeantimeDocument
    found: list[tuple[GoldLink, PredictedLink]]
    missed: list[GoldLink]
    right: list[PredictedLink]
    wrong: list[PredictedLink]
    unjudged: list[PredictedLink]


def judge(doc: MeantimeDocument, record: Any) -> Judged:
    """`record`'s dated events and statements against `doc`'s links (see `Judged`)."""
    golds = gold_links(doc)
    predicted = predicted_links(record, doc.annotated_end)
    events = [m for m in doc.of_tag("EVENT_MENTION") if m.spans]
    timexes = [m for m in doc.markables.values() if _in_text_timex(m)]
    found, missed = [], []
    for gold in golds:
        match = next((p for p in predicted if _matches(p, gold)), None)
        if match is None:
            missed.append(gold)
        else:
            found.append((gold, match))
    right, wrong, unjudged = [], [], []
    for link in predicted:
        if not any(_touches(link.trigger, m) for m in events) or not any(_touches(link.timex, m) for m in timexes):
            unjudged.append(link)
        elif any(_matches(link, gold) for gold in golds):
            right.append(link)
        else:
            wrong.append(link)
    return Judged(doc, found, missed, right, wrong, unjudged)


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score(docs: Sequence[MeantimeDocument], records: Sequence[Any]) -> dict[str, Any]:
    """Recall over the gold links (all, and those quotegraph attempts), precision over the
    judged predictions, F1 of the two, relation agreement over found links; by kind
    (events, statements) too."""
    if len(docs) != len(records):
        raise ValueError(f"{len(docs)} documents but {len(records)} records")
    judged = [judge(doc, record) for doc, record in zip(docs, records)]
    return figures(judged)


def _count(links: Iterable[PredictedLink], kind: str) -> int:
    return sum(1 for link in links if kind == "all" or link.kind == kind)


def figures(judged: Sequence[Judged]) -> dict[str, Any]:
    """The figures of `score` from judged documents."""
    found = [pair for j in judged for pair in j.found]
    gold = len(found) + sum(len(j.missed) for j in judged)
    attempted = [g for j in judged for g in (*(g for g, _ in j.found), *j.missed) if g.attempted]
    found_attempted = sum(1 for g, _ in found if g.attempted)
    result: dict[str, Any] = {"documents": len(judged), "gold_links": gold, "gold_attempted": len(attempted)}
    recall = _ratio(found_attempted, len(attempted))
    for kind in ("all", "event", "statement"):
        right = sum(_count(j.right, kind) for j in judged)
        wrong = sum(_count(j.wrong, kind) for j in judged)
        unjudged = sum(_count(j.unjudged, kind) for j in judged)
        result[kind] = {"predicted": right + wrong + unjudged, "judged": right + wrong, "right": right,
                        "unjudged": unjudged, "precision": _ratio(right, right + wrong)}
    overall = result["all"]
    overall["recall"] = recall
    overall["recall_all_links"] = _ratio(len(found), gold)
    overall["f1"] = _f1(overall["precision"], recall)
    agreeing = sum(1 for g, p in found if g.reltype in AGREEING.get(p.relation, ()))
    overall["relation_agreement"] = _ratio(agreeing, len(found))
    return result


def run(path: str | Path, *, options: Any = None, limit: int | None = None) -> tuple[dict[str, Any], Any, Any]:
    """(scores, documents, records) of a MEANTIME folder."""
    return scored_run(path, score, options=options, limit=limit)


def evaluate_dir(path: str | Path, *, options: Any = None, limit: int | None = None) -> dict[str, Any]:
    """Extract from every MEANTIME document under `path` and score its dated events and statements.

    Raises FileNotFoundError (with what was expected) when `path` holds no *.xml.
    """
    result, _, _ = run(path, options=options, limit=limit)
    return result


def format_report(result: dict[str, Any]) -> str:
    """The figures as a small table (percentages)."""
    overall = result["all"]
    lines = [
        f"MEANTIME events in time {result.get('corpus', '')}".rstrip()
        + f": {result['documents']} documents, {result['gold_links']} gold event-time links in the text "
          f"({result['gold_attempted']} to a point in time)",
        "",
        f"{'links':<11} {'predicted':>9} {'judged':>7} {'right':>6} | {'precision':>9}",
    ]
    for kind in ("event", "statement", "all"):
        r = result[kind]
        lines.append(f"{kind:<11} {r['predicted']:>9} {r['judged']:>7} {r['right']:>6} | {r['precision'] * 100:>9.1f}")
    lines += [
        "",
        f"recall {overall['recall'] * 100:.1f} (links to a point in time; {overall['recall_all_links'] * 100:.1f} of all "
        f"links), precision {overall['precision'] * 100:.1f}, F1 {overall['f1'] * 100:.1f}; relation agrees on "
        f"{overall['relation_agreement'] * 100:.1f}% of the links found",
        "judged: both ends annotated in the corpus (an event mention and a time expression of the text); a judged "
        "prediction is right when the corpus links the two. Unjudged predictions are not scored.",
    ]
    return "\n".join(lines)


def format_errors(judged: Sequence[Judged], n: int, *, seed: int = 0) -> str:
    """`n` sampled missed links (to a point in time) and `n` wrong predictions, with context."""
    missed = [(j.doc, g) for j in judged for g in j.missed if g.attempted]
    header, sample = error_sample("missed (links to a point in time)", missed, n, seed=seed,
                                  key=lambda item: (item[0].id, item[1].event.start))
    lines = [header]
    for doc, gold in sample:
        lines.append(f"- {doc.id}: {doc.mention_text(gold.event)!r} {gold.reltype} {doc.mention_text(gold.timex)!r}"
                     f"  | {_around(doc.text, gold.event.start, gold.event.end)}")
    wrong = [(j.doc, p) for j in judged for p in j.wrong]
    header, chosen = error_sample("wrong (dated events and statements)", wrong, n, seed=seed,
                                  key=lambda item: (item[0].id, item[1].trigger))
    lines.append(header)
    for doc, link in chosen:
        trigger, timex = doc.text[slice(*link.trigger)], doc.text[slice(*link.timex)]
        lines.append(f"- {doc.id}: {link.kind} {trigger!r} {link.relation or 'at'} {timex!r}"
                     f"  | {_around(doc.text, *link.trigger)}")
    return "\n".join(lines)


def _around(text: str, start: int, end: int, width: int = 70) -> str:
    return " ".join(text[max(0, start - width):end + width].split())
