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

ROOT = Path(__file__).resolve().parent.parent
# (folders, label): the sets the rules were developed on, then the held-out sets (never tuned on)
DEVELOPED_ON = [
    (["seeds"], "seeds"),
    (["dev"], "dev (archive)"),
    (["dev2"], "dev2 (police, archive)"),
    (["dev3"], "dev3 (police, disasters, archive)"),
    (["random-dev"], "random-dev (any topic, archive)"),
    (["map2025-dev"], "map2025-dev (2025 map, web)"),
    (["dev4"], "dev4 (the movement's models, web)"),
    (["dev5"], "dev5 (police, disasters, archive)"),
    (["map2025-dev2"], "map2025-dev2 (2025 map, web)"),
    (["dev6"], "dev6 (police, disasters, archive)"),
    (["dev7"], "dev7 (the movement's models, web, both maps)"),
    (["dev8"], "dev8 (models and their figures, web, both maps)"),
    (["dev9"], "dev9 (police, disasters, local news, archive)"),
    (["dev10"], "dev10 (police, courts, local news, archive)"),
    (["dev11"], "dev11 (police, courts, foreign news, archive)"),
    (["dev12"], "dev12 (police, courts, forests, archive)"),
    (["map2025-dev3"], "map2025-dev3 (2025 map, web)"),
    (["dev13"], "dev13 (police, fires, education, archive)"),
    (["map2025-dev4"], "map2025-dev4 (2025 map, web)"),
    (["dev14"], "dev14 (police, fires, courts, weather, archive)"),
    (["map2025-dev5"], "map2025-dev5 (2025 map, web openings)"),
    (["dev15"], "dev15 (police, courts, pollution, weather, archive)"),
    (["random-dev2"], "random-dev2 (any topic, archive)"),
]
HELD_OUT = [
    (["test"], "test, held out"),
    (["test2"], "test2, held out (police, archive)"),
    (["random-test"], "random-test, held out (any topic)"),
    (["map2025-test"], "map2025-test, held out (2025 map)"),
    (["test3"], "test3, held out (the movement's models)"),
    (["test4"], "test4, held out (police, disasters, archive)"),
    (["map2025-test2"], "map2025-test2, held out (2025 map, web)"),
    (["test5"], "test5, held out (police, disasters, archive)"),
    (["test6"], "test6, held out (the movement's models, web, both maps)"),
    (["test7"], "test7, held out (police, disasters, local news, archive)"),
    (["test8"], "test8, held out (police, local news, foreign news, archive)"),
    (["test9"], "test9, held out (police, accidents, disasters, archive)"),
    (["test10"], "test10, held out (police, fires, health, sport, archive)"),
    (["map2025-test3"], "map2025-test3, held out (2025 map, web)"),
    (["test11"], "test11, held out (police, courts, drugs, archive)"),
    (["test12"], "test12, held out (police, fires, foreign news, archive)"),
    (["map2025-test4"], "map2025-test4, held out (2025 map, web)"),
    (["map2025-test5"], "map2025-test5, held out (2025 map, web openings)"),
    (["test13"], "test13, held out (police, fires, accidents at sea, archive)"),
    (["random-test2"], "random-test2, held out (any topic)"),
]
SETS = (DEVELOPED_ON + [([f for folders, _ in DEVELOPED_ON for f in folders], "**all developed on**")]
        + HELD_OUT + [([f for folders, _ in HELD_OUT for f in folders], "**all held out**")])
COLUMNS = ("kind", "qualifier", "location", "subject", "period", "province", "province_2025", "topic")


def table() -> str:
    from extractor.evaluate import Report, load_gold, load_predictions, load_topics, score_document

    out = Path(tempfile.mkdtemp(prefix="vnfacts-acc-"))
    run_batch([str(ROOT / "corpus")], out, quiet=True)
    predicted = load_predictions(out / "facts.jsonl")
    topics = load_topics(out / "facts.jsonl")
    lines = ["| set | docs | figures P / R / F1 | places P / R / F1 | models P / R / F1 | kind | qualifier "
             "| figure's place | figure's model | period | place's province | place's province_2025 | topic |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for folders, label in SETS:
        report = Report()
        for folder in folders:
            if not (ROOT / "corpus" / folder).is_dir():
                continue
            for gold in load_gold(ROOT / "corpus" / folder):
                score_document(gold, predicted.get(gold["doc_id"], []), report, topics.get(gold["doc_id"]))
        if not report.n_docs:
            continue
        r = report.as_dict()
        prf = [f"{r[k]['precision']:.3f} / {r[k]['recall']:.3f} / {r[k]['f1']:.3f}" if r[k]["tp"] + r[k]["fn"] + r[k]["fp"]
               else "-" for k in ("figures", "locations", "models")]
        acc = [f"{report.accuracy(k):.3f} ({report.agree[k]}/{report.total[k]})" if report.total[k] else "-"
               for k in COLUMNS]
        lines.append(f"| {label} | {report.n_docs} | " + " | ".join(prf + acc) + " |")
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
