"""A spaCy component: ``nlp.add_pipe("vnfacts")`` puts the facts on ``doc.spans["vnfacts"]``.

    import spacy, extractor.spacy_component  # registers the factory
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vnfacts")
    doc = nlp(text)
    for span in doc.spans["vnfacts"]:
        span.label_, span.text, span._.fact  # kind, surface, the full Fact record
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .engine import Extractor

if not Span.has_extension("fact"):
    Span.set_extension("fact", default=None)
if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)


class VnFactsComponent:
    """The pipeline as a spaCy component, with one Extractor of the rules folder given (``rules``
    in the component's config; empty: $VNFACTS_RULES, else the project's rules/)."""

    def __init__(self, nlp: Language, name: str, spans_key: str, rules: str = ""):
        self.name = name
        self.spans_key = spans_key
        self.extractor = Extractor.for_rules(rules or None)

    def __call__(self, doc: Doc) -> Doc:
        facts = self.extractor.extract(doc.text, doc_id=doc.user_data.get("doc_id", "doc"))
        _split_at(doc, {b for f in facts for b in (f.char_start, f.char_end)})
        spans = []
        for fact in facts:
            span = doc.char_span(fact.char_start, fact.char_end, label=fact.kind, alignment_mode="strict")
            if span is not None:
                span._.fact = fact
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.facts = facts
        return doc


def _split_at(doc: Doc, bounds: set[int]) -> None:
    """Split the tokens a fact's edge falls inside ("tượng," -> "tượng" ","), so that every span
    is exactly the table's surface: ``span.text == fact.surface``."""
    cuts = []
    for tok in doc:
        inner = sorted(b - tok.idx for b in bounds if tok.idx < b < tok.idx + len(tok.text))
        if inner:
            edges = [0, *inner, len(tok.text)]
            cuts.append((tok, [tok.text[a:b] for a, b in zip(edges, edges[1:]) if b > a]))
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for tok, orths in cuts:
            retokenizer.split(tok, orths, heads=[(tok, 0)] * len(orths))


@Language.factory("vnfacts", default_config={"spans_key": "vnfacts", "rules": ""})
def make_vnfacts(nlp: Language, name: str, spans_key: str, rules: str) -> VnFactsComponent:
    return VnFactsComponent(nlp, name, spans_key, rules)
