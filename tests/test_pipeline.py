"""End to end: the CLI on the corpus, grounding, stable ids, bad inputs, the accuracy floor."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extractor import FACT_COLUMNS, extract, extract_df
from extractor.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    proc = run_cli("extract", "corpus", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def test_every_figure_s_characters_read_again_give_its_value(corpus_out):
    """Grounding, checked against something computed independently: the article's own characters
    at the row's offsets (from articles.jsonl.gz, not the row's surface), with the row's unit and a
    change verb set aside, read again by the number reader, give the row's value and value_max."""
    import gzip

    from extractor.numbers import read_quantity
    from extractor.rules import load
    from extractor.text import fold_words

    texts = {}
    with gzip.open(corpus_out / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts[rec["doc_id"]] = rec["text"]
    changes = sorted({w for ws in load().numbers["change"].values() for w in ws}, key=len, reverse=True)
    figures = shaped = 0
    for line in (corpus_out / "facts.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["kind"] not in ("member_count", "outcome"):
            continue
        figures += 1
        span = texts[row["doc_id"]][row["char_start"]:row["char_end"]]
        cut = len(span) - len(row["unit"])
        if cut <= 0 or fold_words(span[cut:]) != fold_words(row["unit"]):
            continue  # a unit not at the end ("từ 300 CV trở lên"): not this shape
        number = span[:cut]
        for verb in changes:
            if fold_words(number).startswith(verb + " "):
                number = number[len(verb):]
                break
        q = read_quantity(number)
        if q is None:
            continue  # a span of two numbers with their units ("từ 15 triệu đồng đến 80 triệu đồng/xe")
        shaped += 1
        if row["value_max"] is None and re.fullmatch(r"\d{1,3},\d{3}", number.strip()):
            # "6,638 người", "12,400 căn hộ": one comma and three digits, read by the unit's sense (a count of
            # whole things is 6638; a measure keeps the decimal), so either reading of the digits
            assert row["value"] in (pytest.approx(q.value), pytest.approx(q.value * 1000)), (row["doc_id"], span)
            continue
        assert (q.value, q.value_max) == pytest.approx((row["value"], row["value_max"])), (row["doc_id"], span)
    assert figures > 500 and shaped >= 0.95 * figures, (shaped, figures)


def test_outputs_exist_with_the_contract_columns(corpus_out):
    for name in ("facts.jsonl", "facts.csv", "facts.parquet", "documents.csv", "errors.csv", "articles.jsonl.gz"):
        assert (corpus_out / name).exists(), name
    df = pd.read_parquet(corpus_out / "facts.parquet")
    assert list(df.columns) == FACT_COLUMNS
    with open(corpus_out / "facts.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == FACT_COLUMNS
    assert set(df["kind"]) == {"location", "model", "member_count", "outcome"}


def test_every_row_is_grounded(corpus_out):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").rglob("*.txt")}
    rows = [json.loads(line) for line in open(corpus_out / "facts.jsonl", encoding="utf-8")]
    assert rows
    for r in rows:
        text = texts[r["doc_id"]]
        assert text[r["char_start"]:r["char_end"]] == r["surface"]
        assert r["surface"] in r["sentence"] and r["sentence"] in text


def test_output_folder_carries_each_article_text_as_read(corpus_out):
    from extractor.write import read_articles

    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").rglob("*.txt")}
    articles = {doc_id: text for doc_id, _source, text in read_articles(corpus_out)}
    assert articles == texts
    for line in open(corpus_out / "facts.jsonl", encoding="utf-8"):
        r = json.loads(line)
        assert articles[r["doc_id"]][r["char_start"]:r["char_end"]] == r["surface"]


def test_documents_csv_accounts_for_every_input(corpus_out):
    docs = list(csv.DictReader(open(corpus_out / "documents.csv", encoding="utf-8")))
    assert len(docs) == len(list((ROOT / "corpus").rglob("*.txt")))
    assert all(d["status"] == "ok" for d in docs)


def test_fact_ids_are_stable_and_unique():
    text = (ROOT / "corpus/seeds/003_cff4ebceb129282a.txt").read_text(encoding="utf-8")
    a = [f.fact_id for f in extract(text, "003")]
    b = [f.fact_id for f in extract(text, "003")]
    assert a == b and len(set(a)) == len(a)


def test_seed_accuracy_floor(corpus_out):
    """The issue's targets on the seed gold; the measured numbers are in the README."""
    report = evaluate(ROOT / "corpus/seeds", corpus_out / "facts.jsonl")
    assert report.scores["figures"].f1 >= 0.95
    assert report.scores["locations"].f1 >= 0.95
    assert report.scores["models"].f1 >= 0.90


def test_bad_inputs_become_error_rows_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Huyện có 46 tổ hòa giải.", encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (src / "latin.txt").write_bytes("Huyện có".encode("utf-8") + b"\xff\xfe\xfa")
    out = tmp_path / "out"
    proc = run_cli("extract", str(src), "-o", str(out))
    assert proc.returncode == 1  # some input failed
    errors = {r["doc_id"]: r["reason"] for r in csv.DictReader(open(out / "errors.csv", encoding="utf-8"))}
    assert errors == {"empty": "empty", "binary": "binary", "latin": "bad_encoding"}
    docs = {r["doc_id"]: r["status"] for r in csv.DictReader(open(out / "documents.csv", encoding="utf-8"))}
    assert docs == {"good": "ok", "empty": "error", "binary": "error", "latin": "error"}
    facts = [json.loads(line) for line in open(out / "facts.jsonl", encoding="utf-8")]
    assert [(f["doc_id"], f["value"]) for f in facts] == [("good", 46)]


def test_eval_command_prints_scores(corpus_out):
    proc = run_cli("eval", "corpus/seeds", str(corpus_out / "facts.jsonl"), "--json")
    assert proc.returncode == 0, proc.stderr
    scores = json.loads(proc.stdout)
    assert set(scores) >= {"figures", "locations", "models", "accuracy"}
    # the command prints what the library computes, and the seeds (developed on) stay found
    assert scores == evaluate(ROOT / "corpus" / "seeds", corpus_out / "facts.jsonl").as_dict()
    assert scores["figures"]["f1"] >= 0.95 and scores["figures"]["tp"] >= 50


def test_dataframe_helper():
    df = extract_df("Huyện có 46 tổ hòa giải và 57 đội dân phòng.", doc_id="d")
    assert list(df.columns) == FACT_COLUMNS
    assert sorted(df["value"].tolist()) == [46, 57]


def test_spacy_component():
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vnfacts")
    doc = nlp("Phường Xuân Tăng có 15 tổ liên gia tự quản.")
    labels = {(s.label_, s._.fact.value if s._.fact.value is not None else s._.fact.name) for s in doc.spans["vnfacts"]}
    assert labels == {("location", "Xuân Tăng"), ("member_count", 15)}



@pytest.mark.parametrize("text, spans", [
    # the token "tượng," holds the figure's end: the span stops before the comma
    ("Công an bắt 5 đối tượng, thu 3 kg ma túy.", ["5 đối tượng", "3 kg"]),
    # no space after the sentence's full stop: "túy.Bắt" is split twice
    ("Thu 3 kg ma túy.Bắt 7 vụ;", ["3 kg", "7 vụ"]),
])
def test_spacy_spans_are_the_table_s_surfaces_exactly(text, spans):
    import spacy

    import extractor.spacy_component  # noqa: F401

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vnfacts")
    doc = nlp(text)
    assert doc.text == text  # splitting tokens changes no character
    assert [s.text for s in doc.spans["vnfacts"]] == spans
    assert all(s.text == s._.fact.surface and s.start_char == s._.fact.char_start for s in doc.spans["vnfacts"])


@pytest.mark.parametrize("args", [["--chunk-size", "0"], ["--limit", "-1"], ["--workers", "0"], ["--chunk-size", "x"]])
def test_bad_numbers_on_the_command_line_are_refused(args, tmp_path):
    proc = run_cli("extract", "corpus/seeds", "-o", str(tmp_path), *args)
    assert proc.returncode == 2 and "error: argument" in proc.stderr



def test_links_are_scored_only_where_either_side_names_one():
    """FACTS.md: silence earns nothing. Both empty counts for nothing; one side empty is wrong."""
    from extractor.evaluate import Report, score_document

    fig = {"kind": "outcome", "value": 5, "value_max": None, "unit": "vụ", "qualifier": "exact", "change": "",
           "surface": "5 vụ", "location": "", "subject": "", "period": "", "period_start": "", "period_end": ""}
    gold = {"doc_id": "g", "locations": [], "models": [], "figures": [dict(fig, location="Xuân Tăng",
                                                                          period_start="2022-01-01", period_end="2022-12-31")]}
    silent = Report()
    score_document(gold, [dict(fig)], silent)
    assert (silent.agree["location"], silent.total["location"]) == (0, 1)
    assert (silent.agree["period"], silent.total["period"]) == (0, 1)
    assert silent.total["subject"] == 0  # neither names a model
    right = Report()
    score_document(gold, [dict(fig, location="phường Xuân Tăng", period_start="2022-01-01", period_end="2022-12-31")], right)
    assert right.accuracy("location") == 1.0 and right.accuracy("period") == 1.0  # a unit word is ignored
    spurious = Report()
    score_document(dict(gold, figures=[dict(fig)]), [dict(fig, location="Sơn La")], spurious)
    assert (spurious.agree["location"], spurious.total["location"]) == (0, 1)
    assert len(spurious.link_misses) == 1 and "wrong location" in spurious.link_misses[0]


def test_eval_counts_each_link_rule_right_and_scored():
    """`vnfacts eval --links` says how sure each rule is: per evidence, links right / scored."""
    from extractor.evaluate import Report, score_document

    fig = {"kind": "outcome", "value": 5, "value_max": None, "unit": "vụ", "qualifier": "exact", "change": "",
           "surface": "5 vụ", "location": "Xuân Tăng", "subject": "", "period": "", "period_start": "", "period_end": ""}
    other = dict(fig, value=7, surface="7 vụ", location="Sơn La")
    gold = {"doc_id": "g", "locations": [], "models": [], "figures": [fig, dict(other, location="Xuân Tăng")]}
    report = Report()
    score_document(gold, [dict(fig, location_evidence="same clause"),
                          dict(other, location_evidence="same clause")], report)
    assert report.by_evidence[("location", "same clause")] == [1, 2]
    assert "location links by evidence: same clause 1/2" in report.evidence_table()
    assert report.as_dict()["links_by_evidence"]["location: same clause"] == {"right": 1, "scored": 2}


def test_eval_links_lists_each_disagreement_with_its_evidence(corpus_out):
    proc = run_cli("eval", "corpus/dev3", str(corpus_out / "facts.jsonl"), "--links")
    assert proc.returncode == 0
    lines = [l for l in proc.stdout.splitlines() if "\twrong " in l]
    assert lines and all("evidence:" in l for l in lines)
    assert all(l.split("\t")[1] in ("wrong location", "wrong subject", "wrong period") for l in lines)


def test_import_and_eval_do_not_load_the_nlp_libraries():
    """`vnfacts eval` (and `import extractor`) start without spaCy and underthesea."""
    import subprocess
    import sys

    code = ("import sys, extractor, extractor.cli, extractor.evaluate, extractor.serve, extractor.database; "
            "print(any(m.split('.')[0] in ('spacy', 'underthesea') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
    from extractor import extract  # the public names still import, on first use
    assert extract("Bắt 5 đối tượng.", "x")[0].value == 5
