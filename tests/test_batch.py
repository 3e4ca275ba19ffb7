"""Archive scale: the same tables whatever the engine, resume after kill -9, SQLite, progress."""
from __future__ import annotations

import concurrent.futures as cf
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from extractor.write import DOCUMENT_COLUMNS
from extractor.batch import _Runner, chunked, process_chunk, run_batch
from extractor.records import Document, InputError

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("facts.jsonl", "facts.csv", "documents.csv", "errors.csv")
N_CORPUS = len(list((ROOT / "corpus").rglob("*.txt")))
LINES = 6 * (N_CORPUS + 2)  # the archive fixture: the corpus six times, a broken and an empty line each


def run_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=ROOT, **kw)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A JSON Lines archive of the corpus articles, repeated under new ids, with broken lines."""
    path = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    texts = sorted((p.stem, p.read_text(encoding="utf-8")) for p in (ROOT / "corpus").rglob("*.txt"))
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(6):
            for stem, text in texts:
                fh.write(json.dumps({"id": f"{stem}-{n}", "text": text}, ensure_ascii=False) + "\n")
            fh.write("{not json\n")
            fh.write(json.dumps({"id": f"empty-{n}", "text": "  "}) + "\n")
    return path


def tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLES}


@pytest.fixture(scope="module")
def single(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("single")
    proc = run_cli("extract", str(archive), "-o", str(out), "--chunk-size", "7", "-q")
    assert proc.returncode == 1, proc.stderr  # the broken lines are errors
    return out


def test_every_input_line_is_accounted_for(single, archive):
    lines = archive.read_text(encoding="utf-8").splitlines()
    docs = list(csv.DictReader(open(single / "documents.csv", encoding="utf-8")))
    assert len(docs) == len(lines) == LINES
    errors = list(csv.DictReader(open(single / "errors.csv", encoding="utf-8")))
    assert sorted({e["reason"] for e in errors}) == ["bad_json", "empty"]
    assert len(errors) == 12 == sum(d["status"] == "error" for d in docs)
    facts = [json.loads(line) for line in open(single / "facts.jsonl", encoding="utf-8")]
    assert len({f["fact_id"] for f in facts}) == len(facts)
    assert json.loads((single / "run.json").read_text())["summary"]["n_docs"] == len(lines)
    assert not (single / "parts").exists()


@pytest.mark.parametrize("engine_args", [["--workers", "2"], ["--engine", "dask", "--workers", "2"]],
                         ids=["processes", "dask"])
def test_facts_are_identical_whatever_the_engine(engine_args, single, archive, tmp_path):
    proc = run_cli("extract", str(archive), "-o", str(tmp_path), "--chunk-size", "7", "-q", *engine_args)
    assert proc.returncode == 1, proc.stderr
    assert tables(tmp_path) == tables(single)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "facts.parquet"), pd.read_parquet(single / "facts.parquet"))


def test_resume_after_kill_9_equals_an_uninterrupted_run(single, archive, tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "extractor", "extract", str(archive), "-o", str(out), "--chunk-size", "7", "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = out / "parts"
    deadline = time.time() + 120
    while time.time() < deadline and len(list(parts.glob("*.done"))) < 3:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.done")}
    assert 3 <= len(done_before) < 20, "the run was not killed midway"
    assert not (out / "facts.jsonl").exists()

    resumed = run_cli("extract", str(archive), "-o", str(out), "--chunk-size", "7", "--resume", "--keep-parts")
    assert resumed.returncode == 1, resumed.stderr
    assert f"{sum(json.loads((parts / n).read_text())['n_docs'] for n in done_before)} done before" in resumed.stderr
    for name, mtime in done_before.items():  # finished parts were kept, not redone
        assert (parts / name).stat().st_mtime_ns == mtime
    assert tables(out) == tables(single)
    assert not list(parts.glob("*.tmp"))

    again = run_cli("extract", str(archive), "-o", str(out), "--chunk-size", "7", "--resume", "-q")
    assert again.returncode == 1 and tables(out) == tables(single)


def test_resume_refuses_other_options(single, archive, tmp_path):
    out = tmp_path / "out"
    run_cli("extract", str(archive), "-o", str(out), "--limit", "10", "--keep-parts", "-q")
    proc = run_cli("extract", str(archive), "-o", str(out), "--limit", "20", "--resume", "-q")
    assert proc.returncode == 2
    assert "limit" in proc.stderr


def test_limit_counts_documents_not_lines(archive, tmp_path):
    proc = run_cli("extract", str(archive), "-o", str(tmp_path), "--limit", str(N_CORPUS + 4), "-q")
    docs = list(csv.DictReader(open(tmp_path / "documents.csv", encoding="utf-8")))
    assert proc.returncode == 1 and len(docs) == N_CORPUS + 4
    assert [d["doc_id"] for d in docs][N_CORPUS:N_CORPUS + 2] == [f"archive:{N_CORPUS + 1}", "empty-0"]


def test_sqlite_holds_the_same_tables(single, archive, tmp_path):
    db = tmp_path / "facts.db"
    run_cli("extract", str(archive), "-o", str(tmp_path / "out"), "--sqlite", str(db), "-q")
    con = sqlite3.connect(db)
    n_facts = sum(1 for _ in open(single / "facts.jsonl", encoding="utf-8"))
    assert con.execute("select count(*) from facts").fetchone()[0] == n_facts
    assert con.execute("select count(*) from documents").fetchone()[0] == LINES
    assert con.execute("select count(*) from errors where reason = 'bad_json'").fetchone()[0] == 6
    value, surface = con.execute(
        "select value, surface from facts where kind = 'member_count' order by doc_id, char_start limit 1").fetchone()
    assert isinstance(value, float) and surface


def test_progress_bar_on_stderr_unless_quiet(tmp_path):
    loud = run_cli("extract", "corpus/seeds", "-o", str(tmp_path / "a"))
    assert "doc/s" in loud.stderr and "5/5" in loud.stderr
    quiet = run_cli("extract", "corpus/seeds", "-o", str(tmp_path / "b"), "-q")
    assert quiet.stderr == ""


class FlakyPool:
    """An in-process pool whose tasks fail for the chunks named, ``times`` times each."""

    def __init__(self, fail: set[int], times: int):
        self.fail, self.times, self.calls = fail, times, []

    def submit(self, fn, index, items, rules_dir):
        self.calls.append(index)
        fut = cf.Future()
        if index in self.fail and self.calls.count(index) <= self.times:
            fut.set_exception(RuntimeError("worker killed"))
        else:
            fut.set_result(fn(index, items, rules_dir))
        return fut


@pytest.mark.parametrize("times, reason", [(1, ""), (2, "worker_failed")])
def test_a_failed_chunk_is_retried_then_becomes_error_rows(times, reason):
    items = [Document(f"d{i}", "Xã A có 12 mô hình tự quản.") for i in range(4)] + [
        InputError("bad", "x", "read", "bad_json", "no")]
    pool, parts = FlakyPool({1}, times), []
    _Runner(lambda: pool, lambda fs: [f for f in fs if f.done()], None, 2, parts.append).run(chunked(items, 2))
    assert pool.calls.count(1) == 2
    by_index = {p.index: p for p in parts}
    assert sorted(by_index) == [0, 1, 2] and sum(p.n_docs for p in parts) == 5
    rows = list(csv.DictReader(by_index[1].tables["documents.csv"].decode().splitlines(),
                               fieldnames=DOCUMENT_COLUMNS))
    assert [r["doc_id"] for r in rows] == ["d2", "d3"]
    assert [r["error"] for r in rows] == [reason, reason]


def test_process_chunk_renders_every_table():
    part = process_chunk(3, [Document("a", "Xã Tân Lập có 12 mô hình tự quản."), InputError("b", "x", "read", "empty", "")])
    assert part.index == 3 and part.n_docs == 2 and part.n_errors == 1 and part.n_facts >= 2
    assert set(part.tables) == {"facts.jsonl", "facts.csv", "facts.parquet", "documents.csv", "errors.csv",
                                "articles.jsonl.gz"}


def test_an_exception_in_a_rule_is_an_error_row_and_the_batch_goes_on(tmp_path, monkeypatch):
    from extractor.engine import Extractor

    real = Extractor.find

    def find(self, seg):  # the find stage of every Extractor fails on one article
        if "BOOM" in seg.clean.doc.text:
            raise ZeroDivisionError("a rule divided by zero")
        return real(self, seg)

    monkeypatch.setattr(Extractor, "find", find)
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in
                             [("a", "Xã Tân Lập có 12 mô hình."), ("b", "BOOM 3 vụ."), ("c", "Huyện X bắt 4 đối tượng.")]),
                   encoding="utf-8")
    summary = run_batch([str(src)], tmp_path / "out", quiet=True)
    assert (summary.n_docs, summary.n_errors) == (3, 1)
    errors = list(csv.DictReader(open(tmp_path / "out" / "errors.csv", encoding="utf-8")))
    assert [(e["doc_id"], e["stage"], e["reason"]) for e in errors] == [("b", "find", "exception")]
    assert "ZeroDivisionError: a rule divided by zero" in errors[0]["message"]
    docs = list(csv.DictReader(open(tmp_path / "out" / "documents.csv", encoding="utf-8")))
    assert [(d["doc_id"], d["status"]) for d in docs] == [("a", "ok"), ("b", "error"), ("c", "ok")]


def test_dask_on_a_running_cluster_gives_the_same_tables(single, archive, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        proc = run_cli("extract", str(archive), "-o", str(tmp_path), "--chunk-size", "7", "-q",
                       "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert proc.returncode == 1, proc.stderr
    assert tables(tmp_path) == tables(single)


class Broken(Exception):
    """Stands for concurrent.futures' BrokenProcessPool: the pool lost a worker."""


class BreakingPool:
    """Every task of the first pool fails as 'broken'; later pools work."""

    made = 0

    def __init__(self):
        BreakingPool.made += 1
        self.generation, self.shut = BreakingPool.made, False

    def submit(self, fn, index, items, rules_dir):
        fut = cf.Future()
        if self.generation == 1:
            fut.set_exception(Broken("a worker died"))
        else:
            fut.set_result(fn(index, items, rules_dir))
        return fut


def test_a_broken_pool_is_replaced_once_and_its_chunks_rerun():
    BreakingPool.made = 0
    shut, parts = [], []
    items = [Document(f"d{i}", "Xã A có 12 hộ.") for i in range(8)]
    runner = _Runner(BreakingPool, lambda fs: [f for f in fs if f.done()], None, 4, parts.append,
                     shutdown=shut.append, broken=(Broken,))
    runner.run(chunked(items, 2))
    assert BreakingPool.made == 2  # four failed tasks, one new pool
    assert len(shut) == 2  # the broken pool, then the last one at the end
    assert sorted(p.index for p in parts) == [0, 1, 2, 3] and all(p.n_errors == 0 for p in parts)


def test_lone_surrogates_are_one_error_row_not_a_lost_chunk(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Xã Tân Lập có 12 mô hình."}\n'
                   '{"id": "b", "text": "Xã B có 3 hộ \\ud800."}\n'
                   '{"id": "c\\udc80", "text": "Huyện X bắt 4 đối tượng."}\n', encoding="utf-8")
    summary = run_batch([str(src)], tmp_path / "out", quiet=True, chunk_size=10)
    docs = list(csv.DictReader(open(tmp_path / "out" / "documents.csv", encoding="utf-8")))
    assert [(d["doc_id"], d["status"], d["error"]) for d in docs] == [
        ("a", "ok", ""), ("b", "error", "bad_encoding"), ("c?", "ok", "")]
    assert summary.n_errors == 1


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    (src / "a.txt").write_text("Xã Tân Lập có 12 mô hình tự quản.", encoding="utf-8")
    for _ in range(2):
        proc = run_cli("extract", str(src), "-o", str(src / "out"), "-q")
        assert proc.returncode == 0, proc.stderr
    docs = list(csv.DictReader(open(src / "out" / "documents.csv", encoding="utf-8")))
    assert [d["doc_id"] for d in docs] == ["a"]
    # nor does it count as a changed input when a run inside it is resumed
    (src / "b.txt").write_text("Xã Tân Lập có 13 mô hình tự quản.", encoding="utf-8")
    assert run_cli("extract", str(src), "-o", str(src / "out"), "--chunk-size", "1", "--keep-parts", "-q").returncode == 0
    (src / "out" / "parts" / "000001.done").unlink()
    proc = run_cli("extract", str(src), "-o", str(src / "out"), "--chunk-size", "1", "--resume", "-q")
    assert proc.returncode == 0, proc.stderr


def test_duplicate_ids_get_a_suffix(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text("Xã Tân Lập có 12 mô hình.", encoding="utf-8")
    summary = run_batch([str(tmp_path / "a"), str(tmp_path / "b")], tmp_path / "out", quiet=True)
    docs = list(csv.DictReader(open(tmp_path / "out" / "documents.csv", encoding="utf-8")))
    assert [d["doc_id"] for d in docs] == ["x", "x~2"] and summary.n_docs == 2


def test_resume_refuses_changed_inputs(tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    for i in range(4):
        (src / f"{i}.txt").write_text(f"Xã Tân Lập có {i + 2} mô hình.", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("extract", str(src), "-o", str(out), "--chunk-size", "2", "--keep-parts", "-q").returncode == 0
    (out / "parts" / "000001.done").unlink()  # as if killed before the second part
    (src / "0_new.txt").write_text("Xã B có 3 hộ.", encoding="utf-8")
    proc = run_cli("extract", str(src), "-o", str(out), "--chunk-size", "2", "--resume", "-q")
    assert proc.returncode == 2 and "inputs" in proc.stderr
    finished = tmp_path / "finished"
    assert run_cli("extract", str(src), "-o", str(finished), "-q").returncode == 0
    proc = run_cli("extract", "corpus/seeds", "-o", str(finished), "--resume", "-q")
    assert proc.returncode == 2 and "paths" in proc.stderr
