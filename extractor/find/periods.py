"""Periods: the time a figure covers ("năm 2022", "6 tháng đầu năm 2019", "quý I/2023",
"tính đến ngày 1/5/2025", "từ năm 2020 đến nay"), with ISO bounds where they can be worked out.
Expressions and their bound rules are in ``rules/periods.yaml``.
"""
from __future__ import annotations

import calendar

import regex

from .. import rules as rules_mod
from ..records import PeriodMention, SegmentedDocument

_YEAR = regex.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_WORDNUM = {"ba": 3, "sáu": 6, "chín": 9}


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def bounds(rule: str, g: dict[str, str | None], year: int | None) -> tuple[str, str]:
    """ISO (start, end) for a matched expression; '' where a bound is open or unknown."""
    def num(key: str) -> int | None:
        v = g.get(key)
        if v is None:
            return None
        v = v.strip()
        if v in _ROMAN:
            return _ROMAN[v]
        if v.lower() in _WORDNUM:
            return _WORDNUM[v.lower()]
        return int(v) if v.isdigit() else None

    y = num("y") or year
    try:
        if rule == "year" and y:
            return _iso(y, 1, 1), _iso(y, 12, 31)
        if rule == "years":
            y1, y2 = num("y1"), num("y2")
            if y1 and y2 and y1 <= y2:
                return _iso(y1, 1, 1), _iso(y2, 12, 31)
        if rule == "first_months" and y:
            n = num("n")
            if n and 1 <= n <= 12:
                return _iso(y, 1, 1), _iso(y, n, _last_day(y, n))
        if rule == "last_months" and y:
            n = num("n")
            if n and 1 <= n <= 12:
                return _iso(y, 13 - n, 1), _iso(y, 12, 31)
        if rule == "quarter" and y:
            q = num("q")
            if q and 1 <= q <= 4:
                m1, m2 = 3 * q - 2, 3 * q
                return _iso(y, m1, 1), _iso(y, m2, _last_day(y, m2))
        if rule == "month" and y:
            m = num("m")
            if m and 1 <= m <= 12:
                return _iso(y, m, 1), _iso(y, m, _last_day(y, m))
        if rule == "day" and y:
            m, d = num("m"), num("d")
            if m and d:
                return _iso(y, m, d), _iso(y, m, d)
        if rule == "year_and_first_months":
            y1, n, y2 = num("y1"), num("n"), num("y2")
            if y1 and n and y2 and 1 <= n <= 12:
                return _iso(y1, 1, 1), _iso(y2, n, _last_day(y2, n))
        if rule == "since_year" and y:
            return _iso(y, 1, 1), ""
        if rule == "since_year_open" and y:
            return _iso(y, 1, 1), ""
        if rule == "since_month" and y:
            m = num("m")
            if m and 1 <= m <= 12:
                return _iso(y, m, 1), ""
        if rule == "since_day" and y:
            m, d = num("m"), num("d")
            if m and d:
                return _iso(y, m, d), ""
        if rule == "until_day" and y:
            m, d = num("m"), num("d")
            if m and d:
                return "", _iso(y, m, d)
        if rule == "until_month" and y:
            m = num("m")
            if m and 1 <= m <= 12:
                return "", _iso(y, m, _last_day(y, m))
        if rule == "until_year" and y:
            return "", _iso(y, 12, 31)
    except ValueError:  # 31/2 and the like
        return "", ""
    return "", ""


def find_periods(seg: SegmentedDocument, rules=None, sentences: set[int] | None = None) -> list[PeriodMention]:
    """Periods of the sentences named (all by default); every sentence still sets the year
    context that bare dates ("ngày 12/3") take."""
    rules = rules or rules_mod.load()
    norm = seg.clean.norm
    out: list[PeriodMention] = []
    year: int | None = int(seg.clean.meta.date[:4]) if seg.clean.meta.date else None
    for s in seg.sentences:
        text = norm[s.start:s.end]
        taken: list[tuple[int, int]] = []
        found: list[PeriodMention] = []
        for rule, rx in rules.period_res if sentences is None or s.index in sentences else ():
            for m in rx.finditer(text):
                a, b = m.span()
                a += len(text[a:b]) - len(text[a:b].lstrip())
                if a >= b or any(x < b and a < y for x, y in taken):
                    continue
                years = [int(v) for v in _YEAR.findall(text[:a])]
                start, end = bounds(rule, m.groupdict(), years[-1] if years else year)
                found.append(PeriodMention(s.start + a, s.start + b, text[a:b], start, end, s.index, rule))
                taken.append((a, b))
        found.sort(key=lambda p: p.start)
        out.extend(found)
        years = [int(v) for v in _YEAR.findall(text)]
        if years:
            year = years[-1]
    return out
