"""The store's schema: one SQLAlchemy Core metadata for SQLite and PostgreSQL.

The migrations in `migrations/versions/` build it (a test checks that they agree);
full-text search differs by database and lives there and in `search.py`. The tables'
shape and the offset convention: docs/store.md, "The schema".
"""
from __future__ import annotations

import sqlalchemy as sa

# Names for constraints and indexes, so that both databases (and Alembic) agree on them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

# JSON on both (SQLite stores it as text); None is stored as SQL NULL, not 'null'.
Json = sa.JSON(none_as_null=True)
# Generous lengths for the few indexed text columns; PostgreSQL ignores them for TEXT.
Text = sa.Text


def _fk(target: str, *, ondelete: str = "CASCADE", nullable: bool = False, index: bool = True) -> sa.Column:
    """A foreign key column named after `target` ("table.id")."""
    table = target.split(".")[0]
    name = {"runs": "run_id", "articles": "article_id", "entities": "entity_id"}.get(table, f"{table.rstrip('s')}_id")
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


def _span(prefix: str) -> list[sa.Column]:
    """`<prefix>_start`, `<prefix>_end`, `<prefix>_text`: one optional character span."""
    return [
        sa.Column(f"{prefix}_start", sa.Integer),
        sa.Column(f"{prefix}_end", sa.Integer),
        sa.Column(f"{prefix}_text", Text),
    ]


runs = sa.Table(
    "runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished", sa.DateTime(timezone=True)),
    # running | finished | interrupted (a killed run stays "running" forever: its rows are
    # still whole, since each batch is committed in one transaction)
    sa.Column("status", sa.String(16), nullable=False, server_default="running"),
    sa.Column("command", sa.String(32), nullable=False, server_default="ingest"),
    sa.Column("quotegraph_version", sa.String(32), nullable=False),
    sa.Column("spacy_version", sa.String(32), nullable=False),
    sa.Column("model_name", Text, nullable=False),
    sa.Column("model_version", sa.String(32)),
    # inputs, n_process, batch_size, chunk_chars...
    sa.Column("options", Json),
    sa.Column("articles_added", sa.Integer, nullable=False, server_default="0"),
    sa.Column("errors_added", sa.Integer, nullable=False, server_default="0"),
)

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # sha256 hex of (source identity, text): what makes ingest idempotent
    sa.Column("key", sa.String(64), nullable=False, unique=True),
    # what the key was computed from: the URL, else the reader's id (file stem, stem:line)
    sa.Column("source", Text, nullable=False),
    sa.Column("external_id", Text),
    sa.Column("title", Text),
    sa.Column("url", Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("text", Text, nullable=False),
    _fk("runs.id", ondelete="RESTRICT"),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_articles_url", "url"),
)

# Corpus-wide entities: one row per real-world person, organisation, place... Named
# non-persons are one row per label and normalised name; persons are grouped by
# store/linking.py (fuller and shorter forms of a name, a surname to the person the
# evidence favours), regrouped whenever a batch adds names with the same surname.
entities = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", Text, nullable=False),
    sa.Column("norm_name", Text, nullable=False),
    sa.Column("label", sa.String(32), nullable=False),
    # the row's identity: "<label>:<norm_name>" for non-persons, the group's key for
    # persons (store/linking.py); NULL: never shared (unnamed sources: groups, anonymous)
    sa.Column("merge_key", Text),
    sa.Column("titles", Json),
    sa.Column("affiliations", Json),
    _fk("runs.id", ondelete="RESTRICT", nullable=True),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    # (migration 0002, entities/names.py) the name without case, accents, punctuation and, for
    # persons, honorifics ("joe biden"); a person's surname, by which ingest finds candidates
    sa.Column("name_key", Text),
    sa.Column("surname", Text),
    # (migration 0005_entity_links) a Wikidata id from an aliases file; each title and
    # affiliation with the first and last publication date it was seen on; a person's
    # surname that stayed unlinked because the evidence was ambiguous
    sa.Column("wikidata_id", Text),
    sa.Column("attribute_history", Json),
    sa.Column("ambiguous", sa.Boolean, nullable=False, server_default=sa.false()),
    # (migration 0008_source_profile, source_types.py, store/profiles.py) person |
    # organisation | group | anonymous | document, in place of the anonymous and collective
    # flags; a person's gender as the evidence of all its articles signals it (female | male
    # | NULL) and that evidence counted: {"female": {"pronoun": 12}, "male": {}}
    sa.Column("source_type", sa.String(16), nullable=False, server_default="person"),
    sa.Column("gender", sa.String(8)),
    sa.Column("gender_evidence", Json),
    sa.Index("ix_entities_norm_name", "norm_name"),
    sa.Index("ix_entities_merge_key", "merge_key", unique=True),
    sa.Index("ix_entities_name_key", "name_key"),
    sa.Index("ix_entities_surname", "surname"),
    sa.Index("ix_entities_source_type", "source_type"),
    sa.Index("ix_entities_gender", "gender"),
)

# An entity as one article has it (the record's entities[]), linked to its corpus entity.
article_entities = sa.Table(
    "article_entities", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _fk("articles.id", index=False),
    sa.Column("local_id", sa.String(32), nullable=False),  # "e0": the record's id
    _fk("entities.id", ondelete="RESTRICT"),
    sa.Column("name", Text, nullable=False),
    sa.Column("label", sa.String(32), nullable=False),
    sa.Column("titles", Json),
    sa.Column("affiliations", Json),
    # any further fields of the record's entity, kept as they came
    sa.Column("extra", Json),
    # (migration 0005_entity_links) a named person's surname (after aliases): the block
    # store/linking.py regroups; why the row belongs to its entity ("fuller form of ...")
    sa.Column("surname", Text),
    sa.Column("link_reason", Text),
    # (migration 0006_person_summaries) a full name's form ("PERSON:james b comey"), the
    # article's publication date and site (for windowed evidence) and a bare surname's class
    # (person_classes.id), so that a batch reads summaries, not whole blocks
    sa.Column("form", Text),
    sa.Column("day", sa.Date),
    sa.Column("host", Text),
    sa.Column("class_id", sa.Integer),
    # (migration 0008_source_profile) the record's source_type, gender and gender_evidence
    # (a list of {"kind", "start", "end", "text"})
    sa.Column("source_type", sa.String(16), nullable=False, server_default="person"),
    sa.Column("gender", sa.String(8)),
    sa.Column("gender_evidence", Json),
    sa.UniqueConstraint("article_id", "local_id"),
    sa.Index("ix_article_entities_surname", "surname"),
    sa.Index("ix_article_entities_surname_day", "surname", "day"),
    sa.Index("ix_article_entities_class_id", "class_id"),
)
# (migration 0006_person_summaries) What store/person_links.py keeps of each surname block:
# one row per form of a full name (its person, why, the names, titles and affiliations it was
# given with, the articles naming it) and one per class of bare surnames that the store's
# evidence decides alike (its decision). Plain integer entity ids, rewritten with the block.
person_forms = sa.Table(
    "person_forms", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", Text, nullable=False),
    sa.Column("surname", Text, nullable=False),
    sa.Column("tokens", Text, nullable=False),
    sa.Column("generation", sa.String(8)),
    sa.Column("group_key", Text, nullable=False),
    sa.Column("entity_id", sa.Integer, nullable=False),
    sa.Column("reason", Text, nullable=False),
    sa.Column("names", Json, nullable=False),
    sa.Column("canonicals", Json),
    sa.Column("titles", Json),
    sa.Column("affiliations", Json),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Index("ix_person_forms_key", "key", unique=True),
    sa.Index("ix_person_forms_surname", "surname"),
)
person_classes = sa.Table(
    "person_classes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", Text, nullable=False),
    sa.Column("surname", Text, nullable=False),
    sa.Column("day", sa.Date),
    sa.Column("host", Text),
    sa.Column("titles", Json),
    sa.Column("affiliations", Json),
    sa.Column("entity_id", sa.Integer),  # the person; NULL: each name stays its own entity
    sa.Column("reason", Text, nullable=False),
    sa.Column("uses_store", sa.Boolean, nullable=False),
    sa.Index("ix_person_classes_key", "key", unique=True),
    sa.Index("ix_person_classes_surname_day", "surname", "day"),
)

# (migration 0005_entity_links) What users know: a name that is another's alias (from an
# aliases file, or `quotegraph entities merge`), and pairs of names that are two people
# (`quotegraph entities split`). Keys are `names.name_key` of the names.
entity_aliases = sa.Table(
    "entity_aliases", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("alias_key", Text, nullable=False, unique=True),
    sa.Column("canonical", Text, nullable=False),
    sa.Column("wikidata_id", Text),
    sa.Column("origin", sa.String(16), nullable=False),  # file | merge
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
)

entity_splits = sa.Table(
    "entity_splits", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key_a", Text, nullable=False),
    sa.Column("key_b", Text, nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("key_a", "key_b"),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_entity_id", sa.Integer, sa.ForeignKey("article_entities.id", ondelete="CASCADE"),
              nullable=False, index=True),
    _fk("articles.id"),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", Text, nullable=False),
)

times = sa.Table(
    "times", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _fk("articles.id", index=False),
    sa.Column("local_id", sa.String(32), nullable=False),  # "t0"
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", Text, nullable=False),
    sa.Column("type", sa.String(16)),  # DATE | TIME | DURATION | SET
    sa.Column("value", Text, index=True),  # TIMEX3 value: 2025-04-14, 2025-W15, P1M, PRESENT_REF...
    sa.Column("extra", Json),
    sa.UniqueConstraint("article_id", "local_id"),
)

# The same statement reported by several outlets: filled by statement clustering.
quote_clusters = sa.Table(
    "quote_clusters", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _fk("entities.id", ondelete="SET NULL", nullable=True),  # the speaker, when one entity
    sa.Column("speaker_name", Text),
    sa.Column("content", Text),  # a representative wording
    sa.Column("first_seen", sa.Date, index=True),
    sa.Column("quote_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    # (migration 0002, store/clusters.py) the normalised speaker name, a hash of the
    # normalised content and its number of words, by which ingest finds candidate clusters
    sa.Column("speaker_key", Text),
    sa.Column("content_key", sa.String(64)),
    sa.Column("n_tokens", sa.Integer),
    # (migration 0005_entity_links) the speaker and content keys hashed together: two
    # writers cannot both create the cluster of one exact statement
    sa.Column("cluster_key", sa.String(64)),
    # ... and the MinHash values of its content, by which ingest finds near-identical ones
    *(sa.Column(f"minhash_{i}", sa.BigInteger, index=True) for i in range(4)),
    sa.Index("ix_quote_clusters_speaker_key", "speaker_key"),
    sa.Index("ix_quote_clusters_cluster_key", "cluster_key", unique=True),
    sa.Index("ix_quote_clusters_content_key", "content_key"),
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _fk("articles.id", index=False),
    sa.Column("local_id", sa.String(32), nullable=False),  # "q0"
    sa.Column("type", sa.String(16), nullable=False),  # direct | indirect | mixed
    # the content spans' texts joined by " … " (what full-text search indexes)
    sa.Column("content", Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),  # first content character
    sa.Column("end", sa.Integer, nullable=False),  # last content character + 1
    *_span("cue"),
    *_span("source"),
    *_span("addressee"),
    sa.Column("speaker_name", Text),
    sa.Column("speaker_article_entity_id", sa.Integer,
              sa.ForeignKey("article_entities.id", ondelete="SET NULL"), index=True),
    sa.Column("speaker_entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="SET NULL"), index=True),
    sa.Column("time_id", sa.Integer, sa.ForeignKey("times.id", ondelete="SET NULL"), index=True),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("cluster_id", sa.Integer, sa.ForeignKey("quote_clusters.id", ondelete="SET NULL"), index=True),
    _fk("runs.id", ondelete="RESTRICT"),
    # (migration 0003) the article's publication date, copied so that quotes can be listed
    # newest first from an index (store/queries.py)
    sa.Column("published", sa.Date),
    # (migration 0004) speech | writing | thought | other; NULL for rows stored before it
    sa.Column("kind", sa.String(16)),
    # (migration 0007) the local id of the quote whose content holds this one (a nested
    # report, quotes/nested.py); NULL for a quote read from the text itself
    sa.Column("within", sa.String(32)),
    sa.UniqueConstraint("article_id", "local_id"),
    sa.Index("ix_quotes_speaker_name", "speaker_name"),
    sa.Index("ix_quotes_published", "published"),
    sa.Index("ix_quotes_speaker_published", "speaker_entity_id", "published"),
)

quote_spans = sa.Table(
    "quote_spans", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("quote_id", sa.Integer, sa.ForeignKey("quotes.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("seq", sa.Integer, nullable=False),  # order within the quote's content
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", Text, nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _fk("articles.id", index=False),
    sa.Column("local_id", sa.String(32), nullable=False),  # "ev0"
    *_span("trigger"),
    sa.Column("time_id", sa.Integer, sa.ForeignKey("times.id", ondelete="SET NULL"), index=True),
    sa.Column("date", sa.String(32), index=True),  # ISO date (or a coarser TIMEX3 value)
    sa.Column("sentence_start", sa.Integer),
    sa.Column("sentence_end", sa.Integer),
    sa.Column("extra", Json),
    sa.UniqueConstraint("article_id", "local_id"),
)

event_participants = sa.Table(
    "event_participants", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("article_entity_id", sa.Integer, sa.ForeignKey("article_entities.id", ondelete="CASCADE"), index=True),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="SET NULL"), index=True),
    sa.Column("role", sa.String(32)),
    sa.Column("extra", Json),
)

# Inputs that could not be read (reader errors) or extracted (records with `error`).
# `key` (sha256 of input, line, position, code and reason) keeps re-runs from adding the
# same error twice.
errors = sa.Table(
    "errors", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(64), nullable=False, unique=True),
    _fk("runs.id", ondelete="RESTRICT"),
    sa.Column("input", Text, nullable=False),  # a file, "-", a URL or an article id
    sa.Column("line", sa.Integer),  # JSON Lines: 1-based line number
    sa.Column("position", sa.BigInteger),  # WARC: byte offset of the record
    sa.Column("code", sa.String(16), nullable=False),
    sa.Column("reason", Text, nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
)

# Outside the metadata (database-specific full-text search), ignored when comparing the
# migrated database with this module.
FTS_OBJECTS = frozenset({"quotes_fts", "quotes_fts_data", "quotes_fts_idx", "quotes_fts_docsize",
                         "quotes_fts_config", "quotes_fts_content", "content_tsv", "ix_quotes_content_tsv"})

TABLES = tuple(metadata.sorted_tables)
