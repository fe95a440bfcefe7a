"""A statement or phrase shown between quotation marks, without doubling the marks it
already carries (a content span that ends at its closing mark read "virtue.””")."""
from __future__ import annotations

from markupsafe import Markup

from .bidi import isolate

# Double quotation marks only: a single ’ or ' at the end is as often an apostrophe ("the players’").
CLOSING_OF = {"“": "”", "«": "»", '"': '"'}
OPENING_OF = {closing: opening for opening, closing in CLOSING_OF.items()}


def bare(text: str) -> str:
    """`text` without the quotation marks that enclose it: a leading opening mark whose
    closing one is not inside, and a trailing closing mark not matched by an opening one."""
    text = text.strip()
    if text[:1] in CLOSING_OF and CLOSING_OF[text[0]] not in text[1:-1]:
        text = text[1:].lstrip()
    if text[-1:] in OPENING_OF and _unmatched(text[:-1], text[-1]):
        text = text[:-1].rstrip()
    return text


def _unmatched(body: str, closing: str) -> bool:
    opening = OPENING_OF[closing]
    if opening == closing:
        return body.count(closing) % 2 == 0
    return body.count(opening) <= body.count(closing)


def quoted(text: object) -> Markup:
    """`text` isolated between “ and ”, its own enclosing marks dropped (see `bare`)."""
    return Markup("“{}”").format(isolate(bare(str(text or ""))))
