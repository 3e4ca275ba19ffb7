"""The number reader, tested like price-parser: tables of real-world examples, kept apart as
the set it was developed on, the set it was evaluated on (never tuned on), and bugs caught in
the wild. Each row: text, value, value_max, qualifier."""
from __future__ import annotations

from dataclasses import replace

import pytest

from extractor.numbers import NumberReader, parse_number, read_quantity, reader
from extractor.rules import load


@pytest.fixture(autouse=True)
def fresh_reader():
    """Each example builds the reader from the rules again: reader() is cached, so without this only
    the first test would exercise the reader's construction (mutation testing, benchmarks/MUTATION.md)."""
    reader.cache_clear()
    yield
    reader.cache_clear()

# Developed on: the seed articles and FACTS.md.
DEV = [
    ("15", 15, None, "exact"),
    ("1.300", 1300, None, "exact"),
    ("trên 1.300", 1300, None, "more_than"),
    ("3.122", 3122, None, "exact"),
    ("22,5", 22.5, None, "exact"),
    ("gần 4.400", 4400, None, "nearly"),
    ("gần 5.000", 5000, None, "nearly"),
    ("trên 80", 80, None, "more_than"),
    ("hàng trăm", 100, None, "vague"),
    ("hàng chục", 10, None, "vague"),
    ("hàng nghìn", 1000, None, "vague"),
    ("15/17", 15, 17, "ratio"),
    ("5 - 8 triệu", 5_000_000, 8_000_000, "range"),
    ("từ 5 - 8 triệu", 5_000_000, 8_000_000, "range"),
    ("6-8 triệu", 6_000_000, 8_000_000, "range"),
    ("247 tỷ", 247_000_000_000, None, "exact"),
    ("hơn 247 tỷ", 247_000_000_000, None, "more_than"),
    ("hai", 2, None, "exact"),
    ("mười lăm", 15, None, "exact"),
    ("một trăm", 100, None, "exact"),
]

# Evaluated on: the archive articles of the dev gold (E1-E10), read after the reader was written.
EVAL = [
    ("553,763 tỷ", 553_763_000_000, None, "exact"),
    ("50,039 tỷ", 50_039_000_000, None, "exact"),
    ("896.153", 896153, None, "exact"),
    ("66,6 triệu", 66_600_000, None, "exact"),
    ("khoảng 0,3", 0.3, None, "about"),
    ("72,50", 72.5, None, "exact"),
    ("100.000 - 120.000", 100000, 120000, "range"),
    ("gần 700 triệu", 700_000_000, None, "nearly"),
    ("khoảng 18", 18, None, "about"),
    ("Hai", 2, None, "exact"),
    ("9,3 triệu", 9_300_000, None, "exact"),
]

# Bugs caught in the wild (archive text).
WILD = [
    ("21, 218 tỷ", 21_218_000_000, None, "exact"),   # stray space after the decimal comma
    ("1,300,000", 1_300_000, None, "exact"),         # English grouping
    ("hai mươi mốt", 21, None, "exact"),
    ("hai trăm năm mươi", 250, None, "exact"),
    ("dưới 10", 10, None, "less_than"),
    ("chưa đến 5", 5, None, "less_than"),
    ("khoảng 1,5", 1.5, None, "about"),
    # found by mutation testing (benchmarks/MUTATION.md): stacked scale words, written as words
    ("một nghìn tỷ", 1_000_000_000_000, None, "exact"),
    ("hai nghìn tỷ", 2_000_000_000_000, None, "exact"),
    ("ba trăm nghìn tỷ", 300_000_000_000_000, None, "exact"),
    ("hai tỷ ba trăm nghìn", 2_000_300_000, None, "exact"),   # a smaller scale after a larger one adds
]

# Added for mutation testing (benchmarks/MUTATION.md): number words as Vietnamese composes them,
# scales, signs, ranges and qualifiers; values by the grammar, not by what the code answered.
GRAMMAR = [
    # number words with a scale word inside them ("ba nghìn": words_value's docstring)
    ("ba nghìn", 3000, None, "exact"),
    ("một nghìn", 1000, None, "exact"),
    ("mười nghìn", 10_000, None, "exact"),
    ("mười hai nghìn", 12_000, None, "exact"),
    ("hai trăm nghìn", 200_000, None, "exact"),
    ("ba trăm năm mươi nghìn", 350_000, None, "exact"),
    ("hai mươi lăm triệu", 25_000_000, None, "exact"),
    ("một triệu hai trăm nghìn", 1_200_000, None, "exact"),
    ("hai triệu ba trăm nghìn", 2_300_000, None, "exact"),
    # tens and units: "năm" before a scale or "mươi", "lăm"/"mốt"/"tư" after "mươi"
    ("năm trăm", 500, None, "exact"),
    ("năm mươi", 50, None, "exact"),
    ("ba mươi", 30, None, "exact"),
    ("mười bốn", 14, None, "exact"),
    ("hai mươi tư", 24, None, "exact"),
    ("ba mươi mốt", 31, None, "exact"),
    ("bảy mươi lăm", 75, None, "exact"),
    ("một trăm mười lăm", 115, None, "exact"),
    # "linh"/"lẻ" for an empty tens place
    ("một trăm linh năm", 105, None, "exact"),
    ("hai trăm lẻ năm", 205, None, "exact"),
    # digits
    ("1.300,5", 1300.5, None, "exact"),
    ("0,5", 0.5, None, "exact"),
    ("247 TỶ", 247_000_000_000, None, "exact"),   # a headline in capitals
    # the figure finder's sentences (test_figures.py, numbers read by sense)
    ("âm 5 tỷ", -5_000_000_000, None, "exact"),
    ("2,5 triệu tỷ", 2_500_000_000_000_000, None, "exact"),
    ("nghìn tỷ", 1_000_000_000_000, None, "exact"),
    ("vài trăm nghìn", 100_000, None, "vague"),
    ("hàng chục tỷ", 10_000_000_000, None, "vague"),
    ("hàng chục nghìn", 10_000, None, "vague"),
    ("1,250,000", 1_250_000, None, "exact"),
    # ranges: each end with its own scale, word joiners, a dash of another width
    ("500 triệu - 1 tỷ", 500_000_000, 1_000_000_000, "range"),
    ("1.000 - 1.200 tỷ", 1_000_000_000_000, 1_200_000_000_000, "range"),
    ("3 – 5 nghìn", 3000, 5000, "range"),
    ("từ 6 đến 12", 6, 12, "range"),
    ("10 tới 20", 10, 20, "range"),
    ("12 - 15", 12, 15, "range"),
    # qualifiers of more than one word
    ("gần như 5.000", 5000, None, "nearly"),
    ("trên dưới 10", 10, None, "about"),
    ("không dưới 10", 10, None, "more_than"),
    # ratios
    ("4/5", 4, 5, "ratio"),
    ("15 / 17", 15, 17, "ratio"),
]


@pytest.mark.parametrize("text,value,value_max,qualifier", DEV + EVAL + WILD + GRAMMAR)
def test_read_quantity(text, value, value_max, qualifier):
    q = read_quantity(text)
    assert q is not None, text
    assert q.value == pytest.approx(value)
    assert (q.value_max == pytest.approx(value_max)) if value_max is not None else q.value_max is None
    assert q.qualifier == qualifier


@pytest.mark.parametrize("text", ["năm", "một", "9-7", "24-7", "abc", "", "tư vấn",
                                  "ba năm", "hai ba", "năm sáu",  # wild: "vài ba năm đầu" was read as 8
                                  "7-7", "1-1",  # dates (7 July, New Year's Day), not ranges
                                  "hai mươi năm"])  # "twenty years": 25 is "hai mươi lăm"
def test_not_a_quantity(text):
    """Bare "năm" is a year word and bare "một" an article; "9-7" is a date, not a range."""
    assert read_quantity(text) is None


def test_parse_number_plain_value():
    assert parse_number("1.369") == 1369
    assert isinstance(parse_number("1.369"), int)
    assert isinstance(parse_number("22,5"), float)


@pytest.mark.parametrize("text", [row[0] for row in DEV + EVAL + WILD + GRAMMAR])
def test_read_quantity_spans_the_text(text):
    q = read_quantity(text)
    assert (q.start, q.end) == (0, len(text))


# Sentences of the figure finder's tables (test_figures.py): each number expression found in running
# text, as (value, value_max, qualifier, the text it spans).
SENTENCES = [
    ("Hiện nay trên địa bàn thành phố đã xây dựng hàng trăm mô hình tiên tiến",
     [(100, None, "vague", "hàng trăm")]),
    ("Doanh thu nghìn tỷ đồng.", [(1_000_000_000_000, None, "exact", "nghìn tỷ")]),
    ("xây dựng 15/17 khối và 4 trường học trên địa bàn",
     [(15, 17, "ratio", "15/17"), (4, None, "exact", "4")]),
    ("với mức thu nhập ổn định từ 5 - 8 triệu đồng/tháng.",
     [(5_000_000, 8_000_000, "range", "từ 5 - 8 triệu")]),
    ("bắt 256 vụ cờ bạc với hơn 1.300 đối tượng, thu hơn 2,5 tỷ đồng.",
     [(256, None, "exact", "256"), (1300, None, "more_than", "hơn 1.300"),
      (2_500_000_000, None, "more_than", "hơn 2,5 tỷ")]),
    ("Lợi nhuận âm 5 tỷ đồng.", [(-5_000_000_000, None, "exact", "âm 5 tỷ")]),
    ("Có vài trăm nghìn người xem.", [(100_000, None, "vague", "vài trăm nghìn")]),
    # found by mutation testing: a number word is a whole word, never the start of a longer one
    ("Chính quyền và Ban chỉ đạo cùng máy bay của ba đơn vị.", [(3, None, "exact", "ba")]),
]


@pytest.mark.parametrize("offset", [None, 250])  # None: finditer's own default (a sentence at 0)
@pytest.mark.parametrize("sentence,expected", SENTENCES)
def test_finditer_in_sentences(sentence, expected, offset):
    found = list(reader().finditer(sentence) if offset is None else reader().finditer(sentence, offset))
    shift = offset or 0
    assert [(q.value, q.value_max, q.qualifier, sentence[q.start - shift:q.end - shift])
            for q, _ in found] == expected
    assert all(m.start() + shift == q.start and m.end() + shift == q.end for q, m in found)


@pytest.mark.parametrize("text,value", [("1.369", 1369), ("hai", 2), ("hàng trăm", 100),
                                        ("tư vấn", None), ("năm", None), ("", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("words,qualifier", [("trở lên", "more_than"), ("trở xuống", "less_than")])
def test_qualifiers_after(words, qualifier):
    """Words after a number and its unit ("từ 300 CV trở lên"), kept for the figure finder."""
    assert reader().qualifier_after[words] == qualifier


@pytest.mark.parametrize("text,value", [("5 tỷ", 5_000_000_000), ("trên 1.300", 1300), ("hai", 2)])
def test_rules_without_optional_sections(text, value):
    """Rules that list no negative words and no qualifiers after a number still read numbers
    (rules/numbers.yaml has both sections; the reader takes them as optional)."""
    rules = load()
    numbers = {k: v for k, v in rules.numbers.items() if k not in ("negative", "qualifiers_after")}
    plain = NumberReader(replace(rules, numbers=numbers))
    assert plain.qualifier_after == {}
    q = plain.read(text)
    assert q is not None and q.value == value
