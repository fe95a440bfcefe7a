"""The one way quotegraph extracts: `extract` for an article, `extract_many` for a stream."""
from __future__ import annotations

from itertools import groupby
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc

from .article import Article, coerce_article
from .chunking import chunk_bounds
from .config import Options
from .errors import ExtractionError, QuotegraphError
from .pipeline import load_pipeline
from .record import Quote, Record, Speaker


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
    nlp = load_pipeline(options.model)

    def pieces() -> Iterator[tuple[str, tuple[int, int, Article]]]:
        for index, article in enumerate(articles):
            for start, end in chunk_bounds(article.text, options.chunk_chars):
                yield article.text[start:end], (index, start, article)

    docs = nlp.pipe(pieces(), as_tuples=True, n_process=n_process, batch_size=batch_size)
    for _, group in groupby(docs, key=lambda pair: pair[1][0]):
        article: Article | None = None
        quotes: list[Quote] = []
        entities: list[dict[str, Any]] = []
        failures: list[str] = []
        for doc, (_, offset, art) in group:
            article = art
            chunk_quotes, chunk_entities = _results_of(doc, offset, first_id=len(entities))
            quotes.extend(chunk_quotes)
            entities.extend(chunk_entities)
            if doc._.quote_error:
                failures.append(f"at offset {offset}: {doc._.quote_error}")
        assert article is not None
        record = _record(article, quotes, entities)
        if failures:
            record.error = {"code": ExtractionError.code, "reason": "; ".join(failures)}
        yield record


def _results_of(doc: Doc, offset: int, *, first_id: int) -> tuple[list[Quote], list[dict[str, Any]]]:
    """A piece's quotes and entities, with offsets into the whole article and entity ids
    numbered on from the pieces before it."""
    renumber: dict[str, str] = {}
    entities = []
    text = doc.text
    for entity in doc._.entities or []:
        data = entity.to_dict(doc, text)
        renumber[data["id"]] = data["id"] = f"e{first_id + len(entities)}"
        for mention in data["mentions"]:
            mention["start"] += offset
            mention["end"] += offset
        entities.append(data)
    quotes = []
    for quote in doc._.quotes or []:
        if offset:
            quote = quote.shifted(offset)
        if quote.speaker is not None and quote.speaker.entity is not None:
            quote.speaker = Speaker(name=quote.speaker.name, entity=renumber.get(quote.speaker.entity))
        quotes.append(quote)
    return quotes, entities


def _record(article: Article, quotes: list[Quote], entities: list[dict[str, Any]]) -> Record:
    quotes.sort(key=lambda q: (q.start, q.end))
    for number, quote in enumerate(quotes):
        quote.id = f"q{number}"
    return Record(text=article.text, id=article.id, title=article.title,
                  published=article.published, url=article.url, quotes=quotes, entities=entities)
