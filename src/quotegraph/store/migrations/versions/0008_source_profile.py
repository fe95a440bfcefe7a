"""Source profiles: entities.source_type and article_entities.source_type (person |
organisation | group | anonymous | document) in place of the anonymous and collective flags,
filled from the flags, labels and names with the meaning source_types.py gives them (a
collective source is a group, an anonymous one that is not collective is anonymous, an
unnamed description of a document is a document, of any other single source anonymous); the gender columns (gender,
gender_evidence) on both, empty for rows stored before: re-ingest to fill them.

Revision ID: 0008_source_profile
Revises: 0007_quote_within
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_source_profile'
down_revision = '0007_quote_within'
branch_labels = None
depends_on = None

_TABLES = ('entities', 'article_entities')


def upgrade() -> None:
    # Plain ALTERs (SQLite can add and drop plain columns): a batch operation would copy and
    # drop the entities table, which the foreign keys of every stored article entity forbid.
    for table in _TABLES:
        op.add_column(table, sa.Column('source_type', sa.String(length=16), server_default='person', nullable=False))
        op.add_column(table, sa.Column('gender', sa.String(length=8), nullable=True))
        op.add_column(table, sa.Column('gender_evidence', sa.JSON(none_as_null=True), nullable=True))
    connection = op.get_bind()
    for table in _TABLES:
        _fill_source_types(connection, table)
        op.drop_column(table, 'anonymous')
        op.drop_column(table, 'collective')
    op.create_index('ix_entities_source_type', 'entities', ['source_type'], unique=False)
    op.create_index('ix_entities_gender', 'entities', ['gender'], unique=False)


def _fill_source_types(connection: sa.Connection, name: str) -> None:
    # Imported here, as 0005 imports entities/names.py: the same reading of the flags as old records get.
    from quotegraph.source_types import ORGANISATION, flagged_source_type

    table = sa.table(name, sa.column('id'), sa.column('label'), sa.column('name'), sa.column('anonymous'),
                     sa.column('collective'), sa.column('source_type'))
    flagged = sa.or_(table.c.anonymous == sa.true(), table.c.collective == sa.true())
    # Most rows are plain persons and named bodies: one UPDATE by label; the flagged rows and
    # the unnamed descriptions (label GROUP) one by one through source_types.py.
    connection.execute(table.update().where(sa.not_(flagged), table.c.label != 'PERSON', table.c.label != 'GROUP')
                       .values(source_type=ORGANISATION))
    rows = connection.execute(sa.select(table.c.id, table.c.label, table.c.name, table.c.anonymous,
                                        table.c.collective).where(sa.or_(flagged, table.c.label == 'GROUP'))).all()
    updates = [{'target': row.id, 'value': flagged_source_type(row.label, row.name, anonymous=bool(row.anonymous),
                                                               collective=bool(row.collective))} for row in rows]
    if updates:
        connection.execute(table.update().where(table.c.id == sa.bindparam('target'))
                           .values(source_type=sa.bindparam('value')), updates)


def downgrade() -> None:
    op.drop_index('ix_entities_gender', table_name='entities')
    op.drop_index('ix_entities_source_type', table_name='entities')
    for table in _TABLES:
        op.add_column(table, sa.Column('anonymous', sa.Boolean(), server_default=sa.false(), nullable=False))
        op.add_column(table, sa.Column('collective', sa.Boolean(), server_default=sa.false(), nullable=False))
        t = sa.table(table, sa.column('source_type'), sa.column('anonymous'), sa.column('collective'))
        op.execute(t.update().where(t.c.source_type == 'anonymous').values(anonymous=True))
        op.execute(t.update().where(t.c.source_type == 'group').values(collective=True))
        op.drop_column(table, 'gender_evidence')
        op.drop_column(table, 'gender')
        op.drop_column(table, 'source_type')
