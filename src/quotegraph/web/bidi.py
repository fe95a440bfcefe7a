"""Text from an article or the store, kept from reordering the app's own text around it.

An unterminated RIGHT-TO-LEFT OVERRIDE (U+202E) in an article's title reverses whatever
follows it in the same paragraph: a date, an outlet, "confidence 0.82" shown as "28.0".
Every such string is therefore rendered inside `<bdi>` (an isolate: what it holds is
ordered on its own, and no embedding or override it opens reaches past its end). In
metadata (titles, outlets, URLs, names), where no reader needs them, the bidi controls
are also shown for what they are ("[RLO]") instead of acting: a title that reads
backwards says why.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

# The explicit directional formatting characters of UAX #9 and the implicit marks.
CONTROL_NAMES = {
    "\u061c": "ALM", "\u200e": "LRM", "\u200f": "RLM",
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}
CONTROLS = re.compile("[" + "".join(CONTROL_NAMES) + "]")


def isolate(value: object) -> Markup:
    """`value` escaped inside `<bdi>`: its direction its own, its controls ending with it."""
    if value is None:
        return Markup("")
    return Markup(f"<bdi>{escape(value)}</bdi>")  # escape() is markup-safe; format() costs 3x more


def shown_text(value: object) -> str:
    """`value` as text with each bidi control written as its name in brackets ("[RLO]"),
    for places that cannot hold markup (the window title, an attribute)."""
    if value is None:
        return ""
    return CONTROLS.sub(lambda found: f"[{CONTROL_NAMES[found.group()]}]", str(value))


def isolate_shown(value: object) -> Markup:
    """`value` isolated (see `isolate`) with its bidi controls shown, marked as such."""
    if value is None:
        return Markup("")
    text = str(value)
    if CONTROLS.search(text) is None:  # the common case, a fifth of the cost of the loop below
        return Markup(f"<bdi>{escape(text)}</bdi>")
    parts = []
    last = 0
    for found in CONTROLS.finditer(text):
        parts.append(escape(text[last:found.start()]))
        code = f"U+{ord(found.group()):04X}"
        parts.append(Markup('<span class="bidi-control" title="{} bidi control">[{}]</span>')
                     .format(code, CONTROL_NAMES[found.group()]))
        last = found.end()
    parts.append(escape(text[last:]))
    return Markup("<bdi>{}</bdi>").format(Markup("").join(parts))
