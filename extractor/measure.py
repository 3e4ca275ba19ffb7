"""What a figure counts: its ``measure`` (a closed list in ``rules/measures.yaml``) and its
``unit_norm`` (the unit's head, lower case, new-style tones; a rate keeps its "/..."), so that
``GROUP BY province_2025, measure`` adds up like with like (FACTS.md, fields of a figure).
"""
from __future__ import annotations

from dataclasses import dataclass

from .text import fold_words


@dataclass(frozen=True)
class Measures:
    heads: dict[str, str]  # head words (folded) -> measure
    longest: int  # the most words a head has

    @classmethod
    def from_rules(cls, rules) -> "Measures":
        heads: dict[str, str] = {}
        for measure, words in (getattr(rules, "measures", None) or {}).get("measures", {}).items():
            for w in words:
                heads.setdefault(fold_words(str(w)), measure)
        return cls(heads, max((len(h.split()) for h in heads), default=1))

    def of(self, unit: str) -> tuple[str, str]:
        """(measure, unit_norm) of a unit as the text writes it: "tổ liên gia tự quản" ->
        ("groups", "tổ liên gia"); "đồng/kg" -> ("money", "đồng/kg"); unknown -> ("", its head)."""
        folded = fold_words(unit)
        if not folded:
            return "", ""
        if folded in self.heads:
            return self.heads[folded], folded
        first, _, rest = folded.partition("/")
        rate = "/" + rest if rest else ""
        words = first.split()
        for n in range(min(len(words), self.longest), 0, -1):
            head = " ".join(words[:n])
            if head in self.heads:
                return self.heads[head], head + rate
        return "", (words[0] if words else first) + rate
