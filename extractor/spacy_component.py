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

from .pipeline import extract

if not Span.has_extension("fact"):
    Span.set_extension("fact", default=None)
if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)


class VnFactsComponent:
    def __init__(self, nlp: Language, name: str, spans_key: str):
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        facts = extract(doc.text, doc_id=doc.user_data.get("doc_id", "doc"))
        spans = []
        for fact in facts:
            span = doc.char_span(fact.char_start, fact.char_end, label=fact.kind, alignment_mode="expand")
            if span is not None:
                span._.fact = fact
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.facts = facts
        return doc


@Language.factory("vnfacts", default_config={"spans_key": "vnfacts"})
def make_vnfacts(nlp: Language, name: str, spans_key: str) -> VnFactsComponent:
    return VnFactsComponent(nlp, name, spans_key)
