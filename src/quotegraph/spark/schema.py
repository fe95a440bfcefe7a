"""The record as a Parquet table: one declared tree of fields, from which come the Spark
schema and the conversions between a record dict and a table row, both ways.

A record key the tree does not declare is kept, as JSON, in its struct's `extra_json`
column (docs/spark.md, "The Parquet table").
"""
from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Union

STRING, LONG, DOUBLE, BOOLEAN = "string", "long", "double", "boolean"
EXTRA = "extra_json"


@dataclass(frozen=True)
class ArrayOf:
    element: "Kind"


@dataclass(frozen=True)
class Struct:
    """A JSON object; its undeclared keys go, as JSON, to an `extra_json` column."""

    fields: tuple["Field", ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


Kind = Union[str, ArrayOf, Struct]


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    # The record leaves the key out when it has no value (`error`, a time's `mod`), rather
    # than writing null: reading a row back leaves it out too.
    omitted_when_null: bool = False


def _struct(*fields: Field) -> Struct:
    return Struct(tuple(fields))


SPAN = _struct(Field("start", LONG), Field("end", LONG), Field("text", STRING))
SPEAKER = _struct(Field("entity", STRING), Field("name", STRING))
QUOTE = _struct(
    Field("id", STRING), Field("type", STRING), Field("content", ArrayOf(SPAN)), Field("cue", SPAN),
    Field("source", SPAN), Field("speaker", SPEAKER), Field("addressee", SPAN), Field("time", STRING),
    Field("kind", STRING), Field("within", STRING), Field("confidence", DOUBLE),
)
EVIDENCE = _struct(Field("kind", STRING), Field("gender", STRING), Field("start", LONG), Field("end", LONG),
                   Field("text", STRING))
ENTITY = _struct(
    Field("id", STRING), Field("name", STRING), Field("label", STRING), Field("titles", ArrayOf(STRING)),
    Field("affiliations", ArrayOf(STRING)), Field("source_type", STRING), Field("gender", STRING),
    Field("gender_evidence", ArrayOf(EVIDENCE)), Field("mentions", ArrayOf(SPAN)),
)
TIME = _struct(
    Field("id", STRING), Field("start", LONG), Field("end", LONG), Field("text", STRING), Field("type", STRING),
    Field("value", STRING), Field("mod", STRING, omitted_when_null=True),
)
PARTICIPANT = _struct(Field("entity", STRING), Field("role", STRING))
EVENT = _struct(
    Field("id", STRING), Field("trigger", SPAN), Field("time", STRING), Field("date", STRING),
    Field("relation", STRING), Field("negated", BOOLEAN), Field("participants", ArrayOf(PARTICIPANT)),
    Field("sentence", SPAN),
)
ERROR = _struct(Field("code", STRING), Field("reason", STRING))
RECORD = _struct(
    Field("id", STRING), Field("title", STRING), Field("published", STRING), Field("url", STRING),
    Field("text", STRING), Field("quotes", ArrayOf(QUOTE)), Field("entities", ArrayOf(ENTITY)),
    Field("times", ArrayOf(TIME)), Field("events", ArrayOf(EVENT)),
    Field("error", ERROR, omitted_when_null=True),
)
# Where a row came from, beside the record: the article's store key (sha256 of its source
# identity and text, as `quotegraph ingest` computes it) and its input file, with the line
# (JSON Lines) or byte offset (WARC) of an input that failed to read.
INPUT = _struct(Field("file", STRING), Field("line", LONG), Field("position", LONG))
ROW = Struct(RECORD.fields + (Field("key", STRING), Field("input", INPUT)))


def record_to_row(record: dict[str, Any], *, key: str | None, input: dict[str, Any]) -> tuple:
    """A record dict (`Record.to_dict()`) as a row of `spark_schema()`: nested tuples in field order."""
    return _to_row({**record, "key": key, "input": input}, ROW)


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The record dict a row holds (a row read back as nested dicts), `key` and `input` left out."""
    record = _READ_ROW(row)
    record.pop("key", None)
    record.pop("input", None)
    return record


def undeclared_keys(record: dict[str, Any]) -> set[str]:
    """Dotted paths of the keys of `record` that the schema does not declare ("quotes.stance")."""
    found: set[str] = set()
    _undeclared(record, RECORD, "", found)
    return found


# Nothing in this module imports pyspark except `spark_schema` (the Parquet output is also
# read with pyarrow, by `quotegraph ingest`).
def spark_schema() -> Any:
    """The Spark StructType of a row (pyspark imported here only)."""
    from pyspark.sql import types as T

    atoms = {STRING: T.StringType(), LONG: T.LongType(), DOUBLE: T.DoubleType(), BOOLEAN: T.BooleanType()}

    def convert(kind: Kind) -> Any:
        if isinstance(kind, str):
            return atoms[kind]
        if isinstance(kind, ArrayOf):
            return T.ArrayType(convert(kind.element), containsNull=True)
        fields = [T.StructField(f.name, convert(f.kind), nullable=True) for f in kind.fields]
        return T.StructType([*fields, T.StructField(EXTRA, T.StringType(), nullable=True)])

    return convert(ROW)


_COERCE = {STRING: str, LONG: int, DOUBLE: float, BOOLEAN: bool}


def _to_row(value: Any, kind: Kind) -> Any:
    if value is None:
        return None
    if isinstance(kind, str):
        return _COERCE[kind](value)  # the exact Python type of the column: rows are not re-verified
    if isinstance(kind, ArrayOf):
        return [_to_row(item, kind.element) for item in value]
    extra = {k: v for k, v in value.items() if k not in kind.names}
    return (*(_to_row(value.get(f.name), f.kind) for f in kind.fields),
            json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None)


def _same(value: Any) -> Any:
    return value


@functools.cache
def _reader(kind: Kind) -> Callable[[Any], Any]:
    """The conversion of a row value of `kind` back to the record's, made once per kind: the
    tree walked once, not at every value (a loader reads a few million values a second)."""
    if isinstance(kind, str):
        return _same
    if isinstance(kind, ArrayOf):
        element = _reader(kind.element)
        if element is _same:
            return lambda value: None if value is None else list(value)
        return lambda value: None if value is None else [element(item) for item in value]
    fields = [(f.name, None if isinstance(f.kind, str) else _reader(f.kind), f.omitted_when_null)
              for f in kind.fields]

    def read(value: Any) -> Any:
        if value is None:
            return None
        out: dict[str, Any] = {}
        for name, convert, omitted in fields:
            item = value.get(name)
            if convert is not None and item is not None:
                item = convert(item)
            if item is None and omitted:
                continue
            out[name] = item
        if value.get(EXTRA):
            out.update(json.loads(value[EXTRA]))
        return out
    return read


def _undeclared(value: Any, kind: Kind, path: str, found: set[str]) -> None:
    if value is None or isinstance(kind, str):
        return
    if isinstance(kind, ArrayOf):
        for item in value:
            _undeclared(item, kind.element, path, found)
        return
    for name, item in value.items():
        if name not in kind.names:
            found.add(f"{path}{name}")
    for f in kind.fields:
        _undeclared(value.get(f.name), f.kind, f"{path}{f.name}.", found)


# The row's reader, made once (looking it up by ROW would hash the whole tree each row).
_READ_ROW = _reader(ROW)
