"""A MEANTIME-style XML document built by hand (tests/eval: the MEANTIME reader, event times
and TIMEX3), and the document its readers' tests share: SENTENCES as MEANTIME tokenises
them, TEXT as the article reads."""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

SENTENCES = [
    "Acme announces cuts",
    "March 06 , 2008",
    "Acme Corp said it would cut `` 500 '' jobs .",
    "John Smith , the company 's chief , said `` we are ready . ''",
    'He told reporters that the plan ( which costs $ 5 ) was n\'t " final " .',
    "The company announced results .",
]
TEXT = (
    "Acme announces cuts\n\nMarch 06, 2008\n\n"
    'Acme Corp said it would cut "500" jobs. '
    'John Smith, the company\'s chief, said "we are ready." '
    'He told reporters that the plan (which costs $5) wasn\'t "final". '
    "The company announced results."
)


class Builder:
    """A MEANTIME-style XML document: tokens, markables by phrase, relations."""

    def __init__(self, sentences=SENTENCES, creation_time: str | None = "2008-03-06") -> None:
        self.tokens: list[tuple[int, int, str]] = []  # (t_id, sentence, text)
        for s, sentence in enumerate(sentences):
            for word in sentence.split(" "):
                self.tokens.append((len(self.tokens) + 1, s, word))
        self.markables: list[str] = []
        self.relations: list[str] = []
        self.next_id = 1
        if creation_time:
            self.markables.append(f'<TIMEX3 functionInDocument="CREATION_TIME" m_id="{self.new_id()}" '
                                  f'type="DATE" value="{creation_time}"/>')

    def new_id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)

    def tids(self, phrase: str, nth: int = 0) -> list[int]:
        words = phrase.split(" ")
        texts = [t for _, _, t in self.tokens]
        found = -1
        for i in range(len(texts)):
            if texts[i:i + len(words)] == words:
                found += 1
                if found == nth:
                    return [self.tokens[i + k][0] for k in range(len(words))]
        raise ValueError(phrase)

    def mention(self, tag: str, phrase: str, nth: int = 0, **attrs: str) -> str:
        mid = self.new_id()
        attr = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
        anchors = "".join(f'<token_anchor t_id="{t}"/>' for t in self.tids(phrase, nth))
        self.markables.append(f'<{tag} m_id="{mid}"{attr}>{anchors}</{tag}>')
        return mid

    def entity(self, phrase: str, syntactic_type: str, nth: int = 0) -> str:
        return self.mention("ENTITY_MENTION", phrase, nth, syntactic_type=syntactic_type)

    def event(self, phrase: str, nth: int = 0, pred: str = "") -> str:
        return self.mention("EVENT_MENTION", phrase, nth, pred=pred or phrase)

    def instance(self, tag: str, **attrs: str) -> str:
        mid = self.new_id()
        self.markables.append(f"<{tag} m_id=\"{mid}\"" + "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
                              + "/>")
        return mid

    def relation(self, tag: str, sources: list[str], target: str, **attrs: str) -> None:
        attr = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
        src = "".join(f'<source m_id="{s}"/>' for s in sources)
        self.relations.append(f'<{tag} r_id="{len(self.relations) + 1}"{attr}>{src}<target m_id="{target}"/></{tag}>')

    def speech(self, phrase: str, agent: str | None, nth: int = 0, cls: str = "SPEECH_COGNITIVE") -> str:
        ev = self.event(phrase, nth)
        self.relation("REFERS_TO", [ev], self.instance("EVENT", **{"class": cls, "TAG_DESCRIPTOR": phrase}))
        if agent:
            self.relation("HAS_PARTICIPANT", [ev], agent, sem_role="Arg0")
        return ev

    def xml(self) -> str:
        toks = "\n".join(f'<token number="{i - 1}" sentence="{s}" t_id="{i}">{_esc(t)}</token>'
                         for i, s, t in self.tokens)
        return (f'<?xml version="1.0" ?><Document doc_id="42" doc_name="42_test" lang="en" url="http://x/42">\n'
                f"{toks}\n<Markables>\n" + "\n".join(self.markables) + "\n</Markables>\n<Relations>\n"
                + "\n".join(self.relations) + "\n</Relations>\n</Document>\n")

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.xml(), encoding="utf-8")
        return path


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
