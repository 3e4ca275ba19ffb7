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
