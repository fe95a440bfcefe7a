"""quotes.within: for a report nested in another quote's content ("Smith said he expects
..."; quotes/nested.py), the local id ("q3") of that quote in the same article. Rows stored
before it stay NULL, as quotes read from the text itself are.

Revision ID: 0007_quote_within
Revises: 0006_person_summaries
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_quote_within'
down_revision = '0006_person_summaries'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('within', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_column('within')
