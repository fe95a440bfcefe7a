"""The one way quotegraph extracts: `extract` for an article, `extract_many` for a stream."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

from spacy.tokens import Doc

from . import keys
from .article import Article, coerce_article
from .config import Options
from .entities.profile.gender import without_name_prior
from .errors import LanguageError, QuotegraphError
from .pipeline.assemble import RecordBuilder
from .pipeline.chunking import chunk_bounds
from .pipeline.language import detect_language
from .pipeline.nlp import load_pipeline
from .quotes.acceptance import reader_confidence
from .record import Record, RecordError
from .text.layout import hints_in
from .view import view


def extract(
    text: str,
    *,
    published: Any = None,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    options: Options | None = None,
) -> Record:
    """Extract every attributed statement of one article. Raises InputError on bad input;
    an article clearly not in English comes back with `error` (QG102) naming its language."""
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
    with `error` set (code and reason) instead of failing the batch.

    Memory stays bounded whatever the stream: a bad item travels through the parser's
    batches as an empty placeholder, so its record comes out in order as soon as its
    batch does, and nothing queues up behind a run of bad items.
    """
    options = options or Options()
    return _extract_articles(_coerced(items), options, n_process=n_process, batch_size=batch_size)


def _coerced(items: Iterable[str | dict[str, Any] | Article]) -> Iterator[Article | Record]:
    for index, item in enumerate(items):
        try:
            yield coerce_article(item)
        except QuotegraphError as err:
            label = item.get("id") if isinstance(item, dict) else None
            yield Record(text="", id=str(label) if label is not None else f"#{index}",
                         error=RecordError(err.code, err.reason))


def _english_or_error(article: Article) -> Article | Record:
    """The article, or its error record where it is clearly not in English."""
    language = detect_language(article.text)
    if language is None:
        return article
    code, name = language
    reason = f"not English: the text looks like {name} ({code}); quotegraph reads English news"
    return Record(text=article.text, id=article.id, title=article.title, published=article.published,
                  url=article.url, error=RecordError(LanguageError.code, reason))


# A batch holds at most this many characters, whatever `batch_size` says: every doc of a
# batch is parsed, with the parser's intermediate arrays, before the next component runs,
# so sixteen 100,000-character pieces of one huge article held 8 GB (a 2.2 MB article of
# 60,000 statements). spaCy's tok2vec alone holds some 3 KB per character of its batch
# while it runs: over 1,000 news articles, batches of sixteen (up to 200,000 characters)
# peaked at 764 MiB, batches of at most 30,000 characters (six or seven articles) at 419
# MiB, in the same CPU time within the noise of a shared machine (benchmarks/README.md,
# "bench_memory.py").
BATCH_CHARS = 30_000

_Piece = tuple[Doc, tuple[int, int, "Article | Record"]]


def _batches(pieces: Iterable[_Piece], batch_size: int) -> Iterator[list[_Piece]]:
    """`pieces` in lists of at most `batch_size` docs and BATCH_CHARS characters (one doc
    at least)."""
    batch: list[_Piece] = []
    chars = 0
    for piece in pieces:
        size = len(piece[0].text)
        if batch and (len(batch) >= batch_size or chars + size > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += size
    if batch:
        yield batch


def _extract_articles(
    articles: Iterable[Article | Record], options: Options, *, n_process: int, batch_size: int
) -> Iterator[Record]:
    """Records of `articles`; a Record among them (an item that failed) is passed through
    the parser as an empty doc and comes out as it is, in its place."""
    nlp = load_pipeline(options.model, options.attribution)

    def pieces() -> Iterator[_Piece]:
        for index, article in enumerate(articles):
            if isinstance(article, Article):
                article = _english_or_error(article)
            if isinstance(article, Record):
                yield nlp.make_doc(""), (index, 0, article)
                continue
            for start, end in chunk_bounds(article.text, options.chunk_chars):
                # Components read the publication date from the doc: relative times
                # ("on Monday") are resolved against it.
                doc = nlp.make_doc(article.text[start:end])
                doc.user_data[keys.PUBLISHED] = article.published
                if article.layout:  # where the page's headings and lists are: not speech
                    doc.user_data[keys.LAYOUT] = hints_in(article.layout, start, end)
                yield doc, (index, start, article)

    docs: Iterator[_Piece]
    if n_process == 1:
        docs = (pair for batch in _batches(pieces(), batch_size)
                for pair in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
    else:  # spaCy hands whole batches to its worker processes: one stream
        docs = nlp.pipe(pieces(), as_tuples=True, n_process=n_process, batch_size=batch_size)
    for _, group in groupby(docs, key=lambda pair: pair[1][0]):
        builder: RecordBuilder | None = None
        for doc, (_, offset, article) in group:
            if isinstance(article, Record):
                yield article
                break
            builder = builder or RecordBuilder(article)
            builder.add(doc, offset)
        if builder is not None:
            yield shown(builder.build(), options)


def shown(record: Record, options: Options) -> Record:
    """`record` as `options` asks to show it, in place: confidence as a reader's (unless the
    engine's is asked for), genders without the name statistic where it is switched off,
    then the view of `min_confidence` and `kinds` (view.py)."""
    if options.confidence == "reader":
        reader_confidence(record)
    if not options.name_prior:
        record.entities = [without_name_prior(entity) for entity in record.entities]
    return view(record, options.min_confidence, options.kinds)
