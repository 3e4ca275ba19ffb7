"""The accuracy table of the README, measured: extract the corpus, score every gold set.

    python benchmarks/accuracy.py            # print the table
    python benchmarks/accuracy.py --write    # also put it in README.md between the accuracy markers

The same commands a user runs (``vnfacts extract corpus -o OUT``, ``vnfacts eval corpus/SET
OUT/facts.jsonl``), so the README's numbers are what anyone gets from a fresh clone.
"""
from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from extractor.batch import run_batch
from extractor.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
SETS = [
    ("seeds", "seeds (5 docs)"),
    ("dev", "dev (10 docs)"),
    ("dev2", "dev2 (8 docs)"),
    ("test", "test, held out (6 docs)"),
]


def table() -> str:
    out = Path(tempfile.mkdtemp(prefix="vnfacts-acc-"))
    run_batch([str(ROOT / "corpus")], out, quiet=True)
    lines = ["| set | figures P / R / F1 | locations P / R / F1 | models P / R / F1 | kind | qualifier | figure's place | period | place's province |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for folder, label in SETS:
        r = evaluate(ROOT / "corpus" / folder, out / "facts.jsonl").as_dict()
        prf = [f"{r[k]['precision']:.3f} / {r[k]['recall']:.3f} / {r[k]['f1']:.3f}" for k in ("figures", "locations", "models")]
        acc = [f"{r['accuracy'][k]:.3f}" for k in ("kind", "qualifier", "location", "period", "province")]
        lines.append(f"| {label} | " + " | ".join(prf + acc) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="replace the table in README.md")
    args = ap.parse_args()
    text = table()
    print(text)
    if args.write:
        readme = ROOT / "README.md"
        old = readme.read_text(encoding="utf-8")
        new = re.sub(r"(<!-- accuracy -->\n)\| set \|.*?\n(?=\n)", lambda m: m.group(1) + text + "\n", old, flags=re.S)
        readme.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
