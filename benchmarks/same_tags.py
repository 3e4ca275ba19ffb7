"""Does vnfacts' tagger answer as underthesea does? Every sentence of the archive's first articles.

    python benchmarks/same_tags.py [--archive PATH] [--docs 2000]

``extractor.tagger.PosTagger`` builds the CRF's features from a template parsed once instead of
underthesea's per-word interpretation. For each sentence (as the pipeline splits them) of the first
``--docs`` archive articles this compares, independently of the pipeline:

- the features of its words with those of underthesea's own ``TaggedTransformer``;
- the tags with ``underthesea.pos_tag(sentence)``.

Exit status: 0 identical everywhere, 1 a sentence differs (the first ones are printed).
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

from underthesea import pos_tag, word_tokenize

from extractor.clean import clean
from extractor.read import iter_documents
from extractor.records import Document
from extractor.segment import segment
from extractor.tagger import PosTagger

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "archive" / "baomoi-2017.jsonl.gz"


def sentences(archive: str, n_docs: int):
    for doc in itertools.islice(iter_documents([archive]), n_docs):
        if not isinstance(doc, Document):
            continue
        seg = segment(clean(doc))
        for sent in seg.sentences:
            yield seg.sentence_text(sent)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--archive", default=str(ARCHIVE))
    ap.add_argument("--docs", type=int, default=2000)
    args = ap.parse_args()
    tagger = PosTagger()
    n = n_words = 0
    differ: list[str] = []
    t = time.perf_counter()
    for text in sentences(args.archive, args.docs):
        words = word_tokenize(text)
        n += 1
        n_words += len(words)
        if words and tagger.features(words) != tagger.reference_features(words):
            differ.append(f"features differ: {text[:120]!r}")
        elif tagger(text) != [tuple(p) for p in pos_tag(text)]:
            differ.append(f"tags differ: {text[:120]!r}")
    seconds = time.perf_counter() - t
    print(f"{n} sentences, {n_words} words of the first {args.docs} articles, {seconds:.0f} s: "
          + ("identical features and tags" if not differ else f"{len(differ)} differ"))
    for line in differ[:20]:
        print(" ", line)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
