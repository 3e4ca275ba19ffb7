"""Stage 6, resolve: places against the gazetteer (level, province); then each figure and
model tied to its place, period and model by the linker (``link.py``). Returns the rows of the
output table.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace

import regex

from . import gazetteer as gazetteer_mod
from .find.locations import NEW_MAP_LIST
from .geography import LEGACY, NEW, Geography
from .link import RANK, Link, Linker, Place, link_figure, prepare
from .measure import Measures
from .records import Fact, Mentions, ModelMention, PlaceMention, SegmentedDocument
from .text import fold_key, fold_words

_CHAIN_GAP = regex.compile(r"\s*[,(]?\s*")  # what may stand between the places of a chain


def fact_id(doc_id: str, kind: str, start: int, end: int, key: str) -> str:
    return hashlib.sha1(f"{doc_id}|{kind}|{start}|{end}|{key}".encode()).hexdigest()[:16]


class Resolver:
    """Places on the gazetteer and the article's map, each figure's links (its Linker) and measure."""

    def __init__(self, rules, periods, gazetteer=None):
        self.rules = rules
        self.gaz = gazetteer or gazetteer_mod.for_rules(rules)
        self.central = {fold_key(c) for c in self.rules.places["centrally_run_cities"]}
        # what may not stand between a figure and a period after it: a baseline word, a clause break
        baselines = [r"\s+".join(map(regex.escape, b.split())) for b in self.rules.periods.get("baselines", [])]
        words = r"(?<![\p{L}\p{N}])(?:" + "|".join(baselines) + r")(?![\p{L}\p{N}])" if baselines else r"(?!)"
        self.baseline_re = regex.compile(r"(?i)" + words + r"|[;:(]")  # whole words: "so", not "kiểm soát"
        self.linker = Linker(self.rules, periods)
        self.geo = Geography(self.rules, self.gaz)
        self.measures = Measures.from_rules(self.rules)

    # -- places --------------------------------------------------------------------------
    def _level(self, m: PlaceMention) -> str:
        if m.level == "city":
            return "province" if fold_key(m.name) in self.central else "district"
        return m.level

    def _as_new_commune(self, m: PlaceMention, text: str) -> PlaceMention:
        """On the 2025 map, which has no districts, a bare name (no unit word) the old map knew as a
        district and the new map has as a commune is that commune ("nước lũ dâng cao ở Ea Trang,
        Krông Bông, Cư Pui": xã Krông Bông); one named as former ("Krông Bông cũ") stays a district."""
        if m.level != "district" or m.source != "gazetteer" or m.unit_word or self.geo.former(text, m.end):
            return m
        return replace(m, level="commune") if self._new_map_commune(m.name) else m

    def _new_map_commune(self, name: str) -> bool:
        """The 2025 map has a commune of that name, written with these diacritics."""
        return any(u.era == NEW for u in self.gaz.lookup(name, "commune", accents=True))

    def _candidates(self, name: str, level: str, era: str = LEGACY, former: bool = False) -> list[str]:
        """The provinces a unit of that name and level lies in, on the article's map: units of
        the other map count with their province carried over (a former district "huyện Đắk Mil
        cũ" in a 2025 article lies in Lâm Đồng)."""
        if level == "village":
            return []
        units = self.gaz.lookup(name, level)
        same = [u for u in units if u.era == era and not (former and era == NEW)]  # "Giao An (cũ)": an old unit
        if same:
            return list(dict.fromkeys(u.province for u in same))
        if era == NEW:
            return list(dict.fromkeys(p for p in (self.geo.province_2025(u.province, u.era) for u in units) if p))
        return list(dict.fromkeys(u.province for u in units))

    def choose_map(self, mentions: list[PlaceMention], levels: list[str], date: str, text: str):
        """Which map the article is written on (geography.Geography.choose_map), from its date or
        what its text shows: chains "xã X, tỉnh Y" and districts named as live units."""
        chains: list[tuple[str, str]] = []
        districts = formers = new_names = 0
        for i, (m, level) in enumerate(zip(mentions, levels)):
            former = self.geo.former(text, m.end)
            formers += former
            if level == "district" and m.unit_word.lower() in ("huyện", "quận", "thị xã") and not former:
                districts += 1
            if level == "commune" and m.unit_word and self.geo.only_new_name(m.name):
                new_names += 1
            if level == "commune" and i + 1 < len(mentions) and levels[i + 1] == "province" and \
                    mentions[i + 1].sentence == m.sentence and mentions[i + 1].start - m.end <= 3:
                chains.append((m.name, mentions[i + 1].province or mentions[i + 1].name))
        return self.geo.choose_map(date, text, chains, districts, formers, new_names)

    def resolve_places(self, mentions: list[PlaceMention], outlet_province: str,
                       text: str = "", era: str = LEGACY) -> tuple[list[Place], str, list[str]]:
        notes: list[str] = []  # what the article's places could not be resolved on (documents.csv map_note)
        votes: Counter[str] = Counter()
        outlet = self.gaz.province_named(outlet_province) if outlet_province else ""
        if outlet and era == NEW:
            outlet = self.geo.province_2025(outlet, LEGACY) or outlet
        if outlet:
            votes[outlet] += 3
        levels = [self._level(m) for m in mentions]
        for m, level in zip(mentions, levels):
            cands = self._candidates(m.name, level, era)
            if level == "province" and cands:
                votes[cands[0]] += 2
            elif len(cands) == 1:
                votes[cands[0]] += 1 if level == "district" else 0.5
        main = votes.most_common(1)[0][0] if votes else ""
        places: list[Place] = []
        # a commune's or village's province, from the written chain that climbs highest: (rank, province)
        chained: dict[tuple[str, str], tuple[int, str]] = {}
        own_chain: dict[int, int] = {}  # the mentions whose province their own written chain gave: its rank
        for i, (m, level) in enumerate(zip(mentions, levels)):
            name = m.name
            cands = self._candidates(m.province or name, level, era, bool(text) and self.geo.former(text, m.end))
            if level == "province":
                province = cands[0] if cands else (m.province or name)
                name = self.gaz.province_named(name) or name if m.source == "abbreviation" else name
            else:
                parent, parent_rank = self._parent(mentions, levels, i, text, era)
                # the text's own chain ("xã X, huyện Y, Hưng Yên") over the gazetteer for communes
                # (merged and renamed in 2025, so its communes are incomplete); a district must
                # agree with the gazetteer ("thành phố Hải Dương, Bình Dương" is a list)
                written = self._written_province(mentions, levels, i, text) if level == "district" else ""
                today = {self.geo.province_2025(c, LEGACY) for c in cands}
                if written and cands and written not in cands and written not in today and \
                        self.geo.province_2025(written, LEGACY) not in today:
                    # ("huyện Văn Yên, tỉnh Yên Bái cũ" on the 2025 map fits: Yên Bái is in Lào Cai now)
                    # "huyện Quỳnh Nhai, tỉnh Lâm Đồng": a chain that fits neither map; no guess
                    province = ""
                    notes.append(f"'{m.name}, {written}' fits neither map: province left empty")
                elif parent and (not cands or parent in cands or level in ("commune", "village")):
                    province = parent
                    key = (fold_key(name), level)
                    if level in ("commune", "village") and parent_rank < chained.get(key, (9, ""))[0]:
                        chained[key] = (parent_rank, parent)
                elif cands:
                    voted = [c for c in cands if votes.get(c)]
                    if voted:
                        province = max(voted, key=lambda c: votes[c])
                    elif len(cands) == 1 and level == "district":
                        province = cands[0]
                    else:
                        province = main or cands[0]
                else:
                    province = main
            place = Place(m, name, level, province)
            if level in ("commune", "village") and parent and province == parent:
                own_chain[i] = parent_rank
            place.district = self._chain_district(mentions, levels, i, text) if level in ("commune", "village") else ""
            places.append(place)
        # one commune, one province: a mention without its chain ("trú tại thôn Đình, xã Hữu Bằng)") takes
        # the province the text's chain gives it elsewhere ("thôn Đình, xã Hữu Bằng, huyện Thạch Thất, Hà
        # Nội"), not the gazetteer's guess (whose map of 2025 lacks communes merged since the article)
        for i, place in enumerate(places):
            rank, written = chained.get((fold_key(place.name), place.level), (9, ""))
            if written and place.province != written and own_chain.get(i, 9) > rank:
                place.province = written  # (two namesakes each with a chain as high keep their own)
        return places, main, notes

    def place_today(self, places: list[Place], era: str, date: str) -> None:
        """Each place on today's map (province_2025, commune_2025) and its coordinates; the
        province in the one spelling of its time ("Thừa Thiên Huế" before 2025)."""
        for p in places:
            p.province = self.geo.canonical(p.province)
            if p.level == "province":
                p.name = self.geo.canonical(p.name) if era == NEW else p.name
            p.province_2025 = self.geo.province_2025(p.province, era)
            district = p.district
            if era == LEGACY and p.level in ("commune", "village") and p.province:
                if not district and p.level == "commune":
                    units = [u for u in self.gaz.lookup(p.name, "commune")
                             if u.era == LEGACY and fold_key(u.province) == fold_key(p.province)]
                    district = units[0].district if len(units) == 1 else ""
                    p.district = district  # the gazetteer's, when one commune of the province has the name
                if p.level == "commune" and district:
                    p.commune_2025 = self.geo.commune_2025(p.name, district, p.province)
            p.latitude, p.longitude = self.geo.coordinates(
                p.name if p.level != "village" else "", p.level, p.province, era, district)
            p.province = self.geo.display_province(p.province, era, date)

    def _written_province(self, mentions: list[PlaceMention], levels: list[str], i: int, text: str) -> str:
        """The province written with its unit word right after a place ("huyện X, tỉnh Y"): Y."""
        m = mentions[i]
        if i + 1 >= len(mentions):
            return ""
        nxt = mentions[i + 1]
        if levels[i + 1] != "province" or not nxt.unit_word or nxt.sentence != m.sentence or \
                nxt.start - m.end > 3 or not _CHAIN_GAP.fullmatch(text, m.end, nxt.start):
            return ""
        cands = self._candidates(nxt.province or nxt.name, "province")
        return cands[0] if cands else ""

    def _chain_district(self, mentions: list[PlaceMention], levels: list[str], i: int, text: str) -> str:
        """The district written in the chain right after a commune ("xã X, huyện Y")."""
        prev_end = mentions[i].end
        for j in range(i + 1, len(mentions)):
            nxt = mentions[j]
            if nxt.sentence != mentions[i].sentence or nxt.start - prev_end > 3 or \
                    not _CHAIN_GAP.fullmatch(text, prev_end, nxt.start):
                return ""
            if levels[j] == "district":
                return nxt.name
            if levels[j] == "province":
                return ""
            prev_end = nxt.end
        return ""

    def _parent(self, mentions: list[PlaceMention], levels: list[str], i: int, text: str = "",
                era: str = LEGACY) -> tuple[str, int]:
        """The province of the chain of higher-level places written right after this one
        ("thôn Hoan Ái, xã Lý Thường Kiệt, huyện Yên Mỹ, Hưng Yên"): the highest of them whose
        province the gazetteer knows without doubt; and the rank of that highest place (9: none)."""
        m = mentions[i]
        prev_end, chain_rank, best, best_rank = m.end, RANK.get(levels[i], 9), "", 9
        for j in range(i + 1, len(mentions)):
            nxt = mentions[j]
            if nxt.sentence != m.sentence or nxt.start - prev_end > 3 or \
                    (text and not _CHAIN_GAP.fullmatch(text, prev_end, nxt.start)):
                break  # "TP.Kon Tum - TP.Tam Kỳ (Quảng Nam)" is a route, not a chain
            rank = RANK.get(levels[j], 9)
            if rank > chain_rank:
                break  # a lower level starts another place
            if rank < chain_rank:  # up the chain; peers ("các xã A, B (huyện C)") share its top
                chain_rank = rank
                cands = self._candidates(nxt.name, levels[j], era)
                if (levels[j] == "province" and cands) or len(cands) == 1:
                    best, best_rank = cands[0], rank
            prev_end = nxt.end
        return best, best_rank

    def resolve(self, seg: SegmentedDocument, found: Mentions) -> list[Fact]:
        """The document's facts: its places, its models, its figures with their links."""
        clean = seg.clean
        doc_id = clean.doc.doc_id
        text = clean.doc.text
        # bare names of a list that only an article of the 2025 map makes communes: they never
        # sway the map's choice, and count only on that map, where it has them
        mentions = [m for m in found.places if m.source != NEW_MAP_LIST]
        choice = self.choose_map(mentions, [self._level(m) for m in mentions], clean.meta.date, clean.norm)
        clean.meta.map, clean.meta.map_note = choice.map, choice.note
        if choice.map == NEW and len(mentions) < len(found.places):
            mentions = [m for m in found.places if m.source != NEW_MAP_LIST or self._new_map_commune(m.name)]
        if choice.map == NEW:
            mentions = [self._as_new_commune(m, clean.norm) for m in mentions]
        places, main, notes = self.resolve_places(mentions, clean.meta.outlet_province, clean.norm, choice.map)
        if notes:
            clean.meta.map_note = "; ".join([clean.meta.map_note] + notes)
        self.place_today(places, choice.map, clean.meta.date)

        def span_text(start: int, end: int) -> tuple[str, int, int]:
            a, b = clean.to_text_span(start, end)
            return text[a:b], a, b

        def sentence_text(idx: int) -> str:
            s = seg.sentences[idx]
            return span_text(s.start, s.end)[0]

        facts: list[Fact] = []
        seen_places: set[tuple[str, str]] = set()
        for p in places:
            key = (fold_key(p.name), p.level)
            if key in seen_places or not p.name:
                continue
            seen_places.add(key)
            surface, a, b = span_text(p.mention.start, p.mention.end)
            facts.append(Fact(doc_id, fact_id(doc_id, "location", a, b, p.name), "location", name=p.name,
                              level=p.level, province=p.province, surface=surface,
                              sentence=sentence_text(p.mention.sentence), char_start=a, char_end=b,
                              province_2025=p.province_2025, commune_2025=p.commune_2025,
                              latitude=p.latitude, longitude=p.longitude))

        models: list[ModelMention] = []
        for m in found.models:
            if any(fold_words(m.name) == fold_words(k.name) for k in models):
                continue
            models.append(m)
        ctx = prepare(seg, found, places, models, self.linker, self.baseline_re)
        for m in models:
            surface, a, b = span_text(m.start, m.end)
            loc = ctx.model_places.get(m.name)
            facts.append(Fact(doc_id, fact_id(doc_id, "model", a, b, m.name), "model", name=m.name,
                              location=loc.name if loc else "", province=loc.province if loc else "",
                              founded=m.founded, surface=surface, sentence=sentence_text(m.sentence),
                              char_start=a, char_end=b))

        # a figure repeated (same value, same head word of its unit) is one fact, at its first
        # mention; its links are the best its mentions give (the title's "13 người chết" takes the
        # place and period the body gives the same figure: FACTS.md, "the most specific place")
        mentions_of: dict[tuple, list] = {}
        for f in found.figures:
            mentions_of.setdefault((f.value, f.value_max, fold_words(f.unit).split(" ")[0]), []).append(f)
        for key, group in mentions_of.items():
            f = group[0]
            link = merge_links([link_figure(g, ctx) for g in group])
            loc, period = link.place, link.period
            surface, a, b = span_text(f.start, f.end)
            measure, unit_norm = self.measures.of(f.unit)
            facts.append(Fact(
                doc_id, fact_id(doc_id, f.kind, a, b, f"{f.value}|{f.unit}"), f.kind,
                province=loc.province if loc else "", value=f.value, value_max=f.value_max, unit=f.unit,
                measure=measure, unit_norm=unit_norm,
                qualifier=f.qualifier, change=f.change,
                period=span_text(period.start, period.end)[0] if period else "",
                period_start=period.period_start if period else "", period_end=period.period_end if period else "",
                location=loc.name if loc else "", subject=link.subject, surface=surface,
                province_2025=loc.province_2025 if loc else "",
                latitude=loc.latitude if loc else None, longitude=loc.longitude if loc else None,
                sentence=sentence_text(f.sentence), char_start=a, char_end=b,
                location_evidence=link.place_evidence, period_evidence=link.period_evidence,
                subject_evidence=link.subject_evidence,
            ))
        facts.sort(key=lambda x: (x.char_start, x.kind))
        return facts


def merge_links(links: list[Link]) -> Link:
    """One figure's links from its mentions: the most specific place any of them gives (the
    first at that level), the first bounded period (else the first period), the first model."""
    first = links[0]
    # max() keeps the first of the most specific
    best = max((k for k in links if k.place is not None), key=lambda k: RANK.get(k.place.level, -1), default=None)
    dated = next((k for k in links if k.period is not None and (k.period.period_start or k.period.period_end)), None) \
        or next((k for k in links if k.period is not None), None)
    subject = next((k for k in links if k.subject), None)
    return Link(best.place if best else None, best.place_evidence if best else first.place_evidence,
                dated.period if dated else None, dated.period_evidence if dated else first.period_evidence,
                subject.subject if subject else "", subject.subject_evidence if subject else "")


def resolve(seg: SegmentedDocument, found: Mentions, rules=None) -> list[Fact]:
    """The facts of a found document, with ``rules``' Extractor."""
    from .engine import Extractor

    return Extractor.for_rules(rules).resolver.resolve(seg, found)
