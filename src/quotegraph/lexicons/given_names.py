"""First names as the US Social Security Administration counted them among babies, 1880-2018
(public domain; data/name_prior.tsv.gz, built by tools/build_name_prior.py, docs/sources.md):
how often each name was given and to what share of girls.

Two readers: the entity builder asks only whether a word is a common given name at all (a
name the recogniser took for a place, "Derek Mitchell", is a person's), the gender profile
(entities/profile/name_prior.py) asks which sex almost all of its bearers had.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "data" / "name_prior.tsv.gz"
# Babies counted over the years for a word to be a given name a reader knows.
COMMON_AT_LEAST = 1000


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[float, int]]:
    """name -> (female share, babies counted)."""
    out: dict[str, tuple[float, int]] = {}
    with gzip.open(TABLE, "rt", encoding="utf-8") as lines:
        for line in lines:
            name, share, count = line.rstrip("\n").split("\t")
            out[name] = (int(share) / 1000, int(count))
    return out


def female_share(first_name: str) -> tuple[float, int] | None:
    """(female share, babies counted) of a first name, None when the table lacks it."""
    return _table().get(first_name.lower().strip("."))


def is_given_name(word: str) -> bool:
    """Whether `word` was given to at least COMMON_AT_LEAST babies, whatever their sex."""
    found = female_share(word)
    return found is not None and found[1] >= COMMON_AT_LEAST
