"""Figures: a number (read by ``numbers``) followed by what it counts.

A number is a figure only when a unit follows it (a measure, a counted noun, a classifier
and its noun, from ``rules/units.yaml``; failing those, a noun by underthesea's tagger) and
nothing marks it as a date, time, identifier, slogan, age or rank (``rules/not_figures.yaml``).
"""
from __future__ import annotations


import regex

from ..lexicon import LETTER_AFTER, LETTER_BEFORE, alternation, words_re
from ..numbers import reader as number_reader
from ..records import FigureMention, SegmentedDocument
from ..tagger import PosTagger
from ..text import fold_words

_SPACE = regex.compile(r"[ \t]*")
_QUOTED = regex.compile(r"[“\"«‘']([^”\"»’']{2,60})[”\"»’']")
_RATE = regex.compile(r"(?i)(?:\s?/\s?\p{L}[\p{L}\d]*(?![\p{L}\d]))+")  # "đồng/người/năm"
# "6-8 triệu đồng mỗi tháng": a measure (not a counted thing: "17 huyện mỗi ngày") per period
_PER = regex.compile(r"(?i)\s+(?:mỗi|một)\s(?:tháng|ngày|năm|người|lượt)(?![\p{L}])")
_RANGE_TAIL = regex.compile(r"(?i)\s*(?:đến|tới|-|–)\s*")
_CLAUSE = regex.compile(r"[^,.;:!?()“”\"\n]{0,30}")
# "ngoài 5 người ra", "Ngoài 3 món cháo trên, ...": besides, not "over"
_BESIDES_END = regex.compile(r"(?i)[^,.;:!?()]{0,60}?(?:\s+ra(?![\p{L}])|\s+(?:kể trên|nói trên|trên|này|đó)\s*,)")
_THOUSANDS_COMMA = regex.compile(r"\d{1,3},\d{3}")
_TAIL = 100  # the end-anchored "word before the number" patterns look this far back, no further
_NOUN_TAGS = {"N", "Nc", "Nu", "Ny", "Nb"}


class UnitLexicon:
    """Longest-match lookup of unit phrases right after a number."""

    def __init__(self, rules):
        u = rules.units
        # what underthesea said of each clause asked, for the whole run (its answers depend on
        # the clause only; the tagger is the pipeline's most expensive step)
        self.tag_cache: dict[str, list[tuple[int, int, str, str]]] = {}
        self.word_cache: dict[str, str] = {}
        self._tagger: PosTagger | None = None  # loaded on its first question
        self.measures = {fold_words(x) for x in u["measures"]}
        self.classifiers = {fold_words(x) for x in u["classifiers"]}
        self.nouns = {fold_words(x) for x in u["nouns"]}
        self.not_units = {fold_words(x) for x in u["not_units"] + u.get("function_words", [])}
        self.member_units = sorted({fold_words(x) for x in u["member_units"]}, key=len, reverse=True)
        self.member_with_cue = {fold_words(x) for x in u["member_units_with_cue"]}
        self.cue_after_only = {fold_words(x) for x in u.get("member_units_cue_after_only", [])}
        # the cue words around a figure, whole words as the text writes them (folded already)
        cues = {k: words_re([fold_words(x) for x in u[k]], fold=False, ignore_case=False, before=LETTER_BEFORE,
                            after=LETTER_AFTER) for k in ("member_cues_after", "member_cues_before", "outcome_cues_after")}
        self.cues_after, self.cues_before = cues["member_cues_after"], cues["member_cues_before"]
        self.outcome_after = cues["outcome_cues_after"]
        everything = self.measures | self.classifiers | self.nouns | self.not_units
        self.max_words = max(len(x.split()) for x in everything)
        # measures may stand attached to the number: "22,5%", "72,50m", "1430m3/s"
        self.attached = regex.compile(
            r"(?i)(" + "|".join(regex.escape(m) for m in sorted(self.measures, key=len, reverse=True)
                                if " " not in m) + r")(?![\p{L}\d])"
        )

    def match(self, text: str) -> tuple[str, int, bool] | None:
        """(unit, length in chars, is_not_unit) for the longest entry at the start of ``text``."""
        # "/" parts a rate: "USD/người/tháng" is "USD" and its rate, read after (read_unit)
        words = list(regex.finditer(r"[\p{L}\p{N}%]+|,", text[:200]))
        for n in range(min(self.max_words, len(words)), 0, -1):
            if words[n - 1].group() == ",":
                continue
            end = words[n - 1].end()
            phrase = fold_words(text[:end].replace(" ,", ","))
            if phrase in self.not_units:
                return phrase, end, True
            if phrase in self.measures or phrase in self.nouns or phrase in self.classifiers:
                return phrase, end, False
        return None


def first_match_spans(patterns: list[regex.Pattern], text: str) -> list[tuple[int, int]]:
    """The spans ``"|".join(patterns)`` would find, scanning left to right (at each position the
    first pattern in order that matches there wins; the scan goes on after its match), got from
    each pattern's own scan: one alternation of thirty patterns tries every one at every
    character, which is three times slower than thirty scans that skip ahead on their own."""
    nxt = [rx.search(text) for rx in patterns]
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        best = None
        for k, m in enumerate(nxt):
            if m is not None and m.start() < pos:
                m = nxt[k] = patterns[k].search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m  # strictly earlier: on a tie the earlier pattern keeps it
        if best is None:
            return out
        out.append(best.span())
        pos = best.end() if best.end() > best.start() else best.start() + 1


def _pos(sentence: str, lex: UnitLexicon) -> list[tuple[int, int, str, str]]:
    """underthesea POS tags of a sentence, with offsets: (start, end, word, tag)."""
    cached = lex.tag_cache.get(sentence)
    if cached is None:
        if lex._tagger is None:
            lex._tagger = PosTagger()
        cached = lex.tag_cache[sentence] = _tag(sentence, lex._tagger)
    return cached


def _tag(sentence: str, tagger: PosTagger) -> list[tuple[int, int, str, str]]:
    out, cursor = [], 0
    for word, tag in tagger(sentence):
        pos = sentence.find(word, cursor)
        if pos < 0:
            continue
        out.append((pos, pos + len(word), word, tag))
        cursor = pos + len(word)
    return out


def _first_word(clause: str, lex: UnitLexicon) -> str:
    """The first word of a clause by underthesea's word segmentation ("tiền đạo xuất sắc" ->
    "tiền đạo")."""
    word = lex.word_cache.get(clause)
    if word is None:
        from underthesea import word_tokenize

        words = word_tokenize(clause)
        word = lex.word_cache[clause] = words[0] if words else ""
    return word


def _compound(sentence: str, pos: int, unit: str, end: int, lex: "UnitLexicon") -> tuple[str, int]:
    """A one-syllable unit that starts a longer word is that word: "3 tiền đạo" counts strikers,
    not money; "5 đơn vị" units, not forms (word segmentation decides, not the first syllable)."""
    if " " in unit or not regex.match(r" \p{Ll}", sentence[end:end + 2]):
        return unit, end
    clause = _CLAUSE.match(sentence, pos).group()
    word = _first_word(clause, lex)
    if " " not in word or not fold_words(word).startswith(unit + " ") or len(word) > len(clause):
        return unit, end
    folded = fold_words(word)
    if folded in lex.not_units:
        return unit, end
    return folded, pos + len(word)


def _noun_at(sentence: str, pos: int, lex: UnitLexicon) -> tuple[str, int] | None:
    """The word starting at ``pos`` if the tagger calls it a noun: (word, end).

    Only the clause from ``pos`` on is tagged (up to punctuation, at most 8 syllables): the
    tagger is the pipeline's most expensive step, and this is all the context it needs here."""
    clause = _CLAUSE.match(sentence, pos).group()
    if not clause[:1].islower():
        return None  # the tagger's first word would not start lower-case: skip the tagger
    tags = _pos(clause, lex)
    if not tags or tags[0][0] != 0:
        return None
    _, end, word, tag = tags[0]
    if tag in _NOUN_TAGS and word[:1].islower():
        return fold_words(word), pos + end
    return None


def read_unit(sentence: str, pos: int, lex: UnitLexicon, use_tagger: bool = True) -> tuple[str, int] | None:
    """The unit that starts at ``pos`` in ``sentence`` (after the number): (unit, end) or None."""
    m = lex.attached.match(sentence, pos)
    if m:
        unit, end = fold_words(m.group(1)), m.end()
    else:
        gap = _SPACE.match(sentence, pos).end()
        if gap == pos:
            return None  # "12h45", "2A": letters glued to a number are not a unit
        pos = gap
        q = _QUOTED.match(sentence, pos)
        if q:
            return fold_words(q.group(1)), q.end()
        hit = lex.match(sentence[pos:pos + 200])  # (match reads 200 characters at most)
        if hit is not None:
            unit, length, is_not_unit = hit
            if is_not_unit:
                return None
            end = pos + length
            if use_tagger:
                unit, end = _compound(sentence, pos, unit, end, lex)
            if unit in lex.classifiers:
                ahead = sentence[end:end + 400]
                nxt = lex.match(ahead.lstrip(" "))
                skip = len(ahead) - len(ahead.lstrip(" "))
                if nxt and not nxt[2]:
                    unit, end = f"{unit} {nxt[0]}", end + skip + nxt[1]
                elif use_tagger:
                    noun = _noun_at(sentence, end + skip, lex)
                    if noun:
                        unit, end = f"{unit} {noun[0]}", noun[1]
        elif use_tagger:
            noun = _noun_at(sentence, pos, lex)
            if noun is None:
                return None
            unit, end = noun
            if unit in lex.not_units:
                return None
        else:
            return None
    rate = _RATE.match(sentence, end)
    if rate:
        end = _rate_end(sentence, end, rate.end(), lex)
        unit = fold_words(unit + " " + sentence[rate.start():end].strip()).replace(" /", "/").replace("/ ", "/")
    elif unit in lex.measures:
        per = _PER.match(sentence, end)
        if per:
            unit, end = fold_words(unit + " " + per.group().strip()), per.end()
    return unit, end


def _rate_end(sentence: str, start: int, end: int, lex: UnitLexicon) -> int:
    """The end of a rate's last part, a whole word of the lexicon when one starts there: "USD/trường
    hợp", "đồng/chương trình" (the rate's pattern stops at the first syllable's end)."""
    last = sentence.rfind("/", start, end) + 1
    part = sentence[last:end].lstrip()
    hit = lex.match(sentence[end - len(part):end + 40]) if part else None
    if hit is not None and not hit[2] and hit[1] > len(part):
        return end - len(part) + hit[1]
    return end


def _first_cue(text: str, cues: regex.Pattern | None) -> int:
    """Position of the first cue word in ``text``, or -1."""
    m = cues.search(text) if cues is not None else None
    return m.start() if m else -1


def _kind(unit: str, before: str, after: str, lex: UnitLexicon) -> str:
    """member_count or outcome, from the unit and the cue words around the figure."""
    after_words = " ".join(after.split()[:6])
    member_at = _first_cue(after_words, lex.cues_after)
    outcome_at = _first_cue(after_words, lex.outcome_after)
    if outcome_at >= 0 and (member_at < 0 or outcome_at < member_at):
        return "outcome"
    if any(unit == m or unit.startswith(m + " ") for m in lex.member_units):
        return "member_count"
    if unit in lex.member_with_cue:
        if member_at >= 0 or (unit not in lex.cue_after_only
                              and _first_cue(" ".join(before.split()[-3:]), lex.cues_before) >= 0):
            return "member_count"
    return "outcome"


class FigureFinder:
    def __init__(self, rules, use_tagger: bool = True):
        self.rules = rules
        self.numbers = number_reader(self.rules)
        self.lex = UnitLexicon(self.rules)
        self.use_tagger = use_tagger
        # a sentence can hold a figure only with a digit or a word a number can start with, from
        # rules/numbers.yaml (whole words: "khai", "bao" are none): a unit word ("hai", "mười"), a
        # scale ("nghìn tỷ" on its own), "mươi", a vague quantity's first word ("hàng", "vài")
        nums = self.rules.numbers
        starts = {*nums["units_words"], *nums["scales"], "mươi", *(v.split()[0] for v in nums["vague"])}
        one = rf"|{LETTER_BEFORE}một(?={nums['one_counts']})" if nums.get("one_counts") else ""  # "một người chết"
        self.may_count = regex.compile(r"(?i)\d|" + LETTER_BEFORE + alternation(starts) + LETTER_AFTER + one)
        cfg = self.rules.numbers
        self.change_re = {
            kind: words_re(ws, before=LETTER_BEFORE, after="", tail=r"\s*$")
            for kind, ws in cfg["change"].items()
        }
        self.besides = {fold_words(w) for w in cfg.get("besides", [])}
        carry = cfg.get("change_carries_over")
        self.change_carry = regex.compile(carry) if carry else None
        carry_and = cfg.get("change_carries_over_and")
        self.change_carry_and = regex.compile(carry_and) if carry_and else None
        self.change_carry_and_units = set(cfg.get("change_carries_over_and_units", []))
        from ..measure import Measures

        measures = Measures.from_rules(self.rules)
        countable = set(self.rules.measures.get("countable", [])) if self.rules.measures else set()
        self.countable = lambda unit: measures.of(unit)[0] in countable
        after = self.numbers.qualifier_after
        self.after_re = regex.compile(
            r"(?i)^[^,.;:()]{0,40}?(?<!\p{L})(" + "|".join(regex.escape(w) for w in after) + r")(?!\p{L})"
        ) if after else None

    def find_in_sentence(self, text: str, offset: int, sentence: int) -> list[FigureMention]:
        blocked = None  # the not-a-figure spans, scanned once a number is met (many sentences have none)
        found: list[FigureMention] = []
        consumed = 0  # a range reaches over the number after it: do not read that one again
        for q, m in self.numbers.finditer(text):
            if m.start() < consumed:
                continue
            core = (m.start("vague"), m.end("vague")) if m.group("vague") else \
                (m.start("bare"), m.end("bare")) if m.group("bare") else \
                (m.start("ra"), m.end("rb")) if m.group("ra") else (m.start("n1"), m.end("n1"))
            if blocked is None:
                blocked = first_match_spans(self.rules.not_figure_res, text)
            if any(s < core[1] and core[0] < e for s, e in blocked):
                continue
            first = next((m.start(g) for g in ("qual", "neg", "open") if m.group(g)), core[0])
            number_at = first
            before = text[max(0, first - 200):first]  # the words before the number (a window)
            if self.rules.identifier_before_re.search(text, max(0, first - _TAIL), first):
                continue
            unit_end = read_unit(text, m.end(), self.lex, self.use_tagger)
            if unit_end is None:
                continue
            unit, end = unit_end
            value, value_max, qualifier = q.value, q.value_max, q.qualifier
            if qualifier == "more_than" and fold_words(m.group("qual") or "") in self.besides and \
                    _BESIDES_END.match(text, end):
                qualifier, first = "exact", core[0]  # "ngoài 5 người bị thương ra": besides, not over
            if m.group("n1") and value_max is None and self.countable(unit) and \
                    _THOUSANDS_COMMA.fullmatch(m.group("n1")):
                value = value * 1000 if isinstance(value, (int, float)) else value
                value = int(round(value))  # "12,400 căn hộ": an English-styled thousands comma (no one counts 12.4 flats)
            tail = _RANGE_TAIL.match(text, end)
            if tail and value_max is None and qualifier == "exact":
                m2 = self.numbers.pattern.match(text, tail.end())
                if m2 and m2.group("n1") and not m2.group("n2"):
                    q2 = self.numbers.quantity(m2)
                    u2 = read_unit(text, m2.end(), self.lex, False)
                    if q2 and u2 and q2.value > value and (u2[0] == unit or u2[0].startswith(unit)):
                        value_max, qualifier, unit, end = q2.value, "range", u2[0], u2[1]
            if self.after_re is not None and qualifier == "exact":
                am = self.after_re.match(text[end:end + 200])
                if am:
                    qualifier = self.numbers.qualifier_after[fold_words(am.group(1))]
                    end = end + am.end()
            change = ""
            if first > 0 and text[first - 1] in "-−" and (first == 1 or text[first - 2] in " (") and unit.startswith("%"):
                change, first = "decrease", first - 1  # "(-0,06%)"
            for kind, pattern in self.change_re.items():
                cm = pattern.search(text, max(0, number_at - _TAIL), number_at)
                if cm and not change:
                    change, first = kind, cm.start()  # the surface takes the verb: "giảm 22,5%"
            prev = found[-1] if found else None
            if not change and prev is not None and prev.change and prev.unit == unit and (
                    (self.change_carry is not None and self.change_carry.fullmatch(text, prev.end - offset, number_at))
                    or (unit in self.change_carry_and_units and self.change_carry_and is not None
                        and self.change_carry_and.fullmatch(text, prev.end - offset, number_at))):
                change = prev.change  # "tăng 2,3% về lượng và 27% về giá trị": the 27% rose too
            consumed = end
            found.append(FigureMention(
                start=offset + first, end=offset + end, value=value, value_max=value_max,
                unit=unit, qualifier=qualifier, change=change,
                kind=_kind(unit, before, text[end:end + 300], self.lex), sentence=sentence,
            ))
        return found

    def find(self, seg: SegmentedDocument) -> list[FigureMention]:
        """The figures of every sentence of a document."""
        out: list[FigureMention] = []
        norm = seg.clean.norm
        for s in seg.sentences:
            text = norm[s.start:s.end]
            if not self.may_count.search(text):
                continue
            out.extend(self.find_in_sentence(text, s.start, s.index))
        return out


def find_figures(seg: SegmentedDocument, rules=None) -> list[FigureMention]:
    """The figures of a document, with the finder of ``rules``' Extractor."""
    from ..engine import Extractor

    return Extractor.for_rules(rules).figures.find(seg)
