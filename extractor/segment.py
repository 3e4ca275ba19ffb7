"""Stage 3, segment: sentences (underthesea) and tokens (syllables, numbers, punctuation).

Sentences keep their offsets into the matching text. ``TOKEN`` defines the tokens the place
patterns of ``rules/`` run on (``find/token_patterns.py``); ``make_doc`` builds the same tokens as
a spaCy Doc with exact character offsets, for the spaCy component and as the tests' reference.
spaCy is imported only there: the pipeline itself does not load it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from typing import TYPE_CHECKING

import regex
from underthesea import sent_tokenize

from .lexicon import LETTER_BEFORE, alternation, words_re
from .records import CleanDocument, SegmentedDocument, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}]+)*|[^\s]")
# a syllable of a minority-language name written with an apostrophe: "M’gar", "H'leo", "R'Lấp"
_APOSTROPHE_TITLE = regex.compile(r"\p{Lu}['’]\p{L}+")
_INITIAL_END = regex.compile(r"\p{Lu}\p{Ll}+\s+\p{Lu}\.\s*$")  # "George W." (a person's initial)
_SHORT = 400  # a paragraph shorter than this with one full stop at most needs no sentence model
MAX_SENTENCE = 2000  # longer "sentences" (4 in 61,729 in the archive) are cut: every later step
# works per sentence, and a run-on megabyte of text must cost time in proportion to its size
_CUT = regex.compile(r"[;,]\s|\s")


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The vocabulary of a blank Vietnamese spaCy pipeline (lexical attributes, no model)."""
    return blank_nlp().vocab


@lru_cache(maxsize=1)
def blank_nlp():
    import spacy

    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


@dataclass(frozen=True)
class Abbreviations:
    """Where a full stop is no sentence end (rules/scope.yaml ``abbreviations``): the short forms,
    compiled, and the words after one that open a new sentence all the same."""

    end: regex.Pattern | None = None       # text ending in a short form and its full stop
    not_before: regex.Pattern | None = None  # the next sentence opens with one of these: it is one
    glued: regex.Pattern | None = None     # where a sentence starts after a caption with no full stop

    @classmethod
    def from_rules(cls, scope: dict) -> "Abbreviations":
        short = scope.get("abbreviations", [])
        end = regex.compile(LETTER_BEFORE + alternation(short, fold=False) + r"\.\s*$") if short else None
        openers = scope.get("glued_sentence_openers", [])
        glued = regex.compile(r"(?<=[\p{L}\p{N}])\s+(?=" + alternation(openers, fold=False) + r"\s+\p{Ll})") \
            if openers else None
        return cls(end, words_re(scope.get("abbreviation_not_before", []), tail=""), glued)

    def joins(self, before: str, after: str) -> bool:
        """Whether the text ``before`` (ending in a full stop) runs on into ``after``."""
        if not (self.end is not None and self.end.search(before) or _INITIAL_END.search(before)):
            return False
        return not (self.not_before is not None and self.not_before.match(after))


def split_sentences(text: str, start: int, abbreviations: Abbreviations | None = None) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph ``text`` that begins at ``start``, none longer than
    ``MAX_SENTENCE`` characters; a full stop after one of ``abbreviations`` ("TP. Vinh") ends none."""
    abbreviations = abbreviations or Abbreviations()
    return [piece for span in _sentences(text, start, abbreviations) for piece in _cap(span, text, start)]


def _cap(span: tuple[int, int], text: str, start: int) -> list[tuple[int, int]]:
    """A span cut at the last ";" or "," (else space) before every ``MAX_SENTENCE`` characters."""
    a, b = span
    out = []
    while b - a > MAX_SENTENCE:
        window = text[a - start: a - start + MAX_SENTENCE]
        breaks = list(_CUT.finditer(window, MAX_SENTENCE // 2))
        cuts = [m.end() for m in breaks]
        punct = [m.end() for m in breaks if m.group()[0] in ";,"]
        cut = (punct or cuts or [MAX_SENTENCE])[-1]
        piece_end = a + len(window[:cut].rstrip())
        out.append((a, piece_end))
        a = a + cut
        while a < b and text[a - start].isspace():
            a += 1
    out.append((a, b))
    return out


def _sentences(text: str, start: int, abbreviations: Abbreviations) -> list[tuple[int, int]]:
    if len(text) < _SHORT and text.count(". ") == 0:
        return [(start + a, start + b) for a, b in _stops_inside(text, 0, abbreviations)]
    spans = []
    cursor = 0
    for sent in sent_tokenize(text):
        sent = sent.strip()
        if not sent:
            continue
        pos = text.find(sent, cursor)
        if pos < 0:  # the model changed the text: fall back to the rest of the paragraph
            break
        for a, b in _stops_inside(sent, pos, abbreviations):
            if spans and abbreviations.joins(text[spans[-1][0] - start:a], text[a:b]):
                spans[-1] = (spans[-1][0], start + b)  # "TT. Plei Kần", "TP. Vinh": not an end
            else:
                spans.append((start + a, start + b))
        cursor = pos + len(sent)
    if cursor < len(text.rstrip()):
        rest = text[cursor:].strip()
        if rest:
            pos = text.find(rest, cursor)
            spans.append((start + pos, start + pos + len(rest)))
    return spans


_STOP_INSIDE = regex.compile(r"(?<=[\p{L}\p{N}]\.)\s+(?=[\p{Lu}])")


def _stops_inside(sent: str, pos: int, abbreviations: Abbreviations) -> list[tuple[int, int]]:
    """The sentence model's sentence ``sent`` (at ``pos`` of its paragraph), cut again at each full
    stop it ran over that ends no abbreviation: "35 độ C. Nhiệt độ ...", "... của TP. Cụ thể, ..."."""
    cuts = []
    if abbreviations.end is not None:
        cuts = [(m.start(), m.end()) for m in _STOP_INSIDE.finditer(sent)
                if not abbreviations.joins(sent[:m.start()], sent[m.end():])]
    if abbreviations.glued is not None:
        cuts += [(m.start(), m.end()) for m in abbreviations.glued.finditer(sent)]
    out, a = [], 0
    for b, c in sorted(cuts):
        if b > a:
            out.append((pos + a, pos + b))
            a = c
    out.append((pos + a, pos + len(sent)))
    return out


def segment(clean: CleanDocument, abbreviations: Abbreviations | None = None) -> SegmentedDocument:
    sentences: list[Sentence] = []
    for p, (start, end) in enumerate(clean.paragraphs):
        for s, e in split_sentences(clean.norm[start:end], start, abbreviations):
            sentences.append(Sentence(start=s, end=e, paragraph=p, index=len(sentences)))
    return SegmentedDocument(clean=clean, sentences=sentences)


def is_title(word: str) -> bool:
    """spaCy's ``is_title`` of a syllable, and a name's syllable written with an apostrophe
    ("M’gar", as "Cư M’gar" is a name)."""
    return word.istitle() or bool(_APOSTROPHE_TITLE.fullmatch(word))


def make_doc(text: str) -> Doc:
    """A spaCy Doc whose text is exactly ``text`` (syllable tokens, offsets kept)."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    matches = list(TOKEN.finditer(text))
    for i, m in enumerate(matches):
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        gap = text[m.end():nxt]
        words.append(m.group())
        if gap == "":
            spaces.append(False)
        elif gap == " ":
            spaces.append(True)
        else:  # other whitespace becomes its own token so the text stays exact
            spaces.append(False)
            words.append(gap)
            spaces.append(False)
    if matches and matches[0].start() > 0:
        words.insert(0, text[: matches[0].start()])
        spaces.insert(0, False)
    doc = Doc(vocab(), words=words, spaces=spaces)
    for w in words:
        if "'" in w or "’" in w:
            if _APOSTROPHE_TITLE.fullmatch(w):
                doc.vocab[w].is_title = True  # a name's syllable, as "Cư M’gar" is a name
    return doc
