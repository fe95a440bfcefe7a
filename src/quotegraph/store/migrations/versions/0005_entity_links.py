"""Corpus persons linked across articles (store/linking.py): article_entities.surname and
.link_reason, entities.wikidata_id, .attribute_history and .ambiguous, the entity_aliases and
entity_splits tables, unique keys for corpus entities and statement clusters
(quote_clusters.cluster_key) and MinHash values that bound the clusters a quote is
compared with (quote_clusters.minhash_0..3). Stored names are renormalised (entities/names.py), duplicate keys
merged, stored quotes without a cluster clustered; persons are regrouped by the next revision.

Revision ID: 0005_entity_links
Revises: 0004
Create Date: 2026-11-30
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0005_entity_links'
down_revision = '0004'
branch_labels = None
depends_on = None

_CHUNK = 1000


def upgrade() -> None:
    # Plain ALTERs (SQLite can add columns): a batch operation would copy and drop the
    # entities table, which the foreign keys of every stored article entity forbid.
    op.add_column('entities', sa.Column('wikidata_id', sa.Text(), nullable=True))
    op.add_column('entities', sa.Column('attribute_history', sa.JSON(none_as_null=True), nullable=True))
    op.add_column('entities', sa.Column('ambiguous', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.drop_index('ix_entities_merge_key', table_name='entities')
    op.add_column('article_entities', sa.Column('surname', sa.Text(), nullable=True))
    op.add_column('article_entities', sa.Column('link_reason', sa.Text(), nullable=True))
    op.create_index('ix_article_entities_surname', 'article_entities', ['surname'], unique=False)
    op.add_column('quote_clusters', sa.Column('cluster_key', sa.String(length=64), nullable=True))
    for i in range(4):
        op.add_column('quote_clusters', sa.Column(f'minhash_{i}', sa.BigInteger(), nullable=True))
        op.create_index(f'ix_quote_clusters_minhash_{i}', 'quote_clusters', [f'minhash_{i}'], unique=False)
    op.create_table(
        'entity_aliases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('alias_key', sa.Text(), nullable=False),
        sa.Column('canonical', sa.Text(), nullable=False),
        sa.Column('wikidata_id', sa.Text(), nullable=True),
        sa.Column('origin', sa.String(length=16), nullable=False),
        sa.Column('created', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_aliases')),
        sa.UniqueConstraint('alias_key', name=op.f('uq_entity_aliases_alias_key')),
    )
    op.create_table(
        'entity_splits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key_a', sa.Text(), nullable=False),
        sa.Column('key_b', sa.Text(), nullable=False),
        sa.Column('created', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_splits')),
        sa.UniqueConstraint('key_a', 'key_b', name=op.f('uq_entity_splits_key_a_key_b')),
    )
    connection = op.get_bind()
    _rekey_entities(connection)
    _key_clusters(connection)
    op.create_index('ix_entities_merge_key', 'entities', ['merge_key'], unique=True)
    op.create_index('ix_quote_clusters_cluster_key', 'quote_clusters', ['cluster_key'], unique=True)
    _cluster_stored_quotes(connection)
    _block_persons(connection)  # regrouped by 0006_person_summaries, with the summaries it adds


def _rekey_entities(connection: sa.Connection) -> None:
    """Names renormalised; non-persons keyed by label and name (duplicates merged into the
    oldest), persons keyed later by the regrouping."""
    from quotegraph.entities.names import PERSON, merge_key, name_key, normalize_name, person_tokens

    e = sa.table('entities', sa.column('id'), sa.column('name'), sa.column('label'), sa.column('anonymous'),
                 sa.column('collective'), sa.column('norm_name'), sa.column('merge_key'), sa.column('name_key'),
                 sa.column('surname'))
    rows = connection.execute(sa.select(e.c.id, e.c.name, e.c.label, e.c.anonymous, e.c.collective)
                              .order_by(e.c.id)).all()
    updates = []
    first: dict[str, int] = {}
    merges: list[tuple[int, int]] = []
    for row in rows:
        key = merge_key({"name": row.name, "label": row.label, "anonymous": row.anonymous,
                         "collective": row.collective})
        if key is not None and key in first:
            merges.append((row.id, first[key]))
            continue
        if key is not None:
            first[key] = row.id
        tokens = person_tokens(row.name) if row.label == PERSON else []
        updates.append({"target": row.id, "new_norm": normalize_name(row.name), "new_key": key,
                        "new_name_key": name_key(row.name, row.label), "new_surname": tokens[-1] if tokens else None})
    for start in range(0, len(updates), _CHUNK):
        connection.execute(e.update().where(e.c.id == sa.bindparam("target")).values(
            norm_name=sa.bindparam("new_norm"), merge_key=sa.bindparam("new_key"),
            name_key=sa.bindparam("new_name_key"), surname=sa.bindparam("new_surname")), updates[start:start + _CHUNK])
    for old, new in merges:
        for table, column in (("article_entities", "entity_id"), ("quotes", "speaker_entity_id"),
                              ("quote_clusters", "entity_id"), ("event_participants", "entity_id")):
            connection.execute(sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"),
                               {"new": new, "old": old})
        connection.execute(sa.text("DELETE FROM entities WHERE id = :old"), {"old": old})


def _key_clusters(connection: sa.Connection) -> None:
    """Each stored cluster's unique key and MinHash values."""
    from quotegraph.store.clusters import cluster_key, content_tokens, minhashes, shingles

    c = sa.table('quote_clusters', sa.column('id'), sa.column('speaker_key'), sa.column('entity_id'),
                 sa.column('content_key'), sa.column('content'), sa.column('cluster_key'),
                 *(sa.column(f'minhash_{i}') for i in range(4)))
    rows = connection.execute(sa.select(c.c.id, c.c.speaker_key, c.c.entity_id, c.c.content_key, c.c.content)
                              .where(c.c.content_key.is_not(None)).order_by(c.c.id)).all()
    seen: set[str] = set()
    updates = []
    for row in rows:
        key = cluster_key(row.speaker_key, row.entity_id, row.content_key)
        hashes = minhashes(shingles(content_tokens(row.content or "")))
        # a second cluster of one exact statement (not made by the code) keeps no key
        updates.append({"target": row.id, "new_key": None if key in seen else key,
                        **{f"new_minhash_{i}": value for i, value in enumerate(hashes)}})
        seen.add(key)
    for start in range(0, len(updates), _CHUNK):
        connection.execute(c.update().where(c.c.id == sa.bindparam("target")).values(
            cluster_key=sa.bindparam("new_key"), **{f"minhash_{i}": sa.bindparam(f"new_minhash_{i}")
                                                    for i in range(4)}), updates[start:start + _CHUNK])


def _cluster_stored_quotes(connection: sa.Connection) -> None:
    """Quotes stored before clustering existed (revision 0001) get their clusters."""
    from quotegraph.store import schema
    from quotegraph.store.clusters import assign_clusters

    quotes, articles = schema.quotes, schema.articles
    now = dt.datetime.now(dt.timezone.utc)
    last = 0
    while True:
        chunk = connection.execute(
            sa.select(quotes.c.id, quotes.c.content, quotes.c.speaker_name, quotes.c.speaker_entity_id,
                      articles.c.published)
            .join(articles, articles.c.id == quotes.c.article_id)
            .where(quotes.c.cluster_id.is_(None), quotes.c.id > last).order_by(quotes.c.id).limit(_CHUNK)).all()
        if not chunk:
            break
        last = chunk[-1].id
        rows = [{"content": r.content, "speaker_name": r.speaker_name, "speaker_entity_id": r.speaker_entity_id}
                for r in chunk]
        assign_clusters(connection, rows, [r.published for r in chunk], now=now)
        connection.execute(quotes.update().where(quotes.c.id == sa.bindparam("target")).values(
            cluster_id=sa.bindparam("new_cluster")),
            [{"target": r.id, "new_cluster": row["cluster_id"]} for r, row in zip(chunk, rows)])


def _block_persons(connection: sa.Connection) -> None:
    """Each named person's surname: the block the regrouping reads."""
    from quotegraph.entities.names import is_named_person, surname

    ae = sa.table('article_entities', sa.column('id'), sa.column('name'), sa.column('label'),
                  sa.column('anonymous'), sa.column('collective'), sa.column('surname'))
    rows = connection.execute(sa.select(ae.c.id, ae.c.name, ae.c.label, ae.c.anonymous, ae.c.collective)
                              .where(ae.c.label == 'PERSON')).all()
    updates = [{"target": r.id, "new_surname": surname(r.name)} for r in rows
               if is_named_person({"name": r.name, "label": r.label, "anonymous": r.anonymous,
                                   "collective": r.collective})]
    for start in range(0, len(updates), _CHUNK):
        connection.execute(ae.update().where(ae.c.id == sa.bindparam("target")).values(
            surname=sa.bindparam("new_surname")), updates[start:start + _CHUNK])


def downgrade() -> None:
    with op.batch_alter_table('quote_clusters', schema=None) as batch_op:
        batch_op.drop_index('ix_quote_clusters_cluster_key')
        batch_op.drop_column('cluster_key')
        for i in range(4):
            batch_op.drop_index(f'ix_quote_clusters_minhash_{i}')
            batch_op.drop_column(f'minhash_{i}')
    op.drop_table('entity_splits')
    op.drop_table('entity_aliases')
    with op.batch_alter_table('article_entities', schema=None) as batch_op:
        batch_op.drop_index('ix_article_entities_surname')
        batch_op.drop_column('link_reason')
        batch_op.drop_column('surname')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index('ix_entities_merge_key')
        batch_op.create_index('ix_entities_merge_key', ['merge_key'], unique=False)
        batch_op.drop_column('ambiguous')
        batch_op.drop_column('attribute_history')
        batch_op.drop_column('wikidata_id')
