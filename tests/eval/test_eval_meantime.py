"""The MEANTIME reader and speaker-resolution scorer.

Reader and scorer tests use small hand-built MEANTIME-style XML documents in tmp_path and
hand-built records (no spaCy, no corpus data). Tests reading the corpus (`corpus_path`) are
marked `corpus` and `slow`.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.meantime import SENTENCES, TEXT, Builder
from support.policy import corpus_path
from support.records import make_record

from quotegraph.eval import gate, meantime
from quotegraph.record import Quote, Record, Speaker
from quotegraph.text.spans import make_span


def standard(b: Builder) -> dict[str, str]:
    """Two entities (Acme, John Smith) and four speech events with agents, one without."""
    ids = {}
    acme = [b.entity("Acme", "NAM"), b.entity("Acme Corp", "NAM"), b.entity("the company", "NOM"),
            b.entity("The company", "NOM")]
    smith = [b.entity("John Smith", "NAM"), b.entity("He", "PRO"), b.entity("the company 's chief", "NOM")]
    b.relation("REFERS_TO", acme, b.instance("ENTITY", ent_type="ORG", TAG_DESCRIPTOR="Acme"))
    b.relation("REFERS_TO", smith, b.instance("ENTITY", ent_type="PER", TAG_DESCRIPTOR="John Smith"))
    lone = b.entity("reporters", "NOM")
    ids["announces"] = b.speech("announces", None)        # no agent: not scored
    ids["said1"] = b.speech("said", acme[1])               # name
    ids["said2"] = b.speech("said", smith[0], nth=1)       # name
    ids["told"] = b.speech("told", smith[1])               # pronoun
    ids["announced"] = b.speech("announced", acme[3])      # description
    b.speech("cut", b.entity("it", "PRO"), cls="OTHER")  # not a speech event
    ids["reporters"] = lone
    return ids


@pytest.fixture
def doc(tmp_path: Path) -> meantime.MeantimeDocument:
    b = Builder()
    standard(b)
    return meantime.load_document(b.write(tmp_path / "corpus_x" / "42_test.xml"))


# ---------------------------------------------------------------- reader

def test_text_is_rebuilt_as_printed(doc) -> None:
    assert doc.text == TEXT
    assert doc.title == "Acme announces cuts"
    assert doc.published == "2008-03-06"
    assert doc.id == "42" and doc.url == "http://x/42"


def test_every_token_maps_to_its_characters(doc) -> None:
    assert len(doc.tokens) == sum(len(s.split(" ")) for s in SENTENCES)
    for token in doc.tokens:
        start, end = doc.token_spans[token.id]
        assert doc.text[start:end] == token.form
        assert token.form == {"``": '"', "''": '"'}.get(token.text, token.text)
    by_text = {t.text: t for t in doc.tokens}
    assert doc.text[slice(*doc.token_spans[by_text["n't"].id])] == "n't"
    assert doc.text[by_text["$"].start:by_text["5"].end] == "$5"


@pytest.mark.parametrize("sentences, expected", [
    (["T", "May 1 , 2020", "a ( b ) c ."], "T\n\nMay 1, 2020\n\na (b) c."),
    (["T", "Not a date line", "x ."], "T\n\nNot a date line x."),
    (["T", "May 1 , 2020", 'He said " yes " , " no " .'], 'T\n\nMay 1, 2020\n\nHe said "yes", "no".'),
    (["T", "May 1 , 2020", "the firms ' chief ; 50 % up"], "T\n\nMay 1, 2020\n\nthe firms' chief; 50% up"),
    (["T", "May 1 , 2020", "cost US$ 7 and ` so ' ."], "T\n\nMay 1, 2020\n\ncost US$7 and 'so'."),
])
def test_detokenization(sentences, expected) -> None:
    raw = [(str(i), s, w) for i, (s, w) in enumerate((s, w) for s, sent in enumerate(sentences)
                                                      for w in sent.split(" "))]
    text, printed, _ = meantime.rebuild_text(raw)
    assert text == expected
    for form, start, end in printed:
        assert text[start:end] == form


def test_markables_relations_and_chains(doc) -> None:
    said = [m for m in doc.of_tag("EVENT_MENTION") if doc.mention_text(m) == "said"]
    assert len(said) == 2 and [doc.text[m.start:m.end] for m in said] == ["said", "said"]
    agent = next(m for m in doc.of_tag("ENTITY_MENTION") if doc.mention_text(m) == "He")
    assert [doc.mention_text(m) for m in doc.chain(agent.id)] == [
        "John Smith", "the company's chief", "He"]
    lone = next(m for m in doc.of_tag("ENTITY_MENTION") if doc.mention_text(m) == "reporters")
    assert doc.chain(lone.id) == [lone]
    assert doc.creation_time is not None and doc.creation_time.get("value") == "2008-03-06"
    assert [i.get("class") for i in doc.instances_of(said[0].id)] == ["SPEECH_COGNITIVE"]


def test_discontinuous_mention_has_two_spans(tmp_path: Path) -> None:
    b = Builder()
    mid = b.new_id()
    anchors = "".join(f'<token_anchor t_id="{t}"/>' for t in b.tids("Acme Corp") + b.tids("jobs"))
    b.markables.append(f'<ENTITY_MENTION m_id="{mid}" syntactic_type="NAM">{anchors}</ENTITY_MENTION>')
    d = meantime.load_document(b.write(tmp_path / "d.xml"))
    m = d.markables[mid]
    assert [d.text[s:e] for s, e in m.spans] == ["Acme Corp", "jobs"]


def test_published_falls_back_to_the_date_line(tmp_path: Path) -> None:
    d = meantime.load_document(Builder(creation_time=None).write(tmp_path / "d.xml"))
    assert d.published == "2008-03-06"


def test_speech_events_and_kinds(doc) -> None:
    events = meantime.speech_events(doc)
    assert [(doc.mention_text(g.event), doc.mention_text(g.agent), g.kind) for g in events] == [
        ("said", "Acme Corp", "name"), ("said", "John Smith", "name"),
        ("told", "He", "pronoun"), ("announced", "The company", "description")]
    assert [doc.mention_text(m) for m in events[0].chain] == ["Acme", "Acme Corp", "the company", "The company"]
    assert meantime.count_speech_mentions(doc) == 5


@pytest.mark.parametrize("phrase, nth, syntactic_type, kind", [
    ("Acme Corp", 0, "NAM", "name"),
    ("Acme Corp", 0, "PRE.NAM", "name"),
    ("He", 0, "PRO", "pronoun"),
    ("the company", 0, "NOM", "description"),
    ("John Smith , the company 's chief", 0, "APP", "description"),
    ("reporters", 0, "CONJ", "description"),
    ("He", 0, "", "pronoun"),
    ("we", 0, "", "pronoun"),
    ("John Smith", 0, "", "name"),
    ("Acme Corp", 0, "", "name"),
    ("the company", 0, "", "description"),
    ("The company", 0, "", "description"),
    ("The", 0, "", "description"),  # a lone sentence-initial capitalised word
])
def test_mention_kind(tmp_path: Path, phrase, nth, syntactic_type, kind) -> None:
    b = Builder()
    mid = b.entity(phrase, syntactic_type, nth)
    d = meantime.load_document(b.write(tmp_path / "d.xml"))
    assert meantime.mention_kind(d, d.markables[mid]) == kind


def test_find_files_recurses_and_complains(tmp_path: Path) -> None:
    Builder().write(tmp_path / "corpus_a" / "1.xml")
    Builder().write(tmp_path / "corpus_b" / "2.xml")
    assert [p.name for p in meantime.find_files(tmp_path)] == ["1.xml", "2.xml"]
    assert len(meantime.load_corpus(tmp_path / "corpus_a")) == 1
    with pytest.raises(FileNotFoundError, match="no MEANTIME documents"):
        meantime.find_files(tmp_path / "corpus_c_missing")


# ---------------------------------------------------------------- scoring

def span(text: str, needle: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return make_span(text, start, start + len(needle), strip=False)


def q(text: str, cue: str, cue_nth: int = 0, speaker: Speaker | None = None, source: str | None = None) -> Quote:
    return Quote(type="indirect", content=[span(text, "results")], cue=span(text, cue, cue_nth),
                 source=span(text, source) if source else None, speaker=speaker)


def entity(eid: str, name: str, text: str, *mentions: tuple[str, int]) -> dict:
    return {"id": eid, "name": name, "label": "ORG", "titles": [], "affiliations": [],
            "mentions": [span(text, m, n).to_dict() for m, n in mentions]}


def hand_record(text: str = TEXT, *, announced: bool = True) -> Record:
    quotes = [
        q(text, "said", 0, Speaker("Acme", "e0"), source="Acme Corp"),   # correct by entity overlap
        q(text, "said", 1, Speaker("Smith"), source="John Smith"),       # correct by name subset
        q(text, "told", 0, Speaker("reporters"), source="He"),           # wrong
    ]
    if announced:
        quotes.append(q(text, "company announced", 0, None))             # detected, null speaker
    return make_record(text=text, quotes=quotes, entities=[entity("e0", "Acme", text, ("Acme Corp", 0))])


def test_score_verdicts_and_breakdown(doc) -> None:
    result = meantime.score([doc], [hand_record()])
    o = result["overall"]
    assert (result["documents"], result["speech_mentions"]) == (1, 5)
    assert (o["gold"], o["detected"], o["correct"], o["no_speaker"], o["wrong"]) == (4, 4, 2, 1, 1)
    assert o["speaker_accuracy"] == 0.5 and o["overall_accuracy"] == 0.5 and o["coverage"] == 1.0
    k = result["by_kind"]
    assert (k["name"]["correct"], k["name"]["detected"], k["name"]["speaker_accuracy"]) == (2, 2, 1.0)
    assert (k["pronoun"]["gold"], k["pronoun"]["speaker_accuracy"]) == (1, 0.0)
    assert (k["description"]["no_speaker"], k["description"]["speaker_accuracy"]) == (1, 0.0)
    assert o["source_in_chain"] == 0.75  # Acme Corp, John Smith, He; the last has no source
    rows = meantime.judge_all([doc], [hand_record()])
    assert [(r["verdict"], r["how"]) for r in rows] == [
        ("correct", "entity"), ("correct", "name"), ("wrong", "name"), ("no_speaker", "")]


def test_undetected_event_counts_against_overall_only(doc) -> None:
    result = meantime.score([doc], [hand_record(announced=False)])
    d = result["by_kind"]["description"]
    assert (d["gold"], d["detected"], d["coverage"], d["speaker_accuracy"], d["overall_accuracy"]) == (1, 0, 0.0, 0.0, 0.0)
    o = result["overall"]
    assert (o["detected"], o["correct"]) == (3, 2)
    assert o["speaker_accuracy"] == round(2 / 3, 4) and o["overall_accuracy"] == 0.5


def test_dict_records_score_the_same(doc) -> None:
    record = hand_record()
    assert meantime.score([doc], [record.to_dict()]) == meantime.score([doc], [record])


def test_entity_decides_when_it_exists(doc) -> None:
    text = doc.text
    # An entity whose mentions miss the chain is wrong even though its name would match.
    rec = make_record(text=text, quotes=[q(text, "said", 1, Speaker("John Smith", "e1"))],
                 entities=[entity("e1", "John Smith", text, ("reporters", 0))])
    rows = [r for r in meantime.judge_all([doc], [rec]) if r["quote"] is not None]
    assert [(r["verdict"], r["how"]) for r in rows] == [("wrong", "entity")]
    # The pronoun event resolved to an entity with a mention in the chain ("He"): correct.
    rec = make_record(text=text, quotes=[q(text, "told", 0, Speaker("John Smith", "e1"))],
                 entities=[entity("e1", "John Smith", text, ("He", 0))])
    assert meantime.score([doc], [rec])["by_kind"]["pronoun"]["correct"] == 1
    # Overlapping a chain mention is not enough when a tighter gold mention of another chain
    # explains ours: "the company" inside "the company's chief" is Acme, not Smith.
    rec = make_record(text=text, quotes=[q(text, "said", 1, Speaker("Acme", "e0"))],
                 entities=[entity("e0", "Acme", text, ("the company", 0))])
    rows = [r for r in meantime.judge_all([doc], [rec]) if r["quote"] is not None]
    assert [(r["verdict"], r["how"]) for r in rows] == [("wrong", "entity")]
    # An entity id missing from record.entities (entities not filled in): the name decides.
    rec = make_record(text=text, quotes=[q(text, "told", 0, Speaker("Mr. John Smith", "e9"))], entities=[])
    assert meantime.score([doc], [rec])["by_kind"]["pronoun"]["correct"] == 1


@pytest.mark.parametrize("name, correct", [
    ("Acme Corp", True),          # equal to a name mention
    ("ACME", True),               # subset, case-insensitive
    ("the Acme Corp group", True),  # superset of a name mention, determiner dropped
    ("the company", True),        # equal to a description in the chain
    ("company", True),            # equal to a description once its determiner is dropped
    ("big company", False),       # a superset of a description only
    ("Smith", False),             # another entity's name
    ("", False),
])
def test_name_rule(doc, name, correct) -> None:
    gold = meantime.speech_events(doc)[0]  # "said", agent Acme Corp
    assert meantime.name_matches(name, doc, gold.chain) is correct


def test_cue_overlapping_most_wins(doc) -> None:
    text = doc.text
    gold = meantime.speech_events(doc)[2]  # told
    wide = q(text, "He told reporters", 0, Speaker("x"))
    tight = q(text, "told", 0, Speaker("y"))
    other = q(text, "announced", 0, Speaker("z"))
    assert meantime.match_quote(gold, [other, wide, tight]) is wide  # 4 chars each: the first
    wide_part = Quote(type="indirect", content=[span(text, "results")], cue=make_span(text, gold.event.start - 3,
                                                                                      gold.event.start + 1, strip=False))
    assert meantime.match_quote(gold, [wide_part, tight]) is tight
    assert meantime.match_quote(gold, [other]) is None


def test_mismatched_records_raise(doc) -> None:
    with pytest.raises(ValueError):
        meantime.score([doc], [])
    with pytest.raises(ValueError, match="rebuilt text"):
        meantime.score([doc], [make_record(text="other text")])


def test_report_and_errors_format(doc) -> None:
    result = meantime.score([doc], [hand_record(announced=False)])
    result["corpus"] = "hand"
    report = meantime.format_report(result)
    assert "MEANTIME hand: 1 documents, 5 speech event mentions, 4 with an agent" in report
    for kind in ("all", "name", "pronoun", "description"):
        assert kind in report
    errors = meantime.format_errors(meantime.judge_all([doc], [hand_record(announced=False)]), 5)
    assert "WRONG SPEAKER" in errors and "showing 1 of 1" in errors and "MISSED" in errors
    assert "⟦told⟧" in errors and "[He]" in errors
    assert "speaker='reporters' (entity None) [wrong by name]" in errors
    assert "gold agent: 'The company'" in errors and "our quotes in this sentence: none" in errors
    json.dumps(result)


def test_evaluate_dir_with_stubbed_extraction(tmp_path: Path, monkeypatch) -> None:
    b = Builder()
    standard(b)
    b.write(tmp_path / "corpus_x" / "42_test.xml")
    seen = {}

    def fake_predict(docs, **kw):
        seen["published"] = [d.published for d in docs]
        return [hand_record(d.text) for d in docs]

    monkeypatch.setattr(meantime, "predict", fake_predict)
    result = meantime.evaluate_dir(tmp_path)
    assert result["overall"]["correct"] == 2 and result["corpus"] == str(tmp_path)
    assert seen["published"] == ["2008-03-06"]
    with pytest.raises(FileNotFoundError):
        meantime.evaluate_dir(tmp_path / "empty")


# ---------------------------------------------------------------- gate

def test_floors_have_meantime_with_reasons() -> None:
    floors = gate.load_floors()["meantime"]
    # ratchets above the issues' targets: 85% among detected, 75% for pronouns and descriptions
    assert floors["overall.speaker_accuracy"]["floor"] >= 0.85
    assert floors["by_kind.pronoun.speaker_accuracy"]["floor"] >= 0.75
    assert floors["by_kind.description.speaker_accuracy"]["floor"] >= 0.75
    assert "overall.overall_accuracy" in floors
    assert all(entry["reason"] for entry in floors.values())


def test_gate_runs_only_meantime(tmp_path: Path, monkeypatch, capsys) -> None:
    b = Builder()
    standard(b)
    b.write(tmp_path / "data" / "meantime_en" / "intra-doc_annotation" / "corpus_x" / "42_test.xml")
    monkeypatch.setattr(meantime, "predict", lambda docs, **kw: [hand_record(d.text) for d in docs])
    assert gate.main(["--data", str(tmp_path / "data"), "--only", "meantime"]) == 1
    out = capsys.readouterr().out
    assert "FAIL meantime overall.speaker_accuracy" in out and "polnear" not in out
    perfect = make_record(text=TEXT, quotes=[q(TEXT, "said", 0, Speaker("Acme Corp")), q(TEXT, "said", 1, Speaker("John Smith")),
                                        q(TEXT, "told", 0, Speaker("John Smith")),
                                        q(TEXT, "announced", 0, Speaker("Acme"))])
    monkeypatch.setattr(meantime, "predict", lambda docs, **kw: [perfect for _ in docs])
    assert gate.main(["--data", str(tmp_path / "data"), "--only", "meantime"]) == 0


def test_gate_skips_meantime_without_data(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(gate.DATA_ENV_VAR, str(tmp_path / "absent"))
    monkeypatch.delenv("CI", raising=False)
    assert gate.main(["--only", "meantime"]) == 0
    assert "SKIP meantime: MEANTIME data not found" in capsys.readouterr().out


# ---------------------------------------------------------------- corpus

def _corpus() -> Path:
    return corpus_path("meantime_en", "intra-doc_annotation")


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_reads_cleanly() -> None:
    docs = meantime.load_corpus(_corpus())
    assert len(docs) == 120
    assert all(d.published and len(d.published) == 10 for d in docs)
    for d in docs:
        for t in d.tokens:
            assert d.text[t.start:t.end] == t.form
    events = [g for d in docs for g in meantime.speech_events(d)]
    assert len(events) == 225
    assert {g.kind for g in events} == set(meantime.KINDS)


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_evaluation_runs() -> None:
    result = meantime.evaluate_dir(_corpus() / "corpus_apple", limit=3)
    assert result["documents"] == 3
    assert set(result["by_kind"]) == set(meantime.KINDS)


def test_cli_eval_meantime(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from quotegraph.cli import main

    b = Builder()
    standard(b)
    b.write(tmp_path / "corpus_x" / "42_test.xml")
    monkeypatch.setattr(meantime, "predict", lambda docs, **kw: [hand_record(d.text) for d in docs])
    result = CliRunner().invoke(main, ["eval", "meantime", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["overall"]["gold"] == 4
    result = CliRunner().invoke(main, ["eval", "meantime", str(tmp_path)])
    assert result.exit_code == 0 and "speaker acc" in result.output
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["eval", "meantime", str(tmp_path / "empty")])
    assert result.exit_code != 0 and "no MEANTIME documents" in result.output
