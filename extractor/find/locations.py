"""Places: an administrative unit word and a name (spaCy token patterns from
``rules/locations.jsonl``, matched by ``token_patterns.TokenPatterns``), abbreviations ("TP.HCM"), bare names the gazetteer knows as a
province or district ("Trạm Tấu đang duy trì...", "(Bảo Yên)"), and generic references
("toàn huyện", "trên địa bàn tỉnh") that the resolver ties to a named place.
"""
from __future__ import annotations


import regex

from ..lexicon import LETTER_BEFORE, words_re
from .. import gazetteer as gazetteer_mod
from ..records import PlaceMention, SegmentedDocument
from ..text import fold_key, fold_words
from .token_patterns import TokenPatterns

# a capitalised name (one to four words) right before ", " and the next place of a chain
_CHAIN_HEAD = regex.compile(r"(?<![\p{L}\p{N}])(?P<name>\p{Lu}[\p{L}]*(?:\s\p{Lu}[\p{L}]*){0,3}),\s*$")
_HOUSE_NUMBER_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])\d+[A-Za-z]?\s+$")  # "20 Trần Hưng Đạo"
_LOWER_NEXT = regex.compile(r" (\p{Ll}+)(?![\p{L}])")  # a lower-case syllable right after a name
_NUMBER_NEXT = regex.compile(r" (\d{1,2})(?![\p{L}\p{N}]|[.,/]\d)")  # a number right after a name: "phường Hà Giang 1"
_CAP = r"\p{Lu}[\p{Ll}\p{M}]*(?:['’]\p{L}[\p{Ll}\p{M}]*)?"  # a capitalised syllable ("M’gar" too)
_CAP_RUN = regex.compile(r"(?<![\p{L}\p{N}])" + _CAP + r"(?:[ ]" + _CAP + r"){1,3}(?![\p{L}'’])")
_GENERIC = regex.compile(
    r"(?<![\p{L}])(?:((?i:toàn|cả|trên địa bàn|địa bàn|của|tại|ở))\s+)?"
    r"((?i:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn))(?![\p{L}])"
    r"(?!\s+(?:\p{Lu}|\d|(?i:số|ủy|uỷ|hội|viên|đội|đoàn)(?![\p{L}])))"
)
_LIST_NEXT = regex.compile(r"(?:,\s*|\s+và\s+)(?P<name>\p{Lu}[\p{Ll}\p{M}]*(?:[ ]\p{Lu}[\p{Ll}\p{M}]*){0,3}(?:[ ]\d{1,2})?)(?![\p{L}\d])")
_DASH_AFTER = regex.compile(r"\s*[-–]\s*\p{Lu}")
_DASH_BEFORE = regex.compile(r"\p{L}\.?\s*[-–]\s*$")
NEW_MAP_LIST = "list on the 2025 map"  # the source of a bare commune that only the 2025 map may confirm
_FORMER = regex.compile(r"\s*(?:\(\s*cũ\s*\)|cũ(?![\p{L}]))")
_TAIL = 100  # the end-anchored "words before a name" patterns look this far back, no further
_GENERIC_LEVEL = {"tỉnh": "province", "thành phố": "city", "huyện": "district", "thị xã": "district",
                  "quận": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune"}


def _trigger_re(patterns: list[dict]) -> regex.Pattern:
    """A quick test a sentence must pass for any pattern to match: one of the patterns' first
    words (as written for ORTH, any case for NORM/LOWER), a capital or a digit soon after.
    Sentences that fail it skip the token scan."""
    exact, folded = set(), set()
    for entry in patterns:
        first = entry["pattern"][0]
        for attr, into in (("ORTH", exact), ("TEXT", exact), ("NORM", folded), ("LOWER", folded)):
            value = first.get(attr)
            if isinstance(value, dict):
                value = value.get("IN")
            if value is None:
                continue
            into.update([value] if isinstance(value, str) else value)
        if not any(a in first for a in ("ORTH", "TEXT", "NORM", "LOWER")):
            return regex.compile("")  # a pattern this test cannot read: always scan
    words = [regex.escape(w) for w in sorted(exact, key=len, reverse=True)]
    words += ["(?i:" + regex.escape(w) + ")" for w in sorted(folded, key=len, reverse=True)]
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(words) + r")(?![\p{L}\p{N}])(?=.{0,40}?[\p{Lu}\p{N}])",
                         regex.DOTALL)


def _any_of(patterns: list[str]) -> regex.Pattern:
    """One regex for a list of them (a rules list left empty matches nothing)."""
    return regex.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else regex.compile(r"(?!)")


def _pairs(pairs: list[list[str]]) -> list[tuple[regex.Pattern, regex.Pattern]]:
    return [(regex.compile(b), regex.compile(a)) for b, a in pairs]


def _in_context(before: regex.Pattern, around: list[tuple[regex.Pattern, regex.Pattern]], head: str, text: str,
                end: int) -> bool:
    """The text before a name (``head``) matches ``before``, or one pair's first regex matches it
    and its second matches the text at the name's ``end``."""
    return bool(before.search(head)) or any(b.search(head) and a.match(text, end) for b, a in around)


_CHAIN_NEXT = regex.compile(r"\s*,\s*(?:xã|phường|thị trấn|huyện|quận|thị xã)\s+\p{Lu}")  # the next unit of a chain
_BRACKET_NEXT = regex.compile(r"\s*\(\s*\p{Lu}")  # a bracketed name right after: the list's parent unit


class PlaceFinder:
    def __init__(self, rules):
        self.rules = rules
        self.gazetteer = gazetteer_mod.for_rules(rules)
        self.entries: dict[str, dict] = {}
        for i, entry in enumerate(self.rules.location_patterns):
            self.entries[f"{entry['label']}:{entry['id']}:{i}"] = entry
        self.matcher = TokenPatterns([(key, entry["pattern"]) for key, entry in self.entries.items()])
        self.may_match = _trigger_re(self.rules.location_patterns)
        places = self.rules.places
        self.stopwords = {w for w in places["name_stopwords"] if " " not in w}
        self.stop_phrases = {tuple(w.split(" ")) for w in places["name_stopwords"] if " " in w}
        self.max_village = places.get("max_village_syllables", 3)
        self.person_titles = set(places.get("person_titles", []))
        verbs = sorted(places.get("person_after", []), key=len, reverse=True)
        self.person_after = regex.compile(r"(?i)\s*,?\s*(?:" + "|".join(regex.escape(v) for v in verbs) + r")(?![\p{L}])") \
            if verbs else regex.compile(r"(?!)")
        self.village_word = regex.compile(places.get("village_syllable", r".*"))
        # contexts (rules/places.yaml): regexes on the text before a name, and [before, after] pairs
        not_here = places.get("not_here", {})
        self.not_here_bare = _any_of(not_here.get("bare_before", []))
        self.not_here_around = _pairs(not_here.get("bare_around", []))
        self.not_here_after = [regex.compile(p) for p in not_here.get("after", [])]
        lists = places.get("commune_lists", {})
        self.commune_list, self.commune_list_first = _any_of(lists.get("before", [])), _pairs(lists.get("first", []))
        self.new_map_list = _any_of(lists.get("new_map_before", []))
        self.new_map_first = _pairs(lists.get("new_map_first", []))
        routes = sorted(places.get("route_words", []), key=len, reverse=True)
        self.route_before = regex.compile(r"(?<![\p{L}])(?i:" + "|".join(regex.escape(r) for r in routes) +
                                          r")\s+(?:\p{Lu}[\p{L}.]*\s*(?:[-–]\s*)?){1,8}$") if routes else regex.compile(r"(?!)")
        units = self.rules.units
        self.count_words = {w.split()[0] for key in ("measures", "classifiers", "nouns", "member_units")
                            for w in units.get(key, []) if isinstance(w, str) and w}
        self.abbreviations = [(regex.compile(a["pattern"]), a) for a in places["abbreviations"]]
        # the unit word written before a province's abbreviated or variant name ("tỉnh Đắk Lắc")
        province_words = [e["id"] for e in self.rules.location_patterns
                          if e["label"] == "province" or (e["label"] == "city" and not e["id"].endswith("."))]
        self.province_word_before = words_re(province_words, before=LETTER_BEFORE, after="", tail=r"\s+$")
        self.org_before = words_re(places["organisation_before"], fold=False, ignore_case=False,
                                   before=LETTER_BEFORE, after="", tail=r"\s*$")
        self.surnames = set(places.get("surnames", []))
        self.middle_names = set(places.get("middle_names", []))
        self.unit_blocked = words_re(places.get("unit_word_blockers", []), fold=False, ignore_case=False,
                                     before=LETTER_BEFORE, after="", tail=r"\s*$") or regex.compile(r"(?!)")
        generic_blockers = sorted(places.get("generic_blockers", []), key=len, reverse=True)
        self.generic_blocked = regex.compile(
            r"(?i)(?<![\p{L}])(?:" + "|".join(regex.escape(b) for b in generic_blockers) + r"|\d+)\s*$")

    def find(self, seg: SegmentedDocument) -> tuple[list[PlaceMention], list[PlaceMention]]:
        """Every sentence's places, and its generic mentions ("toàn tỉnh", "các xã")."""
        places: list[PlaceMention] = []
        generic: list[PlaceMention] = []
        norm = seg.clean.norm
        for s in seg.sentences:
            p, g = self.find_in_sentence(norm[s.start:s.end], s.start, s.index)
            places.extend(p)
            generic.extend(g)
        return places, generic

    def _trim_name(self, words: list[str], level: str) -> list[str]:
        """The longest prefix the gazetteer knows at this level; failing that, the words up to
        the first stop word (at most a village's length)."""
        gaz_level = {"city": "district"}.get(level, level)
        if gaz_level in ("province", "district", "commune"):
            for n in range(min(len(words), 5), 0, -1):
                name = " ".join(words[:n])
                if n < len(words) and not self._written_as(name, gaz_level, level):
                    continue  # "TP Chu Hải": a longer name cut to one the gazetteer spells otherwise ("Chũ")
                if self.gazetteer.lookup(name, gaz_level) or (level == "city" and self.gazetteer.lookup(name, "province")):
                    return words[:n]
            if gaz_level != "commune":
                return []  # a district or province the gazetteer does not know is not taken
            if len(words) >= 3 and words[0] in self.surnames and words[1] in self.middle_names:
                return []  # "Đảng ủy xã Phạm Văn Cường": a person after an office, not a commune
        kept: list[str] = []
        for i, w in enumerate(words):
            if w in self.stopwords or tuple(words[i:i + 2]) in self.stop_phrases:
                break
            if not w.isdigit() and not self.village_word.fullmatch(fold_key(w)):
                return []  # "bản Hybrid X": a product, not a village (no Vietnamese syllable)
            kept.append(w)
        if not kept or (gaz_level == "commune" and len(kept) < 2):
            return []
        if len(kept) == 1 and len(kept[0]) == 1 and not kept[0].isdigit():
            return []  # "khối A", "tổ B": a letter is an identifier, not a name
        return kept[: self.max_village + (1 if kept[-1].isdigit() else 0)]

    def _written_as(self, name: str, gaz_level: str, level: str) -> bool:
        """The gazetteer has ``name`` at this level with the very diacritics written (an unaccented
        "Chu" is not "Chũ"; spacing aside: "Đakao" is "Đa Kao")."""
        levels = (gaz_level, "province") if level == "city" else (gaz_level,)
        key = fold_words(name).replace(" ", "")
        return any(fold_words(u.name).replace(" ", "") == key for lv in levels for u in self.gazetteer.lookup(name, lv))

    def _bare_commune(self, text, m, words, offset, sentence, places, taken) -> None:
        """A commune named without its unit word, where the text makes it one: a former unit
        ("vòng xuyến Giao An (cũ)") or an item of a list of communes ("các xã của tỉnh Ninh Bình
        như Giao Phúc, Giao Hưng"), when the gazetteer knows the name as a commune."""
        name = " ".join(words)
        if words[0] in self.stopwords or not self.gazetteer.lookup(name, "commune", accents=True):
            return
        head = text[max(0, m.start() - 160):m.start()]
        if _FORMER.match(text, m.end()) or _in_context(self.commune_list, self.commune_list_first, head, text, m.end()):
            source = "gazetteer"
        elif _in_context(self.new_map_list, self.new_map_first, head, text, m.end()):
            source = NEW_MAP_LIST  # a commune only if the article is of the 2025 map and that map has it (the resolver decides)
        else:
            return
        places.append(PlaceMention(offset + m.start(), offset + m.end(), name, "commune", sentence, source=source))
        taken.append((m.start(), m.end()))

    def _known(self, name: str) -> bool:
        return any(self.gazetteer.lookup(name, lv, accents=True) for lv in ("province", "district"))

    def _stands_alone(self, words: list[str], i: int, n: int, text: str, end: int) -> bool:
        """A bare name the gazetteer knows, inside a longer run of capitalised words, is a place
        only when the rest is a place too or words that start a phrase ("Tại Hà Nội"): never a
        name inside another name ("Thái Bình Dương", "Nhựa Bình Minh", "Hà Nội Mới"). A name
        that starts with a form of address and is followed by a speech verb is a person
        ("Anh Sơn cho biết")."""
        lead, trail = words[:i], words[i + n:]
        if trail and not self._known(" ".join(trail)) and trail[0] not in self.surnames:
            return False  # (a person's name may follow: "Chủ tịch Hội LHPN Hà Nội Trần Thị Phương Hoa")
        if lead and not all(w in self.stopwords for w in lead) and not self._known(" ".join(lead)):
            return False
        if words[i] in self.person_titles and self.person_after.match(text, end):
            return False
        return True

    def _numbered(self, name: str, text: str, start: int, level: str) -> str:
        """The name written at ``start``, with the number written right after it when the gazetteer
        has a unit of that level so named ("phường Hà Giang 1", "Hà Giang 2" of the 2025 map)."""
        m = _NUMBER_NEXT.match(text, start + len(name))
        if m and self.gazetteer.lookup(f"{name} {m.group(1)}", level):
            return f"{name} {m.group(1)}"
        return name

    def _list_continuation(self, text: str, pos: int, level: str) -> list[tuple[int, int, str]]:
        """Names that share one unit word: "xã Tả Ngài Chồ, Pha Long, Tung Chung Phố và thị trấn..."."""
        out = []
        while True:
            m = _LIST_NEXT.match(text, pos)
            if not m:
                return out
            words = self._trim_name(m.group("name").split(" "), level)
            if not words:
                return out
            start = m.start("name")
            name = self._numbered(" ".join(words), text, start, level)
            higher = {"village": ("commune", "district", "province"), "commune": ("district", "province"),
                      "district": ("province",), "city": ("province",)}.get(level, ())
            if any(self.gazetteer.lookup(name, h) for h in higher) and not (
                    self.gazetteer.lookup(name, level) and _BRACKET_NEXT.match(text, start + len(name))):
                return out  # "xã Minh Khai, Chương Mỹ": the unit it lies in, not another of the same level
                # (but "xã Phước Thuận, An Hải, Phước Sơn (Ninh Phước)": a commune, its district in brackets)
            out.append((start, start + len(name), name))
            pos = start + len(name)

    def find_in_sentence(self, text: str, offset: int, sentence: int) -> tuple[list[PlaceMention], list[PlaceMention]]:
        places: list[PlaceMention] = []
        taken: list[tuple[int, int]] = []
        for rx, abbr in self.abbreviations:
            for m in rx.finditer(text):
                name = m.group() if abbr.get("keep_written") else abbr["name"]
                start, unit_word = m.start(), ""
                word = self.province_word_before.search(text, max(0, start - 12), start) \
                    if abbr["level"] == "province" and self.province_word_before is not None else None
                if word is not None and not any(a < start and word.start() < b for a, b in taken):
                    start, unit_word = word.start(), word.group().strip()  # "tỉnh Đắk Lắk": written as a unit
                places.append(PlaceMention(offset + start, offset + m.end(), name, abbr["level"],
                                           sentence, unit_word=unit_word, source="abbreviation",
                                           province=abbr["name"] if abbr["level"] == "province" else ""))
                taken.append((start, m.end()))
        for span in (self.matcher(text) if self.may_match.search(text) else ()):
            entry = self.entries[span.key]
            s, e = span.start_char, span.end_char
            if any(a < e and s < b for a, b in taken) or self.unit_blocked.search(text, max(0, s - _TAIL), s):
                continue
            level = entry["label"]
            if entry["unit_len"] == 0:  # numbered units: "Phường 3", "Quận 9", "P.3"
                number = span.texts[span.end - 1]
                nxt = regex.match(r"\s+(\p{Ll}+)", text[e:])
                if nxt and text[s].islower() and nxt.group(1) in self.count_words:
                    continue  # "Công an phường 10 tin": a count
                name = ("Quận " if level == "district" else "Phường ") + number
                unit_word = ""
            else:
                words = span.words(entry["unit_len"])
                lower = _LOWER_NEXT.match(text, e)
                if lower and level != "village" and not self.gazetteer.lookup(" ".join(words)):
                    known = self.gazetteer.lookup(" ".join(words + [lower.group(1)]))
                    if known:  # "tỉnh Lào cai": the name's last syllable lost its capital
                        words = known[0].name.split(" ")
                words = self._trim_name(words, level)
                if not words:
                    continue
                name = self._numbered(" ".join(words), text, span.char(entry["unit_len"]), level)
                e = span.char(entry["unit_len"]) + len(name)  # the gazetteer's spelling differs in case only
                if entry.get("chain_only") and not _CHAIN_NEXT.match(text, e):
                    continue  # "khu Tiên Xá, phường Hạp Lĩnh": a unit word that names a place only in a chain
                unit_word = text[s:span.char_end(entry["unit_len"] - 1)]
            places.append(PlaceMention(offset + s, offset + e, name, level, sentence, unit_word=unit_word))
            taken.append((s, e))
            if entry["unit_len"]:
                for cs, ce, cname in self._list_continuation(text, e, level):
                    if any(a < ce and cs < b for a, b in taken):
                        break
                    places.append(PlaceMention(offset + cs, offset + ce, cname, level, sentence,
                                               unit_word=unit_word, source="list"))
                    taken.append((cs, ce))
        for m in _CAP_RUN.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if self.org_before.search(text, max(0, m.start() - _TAIL), m.start()):
                continue
            words = m.group().split(" ")
            # longest sub-run the gazetteer knows as a province or district
            for n in range(len(words), 1, -1):
                found = False
                for i in range(0, len(words) - n + 1):
                    name = " ".join(words[i:i + n])
                    # a bare name must be written as the gazetteer writes it: "Nhà Trắng" is not Nha Trang
                    level = "province" if self.gazetteer.lookup(name, "province", accents=True) else \
                        "district" if self.gazetteer.lookup(name, "district", accents=True) else ""
                    s = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                    if i and words[i - 1] in self.surnames:
                        continue  # inside a person's name
                    if level and not self._stands_alone(words, i, n, text, s + len(name)):
                        continue
                    if level and not self.org_before.search(text, max(0, s - _TAIL), s):
                        places.append(PlaceMention(offset + s, offset + s + len(name), name, level,
                                                   sentence, source="gazetteer"))
                        taken.append((s, s + len(name)))
                        found = True
                        break
                if found:
                    break
            if not found and len(words) <= 4:
                self._bare_commune(text, m, words, offset, sentence, places, taken)
        self._chain_heads(text, offset, sentence, places, taken)
        generic: list[PlaceMention] = []
        for m in _GENERIC.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if not m.group(1) and self.generic_blocked.search(text, max(0, m.start() - _TAIL), m.start()):
                continue  # "các xã", "17 phường": many places, not one
            word = m.group(2).lower()
            generic.append(PlaceMention(offset + m.start(), offset + m.end(), "", _GENERIC_LEVEL[word],
                                        sentence, unit_word=word, source="generic"))
        places = [p for p in places if not self._on_a_route(text, p.start - offset, p.end - offset)
                  and not self._not_here(text, p.start - offset, p.end - offset, p.source in ("gazetteer", "chain head"))]
        places.sort(key=lambda p: p.start)
        return places, generic

    def _chain_heads(self, text: str, offset: int, sentence: int, places: list[PlaceMention],
                     taken: list[tuple[int, int]]) -> None:
        """A bare name heading a chain whose next place is a district that holds a commune of that
        name ("ở Tráng Liệt, Bình Giang, Hải Dương"; "Hoàng Nam (SN 1992, ở Ô Chợ Dừa, Đống Đa, Hà Nội)"):
        that commune (the old map's, where communes have districts)."""
        for p in [p for p in places if p.level == "district"]:
            s = p.start - offset
            m = _CHAIN_HEAD.search(text, max(0, s - 40), s)
            if m is None:
                continue
            # (a bare name only an article of the 2025 map would take gives way: "ở Ô Chợ Dừa, Đống Đa")
            listed = [q for q in places if q.source == NEW_MAP_LIST and q.start - offset == m.start("name")]
            if any(a < m.end("name") and m.start("name") < b for a, b in taken) and not listed:
                continue
            name = m.group("name")
            if self.org_before.search(text, max(0, m.start("name") - _TAIL), m.start("name")) or \
                    _HOUSE_NUMBER_BEFORE.search(text, max(0, m.start("name") - 12), m.start("name")):
                continue  # "Trường Tiểu học Quang Trung, Đống Đa"; "ở 20 Trần Hưng Đạo, Hoàn Kiếm": a street
            if any(fold_key(u.district) == fold_key(p.name) for u in self.gazetteer.lookup(name, "commune")
                   if u.era == "legacy"):
                for q in listed:
                    places.remove(q)
                places.append(PlaceMention(offset + m.start("name"), offset + m.end("name"), name, "commune",
                                           sentence, source="chain head"))
                taken.append((m.start("name"), m.end("name")))

    def _not_here(self, text: str, start: int, end: int, bare: bool) -> bool:
        """A name whose context says it is no place of Vietnam (rules/places.yaml ``not_here``):
        a street after its house number ("số 408 Điện Biên Phủ"), a credit ("Theo Sơn Hòa/vnexpress"),
        a unit of another country ("xã Pok Nhầy, huyện Ozadav, tỉnh Ratanakiri, Vương quốc Campuchia")."""
        if bare and _in_context(self.not_here_bare, self.not_here_around, text[max(0, start - 80):start], text, end):
            return True
        return any(rx.match(text, end) for rx in self.not_here_after)

    def _on_a_route(self, text: str, start: int, end: int) -> bool:
        """A name in a dash chain after a route word is a road's or a line's end, not a place of
        the article: "cao tốc TP.HCM - Long Thành - Dầu Giây", "tuyến Hà Nội - Viêng Chăn"."""
        dashed = bool(_DASH_AFTER.match(text, end)) or bool(_DASH_BEFORE.search(text[max(0, start - 4):start]))
        return dashed and bool(self.route_before.search(text[max(0, start - 80):start]))


def find_places(seg: SegmentedDocument, rules=None) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """The places and generic place mentions of a document, with ``rules``' Extractor."""
    from ..engine import Extractor

    return Extractor.for_rules(rules).places.find(seg)
