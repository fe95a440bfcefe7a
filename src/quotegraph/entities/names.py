"""Names of people and organisations: one normalisation, one list of honorifics and titles.

Used by `entities` (one article's names and titles), `speakers` (descriptions such as "the
senator"), and the store (corpus entities, statement clusters, speaker queries), so a name
is read the same way everywhere.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..lexicons.common_given_names import FEMALE, MALE
from ..source_types import PERSON as SOURCE_PERSON
from ..source_types import UNNAMED, record_source_type

PERSON = "PERSON"

# Words that make a title when they modify or stand in apposition to a name.
TITLE_WORDS = frozenset("""
president vice secretary senator sen. governor gov. minister chancellor premier mayor judge
justice ceo cfo coo cto chairman chairwoman chair director spokesman spokeswoman spokesperson
representative rep. congressman congresswoman general gen. attorney ambassador commissioner
chief officer executive analyst economist professor prof. dr. doctor leader head founder
co-founder candidate nominee king queen prince princess pope prime deputy lt. lieutenant
colonel col. captain capt. sheriff coach manager president-elect speaker whip treasurer
envoy adviser advisor aide lawyer prosecutor inspector strategist commander sergeant sgt.
admiral adm. superintendent principal dean rabbi reverend rev. bishop cardinal archbishop
emir sultan sheikh chairperson counsel solicitor magistrate senior majority minority
lawmaker legislator official chancellor-elect vice-president vice-chairman organizer organiser
pastor imam
""".split())

# Honorifics: forms of address that give a gender and are not titles of office.
HONORIFICS = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f", "sir": "m",
              "dame": "f", "lord": "m", "lady": "f"}

TITLE_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
                       "dr": "doctor", "lt": "lieutenant", "col": "colonel", "capt": "captain", "prof": "professor",
                       "sgt": "sergeant", "adm": "admiral", "rev": "reverend", "pres": "president",
                       "sec": "secretary", "atty": "attorney", "maj": "major", "cmdr": "commander", "fr": "father"}

# Forms of address before a name that are not titles in running text ("his brother John").
_ADDRESS_ONLY = frozenset("mx father sister brother major imam sheik".split())
# Words in titles that say nothing about which title it is.
TITLE_MODIFIERS = frozenset({"former", "then", "ex", "acting", "interim", "incoming", "outgoing",
                             "the", "of", "a", "an"})
# Generational suffixes tell two people apart ("Donald Trump" is not "Donald Trump Jr.");
# "Sr." is the plain name. Degrees are dropped.
GENERATIONS = {"jr": "jr", "junior": "jr", "ii": "ii", "iii": "iii", "iv": "iv", "v": "v", "sr": None, "senior": None}
_DEGREES = frozenset({"phd", "md", "esq"})

_JOINERS = re.compile(r"['’‘`-]")
_NOT_WORD = re.compile(r"[^\w]+")


def normal_words(text: str) -> list[str]:
    """Lowercase, accent-free words ("O’Neil-Smith, Jr." -> ["oneilsmith", "jr"])."""
    if text.isascii():  # NFKD leaves ASCII as it is, with no combining marks: a tenth of the time
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return [word for word in _NOT_WORD.split(_JOINERS.sub("", plain)) if word and word != "_"]


def normalize_name(name: str) -> str:
    """A name without case, accents, punctuation and extra spaces ("Dr.  José" -> "dr jose")."""
    return " ".join(normal_words(name))


def normalize_title(word: str) -> str:
    """"Sen." and "senator" are one title."""
    key = word.lower().rstrip(".")
    return TITLE_ABBREVIATIONS.get(key, key)


def _name_prefixes() -> frozenset[str]:
    """Leading words of a name that are not part of it: honorifics, titles (a given name
    such as "Dean" excepted) and title modifiers, all as `normal_words` spells them."""
    words = {w for word in (*TITLE_WORDS, *HONORIFICS, *TITLE_ABBREVIATIONS, *TITLE_ABBREVIATIONS.values(),
                            *_ADDRESS_ONLY) for w in normal_words(word)}
    return frozenset((words - MALE - FEMALE) | TITLE_MODIFIERS)


NAME_PREFIXES = _name_prefixes()


def _split_person(name: str) -> tuple[list[str], str | None]:
    words, generation = _split_person_cached(name)
    return list(words), generation


@functools.lru_cache(maxsize=1 << 16)
def _split_person_cached(name: str) -> tuple[tuple[str, ...], str | None]:
    """`_split_person`, remembered: linking and clustering read the same names again and again."""
    words = normal_words(name)
    while len(words) > 1 and words[0] in NAME_PREFIXES:
        words = words[1:]
    generation = None
    while len(words) > 1 and (words[-1] in GENERATIONS or words[-1] in _DEGREES):
        if words[-1] in GENERATIONS and generation is None:
            generation = GENERATIONS[words[-1]]
        words = words[:-1]
    return tuple(words), generation


def person_tokens(name: str) -> list[str]:
    """A person's name without honorifics and suffixes ("Dr. José Álvarez Jr." -> ["jose", "alvarez"])."""
    return _split_person(name)[0]


def generation(name: str) -> str | None:
    """The generational suffix of a person's name ("jr", "iii"), None when none (or "Sr.")."""
    return _split_person(name)[1]


def surname(name: str) -> str | None:
    tokens = person_tokens(name)
    return tokens[-1] if tokens else None


def name_key(name: str, label: str) -> str:
    """The normalised name an entity is found by ("joe biden"; persons without honorifics)."""
    return " ".join(person_tokens(name) if label == PERSON else normal_words(name))


def merge_key(entity: dict[str, Any]) -> str | None:
    """The key under which the store reuses a corpus entity that is not a person, or None.

    Organisations, places and the like are one entity per label and normalised name.
    Persons are linked by `store.linking` (their key is their group's); unnamed sources
    (groups such as "officials", anonymous individuals) never share an entity.
    """
    if record_source_type(entity) in UNNAMED:
        return None
    label = str(entity.get("label") or "")
    norm = normalize_name(str(entity.get("name") or ""))
    if not norm or not label or label == PERSON:
        return None
    return f"{label}:{norm}"


def is_named_person(entity: dict[str, Any]) -> bool:
    """A person with a name of their own: not an unnamed source (source_types.py), nor one the
    article only describes ("French president", "senator": a description ends in a lowercase
    noun, a name does not), which must never be linked across articles as if it were a name."""
    name = str(entity.get("name") or "")
    words = [word for word in name.split() if any(ch.isalpha() for ch in word)]
    return ((entity.get("label") or "") == PERSON and record_source_type(entity) == SOURCE_PERSON
            and bool(person_tokens(name)) and bool(words) and not words[-1].islower())


def title_words(title: str) -> list[str]:
    return [w for w in normal_words(title) if w not in TITLE_MODIFIERS]


def _title_head(title: str) -> str | None:
    words = title_words(title)
    return TITLE_ABBREVIATIONS.get(words[-1], words[-1]) if words else None


def titles_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    """Some title of each names the same office ("U.S. President" ~ "president")."""
    heads_a = {h for h in map(_title_head, a) if h}
    return bool(heads_a & {h for h in map(_title_head, b) if h})


def affiliations_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    """Some affiliation of one is the other's or contained in it ("El Salvador" ~ "the government of El Salvador")."""
    words_b = [w for w in (frozenset(title_words(x)) for x in b) if w]
    return any(wa <= wb or wb <= wa for wa in (frozenset(title_words(x)) for x in a) if wa for wb in words_b)


@dataclass
class Attributes:
    """A person's titles and affiliations, as compared when linking names."""

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


def _token_fits(short: str, long: str) -> bool:
    return short == long or (len(short) == 1 and long.startswith(short))


def is_form_of(short: Sequence[str], long: Sequence[str]) -> bool:
    """`short` names the person `long` names, in the same or a shorter form: the same
    surname, the first name the same or its initial, and each middle name of `short` (or its
    initial) among those of `long`, in order ("James Comey", "J. Comey", "James B. Comey" are
    forms of "James Brien Comey"; "John Paul Smith" is not one of "John Peter Smith")."""
    if len(short) < 2 or len(long) < len(short) or short[-1] != long[-1] or not _token_fits(short[0], long[0]):
        return False
    middles = iter(long[1:-1])
    return all(any(_token_fits(token, m) for m in middles) for token in short[1:-1])


def name_relation(a: Sequence[str], b: Sequence[str]) -> str | None:
    """How two person names (token lists) relate: "same", "fuller" (one is a form of the
    other with more names), "initial" (a form of the other through an initial), or None."""
    if list(a) == list(b):
        return "same"
    short, long = (a, b) if is_form_of(a, b) else (b, a)
    if not is_form_of(short, long):
        return None
    return "fuller" if short[0] == long[0] else "initial"
