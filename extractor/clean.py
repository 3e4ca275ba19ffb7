"""Stage 2, clean and scope: matching text, the article's own paragraphs, and its metadata.

The matching text (``norm``) is NFC with new-style tone marks; offsets map back to the
original. The scope keeps the article (title, lead, body, quotes, captions) and drops the
page around it (related news, comment boxes, counters, "Back To Top", bylines), per FACTS.md.
"""
from __future__ import annotations

import regex

from . import rules as rules_mod
from .records import CleanDocument, Document, Metadata
from .text import fold_key, normalize

_LINE = regex.compile(r"[^\n]+")
_DATE = regex.compile(r"\b(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?((?:19|20)\d{2})\b")
_CAPWORD = regex.compile(r"^\p{Lu}[\p{L}.]*$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_byline(line: str, scope_rules: dict) -> str:
    """The author's name if ``line`` is a byline, else ''."""
    low = line.lower()
    for prefix in scope_rules.get("byline_prefixes", []):
        if low.startswith(prefix) and len(line) < 80 and not regex.search(r"\d", line):
            return line[len(prefix):].strip(" :.-")
    words = line.strip(" .").split()
    if 2 <= len(words) <= scope_rules.get("byline_max_words", 5) and all(_CAPWORD.match(w) for w in words):
        if not regex.search(r"[\d:;,“”\"]", line):
            return line.strip(" .")
    return ""


def scope(norm: str, rules=None) -> tuple[list[tuple[int, int]], list[tuple[int, int]], str]:
    """In-scope paragraphs, dropped furniture lines (both as offsets), and the byline."""
    rules = rules or rules_mod.load()
    paragraphs: list[tuple[int, int]] = []
    dropped: list[tuple[int, int]] = []
    in_box, box_max = False, rules.scope.get("box_line_max", 160)
    box_before = rules.scope.get("box_before", 0.5)
    for m in _LINE.finditer(norm):
        start, end = _trim(norm, m.start(), m.end())
        if start == end:
            continue
        line = norm[start:end]
        if in_box and len(line) <= box_max and not (len(line) > 100 and line.rstrip().endswith((".", ":"))):
            dropped.append((start, end))  # a title of the related-news box
            continue
        in_box = False
        if any(p.search(line) for p in rules.box_res) and start < box_before * len(norm):
            dropped.append((start, end))  # "Tin liên quan ..." early in the page: a box, the article goes on
            in_box = True
            continue
        if any(p.search(line) for p in rules.article_end_res) or any(p.search(line) for p in rules.box_res):
            dropped.append((start, len(norm)))
            break
        if any(p.search(line) for p in rules.never_text_res):
            dropped.append((start, end))
            continue
        paragraphs.append((start, end))
    author = ""
    if len(paragraphs) > 1:
        start, end = paragraphs[-1]
        author = _is_byline(norm[start:end], rules.scope)
        if author:
            dropped.append(paragraphs.pop())
    return paragraphs, dropped, author


def _outlet(text: str, rules) -> tuple[str, str]:
    """(outlet, its province): the first entry of rules/outlets.yaml found in ``text``. An entry
    with a ``(?P<province>...)`` group ("Báo <Province>") counts only when that group is exactly
    a province the gazetteer knows ("Báo Sơn La", never "Báo An" of "Báo An ninh Thủ đô")."""
    for entry in rules.outlets.get("outlets", []):
        for m in regex.finditer(entry["pattern"], text, regex.MULTILINE):
            if "province" not in m.groupdict():
                return entry["name"], entry.get("province", "")
            from .gazetteer import load as load_gazetteer

            province = load_gazetteer().province_named(m.group("province"))
            if province and fold_key(province) == fold_key(m.group("province")):
                return entry["name"].format(province=m.group("province")), province
    return "", ""


def _real_date(y: int, m: int, d: int) -> str:
    import datetime as dt

    try:
        return dt.date(y, m, d).isoformat() if 1990 <= y <= 2100 else ""
    except ValueError:  # 31/2
        return ""


def dateline(lines: list[str], rules) -> str:
    """The article's date from its dateline: the first of ``rules/scope.yaml``'s ``datelines``
    found in the first lines of the text (never in the related-news list after the article)."""
    for line in lines:
        for rx in rules.dateline_res:
            m = rx.search(line)
            if m:
                date = _real_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                if date:
                    return date
    return ""


def metadata(norm: str, paragraphs, dropped, author: str, rules=None, doc: Document | None = None) -> Metadata:
    """Title, outlet, date and author: what ``doc`` carries wins, else what the text shows.

    The date: the document's own (a record's date field, a page's date), else the dateline in
    the text's first lines, else the run's ``--date``; ``date_source`` says which."""
    rules = rules or rules_mod.load()
    meta = Metadata(author=author)
    tail = next((d for d in dropped if d[1] == len(norm) and d[0] > 0 and d not in paragraphs), None)
    head_spans = sorted(paragraphs[:4] + [d for d in dropped if d is not tail and
                                          d[0] < (paragraphs[3][1] if len(paragraphs) > 3 else len(norm))])
    head = "\n".join(norm[s:e] for s, e in head_spans)
    for s, e in paragraphs:
        line = norm[s:e]
        if not _DATE.search(line) or len(line) > 60:
            meta.title = line[:300]
            break
    meta.outlet, meta.outlet_province = _outlet(head, rules)
    n_lines = rules.scope.get("dateline_lines", 5)
    meta.date = dateline([norm[s:e] for s, e in head_spans[:n_lines]], rules)
    meta.date_source = "dateline" if meta.date else ""
    if doc is not None:
        for name in ("title", "author"):
            setattr(meta, name, getattr(doc, name) or getattr(meta, name))
        if doc.date:
            meta.date, meta.date_source = doc.date, "metadata"
        elif not meta.date and doc.run_date:
            meta.date, meta.date_source = doc.run_date, "run"
        if doc.outlet:  # its province from its name, else the one the text's outlet gave
            meta.outlet, meta.outlet_province = doc.outlet, _outlet(doc.outlet, rules)[1] or meta.outlet_province
    return meta


def clean(doc: Document, rules=None) -> CleanDocument:
    rules = rules or rules_mod.load()
    norm, offsets = normalize(doc.text)
    paragraphs, dropped, author = scope(norm, rules)
    meta = metadata(norm, paragraphs, dropped, author, rules, doc)
    return CleanDocument(doc=doc, norm=norm, offsets=offsets, paragraphs=paragraphs, meta=meta)
