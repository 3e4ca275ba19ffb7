"""The benchmark of issue #3, in one run, on the archive: speed, scale, memory, and a profile.

    python benchmarks/speed.py [ARCHIVE] [--docs 1000] [--peer-docs 40] [--workers 2]
                               [--scale-docs N] [--skip-archive] [-o benchmarks/RESULTS.md]

1. vnfacts on the first ``--docs`` articles in this process against the naive peer (underthesea
   ``ner`` over every sentence) on the first ``--peer-docs``: docs/s of each and the ratio. The
   pipeline and settings are those of ``vnfacts extract`` / ``vnfacts eval``.
2. ``vnfacts extract ARCHIVE`` as a user runs it, with ``--workers`` processes and with one:
   wall time, docs/s, peak memory of the whole process tree (sum of RSS, sampled every 0.2 s),
   facts per kind, errors, and whether every article is accounted for in documents.csv.
3. A profile (pyinstrument) of the pipeline on the first 300 articles: where the time goes.

Ratios are measured in the same run on the same machine: no timed test asserts them.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from extractor import rules as rules_mod
from extractor.pipeline import process
from extractor.read import iter_documents
from extractor.records import Document

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "archive" / "baomoi-2017.jsonl.gz"


def naive_peer(doc: Document) -> int:
    """underthesea sentence split + NER on every sentence: what a first attempt would do."""
    from underthesea import ner, sent_tokenize

    n = 0
    for sent in sent_tokenize(doc.text):
        n += sum(1 for tok in ner(sent) if tok[-1] != "O")
    return n


def throughput(archive: str, n_docs: int, n_peer: int) -> list[str]:
    docs = [d for d in itertools.islice(iter_documents([archive]), n_docs) if isinstance(d, Document)]
    rules = rules_mod.load()
    process(docs[0], rules)  # load models and the gazetteer before timing
    naive_peer(docs[0])
    t = time.perf_counter()
    n_facts = sum(len(process(d, rules).facts) for d in docs)
    ours = len(docs) / (time.perf_counter() - t)
    peer_docs = docs[:n_peer]
    t = time.perf_counter()
    for d in peer_docs:
        naive_peer(d)
    peer = len(peer_docs) / (time.perf_counter() - t)
    return [
        "| run | documents | docs/s |", "| --- | ---: | ---: |",
        f"| vnfacts (full pipeline, one process) | {len(docs)} | {ours:.1f} |",
        f"| naive peer (underthesea ner on every sentence) | {len(peer_docs)} | {peer:.1f} |",
        "", f"ratio: **{ours / peer:.1f}x** the peer (target >= 20x); {n_facts} facts from {len(docs)} documents.",
    ]


def run_extract(archive: str, workers: int, limit: int | None) -> dict:
    """``vnfacts extract`` in a child process; its process tree's memory sampled meanwhile."""
    out = Path(tempfile.mkdtemp(prefix="vnfacts-bench-"))
    cmd = [sys.executable, "-m", "extractor", "extract", archive, "-o", str(out), "-q", "--workers", str(workers)]
    if limit:
        cmd += ["--limit", str(limit)]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    parent, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [parent] + parent.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    wall = time.perf_counter() - t
    run = json.loads((out / "run.json").read_text())["summary"]
    with open(out / "documents.csv", encoding="utf-8") as fh:
        n_rows = sum(1 for _ in csv.DictReader(fh))
    return {"workers": workers, "wall": wall, "docs": run["n_docs"], "rows": n_rows, "facts": run["n_facts"],
            "kinds": run["kinds"], "errors": run["n_errors"], "peak_mb": peak / 2**20, "exit": proc.returncode}


def count_lines(archive: str) -> int:
    opener = gzip.open if archive.endswith(".gz") else open
    with opener(archive, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def scale(archive: str, workers: int, limit: int | None) -> list[str]:
    n_inputs = min(count_lines(archive), limit or 10**12)
    many = run_extract(archive, workers, limit)
    one = run_extract(archive, 1, limit)
    lines = ["| run | documents | wall | docs/s | peak RSS (tree) | facts | errors | exit |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in (many, one):
        lines.append(f"| --workers {r['workers']} | {r['docs']} | {r['wall']:.0f} s | {r['docs'] / r['wall']:.0f} | "
                     f"{r['peak_mb']:.0f} MB | {r['facts']} | {r['errors']} | {r['exit']} |")
    kinds = ", ".join(f"{k} {n}" for k, n in many["kinds"].items())
    lines += ["", f"facts per kind ({workers} workers): {kinds}.",
              f"{workers} workers are **{one['wall'] / many['wall']:.2f}x** one worker (target >= 1.7x); "
              f"every input accounted for: {many['rows'] == n_inputs == one['rows']} "
              f"({n_inputs} inputs, {many['rows']} rows in documents.csv)."]
    return lines


def profile(archive: str, n_docs: int = 300) -> list[str]:
    """cProfile's cumulative time of each stage and of the costly library calls inside them."""
    import cProfile
    import pstats

    from extractor.engine import Extractor

    docs = [d for d in itertools.islice(iter_documents([archive]), n_docs) if isinstance(d, Document)]
    ex = Extractor(rules_mod.load())  # its own, cold: part 1's Extractor has these articles' tags cached
    ex.process(docs[0])
    profiler = cProfile.Profile()
    profiler.enable()
    for d in docs:
        ex.process(d)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, function) -> (cc, nc, tottime, cumtime, callers)
    total = max(v[3] for k, v in stats.items() if k[2] == "process")  # Extractor.process, cumulative
    # (label, file, function): the Extractor's stages (engine.py) and the costly calls inside them
    steps = [("clean", "clean.py", "clean"), ("topic", "topic.py", "score"), ("segment", "segment.py", "segment"),
             ("find figures", "figures.py", "find"), ("  of which the POS tagger", "tagger.py", "__call__"),
             ("  of which underthesea word_tokenize", "word_tokenize/__init__.py", "word_tokenize"),
             ("find places", "locations.py", "find"), ("  of which token patterns", "token_patterns.py", "__call__"),
             ("find periods", "periods.py", "find"), ("find models", "models.py", "find"),
             ("resolve and link", "resolve.py", "resolve"), ("  of which linking", "link.py", "prepare|link_figure")]
    lines = [f"cProfile, the first {len(docs)} articles, {total:.2f} s in `process` (profiler overhead "
             "included):", "", "| step | share |", "| --- | ---: |"]
    for label, file_part, funcs in steps:
        spent = sum(v[3] for k, v in stats.items() if k[0].endswith(file_part) and k[2] in funcs.split("|"))
        lines.append(f"| {label} | {100 * spent / total:.0f}% |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("archive", nargs="?", default=str(ARCHIVE))
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--peer-docs", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scale-docs", type=int, default=None, help="archive articles for part 2 (default all)")
    ap.add_argument("--skip-archive", action="store_true")
    ap.add_argument("-o", "--output", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = ap.parse_args()

    cpu = platform.processor() or platform.machine()
    report = [f"# Benchmark results\n\n`python benchmarks/speed.py` on {Path(args.archive).name}, "
              f"{psutil.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
              f"{time.strftime('%Y-%m-%d')}.\n", "## 1. Throughput against the naive peer\n"]
    report += throughput(args.archive, args.docs, args.peer_docs)
    if not args.skip_archive:
        report += ["", "## 2. The whole archive\n"] + scale(args.archive, args.workers, args.scale_docs)
    report += ["", "## 3. Where the time goes\n"] + profile(args.archive)
    text = "\n".join(report) + "\n"
    print(text)
    Path(args.output).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
