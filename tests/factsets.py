"""Small facts tables built from short, real-looking Vietnamese articles, shared by the check and
conflicts tests. Each article is extracted once per session."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from extractor import FACT_COLUMNS, extract_df

ARTICLES = {
    # Sơn La, province level, as of 1/5/2025
    "sl80": "Tính đến ngày 1/5/2025, toàn tỉnh Sơn La có 80 mô hình được xây dựng và duy trì hoạt động.",
    "sl72": "Tính đến ngày 1/5/2025, toàn tỉnh Sơn La có 72 mô hình được xây dựng và duy trì hoạt động.",
    "sl75more": "Tính đến ngày 1/5/2025, toàn tỉnh Sơn La có trên 75 mô hình được xây dựng và duy trì hoạt động.",
    "sl80copy": "Sơn La: nhân rộng mô hình tự quản. Tính đến ngày 1/5/2025, toàn tỉnh Sơn La có 80 mô hình được xây dựng và duy trì hoạt động.",
    # a commune of Sơn La, same unit and period: never a province figure
    "cc12": "Tính đến ngày 1/5/2025, xã Chiềng Cơi, tỉnh Sơn La có 12 mô hình được xây dựng.",
    # Trạm Tấu (district of Yên Bái), 2022 and 2021
    "tt180": "Năm 2022, Công an huyện Trạm Tấu, tỉnh Yên Bái đã bắt 180 đối tượng.",
    "tt175": "Năm 2022, Công an huyện Trạm Tấu, tỉnh Yên Bái đã bắt 175 đối tượng.",
    "tt150y21": "Năm 2021, Công an huyện Trạm Tấu, tỉnh Yên Bái đã bắt 150 đối tượng.",
    "tt12va": "Năm 2022, huyện Trạm Tấu, tỉnh Yên Bái xảy ra 12 vụ án hình sự.",
    # the same district, written on the 2025 map (a former district of Lào Cai)
    "tt175new": "Năm 2022, Công an huyện Trạm Tấu cũ, tỉnh Lào Cai đã bắt 175 đối tượng.",
    # Lai Châu, qualifiers and changes
    "lc1000": "Năm 2023, tỉnh Lai Châu có hơn 1.000 tổ an ninh với 5.000 thành viên.",
    "lc_down": "Năm 2022, số vụ phạm tội trên địa bàn tỉnh Lai Châu giảm 10% so với năm 2021.",
    # one sentence, two measures with a generic unit
    "hn_acc": "Năm 2016, trên địa bàn tỉnh Hà Tĩnh xảy ra 4 vụ tai nạn, làm 3 người chết, 5 người bị thương.",
}


@lru_cache(maxsize=None)
def _facts(doc_id: str) -> pd.DataFrame:
    return extract_df(ARTICLES[doc_id], doc_id=doc_id)


def table(*doc_ids: str) -> pd.DataFrame:
    """The facts table of the named articles, as ``vnfacts extract`` would write it."""
    frames = [_facts(d) for d in doc_ids]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FACT_COLUMNS)


def figure_row(doc_id: str, value, unit: str, *, location: str, province: str, level: str,
               qualifier: str = "exact", value_max=None, change: str = "", period_start: str = "",
               period_end: str = "", subject: str = "", sentence: str = "", surface: str = "",
               kind: str = "outcome", char_start: int = 0) -> list[dict]:
    """A hand-made figure row and the location row that gives its place a level."""
    surface = surface or f"{value} {unit}"
    sentence = sentence or f"{location} có {surface} được ghi nhận."
    fig = dict.fromkeys(FACT_COLUMNS, "")
    fig.update(doc_id=doc_id, fact_id=f"{doc_id}-{value}-{unit}-{char_start}", kind=kind, value=value,
               value_max=value_max, unit=unit, qualifier=qualifier, change=change, location=location,
               province=province, period_start=period_start, period_end=period_end, subject=subject,
               surface=surface, sentence=sentence, char_start=char_start, char_end=char_start + len(surface))
    loc = dict.fromkeys(FACT_COLUMNS, "")
    loc.update(doc_id=doc_id, fact_id=f"{doc_id}-loc-{location}", kind="location", name=location, level=level,
               province=province, value=None, value_max=None, char_start=0, char_end=0)
    return [loc, fig]


def rows_table(*rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([r for group in rows for r in group], columns=FACT_COLUMNS)
