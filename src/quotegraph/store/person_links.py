"""Corpus persons in the store: each batch's named persons linked (`link_persons`), every
block regrouped (`relink`).

A batch whose full names all have forms the block already holds cannot change the block's
persons, so it reads the block's summaries (person_forms, person_classes) and the names
within the evidence window of its dates, not the block; the bare-surname classes whose
evidence it changed are decided again. A new form, an alias or a split regroups the whole
block by `linking.group_block`. Both paths give what a regrouping of the block would.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any, Iterable, Sequence

import sqlalchemy as sa

from ..entities.names import PERSON, name_key, normalize_name, person_tokens
from . import schema
from .clusters import merge_duplicate_clusters
from .core import in_chunks
from .linking import (
    WINDOW_DAYS,
    BareClass,
    Decision,
    Evidence,
    FormSummary,
    Group,
    Knowledge,
    Member,
    display_name,
    group_block,
    host_of,
    merge_history,
    own_key,
    persons_of,
    prepare,
    same_article_reason,
    sightings,
    split_history,
)
from .profiles import block_entity_ids, refresh_genders
from .upsert import insert_ignoring_conflicts


def link_persons(connection: sa.Connection, new: Sequence[Member], *, run_id: int | None,
                 now: dt.datetime, surnames: Iterable[str] = (), knowledge: Knowledge | None = None,
                 whole: bool = False) -> int:
    """Link the `new` members (not stored yet; sets their `entity_id`, `link_reason` and
    `class_id`) and regroup the blocks `surnames` whole (`whole`: every block they touch);
    the number of stored members whose person or reason changed (their quotes, event roles
    and statement clusters follow)."""
    knowledge = knowledge or Knowledge.load(connection)
    by_block: dict[str, list[Member]] = defaultdict(list)
    for member in new:
        prepare(member, knowledge)
        if member.tokens:
            by_block[member.tokens[-1]].append(member)
    regrouped = set(surnames) | (set(by_block) if whole else set())
    forms = _load_forms(connection, sorted(set(by_block) - regrouped))
    for surname, members in by_block.items():
        if any(m.full and m.form_key not in forms.get(surname, {}) for m in members):
            regrouped.add(surname)
    changed = 0
    if regrouped:
        changed += _regroup(connection, sorted(regrouped), [m for s in regrouped for m in by_block.get(s, ())],
                            knowledge, run_id=run_id, now=now)
    for surname in sorted(set(by_block) - regrouped):
        changed += _extend(connection, surname, forms.get(surname, {}), by_block[surname], knowledge,
                           run_id=run_id, now=now)
    return changed


def relink(connection: sa.Connection, *, now: dt.datetime | None = None, blocks_at_once: int = 200,
           genders: bool = True) -> int:
    """Regroup every block, `blocks_at_once` at a time; the number of stored article entities
    whose person or reason changed. `genders`: recompute the regrouped persons' genders
    (False for a migration older than the gender columns)."""
    ae = schema.article_entities
    surnames = sorted(connection.scalars(sa.select(ae.c.surname).where(ae.c.surname.is_not(None)).distinct()))
    knowledge = Knowledge.load(connection)
    now = now or dt.datetime.now(dt.timezone.utc)
    changed = 0
    for start in range(0, len(surnames), blocks_at_once):
        block = surnames[start:start + blocks_at_once]
        changed += _regroup(connection, block, [], knowledge, run_id=None, now=now)
        if genders:
            refresh_genders(connection, block_entity_ids(connection, block))  # store/profiles.py
    return changed


# -- the whole block -------------------------------------------------------------------------

def _regroup(connection: sa.Connection, surnames: Sequence[str], new: Sequence[Member], knowledge: Knowledge, *,
             run_id: int | None, now: dt.datetime) -> int:
    blocks = _load_block_members(connection, surnames, knowledge)
    for member in new:
        blocks[member.tokens[-1]].append(member)
    groupings = {surname: group_block(blocks.get(surname, []), knowledge) for surname in surnames}
    groups = [group for grouping in groupings.values() for group in grouping.groups]
    ids = _entity_ids(connection, groups, run_id=run_id, now=now)
    changed = _apply(connection, groups, ids, knowledge)
    _replace_forms(connection, surnames, [(s, ids[s.group_key]) for g in groupings.values() for s in g.forms])
    class_ids = _write_classes(connection, surnames, [
        (c, ids[c.decision.key] if c.decision and c.decision.key else None)
        for g in groupings.values() for c in g.classes.values()])
    updates = []
    for member in (m for block in blocks.values() for m in block):
        member.class_id = class_ids.get(member.class_key) if member.class_key else None
        if member.ae_id is not None and (member.form_key, member.class_id) != (member.stored_form,
                                                                                member.stored_class_id):
            updates.append({"target": member.ae_id, "new_form": member.form_key, "new_class": member.class_id})
    ae = schema.article_entities
    if updates:
        connection.execute(ae.update().where(ae.c.id == sa.bindparam("target")).values(
            form=sa.bindparam("new_form"), class_id=sa.bindparam("new_class")), updates)
    return changed


def _load_block_members(connection: sa.Connection, surnames: Sequence[str],
                        knowledge: Knowledge) -> dict[str, list[Member]]:
    ae, a = schema.article_entities, schema.articles
    blocks: dict[str, list[Member]] = defaultdict(list)
    for chunk in in_chunks(surnames):
        rows = connection.execute(
            sa.select(ae.c.id, ae.c.name, ae.c.titles, ae.c.affiliations, ae.c.article_id, ae.c.local_id,
                      ae.c.entity_id, ae.c.link_reason, ae.c.surname, ae.c.form, ae.c.class_id, a.c.key,
                      a.c.published, a.c.url)
            .join(a, a.c.id == ae.c.article_id).where(ae.c.surname.in_(chunk)))
        for row in rows:
            blocks[row.surname].append(prepare(Member(
                row.name, list(row.titles or ()), list(row.affiliations or ()), row.article_id, row.key,
                row.local_id, row.published, host_of(row.url), ae_id=row.id, entity_id=row.entity_id,
                stored_reason=row.link_reason, stored_form=row.form, stored_class_id=row.class_id), knowledge))
    return blocks


def _entity_ids(connection: sa.Connection, groups: Sequence[Group], *, run_id: int | None,
                now: dt.datetime) -> dict[str, int]:
    """Each group's entity id, found by key, else created."""
    e = schema.entities
    keys = [g.key for g in groups]
    ids = _ids_by(connection, schema.entities.c.merge_key, keys)
    missing = [g for g in groups if g.key not in ids]
    if missing:
        insert_ignoring_conflicts(connection, e, [
            {"name": g.display_name(), "norm_name": normalize_name(g.display_name()), "label": PERSON,
             "merge_key": g.key, "run_id": run_id, "created": now} for g in missing], ["merge_key"])
        ids.update(_ids_by(connection, schema.entities.c.merge_key, [g.key for g in missing]))
    return ids


def _apply(connection: sa.Connection, groups: Sequence[Group], ids: dict[str, int], knowledge: Knowledge) -> int:
    """Write each group's entity and point its members at it; the number of stored members
    whose person or reason changed."""
    _update_entities(connection, _group_values(groups, ids), knowledge)
    moved, relabelled = [], []
    old_ids: set[int | None] = set()
    gained: set[int] = set()
    for group in groups:
        entity_id = ids[group.key]
        for member in group.members:
            if member.ae_id is None:
                member.entity_id = entity_id
            elif member.entity_id != entity_id:
                old_ids.add(member.entity_id)
                gained.add(entity_id)
                moved.append({"target": member.ae_id, "new_entity": entity_id, "new_reason": member.link_reason})
            elif member.link_reason != member.stored_reason:
                relabelled.append({"target": member.ae_id, "new_reason": member.link_reason})
    _repoint(connection, moved)
    _relabel(connection, relabelled)
    _drop_orphans(connection, old_ids - set(ids.values()))
    if gained:
        merge_duplicate_clusters(connection, sorted(gained))
    return len(moved) + len(relabelled)


def _group_values(groups: Sequence[Group], ids: dict[str, int]) -> dict[int, tuple[str, list[dict[str, Any]], bool]]:
    """Each group's entity id -> its name, history (read from its members) and ambiguity."""
    return {ids[g.key]: (g.display_name(), merge_history([], g.members), g.ambiguous) for g in groups}


# -- a batch of known forms ------------------------------------------------------------------

def _extend(connection: sa.Connection, surname: str, forms: dict[str, FormSummary], members: Sequence[Member],
            knowledge: Knowledge, *, run_id: int | None, now: dt.datetime) -> int:
    """Link `members` of block `surname`, whose full names all have known `forms`."""
    full = [m for m in members if m.full]
    by_form: dict[str, list[Member]] = defaultdict(list)
    for member in full:
        by_form[member.form_key].append(member)  # type: ignore[index]
    attributes_changed = False
    for key, named in by_form.items():
        summary = forms[key]
        attributes_changed |= summary.add(named)
        for member in named:
            member.entity_id, member.link_reason = summary.entity_id, summary.reason
    entity_of: dict[str, int] = {}
    for s in forms.values():
        assert s.entity_id is not None, "forms read from the store have their person (person_forms.entity_id NOT NULL)"
        entity_of[s.group_key] = s.entity_id
    persons = persons_of(forms.values(), {s.group_key for s in forms.values() if s.reason.startswith("ambiguous")})

    in_article: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for member in full:
        in_article[member.article_key][forms[member.form_key].group_key].append(member.name)  # type: ignore[index]
    new_classes: dict[str, BareClass] = {}
    own: list[Member] = []
    for member in sorted((m for m in members if not m.full), key=lambda m: (m.article_key, m.local_id)):
        if member.article_key in in_article:
            _place(member, Decision(*same_article_reason(in_article[member.article_key])), entity_of, own)
        else:
            bare_class = BareClass.of(member)
            member.class_key = new_classes.setdefault(bare_class.key, bare_class).key

    stored = _load_classes(connection, surname, list(new_classes), {m.published for m in full if m.published},
                           changed_counts=bool(full), attributes_changed=attributes_changed)
    to_decide = {**new_classes, **{c.key: c for c, _, _ in stored.values()}}
    evidence = _window_evidence(connection, surname, forms, [c.day for c in to_decide.values() if c.day], full)
    changed = 0
    regained: set[int] = set()
    lost: set[int] = set()
    dirty = []
    conflicts: dict[tuple, bool] = {}
    for key, bare_class in to_decide.items():
        bare_class.decision = bare_class.decide(persons, evidence, knowledge, conflicts)
        new_entity = entity_of[bare_class.decision.key] if bare_class.decision.key else None
        if key not in stored:
            dirty.append((bare_class, new_entity))
            continue
        _, class_id, (old_entity, old_reason) = stored[key]
        if (new_entity, bare_class.decision.reason) != (old_entity, old_reason):
            dirty.append((bare_class, new_entity))
            changed += _move_class(connection, class_id, bare_class, new_entity, old_entity, knowledge,
                                   run_id=run_id, now=now)
            if old_entity is not None:
                lost.add(old_entity)
            if new_entity is not None:
                regained.add(new_entity)
    for member in members:
        if member.class_key:
            _place(member, to_decide[member.class_key].decision, entity_of, own)  # type: ignore[arg-type]
    _create_own(connection, own, run_id=run_id, now=now)

    class_ids = {key: stored[key][1] for key in stored} | _write_classes(connection, [], dirty)
    for member in members:
        member.class_id = class_ids.get(member.class_key) if member.class_key else None
    _update_forms(connection, [forms[key] for key in by_form])

    persons_ids = set(entity_of.values())
    joined: dict[int, list[Member]] = defaultdict(list)
    for member in members:
        if member.entity_id in persons_ids:
            joined[member.entity_id].append(member)
    touched = set(joined) | regained | lost
    if touched:
        _update_group_entities(connection, sorted(touched), forms, joined, regained | lost, knowledge)
    if regained:
        merge_duplicate_clusters(connection, sorted(regained))
    return changed


def _place(member: Member, decision: Decision, entity_of: dict[str, int], own: list[Member]) -> None:
    member.link_reason = decision.reason
    if decision.key is None:
        own.append(member)
    else:
        member.entity_id = entity_of[decision.key]


def _load_forms(connection: sa.Connection, surnames: Sequence[str]) -> dict[str, dict[str, FormSummary]]:
    f = schema.person_forms
    forms: dict[str, dict[str, FormSummary]] = defaultdict(dict)
    for chunk in in_chunks(surnames):
        for row in connection.execute(sa.select(f).where(f.c.surname.in_(chunk))):
            forms[row.surname][row.key] = FormSummary(
                row.key, row.surname, row.tokens, row.generation, row.group_key, row.reason, Counter(row.names),
                Counter(row.canonicals or {}), set(row.titles or ()), set(row.affiliations or ()), row.articles,
                row.entity_id)
    return forms


def _form_row(summary: FormSummary, entity_id: int | None) -> dict[str, Any]:
    return {"key": summary.key, "surname": summary.surname, "tokens": summary.tokens, "generation": summary.generation,
            "group_key": summary.group_key, "entity_id": entity_id, "reason": summary.reason,
            "names": dict(summary.names), "canonicals": dict(summary.canonicals) or None,
            "titles": sorted(summary.titles) or None, "affiliations": sorted(summary.affiliations) or None,
            "articles": summary.articles}


def _replace_forms(connection: sa.Connection, surnames: Sequence[str],
                   summaries: Sequence[tuple[FormSummary, int]]) -> None:
    """Every stored form of blocks `surnames` replaced by `summaries`."""
    f = schema.person_forms
    connection.execute(f.delete().where(f.c.surname.in_(list(surnames))))
    if summaries:
        connection.execute(f.insert(), [_form_row(s, entity_id) for s, entity_id in summaries])


def _update_forms(connection: sa.Connection, summaries: Sequence[FormSummary]) -> None:
    """The counts of stored forms, after a batch added names to them."""
    f = schema.person_forms
    counted = ("names", "canonicals", "titles", "affiliations", "articles")
    if summaries:
        connection.execute(f.update().where(f.c.key == sa.bindparam("target")).values(
            **{k: sa.bindparam(f"new_{k}", type_=f.c[k].type) for k in counted}),
            [{"target": s.key, **{f"new_{k}": v for k, v in _form_row(s, s.entity_id).items() if k in counted}}
             for s in summaries])


def _load_classes(connection: sa.Connection, surname: str, keys: Sequence[str], days: set[dt.date], *,
                  changed_counts: bool, attributes_changed: bool
                  ) -> dict[str, tuple[BareClass, int, tuple[int | None, str]]]:
    """The stored classes of a block whose decision the batch may change: those it adds
    names to, and when it adds full names, those within the window of their dates, those
    decided by counts over the store, and (titles or affiliations new to a person) those
    with titles or affiliations."""
    c = schema.person_classes
    wanted: list[sa.ColumnElement[bool]] = [c.c.key.in_(list(keys))] if keys else []
    if changed_counts:
        wanted += [c.c.day.between(d - dt.timedelta(days=WINDOW_DAYS), d + dt.timedelta(days=WINDOW_DAYS))
                   for d in sorted(days)]
        wanted.append(c.c.uses_store)
    if attributes_changed:
        wanted += [c.c.titles.is_not(None), c.c.affiliations.is_not(None)]
    if not wanted:
        return {}
    return {row.key: (BareClass.from_key(row.key), row.id, (row.entity_id, row.reason)) for row in connection.execute(
        sa.select(c.c.id, c.c.key, c.c.entity_id, c.c.reason).where(c.c.surname == surname, sa.or_(*wanted)))}


def _write_classes(connection: sa.Connection, surnames: Sequence[str],
                   classes: Sequence[tuple[BareClass, int | None]]) -> dict[str, int]:
    """Store the classes' decisions (and drop the other stored classes of blocks `surnames`);
    class key -> id."""
    c = schema.person_classes
    rows = [{"key": k.key, "surname": k.surname, "day": k.day, "host": k.host, "titles": k.titles or None,
             "affiliations": k.affiliations or None, "entity_id": entity_id, "reason": k.decision.reason,
             "uses_store": k.decision.uses_store} for k, entity_id in classes if k.decision]
    insert_ignoring_conflicts(connection, c, rows, ["key"])
    if rows:
        connection.execute(c.update().where(c.c.key == sa.bindparam("target")).values(
            entity_id=sa.bindparam("new_entity"), reason=sa.bindparam("new_reason"),
            uses_store=sa.bindparam("new_uses_store")),
            [{"target": r["key"], "new_entity": r["entity_id"], "new_reason": r["reason"],
              "new_uses_store": r["uses_store"]} for r in rows])
    ids = _ids_by(connection, schema.person_classes.c.key, [bare_class.key for bare_class, _ in classes])
    if surnames:
        kept = set(ids.values())
        doomed = [i for i in connection.scalars(sa.select(c.c.id).where(c.c.surname.in_(list(surnames)))) if i not in kept]
        for chunk in in_chunks(doomed):
            connection.execute(c.delete().where(c.c.id.in_(chunk)))
    return ids


def _ids_by(connection: sa.Connection, key: sa.Column, keys: Sequence[str]) -> dict[str, int]:
    """key -> id of the rows of `key`'s table whose `key` column holds one of `keys`."""
    found: dict[str, int] = {}
    for chunk in in_chunks(keys):
        found.update(connection.execute(sa.select(key, key.table.c.id).where(key.in_(chunk))).all())
    return found


def _window_evidence(connection: sa.Connection, surname: str, forms: dict[str, FormSummary],
                     days: Sequence[dt.date], new: Sequence[Member]) -> Evidence:
    """The articles naming each form of the block within the evidence window of `days`, by
    date and site, stored (counted by the database) and `new`."""
    ae = schema.article_entities
    by_form: dict[str, list[Member]] = defaultdict(list)
    for member in new:
        by_form[member.form_key].append(member)  # type: ignore[index]
    seen = sightings((forms[key].group_key, members) for key, members in by_form.items())
    windows: list[list[dt.date]] = []
    for day in sorted(set(days)):
        low, high = day - dt.timedelta(days=WINDOW_DAYS), day + dt.timedelta(days=WINDOW_DAYS)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = high
        else:
            windows.append([low, high])
    for low, high in windows:
        rows = connection.execute(
            sa.select(ae.c.form, ae.c.day, ae.c.host, sa.func.count(sa.distinct(ae.c.article_id)))
            .where(ae.c.surname == surname, ae.c.day.between(low, high), ae.c.form.is_not(None))
            .group_by(ae.c.form, ae.c.day, ae.c.host))
        seen += [(forms[form].group_key, day, host, count) for form, day, host, count in rows if form in forms]
    return Evidence(seen)


def _move_class(connection: sa.Connection, class_id: int, bare_class: BareClass, new_entity: int | None,
                old_entity: int | None, knowledge: Knowledge, *, run_id: int | None, now: dt.datetime) -> int:
    """Give the stored names of a class its new decision; how many changed."""
    ae, a = schema.article_entities, schema.articles
    reason = bare_class.decision.reason  # type: ignore[union-attr]
    rows = connection.execute(sa.select(ae.c.id, ae.c.entity_id, ae.c.name, ae.c.local_id, ae.c.titles,
                                        ae.c.affiliations, a.c.key, a.c.published)
                              .join(a, a.c.id == ae.c.article_id).where(ae.c.class_id == class_id)).all()
    if new_entity is None:
        members = [prepare(Member(r.name, list(r.titles or ()), list(r.affiliations or ()), None, r.key, r.local_id,
                                  r.published, None, ae_id=r.id, entity_id=r.entity_id, link_reason=reason),
                           knowledge) for r in rows]
        targets = _create_own(connection, members, run_id=run_id, now=now,
                              ambiguous=bare_class.decision.ambiguous)  # type: ignore[union-attr]
    else:
        targets = {r.id: new_entity for r in rows}
    moved = [{"target": r.id, "new_entity": targets[r.id], "new_reason": reason} for r in rows
             if targets[r.id] != r.entity_id]
    _repoint(connection, moved)
    _relabel(connection, [{"target": r.id, "new_reason": reason} for r in rows if targets[r.id] == r.entity_id])
    _drop_orphans(connection, {r.entity_id for r in rows} - {old_entity, new_entity})
    return len(rows)


def _create_own(connection: sa.Connection, members: Sequence[Member], *, run_id: int | None, now: dt.datetime,
                ambiguous: bool | None = None) -> dict[int | None, int]:
    """An entity of its own for each bare surname in `members` (sets `entity_id` on new
    ones); stored member id -> entity id."""
    if not members:
        return {}
    keys = [own_key(m) for m in members]
    groups = [Group(key, None, [m]) for key, m in zip(keys, members)]
    for group, member in zip(groups, members):
        group.ambiguous = member.link_reason.startswith("ambiguous") if ambiguous is None else ambiguous  # type: ignore[union-attr]
    ids = _entity_ids(connection, groups, run_id=run_id, now=now)
    _update_entities(connection, _group_values(groups, ids), Knowledge())
    targets = {}
    for key, member in zip(keys, members):
        if member.ae_id is None:
            member.entity_id = ids[key]
        targets[member.ae_id] = ids[key]
    return targets


def _update_group_entities(connection: sa.Connection, entity_ids: Sequence[int], forms: dict[str, FormSummary],
                           joined: dict[int, list[Member]], recount: set[int], knowledge: Knowledge) -> None:
    """Name and history of the block's persons that gained names: the history extended by the
    new names, or read again from every name where a class moved (`recount`)."""
    stored = _entity_rows(connection, entity_ids)
    values = {}
    for entity_id in entity_ids:
        row = stored[entity_id]
        summaries = [s for s in forms.values() if s.entity_id == entity_id]
        canonicals = sum((s.canonicals for s in summaries), Counter())
        names = next(s.names for s in summaries if s.key == row.merge_key)
        if entity_id in recount:
            history = merge_history([], _stored_members(connection, entity_id) + joined.get(entity_id, []))
        else:
            history = merge_history(row.attribute_history or [], joined.get(entity_id, []))
        values[entity_id] = (display_name(canonicals, names), history, row.ambiguous)
    _update_entities(connection, values, knowledge, stored)


def _stored_members(connection: sa.Connection, entity_id: int) -> list[Member]:
    ae, a = schema.article_entities, schema.articles
    return [Member(r.name, list(r.titles or ()), list(r.affiliations or ()), None, r.key, r.local_id, r.published,
                   None) for r in connection.execute(
        sa.select(ae.c.name, ae.c.titles, ae.c.affiliations, ae.c.local_id, a.c.key, a.c.published)
        .join(a, a.c.id == ae.c.article_id).where(ae.c.entity_id == entity_id))]


# -- entities and the rows that follow them ---------------------------------------------------

_ENTITY_COLUMNS = ("name", "name_key", "surname", "titles", "affiliations", "attribute_history", "ambiguous",
                   "wikidata_id")


def _entity_rows(connection: sa.Connection, ids: Sequence[int]) -> dict[int, Any]:
    e = schema.entities
    return {row.id: row for chunk in in_chunks(ids) for row in connection.execute(
        sa.select(e.c.id, e.c.merge_key, *(e.c[k] for k in _ENTITY_COLUMNS)).where(e.c.id.in_(chunk)))}


def _update_entities(connection: sa.Connection, values: dict[int, tuple[str, list[dict[str, Any]], bool]],
                     knowledge: Knowledge, rows: dict[int, Any] | None = None) -> None:
    """Set name, titles, affiliations, history, ambiguity and Wikidata id where they differ
    from the stored `rows` (read here when not given)."""
    e = schema.entities
    rows = rows if rows is not None else _entity_rows(connection, sorted(values))
    updates = []
    for entity_id, (name, history, ambiguous) in values.items():
        titles, affiliations = split_history(history)
        tokens = person_tokens(name)
        new = {"name": name, "name_key": name_key(name, PERSON), "surname": tokens[-1] if tokens else None,
               "titles": titles or None, "affiliations": affiliations or None, "attribute_history": history or None,
               "ambiguous": ambiguous, "wikidata_id": knowledge.wikidata.get(name_key(name, PERSON))}
        if any(getattr(rows[entity_id], k) != v for k, v in new.items()):
            updates.append({"target": entity_id, **{f"new_{k}": v for k, v in new.items()}})
    if updates:
        connection.execute(e.update().where(e.c.id == sa.bindparam("target")).values(
            **{k: sa.bindparam(f"new_{k}", type_=e.c[k].type) for k in _ENTITY_COLUMNS}), updates)


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


def _relabel(connection: sa.Connection, relabelled: list[dict[str, Any]]) -> None:
    if relabelled:
        ae = schema.article_entities
        connection.execute(ae.update().where(ae.c.id == sa.bindparam("target")).values(
            link_reason=sa.bindparam("new_reason")), relabelled)


def _drop_orphans(connection: sa.Connection, candidates: set[int | None]) -> None:
    """Delete the entities no article entity points at any more; their statement clusters
    go to the entity their quotes now have."""
    e, ae, c, q = schema.entities, schema.article_entities, schema.quote_clusters, schema.quotes
    ids = {i for i in candidates if i is not None}
    if not ids:
        return
    used = set(connection.scalars(sa.select(ae.c.entity_id).where(ae.c.entity_id.in_(sorted(ids))).distinct()))
    orphans = sorted(ids - used)
    if not orphans:
        return
    connection.execute(c.update().where(c.c.entity_id.in_(orphans)).values(
        entity_id=sa.select(sa.func.min(q.c.speaker_entity_id)).where(q.c.cluster_id == c.c.id).scalar_subquery()))
    connection.execute(e.delete().where(e.c.id.in_(orphans)))
