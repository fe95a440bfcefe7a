"""The public API: `extract` and `extract_many`, end to end through spaCy (slow)."""
from __future__ import annotations

import json
import re

import pytest
from support.offsets import assert_offsets
from support.samples import GERMAN, PARAGRAPH, RUSSIAN

import quotegraph
from quotegraph import InputError, InvalidDateError, Options, Record
from quotegraph.config import DEFAULT_CHUNK_CHARS
from quotegraph.record import Quote
from quotegraph.text.spans import make_span

pytestmark = pytest.mark.slow

RECORD_KEYS = {"id", "title", "published", "url", "text", "quotes", "entities", "times", "events"}
QUOTE_KEYS = {"id", "type", "content", "cue", "source", "speaker", "addressee", "time", "confidence"}

ARTICLE = (
    "SAN SALVADOR — President Nayib Bukele said on Monday that El Salvador would not return "
    "the deported man. “How could I smuggle a terrorist into the United States?” Bukele told "
    "reporters in the Oval Office.\n\n"
    "According to the court order, the government must “facilitate” his return. "
    "\"We are complying with the ruling,\" a White House official said."
)

@pytest.fixture(autouse=True)
def _pipeline(nlp):
    """Every test here loads the shared session pipeline first (once)."""
    return nlp


# A stand-in extractor, so offset shifting across chunks is checked with real quotes
# before (and independently of) the real extractor in quotegraph.quotes.
_MARKED = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
_CUE = re.compile(r"\b(said|told)\b")


def _fake_find_quotes(doc):
    text = doc.text
    quotes = []
    for match in _MARKED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        content = make_span(text, match.start(group), match.end(group))
        if content is None:
            continue
        cue = _CUE.search(text, match.end(), match.end() + 40)
        source = make_span(text, cue.end(), cue.end() + 11) if cue else None
        quotes.append(Quote(
            type="direct", content=[content],
            cue=make_span(text, cue.start(), cue.end()) if cue else None,
            source=source, confidence=0.9,
        ))
    return quotes


@pytest.fixture
def fake_finder(monkeypatch):
    from quotegraph.pipeline import components

    monkeypatch.setattr(components, "find_quotes", lambda doc, entities, model=None: _fake_find_quotes(doc))


def numbered_paragraphs(count: int) -> str:
    return "".join(f"\"Quote number {n},\" said Smith.\n\n" for n in range(count))


# --- the record contract ------------------------------------------------------------

def test_extract_returns_a_record_with_the_contract():
    record = quotegraph.extract(
        ARTICLE, published="2025-04-14", id="a1", title="Bukele", url="https://example.test/a1"
    )
    assert isinstance(record, Record)
    out = record.to_dict()
    assert RECORD_KEYS <= set(out)
    assert "error" not in out
    assert out["text"] == ARTICLE
    assert (out["id"], out["title"], out["published"], out["url"]) == (
        "a1", "Bukele", "2025-04-14", "https://example.test/a1")
    assert isinstance(out["quotes"], list)
    numbers = [int(quote["id"][1:]) for quote in out["quotes"]]
    assert numbers == sorted(set(numbers))  # the full record's ids: the same statement in every view
    for quote in out["quotes"]:
        assert QUOTE_KEYS <= set(quote) and quote["id"] == f"q{int(quote['id'][1:])}"
        assert quote["type"] in {"direct", "indirect", "mixed"}
        assert 0.0 <= quote["confidence"] <= 1.0
    assert_offsets(ARTICLE, out)
    json.dumps(out)  # the record is plain JSON


def test_extract_defaults():
    out = quotegraph.extract("Nothing to see here.").to_dict()
    assert (out["id"], out["title"], out["published"], out["url"]) == (None, None, None, None)


def test_extract_normalizes_published():
    assert quotegraph.extract("Text.", published="2025-04-14T08:00:00Z").published == "2025-04-14"


@pytest.mark.parametrize(
    ("item", "error"),
    [
        ("a\x00b", InputError),
        (None, InputError),
        (b"bytes", InputError),
    ],
)
def test_extract_rejects_bad_input(item, error):
    with pytest.raises(error):
        quotegraph.extract(item)


def test_extract_rejects_an_impossible_date():
    with pytest.raises(InvalidDateError, match="2023-02-29"):
        quotegraph.extract("Text.", published="2023-02-29")


def test_quotes_are_ordered_and_numbered(fake_finder):
    text = numbered_paragraphs(30)
    out = quotegraph.extract(text, options=Options(chunk_chars=200)).to_dict()
    assert [q["id"] for q in out["quotes"]] == [f"q{n}" for n in range(30)]
    starts = [q["content"][0]["start"] for q in out["quotes"]]
    assert starts == sorted(starts)


# --- robustness: text nobody should have to clean first ----------------------------

@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        " \n\t \r\n  \n\n ",
        "\u00a0\u2009\u3000",
        '"""""',
        "“”“”",
        "«»«»„“",
        "''''''",
        "‘’‘’",
        '"',
        "“",
        'He said "this quotation never closes.',
        "“Open, and open again, “and never closed,” said Smith.",
        "The minister said the plan was over.” And then nothing.",
        "«Il a dit», said the translator, “and so did I.",
        "“\n\n”",
        "\"\"\"Triple,\"\"\" he said. \"",
        "said said said told according to according to",
        "It's the dogs' dinner, isn't it? 'Yes,' he said.",
        "“" * 500 + "said" + "”" * 499,
        "Word " * 2000,
        "\n" * 5000,
        "🙂 “Emoji 🙂 quote,” said Ann 🙂.",
        "e\u0301t\u0301e\u0301 “combining marks,” said Zoë.",
    ],
    ids=lambda text: repr(text[:24]),
)
def test_extract_survives(text):
    record = quotegraph.extract(text)
    out = record.to_dict()
    assert out["text"] == text
    assert "error" not in out
    assert_offsets(text, out)


def test_five_megabyte_article_with_default_options():
    """The real default (100,000-character chunks) on a 5 MB article, well past spaCy's
    1,000,000-character limit. Each paragraph is followed by a long run of layout
    whitespace, as text extracted from HTML often is; that keeps the token count (and the
    test's time) modest while the character count, the offsets and the cuts are real."""
    unit = PARAGRAPH + " " * 2000 + "\n\n"
    text = unit * (5_000_000 // len(unit) + 1)
    assert len(text) > 5_000_000 > DEFAULT_CHUNK_CHARS
    out = quotegraph.extract(text, published="2025-04-14").to_dict()
    assert len(out["text"]) == len(text)
    assert_offsets(text, out)
    assert quotegraph.extract(PARAGRAPH).quotes, "the paragraph repeated here holds quotes"
    # Quotes come from the last chunks too, shifted to their place in the article.
    assert max(q["content"][0]["start"] for q in out["quotes"]) > len(text) - DEFAULT_CHUNK_CHARS


def test_dense_article_in_small_chunks():
    """Dense prose (no padding) cut into many small chunks, with the real extractor."""
    text = PARAGRAPH * 800  # about 185 kB, about 37 chunks
    out = quotegraph.extract(text, options=Options(chunk_chars=5_000)).to_dict()
    assert_offsets(text, out)


def test_large_article_in_many_small_chunks(fake_finder):
    """Many chunk boundaries, with (stand-in) quotes in every chunk."""
    text = PARAGRAPH * 400  # about 92 kB, about 200 chunks
    out = quotegraph.extract(text, options=Options(chunk_chars=500, min_confidence=0.0)).to_dict()
    assert_offsets(text, out)
    assert len(out["quotes"]) == 2 * 400
    assert all(q["cue"] is not None for q in out["quotes"][::2])


# --- chunking: offsets are shifted back into the whole article -----------------------

@pytest.mark.parametrize("chunk_chars", [64, 100, 333, 1_000, 100_000])
def test_chunked_offsets(chunk_chars):
    text = numbered_paragraphs(300)
    out = quotegraph.extract(text, options=Options(chunk_chars=chunk_chars)).to_dict()
    assert_offsets(text, out)


@pytest.mark.parametrize("chunk_chars", [64, 100, 333, 1_000])
def test_chunked_offsets_with_stand_in_quotes(fake_finder, chunk_chars):
    text = numbered_paragraphs(300)
    out = quotegraph.extract(text, options=Options(chunk_chars=chunk_chars)).to_dict()
    assert_offsets(text, out)
    assert [q["content"][0]["text"] for q in out["quotes"]] == [f"Quote number {n}," for n in range(300)]
    assert all(q["cue"]["text"] == "said" for q in out["quotes"])


def test_finds_quotes_in_chunked_text():
    """Cutting at paragraph breaks loses no quote: as many with small chunks as without."""
    text = numbered_paragraphs(200)
    whole = quotegraph.extract(text, options=Options(chunk_chars=len(text) + 1, min_confidence=0.0)).to_dict()
    chunked = quotegraph.extract(text, options=Options(chunk_chars=300, min_confidence=0.0)).to_dict()
    assert_offsets(text, whole)
    assert_offsets(text, chunked)
    assert len(chunked["quotes"]) == len(whole["quotes"])


# --- extract_many ---------------------------------------------------------------------

def test_extract_many_preserves_order():
    items = [{"id": f"d{n}", "text": f"\"Statement {n},\" said Smith.", "published": "2025-04-14"}
             for n in range(40)]
    records = list(quotegraph.extract_many(items, n_process=1, batch_size=3))
    assert [r.id for r in records] == [f"d{n}" for n in range(40)]
    for item, record in zip(items, records):
        assert record.error is None
        assert record.text == item["text"]
        assert_offsets(item["text"], record.to_dict())


def test_extract_many_accepts_strings_articles_and_a_generator():
    items = (x for x in ["plain text", quotegraph.Article(text="an article", id="a"), {"text": "a dict"}])
    records = list(quotegraph.extract_many(items))
    assert [r.text for r in records] == ["plain text", "an article", "a dict"]
    assert records[1].id == "a"


def test_extract_many_of_nothing():
    assert list(quotegraph.extract_many([])) == []


def test_extract_many_bad_items_do_not_stop_the_batch():
    items = [
        "first good",
        42,
        {"id": "no-text", "title": "missing text"},
        "second good",
        {"id": "bad-date", "text": "text", "published": "2023-02-29"},
        {"id": "nul", "text": "a\x00b"},
        {"text": "third good", "id": "g3"},
        None,
        {"id": "surrogate", "text": "half a character \ud800 here"},  # what JSON "\ud800" decodes to
    ]
    records = list(quotegraph.extract_many(items, batch_size=2))
    assert len(records) == len(items)
    assert [r.error is None for r in records] == [True, False, False, True, False, False, True, False, False]
    assert records[8].error.code == "QG100" and "surrogate" in records[8].error.reason
    assert [r.text for r in records if r.error is None] == ["first good", "second good", "third good"]
    assert records[1].id == "#1"
    assert records[2].id == "no-text"
    assert records[4].id == "bad-date"
    assert records[4].error.code == "QG101"
    assert "2023-02-29" in records[4].error.reason
    for record in records:
        if record.error is not None:
            assert set(record.error.to_dict()) == {"code", "reason"}
            assert record.error.code.startswith("QG1")
            assert record.to_dict()["error"] == record.error.to_dict()
            json.dumps(record.to_dict())


def test_extract_many_only_bad_items():
    records = list(quotegraph.extract_many([1, 2.5, {"x": 1}]))
    assert [r.id for r in records] == ["#0", "#1", "#2"]
    assert all(r.error for r in records)



def test_extract_many_reports_bad_items_as_they_come():
    """An endless stream of bad items: each batch's records come out before the next is read."""
    read = 0

    def endless():
        nonlocal read
        while True:
            read += 1
            yield 42

    records = quotegraph.extract_many(endless(), batch_size=4)
    for count in range(1, 201):
        record = next(records)
        assert record.id == f"#{count - 1}" and record.error.code == "QG100"
        assert read <= count + 2 * 4  # never more than about a batch read ahead
    records.close()


def test_extract_many_interleaves_errors_in_order_while_reading_lazily():
    read: list[int] = []

    def items():
        for n in range(60):
            read.append(n)
            yield f"Article {n} is fine, the mayor said." if n % 3 == 0 else None

    records = quotegraph.extract_many(items(), batch_size=8)
    first = next(records)
    assert first.error is None and len(read) < 60
    rest = list(records)
    assert [r.error is None for r in [first, *rest]] == [n % 3 == 0 for n in range(60)]
    assert [r.id for r in rest if r.error][:2] == ["#1", "#2"]


@pytest.mark.parametrize("text,name,code", [(GERMAN, "German", "de"), (RUSSIAN, "Russian", "ru")])
def test_a_non_english_article_gets_an_error_naming_its_language(text, name, code):
    record = quotegraph.extract(text, id="foreign")
    assert record.error.code == "QG102"
    assert name in record.error.reason and f"({code})" in record.error.reason
    assert record.quotes == [] and record.text == text and record.id == "foreign"
    many = list(quotegraph.extract_many(["\"We will win,\" Senator Maria Lopez said on Monday.", text]))
    assert [r.error is None for r in many] == [True, False] and many[0].quotes


@pytest.mark.parametrize("text", [
    PARAGRAPH,
    "Der Spiegel reported that Angela Merkel said the talks in Berlin would go on, according to aides.",
    "Yes.",  # too short to tell: English
    "El Niño and La Niña: the weather service said the pattern would hold until May.",
])
def test_english_articles_are_not_turned_away(text):
    assert quotegraph.extract(text).error is None


SMALL_ITEMS = [
    {"id": f"p{n}", "text": text, "published": "2025-04-14"}
    for n, text in enumerate([
        ARTICLE,
        "",
        '"Unbalanced, said Smith.',
        numbered_paragraphs(5),
        "The minister told parliament the budget would pass, according to aides.",
        "“Yes,” she said.",
    ])
]


def _dicts(records):
    return [r.to_dict() for r in records]


def test_extract_many_two_processes_match_one():
    serial = _dicts(quotegraph.extract_many(SMALL_ITEMS + [7], n_process=1, batch_size=2))
    parallel = _dicts(quotegraph.extract_many(SMALL_ITEMS + [7], n_process=2, batch_size=2))
    assert parallel == serial
    assert serial[-1]["error"]["code"] == "QG100"


def test_extract_many_two_processes_carry_quotes(fake_finder):
    """Quotes made in n_process workers reach the parent (independent of the extractor)."""
    items = [numbered_paragraphs(3), "“Yes,” she said."]
    everything = Options(min_confidence=0.0)
    serial = _dicts(quotegraph.extract_many(items, n_process=1, options=everything))
    assert sum(len(r["quotes"]) for r in serial) == 4
    parallel = _dicts(quotegraph.extract_many(items, n_process=2, batch_size=1, options=everything))
    assert parallel == serial


def test_extract_many_matches_extract():
    many = _dicts(quotegraph.extract_many(SMALL_ITEMS))
    one = [quotegraph.extract(i["text"], id=i["id"], published=i["published"]).to_dict() for i in SMALL_ITEMS]
    assert many == one


@pytest.mark.parametrize("function", ["find_quotes", "find_times", "find_events", "build_entities"])
def test_a_failing_component_is_reported_and_the_batch_goes_on(monkeypatch, function):
    from quotegraph.pipeline import components

    def broken(doc, *args):
        if "boom" in doc.text:
            raise RuntimeError("stand-in bug")
        return original(doc, *args)

    original = getattr(components, function)
    monkeypatch.setattr(components, function, broken)
    records = list(quotegraph.extract_many(['"Fine," he said.', "boom", '"Also fine," she said.'],
                                           options=Options(min_confidence=0.0)))
    assert [r.error is None for r in records] == [True, False, True]
    assert records[1].error.code == "QG300" and "stand-in bug" in records[1].error.reason
    assert records[1].text == "boom"
    assert records[0].quotes and records[2].quotes
