"""The web app's made-up articles, and `ingest_corpus`, which stores them the way users do:
`quotegraph ingest` over a folder of them (real extraction, the real store writer). One
article is hostile: its title, URL and text carry script, markup and javascript: links.

The fixtures over them (`web_db`, `client`, `browser`) are in tests/web/conftest.py.
"""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

# HTML elements without an end tag (a parser keeping a stack of open elements skips them)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

HOSTILE_FLAGS = ("__xss_title", "__xss_img", "__xss_url", "__xss_text", "__xss_onerror", "__xss_link")
HOSTILE_TITLE = '<script>window.__xss_title=1</script>"><img src=x onerror="window.__xss_img=1">'
HOSTILE_URL = "javascript:window.__xss_url=1"

ARTICLES = [
    {"id": "herald-1", "title": "Council delays bridge vote", "url": "https://herald.example/bridge-vote",
     "published": "2024-03-08",
     "text": "Mayor Anna Kowalski told reporters on Friday that the council would delay the vote on the new "
             "bridge until April.\n\n\"We need more time to study the costs,\" Kowalski said.\n\n"
             "Councillor Ben Ortiz said the delay was a mistake.\n\nOrtiz believes the old bridge is still safe.\n\n"
             # a weak attribution (a noun phrase for a content): stored, not in the default view
             "Kowalski acknowledged the problem."},
    {"id": "gazette-1", "title": "Bridge vote put off", "url": "https://www.gazette.example/news/bridge",
     "published": "2024-03-09",
     "text": "The city will not vote on the bridge this month.\n\n\"We need more time to study the costs,\" "
             "Mayor Anna Kowalski said on Friday.\n\nKowalski said Councillor Ben Ortiz had not read the report.\n\n"
             "The vote was first planned for March 12."},
    {"id": "hostile-1", "title": HOSTILE_TITLE, "url": HOSTILE_URL, "published": "2024-03-10",
     "text": "Mayor Anna Kowalski said on Monday: \"<script>window.__xss_text=1</script> is not a plan.\"\n\n"
             "Ben Ortiz said \"><img src=x onerror=\"window.__xss_onerror=1\"> would never pass, and "
             "<a href=\"javascript:window.__xss_link=1\">click here</a> was a joke."},
]


# Text-direction spoofing: unterminated overrides (RLO, LRO), an isolate opened and never
# closed (RLI) and a stray closer (PDI), in the title, URL, text and speakers' names (the
# extraction drops them from the names it finds, as every format character; the statements
# keep them, being the article's text).
RLO, LRO, RLI, PDI = "\u202e", "\u202d", "\u2067", "\u2069"
BIDI_ARTICLES = [
    {"id": "bidi-1", "title": f"Council{RLO} vote 2024-03-11", "url": f"https://bidi.example/{RLO}path",
     "published": "2024-03-11",
     "text": f"Mayor Anna Kow{RLO}alski said on Monday that the council would vote.\n\n"
             f"\"We are ready{RLO} to build,\" Kow{RLO}alski said.\n\n"
             f"Ben Ortiz{LRO} said \"It is {RLI}too late.\"\n\nThe vote{PDI} is on Friday."},
    {"id": "bidi-2", "title": f"{RLI}Second{PDI}{LRO} report", "url": "https://bidi.example/second",
     "published": "2024-03-12",
     "text": f"\"We are ready{RLO} to build,\" Mayor Anna Kow{RLO}alski said on Tuesday."},
]


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_article(paragraphs: int = 480) -> dict[str, str]:
    """A long, quote-dense article (about 250 characters and two statements a paragraph
    group): the shape of a transcript or a live blog, many pages of text."""
    groups = []
    for n in range(paragraphs):
        month = MONTHS[n % 12]
        groups.append(f"\"We will finish section {n} of the bridge by {month},\" Mayor Anna Kowalski said on Monday."
                      f"\n\nCouncillor Ben Ortiz said the cost of section {n} had doubled since {month}."
                      f"\n\nThe council met for {n % 9 + 1} hours on the budget, and residents were asked to comment.")
    return {"id": "long-1", "title": "The bridge, section by section", "url": "https://herald.example/long",
            "published": "2024-03-15", "text": "\n\n".join(groups)}


def ingest_corpus(db: str, folder: Path, articles: list[dict[str, str]] = ARTICLES) -> None:
    """`quotegraph ingest FOLDER --db DB` over `articles` written as JSON Lines in FOLDER."""
    from quotegraph.cli import main

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "news.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
