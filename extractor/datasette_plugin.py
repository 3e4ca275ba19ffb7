"""The vnfacts plugin for Datasette (``vnfacts serve``): every number one click from its sentence.

Pages, read-only, all text escaped:

- ``/-/vnfacts/article/<doc_id>``: the article with every fact highlighted in place (each
  highlight carries ``data-fact-id`` and its fields on hover), its facts below;
- ``/-/vnfacts/check?claim=...`` (a form and its answer) and ``/-/vnfacts/check.json?claim=...``:
  the same engine as ``vnfacts check``, each source linked to its article;
- ``/-/vnfacts/conflicts``: the output's conflicts, each pair linked to both sentences;
- ``/-/vnfacts/map``: facts by place from the latitude and longitude columns, drawn as SVG
  (no tiles, no network).

Every ``doc_id`` and ``fact_id`` cell of the tables links to the article, to the highlight.
The facts are read from the served database (opened immutable), once per process.
"""
from __future__ import annotations

import html
import json
import sqlite3
from contextlib import closing
from functools import lru_cache
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import Response

DB = "facts"
KIND_COLOURS = {"location": "#cfe8ff", "model": "#e6d7ff", "member_count": "#d6f5d6", "outcome": "#ffe3b3"}
STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#222;line-height:1.5}
header a{margin-right:1rem} .meta{color:#555} .text{white-space:pre-wrap;background:#fafafa;padding:1rem;border:1px solid #ddd}
mark{padding:0 1px;border-radius:3px;cursor:help} mark:target,mark.flash{outline:3px solid #e33}
""" + "".join(f"mark.k-{k}{{background:{c}}}" for k, c in KIND_COLOURS.items()) + """
table{border-collapse:collapse;font-size:.9rem} td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
.verdict{font-size:1.3rem;font-weight:bold} .supported{color:#070} .contradicted{color:#b00} .not_found{color:#666}
form input[type=text]{width:70%;font-size:1rem;padding:4px}
"""
FIELDS = ("kind", "value", "value_max", "unit", "measure", "qualifier", "change", "period", "period_start",
          "period_end", "location", "province", "province_2025", "subject", "location_evidence", "period_evidence")


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _page(title: str, body: str, status: int = 200) -> Response:
    nav = ('<header><a href="/">vnfacts</a><a href="/facts/facts">facts</a><a href="/-/vnfacts/check">check a figure</a>'
           '<a href="/-/vnfacts/conflicts">conflicts</a><a href="/-/vnfacts/map">map</a></header>')
    return Response.html(f"<!DOCTYPE html><html lang=vi><head><meta charset=utf-8><title>{esc(title)}</title>"
                         f"<style>{STYLE}</style></head><body>{nav}{body}</body></html>", status=status)


def _db_path(datasette) -> str:
    db = datasette.databases.get(DB) or next(iter(datasette.databases.values()))
    return db.path


def _rows(path: str, sql: str, params=()) -> list[dict]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as con:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(sql, params)]


@lru_cache(maxsize=4)
def _facts_frame(path: str):
    """The facts table as the check and conflict engines read it (the database is immutable)."""
    import pandas as pd

    from .records import FACT_COLUMNS

    with closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as con:
        df = pd.read_sql_query("SELECT * FROM facts", con)
    return df[[c for c in FACT_COLUMNS if c in df.columns]]


def _num(value):
    """12.0 -> 12 (the database keeps every value as REAL)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def article_url(doc_id: str, fact_id: str = "") -> str:
    return f"/-/vnfacts/article/{quote(str(doc_id), safe='')}" + (f"#fact-{quote(str(fact_id), safe='')}" if fact_id else "")


# -- pages ---------------------------------------------------------------------------------

async def article(datasette, request):
    from .report import highlight

    doc_id = request.url_vars["doc_id"]
    path = _db_path(datasette)
    docs = _rows(path, "SELECT * FROM documents WHERE doc_id = ?", (doc_id,))
    if not docs:
        return _page("not found", f"<h1>No article {esc(doc_id)}</h1><p>This output has no document with that id.</p>", 404)
    doc = docs[0]
    texts = _rows(path, "SELECT text FROM articles WHERE doc_id = ?", (doc_id,))
    facts = _rows(path, "SELECT * FROM facts WHERE doc_id = ? ORDER BY char_start", (doc_id,))
    for f in facts:
        f["char_start"], f["char_end"] = int(f["char_start"] or 0), int(f["char_end"] or 0)
    text = texts[0]["text"] if texts else ""
    marked, _unplaced = highlight(text, facts)
    # each highlight: an anchor to jump to, and its fields on hover
    by_id = {f["fact_id"]: f for f in facts}
    for fid, f in by_id.items():
        tip = "; ".join(f"{k}: {_num(f[k])}" for k in FIELDS if f.get(k) not in (None, ""))
        marked = marked.replace(f'data-fact-id="{esc(fid)}">', f'data-fact-id="{esc(fid)}" id="fact-{esc(fid)}" '
                                f'title="{esc(tip)}">', 1)
    meta = " · ".join(f"<b>{k}</b> {esc(doc.get(k))}" for k in ("outlet", "date", "topic", "map") if doc.get(k))
    rows = "".join(
        f'<tr><td><a href="#fact-{esc(f["fact_id"])}">{esc(f["kind"])}</a></td><td>{esc(f["name"] or f["surface"])}</td>'
        f'<td>{esc(_num(f["value"]))}</td><td>{esc(f["unit"])}</td><td>{esc(f["measure"])}</td><td>{esc(f["location"])}</td>'
        f'<td>{esc(f["period"])}</td><td>{esc(f["subject"])}</td></tr>' for f in facts)
    body = (f'<h1 class="title">{esc(doc.get("title") or doc_id)}</h1><p class="meta">{esc(doc_id)} · {meta}</p>'
            f'<div class="text" data-doc-id="{esc(doc_id)}">{marked}</div>'
            f'<h2>{len(facts)} facts</h2><table class="facts"><tr><th>kind</th><th>name / surface</th><th>value</th>'
            f'<th>unit</th><th>measure</th><th>place</th><th>period</th><th>model</th></tr>{rows}</table>'
            "<script>function vnfactsShow(){const id=decodeURIComponent(location.hash.slice(1));"
            "const el=id&&document.getElementById(id);if(el){el.scrollIntoView({block:'center'});el.classList.add('flash')}}"
            "window.addEventListener('load',()=>setTimeout(vnfactsShow,0));window.addEventListener('hashchange',vnfactsShow)"
            "</script>")
    return _page(doc.get("title") or doc_id, body)


def _verdict(datasette, claim: str):
    from .check import NoFigure, check_claim

    try:
        return check_claim(claim, _facts_frame(_db_path(datasette))), None
    except NoFigure as exc:
        return None, str(exc)


async def check_json(datasette, request):
    claim = (request.args.get("claim") or "").strip()
    if not claim:
        return Response.json({"error": "give a claim: ?claim=..."}, status=400)
    verdict, error = _verdict(datasette, claim)
    if error:
        return Response.json({"error": error, "claim": claim}, status=422)
    data = verdict.to_dict()
    for s in data.get("sources", []):
        s["url"] = article_url(s.get("doc_id", ""), s.get("fact_id", ""))
    return Response.json(data)


async def check_page(datasette, request):
    claim = (request.args.get("claim") or "").strip()
    form = (f'<h1>Check a figure</h1><form method=get action="/-/vnfacts/check"><input type=text name=claim '
            f'value="{esc(claim)}" placeholder="Năm 2022, huyện Trạm Tấu bắt 180 đối tượng"> <button>check</button></form>')
    if not claim:
        return _page("check", form)
    verdict, error = _verdict(datasette, claim)
    if error:
        return _page("check", form + f'<p class="verdict not_found">{esc(error)}</p>', 422)
    data = verdict.to_dict()
    parts = [form, f'<p class="verdict {esc(data["verdict"])}">{esc(data["verdict"])}</p>']
    for fv in data.get("figures", []):
        parts.append(f'<h3>{esc(fv.get("figure", {}).get("surface", ""))}: <span class="{esc(fv.get("verdict"))}">'
                     f'{esc(fv.get("verdict"))}</span></h3><p>{esc(fv.get("reason", ""))}</p>')
        for key in ("sources", "related"):
            items = fv.get(key) or []
            if items:
                parts.append(f"<p><b>{key}</b></p><ul>" + "".join(
                    f'<li><a class="source" href="{esc(article_url(s.get("doc_id", ""), s.get("fact_id", "")))}">'
                    f'{esc(s.get("doc_id"))}</a>: {esc(s.get("sentence"))}</li>' for s in items) + "</ul>")
    return _page("check", "".join(parts))


async def conflicts_page(datasette, request):
    from .conflicts import find_conflicts

    pairs = find_conflicts(_facts_frame(_db_path(datasette)), across_only=request.args.get("across") == "1")
    items = []
    for c in pairs[:500]:
        d = c.to_dict()
        a, b = d["a"], d["b"]
        items.append(f'<li><b>{esc(d["value_a"])}</b> vs <b>{esc(d["value_b"])}</b> {esc(a.get("unit", ""))}: '
                     f'<a href="{esc(article_url(a["doc_id"], a.get("fact_id", "")))}">{esc(a["doc_id"])}</a> '
                     f'“{esc(a.get("sentence"))}” — <a href="{esc(article_url(b["doc_id"], b.get("fact_id", "")))}">'
                     f'{esc(b["doc_id"])}</a> “{esc(b.get("sentence"))}”</li>')
    body = (f"<h1>{len(pairs)} conflicts</h1><p>Pairs of figures that cannot both hold (same place, unit, kind, "
            f"change and period): leads to read, not findings. <a href='?across=1'>Only across articles</a></p>"
            f"<ol>{''.join(items)}</ol>")
    return _page("conflicts", body)


async def map_page(datasette, request):
    measure = request.args.get("measure") or ""
    where, params = "latitude IS NOT NULL AND kind IN ('member_count', 'outcome')", []
    if measure:
        where += " AND measure = ?"
        params.append(measure)
    rows = _rows(_db_path(datasette),
                 f"SELECT location, province_2025, round(latitude, 3) AS lat, round(longitude, 3) AS lon, count(*) AS n "
                 f"FROM facts WHERE {where} GROUP BY location, province_2025, lat, lon ORDER BY n DESC LIMIT 2000", params)
    measures = _rows(_db_path(datasette), "SELECT DISTINCT measure FROM facts WHERE measure IS NOT NULL ORDER BY measure")
    w, h, lon0, lon1, lat0, lat1 = 520, 900, 102.0, 110.0, 8.2, 23.6
    dots = []
    for r in rows:
        x = (r["lon"] - lon0) / (lon1 - lon0) * w
        y = (lat1 - r["lat"]) / (lat1 - lat0) * h
        radius = min(30, 3 + 2.5 * r["n"] ** 0.5)
        link = f"/facts/facts?location={quote(r['location'] or '')}&province_2025={quote(r['province_2025'] or '')}"
        dots.append(f'<a href="{esc(link)}"><circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                    f'fill="#d33" fill-opacity=".45" stroke="#900"><title>{esc(r["location"])} '
                    f'({esc(r["province_2025"])}): {r["n"]} figures</title></circle></a>')
    options = "".join(f'<option {"selected" if m["measure"] == measure else ""}>{esc(m["measure"])}</option>'
                      for m in measures)
    body = (f'<h1>Figures by place</h1><form><select name=measure><option value="">every measure</option>{options}'
            f'</select> <button>show</button></form><p>{len(rows)} places; a circle\'s area is its number of figures '
            f'(from the latitude and longitude columns; no map tiles, nothing fetched).</p>'
            f'<svg id="map" width="{w}" height="{h}" viewBox="0 0 {w} {h}" style="background:#eef4fa;border:1px solid #ccc">'
            f'{"".join(dots)}</svg>')
    return _page("map", body)


@hookimpl
def register_routes(datasette):
    return [
        (r"^/-/vnfacts/article/(?P<doc_id>[^/]+)$", article),
        (r"^/-/vnfacts/check\.json$", check_json),
        (r"^/-/vnfacts/check$", check_page),
        (r"^/-/vnfacts/conflicts$", conflicts_page),
        (r"^/-/vnfacts/map$", map_page),
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """doc_id and fact_id cells link to the article, to the highlight."""
    from markupsafe import Markup

    if table not in ("facts", "documents", "errors") or value in (None, ""):
        return None
    if column == "doc_id":
        return Markup(f'<a class="vnfacts-article" href="{esc(article_url(value))}">{esc(value)}</a>')
    if column == "fact_id" and table == "facts":
        try:
            doc_id = row["doc_id"]
        except (KeyError, IndexError):
            return None
        return Markup(f'<a class="vnfacts-fact" href="{esc(article_url(doc_id, value))}">{esc(value)}</a>')
    return None


def metadata(title: str) -> dict:
    """Datasette metadata: every column titled and described from FACTS.md; the facts table opens
    with facets and full-text search."""
    from .serve import COLUMN_DOCS, DOCUMENT_DOCS

    return {
        "title": title,
        "description": "Checkable facts from Vietnamese press articles (vnfacts). Every row is grounded: "
                       "doc_id and fact_id open the article with the fact highlighted.",
        "databases": {DB: {"tables": {
            "facts": {"title": "facts", "description_html": _described(
                          "One row per fact (FACTS.md): places, models, member counts and outcome figures, each with "
                          "the sentence and offsets it came from. Search the sentences; click a doc_id or fact_id.",
                          COLUMN_DOCS),
                      "facets": ["kind", "province", "measure", "topic"], "fts_table": "facts_fts",
                      "fts_pk": "rowid", "size": 50},
            "documents": {"description_html": _described(
                              "Every input with its status, title, outlet, date, map and topic.", DOCUMENT_DOCS),
                          "facets": ["status", "topic", "map"], "fts_table": "documents_fts", "fts_pk": "rowid"},
            "errors": {"description": "Every input that failed, with the stage and a clear reason."},
            "articles": {"description": "Each article's text as read: every fact's offsets index into it."},
            "facts_fts": {"hidden": True}, "documents_fts": {"hidden": True},
        }}},
    }


def _described(text: str, columns: dict[str, str]) -> str:
    """A table's description, with every column's meaning folded away under "Columns"."""
    items = "".join(f"<dt><code>{esc(c)}</code></dt><dd>{esc(d)}</dd>" for c, d in columns.items())
    return f"<p>{esc(text)}</p><details><summary>Columns</summary><dl class=\"vnfacts-columns\">{items}</dl></details>"


def dumps_metadata(title: str) -> str:
    return json.dumps(metadata(title), ensure_ascii=False, indent=1)
