"""What a reader never calls a statement, read off the record alone (docs/statements.md,
"Not a statement"; the families and their examples: docs/statements.md): the reader
confidence (`acceptance.py`) of such a quote is at most NOT_A_STATEMENT, so the default view
never shows it, and everything stays with `--min-confidence 0`."""
from __future__ import annotations

import re

from ..record import Quote
from ..text.ranges import RangeSet
from .cue_lemmas import OWN_VOICE, SAYING, WORD, cue_lemmas
from .titles import is_title

# The reader confidence of a quote that is no statement, at most.
NOT_A_STATEMENT = 0.02
# The writer's reasoning in a participle with no subject of its own ("..., showing that ...").
_WRITER_PARTICIPLES = frozenset("show suggest indicate mean prove highlight underscore underline signal reflect "
                                "demonstrate illustrate raise confirm make leave".split())
_HEDGES = frozenset("seem appear look sound".split())
# "That said, ...", "Having said that", "Needless to say", "Suffice it to say": the writer.
_CONNECTIVE_BEFORE = re.compile(r"(?:\bhaving|\bneedless\s+to|\bsuffice\s+it\s+to|\bso\s+to|\bthat\s+being)\s*$",
                                re.IGNORECASE)
# A cue under "if"/"unless" in its own clause, or after "would/could/might/may (have)"
# ("others may argue that ...": nobody has).
_HYPOTHETICAL_BEFORE = re.compile(r"(?:\b(?:if|unless)\b[^,;:.!?\n]*|\b(?:would|could|might|may)(?:\s+(?:not|never))?"
                                  r"(?:\s+have)?\s*)$", re.IGNORECASE)
# A holding denied: "did not say", "doesn't believe", "nor does she believe", "never thought".
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever|\bno\s+longer|\bnor\s+\w+\s+\w+)\s+(?:\w+\s+)?$", re.IGNORECASE)
# "were talking about the slogan", "mixed signals about whether ...", "raised that point in
# criticism of the plan": what the words are about, not what they say.
_TOPIC_PREPOSITIONS = frozenset({"about", "of", "over", "regarding", "concerning"})
ABOUT = "a topic, not a content"
_NEGATION_IN_CUE = re.compile(r"\b(?:not|never)\b|n[’']t\b")


_ARTICLES = frozenset({"a", "an", "the"})


# "It's safe to say", "it's important to remember", "it should be noted": the writer remarks.
_WRITER_REMARKS = frozenset("say note remember add stress mention point emphasize emphasise".split())
_MODAL_PASSIVE = re.compile(r"\b(?:should|must|can|could|may|might)\s+(?:also\s+)?be\s+\w+$")
# "Correction: An earlier version of this story incorrectly indicated that ..."
_CORRECTION = re.compile(r"^correction\b|\b(?:earlier|previous|prior) version of this\b")
# "NASA has held firm despite criticisms that ...": the criticisms are not NASA's.
_NOUN_AFTER_DESPITE = re.compile(r"\b(?:despite|amid|amidst|in\s+spite\s+of)\b(?:\s+(?:the|a|an|some|many|growing|repeated))*\s*$",
                                 re.IGNORECASE)
_REFLEXIVE = re.compile(r"\s*(?:himself|herself|itself|themselves|myself|ourselves|yourself)\b", re.I)
_NAMING = frozenset("call dub label brand term nickname describe".split())
_MARKS = "\"“”‘’'«»„ "
_BY_AFTER = re.compile(r"\s+by\b")
# Words between a cue and a quotation in title case that make the quotation a name.
_NAME_NOUNS = re.compile(r"\b(?:pseudonym|name|nickname|alias|moniker|handle|title|headline|slogan|called|named|"
                         r"titled|entitled|dubbed|including|like|hits?|songs?|album|book|film|show|series)\b", re.I)


# Words a quotation of somebody's sits from its cue at most ("said in a statement, “...”").
_MOST_WORDS_BETWEEN = 6


def _content_start(quote: Quote) -> int:
    return quote.content[0].start if quote.content else quote.start


def _title_not_said(quote: Quote, text: str) -> str | None:
    """Why a quotation in title case ("Red Neck Country Club", "Guardians of the Galaxy") is
    a name, not words said, or None: nobody is said to say it (the cue is no verb of saying,
    "is holding a party at the “Red Neck Country Club”"); a naming word or more than a few
    words stand between it and the cue ("wrote under the pseudonym “Carlos Danger”"); it is
    a work with its author ("“Trump Revealed,” written by"); or it sits between the source
    and the cue ("Lee, who starred in “Parks” and “Guardians of the Galaxy,” posted ..."),
    where no quotation of the source's stands. A naming ("called it a “Witch Hunt”") is a
    statement."""
    if quote.type != "direct" or len(quote.content) != 1:
        return None
    if not is_title(quote.content[0].text.strip(_MARKS).rstrip(".,").strip(_MARKS)):
        return None
    said = cue_lemmas(quote.cue.text) if quote.cue else set()
    if said & _NAMING:
        return None
    if not said & SAYING:
        return "a title or a name in quotation marks that nobody is said to say"
    if quote.cue is not None:
        gap = text[min(quote.cue.end, _content_start(quote)):max(quote.cue.start, _content_start(quote))]
        if quote.source is not None:
            gap = gap.replace(quote.source.text, " ")
        if _NAME_NOUNS.search(gap):
            return "a name in quotation marks ('wrote under the pseudonym “Carlos Danger”', 'added hits including')"
        if len(WORD.findall(gap)) > _MOST_WORDS_BETWEEN:
            return "a title far from the cue ('writes a weekly column and, since 2013, leads “America with ...”')"
    if quote.cue is not None and _BY_AFTER.match(text, quote.cue.end):
        return "a work and its author ('written by'), not words said"
    content = quote.content[0]
    if quote.source is not None and quote.cue is not None and quote.source.end <= content.start \
            and quote.cue.start >= content.end:
        return "a title between the source and the cue: no quotation of the source's"
    return None


def not_a_statement(quote: Quote, text: str, quoted: RangeSet) -> str | None:
    """Why a reader would not call `quote` a statement, or None. The families (each with its
    examples in docs/statements.md): the writer's own voice (a source "I", "we" or "you"
    outside any quotation; "That said, ..."; "..., showing that ..."; "it seems that ...";
    "it's safe to say"; the article's own correction); a name in quotation marks
    (`_title_not_said`); what the words are about rather than what they say ("talking about
    the slogan"); a hypothetical or a negated holding ("if the union wanted to ...", "nor
    does she believe ..."); no saying at all ("found itself playing host", "All told",
    "Asked whether ...", "despite criticisms that ..." given to the clause's subject); the
    salutation of a letter read as a transcript label ("DEAR ABBY: ..."); the speaker's own
    "I think" or rhetoric inside a quotation (part of its statement); a source that is a
    lone article ("... such as a 2.1 GW project")."""
    source = quote.source.text.lower() if quote.source is not None else ""
    if quote.within is not None:
        return "inside a quotation: part of its statement" if source in OWN_VOICE else None
    if source in OWN_VOICE and quote.source is not None and not quoted.holds(quote.source.start):
        return "the writer's or the reader's own voice"
    if source in _ARTICLES:
        return "a source that names no one (a lone article: 'such as a')"
    title = _title_not_said(quote, text)
    if title is not None:
        return title
    if quote.cue is None:
        return None
    cue_text = quote.cue.text.lower()
    if cue_text.strip() == ":" and source.startswith("dear "):
        return "a letter's salutation: it names whom the letter is to"
    cue_words = WORD.findall(cue_text)
    said = cue_lemmas(cue_text)
    before = text[max(0, quote.cue.start - 60):quote.cue.start]
    before = re.split(r"[.!?\n]", before)[-1]
    if "say" in said and (source in ("that", "this") or _CONNECTIVE_BEFORE.search(before)):
        return "a discourse connective of the writer"
    if len(cue_words) == 1 and cue_text.endswith("ing") and said & _WRITER_PARTICIPLES \
            and before.rstrip().endswith(","):
        return "the writer's participle"
    if said & _HEDGES and source in ("", "it"):
        return "a hedge of the writer"
    if source in ("", "it") and said & _WRITER_REMARKS and ("to" in cue_words or _MODAL_PASSIVE.search(cue_text)):
        return "a remark of the writer ('it's safe to say', 'it should be noted')"
    if _CORRECTION.search(source):
        return "the article's own correction"
    if "find" in said and _REFLEXIVE.match(quote.content[0].text if quote.content else ""):
        return "finding oneself somewhere: no finding"
    if quote.source is not None and len(cue_words) == 1 and quote.source.end <= quote.cue.start \
            and _NOUN_AFTER_DESPITE.search(text, quote.source.end, quote.cue.start):
        return "a noun of saying after 'despite' or 'amid': the text does not say whose words they are"
    if source == "all" and cue_words == ["told"]:
        return "'all told': in all, not a telling"
    if cue_words == ["asked"] and quote.cue.text[:1].isupper() and quote.type == "indirect":
        return "a question put to the source ('Asked whether ...'), not the source's words"
    if cue_words and cue_words[-1] in _TOPIC_PREPOSITIONS and not (
            quote.type != "indirect" and said & {"say", "tell", "write", "add"}):
        return ABOUT  # not 'Trump said of waterboarding, “It's fine”': a quotation with its topic
    if _HYPOTHETICAL_BEFORE.search(before) or cue_words[:1] in (["would"], ["could"], ["might"], ["may"]):
        return "a hypothetical"
    if _NEGATED.search(before) or _NEGATION_IN_CUE.search(cue_text):
        return "a negated holding"
    return None
