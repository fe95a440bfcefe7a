"""Reading MEANTIME (NewsReader) documents, and scoring speaker resolution on its speech events.

    quotegraph eval meantime ../shared/data/meantime_en/intra-doc_annotation

How the text is rebuilt, which events are gold, and when a speaker is correct:
docs/evaluation.md, "MEANTIME".
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..text.ranges import overlap
from .common import error_sample, extract_records, field_of, scored_run

KINDS = ("name", "pronoun", "description")
SPEECH_CLASS = "SPEECH_COGNITIVE"
ANNOTATED_SENTENCES = 6  # MEANTIME annotates the title and the first sentences: 0-5 (the date line is 1)
AGENT_ROLE = "Arg0"

# --------------------------------------------------------------------------- reading

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december")
_DATE_LINE = re.compile(rf"^({_MONTHS})\s+(\d{{1,2}})\s*,\s*(\d{{4}})$", re.IGNORECASE)
_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(_MONTHS.split("|"))}

# Printed forms of Penn Treebank quote tokens.
_FORMS = {"``": '"', "''": '"', "`": "'"}
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "”", "’", "'", "...",
                    "'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "“", "`", "‘", "$", "£", "€", "¥", "#"}
_CLITIC_AFTER_APOSTROPHE = {"s", "t", "re", "ve", "ll", "d", "m"}


@dataclass(frozen=True, slots=True)
class Token:
    id: str
    sentence: int
    number: int
    text: str   # as in the corpus
    form: str   # as printed in the rebuilt text
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Markable:
    """A child of `<Markables>`: a mention anchored to tokens (ENTITY_MENTION, EVENT_MENTION,
    TIMEX3, VALUE, SIGNAL, C-SIGNAL) or an instance without tokens (ENTITY, EVENT; also the
    CREATION_TIME TIMEX3). `spans`: the character spans of its runs of consecutive tokens."""

    id: str
    tag: str
    attrs: dict[str, str]
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0] if self.spans else -1

    @property
    def end(self) -> int:
        return self.spans[-1][1] if self.spans else -1

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrs.get(key, default)


@dataclass(frozen=True, slots=True)
class Relation:
    """A child of `<Relations>` (REFERS_TO, HAS_PARTICIPANT, TLINK, SLINK, GLINK, CLINK)."""

    id: str
    tag: str
    attrs: dict[str, str]
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass
class MeantimeDocument:
    id: str
    name: str
    url: str | None
    path: str
    text: str
    title: str
    published: str | None
    tokens: list[Token]
    markables: dict[str, Markable]
    relations: list[Relation]
    token_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    _refers: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _referred: dict[str, list[str]] = field(default_factory=dict, repr=False)
    tokens_by_id: dict[str, Token] = field(default_factory=dict, repr=False)
    _sentence_first: dict[int, int] = field(default_factory=dict, repr=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.token_spans = {t.id: (t.start, t.end) for t in self.tokens}
        self.tokens_by_id = {t.id: t for t in self.tokens}
        for t in self.tokens:
            self._sentence_first.setdefault(t.sentence, t.number)
        for rel in self.relations:
            if rel.tag == "REFERS_TO":
                for source in rel.sources:
                    for target in rel.targets:
                        self._refers.setdefault(source, []).append(target)
                        self._referred.setdefault(target, []).append(source)

    # ---- lookups

    @property
    def entity_mentions(self) -> list[Markable]:
        if "_entity_mentions" not in self._cache:
            self._cache["_entity_mentions"] = [m for m in self.of_tag("ENTITY_MENTION") if m.spans]
        return self._cache["_entity_mentions"]

    def of_tag(self, tag: str) -> list[Markable]:
        return [m for m in self.markables.values() if m.tag == tag]

    def mention_text(self, markable: Markable, sep: str = " … ") -> str:
        return sep.join(self.text[s:e] for s, e in markable.spans)

    def instances_of(self, mention_id: str) -> list[Markable]:
        """The instances (ENTITY/EVENT) a mention REFERS_TO."""
        return [self.markables[t] for t in self._refers.get(mention_id, []) if t in self.markables]

    def chain(self, mention_id: str) -> list[Markable]:
        """Every mention referring to the instance(s) `mention_id` refers to, in text order;
        just the mention itself when it refers to none."""
        ids = {mention_id}
        for target in self._refers.get(mention_id, []):
            ids.update(self._referred.get(target, []))
        return sorted((self.markables[i] for i in ids if i in self.markables),
                      key=lambda m: (m.start, m.end, m.id))

    def relations_from(self, source_id: str, tag: str) -> list[Relation]:
        return [r for r in self.relations if r.tag == tag and source_id in r.sources]

    def sentence_span(self, sentence: int) -> tuple[int, int]:
        toks = [t for t in self.tokens if t.sentence == sentence]
        return (toks[0].start, toks[-1].end) if toks else (0, 0)

    def sentence_of(self, markable: Markable) -> int:
        return min(self.tokens_by_id[t].sentence for t in markable.tokens) if markable.tokens else -1

    def sentence_initial(self, token: Token) -> bool:
        return self._sentence_first.get(token.sentence) == token.number

    @property
    def annotated_end(self) -> int:
        """Where the annotated part of the text ends: MEANTIME annotates the title and the
        first sentences, up to the last sentence holding an anchored markable of any layer,
        and never fewer than ANNOTATED_SENTENCES."""
        if "_annotated_end" not in self._cache:
            marked = [self.tokens_by_id[t].sentence for m in self.markables.values() for t in m.tokens
                      if t in self.tokens_by_id]
            last = max([ANNOTATED_SENTENCES - 1] + marked)
            self._cache["_annotated_end"] = max((t.end for t in self.tokens if t.sentence <= last),
                                                default=len(self.text))
        return self._cache["_annotated_end"]

    @property
    def creation_time(self) -> Markable | None:
        for m in self.of_tag("TIMEX3"):
            if m.get("functionInDocument") == "CREATION_TIME":
                return m
        return None


def _date_line(words: Sequence[str]) -> str | None:
    """`March 06 , 2008` -> '2008-03-06'; None when the words are not a date line."""
    m = _DATE_LINE.match(" ".join(words))
    if not m:
        return None
    return f"{int(m.group(3)):04d}-{_MONTH_NUMBER[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"


def rebuild_text(raw: Sequence[tuple[str, int, str]]) -> tuple[str, list[tuple[str, int, int]], bool]:
    """The printed text of tokens `(t_id, sentence, text)` (in document order), with
    `(form, start, end)` per token, and whether sentence 1 was a date line."""
    sentences: dict[int, list[str]] = {}
    for _, sentence, text in raw:
        sentences.setdefault(sentence, []).append(text)
    has_date_line = 1 in sentences and _date_line(sentences[1]) is not None
    breaks = {0} | ({1} if has_date_line else set())  # sentences followed by a blank line

    parts: list[str] = []
    pos = 0
    out: list[tuple[str, int, int]] = []
    prev_text: str | None = None
    glue_next = True   # no space before the next token (start of text / after an opener)
    quote_open = False  # state of straight `"` alternation
    prev_sentence: int | None = None
    for _, sentence, text in raw:
        if prev_sentence is not None and sentence != prev_sentence:
            if prev_sentence in breaks:
                parts.append("\n\n")
                pos += 2
                glue_next, quote_open = True, False
            else:
                glue_next = False
        form = _FORMS.get(text, text)
        if text == '"':
            opening = not quote_open
            quote_open = not quote_open
        else:
            opening = text in _NO_SPACE_AFTER or (len(text) > 1 and text.endswith("$") and text.isupper())
        closing = (text in _NO_SPACE_BEFORE or (text == '"' and not opening)
                   or (prev_text in ("'", "’") and text.lower() in _CLITIC_AFTER_APOSTROPHE))
        space = not glue_next and not (prev_sentence == sentence and closing)
        if space:
            parts.append(" ")
            pos += 1
        parts.append(form)
        out.append((form, pos, pos + len(form)))
        pos += len(form)
        glue_next = opening
        prev_text, prev_sentence = text, sentence
    return "".join(parts), out, has_date_line


def _runs(token_ids: Sequence[str], order: dict[str, int], spans: dict[str, tuple[int, int]]
          ) -> tuple[tuple[int, int], ...]:
    """Character spans of the runs of consecutive tokens among `token_ids`."""
    idx = sorted({order[t] for t in token_ids if t in order})
    ids_by_index = {v: k for k, v in order.items()}
    runs: list[tuple[int, int]] = []
    prev = None
    for i in idx:
        s, e = spans[ids_by_index[i]]
        if prev is not None and i == prev + 1:
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
        prev = i
    return tuple(runs)


def load_document(path: str | Path) -> MeantimeDocument:
    """One MEANTIME XML file (see docs/evaluation.md)."""
    path = Path(path)
    root = ET.parse(path).getroot()
    raw = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
           if t.get("t_id") is not None and t.text]
    text, printed, has_date_line = rebuild_text(raw)
    tokens: list[Token] = []
    for (tid, sentence, tok_text), (form, start, end) in zip(raw, printed):
        assert text[start:end] == form, (path, tid, text[start:end], form)
        tokens.append(Token(tid, sentence, len(tokens), tok_text, form, start, end))
    order = {t.id: t.number for t in tokens}
    spans = {t.id: (t.start, t.end) for t in tokens}

    markables: dict[str, Markable] = {}
    container = root.find("Markables")
    for el in (list(container) if container is not None else []):
        mid = el.get("m_id")
        if mid is None:
            continue
        anchors = tuple(a.get("t_id", "") for a in el.findall("token_anchor"))
        markables[mid] = Markable(mid, el.tag, dict(el.attrib), anchors, _runs(anchors, order, spans))
    relations: list[Relation] = []
    container = root.find("Relations")
    for el in (list(container) if container is not None else []):
        relations.append(Relation(
            el.get("r_id", ""), el.tag, dict(el.attrib),
            tuple(s.get("m_id", "") for s in el.findall("source")),
            tuple(t.get("m_id", "") for t in el.findall("target"))))

    title_end = max((t.end for t in tokens if t.sentence == 0), default=0)
    doc = MeantimeDocument(
        id=root.get("doc_id") or path.stem, name=root.get("doc_name") or path.stem, url=root.get("url"),
        path=str(path), text=text, title=text[:title_end], published=None, tokens=tokens,
        markables=markables, relations=relations)
    ct = doc.creation_time
    if ct is not None and re.match(r"^\d{4}-\d{2}-\d{2}", ct.get("value") or ""):
        doc.published = (ct.get("value") or "")[:10]
    elif has_date_line:
        doc.published = _date_line([t.text for t in tokens if t.sentence == 1])
    return doc


def find_files(path: str | Path) -> list[Path]:
    """The MEANTIME XML files under `path` (a file, a corpus_* folder or the folder holding
    them), sorted. Raises FileNotFoundError when there are none."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(path.rglob("*.xml"))
    if not files:
        raise FileNotFoundError(f"no MEANTIME documents (*.xml) under {path}: expected a folder such as "
                                "meantime_en/intra-doc_annotation or one of its corpus_* folders")
    return files


def load_corpus(path: str | Path, *, limit: int | None = None) -> list[MeantimeDocument]:
    files = find_files(path)
    return [load_document(f) for f in (files[:limit] if limit is not None else files)]


# --------------------------------------------------------------------------- gold speech events

_PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself he him his himself she her "
    "hers herself it its itself they them their theirs themselves who whom whose which that this these "
    "those one someone anyone".split())
_DETERMINERS = frozenset("the a an this that these those".split())
_FUNCTION = frozenset("of and the for de du la le von van &".split())
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
_TYPED_KIND = {"NAM": "name", "PRE.NAM": "name", "PRO": "pronoun"}


def mention_kind(doc: MeantimeDocument, mention: Markable) -> str:
    """name / pronoun / description, from `syntactic_type` (inferred from the words when untyped)."""
    syntactic = (mention.get("syntactic_type") or "").strip()
    if syntactic:
        return _TYPED_KIND.get(syntactic, "description")
    by_id = doc.tokens_by_id
    toks = [by_id[t] for t in mention.tokens if t in by_id]
    words = [t.text for t in toks if any(c.isalnum() for c in t.text)]
    if not words:
        return "description"
    if all(w.lower() in _PRONOUNS for w in words):
        return "pronoun"
    content = [w for w in words if w.lower() not in _FUNCTION and w.lower() not in ("'s", "s")]
    if words and words[0].lower() in _DETERMINERS:
        content = [w for w in words[1:] if w.lower() not in _FUNCTION and w.lower() not in ("'s", "s")]
    if not content or not all(w[0].isupper() or w[0].isdigit() for w in content):
        return "description"
    lone_initial = len(content) == 1 and doc.sentence_initial(toks[0]) and content[0][1:].islower()
    return "description" if lone_initial else "name"


@dataclass(frozen=True)
class GoldSpeech:
    """A gold speech event: the event mention, its agent (Arg0) and the agent's chain."""

    doc: str
    event: Markable
    agent: Markable
    chain: tuple[Markable, ...]
    kind: str
    pred: str


def speech_events(doc: MeantimeDocument) -> list[GoldSpeech]:
    """The event mentions of SPEECH_COGNITIVE instances that have an Arg0 agent, in text order."""
    out = []
    for event in doc.of_tag("EVENT_MENTION"):
        if not any(inst.tag == "EVENT" and inst.get("class") == SPEECH_CLASS for inst in doc.instances_of(event.id)):
            continue
        agents = [doc.markables[t] for r in doc.relations_from(event.id, "HAS_PARTICIPANT")
                  if r.attrs.get("sem_role") == AGENT_ROLE for t in r.targets
                  if t in doc.markables and doc.markables[t].spans]
        if not agents or not event.spans:
            continue
        agent = agents[0]
        chain = tuple(m for m in doc.chain(agent.id) if m.tag == "ENTITY_MENTION" and m.spans) or (agent,)
        out.append(GoldSpeech(doc.id, event, agent, chain, mention_kind(doc, agent), event.get("pred") or ""))
    return sorted(out, key=lambda g: (g.event.start, g.event.id))


def count_speech_mentions(doc: MeantimeDocument) -> int:
    return sum(1 for e in doc.of_tag("EVENT_MENTION")
               if any(i.get("class") == SPEECH_CLASS for i in doc.instances_of(e.id)))


# --------------------------------------------------------------------------- scoring

def _bounds(span: Any) -> tuple[int, int] | None:
    if span is None:
        return None
    return int(field_of(span, "start")), int(field_of(span, "end"))


def _overlap(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> int:
    """How much `a` shares with the spans together."""
    return sum(overlap(a, span) for span in spans)


def match_quote(gold: GoldSpeech, quotes: Sequence[Any]) -> Any | None:
    """Our quote whose cue overlaps the event mention most (the first on ties), or None."""
    best, best_overlap = None, 0
    for quote in quotes:
        cue = _bounds(field_of(quote, "cue"))
        if cue is None:
            continue
        amount = _overlap(cue, gold.event.spans)
        if amount > best_overlap:
            best, best_overlap = quote, amount
    return best


def _words(text: str) -> list[str]:
    words = _WORD.findall(_POSSESSIVE.sub("", text).lower())
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return words


def name_matches(name: str, doc: MeantimeDocument, chain: Sequence[Markable]) -> bool:
    """Rule (b): the name's word set is a subset or superset of a name mention's word set in
    the chain, or equals the text of any chain mention (case-insensitive, determiners and
    possessive 's dropped)."""
    mine = _words(name)
    if not mine:
        return False
    for mention in chain:
        theirs = _words(doc.mention_text(mention, sep=" "))
        if not theirs:
            continue
        if mine == theirs:
            return True
        if mention_kind(doc, mention) == "name" and (set(mine) <= set(theirs) or set(mine) >= set(theirs)):
            return True
    return False


def _closest_gold_mention(doc: MeantimeDocument, bounds: tuple[int, int]) -> Markable | None:
    """The gold entity mention that best explains our mention: the one overlapping it most,
    the shortest on ties (so "Apple" inside "Apple CEO Steve Jobs" is the gold "Apple")."""
    best, key = None, None
    for m in doc.entity_mentions:
        amount = _overlap(bounds, m.spans)
        if amount <= 0:
            continue
        k = (-amount, sum(e - s for s, e in m.spans), m.start)
        if key is None or k < key:
            best, key = m, k
    return best


def judge(gold: GoldSpeech, quote: Any | None, record: Any, doc: MeantimeDocument) -> tuple[str, str]:
    """(verdict, how): verdict is 'missed', 'no_speaker', 'correct' or 'wrong'; `how` says which
    rule decided ('entity', 'name', or '')."""
    if quote is None:
        return "missed", ""
    speaker = field_of(quote, "speaker")
    if not speaker or not field_of(speaker, "name") and not field_of(speaker, "entity"):
        return "no_speaker", ""
    chain_spans = [s for m in gold.chain for s in m.spans]
    entity_id = field_of(speaker, "entity")
    entity = None
    if entity_id is not None:
        entity = next((e for e in (field_of(record, "entities") or []) if field_of(e, "id") == entity_id), None)
    if entity is not None:
        chain_ids = {m.id for m in gold.chain}
        for mention in field_of(entity, "mentions") or []:
            b = _bounds(mention)
            if b is not None and _overlap(b, chain_spans) > 0:
                closest = _closest_gold_mention(doc, b)
                if closest is None or closest.id in chain_ids:
                    return "correct", "entity"
        return "wrong", "entity"
    if name_matches(field_of(speaker, "name") or "", doc, gold.chain):
        return "correct", "name"
    return "wrong", "name"


def _figures(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    gold = len(rows)
    detected = sum(1 for r in rows if r["verdict"] != "missed")
    correct = sum(1 for r in rows if r["verdict"] == "correct")
    return {
        "gold": gold,
        "detected": detected,
        "correct": correct,
        "no_speaker": sum(1 for r in rows if r["verdict"] == "no_speaker"),
        "wrong": sum(1 for r in rows if r["verdict"] == "wrong"),
        "coverage": round(detected / gold, 4) if gold else 0.0,
        "speaker_accuracy": round(correct / detected, 4) if detected else 0.0,
        "overall_accuracy": round(correct / gold, 4) if gold else 0.0,
        "source_in_chain": round(sum(1 for r in rows if r["source_in_chain"]) / detected, 4) if detected else 0.0,
        "decided_by_entity": sum(1 for r in rows if r["how"] == "entity"),
    }


def judge_all(docs: Sequence[MeantimeDocument], records: Sequence[Any]) -> list[dict[str, Any]]:
    """One row per gold speech event: the gold, our matched quote, the verdict."""
    if len(docs) != len(records):
        raise ValueError(f"{len(docs)} documents but {len(records)} records")
    rows = []
    for doc, record in zip(docs, records):
        if field_of(record, "text") not in (None, "", doc.text):
            raise ValueError(f"{doc.id}: the record's text is not the document's rebuilt text")
        quotes = list(field_of(record, "quotes") or [])
        for gold in speech_events(doc):
            quote = match_quote(gold, quotes)
            verdict, how = judge(gold, quote, record, doc)
            source = _bounds(field_of(quote, "source")) if quote is not None else None
            in_chain = source is not None and _overlap(source, [s for m in gold.chain for s in m.spans]) > 0
            rows.append({"doc": doc, "record": record, "gold": gold, "quote": quote,
                         "verdict": verdict, "how": how, "source_in_chain": in_chain})
    return rows


def score(docs: Sequence[MeantimeDocument], records: Sequence[Any]) -> dict[str, Any]:
    """Score records (one per document, in order; `Record`s or their dicts) against the gold
    speech events. Pure: no spaCy. See docs/evaluation.md for the definitions."""
    rows = judge_all(docs, records)
    return {
        "documents": len(docs),
        "speech_mentions": sum(count_speech_mentions(d) for d in docs),
        "overall": _figures(rows),
        "by_kind": {kind: _figures([r for r in rows if r["gold"].kind == kind]) for kind in KINDS},
    }


# --------------------------------------------------------------------------- running

def predict(docs: Sequence[MeantimeDocument], *, options: Any = None, batch_size: int = 16) -> list[Any]:
    """quotegraph's records for every document: one batched `extract_many` call."""
    items = [{"text": d.text, "id": d.id, "title": d.title or None, "published": d.published, "url": d.url}
             for d in docs]
    return extract_records(items, options=options, batch_size=batch_size)


def run(path: str | Path, *, options: Any = None, limit: int | None = None) -> tuple[dict[str, Any], Any, Any]:
    """(scores, documents, records): `format_errors(judge_all(documents, records), n)` samples them."""
    return scored_run(path, load=load_corpus, predict=predict, score=score, options=options, limit=limit)


def evaluate_dir(path: str | Path, *, options: Any = None, limit: int | None = None) -> dict[str, Any]:
    """Extract from every MEANTIME document under `path` and score speaker resolution.

    Raises FileNotFoundError (with what was expected) when `path` holds no *.xml.
    """
    result, _, _ = run(path, options=options, limit=limit)
    return result


def format_report(result: dict[str, Any]) -> str:
    """A fixed-width table of the figures (percentages)."""
    title = f"MEANTIME {result.get('corpus', '')}".rstrip()
    o = result["overall"]
    lines = [
        f"{title}: {result['documents']} documents, {result['speech_mentions']} speech event mentions, "
        f"{o['gold']} with an agent (Arg0)",
        "",
        f"{'kind':<12} {'gold':>5} {'detect':>6} {'correct':>7} {'no spk':>6} | {'coverage':>8} "
        f"{'speaker acc':>11} {'overall acc':>11} | {'source in chain':>15}",
        "-" * 96,
    ]
    for label, f in [("all", o)] + [(k, result["by_kind"][k]) for k in KINDS]:
        lines.append(
            f"{label:<12} {f['gold']:>5} {f['detected']:>6} {f['correct']:>7} {f['no_speaker']:>6} | "
            f"{f['coverage'] * 100:>8.1f} {f['speaker_accuracy'] * 100:>11.1f} "
            f"{f['overall_accuracy'] * 100:>11.1f} | {f['source_in_chain'] * 100:>15.1f}")
    lines.append("")
    lines.append("detected: a quote's cue overlaps the speech event; speaker acc: correct / detected; "
                 "overall acc: correct / gold;")
    lines.append("kind: of the gold agent mention (NAM/PRE.NAM name, PRO pronoun, others description).")
    return "\n".join(lines)


# --------------------------------------------------------------------------- error analysis

def _context(doc: MeantimeDocument, marks: Sequence[tuple[tuple[int, int], str, str]]) -> str:
    """The sentence(s) around the marked spans, each span wrapped in its brackets."""
    start = min(s for (s, _), _, _ in marks)
    end = max(e for (_, e), _, _ in marks)
    first = next((t for t in doc.tokens if t.end > start), None)
    last = next((t for t in reversed(doc.tokens) if t.start < end), None)
    s0 = doc.sentence_span(first.sentence)[0] if first else start
    s1 = doc.sentence_span(last.sentence)[1] if last else end
    inserts: list[tuple[int, int, str]] = []
    for (s, e), left, right in marks:
        inserts.append((s, 1, left))
        inserts.append((e, 0, right))
    out, pos = [], s0
    for at, _, mark in sorted(inserts):
        at = min(max(at, s0), s1)
        out.append(doc.text[pos:at])
        out.append(mark)
        pos = at
    out.append(doc.text[pos:s1])
    return "".join(out).replace("\n", " ⏎ ")


def _speaker_str(quote: Any) -> str:
    speaker = field_of(quote, "speaker")
    if not speaker:
        return "null"
    return f"{field_of(speaker, 'name')!r} (entity {field_of(speaker, 'entity')})"


def format_errors(rows: Sequence[dict[str, Any]], n: int, *, seed: int = 0) -> str:
    """Up to `n` sampled wrong (or speakerless) and `n` missed events (seeded), with context."""
    out = []
    groups = (("wrong", "WRONG SPEAKER (detected; speaker wrong or null)", ("wrong", "no_speaker")),
              ("missed", "MISSED (no quote with this cue)", ("missed",)))
    for _, label, verdicts in groups:
        items = [r for r in rows if r["verdict"] in verdicts]
        header, sample = error_sample(label, items, n, seed=seed, key=lambda r: (r["doc"].id, r["gold"].event.start))
        out.append(header)
        for r in sample:
            doc, gold, quote = r["doc"], r["gold"], r["quote"]
            ev = gold.event
            marks = [((s, e), "⟦", "⟧") for s, e in ev.spans] + [((s, e), "[", "]") for s, e in gold.agent.spans]
            out.append(f"- {doc.id} {doc.name}  event {doc.mention_text(ev)!r} @{ev.start} ({gold.kind})")
            out.append(f"    sentence: {_context(doc, marks)}")
            chain = "; ".join(f"{doc.mention_text(m)!r} {m.get('syntactic_type') or '-'}" for m in gold.chain)
            out.append(f"    gold agent: {doc.mention_text(gold.agent)!r}   chain: {chain}")
            if quote is not None:
                src = field_of(quote, "source")
                cue = field_of(quote, "cue")
                out.append(f"    ours: cue={field_of(cue, 'text')!r} source={(field_of(src, 'text') if src else None)!r} "
                           f"speaker={_speaker_str(quote)} [{r['verdict']}"
                           + (f" by {r['how']}" if r["how"] else "") + "]")
                entity_id = field_of(field_of(quote, "speaker"), "entity") if field_of(quote, "speaker") else None
                entity = next((e for e in (field_of(r["record"], "entities") or []) if field_of(e, "id") == entity_id), None)
                if entity is not None:
                    mentions = ", ".join(repr(field_of(m, "text")) for m in (field_of(entity, "mentions") or [])[:8])
                    out.append(f"    our entity {entity_id}: {field_of(entity, 'name')!r} mentions: {mentions}")
            else:
                near = [q for q in (field_of(r["record"], "quotes") or [])
                        if (cue_bounds := _bounds(field_of(q, "cue"))) and doc.sentence_span(doc.sentence_of(ev))[0]
                        <= cue_bounds[0] < doc.sentence_span(doc.sentence_of(ev))[1]]
                out.append("    our quotes in this sentence: " + ("; ".join(
                    f"cue={field_of(field_of(q, 'cue'), 'text')!r} speaker={_speaker_str(q)}" for q in near) or "none"))
        out.append("")
    return "\n".join(out)

