"""Models (mô hình): quoted names after the cue, lists of quoted names after "như:",
and unquoted names after the cue up to the first word that ends a name (``rules/models.yaml``).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .. import rules as rules_mod
from ..records import ModelMention, SegmentedDocument
from ..text import fold_words

_OPEN_Q = "“\"«‘'"
_QUOTE = regex.compile(r"[“\"«‘']([^”\"»’'“]{2,150})[”\"»’']")
_SEP = regex.compile(r"\s*(?:[,;]|và|hoặc|…|\.\.\.)\s*")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")
_FOUNDED = regex.compile(
    r"(?i)(?:thành lập|ra đời|triển khai|xây dựng|hoạt động)\s+(?:từ\s+|vào\s+|năm\s+|ngày\s+|từ\s+ngày\s+|từ\s+tháng\s+|tháng\s+|vào\s+tháng\s+)*"
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*)?(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})"
    r"|(?i)(?:thành lập|ra đời)\s+(?:từ\s+|vào\s+)?năm\s+(?P<y2>(?:19|20)\d{2})"
)


def _words_re(words: list[str]) -> regex.Pattern:
    alt = "|".join(regex.escape(fold_words(w)) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{alt})(?![\p{{L}}])")


class ModelFinder:
    def __init__(self, rules=None):
        self.rules = rules or rules_mod.load()
        cfg = self.rules.models
        cues = "|".join(regex.escape(c) for c in cfg["cues"])
        self.cue = regex.compile(rf"(?i)(?<![\p{{L}}])(?:{cues})(?![\p{{L}}])")
        gen = "|".join(regex.escape(fold_words(w)) for w in sorted(cfg["generic_before"], key=len, reverse=True))
        self.generic_before = regex.compile(rf"(?i)(?:(?<![\p{{L}}])(?:{gen})|\d|hàng \w+)\s*$")
        self.not_start = _words_re(cfg["not_name_start"])
        self.name_end = _words_re(cfg["name_end"])
        self.name_end_patterns = [regex.compile(p) for p in cfg.get("name_end_patterns", [])]
        self.drop_leading = sorted((fold_words(w) for w in cfg["drop_leading"]), key=len, reverse=True)
        self.min_syll, self.max_syll = cfg["min_syllables"], cfg["max_syllables"]
        openers = "|".join(regex.escape(o) for o in sorted(cfg["list_openers"], key=len, reverse=True))
        self.list_opener = regex.compile(rf"(?i)^[^“\"«‘'.;]{{0,60}}?(?:{openers})\s*(?=[{_OPEN_Q}])")
        self.not_models = {fold_words(x) for x in cfg["not_models"]}
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

    def find_in_sentence(self, text: str, offset: int, sentence: int) -> list[ModelMention]:
        out: list[ModelMention] = []
        for cue in self.cue.finditer(text):
            after = cue.end()
            gap = regex.match(r"\s*", text[after:]).end()
            names: list[tuple[int, int, str]] = []
            if text[after + gap: after + gap + 1] in _OPEN_Q:
                names = self._quoted_list(text, after + gap)
            else:
                opener = self.list_opener.match(text[after:])
                if opener:
                    names = self._quoted_list(text, after + opener.end())
                if not names and not self.generic_before.search(text[: cue.start()]) and gap:
                    one = self._unquoted(text, after + gap)
                    if one:
                        names = [one]
            for s, e, name in names:
                if fold_words(name) in self.not_models:
                    continue
                out.append(ModelMention(offset + s, offset + e, name, sentence))
        return out


@lru_cache(maxsize=4)
def finder(rules=None) -> ModelFinder:
    return ModelFinder(rules)


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
    f = finder(rules or rules_mod.load())
    norm = seg.clean.norm
    out: list[ModelMention] = []
    sentences = seg.sentences
    for i, s in enumerate(sentences):
        text = norm[s.start:s.end]
        found = f.find_in_sentence(text, s.start, s.index)
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
