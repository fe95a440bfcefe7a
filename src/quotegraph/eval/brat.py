"""Reading PolNeAR's brat standoff attribution files into gold attributions.

Only `T` and `E` lines are read; how each label (Source, Cue, Content, Discard, Discuss) is
treated: docs/evaluation.md, "Reading the brat files".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("source", "cue", "content")

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) ([0-9; ]+?)(?:\t|$)")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")
_ARG = re.compile(r"^([A-Za-z-]+?)\d*:(T\d+)$")
_ROLE_OF_LABEL = {"Source": "source", "Cue": "cue", "Content": "content"}

Fragments = tuple[tuple[int, int], ...]


@dataclass
class GoldAttribution:
    """One gold attribution: each role a tuple of (start, end) fragments; empty when absent."""

    source: Fragments = ()
    cue: Fragments = ()
    content: Fragments = ()
    id: str = ""

    def role(self, name: str) -> Fragments:
        return getattr(self, name)


@dataclass
class GoldArticle:
    stem: str
    text: str
    annotator: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    discard: Fragments = ()
    other_annotators: tuple[str, ...] = ()


class BratFormatError(ValueError):
    """A line of a .ann file that looks like a T or E line but cannot be read."""


def parse_fragments(field_text: str) -> Fragments:
    """`"315 448;463 553"` -> ((315, 448), (463, 553)), in file order."""
    out = []
    for piece in field_text.split(";"):
        parts = piece.split()
        if len(parts) != 2:
            raise BratFormatError(f"bad offsets {field_text!r}")
        start, end = int(parts[0]), int(parts[1])
        if end < start:
            raise BratFormatError(f"span ends before it starts: {field_text!r}")
        out.append((start, end))
    return tuple(out)


def parse_ann(ann: str, *, source: str = "<ann>") -> tuple[list[GoldAttribution], Fragments]:
    """The attributions and the Discard regions of one .ann file's contents."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for lineno, line in enumerate(ann.splitlines(), 1):
        if line.startswith("T"):
            match = _TEXT_BOUND.match(line)
            if not match:
                continue  # a continuation line of a span text that began with "T"
            try:
                spans[match.group(1)] = (match.group(2), parse_fragments(match.group(3)))
            except BratFormatError as err:
                raise BratFormatError(f"{source}:{lineno}: {err}") from None
        elif line.startswith("E"):
            match = _EVENT.match(line)
            if not match:
                continue
            args = []
            for arg in match.group(2).split():
                parsed = _ARG.match(arg)
                if parsed:
                    args.append((parsed.group(1), parsed.group(2)))
            events.append((match.group(1), args))

    used: set[str] = set()
    attributions: list[GoldAttribution] = []
    for event_id, args in events:
        roles: dict[str, list[tuple[int, int]]] = {name: [] for name in ROLES}
        for label, ref in args:
            role = _ROLE_OF_LABEL.get(label)
            if role is None or ref not in spans:
                continue
            used.add(ref)
            roles[role].extend(spans[ref][1])
        if any(roles.values()):
            attributions.append(GoldAttribution(
                source=tuple(sorted(roles["source"])), cue=tuple(sorted(roles["cue"])),
                content=tuple(sorted(roles["content"])), id=event_id))
    for ref, (label, frags) in spans.items():
        role = _ROLE_OF_LABEL.get(label)
        if role is not None and ref not in used:
            attributions.append(GoldAttribution(**{role: tuple(sorted(frags))}, id=ref))
    discard = tuple(sorted(f for label, frags in spans.values() if label == "Discard" for f in frags))
    return attributions, discard


def annotator_files(attributions_dir: Path, stem: str) -> list[Path]:
    """Every annotator's file for `stem`, sorted by file name (`<stem>_<annotator>.ann`)."""
    prefix = stem + "_"
    return sorted(
        p for p in attributions_dir.glob(f"{glob_escape(stem)}_*.ann")
        if p.name.startswith(prefix) and "_" not in p.name[len(prefix):-4]
    )


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def read_article(split_dir: Path, stem: str) -> GoldArticle | None:
    """The text of `stem` and the gold of ONE annotator: where several annotated it, the
    first by sorted file name (i.e. annotator id), so the choice is deterministic.
    None when the article has no attribution file."""
    files = annotator_files(split_dir / "attributions", stem)
    if not files:
        return None
    chosen = files[0]
    with open(split_dir / "text" / f"{stem}.txt", encoding="utf-8", newline="") as fh:
        text = fh.read()
    with open(chosen, encoding="utf-8", newline="") as fh:
        attributions, discard = parse_ann(fh.read(), source=str(chosen))
    annotator = chosen.name[len(stem) + 1:-4]
    others = tuple(p.name[len(stem) + 1:-4] for p in files[1:])
    for attribution in attributions:
        for role in ROLES:
            for start, end in attribution.role(role):
                if end > len(text):
                    raise BratFormatError(
                        f"{chosen}: {attribution.id} {role} span {start}-{end} is past the end "
                        f"of the text ({len(text)} characters)")
    return GoldArticle(stem=stem, text=text, annotator=annotator, attributions=attributions,
                       discard=discard, other_annotators=others)


def read_split(split_dir: str | Path, *, limit: int | None = None) -> list[GoldArticle]:
    """Every article of a PolNeAR split folder (`text/`, `attributions/`), sorted by stem.

    Raises FileNotFoundError with a clear message when the folder is not a split folder
    or has no article with both a text and an attribution file.
    """
    split_dir = Path(split_dir)
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(
            f"{split_dir} is not a PolNeAR split folder: it needs text/ and attributions/ "
            "subfolders (e.g. ../shared/data/polnear/dev)")
    articles: list[GoldArticle] = []
    for text_path in sorted(text_dir.glob("*.txt")):
        if limit is not None and len(articles) >= limit:
            break
        article = read_article(split_dir, text_path.stem)
        if article is not None:
            articles.append(article)
    if not articles:
        raise FileNotFoundError(
            f"{split_dir} has no article with both text/<stem>.txt and attributions/<stem>_<annotator>.ann")
    return articles
