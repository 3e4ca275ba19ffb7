"""The article's date, from everything that states it (issue: anchors, 1): a record's field, the
page, the dateline in the text, the run's --date; and the bad dates that must give none."""
from __future__ import annotations

import json

import pytest

from extractor.clean import clean
from extractor.read import iso_date, iter_documents
from extractor.records import Document


@pytest.mark.parametrize("text, date", [
    # datelines as outlets write them (seeds 002; the examples)
    ("Thứ Ba, 03/09/2019\nCông an xã bắt 3 đối tượng.", "2019-09-03"),
    ("Tiêu đề\n06:54 - Chủ Nhật, 09/07/2023 Lượt xem: 6136\nNội dung.", "2023-07-09"),
    ("(Congannghean.vn)- Ngày 12/3/2017, Công an huyện Anh Sơn bắt 2 đối tượng.", "2017-03-12"),
    ("Báo Lào Cai - Ngày 12/3/2021, xã có 15 tổ tự quản.", "2021-03-12"),
    ("Tiêu đề bài\n19/01/2026\nNội dung bài viết.", "2026-01-19"),
    # map2025-dev3 V01: a scraped title that ends with the page's date and time
    ("6 người ở Quảng Ngãi bị bắt vì cắt trộm 300 m cáp điện trung thế 25/01/2026 10:54\n\nNgày 25-1, Công an "
     "phường Kon Tum cho biết đang tạm giữ 6 người.", "2026-01-25"),
    # dates that cannot be, two-digit years, a date inside the body text: no date
    ("Thứ Ba, 31/02/2019\nNội dung.", ""),
    ("Tiêu đề\n03/09/19\nNội dung.", ""),
    ("Tiêu đề\nTrong năm 2016, ngày 5/3/2016 công an bắt 5 đối tượng tại xã.", ""),
])
def test_dateline(text, date):
    meta = clean(Document("d", text)).meta
    assert meta.date == date
    assert meta.date_source == ("dateline" if date else "")


def test_a_dateline_in_the_related_news_list_is_not_the_article_s():
    text = ("Tiêu đề\nNội dung bài viết dài về công tác bảo đảm an ninh trật tự.\n" + "Câu khác. " * 30 +
            "\nTin liên quan\nThứ Ba, 03/09/2019\nTin cũ")
    assert clean(Document("d", text)).meta.date == ""


def test_the_run_date_is_the_last_resort_and_metadata_the_first():
    text = "Thứ Ba, 03/09/2019\nNội dung."
    assert clean(Document("d", "Nội dung.", run_date="2017")).meta.date == "2017"
    assert clean(Document("d", text, run_date="2017")).meta.date == "2019-09-03"
    meta = clean(Document("d", text, date="2019-09-04", run_date="2017")).meta
    assert (meta.date, meta.date_source) == ("2019-09-04", "metadata")


@pytest.mark.parametrize("value, iso", [
    ("2017-02-07", "2017-02-07"), ("2017-02-07T10:00:00+07:00", "2017-02-07"), ("07/02/2017", "2017-02-07"),
    ("31/02/2017", ""), ("07/02/17", ""), ("yesterday", ""), (None, ""), ("", ""), (True, ""),
])
def test_a_record_date_field_is_read_as_an_iso_date(value, iso):
    assert iso_date(value) == iso


def test_date_field_and_run_date_reach_the_documents(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [{"id": "1", "text": "Năm nay bắt 5 đối tượng.", "published": "2017-06-05"},
            {"id": "2", "text": "Năm nay bắt 6 đối tượng."}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    docs = list(iter_documents([path], date_field="published", date="2018"))
    assert [(d.date, d.run_date) for d in docs] == [("2017-06-05", "2018"), ("", "2018")]
    assert [clean(d).meta.date for d in docs] == ["2017-06-05", "2018"]


def test_only_outlets_the_rules_know_are_outlets():
    assert clean(Document("d", "Tiêu đề\nBáo An ninh Thủ đô đưa tin 3 vụ.")).meta.outlet == ""
    meta = clean(Document("d", "(Báo Sơn La) - Năm 2022, bắt 5 đối tượng.")).meta
    assert (meta.outlet, meta.outlet_province) == ("Báo Sơn La", "Sơn La")


def test_cli_refuses_a_date_that_cannot_be(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Năm nay bắt 5 đối tượng.", encoding="utf-8")
    for bad in ("2017-02-30", "17", "2017/02/03"):
        proc = subprocess.run([sys.executable, "-m", "extractor", "extract", str(tmp_path / "a.txt"), "-o",
                               str(tmp_path / "out"), "--date", bad, "-q"], capture_output=True, text=True)
        assert proc.returncode == 2 and "date" in proc.stderr


@pytest.mark.parametrize("text, outlet, province", [
    # dev7 M05: a provincial paper's short tag in brackets, no dash after it
    ("Hiệu quả từ các mô hình tự quản\n\n(NTO) Trong những năm qua, công tác xây dựng mô hình được quan tâm.",
     "Báo Ninh Thuận", "Ninh Thuận"),
    # dev4 K05: the tag before a dash, as before
    ("Tổ xe thồ\n\n(GLO)- Sau hơn 4 năm đi vào hoạt động, Tổ xe thồ tự quản đã trở thành cánh tay đắc lực.",
     "Báo Gia Lai", "Gia Lai"),
    # a tag inside a sentence is no outlet
    ("Tiêu đề\n\nCác chuyên gia của NTO cho biết mô hình mới có 5 tổ.", "", ""),
    # map2025-dev4 U07: a provincial paper's name run on into its lead's first words, no dash between
    ("Phát huy hiệu quả mô hình\n\nBáo Cà Mau Phía sau những làng quê là 118 mô hình tự quản.", "Báo Cà Mau", "Cà Mau"),
    # ... but a paper not named after a province is no outlet of one
    ("Tiêu đề\n\nBáo Thanh Niên Online có 3 bài viết.", "", ""),
])
def test_outlet_tags(text, outlet, province):
    meta = clean(Document("d", text)).meta
    assert (meta.outlet, meta.outlet_province) == (outlet, province)


# The lead's opening day dates an article that shows no day elsewhere, in the day's own year or the
# run's; never in a year only the text's other years suggest (extractor/find/periods.py lead_date).
LEAD_DAY_DEVELOPED_ON = [
    # dev12 P21486188 (archive of 2017, run with --date 2017): "năm qua" is then 2016, as its gold says
    ("Bí thư: Đừng vô cảm\nSáng 7-2, Bí thư Thành ủy làm việc với Quận ủy. Về giao thông, trên địa bàn quận "
     "năm qua xảy ra 322 vụ tai nạn.", "2017", "2017-02-07", 322, ("2016-01-01", "2016-12-31")),
    # dev7 G01: a lead day with its own year needs no run date
    ("Xã tổ chức Ngày hội\nNgày 25/7/2025, xã Mường Khương tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc "
     "năm nay với 300 người tham dự.", "", "2025-07-25", 300, ("2025-01-01", "2025-12-31")),
]
LEAD_DAY_BUGS_FROM_THE_WILD = [
    # archive 21477874: a history's day that opens the lead is no news date (the text writes 2017 later)
    ("Khoảnh khắc của Nữ hoàng\nNgày 2/6/1953, Nữ hoàng đăng quang trước 8.000 khách mời. Năm 2017, bà kỷ "
     "niệm 65 năm trị vì.", "", "", 8000, ("1953-06-02", "1953-06-02")),
    # archive 21474989: a run of 2017 and a lead day dated by another year: the run's year stands
    ("Tiêu đề\nNgày 6/2/2016, thành phố giao 84 nhiệm vụ năm nay cho 5 đơn vị.", "2017", "2017", 5,
     ("2017-01-01", "2017-12-31")),
    # a lead that opens with no day, and an undated article without a run date: no date
    ("Tiêu đề\nCông an huyện cho biết, sáng 7-2 đã bắt 3 đối tượng.", "2017", "2017", 3, ("2017-02-07", "2017-02-07")),
    ("Tiêu đề\nSáng 7-2, Công an huyện đã bắt 3 đối tượng trong năm nay.", "", "", 3, ("", "")),
]


@pytest.mark.parametrize("text, run_date, date, value, bounds", LEAD_DAY_DEVELOPED_ON + LEAD_DAY_BUGS_FROM_THE_WILD)
def test_the_lead_s_day_dates_an_article_that_shows_no_other(text, run_date, date, value, bounds):
    from extractor.engine import Extractor

    result = Extractor().process(Document("d", text, run_date=run_date))
    assert result.meta.date == date
    assert result.meta.date_source == ("lead" if len(date) == 10 else "run" if date else "")
    f = next(f for f in result.facts if f.kind != "location" and f.value == value)
    assert (f.period_start, f.period_end) == bounds


@pytest.mark.parametrize("date, text, bounds", [
    # a day a fortnight after the article is still to come (archive 21474742: a deadline), not last year's
    ("2017-02-06", "Trước ngày 20/2, sở chuyển hồ sơ của 600 dự án.", ("2017-02-20", "2017-02-20")),
    ("2017-02-06", "Từ ngày 17-6 đến 2-7, giải quy tụ 8 đội bóng.", ("2017-06-17", "2017-07-02")),
    # ... but a day of late December in an article of early January is the year before's
    ("2017-01-05", "Ngày 28/12, công an bắt 4 đối tượng.", ("2016-12-28", "2016-12-28")),
])
def test_a_day_without_its_year_takes_the_nearer_year_of_the_article(date, text, bounds):
    from extractor.engine import Extractor

    f = next(f for f in Extractor().extract(text, date=date) if f.kind != "location")
    assert (f.period_start, f.period_end) == bounds
