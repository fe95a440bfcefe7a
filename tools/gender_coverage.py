"""How many persons of a PolNeAR split get a gender, by the kind of evidence behind it, and
how often the pronoun rule agrees with the other evidence (docs/sources.md).

    python tools/gender_coverage.py ../shared/data/polnear/dev
    python tools/gender_coverage.py ../shared/data/polnear/train --limit 200 --agreement

Persons: record entities of label PERSON and source type person (named people); speakers:
those that speak in some statement the default view shows. A person's gender "by" a kind:
that kind of evidence is among what decided it (name_prior only ever alone). No gold is
read: `--agreement` compares each kind of text evidence (the pronouns split into those the
speaker resolution tied to the person and those of the conservative rule) with what the
first-name table says of the person's first name, where it says something: a proxy for
the evidence's precision (the table itself errs on some names), not a gold measure.
"""
from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from quotegraph.config import DEFAULT_MIN_CONFIDENCE, Options
from quotegraph.entities.profile.name_prior import prior_gender
from quotegraph.eval.brat import read_split
from quotegraph.eval.common import extract_records

KINDS = ("pronoun", "honorific", "role", "kin", "name_prior")


def rule_pronouns(entity: dict[str, Any]) -> list[dict[str, Any]]:
    """Pronoun evidence that is not a mention of the person (the speaker resolution's
    pronouns are): what the conservative rule found."""
    mentions = {(m["start"], m["end"]) for m in entity["mentions"]}
    return [i for i in entity["gender_evidence"] if i["kind"] == "pronoun" and (i["start"], i["end"]) not in mentions]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", help="a PolNeAR split directory (text/ and attributions/)")
    parser.add_argument("--limit", type=int, help="the first N articles only")
    parser.add_argument("--agreement", action="store_true", help="also the pronoun rule's agreement")
    args = parser.parse_args()
    golds = read_split(args.split, limit=args.limit)
    records = extract_records([{"text": a.text, "id": a.stem} for a in golds], options=Options().everything())
    counts: dict[str, Counter[str]] = {"persons": Counter(), "speakers": Counter()}
    agree: dict[str, Counter[str]] = {}
    for record in records:
        speaking = {q.speaker.entity for q in record.quotes
                    if q.speaker and q.speaker.entity and q.confidence >= DEFAULT_MIN_CONFIDENCE}
        for entity in record.entities:
            if entity["label"] != "PERSON" or entity["source_type"] != "person":
                continue
            groups = ["persons"] + (["speakers"] if entity["id"] in speaking else [])
            evidence = entity["gender_evidence"]
            kinds = {i["kind"] for i in evidence if i["gender"] == entity["gender"]}
            for group in groups:
                tally = counts[group]
                tally["all"] += 1
                tally[entity["gender"] or "null"] += 1
                if entity["gender"] is None and evidence:
                    tally["conflict"] += 1
                if entity["gender"] is not None and "name_prior" not in kinds:
                    tally["from the text"] += 1
                for kind in kinds:
                    tally[kind] += 1
            words = entity["name"].split()
            table = prior_gender(words[0]) if len(words) > 1 else None
            if table is None:
                continue
            rule = {(i["start"], i["end"]) for i in rule_pronouns(entity)}
            for item in evidence:
                if item["kind"] == "name_prior":
                    continue
                kind = item["kind"] if item["kind"] != "pronoun" else (
                    "pronoun (rule)" if (item["start"], item["end"]) in rule else "pronoun (resolved speaker)")
                agree.setdefault(kind, Counter())["checked"] += 1
                agree[kind]["agree"] += item["gender"] == table
    print(f"{len(records)} articles of {args.split}")
    for group, tally in counts.items():
        n = tally["all"] or 1
        gendered = tally["female"] + tally["male"]
        print(f"{group}: {tally['all']}; with a gender {gendered} ({gendered / n:.1%}): female {tally['female']}, "
              f"male {tally['male']}; from the text alone {tally['from the text']} ({tally['from the text'] / n:.1%}); "
              f"conflicting evidence {tally['conflict']}")
        print("  by kind (a person may count under several): " + ", ".join(
            f"{kind} {tally[kind]} ({tally[kind] / n:.1%})" for kind in KINDS))
    if args.agreement:
        print("evidence agreeing with the first-name table (pieces of evidence):")
        for kind, tally in sorted(agree.items()):
            print(f"  {kind}: {tally['agree']}/{tally['checked']} ({tally['agree'] / tally['checked']:.1%})")


if __name__ == "__main__":
    main()
