"""The command line: ``vnfacts extract``, ``eval``, ``report``, ``check``, ``conflicts``."""
from __future__ import annotations

import argparse
import json
import os
import sys

from . import __version__
from .batch import ENGINES
from .read import READERS
from .report import DEFAULT_LIMIT


def _extract(args: argparse.Namespace) -> int:
    from .batch import ResumeMismatch, run_batch

    read_options = {"max_bytes": args.max_bytes, "id_field": args.id_field, "text_field": args.text_field,
                    "title_field": args.title_field, "fmt": args.format, "date_field": args.date_field,
                    "date": args.date or ""}
    try:
        summary = run_batch(args.paths, args.output, workers=args.workers, engine=args.engine,
                            scheduler=args.scheduler, chunk_size=args.chunk_size, limit=args.limit,
                            resume=args.resume, sqlite=args.sqlite, rules_dir=args.rules, quiet=args.quiet,
                            keep_parts=args.keep_parts, topic=args.topic, **read_options)
    except ResumeMismatch as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        resumed = f" ({summary.resumed_docs} done before, kept)" if summary.resumed_parts else ""
        kinds = ", ".join(f"{n} {k}" for k, n in summary.kinds.items())
        print(f"{summary.n_docs} documents{resumed}, {summary.n_facts} facts ({kinds}), {summary.n_errors} errors "
              f"in {summary.elapsed:.1f}s -> {args.output}", file=sys.stderr)
    return 1 if summary.n_errors else 0


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    report = evaluate(args.gold, args.facts)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.table())
    if args.errors:
        print("\n".join(report.misses))
    elif args.links:
        print(report.evidence_table())
        print("\n".join(report.link_misses))
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


def _check(args: argparse.Namespace) -> int:
    from .check import check_claim, format_text
    from .compare import load_facts

    if bool(args.claim) == bool(args.claims):
        print("error: give one claim, or --claims FILE (one claim a line)", file=sys.stderr)
        return 2
    try:
        facts = load_facts(args.facts)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.claims:  # a newsroom's list: one claim a line in, one JSON object a line out
        from .check import NoFigure
        from .compare import figure_table

        table = figure_table(facts)
        try:
            fh = sys.stdin if args.claims == "-" else open(args.claims, encoding="utf-8")
        except OSError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        with fh:
            for line in fh:
                claim = line.strip()
                if not claim:
                    continue
                try:
                    row = check_claim(claim, table, args.rules).to_dict()
                except NoFigure as exc:
                    row = {"verdict": "no_figure", "claim": claim, "error": str(exc)}
                print(json.dumps(row, ensure_ascii=False), flush=True)
        return 0
    try:
        verdict = check_claim(args.claim, facts, args.rules)
    except ValueError as exc:  # NoFigure
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2) if args.json else format_text(verdict))
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    from .compare import load_facts
    from .conflicts import find_conflicts, format_text

    try:
        conflicts = find_conflicts(load_facts(args.out), across_only=args.across_articles)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps([c.to_dict() for c in conflicts], ensure_ascii=False, indent=2) if args.json
          else format_text(conflicts))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import ServeError, serve

    try:
        return serve(args.out, host=args.host, port=args.port, open_browser=args.open, quiet=args.quiet)
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _count(minimum: int):
    """An argparse type: an integer no smaller than ``minimum``."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} is less than {minimum}")
        return value
    return parse


def _run_date(text: str) -> str:
    import re

    m = re.fullmatch(r"((?:19|20)\d{2})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    import datetime as dt

    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        dt.date(y, mo, d)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date ({exc})") from None
    return m.group(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vnfacts", description="Checkable facts from Vietnamese press articles.")
    parser.add_argument("--version", action="version", version=f"vnfacts {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract facts from articles (files, folders, globs, archives, -)")
    p.add_argument("paths", nargs="+", help="files, folders (recursive), globs, archives, or - for standard input")
    p.add_argument("-o", "--output", required=True, help="output folder")
    p.add_argument("--limit", type=_count(0), default=None, help="process the first N documents only")
    p.add_argument("--max-bytes", type=_count(1), default=5_000_000, help="larger inputs are errors (default 5 MB)")
    p.add_argument("--id-field", default="id", help="archives: the field holding the document id (default id)")
    p.add_argument("--text-field", default="text", help="archives: the field holding the text (default text)")
    p.add_argument("--title-field", default="title", help="archives: the field holding the title (default title)")
    p.add_argument("--date-field", default="date", help="archives: the field holding the article's date (default date)")
    p.add_argument("--date", type=_run_date, default=None, metavar="YYYY[-MM[-DD]]",
                   help="the date of articles that show none (no date field, page date or dateline): "
                        "relative periods (\"năm nay\") take their bounds from it")
    p.add_argument("--topic", choices=("security", "other"), default=None,
                   help="keep only the facts of articles of this topic (every article keeps its documents.csv row)")
    p.add_argument("--format", default=None, choices=tuple(READERS),
                   help="read every input as this format (default: by file suffix; - is sniffed)")
    p.add_argument("--workers", type=_count(1), default=1, help="worker processes (default 1: this process)")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local processes, or Dask distributed (a LocalCluster, or --scheduler)")
    p.add_argument("--scheduler", default=None, help="with --engine dask: address of a running scheduler, tcp://host:8786")
    p.add_argument("--chunk-size", type=_count(1), default=200, help="documents per task and per output part (default 200)")
    p.add_argument("--resume", action="store_true", help="finish an interrupted run, keeping its finished parts")
    p.add_argument("--sqlite", default=None, metavar="PATH", help="also write the tables to a SQLite database")
    p.add_argument("--keep-parts", action="store_true", help="keep OUT/parts/ after merging")
    p.add_argument("--rules", default=None, help="rules folder (default: $VNFACTS_RULES, else the project's rules/)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no messages on stderr")
    p.set_defaults(func=_extract)

    p = sub.add_parser("serve", help="browse an output folder in Datasette (article pages, check, conflicts, map)")
    p.add_argument("out", help="output folder written by extract")
    p.add_argument("--port", type=_count(1), default=8001, help="port (default 8001)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 exposes the data)")
    p.add_argument("--open", action="store_true", help="open a browser")
    p.add_argument("-q", "--quiet", action="store_true", help="no messages on stderr")
    p.set_defaults(func=_serve)

    p = sub.add_parser("eval", help="precision, recall and F1 against gold files")
    p.add_argument("gold", help="folder of gold .json files (searched recursively)")
    p.add_argument("facts", help="facts.jsonl written by extract")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--errors", action="store_true", help="also list every miss, spurious row and disagreement")
    p.add_argument("--links", action="store_true",
                   help="also list every place, model and period link that disagrees with the gold, with its evidence")
    p.set_defaults(func=_eval)

    p = sub.add_parser("report", help="one self-contained HTML page to review an extract output folder")
    p.add_argument("out", help="output folder written by extract")
    p.add_argument("-o", "--output", default="report.html", help="HTML file to write (default report.html)")
    p.add_argument("--limit", type=_count(0), default=DEFAULT_LIMIT,
                   help=f"show the first N articles of documents.csv (default {DEFAULT_LIMIT}; 0 for all)")
    p.add_argument("--doc", action="append", default=None, metavar="DOC_ID",
                   help="show this article (repeatable); overrides --limit")
    p.set_defaults(func=_report)

    p = sub.add_parser("check", help="is a claim's figure supported, contradicted or not found in the facts?")
    p.add_argument("claim", nargs="?", default=None, help='a Vietnamese sentence with a figure, e.g. "Năm 2022, huyện Trạm Tấu bắt 180 đối tượng"')
    p.add_argument("--facts", required=True, help="an extract output folder (or its facts.parquet / facts.jsonl)")
    p.add_argument("--json", action="store_true", help='print {"verdict", "claim", "sources", ...} as JSON')
    p.add_argument("--claims", default=None, metavar="FILE",
                   help="check one claim a line of FILE (- for standard input); JSON Lines out")
    p.add_argument("--rules", default=None,
                   help="rules folder the claim is read with (default: $VNFACTS_RULES, else the project's rules/)")
    p.set_defaults(func=_check)

    p = sub.add_parser("conflicts", help="figures that disagree: same place, unit, period and measure, different value")
    p.add_argument("out", help="an extract output folder (or its facts.parquet / facts.jsonl)")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.add_argument("--across-articles", action="store_true", help="only pairs from two different articles")
    p.set_defaults(func=_conflicts)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `vnfacts conflicts OUT | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("interrupted (an extract run goes on where it stopped with --resume)", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input (bad input is an error row): say so, exit 3
        print(f"vnfacts: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("VNFACTS_DEBUG"):
            raise
        return 3


if __name__ == "__main__":
    sys.exit(main())
