"""The benchmark of `vnfacts serve` (issue: serve), in one run on this machine.

    python benchmarks/serve.py [ARCHIVE] [--docs 3000] [--whole OUT_OF_THE_WHOLE_ARCHIVE] [-o benchmarks/SERVE.md]

1. ``vnfacts extract`` on the first ``--docs`` archive articles, then the database build
   (``database.build``, what ``serve`` runs): build time and size.
2. The real server (``vnfacts serve``) on a free port: the facts table with its four facets
   (kind, province, measure, topic) and a full-text search, each fetched 7 times; the median
   and the slowest (targets: facet page < 2 s, search < 1 s).
3. With ``--whole`` (an extract output folder of the whole archive), the build time for it.
"""
from __future__ import annotations

import argparse
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "archive" / "baomoi-2017.jsonl.gz"


def timed(url: str, n: int = 7) -> tuple[float, float, int]:
    times, size = [], 0
    for _ in range(n):
        t = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as r:
            size = len(r.read())
            assert r.status == 200
        times.append(time.perf_counter() - t)
    return statistics.median(times), max(times), size


def main() -> None:
    from extractor.database import build

    ap = argparse.ArgumentParser()
    ap.add_argument("archive", nargs="?", default=str(ARCHIVE))
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--whole", default=None, help="an extract output folder of the whole archive")
    ap.add_argument("-o", "--output", default=str(ROOT / "benchmarks" / "SERVE.md"))
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="vnfacts-serve-bench-"))
    subprocess.run([sys.executable, "-m", "extractor", "extract", args.archive, "-o", str(out),
                    "--limit", str(args.docs), "-q", "--workers", "2"], check=False)
    t = time.perf_counter()
    db = build(out)
    build_s = time.perf_counter() - t
    size_mb = db.stat().st_size / 1e6
    n_facts = sum(1 for _ in open(out / "facts.jsonl", encoding="utf-8"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "extractor", "serve", str(out), "--port", str(port), "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=5)
                break
            except OSError:
                time.sleep(0.25)
        facet_url = base + "/facts/facts?_facet=kind&_facet=province&_facet=measure&_facet=topic"
        search_url = base + "/facts/facts?_search=" + urllib.parse.quote("ma túy")
        facet = timed(facet_url)
        search = timed(search_url)
        article = timed(base + "/facts/facts?kind=outcome&measure=money&_sort_desc=value")
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = [
        "# `vnfacts serve` benchmark",
        "",
        f"`python benchmarks/serve.py` on {platform.machine()}, {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; first {args.docs:,} archive articles ({n_facts:,} facts).",
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
        f"| database build (`facts.db`, what `serve` runs when it is missing or stale) | {build_s:.1f} s | |",
        f"| database size | {size_mb:.1f} MB | |",
        f"| facts table with four facets (kind, province, measure, topic), median / slowest of 7 | "
        f"{facet[0]:.2f} s / {facet[1]:.2f} s | < 2 s |",
        f"| full-text search \"ma túy\", median / slowest of 7 | {search[0]:.2f} s / {search[1]:.2f} s | < 1 s |",
        f"| outcome money figures sorted by value, median / slowest of 7 | {article[0]:.2f} s / {article[1]:.2f} s | |",
    ]
    if args.whole:
        t = time.perf_counter()
        whole_db = build(args.whole, Path(tempfile.mkdtemp()) / "facts.db")
        whole_s = time.perf_counter() - t
        whole_facts = sum(1 for _ in open(Path(args.whole) / "facts.jsonl", encoding="utf-8"))
        lines.append(f"| database build, whole archive ({whole_facts:,} facts) | {whole_s:.1f} s, "
                     f"{whole_db.stat().st_size / 1e6:.0f} MB | |")
    text = "\n".join(lines) + "\n"
    Path(args.output).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
