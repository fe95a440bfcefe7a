"""Initial schema: runs, articles, corpus entities and their article entities and mentions,
quotes and their spans, quote clusters, times, events and participants, errors; full-text
search over quote content (SQLite: FTS5 table kept in sync by triggers; PostgreSQL:
generated tsvector column with a GIN index).

Revision ID: 0001
Revises:
Create Date: 2026-05-20
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    _create_tables()
    _create_full_text_search()


def downgrade() -> None:
    _drop_full_text_search()
    _drop_tables()


# Porter stemming on both sides, so that "ban" finds "banned" in either database.
_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE quotes_fts USING fts5("
    "content, content='quotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, content) VALUES (new.id, new.content); END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.id, old.content); END",
    "CREATE TRIGGER quotes_fts_update AFTER UPDATE OF content ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.id, old.content); "
    "INSERT INTO quotes_fts(rowid, content) VALUES (new.id, new.content); END",
)
_POSTGRES_FTS = (
    "ALTER TABLE quotes ADD COLUMN content_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', content)) STORED",
    "CREATE INDEX ix_quotes_content_tsv ON quotes USING gin (content_tsv)",
)


def _create_full_text_search() -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": _SQLITE_FTS, "postgresql": _POSTGRES_FTS}.get(dialect, ()):
        op.execute(statement)


def _drop_full_text_search() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("quotes_fts_insert", "quotes_fts_delete", "quotes_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_quotes_content_tsv")
        op.execute("ALTER TABLE quotes DROP COLUMN IF EXISTS content_tsv")


def _create_tables() -> None:
    op.create_table('runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=16), server_default='running', nullable=False),
    sa.Column('command', sa.String(length=32), server_default='ingest', nullable=False),
    sa.Column('quotegraph_version', sa.String(length=32), nullable=False),
    sa.Column('spacy_version', sa.String(length=32), nullable=False),
    sa.Column('model_name', sa.Text(), nullable=False),
    sa.Column('model_version', sa.String(length=32), nullable=True),
    sa.Column('options', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('articles_added', sa.Integer(), server_default='0', nullable=False),
    sa.Column('errors_added', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_runs'))
    )
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('external_id', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_articles_run_id_runs'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('key', name=op.f('uq_articles_key'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_published'), ['published'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_run_id'), ['run_id'], unique=False)
        batch_op.create_index('ix_articles_url', ['url'], unique=False)

    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('norm_name', sa.Text(), nullable=False),
    sa.Column('label', sa.String(length=32), nullable=False),
    sa.Column('merge_key', sa.Text(), nullable=True),
    sa.Column('titles', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('affiliations', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('anonymous', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('collective', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_entities_run_id_runs'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities'))
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index('ix_entities_merge_key', ['merge_key'], unique=False)
        batch_op.create_index('ix_entities_norm_name', ['norm_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_entities_run_id'), ['run_id'], unique=False)

    op.create_table('errors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('input', sa.Text(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('position', sa.BigInteger(), nullable=True),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_errors_run_id_runs'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_errors')),
    sa.UniqueConstraint('key', name=op.f('uq_errors_key'))
    )
    with op.batch_alter_table('errors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_errors_run_id'), ['run_id'], unique=False)

    op.create_table('article_entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('label', sa.String(length=32), nullable=False),
    sa.Column('titles', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('affiliations', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('anonymous', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('collective', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('extra', sa.JSON(none_as_null=True), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_entities_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_article_entities_entity_id_entities'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_entities')),
    sa.UniqueConstraint('article_id', 'local_id', name=op.f('uq_article_entities_article_id_local_id'))
    )
    with op.batch_alter_table('article_entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_entities_entity_id'), ['entity_id'], unique=False)

    op.create_table('quote_clusters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.Text(), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('first_seen', sa.Date(), nullable=True),
    sa.Column('quote_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_quote_clusters_entity_id_entities'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_clusters'))
    )
    with op.batch_alter_table('quote_clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_clusters_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_clusters_first_seen'), ['first_seen'], unique=False)

    op.create_table('times',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=True),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('extra', sa.JSON(none_as_null=True), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_times_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_times')),
    sa.UniqueConstraint('article_id', 'local_id', name=op.f('uq_times_article_id_local_id'))
    )
    with op.batch_alter_table('times', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_times_value'), ['value'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.String(length=32), nullable=False),
    sa.Column('trigger_start', sa.Integer(), nullable=True),
    sa.Column('trigger_end', sa.Integer(), nullable=True),
    sa.Column('trigger_text', sa.Text(), nullable=True),
    sa.Column('time_id', sa.Integer(), nullable=True),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('sentence_start', sa.Integer(), nullable=True),
    sa.Column('sentence_end', sa.Integer(), nullable=True),
    sa.Column('extra', sa.JSON(none_as_null=True), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_events_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['time_id'], ['times.id'], name=op.f('fk_events_time_id_times'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('article_id', 'local_id', name=op.f('uq_events_article_id_local_id'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_time_id'), ['time_id'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_entity_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_entity_id'], ['article_entities.id'], name=op.f('fk_mentions_article_entity_id_article_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_mentions_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_article_entity_id'), ['article_entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_article_id'), ['article_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.String(length=32), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.Column('cue_text', sa.Text(), nullable=True),
    sa.Column('source_start', sa.Integer(), nullable=True),
    sa.Column('source_end', sa.Integer(), nullable=True),
    sa.Column('source_text', sa.Text(), nullable=True),
    sa.Column('addressee_start', sa.Integer(), nullable=True),
    sa.Column('addressee_end', sa.Integer(), nullable=True),
    sa.Column('addressee_text', sa.Text(), nullable=True),
    sa.Column('speaker_name', sa.Text(), nullable=True),
    sa.Column('speaker_article_entity_id', sa.Integer(), nullable=True),
    sa.Column('speaker_entity_id', sa.Integer(), nullable=True),
    sa.Column('time_id', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_quotes_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['cluster_id'], ['quote_clusters.id'], name=op.f('fk_quotes_cluster_id_quote_clusters'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_quotes_run_id_runs'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['speaker_article_entity_id'], ['article_entities.id'], name=op.f('fk_quotes_speaker_article_entity_id_article_entities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['speaker_entity_id'], ['entities.id'], name=op.f('fk_quotes_speaker_entity_id_entities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['time_id'], ['times.id'], name=op.f('fk_quotes_time_id_times'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes')),
    sa.UniqueConstraint('article_id', 'local_id', name=op.f('uq_quotes_article_id_local_id'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_speaker_article_entity_id'), ['speaker_article_entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_speaker_entity_id'), ['speaker_entity_id'], unique=False)
        batch_op.create_index('ix_quotes_speaker_name', ['speaker_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_time_id'), ['time_id'], unique=False)

    op.create_table('event_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('article_entity_id', sa.Integer(), nullable=True),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=True),
    sa.Column('extra', sa.JSON(none_as_null=True), nullable=True),
    sa.ForeignKeyConstraint(['article_entity_id'], ['article_entities.id'], name=op.f('fk_event_participants_article_entity_id_article_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_event_participants_entity_id_entities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_participants_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_participants'))
    )
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_participants_article_entity_id'), ['article_entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participants_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participants_event_id'), ['event_id'], unique=False)

    op.create_table('quote_spans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], name=op.f('fk_quote_spans_quote_id_quotes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_spans'))
    )
    with op.batch_alter_table('quote_spans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_spans_quote_id'), ['quote_id'], unique=False)



def _drop_tables() -> None:
    with op.batch_alter_table('quote_spans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_spans_quote_id'))

    op.drop_table('quote_spans')
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_participants_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_participants_entity_id'))
        batch_op.drop_index(batch_op.f('ix_event_participants_article_entity_id'))

    op.drop_table('event_participants')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_time_id'))
        batch_op.drop_index('ix_quotes_speaker_name')
        batch_op.drop_index(batch_op.f('ix_quotes_speaker_entity_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_speaker_article_entity_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_run_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_cluster_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_article_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_article_entity_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_time_id'))
        batch_op.drop_index(batch_op.f('ix_events_date'))

    op.drop_table('events')
    with op.batch_alter_table('times', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_times_value'))

    op.drop_table('times')
    with op.batch_alter_table('quote_clusters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_clusters_first_seen'))
        batch_op.drop_index(batch_op.f('ix_quote_clusters_entity_id'))

    op.drop_table('quote_clusters')
    with op.batch_alter_table('article_entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_entities_entity_id'))

    op.drop_table('article_entities')
    with op.batch_alter_table('errors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_errors_run_id'))

    op.drop_table('errors')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_run_id'))
        batch_op.drop_index('ix_entities_norm_name')
        batch_op.drop_index('ix_entities_merge_key')

    op.drop_table('entities')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_url')
        batch_op.drop_index(batch_op.f('ix_articles_run_id'))
        batch_op.drop_index(batch_op.f('ix_articles_published'))

    op.drop_table('articles')
    op.drop_table('runs')
