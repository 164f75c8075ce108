"""Display helpers: report tables with their printed precision, and text facts with citations.

Why: notebooks must show the report's numbers exactly as printed (same decimals, same layout:
series as rows, years as columns) and cite every number from the text with its paragraph, page
and verbatim Chinese quote. These helpers format (and subtract text from recomputed values);
all analysis lives in analysis.trade, analysis.trend and analysis.growth.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis import data
from analysis.labels import LABELS, t

__all__ = [
    "printed_table", "fact_table", "fmt", "unit_label", "label", "text_vs_computed", "localise",
]

_FACT_HEADERS = {
    "value": ("Value", "数值"),
    "unit": ("Unit", "单位"),
    "paragraph": ("Para.", "段落"),
    "page": ("Page", "页码"),
    "quote": ("Report text (verbatim)", "报告原文"),
}


_UNIT_KEYS = {
    "100 million USD": "unit_100m_usd",
    "100 million yuan": "unit_100m_yuan",
    "billion yuan": "unit_billion_yuan",
    "percent": "unit_percent",
    "percentage points": "unit_pp",
    "100 million tonnes": "unit_100m_tonnes",
    "million TEU": "unit_million_teu",
    "10 thousand persons": "unit_10k_persons",
    "persons": "unit_persons",
    "years": "unit_years",
    "10 thousand USD": "unit_10k_usd",
    "times": "unit_times",
}


def unit_label(unit: str, lang: str) -> str:
    """Unit in the label language ('100 million USD' -> '亿美元'; 'percent' -> '%')."""
    key = _UNIT_KEYS.get(unit)
    return label(key, lang) if key else unit


def label(key: object, lang: str, **fields: object) -> str:
    """Label from analysis.labels, else the key itself (data keys shown as-is); fills {fields}."""
    k = str(key)
    return t(k, lang, **fields) if k in LABELS else k


_label = label


def fmt(value: float, decimals: int) -> str:
    """Number as text with exactly ``decimals`` decimals (how the report prints it)."""
    return f"{value:.{int(decimals)}f}"


def printed_table(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A loaded report table laid out as printed (series x years), each value with its decimals.

    ``df`` comes from ``analysis.data.load`` (uses ``attrs["decimals"]``). A (partner, year)
    index gives rows = partner and columns = (series, year), as in the report's partner table.
    """
    dec = df.attrs.get("decimals")
    if dec is None:
        raise ValueError("printed_table needs a frame from analysis.data.load (attrs['decimals'])")
    text = df.copy().astype(object)
    for c in df.columns:
        text[c] = [fmt(v, d) for v, d in zip(df[c], dec[c], strict=True)]
    units = df.attrs.get("units", {})
    if isinstance(df.index, pd.MultiIndex):
        out = text.unstack(df.index.names[-1])
        out.index = [_label(k, lang) for k in out.index]
        out.columns = pd.MultiIndex.from_tuples(
            [(_label(s, lang), y) for s, y in out.columns], names=["", t("year", lang)]
        )
        return out
    out = text.T
    out.index = [
        f"{_label(c, lang)} ({unit_label(units.get(c, ''), lang)})"
        for c in df.columns
    ]
    out.columns = pd.Index([int(y) for y in df.index], name=t("year", lang))
    return out


def fact_table(ids: Iterable[str], lang: str = "en") -> pd.DataFrame:
    """Text facts by id, with value as printed, unit, paragraph, page and the verbatim quote."""
    ids = list(ids)
    facts = data.facts()
    missing = [i for i in ids if i not in facts.index]
    if missing:
        raise KeyError(f"fact id(s) {missing} not in data/report/facts.csv")
    f = facts.loc[ids]
    col = 0 if lang == "en" else 1
    out = pd.DataFrame(
        {
            "value": [fmt(v, d) for v, d in zip(f["value"], f["decimals"], strict=True)],
            "unit": [unit_label(u, lang) for u in f["unit"]],
            "paragraph": f["paragraph"],
            "page": f["page"],
            "quote": f["quote"],
        },
        index=f.index,
    )
    out.columns = [_FACT_HEADERS[c][col] for c in out.columns]
    return out


def text_vs_computed(rows: dict[str, float], lang: str = "en") -> pd.DataFrame:
    """Numbers the text states (fact ids) beside the values recomputed from the tables.

    ``rows`` maps a fact id to the recomputed value (same unit). Columns: the verbatim quote,
    value as printed, recomputed, difference (printed minus recomputed), paragraph, page.
    """
    facts = data.facts()
    missing = [i for i in rows if i not in facts.index]
    if missing:
        raise KeyError(f"fact id(s) {missing} not in data/report/facts.csv")
    f = facts.loc[list(rows)]
    rec = pd.Series(rows, dtype=float)
    out = pd.DataFrame(
        {
            "quote": f["quote"],
            "text_says": f["value"],
            "recomputed": rec,
            "difference": f["value"] - rec,
            "unit": [unit_label(u, lang) for u in f["unit"]],
            "paragraph": f["paragraph"],
            "page": f["page"],
        },
        index=f.index,
    )
    out.columns = [
        _FACT_HEADERS[c][0 if lang == "en" else 1] if c in _FACT_HEADERS else label(c, lang)
        for c in out.columns
    ]
    return out


def localise(obj: pd.DataFrame | pd.Series, lang: str) -> pd.DataFrame | pd.Series:
    """Translate index labels, column names and text cells that are label keys into ``lang``."""
    out = obj.copy()
    out.attrs = {}
    out = out.rename(index=lambda k: label(k, lang) if isinstance(k, str) else k)
    out.index = out.index.set_names([label(n, lang) if n else n for n in out.index.names])
    if isinstance(out, pd.DataFrame):
        out = out.rename(columns=lambda k: label(k, lang) if isinstance(k, str) else k)
        for c in out.columns:
            if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
                out[c] = out[c].map(lambda v: label(v, lang) if isinstance(v, str) else v)
    return out


def show(text: str) -> None:
    """Render a line of Markdown in the notebook (captions, computed notes)."""
    from IPython.display import Markdown, display

    display(Markdown(text))
