"""The one SQLite builder, for ``vnfacts extract --sqlite`` and ``vnfacts serve``.

Tables: ``facts`` (the facts table, typed: numbers are INTEGER/REAL, a missing value is NULL,
never ""; with the article's ``topic`` for faceting), ``documents``, ``errors``, ``articles``
(each article's text, so a page can show every fact in place); full-text search (FTS5) over
the facts' sentences and surfaces (``facts_fts``) and the documents' titles (``documents_fts``);
indexes on the columns people filter by. Built into a temporary file and moved into place, so a
half-built database is never seen.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from .records import FACT_COLUMNS

# column types of the facts table (every other column is TEXT)
FACT_TYPES = {"value": "REAL", "value_max": "REAL", "char_start": "INTEGER", "char_end": "INTEGER",
              "latitude": "REAL", "longitude": "REAL"}
DOCUMENT_TYPES = {"n_facts": "INTEGER", "n_chars": "INTEGER", "topic_score": "REAL"}
INDEXES = [("facts", "doc_id"), ("facts", "kind"), ("facts", "province"), ("facts", "province_2025"),
           ("facts", "measure"), ("facts", "period_start"), ("facts", "topic"), ("documents", "doc_id"),
           ("documents", "topic"), ("errors", "doc_id")]
SOURCES = ("facts.jsonl", "documents.csv", "errors.csv", "articles.jsonl.gz")


class NotAnOutputFolder(ValueError):
    """The folder is not one that ``vnfacts extract`` wrote."""


def _typed(value, kind: str):
    if value is None or value == "":
        return None
    if kind == "INTEGER":
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return None
    if kind == "REAL":
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _create(con: sqlite3.Connection, table: str, columns: list[str], types: dict[str, str]) -> None:
    cols = ", ".join(f'"{c}" {types.get(c, "TEXT")}' for c in columns)
    con.execute(f'CREATE TABLE "{table}" ({cols})')


def check_output_folder(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    if not out.is_dir():
        raise NotAnOutputFolder(f"{out_dir}: no such folder")
    missing = [n for n in ("facts.jsonl", "documents.csv") if not (out / n).exists()]
    if missing:
        raise NotAnOutputFolder(f"{out_dir} is not a vnfacts extract output folder (no {', '.join(missing)})")
    return out


def build(out_dir: str | Path, db_path: str | Path | None = None, batch_rows: int = 20_000) -> Path:
    """Build ``db_path`` (default OUT/facts.db) from the tables of an extract output folder."""
    out = check_output_folder(out_dir)
    db_path = Path(db_path) if db_path else out / "facts.db"
    tmp = db_path.with_name(db_path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    with closing(sqlite3.connect(tmp)) as con, con:
        con.execute("PRAGMA journal_mode=OFF")
        topics: dict[str, str] = {}
        with open(out / "documents.csv", encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            doc_columns = list(reader.fieldnames or [])
            _create(con, "documents", doc_columns, DOCUMENT_TYPES)
            insert = f'INSERT INTO documents VALUES ({", ".join("?" * len(doc_columns))})'
            batch = []
            for row in reader:
                topics[row["doc_id"]] = row.get("topic", "")
                batch.append([_typed(row.get(c), DOCUMENT_TYPES.get(c, "TEXT")) for c in doc_columns])
                if len(batch) >= batch_rows:
                    con.executemany(insert, batch)
                    batch = []
            con.executemany(insert, batch)
        fact_columns = FACT_COLUMNS + ["topic"]
        _create(con, "facts", fact_columns, FACT_TYPES)
        insert = f'INSERT INTO facts VALUES ({", ".join("?" * len(fact_columns))})'
        with open(out / "facts.jsonl", encoding="utf-8") as fh:
            batch = []
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                row["topic"] = topics.get(row.get("doc_id", ""), "")
                batch.append([_typed(row.get(c), FACT_TYPES.get(c, "TEXT")) for c in fact_columns])
                if len(batch) >= batch_rows:
                    con.executemany(insert, batch)
                    batch = []
            con.executemany(insert, batch)
        error_columns = ["doc_id", "source", "stage", "reason", "message"]
        if (out / "errors.csv").exists():
            with open(out / "errors.csv", encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                error_columns = list(reader.fieldnames or error_columns)
                _create(con, "errors", error_columns, {})
                con.executemany(f'INSERT INTO errors VALUES ({", ".join("?" * len(error_columns))})',
                                ([_typed(r.get(c), "TEXT") for c in error_columns] for r in reader))
        else:
            _create(con, "errors", error_columns, {})
        _create(con, "articles", ["doc_id", "source", "text"], {})
        if (out / "articles.jsonl.gz").exists():
            with gzip.open(out / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
                con.executemany("INSERT INTO articles VALUES (?, ?, ?)",
                                ((a["doc_id"], a.get("source", ""), a.get("text", "")) for a in map(json.loads, fh)))
        for table, column in INDEXES + [("articles", "doc_id")]:
            con.execute(f'CREATE INDEX "{table}_{column}" ON "{table}"("{column}")')
        con.execute("CREATE VIRTUAL TABLE facts_fts USING fts5(sentence, surface, name, unit, "
                    "content='facts', content_rowid='rowid')")
        con.execute("INSERT INTO facts_fts(facts_fts) VALUES ('rebuild')")
        con.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(title, outlet, content='documents', "
                    "content_rowid='rowid')")
        con.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    os.replace(tmp, db_path)
    return db_path


def is_current(out_dir: str | Path, db_path: str | Path | None = None) -> bool:
    """True when the database exists, opens, has its tables, and is newer than every table it
    was built from (a database of an earlier run is never served)."""
    out = Path(out_dir)
    db = Path(db_path) if db_path else out / "facts.db"
    if not db.exists():
        return False
    built = db.stat().st_mtime
    if any((out / n).exists() and (out / n).stat().st_mtime > built for n in SOURCES):
        return False
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            con.execute("SELECT count(*) FROM facts").fetchone()
    except sqlite3.DatabaseError:
        return False  # corrupt: rebuilt
    return {"facts", "documents", "errors", "articles", "facts_fts"} <= names


def ensure(out_dir: str | Path, db_path: str | Path | None = None) -> tuple[Path, bool]:
    """The database of an output folder, built when it is missing, older than its tables, or
    broken: (path, whether it was built now)."""
    check_output_folder(out_dir)
    if is_current(out_dir, db_path):
        return Path(db_path) if db_path else Path(out_dir) / "facts.db", False
    return build(out_dir, db_path), True
