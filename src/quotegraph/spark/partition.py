"""What runs on Spark's Python workers: input files to article rows, article rows to records.

Kept in an importable module (not in the driver's `__main__`), so that Spark pickles these
functions by reference and every worker imports them (docs/spark.md, "What the job does").
"""
from __future__ import annotations

import hashlib
import io
from itertools import islice
from typing import Any, Iterable, Iterator, NamedTuple
from urllib.parse import unquote

from ..api import extract_many
from ..article import Article, coerce_article
from ..config import Options
from ..errors import ExtractionError, InputError, ModelError
from ..readers import ReadError
from ..readers.blob import read_bytes
from ..record import Record, RecordError
from ..store.write import article_key
from ..writers import write_jsonl
from .schema import record_to_row

# Articles handed to extract_many at once; when one of them breaks the whole batch (not a
# component: those report on the record), the batch is redone one article at a time.
GUARD_BATCH = 64
PARSER_BATCH = 16


# The spaCy pipeline comes from `quotegraph.pipeline.nlp.load_pipeline`, cached per process, so
# each Python worker loads it once and keeps it across tasks (Spark reuses its Python workers).
# Article rows cross the JVM between the two steps with their text as UTF-8 bytes
# (surrogates passed through), so that the text extracted is exactly the text read, as in
# `quotegraph extract`, even where a JSON escape made it invalid Unicode.
class ArticleRow(NamedTuple):
    """One read item between the reading and the extraction step (`article_schema()`)."""

    key: str
    text: bytes | None  # UTF-8 with surrogates passed through; None for a read error
    id: str | None
    title: str | None
    published: str | None
    url: str | None
    file: str
    line: int | None
    position: int | None
    error_code: str | None
    error_reason: str | None


def article_schema() -> Any:
    """The Spark StructType of `ArticleRow`."""
    from pyspark.sql import types as T

    kinds = {"text": T.BinaryType(), "line": T.LongType(), "position": T.LongType()}
    return T.StructType([T.StructField(name, kinds.get(name, T.StringType()), nullable=True)
                         for name in ArticleRow._fields])


def display_name(uri: str) -> str:
    """A local file's path as `quotegraph extract` names it (`/data/a b.txt` for
    `file:/data/a%20b.txt`); other URIs (hdfs://, s3a://) as they are."""
    for prefix in ("file://", "file:"):
        if uri.startswith(prefix):
            return unquote(uri[len(prefix):])
    return uri


def read_file_rows(path: str, content: bytes) -> Iterator[ArticleRow]:
    """The article rows of one input file (a row of Spark's binaryFile source)."""
    source = display_name(path)
    for item in read_bytes(content, source=source):
        if isinstance(item, ReadError):
            yield read_error_row(item, file=source)
        else:
            yield article_row(item, file=source)


def article_row(article: Article, *, file: str) -> ArticleRow:
    text = article.text.encode("utf-8", "surrogatepass")
    return ArticleRow(_key(article, text), text, article.id, article.title, article.published, article.url,
                      file, None, None, None, None)


def read_error_row(error: ReadError, *, file: str) -> ArticleRow:
    where = f"{error.file or file}\x00{error.line}\x00{error.position}\x00{error.reason}"
    return ArticleRow(hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest(), None, error.source, None,
                      None, None, error.file or file, error.line, error.position, error.code, error.reason)


def _key(article: Article, text: bytes) -> str:
    """The store's key of the article (`article_key`); for a text that is not valid
    Unicode, which the store cannot hold, a hash of its raw bytes."""
    source = article.url or article.id or ""
    try:
        return article_key(source, article.text)
    except UnicodeEncodeError:
        return hashlib.sha256(source.encode("utf-8", "surrogatepass") + b"\x00" + text).hexdigest()


def read_file_partition(files: Iterable[Any]) -> Iterator[ArticleRow]:
    """`read_file_rows` over a partition of binaryFile rows (path, content)."""
    for file in files:
        yield from read_file_rows(file.path, file.content)


def parquet_article_partition(rows: Iterable[Any]) -> Iterator[ArticleRow]:
    """Article rows from rows of Parquet articles (text, id, title, published, url, file)."""
    for text, id, title, published, url, uri in rows:
        file = display_name(uri)
        label = f"{file}:{id}" if id is not None else file
        try:
            if isinstance(text, str) and not text.strip():
                raise InputError("empty 'text'", source=label)
            article = coerce_article({"text": text, "id": id, "title": title, "published": published, "url": url},
                                     source=label)
        except InputError as err:
            yield read_error_row(ReadError.from_exception(err, label, file=file), file=file)
            continue
        yield article_row(article, file=file)


def extract_rows(rows: Iterable[Any], *, options: Options, fmt: str) -> Iterator[tuple]:
    """Output rows (`fmt` "parquet": `schema.spark_schema()`; "jsonl": (key, line)) for
    article rows, one per row, in order. Nothing raises for a bad article: a read error
    or a failed extraction is a record with `error`."""
    rows = iter(rows)
    while batch := [ArticleRow(*row) for row in islice(rows, GUARD_BATCH)]:
        for row, record in zip(batch, _records(batch, options)):
            yield _output(row, record, fmt)


def _records(batch: list[ArticleRow], options: Options) -> list[Record]:
    articles = [_article(row) for row in batch if row.text is not None]
    try:
        extracted = iter(list(extract_many(articles, batch_size=PARSER_BATCH, options=options)))
    except ModelError:
        raise  # no pipeline on this worker: the task fails, and the job with it, with the reason
    except Exception:  # noqa: BLE001 - one article broke the batch: redo it one by one
        extracted = iter([_extract_alone(article, options) for article in articles])
    return [next(extracted) if row.text is not None else _read_error_record(row) for row in batch]


def _extract_alone(article: Article, options: Options) -> Record:
    try:
        return next(extract_many([article], batch_size=1, options=options))
    except Exception as err:  # noqa: BLE001 - reported on the record, never a failed task
        reason = f"{type(err).__name__}: {err}"
        text = article.text
        if not _storable(text):
            text, reason = "", f"{reason} (the text is not valid Unicode and is left out of this record)"
        return Record(text=text, id=article.id, title=article.title, published=article.published, url=article.url,
                      error=RecordError(ExtractionError.code, reason))


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _article(row: ArticleRow) -> Article:
    assert row.text is not None
    return Article(text=row.text.decode("utf-8", "surrogatepass"), id=row.id, title=row.title,
                   published=row.published, url=row.url)


def _read_error_record(row: ArticleRow) -> Record:
    return Record(text="", id=row.id, error=RecordError(row.error_code or "", row.error_reason or ""))


def _output(row: ArticleRow, record: Record, fmt: str) -> tuple:
    key = row.key if row.text is not None else None
    if fmt == "jsonl":
        line = io.StringIO()
        write_jsonl([record], line)
        return row.key, line.getvalue().rstrip("\n")
    return record_to_row(record.to_dict(), key=key, input={"file": row.file, "line": row.line,
                                                          "position": row.position})
