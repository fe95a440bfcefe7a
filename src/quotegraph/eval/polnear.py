"""Scoring quotegraph's quotes against PolNeAR attribution annotations.

    quotegraph eval polnear ../shared/data/polnear/dev

Exact, lenient and token-overlap scores per role (source, cue, content); their definitions:
docs/evaluation.md, "PolNeAR".
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..quotes.conventions import CLOSERS, OPENERS, to_polnear
from ..record import Quote, Record
from ..text.spans import Span
from .brat import ROLES, Fragments, GoldArticle, read_split
from .common import error_sample, extract_records, reliability_bins

_WORD = re.compile(r"\w+")
_DOUBLE_MARKS = frozenset('"“”„«»')
# Content forms reported apart (`content_by_form`): read off the span's own characters, so
# a gold span and a prediction equal to it always have the same form.
FORMS = ("quoted", "mixed", "unquoted")


# --------------------------------------------------------------------------- spans

def _is_edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PZ" or char in "\u200b\ufeff"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`start, end` moved inwards past whitespace and punctuation. A span of punctuation
    only (PolNeAR has cues that are a colon or a dash) is trimmed of whitespace only, so
    it stays comparable; start == end only when nothing but whitespace is left."""
    start, end = max(0, start), min(len(text), end)
    s, e = start, end
    while s < e and _is_edge(text[s]):
        s += 1
    while e > s and _is_edge(text[e - 1]):
        e -= 1
    if s < e:
        return s, e
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def normalize(text: str, fragments: Iterable[tuple[int, int]]) -> Fragments:
    """The comparable form of a (possibly fragmented) span: trimmed fragments, sorted,
    merged where they overlap or only whitespace/punctuation lies between them."""
    pieces = sorted(p for p in (trim(text, s, e) for s, e in fragments) if p[0] < p[1])
    merged: list[tuple[int, int]] = []
    for start, end in pieces:
        if merged and (start <= merged[-1][1] or all(_is_edge(c) for c in text[merged[-1][1]:start])):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def strict_normalize(text: str, fragments: Iterable[tuple[int, int]]) -> Fragments:
    """The strict comparable form, as published PolNeAR scores compare spans: fragments
    trimmed of whitespace only, sorted, merged where they overlap or only whitespace lies
    between them."""
    pieces = []
    for start, end in fragments:
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            pieces.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if merged and (start <= merged[-1][1] or text[merged[-1][1]:start].isspace()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def quote_fragments(quote: Quote, role: str) -> Fragments:
    value = getattr(quote, role)
    if value is None:
        return ()
    if isinstance(value, Span):
        return ((value.start, value.end),)
    return tuple((span.start, span.end) for span in value)


def _inside(fragments: Fragments, regions: Fragments) -> bool:
    return bool(regions) and all(any(rs <= s and e <= re_ for rs, re_ in regions) for s, e in fragments)


class _Tokens:
    """Word-token offsets of one text, for mapping character spans to token indices."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def covered(self, spans: Iterable[Fragments]) -> set[int]:
        out: set[int] = set()
        for fragments in spans:
            for start, end in fragments:
                first = bisect.bisect_right(self.ends, start)  # first token ending after start
                last = bisect.bisect_left(self.starts, end)    # tokens starting before end
                out.update(range(first, last))
        return out


# --------------------------------------------------------------------------- scoring

@dataclass
class RoleSets:
    """One article's comparable spans of one role: normalized gold and predicted sets."""

    gold: set[Fragments]
    predicted: set[Fragments]


def polnear_fragments(text: str, quote: Quote, role: str) -> Fragments:
    """A quote's fragments of `role` in PolNeAR's conventions (the scoring adapter)."""
    fragments = quote_fragments(quote, role)
    if role != "content":
        return fragments
    fragments = _with_object(text, quote, fragments)
    return tuple(to_polnear(text, start, end) for start, end in fragments)


def _with_object(text: str, quote: Quote, fragments: Fragments) -> Fragments:
    """PolNeAR's annotators mostly start the content of "urged Republicans to join ..." at
    the object; the record keeps the one urged as the addressee and the content from "to"
    (quotes/addressee.py): the object joins the first fragment again where it stands just
    before an infinitive."""
    if quote.addressee is None or not fragments:
        return fragments
    (start, end), rest = fragments[0], fragments[1:]
    words = text[start:end].split(maxsplit=2)
    infinitive = words[:1] == ["to"] or words[:2] == ["not", "to"]
    if not infinitive or quote.addressee.end > start or text[quote.addressee.end:start].strip():
        return fragments
    return ((quote.addressee.start, end), *rest)


def role_sets(article: GoldArticle, quotes: Sequence[Quote], role: str, *, strict: bool = True) -> RoleSets:
    """Gold and predicted spans of `role`, compared strictly (whitespace trimmed, through
    the adapter) or leniently (punctuation trimmed too)."""
    text = article.text
    compare = strict_normalize if strict else normalize
    gold = {compare(text, a.role(role)) for a in article.attributions if a.role(role)}
    predicted = set()
    for quote in quotes:
        fragments = polnear_fragments(text, quote, role) if strict else quote_fragments(quote, role)
        if fragments and not _inside(fragments, article.discard):
            predicted.add(compare(text, fragments))
    gold.discard(())
    predicted.discard(())
    return RoleSets(gold, predicted)


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def score(golds: Sequence[GoldArticle], predictions: Sequence[Sequence[Quote]]) -> dict[str, Any]:
    """Score predicted quotes (one list per article, in the order of `golds`) against gold.

    Pure: no spaCy. Returns {"articles", "gold", "predicted", "<role>": {"exact", "lenient",
    "overlap", "counts"}, "calibration"} with P/R/F1 rounded to 4 places (see the module
    docstring for definitions, and `calibration`).
    """
    if len(golds) != len(predictions):
        raise ValueError(f"{len(golds)} gold articles but {len(predictions)} prediction lists")
    result: dict[str, Any] = {
        "articles": len(golds),
        "gold": {"attributions": sum(len(a.attributions) for a in golds)},
        "predicted": {"quotes": sum(len(q) for q in predictions)},
    }
    content_sets: list[tuple[str, RoleSets]] = []  # (text, the content's sets) per article
    for role in ROLES:
        n_gold = n_pred = tp = 0
        lenient_gold = lenient_pred = lenient_tp = 0
        tok_gold = tok_pred = tok_pred_ok = tok_gold_ok = 0
        boundary_fp = boundary_fn = 0
        for article, quotes in zip(golds, predictions):
            sets = role_sets(article, quotes, role)
            if role == "content":
                content_sets.append((article.text, sets))
            n_gold += len(sets.gold)
            n_pred += len(sets.predicted)
            tp += len(sets.gold & sets.predicted)
            lenient = role_sets(article, quotes, role, strict=False)
            lenient_gold += len(lenient.gold)
            lenient_pred += len(lenient.predicted)
            lenient_tp += len(lenient.gold & lenient.predicted)
            tokens = _Tokens(article.text)
            gold_tokens = tokens.covered(sets.gold)
            pred_tokens = tokens.covered(sets.predicted)
            tok_gold += len(gold_tokens)
            tok_pred += len(pred_tokens)
            both = len(gold_tokens & pred_tokens)
            tok_pred_ok += both
            tok_gold_ok += both
            boundary_fp += sum(1 for s in sets.predicted - sets.gold if tokens.covered([s]) & gold_tokens)
            boundary_fn += sum(1 for s in sets.gold - sets.predicted if tokens.covered([s]) & pred_tokens)
        result["gold"][role] = n_gold
        result["predicted"][role] = n_pred
        result[role] = {
            "exact": _prf(tp, n_pred, tp, n_gold),
            "lenient": _prf(lenient_tp, lenient_pred, lenient_tp, lenient_gold),
            "overlap": _prf(tok_pred_ok, tok_pred, tok_gold_ok, tok_gold),
            "counts": {
                "gold": n_gold, "predicted": n_pred, "exact_match": tp,
                # a false positive overlapping some gold span of its role: a boundary error
                "fp_boundary": boundary_fp, "fp_spurious": n_pred - tp - boundary_fp,
                "fn_boundary": boundary_fn, "fn_missed": n_gold - tp - boundary_fn,
                "gold_tokens": tok_gold, "predicted_tokens": tok_pred, "overlap_tokens": tok_pred_ok,
            },
        }
    result["content_by_form"] = content_by_form(content_sets)
    result["calibration"] = calibration(golds, predictions)
    return result


def content_form(text: str, fragments: Fragments) -> str:
    """How a (strictly normalized) content span is written: "quoted" when every fragment
    opens with a quotation mark and closes with one (a direct quotation in PolNeAR's
    convention), "mixed" when it holds a double quotation mark elsewhere (a paraphrase
    with quoted words), else "unquoted" (reported speech; single marks inside are not
    counted, as they are mostly apostrophes)."""
    if all(text[s] in OPENERS and text[e - 1] in CLOSERS for s, e in fragments if e - s >= 2):
        return "quoted"
    if any(char in _DOUBLE_MARKS for s, e in fragments for char in text[s:e]):
        return "mixed"
    return "unquoted"


def content_by_form(content_sets: Sequence[tuple[str, RoleSets]]) -> dict[str, Any]:
    """Strict exact P/R/F1 of contents apart by form (`content_form`), from each article's
    text and content sets: where the model is reliable (direct quotations) and where it
    is not (reported speech)."""
    counts = {form: {"gold": 0, "predicted": 0, "exact_match": 0} for form in FORMS}
    for text, sets in content_sets:
        for side, spans in (("gold", sets.gold), ("predicted", sets.predicted), ("exact_match", sets.gold & sets.predicted)):
            for fragments in spans:
                counts[content_form(text, fragments)][side] += 1
    return {form: {"exact": _prf(c["exact_match"], c["predicted"], c["exact_match"], c["gold"]), "counts": c}
            for form, c in counts.items()}


def calibration(golds: Sequence[GoldArticle], predictions: Sequence[Sequence[Quote]], bins: int = 10
                ) -> dict[str, Any]:
    """How well `confidence` predicts that a quote's content is exactly right (strict):
    a reliability table over `bins` equal-width confidence bins and the expected
    calibration error (the bins' |accuracy - mean confidence|, weighted by their size)."""
    pairs = []
    for article, quotes in zip(golds, predictions):
        gold = {strict_normalize(article.text, a.content) for a in article.attributions if a.content}
        for quote in quotes:
            fragments = polnear_fragments(article.text, quote, "content")
            if fragments and not _inside(fragments, article.discard):
                pairs.append((quote.confidence, strict_normalize(article.text, fragments) in gold))
    rows, ece = reliability_bins(pairs, bins)
    table = [{"low": low, "high": high, "quotes": n, "confidence": round(confidence, 4), "accuracy": round(accuracy, 4)}
             for low, high, n, confidence, accuracy in rows]
    return {"ece": round(ece, 4), "quotes": len(pairs), "bins": table}


# --------------------------------------------------------------------------- running

def predict_records(golds: Sequence[GoldArticle], *, options: Any = None, batch_size: int = 16) -> list[Record]:
    """quotegraph's records for every article: one batched `extract_many` call over all
    texts, every quote kept, `confidence` the attribution engine's own (what `calibration`
    scores; the reader confidence is computed from it, `acceptance`)."""
    from ..config import Options

    options = replace((options or Options()).everything(), confidence="attribution")
    items = [{"text": a.text, "id": a.stem} for a in golds]
    return extract_records(items, options=options, batch_size=batch_size, on_error="; scored as no quotes")


def scored_quotes(records: Sequence[Record]) -> list[list[Quote]]:
    """The quotes PolNeAR is scored on: reports nested in another quote's content
    (`Quote.within`) are left out: PolNeAR is univocal, a word has one role in one
    attribution, so its annotators never mark them."""
    return [[q for q in record.quotes if q.within is None] for record in records]


def predict(golds: Sequence[GoldArticle], *, options: Any = None, batch_size: int = 16) -> list[list[Quote]]:
    """The scored quotes of every article (`predict_records`, `scored_quotes`)."""
    return scored_quotes(predict_records(golds, options=options, batch_size=batch_size))


def _word_set(text: str, fragments: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(m.start() for s, e in fragments for m in _WORD.finditer(text, s, e))


def accepted(article: GoldArticle, quotes: Sequence[Quote]) -> list[bool]:
    """Of each quote, whether it matches a gold attribution as a reader would accept it: the
    contents share at least half the words of the shorter, and the sources overlap (or both
    are absent). What the reader confidence is calibrated on, on PolNeAR."""
    golds = [(_word_set(article.text, a.content), _word_set(article.text, a.source)) for a in article.attributions
             if a.content]
    out = []
    for quote in quotes:
        content = _word_set(article.text, ((s.start, s.end) for s in quote.content))
        source = _word_set(article.text, [(quote.source.start, quote.source.end)] if quote.source else [])
        out.append(bool(content) and any(
            len(content & gc) >= 0.5 * min(len(content), len(gc)) and ((not gs and not source) or bool(gs & source))
            for gc, gs in golds))
    return out


def reader_views(records: Sequence[Record]) -> list[Record]:
    """A copy of each record (engine confidences) with the reader confidence a user sees."""
    from ..quotes.acceptance import reader_confidence

    views = []
    for record in records:
        copy = Record(text=record.text, quotes=[replace(q) for q in record.quotes], entities=record.entities)
        reader_confidence(copy)
        views.append(copy)
    return views


def canonical_speakers(golds: Sequence[GoldArticle], views: Sequence[Record], options: Any = None) -> dict[str, Any] | None:
    """The canonical speaker rate (`canonical.py`) of the records as a reader sees them
    (`reader_views`) over the articles that have a gender gold (PolNeAR dev's), in the
    default view and over everything; None where none has one."""
    from ..config import Options
    from . import canonical, gender_gold

    people = {stem: [p["name"] for p in gold["people"]] for stem, gold in gender_gold.load("polnear_dev").items()}
    covered = [(article, record) for article, record in zip(golds, views) if article.stem in people]
    if not covered:
        return None
    min_confidence = (options or Options()).min_confidence
    return {view: canonical.rate(((a, r.quotes, people[a.stem]) for a, r in covered), threshold)
            for view, threshold in (("default", min_confidence), ("everything", 0.0))}


def acceptance(golds: Sequence[GoldArticle], views: Sequence[Record], bins: int = 10) -> dict[str, Any]:
    """How well the reader confidence of `views` (`reader_views` of the engine's records)
    predicts that a quote is `accepted`: the expected calibration error over `bins`
    equal-width bins."""
    pairs: list[tuple[float, bool]] = []
    for article, record in zip(golds, views):
        quotes = scored_quotes([record])[0]
        pairs += [(q.confidence, ok) for q, ok in zip(quotes, accepted(article, quotes))]
    _, ece = reliability_bins(pairs, bins)
    share = sum(ok for _, ok in pairs) / len(pairs) if pairs else 0.0
    return {"ece": round(ece, 4), "quotes": len(pairs), "accepted": round(share, 4)}


def evaluate_dir(path: str | Path, *, options: Any = None, limit: int | None = None) -> dict[str, Any]:
    """Extract quotes from every article of a PolNeAR split folder and score them.

    Raises FileNotFoundError (with what was expected) when `path` holds no PolNeAR articles.
    """
    result, _, _ = run(path, options=options, limit=limit)
    return result


def run(path: str | Path, *, options: Any = None, limit: int | None = None) -> tuple[dict[str, Any], Any, Any]:
    """(scores, gold articles, predicted quotes) of a split: what `format_errors` samples from."""
    golds = read_split(path, limit=limit)
    records = predict_records(golds, options=options)
    predictions = scored_quotes(records)
    result = score(golds, predictions)
    views = reader_views(records)
    result["acceptance"] = acceptance(golds, views)
    canonical = canonical_speakers(golds, views, options)
    if canonical is not None:
        result["canonical"] = canonical
    result["split"] = str(path)
    result["annotators"] = {
        "chosen_first_by_name": sum(1 for a in golds if a.other_annotators),
    }
    return result, golds, predictions


def format_report(result: dict[str, Any]) -> str:
    """A fixed-width table of the scores (percentages)."""
    title = f"PolNeAR {result.get('split', '')}".rstrip()
    lines = [
        f"{title}: {result['articles']} articles, {result['gold']['attributions']} gold attributions, "
        f"{result['predicted']['quotes']} predicted quotes",
        "",
        f"{'role':<8} {'gold':>6} {'pred':>6} | {'exact P':>7} {'R':>6} {'F1':>6} | {'lenient F1':>10} | "
        f"{'overlap P':>9} {'R':>6} {'F1':>6} | {'boundary fp/fn':>14} {'spurious':>8} {'missed':>6}",
        "-" * 113,
    ]
    for role in ROLES:
        r = result[role]
        ex, ov, c = r["exact"], r["overlap"], r["counts"]
        lines.append(
            f"{role:<8} {c['gold']:>6} {c['predicted']:>6} | "
            f"{ex['p'] * 100:>7.1f} {ex['r'] * 100:>6.1f} {ex['f1'] * 100:>6.1f} | {r['lenient']['f1'] * 100:>10.1f} | "
            f"{ov['p'] * 100:>9.1f} {ov['r'] * 100:>6.1f} {ov['f1'] * 100:>6.1f} | "
            f"{c['fp_boundary']:>6}/{c['fn_boundary']:<7} {c['fp_spurious']:>8} {c['fn_missed']:>6}"
        )
    lines.append("")
    if "content_by_form" in result:
        lines.append(f"{'content by form':<15} {'gold':>6} {'pred':>6} | {'exact P':>7} {'R':>6} {'F1':>6}")
        for form, r in result["content_by_form"].items():
            ex, c = r["exact"], r["counts"]
            lines.append(f"  {form:<13} {c['gold']:>6} {c['predicted']:>6} | "
                         f"{ex['p'] * 100:>7.1f} {ex['r'] * 100:>6.1f} {ex['f1'] * 100:>6.1f}")
    if "calibration" in result:
        cal = result["calibration"]
        lines += ["", f"calibration (is a quote's content exactly right?): ECE {cal['ece'] * 100:.1f} points "
                      f"over {cal['quotes']} quotes",
                  f"{'confidence':>11} {'quotes':>7} {'mean conf':>9} {'exact':>6}"]
        lines += [f"{row['low']:.1f}-{row['high']:.1f}{'':>4} {row['quotes']:>7} {row['confidence'] * 100:>9.1f} "
                  f"{row['accuracy'] * 100:>6.1f}" for row in cal["bins"]]
    if "acceptance" in result:
        acc = result["acceptance"]
        lines.append(f"reader confidence (is a quote accepted: right source, content overlap >= 0.5?): ECE "
                     f"{acc['ece'] * 100:.1f} points over {acc['quotes']} quotes, {acc['accepted'] * 100:.1f}% accepted")
    for view, r in result.get("canonical", {}).items():
        lines.append(f"canonical speaker ({view} view, gold persons named in full): {r['canonical_speaker'] * 100:.1f}% "
                     f"of {r['of']} matched statements; lenient speaker accuracy {r['lenient_speaker'] * 100:.1f}%")
    lines.append("exact (strict, comparable with published figures): span boundaries equal after trimming "
                 "whitespace only, our contents through the PolNeAR adapter; lenient (not comparable): edge "
                 "punctuation trimmed too; overlap: word tokens; micro-averaged.")
    return "\n".join(lines)


# --------------------------------------------------------------------------- error analysis

def _show(text: str, fragments: Fragments) -> str:
    return " … ".join(repr(text[s:e]) for s, e in fragments) + f" @{fragments[0][0]}" if fragments else "—"


def _context(text: str, fragments: Fragments, width: int) -> str:
    """The text around `fragments`, each fragment bracketed ⟦like this⟧, on one line."""
    start = max(0, fragments[0][0] - width)
    end = min(len(text), fragments[-1][1] + width)
    out, pos = [], start
    for s, e in fragments:
        if s < pos:
            continue
        out += [text[pos:s], "⟦", text[s:e], "⟧"]
        pos = e
    out.append(text[pos:end])
    shown = "".join(out).replace("\n", " ⏎ ")
    return ("…" if start > 0 else "") + shown + ("…" if end < len(text) else "")


def _overlapping(tokens: _Tokens, target: Fragments, candidates: Iterable[Fragments]) -> list[Fragments]:
    want = tokens.covered([target])
    return sorted(c for c in candidates if tokens.covered([c]) & want)


def find_errors(golds: Sequence[GoldArticle], predictions: Sequence[Sequence[Quote]], role: str
                ) -> dict[str, list[dict[str, Any]]]:
    """Every miss (gold span not predicted exactly) and false positive of `role`, each with
    the overlapping spans of the other side and the attribution it belongs to."""
    misses, false_positives = [], []
    for article, quotes in zip(golds, predictions):
        text = article.text
        sets = role_sets(article, quotes, role)
        tokens = _Tokens(text)
        gold_of = {strict_normalize(text, a.role(role)): a for a in article.attributions if a.role(role)}
        pred_of: dict[Fragments, Quote] = {}
        for quote in quotes:
            frags = polnear_fragments(text, quote, role)
            if frags:
                pred_of.setdefault(strict_normalize(text, frags), quote)
        for span in sorted(sets.gold - sets.predicted):
            a = gold_of[span]
            misses.append({
                "article": article.stem, "role": role, "span": span,
                "text": _show(text, span), "context": _context(text, span, 120),
                "gold_attribution": {r: _show(text, strict_normalize(text, a.role(r))) for r in ROLES},
                "predicted_overlapping": [_show(text, s) for s in _overlapping(tokens, span, sets.predicted)],
            })
        for span in sorted(sets.predicted - sets.gold):
            q = pred_of.get(span)
            false_positives.append({
                "article": article.stem, "role": role, "span": span,
                "text": _show(text, span), "context": _context(text, span, 120),
                "predicted_quote": ({r: _show(text, strict_normalize(text, polnear_fragments(text, q, r))) for r in ROLES}
                                    | {"type": q.type, "confidence": round(q.confidence, 3)}) if q else None,
                "gold_overlapping": [_show(text, s) for s in _overlapping(tokens, span, sets.gold)],
            })
    return {"misses": misses, "false_positives": false_positives}


def format_errors(golds: Sequence[GoldArticle], predictions: Sequence[Sequence[Quote]], n: int, *,
                  roles: Sequence[str] = ROLES, seed: int = 0) -> str:
    """Up to `n` misses and `n` false positives per role, sampled across articles (seeded)."""
    out = []
    for role in roles:
        errors = find_errors(golds, predictions, role)
        for kind, label in (("misses", "MISSED (gold, not predicted exactly)"),
                            ("false_positives", "FALSE POSITIVE (predicted, not in gold)")):
            header, sample = error_sample(f"{role}: {label}", errors[kind], n, seed=seed,
                                          key=lambda e: (e["article"], e["span"]))
            out.append(header)
            for e in sample:
                out.append(f"- {e['article']}  {e['text']}")
                out.append(f"    context: {e['context']}")
                if kind == "misses":
                    g = e["gold_attribution"]
                    out.append(f"    gold attribution: source={g['source']}  cue={g['cue']}  content={g['content']}")
                    out.append("    predicted overlapping: " + ("; ".join(e["predicted_overlapping"]) or "none"))
                else:
                    q = e["predicted_quote"]
                    if q:
                        out.append(f"    predicted quote ({q['type']}, {q['confidence']}): source={q['source']}  "
                                   f"cue={q['cue']}  content={q['content']}")
                    out.append("    gold overlapping: " + ("; ".join(e["gold_overlapping"]) or "none (spurious)"))
            out.append("")
    return "\n".join(out)

