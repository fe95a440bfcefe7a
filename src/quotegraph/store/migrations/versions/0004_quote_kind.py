"""quotes.kind: what kind of statement a quote reports (speech, writing, thought, other;
quotes/kind.py), so queries can leave beliefs and plans out. Rows stored before it stay
NULL (unknown): their cues are not stored with their lemmas, and guessing would mislead.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_column('kind')
