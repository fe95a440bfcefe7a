"""brat standoff: a .txt and an .ann per article, in the form PolNeAR's attributions use.

Each quote becomes T lines for its Source, Cue and Content, a T line anchoring the relation
(`Attribution`, or `Attribution-no-source`, on the cue), and an E line tying them together:
`E1<TAB>Attribution:T4 Source:T1 Cue:T2 Content:T3`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..record import Quote, Record
from ..text.spans import Span, make_span

_LINE = re.compile(r"[^\r\n]+")
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def write_brat(records: Iterable[Record], directory: Path) -> int:
    """`<id>.txt` and `<id>.ann` in `directory` per record; returns the number written."""
    directory.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    count = 0
    for record in records:
        stem = _unique_stem(record.id or f"article{count}", used)
        (directory / f"{stem}.txt").write_text(record.text, encoding="utf-8", newline="")
        (directory / f"{stem}.ann").write_text(brat_annotations(record), encoding="utf-8", newline="")
        count += 1
    return count


def brat_annotations(record: Record) -> str:
    """The .ann text for `record`: T and E lines, each ending in a newline."""
    ann = _Annotations()
    for quote in record.quotes:
        _add_quote(ann, record.text, quote)
    return "".join(line + "\n" for line in ann.lines)


class _Annotations:
    """Numbers T and E lines in the order they are added."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.t = self.e = 0

    def add_t(self, label: str, spans: list[Span]) -> str:
        self.t += 1
        ranges = ";".join(f"{span.start} {span.end}" for span in spans)
        self.lines.append(f"T{self.t}\t{label} {ranges}\t{' '.join(span.text for span in spans)}")
        return f"T{self.t}"

    def add_e(self, relation: str, trigger: str, args: list[str]) -> None:
        self.e += 1
        self.lines.append(f"E{self.e}\t{relation}:{trigger} {' '.join(args)}")


def _add_quote(ann: _Annotations, text: str, quote: Quote) -> None:
    args: list[str] = []
    if quote.source is not None:
        args.append("Source:" + ann.add_t("Source", fragments(text, [quote.source])))
    if quote.cue is not None:
        args.append("Cue:" + ann.add_t("Cue", fragments(text, [quote.cue])))
    content = fragments(text, quote.content)
    args.append("Content:" + ann.add_t("Content", content))
    # PolNeAR anchors the relation on the cue; a quote without one is anchored on its content.
    anchor = fragments(text, [quote.cue]) if quote.cue is not None else content
    relation = "Attribution" if quote.source is not None else "Attribution-no-source"
    ann.add_e(relation, ann.add_t(relation, anchor), args)


def fragments(text: str, spans: Iterable[Span]) -> list[Span]:
    """The spans cut at line breaks, as brat does: an annotation never crosses a line."""
    out: list[Span] = []
    for span in spans:
        for line in _LINE.finditer(text, span.start, span.end):
            piece = make_span(text, line.start(), line.end())
            if piece is not None:
                out.append(piece)
    return out


def _unique_stem(name: str, used: set[str]) -> str:
    """A file stem for `name`, unique among `used` (lower-cased stems) ignoring case, so that
    "A1" and "a1" do not overwrite each other on a case-insensitive file system."""
    stem = _UNSAFE_NAME.sub("_", name).strip("._") or "article"
    candidate, n = stem, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add(candidate.lower())
    return candidate
