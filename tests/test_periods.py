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
