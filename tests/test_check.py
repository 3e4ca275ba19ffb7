"""``vnfacts check``: a claim against small facts tables, then the CLI end to end."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import pandas as pd

from extractor import extract
from extractor.check import NoFigure, check_claim, format_text
from extractor.compare import relation, units_compatible

from .factsets import ARTICLES, table

ROOT = Path(__file__).resolve().parent.parent

SL = "Tính đến ngày 1/5/2025, toàn tỉnh Sơn La có {} mô hình"
TT = "Năm {}, huyện Trạm Tấu bắt {} đối tượng"

# (claim, articles in the table, verdict, values of the sources shown)
CASES = [
    # the brief's example: same figure, same province, same "as of" date
    (SL.format(80), ["sl80"], "supported", [80]),
    # a different figure for the same place, unit and date is shown
    (SL.format(80), ["sl72"], "contradicted", [72]),
    # "trên 75" is consistent with 80: not a contradiction
    (SL.format(80), ["sl75more"], "supported", [75]),
    # but "trên 75" does rule out 70
    (SL.format(70), ["sl75more"], "contradicted", [75]),
    # a province claim never meets a commune's figure
    (SL.format(12), ["cc12"], "not_found", []),
    # a supporting figure wins; the disagreeing one is still shown
    (SL.format(80), ["sl80", "sl72", "cc12"], "supported", [80, 72]),
    # district claims, periods
    (TT.format(2022, 180), ["tt180", "tt150y21"], "supported", [180]),
    (TT.format(2022, 175), ["tt180"], "contradicted", [180]),
    (TT.format(2021, 180), ["tt180"], "not_found", []),          # another year: related only
    (TT.format(2021, 150), ["tt180", "tt150y21"], "supported", [150]),
    # no period in the claim: it meets every figure of its place and unit; supported when one
    # agrees, contradicted when they exist and none agrees (the reason names their periods)
    ("Công an huyện Trạm Tấu bắt 180 đối tượng", ["tt180"], "supported", [180]),
    ("Công an huyện Trạm Tấu bắt 170 đối tượng", ["tt180"], "contradicted", [180]),
    # units: "vụ" supports "vụ án" (one is the start of the other) but never contradicts it
    ("Năm 2022, huyện Trạm Tấu xảy ra 12 vụ", ["tt12va"], "supported", [12]),
    ("Năm 2022, huyện Trạm Tấu xảy ra 15 vụ", ["tt12va"], "not_found", []),
    ("Năm 2022, huyện Trạm Tấu xảy ra 15 vụ án", ["tt12va"], "contradicted", [12]),
    # qualifiers in the claim
    ("Năm 2023, tỉnh Lai Châu có gần 1.000 tổ an ninh", ["lc1000"], "supported", [1000]),
    ("Năm 2023, tỉnh Lai Châu có 900 tổ an ninh", ["lc1000"], "contradicted", [1000]),
    # change: a rise is not a fall
    ("Năm 2022, số vụ phạm tội trên địa bàn tỉnh Lai Châu giảm 10% so với năm 2021", ["lc_down"], "supported", [10]),
    ("Năm 2022, số vụ phạm tội trên địa bàn tỉnh Lai Châu tăng 10% so với năm 2021", ["lc_down"], "not_found", []),
    # two figures in one claim: supported only when both are
    ("Năm 2023, tỉnh Lai Châu có hơn 1.000 tổ an ninh với 5.000 thành viên", ["lc1000"], "supported", [1000, 5000]),
    ("Năm 2023, tỉnh Lai Châu có hơn 1.000 tổ an ninh với 7.000 thành viên", ["lc1000"], "contradicted", [1000, 5000]),
]


@pytest.mark.parametrize("claim,docs,verdict,values", CASES)
def test_claims(claim, docs, verdict, values):
    v = check_claim(claim, table(*docs))
    assert v.verdict == verdict, format_text(v)
    assert [s.value for s in v.sources] == values, format_text(v)


def test_sources_are_grounded_in_the_articles():
    v = check_claim(SL.format(80), table("sl80", "sl80copy", "sl72"))
    assert v.verdict == "supported"
    assert {s.doc_id for s in v.sources} == {"sl80", "sl80copy", "sl72"}
    for s in v.sources:
        assert ARTICLES[s.doc_id][s.char_start:s.char_end] == s.surface
        assert s.sentence in ARTICLES[s.doc_id]
        assert s.location == "Sơn La" and s.level == "province" and s.unit == "mô hình"
    assert [s.match for s in v.sources] == ["same", "same", "different"]


def test_other_periods_are_listed_as_related():
    v = check_claim(TT.format(2021, 180), table("tt180"))
    (fig,) = v.figures
    assert fig.verdict == "not_found" and not fig.sources
    assert [(s.doc_id, s.value, s.period_start) for s in fig.related] == [("tt180", 180, "2022-01-01")]


def test_a_claim_without_a_place_is_not_found_with_the_reason():
    v = check_claim("Có 80 mô hình được xây dựng", table("sl80", "sl72"))
    assert v.verdict == "not_found"
    assert "no place" in v.reason
    assert [s.doc_id for s in v.figures[0].related] == ["sl80"]  # same value and unit, elsewhere


def test_a_claim_without_a_figure_raises():
    with pytest.raises(NoFigure):
        check_claim("Hôm nay trời đẹp ở Sơn La", table("sl80"))


@pytest.mark.parametrize("a,b,expected", [
    ({"value": 80, "qualifier": "exact"}, {"value": 80.0, "qualifier": "exact"}, "same"),
    ({"value": 85, "qualifier": "exact"}, {"value": 80, "qualifier": "more_than"}, "consistent"),
    ({"value": 80, "qualifier": "exact"}, {"value": 80, "qualifier": "nearly"}, "consistent"),
    ({"value": 60, "qualifier": "exact"}, {"value": 80, "qualifier": "nearly"}, "different"),
    ({"value": 95, "qualifier": "exact"}, {"value": 100, "qualifier": "about"}, "consistent"),
    ({"value": 150, "qualifier": "exact"}, {"value": 100, "qualifier": "less_than"}, "different"),
    ({"value": 6, "qualifier": "exact"}, {"value": 5, "value_max": 8, "qualifier": "range"}, "consistent"),
    ({"value": 15, "value_max": 17, "qualifier": "ratio"}, {"value": 15, "value_max": 18, "qualifier": "ratio"}, "different"),
    ({"value": 300, "qualifier": "exact"}, {"value": 100, "qualifier": "vague"}, "consistent"),
    ({"value": 22.5, "qualifier": "exact"}, {"value": 22.4, "qualifier": "exact"}, "different"),
])
def test_relation(a, b, expected):
    assert relation(a, b) == expected
    assert relation(b, a) == expected


@pytest.mark.parametrize("a,b,ok", [
    ("mô hình", "Mô hình", True),
    ("mô hình", "mô hình", True),           # old-style tone placement is folded
    ("vụ", "vụ án", True),
    ("tổ liên gia", "tổ liên gia tự quản", True),
    ("đồng", "đồng/kg", False),              # a rate is not an amount
    ("người", "lượt người", False),
    ("đối tượng", "đồng", False),
])
def test_units_compatible(a, b, ok):
    assert units_compatible(a, b) is ok


# -- the command line ---------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def tiny_out(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("articles")
    for doc_id in ("sl80", "sl72", "cc12", "tt180"):
        (src / f"{doc_id}.txt").write_text(ARTICLES[doc_id], encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    proc = run_cli("extract", str(src), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out


def test_cli_check_json(tiny_out):
    proc = run_cli("check", "Tính đến ngày 1/5/2025, toàn tỉnh Sơn La có 80 mô hình", "--facts", str(tiny_out), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["verdict"] == "supported"
    assert data["claim"].startswith("Tính đến ngày 1/5/2025")
    by_doc = {s["doc_id"]: s for s in data["sources"]}
    assert set(by_doc) == {"sl80", "sl72"}
    assert by_doc["sl72"]["value"] == 72 and by_doc["sl72"]["match"] == "different"
    s = by_doc["sl80"]
    assert ARTICLES["sl80"][s["char_start"]:s["char_end"]] == s["surface"] == "80 mô hình"
    assert s["location"] == "Sơn La" and s["unit"] == "mô hình" and s["sentence"] == ARTICLES["sl80"]


def test_cli_check_text_and_contradiction(tiny_out):
    proc = run_cli("check", "Năm 2022, huyện Trạm Tấu bắt 175 đối tượng", "--facts", str(tiny_out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("CONTRADICTED")
    assert "180 đối tượng" in proc.stdout and "tt180" in proc.stdout


def test_cli_check_without_a_figure_exits_2(tiny_out):
    proc = run_cli("check", "Hôm nay trời đẹp", "--facts", str(tiny_out), "--json")
    assert proc.returncode == 2
    assert "no figure" in proc.stderr and proc.stdout == ""


def test_cli_check_missing_facts_exits_2(tmp_path):
    proc = run_cli("check", "Sơn La có 80 mô hình", "--facts", str(tmp_path))
    assert proc.returncode == 2 and "facts" in proc.stderr


def test_a_place_name_used_at_two_levels_in_its_article_is_not_compared():
    """'Thanh Hóa' the province and 'thị xã Thanh Hóa' in one article: which one a figure is about
    cannot be told, so it neither supports nor contradicts a province claim; it is shown."""
    from .factsets import figure_row, rows_table

    kw = dict(location="Thanh Hóa", province="Thanh Hóa", period_start="2016-01-01", period_end="2016-12-31")
    rows = figure_row("th", 18, "vụ", level="province", **kw)
    second = dict(rows[0], fact_id="th-loc-2", level="district")
    df = rows_table(rows, [second])
    v = check_claim("Năm 2016, tỉnh Thanh Hóa xảy ra 18 vụ", df)
    assert v.verdict == "not_found"
    assert "two places" in v.reason
    assert [(s.doc_id, s.level) for s in v.figures[0].related] == [("th", "?")]
    # the same rows without the second level: supported
    assert check_claim("Năm 2016, tỉnh Thanh Hóa xảy ra 18 vụ", rows_table(rows)).verdict == "supported"


def test_a_claim_without_a_period_says_so_and_names_the_figures_periods(tmp_path):
    facts = extract("Năm 2022, Công an huyện Trạm Tấu, tỉnh Yên Bái đã bắt 180 đối tượng.", "tt180")
    v = check_claim("Công an huyện Trạm Tấu bắt 170 đối tượng", pd.DataFrame([f.to_dict() for f in facts]))
    assert v.verdict == "contradicted"
    assert "gives no period" in v.reason and "2022" in v.reason


def test_a_province_of_the_2025_map_lists_the_old_provinces_figures_as_parts():
    facts = extract("Năm 2022, tỉnh Yên Bái có 80 mô hình tự quản.", "yb")
    v = check_claim("Năm 2026, tỉnh Lào Cai có 80 mô hình tự quản", pd.DataFrame([f.to_dict() for f in facts]))
    assert v.verdict == "not_found"
    assert "Yên Bái" in v.reason and "now part of Lào Cai" in v.reason
    assert [s.match for s in v.figures[0].related][:1] == ["part"]


def test_check_claims_file_writes_one_json_line_per_claim(tmp_path):
    import subprocess
    import sys

    src = tmp_path / "a.txt"
    src.write_text("Năm 2022, Công an huyện Trạm Tấu, tỉnh Yên Bái đã bắt 180 đối tượng.", encoding="utf-8")
    out = tmp_path / "out"
    assert subprocess.run([sys.executable, "-m", "extractor", "extract", str(src), "-o", str(out), "-q"]).returncode == 0
    claims = tmp_path / "claims.txt"
    claims.write_text("Năm 2022, huyện Trạm Tấu bắt 180 đối tượng\n\nxin chào\nHuyện Trạm Tấu bắt 170 đối tượng\n",
                      encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extractor", "check", "--claims", str(claims), "--facts", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["verdict"] for r in rows] == ["supported", "no_figure", "contradicted"]
    assert rows[0]["sources"][0]["doc_id"] == "a"
