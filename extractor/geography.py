"""The two maps of Vietnam: the 63-province map in force until 30 June 2025 and the 34-province
map of the 2025 reform (communes directly in provinces). Which map an article is written on,
and each place on today's map: ``province_2025``, ``commune_2025``, coordinates.

All of it from the ``vietnamadminunits`` package's own data files (offline): its dataset of both
maps and its converter table (an old commune's key -> the new commune that holds it whole).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from .lexicon import LETTER_AFTER, LETTER_BEFORE, words_re
from .gazetteer import Gazetteer, _db_path
from .gazetteer import load as load_gazetteer
from .text import fold_key

REFORM_DATE = "2025-07-01"  # the day the 34-province map took effect
LEGACY, NEW = "legacy", "2025"


@dataclass
class MapChoice:
    map: str  # legacy | 2025
    note: str  # why: "date 2017-02-07", "text: 'sau sáp nhập', chain 'xã X, tỉnh Y'", "no evidence: legacy"


@dataclass
class Converter:
    """Old units to new ones, from the package's converter table."""

    province_2025: dict[str, str] = field(default_factory=dict)  # folded old province -> new short name
    commune_2025: dict[tuple[str, str, str], str] = field(default_factory=dict)  # folded (prov, district, ward) -> new ward
    new_communes: dict[str, set[str]] = field(default_factory=dict)  # folded new province -> folded ward names
    legacy_communes: dict[str, set[str]] = field(default_factory=dict)  # folded old province -> folded ward names
    any_legacy: set[str] = field(default_factory=set)  # folded ward names of any old province
    any_new: set[str] = field(default_factory=set)  # ... of any new province


def _key(text: str) -> str:
    return fold_key(text)


@lru_cache(maxsize=1)
def converter() -> Converter:
    import vietnamadminunits

    data = json.loads((Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json").read_text("utf-8"))
    conv = Converter()
    with sqlite3.connect(f"file:{_db_path()}?mode=ro", uri=True) as conn:
        new_prov = dict(conn.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units"))
        new_ward = {(p, w): short for p, w, short in
                    conn.execute("SELECT provinceKey, wardKey, wardShort FROM admin_units")}
        old_prov = dict(conn.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units_legacy"))
        old_names = {}
        for pk, dk, wk, p, d, w in conn.execute(
                "SELECT provinceKey, districtKey, wardKey, provinceShort, districtShort, wardShort FROM admin_units_legacy"):
            old_names[f"{pk}_{dk}_{wk}"] = (p, d, w)
            conv.legacy_communes.setdefault(_key(p), set()).add(_key(_strip(w or "")))
        for (pk, _wk), short in new_ward.items():
            conv.new_communes.setdefault(_key(new_prov.get(pk, pk)), set()).add(_key(short or ""))
    conv.any_legacy = set().union(*conv.legacy_communes.values())
    conv.any_new = set().union(*conv.new_communes.values())
    for new_key, olds in data["DICT_PROVINCE"].items():
        for old_key in olds:
            conv.province_2025[_key(old_prov.get(old_key, old_key))] = new_prov.get(new_key, new_key)
    for new_pk, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wk, old_keys in wards.items():
            short = new_ward.get((new_pk, new_wk))
            for old in old_keys:
                if short and old in old_names:
                    p, d, w = old_names[old]
                    conv.commune_2025[(_key(p), _key(_strip(d or "")), _key(_strip(w or "")))] = short
    return conv


_SUFFIX = regex.compile(r"\s*\((?:Huyện|Thị xã|Thành phố|Quận|Xã|Phường|Thị trấn)\)$")


def _strip(name: str) -> str:
    return _SUFFIX.sub("", name)


class Geography:
    """What the resolver asks of the two maps (``rules/places.yaml``: ``era_cues``,
    ``legacy_names``)."""

    def __init__(self, rules, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load_gazetteer()
        self.conv = converter()
        places = rules.places
        cues_cfg = places.get("era_cues", {})
        self.cue_weight = {c.lower(): w for c, w in cues_cfg.items()} if isinstance(cues_cfg, dict) else \
            {c.lower(): 2 for c in cues_cfg}
        self.threshold = places.get("era_threshold", 2)
        years = places.get("era_text_years") or {}
        self.year_re = regex.compile(years["pattern"]) if years.get("pattern") else None
        # (year, weight), the latest year first: a text's latest year takes the first it reaches
        self.year_weights = sorted(((int(y), w) for y, w in (years.get("weights") or {}).items()), reverse=True)
        self.before_weight = years.get("before_weight", 0)  # the latest year written in a date is before the reform's
        self.year_not_after = regex.compile(years["not_after"]) if years.get("not_after") else None
        self.cue_re = words_re(self.cue_weight, fold=False, before=LETTER_BEFORE, after=LETTER_AFTER)
        self.former_re = regex.compile(r"(?i)\s*(?:\(\s*cũ\s*\)|cũ(?![\p{L}]))")
        self.legacy_names = {fold_key(k): v for k, v in places.get("legacy_names", {}).items()}  # today -> then
        self.legacy_names_out = dict(places.get("legacy_names", {}))

    # -- which map ------------------------------------------------------------------------
    def choose_map(self, date: str, norm: str, chains: list[tuple[str, str]], districts: int,
                   formers: int = 0, new_names: int = 0) -> MapChoice:
        """The map of an article: its date when it has one; else what the text shows. For the
        2025 map: the reform's words (``era_cues``), units named as former ("huyện Bát Xát cũ"),
        chains "xã X, tỉnh Y" (stronger when only the new map has them), communes only the new
        map knows. Against it: districts named as live units, chains only the old map has."""
        if len(date) >= 7:
            return MapChoice(NEW if date[:10] >= REFORM_DATE[:len(date[:10])] else LEGACY, f"date {date}")
        if len(date) == 4 and date != REFORM_DATE[:4]:  # a year: 2025 itself could be either
            return MapChoice(LEGACY if date < REFORM_DATE[:4] else NEW, f"date {date}")
        evidence: list[str] = []
        score = 0
        for m in (self.cue_re.finditer(norm) if self.cue_re is not None else ()):
            evidence.append(f"'{m.group()}'")
            score += self.cue_weight.get(m.group().lower(), 1)
        new_only = [f"{c}, {p}" for c, p in chains if self.only_new(c, p)]
        old_only = [f"{c}, {p}" for c, p in chains if self.only_legacy(c, p)]
        both = len(chains) - len(new_only) - len(old_only)
        score += 2 * len(new_only) - 2 * len(old_only) + 0.5 * both + 2 * formers + new_names - districts
        evidence += [f"chain '{x}' only on the 2025 map" for x in new_only[:3]]
        evidence += [f"chain '{x}' only on the old map" for x in old_only[:3]]
        if both:
            evidence.append(f"{both} commune(s) written right in a province")
        latest = max((int(y.group("y")) for y in self.year_re.finditer(norm) if self.year_not_after is None
                      or not self.year_not_after.search(norm, max(0, y.start() - 30), y.start())),
                     default=0) if self.year_re else 0
        weight = next((w for y, w in self.year_weights if latest >= y), 0)
        if weight:
            score += weight
            evidence.append(f"the text's latest year {latest}")
        elif latest and latest < int(REFORM_DATE[:4]) and self.before_weight:
            score += self.before_weight
            evidence.append(f"the text's latest year {latest}, before the reform")
        if formers:
            evidence.append(f"{formers} unit(s) named as former")
        if new_names:
            evidence.append(f"{new_names} commune name(s) only the 2025 map has")
        if districts:
            evidence.append(f"{districts} district(s) named as live")
        if score >= self.threshold:
            return MapChoice(NEW, "text: " + "; ".join(evidence))
        return MapChoice(LEGACY, ("text: " + "; ".join(evidence)) if evidence else "no date, no sign of the 2025 map")

    def only_new_name(self, commune: str) -> bool:
        """A commune name no old province had."""
        c = fold_key(commune)
        return c not in self.conv.any_legacy and c in self.conv.any_new

    def only_new(self, commune: str, province: str) -> bool:
        c, p = fold_key(commune), fold_key(province)
        return c in self.conv.new_communes.get(p, set()) and c not in self.conv.legacy_communes.get(p, set())

    def only_legacy(self, commune: str, province: str) -> bool:
        c, p = fold_key(commune), fold_key(province)
        return c in self.conv.legacy_communes.get(p, set()) and c not in self.conv.new_communes.get(p, set())

    def former(self, norm: str, end: int) -> bool:
        """The place ending at ``end`` is named as a former unit: "huyện Đắk Mil cũ", "Giao An (cũ)"."""
        return bool(self.former_re.match(norm, end))

    # -- today's map ----------------------------------------------------------------------
    def province_2025(self, province: str, era: str) -> str:
        if not province:
            return ""
        if era == NEW:
            return self.canonical(province)
        province = self.canonical(province)
        return self.conv.province_2025.get(fold_key(self.gaz.province_named(province) or province), "")

    def commune_2025(self, commune: str, district: str, province: str) -> str:
        """The 2025 commune that holds an old commune whole ('' when it was divided or unknown)."""
        return self.conv.commune_2025.get((fold_key(province), fold_key(district), fold_key(commune)), "")

    def canonical(self, province: str) -> str:
        """The gazetteer's name of a province written in an older spelling ("Thừa Thiên Huế" -> "Huế")."""
        key = fold_key(province)
        return next((today for today, old in self.legacy_names_out.items() if fold_key(old) == key), province)

    def display_province(self, province: str, era: str, date: str) -> str:
        """One spelling per province and time: "Thừa Thiên Huế" on the old map before 2025."""
        if era == LEGACY and (not date or date[:4] < "2025"):
            return self.legacy_names.get(fold_key(province), province)
        return province

    def coordinates(self, name: str, level: str, province: str, era: str,
                    district: str = "") -> tuple[float | None, float | None]:
        """The unit's own coordinates from the gazetteer, else its province's."""
        if level in ("province", "district", "commune") and name:
            units = [u for u in self.gaz.lookup(name, level) if u.lat is not None and
                     (not province or fold_key(u.province) == fold_key(province) or
                      fold_key(self.province_2025(u.province, u.era)) == fold_key(province))]
            same_era = [u for u in units if u.era == era] or units
            if district:
                same_era = [u for u in same_era if fold_key(u.district) == fold_key(district)] or same_era
            if same_era:
                return same_era[0].lat, same_era[0].lon
        if province:
            for u in self.gaz.lookup(province, "province"):
                if u.lat is not None and (u.era == era or era == ""):
                    return u.lat, u.lon
            for u in self.gaz.lookup(province, "province"):
                if u.lat is not None:
                    return u.lat, u.lon
        return None, None

