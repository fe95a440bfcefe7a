"""The surface forms of temporal expressions, as compiled regular expressions.

Each rule is one construction ("April 14, 2025", "last week", "two days ago", ...) with
named groups that `normalize` reads. Spans follow the TimeML (TimeBank) conventions the
evaluation scores against: a leading "the" and modifiers ("more than", "early", "the past")
belong to the expression, prepositions ("on", "in", "since") do not.

All regexes are compiled once at import; the tagger runs each over the text once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MONTH_NUMBERS: dict[str, int] = {}
for _number, _forms in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
), start=1):
    for _form in _forms:
        MONTH_NUMBERS[_form] = _number

WEEKDAY_NUMBERS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), start=1)}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "a half": 0.5, "half a": 0.5,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# Full names are capitalized; "Jan."-style abbreviations need their period (or a day) so
# "Mar" and "Dec" the words and names are left alone.
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,.]\d)"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,.%]\d|%|\d)"
PART_OF_DAY = r"(?i:morning|afternoon|evening|night|overnight)"
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                r"fifty|sixty|seventy|eighty|ninety|hundred|a dozen|dozen)")
NUMBER = (rf"(?:\d+(?:\.\d+)?(?: 1/2)?|{_NUMBER_WORD}(?:[- ](?:one|two|three|four|five|six|"
          r"seven|eight|nine))?(?: and a half)?|an?(?: half)?|half an?|a couple of|"
          r"(?:a )?few|several|many|some)")
# "a second term", "a quarter of the vote", "a 45-year-old" are not durations.
UNIT = (r"(?:seconds?(?! (?!ago|later|earlier|or|and)[a-z])|minutes?|hours?|days?|nights?|weeks?|"
        r"weekends?|months?|years?|decades?|centur(?:y|ies)|quarters?(?! of)|trading days?|"
        r"business days?)(?!-old)")
DUR_MOD = (r"(?:more than|less than|fewer than|at least|at most|no more than|up to|over|under|"
           r"about|around|approximately|roughly|nearly|almost|some|just|only|barely|"
           r"another|an(?:other)? additional|the (?:past|last|next|first|coming|previous|"
           r"following|latest|final|initial|remaining|same)|(?:past|last|next|first|coming)|the)")
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
ZONE = r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|PT)"
AMPM = r"(?:[ap]\.m\.?|[AP]\.M\.?|[ap]m\b|[AP]M\b)"
EDGE = r"(?i:early|late|mid-?|the (?:end|beginning|start|middle) of|the turn of|the first half of|the second half of)"

_W = r"(?<![\w$#.'-])"  # a rule starts at a word start, not inside a number or name ("$1999")


@dataclass(frozen=True, slots=True)
class Rule:
    """One construction: `name` selects its normalizer; `regex` finds it in text."""

    name: str
    regex: re.Pattern[str]


def _rule(name: str, pattern: str, flags: int = 0) -> Rule:
    return Rule(name, re.compile(_W + pattern + r"(?![\w])", flags))


RULES: tuple[Rule, ...] = (
    _rule("iso", r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
                 r"(?:T(?P<hour>[01]\d|2[0-4]):(?P<minute>[0-5]\d))?"),
    _rule("slash", r"(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>\d{4}|\d{2})"),
    # "Friday, Oct. 13, 1989", "April 14", "early April 14", "the March 12 vote"
    _rule("month_day", rf"(?:(?P<edge>{EDGE}) )?(?:(?P<wd>{WEEKDAY}),? )?(?P<month>{MONTH}) (?P<day>{DAY})"
                       rf"(?:(?:,|,? of)? (?P<year>{YEAR}))?"),
    # "14 April 2025", "the 14th of April"
    _rule("day_month", rf"(?:(?P<wd>{WEEKDAY}),? )?(?:the )?(?P<day>{DAY})(?: of)? (?P<month>{MONTH})"
                       rf"(?:,? (?P<year>{YEAR}))?"),
    # "April 2025", "early last April", "last November", "mid-November", "May"
    _rule("month", rf"(?:(?P<edge>{EDGE}) ?)?(?:(?P<rel>(?i:last|next|this|that|the same|this past|this coming|"
                   rf"past|coming)) )?(?P<month>{_MONTH_FULL}|{_MONTH_ABBR}(?= (?:of )?\d))"
                   rf"(?:(?:,| of)? (?P<year>{YEAR}|(?i:last|this|next) year))?"),
    # "Friday", "last Friday", "early Tuesday", "Monday morning", "Wednesday night"
    _rule("weekday", rf"(?:(?P<edge>(?i:early|late)) )?(?:(?P<rel>(?i:last|next|this|this past|this coming|"
                     rf"coming|past)) )?(?P<wd>{WEEKDAY})(?P<plural>s)?(?: (?P<part>{PART_OF_DAY}))?"),
    _rule("relday", rf"(?:(?P<edge>(?i:early|late|earlier|later)) )?(?P<rel>(?i:today|yesterday|tomorrow|tonight))"
                    rf"(?:(?:'s)? (?P<part>{PART_OF_DAY}))?"),
    _rule("part", rf"(?:(?P<edge>(?i:early|late|earlier|later|mid-?)) ?)?(?P<rel>(?i:this|last))"
                  rf" (?P<part>{PART_OF_DAY})"),
    # "3 p.m.", "10:30 a.m. EST Tuesday", "noon Saturday", "midnight"
    _rule("clock", rf"(?:(?P<mod>(?i:about|around|approximately)) )?"
                   rf"(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))? ?(?P<ampm>{AMPM})|"
                   rf"(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?= {ZONE})|"
                   rf"(?P<noon>(?i:noon|midnight|midday)))(?: (?P<zone>{ZONE}))?"
                   rf"(?:,? (?:(?P<wd>{WEEKDAY})|(?P<rel>(?i:today|yesterday|tomorrow|tonight))|"
                   rf"(?P<month>{MONTH}) (?P<day>{DAY})))?"),
    # "this week", "last month", "earlier this year", "next quarter", "the past year"
    _rule("rel_unit", r"(?:(?P<edge>(?i:early|late|earlier|later|mid-?|the end of|the beginning of|"
                      r"the start of|the middle of|the rest of|the remainder of|the first half of|the second half of)) ?)?"
                      r"(?P<rel>(?i:this|last|next|the past|the last|the previous|the coming|"
                      r"the current|the following|the next|the same|the prior|that|past|previous|coming))"
                      r" (?P<unit>(?i:week|weekend|month|year|quarter|decade|century|(?:fiscal )?year))"),
    # "the third quarter", "third-quarter", "the fiscal first quarter", "the first half of 1990"
    _rule("quarter", rf"(?:(?P<the>(?i:the|this|last|next|this year's|last year's)) )?(?:(?P<fiscal>fiscal[- ]?) ?)?"
                     r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[- ](?:(?i:fiscal) )?"
                     rf"(?P<unit>(?i:quarter|half))(?:(?:,| of)? (?:(?i:fiscal) )?(?P<year>{YEAR}))?"),
    _rule("the_quarter", r"(?P<which>(?i:the (?:latest|most recent|year-earlier|year-ago|same|"
                         r"comparable|recent|previous|prior|current)?\s?quarter|the year-earlier period|"
                         r"the year-ago period|year-ago quarter|year-earlier quarter))"),
    _rule("fiscal", rf"(?i:fiscal)(?: year)? (?P<year>{YEAR}|'\d\d)"),
    _rule("year_rel", r"(?P<rel>(?i:year-earlier|year-ago|a year-ago|year-end|year's end|the year-end))"),
    # "1998", "mid-1996", "the end of 1990", "the year 2000"
    _rule("year", rf"(?:(?P<edge>{EDGE}) ?)?(?:the year )?(?P<year>{YEAR})"),
    # "the 1990s", "the '90s", "the early 1980s", "the 19th century"
    _rule("decade", r"(?:(?P<the>(?i:the)) )?(?:(?P<edge>(?i:early|late|mid-?)) ?)?(?:(?P<year>1[5-9]\d0|20\d0)|"
                    r"['’](?P<short>\d0))'?s"),
    _rule("century", r"(?:(?P<the>(?i:the)) )?(?:(?P<edge>(?i:early|late|mid-?)) ?)?(?P<num>\d{1,2})(?:st|nd|rd|th)[- ]"
                     r"(?i:century)"),
    _rule("season", rf"(?:(?P<edge>(?i:early|late|mid-?)) ?)?(?:(?P<rel>(?i:last|this|next|this past|this coming)) )?"
                    rf"(?P<season>{SEASON})(?:(?: of)? (?P<year>{YEAR}))?"),
    # "two days ago", "more than a month", "the past five years", "24 hours", "a two-year"
    _rule("duration", rf"(?:(?P<mod>{DUR_MOD}) )?(?:(?P<mod2>(?i:more than|nearly|almost|about|some|over|"
                      rf"at least)) )?(?P<num>(?i:{NUMBER}))(?:-| )(?P<unit>(?i:{UNIT}))"
                      rf"(?:(?P<orso> or so))?(?: (?P<dir>(?i:ago|earlier|later|from now)))?"),
    # "recent years", "coming months", "the past few weeks", "years"
    # "recent years", "coming months", "the early years", and bare "years" after "for"
    _rule("vague", r"(?:(?P<rel>(?i:recent|coming|the coming|the early|the first|the last|the past)) |(?<=\bfor ))"
                   r"(?P<unit>(?i:years|months|weeks|days|decades|hours|minutes|centuries))"),
    _rule("weekend", r"(?P<rel>(?i:the|this past)) (?i:weekend)"),
    _rule("set", r"(?P<set>(?i:every|each|per|once a|twice a) (?:other )?(?:day|week|month|year|quarter|"
                 r"morning|night|evening|hour|minute|summer|winter|spring|fall|weekend)|"
                 r"(?i:every|each) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                 r"daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|"
                 r"(?-i:Daily|Weekly|Monthly|Annually|Yearly|Hourly|Nightly)(?=,| [a-z]))"),
    _rule("ref", r"(?P<ref>(?i:now|right now|currently|at present|presently|nowadays|these days|"
                 r"recently|lately|formerly|once upon a time|the past|"
                 r"the future|the near future|the distant future|the near term|the short term|"
                 r"the long term|at the moment|the present))"),
    _rule("holiday", r"(?P<holiday>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|Thanksgiving(?: Day)?|"
                     r"Independence Day|the Fourth of July|July Fourth|Halloween|Valentine's Day|"
                     r"Memorial Day|Labor Day|Veterans Day|Boxing Day)"
                     rf"(?:,? (?P<year>{YEAR}))?"),
)
RULE_ORDER = {rule.name: i for i, rule in enumerate(RULES)}
