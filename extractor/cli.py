"""The command line: ``vnfacts extract``, ``vnfacts eval``, ``vnfacts report``."""
from __future__ import annotations

import argparse
import json
import sys
import time

from . import __version__
from .report import DEFAULT_LIMIT


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


def _report(args: argparse.Namespace) -> int:
    from .report import write_report

    try:
        path = write_report(args.out, args.output, docs=args.doc, limit=args.limit)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"report -> {path}", file=sys.stderr)
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

    p = sub.add_parser("report", help="one self-contained HTML page to review an extract output folder")
    p.add_argument("out", help="output folder written by extract")
    p.add_argument("-o", "--output", default="report.html", help="HTML file to write (default report.html)")
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                   help=f"show the first N articles of documents.csv (default {DEFAULT_LIMIT}; 0 for all)")
    p.add_argument("--doc", action="append", default=None, metavar="DOC_ID",
                   help="show this article (repeatable); overrides --limit")
    p.set_defaults(func=_report)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
