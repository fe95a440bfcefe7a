"""Heads of descriptions that stand for a speaker without naming one (titles and
honorifics are in `quotegraph.entities.names`)."""
from __future__ import annotations

# Heads of descriptions that speak for an organisation ("the company said").
ORGANISATION_NOUNS = frozenset("""
company firm carmaker automaker manufacturer maker bank airline group giant retailer agency
network newspaper channel corporation business brand conglomerate insurer lender startup
automobile operator producer supplier exchange fund organization organisation party campaign
administration government ministry department office committee commission board council
union club team league university school hospital court panel regulator watchdog
brokerage broker consultancy charity foundation association institute authority studio developer publisher
""".split())

# Heads of descriptions that name a court's decision ("the ruling", "the order").
RULING_NOUNS = frozenset("ruling order decision opinion judgment judgement verdict injunction".split())

# A source with one of these heads and no name is anonymous ("officials said").
ANONYMOUS_NOUNS = frozenset("""
official source person people aide insider diplomat officer spokesman spokeswoman spokesperson
someone employee staffer adviser advisor expert analyst observer witness resident member
executive investigator lawmaker
""".split())

# Heads of descriptions of one person that are neither titles nor roles ("the woman said",
# "his wife said", "a voter in Iowa said"): an unnamed speaker with one of them is a person.
PEOPLE_NOUNS = frozenset("""
man woman boy girl child teenager mother father wife husband son daughter brother sister parent
grandmother grandfather uncle aunt cousin friend neighbor neighbour voter student worker patient
victim survivor owner customer passenger driver farmer soldier protester demonstrator supporter
critic opponent candidate delegate volunteer organizer organiser moderator host anchor caller
interviewer panelist narrator announcer reporter doctor lawyer strategist attendee operative
consultant donor ally
""".split())

# Organisation nouns that a body's own name carries ("the ministry": the Defense Ministry,
# the Ministry of Health; "the committee": the House Intelligence Committee; "the campaign":
# the Trump campaign). A description with one of these heads stands for the nearest
# organisation whose name has that word, never for any organisation at all ("the company"
# may be General Motors; "the ministry" or "the administration" is not).
NAMED_BODY_NOUNS = frozenset("""
ministry department committee commission council university hospital school office
campaign administration government
""".split())

# Phrases that say a source is kept unnamed on purpose ("The minister, who spoke on
# condition of anonymity, said"; "an aide who asked not to be identified"), as regular
# expressions over the words of the source's sentence outside what was said.
ANONYMITY_PATTERNS = (
    r"\bon (?:the )?condition (?:of|that (?:he|she|they|it) not be (?:named|identified))",
    r"\b(?:asked|declined|requested|wished) not to be (?:named|identified|quoted by name)",
    r"\b(?:declined|refused) to be (?:named|identified)",
    r"\b(?:requested|demanded|insisted on|was granted|were granted|granted) anonymity",
    r"\b(?:speaking|spoke|speak|talking|talked) (?:anonymously|on background|without attribution)",
    r"\bnot (?:authori[sz]ed|permitted|allowed) to (?:speak|comment|talk|discuss)",
)

# Words a transcript prints in capitals before a turn that are roles, not names
# ("MODERATOR: ...", "AUDIENCE MEMBER: ..."): a label made of other words is a person's name.
TRANSCRIPT_ROLES = frozenset("""
moderator host anchor audience member crowd question answer q a reporter reporters announcer
narrator voice unidentified unknown male female man woman participant participants protester
protesters caller interviewer interviewee panel panelist panelists both all several speaker
""".split())
