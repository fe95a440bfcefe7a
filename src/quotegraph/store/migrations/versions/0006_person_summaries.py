"""Summaries of the surname blocks (store/person_links.py), so that a batch of known names
reads them instead of the whole block: article_entities.form, .day, .host and .class_id, the
person_forms and person_classes tables. Every person is regrouped, which fills them.

Revision ID: 0006_person_summaries
Revises: 0005_entity_links
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_person_summaries'
down_revision = '0005_entity_links'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('article_entities', sa.Column('form', sa.Text(), nullable=True))
    op.add_column('article_entities', sa.Column('day', sa.Date(), nullable=True))
    op.add_column('article_entities', sa.Column('host', sa.Text(), nullable=True))
    op.add_column('article_entities', sa.Column('class_id', sa.Integer(), nullable=True))
    op.create_index('ix_article_entities_surname_day', 'article_entities', ['surname', 'day'], unique=False)
    op.create_index('ix_article_entities_class_id', 'article_entities', ['class_id'], unique=False)
    op.create_table(
        'person_forms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('surname', sa.Text(), nullable=False),
        sa.Column('tokens', sa.Text(), nullable=False),
        sa.Column('generation', sa.String(length=8), nullable=True),
        sa.Column('group_key', sa.Text(), nullable=False),
        sa.Column('entity_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('names', sa.JSON(none_as_null=True), nullable=False),
        sa.Column('canonicals', sa.JSON(none_as_null=True), nullable=True),
        sa.Column('titles', sa.JSON(none_as_null=True), nullable=True),
        sa.Column('affiliations', sa.JSON(none_as_null=True), nullable=True),
        sa.Column('articles', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_person_forms')),
    )
    op.create_index('ix_person_forms_key', 'person_forms', ['key'], unique=True)
    op.create_index('ix_person_forms_surname', 'person_forms', ['surname'], unique=False)
    op.create_table(
        'person_classes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('surname', sa.Text(), nullable=False),
        sa.Column('day', sa.Date(), nullable=True),
        sa.Column('host', sa.Text(), nullable=True),
        sa.Column('titles', sa.JSON(none_as_null=True), nullable=True),
        sa.Column('affiliations', sa.JSON(none_as_null=True), nullable=True),
        sa.Column('entity_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('uses_store', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_person_classes')),
    )
    op.create_index('ix_person_classes_key', 'person_classes', ['key'], unique=True)
    op.create_index('ix_person_classes_surname_day', 'person_classes', ['surname', 'day'], unique=False)
    connection = op.get_bind()
    ae, a = sa.table('article_entities', sa.column('article_id'), sa.column('day'), sa.column('host')), \
        sa.table('articles', sa.column('id'), sa.column('published'), sa.column('url'))
    connection.execute(ae.update().values(day=sa.select(a.c.published).where(a.c.id == ae.c.article_id)
                                          .scalar_subquery()))
    from quotegraph.store.linking import host_of
    from quotegraph.store.person_links import relink

    sites = [{"article": row.id, "site": host_of(row.url)}
             for row in connection.execute(sa.select(a.c.id, a.c.url).where(a.c.url.is_not(None)))]
    sites = [s for s in sites if s["site"]]
    for start in range(0, len(sites), 1000):
        connection.execute(ae.update().where(ae.c.article_id == sa.bindparam("article")).values(
            host=sa.bindparam("site")), sites[start:start + 1000])

    relink(connection, genders=False)  # the gender columns come with 0008


def downgrade() -> None:
    op.drop_table('person_classes')
    op.drop_table('person_forms')
    with op.batch_alter_table('article_entities', schema=None) as batch_op:
        batch_op.drop_index('ix_article_entities_class_id')
        batch_op.drop_index('ix_article_entities_surname_day')
        batch_op.drop_column('class_id')
        batch_op.drop_column('host')
        batch_op.drop_column('day')
        batch_op.drop_column('form')
