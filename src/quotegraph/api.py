"""The one way quotegraph extracts: `extract` for an article, `extract_many` for a stream."""
from __future__ import annotations

from itertools import groupby
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc

from .article import Article, coerce_article
from .assemble import RecordBuilder
from .chunking import chunk_bounds
from .components import PUBLISHED_KEY
from .config import Options
from .errors import QuotegraphError
from .layout import LAYOUT_KEY, hints_in
from .pipeline import load_pipeline
from .record import Record


def extract(
    text: str,
    *,
    published: Any = None,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    options: Options | None = None,
) -> Record:
    """Extract every attributed statement of one article. Raises InputError on bad input."""
    article = coerce_article(text, id=id, title=title, published=published, url=url)
    return next(_extract_articles([article], options or Options(), n_process=1, batch_size=16))


def extract_many(
    items: Iterable[str | dict[str, Any] | Article],
    *,
    n_process: int = 1,
    batch_size: int = 16,
    options: Options | None = None,
) -> Iterator[Record]:
    """Stream one record per item, in order. An item that cannot be read yields a record
    with `error` set (code and reason) instead of failing the batch."""
    options = options or Options()
    pending: list[Article | Record] = []

    def articles() -> Iterator[Article | Record]:
        for index, item in enumerate(items):
            try:
                yield coerce_article(item)
            except QuotegraphError as err:
                label = item.get("id") if isinstance(item, dict) else None
                yield Record(text="", id=str(label) if label is not None else f"#{index}",
                             error={"code": err.code, "reason": err.reason})

    # Bad items pass around the parser in order, without stopping the stream.
    good = (a for a in _tee_errors(articles(), pending) if isinstance(a, Article))
    parsed = _extract_articles(good, options, n_process=n_process, batch_size=batch_size)
    for record in parsed:
        while pending and isinstance(pending[0], Record):
            yield pending.pop(0)  # type: ignore[misc]
        pending.pop(0)
        yield record
    while pending:
        yield pending.pop(0)  # type: ignore[misc]


def _tee_errors(stream: Iterator[Article | Record], pending: list[Article | Record]) -> Iterator[Article | Record]:
    for item in stream:
        pending.append(item)
        yield item


def _extract_articles(
    articles: Iterable[Article], options: Options, *, n_process: int, batch_size: int
) -> Iterator[Record]:
    nlp = load_pipeline(options.model, options.attribution)

    def pieces() -> Iterator[tuple[Doc, tuple[int, int, Article]]]:
        for index, article in enumerate(articles):
            for start, end in chunk_bounds(article.text, options.chunk_chars):
                # Components read the publication date from the doc: relative times
                # ("on Monday") are resolved against it.
                doc = nlp.make_doc(article.text[start:end])
                doc.user_data[PUBLISHED_KEY] = article.published
                if article.layout:  # where the page's headings and lists are: not speech
                    doc.user_data[LAYOUT_KEY] = hints_in(article.layout, start, end)
                yield doc, (index, start, article)

    docs = nlp.pipe(pieces(), as_tuples=True, n_process=n_process, batch_size=batch_size)
    for _, group in groupby(docs, key=lambda pair: pair[1][0]):
        builder: RecordBuilder | None = None
        for doc, (_, offset, article) in group:
            builder = builder or RecordBuilder(article)
            builder.add(doc, offset)
        assert builder is not None
        yield builder.build()
