"""``vnfacts report``: the HTML string (escaping, nesting, selection) and the page in a real
browser (Debian's chromium driven headless by Playwright; tests/install-browser.sh installs it)."""
from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.report import highlight, render, write_report

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ("Công an tỉnh Tiền Giang <b>đậm</b> bắt 12 đối tượng\n"
           "Năm 2022, Công an tỉnh Tiền Giang đã bắt 180 đối tượng <script>alert(1)</script> "
           "và làm rõ 94 vụ, thu giữ {{ data }} gần 5.000 bao thuốc lá.\n")

MARK = re.compile(r'<mark [^>]*data-fact-id="')


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """An output folder from the whole corpus, a hostile article and an empty file (an error)."""
    src = tmp_path_factory.mktemp("corpus")
    for txt in (ROOT / "corpus").rglob("*.txt"):
        shutil.copy(txt, src / txt.name)
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (src / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 1  # 1: the empty file failed
    return out


@pytest.fixture(scope="module")
def facts(out) -> list[dict]:
    return [json.loads(line) for line in open(out / "facts.jsonl", encoding="utf-8")]


@pytest.fixture(scope="module")
def report(out, tmp_path_factory) -> Path:
    return write_report(out, tmp_path_factory.mktemp("report") / "report.html", limit=0)


@pytest.fixture
def page(browser, report):
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    pg = context.new_page()
    pg.dialogs, pg.errors = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: r.url.startswith("file://") or pg.errors.append("network: " + r.url))
    pg.goto(report.as_uri())
    yield pg
    assert pg.errors == [] and pg.dialogs == []
    context.close()


def in_viewport(page, selector) -> bool:
    return page.eval_on_selector(selector, """e => { const r = e.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth; }""")


# -- the HTML string ---------------------------------------------------------------------

class Tags(HTMLParser):
    """Checks marks nest properly and collects the text back."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append(tag)
        if "data-fact-id" in attrs:
            self.ids.append(attrs["data-fact-id"])

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag

    def handle_data(self, data):
        self.text.append(data)


def test_highlight_nests_splits_and_keeps_every_fact():
    text = "tổ Hoa <b>xã Tân An</b> có 15 hộ & 3 vụ"
    spans = {"model": (0, 23), "place": (7, 23), "inner": (10, 20), "cross": (20, 32),
             "empty": (24, 24), "same1": (33, 38), "same2": (33, 38), "bad": (0, 3)}
    fs = [{"fact_id": k, "kind": "outcome", "char_start": s, "char_end": e,
           "surface": "nope" if k == "bad" else text[s:e]} for k, (s, e) in spans.items()]
    body, unplaced = highlight(text, fs)
    p = Tags()
    p.feed(body)
    p.close()
    assert p.stack == []  # every mark closed, in order
    assert Counter(p.ids) == Counter(k for k in spans if k != "bad")  # each placed fact exactly once
    assert [f["fact_id"] for f in unplaced] == ["bad"]
    assert "".join(p.text) == text  # nothing lost or doubled, entities decoded back
    assert body.count('data-fact-part="cross"') == 1  # crosses "model"'s end: split in two
    assert "<b>" not in body and "&lt;b&gt;" in body and "&amp;" in body


def test_report_escapes_article_text_and_values(out):
    page = render(out, docs=["hostile"])
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>đậm</b>" not in page and "&lt;b&gt;đậm&lt;/b&gt;" in page
    # the embedded JSON cannot close its <script> block: only the page's own two close tags
    assert page.count("</script>") == 2 and page.count("<script") == 2
    data = re.search(r'<script type="application/json" id="facts-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and json.loads(data)  # still valid JSON
    assert "{{ data }}" in page  # article text is not treated as a placeholder


def test_report_selects_articles(out, tmp_path, facts):
    html_path = tmp_path / "r.html"
    assert main(["report", str(out), "-o", str(html_path), "--doc", "E2", "--doc", "empty"]) == 0
    page = html_path.read_text(encoding="utf-8")
    assert re.findall(r'<article class="doc" id="doc-([^"]+)"', page) == ["E2", "empty"]
    assert len(MARK.findall(page)) == sum(f["doc_id"] == "E2" for f in facts)
    assert "the article has no text" in page and 'class="status s-error"' in page
    assert main(["report", str(out), "-o", str(html_path), "--limit", "2"]) == 0
    page = html_path.read_text(encoding="utf-8")
    assert len(re.findall(r'<article class="doc"', page)) == 2
    assert "only the first 2 are shown" in page
    assert main(["report", str(out), "-o", str(html_path), "--doc", "no-such-doc"]) == 1


def test_report_reads_only_what_it_needs(out, tmp_path):
    """--limit stops reading facts.jsonl once the chosen articles' facts are in: a broken line
    after them is never parsed."""
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    first, n = next((line.split(",")[0], int(line.split(",")[3]))
                    for line in list(open(copy / "documents.csv", encoding="utf-8"))[1:3])
    assert n > 0
    lines = open(copy / "facts.jsonl", encoding="utf-8").readlines()
    assert all(json.loads(line)["doc_id"] == first for line in lines[:n])
    lines.insert(n, "{not json\n")  # right after the first article's facts
    (copy / "facts.jsonl").write_text("".join(lines), encoding="utf-8")
    page = render(copy, limit=1)
    assert f'id="doc-{first}"' in page and len(MARK.findall(page)) == n
    with pytest.raises(json.JSONDecodeError):
        render(copy, limit=2)
    assert main(["report", str(copy), "-o", str(tmp_path / "r.html"), "--limit", "2"]) == 1


def test_default_limit_caps_the_page(out, monkeypatch):
    import extractor.report as report_mod

    monkeypatch.setattr(report_mod, "DEFAULT_LIMIT", 3)
    page = report_mod.render(out, limit=report_mod.DEFAULT_LIMIT)
    assert len(re.findall(r'<article class="doc"', page)) == 3
    assert re.search(r"3 of \d+ articles — only the first 3 are shown", page)


# -- the page in a browser ---------------------------------------------------------------

def test_every_fact_highlighted_once(page, facts):
    ids = page.eval_on_selector_all("[data-fact-id]", "els => els.map(e => e.dataset.factId)")
    assert Counter(ids) == Counter(f["fact_id"] for f in facts)
    assert max(Counter(ids).values()) == 1
    # each highlight (with any split-off parts) reads exactly its surface
    texts = page.evaluate("""() => { const t = {};
        document.querySelectorAll('[data-fact-id], [data-fact-part]').forEach(e => {
            const id = e.dataset.factId || e.dataset.factPart; t[id] = (t[id] || '') + e.textContent; });
        return t; }""")
    assert texts == {f["fact_id"]: f["surface"] for f in facts}
    kinds = page.eval_on_selector_all("[data-fact-id]", "els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert len(set(kinds)) == 4  # one colour per kind
    assert page.locator("#legend .chip").count() == 4


def test_hover_and_click_show_the_details(page, facts):
    f = next(f for f in facts if f["kind"] == "outcome" and f["value_max"] is None and f["unit"] and f["period"])
    mark = page.locator(f'[data-fact-id="{f["fact_id"]}"]')
    tip = page.locator("#tip")
    assert not tip.is_visible()
    mark.hover()
    assert tip.is_visible()
    value = f["value"]
    value = int(value) if float(value).is_integer() else value
    assert tip.locator(".d-value").inner_text() == str(value)
    assert tip.locator(".d-unit").inner_text() == f["unit"]
    assert tip.locator(".d-qualifier").inner_text() == f["qualifier"]
    assert tip.locator(".d-period").inner_text().startswith(f["period"])
    page.mouse.move(1, 1)
    assert not tip.is_visible()
    mark.click()
    page.mouse.move(1, 1)
    assert tip.is_visible() and "pinned" in tip.get_attribute("class")
    assert tip.get_attribute("data-for") == f["fact_id"]
    model_fact = next((f for f in facts if f["subject"]), None)
    if model_fact is not None:
        page.locator(f'[data-fact-id="{model_fact["fact_id"]}"]').click()
        assert tip.locator(".d-model").inner_text() == model_fact["subject"]


def visible_rows(page) -> list[dict]:
    return page.eval_on_selector_all("#facts tbody tr", """rows => rows.filter(r => !r.hidden)
        .map(r => ({id: r.dataset.row, kind: r.dataset.kind, province: r.dataset.province,
                    unit: r.dataset.unit, value: r.dataset.value}))""")


def test_filters(page, facts):
    assert len(visible_rows(page)) == len(facts)
    page.select_option("#f-kind", "outcome")
    rows = visible_rows(page)
    assert {r["kind"] for r in rows} == {"outcome"}
    assert len(rows) == sum(f["kind"] == "outcome" for f in facts)
    assert page.locator("#n-shown").inner_text() == str(len(rows))
    page.select_option("#f-province", "Tiền Giang")
    rows = visible_rows(page)
    assert rows and {(r["kind"], r["province"]) for r in rows} == {("outcome", "Tiền Giang")}
    assert len(rows) == sum(f["kind"] == "outcome" and f["province"] == "Tiền Giang" for f in facts)
    page.select_option("#f-kind", "")
    page.select_option("#f-province", "")
    page.select_option("#f-unit", "đối tượng")
    rows = visible_rows(page)
    assert rows and {r["unit"] for r in rows} == {"đối tượng"}
    assert len(rows) == sum(f["unit"] == "đối tượng" for f in facts)


def test_sort_by_value(page, facts):
    def values():
        return [r["value"] for r in visible_rows(page)]

    before = values()
    numbers = sorted(float(f["value"]) for f in facts if f["value"] is not None)
    page.click("#sort-value")
    after = values()
    assert after != before
    assert [float(v) for v in after if v] == numbers
    assert after[len(numbers):] == [""] * (len(facts) - len(numbers))  # no value: last
    page.click("#sort-value")
    assert [float(v) for v in values() if v] == numbers[::-1]
    assert page.get_attribute("#sort-value", "aria-sort") == "descending"


def test_row_click_scrolls_to_and_flashes_the_highlight(page, facts):
    f = facts[-1] if facts[-1]["doc_id"] != "hostile" else next(f for f in reversed(facts) if f["doc_id"] != "hostile")
    sel = f'[data-fact-id="{f["fact_id"]}"]'
    assert not in_viewport(page, sel)
    assert "flash" not in page.get_attribute(sel, "class")
    page.click(f'#facts tr[data-row="{f["fact_id"]}"]')
    page.wait_for_function(f"""() => {{ const r = document.querySelector('{sel}').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }}""", timeout=5000)
    assert in_viewport(page, sel)
    assert "flash" in page.get_attribute(sel, "class")
    assert "selected" in page.get_attribute(f'#facts tr[data-row="{f["fact_id"]}"]', "class")
    page.wait_for_function(f"() => !document.querySelector('{sel}').classList.contains('flash')", timeout=5000)


def test_hostile_article_renders_as_text(page):
    article = page.locator("#doc-hostile")
    article.scroll_into_view_if_needed()
    text = article.locator(".text")
    assert "<script>alert(1)</script>" in text.inner_text()
    assert "<b>đậm</b>" in text.inner_text()
    assert text.locator("script, b").count() == 0
    assert page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    assert article.locator("[data-fact-id]").count() >= 3
    assert page.dialogs == []


def test_error_article_listed(page):
    card = page.locator("#doc-empty")
    assert card.locator(".status").inner_text() == "error"
    assert "empty" in card.locator(".errors").inner_text()
    assert "the article has no text" in card.locator(".errors").inner_text()


def test_screenshot(page, tmp_path, facts):
    f = next(f for f in facts if f["kind"] == "outcome" and f["doc_id"] == facts[0]["doc_id"])
    page.select_option("#f-kind", "outcome")
    page.locator(f'[data-fact-id="{f["fact_id"]}"]').click()
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    from PIL import Image

    def rendered(path) -> bool:  # a page drawn: text, marks and panels, not one blank colour
        with Image.open(path) as img:
            colours = img.convert("RGB").getcolors(maxcolors=1 << 16)
        return colours is None or len(colours) > 50

    assert rendered(shot)
    if os.environ.get("VNFACTS_UPDATE_SCREENSHOT"):
        shutil.copy(shot, ROOT / "docs" / "report.png")
    assert rendered(ROOT / "docs" / "report.png")
