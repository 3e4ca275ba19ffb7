"""Vietnamese administrative units from the ``vietnamadminunits`` package (offline).

Both maps are loaded: the 63-province map in force until mid-2025 (with its districts and
communes) and the 34-province map after the 2025 reform. Names are looked up by a folded key
(no diacritics, no spaces), so "Đắk Lắk", "Đăk Lăk" and "Dak Lak" meet.
"""
from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import fold_key, fold_words


@dataclass(frozen=True)
class Unit:
    name: str          # short name as the gazetteer writes it ("Xuân Tăng")
    level: str         # province | district | commune
    province: str      # short province name
    district: str = ""
    era: str = "legacy"  # legacy (63 provinces) | 2025 (34 provinces)
    unit_type: str = ""  # Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn
    lat: float | None = None
    lon: float | None = None


class Gazetteer:
    def __init__(self, units: list[Unit]):
        self.units = units
        self.by_key: dict[str, list[Unit]] = defaultdict(list)
        for u in units:
            self.by_key[fold_key(u.name)].append(u)
        self.provinces = sorted({u.province for u in units if u.level == "province"})
        self._province_keys = {fold_key(p): p for p in self.provinces}

    def lookup(self, name: str, level: str | None = None, accents: bool = False) -> list[Unit]:
        """Units named ``name`` (case, tone placement and diacritics folded). With ``accents``,
        a name written with diacritics must have the same ones: "Nhà Trắng" is not Nha Trang."""
        hits = self.by_key.get(fold_key(name), [])
        if accents and not name.isascii():
            written = fold_words(name)
            hits = [u for u in hits if fold_words(u.name) == written]
        return [u for u in hits if level is None or u.level == level]

    def province_named(self, name: str) -> str:
        """The gazetteer's spelling of a province name, or ''."""
        return self._province_keys.get(fold_key(name), "")

    def coordinates(self, province: str) -> tuple[float, float] | None:
        for u in self.lookup(province, "province"):
            if u.lat is not None:
                return u.lat, u.lon
        return None


_SUFFIX = re.compile(r"\s*\((?:Huyện|Thị xã|Thành phố|Quận|Xã|Phường|Thị trấn)\)$")


def _db_path() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    units: dict[tuple, Unit] = {}
    with sqlite3.connect(f"file:{_db_path()}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT provinceShort, province, provinceLat, provinceLon, districtShort, districtType, "
            "districtLat, districtLon, wardShort, wardType, wardLat, wardLon FROM admin_units_legacy"
        )
        for (p, p_full, plat, plon, d, dtype, dlat, dlon, w, wtype, wlat, wlon) in rows:
            ptype = "Thành phố" if p_full and p_full.startswith("Thành phố") else "Tỉnh"
            units.setdefault(("province", p, "", "legacy"), Unit(p, "province", p, "", "legacy", ptype, plat, plon))
            d, w = _SUFFIX.sub("", d or ""), _SUFFIX.sub("", w or "")  # "Kỳ Anh (Huyện)" -> "Kỳ Anh"
            if d:
                units.setdefault(("district", d, p, "legacy"), Unit(d, "district", p, d, "legacy", dtype or "", dlat, dlon))
            if w:
                units.setdefault(("commune", w, p, d), Unit(w, "commune", p, d or "", "legacy", wtype or "", wlat, wlon))
        rows = conn.execute(
            "SELECT provinceShort, province, provinceLat, provinceLon, wardShort, wardType, wardLat, wardLon FROM admin_units"
        )
        for (p, p_full, plat, plon, w, wtype, wlat, wlon) in rows:
            ptype = "Thành phố" if p_full and p_full.startswith("Thành phố") else "Tỉnh"
            units.setdefault(("province", p, "", "2025"), Unit(p, "province", p, "", "2025", ptype, plat, plon))
            if w:
                units.setdefault(("commune", w, p, "2025"), Unit(w, "commune", p, "", "2025", wtype or "", wlat, wlon))
    return Gazetteer(list(units.values()))


def for_rules(rules) -> Gazetteer:
    """The gazetteer with the old map's units that ``rules/places.yaml`` ``former_units`` adds
    (districts dissolved before the package's map of mid-2025), one per set of additions."""
    entries = tuple((e["name"], e.get("level", "district"), e["province"], e.get("type", ""))
                    for e in (rules.places.get("former_units") or []))
    return _with_former(entries)


@lru_cache(maxsize=4)
def _with_former(entries: tuple[tuple[str, str, str, str], ...]) -> Gazetteer:
    base = load()
    if not entries:
        return base
    known = {(u.level, fold_key(u.name), fold_key(u.province)) for u in base.units if u.era == "legacy"}
    wrong = sorted({level for _, level, _, _ in entries} - {"district", "commune"})
    if wrong:
        raise ValueError(f"rules/places.yaml former_units: level(s) {wrong}; use district or commune")
    extra = [Unit(name, level, province, name if level == "district" else "", "legacy", unit_type)
             for name, level, province, unit_type in entries
             if (level, fold_key(name), fold_key(province)) not in known]
    return Gazetteer(base.units + extra)
