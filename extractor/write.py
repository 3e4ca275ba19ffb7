"""Stage 7, write: the facts table (JSON Lines, CSV, Parquet), documents.csv, errors.csv and
articles.jsonl.gz (each article's text as read, so every fact's offsets can be checked
against the output folder alone)."""
from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Iterable

from .records import FACT_COLUMNS, DocumentResult

DOCUMENT_COLUMNS = ["doc_id", "source", "status", "n_facts", "n_chars", "title", "outlet",
                    "outlet_province", "date", "author", "error"]
ERROR_COLUMNS = ["doc_id", "source", "stage", "reason", "message"]


class Writer:
    """Streams results to OUT/ as they come; ``close()`` writes the Parquet copy."""

    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self._jsonl = open(self.out / "facts.jsonl", "w", encoding="utf-8")
        self._csv_fh = open(self.out / "facts.csv", "w", encoding="utf-8", newline="")
        self._csv = csv.DictWriter(self._csv_fh, FACT_COLUMNS)
        self._csv.writeheader()
        self._docs_fh = open(self.out / "documents.csv", "w", encoding="utf-8", newline="")
        self._docs = csv.DictWriter(self._docs_fh, DOCUMENT_COLUMNS)
        self._docs.writeheader()
        self._err_fh = open(self.out / "errors.csv", "w", encoding="utf-8", newline="")
        self._errs = csv.DictWriter(self._err_fh, ERROR_COLUMNS)
        self._errs.writeheader()
        self._articles = gzip.open(self.out / "articles.jsonl.gz", "wt", encoding="utf-8", compresslevel=1)
        self.n_docs = self.n_errors = self.n_facts = 0

    def add(self, result: DocumentResult) -> None:
        self.n_docs += 1
        for fact in result.facts:
            row = fact.to_dict()
            self._jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
            self._csv.writerow(row)
            self.n_facts += 1
        if result.text:
            self._articles.write(json.dumps({"doc_id": result.doc_id, "source": result.source,
                                             "text": result.text}, ensure_ascii=False) + "\n")
        meta = result.meta
        self._docs.writerow({
            "doc_id": result.doc_id, "source": result.source, "status": result.status,
            "n_facts": len(result.facts), "n_chars": result.n_chars, "title": meta.title,
            "outlet": meta.outlet, "outlet_province": meta.outlet_province, "date": meta.date,
            "author": meta.author, "error": result.error.reason if result.error else "",
        })
        if result.error is not None:
            self.n_errors += 1
            e = result.error
            self._errs.writerow({"doc_id": e.doc_id, "source": e.source, "stage": e.stage,
                                 "reason": e.reason, "message": e.message})

    def close(self) -> None:
        for fh in (self._jsonl, self._csv_fh, self._docs_fh, self._err_fh, self._articles):
            fh.close()
        write_parquet(self.out / "facts.jsonl", self.out / "facts.parquet")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def write_parquet(jsonl: Path, parquet: Path) -> None:
    import pandas as pd

    rows = [json.loads(line) for line in open(jsonl, encoding="utf-8") if line.strip()]
    df = pd.DataFrame(rows, columns=FACT_COLUMNS)
    for col in ("value", "value_max"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    for col in ("char_start", "char_end"):
        df[col] = df[col].astype("int64")
    df.to_parquet(parquet, index=False)


def read_articles(out_dir: str | Path):
    """(doc_id, source, text) of every article of an extract output folder, in order."""
    with gzip.open(Path(out_dir) / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield row["doc_id"], row["source"], row["text"]


def write_all(results: Iterable[DocumentResult], out_dir: str | Path) -> Writer:
    with Writer(out_dir) as w:
        for r in results:
            w.add(r)
    return w
