"""Scoring statements on real news pages against our own gold (`statement_gold.py`).

    quotegraph eval statements ../shared/data/pages-dev [--split tune|heldout|all]

What a reader sees is judged, not one corpus's boundaries:
- a predicted statement is **right** when its content overlaps a gold statement's content by
  at least half of the shorter of the two (in words; punctuation and quotation marks aside)
  and its speaker is that statement's speaker; a gold statement is **recalled** when right
  predictions cover at least half of its words. The two are apart so that a quotation
  annotated as one statement and printed as two pieces (or the reverse) counts once each way;
- **fully right**: right, with at least 90% of its words inside the gold content (nothing of
  the writer's; inside the contents of the speaker's gold statements it overlaps, where the
  annotators split in two what the engine gives as one statement of two pieces) and at
  least 80% of the gold statement's words, or of one of its pieces, in it (the main claim
  is there); such a statement covers each of them for recall;
- the object of a naming ("called *the plan* “reckless”") is no word outside the gold,
  which gives the quoted name alone;
- speakers match by words: the predicted name's words are all among the gold name's, or the
  reverse ("Clinton" for "Hillary Clinton", "county officials" for "officials"); both null
  is a match.
The **canonical speaker** rate (issue 28): of the detected statements whose gold speaker is a
person named in full (a person of the page's gender gold, `gold/gender/pages`, with a given
name and a surname), the share whose predicted speaker has the same first and last name
words (honorifics and generational suffixes aside): "Hillary Clinton", not "Clinton".
A predicted content's leading complementiser ("that the deal is off") is no word of it
here: the gold gives a reported clause without it, PolNeAR (and so the record) with it.
Reports nested in another quote (`within`) are not scored: the gold annotates the outer
statement only. The split of the pages is fixed once (`split_of`).
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .canonical import first_and_last
from .common import reliability_bins
from .statement_gold import GoldError, validate

GOLD_DIR = Path(__file__).with_name("gold") / "pages_dev"
SPLITS = ("tune", "heldout")
_WORD = re.compile(r"\w+")
# Words of a name that say nothing of who it is.
_NAME_STOPWORDS = frozenset("the a an of and 's".split())
# Reliability bins of the confidence: [0, 0.1), ..., [0.9, 1].
_BINS = 10

RIGHT_OVERLAP = 0.5
FULL_INSIDE = 0.9
FULL_COVER = 0.8


def split_of(page: str) -> str:
    """The fixed split of a page id (a hex digest): two in five pages are held out, by the
    first eight hex digits modulo 5; tune on the rest, never on these."""
    return "heldout" if int(page[:8], 16) % 5 < 2 else "tune"


def load_gold(gold_dir: Path = GOLD_DIR) -> dict[str, dict[str, Any]]:
    """Every gold file of `gold_dir`, keyed by page id."""
    golds = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        golds[gold["page"]] = gold
    if not golds:
        raise FileNotFoundError(f"{gold_dir}: no gold files")
    return golds


def page_path(pages_dir: Path, page: str) -> Path:
    for name in (f"{page}.html.gz", f"{page}.html"):
        if (pages_dir / name).is_file():
            return pages_dir / name
    raise FileNotFoundError(f"{pages_dir}: page {page} is not there (expected {page}.html.gz)")


def read_page(pages_dir: Path, page: str):
    """The page as the article `quotegraph extract` reads from it."""
    from ..readers.html import html_article

    path = page_path(pages_dir, page)
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return html_article(data, source=str(path), id=page)


def _words(text: str, ranges: Iterable[Sequence[int]]) -> frozenset[int]:
    """The start offsets of the words inside `ranges` of `text`."""
    return frozenset(m.start() for start, end in ranges for m in _WORD.finditer(text, start, end))


def _content_words(text: str, ranges: Iterable[Sequence[int]]) -> frozenset[int]:
    """`_words` of a predicted content, without the complementiser that opens a piece
    ("that the deal is off"), which the gold's convention leaves out of a reported clause."""
    words: set[int] = set()
    for start, end in ranges:
        found = [m for m in _WORD.finditer(text, start, end)]
        if found and found[0].group() == "that" and len(found) > 1:
            found = found[1:]
        words.update(m.start() for m in found)
    return frozenset(words)


def _name_words(name: str | None) -> frozenset[str]:
    if not name:
        return frozenset()
    words = _WORD.findall(name.lower().replace("’s", "").replace("'s", ""))
    return frozenset(w for w in words if w not in _NAME_STOPWORDS)


def speaker_right(predicted: str | None, gold: str | None) -> bool:
    if not predicted and not gold:
        return True
    p, g = _name_words(predicted), _name_words(gold)
    return bool(p) and bool(g) and (p <= g or g <= p)


@dataclass
class _Gold:
    words: frozenset[int]
    pieces: list[frozenset[int]]
    speaker: str | None
    kind: str
    in_full: bool = False  # the speaker is a person named in full (given name and surname)
    covered: set[int] = field(default_factory=set)  # words covered by right predictions


@dataclass
class Judged:
    """One predicted statement and what the gold says of it."""
    page: str
    quote: dict[str, Any]
    confidence: float
    detected: bool  # overlaps a gold statement (speaker aside)
    right: bool
    fully_right: bool
    speaker_right: bool | None  # None when not detected
    kind_right: bool | None
    overlap: int = 0
    predicted_words: int = 0
    gold_words: int = 0
    canonical: bool | None = None  # the person's full name; None where the gold gives none


def _overlap_ok(inter: int, a: int, b: int) -> bool:
    return inter > 0 and inter >= RIGHT_OVERLAP * min(a, b)


def judge_page(page: str, text: str, gold: dict[str, Any], quotes: Sequence[dict[str, Any]]) -> tuple[list[Judged], list[_Gold]]:
    """Each scored quote of a page judged against its gold statements (`gold["people"]`,
    where given: the names of the page's persons, for the canonical speaker rate)."""
    people = set(gold.get("people", ()))
    golds = [_Gold(words=_words(text, row["content"]), pieces=[_words(text, [p]) for p in row["content"]],
                   speaker=row["speaker"], kind=row["kind"],
                   in_full=row["speaker"] in people and first_and_last(row["speaker"]) is not None)
             for row in gold["statements"]]
    judged = []
    for quote in quotes:
        if quote.get("within"):
            continue
        words = _content_words(text, [(s["start"], s["end"]) for s in quote["content"]])
        name = (quote.get("speaker") or {}).get("name")
        candidates = [(len(words & g.words), g) for g in golds if _overlap_ok(len(words & g.words), len(words), len(g.words))]
        candidates.sort(key=lambda pair: (speaker_right(name, pair[1].speaker), pair[0]), reverse=True)
        if not candidates or not words:
            judged.append(Judged(page, quote, quote["confidence"], False, False, False, None, None,
                                 predicted_words=len(words)))
            continue
        inter, g = candidates[0]
        speaker_ok = speaker_right(name, g.speaker)
        # a quotation the annotators split in two statements and the engine gave as one of
        # two pieces: inside their union when both are the speaker's, and it covers both
        same = [h for h in golds if words & h.words and speaker_ok and speaker_right(name, h.speaker)]
        union = g.words.union(*(h.words for h in same))
        named = _named_object(quote, words, union)
        inside = len(words & union) >= FULL_INSIDE * len(words - named)
        covers = inter >= FULL_COVER * len(g.words) or any(
            piece and len(words & piece) >= FULL_COVER * len(piece) for piece in g.pieces)
        for h in same:
            h.covered |= words & h.words
        canonical = first_and_last(name) == first_and_last(g.speaker) if g.in_full else None
        judged.append(Judged(page, quote, quote["confidence"], True, speaker_ok, speaker_ok and inside and covers,
                             speaker_ok, quote.get("kind") == g.kind, inter, len(words), len(g.words), canonical))
    return judged, golds


_NAMING_CUE = re.compile(r"\b(?:call|calls|called|calling|describe|describes|described|describing|label|labels|"
                         r"labell?ed|dub|dubs|dubbed|brand|brands|branded|term|termed|deem|deems|deemed)\b", re.I)


def _named_object(quote: dict[str, Any], words: frozenset[int], gold_words: frozenset[int]) -> frozenset[int]:
    """Words of a naming's object before the gold content ("called *the plan* “reckless”"):
    the gold gives the quoted name, PolNeAR (and so the record) the object with it; the
    object is what the name is given to, no word of the writer's."""
    cue = quote.get("cue") or {}
    if not gold_words or not _NAMING_CUE.search(cue.get("text") or ""):
        return frozenset()
    first = min(gold_words)
    return frozenset(w for w in words if cue["end"] <= w < first)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def reliability(judged: Sequence[Judged]) -> tuple[list[dict[str, Any]], float]:
    """Bins of confidence: how many, mean confidence, share fully right; and the expected
    calibration error (the bins' gaps weighted by their size)."""
    rows, ece = reliability_bins([(j.confidence, j.fully_right) for j in judged], _BINS)
    return [{"low": low, "high": high, "n": n, "confidence": mean, "fully_right": right}
            for low, high, n, mean, right in rows], ece


def summarise(judged: Sequence[Judged], golds: Sequence[_Gold], min_confidence: float) -> dict[str, Any]:
    """The figures of the statements at or above `min_confidence` (gold recall is computed
    from those only)."""
    shown = [j for j in judged if j.confidence >= min_confidence]
    recalled = sum(len(g.covered) >= RIGHT_OVERLAP * len(g.words) and bool(g.words) for g in golds)
    detected = [j for j in shown if j.detected]
    inter = sum(j.overlap for j in detected)
    precision, recall = _ratio(sum(j.right for j in shown), len(shown)), _ratio(recalled, len(golds))
    content_p = _ratio(inter, sum(j.predicted_words for j in detected))
    content_r = _ratio(inter, sum(j.gold_words for j in detected))
    return {
        "min_confidence": min_confidence, "predicted": len(shown), "gold": len(golds),
        "right": sum(j.right for j in shown), "recalled": recalled,
        "precision": precision, "recall": recall,
        "f1": _ratio(2 * precision * recall, precision + recall),
        "fully_right_precision": _ratio(sum(j.fully_right for j in shown), len(shown)),
        "detection_precision": _ratio(len(detected), len(shown)),
        "speaker_accuracy": _ratio(sum(bool(j.speaker_right) for j in detected), len(detected)),
        "kind_accuracy": _ratio(sum(bool(j.kind_right) for j in detected), len(detected)),
        "content_token_f1": _ratio(2 * content_p * content_r, content_p + content_r),
        "canonical_speaker": _ratio(sum(j.canonical is True for j in detected),
                                    sum(j.canonical is not None for j in detected)),
        "canonical_of": sum(j.canonical is not None for j in detected),
    }


def score(pages: Mapping[str, tuple[str, dict[str, Any], Sequence[dict[str, Any]]]],
          min_confidence: float) -> dict[str, Any]:
    """pages: page id -> (text, gold, quotes as dicts). Figures over every quote and over
    the default view (`min_confidence`), and the reliability table over every quote."""
    judged_all: list[Judged] = []
    golds_all: list[_Gold] = []
    shown_golds: list[_Gold] = []
    for page, (text, gold, quotes) in pages.items():
        judged, golds = judge_page(page, text, gold, quotes)
        judged_all += judged
        golds_all += golds
        # recall of the default view: the gold covered by shown statements only
        _, view = judge_page(page, text, gold, [q for q in quotes if q["confidence"] >= min_confidence])
        shown_golds += view
    bins, ece = reliability(judged_all)
    return {"pages": len(pages), "all": summarise(judged_all, golds_all, 0.0),
            "default": summarise(judged_all, shown_golds, min_confidence),
            "hidden_share": _ratio(sum(j.confidence < min_confidence for j in judged_all), len(judged_all)),
            "reliability": bins, "ece": ece, "judged": judged_all}


def run(pages_dir: str | Path, *, split: str = "all", options: Any = None, gold_dir: Path = GOLD_DIR,
        min_confidence: float | None = None) -> dict[str, Any]:
    """Extract the gold's pages (of `split`: tune, heldout or all) from `pages_dir` with
    every quote kept, and score them. Raises FileNotFoundError where pages are missing and
    GoldError where a page's text is not the one annotated."""
    from ..api import extract_many
    from ..config import DEFAULT_MIN_CONFIDENCE, Options

    threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    from .gender_gold import load as load_gender_gold

    people = {page: [person["name"] for person in g["people"]] for page, g in load_gender_gold("pages").items()}
    golds = {p: {**g, "people": people.get(p, [])} for p, g in load_gold(gold_dir).items()
             if split == "all" or split_of(p) == split}
    articles = [read_page(Path(pages_dir), page) for page in golds]
    for article, gold in zip(articles, golds.values()):
        validate(gold, article.text)
    options = options or Options()
    everything = options.everything()
    records = list(extract_many(articles, options=everything))
    pages = {page: (record.text, gold, [q.to_dict() for q in record.quotes])
             for (page, gold), record in zip(golds.items(), records)}
    result = score(pages, threshold)
    result["split"] = split
    return result


def evaluate_dir(path: str | Path, *, split: str = "heldout", options: Any = None) -> dict[str, Any]:
    """`run`'s figures without the judged quotes (the gate's form: plain data)."""
    result = run(path, split=split, options=options)
    del result["judged"]  # objects, not figures
    return result


def format_report(result: dict[str, Any]) -> str:
    lines = [f"Statements on real pages ({result['split']}): {result['pages']} pages, "
             f"{result['all']['gold']} gold statements"]
    for label in ("all", "default"):
        r = result[label]
        lines.append(
            f"  {'everything' if label == 'all' else 'default view'} (confidence >= {r['min_confidence']:.2f}): "
            f"{r['predicted']} statements; precision {r['precision']:.3f} ({r['right']}/{r['predicted']}), "
            f"recall {r['recall']:.3f} ({r['recalled']}/{r['gold']}), F1 {r['f1']:.3f}; "
            f"fully right {r['fully_right_precision']:.3f}; speaker {r['speaker_accuracy']:.3f}, "
            f"kind {r['kind_accuracy']:.3f}, content token F1 {r['content_token_f1']:.3f}; "
            f"canonical speaker {r['canonical_speaker']:.3f} (of {r['canonical_of']} named in full)")
    lines.append(f"  hidden by default: {result['hidden_share']:.1%} of everything printed")
    lines.append(f"  reliability of the confidence (fully right), ECE {result['ece']:.3f}:")
    for b in result["reliability"]:
        lines.append(f"    [{b['low']:.1f}, {b['high']:.1f}): n {b['n']:4d}, confidence {b['confidence']:.3f}, "
                     f"fully right {b['fully_right']:.3f}")
    return "\n".join(lines)


def format_errors(judged: Sequence[Judged], threshold: float, n: int) -> str:
    """Up to `n` statements of the default view (at or above `threshold`) that are not fully
    right, with why."""
    wrong = [j for j in judged if j.confidence >= threshold and not j.fully_right]
    lines = [f"=== default-view statements not fully right: {min(n, len(wrong))} of {len(wrong)} ==="]
    for j in wrong[:n]:
        q = j.quote
        why = ("no gold statement" if not j.detected else "wrong speaker" if not j.speaker_right
               else "content boundaries")
        content = " | ".join(s["text"] for s in q["content"])
        lines.append(f"{j.page[:10]} [{j.confidence:.2f}] {why}: {(q.get('speaker') or {}).get('name')!r} "
                     f"{(q.get('cue') or {}).get('text')!r}: {content[:160]!r}")
    return "\n".join(lines)


__all__ = ["GoldError", "SPLITS", "load_gold", "run", "score", "split_of", "speaker_right"]
