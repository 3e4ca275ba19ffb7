"""Periods: the time a figure covers ("năm 2022", "6 tháng đầu năm 2019", "quý I/2023",
"tính đến ngày 1/5/2025", "từ năm 2020 đến nay"), with ISO bounds where they can be worked out.
Expressions and their bound rules are in ``rules/periods.yaml``.
"""
from __future__ import annotations

import calendar
from datetime import date

import regex

from ..lexicon import WORD_AFTER, WORD_BEFORE, alternation, words_pattern, words_re
from ..records import PeriodMention, SegmentedDocument
from ..text import fold_words

# a year written as a date's: "năm 2017", "5/2017", "18-5-2017"
_DATE_YEAR = regex.compile(r"(?i)(?<=(?:năm|\d\s?[/.-])\s?)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
_YEAR = regex.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
# number words the period expressions let through ("sáu tháng đầu năm", "mùng một Tết")
_WORDNUM = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
            "mười hai": 12}


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _check(y: int, m: int, d: int) -> None:
    """Raise ValueError for a day that cannot be (31/2)."""
    import datetime

    datetime.date(y, m, d)


def _month_back(y: int, m: int, n: int) -> tuple[int, int]:
    """The month ``n`` months before (y, m)."""
    k = y * 12 + (m - 1) - n
    return k // 12, k % 12 + 1


def relative_bounds(rule: str, n: int | None, ref: str) -> tuple[str, str]:
    """Bounds of a time relative to the article's date ``ref`` (YYYY[-MM[-DD]]): "năm nay",
    "năm ngoái", "trong năm qua", "6 tháng qua", "quý trước", "tháng này"... ('' where the date
    is too coarse to tell)."""
    parts = [int(x) for x in ref.split("-")] if ref else []
    if not parts:
        return "", ""
    y = parts[0]
    m = parts[1] if len(parts) > 1 else None
    d = parts[2] if len(parts) > 2 else None
    if rule == "this_year":
        return _iso(y, 1, 1), _iso(y, 12, 31)
    if rule == "last_year":
        return _iso(y - 1, 1, 1), _iso(y - 1, 12, 31)
    if m is None:
        return "", ""
    if rule == "past_year":  # "trong năm qua": the year just ending (July on), else the one before
        yy = y if m >= 7 else y - 1
        return _iso(yy, 1, 1), _iso(yy, 12, 31)
    # the last whole month before the article (its own month when written in its last days)
    last_y, last_m = (y, m) if d is not None and d >= 25 else _month_back(y, m, 1)
    if rule == "past_months" and n and 1 <= n <= 24:
        sy, sm = _month_back(last_y, last_m, n - 1)
        return _iso(sy, sm, 1), _iso(last_y, last_m, _last_day(last_y, last_m))
    if rule == "this_month":
        return _iso(y, m, 1), _iso(y, m, _last_day(y, m))
    if rule == "last_month":
        py, pm = _month_back(y, m, 1)
        return _iso(py, pm, 1), _iso(py, pm, _last_day(py, pm))
    q = (m - 1) // 3 + 1
    if rule == "last_quarter":
        q, y = (q - 1, y) if q > 1 else (4, y - 1)
    if rule in ("this_quarter", "last_quarter"):
        return _iso(y, 3 * q - 2, 1), _iso(y, 3 * q, _last_day(y, 3 * q))
    return "", ""


# relative to the year alone: an undated article's text year dates them ("năm nay" in a text of "tháng 5/2017")
YEAR_RELATIVE = frozenset({"this_year", "last_year"})
_FIRST_NEWS_YEAR = 1990  # a lead's own year before this is a history's (clean.py's datelines start there too)
_STILL_TO_COME = regex.compile(r"\s+tới(?![\p{L}])")  # "ngày 1-7 tới"
RELATIVE = {"this_year", "last_year", "past_year", "past_months", "this_month", "last_month",
            "this_quarter", "last_quarter"}
# kinds of period that are never a figure's time: in a name, a baseline, a birth year, the day news
# was given (a target is, once: it silences its own sentence)
NOT_FIGURE_TIMES = frozenset({"name", "baseline", "birth", "report"})
NO_BOUNDS = NOT_FIGURE_TIMES | {"none", "target"}  # ... and vague times and plans: no bounds


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
                _check(y, m, d)
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
                _check(y, m, d)
                return _iso(y, m, d), ""
        if rule == "until_day" and y:
            m, d = num("m"), num("d")
            if m and d:
                _check(y, m, d)
                return "", _iso(y, m, d)
        if rule == "until_month" and y:
            m = num("m")
            if m and 1 <= m <= 12:
                return "", _iso(y, m, _last_day(y, m))
        if rule == "until_year" and y:
            return "", _iso(y, 12, 31)
        if rule == "day_span":  # "từ ngày 26-1 đến ngày 1-2", "từ 1-1 đến hết 31-1-2017"
            d1, m1, d2, m2 = num("d1"), num("m1"), num("d2"), num("m2")
            y2 = num("y2") or num("y1") or year
            if d1 and m1 and d2 and m2 and y2:
                y1 = num("y1") or (y2 - 1 if m1 > m2 else y2)
                a, b = _iso(y1, m1, d1), _iso(y2, m2, d2)
                _check(y1, m1, d1), _check(y2, m2, d2)
                if a <= b:
                    return a, b
        if rule == "month_span":  # "từ tháng 1 đến tháng 6/2017"
            m1, m2 = num("m1"), num("m2")
            y2 = num("y2") or num("y1") or year
            if m1 and m2 and y2 and 1 <= m1 <= 12 and 1 <= m2 <= 12:
                y1 = num("y1") or (y2 - 1 if m1 > m2 else y2)
                return _iso(y1, m1, 1), _iso(y2, m2, _last_day(y2, m2))
    except ValueError:  # 31/2 and the like
        return "", ""
    return "", ""


def _article_year(ref: str, m: int | None, d: int | None) -> int | None:
    """The year a day or month without one has in an article of date ``ref``: the article's, or
    the year before when that day would fall more than a week after the article and lies nearer
    back than ahead ("ngày 28/12" in an article of 5 January; not "ngày 20/2", a deadline two
    weeks on, in one of 6 February)."""
    if not ref:
        return None
    parts = [int(x) for x in ref.split("-")]
    y = parts[0]
    if m and len(parts) > 1:
        ref_key = (parts[1], parts[2] if len(parts) > 2 else 28)
        ahead = (m - ref_key[0]) * 31 + ((d or 1) - ref_key[1])
        if (m, d or 1) > ref_key and ahead > 7 and 372 - ahead < ahead:
            return y - 1
    return y


class PeriodFinder:
    """The period expressions of rules/periods.yaml, compiled, with the words that make a
    period a target ("phấn đấu đến năm 2030") or part of a name ("Đề án ... giai đoạn 2021-2025")."""

    def __init__(self, rules):
        self.rules = rules
        cfg = rules.periods

        def before(words: list[str], case: bool) -> regex.Pattern | None:
            # a cue as written (case kept when ``case``), then the rest of its clause up to the period
            return words_re(words, fold=False, ignore_case=not case,
                            tail=r"[^,;:.!?()“”\"]{0,%d}$" % cfg.get("cue_window", 60))

        self.target_before = before(cfg.get("targets", []), False)
        after = cfg.get("future_after", [])  # "ngày 11-2-2017 sẽ bắt đầu": a day still to come
        self.future_after = regex.compile(
            r"(?i)[^,;:.!?()“”\"\d]{0,%d}?" % cfg.get("future_after_window", 20) + WORD_BEFORE
            + alternation(after, fold=False) + WORD_AFTER) if after else None
        baselines = sorted(cfg.get("baselines", []), key=len, reverse=True)
        # a baseline word right before the period, with the time words of its own period ("so với 6
        # tháng đầu năm 2016"), or a comparison or share further back in its clause ("bằng 48% số vụ
        # cả năm 2016", rules/periods.yaml baseline_clause)
        forms = ["(?:" + "|".join(regex.escape(b) for b in baselines)
                 + r")(?:\s+(?:với|cùng kỳ|kỳ))?(?:\s+(?:\d+|tháng|đầu|cuối|quý|năm|[IV]+))*\s*"] if baselines else []
        forms += cfg.get("baseline_clause", [])
        self.baseline_before = regex.compile(r"(?i)(?<![\p{L}\p{N}])(?:" + "|".join(forms) + r")$") if forms else None
        same = cfg.get("same_period_before", [])
        self.same_period_year = regex.compile(words_pattern(same) + r"\s+(?:năm\s+)?((?:19[5-9]|20[0-4])\d)(?!\d)") \
            if same else None
        self.name_before = before(cfg.get("name_openers", []), True)
        self.name_before_any_case = before(cfg.get("name_openers_any_case", []), False)
        reports = cfg.get("report_verbs", [])
        self.report_after = regex.compile(
            r"(?i)\s*,(?:[^.;:!?“”\"\n]|(?<=\b\p{Lu}{1,3})\.){0,%d}?" % cfg.get("report_window", 160)
            + WORD_BEFORE + alternation(reports, fold=False) + WORD_AFTER) if reports else None
        self.stamp_after = regex.compile(cfg["stamp_after"]) if cfg.get("stamp_after") else None
        self.day_res = [rx for rule, rx in rules.period_res if rule == "day"]  # a lead's dateline day
        self.report_day_paragraphs = cfg.get("report_day_paragraphs", 5)
        births = sorted(cfg.get("not_periods_before", []), key=len, reverse=True)
        self.birth_before = regex.compile(r"(?i)(?<![\p{L}\p{N}])(?:" + "|".join(
            regex.escape(b) for b in births) + r")[\s:.]*$") if births else None
        self.lunar_new_year = {int(y): d for y, d in (cfg.get("lunar_new_year") or {}).items()}
        self.year_stems = [fold_words(w) for w in cfg.get("year_stems", [])]
        self.year_branches = [fold_words(w) for w in cfg.get("year_branches", [])]
        self.branch_variants = {fold_words(k): fold_words(v) for k, v in (cfg.get("year_branch_variants") or {}).items()}
        self.year_names_from = int(cfg.get("year_names_from", 1990))
        self.lunar_year_re = regex.compile(cfg["lunar_year"]) if cfg.get("lunar_year") else None
        gap = cfg.get("refined_by_bracket")  # what may stand between a period and the bracket giving its days
        self.bracket_gap = regex.compile(gap) if gap else None

    def is_report(self, text: str, a: int, b: int) -> bool:
        """A day opening its sentence whose clause then says who told the news ("Ngày 18/2, Công
        an tỉnh X cho biết, ..."): the day the news was given, not the time of what it counts."""
        return self.report_after is not None and not text[:a].strip() and bool(self.report_after.match(text, b))

    def kind_of(self, text: str, a: int) -> str:
        """'name', 'baseline' or 'target' when the words before ``a`` in its clause make it so, else ''."""
        head = text[max(0, a - 200):a]
        if self.birth_before is not None and self.birth_before.search(head):
            return "birth"
        if (self.name_before and self.name_before.search(head)) or \
                (self.name_before_any_case and self.name_before_any_case.search(head)):
            return "name"
        if self.baseline_before and self.baseline_before.search(head):
            return "baseline"
        if self.target_before and self.target_before.search(head):
            return "target"
        return ""

    def year_named(self, name: str) -> int | None:
        """The year a name of the sexagenary cycle stands for ("Đinh Dậu" -> 2017), or None."""
        words = fold_words(name).split()
        if len(words) != 2 or not self.year_stems or not self.year_branches:
            return None
        stem, branch = words[0], self.branch_variants.get(words[1], words[1])
        if stem not in self.year_stems or branch not in self.year_branches:
            return None
        s, b = self.year_stems.index(stem), self.year_branches.index(branch)
        return next((y for y in range(self.year_names_from, self.year_names_from + 60)
                     if y % 10 == s and y % 12 == b), None)

    def lunar_day(self, g: dict[str, str | None], year: int | None) -> tuple[str, str]:
        """The solar day of "mùng N Tết" of the year named ("Đinh Dậu", "2017") or given."""
        import datetime

        y = self.year_named(g["cc"]) if g.get("cc") else (int(g["y"]) if g.get("y") else year)
        n = _small_number(g.get("d"))
        first = self.lunar_new_year.get(y) if y else None
        if not first or not n or not 1 <= n <= 10:
            return "", ""
        day = (datetime.date.fromisoformat(first) + datetime.timedelta(days=n - 1)).isoformat()
        return day, day

    def refine(self, text: str, offset: int, found: list[PeriodMention],
               defined: dict[tuple[str, str, str], tuple[str, str]]) -> list[PeriodMention]:
        """A period followed by the days it stands for in brackets ("6 tháng đầu năm 2017 (tính từ
        ngày 16/12/2016 đến 15/6/2017)") is one period, with the bracket's bounds: one time of the
        sentence, not two; and the same period named again later in the article ("Trong 6 tháng đầu
        năm 2017, ...") has those bounds too (``defined``, updated here)."""
        if self.bracket_gap is None:
            return found
        out: list[PeriodMention] = []
        for p in found:
            key = (p.rule, p.period_start, p.period_end)
            if key in defined:
                p = PeriodMention(p.start, p.end, p.text, *defined[key], p.sentence, p.rule)
            prev = out[-1] if out else None
            if prev is not None and prev.rule not in NO_BOUNDS and p.rule not in NO_BOUNDS and \
                    (p.period_start or p.period_end) and \
                    self.bracket_gap.fullmatch(text, prev.end - offset, p.start - offset) and \
                    text[p.end - offset:p.end - offset + 2].lstrip().startswith(")"):
                out[-1] = PeriodMention(prev.start, p.end, text[prev.start - offset:p.end - offset],
                                        p.period_start, p.period_end, prev.sentence, prev.rule)
                defined[(prev.rule, prev.period_start, prev.period_end)] = (p.period_start, p.period_end)
                continue
            out.append(p)
        return out

    def text_year(self, norm: str) -> int | None:
        """For an article that shows no date: the latest year its text states as a time of events
        (not a birth year, a year inside a name, a baseline or a target), which a day or month written
        without its year ("ngày 18/5") takes when its paragraph states none."""
        years = [int(y.group()) for y in _DATE_YEAR.finditer(norm) if not self.kind_of(norm, y.start())]
        for m in self.lunar_year_re.finditer(norm) if self.lunar_year_re is not None else ():
            y = self.year_named(m.group("cc")) if m.group("cc") else int(m.group("y"))
            if y:
                years.append(y)  # "Tết Đinh Dậu": the text's year is 2017
        return max(years) if years else None

    def lead_day(self, seg: SegmentedDocument) -> tuple[int | None, int, int] | None:
        """The day the lead opens with ("Ngày 9-5, TAND ...", "Chiều 18-7, UBND xã ..."), the first
        of the sentences opening the first ``report_day_paragraphs`` paragraphs (title, furniture,
        lead) that starts with a day: (its year or None, month, day); None when no lead opens so."""
        norm = seg.clean.norm
        para = -1
        for s in seg.sentences:
            if s.paragraph >= self.report_day_paragraphs:
                break
            if s.paragraph == para:
                continue
            para, text = s.paragraph, norm[s.start:s.end]
            lead = len(text) - len(text.lstrip())
            m = next((m for rx in self.day_res for m in [rx.match(text, lead)] if m), None)
            if m is not None:
                g = m.groupdict()
                month, day = _small_number(g.get("m")), _small_number(g.get("d"))
                if not month or not day or (self.future_after is not None and (
                        self.future_after.match(text, m.end()) or _STILL_TO_COME.match(text, m.end()))):
                    return None  # "Ngày 1-7 tới, Luật ... sẽ có hiệu lực": a day still to come
                return (int(g["y"]) if g.get("y") else None), month, day
        return None

    def lead_date(self, seg: SegmentedDocument, known: str = "") -> str:
        """An article's date from its lead's opening day ("Sáng 7-2, ...": news is told on the day
        its lead opens with; FACTS.md's "sáng 18/9 with the year of the article"), for an article
        whose metadata, dateline and run give no day (``known``: what they give, '' or a year). The
        year is the day's own, else ``known``'s; '' when the lead opens with no day or neither gives
        a year (the text's years guess it wrong too often: in the first 3,000 archive articles the
        report year was right for 89 of 152 leads)."""
        day = self.lead_day(seg)
        if day is None:
            return ""
        year = day[0] or (int(known[:4]) if known[:4].isdigit() else None)
        if year is None or (known and str(year) != known[:4]):
            return ""
        if day[0] and not known and (year < _FIRST_NEWS_YEAR or year < (self.text_year(seg.clean.norm) or year)):
            return ""  # "Ngày 2/6/1953, Nữ hoàng đăng quang", "Ngày 27/7/1947, ...": a history's day, not the news's
        try:
            return date(year, day[1], day[2]).isoformat()
        except ValueError:
            return ""

    def report_year(self, seg: SegmentedDocument, year: int) -> int:
        """The year of an undated article whose lead opens with a day written without its year
        ("Ngày 9-5, TAND ... xử"): the news is told after the events it dates, so when that day comes
        before the latest day the text dates in ``year`` ("giữa tháng 6-2016"; not a plan's, a name's, a
        baseline's, nor a day still to come, rules/periods.yaml future_after), the article is of the year
        after; else of ``year``. Days without a year then take the year found."""
        norm = seg.clean.norm
        day = self.lead_day(seg)
        if day is None or day[0] is not None:
            return year
        opening = day[1:]
        latest = ""
        for rule, rx in self.rules.period_res:
            for m in rx.finditer(norm):
                g = m.groupdict()
                y = g.get("y") or g.get("y2")
                if y is None or int(y) != year or rule in RELATIVE or self.kind_of(norm, m.start()) or \
                        (self.future_after is not None and self.future_after.match(norm, m.end())):
                    continue
                start, _ = bounds(rule, g, year)
                latest = max(latest, start)  # a start: a deadline's end ("đến hết tháng 6") is no past event
        return year + 1 if latest and "%d-%02d-%02d" % (year, *opening) < latest else year

    def find(self, seg: SegmentedDocument, sentences: set[int] | None = None) -> list[PeriodMention]:
        """Periods of the sentences named (all by default). A day, month or part of a year written
        without its year takes the year stated before it in its sentence, else the article's date's,
        else the latest one stated before it in its paragraph; relative times ("năm nay", "6 tháng
        qua") take their bounds from the article's date (empty when the article shows none)."""
        norm = seg.clean.norm
        ref = seg.clean.meta.date or ""
        out: list[PeriodMention] = []
        para_year: int | None = None
        text_year = None if ref else self.text_year(norm)
        if text_year:
            text_year = self.report_year(seg, text_year)
        para = -1
        defined: dict[tuple[str, str, str], tuple[str, str]] = {}  # a period the text gave its days for
        for s in seg.sentences:
            if s.paragraph != para:
                para, para_year = s.paragraph, None
            text = norm[s.start:s.end]
            same_year = None  # "so với cùng kỳ năm 2016": the sentence's figures are of 2017
            if self.same_period_year is not None:
                last = None
                for last in self.same_period_year.finditer(text):
                    pass
                same_year = int(last.group(1)) + 1 if last else None
            taken: list[tuple[int, int]] = []
            found: list[PeriodMention] = []
            for rule, rx in self.rules.period_res if sentences is None or s.index in sentences else ():
                for m in rx.finditer(text):
                    a, b = m.span()
                    a += len(text[a:b]) - len(text[a:b].lstrip())
                    if a >= b or any(x < b and a < y for x, y in taken):
                        continue
                    kind = self.kind_of(text, a)
                    if not kind and rule == "day" and (self.is_report(text, a, b) or (
                            self.stamp_after is not None and self.stamp_after.match(text, b))):
                        kind = "report"  # the day the news was given, or the page's time stamp
                    g = m.groupdict()
                    if kind:
                        start, end, rule_used = "", "", kind
                    elif rule in RELATIVE:
                        n = g.get("n")
                        start, end = relative_bounds(rule, _small_number(n), ref or (
                            str(text_year) if text_year and rule in YEAR_RELATIVE else ""))
                        rule_used = rule
                    else:
                        own = [int(y.group()) for y in _YEAR.finditer(text, 0, a)
                               if self.kind_of(text, y.start()) not in ("birth", "name")]
                        month = _small_number(g.get("m") or g.get("m2"))
                        day = _small_number(g.get("d") or g.get("d2"))
                        year = own[-1] if own else _article_year(ref, month, day) or same_year or para_year or text_year
                        if rule == "lunar_day":  # a Tết of the article's year, else of the text's latest
                            start, end = self.lunar_day(g, int(ref[:4]) if ref else text_year)
                        else:
                            start, end = bounds(rule, g, year)
                        rule_used = rule
                    found.append(PeriodMention(s.start + a, s.start + b, text[a:b], start, end, s.index, rule_used))
                    taken.append((a, b))
            found.sort(key=lambda p: p.start)
            found = self.refine(text, s.start, found, defined)
            out.extend(found)
            # the year a later day of the paragraph takes: a date's year ("năm 2016", "5/2016"; not the
            # edition of an event, "kỳ thi THPT Quốc gia 2016"), not a birth year, nor a year inside a name
            not_times = [(p.start - s.start, p.end - s.start) for p in found if p.rule in NOT_FIGURE_TIMES]
            years = [int(y.group()) for y in _DATE_YEAR.finditer(text)
                     if self.kind_of(text, y.start()) not in ("birth", "name", "baseline")
                     and not any(a <= y.start() < b for a, b in not_times)]
            if years:
                para_year = years[-1]
            elif same_year:
                para_year = same_year
        return out


def find_periods(seg: SegmentedDocument, rules=None, sentences: set[int] | None = None) -> list[PeriodMention]:
    """The periods of a document's sentences (all by default), with ``rules``' Extractor."""
    from ..engine import Extractor

    return Extractor.for_rules(rules).periods.find(seg, sentences)


def _small_number(v: str | None) -> int | None:
    if v is None:
        return None
    v = v.strip().lower()
    if v in _WORDNUM:
        return _WORDNUM[v]
    return int(v) if v.isdigit() else None

