"""Entities of one article: named mentions grouped under the fullest name the article
gives, with the titles and affiliations the text attaches to them.

"Bukele" joins "Nayib Bukele", "GM" joins "General Motors"; "Homeland Security Secretary
Kristi Noem" gives the title "Secretary" and the affiliation "Homeland Security";
"Hugh Hill, a doctor at X," gives "doctor" and "X". Two people who share only a surname
with different given names are never joined.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..lexicons.common_given_names import gender_of
from ..lexicons.given_names import is_given_name
from ..lexicons.places import DEMONYMS, PARTIES
from ..lexicons.sources import PLATFORM_NAMES
from ..source_types import flagged_source_type
from ..text.spans import make_span
from .names import GENERATIONS, HONORIFICS, TITLE_WORDS

NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
# Last words that make a name an organisation's even where the recogniser says person
# ("the Obama White House", "the Clinton Foundation", "the Trump Organization").
_BODY_TAILS = frozenset({"administration", "campaign", "foundation", "organization", "organisation",
                         "institute", "department", "committee", "party", "inc", "corp", "corporation", "group",
                         # bands, studios, prizes ("Dave Matthews Band", "Tequila Works", "Davis Cup")
                         "band", "brothers", "design", "studio", "studios", "works", "cup", "trophy", "prize",
                         "award", "awards", "records", "entertainment", "productions", "pictures", "league",
                         # sports clubs ("sacked by Manchester United", tagged a person)
                         "united", "rovers", "wanderers", "athletic", "hotspur", "albion"})
_DETERMINERS = frozenset({"the", "a", "an"})
# Labels the recogniser gives a bare surname it takes for a place or a people ("Nervo
# wrote", "DuVernay said", tagged GPE).
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
_COUNTRIES = frozenset(name.lower() for name in DEMONYMS.values())
# A line that credits people for the article rather than speaking of them.
_CREDIT = re.compile(r"\b(?:reporting|editing|writing|written|compiled|edited|photos?|photograph(?:y|ed)|tested|"
                     r"reviewed|produced|graphics?|illustrations?) by\b|\b(?:may|can) be reached\b|"
                     r"\bcontributed (?:reporting|to this)\b|\bfollow (?:him|her|them) on\b|"
                     r"^\s*contributing\s*:|\bwrite to\b[^\n]*\bat\s+\S+@", re.I)
# A byline's date or time after the name, where the page runs the byline into the text
# ("by Jeff Foust Monday, November 18, 2019 Earlier this month, ...").
_BYLINE_DATE = re.compile(r"\s*[,|·•–—-]?\s*(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
                          r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
                          r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\d{1,2}:\d{2}\b)", re.I)
# Words that make a name a place's, whatever given name it opens with.
_PLACE_WORDS = frozenset("""beach city county island islands heights hills hill park springs falls valley lake river
mountain mountains bay harbor harbour port point creek station street avenue road square bridge hospital university
college school airport center centre hall church township village town district province state states santa san
saint fort mount""".split())
# Words before a name that make it a place ("in Israel", "from Jordan").
_LOCATIVE = frozenset({"in", "at", "from", "to", "into", "across", "near", "of", "outside", "inside", "throughout"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


# What a page may leave before a name that no name starts with.
_NOT_A_NAME_START = "\"'<>=/\\|[]{}*#@~`^“”‘’«»"


def _word_key(word: str) -> str:
    """A name's word as names are compared: lower case, one apostrophe ("O’Neill" is "O'Neill")."""
    return word.lower().replace("’", "'")


@dataclass(eq=False)
class Entity:
    """One participant of the article; `mentions` are token ranges into the Doc."""

    name: str
    label: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    gender: str | None = None
    anonymous: bool = False
    collective: bool = False
    id: str = ""
    # why a mention that could name several entities names this one (token range -> reason)
    reasons: dict[tuple[int, int], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # a zero-width space or a soft hyphen the page put after a name is no part of it, nor
        # markup the page left before it ('">Sanders')
        name = " ".join("".join(ch for ch in self.name if unicodedata.category(ch) != "Cf").split())
        self.name = name.lstrip(_NOT_A_NAME_START) or name

    @property
    def words(self) -> list[str]:
        return [_word_key(word) for word in self.name.split()]

    @property
    def source_type(self) -> str:
        """person | organisation | group | anonymous | document (source_types.py)."""
        return flagged_source_type(self.label, self.name, anonymous=self.anonymous, collective=self.collective)

    def add_title(self, title: str) -> None:
        if title and title.lower() not in (t.lower() for t in self.titles):
            self.titles.append(title)

    def add_affiliation(self, affiliation: str) -> None:
        if affiliation and affiliation.lower() not in (a.lower() for a in self.affiliations):
            self.affiliations.append(affiliation)

    def to_store(self) -> dict:
        """A msgpack-friendly form (token ranges), for `doc.user_data`."""
        return {"id": self.id, "name": self.name, "label": self.label, "mentions": [list(m) for m in self.mentions],
                "titles": self.titles, "affiliations": self.affiliations, "gender": self.gender,
                "anonymous": self.anonymous, "collective": self.collective,
                "reasons": [[start, end, reason] for (start, end), reason in self.reasons.items()]}

    @classmethod
    def from_store(cls, data: dict) -> "Entity":
        return cls(name=data["name"], label=data["label"], mentions=[tuple(m) for m in data["mentions"]],
                   titles=list(data["titles"]), affiliations=list(data["affiliations"]), gender=data["gender"],
                   anonymous=data["anonymous"], collective=data["collective"], id=data["id"],
                   reasons={(start, end): reason for start, end, reason in data.get("reasons", [])})

    def to_dict(self, doc: Doc, text: str) -> dict:
        """The record's form: mentions as character spans of `text` (the doc's text)."""
        mentions = []
        for start, end in sorted(set(self.mentions)):
            span = make_span(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
            if span is not None:
                mention = span.to_dict()
                if (start, end) in self.reasons:
                    mention["reason"] = self.reasons[(start, end)]
                mentions.append(mention)
        return {
            "id": self.id, "name": self.name, "label": self.label, "titles": self.titles,
            "affiliations": self.affiliations, "source_type": self.source_type,
            # what the text signals of a person's gender (null for all but persons)
            "gender": None, "gender_evidence": [],
            "mentions": mentions,
        }


def _names_a_body(name: SpacySpan) -> bool:
    """A name the recogniser calls a person's that is an organisation's ("the Obama White
    House", "the Clinton Foundation", "Junge SVP"); not a person's surname that is a word
    ("Mary House")."""
    words = [t.lower_.rstrip(".") for t in name]
    if len(words) < 2 or (len(words) == 2 and gender_of(name[0].text) is not None):
        return False
    if name[-1].is_upper and name[-1].is_alpha and len(name[-1]) > 1 and words[-1] not in GENERATIONS:
        return True  # "Junge SVP": a person's name does not end in an acronym
    return name[-1].is_title and (words[-1] in _BODY_TAILS or words[-2:] == ["white", "house"])


def _clean(span: SpacySpan) -> SpacySpan:
    """The name without a leading article, a trailing possessive, punctuation the
    recogniser took in at either edge ("Hillary Clinton''", "Marco Rubio:"), or a short form
    in brackets after it ("Ministry of Energy (MOTIE": `short_forms` reads that)."""
    start, end = span.start, span.end
    bracket = next((t.i for t in span if t.text == "(" and t.i > start), None)
    if bracket is not None:
        end = bracket
    while start < end and (span.doc[start].lower_ in _DETERMINERS or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].text in _POSSESSIVE or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end]


def _from_first_name_word(span: SpacySpan) -> SpacySpan:
    """A person's name from its first capitalised word: the recogniser may take in a ranking
    or an age before it ("14th-ranked Schwartzman", "33-year-old Kane")."""
    start = span.start
    while start < span.end - 1 and not (span.doc[start].text[:1].isupper()
                                        and not any(ch.isdigit() for ch in span.doc[start].text)):
        start += 1
    return span.doc[start:span.end]


_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
# A headline's words in title case, which the recogniser takes into a name and tags as
# proper nouns: its verbs ("Ben Carson Defends Remarks", "Telling Jeb Bush To ...") and
# prepositions ("Obama To Asians Worried"). A verb counts here in its headline forms only
# (the bare and the -s form), so that surnames that are nouns ("Banks", "Rush") stay.
_HEADLINE_VERBS = frozenset("""
say tell defend slam blast urge want warn vow rip back praise mock admit deny address hit attack
respond explain unveil announce launch endorse accuse question dismiss reject tout pledge promise
predict claim insist reveal joke fire sign visit meet win lose lead quit rally talk speak react
push call ask demand blame threaten accept doubt regret concede
""".split())
_HEADLINE_TAGS = frozenset({"IN", "TO", "VBG", "VBN"})
# A headline's verb before a name ("Telling Jeb Bush"); not a modal ("Will Smith").
_LEADING_VERB_TAGS = frozenset({"VBG", "VBZ", "VBD"})


def _a_headline_word(token: Token) -> bool:
    """A title-case word of a headline that no name holds: a verb or a preposition."""
    if not token.is_title:
        return False
    word = token.lower_
    return token.tag_ in _HEADLINE_TAGS or word in _HEADLINE_VERBS or (
        word.endswith("s") and word[:-1] in _HEADLINE_VERBS)


def _before_a_verb(span: SpacySpan) -> SpacySpan:
    """A name without the verb of a headline the recogniser took in ("Obama Says ...",
    "Ben Carson Defends Remarks", "Obama To Asians Worried") or began with ("Telling Jeb Bush")."""
    start = span.start
    while start < span.end - 1 and span.doc[start].is_title and span.doc[start].tag_ in _LEADING_VERB_TAGS:
        start += 1
    glued = span.end - start >= 3  # two words are a name ("Sam Speaks"); a headline glues on more
    end = next((t.i for t in span.doc[start + 1:span.end] if t.tag_ in _VERB_TAGS or (glued and _a_headline_word(t))),
               span.end)
    return span.doc[start:end]


def _only_credited(doc: Doc, entity: Entity) -> bool:
    """Whether every mention of a person is in a credit, not the article: a byline ("5:45 AM
    11/19/2019 by Patrick Shanley", "by Jeff Foust Monday, November 18, 2019 ..."), "(Reporting
    by Will Dunham; Editing by Tom Brown)", "Keith Bradsher contributed reporting", "Amy
    Kuperinsky may be reached at", "Tested by: John Milbank", "Contributing: Kristine
    Phillips", "Write to Al Root at al.root@...". Such a name is nobody the article is about
    or quotes."""
    text = doc.text
    for start, end in entity.mentions:
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        line_start = text.rfind("\n", 0, first) + 1
        line_end = text.find("\n", last)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        byline = re.search(r"\bby:?\s+$", text[line_start:first], re.I) and (
            not text[last:line_end].strip() or _BYLINE_DATE.match(text, last))
        if not (byline or (len(line) < 200 and _CREDIT.search(line))):
            return False
    return True


def _proper_name_only(span: SpacySpan) -> SpacySpan:
    """A person's name without what a box score or an owner glued on: it ends before a
    number ("Mekhi Robinson 1 goal", "Botic van de Zanschulp 6-2") and before a possessive
    inside it ("Jeff Bezos’s Blue Origin" is Jeff Bezos's, not a person)."""
    end = next((t.i for t in span[1:] if any(ch.isdigit() for ch in t.text) or t.text in _POSSESSIVE), span.end)
    return span.doc[span.start:end]


def _after_leading_titles(span: SpacySpan) -> SpacySpan | None:
    """The name after title words the recogniser took into it ("Rabbi Rick Jacobs"), when a
    given name and a surname remain; None when the span does not begin with a title. The
    title is read as the name's premodifier."""
    start = span.start
    while start < span.end and span.doc[start].lower_ in TITLE_WORDS and span.doc[start].is_title:
        start += 1
    rest = span.doc[start:span.end]
    if start == span.start or len(rest) < 2 or not all(t.is_title and t.pos_ == "PROPN" for t in rest):
        return None
    return rest


def _without_age_or_rank(span: SpacySpan) -> SpacySpan | None:
    """The name after an age or a ranking that begins the span ("14th-ranked Schwartzman",
    "56-year-old Mourinho"), which only a person has, whatever label the recogniser gave
    it; None when the span does not begin so."""
    doc, start = span.doc, span.start
    if not doc[start].text[:1].isdigit():
        return None
    end = start + 1
    hyphenated = "-" in doc[start].text
    while end < span.end and (doc[end].text in ("-", "–") or (doc[end].is_lower and doc[end - 1].text in ("-", "–"))):
        hyphenated = hyphenated or doc[end].text in ("-", "–")
        end += 1
    if not hyphenated or end >= span.end or not doc[end].text[:1].isupper():
        return None
    return doc[end:span.end]


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isalpha() and w not in ("of", "and", "the", "for"))


def _surname_word(words: list[str]) -> str:
    """The surname of a person's lowercase name words, past a generational suffix ("jr.")."""
    if len(words) > 2 and words[-1].strip(".,") in GENERATIONS:
        return words[-2].rstrip(",")
    return words[-1]


def _generation(words: list[str]) -> str | None:
    """The generational suffix of a person's lowercase name words ("jr", "iii"), or None."""
    last = words[-1].strip(".,")
    return last if len(words) > 2 and last in GENERATIONS else None


def compatible(entity: Entity, mention: SpacySpan, label: str) -> bool:
    """Whether `mention`, recognised as `label`, can name `entity`: for a person, the same
    surname (or the same given name alone) and given names that agree where both are given."""
    words = [_word_key(t.text) for t in mention if not t.is_punct]
    if not words:
        return False
    ent_words = entity.words
    person = "PERSON" in (entity.label, label)
    if person and entity.label == "PERSON" and label in _PLACE_LABELS:
        return _surname_taken_for_a_place(entity, mention, words)
    if person:
        if entity.label not in ("PERSON", "ORG") or label not in ("PERSON", "ORG"):
            return False
        # Same surname, and given names (if both have them) agree.
        if len(words) == 1 and len(ent_words) > 2 and words[0] == _surname_word(ent_words):
            return True  # "Carlineo" for "Patrick Carlineo Jr."
        if _surname_word(words) != _surname_word(ent_words):
            return len(words) == 1 and words[0] == ent_words[0] and len(ent_words) > 1 and label == "PERSON"
        if _generation(words) != _generation(ent_words) and None not in (_generation(words), _generation(ent_words)):
            return False  # "John Smith Sr." is not "John Smith Jr."; "Patrick W. Carlineo" is "Patrick Carlineo Jr."
        if len(words) > 1 and len(ent_words) > 1:
            return (words[0] == ent_words[0] or words[0].rstrip(".") == ent_words[0][:1]
                    or _surname_of_two_words(words, ent_words))
        return True
    if label != entity.label and {label, entity.label} != {"ORG", "FAC"}:
        return False
    if words == ent_words:
        return True
    text = "".join(words)
    if len(words) == 1 and text.isalpha() and text == _acronym(ent_words):
        return True
    if len(ent_words) == 1 and ent_words[0] == _acronym(words):
        return True
    shorter, longer = sorted((words, ent_words), key=len)
    return longer[:len(shorter)] == shorter  # "Airbus" / "Airbus SAS"


def _a_person_s_name(span: SpacySpan) -> bool:
    """A name the recogniser took for a place that is a person's: two or three capitalised
    words, the first a given name, none a place's word ("Derek Mitchell", not "Virginia
    Beach" or "Elizabeth City"), never after "in", "from" and the like in the article."""
    words = [t for t in span if not t.is_punct]
    if not (1 < len(words) <= 3 and all(t.is_title and t.is_alpha for t in words) and is_given_name(words[0].text)
            and not any(t.lower_ in _PLACE_WORDS for t in words) and span.text.lower() not in _COUNTRIES):
        return False
    # "in Sierra Leone", "from Virginia Beach" anywhere in the article: a place after all
    return not re.search(r"\b(?:" + "|".join(sorted(_LOCATIVE)) + r")\s+" + re.escape(span.text) + r"\b",
                         span.doc.text, re.I)


def _surname_of_two_words(words: list[str], ent_words: list[str]) -> bool:
    """"Van Voorhis", "Guajardo Villarreal", "De Blasio": the last words of a fuller name,
    when the first of them is no given name ("Hillary Clinton" is no surname of
    "Crooked Hillary Clinton")."""
    return len(words) < len(ent_words) and words == ent_words[-len(words):] and gender_of(words[0]) is None


def _surname_taken_for_a_place(entity: Entity, mention: SpacySpan, words: list[str]) -> bool:
    """"Nervo wrote", "DuVernay said", tagged a place: one word that is the surname of a person
    the article names in full is that person, unless it is a country's name or follows a
    word that makes it a place ("in Israel" beside Steve Israel)."""
    before = mention.doc[mention.start - 1].lower_ if mention.start > 0 else ""
    return (len(words) == 1 and len(entity.words) > 1 and words[0] == _surname_word(entity.words)
            and words[0] not in _COUNTRIES and before not in _LOCATIVE)


def _whose_person(ent: SpacySpan) -> SpacySpan | None:
    """The full name of a person that the one-word name `ent` is the possessor of ("Leeds's
    Mark Smith", "Ottawa's Jane Doe"), else None; never where the word names a person
    elsewhere in the article."""
    doc = ent.doc
    words = [t for t in ent if t.text not in _POSSESSIVE]
    after = ent.end if ent[-1].text in _POSSESSIVE else ent.end + 1
    if len(words) != 1 or after >= len(doc) or doc[after - 1].text not in _POSSESSIVE:
        return None
    if any(e.label_ == "PERSON" and e.start != ent.start and words[0].lower_ in (t.lower_ for t in e)
           for e in doc.ents):
        return None  # "Trump's Kellyanne Conway" where Donald Trump is named: his
    return next((e for e in doc.ents if e.start == after and e.label_ == "PERSON" and len(e) > 1), None)


def _read_possessor(entity: Entity, name: SpacySpan) -> None:
    """"Leeds's Mark Smith": the place or body before a person's name is an affiliation."""
    doc = name.doc
    if name.start < 2 or doc[name.start - 1].text not in _POSSESSIVE:
        return
    owner = next((e for e in doc.ents if e.end in (name.start - 1, name.start) and len(e) <= 2
                  and e.label_ in NAME_LABELS), None)
    if owner is not None:
        words = [t.text for t in owner if t.text not in _POSSESSIVE]
        if len(words) == 1 and words[0][:1].isupper():
            entity.add_affiliation(words[0])


def _premodifiers(ent: SpacySpan) -> SpacySpan:
    """The modifiers right before a name in its noun phrase ("German economy minister")."""
    doc = ent.doc
    start = ent.start
    while start > 0:
        token = doc[start - 1]
        if token.is_punct or token.lower_ in _DETERMINERS or token.dep_ in ("poss", "case"):
            break
        inside = ent.start - 1 <= token.head.i < ent.end or start - 1 < token.head.i < ent.end
        if not (inside and (token.dep_ in ("compound", "amod", "nmod") or token.is_title or token.is_upper)):
            break
        start -= 1
    return doc[start:ent.start]


def _read_premodifiers(entity: Entity, mods: SpacySpan) -> None:
    words = list(mods)
    title_idx = [i for i, t in enumerate(words) if t.lower_ in TITLE_WORDS]
    honorific = [t for t in words if t.lower_ in HONORIFICS]
    if honorific and entity.gender is None:
        entity.gender = HONORIFICS[honorific[-1].lower_]
    if not title_idx:
        return
    first, last = title_idx[0], title_idx[-1]
    # Lower-case words before the title belong to it ("economy minister").
    while first > 0 and words[first - 1].is_lower and words[first - 1].lower_ not in DEMONYMS:
        first -= 1
    entity.add_title(" ".join(t.text for t in words[first:last + 1]))
    _read_affiliation(entity, words[:first])


def _read_affiliation(entity: Entity, tokens: list[Token]) -> None:
    """Affiliations from the words before a title: demonyms give countries ("Salvadoran"
    -> El Salvador), parties give parties, other capitalised words are kept as written."""
    if not tokens:
        return
    text = " ".join(t.text for t in tokens).strip()
    key = text.lower()
    if key in DEMONYMS:
        entity.add_affiliation(DEMONYMS[key])
    elif key in PARTIES:
        entity.add_affiliation(PARTIES[key])
    elif any(t.lower_ in DEMONYMS or t.lower_ in PARTIES for t in tokens):
        for t in tokens:
            _read_affiliation(entity, [t]) if (t.lower_ in DEMONYMS or t.lower_ in PARTIES) else None
    elif any(t.is_title or t.is_upper for t in tokens):
        entity.add_affiliation(text.removesuffix(" 's").removesuffix("’s").removesuffix("'s"))


def read_role(entity: Entity, noun: Token) -> None:
    """Title and affiliation from a role noun phrase: "a doctor at X", "the general
    secretary of the British union Unite", "the Salvadoran president"."""
    if noun.lower_ not in TITLE_WORDS:
        return
    mods = [t for t in noun.lefts if t.dep_ in ("compound", "amod") and t.i < noun.i]
    title_tokens = [t for t in mods if t.lower_ in TITLE_WORDS or (t.is_lower and t.lower_ not in DEMONYMS)] + [noun]
    entity.add_title(" ".join(t.text for t in sorted(title_tokens, key=lambda t: t.i)))
    for t in mods:
        if t.lower_ in DEMONYMS or t.lower_ in PARTIES:
            _read_affiliation(entity, [t])
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("at", "of", "for", "with", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    end = obj.right_edge.i + 1
                    comma = next((t.i for t in obj.doc[obj.i:end] if t.text == ","), end)
                    entity.add_affiliation(_clean(obj.doc[obj.left_edge.i:comma]).text)


def _role_in_apposition(ent: SpacySpan) -> bool:
    """A person's role stands in apposition after the name ("X, a trade professor at Y,")."""
    return any(child.dep_ == "appos" and child.i >= ent.end and child.lower_ in TITLE_WORDS
               and ent.doc[ent.end].text == "," and not subject_of_what_follows(child)
               for child in ent.root.children) if ent.end < len(ent.doc) else False


def subject_of_what_follows(appos: Token) -> bool:
    """The phrase the parser hung on a name as its apposition runs straight into a verb: it
    is that verb's subject, after an opening phrase that ends with the name ("In an interview
    with hosts Joe Carter and Mia Brandt, the Democratic candidate stated ...")."""
    after = appos.right_edge.i + 1
    return after < len(appos.doc) and appos.doc[after].pos_ in ("VERB", "AUX") \
        and appos.doc[after].tag_ in ("VBD", "VBZ", "VBP", "MD")


def _read_apposition(entity: Entity, ent: SpacySpan) -> None:
    """"Hugh Hill, a doctor at X," "the general secretary of Unite, Tony Woodley" and "John
    Smith of Barclays": the role and the body a person is named with."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end and not subject_of_what_follows(child):
            read_role(entity, child)
    of = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if of is not None and of.lower_ == "of" and of.head.i == ent.root.i:
        body = next((o for o in of.children if o.dep_ == "pobj" and o.ent_type_ in ("ORG", "GPE", "FAC", "NORP")), None)
        if body is not None:  # "John Smith of Barclays", "Ann Lee of Leeds"
            words = [t for t in body.subtree if t.ent_type_ and not (t.i == body.left_edge.i and t.dep_ == "det")]
            entity.add_affiliation(" ".join(t.text for t in words))
    if ent.root.dep_ == "appos" and ent.root.head.i < ent.start:
        # The parser often hangs the name on the last noun of the role phrase ("the
        # general secretary of the union Unite, Tony Woodley"): climb to the role noun.
        head = ent.root.head
        for _ in range(4):
            if head.lower_ in TITLE_WORDS or head.dep_ not in ("pobj", "prep", "compound") or head.head.i == head.i:
                break
            head = head.head
        read_role(entity, head)


_PARTY_LETTERS = {"r": "Republican Party", "d": "Democratic Party", "i": "Independent"}


def _honorific_gender(name: SpacySpan) -> str | None:
    before = name.doc[name.start - 1] if name.start > 0 else None
    return HONORIFICS.get(before.lower_) if before is not None else None


def _read_party(entity: Entity, name: SpacySpan) -> None:
    """"Sen. Ted Cruz (R-Texas)": the letter in brackets after a name is a party."""
    doc = name.doc
    if name.end + 2 < len(doc) and doc[name.end].text == "(":
        letter = doc[name.end + 1].lower_.split("-")[0]
        if letter in _PARTY_LETTERS:
            entity.add_affiliation(_PARTY_LETTERS[letter])


def short_forms(doc: Doc) -> dict[str, tuple[int, int]]:
    """The short forms the text defines in brackets after a name ("the Ministry of Trade,
    Industry and Energy (MOTIE)", "World Health Organization (WHO)"): the short form,
    lower-case -> the token range of the name it stands for."""
    forms: dict[str, tuple[int, int]] = {}
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "GPE", "FAC", "NORP", "PERSON"):
            continue
        clean = _clean(ent)
        at = clean.end
        if len(clean) < 2 or at + 2 >= len(doc) or doc[at].text != "(" or doc[at + 2].text != ")":
            continue
        short = doc[at + 1]
        if short.is_upper and len(short) > 1 and short.text.replace("-", "").replace("&", "").isalpha():
            forms.setdefault(short.lower_, (clean.start, clean.end))
    return forms


def build_entities(doc: Doc) -> list[Entity]:
    """Named entities of `doc`, each mention joined to the first compatible entity (a short
    form the text defined in brackets, to the name it stands for)."""
    entities: list[Entity] = []
    mentions = []
    forms = short_forms(doc)
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        clean = _clean(ent)
        label = ent.label_
        aged = _without_age_or_rank(clean) if len(clean) else None
        if aged is not None:
            clean, label = aged, "PERSON"
        elif label in ("ORG", "GPE", "NORP", "FAC") and len(clean) and _role_in_apposition(clean):
            label = "PERSON"  # "Eswar Prasad, a trade professor at Cornell," tagged ORG
        elif label in _PLACE_LABELS and _a_person_s_name(clean):
            label = "PERSON"  # "Derek Mitchell said", tagged GPE
        elif label == "PERSON" and _whose_person(ent) is not None:
            label = "GPE"  # "Leeds's Mark Smith": Leeds is where he is from, not a person
        titled = _after_leading_titles(clean) if label in ("PERSON", "ORG") else None
        if titled is not None:
            clean, label = titled, "PERSON"  # "Rabbi Rick Jacobs", "Spokeswoman Haley Morris" (tagged ORG)
        if label == "PERSON":
            clean = _clean(_proper_name_only(_before_a_verb(_from_first_name_word(clean))))
        if len(clean) == 0 or not any(t.is_alpha for t in clean):
            continue
        if label == "PERSON" and (_names_a_body(clean) or (len(clean) == 1 and clean[0].lower_ in PLATFORM_NAMES)):
            label = "ORG"
        mentions.append((clean, label))
    # Fuller names first, so that "Bukele" finds "Nayib Bukele" even when it comes first.
    for clean, label in sorted(mentions, key=lambda m: -len(m[0])):
        matches = candidates = [e for e in entities if compatible(e, clean, label)]
        if len(clean) == 1 and clean[0].lower_ in forms:
            start, end = forms[clean[0].lower_]
            full = [e for e in entities if (start, end) in e.mentions]
            matches = candidates = full or matches
        reason = None
        if len(matches) > 1:
            # "Mr. Smith" beside John and Jane Smith: an honorific may settle it; else the
            # sentence, else the person the article is about.
            gender = _honorific_gender(clean)
            meant, reason = meant_by_shorter_form(matches, clean)
            exact = [e for e in matches if e.words == [_word_key(t.text) for t in clean]]
            matches = [meant] if meant else exact or [e for e in matches if gender and e.gender == gender]
        match = matches[0] if len(matches) == 1 else None
        if match is None:
            if candidates and all(e.label == "PERSON" for e in candidates):
                label = "PERSON"  # "Trump" beside Donald and Ivanka Trump: a person's name, not which
            match = Entity(name=clean.text, label=label)
            entities.append(match)
        elif label == "PERSON" and match.label != "PERSON":
            match.label = "PERSON"
        match.mentions.append((clean.start, clean.end))
        if reason and match is not None:
            match.reasons[(clean.start, clean.end)] = reason
        if label == "PERSON" or match.label == "PERSON":
            if match.gender is None and len(clean) > 1:
                match.gender = gender_of(clean[0].text)
            _read_premodifiers(match, _premodifiers(clean))
            _read_possessor(match, clean)
            _read_apposition(match, clean)
            _read_party(match, clean)
    _surnames_missed(doc, entities)
    _families(doc, entities)
    ordered = sorted((e for e in entities if not (e.label == "PERSON" and _only_credited(doc, e))),
                     key=lambda e: min(e.mentions))
    for number, entity in enumerate(ordered):
        entity.id = f"e{number}"
    return ordered


def _surnames_missed(doc: Doc, entities: list[Entity]) -> None:
    """A bare surname the recogniser did not tag ("Simmons teased the tour", read as a plural
    noun) is a mention of the one person named in full before it with that surname: a
    capitalised noun outside every entity, not a part of a longer name, not "the Simmonses"."""
    people: dict[str, list[Entity]] = {}
    for entity in entities:
        if entity.label == "PERSON" and len(entity.words) > 1 and not entity.collective:
            people.setdefault(_surname_word(entity.words), []).append(entity)
    for token in doc:
        if token.ent_iob_ != "O" or not token.is_title or not token.is_alpha \
                or token.tag_ not in ("NNP", "NNPS", "NN", "NNS"):
            continue
        owners = people.get(_word_key(token.text), [])
        if len(owners) != 1 or (token.i > 0 and doc[token.i - 1].lower_ == "the"):
            continue
        [person] = owners
        if token.text != person.name.split()[-1] or min(person.mentions)[0] > token.i:
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(t.pos_ == "PROPN" and t.is_title for t in neighbours):
            continue  # a word of a longer name the recogniser missed ("Simmons Bank")
        person.mentions.append((token.i, token.i + 1))


def _families(doc: Doc, entities: list[Entity]) -> None:
    """A surname in the plural after "the" ("the Clintons", "the Bushes"), where the article
    names a person of that surname, is the family: a group, not a person."""
    surnames = {e.words[-1] for e in entities if e.label == "PERSON" and len(e.words) > 1}
    for entity in entities:
        if entity.label != "PERSON" or len(entity.words) != 1 or entity.collective:
            continue
        word = entity.words[0]
        singular = {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]} if word.endswith("s") else set()
        after_the = all(start > 0 and doc[start - 1].lower_ == "the" for start, _ in entity.mentions)
        if singular & surnames and after_the:
            entity.collective = True


def meant_by_shorter_form(candidates: list[Entity], mention: SpacySpan) -> tuple[Entity | None, str | None]:
    """Which person of several `candidates` a shorter form of a name ("Clinton") names, and
    why, among those with more words whose surname it is: the one such person; else the only
    one named before it; else the person the article is about, named most in fuller forms
    and, among those named as often, first ("Clinton" beside Hillary and Bill Clinton); an
    honorific rules out those of the other gender ("Mrs. Schlafly"). Where
    a writer means another, news style names them again in full or by a title. (None, None)
    when no candidate has the mention's last word as surname."""
    words = [_word_key(t.text) for t in mention if not t.is_punct]
    gender = _honorific_gender(mention)  # "Mrs. Schlafly" is not John Schlafly
    people = [e for e in candidates if e.label == "PERSON" and len(e.words) > len(words) and words
              and _surname_word(e.words) == words[-1] and (gender is None or e.gender in (None, gender))]
    if gender:  # of those, the ones known to be of the honorific's gender
        people = [e for e in people if e.gender == gender] or people
    if len(people) < 2:
        return (people[0], f"the one person of the article with that surname: {people[0].name}") if people else (None, None)
    before = [e for e in people if min(e.mentions)[0] < mention.start]
    if len(before) == 1:
        return before[0], f"the only one named before: {before[0].name}"

    def fuller(entity: Entity) -> int:
        return sum(1 for start, end in entity.mentions if end - start > len(mention))

    ranked = sorted(people, key=lambda e: (-fuller(e), min(e.mentions)))
    meant = ranked[0]
    others = " and ".join(e.name for e in ranked[1:])
    how = "named first" if fuller(meant) == fuller(ranked[1]) else "named most"
    return meant, f"the article is about {meant.name}: {how} (also named: {others})"


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention inside the token range [start, end), preferring one
    whose mention is the longest."""
    best: tuple[int, Entity] | None = None
    for entity in entities:
        for m_start, m_end in entity.mentions:
            if start <= m_start and m_end <= end and (best is None or m_end - m_start > best[0]):
                best = (m_end - m_start, entity)
    return best[1] if best else None
