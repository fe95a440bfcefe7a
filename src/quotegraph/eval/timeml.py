"""Scoring quotegraph's temporal expressions (TIMEX3) against TimeML and MEANTIME annotations.

    quotegraph eval timeml ../shared/data/tempeval3/Training/TBAQ-cleaned

TempEval-3 Task A metrics (strict, relaxed, type and value); what is read and how it is
scored: docs/evaluation.md, "TempEval-3 and MEANTIME".
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..text.ranges import overlap, overlaps
from .common import error_sample, extract_records, field_of

FORMATS_IN = ("auto", "timeml", "meantime")
TYPES = ("DATE", "TIME", "DURATION", "SET")
CREATION_TIME = "CREATION_TIME"
ERROR_KINDS = ("missed", "spurious", "value", "type", "boundary")

_BARE_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_COMPACT_DATE = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(\d{2})(\d{2})(?!\d)")


# --------------------------------------------------------------------------- structures

@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A gold TIMEX3: `start`/`end` are character offsets into its document's text."""

    id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    function: str | None = None   # functionInDocument


@dataclass
class TimexDocument:
    """One annotated document: the text, its gold timexes (the DCT excluded) and anchor."""

    id: str
    path: str
    corpus: str
    format: str                     # "timeml" or "meantime"
    text: str
    published: str | None           # YYYY-MM-DD of the CREATION_TIME, the extraction anchor
    timexes: list[GoldTimex]
    dct: GoldTimex | None = None    # the CREATION_TIME TIMEX3 (offsets -1 when outside the text)
    excluded: list[GoldTimex] = field(default_factory=list)  # CREATION_TIME timexes inside the text
    title: str | None = None
    unanchored: int = 0             # gold TIMEX3 without characters (MEANTIME empty markables)
    annotated_end: int | None = None  # where the annotated part of the text ends (None: all of it)


@dataclass(frozen=True, slots=True)
class Predicted:
    """A predicted timex, whatever form it came in."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    id: str | None = None


def as_predicted(obj: Any, text: str | None = None) -> Predicted:
    start, end = int(field_of(obj, "start")), int(field_of(obj, "end"))
    span_text = field_of(obj, "text")
    if span_text is None and text is not None:
        span_text = text[start:end]
    return Predicted(start, end, span_text or "", str(field_of(obj, "type") or ""),
                     str(field_of(obj, "value") or "").strip(), field_of(obj, "mod"), field_of(obj, "id"))


# --------------------------------------------------------------------------- reading TimeML

def local_name(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_xml(path: Path) -> ET.Element:
    """The root of an XML file; bare ampersands (common in TimeML news) are escaped first
    where the file does not parse as it is."""
    try:
        return ET.parse(path).getroot()
    except ET.ParseError:
        raw = path.read_text(encoding="utf-8", errors="replace")
        fixed = _BARE_AMPERSAND.sub("&amp;", raw)
        if fixed == raw:
            raise
        return ET.fromstring(fixed)


def flatten(element: ET.Element, tags: frozenset[str] = frozenset({"TIMEX3"})
            ) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The text content of `element` (its tail excluded), and every descendant whose tag
    is in `tags` with its character offsets in that text."""
    parts: list[str] = []
    found: list[tuple[ET.Element, int, int]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            if local_name(child.tag) in tags:
                found.append((child, start, pos))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    walk(element)
    return "".join(parts), found


def _timex(el: ET.Element, start: int, end: int, text: str) -> GoldTimex:
    return GoldTimex(id=el.get("tid", ""), start=start, end=end, text=text,
                     type=(el.get("type") or "").strip(), value=(el.get("value") or "").strip(),
                     mod=el.get("mod") or None, function=el.get("functionInDocument"))


def _date(value: str | None) -> str | None:
    m = _ISO_DATE.match(value or "")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def load_timeml(path: str | Path, *, corpus: str = "", root: ET.Element | None = None) -> TimexDocument:
    """One TimeML file (see docs/evaluation.md); `root`: the file already parsed."""
    path = Path(path)
    root = parse_xml(path) if root is None else root
    texts = [el for el in root.iter() if local_name(el.tag) == "TEXT"]
    if not texts:
        raise ValueError(f"{path}: no <TEXT> element (not a TimeML file? root <{local_name(root.tag)}>)")
    text, found = flatten(texts[0])
    in_text = {id(el) for el, _, _ in found}
    timexes: list[GoldTimex] = []
    excluded: list[GoldTimex] = []
    for el, start, end in found:
        timex = _timex(el, start, end, text[start:end])
        (excluded if timex.function == CREATION_TIME else timexes).append(timex)
    dct = next((t for t in excluded), None)
    if dct is None:
        dct_el = next((el for el in root.iter() if local_name(el.tag) == "TIMEX3" and id(el) not in in_text
                       and el.get("functionInDocument") == CREATION_TIME), None)
        if dct_el is not None:
            dct = _timex(dct_el, -1, -1, "".join(dct_el.itertext()))
    published = _date(dct.value) if dct is not None else None
    doc_id = next(("".join(el.itertext()).strip() for el in root.iter() if local_name(el.tag) == "DOCID"), "") or path.stem
    if published is None:  # no usable DCT: a date in the document id (APW19980807.0261)
        m = _COMPACT_DATE.search(doc_id)
        published = f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
    title = next(("".join(el.itertext()).strip() for el in root.iter() if local_name(el.tag) == "TITLE"), None)
    return TimexDocument(id=doc_id, path=str(path), corpus=corpus, format="timeml", text=text,
                         published=published, timexes=sorted(timexes, key=lambda t: (t.start, t.end)),
                         dct=dct, excluded=excluded, title=title or None)


def load_meantime(path: str | Path, *, corpus: str = "") -> TimexDocument:
    """One MEANTIME file, through `meantime.load_document` (see docs/evaluation.md)."""
    from . import meantime

    doc = meantime.load_document(path)
    timexes, excluded, unanchored = [], [], 0
    dct = None
    for m in doc.of_tag("TIMEX3"):
        function = m.get("functionInDocument")
        if not m.spans:
            if function == CREATION_TIME:
                dct = dct or GoldTimex(m.id, -1, -1, "", m.get("type") or "", (m.get("value") or "").strip(),
                                       m.get("mod") or None, function)
            else:
                unanchored += 1
            continue
        timex = GoldTimex(id=m.id, start=m.start, end=m.end, text=doc.text[m.start:m.end],
                          type=(m.get("type") or "").strip(), value=(m.get("value") or "").strip(),
                          mod=m.get("mod") or None, function=function)
        if function == CREATION_TIME:
            excluded.append(timex)
            dct = dct or timex
        else:
            timexes.append(timex)
    annotated_end = doc.annotated_end  # only the first sentences are annotated
    return TimexDocument(id=doc.id, path=str(path), corpus=corpus, format="meantime", text=doc.text,
                         published=doc.published, timexes=sorted(timexes, key=lambda t: (t.start, t.end)),
                         dct=dct, excluded=excluded, title=doc.title or None, unanchored=unanchored,
                         annotated_end=annotated_end if annotated_end < len(doc.text) else None)


def detect_format(path: str | Path) -> str | None:
    """"timeml" (root `<TimeML>`), "meantime" (root `<Document>`) or None, from the root element."""
    try:
        for _, el in ET.iterparse(str(path), events=("start",)):
            tag = local_name(el.tag)
            return {"TimeML": "timeml", "Document": "meantime"}.get(tag)
    except ET.ParseError:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
        m = re.search(r"<(?!\?|!)([A-Za-z_][\w.-]*)", head)
        return {"TimeML": "timeml", "Document": "meantime"}.get(m.group(1) if m else "")
    return None


def find_files(path: str | Path) -> list[Path]:
    """The `*.tml` and `*.xml` files under `path` (or `path` itself), sorted.
    Raises FileNotFoundError when there are none."""
    path = Path(path)
    if path.is_file():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".tml", ".xml"))
    if not files:
        raise FileNotFoundError(f"no TimeML (*.tml) or MEANTIME (*.xml) files under {path}: expected a folder "
                                "such as tempeval3/Training/TBAQ-cleaned or meantime_en/intra-doc_annotation")
    return files


def _corpus_name(root: Path, file: Path) -> str:
    if root.is_file():
        return file.parent.name
    rel = file.relative_to(root)
    return rel.parts[0] if len(rel.parts) > 1 else (root.resolve().name or str(root))


def load_corpus(path: str | Path, *, format_in: str = "auto", limit: int | None = None,
                docs: Sequence[str] = ()) -> tuple[list[TimexDocument], dict[str, Any]]:
    """Every document under `path` and a summary of what was read: {"formats": {fmt: n},
    "skipped": [paths of files in neither format]}. `docs`: keep only files whose name or
    document id contains one of these strings; `limit`: the first N documents kept."""
    if format_in not in FORMATS_IN:
        raise ValueError(f"format_in must be one of {', '.join(FORMATS_IN)}, not {format_in!r}")
    root = Path(path)
    out: list[TimexDocument] = []
    skipped: list[str] = []
    for file in find_files(root):
        if limit is not None and len(out) >= limit:
            break
        fmt = detect_format(file)
        if format_in != "auto":
            if fmt not in (None, format_in):
                raise ValueError(f"{file}: a {fmt} file, but --format-in {format_in} was asked")
            fmt = format_in
        if fmt is None:
            skipped.append(str(file))
            continue
        corpus = _corpus_name(root, file)
        doc = load_timeml(file, corpus=corpus) if fmt == "timeml" else load_meantime(file, corpus=corpus)
        if docs and not any(d in file.name or d in doc.id for d in docs):
            continue
        out.append(doc)
    if not out:
        what = f" matching {', '.join(docs)}" if docs else ""
        raise FileNotFoundError(f"no TimeML or MEANTIME documents{what} under {root}"
                                + (f" ({len(skipped)} *.tml/*.xml files in neither format)" if skipped else ""))
    formats = Counter(d.format for d in out)
    return out, {"formats": dict(sorted(formats.items())), "skipped": skipped}


# --------------------------------------------------------------------------- matching

def _overlaps(a: Any, b: Any) -> bool:
    """Two timexes share a character (an empty one shares none)."""
    return overlaps((a.start, a.end), (b.start, b.end))


def strict_matches(gold: Sequence[Any], predicted: Sequence[Any]) -> int:
    """Gold and predicted spans equal, one-to-one (a multiset intersection of spans)."""
    g = Counter((t.start, t.end) for t in gold)
    p = Counter((t.start, t.end) for t in predicted)
    return sum((g & p).values())


def relaxed_pairs(gold: Sequence[Any], predicted: Sequence[Any]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of gold and predicted timexes sharing a character:
    (gold index, predicted index) pairs, sorted. Exact-span pairs are made first; then
    augmenting paths (Kuhn), each gold trying its candidates by most overlap, then position."""
    candidates: list[list[int]] = []
    for g in gold:
        cands = [j for j, p in enumerate(predicted) if _overlaps(g, p)]
        cands.sort(key=lambda j: (-(predicted[j].start == g.start and predicted[j].end == g.end),
                                  -overlap((g.start, g.end), (predicted[j].start, predicted[j].end)), predicted[j].start, j))
        candidates.append(cands)
    owner: dict[int, int] = {}   # predicted index -> gold index
    matched: dict[int, int] = {}  # gold index -> predicted index
    for i, g in enumerate(gold):  # exact pairs first
        for j in candidates[i]:
            p = predicted[j]
            if p.start == g.start and p.end == g.end and j not in owner:
                owner[j], matched[i] = i, j
                break

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                if i in matched:
                    owner.pop(matched[i], None)
                owner[j], matched[i] = i, j
                return True
        return False

    for i in range(len(gold)):
        if i not in matched and candidates[i]:
            augment(i, set())
    return sorted(matched.items())


@dataclass
class Alignment:
    """One document's gold and predicted timexes, aligned."""

    doc: TimexDocument
    predicted: list[Predicted]          # scored predictions, in text order
    pairs: list[tuple[GoldTimex, Predicted]]
    missed: list[GoldTimex]
    spurious: list[Predicted]
    ignored: list[Predicted]            # on the DCT in the text, or past the annotated part
    strict: int
    ignored_unannotated: int = 0        # of `ignored`: past the annotated part


def align(doc: TimexDocument, predictions: Iterable[Any]) -> Alignment:
    preds = sorted((as_predicted(p, doc.text) for p in predictions), key=lambda p: (p.start, p.end))
    scored, ignored = [], []
    unannotated = 0
    for p in preds:
        if doc.annotated_end is not None and p.start >= doc.annotated_end:
            ignored.append(p)
            unannotated += 1
        elif doc.excluded and any(_overlaps(p, x) for x in doc.excluded) and not any(_overlaps(p, g) for g in doc.timexes):
            ignored.append(p)
        else:
            scored.append(p)
    gold = doc.timexes
    pairs_idx = relaxed_pairs(gold, scored)
    gold_done = {i for i, _ in pairs_idx}
    pred_done = {j for _, j in pairs_idx}
    return Alignment(
        doc=doc, predicted=scored,
        pairs=[(gold[i], scored[j]) for i, j in pairs_idx],
        missed=[g for i, g in enumerate(gold) if i not in gold_done],
        spurious=[p for j, p in enumerate(scored) if j not in pred_done],
        ignored=ignored, strict=strict_matches(gold, scored), ignored_unannotated=unannotated)


# --------------------------------------------------------------------------- scoring

def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip() == (b or "").strip()


def figures(alignments: Sequence[Alignment]) -> dict[str, Any]:
    """The TE3 figures of some aligned documents, micro-averaged (see docs/evaluation.md)."""
    n_gold = sum(len(a.doc.timexes) for a in alignments)
    n_pred = sum(len(a.predicted) for a in alignments)
    strict = sum(a.strict for a in alignments)
    pairs = [pair for a in alignments for pair in a.pairs]
    relaxed = len(pairs)
    type_ok = sum(1 for g, p in pairs if _same(g.type, p.type))
    value_ok = sum(1 for g, p in pairs if _same(g.value, p.value))
    by_type: dict[str, dict[str, Any]] = {}
    gold_types = Counter(g.type for a in alignments for g in a.doc.timexes)
    pred_types = Counter(p.type for a in alignments for p in a.predicted)
    for t in list(TYPES) + sorted((set(gold_types) | set(pred_types)) - set(TYPES)):
        found = [(g, p) for g, p in pairs if g.type == t]
        right = sum(1 for g, p in found if _same(g.value, p.value))
        if not gold_types[t] and not pred_types[t] and t not in TYPES:
            continue
        by_type[t] = {
            "gold": gold_types[t], "predicted": pred_types[t], "relaxed_match": len(found),
            "value_correct": right,
            "recall": round(len(found) / gold_types[t], 4) if gold_types[t] else 0.0,
            "value_accuracy": round(right / len(found), 4) if found else 0.0,
            "spurious": sum(1 for a in alignments for p in a.spurious if p.type == t),
        }
    return {
        "documents": len(alignments),
        "gold": n_gold,
        "predicted": n_pred,
        "strict": _prf(strict, n_pred, n_gold),
        "relaxed": _prf(relaxed, n_pred, n_gold),
        "type": {"accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0, **_prf(type_ok, n_pred, n_gold)},
        "value": {"accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0, **_prf(value_ok, n_pred, n_gold)},
        "counts": {
            "strict_match": strict, "relaxed_match": relaxed,
            "boundary": relaxed - sum(1 for g, p in pairs if (g.start, g.end) == (p.start, p.end)),
            "type_correct": type_ok, "value_correct": value_ok,
            "missed": n_gold - relaxed, "spurious": n_pred - relaxed,
            "ignored": sum(len(a.ignored) for a in alignments),
            "ignored_unannotated": sum(a.ignored_unannotated for a in alignments),
            "unanchored_gold": sum(a.doc.unanchored for a in alignments),
        },
        "by_type": by_type,
    }


def align_all(docs: Sequence[TimexDocument], predictions: Sequence[Iterable[Any]]) -> list[Alignment]:
    if len(docs) != len(predictions):
        raise ValueError(f"{len(docs)} documents but {len(predictions)} prediction lists")
    return [align(doc, preds) for doc, preds in zip(docs, predictions)]


def score(docs: Sequence[TimexDocument], predictions: Sequence[Iterable[Any]]) -> dict[str, Any]:
    """Score predicted timexes (one list per document, in the order of `docs`; dicts or
    objects with start, end, type, value) against the gold. Pure: no spaCy.

    Returns {"documents", "overall": figures, "by_corpus": {corpus: figures}} (P/R/F1 and
    accuracies as fractions rounded to 4 places)."""
    alignments = align_all(docs, predictions)
    corpora: dict[str, list[Alignment]] = {}
    for a in alignments:
        corpora.setdefault(a.doc.corpus, []).append(a)
    return {
        "documents": len(docs),
        "overall": figures(alignments),
        "by_corpus": {name: figures(items) for name, items in corpora.items()},
    }


# --------------------------------------------------------------------------- running

def predict(docs: Sequence[TimexDocument], *, options: Any = None, batch_size: int = 16) -> list[list[Any]]:
    """quotegraph's times for every document: one batched `extract_many` call, with the
    DCT as `published`."""
    items = [{"text": d.text, "id": d.id, "published": d.published, "title": d.title} for d in docs]
    records = extract_records(items, options=options, batch_size=batch_size, on_error="; scored as no times")
    out: list[list[Any]] = []
    for doc, record in zip(docs, records):
        if record.error is not None:
            out.append([])
            continue
        if record.text != doc.text:
            raise ValueError(f"{doc.id}: the record's text is not the document's text (offsets would not match)")
        out.append(list(record.times))
    return out


def run(path: str | Path, *, options: Any = None, limit: int | None = None, format_in: str = "auto",
        docs_filter: Sequence[str] = ()) -> tuple[dict[str, Any], Any, Any]:
    """(scores, documents, predictions): `format_errors(align_all(documents, predictions), n)` samples them."""
    docs, read = load_corpus(path, format_in=format_in, limit=limit, docs=docs_filter)
    predictions = predict(docs, options=options)
    result = score(docs, predictions)
    result["corpus"] = str(path)
    result["formats"] = read["formats"]
    result["skipped_files"] = len(read["skipped"])
    return result, docs, predictions


def evaluate_dir(path: str | Path, *, options: Any = None, limit: int | None = None,
                 format_in: str = "auto") -> dict[str, Any]:
    """Extract times from every TimeML / MEANTIME document under `path` and score them
    (TE3 Task A figures, per corpus and overall; see docs/evaluation.md).

    Raises FileNotFoundError (with what was expected) when `path` holds no such documents."""
    result, _, _ = run(path, options=options, limit=limit, format_in=format_in)
    return result


def _pct(x: float) -> str:
    return f"{x * 100:5.1f}"


def format_report(result: dict[str, Any]) -> str:
    """A fixed-width table of the figures (percentages), per corpus and overall."""
    o = result["overall"]
    formats = ", ".join(f"{n} {fmt}" for fmt, n in (result.get("formats") or {}).items())
    title = f"TIMEX3 {result.get('corpus', '')}".rstrip()
    lines = [
        f"{title}: {result['documents']} documents" + (f" ({formats})" if formats else "")
        + f", {o['gold']} gold timexes (DCT excluded), {o['predicted']} predicted",
        "",
        f"{'corpus':<16} {'docs':>4} {'gold':>5} {'pred':>5} | {'strict P':>8} {'R':>5} {'F1':>5} | "
        f"{'relaxed P':>9} {'R':>5} {'F1':>5} | {'type acc':>8} {'F1':>5} | {'value acc':>9} {'F1':>5}",
        "-" * 111,
    ]
    rows = list(result["by_corpus"].items())
    if len(rows) != 1:
        rows.append(("all", o))
    for name, f in rows:
        lines.append(
            f"{name[:16]:<16} {f['documents']:>4} {f['gold']:>5} {f['predicted']:>5} | "
            f"{_pct(f['strict']['p']):>8} {_pct(f['strict']['r'])} {_pct(f['strict']['f1'])} | "
            f"{_pct(f['relaxed']['p']):>9} {_pct(f['relaxed']['r'])} {_pct(f['relaxed']['f1'])} | "
            f"{_pct(f['type']['accuracy']):>8} {_pct(f['type']['f1'])} | "
            f"{_pct(f['value']['accuracy']):>9} {_pct(f['value']['f1'])}")
    c = o["counts"]
    lines += [
        "",
        f"all: {c['relaxed_match']} relaxed matches ({c['boundary']} with other boundaries), "
        f"{c['missed']} missed, {c['spurious']} spurious, {c['relaxed_match'] - c['value_correct']} wrong values, "
        f"{c['ignored'] - c['ignored_unannotated']} predictions on the DCT and {c['ignored_unannotated']} past "
        f"the annotated text ignored, {c['unanchored_gold']} gold without text not scored",
        "",
        f"{'by gold type':<12} {'gold':>5} {'found':>5} {'recall':>6} {'value acc':>9} | {'pred':>5} {'spurious':>8}",
    ]
    for t, f in o["by_type"].items():
        lines.append(f"{t:<12} {f['gold']:>5} {f['relaxed_match']:>5} {_pct(f['recall']):>6} "
                     f"{_pct(f['value_accuracy']):>9} | {f['predicted']:>5} {f['spurious']:>8}")
    lines += [
        "",
        "TempEval-3 Task A: strict = same span, relaxed = overlapping (one-to-one, maximum matching); "
        "type/value acc over relaxed matches;",
        "type/value F1 = relaxed F1 x accuracy (TE3 attribute F1). Micro-averaged. DCT (CREATION_TIME) not scored.",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- error analysis

def _context(doc: TimexDocument, start: int, end: int, marks: Sequence[tuple[int, int, str, str]],
             width: int = 70) -> str:
    """The text around [start, end), widened to `width` characters each side (cut at a
    blank line), with each mark (s, e, left, right) inserted; on one line."""
    text = doc.text
    lo, hi = max(0, start - width), min(len(text), end + width)
    para = text.rfind("\n\n", lo, start)
    if para != -1:
        lo = para + 2
    para = text.find("\n\n", end, hi)
    if para != -1:
        hi = para
    inserts = []  # (position, closes before opens, nesting order, mark): `⟦[Friday]⟧`, `⟦[Friday] night⟧`
    for order, (s, e, left, right) in enumerate(marks):
        if e <= lo or s >= hi:
            continue
        inserts.append((max(s, lo), 1, (-e, order), left))
        inserts.append((min(e, hi), 0, (-s, -order), right))
    out, pos = [], lo
    for at, _, _, mark in sorted(inserts, key=lambda x: x[:3]):
        out.append(text[pos:at])
        out.append(mark)
        pos = at
    out.append(text[pos:hi])
    shown = re.sub(r"\s*\n\s*", " ⏎ ", "".join(out)).strip()
    return ("…" if lo > 0 else "") + shown + ("…" if hi < len(text) else "")


def _gold_str(g: GoldTimex) -> str:
    return f"{g.text!r} {g.type} {g.value}" + (f" mod={g.mod}" if g.mod else "")


def _pred_str(p: Predicted) -> str:
    return f"{p.text!r} {p.type} {p.value}" + (f" mod={p.mod}" if p.mod else "")


def _shape(value: str) -> str:
    """A value's shape, for grouping wrong values: digits -> 9 (`1998-01-08` -> `9999-99-99`)."""
    return re.sub(r"\d", "9", value) if value else "(none)"


def find_errors(alignments: Sequence[Alignment]) -> dict[str, list[dict[str, Any]]]:
    """Every error, by kind: `missed` (gold without a relaxed match), `spurious` (prediction
    without one), `value` and `type` (relaxed pairs whose attribute differs), `boundary`
    (relaxed pairs whose spans differ). Each item: doc, corpus, dct, position, gold and/or
    predicted, and the context with gold bracketed ⟦like this⟧ and predictions [like this]."""
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in ERROR_KINDS}
    for a in alignments:
        doc = a.doc
        gold_marks = [(g.start, g.end, "⟦", "⟧") for g in doc.timexes]
        pred_marks = [(p.start, p.end, "[", "]") for p in a.predicted]
        marks = gold_marks + pred_marks
        base = {"doc": doc.id, "corpus": doc.corpus, "dct": doc.published}
        for g in a.missed:
            near = [p for p in a.predicted if p.end > g.start - 60 and p.start < g.end + 60]
            out["missed"].append(base | {
                "at": g.start, "gold": g, "predicted": None, "context": _context(doc, g.start, g.end, marks),
                "note": "predictions nearby: " + ("; ".join(_pred_str(p) for p in near) or "none")})
        for p in a.spurious:
            over = [g for g in doc.timexes if _overlaps(g, p)]
            note = ("overlaps gold matched to another prediction: " + "; ".join(_gold_str(g) for g in over)
                    if over else "no gold timex overlaps")
            out["spurious"].append(base | {
                "at": p.start, "gold": None, "predicted": p, "context": _context(doc, p.start, p.end, marks),
                "note": note})
        for g, p in a.pairs:
            item = base | {"at": g.start, "gold": g, "predicted": p,
                           "context": _context(doc, min(g.start, p.start), max(g.end, p.end), marks)}
            if not _same(g.value, p.value):
                out["value"].append(item | {"note": f"value {g.value!r} expected, {p.value!r} predicted"
                                            f" ({_shape(g.value)} vs {_shape(p.value)})"})
            if not _same(g.type, p.type):
                out["type"].append(item | {"note": f"type {g.type} expected, {p.type} predicted"})
            if (g.start, g.end) != (p.start, p.end):
                out["boundary"].append(item | {"note": f"gold {g.text!r} @{g.start}-{g.end}, "
                                               f"predicted {p.text!r} @{p.start}-{p.end}"})
    return out


_LABELS = {
    "missed": "MISSED (gold timex, no overlapping prediction)",
    "spurious": "SPURIOUS (prediction overlapping no unmatched gold timex)",
    "value": "WRONG VALUE (overlapping, value differs)",
    "type": "WRONG TYPE (overlapping, type differs)",
    "boundary": "BOUNDARY (overlapping, span differs: relaxed but not strict)",
}


def _top(counter: Counter, n: int) -> str:
    return ", ".join(f"{k} ×{v}" for k, v in counter.most_common(n)) or "none"


def summarize_errors(errors: dict[str, list[dict[str, Any]]], n: int = 12) -> list[str]:
    """The most frequent error patterns: missed and spurious texts (lowercased), wrong
    value shapes (gold -> predicted), type confusions."""
    missed = Counter(e["gold"].text.lower() for e in errors["missed"])
    spurious = Counter(e["predicted"].text.lower() for e in errors["spurious"])
    shapes = Counter(f"{e['gold'].type} {_shape(e['gold'].value)} -> {_shape(e['predicted'].value)}"
                     for e in errors["value"])
    texts = Counter(f"{e['gold'].text.lower()!r} {e['gold'].value} -> {e['predicted'].value}"
                    for e in errors["value"])
    types = Counter(f"{e['gold'].type} -> {e['predicted'].type}" for e in errors["type"])
    return [
        f"=== most frequent (of {sum(len(v) for v in errors.values())} errors) ===",
        f"missed texts ({len(errors['missed'])}): {_top(Counter({repr(k): v for k, v in missed.items()}), n)}",
        f"spurious texts ({len(errors['spurious'])}): {_top(Counter({repr(k): v for k, v in spurious.items()}), n)}",
        f"wrong value shapes ({len(errors['value'])}): {_top(shapes, n)}",
        f"wrong values: {_top(texts, n)}",
        f"type confusions ({len(errors['type'])}): {_top(types, n)}",
        "",
    ]


def format_errors(alignments: Sequence[Alignment], n: int, *, kinds: Sequence[str] = ERROR_KINDS,
                  seed: int = 0, summary: bool = True) -> str:
    """Up to `n` errors of each kind (sampled, seeded; listed by document and position),
    each with the DCT, gold (text, type, value) vs predicted and the context, after a
    summary of the most frequent patterns."""
    errors = find_errors(alignments)
    out = summarize_errors(errors) if summary else []
    for kind in kinds:
        header, sample = error_sample(_LABELS[kind], errors[kind], n, seed=seed,
                                      key=lambda e: (e["corpus"], e["doc"], e["at"]))
        out.append(header)
        for e in sample:
            g, p = e["gold"], e["predicted"]
            out.append(f"- {e['corpus']}/{e['doc']} @{e['at']}  DCT {e['dct']}")
            out.append(f"    gold: {_gold_str(g) if g else '—'}")
            out.append(f"    ours: {_pred_str(p) if p else '—'}")
            out.append(f"    {e['note']}")
            out.append(f"    context: {e['context']}")
        out.append("")
    return "\n".join(out)


def errors_json(alignments: Sequence[Alignment], kinds: Sequence[str] = ERROR_KINDS) -> dict[str, list[dict]]:
    """`find_errors` as plain JSON-able dicts."""
    def plain(x: Any) -> Any:
        if isinstance(x, (GoldTimex, Predicted)):
            return {k: getattr(x, k) for k in ("start", "end", "text", "type", "value", "mod")}
        return x

    return {kind: [{k: plain(v) for k, v in e.items()} for e in items]
            for kind, items in find_errors(alignments).items() if kind in kinds}

