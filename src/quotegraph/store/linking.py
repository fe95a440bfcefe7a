"""Corpus persons, the rule: how the named persons of one surname block are grouped into
persons, and why each name belongs where it does. Pure functions over `Member`s; the store
side (summaries, the incremental path, relinking) is `store/person_links.py`.

The rule and what the summaries hold: docs/store.md, "Corpus persons".
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

import sqlalchemy as sa

from ..entities.names import (
    PERSON,
    Attributes,
    generation,
    is_form_of,
    name_key,
    normal_words,
    person_tokens,
    title_words,
)
from . import schema

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
    class_key: str | None = None  # a bare surname decided by the store's evidence: its class
    class_id: int | None = None
    stored_form: str | None = None
    stored_class_id: int | None = None

    @property
    def form(self) -> Form:
        return self.tokens, self.generation

    @property
    def full(self) -> bool:
        return len(self.tokens) >= 2

    @property
    def form_key(self) -> str | None:
        return form_key(self.form) if self.full else None

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

    def display_name(self) -> str:
        if self.form is None:  # a bare surname of its own
            return self.members[0].canonical or self.members[0].name
        full = [m for m in self.members if m.full]
        return display_name(Counter(m.canonical for m in full if m.canonical),
                            Counter(m.name for m in full if m.form == self.form))


def display_name(canonicals: Counter, names: Counter) -> str:
    """An alias's canonical name, else the name most often given in full for the person's
    fullest form; ties: the longest, then the first alphabetically."""
    counts = canonicals or names
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


def prepare(member: Member, knowledge: Knowledge) -> Member:
    """Read the member's name through the aliases."""
    canonical = knowledge.canonical(member.name)
    member.tokens, member.generation = tuple(person_tokens(canonical)), generation(canonical)
    member.canonical = canonical if canonical != member.name else None
    return member


def tokens_key(form: Form) -> str:
    return " ".join(form[0])


def form_key(form: Form) -> str:
    """The key of a full name's form, and of the person whose fullest form it is."""
    tokens, suffix = form
    return f"{PERSON}:{' '.join(tokens)}" + (f" {suffix}" if suffix else "")


def label(form: Form) -> str:
    """A form as reasons name it; from the form alone, so a reason never goes stale."""
    tokens, suffix = form
    words = [t.capitalize() for t in tokens]
    if suffix:
        words.append(suffix.upper() if suffix != "jr" else "Jr.")
    return " ".join(words)


def class_key(surname: str, day: dt.date | None, host: str | None, titles: Sequence[str],
              affiliations: Sequence[str]) -> str:
    """Bare surnames that the store's evidence decides alike: the same surname, date, site
    (dated ones) and titles and affiliations."""
    return json.dumps([surname, day.isoformat() if day else None, host if day else None,
                       sorted(set(titles)), sorted(set(affiliations))], ensure_ascii=False)


@dataclass(frozen=True)
class Person:
    """A person of a block as the evidence for a bare surname sees it."""

    key: str
    form: Form
    attributes: Attributes  # of the names given in full
    articles: int  # articles naming each of its forms in full, summed


@dataclass(frozen=True)
class Decision:
    key: str | None  # the person's, None: the name stays its own entity
    reason: str
    uses_store: bool = False  # decided by counts over the whole store

    @property
    def ambiguous(self) -> bool:
        return self.reason.startswith("ambiguous")


Sighting = tuple[str, "dt.date | None", "str | None", int]  # person key, date, site, articles


def sightings(forms: Iterable[tuple[str, Iterable[Member]]]) -> list[Sighting]:
    """(person key, members of one form) -> the articles naming the form, by date and site."""
    found: list[Sighting] = []
    for key, members in forms:
        articles: dict[tuple[dt.date | None, str | None], set[str]] = defaultdict(set)
        for member in members:
            articles[member.published, member.host].add(member.article_key)
        found += [(key, day, host, len(keys)) for (day, host), keys in articles.items()]
    return found


class Evidence:
    """Which persons the articles near a date name in full, by site: the articles naming
    each form of a person, summed over its forms."""

    def __init__(self, seen: Iterable[Sighting]) -> None:
        days: dict[str, Counter] = defaultdict(Counter)
        site_days: dict[tuple[str, str | None], Counter] = defaultdict(Counter)
        for key, published, host, count in seen:
            if published:
                days[key][published.toordinal()] += count
                site_days[key, host][published.toordinal()] += count
        self.days = {k: self._cumulative(v) for k, v in days.items()}
        self.site_days = {k: self._cumulative(v) for k, v in site_days.items()}

    @staticmethod
    def _cumulative(counts: Counter) -> tuple[list[int], list[int]]:
        ordinals = sorted(counts)
        sums = [0]
        for ordinal in ordinals:
            sums.append(sums[-1] + counts[ordinal])
        return ordinals, sums

    def near(self, key: str, day: dt.date, host: str | None = None, *, by_site: bool = False) -> int:
        ordinals, sums = (self.site_days.get((key, host)) if by_site else self.days.get(key)) or ([], [0])
        ordinal = day.toordinal()
        return (sums[bisect.bisect_right(ordinals, ordinal + WINDOW_DAYS)]
                - sums[bisect.bisect_left(ordinals, ordinal - WINDOW_DAYS)])


def decide(surname: str, day: dt.date | None, host: str | None, attributes: Attributes, persons: Sequence[Person],
           evidence: Evidence, knowledge: Knowledge, conflicts: dict[tuple, bool] | None = None) -> Decision:
    """Where a bare surname whose article names nobody of that surname in full belongs
    (`conflicts`: a cache of attribute comparisons, for deciding many at once)."""
    shown = surname.capitalize()
    allowed = [p for p in persons if not knowledge.split(surname, tokens_key(p.form))]
    if not allowed:
        return Decision(None, "unlinked: no person with this surname is named in full in the store")
    conflicts = {} if conflicts is None else conflicts
    fitting = []
    for person in allowed:
        key = (tuple(attributes.titles), tuple(attributes.affiliations), person.key)
        if key not in conflicts:
            conflicts[key] = attributes.conflict(person.attributes)
        if not conflicts[key]:
            fitting.append(person)
    if len(allowed) == 1 and fitting:
        return Decision(fitting[0].key, f"the only person called {shown} in the store")
    if not fitting:
        return Decision(None, "ambiguous: titles or affiliations contradict "
                        + " and ".join(label(p.form) for p in allowed))
    counts: dict[str, int] = {}
    scope, uses_store = "in the store", False
    if day:
        counts = {p.key: evidence.near(p.key, day, host, by_site=True) for p in allowed}
        scope = f"from {host} within {WINDOW_DAYS} days"
        if not host or not sum(counts.values()):
            counts = {p.key: evidence.near(p.key, day) for p in allowed}
            scope = f"within {WINDOW_DAYS} days"
    if not sum(counts.values()):
        counts, scope, uses_store = {p.key: p.articles for p in allowed}, "in the store", True
    total = sum(counts.values())
    best = max(fitting, key=lambda p: (counts[p.key], p.key))
    # No counts in the reasons: they would change with every article in the window, and
    # every name of the class would be rewritten with them.
    if total and counts[best.key] / total >= DOMINANCE:
        return Decision(best.key, f"{label(best.form)} is named in at least {DOMINANCE:.0%} of the articles naming a "
                        f"{shown} {scope}", uses_store)
    return Decision(None, f"ambiguous: no person is named in {DOMINANCE:.0%} of the articles naming a {shown} {scope}",
                    uses_store)


@dataclass
class FormSummary:
    """What the store keeps of one form of a block (person_forms), so that a batch adding
    names of known forms need not read the block."""

    key: str
    surname: str
    tokens: str
    generation: str | None
    group_key: str
    reason: str
    names: Counter = field(default_factory=Counter)
    canonicals: Counter = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    articles: int = 0
    entity_id: int | None = None  # as stored

    @property
    def form(self) -> Form:
        return tuple(self.tokens.split()), self.generation

    def add(self, members: Sequence[Member]) -> bool:
        """Count new members (of new articles); whether a title or affiliation is new."""
        before = len(self.titles) + len(self.affiliations)
        for member in members:
            self.names[member.name] += 1
            if member.canonical:
                self.canonicals[member.canonical] += 1
            self.titles.update(member.titles)
            self.affiliations.update(member.affiliations)
        self.articles += len({m.article_key for m in members})
        return len(self.titles) + len(self.affiliations) != before


@dataclass
class BareClass:
    """Bare surnames that the store's evidence decides alike (person_classes)."""

    key: str
    surname: str
    day: dt.date | None
    host: str | None
    titles: list[str]
    affiliations: list[str]
    decision: Decision | None = None

    @classmethod
    def from_key(cls, key: str) -> "BareClass":
        surname, day, host, titles, affiliations = json.loads(key)
        return cls(key, surname, dt.date.fromisoformat(day) if day else None, host, titles, affiliations)

    @classmethod
    def of(cls, member: Member) -> "BareClass":
        surname = member.tokens[0]
        key = class_key(surname, member.published, member.host, member.titles, member.affiliations)
        return cls(key, surname, member.published, member.host if member.published else None,
                   sorted(set(member.titles)), sorted(set(member.affiliations)))

    def decide(self, persons: Sequence[Person], evidence: Evidence, knowledge: Knowledge,
               conflicts: dict[tuple, bool] | None = None) -> Decision:
        return decide(self.surname, self.day, self.host, Attributes(self.titles, self.affiliations), persons,
                      evidence, knowledge, conflicts)


def persons_of(forms: Iterable[FormSummary], ambiguous: set[str]) -> list[Person]:
    """The block's persons (groups that are not ambiguous), from its form summaries."""
    by_group: dict[str, list[FormSummary]] = defaultdict(list)
    for summary in forms:
        by_group[summary.group_key].append(summary)
    persons = []
    for key, summaries in sorted(by_group.items()):
        if key in ambiguous:
            continue
        fullest = next(s for s in summaries if s.key == key)
        persons.append(Person(key, fullest.form,
                              Attributes(sorted({t for s in summaries for t in s.titles}),
                                         sorted({a for s in summaries for a in s.affiliations})),
                              sum(s.articles for s in summaries)))
    return persons


def same_article_reason(named: dict[str, list[str]]) -> tuple[str | None, str]:
    """A bare surname in an article that names persons of its surname in full (group key ->
    the article's spellings): the one person, or None when there are several."""
    spelled = [min(named[key]) for key in sorted(named)]
    if len(named) == 1:
        return next(iter(named)), f"named in the same article as {spelled[0]}"
    return None, "ambiguous: the article names " + " and ".join(spelled)


def own_key(member: Member) -> str:
    """The key of a bare surname that stays its own entity."""
    return f"{PERSON}:{member.tokens[0] if member.tokens else ''}@{member.article_key[:16]}:{member.local_id}"


@dataclass
class BlockGrouping:
    groups: list[Group]
    forms: list[FormSummary]
    classes: dict[str, BareClass]


def group_block(members: Sequence[Member], knowledge: Knowledge) -> BlockGrouping:
    """The persons of one block (members sharing a surname), by the module's rule; sets each
    member's `link_reason` (and `class_key` for bare surnames decided by the store)."""
    forms: dict[Form, list[Member]] = defaultdict(list)
    bare: list[Member] = []
    for member in members:
        member.class_key = None
        (forms[member.form] if member.full else bare).append(member)

    def above(low: Form, high: Form) -> bool:
        return (low != high and low[1] == high[1] and is_form_of(low[0], high[0])
                and not knowledge.split(tokens_key(low), tokens_key(high)))

    full = sorted(forms, key=lambda f: (f[0], f[1] or ""))
    maximal = [f for f in full if not any(above(f, g) for g in full)]
    groups: dict[str, Group] = {}
    summaries: list[FormSummary] = []
    group_of: dict[Form, Group] = {}
    for form in full:
        ups = [m for m in maximal if m == form or above(form, m)]
        target = ups[0] if len(ups) == 1 else form
        group = groups.setdefault(form_key(target), Group(form_key(target), target))
        group_of[form] = group
        if len(ups) > 1:
            group.ambiguous = True
            reason = "ambiguous: a shorter form of " + " and ".join(map(label, ups))
        elif target == form:
            reason = "the same name"
        else:
            reason = f"a shorter form of {label(target)}"
        summary = FormSummary(form_key(form), form[0][-1], tokens_key(form), form[1], group.key, reason)
        summary.add(forms[form])
        summaries.append(summary)
        for member in forms[form]:
            member.link_reason = reason
            group.members.append(member)

    persons = persons_of(summaries, {key for key, g in groups.items() if g.ambiguous})
    evidence = Evidence(sightings((group_of[form].key, forms[form]) for form in full))
    conflicts: dict[tuple, bool] = {}
    in_article: dict[int | str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for form in full:
        for member in forms[form]:
            in_article[member.article_id or member.article_key][group_of[form].key].append(member.name)
    classes: dict[str, BareClass] = {}
    for member in sorted(bare, key=lambda m: (m.article_key, m.local_id)):
        named = in_article.get(member.article_id or member.article_key)
        if named:
            key, reason = same_article_reason(named)
            decision = Decision(key, reason)
        else:
            bare_class = BareClass.of(member)
            bare_class = classes.setdefault(bare_class.key, bare_class)
            if bare_class.decision is None:
                bare_class.decision = bare_class.decide(persons, evidence, knowledge, conflicts)
            member.class_key, decision = bare_class.key, bare_class.decision
        if decision.key is None:
            group = groups.setdefault(own_key(member), Group(own_key(member), None))
            group.ambiguous = decision.ambiguous
        else:
            group = groups[decision.key]
        member.link_reason = decision.reason
        group.members.append(member)
    return BlockGrouping(list(groups.values()), summaries, classes)


def _attribute_words(value: str) -> tuple[str, ...]:
    return tuple(title_words(value)) or tuple(normal_words(value))


def merge_history(history: Sequence[dict[str, Any]], members: Iterable[Member]) -> list[dict[str, Any]]:
    """A person's titles and affiliations with the dates and number of articles they were
    seen in, `history` extended by members of articles it does not count yet. Each entry is
    spelled as on its earliest date (ties: the first alphabetically); entries in order of
    their first date."""
    entries = {(e["kind"], _attribute_words(e["value"])): dict(e) for e in history}
    counted: set[tuple[str, tuple[str, ...], str]] = set()
    for member in members:
        day = member.published.isoformat() if member.published else None
        for kind, values in (("title", member.titles), ("affiliation", member.affiliations)):
            for value in values:
                words = _attribute_words(value)
                if not words:
                    continue
                entry = entries.setdefault((kind, words), {"kind": kind, "value": value, "first": None, "last": None,
                                                           "articles": 0})
                first = entry["first"]
                if day is not None and (first is None or day < first):
                    entry["value"] = value
                elif day == first:
                    entry["value"] = min(entry["value"], value)
                if day is not None:
                    entry["first"] = min(first or day, day)
                    entry["last"] = max(entry["last"] or day, day)
                if (kind, words, member.article_key) not in counted:
                    counted.add((kind, words, member.article_key))
                    entry["articles"] += 1
    return sorted(entries.values(), key=lambda e: (e["first"] or "9999-99-99", e["kind"], e["value"]))


def split_history(history: Sequence[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(titles, affiliations) of a history."""
    return ([e["value"] for e in history if e["kind"] == "title"],
            [e["value"] for e in history if e["kind"] == "affiliation"])
