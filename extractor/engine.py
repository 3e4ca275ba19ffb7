"""The Extractor: one object, built from a rules folder, that owns every compiled component.

Like spaCy's ``Language``: the rules (``rules/``, or the folder given), the topic scorer, the
four finders (figures, places, models, periods), the resolver with its gazetteer, geography,
measures and linker are built once, here, and every entry point uses one Extractor: ``extract``,
the CLI and its batch workers, the spaCy component, ``check``.

    >>> from extractor.engine import Extractor
    >>> ex = Extractor()                      # the project's rules, or $VNFACTS_RULES
    >>> ex = Extractor("my-rules/")           # a researcher's copy of rules/
    >>> facts = ex.extract("Xã X có 15 tổ tự quản.", doc_id="a1")
    >>> result = ex.process(document)         # a DocumentResult: facts, metadata, or the error

``Extractor.for_rules(rules)`` gives the one Extractor of a loaded rules object (the single cache
of the package; the plain functions of each stage use it).
"""
from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path

from . import rules as rules_mod
from .clean import clean
from .find import figures, locations, models, periods
from .find import period_sentences
from .records import Document, DocumentResult, Fact, InputError, Mentions, SegmentedDocument
from .resolve import Resolver
from .rules import Rules
from .segment import Abbreviations, segment
from .topic import TopicScorer


class Extractor:
    """Every stage's compiled rules, once: read -> clean -> topic -> segment -> find -> resolve/link."""

    def __init__(self, rules: Rules | str | Path | None = None, use_tagger: bool = True):
        self.rules = rules if isinstance(rules, Rules) else _load(rules)
        self.topics = TopicScorer(self.rules)
        self.figures = figures.FigureFinder(self.rules, use_tagger)
        self.places = locations.PlaceFinder(self.rules)
        self.models = models.ModelFinder(self.rules)
        self.periods = periods.PeriodFinder(self.rules)
        self.resolver = Resolver(self.rules, self.periods)
        self.abbreviations = Abbreviations.from_rules(self.rules.scope)

    @staticmethod
    def for_rules(rules: Rules | str | Path | None = None) -> "Extractor":
        """The Extractor of these rules (the default rules when None), built on first use."""
        return _extractor(rules if isinstance(rules, Rules) else _load(rules))

    @property
    def linker(self):
        return self.resolver.linker

    @property
    def gazetteer(self):
        return self.resolver.gaz

    def find(self, seg: SegmentedDocument) -> Mentions:
        """Every mention of a segmented document: places, figures, the periods figures can take, models."""
        places, generic = self.places.find(seg)
        figs = self.figures.find(seg)
        return Mentions(figures=figs, periods=self.periods.find(seg, period_sentences(seg, figs)),
                        places=places, models=self.models.find(seg), generic_places=generic)

    def process(self, doc: Document, keep_topic: str | None = None) -> DocumentResult:
        """Run every stage on one document. An exception becomes an error result, never a crash.
        With ``keep_topic`` ("security"), an article of another topic keeps its document row and
        no facts."""
        stage = "clean"
        try:
            cleaned = clean(doc, self.rules)
            stage = "topic"
            body = " ".join(cleaned.norm[s:e] for s, e in cleaned.paragraphs)
            cleaned.meta.topic, cleaned.meta.topic_score = self.topics.score(cleaned.meta.title, body)
            if keep_topic and cleaned.meta.topic != keep_topic:
                return DocumentResult(doc.doc_id, doc.source, "ok", facts=[], meta=cleaned.meta,
                                      n_chars=len(doc.text), text=doc.text)
            stage = "segment"
            seg = segment(cleaned, self.abbreviations)
            stage = "date"
            meta = cleaned.meta
            if len(meta.date) <= 4:  # no day from metadata, dateline or run: the lead's opening day
                dated = self.periods.lead_date(seg, meta.date)
                if dated:
                    meta.date, meta.date_source = dated, "lead"
            stage = "find"
            found = self.find(seg)
            stage = "resolve"
            facts = self.resolver.resolve(seg, found)
        except Exception as exc:  # one bad article must not stop a batch
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            err = InputError(doc.doc_id, doc.source, stage, "exception", detail)
            return DocumentResult(doc.doc_id, doc.source, "error", error=err, n_chars=len(doc.text), text=doc.text)
        return DocumentResult(doc.doc_id, doc.source, "ok", facts=facts, meta=cleaned.meta,
                              n_chars=len(doc.text), text=doc.text)

    def extract(self, text: str, doc_id: str = "doc", date: str = "") -> list[Fact]:
        """Facts of one article's text (``date``: its date, YYYY[-MM[-DD]], when the text shows none)."""
        result = self.process(Document(doc_id=doc_id, text=text, run_date=date))
        if result.error is not None:
            raise RuntimeError(f"{doc_id}: {result.error.message}")
        return result.facts

    __call__ = extract


def _load(folder: str | Path | None) -> Rules:
    """The rules of a folder (None: $VNFACTS_RULES, else the project's), one object per folder
    however it is spelled."""
    return rules_mod.load(Path(folder or rules_mod.rules_dir()).resolve())


@lru_cache(maxsize=4)
def _extractor(rules: Rules) -> Extractor:
    return Extractor(rules)
