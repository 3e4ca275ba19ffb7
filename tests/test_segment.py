"""Sentences: offsets kept, abbreviations not taken for sentence ends, run-on text cut."""
from __future__ import annotations

import pytest
import regex

from extractor import extract
from extractor.rules import load
from extractor.segment import MAX_SENTENCE, Abbreviations, split_sentences


def test_sentences_keep_their_offsets():
    text = "Xã Tân Lập có 12 mô hình. TP. Vinh có 30 tổ tự quản. Huyện Trạm Tấu bắt 180 đối tượng."
    spans = split_sentences(text, 100)
    assert [text[a - 100:b - 100] for a, b in spans] == [
        "Xã Tân Lập có 12 mô hình.", "TP. Vinh có 30 tổ tự quản.", "Huyện Trạm Tấu bắt 180 đối tượng."]


# A full stop after a short unit or title does not end a sentence; after a currency, a unit, or a
# short form that stands for the unit itself, it does (rules/scope.yaml abbreviations).
SENTENCE_ENDS = [
    # developed on (dev3 P22628235): "TP." standing for the city ends its sentence
    ("UBND TP có báo cáo về kết quả năm 2016 của TP. Cụ thể, có 35.041 người kê khai.",
     ["UBND TP có báo cáo về kết quả năm 2016 của TP.", "Cụ thể, có 35.041 người kê khai."]),
    # bugs from the wild (archive): a currency code and a temperature's unit end their sentences
    ("Kim ngạch đạt 2,33 tỷ USD. Trong năm 2016, giá giảm 13,5%.",
     ["Kim ngạch đạt 2,33 tỷ USD.", "Trong năm 2016, giá giảm 13,5%."]),
    ("Nhiệt độ lên tới 39 độ C. Nhiệt độ cao kéo dài.", ["Nhiệt độ lên tới 39 độ C.", "Nhiệt độ cao kéo dài."]),
    ("Cháy xảy ra tại TP. HCM. Theo cảnh sát, 2 người bị thương.",
     ["Cháy xảy ra tại TP. HCM.", "Theo cảnh sát, 2 người bị thương."]),
    # ... and names stay whole: a unit's short form, a title, a person's initial
    ("PGS. TS. Nguyễn Văn A cho biết TT. Plei Kần có 3 vụ. Ông George W. Bush đến H. Phù Cát.",
     ["PGS. TS. Nguyễn Văn A cho biết TT. Plei Kần có 3 vụ.", "Ông George W. Bush đến H. Phù Cát."]),
    # dev5 P21486606: a photo caption glued to the next sentence, no full stop between
    ("Đoàn xe công nông chạy trên Quốc lộ ở Đắk Lắk Trong tuần nghỉ Tết 2017, Cư M’gar có 5 vụ.",
     ["Đoàn xe công nông chạy trên Quốc lộ ở Đắk Lắk", "Trong tuần nghỉ Tết 2017, Cư M’gar có 5 vụ."]),
    # ... but a capitalised word that starts a name or a term stays in its sentence
    ("Xã tổ chức Ngày hội Toàn dân bảo vệ an ninh Tổ quốc với 500 người.",
     ["Xã tổ chức Ngày hội Toàn dân bảo vệ an ninh Tổ quốc với 500 người."]),
]


@pytest.mark.parametrize("text, sentences", SENTENCE_ENDS)
def test_sentence_ends_at_a_full_stop_unless_it_shortens_a_name(text, sentences):
    spans = split_sentences(text, 7, Abbreviations.from_rules(load().scope))
    assert [text[a - 7:b - 7] for a, b in spans] == sentences


def test_run_on_text_is_cut_at_commas_into_bounded_sentences():
    """A paragraph with no full stop (a table dumped as text, a scraped list) is cut, preferably
    after a comma, so that no step ever works on more than MAX_SENTENCE characters at once."""
    text = "Danh sách: " + ", ".join(f"xã {i} có {i} hộ" for i in range(3000)) + "."
    spans = split_sentences(text, 0)
    assert len(spans) > 1 and max(b - a for a, b in spans) <= MAX_SENTENCE
    pieces = [text[a:b] for a, b in spans]
    assert all(p == p.strip() for p in pieces)
    assert all(p.endswith(",") for p in pieces[:-1])  # cut after a comma, not inside "12 hộ"
    assert regex.sub(r"\s", "", "".join(pieces)) == regex.sub(r"\s", "", text)


def test_a_megabyte_of_run_on_text_gives_bounded_rows():
    text = "Xã A có " + " ".join(f"{i} hộ," for i in range(60000))
    facts = extract(text)
    assert len(facts) > 50000
    assert max(len(f.sentence) for f in facts) <= MAX_SENTENCE
    assert all(text[f.char_start:f.char_end] == f.surface for f in facts[::997])
