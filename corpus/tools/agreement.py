"""Agreement between two annotations of the same articles: the first file (``X.a.json``) scored
against the file after the second read (``X.json``), with vnfacts eval's matching and its link
scoring (a link counts only where either side names one).

    python corpus/tools/agreement.py corpus/annotations/dev3 corpus/dev3   # FIRST_DIR FINAL_DIR

The first annotation is treated as the "prediction", the second-read file as the reference, so
precision = the share of A's rows the second reader kept, recall = the share of the final rows A
already had; link accuracies are the share of matched figures whose place, model and period A and
the second reader agree on: the ceiling for the extractor's own link accuracy.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from extractor.evaluate import Report, score_document  # noqa: E402


def as_rows(gold: dict) -> list[dict]:
    rows = [{"kind": "location", **loc} for loc in gold.get("locations", [])]
    rows += [{"kind": "model", **m} for m in gold.get("models", [])]
    rows += list(gold.get("figures", []))
    return rows


def agreement(first_dir: Path, final_dir: Path) -> Report:
    report = Report()
    for final in sorted(final_dir.glob("*.json")):
        first = first_dir / (final.stem + ".a.json")
        if not first.exists():
            continue
        gold = json.loads(final.read_text(encoding="utf-8"))
        score_document(gold, as_rows(json.loads(first.read_text(encoding="utf-8"))), report)
    return report


def main(argv: list[str]) -> int:
    print("| set | articles | figures F1 | places F1 | models F1 | place link | model link | period | province |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for first_dir, folder in zip(argv[::2], argv[1::2]):
        r = agreement(Path(first_dir), Path(folder))
        d = r.as_dict()
        def f1(kind: str) -> str:
            sc = d[kind]
            return f"{sc['f1']:.3f}" if sc["tp"] + sc["fp"] + sc["fn"] else "-"

        def acc(what: str) -> str:
            return f"{r.accuracy(what):.3f} ({r.agree[what]}/{r.total[what]})" if r.total[what] else "-"

        print(f"| {folder} | {r.n_docs} | {f1('figures')} | {f1('locations')} | {f1('models')} | "
              f"{acc('location')} | {acc('subject')} | {acc('period')} | {acc('province')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
