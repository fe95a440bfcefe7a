"""Words that signal attribution, by the role they play.

Lemmas, lower-case. The lists are deliberately explicit: each entry is a claim that
the word, with a clausal complement, reports what someone said, wrote or believes.
"""
from __future__ import annotations

# Verbs of saying and writing: a clausal complement after them is reported speech.
SPEECH_VERBS = frozenset("""
say tell add state claim argue assert insist maintain contend explain note observe remark
comment mention reply respond answer retort counter write tweet post blog announce declare
proclaim report disclose reveal confirm deny admit acknowledge concede allege charge accuse
warn caution predict promise pledge vow swear threaten boast brag complain lament grumble
suggest propose recommend urge demand ask question wonder testify tout stress emphasize
emphasise reiterate repeat recall describe call dub label praise criticize criticise slam
blast attack decry condemn defend dismiss reject rebut dispute challenge question joke quip
muse shout yell scream whisper mutter cry exclaim sing recount acknowledge concede assure
inform notify indicate signal imply hint show find conclude rule order decide hold determine
agree disagree estimate forecast project calculate insist speculate theorize theorise
guarantee certify advise brief instruct command direct continue chant echo
""".split())

# Verbs of belief, intention and knowledge: PolNeAR counts described beliefs as attributions,
# but only with a clausal complement (a that-clause), never with a plain object.
COGNITION_VERBS = frozenset("""
believe think feel know fear hope expect suspect assume doubt worry consider reckon figure
understand learn realize realise recognize recognise acknowledge guess imagine suppose trust
remember recall forget worry hear see
""".split())

# Verbs whose to-infinitive complement is the content ("vowed to fight on").
INFINITIVE_CUES = frozenset("""
vow pledge promise threaten refuse decline agree plan want hope intend urge ask vow swear
""".split())

# Nouns that take an attributed complement ("the claim that ...", "his statement that ...").
CUE_NOUNS = frozenset("""
claim statement assertion allegation belief view argument suggestion assurance promise
warning accusation charge admission acknowledgment acknowledgement insistence contention
announcement report testimony fear hope notion idea suspicion conclusion finding ruling
order message remark comment
""".split())

# Subjects that speak as institutions ("the court ruled", "the order acknowledged").
INSTITUTION_NOUNS = frozenset("""
court judge order ruling report study survey poll statement memo letter filing complaint
lawsuit indictment decision opinion document documents data analysis review agency
department ministry government administration campaign committee commission office
""".split())

PERSONAL_PRONOUNS = frozenset("he she they i we you it".split())

# Verbs whose noun-phrase object is what was said or stood for ("criticized the plan",
# "cited a poll"): chosen on PolNeAR train, where these verbs with an object were
# annotated as attribution cues at least ~55% of the time.
OBJECT_CUES = frozenset("""
call ask criticize criticise mention accuse discuss announce describe praise note denounce
express cite claim urge declare confirm report blast applaud recall emphasize emphasise
promise tout explain reference mock list congratulate predict endorse deny slam condemn
decry dismiss reject lambaste question acknowledge admit highlight propose demand
""".split())

# Verb + preposition cues whose prepositional object is the content ("called for a ban").
PREPOSITION_CUES = frozenset({
    ("call", "for"), ("call", "on"), ("point", "to"), ("speak", "of"), ("speak", "about"),
    ("refer", "to"), ("ask", "about"), ("warn", "of"), ("warn", "about"), ("talk", "about"),
    ("complain", "about"), ("argue", "for"), ("argue", "against"), ("push", "for"),
    ("advocate", "for"), ("hint", "at"), ("allude", "to"), ("comment", "on"), ("boast", "about"),
    ("brag", "about"), ("express", "concern"), ("rail", "against"), ("lash", "out"),
})
