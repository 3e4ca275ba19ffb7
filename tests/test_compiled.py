"""The compiled steps answer what the libraries they replace answer.

Each compiled step (the place patterns' token scan, the tagger's feature builder, the folding
table) is compared with the library code it stands in for, run on the same input: spaCy's Matcher
and filter_spans, underthesea's TaggedTransformer and pos_tag, the Unicode decomposition."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.matcher import Matcher
from spacy.util import filter_spans

from extractor.find.token_patterns import TokenPatterns, tokens
from extractor.rules import load
from extractor.segment import make_doc, vocab
from extractor.tagger import PosTagger
from extractor.text import _fold_key_slow, fold_key

ROOT = Path(__file__).resolve().parent.parent


def _patterns():
    return [(f"{e['label']}:{e['id']}:{i}", e["pattern"]) for i, e in enumerate(load().location_patterns)]


def _spacy_spans(patterns, text):
    """What the place finder got from spaCy: each pattern greedy="LONGEST", then filter_spans."""
    matcher = Matcher(vocab())
    for key, pattern in patterns:
        matcher.add(key, [pattern], greedy="LONGEST")
    doc = make_doc(text)
    spans = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        span.label_ = vocab().strings[match_id]
        spans.append(span)
    return [(s.label_, s.start_char, s.end_char, [t.text for t in s]) for s in filter_spans(spans)]


def _ours(patterns, text):
    return [(m.key, m.start_char, m.end_char, m.words()) for m in TokenPatterns(patterns)(text)]


# real sentences, each with what makes a token scan go wrong: a two-word unit ("thị xã"), a unit
# glued to its name ("TP.HCM", "P.3"), a name with an apostrophe, a numbered unit, a double space,
# a unit word in a chain and in a bracket, a unit word with no name after it
PLACE_SENTENCES = [
    # developed on (corpus dev, test sets)
    "Ngày 18/5, tại Trạm kiểm soát giao thông số 1, xã Hoàng Tân, thị xã Chí Linh (Hải Dương) kiểm tra xe khách.",
    "Chiếc xe khách chạy tuyến TP.Kon Tum - TP. Pleiku, đang lưu thông theo hướng Sơn La – Hòa Bình.",
    "Trong tuần nghỉ Tết 2017, huyện Cư M’gar có 5 vụ tai nạn giao thông.",
    "Công an TP.HCM cũng trao thư khen, phần thưởng cho Công an quận Bình Thạnh và Quận 9.",
    "Tổ dân phố 5, P.3, TP Bảo Lộc có 120 hộ tham gia  mô hình camera an ninh.",
    "Hội viên phụ nữ các xã Tân Lập, Tân Thành và thị trấn Yên Thế đóng góp 30 triệu đồng.",
    "Trên địa bàn huyện có 12 mô hình, phường 10 có 3 tổ, khu Tiên Xá, phường Hạp Lĩnh có 40 hộ.",
    # bugs from the wild (archive 2017): lower-case unit words and names that run on
    "Ông Nguyễn Văn Hùng, trú tại thôn Đông Xuân, xã Quảng Đông, huyện Quảng Trạch, tỉnh Quảng Bình.",
    "Lực lượng chức năng tỉnh Lào cai đã bắt giữ 3 đối tượng tại thành phố Lào Cai.",
]


@pytest.mark.parametrize("text", PLACE_SENTENCES)
def test_place_patterns_find_the_spans_spacy_finds(text):
    patterns = _patterns()
    expected = _spacy_spans(patterns, text)
    assert expected, "each sentence of the table has a place for the patterns to find"
    assert _ours(patterns, text) == expected


def test_place_patterns_find_the_spans_spacy_finds_on_every_corpus_sentence():
    """The whole bundled corpus: every sentence, whatever it holds."""
    from extractor.clean import clean
    from extractor.read import iter_documents
    from extractor.segment import Abbreviations, segment

    rules = load()
    abbreviations = Abbreviations.from_rules(rules.scope)
    patterns = _patterns()
    compared = 0
    for document in iter_documents(sorted((ROOT / "corpus").glob("*/*.txt"))):
        segmented = segment(clean(document, rules), abbreviations)
        for s in segmented.sentences:
            text = segmented.clean.norm[s.start:s.end]
            assert _ours(patterns, text) == _spacy_spans(patterns, text), text
            compared += 1
    assert compared > 500


def test_tokens_are_spacys_tokens_with_their_offsets():
    text = "  xã  Tân Lập (TP.HCM), P.3 có 1.200 hộ\tdân"
    doc = make_doc(text)
    spans, texts = tokens(text)
    assert texts == [t.text for t in doc]
    assert spans == [(t.idx, t.idx + len(t.text)) for t in doc]
    assert tokens("   ") == ([], [])


@pytest.mark.parametrize("pattern, message", [
    ([{"POS": "PROPN"}], "'POS'"),
    ([{"NORM": "xã"}, {"IS_TITLE": True, "OP": "{2}"}], "OP '{2}'"),
    ([{"NORM": {"NOT_IN": ["xã"]}}], "NOT_IN"),
])
def test_a_pattern_with_what_the_scan_cannot_read_is_refused_by_name(pattern, message):
    with pytest.raises(ValueError, match=message.replace("{", r"\{").replace("}", r"\}")):
        TokenPatterns([("x", pattern)])


# clauses from the archive (2017) and the corpus: numbers, units glued to marks, names, quotes
TAGGED_CLAUSES = [
    "3 tiền đạo xuất sắc nhất năm 2016",
    "Công an huyện Trạm Tấu đã bắt 180 đối tượng, thu 2,5 kg ma túy",
    "giá 3 triệu kíp Lào (tương đương hơn 8 triệu đồng)",
    "mỗi căn hộ có giá 1,2 tỷ đồng/căn",
    "Tập thể Công an TP.HCM được thưởng 100 triệu đồng",
    "\"Tổ tự quản\" có 25 thành viên, hoạt động từ năm 2014",
    "Nhiệt độ lên tới 39 độ C",
    "x",
]


@pytest.fixture(scope="module")
def tagger():
    return PosTagger()


@pytest.mark.parametrize("clause", TAGGED_CLAUSES)
def test_tagger_features_are_underthesea_features(tagger, clause):
    from underthesea import word_tokenize

    words = word_tokenize(clause)
    assert tagger.features(words) == tagger.reference_features(words)


@pytest.mark.parametrize("clause", TAGGED_CLAUSES)
def test_tagger_answers_what_underthesea_pos_tag_answers(tagger, clause):
    from underthesea import pos_tag

    assert tagger(clause) == [tuple(p) for p in pos_tag(clause)]


FOLDED = [
    "Xuân Tăng", "ĐẮK LẮK", "Cư M’gar", "Thừa Thiên - Huế", "Ia H'Drai", "TP.HCM 2017",
    "Phường 3", "thuỷ thủy", "Ｆｕｌｌｗｉｄｔｈ", "Ελλάδα", "北京", "ﬁ", "ǅ", "İstanbul", "Straße", "",
    "a\u0301", "\u0301", "e\u0323\u0302",
]


@pytest.mark.parametrize("text", FOLDED)
def test_fold_key_by_table_is_fold_key_by_decomposition(text):
    assert fold_key(text) == _fold_key_slow(text)


def test_fold_key_keeps_letters_and_digits_only():
    assert fold_key("Xuân Tăng") == "xuantang"
    assert fold_key("Đắk Lắk (cũ), 2025!") == "daklakcu2025"
