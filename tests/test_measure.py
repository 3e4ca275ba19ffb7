"""What a figure counts (rules/measures.yaml) and the topic of an article (rules/topics.yaml)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.measure import Measures
from extractor.pipeline import process
from extractor.records import Document
from extractor.rules import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("unit, measure, unit_norm", [
    ("tổ liên gia tự quản", "groups", "tổ liên gia"),
    ("đồng", "money", "đồng"),
    ("đồng/kg", "money", "đồng/kg"),
    ("usd/người/tháng", "money", "usd/người/tháng"),
    ("đối tượng", "suspects", "đối tượng"),
    ("lượt người", "people", "lượt người"),
    ("chiếc xe máy", "vehicles", "chiếc xe"),
    ("%", "percent", "%"),
    ("nguồn tin", "tips", "nguồn tin"),
    ("hộ gia đình", "households", "hộ gia đình"),
    ("Mô hình", "models", "mô hình"),
    ("hoà giải viên", "", "hòa"),  # unknown: no measure, the head with new-style tones
])
def test_measure_of_a_unit(unit, measure, unit_norm):
    assert Measures.from_rules(load()).of(unit) == (measure, unit_norm)


def test_the_measures_are_a_closed_list_of_a_few_dozen():
    names = list(load().measures["measures"])
    assert 20 <= len(names) <= 40 and len(set(names)) == len(names)
    assert set(load().measures["countable"]) <= set(names)


def test_every_unit_noun_of_the_units_list_has_a_measure():
    """units.yaml and measures.yaml are edited apart: a noun the figure finder reads as a unit
    ("nhà tài trợ", "cbcs", the fifth blind sample's compounds) must count some measure."""
    rules = load()
    measures = Measures.from_rules(rules)
    assert [w for w in rules.units["nouns"] if not measures.of(w)[0]] == []


def test_every_figure_row_carries_its_measure():
    text = "Năm 2022, huyện bắt 180 đối tượng, thu 5 tỷ đồng và 12 khẩu súng; giảm 22,5%."
    rows = [f for f in process(Document("m", text)).facts if f.kind != "location"]
    assert {f.unit: f.measure for f in rows} == {"đối tượng": "suspects", "đồng": "money", "khẩu súng": "weapons",
                                                 "%": "percent"}


@pytest.mark.parametrize("doc_id, topic", [
    # developed-on gold (dev3, random-dev, dev4): a police report, a football transfer, a model
    ("P22385042", "security"), ("R22516506", "other"), ("K05", "security"), ("R21478224", "other"),
])
def test_topic_of_an_article(doc_id, topic):
    path = next(ROOT.glob(f"corpus/*/{doc_id}.txt"))
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    meta = process(Document(doc_id, path.read_text(encoding="utf-8"))).meta
    assert meta.topic == topic == gold["topic"]
    assert 0 <= meta.topic_score <= 1 and (meta.topic_score >= 0.5) == (topic == "security")


def test_keep_topic_drops_the_facts_of_other_articles_but_not_their_row():
    text = "Mourinho chi 100 triệu euro để mua Morata trong mùa hè."
    kept = process(Document("o", text), keep_topic="security")
    assert kept.status == "ok" and kept.facts == [] and kept.meta.topic == "other"
    assert process(Document("o", text)).facts  # without the filter the figure is there
