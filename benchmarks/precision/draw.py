"""Draw a blind precision sample: random figure rows of an archive slice, for a judge who never saw the rules.

    python benchmarks/precision/draw.py --start 25000 --n-docs 1000 --rows 60 --seed 7 -o benchmarks/precision/2

Extracts records ``start`` .. ``start + n_docs - 1`` of the archive (``vnfacts extract`` with
``--limit`` after skipping, run in this process), draws ``rows`` figure rows uniformly at random
(seeded), and writes ``OUT/sample_rows.json`` (the rows as the table has them) and
``OUT/sample.md`` (each row with up to 600 characters of its article before the figure and 200
after, the figure between [[ ]], and the fields a judge checks against FACTS.md). The judge's
verdicts go to ``OUT/verdicts.jsonl``, one line a row: figure_ok, value_ok, kind_ok, location_ok,
period_ok, subject_ok, fully_right (yes / no / unsure) and a note.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
from pathlib import Path

from extractor.engine import Extractor
from extractor.read import iter_documents
from extractor.records import Document

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE = ROOT.parent / "shared" / "archive" / "baomoi-2017.jsonl.gz"
SHOWN = ("kind", "value", "value_max", "unit", "qualifier", "change", "location", "province", "period",
         "period_start", "period_end", "subject")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--archive", default=str(ARCHIVE))
    p.add_argument("--start", type=int, required=True)
    p.add_argument("--n-docs", type=int, default=1000)
    p.add_argument("--rows", type=int, default=60)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("-o", "--output", required=True)
    args = p.parse_args(argv)

    ex = Extractor()
    rows, texts = [], {}
    docs = itertools.islice(iter_documents([args.archive]), args.start, args.start + args.n_docs)
    for doc in docs:
        if not isinstance(doc, Document):
            continue
        result = ex.process(doc)
        texts[doc.doc_id] = doc.text
        rows += [f.to_dict() for f in result.facts if f.kind in ("member_count", "outcome")]
    sample = random.Random(args.seed).sample(rows, min(args.rows, len(rows)))
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sample_rows.json").write_text(json.dumps(sample, ensure_ascii=False, indent=1), encoding="utf-8")
    parts = [f"# Blind precision sample: {len(sample)} of {len(rows)} figure rows, archive records "
             f"{args.start:,}-{args.start + args.n_docs - 1:,} (seed {args.seed})\n"]
    for i, r in enumerate(sample, 1):
        text = texts[r["doc_id"]]
        a, b = r["char_start"], r["char_end"]
        context = (text[max(0, a - 600):a] + "[[" + text[a:b] + "]]" + text[b:b + 200]).replace("\n", " ")
        parts.append(f"## Row {i} (article {r['doc_id']})\n\nContext (the figure between [[ ]]):\n\n> {context}\n\n"
                     f"Row: {json.dumps({k: r[k] for k in SHOWN}, ensure_ascii=False)}\n")
    (out / "sample.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"{len(sample)} rows of {len(rows)} -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
