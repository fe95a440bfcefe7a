"""Entity merging and statement clusters: entities.name_key and .surname (entities/names.py),
quote_clusters.speaker_key, .content_key and .n_tokens (store/clusters.py), with indexes;
existing entities get their keys (existing quotes are clustered by 0005_entity_links, which
adds the cluster key that the clustering code writes).

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-21
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_CHUNK = 1000


def upgrade() -> None:
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('surname', sa.Text(), nullable=True))
        batch_op.create_index('ix_entities_name_key', ['name_key'], unique=False)
        batch_op.create_index('ix_entities_surname', ['surname'], unique=False)
    with op.batch_alter_table('quote_clusters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speaker_key', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('content_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('n_tokens', sa.Integer(), nullable=True))
        batch_op.create_index('ix_quote_clusters_speaker_key', ['speaker_key'], unique=False)
        batch_op.create_index('ix_quote_clusters_content_key', ['content_key'], unique=False)
    _backfill(op.get_bind())


def _backfill(connection: sa.Connection) -> None:
    """Keys for stored entities (in the code's current rule)."""
    from quotegraph.entities.names import PERSON, name_key, person_tokens
    from quotegraph.store import schema

    entities = schema.entities
    rows = connection.execute(sa.select(entities.c.id, entities.c.name, entities.c.label)).all()
    updates = []
    for row in rows:
        tokens = person_tokens(row.name) if row.label == PERSON else []
        updates.append({"target": row.id, "new_key": name_key(row.name, row.label),
                        "new_surname": tokens[-1] if tokens else None})
    for start in range(0, len(updates), _CHUNK):
        connection.execute(entities.update().where(entities.c.id == sa.bindparam("target")).values(
            name_key=sa.bindparam("new_key"), surname=sa.bindparam("new_surname")), updates[start:start + _CHUNK])


def downgrade() -> None:
    with op.batch_alter_table('quote_clusters', schema=None) as batch_op:
        batch_op.drop_index('ix_quote_clusters_content_key')
        batch_op.drop_index('ix_quote_clusters_speaker_key')
        batch_op.drop_column('n_tokens')
        batch_op.drop_column('content_key')
        batch_op.drop_column('speaker_key')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index('ix_entities_surname')
        batch_op.drop_index('ix_entities_name_key')
        batch_op.drop_column('surname')
        batch_op.drop_column('name_key')
