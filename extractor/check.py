"""``vnfacts check``: is a Vietnamese claim's figure in the facts table?

The claim is read by the same extractor as the articles (``extract(claim)``), so
"Tính đến ngày 1/5/2025, toàn tỉnh Sơn La có 80 mô hình" becomes a figure 80 "mô hình", place
Sơn La (province), period ..2025-05-01. Each figure of the claim is then compared with the figures
of the table (``compare.py`` says how places, units, periods and values are compared):

- **supported**: a figure for the same place (same level, same province), a compatible unit
  (equal, or one the start of the other: "vụ" / "vụ án"), the same change and the same period
  (when the claim gives one), whose value is the same or consistent with the claim's ("trên 80"
  is consistent with 85). A claim without a period is supported by such a figure of any period.
- **contradicted**: no supporting figure, but one for the same place, the *same* unit, the same
  kind and change, the same period (both undated, when the claim gives none) and the same
  action word before the number when both have one ("bắt 180" vs "bắt 175"; "bắt" vs "xử lý" are
  different measures), whose value cannot be the claim's. It is shown.
- **not_found**: neither. Figures of the same place and unit in other periods, or with a
  related unit, are listed as ``related`` so the reader sees what the table does have.

A claim whose figure has no place (``"Có 54 mô hình"``) is ``not_found`` with that reason: a
figure without a place cannot be checked against the table (its ``related`` list shows figures
with the same value and unit anywhere). A province claim ("toàn tỉnh Sơn La") only meets
figures whose location *is* that province, never its districts' or communes'. A claim with
several figures is supported when all are, contradicted when any is.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .compare import (AMBIGUOUS, Source, _num, figure_table, relation, source_of, subjects_differ,
                      units_compatible)
from .text import fold_key

MAX_RELATED = 10


class NoFigure(ValueError):
    """The claim has no figure (member count or outcome) to check."""


@dataclass
class ClaimFigure:
    value: float | None
    value_max: float | None
    qualifier: str
    unit: str
    change: str
    location: str
    level: str
    province: str
    period: str
    period_start: str
    period_end: str
    surface: str


@dataclass
class FigureVerdict:
    figure: ClaimFigure
    verdict: str  # supported | contradicted | not_found
    reason: str
    sources: list[Source] = field(default_factory=list)
    related: list[Source] = field(default_factory=list)


@dataclass
class Verdict:
    verdict: str
    claim: str
    reason: str
    figures: list[FigureVerdict]

    @property
    def sources(self) -> list[Source]:
        return [s for f in self.figures for s in f.sources]

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "claim": self.claim,
            "reason": self.reason,
            "sources": [s.to_dict() for s in self.sources],
            "figures": [
                {"figure": asdict(f.figure), "verdict": f.verdict, "reason": f.reason,
                 "sources": [s.to_dict() for s in f.sources], "related": [s.to_dict() for s in f.related]}
                for f in self.figures
            ],
        }


def _claim_figures(claim: str, rules=None):
    from .pipeline import extract

    facts = extract(claim, doc_id="claim", rules=rules)
    table = figure_table(facts)
    if table.empty:
        raise NoFigure(f"no figure (a number with what it counts) found in the claim: {claim!r}")
    return table


def _place_text(location: str, level: str, province: str) -> str:
    if not location:
        return "no place"
    lv = "level unclear" if level == AMBIGUOUS else (level or "level unknown")
    return f"{location} ({lv}, {province})" if province and province != location else f"{location} ({lv})"


def check_figure(c: dict, figs, rules=None) -> FigureVerdict:
    """One claim figure (a row of ``figure_table``) against the table's figures, with the geography
    of ``rules``' Extractor (the same rules the claim was read with)."""
    figure = ClaimFigure(
        value=_num(c["value"]), value_max=_num(c["value_max"]),
        qualifier=c["qualifier"], unit=c["unit"], change=c["change"], location=c["location"],
        level=c["place_level"], province=c["province"], period=c["period"],
        period_start=c["period_start"], period_end=c["period_end"], surface=c["surface"],
    )
    if not c["location"] or not c["place_key"]:
        why = ("the claim names no place for this figure" if not c["location"]
               else "the claim's place could not be given a level")
        same_anywhere = figs[(figs["unit_key"] == c["unit_key"])]
        related = [source_of(r, relation(c, r)) for r in same_anywhere.to_dict("records")]
        related = [s for s in related if s.match == "same"][:MAX_RELATED]
        return FigureVerdict(figure, "not_found", why + "; name the province, district or commune", [], related)

    here = figs[(figs["place_key"] == c["place_key"]) & (figs["change"] == c["change"])]
    rows = [r for r in here.to_dict("records")
            if units_compatible(c["unit"], r["unit"]) and not subjects_differ(c["subject_key"], r["subject_key"])]
    claim_period = c["period_key"]
    supports, contradicts, related = [], [], []
    for r in rows:
        rel = relation(c, r)
        same_period = r["period_key"] == claim_period
        # a claim that gives no period meets every figure of its place and unit, whatever its period
        if rel in ("same", "consistent") and (same_period or claim_period is None):
            supports.append(source_of(r, rel))
        elif (rel == "different" and (same_period or claim_period is None) and r["unit_key"] == c["unit_key"]
              and r["kind"] == c["kind"] and (r["cue"] == c["cue"] or not r["cue"] or not c["cue"])):
            contradicts.append(source_of(r, rel))
        else:
            related.append(source_of(r, rel))
    place = _place_text(c["location"], c["place_level"], c["province"])
    if supports:
        supports.sort(key=lambda s: s.match != "same")
        n_same = sum(s.match == "same" for s in supports)
        why = (f"{n_same} figure(s) give the same value" if n_same else
               "figures with a qualifier (trên, gần, khoảng, ...) are consistent with it") + f" for {place}"
        if contradicts:
            why += f"; {len(contradicts)} other figure(s) give a different value"
        return FigureVerdict(figure, "supported", why, supports + contradicts, related[:MAX_RELATED])
    if contradicts:
        if claim_period is None:
            periods = "; ".join(f"{_fmt_value(s)} ({_period_text(s.period, s.period_start, s.period_end) or 'no period'})"
                                for s in contradicts[:5])
            why = (f"the claim gives no period, and none of the {len(contradicts)} figure(s) for {place} with this "
                   f"unit agrees with it: {periods}")
        else:
            why = f"{len(contradicts)} figure(s) for {place}, same unit and period, give a different value"
        return FigureVerdict(figure, "contradicted", why, contradicts, related[:MAX_RELATED])
    # a province of the 2025 map holds the old provinces merged into it: their figures are parts
    # of it, never the same figure; list them, and say so
    if c["place_level"] == "province" and "province_2025" in figs.columns:
        from .engine import Extractor

        geo = Extractor.for_rules(rules).resolver.geo
        today = geo.canonical(c["province"]) if c["province"] else ""
        parts = figs[(figs["province_2025"].fillna("").map(fold_key) == fold_key(today)) & (figs["place_key"] != c["place_key"])
                     & (figs["province"].map(fold_key) != fold_key(c["province"]))] if today else figs.iloc[0:0]
        parts = [r for r in parts.to_dict("records") if units_compatible(c["unit"], r["unit"])]
        if parts:
            olds = sorted({r["province"] for r in parts if r.get("province")})
            related = [source_of(r, "part") for r in parts] + related
            if not rows:
                return FigureVerdict(figure, "not_found",
                                     f"no figure for {place} with this unit; {len(parts)} figure(s) of "
                                     f"{', '.join(olds)}, now part of {today} (2025 map), are listed as related: "
                                     "each is a part of the province, not the whole", [], related[:MAX_RELATED])
    if rows:
        why = f"no figure for {place} with this unit and period; {len(rows)} related figure(s) differ in period, unit or measure"
    else:
        why = f"no figure for {place} with this unit"
    # figures of a place whose name the article uses at two levels ("Hà Tĩnh" the province and
    # the city) are never compared; say so, and show them
    unclear = figs[(figs["place_level"] == AMBIGUOUS) & (figs["location"].map(fold_key) == fold_key(c["location"]))
                   & (figs["province"].map(fold_key) == fold_key(c["province"]))]
    unclear = [r for r in unclear.to_dict("records") if units_compatible(c["unit"], r["unit"])]
    if unclear:
        why += (f"; {len(unclear)} figure(s) for {c['location']} were not compared because their article "
                "uses that name for two places (province and city or district)")
        related = [source_of(r, relation(c, r)) for r in unclear] + related
    return FigureVerdict(figure, "not_found", why, [], related[:MAX_RELATED])


def check_claim(claim: str, facts, rules=None) -> Verdict:
    """Check every figure of ``claim`` against ``facts`` (a facts DataFrame, or the output of
    ``compare.figure_table`` on one). Raises ``NoFigure`` when the claim has no figure."""
    claim_figs = _claim_figures(claim, rules)
    figs = facts if "place_key" in getattr(facts, "columns", []) else figure_table(facts)
    results = [check_figure(c, figs, rules) for c in claim_figs.to_dict("records")]
    verdicts = [r.verdict for r in results]
    if "contradicted" in verdicts:
        overall = "contradicted"
    elif all(v == "supported" for v in verdicts):
        overall = "supported"
    else:
        overall = "not_found"
    if len(results) == 1:
        reason = results[0].reason
    else:
        reason = "; ".join(f"{r.figure.surface}: {r.verdict}" for r in results)
    return Verdict(overall, claim, reason, results)


def _fmt_value(s) -> str:
    def num(x):
        return ("%d" % x if float(x).is_integer() else ("%g" % x)) if x is not None else ""
    v = num(s.value)
    if s.value_max is not None and s.qualifier in ("range", "ratio"):
        v += ("/" if s.qualifier == "ratio" else "–") + num(s.value_max)
    q = "" if s.qualifier in ("exact", "range", "ratio", "") else f" ({s.qualifier})"
    return f"{v} {s.unit}{q}"


def _period_text(p, start, end) -> str:
    if not (p or start or end):
        return "no period"
    if start and end:
        bounds = f"{start}..{end}"
    elif start or end:
        bounds = f"from {start}" if start else f"until {end}"
    else:
        bounds = "no dates"
    return f"{p!s} [{bounds}]" if p else bounds


def format_text(v: Verdict) -> str:
    lines = [f"{v.verdict.upper()}: {v.claim}"]
    for f in v.figures:
        c = f.figure
        lines.append(f"  claim figure: {_fmt_value(c)} · {_place_text(c.location, c.level, c.province)} · "
                     f"{_period_text(c.period, c.period_start, c.period_end)}")
        lines.append(f"  -> {f.verdict}: {f.reason}")
        for title, group in (("source", f.sources), ("related", f.related)):
            for s in group:
                lines.append(f"    [{title}, {s.match}] {_fmt_value(s)} · {_place_text(s.location, s.level, s.province)}"
                             f" · {_period_text(s.period, s.period_start, s.period_end)}")
                lines.append(f"      {s.doc_id} [{s.char_start}:{s.char_end}] “{s.sentence.strip()}”")
    return "\n".join(lines)
