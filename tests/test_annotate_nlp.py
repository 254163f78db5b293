"""The trained pipelines run only the components whose output annotate reads."""

from __future__ import annotations

import pytest

from herald.annotate.nlp import parse_texts, pipeline_for


@pytest.mark.parametrize("language", ["en", "fr"])
def test_unheard_shared_embedding_is_dropped(language: str) -> None:
    names = pipeline_for(language).pipe_names
    assert "tok2vec" not in names
    assert {"senter", "ner"} <= set(names)


def test_entities_still_found_without_the_shared_embedding() -> None:
    text = ("Greenpeace activists blocked the Shell offices in London on Monday. "
            "Police arrested twelve people.")
    doc = next(parse_texts("en", [text]))
    assert {"Greenpeace", "London"} <= {entity.text for entity in doc.ents}
    assert len(list(doc.sents)) == 2
