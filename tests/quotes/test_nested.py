"""Reports nested in another quote's content (quotes/nested.py), through extract."""
from __future__ import annotations

import pytest

import quotegraph
from quotegraph.eval.pages import score_page
from quotegraph.record import Quote, Record

pytestmark = pytest.mark.slow

# Nested reports are tested on everything the engine finds, not only the default view.
EVERYTHING = quotegraph.Options(min_confidence=0.0)
ENGINE = quotegraph.Options(min_confidence=0.0, confidence="attribution")


def _nested(record: Record) -> list[Quote]:
    return [q for q in record.quotes if q.within is not None]


def _by_id(record: Record, quote_id: str) -> Quote:
    return next(q for q in record.quotes if q.id == quote_id)


def _offsets_hold(record: Record) -> None:
    for quote in record.quotes:
        for span in [*quote.content, quote.cue, quote.source]:
            if span is not None:
                assert record.text[span.start:span.end] == span.text


def test_an_expectation_inside_a_statement() -> None:
    text = "Fritz Henderson stated that he envisioned the bankruptcy process would take between 60 and 90 days."
    record = quotegraph.extract(text, options=ENGINE)  # the engine's confidence, which a nested report shares
    _offsets_hold(record)
    [inner] = _nested(record)
    outer = _by_id(record, inner.within)  # type: ignore[arg-type]
    assert outer.cue is not None and outer.cue.text == "stated" and outer.within is None
    assert inner.cue is not None and inner.cue.text == "envisioned"
    assert inner.source is not None and inner.source.text == "he"
    assert inner.content[0].text == "the bankruptcy process would take between 60 and 90 days"
    assert inner.kind == "thought" and inner.type == "indirect"
    assert inner.speaker is not None and inner.speaker.name == "Fritz Henderson"
    assert inner.confidence == outer.confidence
    assert record.to_dict()["quotes"][record.quotes.index(inner)]["within"] == outer.id


def test_i_inside_a_quotation_is_its_speaker() -> None:
    text = ('"I conclude that the use of the logo does not suggest a connection with the music," '
            "said Judge Anthony Mann.")
    record = quotegraph.extract(text, options=EVERYTHING)
    _offsets_hold(record)
    [inner] = _nested(record)
    assert inner.cue is not None and inner.cue.text == "conclude"
    assert inner.speaker is not None and inner.speaker.name == "Anthony Mann"
    assert _by_id(record, inner.within).type == "direct"  # type: ignore[arg-type]


def test_we_of_a_person_is_not_guessed() -> None:
    """A person's "we" is some organisation the text may not name: no nested report."""
    record = quotegraph.extract('"We want to know what happened," Thomas Enders said.', options=EVERYTHING)
    assert [q.cue.text for q in record.quotes if q.cue] == ["said"]
    assert _nested(record) == []


def test_we_of_a_person_is_the_organisation_the_text_gives_them() -> None:
    record = quotegraph.extract("Airbus said on Monday that its jet had crashed. "
                                "\u201cWe want to know what happened,\u201d said Airbus chief executive Thomas Enders.",
                                options=EVERYTHING)
    _offsets_hold(record)
    [inner] = _nested(record)
    assert inner.source is not None and inner.source.text == "We"
    assert inner.speaker is not None and inner.speaker.name == "Airbus"
    assert _by_id(record, inner.within).speaker.name == "Thomas Enders"  # type: ignore[arg-type,union-attr]


def test_a_nested_report_does_not_become_the_narratives_latest_speaker() -> None:
    record = quotegraph.extract('"A barbershop owner was just telling me he has a bunch of Secret Service guys coming '
                                'in every week to get their hair cut," David Gilbert said.\n\n'
                                "Hundreds of people are already here spending in big ways and small, he said.")
    [inner] = _nested(record)
    assert inner.speaker is not None and inner.speaker.name == "barbershop owner"
    assert record.quotes[-1].source.text == "he"  # type: ignore[union-attr]
    assert record.quotes[-1].speaker.name == "David Gilbert"  # type: ignore[union-attr]


def test_quoted_as_saying_gives_the_one_quoted() -> None:
    text = ("The New York Times quoted one of Carson's advisers as saying the retired neurosurgeon "
            "is having trouble understanding foreign policy.")
    record = quotegraph.extract(text, options=EVERYTHING)
    _offsets_hold(record)
    [inner] = _nested(record)
    assert inner.source is not None and inner.source.text == "one of Carson's advisers"
    assert inner.cue is not None and inner.cue.text == "as saying"
    assert inner.content[0].text.startswith("the retired neurosurgeon is having trouble")
    outer = _by_id(record, inner.within)  # type: ignore[arg-type]
    assert outer.source is not None and outer.source.text == "The New York Times"


@pytest.mark.parametrize("text", [
    "The senator said he saw the protesters carrying weapons near the refuge.",  # perception
    "The mayor said the program can continue to be a powerful tool for the city.",  # "continue to be"
    "The minister said the report was late.",  # no verb of saying or thinking inside
])
def test_no_nested_report(text: str) -> None:
    record = quotegraph.extract(text, options=EVERYTHING)
    assert record.quotes and _nested(record) == []


def test_pages_count_nested_reports_apart() -> None:
    """The pages' tables list what a page reports: a nested report is neither a hit nor a
    false positive there, but counted."""
    record = quotegraph.extract("Fritz Henderson stated that he envisioned the bankruptcy process would take "
                                "between 60 and 90 days.")
    row = {"expected": [{"speaker": "Fritz Henderson", "content": "the bankruptcy process"}]}
    scored = score_page(record, row)
    assert (scored["tp"], scored["fp"], scored["nested"]) == (1, 0, 1)


def test_nested_reports_keep_their_outer_quote_across_chunks() -> None:
    """A huge article is parsed in pieces, each numbering its quotes from q0: `within`
    must name the holding quote in the whole record, whatever piece it came from."""
    paragraph = ("Fritz Henderson stated that he envisioned the bankruptcy process would take "
                 "between 60 and 90 days.\n\n")
    text = paragraph * 12
    chunked = quotegraph.extract(text, options=quotegraph.Options(chunk_chars=len(paragraph) * 2 + 1))
    whole = quotegraph.extract(text, options=EVERYTHING)
    _offsets_hold(chunked)

    def pairs(record: Record) -> list[tuple[int, int]]:  # (nested quote's start, its outer quote's start)
        return [(q.start, _by_id(record, q.within).start) for q in _nested(record)]  # type: ignore[arg-type]

    assert len(pairs(chunked)) == 12 and pairs(chunked) == pairs(whole)
    for inner in _nested(chunked):
        outer = _by_id(chunked, inner.within)  # type: ignore[arg-type]
        assert outer.start <= inner.start and inner.end <= outer.end and outer.within is None


def test_the_demo_summary_indents_nested_reports() -> None:
    from quotegraph.demo import summary_lines

    record = quotegraph.extract("Fritz Henderson stated that he envisioned the bankruptcy process would take "
                                "between 60 and 90 days.")
    lines = summary_lines(record)
    assert lines[0] == "2 statements:"
    assert lines[1].startswith("  Fritz Henderson [stated]")
    assert lines[2].startswith("      within it: Fritz Henderson [envisioned]")


def test_an_i_inside_a_quotation_the_engine_cut_is_the_quotation_s_speaker():
    """"“I think she must contrast. ... The people do not agree with Trump,” Sanders said",
    where the engine took only the quotation's last sentence as Sanders's: the "I think"
    inside the same quotation is Sanders's too (`finder._inside_a_quotation`); an "I" outside
    any quotation, or in one whose speaker is unknown, stays unresolved."""
    from quotegraph.entities.mentions import Entity
    from quotegraph.quotes.finder import _inside_a_quotation
    from quotegraph.record import Quote
    from quotegraph.text.spans import Span

    text = "“I think she must contrast. The people do not agree with Trump,” Sanders said. I think so."

    def span(words: str, start: int = 0) -> Span:
        at = text.index(words, start)
        return Span(at, at + len(words), words)

    sanders = Entity(name="Bernie Sanders", label="PERSON")
    inner = Quote(type="indirect", content=[span("she must contrast")], source=span("I"))
    direct = Quote(type="direct", content=[span("The people do not agree with Trump,")], source=span("Sanders"))
    outside = Quote(type="indirect", content=[span("so")], source=span("I", 70))
    quotes, resolved = [inner, direct, outside], [None, sanders, None]
    quoted = [(0, text.index("”") + 1)]
    _inside_a_quotation(text, quotes, resolved, ["i", None, "i"], quoted, [sanders])
    assert resolved == [sanders, sanders, None]

    unknown = [None, None, None]
    _inside_a_quotation(text, quotes, unknown, ["i", None, "i"], quoted, [sanders])
    assert unknown == [None, None, None]
