"""Typed records passed between the pipeline stages.

read -> clean -> segment -> find -> resolve -> write. Each stage takes the records of the
stage before it and returns its own; offsets are always character offsets into
``Document.text`` (the file's text, decoded, BOM removed, nothing else changed).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Optional

KINDS = ("location", "model", "member_count", "outcome")
LEVELS = ("province", "district", "commune", "village")
QUALIFIERS = ("exact", "more_than", "nearly", "about", "less_than", "range", "vague", "ratio")


@dataclass
class Document:
    """An input article as read from disk (or given by the caller).

    The metadata fields are what the input itself says (an HTML page's metadata, an archive's
    title field); empty when it says nothing. When set, they win over what stage 2 (clean)
    guesses from the text.
    """

    doc_id: str
    text: str
    source: str = ""
    title: str = ""
    author: str = ""
    date: str = ""  # ISO date of publication
    outlet: str = ""  # the publisher or site name
    url: str = ""
    run_date: str = ""  # the run's --date (YYYY, YYYY-MM or YYYY-MM-DD): for articles that show no date


@dataclass
class InputError:
    """An input that could not be turned into a Document (or failed later)."""

    doc_id: str
    source: str
    stage: str
    reason: str
    message: str


@dataclass
class Metadata:
    title: str = ""
    outlet: str = ""
    outlet_province: str = ""
    date: str = ""  # ISO date of publication (YYYY-MM-DD; YYYY-MM or YYYY from a run-wide --date)
    author: str = ""
    date_source: str = ""  # where the date comes from: metadata | dateline | run | lead (the lead's opening day, in its or the run's year)
    map: str = ""  # the map the article's places were resolved on: legacy | 2025
    map_note: str = ""  # why that map ("date 2017-02-07", "text: 'sau sáp nhập'...")
    topic: str = ""  # security | other (rules/topics.yaml)
    topic_score: float = 0.0


@dataclass
class CleanDocument:
    """A document with its matching text and its scope.

    ``norm`` has the same length as ``text`` after mapping: ``norm[i]`` comes from
    ``text[offsets[i]]``. It is NFC, tone-normalised ("hoà" -> "hòa") text used for matching.
    ``paragraphs`` are the in-scope paragraphs as (start, end) offsets into ``norm``.
    """

    doc: Document
    norm: str
    offsets: Optional[list[int]]  # None when norm and text align one to one
    paragraphs: list[tuple[int, int]]
    meta: Metadata

    def to_text_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a (start, end) span in ``norm`` to the same span in the original text."""
        if self.offsets is None:
            return start, end
        text_end = self.offsets[end] if end < len(self.offsets) else len(self.doc.text)
        return self.offsets[start], text_end


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int


@dataclass
class SegmentedDocument:
    clean: CleanDocument
    sentences: list[Sentence]

    def sentence_text(self, s: Sentence) -> str:
        return self.clean.norm[s.start : s.end]


@dataclass
class Quantity:
    """What the number reader returns for one number expression."""

    value: float | int
    value_max: float | int | None = None
    qualifier: str = "exact"
    start: int = 0
    end: int = 0


@dataclass
class FigureMention:
    start: int
    end: int
    value: float | int
    value_max: float | int | None
    unit: str
    qualifier: str
    change: str
    kind: str
    sentence: int


@dataclass
class PeriodMention:
    start: int
    end: int
    text: str
    period_start: str
    period_end: str
    sentence: int
    rule: str = ""  # the periods.yaml expression that found it: "year", "day", "since_year"...


@dataclass
class PlaceMention:
    start: int
    end: int
    name: str
    level: str  # province | district | commune | village | city (resolved later)
    sentence: int
    unit_word: str = ""
    source: str = "pattern"  # pattern | abbreviation | gazetteer | generic
    province: str = ""


@dataclass
class ModelMention:
    start: int
    end: int
    name: str
    sentence: int
    founded: str = ""


@dataclass
class Mentions:
    """Everything the finders found in one document."""

    figures: list[FigureMention] = field(default_factory=list)
    periods: list[PeriodMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    models: list[ModelMention] = field(default_factory=list)
    generic_places: list[PlaceMention] = field(default_factory=list)  # "toàn huyện", "tỉnh"


@dataclass
class Fact:
    """One row of the output table (FACTS.md)."""

    doc_id: str
    fact_id: str
    kind: str
    name: str = ""
    level: str = ""
    province: str = ""
    value: float | int | None = None
    value_max: float | int | None = None
    unit: str = ""
    measure: str = ""  # what is counted, from rules/measures.yaml (people, cases, money...)
    unit_norm: str = ""  # the unit's head, lower case, new-style tones ("tổ liên gia")
    qualifier: str = ""
    change: str = ""
    period: str = ""
    period_start: str = ""
    period_end: str = ""
    location: str = ""
    subject: str = ""
    founded: str = ""
    surface: str = ""
    sentence: str = ""
    char_start: int = 0
    char_end: int = 0
    # the place on the 2025 map (FACTS.md: province_2025, commune_2025) and on a map
    province_2025: str = ""
    commune_2025: str = ""
    latitude: float | None = None
    longitude: float | None = None
    # why a figure has its place, period and model: the rule that chose each ("same clause",
    # "section period", "article place", "national", "target"...); empty when none was chosen
    location_evidence: str = ""
    period_evidence: str = ""
    subject_evidence: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


FACT_COLUMNS = [f.name for f in fields(Fact)]


@dataclass
class DocumentResult:
    """The outcome of running the pipeline on one document."""

    doc_id: str
    source: str
    status: str  # ok | error
    facts: list[Fact] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)
    error: Optional[InputError] = None
    n_chars: int = 0
    text: str = ""  # the article's text as read: every fact's char_start/char_end index into it
