"""Direct-quotation regions in raw news text, found from the quotation marks alone.

A pure-Python scanner (no spaCy) that turns quotation marks into regions with
exact character offsets and survives real-world mess. It is linear: one pass over
the marks, plus lazy look-ahead that never searches a stretch of text twice. Why the
rules are what they are is said in comments by the code that applies them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuotedRegion:
    open: int  # index of the opening quotation mark
    close: int | None  # index of the closing mark; None when never closed
    pieces: tuple[tuple[int, int], ...]  # inner content per paragraph, trimmed, non-empty
    open_mark: str
    closed: bool

    @property
    def end(self) -> int:
        """Exclusive end of the region: after the closing mark, or after the last piece."""
        return self.close + 1 if self.close is not None else self.pieces[-1][1]


# Families. A mark only closes a region opened by the same family: double
# (" “ ” „), single (' ‘ ’ ‚), guillemets (« », also reversed » «) and single
# guillemets (‹ ›). „ is closed by “ or ”. A closer closes the innermost open
# region of its family, implicitly closing anything nested inside it; a closer
# with no opener of its family (a stray) is ignored.
_DOUBLE, _SINGLE, _GUILLEMET, _SINGLE_GUILLEMET = "double", "single", "guillemet", "single_guillemet"
_FAMILY = {
    '"': _DOUBLE, "“": _DOUBLE, "”": _DOUBLE, "„": _DOUBLE,
    "'": _SINGLE, "‘": _SINGLE, "’": _SINGLE, "‚": _SINGLE,
    "«": _GUILLEMET, "»": _GUILLEMET, "‹": _SINGLE_GUILLEMET, "›": _SINGLE_GUILLEMET,
}
# Marks that may start a continuation paragraph of a region of each family (French
# continues with », German reversed style with »; Swedish ”…” is allowed via the opening mark).
_CONTINUERS = {_DOUBLE: '"“„', _SINGLE: "'‘‚", _GUILLEMET: "«»", _SINGLE_GUILLEMET: "‹›"}
_GUILLEMET_OPENERS = "«‹"  # in normal (not reversed) use
_OPEN_AFTER = frozenset("([{<—–-/") | frozenset(_FAMILY)
_EVENT = re.compile(r"[\n\r\u2028\u2029]\s*|[\"“”„«»‹›'‘’‚]")
_BREAK = re.compile(r"[\n\r\u2028\u2029]\s*")
_CLOSER_OR_BREAK = re.compile(r"[\n\r\u2028\u2029'’]")
_CONTINUERS_SINGLE = frozenset(_CONTINUERS[_SINGLE])
_ELISION = re.compile(r"(?:\d\d?s?|em|n|tis|twas|til)(?!\w)", re.IGNORECASE)
_N_ELISION = re.compile(r"[’'‘]n[’'‘](?!\w)", re.IGNORECASE)  # rock ’n’ roll
# Nesting. Regions opened inside a region (“He told me ‘no’ twice”) belong to the
# outer one and are not returned. Nesting is capped at a few levels, so stack
# work stays constant per mark and the scan stays linear.
_MAX_DEPTH = 6
_OPEN, _CLOSE = 1, 2


# Every whitespace character (the highest is U+3000), plus zero-width ones; "" is the text's edge.
_SPACE = frozenset(c for c in map(chr, range(0x3001)) if c.isspace()) | {"\u200b", "\ufeff"}
_OPEN_AFTER_EDGE = _OPEN_AFTER | _SPACE | {""}


# Direction. Curly glyphs carry a default direction, but typists and converters
# get them wrong, so context decides when it is clear. A mark is in *opening
# context* when preceded by the start, whitespace, an open bracket, a dash or
# another quotation mark, and followed by a non-space; in *closing context* when
# preceded by a non-space and followed by the end or a non-alphanumeric. The
# straight " is decided by context alone, falling back to alternation (close if
# a double region is open, else open).
def _contexts(text: str, i: int) -> tuple[bool, bool]:
    """(opening context, closing context) of the mark at i."""
    prev, nxt = text[i - 1: i], text[i + 1: i + 2]
    opening = prev in _OPEN_AFTER_EDGE and nxt not in _SPACE and nxt != ""
    closing = prev not in _SPACE and prev != "" and not nxt.isalnum()
    return opening, closing


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return (start, end) if start < end else None


def _possessive(text: str, i: int) -> bool:
    """s’ followed by a space and a lowercase word: students’ books."""
    return text[i - 1: i] in ("s", "S") and text[i + 1: i + 2] == " " and text[i + 2: i + 3].islower()


class _Ahead:
    """Lazy forward look-ups for single marks, in linear time overall.

    Queries come in text order, and each answer is remembered up to the first
    single closer or paragraph break it found, so no stretch of text is searched
    twice. A `firm` look-up does not count possessive-looking closers (students’ books).
    """

    __slots__ = ("text", "firm", "hit", "hit_is_closer", "brk", "brk_single")

    def __init__(self, text: str, *, firm: bool = False) -> None:
        self.text, self.firm = text, firm
        self.hit, self.hit_is_closer = -1, False  # first closer-or-break after the last query
        self.brk, self.brk_single = -1, False  # first break after the last query; next paragraph's lead

    def closer_after(self, i: int) -> bool:
        """Whether a single closer follows i in the same paragraph."""
        if self.hit <= i:
            text = self.text
            self.hit, self.hit_is_closer = len(text), False
            for m in _CLOSER_OR_BREAK.finditer(text, i + 1):
                j = m.start()
                if text[j] not in "'’":
                    self.hit = j
                    break
                if _contexts(text, j)[1] and not (self.firm and _possessive(text, j)):
                    self.hit, self.hit_is_closer = j, True
                    break
        return self.hit_is_closer

    def next_paragraph_single(self, i: int) -> bool:
        """Whether the paragraph after the one holding i starts with a single mark."""
        if self.brk <= i:
            m = _BREAK.search(self.text, i + 1)
            self.brk = m.start() if m else len(self.text)
            self.brk_single = m is not None and self.text[m.end(): m.end() + 1] in _CONTINUERS_SINGLE
        return self.brk_single


# Paragraphs. News convention: a quote running over several paragraphs opens
# each paragraph with a mark and closes only at the end of the last. So a region
# open at a paragraph break (any newline) continues only if the next paragraph
# begins with an opening mark of its family; otherwise it ends there, unclosed.
# An unbalanced mark therefore damages only its own paragraph.
#
# Offsets: each piece is the inner content of one paragraph of a region, without
# the marks and with edge whitespace trimmed; `text[start:end]` is that content.
# Empty pieces and regions without pieces are dropped.
def find_quoted_regions(text: str) -> list[QuotedRegion]:
    """Top-level quoted regions of `text`, sorted by opening mark."""
    n = len(text)
    ahead, firm_ahead = _Ahead(text), _Ahead(text, firm=True)
    regions: list[QuotedRegion] = []
    stack: list[str] = []  # opening marks of the open regions; [0] is the top-level one
    open_at, piece_start = 0, 0
    pieces: list[tuple[int, int]] = []
    skip_to = -1  # marks before this index are already consumed

    def add_piece(end: int) -> None:
        piece = _trimmed(text, piece_start, end)
        if piece:
            pieces.append(piece)

    def finish(close: int | None) -> None:
        if pieces:
            regions.append(QuotedRegion(open_at, close, tuple(pieces), text[open_at], close is not None))
        stack.clear()

    for m in _EVENT.finditer(text):
        pos, end = m.span()
        if pos < skip_to:
            continue
        ch = text[pos]
        if end - pos > 1 or ch not in _FAMILY:  # paragraph break
            if not stack:
                continue
            add_piece(pos)
            mark = stack[0]
            family = _FAMILY[mark]
            nxt = text[end] if end < n else ""
            if nxt and (nxt == mark or nxt in _CONTINUERS[family]):
                del stack[1:]
                piece_start, skip_to = end + 1, end + 1
            else:
                finish(None)
            continue

        family = _FAMILY[ch]
        top = len(stack) - 1
        while top >= 0 and _FAMILY[stack[top]] != family:
            top -= 1
        role = _role(text, pos, ch, family, stack[top] if top >= 0 else None,
                     ahead, firm_ahead, not stack)
        if role is None and family == _SINGLE and _N_ELISION.match(text, pos):
            skip_to = pos + 3
        elif role == _OPEN and len(stack) < _MAX_DEPTH:
            if not stack:
                open_at, piece_start, pieces = pos, pos + 1, []
            stack.append(ch)
        elif role == _CLOSE and top >= 0:
            if top == 0:
                add_piece(pos)
                finish(pos)
            else:
                del stack[top:]

    if stack:
        add_piece(n)
        finish(None)
    return regions


# Apostrophes are not quotes. A single mark between two letters/digits (don’t,
# Trump’s, o’clock) is an apostrophe; so are elisions in opening context (’90s,
# ’em, rock ’n’ roll). ’ never opens. Since a stray single mark is far more
# often an apostrophe than a quote, and a false opener would swallow the rest of
# its paragraph, a single opener needs a plausible closer: a later single mark in
# closing context in the same paragraph (or, for a top-level quote, a next
# paragraph that starts with a single mark); otherwise it is ignored. A plural
# possessive (students’ books: s, ’, space, lowercase) is taken as an apostrophe
# while a later, non-possessive closer in the paragraph can still close the region.
def _role(text: str, i: int, ch: str, family: str, open_mark: str | None,
          ahead: _Ahead, firm_ahead: _Ahead, top_level: bool) -> int | None:
    """Whether the mark at i opens, closes, or is ignored (None).

    `open_mark` is the mark of the innermost open region of the same family;
    `top_level` says no region at all is open.
    """
    if family == _DOUBLE:
        if ch == "„" or ch == "“" and not open_mark:
            return _OPEN
        if ch == "”" and open_mark:
            return _CLOSE
        opening, closing = _contexts(text, i)
        if ch == '"':
            if opening != closing:
                return _OPEN if opening else (_CLOSE if open_mark else None)
            return _CLOSE if open_mark else _OPEN
        if ch == "“":
            return _CLOSE if closing and not opening else _OPEN
        return _OPEN if opening and not closing else None  # Swedish ”…”, or a typo
    if family != _SINGLE:  # guillemets, normal « » or reversed » «
        if ch in _GUILLEMET_OPENERS:
            return _CLOSE if open_mark and open_mark not in _GUILLEMET_OPENERS else _OPEN
        if open_mark and open_mark in _GUILLEMET_OPENERS:
            return _CLOSE
        opening, closing = _contexts(text, i)
        return _OPEN if opening and not closing else None
    # Single marks: apostrophes first.
    prev, nxt = text[i - 1: i], text[i + 1: i + 2]
    if prev.isalnum() and nxt.isalnum():
        return None
    opening, closing = _contexts(text, i)
    if opening and (_N_ELISION.match(text, i) or _ELISION.match(text, i + 1)):
        return None
    if open_mark and closing and ch != "‚" and not (ch == "‘" and opening):
        return None if _possessive(text, i) and firm_ahead.closer_after(i) else _CLOSE
    if opening and ch != "’" and (ahead.closer_after(i) or top_level and ahead.next_paragraph_single(i)):
        return _OPEN
    return None
