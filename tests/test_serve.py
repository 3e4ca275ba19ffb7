"""`vnfacts serve`: the real Datasette server on a free port, driven by Playwright in Debian's
Chromium (tests/install-browser.sh), plus the database builder and the bad inputs."""
from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.database import build, ensure, is_current

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ("Công an huyện Trạm Tấu <script>alert(1)</script> bắt 180 đối tượng\n"
           "Năm 2022, Công an huyện Trạm Tấu (Yên Bái) đã bắt 180 đối tượng <b>đậm</b> và làm rõ 94 vụ.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for folder in ("seeds", "dev", "dev3"):
        for txt in (ROOT / "corpus" / folder).glob("*.txt"):
            shutil.copy(txt, src / txt.name)
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 0
    return out


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


@pytest.fixture(scope="module")
def server(out):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "serve", str(out), "--port", str(port), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if get(base + "/-/versions.json")[0] == 200:
                break
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("the server did not start: " + proc.stdout.read().decode(errors="replace"))
    yield base
    proc.terminate()
    proc.wait(timeout=20)
    # stopping `vnfacts serve` stops its Datasette: nothing answers on the port afterwards
    for _ in range(80):
        try:
            get(base + "/-/versions.json")
        except (urllib.error.URLError, ConnectionError):
            break
        time.sleep(0.25)
    else:
        pytest.fail("Datasette outlived `vnfacts serve`: the port still answers")


def test_the_database_is_typed_indexed_and_searchable(out):
    db, _built = ensure(out)
    con = sqlite3.connect(db)
    types = dict(con.execute("SELECT name, type FROM pragma_table_info('facts')").fetchall())
    assert (types["value"], types["char_start"], types["latitude"]) == ("REAL", "INTEGER", "REAL")
    assert con.execute("SELECT count(*) FROM facts WHERE unit = '' OR period_start = ''").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM facts WHERE kind = 'location' AND value IS NULL").fetchone()[0] > 0
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"facts_doc_id", "facts_kind", "facts_province", "facts_province_2025", "facts_measure",
            "facts_period_start"} <= indexes
    hits = con.execute("SELECT count(*) FROM facts_fts WHERE facts_fts MATCH 'ma túy'").fetchone()[0]
    assert hits == con.execute("SELECT count(*) FROM facts WHERE sentence LIKE '%ma túy%' OR surface LIKE '%ma túy%' "
                               "OR unit LIKE '%ma túy%' OR name LIKE '%ma túy%'").fetchone()[0] > 0
    n_facts = sum(1 for _ in open(out / "facts.jsonl", encoding="utf-8"))
    assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == n_facts
    con.close()


def test_a_stale_or_broken_database_is_rebuilt_never_served(out, tmp_path):
    copy = tmp_path / "o"
    shutil.copytree(out, copy)
    db = build(copy)
    assert is_current(copy)
    time.sleep(0.05)
    os.utime(copy / "facts.jsonl")  # a newer extract
    assert not is_current(copy)
    assert ensure(copy)[1] is True and is_current(copy)
    db.write_bytes(b"not a database at all")
    os.utime(db, (time.time() + 5, time.time() + 5))
    assert not is_current(copy)
    assert ensure(copy)[1] is True and sqlite3.connect(db).execute("SELECT count(*) FROM facts").fetchone()[0] > 0


def test_serve_refuses_what_it_cannot_serve(out, tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.run([sys.executable, "-m", "extractor", "serve", str(tmp_path), "--port", str(free_port())],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2 and "not a vnfacts extract output folder" in proc.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "extractor", "serve", str(out), "--port", str(port)],
                              capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2 and "in use" in proc.stderr


def test_pages_answer_with_a_status_that_says_what_went_wrong(server):
    assert get(server + "/-/vnfacts/article/no-such-article")[0] == 404
    status, body = get(server + "/-/vnfacts/check.json?claim=" + urllib.parse.quote("xin chào các bạn"))
    assert status == 422 and "no figure" in json.loads(body)["error"]
    status, body = get(server + "/facts/facts?_searchmode=raw&_search=" + urllib.parse.quote("AND OR ("))
    assert status == 400 and "Traceback" not in body
    status, _ = get(server + "/facts/facts.json?_search=" + urllib.parse.quote("AND OR ("))
    assert status == 200  # the default search escapes what the user types


def test_check_json_answers_with_sources_linked_to_articles(server):
    claim = "Năm 2022, Công an huyện Trạm Tấu bắt 180 đối tượng"
    status, body = get(server + "/-/vnfacts/check.json?claim=" + urllib.parse.quote(claim))
    data = json.loads(body)
    assert status == 200 and {"verdict", "claim", "sources"} <= set(data)
    assert data["verdict"] == "supported"
    assert data["sources"] and all(s["url"].startswith("/-/vnfacts/article/") for s in data["sources"])


def test_article_text_is_escaped_everywhere(server):
    status, body = get(server + "/-/vnfacts/article/hostile")
    assert status == 200
    assert "<script>alert" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<b>đậm</b>" not in body
    _, table = get(server + "/facts/facts?doc_id=hostile")
    assert "<script>alert" not in table


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.dialogs, pg.outside = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: r.url.startswith(server) or r.url.startswith("data:") or pg.outside.append(r.url))
    yield pg
    assert pg.dialogs == [] and pg.outside == []  # no script ran from an article, nothing fetched outside
    context.close()


def test_browse_search_facet_open_an_article_and_see_the_highlight(page, server):
    page.goto(server + "/facts/facts")
    page.fill("input[name=_search]", "ma túy")
    page.press("input[name=_search]", "Enter")
    page.wait_for_load_state()
    assert "_search=" in page.url and page.locator("table.rows-and-columns tbody tr").count() > 0
    page.click(".facet-info[data-column=kind] a:has-text('outcome')")
    page.wait_for_load_state()
    assert "kind=outcome" in page.url
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() > 0 and all(t == "outcome" for t in rows.locator("td.col-kind").all_inner_texts())
    page.screenshot(path=str(ROOT / "docs" / "serve-facts.png"))
    link = rows.first.locator("td.col-fact_id a")
    fact_id = link.inner_text()
    link.click()
    page.wait_for_load_state()
    mark = page.locator(f'mark[data-fact-id="{fact_id}"]')
    assert mark.count() == 1 and "/-/vnfacts/article/" in page.url
    page.wait_for_function("id => { const r = document.querySelector(`mark[data-fact-id='${id}']`)"
                           ".getBoundingClientRect(); return r.top > -2 && r.bottom < innerHeight + 2; }", arg=fact_id)
    assert "value:" in mark.get_attribute("title")  # its fields on hover
    page.screenshot(path=str(ROOT / "docs" / "serve-article.png"))


def test_run_a_claim_in_the_form_and_follow_a_source(page, server):
    page.goto(server + "/-/vnfacts/check")
    page.fill("input[name=claim]", "Năm 2022, Công an huyện Trạm Tấu bắt 180 đối tượng")
    page.click("form button")
    page.wait_for_load_state()
    assert page.locator(".verdict").inner_text() == "supported"
    page.screenshot(path=str(ROOT / "docs" / "serve-check.png"))
    page.click("a.source >> nth=0")
    page.wait_for_load_state()
    assert page.locator("mark[data-fact-id]").count() > 0


def test_the_map_draws_places_without_the_network(page, server):
    page.goto(server + "/-/vnfacts/map")
    assert page.locator("svg#map circle.place").count() > 5
    page.screenshot(path=str(ROOT / "docs" / "serve-map.png"), full_page=True)
