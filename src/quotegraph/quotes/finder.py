"""The attribution engine: candidates -> direct-quote attachment -> scoring -> decoding."""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc, Token

from ..entities.mentions import Entity
from ..entities.speakers import SpeakerResolver, names_a_work
from ..lexicons.titles import RULING_NOUNS
from ..record import Quote, QuoteType, Speaker, StatementKind
from ..text.ranges import CharRange, Paragraphs, TokenRange, paragraph_breaks
from ..text.spans import make_span
from .addressee import addressee_out_of_content
from .by_layout import label_candidates, signature_candidates
from .candidates import Candidate, according_candidates, clip_to_paragraph, noun_candidates, verb_candidates
from .clause import content_in_cue_clause
from .dateline import datelines, without_datelines
from .decoding import Accepted, Roles, decode, with_roles
from .direct import attach_quotes
from .interview import interview_turns
from .kind import kind_of_lemma
from .letters import letter_turns
from .marks import find_quoted_regions
from .model.attribution import model_attributions
from .model.encoder import AttributionModel
from .naming import naming_ends_at_quotation
from .nested import nested_attributions
from .relink import give_back_label_turns, give_back_quotations
from .scoring import score
from .screening import screen


def find_candidates(doc: Doc, text: str, paragraphs: Paragraphs) -> list[Candidate]:
    """All candidates of `doc`, whose text is `text` (passed in: `doc.text` rebuilds the
    string on every access) and whose paragraphs are `paragraphs`."""
    breaks = paragraph_breaks(doc)
    generated = [*verb_candidates(doc), *according_candidates(doc), *noun_candidates(doc),
                 *label_candidates(doc, text), *signature_candidates(doc, text)]
    parsed = [c for c in (clip_to_paragraph(cand, breaks) for cand in generated) if c is not None]
    return attach_quotes(doc, paragraphs, find_quoted_regions(text), parsed)


def find_quotes(doc: Doc, entities: list[Entity], model: AttributionModel | None = None) -> list[Quote]:
    """Every attributed statement in `doc`, in text order, with speakers resolved against
    `entities` (which gains the description and group entities that speakers need). With
    `model`, the trained model finds the attributions (the rules' are its features);
    without, the rules do."""
    text = doc.text
    if not text.strip():
        return []
    paragraphs = Paragraphs(text)
    accepted = rule_attributions(doc, text, paragraphs)
    if model is not None:
        rules = accepted
        found = model_attributions(model, doc, text, paragraphs, rules)
        accepted = give_back_label_turns(give_back_quotations(doc, paragraphs, found, rules), rules)
    accepted = letter_turns(doc, text, interview_turns(doc, text, entities, accepted))
    quoted = [(region.open, region.end) for region in find_quoted_regions(text)]
    lines = datelines(text)
    accepted = [without_datelines(doc, naming_ends_at_quotation(doc, content_in_cue_clause(doc, addressee_out_of_content(
        doc, _source_on_one_line(doc, text, item))), quoted), lines) for item in screen(doc, text, accepted, entities, quoted)]
    return resolve_speakers(doc, text, paragraphs, entities, accepted, quoted, nested_attributions(doc, accepted))


def _source_on_one_line(doc: Doc, text: str, item: Accepted) -> Accepted:
    """A source never runs over a line break: a heading or a box label above it ("Prisons
    plagued by understaffing\nPrison union representatives have long warned") is page
    furniture, not part of who speaks. The line nearest the cue is kept."""
    cand, confidence, roles = item
    if not roles["source"]:
        return item
    start, end = roles["source"][0]
    if "\n" not in text[start:end]:
        return item
    cue_start = roles["cue"][0][0] if roles["cue"] else end
    if cue_start >= end:  # the source before its cue: its last line
        start = text.rindex("\n", start, end) + 1
    else:
        end = text.index("\n", start, end)
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span) or not span.text.strip():
        return item
    return with_roles(doc, item, source=[(span.start_char, span.end_char)])


def rule_attributions(doc: Doc, text: str, paragraphs: Paragraphs) -> list[Accepted]:
    """The rules' attributions: candidates, scored, decoded into a univocal set."""
    scored = [(cand, score(doc, cand)) for cand in find_candidates(doc, text, paragraphs)]
    return decode(doc, scored)


def resolve_speakers(doc: Doc, text: str, paragraphs: Paragraphs, entities: list[Entity],
                     accepted: list[Accepted], quoted: list[CharRange],
                     nested: Sequence[tuple[int, Accepted]] = ()) -> list[Quote]:
    """Quotes from accepted attributions (the rules' or the model's) and the reports
    `nested` in them (index of the outer one in `accepted`, attribution), in text order,
    each with its speaker resolved against `entities`; `quoted`: the text's quotations
    (character ranges, quotation marks included)."""
    resolver = SpeakerResolver(doc, text, paragraphs, entities, quoted)
    quotes: list[Quote] = []
    resolved: list[Entity | None] = []
    speakers: dict[int, Entity | None] = {}  # id() of a candidate -> its speaker
    kinds: dict[int, StatementKind] = {}
    made: dict[int, tuple[Quote, Candidate]] = {}  # index in `accepted` -> its quote and candidate
    holders: list[Quote | None] = []  # of each quote, the quote it is nested in
    selves: list[str | None] = []  # of each quote not nested, its source's first-person word
    items = [(item, number, None) for number, item in enumerate(accepted)] \
        + [(item, None, outer) for outer, item in nested]
    items.sort(key=lambda entry: min(s for s, _ in entry[0].roles["content"]))  # stable: outer first
    for (cand, confidence, roles), number, outer in items:
        quote = _to_quote(text, cand.quote_type, roles, confidence)
        holder = made.get(outer) if outer is not None else None  # the quote a nested one is in
        if quote is None or (outer is not None and holder is None):
            continue
        if number is not None:
            made[number] = (quote, cand)
        self_word = _first_person(doc, cand.source)
        if holder is not None and self_word is not None:
            # "“I conclude that ...,” the judge said": the quotation's speaker, when the
            # text makes them the one speaking; a person's "we" is the organisation the
            # text says they belong to, else unknown (left out)
            speaker = speakers.get(id(holder[1]))
            if speaker is not None and self_word in _PLURAL_SELF:
                speaker = _speaks_for(speaker, entities)
            if holder[0].type == "indirect" or speaker is None or self_word not in _self_words(speaker):
                continue
        elif cand.continues is not None:
            speaker = speakers.get(id(cand.continues))
            resolver.remember(cand.content[0][0], speaker)
        else:
            # a report inside another quote's words is not the narrative's latest speaker: the
            # next "he said" is still the holder's ("“A barbershop owner was telling me ...,”
            # Gilbert said. ..., he said": Gilbert)
            speaker = resolver.resolve(cand.source, roles["content"], remember=holder is None).entity
        speakers[id(cand)] = speaker
        quote.kind = kinds[id(cand)] = _kind(doc, cand, kinds)
        if speaker is not None and quote.type != "indirect":
            _add_first_person_mentions(doc, cand, speaker)
        quotes.append(quote)
        resolved.append(speaker)
        holders.append(holder[0] if holder is not None else None)
        selves.append(self_word if holder is None else None)
    _inside_a_quotation(text, quotes, resolved, selves, quoted, entities)
    for number, (quote, speaker) in enumerate(zip(quotes, resolved)):
        quote.id = f"q{number}"  # the doc's own numbering; the record renumbers (pipeline/assemble.py)
        # names now: a later mention may give the full name
        quote.speaker = Speaker(name=speaker.name, entity=speaker.id) if speaker is not None else None
    for quote, within in zip(quotes, holders):
        quote.within = within.id if within is not None else None
    return quotes


def _inside_a_quotation(text: str, quotes: list[Quote], resolved: list[Entity | None], selves: list[str | None],
                        quoted: list[CharRange], entities: list[Entity]) -> None:
    """"“I think what she has got to do is contrast. ... The American people do not agree
    with Trump,” Sanders said": an "I think" inside a quotation that the engine did not take
    whole is the speaker of that quotation, as a report nested in it would be (`resolved`
    is completed in place, from a direct or mixed quote of the same quotation)."""
    for number, (quote, self_word) in enumerate(zip(quotes, selves)):
        if self_word is None or resolved[number] is not None or quote.source is None:
            continue
        region = next(((start, end) for start, end in quoted if start <= quote.source.start < end), None)
        if region is None:
            continue
        speakers = {id(speaker): speaker for other, speaker in zip(quotes, resolved)
                    if speaker is not None and other.type != "indirect"
                    and any(region[0] <= s.start < region[1] for s in other.content)}
        if len(speakers) != 1:
            continue
        speaker: Entity | None = next(iter(speakers.values()))
        if self_word in _PLURAL_SELF:
            speaker = _speaks_for(speaker, entities)  # type: ignore[arg-type]
        if speaker is not None and self_word in _self_words(speaker):
            resolved[number] = speaker


def _kind(doc: Doc, cand: Candidate, kinds: dict[int, StatementKind]) -> StatementKind:
    """The statement kind from the cue, where a document's "says" is writing ("the report
    says", "according to the ruling"); a cue-less quote continues its predecessor's kind,
    and words with no cue at all were said."""
    if cand.cue_lemma:
        kind = kind_of_lemma(cand.cue_lemma)
        if kind == "speech" and cand.source is not None and _is_document(doc[cand.source[0]:cand.source[1]].root):
            return "writing"
        return kind
    if cand.continues is not None and id(cand.continues) in kinds:
        return kinds[id(cand.continues)]
    return "speech"


def _is_document(head: Token) -> bool:
    return names_a_work(head) or head.lemma_.lower() in RULING_NOUNS


_SINGULAR_SELF = frozenset({"i", "me", "my", "myself", "mine"})
_PLURAL_SELF = frozenset({"we", "us", "our", "ourselves", "ours"})


def _first_person(doc: Doc, source: TokenRange | None) -> str | None:
    """The source's word when it is a first-person pronoun alone ("i", "we"), else None."""
    if source is None or source[1] - source[0] != 1:
        return None
    word = doc[source[0]].lower_
    return word if word in _SINGULAR_SELF or word in _PLURAL_SELF else None


def _self_words(speaker: Entity) -> frozenset[str]:
    """How `speaker` says itself: "I" for a person, "we" for an organisation or group."""
    return _SINGULAR_SELF if speaker.label == "PERSON" else _PLURAL_SELF


def _speaks_for(speaker: Entity, entities: list[Entity]) -> Entity | None:
    """Who says "we" through `speaker`: an organisation or group itself; for a person, the
    one organisation of the article named as their affiliation ("“We want to know what
    happened,” said Airbus chief executive Thomas Enders": Airbus), else nobody."""
    if speaker.label != "PERSON":
        return speaker
    bodies = [e for e in entities if e.label in ("ORG", "FAC") and e.name in speaker.affiliations]
    return bodies[0] if len(bodies) == 1 else None


def _add_first_person_mentions(doc: Doc, cand: Candidate, speaker: Entity) -> None:
    """"I" and "we" inside a quotation are its speaker (we: when the speaker is an
    organisation or group)."""
    words = _self_words(speaker)
    for start, end in cand.content:
        for token in doc[start:end]:
            if token.lower_ in words and (token.i, token.i + 1) not in speaker.mentions:
                speaker.mentions.append((token.i, token.i + 1))


def _to_quote(text: str, quote_type: QuoteType, ranges: Roles, confidence: float) -> Quote | None:
    def one(role: str):
        spans = ranges[role]
        return make_span(text, *spans[0]) if spans else None

    content = [s for s in (make_span(text, a, b) for a, b in sorted(ranges["content"])) if s is not None]
    if not content:
        return None
    return Quote(type=quote_type, content=content, cue=one("cue"), source=one("source"),
                 addressee=one("addressee"), confidence=confidence)
