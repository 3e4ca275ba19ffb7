"""``vnfacts report``: one self-contained HTML page to review an extract output folder.

Each article's text with every fact highlighted in place (coloured by kind; hover or click a
highlight for its normalised value, qualifier, unit, period, place and model), a table of the
facts (filter by kind, province, unit; sort by value; click a row to jump to its highlight),
and each article's metadata, counts and errors. Everything is escaped; the page needs no network.

Only the selected articles are read: documents.csv picks them, then facts.jsonl and
articles.jsonl.gz are streamed and left as soon as every selected article has been found.
"""
from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from .records import KINDS

DEFAULT_LIMIT = 100  # articles on one page unless --limit / --doc say otherwise
DETAIL_FIELDS = ("doc_id", "kind", "name", "level", "province", "value", "value_max", "unit",
                 "qualifier", "change", "period", "period_start", "period_end", "location",
                 "subject", "founded", "surface")


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def script_json(data) -> str:
    """JSON safe inside <script type="application/json">: no "<", ">" or "&" left raw,
    so neither "</script>" nor "<!--" can end or change the block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def fmt_number(v) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def fmt_value(fact: dict) -> str:
    value, value_max = fmt_number(fact.get("value")), fmt_number(fact.get("value_max"))
    if value and value_max:
        return f"{value}/{value_max}" if fact.get("qualifier") == "ratio" else f"{value}–{value_max}"
    return value


# -- selecting and reading ---------------------------------------------------------------

def select_documents(out: Path, docs: Optional[Iterable[str]], limit: Optional[int]):
    """(rows of documents.csv to show, number of rows in all). ``docs`` wins over ``limit``."""
    wanted = list(dict.fromkeys(docs or []))
    wanted_set = set(wanted)
    chosen, seen, total = [], set(), 0
    with open(out / "documents.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            total += 1
            if row["doc_id"] in seen:  # a repeated doc_id is shown once
                continue
            if (row["doc_id"] in wanted_set) if wanted else (limit is None or len(chosen) < limit):
                chosen.append(row)
                seen.add(row["doc_id"])
    if wanted:
        order = {d: i for i, d in enumerate(wanted)}
        chosen.sort(key=lambda r: order[r["doc_id"]])
        missing = [d for d in wanted if d not in seen]
        if missing:
            raise ValueError(f"not in {out / 'documents.csv'}: {', '.join(missing)}")
    return chosen, total


def read_facts(out: Path, doc_ids: set[str], expected: int) -> dict[str, list[dict]]:
    """Facts of the chosen documents, streamed from facts.jsonl; stops once ``expected``
    facts (the chosen documents' n_facts in documents.csv) have been read."""
    facts: dict[str, list[dict]] = defaultdict(list)
    found = 0
    if not doc_ids:
        return facts
    with open(out / "facts.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if found >= expected > 0:
                break
            if not line.strip():
                continue
            row = json.loads(line)
            if row["doc_id"] in doc_ids:
                facts[row["doc_id"]].append(row)
                found += 1
    return facts


def read_texts(out: Path, doc_ids: set[str]) -> dict[str, str]:
    """The chosen articles' texts from articles.jsonl.gz (missing file: none)."""
    from .write import read_articles

    texts: dict[str, str] = {}
    if not (out / "articles.jsonl.gz").exists() or not doc_ids:
        return texts
    for doc_id, _source, text in read_articles(out):
        if doc_id in doc_ids and doc_id not in texts:
            texts[doc_id] = text
            if len(texts) == len(doc_ids):
                break
    return texts


def read_errors(out: Path, doc_ids: set[str]) -> tuple[dict[str, list[dict]], int]:
    errors: dict[str, list[dict]] = defaultdict(list)
    total = 0
    path = out / "errors.csv"
    if path.exists():
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                total += 1
                if row["doc_id"] in doc_ids:
                    errors[row["doc_id"]].append(row)
    return errors, total


# -- rendering ---------------------------------------------------------------------------

def _mark(fact: dict, first: bool) -> str:
    attr = "data-fact-id" if first else "data-fact-part"
    cls = "hl k-" + esc(fact["kind"]) + ("" if first else " part")
    return f'<mark class="{cls}" {attr}="{esc(fact["fact_id"])}">'


def highlight(text: str, facts: list[dict]) -> tuple[str, list[dict]]:
    """The text as escaped HTML with every fact in a <mark>, and the facts that could not be
    placed (offsets outside the text, or text[char_start:char_end] != surface).

    Nested facts become nested marks. A fact that crosses another one's end is split: its
    first piece carries ``data-fact-id``, the rest ``data-fact-part`` (same id), so each fact
    has exactly one ``data-fact-id`` element and no highlight is lost."""
    placed, unplaced = [], []
    for f in facts:
        s, e = f.get("char_start"), f.get("char_end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text) and text[s:e] == f.get("surface"):
            placed.append(f)
        else:
            unplaced.append(f)
    starts: dict[int, list[int]] = defaultdict(list)
    empty: dict[int, list[int]] = defaultdict(list)
    bounds = {0, len(text)}
    for i, f in enumerate(placed):
        s, e = f["char_start"], f["char_end"]
        (empty if s == e else starts)[s].append(i)
        bounds.update((s, e))
    end = [f["char_end"] for f in placed]
    out: list[str] = []
    stack: list[int] = []  # open marks, outermost first
    opened: set[int] = set()
    pos = 0
    for b in sorted(bounds):
        out.append(esc(text[pos:b]))
        pos = b
        reopen: list[int] = []
        ending = [k for k, i in enumerate(stack) if end[i] == b]
        if ending:
            k = ending[0]
            reopen = [i for i in stack[k:] if end[i] != b]
            out.append("</mark>" * (len(stack) - k))
            del stack[k:]
        for i in empty.get(b, ()):
            out.append(_mark(placed[i], True) + "</mark>")
        for i in sorted(reopen + starts.get(b, []), key=lambda i: (-end[i], placed[i]["char_start"], i)):
            out.append(_mark(placed[i], i not in opened))
            opened.add(i)
            stack.append(i)
    out.append(esc(text[pos:]))
    out.append("</mark>" * len(stack))
    return "".join(out), unplaced


def _article(row: dict, facts: list[dict], text: Optional[str], errors: list[dict]) -> str:
    doc_id = row["doc_id"]
    counts = Counter(f["kind"] for f in facts)
    meta = [("outlet", row.get("outlet")), ("date", row.get("date")), ("author", row.get("author")),
            ("source", row.get("source"))]
    parts = [f'<article class="doc" id="doc-{esc(doc_id)}" data-doc-id="{esc(doc_id)}">',
             f'<h2>{esc(row.get("title") or doc_id)}</h2>',
             '<p class="meta"><span class="docid">' + esc(doc_id) + "</span>"
             + "".join(f' · <span class="m-{k}"><b>{k}</b> {esc(v)}</span>' for k, v in meta if v)
             + "</p>",
             '<p class="counts">' + "".join(
                 f'<span class="chip k-{k}" data-kind="{k}">{k.replace("_", " ")} {counts.get(k, 0)}</span>'
                 for k in KINDS) + f' <span class="status s-{esc(row.get("status"))}">{esc(row.get("status"))}</span></p>']
    if errors or row.get("status") == "error":
        items = errors or [{"stage": "", "reason": row.get("error", ""), "message": ""}]
        parts.append('<ul class="errors">' + "".join(
            f'<li><b>{esc(e.get("reason"))}</b> ({esc(e.get("stage"))}): {esc(e.get("message"))}</li>'
            for e in items) + "</ul>")
    unplaced = facts
    if text is not None:
        body, unplaced = highlight(text, facts)
        parts.append(f'<div class="text">{body}</div>')
    elif row.get("status") != "error":
        parts.append('<p class="note">No text for this article in articles.jsonl.gz.</p>')
    if unplaced:
        parts.append('<p class="note">Facts whose offsets do not point at their surface in the text:</p>'
                     '<p class="unplaced">' + " ".join(_mark(f, True) + esc(f.get("surface")) + "</mark>"
                                                    for f in unplaced) + "</p>")
    parts.append("</article>")
    return "\n".join(parts)


def _row(f: dict) -> str:
    value = f.get("value")
    sort_value = "" if value is None or value == "" else esc(value)
    place = f.get("location") or ""
    if f.get("province") and f.get("province") != place:
        place = f"{place} ({f['province']})" if place else f["province"]
    what = f.get("name") or f.get("surface")
    return (f'<tr data-row="{esc(f["fact_id"])}" data-doc="{esc(f["doc_id"])}" data-kind="{esc(f["kind"])}" '
            f'data-province="{esc(f.get("province"))}" data-unit="{esc(f.get("unit"))}" data-value="{sort_value}">'
            f'<td class="c-doc" title="{esc(f["doc_id"])}">{esc(f["doc_id"])}</td><td class="wrap"><div><span class="dot k-{esc(f["kind"])}" title="{esc(f["kind"])}"></span>{esc(what)}</div></td><td class="num">{esc(fmt_value(f))}</td><td>{esc(f.get("unit"))}</td>'
            f'<td>{esc(f.get("qualifier"))}</td><td class="wrap"><div>{esc(f.get("period"))}</div></td><td>{esc(place)}</td>'
            f'<td class="wrap"><div>{esc(f.get("subject"))}</div></td></tr>')


def _options(values: Iterable[str]) -> str:
    return "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in sorted(set(values)) if v)


def render(out_dir, docs: Optional[Iterable[str]] = None, limit: Optional[int] = DEFAULT_LIMIT) -> str:
    """The report page for an extract output folder, as a string."""
    out = Path(out_dir)
    rows, total = select_documents(out, docs, limit or None)  # limit None or 0: every article
    ids = {r["doc_id"] for r in rows}
    expected = sum(int(r.get("n_facts") or 0) for r in rows)
    facts = read_facts(out, {r["doc_id"] for r in rows if int(r.get("n_facts") or 0)}, expected)
    texts = read_texts(out, {r["doc_id"] for r in rows if r.get("status") != "error"})
    errors, n_errors = read_errors(out, ids)

    all_facts = [f for r in rows for f in facts.get(r["doc_id"], [])]
    kind_counts = Counter(f["kind"] for f in all_facts)
    details = {f["fact_id"]: {k: f.get(k) for k in DETAIL_FIELDS} for f in all_facts}
    shown_note = f"{len(rows)} of {total} articles"
    if len(rows) < total and not docs:
        shown_note += (f" — only the first {len(rows)} are shown; use --limit N (0 for all) "
                       "or --doc DOC_ID to choose")
    legend = "".join(f'<span class="chip k-{k}">{k.replace("_", " ")} {kind_counts.get(k, 0)}</span>'
                     for k in KINDS)
    values = {
        "title": esc(f"vnfacts report — {out.name or out}"),
        "heading": esc(f"vnfacts report: {out}"),
        "summary": esc(f"{shown_note}; {len(all_facts)} facts; "
                       f"{sum(1 for r in rows if r.get('status') == 'error')} of the shown articles failed "
                       f"({n_errors} errors in errors.csv)"),
        "legend": legend,
        "kind_options": _options(f["kind"] for f in all_facts),
        "province_options": _options(f.get("province") or "" for f in all_facts),
        "unit_options": _options(f.get("unit") or "" for f in all_facts),
        "rows": "\n".join(_row(f) for f in all_facts),
        "n_rows": str(len(all_facts)),
        "articles": "\n".join(_article(r, facts.get(r["doc_id"], []), texts.get(r["doc_id"]),
                                       errors.get(r["doc_id"], [])) for r in rows),
        "data": script_json(details),
    }
    template = resources.files("extractor").joinpath("templates/report.html").read_text(encoding="utf-8")
    # one pass: text put in is never searched for placeholders again
    return re.sub(r"\{\{ (\w+) \}\}", lambda m: values[m.group(1)], template)


def write_report(out_dir, html_path, docs: Optional[Iterable[str]] = None,
                 limit: Optional[int] = DEFAULT_LIMIT) -> Path:
    """Write the report page of ``out_dir`` to ``html_path``; ``limit`` None or 0: every article."""
    page = render(out_dir, docs=docs, limit=limit)
    html_path = Path(html_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(page, encoding="utf-8")
    return html_path
