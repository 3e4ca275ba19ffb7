"""How two figures (member_count / outcome rows) are compared: shared by ``check`` and ``conflicts``.

A figure is compared on five things:

- **place**: its ``location`` name, the level that name has in the same article (looked up in the
  article's own location rows, FACTS.md) and its ``province``. A figure whose location is the
  province "Sơn La" has place ``province:sonla:sonla``; a commune figure in Sơn La has
  ``commune:sonla:<commune>``, so a province claim never meets commune figures. When the article
  has the same name at two levels in the same province (``thị xã Thanh Hóa`` and ``Thanh Hóa``) the
  level is unknown (``?``) and the figure is not compared at all.
- **unit**: lower case, NFC, new-style tones, single spaces (``text.fold_words``). Two figures count
  the same thing when their units are equal after that. ``units_compatible`` also accepts one unit
  being the start of the other ("vụ" / "vụ án", "tổ liên gia" / "tổ liên gia tự quản") unless a
  rate ("đồng/kg") is involved; ``check`` uses it only to *support* a claim, never to contradict one.
- **period**: ``(period_start, period_end)`` when either bound is known, else undated. Periods are
  the same when both bounds are equal; an open start ("tính đến ngày 1/5/2025") is a stock as of
  its end date. Overlapping but different periods ("năm 2022" and "6 tháng đầu năm 2022") are
  a whole and a part: their figures may differ without disagreeing.
- **change** (increase / decrease / none) and **subject** (the model, when both name one).
- **value**: each figure stands for an interval of true values its qualifier allows
  (``interval``): exact -> [v, v]; range -> [v, value_max]; more_than -> [v, inf); less_than ->
  [0, v]; nearly ("gần") -> [0.9v, v]; about ("khoảng") -> [0.9v, 1.1v]; vague ("hàng trăm") ->
  [v, 10v]; ratio ("15/17") -> [v, v] and value_max must match. Two figures are the ``same`` when
  value, value_max and qualifier are equal (or both are exact), ``consistent`` when their intervals
  meet ("trên 80" and 85; "gần 80" and 80), ``different`` when they do not.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import regex

from .records import FACT_COLUMNS
from .text import fold_key, fold_words

FIGURE_KINDS = ("member_count", "outcome")
AMBIGUOUS = "?"

_SLACK = 1e-9


def unit_key(unit: str) -> str:
    return fold_words(unit or "")




@lru_cache(maxsize=1)
def _measures() -> frozenset[str]:
    from . import rules as rules_mod

    return frozenset(fold_words(m) for m in rules_mod.load().units.get("measures", []))


@lru_cache(maxsize=4)
def _lexicon(name: str) -> frozenset[str]:
    """A word list of rules/compare.yaml, folded."""
    from . import rules as rules_mod

    return frozenset(fold_words(w) for w in rules_mod.load().compare.get(name, []))


def is_measure(unit: str) -> bool:
    """A unit that says little about what is measured: a currency, a measure, a rate, a percentage,
    "người" ("3 người chết" and "30 người tham gia" share it)."""
    k = unit_key(unit)
    return k in _measures() or "/" in k or k in _lexicon("generic_units")


def units_compatible(a: str, b: str) -> bool:
    """Equal units, or one the word-prefix of the other ("vụ" ~ "vụ án"); rates only when equal."""
    ka, kb = unit_key(a), unit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if "/" in ka or "/" in kb:
        return False
    wa, wb = ka.split(), kb.split()
    n = min(len(wa), len(wb))
    return wa[:n] == wb[:n]


def _num(x) -> float | None:
    if x is None or x == "":
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def interval(value, value_max, qualifier: str) -> tuple[float, float]:
    v = _num(value)
    vmax = _num(value_max)
    if v is None:
        return (math.nan, math.nan)
    q = qualifier or "exact"
    if q == "range" and vmax is not None:
        return (min(v, vmax), max(v, vmax))
    if q == "more_than":
        return (v, math.inf)
    if q == "less_than":
        return (0.0, v)
    if q == "nearly":
        return (0.9 * v, v)
    if q == "about":
        return (0.9 * v, 1.1 * v)
    if q == "vague":
        return (v, 10 * v)
    return (v, v)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=_SLACK, abs_tol=_SLACK)


def relation(a: dict, b: dict) -> str:
    """``same``, ``consistent`` or ``different`` (see the module docstring)."""
    qa, qb = a.get("qualifier") or "exact", b.get("qualifier") or "exact"
    va, vb = _num(a.get("value")), _num(b.get("value"))
    ma, mb = _num(a.get("value_max")), _num(b.get("value_max"))
    if va is None or vb is None:
        return "different"
    if "ratio" in (qa, qb):
        if qa == qb == "ratio":
            return "same" if _close(va, vb) and _close(ma, mb) else "different"
        # a ratio against a count: compare the counts only
        qa = "exact" if qa == "ratio" else qa
        qb = "exact" if qb == "ratio" else qb
        ma = None if a.get("qualifier") == "ratio" else ma
        mb = None if b.get("qualifier") == "ratio" else mb
    if _close(va, vb) and _close(ma, mb) and qa == qb:
        return "same"
    la, ha = interval(va, ma, qa)
    lb, hb = interval(vb, mb, qb)
    tol = lambda x: abs(x) * _SLACK + _SLACK  # noqa: E731
    if la <= hb + tol(hb) and lb <= ha + tol(ha):
        return "consistent"
    return "different"


def period_key(start, end) -> tuple[str, str] | None:
    s, e = (start or "").strip(), (end or "").strip()
    return (s, e) if s or e else None


# -- the word before a figure: what was done to the counted things ("bắt", "làm rõ", "thu hút") --
_WORD = regex.compile(r"[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")


def _content_word(words: list[str]) -> str:
    for w in words:
        low = fold_words(w)
        if not w[0].isalnum() or low in _lexicon("cue_breaks"):
            return ""  # the clause ends here: "..., 80 mô hình", "… và 40 con/kg", "5% so với"
        if low in _lexicon("cue_stopwords") or w.isdigit() or w[0].isupper():  # function words, numbers, names
            continue
        return low
    return ""


def cue(sentence: str, surface: str) -> str:
    """The last content word before the figure in its clause, lower case ('' when none):
    "Công an huyện đã bắt 180 đối tượng" -> "bắt". Names ("Nghệ An có 7 giải") are skipped."""
    sentence, surface = sentence or "", surface or ""
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return ""
    return _content_word(list(reversed(_WORD.findall(sentence[:at])[-4:])))


def cue_after(sentence: str, surface: str) -> str:
    """The first content word after the figure in its clause, lower case ('' when none): what the
    counted things are or did ("3 người chết" -> "chết", "70% số dân" -> "dân"); a comparison
    ("tăng 5% so với") or a new item ("… và 40 con/kg") ends it."""
    sentence, surface = sentence or "", surface or ""
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return ""
    return _content_word(_WORD.findall(sentence[at + len(surface):])[:3])


@dataclass
class Source:
    """One figure of the facts table, as evidence."""

    doc_id: str
    fact_id: str
    kind: str
    value: float | None
    value_max: float | None
    qualifier: str
    unit: str
    change: str
    location: str
    level: str
    province: str
    subject: str
    period: str
    period_start: str
    period_end: str
    surface: str
    sentence: str
    char_start: int
    char_end: int
    match: str = ""  # same | consistent | different (against the claim or the other figure)

    def to_dict(self) -> dict:
        return asdict(self)


def source_of(row: dict, match: str = "") -> Source:
    def s(k):
        v = row.get(k)
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)

    return Source(
        doc_id=s("doc_id"), fact_id=s("fact_id"), kind=s("kind"), value=_num(row.get("value")),
        value_max=_num(row.get("value_max")), qualifier=s("qualifier"), unit=s("unit"), change=s("change"),
        location=s("location"), level=s("place_level"), province=s("province"), subject=s("subject"),
        period=s("period"), period_start=s("period_start"), period_end=s("period_end"),
        surface=s("surface"), sentence=s("sentence"), char_start=int(row.get("char_start") or 0),
        char_end=int(row.get("char_end") or 0), match=match,
    )


def load_facts(path: str | Path):
    """The facts table of an extract output folder (facts.parquet, else facts.jsonl) or of a file."""
    import pandas as pd

    p = Path(path)
    if p.is_dir():
        if (p / "facts.parquet").exists():
            p = p / "facts.parquet"
        elif (p / "facts.jsonl").exists():
            p = p / "facts.jsonl"
        else:
            raise FileNotFoundError(f"{path}: no facts.parquet or facts.jsonl in this folder")
    if p.suffix == ".parquet":
        df = pd.read_parquet(p)
    elif p.suffix == ".csv":
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
    else:
        df = pd.read_json(p, lines=True, dtype=False)
    for col in FACT_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    return df


def figure_table(facts):
    """The figure rows of a facts table (DataFrame or list of Facts/dicts) with comparison columns:
    ``place_level``, ``place_key`` ('' when the figure has no place or its level is ambiguous),
    ``unit_key``, ``period_key`` (None when undated), ``cue``, ``cue_after``, ``subject_key``."""
    import pandas as pd

    if not isinstance(facts, pd.DataFrame):
        facts = pd.DataFrame([f.to_dict() if hasattr(f, "to_dict") else dict(f) for f in facts],
                             columns=FACT_COLUMNS)
    df = facts.copy()
    for col in FACT_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    from .write import NUMBER_COLUMNS

    text_cols = [c for c in FACT_COLUMNS if c not in NUMBER_COLUMNS]
    df[text_cols] = df[text_cols].fillna("").astype(str)
    df["doc_id"] = df["doc_id"].astype(str)

    locs = df[df["kind"] == "location"]
    levels: dict[tuple[str, str, str], set[str]] = {}
    for doc_id, name, province, level in zip(locs["doc_id"], locs["name"], locs["province"], locs["level"]):
        levels.setdefault((doc_id, fold_key(name), fold_key(province)), set()).add(level)

    figs = df[df["kind"].isin(FIGURE_KINDS)].copy()

    def level_of(doc_id, location, province):
        if not location:
            return ""
        found = levels.get((doc_id, fold_key(location), fold_key(province)))
        if not found:
            return ""
        return next(iter(found)) if len(found) == 1 else AMBIGUOUS

    figs["place_level"] = [level_of(d, l, p) for d, l, p in zip(figs["doc_id"], figs["location"], figs["province"])]
    # a district, commune or village is keyed by its province on today's map, so one unit meets
    # itself across the 2025 reform ("huyện Trạm Tấu" of Yên Bái in 2017 is "huyện Trạm Tấu cũ" of
    # Lào Cai in 2026); a province stays itself (Yên Bái is not Lào Cai, only part of it)
    today = figs["province_2025"].fillna("") if "province_2025" in figs.columns else figs["province"]
    figs["place_key"] = [
        f"{lv}:{fold_key(p2 if lv != 'province' and p2 else p)}:{fold_key(l)}" if l and lv and lv != AMBIGUOUS else ""
        for lv, p, p2, l in zip(figs["place_level"], figs["province"], today, figs["location"])
    ]
    figs["unit_key"] = figs["unit"].map(unit_key)
    figs["period_key"] = [period_key(s, e) for s, e in zip(figs["period_start"], figs["period_end"])]
    figs["cue"] = [cue(s, f) for s, f in zip(figs["sentence"], figs["surface"])]
    figs["cue_after"] = [cue_after(s, f) for s, f in zip(figs["sentence"], figs["surface"])]
    figs["subject_key"] = figs["subject"].map(fold_words)
    return figs


def subjects_differ(a: str, b: str) -> bool:
    """Both figures name a model, and not the same one (60% of words shared, as in eval)."""
    if not a or not b:
        return False
    wa, wb = a.split(), b.split()
    common = len(set(wa) & set(wb))
    return common / max(len(wa), len(wb)) < 0.6
