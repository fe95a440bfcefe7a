"""The gender gold: who each article names, their gender as a reader of it would state it, and
whether they speak (`eval/gold/gender/README.md` says how it was annotated).

One JSON file per article, names only, no article text:

    {"split": "tune" | "heldout",            (real pages only: `statements.split_of`)
     "people": [{"name": "Kristi Noem", "gender": "female" | "male" | "unknown",
                 "source": true, "evidence": "public figure; her state",
                 "by_name": "female" | "male" | "unknown"}]}   (only where gender is unknown)

`by_name` is a second reading (the README's "By name"): where the strict reading found
nothing but a first name, the gender an ordinary reader reads in it.

`eval/gold/gender/pages/<page id>.json` covers the real-page gold (`statements.GOLD_DIR`),
`eval/gold/gender/polnear_dev/<stem>.json` the PolNeAR dev articles.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GENDER_GOLD_DIR = Path(__file__).with_name("gold") / "gender"
CORPORA = ("pages", "polnear_dev")
GOLD_GENDERS = ("female", "male", "unknown")


class GenderGoldError(ValueError):
    """A gender gold file that does not have the shape above."""


def check(doc: str, gold: dict[str, Any]) -> None:
    """Raises GenderGoldError naming the document and the person where `gold` is malformed."""
    people = gold.get("people")
    if not isinstance(people, list):
        raise GenderGoldError(f"{doc}: 'people' must be a list")
    names = set()
    for number, person in enumerate(people, 1):
        name = person.get("name")
        if not isinstance(name, str) or not name.strip():
            raise GenderGoldError(f"{doc} person {number}: 'name' must be a non-empty string")
        if name in names:
            raise GenderGoldError(f"{doc}: {name!r} is listed twice")
        names.add(name)
        if person.get("gender") not in GOLD_GENDERS:
            raise GenderGoldError(f"{doc} {name!r}: gender must be one of {', '.join(GOLD_GENDERS)}, "
                                  f"not {person.get('gender')!r}")
        if not isinstance(person.get("source"), bool):
            raise GenderGoldError(f"{doc} {name!r}: 'source' must be true or false")
        if "by_name" in person and (person["gender"] != "unknown" or person["by_name"] not in GOLD_GENDERS):
            raise GenderGoldError(f"{doc} {name!r}: 'by_name' is given only where gender is unknown, and is one of "
                                  f"{', '.join(GOLD_GENDERS)}, not {person['by_name']!r}")


def read_by_name(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The people with the second reading's gender: where the strict reading says unknown,
    the gender a reader reads in the first name (`by_name`), where the annotator gave one."""
    return [{**person, "gender": person.get("by_name", "unknown")} if person["gender"] == "unknown" else person
            for person in people]


def load(corpus: str, gold_dir: Path = GENDER_GOLD_DIR) -> dict[str, dict[str, Any]]:
    """Every gold file of `corpus` (pages or polnear_dev), checked, keyed by page id or stem."""
    if corpus not in CORPORA:
        raise ValueError(f"corpus must be one of {', '.join(CORPORA)}, not {corpus!r}")
    golds = {}
    for path in sorted((gold_dir / corpus).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        check(path.stem, gold)
        if corpus == "pages" and gold.get("split") not in ("tune", "heldout"):
            raise GenderGoldError(f"{path.stem}: a page's gold needs its split, tune or heldout")
        golds[path.stem] = gold
    if not golds:
        raise FileNotFoundError(f"{gold_dir / corpus}: no gender gold files")
    return golds


__all__ = ["CORPORA", "GENDER_GOLD_DIR", "GOLD_GENDERS", "GenderGoldError", "check", "load", "read_by_name"]
