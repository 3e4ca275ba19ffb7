"""Stage 7, write: the output folder.

``OUT/`` holds the facts table (``facts.jsonl``, ``facts.csv``, ``facts.parquet``), ``documents.csv``
(every input, with its status), ``errors.csv`` (every input that failed) and ``articles.jsonl.gz``
(each article's text as read, so every fact's offsets can be checked from the folder alone).

Results are written in *parts* (``OUT/parts/000042.*``, one per chunk of documents) as they are
produced, each finished by an atomic ``.done`` marker, then merged, part after part in input
order, into the tables above. Memory stays flat whatever the size of the archive, a killed run
can resume from its finished parts, and the merged tables are the same whatever the engine.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .records import FACT_COLUMNS, KINDS, DocumentResult, InputError

DOCUMENT_COLUMNS = ["doc_id", "source", "status", "n_facts", "n_chars", "title", "outlet",
                    "outlet_province", "date", "date_source", "map", "map_note", "topic", "topic_score",
                    "author", "error"]
ERROR_COLUMNS = ["doc_id", "source", "stage", "reason", "message"]
TABLES = ("facts.jsonl", "facts.csv", "facts.parquet", "documents.csv", "errors.csv", "articles.jsonl.gz")
CSV_HEADERS = {"facts.csv": FACT_COLUMNS, "documents.csv": DOCUMENT_COLUMNS, "errors.csv": ERROR_COLUMNS}


# the facts' numeric columns (every other column is text)
NUMBER_COLUMNS = {"value": "float64", "value_max": "float64", "char_start": "int64", "char_end": "int64",
                  "latitude": "float64", "longitude": "float64"}


def facts_schema():
    import pyarrow as pa

    types = {c: getattr(pa, t)() for c, t in NUMBER_COLUMNS.items()}
    return pa.schema([(c, types.get(c, pa.string())) for c in FACT_COLUMNS])


@dataclass
class Part:
    """One chunk of results, rendered: the bytes of each table's share, and counts."""

    index: int
    tables: dict[str, bytes]
    n_docs: int = 0
    n_facts: int = 0
    n_errors: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)

    def counts(self) -> dict:
        return {"index": self.index, "n_docs": self.n_docs, "n_facts": self.n_facts,
                "n_errors": self.n_errors, "kinds": self.kinds}


def _csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    buf = io.StringIO()
    csv.DictWriter(buf, columns, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _document_row(result: DocumentResult) -> dict:
    meta = result.meta
    return {"doc_id": result.doc_id, "source": result.source, "status": result.status,
            "n_facts": len(result.facts), "n_chars": result.n_chars, "title": meta.title,
            "outlet": meta.outlet, "outlet_province": meta.outlet_province, "date": meta.date,
            "date_source": meta.date_source, "map": meta.map, "map_note": meta.map_note,
            "topic": meta.topic, "topic_score": meta.topic_score if meta.topic else "", "author": meta.author, "error": result.error.reason if result.error else ""}


def render_part(index: int, results: Iterable[DocumentResult]) -> Part:
    """The bytes of every table for one chunk of results (what a worker sends back)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    facts, docs, errors, articles = [], [], [], []
    part = Part(index, {}, kinds={k: 0 for k in KINDS})
    for result in results:
        part.n_docs += 1
        rows = [f.to_dict() for f in result.facts]
        facts.extend(rows)
        for row in rows:
            part.kinds[row["kind"]] = part.kinds.get(row["kind"], 0) + 1
        docs.append(_document_row(result))
        if result.text:
            articles.append(json.dumps({"doc_id": result.doc_id, "source": result.source, "text": result.text},
                                       ensure_ascii=False) + "\n")
        if result.error is not None:
            part.errors.append(result.error)
            errors.append({c: getattr(result.error, c) for c in ERROR_COLUMNS})
    part.n_facts, part.n_errors = len(facts), len(errors)
    parquet = io.BytesIO()
    columns = {c: [r[c] for r in facts] for c in FACT_COLUMNS}
    for c in ("value", "value_max"):  # float64 in Parquet, whatever size the integer read
        columns[c] = [None if v is None else float(v) for v in columns[c]]
    pq.write_table(pa.Table.from_pydict(columns, schema=facts_schema()), parquet)
    part.tables = {
        "facts.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in facts).encode("utf-8"),
        "facts.csv": _csv_bytes(facts, FACT_COLUMNS),
        "facts.parquet": parquet.getvalue(),
        "documents.csv": _csv_bytes(docs, DOCUMENT_COLUMNS),
        "errors.csv": _csv_bytes(errors, ERROR_COLUMNS),
        # gzip members concatenated are one valid gzip stream, so parts merge byte for byte
        "articles.jsonl.gz": gzip.compress("".join(articles).encode("utf-8"), compresslevel=1, mtime=0),
    }
    return part


class PartStore:
    """The ``OUT/parts`` folder: finished parts, each made visible by its ``.done`` marker."""

    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)
        self.dir = self.out / "parts"

    def path(self, index: int, name: str) -> Path:
        return self.dir / f"{index:06d}.{name}"

    def reset(self, manifest: dict) -> None:
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        self._atomic_write(self.dir / "manifest.json", json.dumps(manifest, indent=1).encode())

    def manifest(self) -> dict | None:
        try:
            return json.loads((self.dir / "manifest.json").read_text())
        except (OSError, ValueError):
            return None

    def done(self) -> dict[int, dict]:
        """Counts of every finished part, by index; half-written parts are removed."""
        finished = {}
        for marker in self.dir.glob("*.done"):
            counts = json.loads(marker.read_text())
            finished[counts["index"]] = counts
        for tmp in self.dir.glob("*.tmp"):
            tmp.unlink()
        return finished

    def save(self, part: Part) -> None:
        for name, data in part.tables.items():
            self._atomic_write(self.path(part.index, name), data)
        self._atomic_write(self.path(part.index, "done"), json.dumps(part.counts()).encode())

    @staticmethod
    def _atomic_write(path: Path, data: bytes) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    def merge(self, indices: Iterable[int]) -> None:
        """Concatenate the parts, in order, into OUT's tables (streaming, flat memory)."""
        import pyarrow.parquet as pq

        indices = sorted(indices)
        handles = {}
        try:
            for name in TABLES:
                if name == "facts.parquet":
                    continue
                fh = handles[name] = open(self.out / (name + ".tmp"), "wb")
                if name in CSV_HEADERS:
                    fh.write(_csv_bytes([dict(zip(CSV_HEADERS[name], CSV_HEADERS[name]))], CSV_HEADERS[name]))
            with pq.ParquetWriter(self.out / "facts.parquet.tmp", facts_schema()) as parquet:
                for index in indices:
                    for name, fh in handles.items():
                        with open(self.path(index, name), "rb") as part_fh:
                            shutil.copyfileobj(part_fh, fh)
                    table = pq.read_table(self.path(index, "facts.parquet"))
                    if table.num_rows:
                        parquet.write_table(table)
        finally:
            for fh in handles.values():
                fh.close()
        for name in TABLES:
            os.replace(self.out / (name + ".tmp"), self.out / name)

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def write_sqlite(out_dir: str | Path, db_path: str | Path) -> None:
    """The tables of OUT/ in one SQLite database (``database.build``: the builder ``serve`` uses)."""
    from .database import build

    build(out_dir, db_path)


def read_articles(out_dir: str | Path) -> Iterator[tuple[str, str, str]]:
    """(doc_id, source, text) of every article of an extract output folder, in order."""
    with gzip.open(Path(out_dir) / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield row["doc_id"], row["source"], row["text"]

