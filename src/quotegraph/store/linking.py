"""Corpus persons: the named persons of every article grouped into one entity per person.

Names are grouped in blocks sharing a surname, each block's grouping depending on its
contents alone, so any ingest order gives the same entities (`link_persons` per batch,
`relink` for all). The rules (full names, bare surnames, aliases and splits):
docs/store.md, "Corpus persons".
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

import sqlalchemy as sa

from ..names import PERSON, Attributes, generation, is_form_of, name_key, normal_words, normalize_name, person_tokens, \
    title_words
from . import schema
from .clusters import merge_duplicate_clusters
from .upsert import insert_ignoring_conflicts

DOMINANCE = 0.75
WINDOW_DAYS = 30

Form = tuple[tuple[str, ...], "str | None"]  # a full name's tokens and generational suffix


@dataclass
class Member:
    """A named person of one article, as the grouping sees it."""

    name: str  # as the article gives it
    titles: list[str]
    affiliations: list[str]
    article_id: int | None
    article_key: str
    local_id: str
    published: dt.date | None
    host: str | None
    tokens: tuple[str, ...] = ()  # of the canonical name, when the name is an alias
    canonical: str | None = None  # that name, when the name is an alias
    generation: str | None = None
    ae_id: int | None = None  # None: not stored yet
    entity_id: int | None = None
    link_reason: str | None = None  # as grouped now
    stored_reason: str | None = None  # as stored

    @property
    def form(self) -> Form:
        return self.tokens, self.generation

    @property
    def attributes(self) -> Attributes:
        return Attributes(self.titles, self.affiliations)


@dataclass
class Group:
    """One person of a block: its key (the entity's `merge_key`) and members."""

    key: str
    form: Form | None
    members: list[Member] = field(default_factory=list)
    ambiguous: bool = False

    @property
    def attributes(self) -> Attributes:
        return Attributes([t for m in self.members for t in m.titles], [a for m in self.members for a in m.affiliations])

    def display_name(self) -> str:
        """The canonical name of an alias, else the name most often given in full for the
        fullest form (ties: the longest, then the first alphabetically), so the same members
        always give the same name."""
        full = ([m.canonical for m in self.members if m.canonical]
                or [m.name for m in self.members if m.form == self.form] or [m.name for m in self.members])
        counts = Counter(full)
        return min(counts, key=lambda n: (-counts[n], -len(n), n))


@dataclass
class Knowledge:
    """Aliases (alias name key -> canonical name, Wikidata id) and split pairs."""

    aliases: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    splits: set[frozenset[str]] = field(default_factory=set)
    wikidata: dict[str, str] = field(default_factory=dict)  # canonical name key -> Wikidata id

    @classmethod
    def load(cls, connection: sa.Connection) -> "Knowledge":
        a, s = schema.entity_aliases, schema.entity_splits
        known = cls()
        for row in connection.execute(sa.select(a.c.alias_key, a.c.canonical, a.c.wikidata_id)):
            known.aliases[row.alias_key] = (row.canonical, row.wikidata_id)
            if row.wikidata_id:
                known.wikidata[name_key(row.canonical, PERSON)] = row.wikidata_id
        known.splits = {frozenset((row.key_a, row.key_b)) for row in connection.execute(sa.select(s.c.key_a, s.c.key_b))}
        return known

    def canonical(self, name: str) -> str:
        return self.aliases.get(name_key(name, PERSON), (name, None))[0]

    def split(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.splits


def blocking_surname(name: str, knowledge: Knowledge) -> str | None:
    """The block a person's name is grouped in: the surname of its canonical name."""
    tokens = person_tokens(knowledge.canonical(name))
    return tokens[-1] if tokens else None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _prepare(member: Member, knowledge: Knowledge) -> Member:
    canonical = knowledge.canonical(member.name)
    member.tokens, member.generation = tuple(person_tokens(canonical)), generation(canonical)
    member.canonical = canonical if canonical != member.name else None
    return member


def _form_key(form: Form) -> str:
    return " ".join(form[0])


def _group_key(form: Form) -> str:
    tokens, suffix = form
    return f"{PERSON}:{' '.join(tokens)}" + (f" {suffix}" if suffix else "")


def group_block(members: Sequence[Member], knowledge: Knowledge) -> list[Group]:
    """The persons of one block (members sharing a surname), by the module's rule; sets each
    member's `link_reason`."""
    forms: dict[Form, list[Member]] = defaultdict(list)
    bare: list[Member] = []
    for member in members:
        (forms[member.form] if len(member.tokens) >= 2 else bare).append(member)

    def above(low: Form, high: Form) -> bool:
        return (low != high and low[1] == high[1] and is_form_of(low[0], high[0])
                and not knowledge.split(_form_key(low), _form_key(high)))

    full = sorted(forms, key=lambda f: (f[0], f[1] or ""))

    def spelled(form: Form) -> str:
        return Group("", form, forms[form]).display_name()

    maximal = [f for f in full if not any(above(f, g) for g in full)]
    groups: dict[str, Group] = {}
    group_of: dict[Form, Group] = {}
    for form in full:
        ups = [m for m in maximal if m == form or above(form, m)]
        target = ups[0] if len(ups) == 1 else form
        group = groups.setdefault(_group_key(target), Group(_group_key(target), target))
        group_of[form] = group
        if len(ups) > 1:
            group.ambiguous = True
            reason = "ambiguous: a shorter form of " + " and ".join(map(spelled, ups))
        elif target == form:
            reason = "the same name"
        else:
            reason = f"a shorter form of {spelled(target)}"
        for member in forms[form]:
            member.link_reason = reason
            group.members.append(member)

    persons = [g for g in groups.values() if not g.ambiguous]
    in_article: dict[int | str, set[str]] = defaultdict(set)
    for form, group in group_of.items():
        for member in forms[form]:
            in_article[member.article_id or member.article_key].add(group.key)
    evidence = _Evidence(persons)
    for member in sorted(bare, key=lambda m: (m.article_key, m.local_id)):
        surname = member.tokens[0] if member.tokens else ""
        allowed = [g for g in persons if not knowledge.split(surname, _form_key(g.form))]
        named_here = [groups[key] for key in sorted(in_article.get(member.article_id or member.article_key, ()))]
        chosen, reason = None, ""
        if len(named_here) == 1:
            chosen, reason = named_here[0], f"named in the same article as {named_here[0].display_name()}"
        elif named_here:
            reason = "ambiguous: the article names " + " and ".join(g.display_name() for g in named_here)
        elif not allowed:
            reason = "unlinked: no person with this surname is named in full in the store"
        else:
            fitting = [g for g in allowed if not member.attributes.conflict(g.attributes)]
            if len(allowed) == 1 and fitting:
                chosen, reason = fitting[0], f"the only person called {surname.capitalize()} in the store"
            elif not fitting:
                reason = "ambiguous: titles or affiliations contradict " + " and ".join(
                    g.display_name() for g in allowed)
            else:
                chosen, reason = evidence.dominant(member, allowed, fitting)
        if chosen is None:
            key = f"{PERSON}:{surname}@{member.article_key[:16]}:{member.local_id}"
            group = groups.setdefault(key, Group(key, None))
            group.ambiguous = reason.startswith("ambiguous")
            chosen = group
        member.link_reason = reason
        chosen.members.append(member)
    return list(groups.values())


class _Evidence:
    """Which persons of a surname the articles near a date name, by site."""

    def __init__(self, persons: Sequence[Group]) -> None:
        self.days: dict[str, list[int]] = {}
        self.site_days: dict[tuple[str, str | None], list[int]] = {}
        for group in persons:
            articles = {(m.article_key, m.published, m.host) for m in group.members}
            self.days[group.key] = sorted(p.toordinal() for _, p, _ in articles if p)
            for _, published, host in articles:
                if published:
                    self.site_days.setdefault((group.key, host), []).append(published.toordinal())
        for days in self.site_days.values():
            days.sort()

    @staticmethod
    def _near(days: list[int], day: int) -> int:
        return bisect.bisect_right(days, day + WINDOW_DAYS) - bisect.bisect_left(days, day - WINDOW_DAYS)

    def dominant(self, member: Member, allowed: Sequence[Group], fitting: Sequence[Group]) -> tuple[Group | None, str]:
        surname = member.tokens[0].capitalize()
        counts: dict[str, int] = {}
        scope = "in the store"
        if member.published:
            day = member.published.toordinal()
            counts = {g.key: self._near(self.site_days.get((g.key, member.host), []), day) for g in allowed}
            scope = f"from {member.host} within {WINDOW_DAYS} days"
            if not member.host or not sum(counts.values()):
                counts = {g.key: self._near(self.days[g.key], day) for g in allowed}
                scope = f"within {WINDOW_DAYS} days"
        if not sum(counts.values()):
            counts = {g.key: len({m.article_key for m in g.members}) for g in allowed}
            scope = "in the store"
        total = sum(counts.values())
        best = max(fitting, key=lambda g: (counts[g.key], g.key))
        if total and counts[best.key] / total >= DOMINANCE:
            return best, (f"{best.display_name()} is named in {counts[best.key]} of the {total} articles "
                          f"naming a {surname} {scope}")
        return None, (f"ambiguous: {best.display_name()} is named in {counts[best.key]} of the {total} "
                      f"articles naming a {surname} {scope}, under {DOMINANCE:.0%}")


def _history(members: Iterable[Member]) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """Titles and affiliations (first spelling seen, in order of first date) with the dates
    and number of articles they were seen in."""
    seen: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    order = sorted(members, key=lambda m: (m.published or dt.date.max, m.article_key, m.local_id))
    for member in order:
        for kind, values in (("title", member.titles), ("affiliation", member.affiliations)):
            for value in values:
                words = tuple(title_words(value)) or tuple(normal_words(value))
                if not words:
                    continue
                entry = seen.setdefault((kind, words), {"kind": kind, "value": value, "first": None, "last": None,
                                                        "articles": set()})
                entry["articles"].add(member.article_key)
                if member.published:
                    day = member.published.isoformat()
                    entry["first"] = min(entry["first"] or day, day)
                    entry["last"] = max(entry["last"] or day, day)
    history = [{**e, "articles": len(e["articles"])} for e in seen.values()]
    return ([e["value"] for e in history if e["kind"] == "title"],
            [e["value"] for e in history if e["kind"] == "affiliation"], history)


def _load_block_members(connection: sa.Connection, surnames: Sequence[str],
                        knowledge: Knowledge) -> dict[str, list[Member]]:
    ae, a = schema.article_entities, schema.articles
    blocks: dict[str, list[Member]] = defaultdict(list)
    for start in range(0, len(surnames), 500):
        rows = connection.execute(
            sa.select(ae.c.id, ae.c.name, ae.c.titles, ae.c.affiliations, ae.c.article_id, ae.c.local_id,
                      ae.c.entity_id, ae.c.link_reason, ae.c.surname, a.c.key, a.c.published, a.c.url)
            .join(a, a.c.id == ae.c.article_id).where(ae.c.surname.in_(surnames[start:start + 500])))
        for row in rows:
            blocks[row.surname].append(_prepare(Member(
                row.name, list(row.titles or ()), list(row.affiliations or ()), row.article_id, row.key,
                row.local_id, row.published, host_of(row.url), ae_id=row.id, entity_id=row.entity_id,
                stored_reason=row.link_reason), knowledge))
    return blocks


def link_persons(connection: sa.Connection, new: Sequence[Member], *, run_id: int | None,
                 now: dt.datetime, surnames: Iterable[str] = (), knowledge: Knowledge | None = None) -> int:
    """Regroup the blocks of `new` members (not stored yet) and of `surnames`: sets
    `entity_id` and `link_reason` on each new member, and re-points stored members (their
    quotes, event roles and statement clusters follow) whose person changed; the number of
    stored members whose person or reason changed."""
    knowledge = knowledge or Knowledge.load(connection)
    for member in new:
        _prepare(member, knowledge)
    wanted = sorted({m.tokens[-1] for m in new if m.tokens} | set(surnames))
    blocks = _load_block_members(connection, wanted, knowledge)
    for member in new:
        if member.tokens:
            blocks[member.tokens[-1]].append(member)
    groups = [group for surname in wanted for group in group_block(blocks.get(surname, []), knowledge)]
    return _apply(connection, groups, knowledge, run_id=run_id, now=now)


def relink(connection: sa.Connection, *, now: dt.datetime | None = None, blocks_at_once: int = 200) -> int:
    """Regroup every block, `blocks_at_once` at a time; the number of stored article entities
    whose person or reason changed."""
    ae = schema.article_entities
    surnames = sorted(connection.scalars(sa.select(ae.c.surname).where(ae.c.surname.is_not(None)).distinct()))
    knowledge = Knowledge.load(connection)
    now = now or dt.datetime.now(dt.timezone.utc)
    return sum(link_persons(connection, [], run_id=None, now=now, surnames=surnames[start:start + blocks_at_once],
                            knowledge=knowledge)
               for start in range(0, len(surnames), blocks_at_once))


def _apply(connection: sa.Connection, groups: Sequence[Group], knowledge: Knowledge, *, run_id: int | None,
           now: dt.datetime) -> int:
    """Give each group its entity row (found by key, else created) and point its members at
    it; the number of stored members whose person or reason changed."""
    e, ae = schema.entities, schema.article_entities
    if not groups:
        return 0
    keys = [g.key for g in groups]
    existing = _ids_by_key(connection, keys)
    missing = [g for g in groups if g.key not in existing]
    if missing:
        insert_ignoring_conflicts(connection, e, [
            {"name": g.display_name(), "norm_name": normalize_name(g.display_name()), "label": PERSON,
             "merge_key": g.key, "run_id": run_id, "created": now} for g in missing], ["merge_key"])
        existing.update(_ids_by_key(connection, [g.key for g in missing]))
    rows = {row.id: row for start in range(0, len(keys), 500) for row in connection.execute(
        sa.select(e.c.id, e.c.name, e.c.name_key, e.c.surname, e.c.titles, e.c.affiliations, e.c.attribute_history,
                  e.c.ambiguous, e.c.wikidata_id).where(e.c.merge_key.in_(keys[start:start + 500])))}
    entity_updates, moved, relabelled = [], [], []
    old_ids: set[int] = set()
    gained: set[int] = set()
    for group in groups:
        entity_id = existing[group.key]
        name = group.display_name()
        titles, affiliations, history = _history(group.members)
        values = {"name": name, "name_key": name_key(name, PERSON), "surname": person_tokens(name)[-1],
                  "titles": titles or None, "affiliations": affiliations or None, "attribute_history": history or None,
                  "ambiguous": group.ambiguous, "wikidata_id": knowledge.wikidata.get(name_key(name, PERSON))}
        row = rows[entity_id]
        if any(getattr(row, column) != value for column, value in values.items()):
            entity_updates.append({"target": entity_id, **{f"new_{k}": v for k, v in values.items()}})
        for member in group.members:
            if member.ae_id is None:
                member.entity_id = entity_id
                continue
            if member.entity_id != entity_id:
                old_ids.add(member.entity_id)  # type: ignore[arg-type]
                gained.add(entity_id)
                moved.append({"target": member.ae_id, "new_entity": entity_id, "new_reason": member.link_reason})
            elif member.link_reason != member.stored_reason:
                relabelled.append({"target": member.ae_id, "new_reason": member.link_reason})
    if entity_updates:
        connection.execute(e.update().where(e.c.id == sa.bindparam("target")).values(
            **{k: sa.bindparam(f"new_{k}", type_=e.c[k].type) for k in (
                "name", "name_key", "surname", "titles", "affiliations", "attribute_history", "ambiguous",
                "wikidata_id")}), entity_updates)
    _repoint(connection, moved)
    if relabelled:
        connection.execute(ae.update().where(ae.c.id == sa.bindparam("target")).values(
            link_reason=sa.bindparam("new_reason")), relabelled)
    _drop_orphans(connection, old_ids - set(existing.values()))
    if gained:
        merge_duplicate_clusters(connection, sorted(gained))
    return len(moved) + len(relabelled)


def _ids_by_key(connection: sa.Connection, keys: Sequence[str]) -> dict[str, int]:
    e = schema.entities
    found: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        found.update(connection.execute(sa.select(e.c.merge_key, e.c.id).where(
            e.c.merge_key.in_(keys[start:start + 500]))).all())
    return found


def _repoint(connection: sa.Connection, moved: list[dict[str, Any]]) -> None:
    """Article entities to their new person; their quotes and event roles follow."""
    if not moved:
        return
    ae, q, p = schema.article_entities, schema.quotes, schema.event_participants
    connection.execute(ae.update().where(ae.c.id == sa.bindparam("target")).values(
        entity_id=sa.bindparam("new_entity"), link_reason=sa.bindparam("new_reason")), moved)
    pairs = [{"target": m["target"], "new_entity": m["new_entity"]} for m in moved]
    connection.execute(q.update().where(q.c.speaker_article_entity_id == sa.bindparam("target")).values(
        speaker_entity_id=sa.bindparam("new_entity")), pairs)
    connection.execute(p.update().where(p.c.article_entity_id == sa.bindparam("target")).values(
        entity_id=sa.bindparam("new_entity")), pairs)


def _drop_orphans(connection: sa.Connection, candidates: set[int]) -> None:
    """Delete the entities no article entity points at any more; their statement clusters
    go to the entity their quotes now have."""
    e, ae, c, q = schema.entities, schema.article_entities, schema.quote_clusters, schema.quotes
    if not candidates:
        return
    used = set(connection.scalars(sa.select(ae.c.entity_id).where(ae.c.entity_id.in_(sorted(candidates))).distinct()))
    orphans = sorted(candidates - used)
    if not orphans:
        return
    connection.execute(c.update().where(c.c.entity_id.in_(orphans)).values(
        entity_id=sa.select(sa.func.min(q.c.speaker_entity_id)).where(q.c.cluster_id == c.c.id).scalar_subquery()))
    connection.execute(e.delete().where(e.c.id.in_(orphans)))
