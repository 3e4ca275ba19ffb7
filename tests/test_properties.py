"""Property tests: no text crashes the pipeline, and every offset round-trips."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.pipeline import process
from extractor.records import Document

WORDS = ["xã", "phường", "Xuân", "Tăng", "huyện", "Trạm", "Tấu", "có", "15", "1.300", "22,5%", "trên", "gần",
         "hàng", "trăm", "mô", "hình", "“", "”", "tổ", "liên", "gia", "đối", "tượng", "năm", "2022", "tháng",
         "1/5/2025", ",", ".", "\n", "\r\n", "(", ")", "-", "hai", "triệu", "đồng/tháng", "TP.", "HCM", "vụ", "̀"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
def test_vietnamese_like_text_never_crashes_and_offsets_round_trip(text):
    result = process(Document("h", text))
    assert result.status == "ok", result.error
    for f in result.facts:
        assert text[f.char_start:f.char_end] == f.surface


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_never_crashes(text):
    result = process(Document("h", text))
    assert result.status == "ok", result.error
    for f in result.facts:
        assert text[f.char_start:f.char_end] == f.surface
