"""Commands over the store's corpus persons: `quotegraph entities` (list, --explain, merge,
split) and `quotegraph relink`."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import click
import sqlalchemy as sa

from ..errors import QuotegraphError
from .common import EXIT_SOME_FAILED, EXIT_USAGE, db_option, fail, format_option
from .query import store_connection, table

ENTITY_COLUMNS = (("entity_id", "ID", 7), ("name", "NAME", 28), ("quotes", "QUOTES", 6), ("articles", "ARTICLES", 8),
                  ("forms", "NAMES GIVEN", 34), ("status", "STATUS", 9), ("wikidata", "WIKIDATA", 10))


def apply_aliases_file(db_store: Any, path: Path) -> int:
    """Store the aliases of `path` (JSON or CSV) and regroup the persons they name (ingest --aliases)."""
    from ..store.aliases import add_aliases, read_aliases

    entries = read_aliases(path)
    with db_store.write() as connection:
        return add_aliases(connection, entries)


def person_rows(connection: sa.Connection, entity_ids: list[int] | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    """Corpus persons, most quoted first: quotes, articles, the names articles gave them,
    whether they stayed unlinked as ambiguous, their Wikidata id."""
    from ..store import schema

    e, q, ae = schema.entities, schema.quotes, schema.article_entities
    quoted = (sa.select(q.c.speaker_entity_id.label("id"), sa.func.count().label("quotes"))
              .group_by(q.c.speaker_entity_id).subquery())
    statement = (sa.select(e.c.id, e.c.name, e.c.ambiguous, e.c.wikidata_id,
                           sa.func.coalesce(quoted.c.quotes, 0).label("quotes"))
                 .outerjoin(quoted, quoted.c.id == e.c.id)
                 .where(e.c.label == "PERSON", e.c.source_type == "person")
                 .order_by(sa.desc("quotes"), e.c.name, e.c.id))
    if entity_ids is not None:
        statement = statement.where(e.c.id.in_(entity_ids))
    if limit is not None:
        statement = statement.limit(limit)
    rows = connection.execute(statement).all()
    forms: dict[int, set[str]] = defaultdict(set)
    articles: dict[int, set[int]] = defaultdict(set)
    for row in connection.execute(sa.select(ae.c.entity_id, ae.c.name, ae.c.article_id)
                                  .where(ae.c.entity_id.in_([r.id for r in rows]))):
        forms[row.entity_id].add(row.name)
        articles[row.entity_id].add(row.article_id)
    return [{"entity_id": r.id, "name": r.name, "quotes": r.quotes, "articles": len(articles[r.id]),
             "forms": sorted(forms[r.id]), "status": "ambiguous" if r.ambiguous else "linked",
             "wikidata": r.wikidata_id} for r in rows]


def explain(connection: sa.Connection, name: str) -> list[dict[str, Any]]:
    """For each corpus person `name` may mean: its source type, its gender as its articles
    signal it with the evidence counted by gender and kind (store/profiles.py), its history
    of titles and affiliations, and each name an article gave it with the reason it
    belongs, the articles and their dates."""
    from ..store import schema
    from ..store.queries import match_entities

    e, ae, a = schema.entities, schema.article_entities, schema.articles
    ids = match_entities(connection, name)
    out = []
    for row in person_rows(connection, ids):
        entity = connection.execute(sa.select(e.c.merge_key, e.c.attribute_history, e.c.source_type, e.c.gender,
                                              e.c.gender_evidence).where(e.c.id == row["entity_id"])).one()
        links: dict[tuple[str, str], dict[str, Any]] = {}
        for link in connection.execute(
                sa.select(ae.c.name, ae.c.link_reason, a.c.external_id, a.c.published)
                .join(a, a.c.id == ae.c.article_id).where(ae.c.entity_id == row["entity_id"])
                .order_by(a.c.published, a.c.id)):
            item = links.setdefault((link.name, link.link_reason or ""), {
                "name": link.name, "reason": link.link_reason, "articles": 0, "first": None, "last": None,
                "examples": []})
            item["articles"] += 1
            day = link.published.isoformat() if link.published else None
            item["first"] = item["first"] or day
            item["last"] = day or item["last"]
            if len(item["examples"]) < 3:
                item["examples"].append(link.external_id)
        out.append({**row, "key": entity.merge_key, "source_type": entity.source_type, "gender": entity.gender,
                    "gender_evidence": entity.gender_evidence or {}, "history": entity.attribute_history or [],
                    "links": sorted(links.values(), key=lambda x: -x["articles"])})
    return out


def _print_explanation(items: list[dict[str, Any]]) -> None:
    for item in items:
        status = " (unlinked: ambiguous)" if item["status"] == "ambiguous" else ""
        wikidata = f", Wikidata {item['wikidata']}" if item["wikidata"] else ""
        click.echo(f"{item['name']}{status}: entity {item['entity_id']}{wikidata}, {item['quotes']} quotes in "
                   f"{item['articles']} articles")
        click.echo(f"  source type: {item['source_type']}; gender: {item['gender'] or 'none'} "
                   f"({_evidence_counts(item['gender_evidence'])})")
        for entry in item["history"]:
            click.echo(f"  {entry['kind']}: {entry['value']} ({entry['first'] or '?'} .. {entry['last'] or '?'}, "
                       f"{entry['articles']} articles)")
        for link in item["links"]:
            click.echo(f"  \"{link['name']}\" in {link['articles']} articles ({link['first'] or '?'} .. "
                       f"{link['last'] or '?'}; e.g. {', '.join(map(str, link['examples']))}): {link['reason']}")
        click.echo("")


def _evidence_counts(evidence: dict[str, dict[str, int]]) -> str:
    """"female: pronoun 3, honorific 1; male: none" (the text's signals, by gender and kind)."""
    if not evidence:
        return "no evidence in the text"
    return "; ".join(f"{side}: " + (", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) or "none")
                     for side, kinds in sorted(evidence.items()))


@click.group(invoke_without_command=True)
@db_option()
@click.option("--explain", "name", metavar="NAME", help="Why these persons are grouped as they are.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@format_option(["text", "json"], default="text")
@click.pass_context
def entities(ctx: click.Context, db: str, name: str | None, limit: int, fmt: str) -> None:
    """The store's persons, most quoted first, with the names articles gave them.

    \b
    --explain NAME  every person NAME may mean, with its source type and gender
                    (as the text signals it, with the evidence counted by kind),
                    the titles and affiliations seen (first and last date), each
                    name an article gave and why it belongs (a fuller form, the
                    person the article names, the one dominating the surname in
                    that period...)
    merge A B       B is A (an alias, kept: later ingests apply it too)
    split A B       A and B are two people (undoes a merge or an alias)

    Persons are regrouped whenever ingest adds a name with their surname; a surname
    that the evidence cannot settle stays its own entity, with STATUS ambiguous.
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    with store_connection(db) as connection:
        result = explain(connection, name) if name else person_rows(connection, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, default=str))
    elif name:
        if not result:
            fail(f"no person matches {name!r}", EXIT_SOME_FAILED)
        _print_explanation(result)
    else:
        click.echo(table([{**r, "forms": "; ".join(r["forms"])} for r in result], ENTITY_COLUMNS))


@entities.command("merge")
@click.argument("canonical")
@click.argument("other")
@click.pass_context
def merge_command(ctx: click.Context, canonical: str, other: str) -> None:
    """OTHER is CANONICAL: one person from now on (recorded as an alias)."""
    from ..store.aliases import merge

    with store_connection(ctx.obj["db"], write=True) as connection:
        merge(connection, canonical, other)
    click.echo(f"quotegraph: {other!r} is now {canonical!r}", err=True)


@entities.command("split")
@click.argument("first")
@click.argument("second")
@click.pass_context
def split_command(ctx: click.Context, first: str, second: str) -> None:
    """FIRST and SECOND are two people (recorded; undoes a merge)."""
    from ..store.aliases import split

    with store_connection(ctx.obj["db"], write=True) as connection:
        split(connection, first, second)
    click.echo(f"quotegraph: {first!r} and {second!r} are now two people", err=True)


@click.command()
@db_option()
@click.option("--aliases", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="An aliases file (JSON or CSV) to store first.")
def relink(db: str, aliases: Path | None) -> None:
    """Regroup every person of the store (ingest regroups those a batch touches; this is
    for a store migrated from an older version, or to check nothing is left to do)."""
    from ..store.aliases import add_aliases, read_aliases
    from ..store.person_links import relink as relink_all

    try:
        entries = read_aliases(aliases) if aliases is not None else []
    except QuotegraphError as err:
        fail(str(err), EXIT_USAGE)
    with store_connection(db, write=True) as connection:
        if entries:
            add_aliases(connection, entries)
        changed = relink_all(connection)
    click.echo(f"quotegraph: relinked; {changed} names changed person or reason", err=True)
