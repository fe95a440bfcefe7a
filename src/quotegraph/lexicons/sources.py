"""What can and cannot be the source of an attribution.

A source is a person, a group, an organisation, a document or a study ("the report found").
The reader addressed as "you", a body part ("her eyes said"), a product or a work is not.
"""
from __future__ import annotations

# "you" outside a quotation is the reader the page addresses ("you'll see that").
READER_WORDS = frozenset("you your yourself yourselves y'all ya".split())

# A voice is not among them: "the voices of historians" are people. (Named-entity types are
# not used to tell: the small English pipeline tags "Ivanka Trump" PRODUCT.)
BODY_PARTS = frozenset("""
eye eyes face faces hand hands heart hearts lip lips mouth arm arms leg legs
mind gut stomach brain smile expression look gaze tear tears finger fingers shoulder
shoulders skin hair nose ear ears
""".split())

# Things, not speakers: the heads of descriptions of products and objects.
PRODUCT_NOUNS = frozenset("""
phone smartphone device gadget laptop tablet computer app camera watch car vehicle truck bike
product box package packaging bottle jar shoe shoes dress shirt recipe dish oven machine
console headphones battery charger screen toy
""".split())

# Single-word labels of documents that speak in a headline ("Poll: Voters abandon ...").
DOCUMENT_LABELS = frozenset("poll survey study report analysis review audit census".split())

# Documents, studies and publications that speak for whoever made them: "a report by Oxfam
# says", "according to Eurogamer's review", "data released by the ministry" are their
# maker's words, as the reader names them.
WORK_NOUNS = DOCUMENT_LABELS | frozenset("""
data figures statistics estimate estimates forecast findings research paper article story investigation
assessment index ranking records document documents statement release filing memo letter email website site
post tweet blog column editorial book transcript
""".split())

# Nouns for a person that are not titles of office: a definite one ("the actor", "the
# designer") stands for the person named most recently before it.
ROLE_NOUNS = frozenset("""
actor actress star singer songwriter rapper musician artist comedian dancer model athlete
player striker goalkeeper swimmer runner champion scientist researcher designer engineer
author writer novelist poet journalist photographer filmmaker chef businessman
businesswoman entrepreneur billionaire investor inventor activist campaigner veteran pastor
priest preacher nurse teacher
""".split())

# Words that label page furniture, not speakers ("Tip: ...", "Serves: 4", "Battery: 4,500 mAh").
FURNITURE_LABELS = frozenset("""
tip tips hint hints note notes step steps method ingredients ingredient directions serves
serving servings yield makes prep cook cooking total time price cost size weight dimensions
battery display screen storage camera colour color colours colors material warranty rating
runtime duration producer guest guests host director genre release format length language
category categories tags tag filed posted updated published source sources credit credits
""".split())

# Platforms, outlets and companies whose one-word names the small English pipeline tags as a
# person's ("Twitter said", "according to Politico"): 30 of the one-word persons of 300
# PolNeAR train articles were "Twitter". Organisations, whatever the tag.
PLATFORM_NAMES = frozenset("""
twitter facebook instagram youtube tiktok snapchat whatsapp linkedin reddit gmail google
politico huffpost huffpollster pfizer netflix uber airbnb
""".split())
