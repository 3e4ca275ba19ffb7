"""``vnfacts conflicts``: figures in the facts table that disagree.

Two member_count / outcome figures conflict when they measure the same thing and their values
cannot both be true (``compare.relation`` is ``different``: "trên 80" and 85 agree, "gần 80" and
80 agree, 80 and 75 do not). "The same thing" means all of:

- the same **place**: the same location name at the same level in the same province
  (``compare.figure_table``); figures without a place, or whose level is ambiguous, are skipped;
- the same **unit** after folding (case, NFC, tone placement); "vụ" and "vụ án" are different
  units here (an incident and a criminal case are counted apart in the press);
- the same **kind** (member_count / outcome) and the same **change** (a "giảm 10%" and a "tăng 5%"
  are different measures, as are a level and a change);
- the same or an **overlapping period** (``periods_meet``): equal bounds, or periods that overlap
  without one holding the other ("tính đến 1/5/2025" and "năm 2025" meet). A whole and its part
  ("năm 2022" and "6 tháng đầu năm 2022") do not: a half-year's figure is not the year's. Undated
  figures ("hiện nay", no time at all) are only compared with undated figures *of the same
  article*: across articles "now" is a different day;
- no disagreement in the **words around the number** (``compare.cue``, the content word before
  it, and ``compare.cue_after``, the content word after it, in its clause): "bắt 180 đối tượng"
  and "bắt 175 đối tượng" are compared, "có 80 mô hình" and "có 72 mô hình" too (no word on
  either side), but "bắt 180 đối tượng" and "xử lý 200 đối tượng" are not. A generic unit
  (``compare.is_measure``: a currency, a measure, a rate, "%", and ``rules/compare.yaml``'s
  ``generic_units``: "người", "lượt", "lần") needs both words, and equal ones, because "đồng" or
  "%" alone says nothing about what is measured; other units need one of the two words, except
  the ``self_describing_units`` of ``rules/compare.yaml`` ("mô hình", "tổ tự quản", "hội viên");
- not two different **models** (``subject``) when both figures name one;
- neither in a sentence listing several figures of that unit ("cỡ 30 và 40 con/kg", "3 người
  chết, 5 người bị thương"): a list names different items;
- within **one article**, only a restatement: two figures in different sentences, both with
  words on both sides.

Pairs are only formed inside groups of the same key (pandas ``groupby``), never over the table.

What remains (be honest): on the whole archive (228,744 facts) it reports 502 pairs, 369 across
articles, mostly one story told by two outlets with several figures of one unit in different
sentences; on the first 2,000 archive articles (13,430 rows, 9,921 figures) this
reports 2 pairs, both within one article and both two different things (two buyers' car orders
"mua 17 xe ôtô" / "mua đến 70 xe ôtô"; two price ranges "giá từ 9 triệu" / "giá từ 15 triệu
đồng"). Without the word filters it reported 271 pairs, nearly all lists of different items
(prices of gold at several banks, shrimp sizes, investment projects) or different companies in
one province ("VOS lỗ 359 tỷ" / "SJC lỗ 393 triệu"). The filters trade recall for precision:
one word on each side is a crude description of a measure, so "có 80 mô hình" and "xây dựng 80
mô hình" are never compared, and two different measures after the same verb still are; an
extractor error (a wrong place or period) becomes a conflict; undated figures of two articles are
never compared.
"""
from __future__ import annotations

from dataclasses import dataclass

from .compare import Source, _lexicon, figure_table, is_measure, relation, source_of, subjects_differ
from .text import fold_key

KEY = ["place_key", "unit_key", "kind", "change", "period_group", "measure_cue"]


@dataclass
class Conflict:
    place: str
    level: str
    province: str
    unit: str
    kind: str
    change: str
    period: str  # "start..end", or "undated"
    cue: str
    a: Source
    b: Source
    map_note: str = ""  # the two name the place on different maps of its time (the 2025 reform)

    def to_dict(self) -> dict:
        return {
            "place": self.place, "level": self.level, "province": self.province, "unit": self.unit,
            "kind": self.kind, "change": self.change, "period": self.period, "cue": self.cue,
            "value_a": self.a.value, "value_b": self.b.value, "map_note": self.map_note,
            "a": self.a.to_dict(), "b": self.b.to_dict(),
        }


def _period_group(row) -> str:
    return "dated" if row["period_key"] is not None else f"undated@{row['doc_id']}"


def periods_meet(a, b) -> bool:
    """Equal periods, or overlapping ones where neither holds the other (ISO dates compare as
    text; an open bound is unbounded)."""
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    a0, a1 = a[0] or "0000", a[1] or "9999"
    b0, b1 = b[0] or "0000", b[1] or "9999"
    overlap = a0 <= b1 and b0 <= a1
    nested = (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)
    return overlap and not nested


def _words_disagree(a: dict, b: dict) -> bool:
    return any(a[k] and b[k] and a[k] != b[k] for k in ("cue", "cue_after"))


def find_conflicts(facts_df, across_only: bool = False) -> list[Conflict]:
    """Every pair of figures of ``facts_df`` (a facts table) that disagree, grouped by key.
    ``across_only``: only pairs from two different articles."""
    figs = figure_table(facts_df)
    figs = figs[(figs["place_key"] != "") & (figs["unit_key"] != "") & figs["value"].notna()]
    if figs.empty:
        return []
    # a sentence with two figures of one unit is a list ("cỡ 30 và 40 con/kg", "2 trai 1 gái"):
    # counted before any figure is set aside, so a list stays a list
    figs = figs.assign(listed=figs.groupby(["doc_id", "sentence", "unit_key"], sort=False)["fact_id"]
                       .transform("size").values > 1)
    # a measure ("đồng", "%", "người", "đồng/kg") needs both words around it to say what it measures
    measure = figs["unit_key"].map(is_measure)
    has_cue, has_after = figs["cue"] != "", figs["cue_after"] != ""
    described = figs["unit_key"].map(lambda u: u in _lexicon("self_describing_units"))
    figs = figs[(has_cue & has_after) | (~measure & (has_cue | has_after | described))]
    figs = figs.assign(
        full_cue=(has_cue & has_after).reindex(figs.index).values,
        period_group=[_period_group(r) for r in figs[["period_key", "doc_id"]].to_dict("records")],
        measure_cue=[f"{c}|{a}" if m else "" for c, a, m in
                     zip(figs["cue"], figs["cue_after"], figs["unit_key"].map(is_measure))],
    )
    sizes = figs.groupby(KEY, sort=False)["fact_id"].transform("size")
    figs = figs[sizes > 1]
    out: list[Conflict] = []
    for _key, group in figs.groupby(KEY, sort=True):
        rows = group.sort_values(["doc_id", "char_start"]).to_dict("records")
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if a["listed"] or b["listed"]:
                    continue  # an enumeration of different items, in either article
                if a["doc_id"] == b["doc_id"]:
                    # within one article: a restatement
                    if across_only or a["sentence"] == b["sentence"]:
                        continue
                    if not (a["full_cue"] and b["full_cue"]):
                        continue
                if subjects_differ(a["subject_key"], b["subject_key"]) or _words_disagree(a, b):
                    continue
                if not periods_meet(a["period_key"], b["period_key"]):
                    continue
                if relation(a, b) != "different":
                    continue
                period = "undated" if a["period_key"] is None else " / ".join(
                    sorted({f"{x['period_key'][0]}..{x['period_key'][1]}" for x in (a, b)}))
                eras = "" if fold_key(a["province"]) == fold_key(b["province"]) else (
                    f"one place on two maps: {a['province']} then, {b['province']} in the other article "
                    f"({a.get('province_2025') or b.get('province_2025')} on the 2025 map)")
                out.append(Conflict(
                    place=a["location"], level=a["place_level"], province=a["province"], unit=a["unit"],
                    kind=a["kind"], change=a["change"], period=period,
                    cue=" … ".join(x for x in (a["cue"], a["cue_after"]) if x),
                    a=source_of(a, "different"), b=source_of(b, "different"), map_note=eras,
                ))
    return out


def format_text(conflicts: list[Conflict]) -> str:
    from .check import _fmt_value

    if not conflicts:
        return "no conflicting figures"
    lines = [f"{len(conflicts)} conflicting pair(s) of figures"]
    for n, c in enumerate(conflicts, 1):
        where = c.place if c.province in ("", c.place) else f"{c.place}, {c.province}"
        what = f"{c.unit}" + (f", {c.change}" if c.change else "") + (f", words “{c.cue}”" if c.cue else "")
        lines.append(f"\n{n}. {where} ({c.level}) · {what} · period {c.period}"
                     + (f" · {c.map_note}" if c.map_note else ""))
        for s in (c.a, c.b):
            lines.append(f"   {_fmt_value(s):<24} {s.doc_id} [{s.char_start}:{s.char_end}] “{s.sentence.strip()}”")
    return "\n".join(lines)
