"""Resolve: which place and which period a figure belongs to (FACTS.md, fields of a figure)."""
from __future__ import annotations

import pytest

from extractor import extract


def figure(text: str, surface: str):
    hits = [f for f in extract(text) if f.surface == surface]
    assert hits, [f.surface for f in extract(text)]
    return hits[0]


@pytest.mark.parametrize("text, surface, location", [
    # a parenthesis of places closes the list of figures it belongs to (dev E2)
    ("Mô hình tiết kiệm năng lượng đã tiết kiệm 13.533 Kw điện (Ứng Hòa, Đống Đa), mô hình bát gạo nghĩa tình "
     "đã tiết kiệm được 5 tấn gạo, 298 chiếc quạt điện, 86 nồi cơm điện (Sóc Sơn).", "86 nồi cơm điện", "Sóc Sơn"),
    # the whole country since the last place: no one place (dev2)
    ("Công an quận Đống Đa tổ chức họp. Trong dịp Tết, cả nước xảy ra 191 vụ phạm pháp hình sự.", "191 vụ", ""),
    # "các xã" is many places, not the last commune named
    ("Xã Cự Khê có 3 tổ tự quản. Tại huyện Phúc Thọ, công an các xã triệt phá được 5 ổ nhóm.", "5 ổ nhóm", "Phúc Thọ"),
    ("Năm 2022, huyện Trạm Tấu có 54 mô hình.", "54 mô hình", "Trạm Tấu"),
    # dev14 P22644885: a list of readings "Name (Parent) value": a bracket after a name and before the
    # next value is that item's, not the place closing the figures before it
    ("Ở Bắc Bộ có mưa to như Lào Cai 35mm, Phú Hộ (Việt Trì) 42mm, Móng Cái (Quảng Ninh) 40mm.", "35mm", "Lào Cai"),
    ("Ở Bắc Bộ có mưa to như Lào Cai 35mm, Phú Hộ (Việt Trì) 42mm, Móng Cái (Quảng Ninh) 40mm.", "40mm", "Móng Cái"),
    # ... while a venue's address in brackets stays the place of the figure before it (archive 21478851)
    ("Clip ghi lại hình ảnh 2 giáo viên mầm non thuộc trường mầm non Sen Vàng (phường Minh Khai, quận Hai Bà "
     "Trưng, thành phố Hà Nội) dùng dép đập vào đầu trẻ.", "2 giáo viên", "Minh Khai"),
])
def test_place_of_a_figure(text, surface, location):
    assert figure(text, surface).location == location


@pytest.mark.parametrize("text, surface, period", [
    ("Năm 2022, huyện Trạm Tấu bắt 180 đối tượng. Huyện cũng làm rõ 94 vụ.", "94 vụ", "Năm 2022"),
    # the day of a press conference dates nothing that its news counts (dev2)
    ("Ngày 10/2, Công an TP Hà Nội tổ chức họp báo. Trong dịp Tết, công an bắt 239 đối tượng.", "239 đối tượng", ""),
    # a period right after the figure is its period; a baseline after "so với" is not
    ("Công an huyện bắt 50 đối tượng trong năm 2016.", "50 đối tượng", "trong năm 2016"),
    ("Số vụ phạm pháp hình sự giảm 10% so với năm 2015.", "giảm 10%", ""),
])
def test_period_of_a_figure(text, surface, period):
    assert figure(text, surface).period == period


@pytest.mark.parametrize("text, name, province", [
    # dev14 P22538442: the first mention has no chain, the gazetteer (the map of 2025, before the reform)
    # knows only Kiến Thụy's Hữu Bằng (Hải Phòng); the text's own chain later says Thạch Thất, Hà Nội
    ("Ông Lăng (SN 1948, trú tại thôn Đình, xã Hữu Bằng) phát hiện cháu nội nằm trong chậu nước. Công an đã "
     "điều tra vụ cháu bé (ở thôn Đình, xã Hữu Bằng, huyện Thạch Thất, Hà Nội) tử vong, 2 người bị tạm giữ.",
     "Hữu Bằng", "Hà Nội"),
    # reference gold E3: a commune of two provinces, its chain naming one
    ("Chị Lan ở xã Hưng Khánh kể lại. Tại xã Hưng Khánh, huyện Hưng Nguyên, Nghệ An, có gần 40 hộ dân nuôi lợn.",
     "Hưng Khánh", "Nghệ An"),
])
def test_a_commune_takes_the_province_its_written_chain_gives_everywhere(text, name, province):
    facts = extract(text)
    rows = [f for f in facts if f.kind == "location" and f.name == name]
    assert [r.province for r in rows] == [province]
    # ... and so do the villages of its chains, and the figures placed there
    assert {f.province for f in facts if f.kind == "location" and f.level == "village"} <= {province}
    assert {f.province for f in facts if f.kind != "location"} == {province}
