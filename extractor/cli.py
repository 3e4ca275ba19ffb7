"""The command line: ``vnfacts extract``, ``vnfacts eval``, ``vnfacts check``, ``vnfacts conflicts``."""
from __future__ import annotations

import argparse
import json
import sys
import time

from . import __version__


def _extract(args: argparse.Namespace) -> int:
    from . import rules as rules_mod
    from .pipeline import iter_results
    from .write import Writer

    rules = rules_mod.load(args.rules) if args.rules else rules_mod.load()
    started = time.perf_counter()
    with Writer(args.output) as writer:
        for result in iter_results(args.paths, rules=rules, limit=args.limit, max_bytes=args.max_bytes):
            writer.add(result)
            if result.error is not None and not args.quiet:
                print(f"error: {result.doc_id}: {result.error.reason}: {result.error.message}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    if not args.quiet:
        print(f"{writer.n_docs} documents, {writer.n_facts} facts, {writer.n_errors} errors "
              f"in {elapsed:.1f}s -> {args.output}", file=sys.stderr)
    return 1 if writer.n_errors else 0


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    report = evaluate(args.gold, args.facts)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.table())
    if args.errors:
        print("\n".join(report.misses))
    return 0


def _check(args: argparse.Namespace) -> int:
    from .check import NoFigure, check_claim, format_text
    from .compare import load_facts

    try:
        facts = load_facts(args.facts)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        verdict = check_claim(args.claim, facts)
    except NoFigure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_text(verdict))
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    from .compare import load_facts
    from .conflicts import find_conflicts, format_text

    try:
        facts = load_facts(args.out)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    conflicts = find_conflicts(facts, across_only=args.across_articles)
    if args.json:
        print(json.dumps([c.to_dict() for c in conflicts], ensure_ascii=False, indent=2))
    else:
        print(format_text(conflicts))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vnfacts", description="Checkable facts from Vietnamese press articles.")
    parser.add_argument("--version", action="version", version=f"vnfacts {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract facts from articles (.txt files, folders, .jsonl[.gz] archives)")
    p.add_argument("paths", nargs="+", help="files or folders")
    p.add_argument("-o", "--output", required=True, help="output folder")
    p.add_argument("--limit", type=int, default=None, help="process the first N documents only")
    p.add_argument("--max-bytes", type=int, default=5_000_000, help="larger inputs are errors (default 5 MB)")
    p.add_argument("--rules", default=None, help="rules folder (default: the project's rules/)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on stderr")
    p.set_defaults(func=_extract)

    p = sub.add_parser("eval", help="precision, recall and F1 against gold files")
    p.add_argument("gold", help="folder of gold .json files (searched recursively)")
    p.add_argument("facts", help="facts.jsonl written by extract")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--errors", action="store_true", help="also list every miss, spurious row and disagreement")
    p.set_defaults(func=_eval)

    p = sub.add_parser("check", help="is a claim's figure supported, contradicted or not found in the facts?")
    p.add_argument("claim", help='a Vietnamese sentence with a figure, e.g. "Năm 2022, huyện Trạm Tấu bắt 180 đối tượng"')
    p.add_argument("--facts", required=True, help="an extract output folder (or its facts.parquet / facts.jsonl)")
    p.add_argument("--json", action="store_true", help='print {"verdict", "claim", "sources", ...} as JSON')
    p.set_defaults(func=_check)

    p = sub.add_parser("conflicts", help="figures that disagree: same place, unit, period and measure, different value")
    p.add_argument("out", help="an extract output folder (or its facts.parquet / facts.jsonl)")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.add_argument("--across-articles", action="store_true", help="only pairs from two different articles")
    p.set_defaults(func=_conflicts)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
