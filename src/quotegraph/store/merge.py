"""Corpus entities: one row per real-world person across articles (the writer calls `assign_entities`).

The rule, for a PERSON entity of an article (anonymous and collective sources, such as
"officials" or "a senior aide", are never merged: each stays its own entity):

1. Its name is normalised (`person_tokens`): case, accents and punctuation are ignored,
   leading honorifics and titles ("Mr.", "Dr.", "President", "Sen.") and trailing
   suffixes ("Jr.", "III") are dropped; the last token is the surname.
2. Candidates are the corpus persons with that surname (one indexed lookup per batch,
   plus the persons created earlier in the same batch).
3. A full name (two tokens or more) links to a candidate whose name is the same, or a
   fuller or shorter form of it ("Nayib Bukele" ~ "Nayib Armando Bukele": same first name
   and surname, the shorter's middle names all in the longer), unless their titles and
   affiliations disagree (`conflict`). An exact name wins over a fuller one; among several
   fuller forms only a unique one, or the only one whose titles/affiliations agree, links.
   A first name given as an initial ("J. Smith") links only to a unique candidate whose
   titles or affiliations agree.
4. A bare surname ("Smith") links only if exactly one corpus person with two tokens or
   more has that surname AND a title or affiliation agrees; otherwise it stays its own
   entity (and is never reused by another bare surname). So "John Smith" and "Jane
   Smith" stay apart, and "Smith" joins neither unless one of them is the only Smith.

Other labels (ORG, GPE, ...) link by label and normalised name (`write.merge_key`).

When an entity links, the corpus row keeps the fullest name seen and the union of the
titles and affiliations. Linking happens at ingest, in order: a bare "Smith" stored
before any "John Smith" stays its own entity (nothing is re-pointed later).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import sqlalchemy as sa

from . import schema

PERSON = "PERSON"

# Leading words that are honorifics or titles, not names (matched after normalisation).
HONORIFICS = frozenset("""
mr mrs ms miss mx dr doctor prof professor sir dame lord lady rev reverend fr father sister brother
sen senator rep representative congressman congresswoman gov governor president pres vice prime minister
secretary judge justice chief gen general col colonel maj major capt captain lt lieutenant sgt sergeant
adm admiral cmdr commander mayor chancellor king queen prince princess pope sheikh sheik imam rabbi
ambassador attorney speaker premier deputy former acting interim then ex the
""".split())
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
# Words in titles that say nothing about which title it is.
_TITLE_NOISE = frozenset({"former", "then", "ex", "acting", "interim", "incoming", "outgoing", "the", "of", "a", "an"})
_JOINERS = re.compile(r"['’‘`-]")
_NOT_WORD = re.compile(r"[^\w]+")


def normal_words(text: str) -> list[str]:
    """Lowercase, accent-free words ("O’Neil-Smith, Jr." -> ["oneilsmith", "jr"])."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return [word for word in _NOT_WORD.split(_JOINERS.sub("", plain)) if word and word != "_"]


def person_tokens(name: str) -> list[str]:
    """A person's name without honorifics and suffixes ("Dr. José Álvarez Jr." -> ["jose", "alvarez"])."""
    words = normal_words(name)
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    return words


def name_key(name: str, label: str) -> str:
    """The normalised name a corpus entity is found by ("joe biden"; persons without honorifics)."""
    return " ".join(person_tokens(name) if label == PERSON else normal_words(name))


def surname(name: str) -> str | None:
    tokens = person_tokens(name)
    return tokens[-1] if tokens else None


def _title_head(title: str) -> str | None:
    words = [w for w in normal_words(title) if w not in _TITLE_NOISE]
    return words[-1] if words else None


def _affiliation_words(affiliation: str) -> frozenset[str]:
    return frozenset(w for w in normal_words(affiliation) if w not in _TITLE_NOISE)


def titles_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    """Some title of each names the same office ("U.S. President" ~ "president")."""
    heads_a = {h for h in map(_title_head, a) if h}
    return bool(heads_a & {h for h in map(_title_head, b) if h})


def affiliations_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    """Some affiliation of one is the other's or contained in it ("El Salvador" ~ "the government of El Salvador")."""
    words_b = [w for w in map(_affiliation_words, b) if w]
    return any(wa <= wb or wb <= wa for wa in map(_affiliation_words, a) if wa for wb in words_b)


@dataclass
class Attributes:
    """A name's titles and affiliations, as compared by the merge rule."""

    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)

    def agree(self, other: "Attributes") -> bool:
        """A title or an affiliation in common: positive evidence of the same person."""
        return titles_agree(self.titles, other.titles) or affiliations_agree(self.affiliations, other.affiliations)

    def conflict(self, other: "Attributes") -> bool:
        """Evidence of two people: affiliations on both sides and none in common, or titles on
        both sides and none in common (unless an affiliation is shared)."""
        if self.affiliations and other.affiliations and not affiliations_agree(self.affiliations, other.affiliations):
            return True
        return bool(self.titles and other.titles and not titles_agree(self.titles, other.titles)
                    and not affiliations_agree(self.affiliations, other.affiliations))


def name_relation(a: Sequence[str], b: Sequence[str]) -> str | None:
    """How two person names (token lists, two tokens or more) relate: "same", "fuller" (one
    is the other with more middle names), "initial" (a first name given as an initial), or None."""
    if list(a) == list(b):
        return "same"
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1]:
        return None
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    middles = list(long[1:-1])
    for token in short[1:-1]:
        match = next((m for m in middles if m == token or (len(token) == 1 and m.startswith(token))
                      or (len(m) == 1 and token.startswith(m))), None)
        if match is None:
            return None
        middles.remove(match)
    if short[0] == long[0]:
        return "fuller"
    if (len(short[0]) == 1 and long[0].startswith(short[0])) or (len(long[0]) == 1 and short[0].startswith(long[0])):
        return "initial"
    return None


@dataclass
class Candidate:
    """A corpus person that an article entity may link to (stored, or new in this batch)."""

    tokens: list[str]
    attributes: Attributes
    id: int | None = None  # None until inserted
    key: int = 0  # position among candidates, for picking the oldest


def choose(tokens: Sequence[str], attributes: Attributes, candidates: Sequence[Candidate]) -> Candidate | None:
    """The corpus person an article's named person links to, or None (a new entity): the rule
    of the module's docstring, on candidates sharing its surname (oldest first)."""
    if not tokens:
        return None
    if len(tokens) == 1:  # a bare surname
        full = [c for c in candidates if len(c.tokens) >= 2 and c.tokens[-1] == tokens[0]]
        if len(full) == 1 and attributes.agree(full[0].attributes):
            return full[0]
        return None
    related = [(name_relation(tokens, c.tokens), c) for c in candidates if len(c.tokens) >= 2]
    fitting = [(relation, c) for relation, c in related if relation and not attributes.conflict(c.attributes)]
    same = [c for relation, c in fitting if relation == "same"]
    if same:
        agreeing = [c for c in same if attributes.agree(c.attributes)]
        return (agreeing or same)[0]
    fuller = [c for relation, c in fitting if relation == "fuller"]
    if len(fuller) == 1:
        return fuller[0]
    if fuller:
        agreeing = [c for c in fuller if attributes.agree(c.attributes)]
        return agreeing[0] if len(agreeing) == 1 else None
    initial = [c for relation, c in fitting if relation == "initial"]
    if len(initial) == 1 and attributes.agree(initial[0].attributes):
        return initial[0]
    return None


def _union(old: Sequence[str] | None, new: Sequence[str] | None, words: Any) -> list[str]:
    out, seen = [], set()
    for item in [*(old or ()), *(new or ())]:
        key = tuple(words(item))
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _fuller(name_a: str, name_b: str) -> str:
    """The fuller of two names of one person: more name tokens, then longer."""
    return max((name_a, name_b), key=lambda n: (len(person_tokens(n)), len(n)))


def _attributes(entity: dict[str, Any]) -> Attributes:
    return Attributes(list(entity.get("titles") or ()), list(entity.get("affiliations") or ()))


def entity_row(entity: dict[str, Any], *, run_id: int, now: dt.datetime) -> dict[str, Any]:
    """A new corpus entity row for a record's entity."""
    from .write import merge_key, normalize_name

    label = entity.get("label") or ""
    tokens = person_tokens(entity["name"]) if label == PERSON else []
    return {"name": entity["name"], "norm_name": normalize_name(entity["name"]), "label": label,
            "merge_key": merge_key(entity), "name_key": name_key(entity["name"], label),
            "surname": tokens[-1] if tokens else None,
            "titles": entity.get("titles") or None, "affiliations": entity.get("affiliations") or None,
            "anonymous": bool(entity.get("anonymous")), "collective": bool(entity.get("collective")),
            "run_id": run_id, "created": now}


def assign_entities(connection: sa.Connection, entities: Sequence[dict[str, Any]], *, run_id: int,
                    now: dt.datetime) -> list[int]:
    """The corpus entity id for each of `entities` (records' entities, in order): an existing
    row linked by the module's rule (its name, titles and affiliations updated), or a new one."""
    from .write import merge_key

    table = schema.entities
    # named non-persons: by merge key
    keys = {key for entity in entities if (entity.get("label") or "") != PERSON
            and (key := merge_key(entity)) is not None}
    by_key: dict[str, int | str] = {}
    if keys:
        found = connection.execute(sa.select(table.c.merge_key, sa.func.min(table.c.id))
                                   .where(table.c.merge_key.in_(sorted(keys))).group_by(table.c.merge_key))
        by_key.update({key: entity_id for key, entity_id in found})
    # named persons: candidates by surname
    surnames = {tokens[-1] for entity in entities if _is_named_person(entity)
                and (tokens := person_tokens(entity["name"]))}
    by_surname: dict[str, list[Candidate]] = {}
    stored: dict[int, dict[str, Any]] = {}
    if surnames:
        rows = connection.execute(
            sa.select(table.c.id, table.c.name, table.c.titles, table.c.affiliations, table.c.surname)
            .where(table.c.surname.in_(sorted(surnames)), table.c.label == PERSON,
                   table.c.anonymous == sa.false(), table.c.collective == sa.false())
            .order_by(table.c.id))
        for row in rows:
            stored[row.id] = {"name": row.name, "titles": row.titles, "affiliations": row.affiliations}
            by_surname.setdefault(row.surname, []).append(
                Candidate(person_tokens(row.name), Attributes(list(row.titles or ()), list(row.affiliations or ())),
                          id=row.id, key=len(stored)))

    new_rows: list[dict[str, Any]] = []
    owner: list[tuple[str, Any]] = []  # per entity: ("id", corpus id) or ("new", index into new_rows)
    changed: set[int] = set()  # stored ids whose name/titles/affiliations grew
    candidate_rows: dict[int, Any] = {}  # id(candidate) -> ("id", id) or ("new", index)
    for entity in entities:
        label = entity.get("label") or ""
        if _is_named_person(entity):
            tokens = person_tokens(entity["name"])
            attributes = _attributes(entity)
            pool = by_surname.setdefault(tokens[-1], [])
            chosen = choose(tokens, attributes, pool)
            if chosen is None:
                new_rows.append(entity_row(entity, run_id=run_id, now=now))
                candidate = Candidate(tokens, attributes, key=10**9 + len(new_rows))
                candidate_rows[id(candidate)] = ("new", len(new_rows) - 1)
                if len(tokens) >= 2:  # a bare surname is never a candidate for others
                    pool.append(candidate)
                owner.append(("new", len(new_rows) - 1))
                continue
            where = ("id", chosen.id) if chosen.id is not None else candidate_rows[id(chosen)]
            target = stored[chosen.id] if chosen.id is not None else new_rows[where[1]]
            name = _fuller(target["name"], entity["name"])
            titles = _union(target["titles"], entity.get("titles"), _title_words)
            affiliations = _union(target["affiliations"], entity.get("affiliations"), normal_words)
            if (name, titles, affiliations) != (target["name"], list(target["titles"] or ()),
                                                list(target["affiliations"] or ())):
                target.update(name=name, titles=titles or None, affiliations=affiliations or None)
                if chosen.id is not None:
                    changed.add(chosen.id)
            chosen.tokens = person_tokens(name)
            chosen.attributes = Attributes(titles, affiliations)
            owner.append(where)
            continue
        key = merge_key(entity) if label != PERSON else None
        if key is not None and key in by_key:
            existing = by_key[key]
            owner.append(("id", existing) if isinstance(existing, int) else ("new", int(existing[4:])))
            continue
        new_rows.append(entity_row(entity, run_id=run_id, now=now))
        if key is not None:
            by_key[key] = f"new:{len(new_rows) - 1}"
        owner.append(("new", len(new_rows) - 1))

    for row in new_rows:  # names may have grown since the row was made
        if row["label"] == PERSON:
            row["name_key"] = name_key(row["name"], PERSON)
    new_ids: list[int] = []
    if new_rows:
        statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        new_ids = list(connection.scalars(statement, new_rows))
    if changed:
        connection.execute(
            table.update().where(table.c.id == sa.bindparam("target_id")).values(
                name=sa.bindparam("new_name"), name_key=sa.bindparam("new_name_key"),
                titles=sa.bindparam("new_titles", type_=schema.Json),
                affiliations=sa.bindparam("new_affiliations", type_=schema.Json)),
            [{"target_id": entity_id, "new_name": stored[entity_id]["name"],
              "new_name_key": name_key(stored[entity_id]["name"], PERSON),
              "new_titles": stored[entity_id]["titles"], "new_affiliations": stored[entity_id]["affiliations"]}
             for entity_id in sorted(changed)])
    return [value if kind == "id" else new_ids[value] for kind, value in owner]


def _title_words(title: str) -> list[str]:
    return [w for w in normal_words(title) if w not in _TITLE_NOISE]


def _is_named_person(entity: dict[str, Any]) -> bool:
    return ((entity.get("label") or "") == PERSON and not entity.get("anonymous") and not entity.get("collective")
            and bool(person_tokens(str(entity.get("name") or ""))))
