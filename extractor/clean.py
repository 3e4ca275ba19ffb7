"""Stage 2, clean and scope: matching text, the article's own paragraphs, and its metadata.

The matching text (``norm``) is NFC with new-style tone marks; offsets map back to the
original. The scope keeps the article (title, lead, body, quotes, captions) and drops the
page around it (related news, comment boxes, counters, "Back To Top", bylines), per FACTS.md.
"""
from __future__ import annotations

import regex

from . import rules as rules_mod
from .records import CleanDocument, Document, Metadata
from .text import normalize

_LINE = regex.compile(r"[^\n]+")
_DATE = regex.compile(r"\b(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?((?:19|20)\d{2})\b")
_BAO = regex.compile(r"\b(Báo\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}))")
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
    for m in _LINE.finditer(norm):
        start, end = _trim(norm, m.start(), m.end())
        if start == end:
            continue
        line = norm[start:end]
        if any(p.search(line) for p in rules.article_end_res):
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
    """(outlet, its province) named in ``text``: a known outlet, else "Báo <Province>"."""
    for entry in rules.outlets.get("outlets", []):
        if regex.search(entry["pattern"], text, regex.MULTILINE):
            return entry["name"], entry.get("province", "")
    m = _BAO.search(text)
    if m:
        return m.group(1), m.group(2)  # the province is checked against the gazetteer in resolve
    return "", ""


def metadata(norm: str, paragraphs, dropped, author: str, rules=None, doc: Document | None = None) -> Metadata:
    """Title, outlet, date and author: what ``doc`` carries wins, else guessed from the text."""
    rules = rules or rules_mod.load()
    meta = Metadata(author=author)
    head_spans = sorted(paragraphs[:4] + [d for d in dropped if d[0] < (paragraphs[3][1] if len(paragraphs) > 3 else len(norm))])
    head = "\n".join(norm[s:e] for s, e in head_spans)
    for s, e in paragraphs:
        line = norm[s:e]
        if not _DATE.search(line) or len(line) > 60:
            meta.title = line[:300]
            break
    meta.outlet, meta.outlet_province = _outlet(head, rules)
    dateline = "\n".join(norm[s:e] for s, e in head_spans if (s, e) not in paragraphs or e - s < 80)
    m = _DATE.search(dateline)
    if m:
        d, mo, y = (int(x) for x in m.groups())
        if 1 <= d <= 31 and 1 <= mo <= 12:
            meta.date = f"{y:04d}-{mo:02d}-{d:02d}"
    if doc is not None:
        for name in ("title", "author", "date"):
            setattr(meta, name, getattr(doc, name) or getattr(meta, name))
        if doc.outlet:  # its province from its name, else the one the text's outlet gave
            meta.outlet, meta.outlet_province = doc.outlet, _outlet(doc.outlet, rules)[1] or meta.outlet_province
    return meta


def clean(doc: Document, rules=None) -> CleanDocument:
    rules = rules or rules_mod.load()
    norm, offsets = normalize(doc.text)
    paragraphs, dropped, author = scope(norm, rules)
    meta = metadata(norm, paragraphs, dropped, author, rules, doc)
    return CleanDocument(doc=doc, norm=norm, offsets=offsets, paragraphs=paragraphs, meta=meta)
