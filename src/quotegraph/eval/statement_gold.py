"""The real-page gold of statements: its file format, and how an annotator's notes become it.

A gold file (one per page, `eval/gold/pages_dev/<page id>.json`) holds offsets only, no
article text (the pages' licence forbids committing it):

    {"page": "<page id>", "sha256": "<sha256 of the text quotegraph extracts from the page>",
     "statements": [{"content": [[start, end], ...], "cue": [start, end] | null,
                     "source": [start, end] | null, "speaker": "Name" | null,
                     "kind": "speech" | "writing" | "thought"}]}

Annotators write notes with the words themselves, which are easier to read and check
(`python -m quotegraph.eval.statement_gold NOTES TEXT OUT`):

    {"page": "<page id>", "statements": [
        {"content": ["first piece of the content", "second piece"], "cue": "said",
         "source": "Okafor", "speaker": "Ruth Okafor", "kind": "speech"}]}

Each content piece is looked up in the text from where the previous statement's content
began (statements are listed in the page's order), then from the top; the cue and the
source are the whole-word occurrences nearest the content, outside its pieces
(`"cue_start"` / `"source_start"`, or `"cue_at"` / `"source_at"`, an offset, pins one where that is not the one). A piece that is not in the text, verbatim,
is an error naming the statement.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

GOLD_KINDS = ("speech", "writing", "thought")
# How far from its content a cue or source is looked for, in characters.
_NEAR = 600


class GoldError(ValueError):
    """A note or a gold file that cannot be read as the format above."""


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _find_from(text: str, piece: str, start: int) -> int:
    index = text.find(piece, start)
    return index if index >= 0 else text.find(piece)


def _whole_words(text: str, index: int, end: int) -> bool:
    """The occurrence `index:end` does not start or end inside a word ("he" in "the")."""
    inside = (index > 0 and text[index].isalnum() and text[index - 1].isalnum()) \
        or (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())
    return not inside


def _nearest(text: str, piece: str, around: tuple[int, int], content: list[list[int]]) -> tuple[int, int] | None:
    """The whole-word occurrence of `piece` nearest the range `around` (outside it, or
    between the pieces of an interrupted quotation), within `_NEAR` characters; one outside
    the `content` pieces wins over one inside them ("A: A Fistful of Rice")."""
    best: tuple[int, int, int] | None = None
    index = text.find(piece, max(0, around[0] - _NEAR - len(piece)))
    while 0 <= index <= around[1] + _NEAR:
        end = index + len(piece)
        if _whole_words(text, index, end):
            gap = max(around[0] - end, index - around[1], 0)
            inside = int(any(s <= index and end <= e for s, e in content))
            if best is None or (inside, gap) < best[:2]:
                best = (inside, gap, index)
        index = text.find(piece, index + 1)
    return None if best is None else (best[2], best[2] + len(piece))


def resolve(notes: dict[str, Any], text: str) -> dict[str, Any]:
    """The gold of one page from an annotator's notes on `text`; raises GoldError naming the
    statement whose words are not in the text."""
    statements = []
    cursor = 0
    for number, note in enumerate(notes.get("statements", []), 1):
        where = f"{notes.get('page', '?')} statement {number}"
        pieces = note.get("content")
        if not pieces or not all(isinstance(p, str) and p.strip() for p in pieces):
            raise GoldError(f"{where}: content must be a list of non-empty strings")
        content: list[list[int]] = []
        at = cursor
        for piece in pieces:
            index = _find_from(text, piece, at)
            if index < 0:
                raise GoldError(f"{where}: content piece not in the text: {piece[:80]!r}")
            content.append([index, index + len(piece)])
            at = index + len(piece)
        cursor = content[0][0]
        extent = (min(s for s, _ in content), max(e for _, e in content))
        row: dict[str, Any] = {"content": content}
        for role in ("cue", "source"):
            words = note.get(role)
            if words is None:
                row[role] = None
                continue
            pinned = note.get(f"{role}_start", note.get(f"{role}_at"))
            if pinned is not None:  # the annotator's own offset, where the nearest is not the one
                if text[pinned:pinned + len(words)] != words:
                    raise GoldError(f"{where}: {role}_start {pinned} does not hold {words!r}")
                row[role] = [pinned, pinned + len(words)]
                continue
            found = _nearest(text, words, extent, content)
            if found is None:
                raise GoldError(f"{where}: {role} {words!r} is not within {_NEAR} characters of the content")
            row[role] = list(found)
        kind = note.get("kind")
        if kind not in GOLD_KINDS:
            raise GoldError(f"{where}: kind must be one of {', '.join(GOLD_KINDS)}, not {kind!r}")
        row["speaker"] = note.get("speaker") or None
        row["kind"] = kind
        statements.append(row)
    return {"page": notes["page"], "sha256": text_sha256(text), "statements": statements}


def validate(gold: dict[str, Any], text: str) -> None:
    """Raises GoldError where `gold` was not annotated on `text` or a span lies outside it."""
    if gold.get("sha256") != text_sha256(text):
        raise GoldError(f"{gold.get('page')}: the page's text is not the one the gold was annotated on "
                        "(sha256 differs: another trafilatura version?)")
    for number, row in enumerate(gold["statements"], 1):
        spans = list(row["content"]) + [row[r] for r in ("cue", "source") if row.get(r) is not None]
        for start, end in spans:
            if not 0 <= start < end <= len(text):
                raise GoldError(f"{gold['page']} statement {number}: span {start}:{end} outside the text")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python -m quotegraph.eval.statement_gold NOTES.json TEXT.txt OUT.json", file=sys.stderr)
        return 2
    notes = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    with open(argv[1], encoding="utf-8", newline="") as file:  # the text exactly, \r included
        text = file.read()
    try:
        gold = resolve(notes, text)
    except GoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    Path(argv[2]).write_text(json.dumps(gold, indent=1) + "\n", encoding="utf-8")
    print(f"{gold['page']}: {len(gold['statements'])} statements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
