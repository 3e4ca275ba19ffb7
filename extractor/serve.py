"""``vnfacts serve OUT``: an extract output folder in the browser, on Datasette.

Builds ``OUT/facts.db`` when it is missing, older than the output's tables or broken (one
builder: ``database.build``, the same as ``extract --sqlite``), writes the metadata that titles
and describes every column, and starts Datasette on it: read-only, the database opened
immutable, on 127.0.0.1 unless another host is asked for. The vnfacts plugin
(``extractor/datasette_plugin.py``, registered by the package) adds the article, check,
conflicts and map pages.
"""
from __future__ import annotations

import socket
import signal
import subprocess
import sys
from pathlib import Path

# Column descriptions from FACTS.md (shown by Datasette on the facts table)
COLUMN_DOCS = {
    "doc_id": "The article the row comes from (click: the article with the fact highlighted).",
    "fact_id": "Stable id of the row: a hash of the article, kind, offsets and value (click: jump to the highlight).",
    "kind": "location | model | member_count (how many take part in / make up something) | outcome (a result or size).",
    "name": "A place's or a model's name as written, without its unit word (abbreviations written out).",
    "level": "A place's level: province, district, commune, village.",
    "province": "The province the place (or the figure's place) lies in, as the article's time knew it.",
    "value": "The figure's number (Vietnamese 1.300 = 1300, 22,5 = 22.5; scales multiplied).",
    "value_max": "The upper end of a range or the whole of a ratio (15/17).",
    "unit": "What is counted, as the text says it, lower case.",
    "measure": "What kind of thing is counted, from the closed list of rules/measures.yaml.",
    "unit_norm": "The unit's head, lower case, new-style tones (a rate keeps its /...).",
    "qualifier": "exact | more_than | nearly | about | less_than | range | vague | ratio.",
    "change": "increase or decrease for a rise or fall; empty otherwise.",
    "period": "The time the figure covers, as written.",
    "period_start": "ISO start of the period, where the text fixes it.",
    "period_end": "ISO end of the period, where the text fixes it.",
    "location": "The most specific place the figure belongs to (a name with its own location row).",
    "subject": "The model the figure belongs to (a name with its own model row).",
    "founded": "A model's founding date, when the text gives one.",
    "surface": "The exact text of the fact: text[char_start:char_end].",
    "sentence": "The sentence the fact comes from.",
    "char_start": "Offset of the surface in the article's text.",
    "char_end": "End offset of the surface in the article's text.",
    "province_2025": "The province on the 34-province map of the 2025 reform (figures: their place's).",
    "commune_2025": "For an old commune, the 2025 commune that holds it, where the gazetteer can tell.",
    "latitude": "The place's latitude (the unit's own, else its province's), from the gazetteer.",
    "longitude": "The place's longitude.",
    "location_evidence": "The rule that tied the figure to its place (same clause, section place, article place...).",
    "period_evidence": "The rule that gave the figure its period (same sentence, section period...), or target.",
    "subject_evidence": "The rule that tied the figure to its model.",
    "topic": "The article's topic: security or other.",
}
DOCUMENT_DOCS = {
    "status": "ok, or error (its row is in errors).", "title": "The article's title.",
    "outlet": "The outlet, when the rules know it.", "date": "The article's date (metadata, dateline or --date).",
    "date_source": "Where the date comes from: metadata, dateline, run, or lead (the day the lead opens with, in its own or the run's year).",
    "map": "The map the places were resolved on: legacy (63 provinces) or 2025 (34 provinces).",
    "map_note": "Why that map.", "topic": "security or other.", "topic_score": "The topic scorer's score, 0..1.",
}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ServeError(Exception):
    """A clear reason why the server cannot start (exit status 2)."""


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def prepare(out_dir: str | Path) -> tuple[Path, Path, bool]:
    """(database, metadata file, whether the database was built now) for an output folder."""
    from .database import NotAnOutputFolder, ensure
    from .datasette_plugin import dumps_metadata

    try:
        db, built = ensure(out_dir)
    except NotAnOutputFolder as exc:
        raise ServeError(str(exc)) from None
    meta = Path(out_dir) / "datasette-metadata.json"
    meta.write_text(dumps_metadata(f"vnfacts: {Path(out_dir).resolve().name}"), encoding="utf-8")
    return db, meta, built


def command(db: Path, meta: Path, host: str, port: int, open_browser: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "datasette", "serve", "-i", str(db), "--metadata", str(meta),
           "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "5000",
           "--setting", "default_page_size", "50", "--setting", "allow_download", "off"]
    if open_browser:
        cmd.append("--open")
    return cmd


def serve(out_dir: str | Path, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False,
          quiet: bool = False) -> int:
    db, meta, built = prepare(out_dir)
    if not port_free(host, port):
        raise ServeError(f"port {port} on {host} is in use: choose another with --port")
    if not quiet:
        if built:
            print(f"built {db}", file=sys.stderr)
        if host not in LOOPBACK:
            print(f"warning: serving on {host}: anyone who can reach this machine can read the data. "
                  "Put it behind a reverse proxy with access control (see the README).", file=sys.stderr)
        print(f"vnfacts serve: http://{host}:{port}/facts/facts", file=sys.stderr)
    return _run_until_stopped(command(db, meta, host, port, open_browser))


def _run_until_stopped(cmd: list[str]) -> int:
    """Run Datasette as a child and stop it with this process: a SIGTERM or Ctrl-C sent to
    ``vnfacts serve`` reaches the server too, so no orphaned Datasette keeps the port."""
    proc = subprocess.Popen(cmd)

    def stop(signum, frame):  # noqa: ARG001 (signal handler signature)
        proc.terminate()

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: no handler, the caller stops the child
        previous = None
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        return proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
