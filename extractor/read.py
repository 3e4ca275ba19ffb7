"""Stage 1, read: turn paths into Documents, and unreadable inputs into InputErrors.

Plain ``.txt`` files (one article each; doc_id is the file name without extension) and
JSON Lines archives (``.jsonl``, ``.jsonl.gz``; one article a line, fields ``id`` and ``text``).
Nothing is dropped silently: every input yields a Document or an InputError.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterable, Iterator, Union

from .records import Document, InputError

MAX_BYTES = 5_000_000  # an article is a few KB; anything this big is not one article
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")

Item = Union[Document, InputError]


def decode(data: bytes, doc_id: str, source: str, max_bytes: int = MAX_BYTES) -> Item:
    """Bytes of one article -> Document, or InputError with a clear reason."""
    if len(data) > max_bytes:
        return InputError(doc_id, source, "read", "too_large",
                          f"{len(data):,} bytes is over the limit of {max_bytes:,} for one article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return InputError(doc_id, source, "read", "bad_encoding", f"UTF-16 byte order mark but not UTF-16: {exc}")
    else:
        if b"\x00" in data[:4096]:
            return InputError(doc_id, source, "read", "binary", "contains NUL bytes: a binary file, not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return InputError(doc_id, source, "read", "bad_encoding",
                              f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} "
                              "(re-save the file as UTF-8)")
    return check_text(text, doc_id, source)


def check_text(text: str, doc_id: str, source: str) -> Item:
    if not text.strip():
        return InputError(doc_id, source, "read", "empty", "the article has no text")
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > 0.05 * min(len(text), 4096):
        return InputError(doc_id, source, "read", "binary", "mostly control characters: not text")
    return Document(doc_id=doc_id, text=text, source=source)


def read_file(path: str | Path, max_bytes: int = MAX_BYTES) -> Item:
    path = Path(path)
    doc_id = path.name[: -len(path.suffix)] if path.suffix else path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputError(doc_id, str(path), "read", "too_large",
                              f"{size:,} bytes is over the limit of {max_bytes:,} for one article")
        data = path.read_bytes()
    except OSError as exc:
        return InputError(doc_id, str(path), "read", "unreadable", f"cannot read the file: {exc.strerror or exc}")
    return decode(data, doc_id, str(path), max_bytes)


def read_jsonl(path: str | Path, id_field: str = "id", text_field: str = "text",
               max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """One Document per line; a broken line becomes an InputError and the file goes on."""
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    stem = path.name.split(".")[0]
    try:
        with opener(path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                fallback_id = f"{stem}:{lineno}"
                source = f"{path}:{lineno}"
                try:
                    record = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield InputError(fallback_id, source, "read", "bad_json", f"line {lineno} is not JSON: {exc}")
                    continue
                if not isinstance(record, dict):
                    yield InputError(fallback_id, source, "read", "bad_json", f"line {lineno} is not a JSON object")
                    continue
                doc_id = str(record.get(id_field) or fallback_id)
                text = record.get(text_field)
                if not isinstance(text, str):
                    yield InputError(doc_id, source, "read", "no_text", f"line {lineno} has no string field '{text_field}'")
                    continue
                if len(text) > max_bytes:
                    yield InputError(doc_id, source, "read", "too_large",
                                     f"{len(text):,} characters is over the limit of {max_bytes:,} for one article")
                    continue
                yield check_text(text, doc_id, source)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(stem, str(path), "read", "unreadable", f"cannot read the archive: {exc}")


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the article files found (recursively, sorted) in folders named."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and (f.name.endswith(TEXT_SUFFIXES) or f.name.endswith(JSONL_SUFFIXES)):
                    yield f
        else:
            yield p


def iter_documents(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES,
                   id_field: str = "id", text_field: str = "text") -> Iterator[Item]:
    for path in expand(paths):
        if path.name.endswith(JSONL_SUFFIXES):
            yield from read_jsonl(path, id_field, text_field, max_bytes)
        elif not path.exists():
            yield InputError(path.stem, str(path), "read", "missing", "no such file or folder")
        else:
            yield read_file(path, max_bytes)
