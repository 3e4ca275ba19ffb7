"""Reading: every input becomes a Document or an InputError with a clear reason."""
from __future__ import annotations

import gzip
import json
import unicodedata

from extractor import extract
from extractor.read import iter_documents, read_file
from extractor.records import Document, InputError

SENTENCE = "Hiện phường Xuân Tăng có 15 tổ liên gia tự quản và trên 1.300 lượt người tham gia."


def test_plain_utf8(tmp_path):
    p = tmp_path / "a1.txt"
    p.write_text(SENTENCE, encoding="utf-8")
    doc = read_file(p)
    assert isinstance(doc, Document) and doc.doc_id == "a1" and doc.text == SENTENCE


def test_bom_is_removed(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"))
    doc = read_file(p)
    assert isinstance(doc, Document) and doc.text == SENTENCE


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(SENTENCE.encode("utf-16"))
    assert read_file(p).text == SENTENCE


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"   \n")
    err = read_file(p)
    assert isinstance(err, InputError) and err.reason == "empty"


def test_binary_file(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(256)) * 10)
    err = read_file(p)
    assert isinstance(err, InputError) and err.reason == "binary"


def test_wrong_encoding(tmp_path):
    p = tmp_path / "cp1258.txt"
    p.write_bytes("Hiện phường có 15 tổ".encode("cp1258", errors="replace").replace(b"?", b"\xe0\xff"))
    err = read_file(p)
    assert isinstance(err, InputError) and err.reason == "bad_encoding"
    assert "UTF-8" in err.message


def test_huge_file(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_text(SENTENCE * 1000, encoding="utf-8")
    err = read_file(p, max_bytes=10_000)
    assert isinstance(err, InputError) and err.reason == "too_large"


def test_missing_path(tmp_path):
    items = list(iter_documents([tmp_path / "nope.txt"]))
    assert len(items) == 1 and isinstance(items[0], InputError) and items[0].reason == "missing"


def test_jsonl_with_broken_line(tmp_path):
    p = tmp_path / "arch.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "x1", "text": SENTENCE}, ensure_ascii=False) + "\n")
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "x3", "title": "no text"}) + "\n")
        fh.write(json.dumps({"id": "x4", "text": ""}) + "\n")
    items = list(iter_documents([p]))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError", "InputError"]
    assert [getattr(i, "reason", "") for i in items] == ["", "bad_json", "no_text", "empty"]


def test_crlf_and_nfd_offsets_point_into_the_original(tmp_path):
    """CRLF line ends and decomposed (NFD) input give the same facts, grounded in the input."""
    text = "Tiêu đề\r\n\r\n" + unicodedata.normalize("NFD", SENTENCE) + "\r\n"
    facts = extract(text, "nfd")
    values = sorted(f.value for f in facts if f.kind != "location")
    assert values == [15, 1300]
    for f in facts:
        assert text[f.char_start:f.char_end] == f.surface
    assert {f.name for f in facts if f.kind == "location"} == {unicodedata.normalize("NFC", "Xuân Tăng")}


def test_old_style_tone_marks_match():
    """"hoà giải" (old-style tone mark) is read like "hòa giải"."""
    facts = extract("Huyện có 46 tổ hoà giải và 10 tổ an ninh.", "tone")
    units = {f.unit for f in facts if f.kind == "member_count"}
    assert "tổ hòa giải" in units


# --- formats (issue #3): fixtures in tests/fixtures, archives built in tmp_path ---------------

import csv  # noqa: E402
import io  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from extractor.clean import clean  # noqa: E402
from extractor.pipeline import process  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "baodaklak-mo-hinh.html"
PAGE_TITLE = "Krông Pắc: Nông dân liên kết làm giàu từ mô hình tổ hợp tác"
PAGE_URL = "https://baodaklak.vn/kinh-te/202303/krong-pac-nong-dan-lien-ket-lam-giau-8a1b2c3/"
FURNITURE = ("Trang chủ", "Thời sự", "Quảng cáo", "Khuyến mãi", "Tin liên quan", "Giá cà phê",
             "Vay tiêu dùng", "Bản quyền", "Giấy phép", "Từ khóa", "dataLayer")


def _reasons(items):
    return [getattr(i, "reason", "ok") for i in items]


def _docs(items):
    return [i for i in items if isinstance(i, Document)]


def test_html_page_main_text_and_metadata():
    (doc,) = list(iter_documents([PAGE]))
    assert isinstance(doc, Document), doc
    assert doc.doc_id == "baodaklak-mo-hinh" and doc.source == str(PAGE)
    assert (doc.title, doc.author, doc.date, doc.outlet, doc.url) == (
        PAGE_TITLE, "Hoàng Gia", "2023-03-15", "Báo Đắk Lắk", PAGE_URL)
    assert "đã thành lập 12 mô hình tổ hợp tác chăn nuôi" in doc.text
    assert "Thời gian tới, Hội tiếp tục nhân rộng mô hình" in doc.text  # the last paragraph too
    for furniture in FURNITURE:
        assert furniture not in doc.text, furniture


def test_html_page_end_to_end_finds_the_figure_and_keeps_the_page_metadata():
    (doc,) = list(iter_documents([PAGE]))
    result = process(doc)
    assert result.status == "ok", result.error
    figures = {(f.value, f.unit) for f in result.facts if f.kind in ("outcome", "member_count")}
    assert (12, "mô hình") in figures and (240, "hội viên") in figures
    for f in result.facts:
        assert doc.text[f.char_start:f.char_end] == f.surface
    meta = result.meta
    assert (meta.title, meta.author, meta.date, meta.outlet) == (PAGE_TITLE, "Hoàng Gia", "2023-03-15", "Báo Đắk Lắk")
    assert meta.outlet_province == "Đắk Lắk"  # from the outlet's name, as the text's outlet would give


def test_document_metadata_wins_over_the_guess_and_the_guess_stays_as_fallback():
    text = "Tiêu đề đoán từ văn bản\nBáo Lào Cai - Ngày 12/3/2021, xã có 15 tổ tự quản.\nNguyễn Văn Bình"
    guessed = clean(Document("g", text)).meta
    assert (guessed.title, guessed.date, guessed.outlet, guessed.author) == (
        "Tiêu đề đoán từ văn bản", "2021-03-12", "Báo Lào Cai", "Nguyễn Văn Bình")
    given = clean(Document("g", text, title="Tiêu đề thật", date="2021-03-13", author="Hà An", outlet="baolaocai.vn")).meta
    assert (given.title, given.date, given.author, given.outlet) == ("Tiêu đề thật", "2021-03-13", "Hà An", "baolaocai.vn")
    assert given.outlet_province == "Lào Cai"  # the site name says none: the text's outlet still does
    partial = clean(Document("g", text, title="Tiêu đề thật")).meta
    assert (partial.title, partial.date, partial.author) == ("Tiêu đề thật", "2021-03-12", "Nguyễn Văn Bình")


def test_broken_html_best_effort_and_no_date_made_up_from_the_text():
    (doc,) = list(iter_documents([FIXTURES / "broken.html"]))
    assert isinstance(doc, Document), doc
    assert "hơn 50 hộ dân hiến đất" in doc.text and "Trang chủ" not in doc.text
    assert doc.title == "Thanh Hóa: mô hình dân vận khéo"
    assert doc.date == ""  # "năm 2022" in the text is not a publication date


@pytest.mark.parametrize("name, data, reason", [
    ("gallery.html", (FIXTURES / "gallery.html").read_bytes(), "no_text"),
    ("blank.html", b"  \n ", "empty"),
    ("nul.html", b"<html>\x00\x00\x01" * 100, "binary"),
    ("junk.htm", bytes(range(1, 256)) * 10, "no_text"),
    ("big.html", PAGE.read_bytes() * 3, "too_large"),
], ids=["gallery", "blank", "nul", "junk", "big"])
def test_bad_html_pages_are_errors_not_crashes(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    items = list(iter_documents([p], max_bytes=len(PAGE.read_bytes()) * 2))
    assert _reasons(items) == [reason]
    assert items[0].doc_id == p.stem and items[0].stage == "read" and items[0].message


CSV_OPTIONS = dict(id_field="ma_bai", text_field="noi_dung", title_field="tieu_de")


def test_csv_with_custom_field_names():
    items = list(iter_documents([FIXTURES / "articles.csv"], **CSV_OPTIONS))
    assert [i.doc_id for i in items] == ["dl-01", "dl-02", "articles:3"]
    assert _reasons(items) == ["ok", "empty", "ok"]
    assert items[0].title == "Ea Kar ra mắt tổ hợp tác" and items[2].title == ""
    assert items[0].text.startswith("Huyện Ea Kar đã thành lập 7 tổ hợp tác")
    assert items[2].text == 'Xã Ea Phê có 3 mô hình "dân vận khéo", với dấu phẩy, và xuống dòng\nở giữa ô.'
    assert items[1].source == f"{FIXTURES / 'articles.csv'}:2"


def test_csv_without_the_text_column_is_one_clear_error():
    items = list(iter_documents([FIXTURES / "articles.csv"]))  # default text_field "text"
    assert _reasons(items) == ["no_text"]
    assert "'text'" in items[0].message and "noi_dung" in items[0].message


def test_csv_gz_streams_big_fields_and_checks_each_row(tmp_path):
    p = tmp_path / "big.csv.gz"
    long_text = "Xã có 15 tổ tự quản. " * 10_000  # over the csv module's default field limit
    with gzip.open(p, "wt", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "text"])
        w.writerow(["a", "Dài", long_text])
        w.writerow(["b", "Quá dài", long_text * 3])
        w.writerow(["c", "Ngắn", SENTENCE])
    items = list(iter_documents([p], max_bytes=len(long_text) + 10))
    assert [(i.doc_id, getattr(i, "reason", "ok")) for i in items] == [("a", "ok"), ("b", "too_large"), ("c", "ok")]
    assert items[0].text == long_text and items[2].title == "Ngắn"


def test_parquet_streams_the_needed_columns(tmp_path):
    pd = pytest.importorskip("pandas")
    p = tmp_path / "bai-viet.parquet"
    pd.DataFrame({
        "ma": pd.array([101, 102, 103, None], dtype="Int64"),  # integer ids, one missing
        "noi_dung": [SENTENCE, None, "  ", "Huyện có 46 tổ hòa giải."],
        "tieu_de": ["Xuân Tăng", "Không có văn bản", "Rỗng", None],
        "anh": [b"\x89PNG", b"", b"", b""],  # a column nobody asked for
    }).to_parquet(p)
    items = list(iter_documents([p], id_field="ma", text_field="noi_dung", title_field="tieu_de"))
    assert [i.doc_id for i in items] == ["101", "102", "103", "bai-viet:4"]
    assert _reasons(items) == ["ok", "no_text", "empty", "ok"]
    assert items[0].text == SENTENCE and items[0].title == "Xuân Tăng" and items[3].title == ""
    assert items[3].source == f"{p}:4"
    missing = list(iter_documents([p]))  # no column "text"
    assert _reasons(missing) == ["no_text"] and "noi_dung" in missing[0].message


def test_parquet_string_ids_and_default_fields(tmp_path):
    pd = pytest.importorskip("pandas")
    p = tmp_path / "a.parquet"
    pd.DataFrame({"id": ["x1", "x2"], "text": [SENTENCE, "Huyện có 46 tổ hòa giải."]}).to_parquet(p)
    items = list(iter_documents([p]))
    assert [(i.doc_id, i.title) for i in items] == [("x1", ""), ("x2", "")]


def _warc(path: Path, page: bytes) -> dict:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ids = {}
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: test\r\n"),
                                                      warc_content_type="application/warc-fields"))
        req = writer.create_warc_record(PAGE_URL, "request", payload=io.BytesIO(b""), http_headers=StatusAndHeaders(
            "GET /kinh-te/ HTTP/1.1", [("Host", "baodaklak.vn")], is_http_request=True))
        writer.write_record(req)
        for url, ctype, status, body in [
            (PAGE_URL, "text/html; charset=utf-8", "200 OK", page),
            ("https://baodaklak.vn/logo.png", "image/png", "200 OK", b"\x89PNG\r\n\x1a\n" + bytes(200)),
            ("https://baodaklak.vn/api/tin.json", "application/json", "200 OK", b'{"text": "not an article"}'),
            ("https://baodaklak.vn/cu.html", "text/html", "301 Moved Permanently", b"<html>moved</html>"),
            ("https://baodaklak.vn/anh.html", "text/html", "200 OK", (FIXTURES / "gallery.html").read_bytes()),
        ]:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            ids[url] = rec.rec_headers.get_header("WARC-Record-ID").strip("<>")
            writer.write_record(rec)
    return ids


def test_warc_reads_html_responses_and_skips_other_records(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    ids = _warc(p, PAGE.read_bytes())
    items = list(iter_documents([p]))
    assert _reasons(items) == ["ok", "no_text"]  # the page, and the gallery page without text
    doc = items[0]
    assert doc.doc_id == ids[PAGE_URL] and doc.doc_id.startswith("urn:uuid:")
    assert doc.url == PAGE_URL and doc.title == PAGE_TITLE and doc.date == "2023-03-15"
    assert "thành lập 12 mô hình" in doc.text and "Bản quyền" not in doc.text
    name, offset = doc.source.rsplit(":", 1)
    assert name == str(p) and int(offset) > 0
    assert items[1].doc_id == ids["https://baodaklak.vn/anh.html"]
    # the source offset points at the record: reading from it gives the same page
    from warcio.archiveiterator import ArchiveIterator
    with open(p, "rb") as fh:
        fh.seek(int(offset))
        record = next(iter(ArchiveIterator(fh)))
        assert record.rec_headers.get_header("WARC-Target-URI") == PAGE_URL


@pytest.mark.parametrize("keep", [0.5, 0.02])
def test_a_cut_web_archive_says_so(tmp_path, keep):
    """Review finding: warcio stops quietly where a file is cut; the cut page is an error row."""
    whole = tmp_path / "whole.warc.gz"
    _warc(whole, PAGE.read_bytes())
    cut = tmp_path / "cut.warc.gz"
    data = whole.read_bytes()
    cut.write_bytes(data[: int(len(data) * keep)])
    items = list(iter_documents([cut]))
    assert items and _reasons(items)[-1] == "unreadable", items
    assert "cut short" in items[-1].message


def test_broken_archives_are_unreadable_errors(tmp_path):
    warc = tmp_path / "bad.warc.gz"
    warc.write_bytes(b"this is not a web archive\n" * 10)
    gz = tmp_path / "cut.csv.gz"
    gz.write_bytes(gzip.compress(b"id,text\na,Huyen co 15 to.\n" * 100)[:60])
    pq = tmp_path / "bad.parquet"
    pq.write_bytes(b"PAR1 not really")
    for path in (warc, gz, pq):
        items = list(iter_documents([path]))
        assert _reasons(items)[-1] == "unreadable", (path, items)
        assert items[-1].doc_id == path.name.split(".")[0]


def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize("data, expected", [
    (b"\n\n" + json.dumps({"id": "j1", "text": SENTENCE, "title": "T"}).encode() + b"\n{bad\n",
     [("j1", "ok"), ("stdin:4", "bad_json")]),
    (PAGE.read_bytes(), [("stdin", "ok")]),
    (b"\xef\xbb\xbf  " + SENTENCE.encode(), [("stdin", "ok")]),
    (b"", [("stdin", "empty")]),
])
def test_stdin_is_sniffed(monkeypatch, data, expected):
    _stdin(monkeypatch, data)
    items = list(iter_documents(["-"]))
    assert [(i.doc_id, getattr(i, "reason", "ok")) for i in items] == expected
    assert all(i.source.startswith("<stdin>") for i in items)


def test_stdin_sniffed_html_and_text(monkeypatch):
    _stdin(monkeypatch, b"  \n" + PAGE.read_bytes())
    (page,) = list(iter_documents(["-"]))
    assert page.title == PAGE_TITLE and "12 mô hình" in page.text and "Trang chủ" not in page.text
    _stdin(monkeypatch, SENTENCE.encode())
    (text,) = list(iter_documents(["-"]))
    assert text.text == SENTENCE and text.title == ""


def test_stdin_with_forced_format_and_long_first_line(monkeypatch):
    _stdin(monkeypatch, (FIXTURES / "articles.csv").read_bytes())
    items = list(iter_documents(["-"], fmt="csv", **CSV_OPTIONS))
    assert [i.doc_id for i in items] == ["dl-01", "dl-02", "stdin:3"]
    long = json.dumps({"id": "L", "text": SENTENCE * 5000}, ensure_ascii=False).encode()
    _stdin(monkeypatch, long + b"\n" + long.replace(b'"L"', b'"M"') + b"\n")
    items = list(iter_documents(["-"]))  # the first line is longer than the sniffed chunk
    assert [(i.doc_id, len(i.text)) for i in items] == [("L", len(SENTENCE) * 5000), ("M", len(SENTENCE) * 5000)]


def test_stdin_through_the_command_line_reader(tmp_path):
    """A real pipe: a subprocess reads JSON Lines from its standard input."""
    import subprocess

    code = "from extractor.read import iter_documents\nfor i in iter_documents(['-']): print(i.doc_id, i.title)"
    lines = "".join(json.dumps({"id": f"p{n}", "title": f"T{n}", "text": SENTENCE}, ensure_ascii=False) + "\n"
                    for n in range(3))
    out = subprocess.run([sys.executable, "-c", code], input=lines.encode(), capture_output=True,
                         cwd=Path(__file__).parent.parent, check=True)
    assert out.stdout.decode().split("\n")[:3] == ["p0 T0", "p1 T1", "p2 T2"]


def test_glob_folder_and_named_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for rel in ("a/x.txt", "a/b/y.txt", "a/b/z.md", "a/b/w.htm", "note.text"):
        (tmp_path / rel).write_text(SENTENCE if not rel.endswith("htm") else PAGE.read_text(encoding="utf-8"),
                                    encoding="utf-8")
    by_glob = list(iter_documents([str(tmp_path / "**" / "*.txt")]))
    assert [i.doc_id for i in by_glob] == ["y", "x"]  # sorted by path: a/b/y.txt < a/x.txt
    by_folder = list(iter_documents([tmp_path / "a"]))
    assert [i.doc_id for i in by_folder] == ["w", "y", "x"]  # z.md is not an article file
    assert by_folder[0].title == PAGE_TITLE
    named = list(iter_documents([tmp_path / "note.text", tmp_path / "a" / "b" / "z.md"]))
    assert [(i.doc_id, i.text) for i in named] == [("note", SENTENCE), ("z", SENTENCE)]  # read as .txt
    none = list(iter_documents([str(tmp_path / "*.jsonl")]))
    assert _reasons(none) == ["missing"]


def test_forced_format(tmp_path):
    p = tmp_path / "page.dat"
    p.write_bytes(PAGE.read_bytes())
    (doc,) = list(iter_documents([p], fmt="html"))
    assert doc.title == PAGE_TITLE and "<html" not in doc.text
    (raw,) = list(iter_documents([p]))  # unknown suffix, named: read as text
    assert raw.text.startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError):
        list(iter_documents([p], fmt="pdf"))


def test_jsonl_title_field_and_custom_fields(tmp_path):
    p = tmp_path / "arch.ndjson"
    p.write_text(json.dumps({"key": "k1", "headline": "Tít", "body": SENTENCE}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    (doc,) = list(iter_documents([p], id_field="key", text_field="body", title_field="headline"))
    assert (doc.doc_id, doc.title, doc.text) == ("k1", "Tít", SENTENCE)
    assert process(doc).meta.title == "Tít"


def test_every_input_gives_an_item_in_a_fixed_order(tmp_path):
    """A mixed batch: nothing dropped, same order on every run."""
    paths = [PAGE, FIXTURES / "articles.csv", tmp_path / "missing.warc.gz", FIXTURES / "gallery.html"]
    first = [(i.doc_id, getattr(i, "reason", "ok")) for i in iter_documents(paths, **CSV_OPTIONS)]
    assert first == [("baodaklak-mo-hinh", "ok"), ("dl-01", "ok"), ("dl-02", "empty"), ("articles:3", "ok"),
                     ("missing.warc", "missing"), ("gallery", "no_text")]
    assert first == [(i.doc_id, getattr(i, "reason", "ok")) for i in iter_documents(paths, **CSV_OPTIONS)]
