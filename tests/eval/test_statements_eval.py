"""The real-page gold of statements and its scorer (eval/statement_gold.py, eval/statements.py),
on made-up texts; the shipped gold files are checked for shape, and against the real pages
(`corpus_path`) where they are present."""
from __future__ import annotations

import json

import pytest
from support.policy import corpus_path

from quotegraph.eval.statement_gold import GoldError, resolve, text_sha256, validate
from quotegraph.eval.statements import (
    GOLD_DIR,
    judge_page,
    load_gold,
    reliability,
    score,
    speaker_right,
    split_of,
    summarise,
)

TEXT = ('"We are ready for the cold," Mayor Anna Lopez said on Monday. "Nobody will sleep outside."\n'
        'The council said the shelters would open before the first frost. He did not say when.')


@pytest.mark.parametrize("predicted, gold, right", [
    ("Anna Lopez", "Anna Lopez", True),
    ("Lopez", "Anna Lopez", True),                       # a surname is the person
    ("county officials", "officials", True),             # the gold's words inside
    ("Anna Lopez's office", "Anna Lopez", True),
    ("he", "Anna Lopez", False),                          # a pronoun is no name
    ("Tom Reed", "Anna Lopez", False),
    (None, None, True),
    (None, "Anna Lopez", False),
    ("Anna Lopez", None, False),
])
def test_speaker_right(predicted, gold, right):
    assert speaker_right(predicted, gold) is right


def test_split_is_fixed_by_the_page_id():
    assert split_of("00000000ab") == "heldout"       # 0 % 5 == 0
    assert split_of("00000002ab") == "tune"          # 2 % 5 == 2
    assert split_of("00000006ab") == "heldout"       # 6 % 5 == 1


def _notes(**extra):
    return {"page": "p1", "statements": [
        {"content": ["We are ready for the cold,", "Nobody will sleep outside."], "cue": "said",
         "source": "Mayor Anna Lopez", "speaker": "Anna Lopez", "kind": "speech", **extra},
        {"content": ["the shelters would open before the first frost"], "cue": "said", "source": "The council",
         "speaker": "the council", "kind": "speech"}]}


def test_notes_resolve_to_offsets_that_hold_the_words():
    gold = resolve(_notes(), TEXT)
    assert gold["sha256"] == text_sha256(TEXT)
    first, second = gold["statements"]
    assert [TEXT[s:e] for s, e in first["content"]] == ["We are ready for the cold,", "Nobody will sleep outside."]
    assert TEXT[slice(*first["cue"])] == "said" and first["cue"][0] < TEXT.index("Monday")
    assert TEXT[slice(*second["source"])] == "The council"
    assert TEXT[slice(*second["cue"])] == "said" and second["cue"][0] > TEXT.index("council")
    validate(gold, TEXT)


def test_a_short_source_is_a_whole_word_outside_the_content():
    text = 'The other said the thing. "Where is the money?" he asked.'
    gold = resolve({"page": "p", "statements": [{"content": ["Where is the money?"], "cue": "asked", "source": "he",
                                                  "speaker": None, "kind": "speech"}]}, text)
    start, end = gold["statements"][0]["source"]
    assert text[start:end] == "he" and text[start - 1] == " " and start > text.index("?")


def test_an_annotator_can_pin_an_occurrence():
    pinned = TEXT.index("said")
    gold = resolve({"page": "p", "statements": [{"content": ["the shelters would open"], "cue": "said",
                                                  "cue_start": pinned, "source": None, "speaker": "the council",
                                                  "kind": "speech"}]}, TEXT)
    assert gold["statements"][0]["cue"] == [pinned, pinned + 4]


@pytest.mark.parametrize("change, message", [
    ({"content": ["words that are not there"]}, "not in the text"),
    ({"kind": "other"}, "kind must be one of"),
    ({"cue": "exclaimed"}, "not within"),
    ({"cue_start": 3}, "does not hold"),
])
def test_bad_notes_name_the_statement(change, message):
    notes = _notes()
    notes["statements"][0].update(change)
    with pytest.raises(GoldError, match=message) as err:
        resolve(notes, TEXT)
    assert "p1 statement 1" in str(err.value)


def test_gold_on_another_text_is_refused():
    gold = resolve(_notes(), TEXT)
    with pytest.raises(GoldError, match="sha256 differs"):
        validate(gold, TEXT + " ")


def _quote(start: int, end: int, speaker: str | None, confidence: float, kind: str = "speech", within=None):
    return {"content": [{"start": start, "end": end, "text": TEXT[start:end]}],
            "speaker": {"name": speaker, "entity": None} if speaker else None,
            "confidence": confidence, "kind": kind, "within": within}


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def test_judging_right_fully_right_and_wrong():
    gold = resolve(_notes(), TEXT)
    quotes = [
        _quote(*_span("We are ready for the cold,"), "Lopez", 0.9),                       # one piece: right, full
        _quote(*_span("the shelters would open before the first frost"), "Anna Lopez", 0.8),  # wrong speaker
        _quote(*_span("He did not say when"), "Anna Lopez", 0.6),                          # no statement
        _quote(*_span("the shelters would open before the first frost. He did not say when"), "council", 0.7),
        _quote(*_span("Nobody will sleep outside"), "Tom Reed", 0.9, within="q0"),       # nested: not scored
    ]
    judged, golds = judge_page("p1", TEXT, gold, quotes)
    assert len(judged) == 4
    full, wrong_speaker, none, too_long = judged
    assert full.right and full.fully_right
    assert wrong_speaker.detected and not wrong_speaker.right and wrong_speaker.speaker_right is False
    assert not none.detected and not none.right
    assert too_long.right and not too_long.fully_right  # the writer's words are inside it
    result = summarise(judged, golds, 0.0)
    assert result["precision"] == pytest.approx(2 / 4)
    assert result["fully_right_precision"] == pytest.approx(1 / 4)
    # Lopez's quotation: half its words covered by the one piece printed (6 of 10)
    assert result["recalled"] == 2 and result["recall"] == 1.0


def test_the_canonical_speaker_is_the_person_s_full_name():
    gold = {**resolve(_notes(), TEXT), "people": ["Anna Lopez"]}  # the council is no person
    quotes = [_quote(*_span("We are ready for the cold,"), "Lopez", 0.9),            # right, not in full
              _quote(*_span("Nobody will sleep outside."), "Mayor Anna Lopez", 0.9),  # in full: the title aside
              _quote(*_span("the shelters would open before the first frost"), "council", 0.9)]
    judged, golds = judge_page("p1", TEXT, gold, quotes)
    assert [j.canonical for j in judged] == [False, True, None]
    result = summarise(judged, golds, 0.0)
    assert (result["canonical_speaker"], result["canonical_of"]) == (0.5, 2)


def test_the_default_view_counts_only_what_it_shows():
    gold = resolve(_notes(), TEXT)
    quotes = [_quote(*_span("We are ready for the cold,"), "Lopez", 0.9),
              _quote(*_span("the shelters would open before the first frost"), "council", 0.3)]
    result = score({"p1": (TEXT, gold, quotes)}, min_confidence=0.5)
    assert result["all"]["recall"] == 1.0
    assert result["default"]["predicted"] == 1 and result["default"]["recall"] == 0.5
    assert result["hidden_share"] == 0.5


def test_reliability_and_ece():
    gold = resolve(_notes(), TEXT)
    quotes = [_quote(*_span("We are ready for the cold,"), "Lopez", 0.95),
              _quote(*_span("He did not say when"), "Anna Lopez", 0.05)]
    judged, _ = judge_page("p1", TEXT, gold, quotes)
    bins, ece = reliability(judged)
    assert [b["n"] for b in bins] == [1, 1]
    assert ece == pytest.approx(0.05)


def test_the_shipped_gold_files_are_well_formed():
    golds = load_gold()
    assert len(golds) >= 50
    assert sum(split_of(page) == "heldout" for page in golds) >= 20
    for page, gold in golds.items():
        assert len(gold["sha256"]) == 64
        for row in gold["statements"]:
            assert row["kind"] in ("speech", "writing", "thought")
            assert row["content"] and all(start < end for start, end in row["content"])
            assert "text" not in json.dumps(row)  # offsets only: no article text in the repository


@pytest.mark.corpus
@pytest.mark.slow
def test_the_gold_was_annotated_on_the_text_extract_reads():
    from quotegraph.eval.statements import read_page

    pages = corpus_path("pages-dev")  # the publishers' pages: never bundled
    for page, gold in sorted(load_gold().items())[:10]:
        validate(gold, read_page(pages, page).text)
    assert GOLD_DIR.is_dir()


def test_the_gate_holds_the_held_out_pages_to_their_floors(tmp_path, monkeypatch, capsys) -> None:
    """The gate's pages suites score `statements.evaluate_dir` (here a stand-in result, so the
    check itself is what is tested): below a floor or above the ECE ceiling fails."""
    from quotegraph.eval import gate, statements

    pages = tmp_path / "data" / "pages-dev"
    pages.mkdir(parents=True)
    (pages / "0000.html.gz").write_bytes(b"")
    seen: list[str] = []

    def fake(path, *, split="heldout", options=None):
        seen.append(split)
        figures = {"precision": 0.9, "recall": 0.6, "fully_right_precision": 0.8}
        return {"split": split, "pages": 1, "all": {**figures, "recall": 0.8}, "default": figures, "ece": 0.04}

    monkeypatch.setattr(statements, "evaluate_dir", fake)
    monkeypatch.setattr(statements, "format_report", lambda result: f"pages {result['split']}")
    monkeypatch.delenv("CI", raising=False)
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"pages_heldout": {"default.fully_right_precision": 0.75, "ece": {"ceiling": 0.05}}}))
    assert gate.main(["--data", str(tmp_path / "data"), "--floors", str(floors), "--only", "pages_heldout"]) == 0
    floors.write_text(json.dumps({"pages_heldout": {"default.fully_right_precision": 0.85, "ece": {"ceiling": 0.03}}}))
    assert gate.main(["--data", str(tmp_path / "data"), "--floors", str(floors), "--only", "pages_heldout"]) == 1
    out = capsys.readouterr().out
    assert "FAIL pages_heldout default.fully_right_precision" in out and "FAIL pages_heldout ece" in out
    assert seen == ["heldout", "heldout"]


def test_a_leading_that_is_no_word_of_the_content():
    """The gold gives a reported clause without its complementiser, the record with it:
    "that the bridge will close" is fully right against "the bridge will close"."""
    text = "The council said that the bridge will close. Then it rained."
    notes = {"page": "p2", "statements": [{"content": ["the bridge will close"], "cue": "said",
                                            "source": "The council", "speaker": "the council", "kind": "speech"}]}
    gold = resolve(notes, text)
    start = text.index("that the bridge")
    quote = {"content": [{"start": start, "end": start + 26, "text": text[start:start + 26]}],
             "speaker": {"name": "council", "entity": None}, "confidence": 0.9, "kind": "speech", "within": None}
    assert quote["content"][0]["text"] == "that the bridge will close"
    [judged], _ = judge_page("p2", text, gold, [quote])
    assert judged.right and judged.fully_right
    quote["content"][0] = {"start": start, "end": start + 49, "text": text[start:start + 49]}
    [judged], _ = judge_page("p2", text, gold, [quote])
    assert judged.right and not judged.fully_right  # "Then it rained" is the writer's


def test_one_statement_of_two_pieces_against_two_gold_statements_of_its_speaker():
    """The annotators gave two quotations as two statements, the engine as one of two
    pieces: each piece is the speaker's words, so it is fully right; a piece of somebody
    else's statement is not."""
    text = '"We are ready for the cold," Lopez said. "Nobody will sleep outside tonight." Reed said it was late.'
    notes = {"page": "p3", "statements": [
        {"content": ["We are ready for the cold,"], "cue": "said", "source": "Lopez", "speaker": "Anna Lopez",
         "kind": "speech"},
        {"content": ["Nobody will sleep outside tonight."], "cue": None, "source": None, "speaker": "Anna Lopez",
         "kind": "speech"},
        {"content": ["it was late"], "cue": "said", "source": "Reed", "speaker": "Tom Reed", "kind": "speech"}]}
    gold = resolve(notes, text)

    def quote(*pieces: str, speaker: str = "Anna Lopez") -> dict:
        spans = [(text.index(p), text.index(p) + len(p)) for p in pieces]
        return {"content": [{"start": s, "end": e, "text": text[s:e]} for s, e in spans],
                "speaker": {"name": speaker, "entity": None}, "confidence": 0.9, "kind": "speech", "within": None}

    [joined], golds = judge_page("p3", text, gold,
                                 [quote("We are ready for the cold,", "Nobody will sleep outside tonight.")])
    assert joined.right and joined.fully_right
    assert summarise([joined], golds, 0.0)["recalled"] == 2  # both of Lopez's statements, not Reed's
    [mixed], _ = judge_page("p3", text, gold, [quote('We are ready for the cold," Lopez said', "it was late")])
    assert not mixed.fully_right


def test_the_object_of_a_naming_is_no_word_outside_the_gold():
    """"called the plan “reckless”": the gold gives the quoted name, the record the object
    with it; the object is not the writer's."""
    text = 'Reed called the plan "reckless and cruel" on Monday. It rained.'
    notes = {"page": "p4", "statements": [{"content": ["reckless and cruel"], "cue": "called", "source": "Reed",
                                            "speaker": "Tom Reed", "kind": "speech"}]}
    gold = resolve(notes, text)
    start, end = text.index("the plan"), text.index(" on Monday")
    quote = {"content": [{"start": start, "end": end, "text": text[start:end]}], "cue": {
        "start": 5, "end": 11, "text": "called"}, "speaker": {"name": "Reed", "entity": None}, "confidence": 0.9,
             "kind": "speech", "within": None}
    [judged], _ = judge_page("p4", text, gold, [quote])
    assert judged.fully_right
    quote["cue"] = {"start": 5, "end": 11, "text": "blamed"}
    [judged], _ = judge_page("p4", text, gold, [quote])
    assert judged.right and not judged.fully_right
