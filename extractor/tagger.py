"""underthesea's part-of-speech tagger, with its feature builder compiled once.

``underthesea.pos_tag`` segments the words (a compiled CRF), builds each word's 22 features by
interpreting its template strings (a regex match per template per word, and every column of the
sentence copied again for each: the pipeline's most expensive step), then tags them with a compiled
CRF. ``PosTagger`` uses the same segmenter, the same CRF model and underthesea's own feature
functions, but parses the template once: the features are identical (``features`` is checked
against underthesea's ``TaggedTransformer`` in the tests and on the archive's clauses by
``benchmarks/same_tags.py``) and the answers are the same.

    >>> tagger = PosTagger()
    >>> tagger("3 tiền đạo xuất sắc")   # == underthesea.pos_tag("3 tiền đạo xuất sắc")
"""
from __future__ import annotations

import re

# underthesea's token syntax ("T[-1,0]", "T[-3][1]", "T[0].istitle"), as its template2features reads it
_SYNTAX = re.compile(r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?")
_UNTAGGED = "X"  # the tag column underthesea fills before tagging


class PosTagger:
    """``underthesea.pos_tag(sentence)``, answered by the same models with a compiled feature builder."""

    def __init__(self):
        from underthesea import word_tokenize
        from underthesea.pipeline.pos_tag import tagged_feature
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        predictor = CRFPOSTagPredictor.Instance()
        self._segment = word_tokenize
        self._crf = predictor.model
        self.template: list[str] = list(predictor.transformer.template)
        self._reference = predictor.transformer  # underthesea's own builder, for the checks
        self._compiled = []
        for syntax in self.template:
            m = _SYNTAX.match(syntax)
            index2 = m.group("index2")
            function = m.group("function")
            self._compiled.append((f"{syntax}=", int(m.group("index1")), int(index2) if index2 else None,
                                   int(m.group("column")) if m.group("column") else 0,
                                   getattr(tagged_feature, "text_" + function) if function else None))

    def features(self, words: list[str]) -> list[list[str]]:
        """Every word's features, as underthesea's ``TaggedTransformer`` writes them."""
        n = len(words)
        columns = (words, [_UNTAGGED] * n)
        out = []
        for i in range(n):
            row = []
            for prefix, index1, index2, column, function in self._compiled:
                k = i + index1
                if k < 0:
                    row.append(prefix + "BOS")
                    continue
                if k >= n or (index2 is not None and i + index2 >= n):
                    row.append(prefix + "EOS")
                    continue
                word = " ".join(columns[column][k:i + index2 + 1]) if index2 is not None else columns[column][k]
                row.append(f"{prefix}{function(word) if function is not None else word}")
            out.append(row)
        return out

    def reference_features(self, words: list[str]) -> list[list[str]]:
        """underthesea's own features of ``words``: what ``features`` must equal."""
        return self._reference.transform([[(w, _UNTAGGED) for w in words]])[0][0]

    def __call__(self, sentence: str) -> list[tuple[str, str]]:
        words = self._segment(sentence)
        return list(zip(words, self._crf.tag(self.features(words)))) if words else []
