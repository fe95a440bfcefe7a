"""The PolNeAR scorer and the evaluation gate.

Scorer tests use hand-written brat files in tmp_path and hand-built quotes (no spaCy, no
corpus data). The gate test reads PolNeAR dev (`corpus_path`) and is marked corpus + slow.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.policy import corpus_path

from quotegraph.eval import brat, gate, polnear
from quotegraph.record import Quote, Record
from quotegraph.text.spans import make_span

TEXT = (
    'Officials said the vote would be delayed. '            # 0..42
    '"We are ready," the mayor told reporters, "and we will win." '
    'Read more at our site.'
)


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def ann_line(tid: str, label: str, text: str, *frags: tuple[int, int]) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in frags)
    return f"{tid}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in frags)}"


def gold_ann(text: str = TEXT) -> str:
    """Two attributions: an indirect one, and a direct quote split by its attribution."""
    q1, q2 = at(text, '"We are ready,"'), at(text, '"and we will win."')
    return "\n".join([
        ann_line("T1", "Source", text, at(text, "Officials")),
        ann_line("T2", "Cue", text, at(text, "said")),
        ann_line("T3", "Content", text, at(text, "the vote would be delayed")),
        ann_line("T4", "Attribution", text, at(text, "said")),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        ann_line("T5", "Source", text, at(text, "the mayor")),
        ann_line("T6", "Cue", text, at(text, "told")),
        ann_line("T7", "Content", text, q1, q2),
        ann_line("T8", "Attribution", text, at(text, "told")),
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        ann_line("T9", "Discard", text, at(text, "Read more at our site.")),
        "#1\tAnnotatorNotes T9\tboilerplate",
        "",
    ])


def write_split(root: Path, articles: dict[str, tuple[str, dict[str, str]]]) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for stem, (text, anns) in articles.items():
        (root / "text" / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
        for annotator, ann in anns.items():
            (root / "attributions" / f"{stem}_{annotator}.ann").write_text(ann, encoding="utf-8", newline="")
    return root


def span(text: str, bounds: tuple[int, int]):
    return make_span(text, *bounds, strip=False)


def quote(text: str, *, source=None, cue=None, content=()) -> Quote:
    return Quote(type="indirect", content=[span(text, c) for c in content], confidence=1.0,
                 cue=span(text, cue) if cue else None, source=span(text, source) if source else None)


def perfect(text: str = TEXT) -> list[Quote]:
    return [
        quote(text, source=at(text, "Officials"), cue=at(text, "said"),
              content=[at(text, "the vote would be delayed")]),
        quote(text, source=at(text, "the mayor"), cue=at(text, "told"),
              content=[at(text, '"We are ready,"'), at(text, '"and we will win."')]),
    ]


@pytest.fixture
def split(tmp_path: Path) -> Path:
    return write_split(tmp_path / "dev", {"a1": (TEXT, {"4b22": gold_ann()})})


def f1s(result: dict, metric: str = "exact") -> dict[str, float]:
    return {role: result[role][metric]["f1"] for role in brat.ROLES}


# ---------------------------------------------------------------- reading brat

def test_read_split_parses_roles_fragments_and_discard(split: Path) -> None:
    (article,) = brat.read_split(split)
    assert article.stem == "a1" and article.annotator == "4b22"
    assert len(article.attributions) == 2
    second = article.attributions[1]
    assert second.content == (at(TEXT, '"We are ready,"'), at(TEXT, '"and we will win."'))
    assert TEXT[slice(*second.source[0])] == "the mayor"
    assert article.discard == (at(TEXT, "Read more at our site."),)


def test_attribution_without_source_and_second_content() -> None:
    text = "It was, the report said, a failure and a disgrace."
    ann = "\n".join([
        ann_line("T1", "Cue", text, at(text, "said")),
        ann_line("T2", "Content", text, at(text, "It was")),
        ann_line("T3", "Content", text, at(text, "a failure and a disgrace")),
        ann_line("T4", "Attribution-no-source", text, at(text, "said")),
        "E1\tAttribution-no-source:T4 Content:T2 Cue:T1 Content2:T3",
        ann_line("T5", "Discuss", text, at(text, "the report")),
    ])
    attributions, discard = brat.parse_ann(ann)
    assert len(attributions) == 1 and discard == ()
    (a,) = attributions
    assert a.source == () and a.cue == (at(text, "said"),)
    assert a.content == (at(text, "It was"), at(text, "a failure and a disgrace"))


def test_orphan_role_span_is_still_gold_and_continuation_lines_skipped() -> None:
    text = "Trump said that\nit was fine."
    ann = ann_line("T1", "Content", text, at(text, "that\nit was fine")) + "\n" + ann_line(
        "T2", "Source", text, at(text, "Trump"))
    attributions, _ = brat.parse_ann(ann)
    assert sorted((a.source, a.content) for a in attributions) == sorted([
        ((), (at(text, "that\nit was fine"),)), ((at(text, "Trump"),), ()),
    ])


def test_several_annotators_first_by_name_is_scored(tmp_path: Path) -> None:
    wrong = "T1\tSource 0 4\tOffi\nT2\tCue 10 14\tsaid\nE1\tAttribution:T2 Cue:T2 Source:T1\n"
    root = write_split(tmp_path / "dev", {"a1": (TEXT, {"d473": wrong, "4b22": gold_ann(), "ef2d": wrong})})
    (article,) = brat.read_split(root)
    assert article.annotator == "4b22" and article.other_annotators == ("d473", "ef2d")
    assert f1s(polnear.score([article], [perfect()])) == {"source": 1.0, "cue": 1.0, "content": 1.0}


def test_stem_that_prefixes_another_stem_gets_only_its_own_files(tmp_path: Path) -> None:
    other = TEXT.replace("reporters", "the press")
    root = write_split(tmp_path / "dev", {"a": (TEXT, {"4b22": gold_ann()}),
                                          "a_b": (other, {"4e07": gold_ann(other)})})
    articles = brat.read_split(root)
    assert [(a.stem, a.annotator) for a in articles] == [("a", "4b22"), ("a_b", "4e07")]


@pytest.mark.parametrize("make", [
    lambda p: p,                                            # no text/ or attributions/
    lambda p: (p / "text").mkdir() or (p / "attributions").mkdir() or p,   # empty
])
def test_empty_or_wrong_dir_is_a_clear_error(tmp_path: Path, make) -> None:
    with pytest.raises(FileNotFoundError, match="PolNeAR|attributions"):
        brat.read_split(make(tmp_path))
    with pytest.raises(FileNotFoundError):
        polnear.evaluate_dir(tmp_path)  # fails before loading any model


def test_cli_reports_missing_and_wrong_dirs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from quotegraph.cli import main

    missing = CliRunner().invoke(main, ["eval", "polnear", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    wrong = CliRunner().invoke(main, ["eval", "polnear", str(tmp_path)])  # fails before loading any model
    assert wrong.exit_code == 1 and "not a PolNeAR split folder" in wrong.output


def test_offsets_past_the_text_are_an_error(tmp_path: Path) -> None:
    root = write_split(tmp_path / "dev", {"a1": ("short", {"4b22": "T1\tSource 0 99\tx\n"})})
    with pytest.raises(brat.BratFormatError, match="past the end"):
        brat.read_split(root)


# ---------------------------------------------------------------- scoring

def test_perfect_prediction_scores_one(split: Path) -> None:
    golds = brat.read_split(split)
    result = polnear.score(golds, [perfect()])
    assert f1s(result) == {"source": 1.0, "cue": 1.0, "content": 1.0}
    assert f1s(result, "overlap") == {"source": 1.0, "cue": 1.0, "content": 1.0}
    assert result["articles"] == 1 and result["gold"]["content"] == 2 and result["predicted"]["quotes"] == 2


def test_no_predictions_score_zero_recall(split: Path) -> None:
    result = polnear.score(brat.read_split(split), [[]])
    for role in brat.ROLES:
        assert result[role]["exact"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
        assert result[role]["overlap"]["r"] == 0.0
        assert result[role]["counts"]["fn_missed"] == result[role]["counts"]["gold"]
    assert "source" in polnear.format_report(result)


@pytest.mark.parametrize("gold,pred,equal", [
    ('"the vote would be delayed."', "the vote would be delayed", True),
    ("“the vote would be delayed”", "the vote would be delayed.", True),
    ("«the vote»", "‘the vote’", True),
    ("„the vote“ ", " 'the vote'", True),
    ("the vote would", "the vote would be", False),
    ("the vote", "he vote", False),
])
def test_trimming_edge_punctuation_and_quotes(gold: str, pred: str, equal: bool) -> None:
    text = f"X said {gold} and Y said {pred} ok"
    g = polnear.normalize(text, [at(text, gold)])
    p = polnear.normalize(text, [at(text, pred, nth=1 if gold == pred else 0)])
    assert (text[slice(*g[0])] == text[slice(*p[0])]) is equal


def test_a_punctuation_difference_is_exact_only_in_the_lenient_score(split: Path) -> None:
    golds = brat.read_split(split)
    loose = perfect()
    s, e = at(TEXT, "the vote would be delayed.")  # gold excludes the full stop
    loose[0].content = [span(TEXT, (s, e))]
    result = polnear.score(golds, [loose])
    assert result["content"]["exact"]["f1"] == 0.5
    assert result["content"]["lenient"]["f1"] == 1.0


def test_contents_without_their_quotation_marks_are_exact_through_the_adapter(split: Path) -> None:
    """Our records give a direct quotation without its marks; PolNeAR includes them."""
    golds = brat.read_split(split)
    ours = perfect()
    ours[1].content = [span(TEXT, at(TEXT, "We are ready,")), span(TEXT, at(TEXT, "and we will win."))]
    assert f1s(polnear.score(golds, [ours])) == {"source": 1.0, "cue": 1.0, "content": 1.0}
    # the punctuation just inside the closing mark is PolNeAR's too
    ours[1].content = [span(TEXT, at(TEXT, "We are ready")), span(TEXT, at(TEXT, "and we will win"))]
    assert polnear.score(golds, [ours])["content"]["exact"]["f1"] == 1.0
    ours[1].content = [span(TEXT, at(TEXT, "We are ready")), span(TEXT, at(TEXT, "and we will"))]
    assert polnear.score(golds, [ours])["content"]["exact"]["f1"] == 0.5  # a word short: not exact


@pytest.mark.parametrize("fragments,exact", [
    ([('"We are ready,"',), ('"and we will win."',)], True),         # same fragments
    ([('"and we will win."',), ('"We are ready,"',)], True),         # any order
    ([('We are ready',), ('and we will win',)], True),               # without the marks
    ([('"We are ready,"',)], False),                                 # one fragment missing
    ([('"We are ready," the mayor told reporters, "and we will win."',)], False),  # gap included
])
def test_fragmented_content(split: Path, fragments, exact: bool) -> None:
    golds = brat.read_split(split)
    pred = perfect()
    pred[1].content = [span(TEXT, at(TEXT, f[0])) for f in fragments]
    result = polnear.score(golds, [pred])
    assert (result["content"]["exact"]["f1"] == 1.0) is exact
    if exact:
        assert result["content"]["overlap"] == {"p": 1.0, "r": 1.0, "f1": 1.0}


@pytest.mark.parametrize("content,form", [
    ('"We are ready,"', "quoted"),
    ("“We are ready”", "quoted"),
    ('the city is "ready" now', "mixed"),
    ("the mayor’s team is ready", "unquoted"),   # an apostrophe is not a quotation
    ("the vote would be delayed", "unquoted"),
])
def test_content_form_is_read_off_the_span(content: str, form: str) -> None:
    text = f"X said {content} today"
    assert polnear.content_form(text, (at(text, content),)) == form


def test_content_is_also_scored_apart_by_form(split: Path) -> None:
    """The indirect content is right and the direct quotation a word short: the quoted
    form scores zero, the unquoted form one, and the forms add up to the whole."""
    golds = brat.read_split(split)
    pred = perfect()
    pred[1].content = [span(TEXT, at(TEXT, "We are ready")), span(TEXT, at(TEXT, "and we will"))]
    result = polnear.score(golds, [pred])
    forms = result["content_by_form"]
    assert forms["unquoted"]["exact"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert forms["quoted"]["counts"] == {"gold": 1, "predicted": 0, "exact_match": 0}
    assert forms["mixed"]["counts"] == {"gold": 0, "predicted": 1, "exact_match": 0}  # one fragment quoted, one not
    assert sum(f["counts"]["gold"] for f in forms.values()) == result["content"]["counts"]["gold"]
    assert sum(f["counts"]["predicted"] for f in forms.values()) == result["content"]["counts"]["predicted"]
    assert "content by form" in polnear.format_report(result)


def test_fragments_separated_only_by_punctuation_merge() -> None:
    text = '"One." "Two," he said.'
    one_piece = polnear.normalize(text, [at(text, '"One." "Two,"')])
    two_pieces = polnear.normalize(text, [at(text, '"One."'), at(text, '"Two,"')])
    assert one_piece == two_pieces == ((at(text, "One")[0], at(text, "Two")[1]),)


def test_token_overlap_partial_prediction(split: Path) -> None:
    golds = brat.read_split(split)
    pred = perfect()
    pred[0].content = [span(TEXT, at(TEXT, "the vote would be delayed. "))]  # exact after trimming
    pred[0].source = span(TEXT, at(TEXT, "Officials said"))                  # 1 of 2 tokens right
    result = polnear.score(golds, [pred])
    assert result["source"]["exact"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    # tokens: gold {Officials, the, mayor} = 3; predicted {Officials, said, the, mayor} = 4
    assert result["source"]["overlap"]["p"] == 0.75 and result["source"]["overlap"]["r"] == 1.0
    assert result["source"]["counts"]["fp_boundary"] == 1 and result["source"]["counts"]["fn_boundary"] == 1


def test_duplicate_predictions_count_once_and_gold_matched_once(split: Path) -> None:
    golds = brat.read_split(split)
    pred = perfect() + perfect()
    assert f1s(polnear.score(golds, [pred])) == {"source": 1.0, "cue": 1.0, "content": 1.0}


def test_predictions_inside_discard_are_ignored(split: Path) -> None:
    golds = brat.read_split(split)
    pred = perfect() + [quote(TEXT, cue=at(TEXT, "Read"), content=[at(TEXT, "more at our site")])]
    assert f1s(polnear.score(golds, [pred])) == {"source": 1.0, "cue": 1.0, "content": 1.0}


def test_micro_average_over_articles(tmp_path: Path) -> None:
    root = write_split(tmp_path / "dev", {"a1": (TEXT, {"4b22": gold_ann()}), "a2": (TEXT, {"4b22": gold_ann()})})
    golds = brat.read_split(root)
    result = polnear.score(golds, [perfect(), perfect()[:1]])
    assert result["cue"]["exact"] == {"p": 1.0, "r": 0.75, "f1": round(2 * 0.75 / 1.75, 4)}


def test_score_needs_one_prediction_list_per_article(split: Path) -> None:
    with pytest.raises(ValueError):
        polnear.score(brat.read_split(split), [])


def test_error_report_shows_gold_and_predicted_around_each_miss(split: Path) -> None:
    golds = brat.read_split(split)
    pred = perfect()
    pred[1].source = span(TEXT, at(TEXT, "mayor"))
    pred.append(quote(TEXT, source=at(TEXT, "reporters"), cue=at(TEXT, "would")))
    errors = polnear.find_errors(golds, [pred], "source")
    assert [e["text"] for e in errors["misses"]] == [repr("the mayor") + f" @{at(TEXT, 'the mayor')[0]}"]
    assert errors["misses"][0]["predicted_overlapping"] == [repr("mayor") + f" @{at(TEXT, 'mayor')[0]}"]
    assert "⟦the mayor⟧" in errors["misses"][0]["context"]
    out = polnear.format_errors(golds, [pred], 5, roles=["source"])
    assert "MISSED" in out and "FALSE POSITIVE" in out and "none (spurious)" in out
    assert "gold attribution: source='the mayor'" in out


# ---------------------------------------------------------------- gate

def test_floors_file_is_valid_and_has_reasons() -> None:
    floors = gate.load_floors()
    assert set(floors["polnear_dev"]) >= {"source.exact.f1", "cue.exact.f1", "content.exact.f1",
                                         "content.overlap.f1"}
    for entry in floors["polnear_dev"].values():
        assert 0 < entry.get("floor", entry.get("ceiling")) <= 1 and entry["reason"]
    assert "ceiling" in floors["polnear_dev"]["calibration.ece"]


def _span_floors() -> dict:
    """PolNeAR dev's pinned floors but the canonical speaker rate's, which reads the gender
    gold of the real dev articles (`eval/canonical.py`): these made-up articles have none."""
    return {key: entry for key, entry in gate.load_floors()["polnear_dev"].items() if not key.startswith("canonical.")}


def test_gate_check_pass_and_fail(split: Path) -> None:
    result = polnear.score(brat.read_split(split), [perfect()])
    floors = _span_floors()
    assert all(row["passed"] for row in gate.check(result, floors))
    result = polnear.score(brat.read_split(split), [[]])
    assert not any(row["passed"] for row in gate.check(result, floors) if "floor" in row)
    overconfident = perfect()
    overconfident[0].content = [span(TEXT, at(TEXT, "the vote"))]  # wrong, yet sure of it
    result = polnear.score(brat.read_split(split), [overconfident])
    failed = [row["key"] for row in gate.check(result, floors) if not row["passed"]]
    assert "calibration.ece" in failed


def test_gate_skips_cleanly_without_data(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(gate.DATA_ENV_VAR, str(tmp_path / "absent"))
    monkeypatch.delenv("CI", raising=False)
    assert gate.main([]) == 0
    assert "SKIP polnear_dev" in capsys.readouterr().out


def test_gate_fails_without_data_under_ci(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(gate.DATA_ENV_VAR, str(tmp_path / "absent"))
    monkeypatch.setenv("CI", "true")
    assert gate.main(["--only", "polnear_dev"]) == 1
    out = capsys.readouterr().out
    assert "SKIP polnear_dev" in out and "FAILED: no data for polnear_dev under CI" in out


def test_gate_fails_below_floor(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("CI", raising=False)  # only PolNeAR is here: under CI the absent suites would fail too
    write_split(tmp_path / "data" / "polnear" / "dev", {"a1": (TEXT, {"4b22": gold_ann()})})
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"polnear_dev": _span_floors()}), encoding="utf-8")
    monkeypatch.setattr(polnear, "predict_records", lambda golds, **kw: [Record(text=g.text) for g in golds])
    out_json = tmp_path / "gate.json"
    assert gate.main(["--data", str(tmp_path / "data"), "--floors", str(floors), "--json", str(out_json)]) == 1
    out = capsys.readouterr().out
    assert "FAIL polnear_dev content.exact.f1" in out and "floor reason" in out
    assert json.loads(out_json.read_text())["polnear_dev"]["checks"]
    monkeypatch.setattr(polnear, "predict_records",
                        lambda golds, **kw: [Record(text=g.text, quotes=perfect()) for g in golds])
    assert gate.main(["--data", str(tmp_path / "data"), "--floors", str(floors)]) == 0


@pytest.mark.corpus
@pytest.mark.slow
def test_polnear_dev_floors_hold(capsys) -> None:
    corpus_path("polnear", "dev", "attributions")  # no redistribution licence: never bundled
    code = gate.main(["--data", str(corpus_path()), "--only", "polnear_dev"])  # each suite has its own test
    out = capsys.readouterr().out
    assert code == 0, "PolNeAR dev scores below their floors:\n" + out


def test_punctuation_only_cue_is_kept() -> None:
    text = "Trump: we will win. Clinton ― we will not."
    ann = "\n".join([
        ann_line("T1", "Source", text, at(text, "Trump")),
        ann_line("T2", "Cue", text, at(text, ":")),
        ann_line("T3", "Content", text, at(text, "we will win.")),
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
    ])
    attributions, _ = brat.parse_ann(ann)
    gold = brat.GoldArticle(stem="x", text=text, annotator="4b22", attributions=attributions)
    hit = quote(text, source=at(text, "Trump"), cue=at(text, ": "), content=[at(text, "we will win")])
    miss = quote(text, source=at(text, "Clinton"), cue=at(text, "―"), content=[at(text, "we will not")])
    result = polnear.score([gold], [[hit, miss]])
    assert result["gold"]["cue"] == 1
    assert result["cue"]["exact"] == {"p": 0.5, "r": 1.0, "f1": round(2 * 0.5 / 1.5, 4)}


def test_the_one_urged_joins_the_content_again_in_polnears_conventions() -> None:
    """The record keeps "Mr. Trump" as the addressee of "urged Mr. Trump to make a deal";
    PolNeAR's annotators start that content at the object, so the adapter does too."""
    text = "Duvall urged Mr. Trump to make a deal soon."
    quote = Quote(type="indirect", content=[span(text, at(text, "to make a deal soon"))],
                  cue=span(text, at(text, "urged")), addressee=span(text, at(text, "Mr. Trump")))
    assert polnear.polnear_fragments(text, quote, "content") == (at(text, "Mr. Trump to make a deal soon"),)
    quote.content = [span(text, at(text, "a deal soon"))]  # no infinitive: left as it is
    assert polnear.polnear_fragments(text, quote, "content") == (at(text, "a deal soon"),)
