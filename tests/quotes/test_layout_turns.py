"""Statements that the page's layout attributes, on made-up pages: a Q&A interview's
answers are the interviewee's, a letter to an advice column is its signer's."""
from __future__ import annotations

import pytest

import quotegraph
from quotegraph.config import Options

pytestmark = pytest.mark.slow

EVERYTHING = Options(min_confidence=0.0)

INTERVIEW = """The museum has a new director, Marta Kowalczyk, who arrived from Gdansk in March.
We asked her about the collection and about her plans for the building.
Q: What surprised you most in your first month here?
A: The visitors. I think they know the collection better than the catalogue does, and they tell you so.
Q: Which room will change first?
A: The east wing. We are moving the maps upstairs so the light cannot fade them.
Most of the prints will go into storage for a year while the roof is repaired.
Q: Favourite painting?
A: The small harbour at dawn by the entrance.
"""


def _answers(text: str, options: Options | None = None) -> list[tuple[str | None, str]]:
    record = quotegraph.extract(text, options=options or EVERYTHING)
    for quote in record.quotes:
        for span in [*quote.content, quote.cue, quote.source]:
            if span is not None:
                assert record.text[span.start:span.end] == span.text
    return [(q.speaker.name if q.speaker else None, q.content[0].text) for q in record.quotes if q.within is None]


def test_every_answer_is_the_interviewees() -> None:
    found = _answers(INTERVIEW)
    answers = [(speaker, content) for speaker, content in found if content.startswith(("The visitors", "The east wing",
                                                                                      "The small harbour", "Most of"))]
    assert [content.split(".")[0] for _, content in answers] == [
        "The visitors", "The east wing", "Most of the prints will go into storage for a year while the roof is repaired",
        "The small harbour at dawn by the entrance"]
    assert {speaker for speaker, _ in answers} == {"Marta Kowalczyk"}


def test_an_answer_keeps_its_own_i_think_and_the_questions_are_nobodys_statement() -> None:
    found = _answers(INTERVIEW)
    assert not any(content.startswith("they know the collection") for _, content in found)  # inside the answer
    assert not any(content.startswith(("What surprised", "Which room", "Favourite")) for _, content in found)


def test_the_answer_label_is_its_cue() -> None:
    record = quotegraph.extract(INTERVIEW, options=EVERYTHING)
    answer = next(q for q in record.quotes if q.content[0].text.startswith("The visitors"))
    assert answer.cue is not None and answer.cue.text == ":"
    assert INTERVIEW[answer.cue.start - 1] == "A"
    assert answer.source is not None and answer.source.text == "Marta Kowalczyk"


def test_the_default_view_shows_the_spoken_answers() -> None:
    shown = _answers(INTERVIEW, Options())
    answer = "The visitors. I think they know the collection better than the catalogue does, and they tell you so."
    assert ("Marta Kowalczyk", answer) in shown


def test_one_a_line_is_no_interview() -> None:
    text = "The results are in.\nA: 92 percent of the votes went to the mayor, officials said.\n"
    assert not any(q.source is not None and q.source.text == "Marta Kowalczyk"
                   for q in quotegraph.extract(text, options=EVERYTHING).quotes)
    assert all(q.cue is None or q.cue.text != ":" for q in quotegraph.extract(text, options=EVERYTHING).quotes)


COLUMN = """DEAR ADVISER: My brother borrowed my car in June and returned it with a dent in the door.
He says it was there before, but I know it was not. Should I ask him to pay for the repair? -- DENTED IN DAYTON
DEAR DENTED: Yes. Tell him what the repair costs and ask him to split it with you.
"""


def test_a_letter_is_its_signers_writing() -> None:
    record = quotegraph.extract(COLUMN, options=EVERYTHING)
    letter = [q for q in record.quotes if q.speaker is not None and q.speaker.name == "DENTED IN DAYTON"]
    assert [q.content[0].text[:20] for q in letter] == ["My brother borrowed ", "He says it was there"]
    assert {q.kind for q in letter} == {"writing"}
    assert [q.cue.text if q.cue else None for q in letter] == [":", "--"]


def test_the_columnists_reply_is_the_columns_own_voice() -> None:
    shown = _answers(COLUMN, Options())
    assert not any(content.startswith("Yes.") for _, content in shown)
    assert not any(speaker is not None and speaker.lower().startswith("dear") for speaker, _ in shown)
