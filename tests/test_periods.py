"""Periods: expressions and their ISO bounds (FACTS.md, `period`)."""
from __future__ import annotations

import pytest

from extractor import extract


def period_of(text: str, value) -> tuple[str, str, str]:
    f = next(f for f in extract(text, "t") if f.value == value and f.kind != "location")
    return f.period, f.period_start, f.period_end


@pytest.mark.parametrize("text,value,expected", [
    ("Năm 2022, huyện bắt 15 đối tượng.", 15, ("Năm 2022", "2022-01-01", "2022-12-31")),
    ("Trong 6 tháng đầu năm 2019, phường bắt 180 đối tượng.", 180, ("Trong 6 tháng đầu năm 2019", "2019-01-01", "2019-06-30")),
    ("Quý I/2023 giảm 37,2% so với cùng kỳ 2022.", 37.2, ("Quý I/2023", "2023-01-01", "2023-03-31")),
    ("trong năm 2013 và 7 tháng đầu năm 2014, Công an bắt 1 đối tượng truy nã.", 1,
     ("trong năm 2013 và 7 tháng đầu năm 2014", "2013-01-01", "2014-07-31")),
    # a review of session 10: a span from one part of a day to another
    ("Từ tối 5/3 đến rạng sáng 6/3/2017, công an bắt 12 đối tượng.", 12,
     ("Từ tối 5/3 đến rạng sáng 6/3/2017", "2017-03-05", "2017-03-06")),
    # dev12 P22228104: a span of months whose end is "cuối tháng"
    ("Chỉ tính từ tháng 2 đến cuối tháng 4-2017, lực lượng biên phòng bắt giữ 2 vụ phá rừng.", 2,
     ("từ tháng 2 đến cuối tháng 4-2017", "2017-02-01", "2017-04-30")),
    ("Tính đến ngày 1/5/2025, toàn tỉnh có 80 mô hình.", 80, ("Tính đến ngày 1/5/2025", "", "2025-05-01")),
    ("Từ năm 2020 đến nay, nhân dân cung cấp 405 nguồn tin.", 405, ("Từ năm 2020 đến nay", "2020-01-01", "")),
    ("Thành lập từ tháng 10/2023, mô hình đã thu hút 63 người tham gia.", 63, ("từ tháng 10/2023", "2023-10-01", "")),
    ("Hiện nay, thành phố có hàng trăm mô hình.", 100, ("Hiện nay", "", "")),
    ("Huyện có 46 tổ hòa giải.", 46, ("", "", "")),
])
def test_period(text, value, expected):
    assert period_of(text, value) == expected


def test_period_carries_over_within_a_paragraph_but_not_beyond():
    text = ("Năm 2022, huyện tổ chức 188 buổi tuyên truyền. Nhân dân cung cấp 101 nguồn tin.\n\n"
            "Huyện duy trì 54 mô hình.")
    assert period_of(text, 101)[0] == "Năm 2022"
    assert period_of(text, 54) == ("", "", "")


def test_period_in_parentheses_does_not_govern_later_sentences():
    text = ("Từ năm 2020 đến nay, công an làm rõ 405 vụ. Tội phạm giảm (năm 2021 giảm 22,5% so với năm 2020). "
            "Đặc biệt, đã bắt giữ 3.122 vụ.")
    assert period_of(text, 22.5)[0] == "năm 2021"
    assert period_of(text, 3122)[0] == "Từ năm 2020 đến nay"


# Tết, the lunar new year (rules/periods.yaml lunar_new_year, year_stems, year_branches)
TET_DEVELOPED_ON = [
    # dev5 P21486606: a day of Tết named with its year's name, and a day a Tết of the text dates
    ("Khoảng 18h15 mùng 2 Tết Đinh Dậu vợ chồng ông Lành chở nhau đi chúc tết, khiến 3 người bị thương.", 3,
     ("2017-01-29", "2017-01-29")),
    ("Trong tuần nghỉ Tết Đinh Dậu, xảy ra nhiều vụ tai nạn. Lúc 0 giờ 20 phút ngày 25/1, xảy ra vụ tai nạn "
     "khiến 2 thanh niên tử vong. Trong năm 2016, toàn tỉnh có 27 vụ.", 2, ("2017-01-25", "2017-01-25")),
]
TET_BUGS_FROM_THE_WILD = [
    # archive 21472056: a day of Tết takes the article's year, else the text's latest, never the year of
    # the sentence before it
    ("Năm 2016, khu di tích đón 1 triệu lượt khách. Riêng mùng 2 Tết, đã có hơn 24 vạn lượt khách. Lễ hội năm "
     "2017 khai mạc.", 240000, ("2017-01-29", "2017-01-29")),
    # the year written in figures, the day in words
    ("Sáng mồng một Tết Nguyên đán 2024, xảy ra 2 vụ cháy.", 2, ("2024-02-10", "2024-02-10")),
    # Vietnam's calendar, not China's: Tết of 2007 fell on 17 February
    ("Chiều mùng 1 Tết Đinh Hợi, công an bắt 4 đối tượng đánh bạc.", 4, ("2007-02-17", "2007-02-17")),
    # the lunar 5th of the 5th month is no day of Tết, and an unknown year's Tết gives no bounds
    ("Ngày mùng 5 tháng 5, xã tổ chức 3 giải đua thuyền.", 3, ("", "")),
    ("Mùng 2 Tết năm ấy, làng có 12 hộ bị mất trộm.", 12, ("", "")),
]


@pytest.mark.parametrize("text, value, bounds", TET_DEVELOPED_ON + TET_BUGS_FROM_THE_WILD)
def test_days_of_tet(text, value, bounds):
    assert period_of(text, value)[1:] == bounds


def test_a_day_of_tet_takes_the_article_s_year():
    from extractor.engine import Extractor

    f = next(f for f in Extractor().extract("Chiều mùng 3 Tết, Công an huyện bắt 5 đối tượng đánh bạc.",
                                            date="2018-02-20") if f.value == 5)
    assert (f.period_start, f.period_end) == ("2018-02-18", "2018-02-18")


@pytest.mark.parametrize("name, year", [("Giáp Thìn", 2024), ("Ất Tỵ", 2025), ("Ất Tị", 2025), ("Bính Ngọ", 2026),
                                        ("Canh Tý", 2020), ("Kỷ Hợi", 2019), ("Quý Mão", 2023), ("Quý Mẹo", 2023),
                                        ("Quý Dậu", 1993), ("Hà Nội", None)])
def test_year_names_of_the_cycle(name, year):
    from extractor.engine import Extractor

    assert Extractor().periods.year_named(name) == year


@pytest.mark.parametrize("text, value, bounds", [
    # archive 21473499, 21476258: a count of years back is no one year ("năm qua" is the year just ended)
    ("Trong hơn 3 năm qua, tỉnh đã hỗ trợ hơn 200 tỷ đồng cho ngư dân.", 200e9, ("", "")),
    ("Nước Anh trong suốt 65 năm qua có 13 đời Thủ tướng.", 13, ("", "")),
    ("Viên ngọc nặng 998 g được phát hiện 60 năm trước.", 998, ("", "")),
    ("Trong năm qua, tỉnh thu hút thêm được 19 dự án.", 19, ("2016-01-01", "2016-12-31")),
    # archive 21479956: "so tháng trước" is the change's baseline, not its time; "kiểm soát" holds no "so"
    ("Tổng mức bán lẻ tháng 1/2017 ước đạt 330 nghìn tỷ đồng, tăng 5,6% so tháng trước.", 5.6,
     ("2017-01-01", "2017-01-31")),
    ("Tàu có 20 biển kiểm soát được rời cảng ngày 5/2.", 20, ("2017-02-05", "2017-02-05")),
])
def test_counts_of_years_and_baselines_are_no_figure_s_time(text, value, bounds):
    from extractor.engine import Extractor

    f = next(f for f in Extractor().extract(text, date="2017-02-06") if f.kind != "location" and f.value == value)
    assert (f.period_start, f.period_end) == bounds
