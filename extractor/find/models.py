"""Models (mô hình): quoted names after the cue, lists of quoted names after "như:",
and unquoted names after the cue up to the first word that ends a name (``rules/models.yaml``).
"""
from __future__ import annotations


from bisect import bisect_left

import regex

from ..lexicon import LETTER_AFTER, LETTER_BEFORE, alternation, words_re
from ..records import ModelMention, SegmentedDocument
from ..text import fold_words

_OPEN_Q = "“\"«‘'"
_QUOTE = regex.compile(r"[“\"«‘']([^”\"»’'“]{2,150})[”\"»’']")
_SEP = regex.compile(r"\s*(?:[,;]|và|hoặc|…|\.\.\.)\s*")
_NEXT_ITEM = regex.compile(r"\s*,\s+(?=\p{Lu})")  # a list's next item, capitalised, inside a name read too far
_ITEM_GAP = regex.compile(r"\s*(?:,|và|;)\s*")  # between two named types of a list
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")
_FOUNDED = regex.compile(
    r"(?i)(?:thành lập|ra đời|triển khai|xây dựng|hoạt động)\s+(?:từ\s+|vào\s+|năm\s+|ngày\s+|từ\s+ngày\s+|từ\s+tháng\s+|tháng\s+|vào\s+tháng\s+)*"
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*)?(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})"
    r"|(?i)(?:thành lập|ra đời)\s+(?:từ\s+|vào\s+)?năm\s+(?P<y2>(?:19|20)\d{2})"
)


def _words_re(words: list[str]) -> regex.Pattern | None:
    """A word list of rules/models.yaml: folded, any case, no letter on either side."""
    return words_re(words, before=LETTER_BEFORE, after=LETTER_AFTER)


class ModelFinder:
    def __init__(self, rules):
        self.rules = rules
        cfg = self.rules.models
        cues = "|".join(regex.escape(c) for c in cfg["cues"])
        self.cue = regex.compile(rf"(?i)(?<![\p{{L}}])(?:{cues})(?![\p{{L}}])")
        gen = alternation(cfg["generic_before"])
        self.generic_before = regex.compile(rf"(?i)(?:(?<![\p{{L}}])(?:{gen})|\d|hàng \w+)\s*$")
        never = regex.compile(r"(?!)")  # an empty list stops nothing
        self.not_start = _words_re(cfg["not_name_start"]) or never
        self.name_end = _words_re(cfg["name_end"]) or never
        self.name_end_patterns = [regex.compile(p) for p in cfg.get("name_end_patterns", [])]
        self.drop_leading = sorted((fold_words(w) for w in cfg["drop_leading"]), key=len, reverse=True)
        self.min_syll, self.max_syll = cfg["min_syllables"], cfg["max_syllables"]
        openers = alternation(cfg["list_openers"], fold=False)
        self.list_opener = regex.compile(rf"(?i)^[^“\"«‘'.;]{{0,60}}?(?:{openers})\s*(?=[{_OPEN_Q}])")
        # a list of names separated by semicolons after "như:", "gồm:" (quoted or not): "12 mô hình, trong
        # đó gồm: Mô hình “Tổ liên gia ...”; Trường học an toàn về ANTT; Zalo an ninh trật tự; ..."
        colon = alternation([o for o in cfg["list_openers"] if o.endswith(":")], fold=False)
        colon_opener = rf"(?i)^[^“\"«‘'.;]{{0,80}}?(?:{colon})\s*"
        self.semicolon_opener = regex.compile(colon_opener + r"(?=[^;.!?]{4,};)") if colon else None
        # ... and a list of named types after such an opener in the cue's own clause (no comma between),
        # separated by commas: "những mô hình xây dựng nhiều năm như: Tổ tự quản dòng tộc, Câu lạc bộ
        # phòng, chống tội phạm" (not "Xã có 5 mô hình, lực lượng phối hợp gồm: Tổ an ninh xung kích, ...")
        self.colon_opener = regex.compile(
            rf"(?i)^[^“\"«‘'.;,]{{0,80}}?(?:,(?:\s+\p{{L}}+){{1,3}}\s+)?(?:{colon})\s*") if colon else None
        # ("nhiều mô hình hay, hiệu quả như: ..." keeps its list: a comma and at most three words before it)
        self.item_max_syll = cfg.get("list_item_max_syllables", self.max_syll)
        self.item_not_start = _words_re(cfg.get("list_item_not_start", [])) or never
        self.not_models = {fold_words(x) for x in cfg["not_models"]}
        heads = alternation(cfg.get("type_heads", []), fold=False) if cfg.get("type_heads") else ""
        quals = alternation(cfg.get("type_qualifiers", []), fold=False) if cfg.get("type_qualifiers") else ""
        # a named type of model: a group word, then (within a few words) what the movement makes
        # of it: "Tổ xe thồ tự quản về an ninh trật tự", "tổ đoàn kết sản xuất trên biển"
        self.named_type = regex.compile(
            rf"(?i)(?<![\p{{L}}])(?:{heads})(?:\s+[\p{{L}}-]+){{0,4}}?\s+(?:{quals})(?![\p{{L}}])") if heads and quals else None
        openers = alternation(cfg.get("type_openers", []), fold=False) if cfg.get("type_openers") else ""
        count = cfg.get("type_opener_count")  # "xây dựng được 2.596 Tổ nhân dân tự quản": a count between
        count = rf"(?:(?:{count})\s+)?" if count else ""
        self.type_opener = regex.compile(rf"(?i)(?<![\p{{L}}])(?:{openers})\s+{count}$") if openers else None
        cont = "|".join(regex.escape(c) for c in cfg.get("type_name_continues", []))
        self.type_continues = regex.compile(rf"(?i)\s+(?:{cont})\s+\p{{Ll}}+(?![\p{{L}}])") if cont else None
        movement = sorted(cfg.get("movement_cues", []), key=len, reverse=True)
        self.movement_cue = _words_re(movement) if movement else None
        senses = sorted(cfg.get("not_movement_senses", []), key=len, reverse=True)
        self.other_sense = _words_re(senses) if senses else None
        self.reject_digits = bool(cfg.get("reject_digits", False))

    def _quoted_list(self, text: str, pos: int) -> list[tuple[int, int, str]]:
        """Quoted names starting at ``pos``, separated by commas, semicolons or "và"."""
        out = []
        while True:
            m = _QUOTE.match(text, pos)
            if not m:
                return out
            out.append((m.start(1), m.end(1), m.group(1).strip()))
            sep = _SEP.match(text, m.end())
            if not sep or sep.end() == m.end():
                return out
            pos = sep.end()

    def _not_model(self, name: str) -> bool:
        """A movement or campaign (``not_models``), or an unquoted name that starts with one and runs on
        ("Dân vận khéo với nội dung thi đua ...")."""
        folded = fold_words(name)
        return folded in self.not_models or any(folded.startswith(n + " ") for n in self.not_models)

    def _semicolon_list(self, text: str, pos: int) -> list[tuple[int, int, str]]:
        """The items of a list separated by semicolons, from ``pos`` to the sentence's end (or "…"):
        each quoted name, else the item itself when it is a name's length (no digits)."""
        out = []
        stop = regex.search(r"…|\.\.\.|[.!?](?:\s|$)", text[pos:])
        end = pos + stop.start() if stop else len(text)
        items = list(regex.finditer(r"[^;]+", text[pos:end]))
        if not stop and items and not text.rstrip()[-1:] in ".!?…\"”)":
            items.pop()  # the text is cut inside its last item ("Thôn không tội p"): no name to take
        for m in items:
            a, b = pos + m.start(), pos + m.end()
            item = text[a:b]
            a += len(item) - len(item.lstrip())
            lead = self.cue.match(text, a)
            if lead:  # "Mô hình “Tổ liên gia ...”": the name after the cue
                a = lead.end() + len(text[lead.end():b]) - len(text[lead.end():b].lstrip())
            quoted = [q for q in self._quoted_list(text, a) if q[1] <= b]
            if quoted:  # “Ngày thứ 7 tình nguyện”, “Ngày Chủ nhật xanh” hàng tuần
                out.extend(quoted)
                continue
            name = text[a:b].strip(" ,")
            n = len(name.split())
            if name and name[0].isalnum() and not regex.search(r"\d|[“”\"()]", name) and \
                    not self.item_not_start.match(name) and self.min_syll <= n <= self.item_max_syll:
                out.append((a, a + len(name), name))
        return out

    def _unquoted(self, text: str, pos: int) -> tuple[int, int, str] | None:
        rest = text[pos:]
        low = fold_words(rest[:80])
        for lead in self.drop_leading:
            if low.startswith(lead + " "):
                skip = len(lead) + 1
                pos, rest = pos + skip, rest[skip:]
                break
        if self.not_start.match(rest) or not rest[:1].isalnum():
            return None
        end = len(rest)
        for m in _WORD.finditer(rest):
            tok = m.group()
            if m.start() > 0 and (self.name_end.match(rest, m.start()) or
                                  any(p.match(rest, m.start()) for p in self.name_end_patterns)):
                end = m.start()
                break
            if tok == ",":
                # a comma continues the name only into a short phrase that ends at a name-end word
                tail = rest[m.end():]
                stop = self.name_end.search(tail)
                punct = regex.search(r"[.;:!?()“”\"]|,", tail)
                if stop and (not punct or stop.start() < punct.start()) and len(tail[:stop.start()].split()) <= 5:
                    continue
                end = m.start()
                break
            if not regex.match(r"[\p{L}\p{N}-]", tok):
                end = m.start()
                break
        name = rest[:end].strip(" ,-")
        if self.reject_digits and regex.search(r"\d", name):
            return None
        n = len(name.split())
        if not (self.min_syll <= n <= self.max_syll):
            return None
        return pos, pos + len(name), name

    def _type_name(self, text: str, pos: int) -> tuple[int, int, str] | None:
        """A named type of model starting at ``pos`` ("Tổ liên gia tự quản về ANTT"): the group
        word with its qualifier, continued as an unquoted name is."""
        m = self.named_type.match(text, pos) if self.named_type is not None else None
        if not m:
            return None
        one = self._unquoted(text, pos)
        if one is None or one[1] < m.end():
            one = (pos, m.end(), text[pos:m.end()])
        # "tổ đoàn kết sản xuất trên biển": a place word of the type's own name goes on
        more = self.type_continues.match(text, one[1]) if self.type_continues is not None else None
        if more:
            one = (one[0], more.end(), text[one[0]:more.end()])
        return one

    def _type_list(self, text: str, pos: int) -> list[tuple[int, int, str]]:
        """Named types one after another from ``pos``, separated by commas or "và": the items of a
        list after "như:"; it stops at the first item that is no named type."""
        out: list[tuple[int, int, str]] = []
        while True:
            one = self._type_name(text, pos)
            if not one or one[0] != pos:
                return out
            cut = _NEXT_ITEM.search(one[2])  # the next item, capitalised: "..., Tổ hòa giải"
            if cut:
                one = (one[0], one[0] + cut.start(), one[2][:cut.start()])
            out.append(one)
            nxt = _ITEM_GAP.match(text, one[1])
            if not nxt:
                return out
            pos = nxt.end()

    def _named_types(self, text: str) -> list[tuple[int, int, str]]:
        """Named types the text presents as models without the cue before them: after a founding
        verb, written with a capital ("thành lập Tổ xe thồ tự quản về an ninh trật tự", "xây dựng được
        2.596 Tổ nhân dân tự quản"), or opening
        a sentence that calls it a model ("Tổ liên gia tự quản về ANTT ở xóm X ... là một trong
        những mô hình tiêu biểu")."""
        out = []
        if self.named_type is None or self.type_opener is None:
            return out
        for m in self.named_type.finditer(text):
            opens = m.start() <= 2 and any(c.start() > m.end() for c in self.cue.finditer(text))
            after_verb = text[m.start()].isupper() and self.type_opener.search(text[max(0, m.start() - 40):m.start()])
            if not (opens or after_verb):
                continue  # the sentence opens with it and calls it a model, or it is founded
            one = self._type_name(text, m.start())
            if one:
                out.append(one)
        return out

    def movement_sense(self, name: str, text: str, cue_end: int) -> bool:
        """False for "mô hình" in business, science, engineering or art ("mô hình kinh doanh",
        "mô hình dự báo", "mô hình 3D", a snow sculpture): a name, or the words right after the
        cue, starting with one of ``not_movement_senses``."""
        if self.other_sense is None:
            return True
        return not (self.other_sense.match(fold_words(name)) or
                    self.other_sense.match(text, cue_end + (len(text[cue_end:]) - len(text[cue_end:].lstrip()))))

    def find_in_sentence(self, text: str, offset: int, sentence: int) -> list[ModelMention]:
        out: list[ModelMention] = []
        taken: list[tuple[int, int]] = []
        for cue in self.cue.finditer(text):
            after = cue.end()
            gap = regex.match(r"\s*", text[after:]).end()
            names: list[tuple[int, int, str]] = []
            if text[after + gap: after + gap + 1] in _OPEN_Q:
                names = self._quoted_list(text, after + gap)
            else:
                semi = self.semicolon_opener.match(text[after:]) if self.semicolon_opener is not None else None
                if semi:
                    names = self._semicolon_list(text, after + semi.end())
                opener = None if names else self.list_opener.match(text[after:])
                if opener:
                    names = self._quoted_list(text, after + opener.end())
                colon_list = None if names or self.colon_opener is None else self.colon_opener.match(text[after:])
                if colon_list:
                    names = self._type_list(text, after + colon_list.end())
                if not names and gap:
                    if not self.generic_before.search(text[: cue.start()]):
                        one = self._unquoted(text, after + gap)
                    else:  # "các mô hình tổ đoàn kết sản xuất trên biển và tổ hợp tác ...": named types
                        one = self._type_name(text, after + gap)
                    if one:
                        names = [one]
                        nxt = regex.match(r"\s*(?:,|và|hoặc)\s*", text[one[1]:])
                        if nxt:
                            two = self._type_name(text, one[1] + nxt.end())
                            if two:
                                names.append(two)
            for s, e, name in names:
                lead = self.cue.match(name)
                if lead and lead.end() < len(name):  # “Mô hình camera an ninh”: the model is "camera an ninh"
                    cut = lead.end() + len(name[lead.end():]) - len(name[lead.end():].lstrip())
                    s, name = s + cut, name[cut:]
                if any(a < e and s < b for a, b in taken):
                    continue  # the same name, found again from the cue inside its quotes
                if self._not_model(name) or not self.movement_sense(name, text, after):
                    continue
                out.append(ModelMention(offset + s, offset + e, name, sentence))
                taken.append((s, e))
        for s, e, name in self._named_types(text):
            if any(a < e and s < b for a, b in taken) or self._not_model(name):
                continue
            out.append(ModelMention(offset + s, offset + e, name, sentence))
        out.sort(key=lambda m: m.start)
        return out

    def find(self, seg: SegmentedDocument) -> list[ModelMention]:
        """Models of every sentence, each taken only where its sentence (or the one before it) shows
        the movement's sense (``movement_cues``: "an ninh trật tự", "tự quản", "hội viên", ...),
        whatever the article's topic: "mô hình du lịch cộng đồng" in a travel piece is a business,
        a court report's "mô hình tranh tụng" a trial system."""
        norm = seg.clean.norm
        out: list[ModelMention] = []
        sentences = seg.sentences
        # (a text too short to have a topic, a sentence or a claim, is not held to it)
        strict = len(norm) >= self.rules.models.get("topic_min_chars", 400)
        # the movement's cues, found once: (start, end) in text order
        cues = [m.span() for m in self.movement_cue.finditer(norm)] if strict and self.movement_cue is not None else []
        cue_starts = [a for a, _ in cues]
        for i, s in enumerate(sentences):
            text = norm[s.start:s.end]
            if strict:  # the movement's sense: a cue in this sentence or the one before it in its paragraph
                before = sentences[i - 1] if i and sentences[i - 1].paragraph == s.paragraph else None
                begin = s.start if before is None else before.start
                k = bisect_left(cue_starts, begin)
                if k == len(cues) or cues[k][1] > s.end:
                    continue
            found = self.find_in_sentence(text, s.start, s.index)
            if found:
                # the founding date stands in the model's sentence or the next one of its paragraph
                context = text
                if i + 1 < len(sentences) and sentences[i + 1].paragraph == s.paragraph:
                    nxt = sentences[i + 1]
                    context += " " + norm[nxt.start:nxt.end]
                founded = _founded(context)
                for m in found:
                    m.founded = founded
            out.extend(found)
        return out


def _founded(text: str) -> str:
    m = _FOUNDED.search(text)
    if not m:
        return ""
    if m.group("y2"):
        return m.group("y2")
    y, mo = int(m.group("y")), int(m.group("m"))
    if not 1 <= mo <= 12:
        return ""
    if m.group("d"):
        return f"{y:04d}-{mo:02d}-{int(m.group('d')):02d}"
    return f"{y:04d}-{mo:02d}"


def find_models(seg: SegmentedDocument, rules=None) -> list[ModelMention]:
    """The models of a document, with ``rules``' Extractor."""
    from ..engine import Extractor

    return Extractor.for_rules(rules).models.find(seg)
