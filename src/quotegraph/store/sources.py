"""Who gets quoted: statements and distinct speakers by the speaker's gender and source
type, per outlet and/or month, over the store or a filtered part of it (`quotegraph
sources`, the web's /sources). What each figure means: docs/sources_report.md.

Every figure is a count of what `find_quotes` lists under the filter the row carries
(`filter`: the keyword arguments of find_quotes, and the options of `quotegraph quotes`
by the same names): the report and the listings share their definitions
(source_filters.py, outlets.py), so a reader can open the statements behind any number.
"""
from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Sequence

import sqlalchemy as sa

from . import schema
from .outlets import NO_OUTLET, outlet_column, outlet_name
from .search import quote_match
from .source_filters import (
    FEMALE,
    MALE,
    NO_SPEAKER,
    SOURCE_TYPE_FILTERS,
    SPEAKER_GENDERS,
    UNKNOWN,
    outlet_condition,
)

GROUPINGS = ("outlet", "month")
# What a month row stands for when its articles have no publication date.
UNDATED = "undated"
# How many grouped rows between two progress reports.
_PROGRESS_EVERY = 100_000


@dataclass(frozen=True, slots=True)
class SourceFilters:
    """Which statements the report counts (each None: not filtered by it)."""

    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    search: str | None = None
    min_confidence: float | None = None

    def conditions(self, dialect: str) -> list[sa.ColumnElement[bool]]:
        q = schema.quotes
        found: list[sa.ColumnElement[bool]] = []
        if self.since is not None:
            found.append(q.c.published >= self.since)
        if self.until is not None:
            found.append(q.c.published <= self.until)
        if self.outlet is not None:
            found.append(outlet_condition(dialect, self.outlet))
        if self.search is not None:
            found.append(quote_match(dialect, self.search))
        if self.min_confidence is not None:
            found.append(q.c.confidence >= self.min_confidence)
        return found

    def as_filter(self) -> dict[str, Any]:
        """These filters as find_quotes' keyword arguments (dates as ISO strings)."""
        out = {key: value for key, value in asdict(self).items() if value is not None}
        return {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in out.items()}


@dataclass(slots=True)
class _Cell:
    """Statements and the distinct speaker entities among them."""

    statements: int = 0
    speakers: set[int] = field(default_factory=set)

    def add(self, speaker: int | None, count: int) -> None:
        self.statements += count
        if speaker is not None:
            self.speakers.add(speaker)


@dataclass(slots=True)
class _Tally:
    """One row's statements and speakers: in all, by gender and by source type."""

    whole: _Cell = field(default_factory=_Cell)
    by_gender: dict[str, _Cell] = field(default_factory=lambda: {name: _Cell() for name in SPEAKER_GENDERS})
    by_type: dict[str, _Cell] = field(default_factory=lambda: {name: _Cell() for name in SOURCE_TYPE_FILTERS})

    def add(self, speaker: int | None, gender: str, source_type: str, count: int) -> None:
        for cell in (self.whole, self.by_gender[gender], self.by_type[source_type]):
            cell.add(speaker, count)


def sources_report(connection: sa.Connection, filters: SourceFilters = SourceFilters(),
                   by: Sequence[str] = ("outlet",), progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """The report: {"filters", "by", "total": row, "rows": [row, ...]}, rows ordered by outlet
    (most statements first) then month (oldest first, undated last).

    A row: its `outlet` and/or `month` ("YYYY-MM", or "undated"), `statements`, `speakers`
    (distinct speaker entities), `gender` and `source_type` ({name: {"statements",
    "speakers", "filter"}}), `women_share` ({"statements", "speakers"}: women among those of
    known gender, None when none is known), and `filter`, the find_quotes arguments that
    list the row's statements (a cell's adds speaker_gender or source_type). `progress`, if
    given, is called with each stage under way (it takes seconds on a store of a million
    statements).
    """
    unknown = sorted(set(by) - set(GROUPINGS))
    if unknown or not by:
        raise ValueError(f"group by one or both of {', '.join(GROUPINGS)}, not {', '.join(map(repr, unknown)) or 'nothing'}")
    by = tuple(key for key in GROUPINGS if key in by)
    if filters.outlet is not None:
        filters = SourceFilters(filters.since, filters.until, outlet_name(filters.outlet), filters.search,
                                filters.min_confidence)
    total, rows = _Tally(), defaultdict[tuple[str, ...], _Tally](_Tally)
    tell = progress or (lambda stage: None)
    for number, (key, speaker, gender, source_type, count) in enumerate(_counted(connection, filters, by, tell), 1):
        total.add(speaker, gender, source_type, count)
        rows[key].add(speaker, gender, source_type, count)
        if number % _PROGRESS_EVERY == 0:
            tell(f"counting: {number:,} groups of statements read")
    tell("ordering the rows")
    outlet_totals: dict[str, int] = defaultdict(int)
    if "outlet" in by:
        for key, tally in rows.items():
            outlet_totals[key[0]] += tally.whole.statements
    ordered = sorted(rows.items(), key=lambda item: _order(item[0], by, outlet_totals))
    return {"filters": filters.as_filter(), "by": list(by),
            "total": _row({}, total, filters.as_filter()),
            "rows": [_row(dict(zip(by, key)), tally, _row_filter(dict(zip(by, key)), filters))
                     for key, tally in ordered]}


def _counted(connection: sa.Connection, filters: SourceFilters, by: Sequence[str], tell: Callable[[str], None]
             ) -> Iterable[tuple[tuple[str, ...], int | None, str, str, int]]:
    """(group key, speaker entity, gender, source type, statements) from one grouped query.

    Grouped by article where outlets are asked for, each article's outlet computed once
    (`_outlets`): computing it for every statement took half of the report's time."""
    q, e = schema.quotes, schema.entities
    dialect = connection.dialect.name
    groups: list[sa.ColumnElement[Any]] = []
    if "outlet" in by:
        groups.append(q.c.article_id)
    if "month" in by:
        month = (sa.func.substr(sa.cast(q.c.published, sa.String), 1, 7) if dialect == "sqlite"
                 else sa.func.to_char(q.c.published, "YYYY-MM"))
        groups.append(month.label("month"))
    columns = [*groups, q.c.speaker_entity_id, e.c.gender, e.c.source_type]
    conditions = filters.conditions(dialect)
    statement = (sa.select(*columns, sa.func.count().label("n"))
                 .select_from(q.outerjoin(e, e.c.id == q.c.speaker_entity_id))
                 .where(*conditions).group_by(*columns))
    if "outlet" in by:
        tell("finding each article's outlet")
    outlets = _outlets(connection, conditions) if "outlet" in by else {}
    tell("grouping statements by speaker")
    for row in connection.execute(statement):
        found = {"outlet": outlets.get(row.article_id) if "outlet" in by else None,
                 "month": row.month if "month" in by else None}
        key = tuple(found[name] or (NO_OUTLET if name == "outlet" else UNDATED) for name in by)
        speaker = row.speaker_entity_id
        gender = row.gender if row.gender in (FEMALE, MALE) else UNKNOWN
        source_type = row.source_type if speaker is not None else NO_SPEAKER
        yield key, speaker, gender, source_type, row.n


def _outlets(connection: sa.Connection, conditions: list[sa.ColumnElement[bool]]) -> dict[int, str | None]:
    """The outlet of each article holding a statement the report counts."""
    q, a = schema.quotes, schema.articles
    counted = sa.select(q.c.article_id).where(*conditions)
    return dict(connection.execute(sa.select(a.c.id, outlet_column(connection.dialect.name))
                                   .where(a.c.id.in_(counted))).all())


def _order(key: tuple[str, ...], by: Sequence[str], outlet_totals: dict[str, int]) -> tuple[Any, ...]:
    """Outlets with the most statements first (none last), months in order (undated last)."""
    out: list[Any] = []
    for name, value in zip(by, key):
        if name == "outlet":
            out += [value == NO_OUTLET, -outlet_totals[value], value]
        else:
            out += [value == UNDATED, value]
    return tuple(out)


def _row_filter(group: dict[str, str], filters: SourceFilters) -> dict[str, Any]:
    """The find_quotes arguments listing a row's statements: the report's filters narrowed
    to the row's outlet and month."""
    out = filters.as_filter()
    if "outlet" in group:
        out["outlet"] = group["outlet"]
    month = group.get("month")
    if month == UNDATED:
        out["undated"] = True
    elif month is not None:
        year, number = int(month[:4]), int(month[5:7])
        first, last = dt.date(year, number, 1), dt.date(year, number, monthrange(year, number)[1])
        out["since"] = max(first, filters.since or first).isoformat()
        out["until"] = min(last, filters.until or last).isoformat()
    return out


def _share(female: int, male: int) -> float | None:
    return round(female / (female + male), 4) if female + male else None


def _row(group: dict[str, str], tally: _Tally, row_filter: dict[str, Any]) -> dict[str, Any]:
    gender = {name: {"statements": cell.statements, "speakers": len(cell.speakers),
                     "filter": {**row_filter, "speaker_gender": name}} for name, cell in tally.by_gender.items()}
    types = {name: {"statements": cell.statements, "speakers": len(cell.speakers),
                    "filter": {**row_filter, "source_type": name}} for name, cell in tally.by_type.items()}
    return {**group, "statements": tally.whole.statements, "speakers": len(tally.whole.speakers), "gender": gender,
            "source_type": types,
            "women_share": {"statements": _share(tally.by_gender[FEMALE].statements, tally.by_gender[MALE].statements),
                            "speakers": _share(len(tally.by_gender[FEMALE].speakers), len(tally.by_gender[MALE].speakers))},
            "filter": row_filter}


__all__ = ["GROUPINGS", "NO_SPEAKER", "SourceFilters", "UNDATED", "sources_report"]
