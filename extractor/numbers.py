"""Stage 4, read numbers: a Vietnamese number reader.

    >>> read_quantity("trên 1.300")
    Quantity(value=1300, value_max=None, qualifier='more_than', start=0, end=10)
    >>> read_quantity("từ 5 - 8 triệu").value_max
    8000000

Digits follow Vietnamese usage: "." groups thousands ("1.300" = 1300), "," is the decimal mark
("22,5" = 22.5). Number words ("hai", "mười lăm", "một trăm"), scales ("247 tỷ"), ranges
("5 - 8"), ratios ("15/17"), vague counts ("hàng trăm") and qualifiers ("trên", "gần",
"khoảng", "dưới") are read from ``rules/numbers.yaml``. Whether a number is a *figure*
(and not a date or an identifier) is the figure finder's business, not this module's.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterator

import regex

from .lexicon import alternation
from . import rules as rules_mod
from .records import Quantity
from .text import fold_words

_DIGITS = (
    r"\d{1,3}(?:,\d{3}){2,}(?![\d,])"          # 1,300,000 (English grouping, three groups or more)
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])"  # 1.300 / 3.122 / 1.300,5
    r"|\d+,\s\d{3}(?=\s*(?:tỷ|tỉ|triệu|nghìn|ngàn))"  # "21, 218 tỷ" (a stray space after the comma)
    r"|\d+\.\d{1,2}(?![\d.])"                 # 3.5 / 2.75: a point before one or two digits is a decimal point
    r"|\d+(?:,\d+)?(?![\d])"                   # 15 / 22,5
)


def to_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


_ENGLISH_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3}){2,}")
_DECIMAL_POINT = regex.compile(r"\d+\.\d{1,2}")
_OR = regex.compile(r"(?i)(?<![\p{L}])hoặc(?![\p{L}])")


def parse_digits(text: str) -> Decimal | None:
    """ "1.300" -> 1300, "22,5" -> 22.5, "1,300,000" -> 1300000."""
    s = text.replace(" ", "")
    if _ENGLISH_THOUSANDS.fullmatch(s):
        s = s.replace(",", "")
    elif _DECIMAL_POINT.fullmatch(s):
        pass  # "3.5": a decimal point (Vietnamese groups thousands by three digits only)
    else:
        s = s.replace(".", "").replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


class NumberReader:
    def __init__(self, rules=None):
        self.rules = rules or rules_mod.load()
        cfg = self.rules.numbers
        self.units_words = {fold_words(k): v for k, v in cfg["units_words"].items()}
        self.compound_only = {fold_words(k): v for k, v in cfg["compound_only"].items()}
        self.scales = {fold_words(k): v for k, v in cfg["scales"].items()}
        self.vague = {fold_words(k): v for k, v in cfg["vague"].items()}
        self.qualifier_of = {fold_words(w): q for q, ws in cfg["qualifiers"].items() for w in ws}
        self.qualifier_after = {fold_words(w): q for q, ws in cfg.get("qualifiers_after", {}).items() for w in ws}
        W = _alt(self.units_words)
        C = _alt(self.compound_only)
        S = _alt(self.scales)
        one = cfg.get("one_counts")  # "một người chết": a casualty's "một" is a count ...
        not_after = cfg.get("one_counts_not_after") or []  # ... "khi một người chết" is none
        one_guard = "".join(rf"(?<!(?<![\p{{L}}]){regex.escape(w)}\s)" for w in not_after)
        word_num = (
            rf"(?:{W}|(?:một|năm)(?=\s+(?:{S}|mươi))" + (rf"|{one_guard}một(?={one})" if one else "") + ")"
            rf"(?:\s+(?!(?<=mươi\s+)năm(?!\p{{L}}))(?:{W}|{C}|{S}))*"
            r"(?![\p{L}])"  # a whole word: "Chính quyền" holds no "chín"
        )
        num = rf"(?:{_DIGITS}|{word_num})"
        scale = rf"(?:\s*(?:{S})(?![\p{{L}}]))*"  # scales stack: "2,5 triệu tỷ", "vài trăm nghìn"
        negative = _alt({fold_words(w): 1 for w in cfg.get("negative", [])}) if cfg.get("negative") else None
        joiners = "|".join(regex.escape(j) for j in cfg["range_joiners"])
        openers = _alt({fold_words(w): 1 for w in cfg["range_openers"]})
        self.pattern = regex.compile(
            rf"(?i)(?<![\p{{L}}\p{{N}}.])(?<!\d[,/])"
            rf"(?:(?P<qual>{_alt(self.qualifier_of)})\s+)?"
            + (rf"(?:(?P<neg>{negative})\s+)?" if negative else r"(?P<neg>(?!))?") +
            rf"(?:(?P<open>{openers})\s+)?"
            rf"(?:"
            rf"(?P<vague>{_alt(self.vague)})(?![\p{{L}}])(?P<vs>{scale})"
            rf"|(?P<bare>(?:{S})(?:\s+(?:{S}))+)(?![\p{{L}}])"
            rf"|(?P<ra>\d+)\s?/\s?(?P<rb>\d+)(?![\d/])"
            rf"|(?P<n1>{num})(?P<s1>{scale})"
            rf"(?:\s*(?:{joiners})\s*(?P<n2>{num})(?P<s2>{scale}))?"
            rf")"
            rf"(?![\p{{N}}])"
        )

    # -- reading -------------------------------------------------------------------------
    def words_value(self, text: str) -> Decimal | None:
        """ "hai" -> 2, "mười lăm" -> 15, "hai trăm năm mươi" -> 250, "ba nghìn" -> 3000."""
        total, cur, last = Decimal(0), Decimal(0), Decimal(0)
        seen = digit_before = False
        scale_before = 0  # the scale word just read, when nothing stood after it yet
        for w in fold_words(text).split():
            digit = False
            if w in ("mươi",):
                cur += last * 9
                last = Decimal(0)
            elif w == "mười":
                cur += 10
                last = Decimal(0)
            elif w == "trăm":
                cur = (cur or 1) * 100
                last = Decimal(0)
            elif w in self.scales:
                if not cur and scale_before and self.scales[w] > scale_before:
                    total *= self.scales[w]  # scales stack: "một nghìn tỷ" is 10^12, not 10^9 + 10^3
                else:
                    total += (cur or 1) * self.scales[w]
                cur, last = Decimal(0), Decimal(0)
                scale_before = self.scales[w]
                digit_before, seen = False, True
                continue
            elif w in self.units_words or w in self.compound_only:
                last = Decimal((self.units_words | self.compound_only)[w])
                digit = 0 < last < 10
                if digit and digit_before:
                    return None  # "ba năm" (three years), "hai ba" (two or three): not one number
                cur += last
            else:
                return None
            digit_before = digit
            scale_before = 0
            seen = True
        return total + cur if seen else None

    def number_value(self, text: str) -> Decimal | None:
        text = text.strip()
        if text and text[0].isdigit():
            return parse_digits(text)
        return self.words_value(text)

    def scale_value(self, text: str) -> int:
        """The product of the scale words: "triệu tỷ" -> 10^15, "" -> 1."""
        value = 1
        for w in fold_words(text).split():
            value *= self.scales.get(w, 1)
        return value

    def quantity(self, m: regex.Match, offset: int = 0) -> Quantity | None:
        qualifier = self.qualifier_of.get(fold_words(m.group("qual") or ""), "exact")
        sign = -1 if m.group("neg") else 1  # "âm 5 tỷ đồng": a negative figure keeps its sign
        if m.group("vague"):
            value = self.vague[fold_words(m.group("vague"))] * self.scale_value(m.group("vs") or "")
            return Quantity(sign * value, None, "vague", m.start() + offset, m.end() + offset)
        if m.group("bare"):  # "nghìn tỷ đồng": scales with no number before them
            return Quantity(sign * self.scale_value(m.group("bare")), None, qualifier, m.start() + offset, m.end() + offset)
        if m.group("ra"):
            a, b = int(m.group("ra")), int(m.group("rb"))
            return Quantity(a, b, "ratio", m.start() + offset, m.end() + offset)
        v1 = self.number_value(m.group("n1"))
        if v1 is None:
            return None
        s1 = self.scale_value(m.group("s1"))
        if m.group("n2"):
            v2 = self.number_value(m.group("n2"))
            if v2 is None:
                return None
            s2 = self.scale_value(m.group("s2"))
            if s1 == 1 and s2 != 1:
                s1 = s2  # "5 - 8 triệu": the scale covers both ends
            lo, hi = v1 * s1, v2 * s2
            if hi < lo and _OR.search(m.group(), m.end("n1") - m.start(), m.start("n2") - m.start()):
                lo, hi = hi, lo  # "10 hoặc 5 hộ": either, the same range
            if hi <= lo:
                return None  # "24-7", "9-7": not a range of values
            return Quantity(to_number(lo), to_number(hi), "range", m.start() + offset, m.end() + offset)
        return Quantity(to_number(sign * v1 * s1), None, qualifier, m.start() + offset, m.end() + offset)

    def finditer(self, text: str, offset: int = 0) -> Iterator[tuple[Quantity, regex.Match]]:
        for m in self.pattern.finditer(text):
            q = self.quantity(m, offset)
            if q is not None:
                yield q, m

    def read(self, text: str) -> Quantity | None:
        """Read one whole number expression ("trên 1.300", "hàng trăm", "5 - 8 triệu")."""
        m = self.pattern.fullmatch(text.strip())
        return self.quantity(m) if m else None


def _alt(words) -> str:
    """An alternation of folded keys (the dicts above are keyed by ``fold_words`` already)."""
    return alternation(words, fold=False)


@lru_cache(maxsize=4)
def reader(rules=None) -> NumberReader:
    return NumberReader(rules)


def read_quantity(text: str) -> Quantity | None:
    """Read a number expression with the project's rules: value, value_max, qualifier."""
    return reader().read(text)


def parse_number(text: str) -> int | float | None:
    """Just the value of a number expression ("1.300" -> 1300, "hai" -> 2), or None."""
    q = read_quantity(text)
    return q.value if q else None
