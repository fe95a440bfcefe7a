"""From the command line's inputs (files, directories, `-`) to a stream of read items."""
from __future__ import annotations

from pathlib import Path, PurePath
from typing import BinaryIO, Callable, Iterable, Iterator, Sequence

from ..errors import InputError
from .base import ReadError, ReadItem
from .gz import GZ_SUFFIXES, gz_items
from .html import read_html
from .jsonl import holds_one_object, jsonl_items, read_json, read_jsonl
from .txt import read_txt, text_article
from .warc import read_warc

STDIN = "-"
Reader = Callable[[Path, str], Iterable[ReadItem]]


def read_gz(path: Path, source: str) -> Iterator[ReadItem]:
    with path.open("rb") as stream:
        yield from gz_items(stream, source=source, suffix=reader_suffix(path), stem=article_stem(path))


READERS: dict[str, Reader] = {".txt": read_txt, ".html": read_html, ".htm": read_html, ".jsonl": read_jsonl,
                               ".warc": read_warc, ".warc.gz": read_warc,
                               **{suffix: read_gz for suffix in GZ_SUFFIXES}}
SUFFIXES = tuple(READERS)
# Read when named, never walked in a directory: a folder of articles may hold other JSON
# (a Spark job's `_quotegraph.json`, a crawler's metadata).
NAMED_READERS: dict[str, Reader] = {".json": read_json}
_COMPOUND = (".warc.gz", *GZ_SUFFIXES)
_MANY_ARTICLES = (".jsonl", ".jsonl.gz", ".warc", ".warc.gz")


def reader_suffix(path: PurePath) -> str:
    """The reader's suffix of `path`: ".warc.gz", ".jsonl.gz" and the like for gzipped
    inputs, else the last suffix."""
    name = path.name.lower()
    return next((suffix for suffix in _COMPOUND if name.endswith(suffix)), path.suffix.lower())


def article_stem(path: PurePath) -> str:
    """An article's default id from its file name: the name less its reader suffix."""
    suffix = reader_suffix(path)
    return path.name[: -len(suffix)] if suffix in _COMPOUND else path.stem


def read_inputs(inputs: Sequence[str], *, stdin: BinaryIO | None = None, stdin_format: str = "text") -> Iterator[ReadItem]:
    """Every article of `inputs`, in order, with a ReadError in place of each that fails.

    Directories are walked recursively in sorted order for files with a known suffix; a
    file named explicitly may also be `.json` (`NAMED_READERS`), and with any other suffix
    is read as plain text.
    """
    for name in inputs:
        if name == STDIN:
            yield from _read_stdin(stdin, stdin_format)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _read_dir(path)
        elif path.exists():
            yield from read_file(path)
        else:
            yield ReadError(name, InputError.code, "no such file or directory")


def read_file(path: Path) -> Iterator[ReadItem]:
    """The items of one file, by suffix; a failure is yielded, never raised."""
    source = str(path)
    suffix = reader_suffix(path)
    reader = READERS.get(suffix) or NAMED_READERS.get(suffix, read_txt)
    try:
        yield from reader(path, source)
    except InputError as err:
        yield ReadError.from_exception(err, source)
    except OSError as err:
        yield ReadError(source, InputError.code, err.strerror or str(err))
    except EOFError as err:  # a compressed stream cut short, where a reader did not say so itself
        yield ReadError(source, InputError.code, f"truncated file ({err})")


def is_single_article(inputs: Sequence[str], stdin_format: str = "text") -> bool:
    """Whether `inputs` name exactly one article (one text/HTML file, or stdin as text)."""
    if len(inputs) != 1:
        return False
    if inputs[0] == STDIN:
        return stdin_format == "text"
    path = Path(inputs[0])
    if path.is_dir():
        return False
    suffix = reader_suffix(path)
    return holds_one_object(path) if suffix == ".json" else suffix not in _MANY_ARTICLES


def _read_dir(directory: Path) -> Iterator[ReadItem]:
    files = sorted(p for p in directory.rglob("*") if reader_suffix(p) in READERS and p.is_file())
    if not files:
        yield ReadError(str(directory), InputError.code, f"no {', '.join(SUFFIXES)} files in this directory")
    for path in files:
        yield from read_file(path)


def _read_stdin(stdin: BinaryIO | None, stdin_format: str) -> Iterator[ReadItem]:
    if stdin is None:
        yield ReadError(STDIN, InputError.code, "no standard input")
        return
    if stdin_format == "jsonl":
        yield from jsonl_items(stdin, source=STDIN, stem="stdin")
        return
    try:
        yield text_article(stdin.read(), source=STDIN, id="stdin")
    except InputError as err:
        yield ReadError.from_exception(err, STDIN)
