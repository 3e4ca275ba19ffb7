"""Stage 1, read: turn paths into Documents, and unreadable inputs into InputErrors.

Inputs, each streamed (a file or an archive is never loaded whole, only one article at a time):

========================  ==========  =====================================================
suffix                    format      one Document per ...
========================  ==========  =====================================================
``.txt``                  txt         file (doc_id: the file name without its suffix)
``.html``, ``.htm``       html        saved page: main text and metadata by trafilatura
``.jsonl[.gz]``,          jsonl       line: a JSON object with ``id_field``, ``text_field``
``.ndjson[.gz]``                      and (optional) ``title_field``
``.csv[.gz]``             csv         row, same fields, the header names the columns
``.parquet``              parquet     row, same fields (only those columns are read)
``.warc[.gz]``            warc        ``response``/``resource`` record of an HTML page
``-``                     sniffed     standard input: JSON Lines if it starts with ``{``,
                                      one HTML page if with ``<``, else one text article
========================  ==========  =====================================================

Folders are walked recursively in sorted order and only files with a suffix above are taken;
globs (``corpus/**/*.txt``) are expanded, sorted; a file named explicitly (or matched by a
glob) with another suffix is read as ``.txt``. ``fmt`` forces one format for every path.

Nothing is dropped silently: every input document yields a Document or an InputError
(reasons: missing, unreadable, too_large, binary, bad_encoding, empty, bad_json, no_text).
The one exception is WARC records that are not article pages (requests, metadata, warcinfo,
revisits, non-HTML or non-2xx responses): a crawl holds them beside the pages, they are
not articles, so they are skipped, and their count is logged (logger ``extractor.read``).
"""
from __future__ import annotations

import csv
import glob
import gzip
import io
import itertools
import json
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Union

from .records import Document, InputError

MAX_BYTES = 5_000_000  # an article is a few KB; anything this big is not one article
BATCH_ROWS = 256  # Parquet rows decoded at a time (a batch of articles, not the whole file)
STDIN = "-"

Item = Union[Document, InputError]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Options:
    max_bytes: int = MAX_BYTES
    id_field: str = "id"
    text_field: str = "text"
    title_field: str = "title"
    date_field: str = "date"


# ---------------------------------------------------------------------------------------------
# shared guards: every reader ends in one of these


def _error(doc_id: str, source: str, reason: str, message: str) -> InputError:
    return InputError(encodable(doc_id), encodable(source), "read", reason, encodable(message))


def encodable(value: str) -> str:
    """``value`` with any lone surrogate (JSON allows "\\ud800"; UTF-8 does not) replaced by "?"."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")


def _check_bytes(data: bytes, doc_id: str, source: str, max_bytes: int) -> InputError | None:
    if len(data) > max_bytes:
        return _error(doc_id, source, "too_large", f"more than {max_bytes:,} bytes, the limit for one article")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _error(doc_id, source, "binary", "contains NUL bytes: a binary file, not text")
    return None


def decode(data: bytes, doc_id: str, source: str, max_bytes: int = MAX_BYTES) -> Item:
    """Bytes of one article -> Document, or InputError with a clear reason."""
    err = _check_bytes(data, doc_id, source, max_bytes)
    if err:
        return err
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return _error(doc_id, source, "bad_encoding", f"UTF-16 byte order mark but not UTF-16: {exc}")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return _error(doc_id, source, "bad_encoding",
                          f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} "
                          "(re-save the file as UTF-8)")
    return check_text(text, doc_id, source)


def check_text(text: str, doc_id: str, source: str, **meta: str) -> Item:
    """The last guard: text that is empty or mostly control characters is not an article.

    ``meta`` (title, author, date, outlet, url) goes into the Document as given.
    """
    if not text.strip():
        return _error(doc_id, source, "empty", "the article has no text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return _error(doc_id, source, "bad_encoding",
                      f"a lone surrogate (\\u{ord(text[exc.start]):04x}) at character {exc.start}: not Unicode text")
    doc_id, source = encodable(doc_id), encodable(source)
    meta = {k: encodable(v) for k, v in meta.items()}
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > 0.05 * min(len(text), 4096):
        return _error(doc_id, source, "binary", "mostly control characters: not text")
    return Document(doc_id=doc_id, text=text, source=source, **{k: v for k, v in meta.items() if v})


def from_record(record: dict, fallback_id: str, source: str, opt: Options) -> Item:
    """One archive record (a JSON object, a CSV or Parquet row) -> Document or InputError."""
    doc_id = record.get(opt.id_field)
    doc_id = fallback_id if doc_id is None or doc_id == "" else str(doc_id)
    text = record.get(opt.text_field)
    if not isinstance(text, str):
        return _error(doc_id, source, "no_text", f"no string value in the field '{opt.text_field}'")
    if len(text) > opt.max_bytes:
        return _error(doc_id, source, "too_large",
                      f"{len(text):,} characters is over the limit of {opt.max_bytes:,} for one article")
    title = record.get(opt.title_field)
    return check_text(text, doc_id, source, title=title.strip() if isinstance(title, str) else "",
                      date=iso_date(record.get(opt.date_field)))


_ISO = re.compile(r"^\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\b")


def iso_date(value) -> str:
    """A record's date field as an ISO date ("2017-02-07"), or '' when it is not a real date.
    Takes ISO dates and timestamps ("2017-02-07T10:00:00+07:00"), Vietnamese day/month/year
    ("07/02/2017"), Unix seconds and datetime objects; "31/2/2017" or "07/02/17" give ''."""
    import datetime as dt

    if value is None or value == "" or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        try:
            return dt.datetime.fromtimestamp(float(value), dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    m = _ISO.match(text)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = _DMY.match(text)
        if not m:
            return ""
        d, mo, y = (int(x) for x in m.groups())
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return ""


def from_html(data: bytes, doc_id: str, source: str, max_bytes: int = MAX_BYTES, url: str = "") -> Item:
    """A saved page -> its main text and metadata (trafilatura), or an InputError."""
    err = _check_bytes(data, doc_id, source, max_bytes)
    if err:
        return err
    if not data.strip():
        return _error(doc_id, source, "empty", "the page is empty")
    import trafilatura  # slow to import: only when there is a page to read
    from trafilatura.settings import set_date_params

    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its "discarding data" notices: we say it ourselves

    try:
        # the date from the page's markup and dateline only: the extensive search turns a
        # "năm 2022" in the text into a publication date of 2022-01-01
        page = trafilatura.bare_extraction(data, url=url or None, with_metadata=True, include_comments=False,
                                           date_extraction_params=set_date_params(extensive=False))
    except Exception as exc:  # a broken page must not stop a batch
        return _error(doc_id, source, "no_text", f"trafilatura could not parse the page: {type(exc).__name__}: {exc}")
    if page is None or not (page.text or "").strip():
        return _error(doc_id, source, "no_text", "no article text found in the page")
    return check_text(page.text, doc_id, source, title=page.title or "", author=page.author or "",
                      date=page.date or "", outlet=page.sitename or "", url=page.url or url)


# ---------------------------------------------------------------------------------------------
# one reader per format: (open binary stream, display name, options) -> items


def _stem(name: str) -> str:
    return "stdin" if name == STDIN else Path(name).name.split(".")[0]


def _source(name: str) -> str:
    return "<stdin>" if name == STDIN else name


def _read_bounded(fh: IO[bytes], max_bytes: int) -> bytes:
    return fh.read(max_bytes + 1)  # one byte more than allowed is enough to say "too large"


def read_txt(fh: IO[bytes], name: str, opt: Options) -> Iterator[Item]:
    """One article; doc_id is the file name without its suffix."""
    doc_id = "stdin" if name == STDIN else Path(name).stem
    yield decode(_read_bounded(fh, opt.max_bytes), doc_id, _source(name), opt.max_bytes)


def read_html(fh: IO[bytes], name: str, opt: Options) -> Iterator[Item]:
    """One saved page; doc_id is the file name without its suffix."""
    doc_id = "stdin" if name == STDIN else Path(name).stem
    yield from_html(_read_bounded(fh, opt.max_bytes), doc_id, _source(name), opt.max_bytes)


def read_jsonl(fh: Iterable[bytes], name: str, opt: Options) -> Iterator[Item]:
    """One Document per line; a broken line becomes an InputError and the file goes on."""
    stem, src = _stem(name), _source(name)
    for lineno, raw in enumerate(fh, 1):
        if not raw.strip():
            continue
        fallback_id, source = f"{stem}:{lineno}", f"{src}:{lineno}"
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield _error(fallback_id, source, "bad_json", f"line {lineno} is not JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield _error(fallback_id, source, "bad_json", f"line {lineno} is not a JSON object")
            continue
        yield from_record(record, fallback_id, source, opt)


def read_csv(fh: IO[bytes], name: str, opt: Options) -> Iterator[Item]:
    """One Document per row; the header names the columns. Rows are numbered from 1 after it."""
    stem, src = _stem(name), _source(name)
    csv.field_size_limit(max(csv.field_size_limit(), 4 * opt.max_bytes))  # 4: UTF-8 bytes per char at most
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    try:
        rows = csv.DictReader(text)
        if rows.fieldnames is None:
            yield _error(stem, src, "empty", "the CSV file is empty (no header)")
            return
        if opt.text_field not in rows.fieldnames:
            yield _error(stem, src, "no_text", f"no column '{opt.text_field}' in the header "
                         f"(columns: {', '.join(rows.fieldnames)}); name the text column with text_field")
            return
        for n, row in enumerate(rows, 1):
            yield from_record(row, f"{stem}:{n}", f"{src}:{n}", opt)
    finally:
        text.detach()  # the caller closes the byte stream (never standard input)


def read_parquet(fh: IO[bytes], name: str, opt: Options) -> Iterator[Item]:
    """One Document per row, read a batch at a time, only the id, text and title columns."""
    import pyarrow.parquet as pq

    stem, src = _stem(name), _source(name)
    table = pq.ParquetFile(fh)
    names = table.schema_arrow.names
    if opt.text_field not in names:
        yield _error(stem, src, "no_text", f"no column '{opt.text_field}' in the Parquet file "
                     f"(columns: {', '.join(names)}); name the text column with text_field")
        return
    columns = [c for c in dict.fromkeys((opt.id_field, opt.text_field, opt.title_field, opt.date_field)) if c in names]
    rows = (row for batch in table.iter_batches(batch_size=BATCH_ROWS, columns=columns) for row in batch.to_pylist())
    for n, row in enumerate(rows, 1):
        yield from_record(row, f"{stem}:{n}", f"{src}:{n}", opt)


def read_warc(fh: IO[bytes], name: str, opt: Options) -> Iterator[Item]:
    """One Document per HTML page in a web archive (WARC, gzipped or not).

    Pages are ``response`` records (or ``resource`` records) with a 2xx status and an HTML
    content type; doc_id is the WARC-Record-ID (its ``urn:uuid:...``), else the target URI;
    source is ``file.warc.gz:<record offset>``. Other records are skipped and counted.
    """
    from warcio.archiveiterator import ArchiveIterator

    src = _source(name)
    records = ArchiveIterator(fh)
    skipped = seen = 0
    for record in records:
        seen += 1
        if record.format != "warc":  # warcio reads anything as ARC lines: garbage is no archive
            raise ValueError(f"not a WARC record at offset {records.get_record_offset()}")
        if record.length is None:  # every WARC record has a Content-Length: this header was cut
            raise ValueError(f"the file is cut short in the record header at offset {records.get_record_offset()}")
        if not _is_page(record):
            skipped += 1
            record.raw_stream.read()
            if getattr(record.raw_stream, "limit", 0) > 0:
                raise ValueError(f"the file is cut short inside the record at offset {records.get_record_offset()}")
            continue
        data = _read_bounded(record.content_stream(), opt.max_bytes)
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        doc_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>") or url
        where = f"{src}:{records.get_record_offset()}"
        if len(data) <= opt.max_bytes:
            record.raw_stream.read()  # warcio stops quietly at a cut: what is left unread says so
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield _error(doc_id, where, "unreadable", f"the WARC record is cut short "
                             f"({record.raw_stream.limit:,} of its {record.length:,} bytes missing)")
                continue
        yield from_html(data, doc_id, where, opt.max_bytes, url)
    if not seen:
        raise ValueError("no WARC record could be read: the file is cut short or not a WARC file")
    if skipped:
        log.info("%s: skipped %d WARC records that are not HTML pages", src, skipped)


def _is_page(record) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return False
    if record.rec_type == "response" and not (headers.get_statuscode() or "").startswith("2"):
        return False
    return "html" in (headers.get_header("Content-Type") or "").lower()


READERS: dict[str, Callable[[IO[bytes], str, Options], Iterator[Item]]] = {
    "txt": read_txt, "html": read_html, "jsonl": read_jsonl,
    "csv": read_csv, "parquet": read_parquet, "warc": read_warc,
}
SUFFIXES = {  # longest first where one ends another
    ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl", ".csv.gz": "csv", ".warc.gz": "warc",
    ".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".parquet": "parquet", ".warc": "warc",
}
GUNZIP = ("jsonl", "csv")  # formats whose .gz files we decompress (warcio does its own)


def format_of(path: str | Path) -> str | None:
    name = Path(path).name.lower()
    return next((fmt for suffix, fmt in SUFFIXES.items() if name.endswith(suffix)), None)


def read_path(path: Path, opt: Options, fmt: str) -> Iterator[Item]:
    """Every item of one file, read as ``fmt``; a file that breaks midway ends in an error."""
    name = str(path)
    opener = gzip.open if fmt in GUNZIP and path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            yield from READERS[fmt](fh, name, opt)
    except Exception as exc:  # bad gzip, CSV, Parquet or WARC, I/O error: this file ends here
        yield _unreadable(name, f"the {fmt} file", exc)


def _unreadable(name: str, what: str, exc: Exception) -> InputError:
    return _error(_stem(name), _source(name), "unreadable", f"cannot read {what}: {type(exc).__name__}: {exc}")


def read_file(path: str | Path, max_bytes: int = MAX_BYTES) -> Item:
    """One ``.txt`` article."""
    return next(read_path(Path(path), Options(max_bytes), "txt"))


_WHITESPACE = b" \t\r\n\f\v\xef\xbb\xbf"  # and a UTF-8 byte order mark


def read_stdin(opt: Options, fmt: str | None = None, stream: IO[bytes] | None = None) -> Iterator[Item]:
    """Standard input, streamed; without ``fmt`` the first non-blank byte tells the format."""
    fh = stream if stream is not None else sys.stdin.buffer
    try:
        if fmt is None:
            head = b""
            read1 = getattr(fh, "read1", fh.read)
            while not head.lstrip(_WHITESPACE):
                chunk = read1(65536)
                if not chunk:
                    break
                head += chunk
            first = head.lstrip(_WHITESPACE)[:1]
            fmt = "jsonl" if first == b"{" else "html" if first == b"<" else "txt"
            if fmt == "jsonl":
                if not head.endswith(b"\n"):
                    head += fh.readline()  # finish the line that the sniffing cut
                fh = itertools.chain(io.BytesIO(head), fh)
            else:
                fh = io.BytesIO(head + (fh.read(opt.max_bytes + 1 - len(head)) if len(head) <= opt.max_bytes else b""))
        if fmt == "parquet":
            yield _error("stdin", "<stdin>", "unreadable", "Parquet cannot be read from standard input: name the file")
            return
        yield from READERS[fmt](fh, STDIN, opt)
    except Exception as exc:  # as in read_path
        yield _unreadable(STDIN, f"standard input as {fmt}", exc)


# ---------------------------------------------------------------------------------------------
# paths


_GLOB = re.compile(r"[*?[]")


def expand(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[Path | str | InputError]:
    """Files named; article files found (recursively, sorted) in folders; glob matches, sorted.

    ``-`` (standard input) is passed on as it is; a glob that matches nothing is an error.
    Folders in ``exclude`` (the output folder, when it lies inside an input folder) are not walked.
    """
    skip = [Path(x).resolve() for x in exclude]
    for p in paths:
        if str(p) == STDIN:
            yield STDIN
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, skip)
        elif not path.exists() and _GLOB.search(str(p)):
            matches = sorted(glob.glob(str(p), recursive=True))
            if not matches:
                yield _error(str(p), str(p), "missing", "no file matches the pattern")
            seen: set[Path] = set()
            for m in map(Path, matches):
                for f in _walk(m, skip) if m.is_dir() else [m]:
                    if f not in seen and not _inside(f, skip):
                        seen.add(f)
                        yield f
        else:
            yield path


def _walk(folder: Path, skip: list[Path] = ()) -> Iterator[Path]:
    for f in sorted(folder.rglob("*")):
        if f.is_file() and format_of(f) and not _inside(f, skip):
            yield f


def _inside(path: Path, folders: list[Path]) -> bool:
    if not folders:
        return False
    path = path.resolve()
    return any(path == f or f in path.parents for f in folders)


def iter_documents(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES, id_field: str = "id",
                   text_field: str = "text", title_field: str = "title", fmt: str | None = None,
                   date_field: str = "date", date: str = "",
                   exclude: Iterable[str | Path] = ()) -> Iterator[Item]:
    """A Document or an InputError for every input document under ``paths``, in a fixed order.

    ``fmt`` (txt, html, jsonl, csv, parquet, warc) reads every path in that format; by default
    the suffix tells (see the module's doc). ``id_field``, ``text_field`` and ``title_field``
    name the fields of JSON Lines, CSV and Parquet archives. An id taken from a file name and
    seen before in the run ("a/x.txt" and "b/x.txt" are both "x") gets a suffix, "x~2", so every
    id is one document (the bookkeeping is per file, never per archive record: memory stays flat).
    ``date_field`` names the archives' date field; ``date`` (YYYY, YYYY-MM or YYYY-MM-DD) is the
    run-wide date of articles that show none of their own (clean's ``article_date``).
    """
    seen: dict[str, int] = {}
    for item in _items(paths, max_bytes, id_field, text_field, title_field, fmt, exclude, date_field):
        if format_of(item.source) in ("txt", "html"):  # one document a file: the id is its name
            n = seen.get(item.doc_id, 0) + 1
            seen[item.doc_id] = n
            if n > 1:
                item.doc_id = f"{item.doc_id}~{n}"
        if date and isinstance(item, Document):
            item.run_date = date
        yield item


def _items(paths, max_bytes, id_field, text_field, title_field, fmt, exclude, date_field="date") -> Iterator[Item]:
    if fmt is not None and fmt not in READERS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(READERS)}")
    opt = Options(max_bytes, id_field, text_field, title_field, date_field)
    for path in expand(paths, exclude):
        if isinstance(path, InputError):
            yield path
        elif path == STDIN:
            yield from read_stdin(opt, fmt)
        elif not path.exists():
            yield _error(path.stem, str(path), "missing", "no such file or folder")
        else:
            yield from read_path(path, opt, fmt or format_of(path) or "txt")
