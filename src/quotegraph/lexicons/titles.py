"""Words that make a title when they modify or stand in apposition to a name."""
from __future__ import annotations

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
lawmaker legislator official chancellor-elect vice-president vice-chairman
""".split())

# Honorifics give a gender and are not titles of office.
HONORIFICS = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}

# Heads of descriptions that speak for an organisation ("the company said").
ORGANISATION_NOUNS = frozenset("""
company firm carmaker automaker manufacturer maker bank airline group giant retailer agency
network newspaper channel corporation business brand conglomerate insurer lender startup
automobile operator producer supplier exchange fund organization organisation party campaign
administration government ministry department office committee commission board council
union club team league university school hospital court panel regulator watchdog
""".split())

# Heads of descriptions that name a court's decision ("the ruling", "the order").
RULING_NOUNS = frozenset("ruling order decision opinion judgment judgement verdict injunction".split())

# A source with one of these heads and no name is anonymous ("officials said").
ANONYMOUS_NOUNS = frozenset("""
official source person people aide insider diplomat officer spokesman spokeswoman spokesperson
someone employee staffer adviser advisor expert analyst observer witness resident member
executive investigator lawmaker
""".split())

_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general", "dr": "doctor",
                  "lt": "lieutenant", "col": "colonel", "capt": "captain", "prof": "professor", "sgt": "sergeant",
                  "adm": "admiral", "rev": "reverend", "pres": "president", "sec": "secretary", "atty": "attorney"}


def normalize_title(word: str) -> str:
    """"Sen." and "senator" are one title."""
    key = word.lower().rstrip(".")
    return _ABBREVIATIONS.get(key, key)
