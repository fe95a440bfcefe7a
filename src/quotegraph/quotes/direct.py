"""Direct quotes: tying each quotation-mark region to its attribution.

A region is attached, in order of preference, to (1) a cue candidate whose content the
parse already places in the region, (2) the nearest verb of saying outside the marks in
the same sentence (or the sentence before, when it ends with a colon), or (3) nothing:
a cue-less quote, which news convention attributes to the speaker of the quote before it
when it fills its own paragraph or follows in the same paragraph.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..text.ranges import Paragraphs, RangeSet, TokenRange, overlap, token_range
from .candidates import Candidate, cue_range, source_range, subject_of
from .lexicon import SPEECH_VERBS
from .marks import QuotedRegion

# A quoted fragment this short, with no verb and no cue, is a scare quote, not a statement.
_MIN_STATEMENT_TOKENS = 4



def _is_statement(doc: Doc, rng: TokenRange) -> bool:
    """A quoted stretch that says something: a clause, or most of its sentence."""
    tokens = [t for t in doc[rng[0]:rng[1]] if not t.is_punct and not t.is_space]
    if len(tokens) < _MIN_STATEMENT_TOKENS:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return True
    sentence_words = [t for t in doc[rng[0]].sent if not t.is_punct and not t.is_space]
    return len(tokens) >= 0.6 * len(sentence_words)


def _attribution_sentences(doc: Doc, rng: TokenRange) -> list[SpacySpan]:
    """The sentences a quote's attribution can sit in: those it overlaps, the one before
    when that ends with a colon ('He said:'), and a short one right after it ('Smith said.')."""
    # spaCy's span.pyi omits Span.sents (a property of Span since spaCy 3.2)
    sents = list(doc[rng[0]:rng[1]].sents) if rng[1] > rng[0] else []  # type: ignore[attr-defined]
    if not sents:
        return []
    first, last = sents[0], sents[-1]
    if first.start > 0:
        before = doc[first.start - 1].sent
        if any(t.text == ":" for t in before[-2:]):
            sents.insert(0, before)
    if last.end < len(doc):
        after = doc[last.end].sent
        if last.end <= rng[1] + 1 and len(after) <= 12:
            sents.append(after)
    return sents


def _says_something(doc: Doc, rng: TokenRange) -> bool:
    """Long enough, or verbal enough, to be a quoted statement rather than a quoted phrase."""
    words = [t for t in doc[rng[0]:rng[1]] if not t.is_punct and not t.is_space]
    return len(words) >= _MIN_STATEMENT_TOKENS or any(t.pos_ in ("VERB", "AUX") for t in words)


def _adjacent(doc: Doc, rng: TokenRange, verb_index: int) -> bool:
    """A cue right beside the quote ("No," he said. / She said: "No."): even a one-word
    quote is a statement then."""
    if verb_index >= rng[1]:
        between = doc[rng[1]:verb_index]
    else:
        between = doc[verb_index + 1:rng[0]]
    return len(between) <= 4 and not any(t.text in (".", "!", "?") or "\n" in t.text for t in between)


def _attribution_follows(doc: Doc, rng: TokenRange, verb_index: int) -> bool:
    if not 0 <= verb_index - rng[1] <= 6:
        return False
    return not any(t.text in (".", "!", "?") or "\n" in t.text for t in doc[rng[1]:verb_index])


def _nearby_cue(doc: Doc, rng: TokenRange, quoted: list[TokenRange], busy: set[int]) -> int | None:
    """The nearest verb of saying outside quotation marks in the attribution sentences."""
    best: tuple[int, int] | None = None
    for sent in _attribution_sentences(doc, rng):
        for token in sent:
            if token.pos_ != "VERB" or token.lemma_.lower() not in SPEECH_VERBS:
                continue
            if token.dep_ in ("amod", "compound") or (token.i > 0 and doc[token.i - 1].text == "-"):
                continue  # "so-called", "much-touted": an adjective, not a cue
            if any(q[0] <= token.i < q[1] for q in quoted):
                continue
            # A verb that reports another quote may still close this one when the two are
            # the halves of one split quote: “Now that I can,” he told the host, “it was ...”
            if token.i in busy and not _attribution_follows(doc, rng, token.i):
                continue
            distance = rng[0] - token.i if token.i < rng[0] else token.i - rng[1]
            if best is None or distance < best[0]:
                best = (distance, token.i)
    return best[1] if best else None


def attach_quotes(doc: Doc, paragraphs: Paragraphs, regions: Sequence[QuotedRegion], candidates: list[Candidate]) -> list[Candidate]:
    """Candidates with the direct quotes folded in: parse candidates re-typed as direct or
    mixed, plus new candidates for quotes the parse did not link to a cue."""
    located = [(r, token_range(doc, r.pieces[0][0], r.pieces[-1][1])) for r in regions]
    spans = [(r, rng) for r, rng in located if rng is not None]
    quoted = [rng for _, rng in spans]
    out = list(candidates)
    # Verbs that already report a content of their own are not free to take a quote.
    busy = {cand.cue[1] - 1 for cand in candidates if cand.cue is not None}
    by_content = _ByContent(candidates)
    previous: Candidate | None = None
    previous_paragraph = -10
    for region, rng in spans:
        paragraph = paragraphs.index(region.open)
        chosen = _parse_candidate(rng, by_content)
        if chosen is not None and previous is not None and (chosen is previous or chosen.cue == previous.cue):
            # A quote split by its attribution ("I'm not," he said, "going to").
            if chosen is not previous:
                out = [cand for cand in out if cand is not chosen]
            _extend(previous, region)
            continue
        if chosen is None and previous is not None and _split_by_attribution(doc, previous, rng, paragraphs):
            _extend(previous, region)
            continue
        if chosen is None:
            verb_index = _nearby_cue(doc, rng, quoted, busy)
            if verb_index is not None and (_says_something(doc, rng) or _adjacent(doc, rng, verb_index)):
                verb = doc[verb_index]
                cue = cue_range(verb)
                # The same cue as the previous quote: a quote split by its attribution.
                if previous is not None and previous.cue == cue:
                    _extend(previous, region)
                    continue
                subject = subject_of(verb)
                chosen = Candidate(kind="direct", content=[rng], cue=cue,
                                   source=source_range(subject, [rng]) if subject is not None else None,
                                   cue_lemma=verb.lemma_.lower(), features={"speech": 1.0, "nearby": 1.0})
                out.append(chosen)
        if chosen is None:
            if not _is_statement(doc, rng):
                continue
            if previous is not None and paragraph == previous_paragraph:
                _extend(previous, region)
                continue
            chosen = Candidate(kind="direct", content=[rng], features={"cueless": 1.0})
            if previous is not None and paragraph - previous_paragraph <= 1:
                chosen.continues = previous
            out.append(chosen)
        _type_by_marks(doc, chosen, region, rng)
        by_content.widen(chosen)
        previous, previous_paragraph = chosen, paragraphs.index(region.pieces[-1][0])
    return out


def _split_by_attribution(doc: Doc, previous: Candidate, rng: TokenRange, paragraphs: Paragraphs) -> bool:
    """Whether the quote continues the previous one across its attribution:
    “I'm not,” he said, “going to resign.”"""
    if previous.cue is None or previous.quote_type != "direct" or not previous.content:
        return False
    previous_end = previous.content[-1][1]
    if not previous_end <= previous.cue[0] < rng[0]:
        return False
    between = doc[previous_end:rng[0]]
    if paragraphs.index(between.start_char) != paragraphs.index(doc[rng[0]].idx):
        return False
    return len(between) <= 14 and not any(t.text in (".", "!", "?") for t in between)


class _ByContent:
    """Parse candidates with a cue, found by where their contents lie: each quoted region
    looks at the candidates around it, not at every candidate of a long article.

    A candidate's extent only widens (`widen` after its content changes), so a lookup may
    return a candidate that no longer overlaps, never miss one that does."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        self.order = {id(cand): i for i, cand in enumerate(candidates)}
        self.extents = RangeSet()
        self.at: dict[TokenRange, list[int]] = {}  # extent -> the orders of its candidates
        self.extent: dict[int, TokenRange] = {}  # order -> extent
        for i, cand in enumerate(candidates):
            if cand.cue is not None and cand.content:
                self._put(i, (min(p[0] for p in cand.content), max(p[1] for p in cand.content)))

    def _put(self, order: int, extent: TokenRange) -> None:
        if extent not in self.at:
            self.extents.add(*extent)
        self.at.setdefault(extent, []).append(order)
        self.extent[order] = extent

    def widen(self, cand: Candidate) -> None:
        """Take in `cand`'s content as it is now, keeping what it covered before."""
        order = self.order.get(id(cand))
        if order not in self.extent:
            return  # not a parse candidate with a cue: never looked up
        start, end = old = self.extent[order]
        self.at[old].remove(order)
        if not self.at[old]:
            del self.at[old]
            self.extents.remove(*old)
        self._put(order, (min(start, *(p[0] for p in cand.content)), max(end, *(p[1] for p in cand.content))))

    def around(self, rng: TokenRange) -> list[Candidate]:
        """Candidates whose content may overlap `rng`, in their original order."""
        orders = sorted(i for extent in self.extents.overlapping(*rng) for i in self.at[extent])
        return [self.candidates[i] for i in orders]


def _parse_candidate(rng: TokenRange, candidates: _ByContent) -> Candidate | None:
    """The parse candidate whose content overlaps the region, with its cue outside it."""
    best: tuple[int, Candidate] | None = None
    for cand in candidates.around(rng):
        if cand.cue is None or overlap(cand.cue, rng):
            continue
        shared = sum(overlap(piece, rng) for piece in cand.content)
        if shared and (best is None or shared > best[0]):
            best = (shared, cand)
    return best[1] if best else None


def _extend(cand: Candidate, region: QuotedRegion) -> None:
    cand.regions.append(region)
    if cand.char_content is not None and cand.quote_type == "direct":
        cand.char_content.extend(region.pieces)


def _words_outside(doc: Doc, cand: Candidate, rng: TokenRange) -> bool:
    """Whether the content has a word outside the quotation marks."""
    return any(not doc[i].is_punct and not doc[i].is_space
               for start, end in cand.content for i in range(start, end) if not rng[0] <= i < rng[1])


def _type_by_marks(doc: Doc, cand: Candidate, region: QuotedRegion, rng: TokenRange) -> None:
    """Direct when the content lies within the marks, mixed when it only contains them."""
    cand.regions.append(region)
    if not _words_outside(doc, cand, rng):
        cand.quote_type = "direct"
        cand.char_content = list(region.pieces)
        cand.content = [rng]
    else:
        cand.quote_type = "mixed"
        # The quoted fragment keeps its marks inside a mixed content.
        marked = token_range(doc, region.open, region.end) or rng
        start = min(marked[0], *(p[0] for p in cand.content))
        end = max(marked[1], *(p[1] for p in cand.content))
        cand.content = [(start, end)] if len(cand.content) == 1 else cand.content
