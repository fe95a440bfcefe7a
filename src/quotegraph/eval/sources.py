"""Who gets quoted, by gender, scored as the Gender Gap Tracker scores itself.

    quotegraph eval sources ../shared/data/pages-dev [--split tune|heldout|all] [--no-name-prior]
    quotegraph eval sources ../shared/data/polnear/dev

Per article, the people it names and the sources among them (people who say something), each
by gender, against the gender gold (`gender_gold.py`) in its strict reading (`gender`: the
text and what any reader knows of public figures) and in its second one (`by_name`: a first
name read as a reader reads it where the text says nothing; `by_name` in the result). True
positives, predictions and gold are summed over articles into precision / recall / F1 for
people-female, people-male, sources-female and sources-male. Also the share of women among the sources (gold and
predicted), how many predicted persons have a gender, by the kind of evidence behind it, and
the same P/R/F1 gender aside (are the people and the sources found at all).

The prediction is read from the record as DESIGN.md defines it: people are entities labelled
PERSON (whose `source_type`, where the field is given, is person); sources are people who
are the `speaker.entity` of a statement shown at the corpus's convention (`shown_at`): on the
real pages, whose gold follows STATEMENTS.md, the default view (confidence at or above
`Options.min_confidence`, the documented default); on PolNeAR, whose gold sources are the
Sources of its annotation scheme (beliefs and stances among them, which the default view
leaves out on purpose), every quote, as `eval polnear` scores them. A person's gender is the entity's
`gender` (null counts as no gender); its evidence kinds come from `gender_evidence[].kind`.

A predicted person is the gold person of the same article whose surname agrees and whose
first name does not conflict ("Trump" is "Donald Trump"; "C. Martinez" is not "Alexis
Martinez"), one to one, exact names first. Precision is None where nothing was predicted
(printed n/a): a record with no genders scores recall 0, not a made-up precision.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Iterable, Sequence

from . import gender_gold
from .gender_gold import GENDER_GOLD_DIR

GENDERS = ("female", "male")
GROUPS = ("people", "sources")
SPLITS = ("tune", "heldout", "all")
_NAME_WORD = re.compile(r"[\w’'.-]+")
_POSSESSIVE = re.compile(r"[’']s$")
# Words around a name that are not part of who it is.
_HONORIFICS = frozenset("mr mrs ms miss dr sir dame lady lord".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())


class SourcesEvalError(ValueError):
    """A request the scorer cannot honour (a split a corpus does not have)."""


# --------------------------------------------------------------------------- names

def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, lower-cased, without honorifics, possessives and Jr./III."""
    words = [_POSSESSIVE.sub("", w.lower()).strip(".-") for w in _NAME_WORD.findall(name)]
    words = [w for w in words if w]
    while words and words[0] in _HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return tuple(words)


def _first_names_agree(a: str, b: str) -> bool:
    """Equal, or one is the initial of the other ("c" and "christina")."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def same_person(predicted: str, gold: str) -> bool:
    """Surnames agree and first names, where both are given, do not conflict; a name whose
    words are all in the other's is the same person too ("Hawk Sawyer" and "Kathleen Hawk
    Sawyer", where "Hawk" is no first name)."""
    p, g = name_words(predicted), name_words(gold)
    if not p or not g or p[-1] != g[-1]:
        return False
    return (len(p) == 1 or len(g) == 1 or _first_names_agree(p[0], g[0])
            or set(p) <= set(g) or set(g) <= set(p))


def match_people(predicted: Sequence[str], gold: Sequence[str]) -> dict[int, int]:
    """predicted index -> gold index, one to one: identical names first, then in order."""
    pairs = sorted((name_words(p) != name_words(g), i, j)
                   for i, p in enumerate(predicted) for j, g in enumerate(gold) if same_person(p, g))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in pairs:
        if i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)
    return matched


# --------------------------------------------------------------------------- prediction

def predicted_people(record: dict[str, Any], min_confidence: float) -> list[dict[str, Any]]:
    """The persons of a record (dict form): name, gender, evidence kinds, and whether one of
    the statements shown at `min_confidence` is theirs."""
    speakers = {(q.get("speaker") or {}).get("entity") for q in record.get("quotes", [])
                if q.get("confidence", 0.0) >= min_confidence}
    people = []
    for entity in record.get("entities", []):
        if entity.get("label") != "PERSON" or entity.get("source_type") not in (None, "person"):
            continue
        people.append({"name": entity["name"], "gender": entity.get("gender"),
                       "kinds": sorted({e["kind"] for e in entity.get("gender_evidence") or []}),
                       "source": entity.get("id") in speakers})
    return people


# --------------------------------------------------------------------------- scoring

def _new_tally() -> dict[str, Any]:
    return {"counts": {(group, g): [0, 0, 0] for group in GROUPS for g in GENDERS},  # right, predicted, gold
            "persons": 0, "with_gender": 0, "by_kind": {}, "kind_accuracy": {},
            "blind": {group: [0, 0, 0] for group in GROUPS}}  # gender aside: right, predicted, gold


def _in_group(person: dict[str, Any], group: str) -> bool:
    return group == "people" or person["source"]


def _counted(person: dict[str, Any], group: str, gender: str) -> bool:
    return person["gender"] == gender and _in_group(person, group)


def _add_article(tally: dict[str, Any], gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]) -> None:
    matched = match_people([p["name"] for p in predicted], [g["name"] for g in gold])
    for (group, g), counts in tally["counts"].items():
        counts[1] += sum(_counted(p, group, g) for p in predicted)
        counts[2] += sum(_counted(p, group, g) for p in gold)
        counts[0] += sum(_counted(predicted[i], group, g) and _counted(gold[j], group, g) for i, j in matched.items())
    for group, counts in tally["blind"].items():
        counts[0] += sum(_in_group(predicted[i], group) and _in_group(gold[j], group) for i, j in matched.items())
        counts[1] += sum(_in_group(p, group) for p in predicted)
        counts[2] += sum(_in_group(p, group) for p in gold)
    tally["persons"] += len(predicted)
    for i, person in enumerate(predicted):
        if person["gender"] is None:
            continue
        tally["with_gender"] += 1
        for kind in person["kinds"] or ["(no evidence given)"]:
            tally["by_kind"][kind] = tally["by_kind"].get(kind, 0) + 1
            if i in matched:
                verdict = tally["kind_accuracy"].setdefault(kind, {"right": 0, "wrong": 0, "gold_unknown": 0})
                truth = gold[matched[i]]["gender"]
                verdict["gold_unknown" if truth == "unknown" else "right" if truth == person["gender"] else "wrong"] += 1


def _prf(right: int, predicted: int, gold: int) -> dict[str, Any]:
    precision = right / predicted if predicted else None
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "right": right, "predicted": predicted, "gold": gold}


def _share(women: int, men: int) -> float | None:
    return women / (women + men) if women + men else None


def score(articles: Iterable[tuple[Sequence[dict[str, Any]], Sequence[dict[str, Any]]]]) -> dict[str, Any]:
    """(gold people, predicted people) per article -> the summed figures described above."""
    tally = _new_tally()
    n = 0
    for gold, predicted in articles:
        _add_article(tally, gold, predicted)
        n += 1
    counts = tally["counts"]
    scores = {group: {g: _prf(*counts[(group, g)]) for g in GENDERS} for group in GROUPS}
    women, men = scores["sources"]["female"], scores["sources"]["male"]
    gold_share, predicted_share = _share(women["gold"], men["gold"]), _share(women["predicted"], men["predicted"])
    return {
        "articles": n, "scores": scores,
        "gender_blind": {group: _prf(*tally["blind"][group]) for group in GROUPS},
        "share_women_sources": {"gold": gold_share, "predicted": predicted_share,
                                # how far the predicted share is from the gold's (1.0: no prediction)
                                "gap": abs(predicted_share - gold_share)
                                if gold_share is not None and predicted_share is not None else 1.0,
                                "gold_counts": [women["gold"], men["gold"]],
                                "predicted_counts": [women["predicted"], men["predicted"]]},
        "coverage": {"persons": tally["persons"], "with_gender": tally["with_gender"],
                     "share": tally["with_gender"] / tally["persons"] if tally["persons"] else None,
                     "by_evidence": dict(sorted(tally["by_kind"].items()))},
        "accuracy_by_evidence": dict(sorted(tally["kind_accuracy"].items())),
    }


# --------------------------------------------------------------------------- running

def _articles(path: Path, split: str, gold_dir: Path) -> tuple[str, dict[str, dict[str, Any]], list[Any]]:
    """(corpus, gold by document, articles to extract, in the gold's order) for `path`: a
    PolNeAR split folder (text/ and attributions/) or a folder of the real pages."""
    from ..article import Article
    from .statements import read_page

    if (path / "text").is_dir() and (path / "attributions").is_dir():
        if split != "all":
            raise SourcesEvalError(f"{path}: PolNeAR dev has no {split} split (use --split all)")
        golds = gender_gold.load("polnear_dev", gold_dir)
        articles = []
        for stem in golds:
            text_path = path / "text" / f"{stem}.txt"
            if not text_path.is_file():
                raise FileNotFoundError(f"{path}: article {stem} of the gender gold is not there ({text_path})")
            with open(text_path, encoding="utf-8", newline="") as file:
                articles.append(Article(text=file.read(), id=stem))
        return "polnear_dev", golds, articles
    golds = {doc: gold for doc, gold in gender_gold.load("pages", gold_dir).items()
             if split == "all" or gold["split"] == split}
    return "pages", golds, [read_page(path, page) for page in golds]


def shown_at(corpus: str, default: float) -> float:
    """The confidence from which a statement's speaker counts as a source, by the corpus's
    convention: PolNeAR's gold is its scheme's (everything the tool finds: 0), the real
    pages' is a reader's (`default`, the default view's threshold)."""
    return 0.0 if corpus == "polnear_dev" else default


def run(path: str | Path, *, split: str = "all", options: Any = None, min_confidence: float | None = None,
        gold_dir: Path = GENDER_GOLD_DIR) -> dict[str, Any]:
    """Extract the gold's articles from `path` with `options` and score them, counting as
    sources the speakers of statements at `min_confidence` or above (None: the corpus's
    convention, `shown_at`). Raises FileNotFoundError where an article is missing,
    SourcesEvalError for a split the corpus lacks."""
    from ..api import extract_many
    from ..config import Options

    if split not in SPLITS:
        raise SourcesEvalError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    options = options or Options()
    corpus, golds, articles = _articles(Path(path), split, gold_dir)
    threshold = shown_at(corpus, options.min_confidence) if min_confidence is None else min_confidence
    records = list(extract_many(articles, options=options.everything()))
    scored = []
    for (doc, gold), record in zip(golds.items(), records):
        if record.error is not None:
            print(f"warning: {doc}: {record.error}; scored as naming no one", file=sys.stderr)
        scored.append((gold["people"], predicted_people(record.to_dict(), threshold)))
    result = score(scored)
    by_name = score((gender_gold.read_by_name(list(gold)), predicted) for gold, predicted in scored)
    result["by_name"] = {key: by_name[key] for key in ("scores", "share_women_sources")}
    result.update(corpus=corpus, split=split, min_confidence=threshold,
                  name_prior=getattr(options, "name_prior", True))
    return result


# --------------------------------------------------------------------------- report

def _figure(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1%}" if percent else f"{value:.3f}"


def format_report(result: dict[str, Any]) -> str:
    lines = [f"Sources by gender ({result['corpus']}, split {result['split']}): {result['articles']} articles; "
             f"name statistic {'on' if result['name_prior'] else 'off'}; statements shown at confidence >= "
             f"{result['min_confidence']:.2f}" + (" (PolNeAR's scheme: every quote)" if result["corpus"] == "polnear_dev"
                                              and result["min_confidence"] == 0 else ""),
             f"  {'':16} {'precision':>9} {'recall':>7} {'F1':>6}   right / predicted / gold"]
    for group in GROUPS:
        for g in GENDERS:
            r = result["scores"][group][g]
            lines.append(f"  {group + ' ' + g:16} {_figure(r['precision']):>9} {_figure(r['recall']):>7} "
                         f"{_figure(r['f1']):>6}   {r['right']} / {r['predicted']} / {r['gold']}")
    for group in GROUPS:
        r = result["gender_blind"][group]
        lines.append(f"  {group + ', gender aside':16} {_figure(r['precision']):>9} {_figure(r['recall']):>7} "
                     f"{_figure(r['f1']):>6}   {r['right']} / {r['predicted']} / {r['gold']}")
    share = result["share_women_sources"]
    lines.append(f"  women among sources: gold {_figure(share['gold'], True)} ({share['gold_counts'][0]} of "
                 f"{sum(share['gold_counts'])}), predicted {_figure(share['predicted'], True)} "
                 f"({share['predicted_counts'][0]} of {sum(share['predicted_counts'])})")
    if "by_name" in result:
        lines.append("  against the gold's second reading (a first name read as a reader reads it, where the text "
                     "says nothing):")
        for group in GROUPS:
            for g in GENDERS:
                r = result["by_name"]["scores"][group][g]
                lines.append(f"  {group + ' ' + g:16} {_figure(r['precision']):>9} {_figure(r['recall']):>7} "
                             f"{_figure(r['f1']):>6}   {r['right']} / {r['predicted']} / {r['gold']}")
        share = result["by_name"]["share_women_sources"]
        lines.append(f"  women among sources: gold {_figure(share['gold'], True)}, predicted "
                     f"{_figure(share['predicted'], True)}")
    coverage = result["coverage"]
    lines.append(f"  coverage: {coverage['with_gender']} of {coverage['persons']} predicted persons have a gender "
                 f"({_figure(coverage['share'], True)})")
    for kind, count in coverage["by_evidence"].items():
        verdict = result["accuracy_by_evidence"].get(kind, {"right": 0, "wrong": 0, "gold_unknown": 0})
        lines.append(f"    {kind:20} {count:5d} persons; matched to gold: {verdict['right']} right, "
                     f"{verdict['wrong']} wrong, {verdict['gold_unknown']} where the gold says unknown")
    return "\n".join(lines)


__all__ = ["GENDERS", "GROUPS", "SPLITS", "SourcesEvalError", "format_report", "match_people", "name_words",
           "predicted_people", "run", "same_person", "score", "shown_at"]
