"""The quotation-mark scanner: every mark style, apostrophes, paragraphs, mess."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.quotes.marks import QuotedRegion, find_quoted_regions


def _texts(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in r.pieces] for r in find_quoted_regions(text)]


def _check_invariants(text: str, regions: list[QuotedRegion]) -> None:
    previous_end = 0
    for r in regions:
        assert r.pieces, "regions are never empty"
        assert r.open >= previous_end, "sorted and non-overlapping"
        assert r.closed == (r.close is not None)
        assert text[r.open] == r.open_mark
        limit = r.close if r.close is not None else len(text)
        piece_floor = r.open + 1
        for start, end in r.pieces:
            assert piece_floor <= start < end <= limit
            content = text[start:end]
            assert not content[0].isspace() and not content[-1].isspace()
            piece_floor = end
        if r.close is not None:
            assert r.open < r.close < len(text)
        previous_end = r.end


# One row per case: text, expected piece texts per region.
CASES = [
    # every mark style
    ("straight", '"Hello," he said.', [["Hello,"]]),
    ("curly", "“Hello,” he said.", [["Hello,"]]),
    ("guillemets", "« Bonjour », dit-il.", [["Bonjour"]]),
    ("reversed guillemets", "»Hallo«, sagte er.", [["Hallo"]]),
    ("low-9 closed by left", "„Ich gehe“, sagte er.", [["Ich gehe"]]),
    ("low-9 closed by right", "„Ich gehe”, sagte er.", [["Ich gehe"]]),
    ("single guillemets", "Er sagte ‹nein› dazu.", [["nein"]]),
    ("swedish right-right", "”Jag går”, sa han.", [["Jag går"]]),
    ("curly single top-level", "‘I’m not going,’ he said.", [["I’m not going,"]]),
    ("straight single top-level", "'I'm not going,' he said.", [["I'm not going,"]]),
    ("straight after colon", 'He said: "We won." Then left.', [["We won."]]),
    ("in brackets", 'The law ("the Act") passed.', [["the Act"]]),
    # nesting
    ("nested curly single", "“He told me ‘no’ twice,” she said.", [["He told me ‘no’ twice,"]]),
    ("nested straight single", "\"He told me 'no' twice,\" she said.", [["He told me 'no' twice,"]]),
    ("nested straight double", '"The film "Jaws" was great," he said.', [['The film "Jaws" was great,']]),
    ("british nests doubles", "'He said \"never\" to me,' she said.", [['He said "never" to me,']]),
    ("nested single at end", "“He said ‘go home’”, she said.", [["He said ‘go home’"]]),
    ("french with inner", "« Il a dit “non” », dit-elle.", [["Il a dit “non”"]]),
    # apostrophes outside quotes
    ("contractions", "Don’t let Trump’s men in at nine o’clock.", []),
    ("elisions", "Rock ’n’ roll in the ’90s, tell ’em.", []),
    ("straight elisions", "Rock 'n' roll in the '90s, tell 'em. Don't.", []),
    ("plural possessive", "The students’ books and the teachers’ pens.", []),
    ("straight possessive", "The students' books and James' car.", []),
    ("inches", "He is 6'2\" tall.", []),
    # apostrophes inside quotes
    ("apostrophes in double", "“Don’t touch the students’ books in the ’90s,” he said.",
     [["Don’t touch the students’ books in the ’90s,"]]),
    ("possessive in single", "‘The students’ books are gone,’ he said.", [["The students’ books are gone,"]]),
    ("rock n roll in single", "'I love rock 'n' roll,' he said.", [["I love rock 'n' roll,"]]),
    ("elision in single", "‘Tell ’em it’s over,’ he said.", [["Tell ’em it’s over,"]]),
    ("nested after possessive", "“The boys’ coach said ‘run’,” she said.", [["The boys’ coach said ‘run’,"]]),
    ("possessive name in straight single", "'I love the Jones' house,' he said.", [["I love the Jones' house,"]]),
    ("two possessives in single", "‘Our students’ and teachers’ books,’ she said.",
     [["Our students’ and teachers’ books,"]]),
    ("autocorrected nineties", "The ‘90s were ‘great’ he said.", [["great"]]),
    ("quote then possessive", "He said 'yes' and the boys' car left.", [["yes"]]),
    ("nineties in single", "‘In the ’90s it was fine,’ he said.", [["In the ’90s it was fine,"]]),
    ("double inside british at end", "'He said \"no\".' Then left.", [['He said "no".']]),
    # split by attribution: two regions, merging is not this module's job
    ("split by attribution", '"I\'m not," he said, "going to."', [["I'm not,"], ["going to."]]),
    ("split curly", "“I’m not,” he said, “going to.”", [["I’m not,"], ["going to."]]),
    # multi-paragraph
    ("three paragraphs", "“One.\n\n“Two.\n\n“Three,” he said.", [["One.", "Two.", "Three,"]]),
    ("three paragraphs straight", 'He said: "One.\n"Two.\n"Three." Done.', [["One.", "Two.", "Three."]]),
    ("three paragraphs single", "'One.\n\n'Two.\n\n'Three,' he said.", [["One.", "Two.", "Three,"]]),
    ("french continuation", "« Un.\n» Deux », dit-il.", [["Un.", "Deux"]]),
    ("german reversed continuation", "»Eins.\n»Zwei«, sagte er.", [["Eins.", "Zwei"]]),
    ("swedish continuation", "”Ett.\n”Två”, sa han.", [["Ett.", "Två"]]),
    ("paragraph break with spaces", "“One.\n  \n “Two,” he said.", [["One.", "Two,"]]),
    ("windows newlines", "“One.\r\n\r\n“Two,” he said.", [["One.", "Two,"]]),
    ("next paragraph not quoted", "“One.\n\nHe left. “Two.”", [["One."], ["Two."]]),
    # unbalanced, stray, degenerate
    ("stray closer", "He said ” stray. “Real.”", [["Real."]]),
    ("stray straight closer", 'Height 5" then "ok" here.', [["ok"]]),
    ("only straight marks", '""""', []),
    ("only curly marks", "“”“", []),
    ("empty quote", "He said “” and “  ” then.", []),
    ("empty text", "", []),
    ("opener at end", "He said “", []),
    ("lonely single opener", "He said 'maybe so.", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_pieces(text: str, expected: list[list[str]]) -> None:
    regions = find_quoted_regions(text)
    _check_invariants(text, regions)
    assert [[text[a:b] for a, b in r.pieces] for r in regions] == expected


# One row per case: text, expected (piece texts, closed) per region.
CLOSED_CASES = [
    ("closed", "“Yes,” he said.", [(["Yes,"], True)]),
    ("unclosed at end", "He said “yes and no", [(["yes and no"], False)]),
    ("unclosed multi-paragraph", "“One.\n\n“Two.\n\nHe left.", [(["One.", "Two."], False)]),
    ("unbalanced opener in paragraph 2 of 4",
     "“A,” said Ann.\n\nBob said “B and never closed.\n\nCal said “C.”\n\n“D,” said Dee.",
     [(["A,"], True), (["B and never closed."], False), (["C."], True), (["D,"], True)]),
    ("straight unclosed in huge paragraph", 'He said "' + "word " * 2000 + "\n\nThen \"Next.\" ok",
     [(["word " * 1999 + "word"], False), (["Next."], True)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CLOSED_CASES], ids=[c[0] for c in CLOSED_CASES])
def test_closed_flags(text: str, expected: list[tuple[list[str], bool]]) -> None:
    regions = find_quoted_regions(text)
    _check_invariants(text, regions)
    assert [([text[a:b] for a, b in r.pieces], r.closed) for r in regions] == expected


def test_offsets_exact() -> None:
    text = "Then: “Hi ‘there’,” he said."
    [region] = find_quoted_regions(text)
    assert region.open == text.index("“") and region.close == text.index("”")
    assert region.open_mark == "“" and region.closed
    assert region.pieces == ((text.index("H"), text.index("”")),)


def test_five_megabytes_completes() -> None:
    paragraph = ("“I’m not going,” he said. The students’ books, rock ’n’ roll, 'yes' and "
                 '"no" and „ja“ and « oui ».\n\n“Multi.\n\n“Para,” she said. ')
    text = paragraph * (5_000_000 // len(paragraph))
    regions = find_quoted_regions(text)
    assert len(regions) == 6 * (5_000_000 // len(paragraph))  # the two-paragraph quote is one
    huge = 'He said "' + "a b " * 1_250_000  # one paragraph, never closed
    [region] = find_quoted_regions(huge)
    assert not region.closed and region.pieces == ((9, len(huge) - 1),)
    marks = "\"“”'‘’«»„\n" * 100_000  # every character an event: the slowest input per byte
    _check_invariants(marks, find_quoted_regions(marks))


_ALPHABET = st.sampled_from(list("ab s1 .,\n\n  \"“”„«»‹›'‘’‚—(") + ["\r\n", "\u00a0"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_never_raises_and_invariants_hold(text: str) -> None:
    _check_invariants(text, find_quoted_regions(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode(text: str) -> None:
    _check_invariants(text, find_quoted_regions(text))
