"""``vnfacts conflicts``: figures that disagree, from small tables; the CLI end to end; scale."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extractor.conflicts import find_conflicts

from .factsets import ARTICLES, figure_row, rows_table, table

ROOT = Path(__file__).resolve().parent.parent


def pairs(conflicts) -> set[tuple]:
    return {tuple(sorted([(c.a.doc_id, c.a.value), (c.b.doc_id, c.b.value)])) for c in conflicts}


# (articles in the table, the conflicting pairs expected)
CASES = [
    # same province, unit, "as of" date, different value
    (["sl80", "sl72"], {(("sl72", 72), ("sl80", 80))}),
    # figures that agree are not conflicts; neither is "trên 75" against 80
    (["sl80", "sl80copy", "sl75more"], set()),
    # ... but "trên 75" is against 72
    (["sl72", "sl75more"], {(("sl72", 72), ("sl75more", 75))}),
    # a commune's figure is not the province's
    (["sl80", "cc12"], set()),
    # the same district and year; another year is another period
    (["tt180", "tt175", "tt150y21"], {(("tt175", 175), ("tt180", 180))}),
    # one district across the 2025 reform: Yên Bái's in 2017's words, Lào Cai's former one in 2026's
    (["tt180", "tt175new"], {(("tt175new", 175), ("tt180", 180))}),
    # "vụ án" is not "đối tượng"
    (["tt180", "tt12va"], set()),
    # one sentence with two measures of "người" (chết / bị thương) is not a conflict
    (["hn_acc"], set()),
]


@pytest.mark.parametrize("docs,expected", CASES)
def test_conflicts_between_articles(docs, expected):
    assert pairs(find_conflicts(table(*docs))) == expected


def test_a_conflict_across_the_two_maps_says_so():
    (c,) = find_conflicts(table("tt180", "tt175new"))
    assert {c.a.value, c.b.value} == {175, 180}
    assert "Yên Bái" in c.map_note and "Lào Cai" in c.map_note and "2025 map" in c.map_note
    (same_map,) = find_conflicts(table("tt180", "tt175"))
    assert same_map.map_note == ""


def test_a_conflict_carries_both_values_and_grounded_sources():
    (c,) = find_conflicts(table("sl80", "sl72"))
    assert (c.place, c.level, c.province, c.unit) == ("Sơn La", "province", "Sơn La", "mô hình")
    assert c.period == "..2025-05-01"
    d = c.to_dict()
    assert {d["value_a"], d["value_b"]} == {80, 72}
    for side in ("a", "b"):
        s = d[side]
        assert ARTICLES[s["doc_id"]][s["char_start"]:s["char_end"]] == s["surface"]
        assert s["sentence"] == ARTICLES[s["doc_id"]]


P = dict(location="Lai Châu", province="Lai Châu", level="province", period_start="2022-01-01", period_end="2022-12-31")


def fig(doc, value, unit="đối tượng", sentence=None, **kw):
    opts = {**P, **kw}
    sentence = sentence or f"Năm 2022, Công an tỉnh Lai Châu đã bắt {value} {unit} trong các vụ án."
    return figure_row(doc, value, unit, sentence=sentence, surface=f"{value} {unit}", **opts)


# hand-made rows: (rows, number of conflicts)
ROW_CASES = [
    ([fig("a", 40), fig("b", 45)], 1),
    ([fig("a", 40), fig("b", 40)], 0),                                             # agree
    ([fig("a", 40), fig("b", 43, qualifier="about")], 0),                          # "khoảng 43": 38.7..47.3
    ([fig("a", 40), fig("b", 45, qualifier="about")], 1),                          # "khoảng 45": 40.5..49.5
    ([fig("a", 40), fig("b", 44, qualifier="nearly")], 0),                         # "gần 44": 39.6..44
    ([fig("a", 40), fig("b", 45, qualifier="nearly")], 1),                         # "gần 45": 40.5..45
    ([fig("a", 40), fig("b", 38, qualifier="more_than")], 0),                      # "trên 38"
    ([fig("a", 40), fig("b", 45, period_start="2021-01-01", period_end="2021-12-31")], 0),  # other year
    ([fig("a", 40), fig("b", 45, period_start="2022-01-01", period_end="2022-06-30")], 0),  # a part of the year
    ([fig("a", 40), fig("b", 45, period_start="2022-07-01", period_end="2023-06-30")], 1),  # periods that overlap
    ([fig("a", 40), fig("b", 45, period_start="", period_end="2022-10-01")], 1),   # "tính đến 1/10/2022"
    ([fig("a", 40, "mô hình", sentence="Năm 2022, tỉnh Lai Châu có 40 mô hình."),       # no word on either side:
      fig("b", 45, "mô hình", sentence="Năm 2022, tỉnh Lai Châu có 45 mô hình.")], 1),  # "mô hình" says it
    ([fig("a", 40, sentence="Năm 2022, tỉnh Lai Châu có 40 đối tượng."),                # "đối tượng" does not
      fig("b", 45, sentence="Năm 2022, tỉnh Lai Châu có 45 đối tượng.")], 0),
    ([fig("a", 40, change="decrease"), fig("b", 45, change="increase")], 0),       # a fall and a rise
    ([fig("a", 40, change="decrease"), fig("b", 45, change="decrease")], 1),
    ([fig("a", 40, subject="Camera an ninh"), fig("b", 45, subject="Tổ tự quản")], 0),   # two models
    ([fig("a", 40, subject="Camera an ninh"), fig("b", 45)], 1),                   # one names none
    ([fig("a", 40), fig("b", 45, location="Mường Tè", level="district")], 0),      # a district
    ([fig("a", 40), fig("b", 45, location="", province="")], 0),                   # no place
    ([fig("a", 40, kind="member_count"), fig("b", 45)], 0),                        # another kind
    # a different action word is a different measure: "bắt" vs "xử lý"
    ([fig("a", 40), fig("b", 45, sentence="Năm 2022, Công an tỉnh Lai Châu đã xử lý 45 đối tượng trong các vụ án.")], 0),
    # undated: only within one article, and only a restatement
    ([fig("a", 40, period_start="", period_end=""), fig("b", 45, period_start="", period_end="")], 0),
    ([fig("a", 40, period_start="", period_end="", char_start=10),
      fig("a", 45, period_start="", period_end="", char_start=200,
          sentence="Trước đó, Công an tỉnh Lai Châu đã bắt 45 đối tượng trong các vụ án.")], 1),
    # a generic unit needs the words on both sides: "đồng" with nothing after it says too little
    ([fig("a", 5000000, "đồng", sentence="Năm 2022, tỉnh Lai Châu chi 5000000 đồng."),
      fig("b", 7000000, "đồng", sentence="Năm 2022, tỉnh Lai Châu chi 7000000 đồng.")], 0),
    ([fig("a", 5000000, "đồng", sentence="Năm 2022, tỉnh Lai Châu chi 5000000 đồng hỗ trợ hộ nghèo."),
      fig("b", 7000000, "đồng", sentence="Năm 2022, tỉnh Lai Châu chi 7000000 đồng hỗ trợ hộ nghèo.")], 1),
]


@pytest.mark.parametrize("rows,n", ROW_CASES)
def test_conflict_rules(rows, n):
    assert len(find_conflicts(rows_table(*rows))) == n


def test_across_only_drops_pairs_within_an_article():
    rows = rows_table(
        fig("a", 40, period_start="", period_end="", char_start=10),
        fig("a", 45, period_start="", period_end="", char_start=200,
            sentence="Trước đó, Công an tỉnh Lai Châu đã bắt 45 đối tượng trong các vụ án."),
    )
    assert len(find_conflicts(rows)) == 1
    assert find_conflicts(rows, across_only=True) == []


def test_pairs_are_formed_only_inside_groups_and_it_scales():
    """2,000 places x 3 figures: 2,000 groups, each with one disagreeing pair (and one agreeing)."""
    rows = []
    for i in range(2000):
        place = dict(location=f"Xã {i}", province="Lai Châu", level="commune")
        for doc, value in (("a", 40), ("b", 40), ("c", 41)):
            rows.append(fig(f"{doc}{i}", value, char_start=i, **place))
    df = rows_table(*rows)
    found = find_conflicts(df)
    assert len(found) == 4000  # (a, c) and (b, c) per place; (a, b) agree
    assert {(c.a.value, c.b.value) for c in found} <= {(40, 41), (41, 40)}


def test_empty_and_figureless_tables():
    assert find_conflicts(table()) == []
    assert find_conflicts(pd.DataFrame([r for r in fig("a", 1)[:1]])) == []  # only a location row


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_conflicts_json(tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    for doc_id in ("sl80", "sl72", "cc12", "tt180", "tt175", "hn_acc"):
        (src / f"{doc_id}.txt").write_text(ARTICLES[doc_id], encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("extract", str(src), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("conflicts", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    got = {tuple(sorted([(d["a"]["doc_id"], d["value_a"]), (d["b"]["doc_id"], d["value_b"])])) for d in data}
    assert got == {(("sl72", 72), ("sl80", 80)), (("tt175", 175), ("tt180", 180))}
    for d in data:
        for side in ("a", "b"):
            s = d[side]
            assert ARTICLES[s["doc_id"]][s["char_start"]:s["char_end"]] == s["surface"]
    text = run_cli("conflicts", str(out))
    assert text.returncode == 0 and text.stdout.startswith("2 conflicting pair(s)")


def test_a_list_stays_a_list_when_one_of_its_figures_has_no_words():
    """Review finding: "5 vụ buôn ma túy, 3 vụ" is a list, even though "3 vụ" has no word after it."""
    listing = "Năm 2022, tỉnh Lai Châu phát hiện 5 vụ buôn ma túy, 3 vụ."
    rows = rows_table(fig("a", 5, "vụ", sentence=listing), fig("a", 3, "vụ", sentence=listing, char_start=40),
                      fig("b", 7, "vụ", sentence="Năm 2022, tỉnh Lai Châu phát hiện 7 vụ buôn ma túy."))
    assert find_conflicts(rows) == []


def test_output_piped_into_head_ends_quietly(tmp_path):
    """`vnfacts conflicts OUT | head`: a closed pipe is not an internal error."""
    rows = [fig(f"{doc}{i}", value, char_start=i, location=f"Xã {i}", province="Lai Châu", level="commune")
            for i in range(300) for doc, value in (("a", 40), ("b", 41))]
    rows_table(*rows).to_json(tmp_path / "facts.jsonl", orient="records", lines=True, force_ascii=False)
    proc = subprocess.run(f"{sys.executable} -m extractor conflicts {tmp_path} --json | head -c 10",
                          shell=True, capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.startswith("[")
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
