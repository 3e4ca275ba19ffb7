"""Places: unit words, abbreviations, bare names, levels and provinces through the gazetteer."""
from __future__ import annotations

import pytest

from extractor import extract


def places(text: str) -> dict[str, tuple[str, str]]:
    return {f.name: (f.level, f.province) for f in extract(text, "t") if f.kind == "location"}


@pytest.mark.parametrize("text,name,level,province", [
    ("Phường Xuân Tăng, thành phố Lào Cai là một trong những điển hình.", "Xuân Tăng", "commune", "Lào Cai"),
    ("Phường Xuân Tăng, thành phố Lào Cai là một trong những điển hình.", "Lào Cai", "district", "Lào Cai"),
    ("Công an phường Tân Thanh (TP. Điện Biên Phủ) phối hợp tuyên truyền.", "Điện Biên Phủ", "district", "Điện Biên"),
    ("Công an phường Tân Thanh (TP. Điện Biên Phủ) phối hợp tuyên truyền.", "Tân Thanh", "commune", "Điện Biên"),
    ("Những năm qua, phường Trường Thi, TP Vinh đạt được kết quả.", "Vinh", "district", "Nghệ An"),
    ("Trạm Tấu đang duy trì 54 mô hình phòng, chống tội phạm.", "Trạm Tấu", "district", "Yên Bái"),
    ("Nhiều người dân TP.HCM đã tham gia.", "Hồ Chí Minh", "province", "Hồ Chí Minh"),
    ("Ông sống tại thành phố Đà Nẵng.", "Đà Nẵng", "province", "Đà Nẵng"),
    ("Người dân P.3 và Quận 9 tham gia.", "Phường 3", "commune", ""),
    ("Người dân P.3 và Quận 9 tham gia.", "Quận 9", "district", ""),
    ("Ông ngụ ấp 3, xã Núi Tượng, huyện Tân Phú, tỉnh Đồng Nai.", "Núi Tượng", "commune", "Đồng Nai"),
])
def test_place(text, name, level, province):
    found = places(text)
    assert name in found, found
    assert found[name][0] == level
    if province:
        assert found[name][1] == province


def test_commune_named_like_a_province_stays_a_commune():
    """"xã Bình Thuận" in a Sơn La article is a commune of Sơn La, not the province Bình Thuận."""
    text = ("Báo Sơn La điện tử - Tin tức\n\nToàn tỉnh Sơn La có 80 mô hình.\n\n"
            "Lực lượng Công an tuyên truyền vận động người dân xã Bình Thuận phát giác tội phạm.")
    found = places(text)
    assert found["Bình Thuận"] == ("commune", "Sơn La")
    assert ("province" not in [lv for n, (lv, _) in found.items() if n == "Bình Thuận"])


def test_numbered_units_are_not_places():
    found = places("Mô hình tự quản tại tổ 26 phường Pom Hán và thôn 3, ấp 4.")
    assert set(found) == {"Pom Hán"}


def test_outlets_are_not_places():
    assert "Sơn La" not in places("Theo Báo Sơn La, nhiều mô hình đã ra đời.")


def test_village_with_number_in_name():
    found = places("Anh Lèo Văn Thêm, bản Mường Chiến 2, kể lại.")
    assert found.get("Mường Chiến 2", ("",))[0] == "village"
