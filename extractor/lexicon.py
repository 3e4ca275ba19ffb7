"""The lexicon compiler: every word list of ``rules/`` becomes a regex here, and only here.

A list compiles to one alternation, longest entry first (so at a position the longest entry
wins), each entry escaped. How it matches is said once, by the caller's arguments:

- ``fold``: compare in ``fold_words`` form (lower case, new-style tones, single spaces), the form
  the text is normalised to (``clean.py``); off for lists that are already keys, or that must
  match as written (capitalised name openers: "Đề án", "Cúp");
- ``ignore_case``: ``(?i)``;
- ``before`` / ``after``: what may not touch the entry (default: a letter or a digit on either side:
  whole words only), and ``tail``: what must follow it (a window, an end anchor).

    >>> words_re(["trú tại", "trú"], tail=r"\\s*$").pattern
    '(?i)(?<![\\\\p{L}\\\\p{N}])(?:trú tại|trú)(?![\\\\p{L}\\\\p{N}])\\\\s*$'
"""
from __future__ import annotations

from typing import Iterable

import regex

from .text import fold_words

WORD_BEFORE = r"(?<![\p{L}\p{N}])"   # no letter or digit right before
WORD_AFTER = r"(?![\p{L}\p{N}])"     # ... nor right after
LETTER_BEFORE = r"(?<![\p{L}])"
LETTER_AFTER = r"(?![\p{L}])"


def alternation(words: Iterable[str], fold: bool = True) -> str:
    """``(?:a|b|...)``: the entries escaped, each once, longest first (ties keep the list's order)."""
    keys = dict.fromkeys(fold_words(w) if fold else w for w in words)
    return "(?:" + "|".join(regex.escape(k) for k in sorted(keys, key=len, reverse=True)) + ")"


def words_pattern(words: Iterable[str], *, fold: bool = True, ignore_case: bool = True,
                  before: str = WORD_BEFORE, after: str = WORD_AFTER, tail: str = "") -> str:
    return ("(?i)" if ignore_case else "") + before + alternation(words, fold) + after + tail


def words_re(words: Iterable[str], *, fold: bool = True, ignore_case: bool = True, before: str = WORD_BEFORE,
             after: str = WORD_AFTER, tail: str = "") -> regex.Pattern | None:
    """The compiled lexicon, or None for an empty list (a rule a researcher left out)."""
    words = list(words)
    if not words:
        return None
    return regex.compile(words_pattern(words, fold=fold, ignore_case=ignore_case, before=before, after=after,
                                       tail=tail))
