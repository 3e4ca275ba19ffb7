"""Choose archive articles for new gold sets, reproducibly (seeded), never by what vnfacts finds.

    python corpus/tools/select_articles.py anchors 40 --seed 8   # police, movement, disaster, local results
    python corpus/tools/select_articles.py random 30 --seed 10   # any topic, uniform over the archive

`anchors` draws uniformly among articles whose text names a security, disaster or local-results
subject (a few topic words, counted once each) and holds at least six digits-bearing words;
`random` draws uniformly among all articles of 200 to 6,000 characters (longer ones are too long
to annotate by hand; 85% of the archive is in that range). Articles already in corpus/ are
skipped. Prints one JSON object a line: {"id", "title", "text"}.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

ARCHIVE = Path(__file__).resolve().parents[2].parent / "shared" / "archive" / "baomoi-2017.jsonl.gz"
TOPIC_WORDS = ("công an", "bắt giữ", "khởi tố", "tội phạm", "an ninh trật tự", "mô hình",
               "tự quản", "ma túy", "tai nạn giao thông", "cháy", "bão", "lũ", "thiệt hại",
               "sạt lở", "buôn lậu", "cứu hộ", "biên phòng", "tổng kết", "kết quả")


def used_ids(corpus: Path) -> set[str]:
    ids = set()
    for gold in corpus.glob("*/*.json"):
        url = json.loads(gold.read_text(encoding="utf-8")).get("source_url", "")
        if url.startswith("archive:"):
            ids.add(url.split(":", 1)[1])
    return ids


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["anchors", "random"])
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--archive", default=str(ARCHIVE))
    ap.add_argument("--exclude", action="append", default=[], help="more ids to skip")
    args = ap.parse_args(argv)
    skip = used_ids(Path(__file__).resolve().parents[1]) | set(args.exclude)
    pool = []
    with gzip.open(args.archive, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec.get("text") or ""
            if rec["id"] in skip or not 200 <= len(text) <= 6000:
                continue
            if args.kind == "anchors":
                low = text.lower()
                hits = sum(w in low for w in TOPIC_WORDS)
                digits = len(re.findall(r"\b\S*\d\S*\b", text))
                if hits < 3 or digits < 6 or len(text) < 800:
                    continue
            pool.append(rec)
    rng = random.Random(args.seed)
    for rec in rng.sample(pool, args.n):
        print(json.dumps({"id": rec["id"], "title": rec.get("title", ""), "text": rec["text"]},
                         ensure_ascii=False))
    print(f"{len(pool)} candidates, {args.n} drawn", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
