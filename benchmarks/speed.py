"""Throughput of vnfacts against the naive peer (underthesea NER over every sentence), in one run.

    python benchmarks/speed.py [ARCHIVE] [--docs 1000] [--peer-docs 40]

Prints a Markdown table; its output is kept in benchmarks/RESULTS.md. A ratio, measured in the
same run on the same machine, not a timed test.
"""
from __future__ import annotations

import argparse
import itertools
import platform
import time
from pathlib import Path

from extractor import rules as rules_mod
from extractor.pipeline import process
from extractor.read import iter_documents
from extractor.records import Document

ARCHIVE = Path(__file__).resolve().parent.parent.parent / "shared" / "archive" / "baomoi-2017.jsonl.gz"


def naive_peer(doc: Document) -> int:
    """underthesea sentence split + NER on every sentence: what a first attempt would do."""
    from underthesea import ner, sent_tokenize

    n = 0
    for sent in sent_tokenize(doc.text):
        n += sum(1 for tok in ner(sent) if tok[-1] != "O")
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("archive", nargs="?", default=str(ARCHIVE))
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--peer-docs", type=int, default=40)
    args = ap.parse_args()
    docs = [d for d in itertools.islice(iter_documents([args.archive]), args.docs) if isinstance(d, Document)]
    rules = rules_mod.load()
    process(docs[0], rules)  # load models and the gazetteer before timing
    naive_peer(docs[0])
    t = time.perf_counter()
    n_facts = sum(len(process(d, rules).facts) for d in docs)
    ours = len(docs) / (time.perf_counter() - t)
    peer_docs = docs[: args.peer_docs]
    t = time.perf_counter()
    for d in peer_docs:
        naive_peer(d)
    peer = len(peer_docs) / (time.perf_counter() - t)
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one process\n")
    print("| run | documents | docs/s |")
    print("| --- | ---: | ---: |")
    print(f"| vnfacts (full pipeline) | {len(docs)} | {ours:.1f} |")
    print(f"| naive peer (underthesea ner on every sentence) | {len(peer_docs)} | {peer:.1f} |")
    print(f"\nratio: **{ours / peer:.1f}x** the peer; {n_facts} facts from {len(docs)} documents.")


if __name__ == "__main__":
    main()
