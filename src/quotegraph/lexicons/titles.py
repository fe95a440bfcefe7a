"""Heads of descriptions that stand for a speaker without naming one (titles and
honorifics are in `quotegraph.names`)."""
from __future__ import annotations

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
