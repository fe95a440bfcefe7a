"""Nouns for a person that say the person's gender, for the gender evidence of
entities/profile/gender_evidence.py: role nouns ("spokeswoman", "actress") and kin nouns ("wife",
"the mother of two").

Only nouns whose gender English usage keeps: "actor", "host", "priest", "heir" and
"waiter" are used of women too and are left out, as are the common-gender "spokesperson",
"chair" and "partner". A kin noun says the gender of the person it names ("her husband
John": John is male), never of the person it is said of ("John's wife" says nothing of John).
"""
from __future__ import annotations

FEMALE, MALE = "female", "male"

FEMALE_ROLES = frozenset("""
woman girl lady spokeswoman chairwoman congresswoman councilwoman assemblywoman alderwoman
businesswoman anchorwoman sportswoman policewoman servicewoman stateswoman saleswoman
committeewoman newswoman frontwoman countrywoman actress waitress stewardess hostess heiress
princess queen duchess countess baroness empress marchioness headmistress abbess nun
priestess comedienne songstress ballerina landlady housewife matriarch heroine sorceress
""".split())

MALE_ROLES = frozenset("""
man boy gentleman spokesman chairman congressman councilman assemblyman alderman businessman
anchorman sportsman policeman serviceman statesman salesman committeeman newsman frontman
countryman cameraman weatherman fireman fisherman headmaster prince king duke baron emperor
marquess monk patriarch landlord
""".split())

FEMALE_KIN = frozenset("""
mother mom mum wife daughter sister grandmother granddaughter aunt niece widow girlfriend
stepmother stepdaughter stepsister
""".split())

MALE_KIN = frozenset("""
father dad husband son brother grandfather grandson uncle nephew widower boyfriend stepfather
stepson stepbrother
""".split())

# noun -> (gender, evidence kind)
GENDERED_NOUNS: dict[str, tuple[str, str]] = {
    **{noun: (FEMALE, "role") for noun in FEMALE_ROLES}, **{noun: (MALE, "role") for noun in MALE_ROLES},
    **{noun: (FEMALE, "kin") for noun in FEMALE_KIN}, **{noun: (MALE, "kin") for noun in MALE_KIN},
}

FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
