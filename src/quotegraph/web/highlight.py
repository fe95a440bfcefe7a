"""An article's text as HTML with its attributions, times and entity mentions marked in place.

All text and attribute values are escaped here: article text is hostile input.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .bidi import shown_text

QUOTE_PARTS = ("content", "cue", "source", "addressee")


@dataclass(frozen=True, slots=True)
class Mark:
    """One marked span: a quote's part, a time expression or an entity mention."""

    start: int
    end: int
    kind: str  # one of QUOTE_PARTS, "time" or "entity"
    span_id: str = ""  # quote parts: "q0-content-0", "q0-cue"...
    quote: str = ""  # quote parts: the quote's local id
    label: str = ""  # a tooltip: what the span is
    value: str = ""  # times: the normalised value
    href: str = ""  # entities: the speaker page


# Keyboard users reach each statement where it starts in the text: the first run of a
# content is in the tab order (focusing it lights up the quote's parts and its side-list
# entry, static/app.js); the first run of a cue, source or addressee can take the focus a
# side-list link sends it, without adding a stop to the tab order.
def _focusable(part: Mark) -> str:
    return ' tabindex="0"' if part.span_id.endswith("-content-0") else ' tabindex="-1"'


def _valid(mark: Mark, length: int) -> bool:
    return 0 <= mark.start < mark.end <= length


# Every mark comes from stored character offsets into the article's text (0-based, end
# exclusive). Marks may nest or overlap (a date inside a quote's content, a speaker's
# mention that is also a quote's source), so the text is cut at every mark boundary into
# runs, and each run is wrapped in the marks that cover it: quote parts outermost, then a
# time, then an entity link. A part cut into several runs keeps one `data-span` on each, so
# the runs of `data-span="q0-content-0"` joined are exactly that span's text.
def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """`text` as escaped HTML with `marks` wrapped around the characters they cover.

    A mark whose offsets fall outside the text is left out (the text stays whole).
    """
    marks = [mark for mark in marks if _valid(mark, len(text))]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for number, mark in enumerate(marks):
        opening[mark.start].append(number)
        closing[mark.end].append(number)
    active: dict[int, Mark] = {}  # the marks covering the current run, in the order given
    first_run: set[str] = set()
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        for number in closing.get(start, ()):
            del active[number]
        for number in opening.get(start, ()):
            active[number] = marks[number]
        covering = [active[number] for number in sorted(active)]
        html = str(escape(text[start:end]))
        entity = next((m for m in covering if m.kind == "entity"), None)
        if entity is not None:
            html = f'<a class="qg-entity" href="{escape(entity.href)}" title="{escape(shown_text(entity.label))}">{html}</a>'
        time = next((m for m in covering if m.kind == "time"), None)
        if time is not None:
            html = (f'<span class="qg-time" data-value="{escape(time.value)}" '
                    f'title="{escape(time.label)}">{html}</span>')
        parts = sorted((m for m in covering if m.kind in QUOTE_PARTS), key=lambda m: (m.start, -m.end))
        for part in reversed(parts):
            ident = ""
            if part.span_id not in first_run:
                first_run.add(part.span_id)
                ident = f' id="{escape(part.span_id)}"' + _focusable(part)
            html = (f'<span class="qg-part qg-{part.kind}"{ident} data-span="{escape(part.span_id)}" '
                    f'data-quote="{escape(part.quote)}" aria-describedby="side-{escape(part.quote)}" '
                    f'title="{escape(shown_text(part.label))}">{html}</span>')
        out.append(html)
    return Markup("".join(out))
