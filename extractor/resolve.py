"""Stage 6, resolve: places against the gazetteer (level, province), and each figure tied
to its place, its model and its period. Returns the rows of the output table.
"""
from __future__ import annotations

from bisect import bisect_left

import hashlib
from collections import Counter
from dataclasses import dataclass

import regex

from . import gazetteer as gazetteer_mod
from . import rules as rules_mod
from .records import Fact, FigureMention, Mentions, ModelMention, PeriodMention, PlaceMention, SegmentedDocument
from .text import fold_key, fold_words

_LIST_BREAK = regex.compile(r"[;:()]|[.!?]\s")  # what ends a list of figures before its "(place)"
_CHAIN_GAP = regex.compile(r"\s*[,(]?\s*")  # what may stand between the places of a chain
_RANK = {"province": 0, "district": 1, "commune": 2, "village": 3}
_CUE = regex.compile(r"(?i)(?<!\p{L})mô hình(?!\p{L})")


@dataclass
class Place:
    """A resolved place mention."""

    mention: PlaceMention
    name: str
    level: str
    province: str


def fact_id(doc_id: str, kind: str, start: int, end: int, key: str) -> str:
    return hashlib.sha1(f"{doc_id}|{kind}|{start}|{end}|{key}".encode()).hexdigest()[:16]


class Resolver:
    def __init__(self, rules=None):
        self.rules = rules or rules_mod.load()
        self.gaz = gazetteer_mod.load()
        self.central = {fold_key(c) for c in self.rules.places["centrally_run_cities"]}
        # what may not stand between a figure and a period after it: a baseline word, a clause break
        baselines = [r"\s+".join(map(regex.escape, b.split())) for b in self.rules.periods.get("baselines", [])]
        self.baseline_re = regex.compile(r"(?i)" + "|".join(baselines + [r"[;:(]"]))
        national = self.rules.places.get("national", [])
        self.national_re = regex.compile(r"(?i)(?<!\p{L})(?:" + "|".join(
            regex.escape(w) for w in sorted(national, key=len, reverse=True)) + r")(?!\p{L})") if national else None

    # -- places --------------------------------------------------------------------------
    def _level(self, m: PlaceMention) -> str:
        if m.level == "city":
            return "province" if fold_key(m.name) in self.central else "district"
        return m.level

    def _candidates(self, name: str, level: str) -> list[str]:
        if level == "village":
            return []
        return list(dict.fromkeys(u.province for u in self.gaz.lookup(name, level)))

    def resolve_places(self, mentions: list[PlaceMention], outlet_province: str,
                       text: str = "") -> tuple[list[Place], str]:
        votes: Counter[str] = Counter()
        outlet = self.gaz.province_named(outlet_province) if outlet_province else ""
        if outlet:
            votes[outlet] += 3
        levels = [self._level(m) for m in mentions]
        for m, level in zip(mentions, levels):
            cands = self._candidates(m.name, level)
            if level == "province" and cands:
                votes[cands[0]] += 2
            elif len(cands) == 1:
                votes[cands[0]] += 1 if level == "district" else 0.5
        main = votes.most_common(1)[0][0] if votes else ""
        places: list[Place] = []
        for i, (m, level) in enumerate(zip(mentions, levels)):
            name = m.name
            cands = self._candidates(m.province or name, level)
            if level == "province":
                province = cands[0] if cands else (m.province or name)
                name = self.gaz.province_named(name) or name if m.source == "abbreviation" else name
            else:
                parent = self._parent(mentions, levels, i, text)
                # the text's own chain ("xã X, huyện Y, Hưng Yên") over the gazetteer for communes
                # (merged and renamed in 2025, so its communes are incomplete); a district must
                # agree with the gazetteer ("thành phố Hải Dương, Bình Dương" is a list)
                if parent and (not cands or parent in cands or level in ("commune", "village")):
                    province = parent
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
            places.append(Place(m, name, level, province))
        return places, main

    def _parent(self, mentions: list[PlaceMention], levels: list[str], i: int, text: str = "") -> str:
        """The province of the chain of higher-level places written right after this one
        ("thôn Hoan Ái, xã Lý Thường Kiệt, huyện Yên Mỹ, Hưng Yên"): the highest of them whose
        province the gazetteer knows without doubt."""
        m = mentions[i]
        prev_end, chain_rank, best = m.end, _RANK.get(levels[i], 9), ""
        for j in range(i + 1, len(mentions)):
            nxt = mentions[j]
            if nxt.sentence != m.sentence or nxt.start - prev_end > 3 or \
                    (text and not _CHAIN_GAP.fullmatch(text, prev_end, nxt.start)):
                break  # "TP.Kon Tum - TP.Tam Kỳ (Quảng Nam)" is a route, not a chain
            rank = _RANK.get(levels[j], 9)
            if rank > chain_rank:
                break  # a lower level starts another place
            if rank < chain_rank:  # up the chain; peers ("các xã A, B (huyện C)") share its top
                chain_rank = rank
                cands = self._candidates(nxt.name, levels[j])
                if (levels[j] == "province" and cands) or len(cands) == 1:
                    best = cands[0]
            prev_end = nxt.end
        return best

    # -- linking -------------------------------------------------------------------------
    @staticmethod
    def _generic_target(g: PlaceMention, places: list[Place]) -> Place | None:
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


def _period_for(fig: FigureMention, periods: list[PeriodMention], seg: SegmentedDocument,
                governing: dict[int, PeriodMention], baseline_re: regex.Pattern) -> PeriodMention | None:
    """``periods``: those of the figure's own sentence, in text order."""
    same = [p for p in periods if p.end <= fig.start]
    if same:
        return same[-1]
    norm = seg.clean.norm
    for p in periods:  # "bắt 50 đối tượng trong năm 2016": a period right after, not a baseline
        if fig.end <= p.start <= fig.end + 40 and not baseline_re.search(norm, fig.end, p.start):
            return p
    para = seg.sentences[fig.sentence].paragraph
    for idx in range(fig.sentence - 1, -1, -1):
        if seg.sentences[idx].paragraph != para:
            break
        if idx in governing:
            return governing[idx]
    return None


def _governing_periods(periods: list[PeriodMention], figures: list[FigureMention],
                       seg: SegmentedDocument) -> dict[int, PeriodMention]:
    """Per sentence, the period that governs the sentences after it in the paragraph: one that
    stands before the sentence's first figure and outside parentheses."""
    first_fig: dict[int, int] = {}
    for f in figures:
        first_fig.setdefault(f.sentence, f.start)
    norm = seg.clean.norm
    out: dict[int, PeriodMention] = {}
    for p in periods:
        if p.rule == "day" or (p.period_start and p.period_start == p.period_end):
            continue  # a day ("ngày 10/2", a dateline, an event) dates its own sentence only
        s = seg.sentences[p.sentence]
        before = norm[s.start:p.start]
        if before.count("(") > before.count(")"):
            continue
        if p.start < first_fig.get(p.sentence, s.end):
            out[p.sentence] = p
    return out


def _word_overlap(a: str, b: str) -> float:
    wa, wb = fold_words(a).split(), fold_words(b).split()
    if not wa or not wb:
        return 0.0
    common = sum((Counter(wa) & Counter(wb)).values())
    return common / max(len(wa), len(wb))


def resolve(seg: SegmentedDocument, found: Mentions, rules=None) -> list[Fact]:
    r = _resolver(rules or rules_mod.load())
    clean = seg.clean
    doc_id = clean.doc.doc_id
    text = clean.doc.text
    places, main = r.resolve_places(found.places, clean.meta.outlet_province, clean.norm)

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
                          sentence=sentence_text(p.mention.sentence), char_start=a, char_end=b))

    # every place-like mention, named or generic, in text order, with the place it stands for
    anchors: list[tuple[PlaceMention, Place | None]] = [(p.mention, p) for p in places]
    for g in found.generic_places:
        anchors.append((g, r._generic_target(g, places)))
    anchors.sort(key=lambda a: a[0].start)

    anchor_starts = [a[0].start for a in anchors]

    national = [m.start() for m in r.national_re.finditer(clean.norm)] if r.national_re else []

    def place_for(start: int, sentence: int, end: int | None = None) -> Place | None:
        """The place a mention at ``start`` belongs to: the places in parentheses closing its list
        ("5 tấn gạo, 86 nồi cơm điện… (Sóc Sơn)"); else the latest place before it in its paragraph
        (the most specific of a chain "bản X, xã Y") unless "cả nước" stands between; else the
        first place after it in its sentence."""
        para = seg.sentences[sentence].paragraph
        first_after = bisect_left(anchor_starts, start)
        if end is not None and first_after < len(anchors):
            m, target = anchors[first_after]
            if (target is not None and m.sentence == sentence and m.start > 0 and clean.norm[m.start - 1] == "("
                    and not _LIST_BREAK.search(clean.norm, end, m.start - 1)):
                return target
        best_i = None
        for i in range(first_after - 1, -1, -1):  # back through the paragraph
            m, target = anchors[i]
            if seg.sentences[m.sentence].paragraph != para:
                break
            if target is not None:
                best_i = i
                break
        if best_i is not None:
            n = bisect_left(national, anchors[best_i][0].end)
            if n < len(national) and national[n] < start:
                best_i = None  # "cả nước", "toàn quốc" since that place: the figure is the country's
        if best_i is None:
            for m, target in anchors[first_after:]:
                if m.sentence != sentence:
                    break
                if target is not None:
                    return target
            return None
        best = anchors[best_i][1]
        i = best_i
        while i > 0:  # walk back along a written chain of places
            prev_m, prev_t = anchors[i - 1]
            if prev_t is None or anchors[i][0].start - prev_m.end > 3 or prev_m.sentence != anchors[i][0].sentence:
                break
            if _RANK.get(prev_t.level, 9) > _RANK.get(best.level, 9):
                best = prev_t
            i -= 1
        return best

    models: list[ModelMention] = []
    for m in found.models:
        if any(fold_words(m.name) == fold_words(k.name) for k in models):
            continue
        models.append(m)
    for m in models:
        surface, a, b = span_text(m.start, m.end)
        # the model's place: the nearest place in its sentence, else the paragraph's latest before it
        in_sentence = [p for p in places if p.mention.sentence == m.sentence]
        after = [p for p in in_sentence if p.mention.start >= m.end]
        loc = after[0] if after else place_for(m.start, m.sentence)
        facts.append(Fact(doc_id, fact_id(doc_id, "model", a, b, m.name), "model", name=m.name,
                          location=loc.name if loc else "", province=loc.province if loc else "",
                          founded=m.founded, surface=surface, sentence=sentence_text(m.sentence),
                          char_start=a, char_end=b))

    governing = _governing_periods(found.periods, found.figures, seg)
    periods_in: dict[int, list[PeriodMention]] = {}
    for p in found.periods:
        periods_in.setdefault(p.sentence, []).append(p)
    model_sentences = {m.sentence for m in found.models}
    model_starts = [m.start for m in found.models]  # found.models are in text order
    norm = clean.norm
    cues_in: dict[int, list[int]] = {}  # sentence -> where the model cue words stand in it
    seen_figures: set[tuple] = set()
    for f in found.figures:
        # a figure repeated (same value, same head word of its unit) is one fact: the first
        head = fold_words(f.unit).split(" ")[0]
        if (f.value, f.value_max, head) in seen_figures:
            continue
        seen_figures.add((f.value, f.value_max, head))
        loc = place_for(f.start, f.sentence, f.end)
        s = seg.sentences[f.sentence]
        if f.sentence not in cues_in:
            cues_in[f.sentence] = [c.start() for c in _CUE.finditer(norm, s.start, s.end)]
        cue_here = any(not (f.start <= c < f.end) for c in cues_in[f.sentence])
        prev_has_model = f.sentence > 0 and seg.sentences[f.sentence - 1].paragraph == s.paragraph and \
            f.sentence - 1 in model_sentences
        subject = ""
        if cue_here or prev_has_model or f.sentence in model_sentences:
            n_before = bisect_left(model_starts, f.start)
            if n_before:
                last = found.models[n_before - 1]
                subject = next((k.name for k in models if _word_overlap(k.name, last.name) >= 0.6), last.name)
        period = _period_for(f, periods_in.get(f.sentence, []), seg, governing, r.baseline_re)
        surface, a, b = span_text(f.start, f.end)
        facts.append(Fact(
            doc_id, fact_id(doc_id, f.kind, a, b, f"{f.value}|{f.unit}"), f.kind,
            province=loc.province if loc else "", value=f.value, value_max=f.value_max, unit=f.unit,
            qualifier=f.qualifier, change=f.change,
            period=span_text(period.start, period.end)[0] if period else "",
            period_start=period.period_start if period else "", period_end=period.period_end if period else "",
            location=loc.name if loc else "", subject=subject, surface=surface,
            sentence=sentence_text(f.sentence), char_start=a, char_end=b,
        ))
    facts.sort(key=lambda x: (x.char_start, x.kind))
    return facts


_RESOLVERS: dict[int, Resolver] = {}


def _resolver(rules) -> Resolver:
    key = id(rules)
    if key not in _RESOLVERS:
        _RESOLVERS[key] = Resolver(rules)
    return _RESOLVERS[key]
