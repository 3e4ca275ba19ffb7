"""Link: the place, period and model of each figure, and the rule that chose each (rules/links.yaml).

Three tables, kept apart as price-parser does: sentences from the sets the rules were developed
on (seeds, dev, dev3, dev4; the gold's answer), bugs from the wild (archive articles a user
tried), and the evidence each choice carries.
"""
from __future__ import annotations

import pytest

from extractor import extract
from extractor.records import Document
from extractor.pipeline import process


def figure(text: str, surface_start: str, date: str = ""):
    facts = process(Document("t", text, run_date=date)).facts
    hits = [f for f in facts if f.kind in ("member_count", "outcome") and f.surface.startswith(surface_start)]
    assert hits, [f.surface for f in facts if f.kind != "location"]
    return hits[0]


DEVELOPED_ON_PLACES = [
    # dev3 P22582034: the scene ("tại khu vực thôn X, xã Y") wins over an organisation's province
    ("Khi làm nhiệm vụ tuần tra tại khu vực thôn Đức Hưng, xã Ia Nan, tổ tuần tra Đồn biên phòng Ia Nan đã "
     "phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh Gia Lai bắt giữ đối tượng. Cơ quan chức năng thu giữ "
     "hai gói bột màu trắng.", "hai gói", "Đức Hưng"),
    # dev3 P22363935: a suspect's home address is not where the figure holds
    ("Công an tỉnh Hưng Yên đã bắt giữ Nguyễn Văn A, trú tại thôn Tử Dương, xã Tử Du. Công an thu giữ "
     "2 con dao tại hiện trường.", "2 con dao", "Hưng Yên"),
    # seeds 001: a model's figures, in the paragraph that goes on ("Cùng với đó"), take the model's place
    ("Thành lập ngày 10/6/2022, mô hình “Hộ tự quản, bản an toàn” tại bản Quỳnh Chiên, xã Bình Thuận đã "
     "phát huy hiệu quả.\n\nCùng với đó, thành lập 4 nhóm liên gia tự quản.", "4 nhóm", "Quỳnh Chiên"),
    # seeds 002: "toàn tỉnh" names a place the text never names: no place, not the caption's city
    ("Công an phường Tân Thanh (TP. Điện Biên Phủ) tuyên truyền.\n\nĐến nay toàn tỉnh đã nhân rộng "
     "30 mô hình điển hình.", "30 mô hình", ""),
    # the national words: the country's figure belongs to no province
    ("Công an quận Đống Đa tổ chức họp. Trong dịp Tết, cả nước xảy ra 191 vụ phạm pháp hình sự.", "191 vụ", ""),
]


@pytest.mark.parametrize("text, surface, place", DEVELOPED_ON_PLACES)
def test_place_developed_on(text, surface, place):
    assert figure(text, surface).location == place


DEVELOPED_ON_PERIODS = [
    # dev3 P22324538: a birth year is no figure's time
    ("Ngày 19/5, tại phường Tứ Minh, công an bắt Trần Văn Việt, sinh năm 1980, vận chuyển 1 kg ma túy đá.",
     "1 kg", ("", "")),
    # dev3 P22628235: "Trong kỳ báo cáo" opens a time of its own: the year before does not govern it
    ("Theo báo cáo, UBND TP báo cáo kết quả năm 2016. Trong kỳ báo cáo có 325 cán bộ được chuyển đổi.",
     "325 cán bộ", ("", "")),
    # dev3 P22325867: a span of months
    ("Trong tháng 3-5/2017, nhóm đối tượng đã gây ra 8 vụ trộm.", "8 vụ", ("2017-03-01", "2017-05-31")),
    # seeds 004: the period opening a paragraph governs it through "Theo đó, ..."
    ("Trong năm 2018 và 6 tháng đầu năm 2019, phường Trường Thi đạt nhiều kết quả. Theo đó, Công an phường "
     "xây dựng 15/17 khối về mô hình “An toàn về ANTT”.", "15/17", ("2018-01-01", "2019-06-30")),
]


@pytest.mark.parametrize("text, surface, bounds", DEVELOPED_ON_PERIODS)
def test_period_developed_on(text, surface, bounds):
    f = figure(text, surface)
    assert (f.period_start, f.period_end) == bounds


BUGS_FROM_THE_WILD = [
    # the "a 2017 forecast dated 2016 by the sentence before it": a forecast has no period
    ("Năm 2016, GDP tăng 6,2%. Dự báo năm 2017 tăng trưởng đạt 6,7%.", "6,7%", ("", "")),
    # "từ năm 2014" is a start only, not the year 2014
    ("Từ năm 2014, huyện đã xây dựng 120 mô hình.", "120 mô hình", ("2014-01-01", "")),
    # a plan's year is no figure's time
    ("Tỉnh phấn đấu đến năm 2030 có 500 mô hình tự quản.", "500 mô hình", ("", "")),
    # a year inside a name is not the figure's time
    ("Thực hiện Đề án phát triển giai đoạn 2021-2025, huyện có 30 tổ tự quản.", "30 tổ", ("", "")),
]


@pytest.mark.parametrize("text, surface, bounds", BUGS_FROM_THE_WILD)
def test_period_bugs_from_the_wild(text, surface, bounds):
    f = figure(text, surface)
    assert (f.period_start, f.period_end) == bounds


def test_relative_periods_take_the_article_date():
    text = "Năm nay, công an huyện bắt 12 đối tượng. Trong 6 tháng qua, xã có 8 vụ trộm."
    assert (figure(text, "12", "2017-06-05").period_start, figure(text, "12", "2017-06-05").period_end) == \
        ("2017-01-01", "2017-12-31")
    six = figure(text, "8 vụ", "2017-07-05")
    assert (six.period_start, six.period_end) == ("2017-01-01", "2017-06-30")
    undated = figure(text, "12")  # no article date: the words stay, the bounds stay empty
    assert undated.period == "Năm nay" and (undated.period_start, undated.period_end) == ("", "")


def test_a_figure_repeated_in_title_and_body_takes_the_body_s_specific_place():
    # dev3 P21486259: the title names the province, the body the district whose police act
    text = ("Nghệ An: Khởi tố tài xế gây TNGT khiến 3 người tử vong\n"
            "Công an huyện Thanh Chương vừa khởi tố vụ tai nạn làm 3 người tử vong.")
    f = figure(text, "3 người")
    assert f.location == "Thanh Chương" and f.surface == "3 người"  # the row stays at the title's mention
    assert f.char_start < text.index("\n")


@pytest.mark.parametrize("text, surface, subject", [
    # dev4 K02: the sentence names the model again, without the cue
    ("Được thành lập từ năm 2015, mô hình tổ xe ôm tự quản tại phường Phước Trung đã góp phần giữ gìn ANTT.\n\n"
     "Năm 2023, các thành viên tổ xe ôm tự quản đã cung cấp cho Công an phường Phước Trung 10 tin liên quan "
     "đến ANTT.",
     "10 tin", "tổ xe ôm tự quản"),
    # dev4 K05: a named type founded with a capital is a model, and its members belong to it
    ("Tháng 1-2019, Công an thị trấn Chư Sê đã tham mưu thành lập Tổ xe thồ tự quản về an ninh trật tự "
     "với 27 thành viên.", "27 thành viên", "Tổ xe thồ tự quản về an ninh trật tự"),
    # no model in the article: no subject, however many "tổ" it counts
    ("Huyện có 46 tổ hòa giải ở cơ sở.", "46 tổ", ""),
])
def test_subject_of_a_figure(text, surface, subject):
    assert figure(text, surface).subject == subject


@pytest.mark.parametrize("text, surface, field, evidence", [
    ("Năm 2022, huyện Trạm Tấu có 54 mô hình.", "54", "location_evidence", "same clause"),
    ("Năm 2022, huyện Trạm Tấu có 54 mô hình.", "54", "period_evidence", "same sentence"),
    ("Năm 2022, huyện Trạm Tấu bắt 180 đối tượng. Huyện cũng làm rõ 94 vụ.", "94", "period_evidence", "section period"),
    ("Trong dịp Tết, cả nước xảy ra 191 vụ phạm pháp.", "191", "location_evidence", "national"),
    ("Tỉnh phấn đấu đến năm 2030 có 500 mô hình tự quản.", "500", "period_evidence", "target"),
    ("Huyện có 46 tổ hòa giải.", "46", "period_evidence", ""),
])
def test_every_link_says_which_rule_chose_it(text, surface, field, evidence):
    assert getattr(figure(text, surface), field) == evidence


def test_evidence_is_empty_exactly_when_there_is_no_link():
    text = ("Năm 2022, huyện Trạm Tấu có 54 mô hình. Trong dịp Tết, cả nước xảy ra 191 vụ. "
            "Mô hình “Camera an ninh” đã lắp 20 camera.")
    for f in extract(text):
        if f.kind in ("member_count", "outcome"):
            assert bool(f.period) == bool(f.period_evidence) or f.period_evidence == "target"
            assert bool(f.subject) == bool(f.subject_evidence)
            if f.location:
                assert f.location_evidence


@pytest.mark.parametrize("text", [
    "Ngày 31/2/2017, công an bắt 5 đối tượng.",          # a day that cannot be
    "Ngày 5/3/17, công an bắt 5 đối tượng.",              # a two-digit year
])
def test_dates_that_cannot_be_give_no_bounds(text):
    f = figure(text, "5 đối tượng")
    assert (f.period_start, f.period_end) == ("", "")
