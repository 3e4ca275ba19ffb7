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
    # dev5 P21486606: names of the Central Highlands written with an apostrophe, straight or curly
    ("Cư M’gar là huyện có số vụ tai nạn cao nhất tỉnh.", "Cư M’gar", "district", "Đắk Lắk"),
    ("Anh trú xã Cư Dliê M’nông, huyện Cư M’gar, tỉnh Đắk Lắk.", "Cư Dliê M’nông", "commune", "Đắk Lắk"),
    ("Công an huyện Ea H'leo bắt 2 đối tượng.", "Ea H'leo", "district", "Đắk Lắk"),
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


def test_communes_of_the_2025_map_named_with_a_number():
    """map2025-dev3 V05: "phường Hà Giang 1, Hà Giang 2" are two wards of Tuyên Quang (2025), not
    the ward and the former province Hà Giang; a number the gazetteer has no unit for stays out."""
    found = {f.name: (f.level, f.province) for f in extract(
        "Tại các phường Hà Giang 1, Hà Giang 2 và xã Ngọc Đường, nhiều tuyến đường biến thành biển nước.",
        "t", date="2025-10-01") if f.kind == "location"}
    assert found.get("Hà Giang 1") == ("commune", "Tuyên Quang")
    assert found.get("Hà Giang 2") == ("commune", "Tuyên Quang")
    assert "Hà Giang" not in found
    other = {f.name for f in extract("Tại xã Ngọc Đường 5 nhà bị ngập.", "t", date="2025-10-01") if f.kind == "location"}
    assert other == {"Ngọc Đường"}


def test_a_lookalike_letter_of_another_alphabet_is_read_as_the_vietnamese_one():
    """map2025-dev4 U07: "Long Ðiền" written with the Icelandic eth (U+00D0) is the commune Long Điền;
    the row's surface keeps the text's own characters."""
    rows = [f for f in extract("Xã Long \u00d0iền, tỉnh Cà Mau có 5 tổ tự quản.", "t", date="2025-10-01")
            if f.kind == "location"]
    assert [(f.name, f.level, f.province) for f in rows if f.level == "commune"] == [("Long Điền", "commune", "Cà Mau")]
    assert any(f.surface == "Xã Long \u00d0iền" for f in rows)


def test_names_sharing_one_unit_word():
    """Bugs caught in the wild (E10): one unit word, several names."""
    found = places("Lũ làm 13 hộ gia đình tại xã Tả Ngài Chồ, Pha Long, Tung Chung Phố và thị trấn Mường Khương bị ảnh hưởng.")
    assert {n for n, (lv, _) in found.items() if lv == "commune"} >= {"Tả Ngài Chồ", "Pha Long", "Tung Chung Phố", "Mường Khương"}


def test_list_stops_at_the_parent_unit():
    found = places("Hợp tác xã xã Hà Ninh (huyện Hà Trung, Thanh Hóa) còn kê khai.")
    assert found["Hà Trung"][0] == "district"
    assert found["Thanh Hóa"][0] == "province"
    # ... and at a district written bare after the commune ("xã Minh Khai, Chương Mỹ")
    assert places("Bà Lan trú tại xã Minh Khai, Chương Mỹ, Hà Nội.")["Chương Mỹ"] == ("district", "Hà Nội")


@pytest.mark.parametrize("text, expected", [
    # dev6 P22450676: "khu" names a village only in a written chain
    ("Lúc 6 giờ 30 phút ngày 3/6, tại khu Tiên Xá, phường Hạp Lĩnh, TP Bắc Ninh, công an bắt quả tang đối tượng.",
     {"Tiên Xá": ("village", "Bắc Ninh")}),
    # ... never alone: an industrial zone, a relic site
    ("Dự án nằm trong khu Công nghiệp Tiên Sơn, có 200 lao động.", {}),
    ("Đoàn đi thăm khu Di tích Kim Liên.", {}),
])
def test_a_unit_word_that_names_a_place_only_in_a_chain(text, expected):
    found = places(text)
    assert {n: v for n, v in found.items() if v[0] == "village"} == expected


def test_a_list_item_named_like_a_district_elsewhere_is_a_commune_before_its_bracketed_district():
    """dev7 G05: "Phước Sơn" is a district of Quảng Nam and a commune of Ninh Thuận; in "xã Phước
    Thuận, An Hải, Phước Sơn (Ninh Phước)" it is the third commune, its district in brackets."""
    found = places("Tổ AN xung kích tại xã Phước Thuận, An Hải, Phước Sơn (Ninh Phước), xã Quảng Sơn (Ninh Sơn).")
    assert found["Phước Sơn"] == ("commune", "Ninh Thuận")
    assert found["Phước Thuận"] == ("commune", "Ninh Thuận") and found["Ninh Phước"][0] == "district"


def test_abbreviated_unit_word_survives_sentence_splitting():
    found = places("Bà Trần Thị M. (51 tuổi, ngụ TT.Plei Kần, huyện Ngọc Hồi) bị thương.")
    assert found["Plei Kần"][0] == "commune"
    assert found["Ngọc Hồi"] == ("district", "Kon Tum")


def test_name_kept_as_written():
    found = places("Các tỉnh Quảng Ngãi, Đắc Lắc đã tham gia.")
    assert "Đắc Lắc" in found and found["Đắc Lắc"][1] == "Đắk Lắk"


def test_person_and_venue_names_are_not_places():
    found = places("Đại tá Dương Thanh Bình cho biết trận đấu diễn ra trên sân Thống Nhất, còn bà xã Lan Ngọc vắng mặt.")
    assert not ({"Thanh Bình", "Thống Nhất", "Lan Ngọc"} & set(found))


def test_photo_credits_are_not_places():
    """Wild (archive 22308024): "Ảnh: Thống Nhất/TTXVN" names a photographer, not the district."""
    found = places("Thủ tướng tiếp cựu Thủ tướng Canada. Ảnh: Thống Nhất/TTXVN Phát biểu ý kiến tại buổi tiếp.")
    assert "Thống Nhất" not in found
    assert "Thống Nhất" in places("Huyện Thống Nhất có 12 mô hình tự quản.")


def test_the_written_chain_of_places_wins_over_the_gazetteer():
    """dev2 (archive 22358409): the gazetteer knows "Lý Thường Kiệt" only as a 2025 ward of Ninh
    Bình; the text says which one it is."""
    found = places("Nạn nhân là Nguyễn Văn Thao (SN 1993, ở thôn Hoan Ái, xã Lý Thường Kiệt, huyện Yên Mỹ, Hưng Yên).")
    assert found["Lý Thường Kiệt"] == ("commune", "Hưng Yên")
    assert found["Hoan Ái"] == ("village", "Hưng Yên")


def test_a_route_is_not_a_chain():
    found = places("Xe khách lưu thông theo hướng TP.Kon Tum - TP.Tam Kỳ (Quảng Nam) thì gặp nạn.")
    assert found["Kon Tum"][1] == "Kon Tum" and found["Tam Kỳ"][1] == "Quảng Nam"


@pytest.mark.parametrize("text, name", [
    ("Nhà Trắng cho biết 5 người bị thương.", "Nhà Trắng"),      # the White House, not Nha Trang
    ("Vụ Đông Xuân năm nay được mùa.", "Đông Xuân"),             # a rice season, not huyện Đồng Xuân
])
def test_bare_names_must_be_written_as_the_gazetteer_writes_them(text, name):
    assert name not in places(text) and not any(k for k in places(text))


def test_districts_stored_with_their_type_in_brackets_are_found():
    assert places("Huyện Kỳ Anh có 30 tổ tự quản.")["Kỳ Anh"] == ("district", "Hà Tĩnh")


@pytest.mark.parametrize("text, name", [
    ("Ông A ở thôn Tân Phong, xã Cẩm Bình.", "Tân Phong"),   # "Phong" stops a name only in "Phong trào"
    ("Bản Cẩm Trung có 30 hộ.", "Cẩm Trung"),                  # "Trung" only in "Trung tá", "Trung ương"...
    ("Người dân thôn Đồn Thượng tham gia.", "Đồn Thượng"),
])
def test_place_syllables_that_also_start_titles(text, name):
    assert name in places(text)


# Communes written without their unit word, in a list the text makes one of communes
# (rules/places.yaml commune_lists)
BARE_COMMUNES_DEVELOPED_ON = [
    # map2025-dev N09
    ("Bạn bè từ các xã của tỉnh Ninh Bình như Giao Phúc, Giao Hưng, Hải Quang rủ nhau.",
     ["Giao Phúc", "Giao Hưng", "Hải Quang"]),
    # dev4 K01: the former communes a merged one was made of
    ("Sau sáp nhập từ 4 xã, thị trấn (Hợp Hòa, Kim Long, Đạo Tú, Hướng Đạo), xã Tam Dương có diện tích hơn 4.400 ha.",
     ["Hợp Hòa", "Kim Long", "Đạo Tú", "Hướng Đạo"]),
    # map2025-dev2 W01: a former commune named before the new one that holds it, in brackets
    ("Lượng mưa phổ biến từ 10 – 50mm, một số nơi cao hơn 150mm, như: Y Can (xã Quy Mông) 253mm; Cổ Phúc "
     "(xã Trấn Yên) 174,2mm; Kiên Thành (xã Quy Mông) 168,8mm.", ["Y Can", "Cổ Phúc", "Kiên Thành"]),
    # ... and the items of a breakdown by commune that dropped their unit word
    ("Mưa lớn đã khiến 10 nhà bị ảnh hưởng do sạt lở đất (xã Hạnh Phúc 04 nhà, xã Khao Mang 01 nhà, Phình Hồ "
     "03 nhà, Púng Luông 01 nhà, phường Văn Phú 01 nhà).", ["Phình Hồ", "Púng Luông"]),
]
BARE_COMMUNES_BUGS_FROM_THE_WILD = [
    # archive 21471544: a bare list after "tại" is no list of communes: "Xuân Vinh" is an athlete
    ("Vì vậy, trước khi thi đấu tại Ấn Độ, Xuân Vinh phải sang Hàn Quốc để làm quen.", []),
    # archive 21477703: a foreign city that shares a commune's name
    ("Một chuyên gia tại ĐH Tôn Trung Sơn, Quảng Châu, tin rằng cô đã được phép.", []),
    # a name before a bracketed commune that the gazetteer does not know as a commune is not taken
    ("Đoàn đến thăm Hồ Gươm (phường Hàng Trống) và chùa Một Cột.", []),
    # a breakdown's bare item needs its number right after it: a person after a list is no commune
    ("Hỗ trợ xã Hạnh Phúc 04 suất, xã Khao Mang 01 suất, Phình Hồ nói thêm.", []),
]


@pytest.mark.parametrize("text, names", BARE_COMMUNES_DEVELOPED_ON + BARE_COMMUNES_BUGS_FROM_THE_WILD)
def test_bare_communes_in_a_list_of_communes(text, names):
    communes = [f.name for f in extract(text) if f.kind == "location" and f.level == "commune"
                and f.surface == f.name]  # written without a unit word
    assert communes == names


# Names whose context says they are no place of Vietnam (rules/places.yaml not_here)
NOT_HERE = [
    # dev3 P22582034: a chain that ends in another country
    ("Bắt giữ đối tượng Sok Ksol (trú tại xã Pok Nhầy, huyện Ozadav, tỉnh Ratanakiri, Vương quốc Campuchia).", []),
    # archive 21475635: a Chinese province written with "tỉnh"
    ("Chùa Huyền Không nằm trên núi Hằng Sơn, tỉnh Sơn Tây, Trung Quốc.", []),
    # random-dev R22714134 and archive 21476179: a street after its house number
    ("Văn phòng đại diện phía Nam, số 408 Điện Biên Phủ, quận 10.", [("Quận 10", "district")]),
    ("Tài sản đảm bảo là đất tại số 765 Hồng Bàng, Quận 6.", [("Quận 6", "district")]),
    # random-dev R22643568: a writer's credit
    ("Theo Sơn Hòa/vnexpress.", []),
    # random-dev R22692817: "khối A" is an exam block, not a village
    ("Thí sinh dẫn đầu cả nước về điểm xét tuyển khối A.", []),
    # dev6 P22706940: a foreign city's name is not cut to a Vietnamese unit spelt otherwise ("TP Chu Hải" is no "Chũ")
    ("Thi thể anh Hoàng đang để ở TP Chu Hải (Quảng Đông, Trung Quốc).", []),
    # the fifth blind sample (records 33,000-33,999): a company and an exchange named after a place
    ("Ông Nguyễn Hoài Giang, Chủ tịch Công ty TNHH Lọc hoá dầu Bình Sơn (BSR), cho biết nhà máy lãi 200 tỷ đồng.", []),
    ("Cổ phiếu chuyển đăng ký niêm yết sang Sở giao dịch Chứng khoán Hồ Chí Minh (Hose).", []),
    # dev14 P22686532: a bank's branch and its transaction office named after places
    ("Võ Anh Tuấn (nguyên phó giám đốc VietinBank Chi nhánh Nhà Bè) bị truy tố.", []),
    ("Như là quyền trưởng Phòng Giao dịch Điện Biên Phủ của ngân hàng.", []),
]
STILL_HERE = [
    # random-dev2 R22359559 and the first 3,000 archive articles: a bare name heading a chain whose next
    # place is the district that holds a commune of that name
    ("Nghi phạm là Hoàng Nam (SN 1992, ở Ô Chợ Dừa, Đống Đa, Hà Nội) đâm 3 người.",
     [("Ô Chợ Dừa", "commune"), ("Đống Đa", "district"), ("Hà Nội", "province")]),
    ("Người đàn ông gặp nạn quê ở Minh Phú, Sóc Sơn, Hà Nội.",
     [("Minh Phú", "commune"), ("Sóc Sơn", "district"), ("Hà Nội", "province")]),
    # ... but not a street after an alley's number, nor a temple's name
    ("Chị Trâm (ngõ 105 Bạch Mai, Hai Bà Trưng, Hà Nội) mua 2 chỉ vàng.",
     [("Hai Bà Trưng", "district"), ("Hà Nội", "province")]),
    ("Lễ hội tại đền Đông Cuông, huyện Văn Yên, tỉnh Yên Bái có 3 con trâu.",
     [("Văn Yên", "district"), ("Yên Bái", "province")]),
    # dev15 P22669715: the bare communes of "các xã (A, B, ... và thị trấn C)"
    ("Mưa lũ làm 42 nhà dân ở các xã (Hồ Bốn, Khao Mang, Lao Chải và thị trấn Mù Cang Chải) bị hư hỏng.",
     [("Hồ Bốn", "commune"), ("Khao Mang", "commune"), ("Lao Chải", "commune"), ("Mù Cang Chải", "commune")]),
    # ... a unit word after the branch still names the place
    ("Chi nhánh Ngân hàng Chính sách xã hội tỉnh Quảng Nam giải ngân 5 tỷ đồng.", [("Quảng Nam", "province")]),
    # dev E10: "(Lào Cai)" is a province, not the country Lào
    ("Lũ trên sông Chảy đoạn qua huyện Bảo Yên (Lào Cai) đạt mức 73,30m.", [("Bảo Yên", "district"), ("Lào Cai", "province")]),
    # random-dev R22692817: a ranking's rows are places, their numbers no house numbers
    ("1 Hà Nội 621 2 Hải Phòng 121 3 Đà Nẵng 103", [("Hà Nội", "province"), ("Hải Phòng", "province"), ("Đà Nẵng", "province")]),
]


@pytest.mark.parametrize("text, places", NOT_HERE + STILL_HERE)
def test_names_that_are_no_place_of_vietnam(text, places):
    assert [(f.name, f.level) for f in extract(text) if f.kind == "location"] == places


def test_a_bare_list_after_tai_names_communes_only_on_the_2025_map():
    """map2025-dev N03: "tại Dương Quỳ, Mường Bo, Suối Thầu Dao" are communes of an article of the
    2025 map that this map has; the same words in an article of the old map, or a list the 2025 map
    does not confirm ("tại Ấn Độ, Xuân Vinh phải ..."), name no commune (rules/places.yaml commune_lists)."""
    from extractor.engine import Extractor

    ex = Extractor()
    text = "Mưa lũ ở tỉnh Lào Cai. Nhiều tuyến đường nông thôn tại Dương Quỳ, Mường Bo, Suối Thầu Dao… bị chia cắt."
    new = [(f.name, f.level, f.province) for f in ex.extract(text, date="2025-10-01") if f.kind == "location"]
    assert new == [("Lào Cai", "province", "Lào Cai"), ("Dương Quỳ", "commune", "Lào Cai"),
                   ("Mường Bo", "commune", "Lào Cai")]
    old = [f.name for f in ex.extract(text, date="2017-10-01") if f.kind == "location"]
    assert old == ["Lào Cai"]
    athlete = "Vì vậy, trước khi thi đấu tại Ấn Độ, Xuân Vinh phải sang Hàn Quốc."
    assert [f.name for f in ex.extract(athlete, date="2025-10-01") if f.kind == "location"] == []


def test_a_bare_list_after_noi_nhu_names_communes_only_on_the_2025_map():
    """map2025-dev4 U05: "nhiều nơi như: Ea Trang, Yang Mao, Cư Pui" are communes of Đắk Lắk in an
    article of the 2025 map; in an article of the old map they name none."""
    from extractor.engine import Extractor

    ex = Extractor()
    text = "Vùng phía Tây tỉnh Đắk Lắk, nước lũ cũng dâng cao, gây ngập thêm nhiều nơi như: Ea Trang, Yang Mao, Cư Pui…"
    new = {(f.name, f.level, f.province) for f in ex.extract(text, date="2025-11-21") if f.kind == "location"}
    assert {("Ea Trang", "commune", "Đắk Lắk"), ("Yang Mao", "commune", "Đắk Lắk"),
            ("Cư Pui", "commune", "Đắk Lắk")} <= new
    old = {f.name for f in ex.extract(text, date="2017-11-21") if f.kind == "location"}
    assert old == {"Đắk Lắk"}
