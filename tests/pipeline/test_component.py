"""The spaCy component works in anyone's pipeline and survives a save and load."""
from __future__ import annotations

import pytest
import spacy

import quotegraph  # noqa: F401  (registers the factory when running from a source tree)
from quotegraph.config import Options
from quotegraph.record import Quote

pytestmark = pytest.mark.slow

TEXT = '"We are ready," the mayor told reporters.'


@pytest.fixture(scope="module")
def own_pipeline():
    nlp = spacy.load(Options().model)
    nlp.add_pipe("quotegraph_quotes")
    return nlp


def test_add_pipe_sets_doc_quotes(own_pipeline):
    quotes = own_pipeline(TEXT)._.quotes
    assert len(quotes) == 1 and isinstance(quotes[0], Quote)
    assert quotes[0].cue.text == "told" and quotes[0].addressee.text == "reporters"


def test_saved_pipeline_loads_with_component(own_pipeline, tmp_path):
    own_pipeline.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert "quotegraph_quotes" in loaded.pipe_names
    assert [q.to_dict() for q in loaded(TEXT)._.quotes] == [q.to_dict() for q in own_pipeline(TEXT)._.quotes]


def test_quotes_survive_doc_serialization(own_pipeline):
    doc = own_pipeline(TEXT)
    restored = spacy.tokens.Doc(own_pipeline.vocab).from_bytes(doc.to_bytes())
    assert [q.to_dict() for q in restored._.quotes] == [q.to_dict() for q in doc._.quotes]


def test_config_by_path(own_pipeline, tmp_path):
    """A pipeline given by path is accepted wherever a package name is."""
    own_pipeline.to_disk(tmp_path / "by_path")
    record = quotegraph.extract(TEXT, options=Options(model=str(tmp_path / "by_path")))
    assert [q.cue.text for q in record.quotes] == ["told"]


def test_the_components_run_in_the_order_they_are_declared():
    """pipeline/nlp.py adds SENTENCES before the parser and COMPONENTS, in their order, at the
    end: the order pipeline/components.py declares and keys.py describes."""
    from quotegraph.pipeline.components import COMPONENTS, SENTENCES
    from quotegraph.pipeline.nlp import load_pipeline

    names = load_pipeline(Options().model).pipe_names
    assert names.index(SENTENCES) < names.index("parser")
    assert names[-len(COMPONENTS):] == list(COMPONENTS)
    assert COMPONENTS == ("quotegraph_entities", "quotegraph_times", "quotegraph_quotes", "quotegraph_events")


def test_a_doc_keeps_what_the_components_set_under_the_keys_of_keys_py():
    from quotegraph import keys
    from quotegraph.pipeline.nlp import load_pipeline

    doc = load_pipeline(Options().model)('"We are ready," the mayor told reporters on Monday.')
    stored = {key for key in doc.user_data if isinstance(key, str)}
    assert {keys.ENTITIES, keys.TIMES, keys.QUOTES, keys.EVENTS} <= stored
    assert stored <= {keys.ENTITIES, keys.TIMES, keys.QUOTES, keys.EVENTS, keys.PUBLISHED, keys.LAYOUT}
