"""quotes.published: the article's publication date on each quote, with indexes for the
queries (store/queries.py) that list quotes newest first: by speaker (speaker_entity_id,
published) and overall (published). Backfilled from articles.

Revision ID: 0003
Revises: 0002
Create Date: 2026-05-21
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published', sa.Date(), nullable=True))
    op.execute("UPDATE quotes SET published = (SELECT articles.published FROM articles "
               "WHERE articles.id = quotes.article_id)")
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index('ix_quotes_published', ['published'], unique=False)
        batch_op.create_index('ix_quotes_speaker_published', ['speaker_entity_id', 'published'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index('ix_quotes_speaker_published')
        batch_op.drop_index('ix_quotes_published')
        batch_op.drop_column('published')
