"""Stage 3, segment: sentences (underthesea) and tokens (a spaCy Doc per sentence).

Sentences keep their offsets into the matching text. Tokens are syllables, numbers and
punctuation; the spaCy Doc built from them carries exact character offsets, so spaCy
Matcher patterns from ``rules/`` run on it and map straight back to the text.
"""
from __future__ import annotations

from functools import lru_cache

import regex
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab
from underthesea import sent_tokenize

from .records import CleanDocument, SegmentedDocument, Sentence

TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|[\p{L}\p{M}\p{N}_]+|[^\s]")
_ABBREV_END = regex.compile(r"(?<![\p{L}])(?:\p{Lu}{1,3}|Tp|Th\.S|TS|PGS|GS)\.\s*$")
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
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def split_sentences(text: str, start: int) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph ``text`` that begins at ``start``, none longer than
    ``MAX_SENTENCE`` characters."""
    return [piece for span in _sentences(text, start) for piece in _cap(span, text, start)]


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


def _sentences(text: str, start: int) -> list[tuple[int, int]]:
    if len(text) < _SHORT and text.count(". ") == 0:
        return [(start, start + len(text))]
    spans = []
    cursor = 0
    for sent in sent_tokenize(text):
        sent = sent.strip()
        if not sent:
            continue
        pos = text.find(sent, cursor)
        if pos < 0:  # the model changed the text: fall back to the rest of the paragraph
            break
        if spans and _ABBREV_END.search(text[spans[-1][0] - start:pos]):
            spans[-1] = (spans[-1][0], start + pos + len(sent))  # "TT. Plei Kần", "TP. Vinh": not an end
        else:
            spans.append((start + pos, start + pos + len(sent)))
        cursor = pos + len(sent)
    if cursor < len(text.rstrip()):
        rest = text[cursor:].strip()
        if rest:
            pos = text.find(rest, cursor)
            spans.append((start + pos, start + pos + len(rest)))
    return spans


def segment(clean: CleanDocument) -> SegmentedDocument:
    sentences: list[Sentence] = []
    for p, (start, end) in enumerate(clean.paragraphs):
        for s, e in split_sentences(clean.norm[start:end], start):
            sentences.append(Sentence(start=s, end=e, paragraph=p, index=len(sentences)))
    return SegmentedDocument(clean=clean, sentences=sentences)


def make_doc(text: str) -> Doc:
    """A spaCy Doc whose text is exactly ``text`` (syllable tokens, offsets kept)."""
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
    return Doc(vocab(), words=words, spaces=spaces)
