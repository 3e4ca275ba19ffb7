"""Small text helpers shared by the stages: Unicode and tone normalisation, folding."""
from __future__ import annotations

import unicodedata

import regex

# Old-style tone placement on open syllables -> new style ("hoà" -> "hòa", "thuỷ" -> "thủy").
# Each replacement keeps the length, so offsets survive.
_TONED = {
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ",
    "o": "òóỏõọ", "u": "ùúủũụ",
}
_PAIRS: dict[str, str] = {}
for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
    for i, toned_second in enumerate(_TONED[second]):
        toned_first = _TONED[first][i]
        _PAIRS[first + toned_second] = toned_first + second
        _PAIRS[first.upper() + toned_second] = toned_first.upper() + second
        _PAIRS[first.upper() + toned_second.upper()] = toned_first.upper() + second.upper()
# Only at the end of a syllable ("hoàn", "quỳnh" keep their marks), and not after "q"/"g"
# where the first vowel is part of the consonant ("quý", "quà" stay).
_OLD_TONE = regex.compile(
    r"(?<![qQgG])(" + "|".join(sorted(_PAIRS, key=len, reverse=True)) + r")(?!\p{L})"
)


def fold_tones(text: str) -> str:
    """Move tone marks to the new-style position. Same length as the input."""
    return _OLD_TONE.sub(lambda m: _PAIRS[m.group(1)], text)


def nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFC-normalise ``text``; return it with a map from each output char to its input index.

    The map is None when the text is already NFC (the usual case), meaning identity.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        out.append(chunk)
        offsets.extend([i] * len(chunk))
        i = j
    return "".join(out), offsets


# letters of other alphabets that old encodings and converters put for Vietnamese ones: the Icelandic
# eth "Ð" (U+00D0) for "Đ" (U+0110), "ð" for "đ" ("Long Ðiền"); one character for one, offsets kept
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})


def normalize(text: str) -> tuple[str, list[int] | None]:
    """The matching text: NFC, new-style tones, Vietnamese letters for their lookalikes, "\r" as a
    space. Offsets map back to ``text``."""
    nfc, offsets = nfc_with_offsets(text)
    norm = fold_tones(nfc).translate(_LOOKALIKES).replace("\r", " ")
    return norm, offsets


_STRIP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def _fold_key_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_STRIP))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).lower()


# every Latin letter Vietnamese writes (Basic Latin to Latin Extended-B, the combining marks, Latin
# Extended Additional), folded one character at a time; a character folds on its own, so a string
# of them folds by table. Characters outside (other scripts) take the slow path.
_KEY_TABLE = {cp: _fold_key_slow(chr(cp)) for cp in (*range(0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00))
              if _fold_key_slow(chr(cp)).isascii()}


def fold_key(text: str) -> str:
    """A comparison key: no diacritics, lower case, letters and digits only ("Xuân Tăng" -> "xuantang")."""
    key = text.translate(_KEY_TABLE)
    return key if key.isascii() else _fold_key_slow(key)


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def fold_words(text: str) -> str:
    """Lower case, new-style tones, one apostrophe, single spaces: the form lexicon entries are
    compared in ("Cư M’gar" is written as the gazetteer's "Cư M'gar")."""
    return " ".join(fold_tones(unicodedata.normalize("NFC", text)).translate(_APOSTROPHES).lower().split())


_UNIT_STOP = {"của", "và", "các", "những", "mỗi", "một", "/", ",", "có", "về", "cho", "với"}


def unit_words(unit: str) -> set[str]:
    """The content words of a unit ("đồng/tháng" -> {"đồng", "tháng"}): two units that share one
    count the same thing (FACTS.md, matching)."""
    words = fold_words(unit).replace("/", " ").replace(",", " ").split()
    return {w for w in words if w not in _UNIT_STOP} or set(words)
