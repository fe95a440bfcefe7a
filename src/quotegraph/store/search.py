"""Full-text search over quote content: the one place where the two databases differ.

`quote_match(dialect, query)` is a WHERE clause on `schema.quotes` for either database;
queries are written the same way for both: words (all must occur, stemmed: "ban" finds
"banned"), "quoted phrases", and -word to exclude. SQLite answers from the FTS5 table
`quotes_fts`, PostgreSQL from the `content_tsv` column (websearch_to_tsquery).
"""
from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from . import schema

_TERM = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
_FTS5_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(query: str) -> str:
    """A user's query as an FTS5 MATCH expression: every term quoted, so none is syntax."""
    include: list[str] = []
    exclude: list[str] = []
    for neg_phrase, phrase, neg_word, word in _TERM.findall(query):
        text = phrase if phrase else word
        words = _FTS5_WORD.findall(text)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        (exclude if (neg_phrase or neg_word) else include).append(term)
    if not include:
        return ""
    return " ".join(include) + "".join(f" NOT {term}" for term in exclude)


def quote_match(dialect: str, query: str) -> sa.ColumnElement[bool]:
    """Quotes whose content matches `query` (see the module's docstring)."""
    if dialect == "sqlite":
        expression = fts5_query(query)
        if not expression:
            return sa.false()
        matching = sa.text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts_query").bindparams(
            fts_query=expression)
        return schema.quotes.c.id.in_(matching)
    if dialect == "postgresql":
        tsv: sa.ColumnClause[Any] = sa.literal_column("quotes.content_tsv")
        return tsv.op("@@")(sa.func.websearch_to_tsquery(sa.text("'english'::regconfig"), query))
    raise NotImplementedError(f"full-text search on {dialect}")


def search_quotes(connection: sa.Connection, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Quotes matching `query`, newest articles first: id, article id, content and speaker."""
    quotes, articles = schema.quotes, schema.articles
    statement = (
        sa.select(quotes.c.id, quotes.c.article_id, quotes.c.content, quotes.c.speaker_name, articles.c.published)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(quote_match(connection.dialect.name, query))
        .order_by(articles.c.published.desc(), quotes.c.id)
        .limit(limit)
    )
    return [dict(row._mapping) for row in connection.execute(statement)]
