"""Scoring quotegraph's dated events and statements against annotated event-time links.

    quotegraph eval event-times ../shared/data/meantime_en/intra-doc_annotation
    quotegraph eval event-times ../shared/data/tempeval3/Training/TBAQ-cleaned

MEANTIME and TimeML (TimeBank, AQUAINT) link event mentions to the time expressions of
their sentence with TLINKs ("Ford announced on Monday": announced IS_INCLUDED Monday).
quotegraph dates an event (a record's `events`: trigger, time, relation) or a statement (a
quote's `time`, its cue the trigger) when a DATE or TIME expression modifies the predicate.
Definitions: docs/evaluation.md, "Events in time".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..text.ranges import CharRange
from .common import error_sample, extract_records, field_of, scored_run
from .meantime import load_document
from .timeml import CREATION_TIME, detect_format, find_files, flatten, load_timeml, local_name, parse_xml

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

Spans = tuple[CharRange, ...]


@dataclass(frozen=True)
class Mention:
    """An annotated event mention or time expression: its characters (one range per run
    of tokens) and, for a time expression, its TIMEX3 type and value."""

    spans: Spans
    type: str = ""
    value: str = ""

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class GoldLink:
    """A TLINK between an event mention and a time expression in the text, as the event's
    relation to the time (`reltype`)."""

    event: Mention
    timex: Mention
    reltype: str

    @property
    def attempted(self) -> bool:
        """Whether quotegraph sets out to find links of this kind: to a point in time (DATE
        or TIME, not a reference value such as PRESENT_REF), not a duration's MEASURE."""
        return (self.timex.type in _POINT_TYPES and not self.timex.value.endswith("_REF")
                and self.reltype != "MEASURE")


@dataclass(frozen=True)
class PredictedLink:
    """One of quotegraph's dated events ("event") or dated statements ("statement")."""

    trigger: CharRange
    timex: CharRange
    relation: str | None
    kind: str


@dataclass
class LinkDocument:
    """One annotated document: what extraction needs (text, publication date, title), its
    annotated event mentions and time expressions of the text, and the links between them."""

    id: str
    corpus: str
    text: str
    published: str | None
    title: str | None
    events: list[Mention]
    timexes: list[Mention]
    links: list[GoldLink]
    annotated_end: int | None = None  # MEANTIME annotates the first sentences only
    format: str = "meantime"

    def show(self, mention: Mention) -> str:
        return " … ".join(self.text[s:e] for s, e in mention.spans)


def _linked(event: Mention | None, timex: Mention | None, reltype: str, event_is_source: bool) -> GoldLink | None:
    if event is None or timex is None:
        return None
    return GoldLink(event, timex, reltype if event_is_source else _INVERSE.get(reltype, reltype))


def read_meantime(path: str | Path, corpus: str = "") -> LinkDocument:
    """A MEANTIME file: TLINKs between an EVENT_MENTION and a TIMEX3 with tokens (the
    creation time has none: links to it are not ours to find)."""
    doc = load_document(path)
    events, timexes = {}, {}
    for m in doc.markables.values():
        if m.tag == "EVENT_MENTION" and m.spans:
            events[m.id] = Mention(m.spans)
        elif m.tag == "TIMEX3" and m.spans and m.get("functionInDocument") != CREATION_TIME:
            timexes[m.id] = Mention(m.spans, (m.get("type") or "").strip(), (m.get("value") or "").strip())
    links = []
    for relation in doc.relations:
        if relation.tag != "TLINK" or not relation.sources or not relation.targets:
            continue
        source, target = relation.sources[0], relation.targets[0]
        reltype = (relation.attrs.get("reltype") or "").strip()
        link = (_linked(events.get(source), timexes.get(target), reltype, True)
                or _linked(events.get(target), timexes.get(source), reltype, False))
        if link is not None:
            links.append(link)
    return LinkDocument(doc.id, corpus, doc.text, doc.published, doc.title or None, list(events.values()),
                        list(timexes.values()), links, annotated_end=doc.annotated_end)


def read_timeml(path: str | Path, corpus: str = "") -> LinkDocument:
    """A TimeML file: EVENTs (through their MAKEINSTANCE ids) and TIMEX3s of the TEXT, and
    the TLINKs between an event instance and a time (eventInstanceID with relatedToTime, or
    timeID with relatedToEventInstance); links to the creation time are left out."""
    root = parse_xml(Path(path))
    timex_doc = load_timeml(path, corpus=corpus, root=root)
    body = next(el for el in root.iter() if local_name(el.tag) == "TEXT")
    _, found = flatten(body, frozenset({"EVENT", "TIMEX3"}))
    event_of: dict[str, Mention] = {}
    timexes: dict[str, Mention] = {}
    for el, start, end in found:
        if local_name(el.tag) == "EVENT":
            event_of[el.get("eid", "")] = Mention(((start, end),))
        elif el.get("functionInDocument") != CREATION_TIME:
            timexes[el.get("tid", "")] = Mention(((start, end),), (el.get("type") or "").strip(),
                                                 (el.get("value") or "").strip())
    instances = {el.get("eiid", ""): event_of.get(el.get("eventID", "")) for el in root.iter()
                 if local_name(el.tag) == "MAKEINSTANCE"}
    links = []
    for el in root.iter():
        if local_name(el.tag) != "TLINK":
            continue
        reltype = (el.get("relType") or "").strip()
        link = (_linked(instances.get(el.get("eventInstanceID", "")), timexes.get(el.get("relatedToTime", "")),
                        reltype, True)
                or _linked(instances.get(el.get("relatedToEventInstance", "")), timexes.get(el.get("timeID", "")),
                           reltype, False))
        if link is not None:
            links.append(link)
    return LinkDocument(timex_doc.id, corpus, timex_doc.text, timex_doc.published, timex_doc.title,
                        list(event_of.values()), list(timexes.values()), links, format="timeml")


def load_corpus(path: str | Path, *, limit: int | None = None) -> list[LinkDocument]:
    """Every MEANTIME (*.xml) or TimeML (*.tml) document under `path`, by sorted path.
    Raises FileNotFoundError when there are none."""
    root = Path(path)
    docs: list[LinkDocument] = []
    for file in find_files(root):
        if limit is not None and len(docs) >= limit:
            break
        fmt = detect_format(file)
        corpus = file.parent.name
        if fmt == "meantime":
            docs.append(read_meantime(file, corpus))
        elif fmt == "timeml":
            docs.append(read_timeml(file, corpus))
    if not docs:
        raise FileNotFoundError(f"no MEANTIME (*.xml) or TimeML (*.tml) documents under {root}: expected a folder "
                                "such as meantime_en/intra-doc_annotation or tempeval3/Training/TBAQ-cleaned")
    return docs


def predicted_links(record: Any, annotated_end: int | None = None) -> list[PredictedLink]:
    """A record's dated events and dated statements (a `Record` or its dict), those whose
    trigger starts before `annotated_end` (MEANTIME annotates the first sentences only)."""
    times = {field_of(t, "id"): (field_of(t, "start"), field_of(t, "end"))
             for t in field_of(record, "times") or []}
    links = []
    for event in field_of(record, "events") or []:
        trigger = field_of(event, "trigger")
        links.append(PredictedLink((field_of(trigger, "start"), field_of(trigger, "end")),
                                   times[field_of(event, "time")], field_of(event, "relation"), "event"))
    for quote in field_of(record, "quotes") or []:
        cue, time = field_of(quote, "cue"), field_of(quote, "time")
        if cue is not None and time is not None:
            links.append(PredictedLink((field_of(cue, "start"), field_of(cue, "end")), times[time], None, "statement"))
    return [link for link in links if annotated_end is None or link.trigger[0] < annotated_end]


def _touches(span: CharRange, mention: Mention) -> bool:
    return any(span[0] < end and start < span[1] for start, end in mention.spans)


def _matches(predicted: PredictedLink, gold: GoldLink) -> bool:
    return _touches(predicted.trigger, gold.event) and _touches(predicted.timex, gold.timex)


@dataclass
class Judged:
    """One document's links, each judged: gold links found or missed, predictions right,
    wrong (both ends are annotated, the corpus links them otherwise or not at all) or
    unjudged (an end the corpus did not annotate: it says nothing about them)."""

    doc: LinkDocument
    found: list[tuple[GoldLink, PredictedLink]]
    missed: list[GoldLink]
    right: list[PredictedLink]
    wrong: list[PredictedLink]
    unjudged: list[PredictedLink]


def judge(doc: LinkDocument, record: Any) -> Judged:
    """`record`'s dated events and statements against `doc`'s links (see `Judged`)."""
    predicted = predicted_links(record, doc.annotated_end)
    matching = [[p for p in predicted if _matches(p, gold)] for gold in doc.links]
    found = [(gold, links[0]) for gold, links in zip(doc.links, matching) if links]
    missed = [gold for gold, links in zip(doc.links, matching) if not links]
    matched = {id(p) for links in matching for p in links}
    right: list[PredictedLink] = []
    wrong: list[PredictedLink] = []
    unjudged: list[PredictedLink] = []
    for link in predicted:
        if not any(_touches(link.trigger, m) for m in doc.events) \
                or not any(_touches(link.timex, m) for m in doc.timexes):
            unjudged.append(link)
        else:
            (right if id(link) in matched else wrong).append(link)
    return Judged(doc, found, missed, right, wrong, unjudged)


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score(docs: Sequence[LinkDocument], records: Sequence[Any]) -> dict[str, Any]:
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
    attempted = sum(1 for j in judged for g in j.missed if g.attempted) + sum(1 for g, _ in found if g.attempted)
    result: dict[str, Any] = {"documents": len(judged), "gold_links": gold, "gold_attempted": attempted}
    recall = _ratio(sum(1 for g, _ in found if g.attempted), attempted)
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


def predict(docs: Sequence[LinkDocument], *, options: Any = None, batch_size: int = 16) -> list[Any]:
    """quotegraph's records for every document: one batched `extract_many` call, with the
    creation time as `published`."""
    items = [{"text": d.text, "id": d.id, "title": d.title, "published": d.published} for d in docs]
    return extract_records(items, options=options, batch_size=batch_size, on_error="; scored as nothing dated")


def run(path: str | Path, *, options: Any = None, limit: int | None = None) -> tuple[dict[str, Any], Any, Any]:
    """(scores, documents, records) of a MEANTIME or TimeML folder."""
    return scored_run(path, load=load_corpus, predict=predict, score=score, options=options, limit=limit)


def evaluate_dir(path: str | Path, *, options: Any = None, limit: int | None = None) -> dict[str, Any]:
    """Extract from every MEANTIME or TimeML document under `path` and score its dated
    events and statements.

    Raises FileNotFoundError (with what was expected) when `path` holds no *.xml or *.tml.
    """
    result, _, _ = run(path, options=options, limit=limit)
    return result


def format_report(result: dict[str, Any]) -> str:
    """The figures as a small table (percentages)."""
    overall = result["all"]
    lines = [
        f"Events in time {result.get('corpus', '')}".rstrip()
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
        lines.append(f"- {doc.id}: {doc.show(gold.event)!r} {gold.reltype} {doc.show(gold.timex)!r}"
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
