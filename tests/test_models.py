"""Models: quoted, unquoted after "mô hình", lists after "như:", and what is not a model."""
from __future__ import annotations

import pytest

from extractor import extract


def models(text: str) -> list[str]:
    return [f.name for f in extract(text, "t") if f.kind == "model"]


@pytest.mark.parametrize("text,expected", [
    ("tiêu biểu phải kể đến mô hình “Tổ xe ôm Hoa hướng dương” tại xã Ngọc Chiến.", ["Tổ xe ôm Hoa hướng dương"]),
    ('nhân rộng mô hình "Hộ tự quản, bản an toàn" tại bản Quỳnh Chiên.', ["Hộ tự quản, bản an toàn"]),
    ("như: Mô hình giáp ranh về ANTT; mô hình phòng chống tội phạm và tệ nạn xã hội; mô hình tổ dân phố không có tệ nạn xã hội và ma túy.",
     ["giáp ranh về ANTT", "phòng chống tội phạm và tệ nạn xã hội", "tổ dân phố không có tệ nạn xã hội và ma túy"]),
    ("mô hình tự quản về an ninh trật tự tổ 5 phường Xuân Tăng được thành phố tặng giấy khen",
     ["tự quản về an ninh trật tự"]),
    ("tổ dân cư số 1A phường Bắc Lệnh đã thành lập mô hình tiên tiến về trật tự an toàn giao thông và văn minh đô thị.",
     ["trật tự an toàn giao thông và văn minh đô thị"]),
    ("duy trì có hiệu quả gần 4.400 tổ chức quần chúng với 44 loại mô hình, như: “Dòng họ bình yên”; “Cụm liên kết về ANTT”; “An toàn trường học”…",
     ["Dòng họ bình yên", "Cụm liên kết về ANTT", "An toàn trường học"]),
    # map2025-dev2 W04: a quoted name that opens with the cue is the name after it, one row
    ("xã duy trì 12 mô hình tự quản với 356 đơn vị mô hình, tiêu biểu như “Mô hình camera an ninh” với 19 điểm.",
     ["camera an ninh"]),
    # wild (archive 22434762): the name ends before an adverbial "một cách ..."
    ("Phó Thủ tướng yêu cầu đánh giá thí điểm mô hình xã hội hóa trạm y tế một cách khách quan.",
     ["xã hội hóa trạm y tế"]),
    # dev7 G01: a list separated by semicolons after "gồm:", quoted and unquoted names
    ("Xã duy trì 12 mô hình, tại 40 điểm trong đó gồm: Mô hình “Tổ liên gia an toàn phòng cháy chữa cháy”; "
     "Trường học an toàn về an ninh trật tự và cổng trường an toàn giao thông; Zalo an ninh trật tự; Cụm an ninh liên kết.",
     ["Tổ liên gia an toàn phòng cháy chữa cháy", "Trường học an toàn về an ninh trật tự và cổng trường an toàn giao thông",
      "Zalo an ninh trật tự", "Cụm an ninh liên kết"]),
    # dev4 K02: ... lower case, up to the ellipsis ending it
    ("Phường đã xây dựng 8 mô hình bảo đảm ANTT hiệu quả như: camera an ninh; chương trình đổi vũ khí lấy quà; "
     "chung tay phòng chống ma túy…, trong đó hiệu quả nhất là tổ xe ôm.",
     ["camera an ninh", "chương trình đổi vũ khí lấy quà", "chung tay phòng chống ma túy"]),
    # dev7 G01: an excerpt cut inside its last item: that item is no name
    ("Xã duy trì 12 mô hình, trong đó gồm: Zalo an ninh trật tự; Cụm an ninh liên kết; Thôn không tội p",
     ["Zalo an ninh trật tự", "Cụm an ninh liên kết"]),
    # archive 21479970: quoted names inside an item; an item that opens with a verb is no name
    ("Nổi bật là mô hình: “Ngày thứ 7 tình nguyện”, “Ngày Chủ nhật xanh” hàng tuần; tổ chức các hoạt động ra "
     "quân dọn vệ sinh; ủng hộ người nghèo.", ["Ngày thứ 7 tình nguyện", "Ngày Chủ nhật xanh"]),
    # dev8 J01: the name ends before "không chỉ" (not only)
    ("Mô hình camera an ninh không chỉ phát huy hiệu quả trong công tác phòng, chống tội phạm.", ["camera an ninh"]),
    # items with figures or of one syllable are no names
    ("Huyện có các mô hình như: 15 tổ an ninh nhân dân; 46 tổ hòa giải; Khác.", []),
])
def test_models(text, expected):
    assert models(text) == expected


@pytest.mark.parametrize("text", [
    # dev8 J04: a campaign's name that runs on is still the campaign, no model
    "Xã đăng ký thực hiện mô hình Dân vận khéo với nội dung thi đua khéo trong thực hiện cuộc vận động.",
    # dev7 G07: the cue followed by an adverb and a verb ("mô hình vinh dự được nhận Giấy khen")
    "Sau hơn 3 năm hoạt động, mô hình vinh dự được nhận Giấy khen của Giám đốc Công an tỉnh.",
    "Triển khai phong trào “Toàn dân bảo vệ an ninh Tổ quốc”, nhiều mô hình điển hình ra đời.",
    "Toàn tỉnh có 80 mô hình được xây dựng và hàng chục mô hình tiên tiến.",
    "Mô hình đã gắn trách nhiệm cộng đồng; các mô hình này hoạt động hiệu quả.",
    "Tham gia vào mô hình, tôi đã được động viên.",
    "phong trào thi đua như: Phong trào “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”, “Dân vận khéo”.",
])
def test_not_models(text):
    assert models(text) == []


def test_founding_date_and_figure_subject():
    text = ("Thành lập từ tháng 10/2023, mô hình “Tổ xe ôm Hoa hướng dương” đã thu hút 63 người sau cai "
            "nghiện tham gia.")
    facts = extract(text, "t")
    model = next(f for f in facts if f.kind == "model")
    assert model.founded == "2023-10"
    fig = next(f for f in facts if f.kind == "member_count")
    assert fig.subject == "Tổ xe ôm Hoa hướng dương" and fig.value == 63


# Named types of model and the movement's sense (issue: anchors 4, precision on archives)
@pytest.mark.parametrize("text,expected", [
    # dev E1: "các mô hình" followed by named types of groups
    ("việc phát triển các mô hình tổ đoàn kết sản xuất trên biển và tổ hợp tác khai thác hải sản đã giúp ngư dân.",
     ["tổ đoàn kết sản xuất trên biển", "tổ hợp tác khai thác hải sản"]),
    # dev4 K05: founded, written with a capital
    ("Công an thị trấn Chư Sê đã tham mưu thành lập Tổ xe thồ tự quản về an ninh trật tự với 27 thành viên.",
     ["Tổ xe thồ tự quản về an ninh trật tự"]),
    # dev4 K07: a sentence opens with it and calls it a model
    ("Tổ liên gia tự quản về ANTT ở xóm Mảng là một trong những mô hình tiêu biểu hoạt động hiệu quả.",
     ["Tổ liên gia tự quản về ANTT"]),
    # map2025-dev4 U07: named types listed after "như:", separated by commas, each capitalised
    ("Từ những mô hình xây dựng và phát triển nhiều năm như: Tổ Tự quản dòng tộc, Câu lạc bộ phòng chống tội "
     "phạm, Tổ hòa giải ở cơ sở đã góp phần giữ vững an ninh trật tự.",
     ["Tổ Tự quản dòng tộc", "Câu lạc bộ phòng chống tội phạm", "Tổ hòa giải"]),
])
def test_named_types(text, expected):
    assert models(text) == expected


@pytest.mark.parametrize("text", [
    # wild (archive, first 3,000 articles): business, engineering, art
    "Công ty đang chuyển đổi mô hình kinh doanh sang bán lẻ trực tuyến.",
    "Các kỹ sư đã chế tạo mô hình 3D của cây cầu.",
    "Du khách chụp ảnh bên mô hình tuyết khổng lồ ở quảng trường.",
    "Ngân hàng áp dụng mô hình dự báo rủi ro tín dụng mới.",
    "Thành phố thí điểm mô hình chính quyền đô thị từ năm 2021.",
    # a group word counted, never founded or called a model: a figure's unit, not a model
    "Huyện có 46 tổ hòa giải ở cơ sở.",
    # a review of the comma list (session 10): the forces that carry the models out, after a "gồm:" of
    # another clause, are no named types of them
    "Xã có 5 mô hình, lực lượng phối hợp thực hiện gồm: Tổ an ninh xung kích, Công an xã, Đoàn thanh niên.",
    # wild (archive records 5,000-11,000): systems of law and state, schemes, scale models, objects
    "Đối với các nước theo mô hình tranh tụng thì bị cáo không phải ngồi vào ghế.",
    "Thẩm phán có thể chặn được sắc lệnh vì mô hình tam quyền phân lập của nước Mỹ.",
    "Công ty kinh doanh theo mô hình kim tự tháp, tổ chức các sự kiện đại hội hoa hồng.",
    "Siêu xe gắn biển số xanh chỉ là hình ảnh chế, gắn biển số vào mô hình ô tô đồ chơi.",
    "Công an làm rõ động cơ của việc đăng hình ảnh dàn siêu xe mô hình bằng nhựa gắn biển số xanh.",
    "Mô hình tĩnh có nhiều loại, từ máy bay, tàu chiến, xe tăng.",
    "Tạo thuận lợi cho doanh nghiệp đầu tư vào cơ sở hạ tầng, nhất là theo mô hình đối tác công- tư (PPP).",
    "TP đang chuyển dần quản lý đô thị từ mô hình bao cấp và tập trung hóa cao.",
    "Đội ngũ bảo mật sẽ tiếp tục xem xét mô hình điện toán đám mây.",
    "Đoàn diễu hành có mô hình biểu tượng về thành phố công nghiệp, mô hình doanh nghiệp, nông thôn mới.",
])
def test_not_the_movement_s_models(text):
    assert models(text) == []


def test_in_an_article_of_another_topic_a_model_needs_the_movement_s_words():
    # wild (archive, first 2,000 articles): travel and business pieces say "mô hình" too
    travel = ("Du lịch Sa Pa đón khách\nNhiều hộ đã chuyển sang mô hình homestay phục vụ khách du lịch, "
              "giá phòng từ 300.000 đồng mỗi đêm. Du khách thích trải nghiệm ẩm thực. " * 4)
    assert models(travel) == []
    movement = ("Phụ nữ tiết kiệm\nHội LHPN xã vận động hội viên tham gia mô hình “Nuôi lợn nhựa” để giúp phụ nữ "
                "nghèo, đến nay đã tiết kiệm được 20 triệu đồng. " + "Du khách thích trải nghiệm ẩm thực. " * 10)
    assert models(movement) == ["Nuôi lợn nhựa"]


def test_in_a_security_article_too_a_model_needs_the_movement_s_words():
    # wild (archive records 5,000-11,000): a court report compares trial systems, a port control
    # programme is praised; neither sentence speaks of the movement
    court = ("Bị cáo ngồi ở đâu\nĐối với các nước theo mô hình xét xử thẩm phán thì bị cáo ngồi vào ghế. "
             "Nhận thấy tính hiệu quả từ mô hình đơn vị kiểm soát cảng, Tổng cục Hải quan mở rộng chương trình. "
             + "Phiên tòa sơ thẩm kéo dài hai ngày, bị cáo bị tuyên phạt tù giam. " * 6)
    assert models(court) == []
    movement = ("Camera giữ bình yên\nCông an xã phối hợp với người dân xây dựng mô hình “Camera an ninh” giúp "
                "phát hiện 3 vụ trộm cắp. " + "Phiên tòa sơ thẩm kéo dài hai ngày, bị cáo bị tuyên phạt tù giam. " * 6)
    assert models(movement) == ["Camera an ninh"]
