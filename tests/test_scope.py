"""Scope: the article, not the page around it (FACTS.md, "Scope of the text")."""
from __future__ import annotations

from extractor import extract
from extractor.clean import clean
from extractor.records import Document

from .conftest import corpus_text


def _values(doc_id: str) -> set:
    return {f.surface for f in extract(corpus_text(doc_id), doc_id) if f.kind in ("member_count", "outcome")}


def test_related_news_is_out_of_scope():
    surfaces = _values("000_1eae1c15021009c4")
    assert not any("247 tỷ" in s or "46 tỷ" in s for s in surfaces)
    places = {f.name for f in extract(corpus_text("000_1eae1c15021009c4"), "x") if f.kind == "location"}
    assert "Phúc Khánh" not in places and "Bảo Yên" not in places


def test_comment_box_is_out_of_scope():
    assert not any("500" in s for s in _values("001_d77e694a437bdd4f"))


def test_view_counter_and_dateline_are_dropped():
    c = clean(Document("002", corpus_text("002_d0ede3a1be4da3f2")))
    in_scope = " ".join(c.norm[s:e] for s, e in c.paragraphs)
    assert "Lượt xem" not in in_scope and "Back To Top" not in in_scope
    assert c.meta.date == "2023-07-09"
    assert c.meta.outlet_province == "Điện Biên"


def test_metadata_outlet_and_byline():
    c = clean(Document("001", corpus_text("001_d77e694a437bdd4f")))
    assert c.meta.outlet == "Báo Sơn La"
    assert c.meta.author == "Thủy Ngân"
    c = clean(Document("004", corpus_text("004_df913277e43bafcc")))
    assert c.meta.outlet == "Congannghean.vn" and c.meta.date == "2019-09-03" and c.meta.author == "Phan Tuyết"


def test_text_without_furniture_keeps_everything():
    text = "Tiêu đề bài\n\nĐoạn một có 5 vụ.\n\nĐoạn hai có 7 đối tượng."
    c = clean(Document("plain", text))
    assert len(c.paragraphs) == 3


def test_a_related_news_box_inside_the_article_is_skipped_and_the_article_goes_on():
    # dev4 K05: a web page puts "Tin liên quan ..." between the lead and the body
    text = ("(GLO)- Sau hơn 4 năm đi vào hoạt động, Tổ xe thồ tự quản về an ninh trật tự ở thị trấn Chư Sê "
            "đã trở thành cánh tay đắc lực của chính quyền địa phương.\n\n"
            "Tin liên quan Pleiku: Ký kết quy chế phối hợp công tác đảm bảo an ninh trật tự\n\n"
            "Tháng 1-2019, Công an thị trấn Chư Sê đã tham mưu thành lập Tổ xe thồ tự quản về an ninh trật tự "
            "với 27 thành viên, hoạt động trên các tuyến quốc lộ. " + "Tổ thường xuyên tuần tra. " * 12)
    c = clean(Document("k", text))
    in_scope = " ".join(c.norm[s:e] for s, e in c.paragraphs)
    assert "27 thành viên" in in_scope and "Pleiku" not in in_scope
    assert any(f.value == 27 for f in extract(text, "k"))
