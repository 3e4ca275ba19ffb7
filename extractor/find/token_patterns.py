"""spaCy Matcher token patterns (``rules/locations.jsonl``), compiled to a scan over syllables.

The place patterns are spaCy's token-pattern format ("unit word, then capitalised syllables":
``[{"NORM": "xã"}, {"IS_TITLE": true, "OP": "+"}]``), so a researcher writes them as spaCy's
documentation says. Building a spaCy ``Doc`` and running the ``Matcher`` for every sentence was
the place finder's main cost; ``TokenPatterns`` reads the same patterns and finds the same spans
(spaCy's ``greedy="LONGEST"`` per pattern, then ``spacy.util.filter_spans``) over the tokens of
``segment.make_doc`` without building one. The attributes it reads are those the patterns use:
``ORTH``/``TEXT`` (the syllable as written), ``NORM``/``LOWER`` (lower case), ``IS_TITLE``,
``IS_DIGIT``, each with a value or ``{"IN": [...]}``, and ``OP`` ``?``, ``+``, ``*``. Any other key
is refused when the rules load, with its name. The tests check the spans equal spaCy's on real
sentences.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from typing import Callable

import regex

from ..segment import TOKEN, is_title

_TEXT_KEYS = ("ORTH", "TEXT")
_LOWER_KEYS = ("NORM", "LOWER")
_FLAGS = ("IS_TITLE", "IS_DIGIT")
_PARTS = regex.compile(TOKEN.pattern + r"|\s+")


@dataclass(frozen=True)
class TokenMatch:
    """A matched span ``start:end`` of a sentence's tokens (``spans``: each token's (start, end)
    in the sentence, ``texts``: its text), by the pattern ``key``."""
    key: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    texts: tuple[str, ...]

    @property
    def start_char(self) -> int:
        return self.spans[self.start][0]

    @property
    def end_char(self) -> int:
        return self.spans[self.end - 1][1]

    def words(self, first: int = 0) -> list[str]:
        """The texts of the span's tokens from its ``first`` on."""
        return list(self.texts[self.start + first:self.end])

    def char(self, i: int) -> int:
        """Where the span's ``i``-th token starts."""
        return self.spans[self.start + i][0]

    def char_end(self, i: int) -> int:
        """Where the span's ``i``-th token ends."""
        return self.spans[self.start + i][1]


def tokens(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The tokens ``segment.make_doc`` gives ``text``, as their (start, end) and their texts:
    syllables, numbers and marks, with any gap other than one space between them (and any gap
    before the first) as a token of its own."""
    parts = _PARTS.findall(text)  # tokens and the gaps between them: the whole text, in order
    ends = list(accumulate(map(len, parts)))
    kept = [(e - len(w), e, w) for k, (w, e) in enumerate(zip(parts, ends)) if w != " " or k == 0]
    if not any(not w.isspace() for _, _, w in kept):
        return [], []
    return [(a, b) for a, b, _ in kept], [w for _, _, w in kept]


def _predicate(spec: dict, where: str) -> Callable[[str], bool]:
    """A test of a token's text for one token spec."""
    checks: list[Callable[[str], bool]] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _TEXT_KEYS + _LOWER_KEYS:
            if isinstance(value, dict) and set(value) != {"IN"}:
                raise ValueError(f"{where}: only {{'IN': [...]}} is read for {key}, not {sorted(value)}")
            values = frozenset(value["IN"]) if isinstance(value, dict) else frozenset([value])
            checks.append((lambda t, v=values: t in v) if key in _TEXT_KEYS else (lambda t, v=values: t.lower() in v))
        elif key == "IS_TITLE":
            checks.append(lambda t, v=bool(value): is_title(t) is v)
        elif key == "IS_DIGIT":
            checks.append(lambda t, v=bool(value): t.isdigit() is v)
        else:
            raise ValueError(f"{where}: the token attribute {key!r} is not read by vnfacts "
                             f"(it reads {', '.join(_TEXT_KEYS + _LOWER_KEYS + _FLAGS)} and OP)")
    if spec.get("OP") not in (None, "?", "+", "*"):
        raise ValueError(f"{where}: OP {spec['OP']!r} is not read by vnfacts (it reads ?, + and *)")
    if len(checks) == 1:
        return checks[0]
    return lambda t: all(c(t) for c in checks)


class TokenPatterns:
    """Named token patterns; ``__call__(text)`` gives the matches spaCy's Matcher (each pattern
    added with ``greedy="LONGEST"``) and ``filter_spans`` would keep, in text order."""

    def __init__(self, patterns: list[tuple[str, list[dict]]]):
        self.keys = [key for key, _ in patterns]
        self._compiled = [[(_predicate(spec, f"pattern {key}"), spec.get("OP")) for spec in pattern]
                          for key, pattern in patterns]
        # a pattern whose first token is a literal is tried only where that literal stands
        self._by_text: dict[str, list[int]] = {}
        self._by_lower: dict[str, list[int]] = {}
        self._anywhere: list[int] = []
        for i, (_, pattern) in enumerate(patterns):
            first = pattern[0]
            keys = [k for k in first if k != "OP"]
            if first.get("OP") is None and len(keys) == 1 and keys[0] in _TEXT_KEYS + _LOWER_KEYS:
                value = first[keys[0]]
                index = self._by_text if keys[0] in _TEXT_KEYS else self._by_lower
                for v in (value["IN"] if isinstance(value, dict) else [value]):
                    index.setdefault(v, []).append(i)
            else:
                self._anywhere.append(i)

    def _ends(self, pattern, j: int, k: int, toks: list[str], out: set[int]) -> None:
        """Every end of a match of ``pattern[j:]`` from token ``k``, into ``out``."""
        if j == len(pattern):
            out.add(k)
            return
        pred, op = pattern[j]
        if op in ("?", "*"):
            self._ends(pattern, j + 1, k, toks, out)
        m = k
        while m < len(toks) and pred(toks[m]):
            m += 1
            self._ends(pattern, j + 1, m, toks, out)
            if op in (None, "?"):
                break

    def __call__(self, text: str) -> list[TokenMatch]:
        spans, toks = tokens(text)
        found: dict[int, list[tuple[int, int]]] = {}  # pattern -> its (start, end) pairs
        for k, t in enumerate(toks):
            tried = self._by_text.get(t, []) + self._by_lower.get(t.lower(), []) + self._anywhere
            if not tried:
                continue
            for i in sorted(set(tried)):
                ends: set[int] = set()
                self._ends(self._compiled[i], 0, k, toks, ends)
                pairs = [(k, e) for e in ends if e > k]
                if pairs:
                    found.setdefault(i, []).extend(pairs)
        if not found:
            return []
        # spaCy: each pattern's own matches, longest first, none overlapping another of the same
        # pattern; the patterns in the order their first match was reported (as it scans, by end)
        order = sorted(found, key=lambda i: (min(e for _, e in found[i]), i))
        kept: list[tuple[int, int, int]] = []
        for i in order:
            used: set[int] = set()
            for s, e in sorted(found[i], key=lambda p: (p[1] - p[0], -p[0]), reverse=True):
                if not used.intersection(range(s, e)):
                    kept.append((i, s, e))
                    used.update(range(s, e))
        # filter_spans: the longest first (the earlier on a tie), none overlapping, in text order
        chosen: list[tuple[int, int, int]] = []
        taken: set[int] = set()
        for i, s, e in sorted(kept, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
            if not taken.intersection(range(s, e)):
                chosen.append((i, s, e))
                taken.update(range(s, e))
        ts, texts = tuple(spans), tuple(toks)
        return [TokenMatch(self.keys[i], s, e, ts, texts) for i, s, e in sorted(chosen, key=lambda m: m[1])]

