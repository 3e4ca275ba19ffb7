"""Stage 7, link: each figure tied to its place, its period and its model, by explicit scores.

The parts, each small and tested on real sentences (tests/test_link.py):

- ``sections``: the article's sections, once: its paragraphs, cut again where a sentence opens a
  new time, event or quote (``rules/links.yaml``: ``section_openers``). A period or a place
  governs the figures after it in its own section and no further.
- ``anchors``: every place-like mention (named, or generic "toàn huyện" standing for a named
  one) with what it is: inside brackets, a person's address ("trú tại xã X": never an anchor).
- ``place_for`` / ``period_for`` / ``subject_for``: a figure's candidates, each with a score
  and the rule that gave it; the highest wins and its rule is the row's evidence
  (``location_evidence``, ``period_evidence``, ``subject_evidence``).

Weights and word lists are data in ``rules/links.yaml``.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

import regex

from .find.periods import NOT_FIGURE_TIMES
from .records import FigureMention, Mentions, ModelMention, PeriodMention, PlaceMention, SegmentedDocument
from .lexicon import LETTER_BEFORE, alternation, words_re
from .text import fold_key, fold_tones, fold_words, unit_words

RANK = {"province": 0, "district": 1, "commune": 2, "village": 3}
_CLAUSE_BREAK = regex.compile(r"[;:()]|\s[-–]\s")  # what separates two clauses of a sentence
_CLAUSE_SEP = regex.compile(r"[,;:]\s*")  # what ends a clause of a sentence, and the space after it
_LIST_BREAK = regex.compile(r"[;:()]|[.!?]\s")  # what ends a list of figures before its "(place)"
_CHAIN_GAP = 3  # at most this many characters between the places of a written chain
_CREDIT_CHARS = 60  # a photo credit ("Ảnh minh họa: Quốc Hùng") is no longer than this
# a name, its parent in brackets, then a number: one item of a list of readings ("35mm, Phú Hộ (Việt Trì)
# 42mm, Móng Cái (Quảng Ninh) 40mm"), whose bracket is its own item's, not the place closing the figures
# before it ("5 tấn gạo, 86 nồi cơm (Sóc Sơn)"; "2 giáo viên trường Sen Vàng (phường Minh Khai)")
_NAMED_BEFORE_BRACKET = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{L}]*\s*$")
_NUMBER_AFTER_BRACKET = regex.compile(r"[^()]*\)\s*\d")
# the rules that choose no place and say so (a figure's location_evidence with an empty location)
NO_PLACE_EVIDENCE = frozenset({"national", "unnamed unit", "place list", "counts places"})
NO_PERIOD_EVIDENCE = frozenset({"target", "present"})  # why a figure has no period, said in its row
_CAPITALISED = r"\p{Lu}\p{Ll}+"  # a syllable of a name as the text writes it
# a person's name: one to five capitalised syllables ("Lê Chí Binh", "Phượng")
_NAME = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,4}}"
# a person's full name, then their bracket or comma, up to the address that follows ("Lê Chí Binh (SN 1983, ngụ ")
_NAMED_BEFORE = regex.compile(rf"(?P<name>{_CAPITALISED}(?:\s+{_CAPITALISED}){{1,4}})\s*[(,][^()]{{0,60}}$")
_OWN_PLACE_GAP = 12  # a place this close after a figure ("40 hộ ở xã A") is that figure's own


@dataclass
class Place:
    """A resolved place mention: its row's name, level and province."""

    mention: PlaceMention
    name: str
    level: str
    province: str
    district: str = ""  # a commune's district, when its chain names one
    province_2025: str = ""
    commune_2025: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class Anchor:
    """A place-like mention in text order, with the place it stands for (None when a generic
    mention names no place) and its context."""

    mention: PlaceMention
    place: Place | None
    in_brackets: bool = False
    address: bool = False
    scene: bool = False  # stands after a scene cue ("tại", "ở", "trên địa bàn"): where it happened
    actor: bool = False  # stands after an actor cue ("Công an", "UBND"): who did it
    home: bool = False  # "nơi ở của Binh": the home of a person whose address the text gave


@dataclass
class Link:
    place: Place | None = None
    place_evidence: str = ""
    period: PeriodMention | None = None
    period_evidence: str = ""
    subject: str = ""
    subject_evidence: str = ""


@dataclass
class Candidate:
    score: float
    place: Place
    rule: str
    order: int = 0  # ties: the later mention (nearer the figure) wins


def clause_starts(norm: str, begin: int, at: int) -> list[int]:
    """Where the clauses of the sentence part ``begin``..``at`` start: its start, and after each comma,
    semicolon or colon (spaces skipped)."""
    first = begin + len(norm[begin:at]) - len(norm[begin:at].lstrip())
    return [first] + [m.end() for m in _CLAUSE_SEP.finditer(norm, begin, at)]


def _words_re(words: list[str], tail: str = r"\s*$") -> regex.Pattern | None:
    """A cue list of rules/links.yaml: whole words from their start, folded, any case, then ``tail``."""
    return words_re(words, after="", tail=tail)


class Linker:
    """The linking rules of ``rules/links.yaml`` (and the national words of places.yaml), compiled."""

    def __init__(self, rules, periods):
        self.rules = rules
        cfg = self.rules.links
        self.weights = cfg.get("place_weights", {})
        self.article_cfg = cfg.get("article_place", {})
        self.period_cfg = cfg.get("period", {})
        self.model_cfg = cfg.get("model", {})
        openers = sorted(cfg.get("section_openers", []), key=len, reverse=True)
        self.section_opener = self._opener_re(openers)
        self.continuation = self._opener_re(sorted(cfg.get("continuation_openers", []), key=len, reverse=True))
        # "trú tại xã X", "ngụ ấp Y, xã X": an address runs from its cue through a chain of places
        self.address_before = _words_re(cfg.get("address_before", []), r"[\s:,]*(?:(?:số\s+)?[\d/]+\s*,?\s*)?"
                                        r"(?:\p{L}+\s+\d+\p{L}?\s*,\s*)?"  # "ngụ ấp 3, xã Núi Tượng"
                                        r"(?:[^\s,;.()]+\s+){0,6}$")
        bracket = cfg.get("address_in_brackets")
        self.address_bracket = regex.compile(bracket) if bracket else None
        self.scene_cue = _words_re(cfg.get("scene_cues", []), r"\s*(?:\p{L}+\s+){0,2}$")
        self.actor_cue = _words_re(cfg.get("actor_cues", []), r"\s*(?:\p{L}+\s+){0,1}$")
        self.level_bonus = cfg.get("level_bonus", {})
        self.counted_places = dict(sorted(((fold_words(k), v) for k, v in cfg.get("counted_places", {}).items()),
                                          key=lambda kv: -len(kv[0])))
        wrong = {v for v in self.counted_places.values() if v != "local" and v not in RANK}
        if wrong:
            raise ValueError(f"rules/links.yaml counted_places: unknown level(s) {sorted(wrong)}; "
                             f"use one of {sorted(RANK)} or 'local'")
        stops = cfg.get("after_stops", [])
        self.after_stop = _words_re(stops, r"(?![\p{L}])") if stops else None
        self.list_gap = regex.compile(cfg.get("place_list_separator", r"\s*(?:[,;]|…|\.\.\.)?\s*(?:và|hoặc)?\s*"))
        national = self.rules.places.get("national", [])
        self.national = _words_re(national, r"(?![\p{L}])") if national else None
        plural = cfg.get("model_plural", [])
        self.plural = _words_re(plural, r"(?![\p{L}])") if plural else None
        actors = cfg.get("model_other_actors", [])
        self.other_actor = _words_re(actors, r"(?![\p{L}])") if actors else None
        self.model_cues = {fold_words(c) for c in self.rules.models.get("cues", [])}
        self.cue_re = _words_re(list(self.model_cues), r"(?![\p{L}])") if self.model_cues else None
        items = cfg.get("model_list_items", [])
        self.list_item = _words_re(items, r"(?![\p{L}])") if items else None
        anaphors = cfg.get("model_anaphors", [])
        self.anaphor = _words_re(anaphors, r"(?![\p{L}])") if anaphors else None
        home = cfg.get("home_of", {})
        self.home_re = None
        if home.get("cues"):
            titles = rf"(?i:{alternation(home['titles'], fold=False)}\s+)?" if home.get("titles") else ""
            self.home_re = regex.compile(
                rf"{LETTER_BEFORE}(?i:{alternation(home['cues'], fold=False)})\s+{titles}(?P<name>{_NAME})")
        caption = cfg.get("caption") or {}
        self.caption_opener = self._opener_re(sorted(caption.get("openers", []), key=len, reverse=True))
        credits = sorted(caption.get("credits", []), key=len, reverse=True)
        self.credit_opener = self._opener_re(credits)
        self.credit_end = regex.compile(r"(?i)(?<![\p{L}])(?:" + "|".join(map(regex.escape, credits)) + r")[^.!?]{0,40}$") \
            if credits else None
        present = self.period_cfg.get("present_before", [])
        self.present = _words_re(present, r"(?![\p{L}])") if present else None
        self.periods = periods  # the Extractor's PeriodFinder: targets, names, baselines

    @staticmethod
    def _opener_re(openers: list[str]) -> regex.Pattern | None:
        if not openers:
            return None
        return regex.compile(r"(?i)^\s*(?:" + "|".join(
            regex.escape(o) + (r"(?![\p{L}])" if o[-1].isalpha() else "") for o in openers) + ")")

    # -- sections ----------------------------------------------------------------------
    def sections(self, seg: SegmentedDocument, found: Mentions, at_times: bool = True) -> list[int]:
        """The section of every sentence: a new one at each paragraph (unless it opens with a
        continuation, "Cùng với đó", "Bên cạnh đó") and at each sentence that opens with a
        section opener or (``at_times``) with its own period. A new time cuts a place's or a
        period's reach, not a model's: "Từ khi triển khai đến nay, mô hình đã tổ chức 8 cuộc"."""
        norm = seg.clean.norm
        opening_period = {p.sentence for p in found.periods
                          if p.start - seg.sentences[p.sentence].start <= 2} if at_times else set()
        out: list[int] = []
        section, para = -1, None
        for s in seg.sentences:
            text = norm[s.start:s.end]
            continues = self.continuation is not None and self.continuation.match(text)
            if (s.paragraph != para and not (continues and section >= 0)) or s.index in opening_period or \
                    (self.section_opener is not None and self.section_opener.match(text)):
                section += 1
            para = s.paragraph
            out.append(section)
        return out

    def captions(self, seg: SegmentedDocument) -> set[int]:
        """The sentences that are photo captions: one opening with a caption's words ("Trong ảnh"), one
        ending with a credit ("... Ảnh: Quốc Hùng"), and the one before a sentence that opens with a
        credit ("Ảnh minh họa: Quốc Hùng"), that credit too."""
        norm, out = seg.clean.norm, set()
        for s in seg.sentences:
            text = norm[s.start:s.end]
            if self.caption_opener is not None and self.caption_opener.match(text):
                out.add(s.index)
            if self.credit_end is not None and self.credit_end.search(text):
                out.add(s.index)
            if self.credit_opener is not None and self.credit_opener.match(text):
                if len(text.strip()) <= _CREDIT_CHARS:
                    out.add(s.index)  # (a credit glued to the body's next sentence is no caption)
                if s.index > 0 and seg.sentences[s.index - 1].paragraph == s.paragraph:
                    out.add(s.index - 1)
        return out

    # -- anchors -----------------------------------------------------------------------
    def anchors(self, seg: SegmentedDocument, places: list[Place], generic: list[PlaceMention]) -> list[Anchor]:
        norm = seg.clean.norm
        out = [Anchor(p.mention, p) for p in places]
        out += [Anchor(g, generic_target(g, places)) for g in generic]
        out.sort(key=lambda a: a.mention.start)
        address_until = -1
        for i, a in enumerate(out):
            m = a.mention
            s = seg.sentences[m.sentence]
            before = norm[s.start:m.start]
            a.in_brackets = before.count("(") > before.count(")")
            head = norm[max(s.start, m.start - 80):m.start]
            if (self.address_before is not None and self.address_before.search(head)) or \
                    (self.address_bracket is not None and self.address_bracket.search(head)):
                a.address = True
            elif address_until >= m.start and not _CLAUSE_BREAK.search(norm, out[i - 1].mention.end, m.start):
                a.address = True  # the rest of an address's chain: "trú thôn X, xã Y, huyện Z"
            if a.address:
                address_until = m.end + _CHAIN_GAP + 2
                nxt = out[i + 1].mention.start if i + 1 < len(out) else -1
                if nxt != -1 and nxt - m.end <= _CHAIN_GAP:
                    address_until = nxt
            window = (max(s.start, m.start - 40), m.start)
            a.scene = bool(self.scene_cue is not None and self.scene_cue.search(norm, *window))
            a.actor = not a.scene and bool(self.actor_cue is not None and self.actor_cue.search(norm, *window))
        return out

    def article_place(self, seg: SegmentedDocument, anchors: list[Anchor]) -> Place | None:
        """The place the whole article is about, when it is a local article: most of its places
        lie in one province (``min_share``), and one place is named most (the title counting
        ``title_weight`` times, at least ``min_mentions`` times); failing that, a local paper's
        own province when the article names it and its places lie there. National articles, and
        those that range over provinces, have none."""
        counts: Counter = Counter()  # each place's mentions, the title's weighted, addresses not counted
        named: Counter = Counter()  # each place's mentions by name, addresses too
        provinces: Counter = Counter()
        first: dict[tuple, Place] = {}
        unnamed = 0  # "trên địa bàn tỉnh", "toàn tỉnh": the article's own province, unnamed
        title_weight = self.article_cfg.get("title_weight", 2)
        for a in anchors:
            if a.place is None:
                unnamed += a.mention.level == "province"
                continue
            key = (fold_key(a.place.name), a.place.level)
            named[key] += bool(a.mention.name)
            if a.address:
                continue
            if key not in first:
                first[key] = a.place
                named[key] += not a.mention.name
            counts[key] += title_weight if a.mention.sentence == 0 else 1
            if a.place.province:
                provinces[fold_key(a.place.province)] += 1
        if not counts or not provinces:
            return None
        if provinces.most_common(1)[0][1] < self.article_cfg.get("min_share", 0.6) * sum(provinces.values()):
            return None
        ranked = counts.most_common(2)
        if ranked[0][1] < self.article_cfg.get("min_mentions", 2) or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            # no place named most, but a local paper's article about its own province ("Báo Cà Mau": "tỉnh
            # Cà Mau có 64 đơn vị hành chính cấp xã", one commune named once): that province, when named
            outlet = fold_key(seg.clean.meta.outlet_province or "")
            if outlet and provinces.most_common(1)[0][0] == outlet:
                return first.get((outlet, "province"))
            return None
        best = first[ranked[0][0]]
        scene = self._single_scene(anchors, self.article_cfg.get("single_scene", 0))
        if scene is not None:
            return scene
        # an article that speaks of its own province unnamed ("trên địa bàn tỉnh", "toàn tỉnh") at
        # least as often as it names its most named district is about the province, not the district
        if best.level != "province" and unnamed and unnamed >= named[ranked[0][0]]:
            key = (fold_key(best.province), "province")
            return first.get(key)
        return best

    @staticmethod
    def _single_scene(anchors: list[Anchor], lead: int) -> Place | None:
        """The one commune or village a local article names, as a scene in its lead (its first
        ``lead`` sentences: "kiểm tra quán bar X, thuộc phường Hoa Lư, tỉnh Ninh Bình"), when every
        other place it names is a unit that holds it: the story's place, more its figures' than the
        province of the police who tell it."""
        named = [a for a in anchors if a.place is not None and not a.address and not a.home]
        small = [a for a in named if a.place.level in ("commune", "village")]
        if len({(fold_key(a.place.name), a.place.level) for a in small}) != 1 or \
                not any(a.scene and a.mention.sentence < lead for a in small):
            return None
        p = small[0].place
        for a in named:
            o = a.place
            if o.level in ("commune", "village"):
                continue
            if fold_key(o.province) != fold_key(p.province) or (
                    o.level != "province" and fold_key(o.name) != fold_key(p.district or "")):
                return None
        return p

    # -- places ------------------------------------------------------------------------
    def place_for(self, start: int, end: int, sentence: int, ctx: "DocumentLinks",
                  unit: str = "") -> tuple[Place | None, str]:
        """The place a mention at ``start``..``end`` belongs to, and the rule that chose it. A
        figure that counts places (``unit`` "tỉnh", "xã, phường") belongs to none of the places it
        counts: only a place of a wider level may hold it."""
        counted = self.counted_level(unit, ctx)
        place, rule = self._place_for(start, end, sentence, ctx)
        if place is not None and counted is not None and RANK.get(place.level, 9) >= RANK[counted]:
            return None, "counts places"
        return place, rule

    def counted_level(self, unit: str, ctx: "DocumentLinks") -> str | None:
        """The level of the places a figure's unit counts ("10 tỉnh": province), or None. "địa
        phương" counts provinces in an article of no province, else the article's districts."""
        if not unit:
            return None
        key = fold_words(unit)
        for word, level in self.counted_places.items():
            if key == word or key.startswith(word + " "):
                if level == "local":
                    return "province" if ctx.article is None else "district"
                return level
        return None

    def _place_for(self, start: int, end: int, sentence: int, ctx: "DocumentLinks") -> tuple[Place | None, str]:
        w = self.weights
        norm = ctx.norm
        anchors = ctx.anchors
        first_after = bisect_left(ctx.anchor_starts, start)
        s = ctx.seg.sentences[sentence]
        # a national word in the figure's own clause before it: the figure is the country's
        nat_before = [n for n in ctx.national if s.start <= n < start]
        cands: list[Candidate] = []
        # the place in brackets closing the figure's list
        if first_after < len(anchors):
            a = anchors[first_after]
            if (a.place is not None and a.mention.sentence == sentence and a.mention.start > 0
                    and norm[a.mention.start - 1] == "(" and not _LIST_BREAK.search(norm, end, a.mention.start - 1)
                    and not self._reading_item(a.mention.start, end, sentence, ctx)
                    and not self._breakdown(a.mention.start, sentence, ctx)):
                return self._most_specific(first_after, ctx), "list parenthesis"
        sec = ctx.section[sentence]
        after = self._after_place(start, end, sentence, first_after, ctx)
        own_after = after is not None
        unnamed = False  # "toàn tỉnh" in the figure's clause, naming no place of the text
        unnamed_level = ""
        for i in range(first_after - 1, -1, -1):
            a = anchors[i]
            m = a.mention
            if ctx.section[m.sentence] != sec:
                break
            if a.place is None and m.sentence == sentence and not _CLAUSE_BREAK.search(norm, m.end, start):
                if not unnamed and not any(c.rule == "same clause" for c in cands):
                    unnamed, unnamed_level = True, m.level
            if a.place is None or a.address:
                continue
            if any(m.end <= n < start for n in ctx.national):
                break  # "cả nước" since that place
            if m.sentence == sentence:
                if a.in_brackets and norm.find(")", m.end, start) != -1 and \
                        self._brackets_after_figure(m, ctx):
                    continue  # "5 tấn gạo (huyện X)" closed before the figure: another list's place
                if own_after and norm[m.end:start].strip() and self._after_other_figure(m, start, ctx):
                    continue  # "40 hộ ở xã A, 16 hộ ở xã B": A is the 40's; the 16 has its own (but in
                    # "xã A 04 nhà, xã B 01 nhà" the place right before a figure is that figure's)
                clause = not _CLAUSE_BREAK.search(norm, m.end, start)
                score, rule = (w.get("same_clause", 7), "same clause") if clause else (w.get("same_sentence", 5), "same sentence")
            else:
                if a.in_brackets:
                    continue  # a bracketed place speaks for its own list only
                if m.sentence in ctx.captions:
                    continue  # a photo caption's place is its own figures' only
                gap = sentence - m.sentence
                score, rule = w.get("section", 3) - w.get("section_decay", 0.25) * (gap - 1), "section place"
            cands.append(Candidate(score + self._bonus(a), a.place, rule, i))
        if after is not None:
            a = anchors[after]
            # right after the figure, nothing between ("100 hộ xã Châu Quế"): as its own as "ở xã X"
            adjacent = not a.scene and not norm[end:a.mention.start].strip()
            cands.append(Candidate(w.get("after_in_sentence", 4.5) + self._bonus(a)
                                   + (w.get("scene_bonus", 2) if adjacent else 0), a.place, "after in sentence", after))
        if unnamed and not any(c.rule == "same clause" for c in cands):
            # "trên địa bàn thành phố" in an article about one city: that city
            art = ctx.article
            if art is not None and (art.level == unnamed_level or (unnamed_level == "city" and art.level in ("province", "district"))):
                return art, "article place"
            return None, "unnamed unit"
        if not cands:
            if nat_before or any(ctx.sections_start[sec] <= n < start for n in ctx.national):
                return None, "national"
            if ctx.article is not None:
                return ctx.article, "article place"
            return None, ""
        best = max(cands, key=lambda c: (c.score, c.order))
        if anchors[best.order].home:
            return best.place, "person's home"
        is_list, parent = self._list_parent(best.order, ctx)
        if parent is not None or (is_list and best.place.level == "province"):
            return parent, "place list"  # a list of provinces has no province: the figure spans them
        return self._most_specific(best.order, ctx), best.rule

    def _after_place(self, start: int, end: int, sentence: int, first_after: int, ctx: "DocumentLinks") -> int | None:
        """The anchor of the first place after the figure in its clause ("bắt 5 đối tượng tại xã X"),
        or None: not past another figure, nor into a part of the whole ("trong đó")."""
        norm = ctx.norm
        s_begin = ctx.seg.sentences[sentence].start
        inside = norm.count("(", s_begin, start) > norm.count(")", s_begin, start)  # the figure is in brackets
        for i in range(first_after, len(ctx.anchors)):
            a = ctx.anchors[i]
            if a.mention.sentence != sentence:
                return None
            if a.place is None or a.address or (a.in_brackets and not (inside and ")" not in norm[end:a.mention.start])):
                continue  # a bracketed place speaks for its brackets' figures only
            if _CLAUSE_BREAK.search(norm, end, a.mention.start) or \
                    any(end <= f < a.mention.start for f, _ in ctx.figure_spans.get(sentence, ())) or \
                    (self.after_stop is not None and self.after_stop.search(norm, end, a.mention.start)):
                return None  # another clause, another figure's place, or a part of the whole
            return i
        return None

    @staticmethod
    def _reading_item(at: int, end: int, sentence: int, ctx: "DocumentLinks") -> bool:
        """The bracket opened before ``at`` follows a name and comes right before another figure: one
        item of a list of readings ("35mm, Phú Hộ (Việt Trì) 42mm"), not the place closing the list."""
        norm = ctx.norm
        if not _NAMED_BEFORE_BRACKET.search(norm, end, at - 1):
            return False
        close = _NUMBER_AFTER_BRACKET.match(norm, at)
        return close is not None and any(f == close.end() - 1 for f, _ in ctx.figure_spans.get(sentence, ()))

    @staticmethod
    def _brackets_after_figure(m: PlaceMention, ctx: "DocumentLinks") -> bool:
        """The brackets holding ``m`` close a list of figures ("5 tấn gạo, 86 nồi cơm (Sóc Sơn)"),
        not a venue's address ("kiểm tra Khách sạn X (xóm Y, phường Z), phát hiện 2 đối tượng")."""
        s = ctx.seg.sentences[m.sentence]
        opened = ctx.norm.rfind("(", s.start, m.start)
        return any(e <= opened for _, e in ctx.figure_spans.get(m.sentence, ()))

    @staticmethod
    def _breakdown(at: int, sentence: int, ctx: "DocumentLinks") -> bool:
        """The brackets opened before ``at`` hold figures of their own: a breakdown by place ("61 nhà
        (xã A 04 nhà, xã B 01 nhà)"), whose places are its parts', not the whole's."""
        close = ctx.norm.find(")", at)
        if close == -1:
            close = ctx.seg.sentences[sentence].end
        return any(at <= f < close for f, _ in ctx.figure_spans.get(sentence, ()))

    @staticmethod
    def _after_other_figure(m: PlaceMention, start: int, ctx: "DocumentLinks") -> bool:
        """The place stands right after another figure of its sentence, before this one ("40 hộ ở xã
        A, 16 hộ ở xã B"): that figure's place."""
        for f, e in ctx.figure_spans.get(m.sentence, ()):
            if e <= m.start and f < start and m.start - e <= _OWN_PLACE_GAP and \
                    not _CLAUSE_BREAK.search(ctx.norm, e, m.start):
                return True
        return False

    def _list_parent(self, i: int, ctx: "DocumentLinks") -> tuple[bool, Place | None]:
        """When the chosen place is one of a list of places of its level ("các xã Giao Phúc, Giao
        Hưng, Hải Quang"; "tại phường Sông Cầu; xã Xuân Phước; xã Hòa Mỹ"), the figure spans them:
        (True, their common province or district when the article names it, else None); (False,
        None) when the place stands alone."""
        anchors, norm = ctx.anchors, ctx.norm
        level, sentence = anchors[i].place.level, anchors[i].mention.sentence

        def sibling(j: int, k: int) -> bool:  # anchors j < k, adjacent in a list
            a, b = anchors[j], anchors[k]
            return (a.place is not None and b.place is not None and a.place.level == b.place.level == level
                    and b.mention.sentence == sentence and a.mention.sentence == sentence
                    and self.list_gap.fullmatch(norm, a.mention.end, b.mention.start) is not None)

        lo = i
        while lo > 0 and sibling(lo - 1, lo):
            lo -= 1
        hi = i
        while hi + 1 < len(anchors) and sibling(hi, hi + 1):
            hi += 1
        members = [anchors[j].place for j in range(lo, hi + 1)]
        if len({fold_key(p.name) for p in members}) < 2:
            return False, None
        if hi + 1 < len(anchors):  # the list's own chain: "thôn Pha Long 1, Pha Long 2, xã Pha Long"
            nxt = anchors[hi + 1]
            if nxt.place is not None and nxt.mention.sentence == sentence and \
                    RANK.get(nxt.place.level, 9) < RANK.get(level, 9) and \
                    nxt.mention.start - anchors[hi].mention.end <= _CHAIN_GAP:
                return True, nxt.place
        for attr, parent_level in (("district", "district"), ("province", "province")):
            names = {fold_key(getattr(p, attr)) for p in members}
            if len(names) != 1 or not next(iter(names)):
                continue
            name = next(iter(names))
            for a in (*reversed(anchors[:lo]), *anchors[hi + 1:]):  # the nearest before the list, else after it
                if a.place is not None and a.place.level == parent_level and fold_key(a.place.name) == name:
                    return True, a.place
        return True, None

    def _bonus(self, a: Anchor) -> float:
        w = self.weights
        bonus = w.get("scene_bonus", 2) if a.scene else w.get("actor_bonus", 0.5) if a.actor else 0
        return bonus + self.level_bonus.get(a.place.level if a.place else "", 0)

    @staticmethod
    def _most_specific(i: int, ctx: "DocumentLinks") -> Place:
        """Along a written chain ("bản X, xã Y, huyện Z"), the most specific place of it."""
        anchors = ctx.anchors
        best = anchors[i].place
        j = i
        while j > 0:
            prev, cur = anchors[j - 1], anchors[j]
            if prev.place is None or cur.mention.start - prev.mention.end > _CHAIN_GAP or \
                    prev.mention.sentence != cur.mention.sentence:
                break
            if RANK.get(prev.place.level, 9) > RANK.get(best.level, 9):
                best = prev.place
            j -= 1
        return best

    def model_place(self, m: ModelMention, ctx: "DocumentLinks") -> Place | None:
        """A model's place: the first place after its name in its sentence ("mô hình X tại bản
        Y"), else the place its mention would take as a figure."""
        for a in ctx.anchors:
            if a.mention.sentence == m.sentence and a.mention.start >= m.end and a.place is not None \
                    and not a.address:
                return a.place
        return self.place_for(m.start, m.end, m.sentence, ctx)[0]

    def homes(self, ctx: "DocumentLinks") -> list[Anchor]:
        """"khám xét nơi ở của Binh": an anchor at the words naming a person's home, standing for the
        most specific place of the address the text gave that person ("Lê Chí Binh (SN 1983, ngụ xã
        Hòa Thịnh, tỉnh Đắk Lắk)"), by the full name or the given name; none when two people of the
        text share that name and live apart."""
        if self.home_re is None:
            return []
        norm = ctx.norm
        lives: dict[str, Place | None] = {}  # a folded full or given name -> their home
        seen: dict[tuple[str, int], Place] = {}  # (name, where the text names them) -> most specific place
        for a in ctx.anchors:
            if not a.address or a.place is None:
                continue
            s = ctx.seg.sentences[a.mention.sentence]
            m = _NAMED_BEFORE.search(norm, max(s.start, a.mention.start - 100), a.mention.start)
            if m is None:
                continue
            key = (fold_words(m.group("name")), m.start())
            best = seen.get(key)
            if best is None or RANK.get(a.place.level, 9) > RANK.get(best.level, 9):
                seen[key] = a.place
        for (name, _), place in seen.items():
            for k in {name, name.split()[-1]}:
                if k in lives and lives[k] is not None and fold_key(lives[k].name) != fold_key(place.name):
                    lives[k] = None  # two people of that name, two homes
                else:
                    lives.setdefault(k, place)
        if not lives:
            return []
        out = []
        for s in ctx.seg.sentences:
            for m in self.home_re.finditer(norm, s.start, s.end):
                name = fold_words(m.group("name"))
                place = lives.get(name) if name in lives else lives.get(name.split()[-1])
                if place is not None:
                    mention = PlaceMention(m.start(), m.end(), place.name, place.level, s.index, source="home")
                    out.append(Anchor(mention, place, scene=True, home=True))  # where the search was
        return out

    # -- periods -----------------------------------------------------------------------
    def governing(self, seg: SegmentedDocument, found: Mentions,
                  captions: set[int] | None = None) -> dict[int, PeriodMention]:
        """Per sentence, the period that governs the sentences after it in its section: one that
        stands before the sentence's first figure, outside brackets, and is a time of figures
        (not a target, a name or a baseline; a day only when the rules say days govern)."""
        first_fig: dict[int, int] = {}
        for f in found.figures:
            first_fig.setdefault(f.sentence, f.start)
        norm = seg.clean.norm
        day_governs = self.period_cfg.get("day_governs", False)
        day_opening = self.period_cfg.get("day_opening_chars", 10 ** 6)
        out: dict[int, PeriodMention] = {}
        captions = self.captions(seg) if captions is None else captions
        for p in found.periods:
            if p.rule == "target" or p.rule in NOT_FIGURE_TIMES or p.sentence in captions:
                continue
            s = seg.sentences[p.sentence]
            if _is_day(p):
                if not day_governs or p.start - s.start > day_opening:
                    continue
            before = norm[s.start:p.start]
            if before.count("(") > before.count(")"):
                continue
            if p.start < first_fig.get(p.sentence, s.end):
                out[p.sentence] = p
        if not self.period_cfg.get("several_govern", True):  # "tháng 11 đạt X; tháng 12 đạt Y": each its own clause's
            times: dict[int, set] = {}
            for p in found.periods:
                if p.rule != "target" and p.rule not in NOT_FIGURE_TIMES and not _is_day(p):
                    times.setdefault(p.sentence, set()).add((p.period_start, p.period_end, p.text))
            out = {i: p for i, p in out.items() if len(times.get(i, ())) < 2}
        return out

    def period_for(self, fig: FigureMention, ctx: "DocumentLinks") -> tuple[PeriodMention | None, str]:
        norm = ctx.norm
        s = ctx.seg.sentences[fig.sentence]
        periods = ctx.periods_in.get(fig.sentence, [])
        same = [p for p in periods if p.end <= fig.start and p.rule not in NOT_FIGURE_TIMES]
        if same:
            p = same[-1]
            return (None, "target") if p.rule == "target" else (p, "same sentence")
        if self.periods.target_before is not None and self.periods.target_before.search(
                norm[max(s.start, fig.start - 200):fig.start]):
            return None, "target"
        window = self.period_cfg.get("after_window", 40)
        for p in periods:
            if fig.end <= p.start <= fig.end + window and p.rule != "target" and p.rule not in NOT_FIGURE_TIMES \
                    and not ctx.baseline_re.search(norm, fig.end, p.start) \
                    and not any(fig.end <= f < p.start for f, _ in ctx.figure_spans.get(fig.sentence, ())):
                return p, "after figure"
        if self.present is not None and self.present.search(norm, clause_starts(norm, s.start, fig.start)[-1], fig.start):
            return None, "present"  # "huyện đang duy trì 54 mô hình": the state now, not the section's time
        sec = ctx.section[fig.sentence]
        reach = self.period_cfg.get("governs_sentences", 0) or len(ctx.seg.sentences)
        day_reach = self.period_cfg.get("day_governs_sentences", 0) or len(ctx.seg.sentences)
        for idx in range(fig.sentence - 1, max(-1, fig.sentence - 1 - reach), -1):
            if ctx.section[idx] != sec:
                break
            if idx in ctx.governing:
                p = ctx.governing[idx]
                if _is_day(p) and fig.sentence - idx > day_reach:
                    return None, ""
                return p, "section period"
        return None, ""

    # -- models ------------------------------------------------------------------------
    def subject_for(self, fig: FigureMention, ctx: "DocumentLinks") -> tuple[str, str]:
        models = ctx.found.models
        if not models:
            return "", ""
        sec = ctx.model_section[fig.sentence]
        n_before = bisect_left(ctx.model_starts, fig.start)
        before = [m for m in models[:n_before] if ctx.model_section[m.sentence] == sec]
        same = [m for m in before if m.sentence == fig.sentence]
        words = unit_words(fig.unit)
        if len(words) >= 2:  # "113 tộc họ tự quản về ANTT", "cứ 2 thôn lại có 1 kẻng an ninh": the unit names a model
            phrase = fold_words(fig.unit)
            for row in ctx.models:  # (not the ones it is for: "Tặng chăn ấm cho phụ nữ nghèo" counts no women)
                name = f" {fold_words(row.name)} "
                if f" {phrase} " in name and f" cho {phrase} " not in name:
                    return row.name, "unit names the model"
        # the counted thing is the model: "6 tổ xe ôm tự quản về ANTT", "... và 113 tộc họ tự quản về ANTT"
        unit_at = fig.end - len(fig.unit) if fig.unit else fig.end
        for pos, name in ctx.name_mentions:
            if unit_at - 1 <= pos <= fig.end:
                return name, "unit names the model"
        if same:
            if self.plural is not None and self.plural.search(ctx.norm, same[-1].end, fig.start):
                return "", ""  # "mô hình “5 tự quản” ...; thông qua các mô hình, quần chúng cung cấp 6.000 tin": all models'
            if self._other_group_between(same[-1], fig, ctx):
                return "", ""  # "2.596 Tổ nhân dân tự quản với 4.425 thành viên, 20 đội dân phòng với 373 thành viên"
            return ctx.row_name(same[-1]), "same sentence"
        # the sentence names a model without the cue: "các thành viên tổ xe ôm tự quản đã ..."
        named = [(pos, name) for pos, name in ctx.name_mentions if s_start(ctx, fig.sentence) <= pos < fig.start]
        if named:
            return named[-1][1], "names the model"
        for m in models[n_before:]:
            if m.sentence != fig.sentence:
                break
            name = unit_words(m.name)
            if words and name and len(words & name) >= max(1, 0.6 * len(words)):
                return ctx.row_name(m), "unit names the model"
        s = ctx.seg.sentences[fig.sentence]
        if not before:
            # "Tổ tự quản đã phát hiện 1 đối tượng": the clause's subject refers back to the article's
            # latest model, named in a section before
            word = self._subject_anaphor(ctx.norm, s.start, fig.start) if n_before else ""
            name = ctx.row_name(models[n_before - 1]) if n_before else ""
            # ... "mô hình" any model, a group word one of its kind ("Câu lạc bộ ..." no "Tặng chăn ấm ...")
            if word and (word in self.model_cues or f" {word} " in f" {fold_words(name)} "):
                return name, "refers back"
            # "Tổng kinh phí thực hiện mô hình là 36,6 triệu đồng" in an article of one model: that model
            if n_before and len(ctx.models) == 1 and self._bare_cue(ctx.norm, s.start, fig.start):
                return name, "refers back"
            return "", ""
        if self.anaphor is not None:
            spans = ctx.figure_spans.get(fig.sentence, ())
            for c in self.anaphor.finditer(ctx.norm, s.start, fig.start):  # the clause's subject, before it
                if not any(a <= c.start() < b for a, b in spans):  # not a figure's unit ("4 tổ tự quản")
                    return ctx.row_name(before[-1]), "refers back"
        reach = self.model_cfg.get("section_model_sentences", 1) or len(ctx.seg.sentences)
        if fig.sentence - before[-1].sentence <= reach and not self._other_actor(ctx.norm, s.start, fig.start):
            return ctx.row_name(before[-1]), "section model"
        return "", ""

    def _other_group_between(self, model: ModelMention, fig: FigureMention, ctx: "DocumentLinks") -> bool:
        """Between the model and the figure, another figure counts groups of another kind ("20 đội dân
        phòng"): a new item of a list, whose own figures follow it."""
        if self.list_item is None:
            return False
        name = unit_words(model.name)
        for f in ctx.figures_in.get(fig.sentence, ()):
            if not model.end <= f.start < fig.start or not f.unit:
                continue
            words = unit_words(f.unit)
            if self.list_item.match(fold_words(f.unit)) and len(words & name) < 0.6 * len(words):
                return True
        return False

    def _bare_cue(self, norm: str, begin: int, at: int) -> bool:
        """The cue ("mô hình") alone, one model and not a count or many of them, in the sentence
        before ``at``: "thực hiện mô hình", not "54 mô hình", "các mô hình"."""
        for m in self.cue_re.finditer(norm, begin, at) if self.cue_re is not None else ():
            lead = max(begin, m.start() - 12)
            if regex.search(r"\d\s*$", norm[lead:m.start()]):
                continue  # "54 mô hình"
            if self.plural is not None and self.plural.search(norm, lead, m.end()):
                continue  # "các mô hình"
            return True
        return False

    def _subject_anaphor(self, norm: str, begin: int, at: int) -> str:
        """The word standing for a model that opens a clause of the sentence before ``at`` ("Mô hình
        đã ...", "Tổ tự quản đã ..."), folded, or ''."""
        if self.anaphor is None:
            return ""
        for start in clause_starts(norm, begin, at):
            a = self.anaphor.match(norm, start, at)
            # a group word in lower case may be a verb's start ("tổ chức"); the cue itself never is:
            # "Đến nay, mô hình đã được nhân rộng tại 148 điểm"
            if a and (norm[start].isupper() or fold_words(a.group()) in self.model_cues):
                return fold_words(a.group())
        return ""

    def _other_actor(self, norm: str, begin: int, at: int) -> bool:
        """A clause of the figure's sentence, before it, opens with an actor of its own ("Cùng với
        đó, các cấp Hội đã tiết kiệm 553 tỷ đồng", "Ngoài ra, xã còn ..."): the figure is that
        actor's doing, not the section's model's."""
        if self.other_actor is None:
            return False
        return any(self.other_actor.match(norm, start, at) for start in clause_starts(norm, begin, at))


def _is_day(p: PeriodMention) -> bool:
    return p.rule == "day" or bool(p.period_start and p.period_start == p.period_end)


def s_start(ctx: "DocumentLinks", sentence: int) -> int:
    return ctx.seg.sentences[sentence].start


def name_mentions(norm: str, models: list[ModelMention]) -> list[tuple[int, str]]:
    """Where the text names a model row again, cue or not ("tổ xe ôm tự quản"), in text order:
    (position, the row's name). Names of at least two words, matched folded."""
    folded = fold_tones(norm).lower()
    if len(folded) != len(norm):  # folding changed the length: positions would not map back
        return []
    out: list[tuple[int, str]] = []
    for m in models:
        key = fold_words(m.name)
        if len(key.split()) < 2:
            continue
        pattern = r"\s+".join(regex.escape(w) for w in key.split())
        for hit in regex.finditer(r"(?<![\p{L}\p{N}])" + pattern + r"(?![\p{L}\p{N}])", folded):
            out.append((hit.start(), m.name))
    out.sort()
    return out


def generic_target(g: PlaceMention, places: list[Place]) -> Place | None:
    """The named place a generic mention ("toàn huyện", "tỉnh") refers to: the latest before it."""
    want = {"city": ("district", "province"), "province": ("province",), "district": ("district",),
            "commune": ("commune",)}[g.level]
    best = None
    for p in places:
        if p.mention.start >= g.start:
            break
        if p.level in want and (g.level != "city" or p.mention.unit_word.lower().startswith(("thành phố", "tp"))):
            best = p
    return best


@dataclass
class DocumentLinks:
    """What linking knows of one document, computed once: sections, anchors, national words,
    governing periods, the article's place."""

    seg: SegmentedDocument
    found: Mentions
    models: list[ModelMention]  # the model rows (deduplicated), for their names
    linker: Linker
    norm: str = ""
    section: list[int] = field(default_factory=list)
    model_section: list[int] = field(default_factory=list)  # sections not cut where a new time opens
    captions: set[int] = field(default_factory=set)  # the sentences that are photo captions
    sections_start: dict[int, int] = field(default_factory=dict)
    anchors: list[Anchor] = field(default_factory=list)
    anchor_starts: list[int] = field(default_factory=list)
    national: list[int] = field(default_factory=list)
    article: Place | None = None
    governing: dict[int, PeriodMention] = field(default_factory=dict)
    figure_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # per sentence, in text order
    figures_in: dict[int, list[FigureMention]] = field(default_factory=dict)  # the figures of each sentence
    periods_in: dict[int, list[PeriodMention]] = field(default_factory=dict)
    model_starts: list[int] = field(default_factory=list)
    model_places: dict[str, Place | None] = field(default_factory=dict)  # model row name -> its place
    name_mentions: list[tuple[int, str]] = field(default_factory=list)  # the text naming a model row again
    baseline_re: regex.Pattern | None = None

    def row_name(self, m: ModelMention) -> str:
        key = fold_words(m.name)
        return next((k.name for k in self.models if fold_words(k.name) == key), m.name)


def prepare(seg: SegmentedDocument, found: Mentions, places: list[Place], models: list[ModelMention],
            linker: Linker, baseline_re: regex.Pattern) -> DocumentLinks:
    ctx = DocumentLinks(seg, found, models, linker, norm=seg.clean.norm, baseline_re=baseline_re)
    ctx.section = linker.sections(seg, found)
    ctx.model_section = linker.sections(seg, found, at_times=False)
    ctx.captions = linker.captions(seg)
    for s, sec in zip(seg.sentences, ctx.section):
        ctx.sections_start.setdefault(sec, s.start)
    ctx.anchors = linker.anchors(seg, places, found.generic_places)
    ctx.national = [m.start() for m in linker.national.finditer(ctx.norm)] if linker.national else []
    ctx.article = linker.article_place(seg, ctx.anchors)
    homes = linker.homes(ctx)
    if homes:  # after the article's place: a home named again is not the article's
        ctx.anchors = sorted(ctx.anchors + homes, key=lambda a: a.mention.start)
    ctx.anchor_starts = [a.mention.start for a in ctx.anchors]
    ctx.governing = linker.governing(seg, found, ctx.captions)
    for f in found.figures:
        ctx.figure_spans.setdefault(f.sentence, []).append((f.start, f.end))
        ctx.figures_in.setdefault(f.sentence, []).append(f)
    for p in found.periods:
        ctx.periods_in.setdefault(p.sentence, []).append(p)
    ctx.model_starts = [m.start for m in found.models]
    ctx.model_places = {m.name: linker.model_place(m, ctx) for m in models}
    ctx.name_mentions = name_mentions(ctx.norm, models)
    return ctx


def link_figure(fig: FigureMention, ctx: DocumentLinks) -> Link:
    subject, subject_rule = ctx.linker.subject_for(fig, ctx)
    place, place_rule = ctx.linker.place_for(fig.start, fig.end, fig.sentence, ctx, fig.unit)
    if subject and ctx.model_places.get(subject) is not None and place_rule in ("", "article place"):
        place, place_rule = ctx.model_places[subject], "model's place"
    period, period_rule = ctx.linker.period_for(fig, ctx)
    return Link(place, place_rule if place else (place_rule if place_rule in NO_PLACE_EVIDENCE else ""),
                period, period_rule if period else (period_rule if period_rule in NO_PERIOD_EVIDENCE else ""),
                subject, subject_rule)
