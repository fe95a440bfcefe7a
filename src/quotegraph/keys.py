"""Every key quotegraph keeps in a spaCy Doc's `user_data`, in one place.

The components hand their results on through `user_data`, not through Python attributes,
because spaCy serializes it with msgpack when docs travel between `nlp.pipe` worker
processes or to disk: the values are plain strings, lists and dicts. It sits at the bottom of
the house, beside `errors` and `config`, because a stage below the pipeline (the quotes'
screening) reads one of them.

Set before the pipeline runs (by `api.extract_many`, per parsed piece):

- `PUBLISHED`: the article's publication date (ISO `YYYY-MM-DD`) or None; times and events
  resolve relative dates ("on Monday") against it.
- `LAYOUT`: the page's layout hints inside the piece, `[start, end, kind]` with offsets into
  the piece (text/layout.py); the quotes' screening keeps attributions out of headings and
  list items.

Set by the components (pipeline/components.py), read back as `doc._.<name>`:

- `ENTITIES` (`quotegraph_entities`, revised by `quotegraph_quotes`), `TIMES`
  (`quotegraph_times`), `QUOTES` (`quotegraph_quotes`, revised by `quotegraph_events`),
  `EVENTS` (`quotegraph_events`): lists of plain dicts.
"""
from __future__ import annotations

from typing import Final

PUBLISHED: Final = "quotegraph.published"
LAYOUT: Final = "quotegraph.layout"
ENTITIES: Final = "quotegraph.entities"
TIMES: Final = "quotegraph.times"
QUOTES: Final = "quotegraph.quotes"
EVENTS: Final = "quotegraph.events"
