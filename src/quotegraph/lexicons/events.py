"""Nouns that name events a news timeline dates ("the June 3 hearing", "Monday's vote",
"the bombing on Aug. 7 killed"): a time that modifies one of them dates it, where it
would otherwise date nothing (a subject noun, a noun's modifier). Lemmas, lower case."""
from __future__ import annotations

EVENT_NOUNS = frozenset("""
    accident acquisition address announcement appearance arrest arrival assassination attack
    auction bankruptcy battle blast bombing briefing broadcast caucus ceasefire celebration
    ceremony clash collapse conference convention coup crash crisis debate decision defeat
    delivery demonstration departure deposition disaster earthquake election execution
    explosion fire flight flood funeral hearing hurricane inauguration incident interview
    invasion killing landing launch massacre meeting merger murder negotiation offensive
    opening outbreak parade primary protest raid rally referendum release resignation
    retirement riot ruling sentencing session shooting shutdown slaying speech storm strike
    summit surgery takeover talk testimony tour trial trip verdict visit vote war wedding
    withdrawal
""".split())

# Of those, incidents: a time modifying one dates the incident, never the predicate the
# phrase hangs on ("charged him with murder in the 1995 shooting", "a warrant in the Oct. 23
# sniper shooting"), whereas an occasion lends its date ("arrested in the March 12 raid").
INCIDENT_NOUNS = frozenset("""
    accident assassination attack blast bombing crash earthquake explosion fire flood
    hurricane killing massacre murder shooting slaying storm
""".split())

# Prepositions that set a predicate at an occasion: "at Monday's debate", "in a 2013 memo",
# "said in a statement" (a cue the network ends on one takes its object).
OCCASION_PREPOSITIONS = frozenset({"at", "in", "during", "on"})
