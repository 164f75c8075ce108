"""Display helpers: report tables with their printed precision, and text facts with citations.

Why: notebooks must show the report's numbers exactly as printed (same decimals, same layout:
series as rows, years as columns) and cite every number from the text with its paragraph, page
and verbatim Chinese quote. These helpers format (and subtract text from recomputed values);
all analysis lives in analysis.trade, analysis.trend and analysis.growth.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from analysis import data
from analysis.labels import label, t, unit_label

__all__ = [
    "printed_table", "fact_table", "fmt", "unit_label", "label", "text_vs_computed", "localise",
    "readable", "show",
]

# Column -> label key of the fact tables' headers (the labels live in analysis.labels).
_FACT_COLUMNS = {"value": "value", "unit": "unit", "paragraph": "paragraph",
                 "page": "page_number", "quote": "quote"}
P_VALUE_COLUMNS = ("p_value",)  # shown as '< 0.001' below a thousandth


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
        out.index = [label(k, lang) for k in out.index]
        out.columns = pd.MultiIndex.from_tuples(
            [(label(s, lang), y) for s, y in out.columns], names=["", t("year", lang)]
        )
        return out
    out = text.T
    out.index = [
        f"{label(c, lang)} ({unit_label(units.get(c, ''), lang)})"
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
    out.index.name = t("fact_id", lang)
    out.columns = [t(_FACT_COLUMNS[c], lang) for c in out.columns]
    return out


def text_vs_computed(rows: dict[str, float], lang: str = "en") -> pd.DataFrame:
    """Numbers the text states (fact ids) beside the values recomputed from the tables.

    ``rows`` maps a fact id to the recomputed value (same unit). Columns: the verbatim quote,
    value as printed, recomputed, difference (printed minus recomputed), paragraph, page. The
    printed value keeps its printed decimals; recomputed value and difference get two more.
    """
    facts = data.facts()
    missing = [i for i in rows if i not in facts.index]
    if missing:
        raise KeyError(f"fact id(s) {missing} not in data/report/facts.csv")
    f = facts.loc[list(rows)]
    rec = pd.Series(rows, dtype=float)
    shown = int(f["decimals"].max()) + 2
    out = pd.DataFrame(
        {
            "quote": f["quote"],
            "text_says": [fmt(v, d) for v, d in zip(f["value"], f["decimals"], strict=True)],
            "recomputed": [fmt(v, shown) for v in rec],
            "difference": [fmt(v, shown) for v in f["value"] - rec],
            "unit": [unit_label(u, lang) for u in f["unit"]],
            "paragraph": f["paragraph"],
            "page": f["page"],
        },
        index=f.index,
    )
    out.columns = [t(_FACT_COLUMNS.get(c, c), lang) for c in out.columns]
    return out


def column_decimals(values: pd.Series) -> int:
    """Decimals a numeric column is shown with: no more than its values have (up to six), and
    no fewer than two significant digits of its smallest non-zero value need (at least two)."""
    v = pd.to_numeric(values, errors="coerce").dropna().abs()
    v = v[v > 1e-9]  # zero (or float noise around it) needs no decimals
    if v.empty:
        return 0
    exact = next((d for d in range(7) if ((v * 10**d).round(6) % 1 == 0).all()), 6)
    need = max(2, 1 - math.floor(math.log10(float(v.min()))))
    return min(exact, need, 6)


def _unsigned_zero(text: str) -> str:
    """'-0.00' -> '0.00' (a value that rounds to zero has no sign)."""
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def _p_value(p: float) -> str:
    """A p-value as a reader reads it: three decimals, '< 0.001' below that."""
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def readable(
    obj: pd.DataFrame | pd.Series, decimals: int | Mapping[str, int] | None = None
) -> pd.DataFrame | pd.Series:
    """Numbers as text with fixed decimals per column (never e-notation), for display.

    ``decimals`` fixes them for every column (int) or by column name; other float columns get
    `column_decimals`. p-value columns read '< 0.001'; missing values stay empty.
    """
    if isinstance(obj, pd.Series):
        frame = readable(obj.to_frame("__s__"), decimals)
        return frame["__s__"].rename(obj.name)
    out = obj.copy()
    for c in out.columns:
        col = out[c]
        if not pd.api.types.is_float_dtype(col):
            continue
        if str(c) in P_VALUE_COLUMNS:
            out[c] = [("" if pd.isna(x) else _p_value(x)) for x in col]
            continue
        if isinstance(decimals, int):
            d = decimals
        elif decimals is not None and str(c) in decimals:
            d = decimals[str(c)]
        else:
            d = column_decimals(col)
        out[c] = [("" if pd.isna(x) else _unsigned_zero(fmt(x, d))) for x in col]
    return out


def localise(
    obj: pd.DataFrame | pd.Series, lang: str, decimals: int | Mapping[str, int] | None = None
) -> pd.DataFrame | pd.Series:
    """For display: label keys in the index, column names, both axes' names and text cells
    translated into ``lang``, and numbers as text with fixed decimals per column (`readable`)."""
    out = readable(obj, decimals)
    if isinstance(out, pd.DataFrame):
        for c in out.columns:
            if pd.api.types.is_bool_dtype(out[c]):
                out[c] = out[c].map(lambda v: "yes" if v else "no")  # translated below
    out = out.rename(index=lambda k: label(k, lang) if isinstance(k, str) else k)
    out.index = out.index.set_names([label(n, lang) if n else n for n in out.index.names])
    if isinstance(out, pd.DataFrame):
        numeric = {c for c in obj.columns if pd.api.types.is_float_dtype(obj[c])}
        for c in out.columns:
            text = out[c].dtype == object or pd.api.types.is_string_dtype(out[c])
            if c not in numeric and text:
                out[c] = out[c].map(lambda v: label(v, lang) if isinstance(v, str) else v)
        out = out.rename(columns=lambda k: label(k, lang) if isinstance(k, str) else k)
        out.columns = out.columns.set_names(
            [label(n, lang) if isinstance(n, str) else n for n in out.columns.names])
    elif isinstance(out.name, str):
        out = out.rename(label(out.name, lang))
    return out


def show(text: str) -> None:
    """Render a line of Markdown in the notebook (captions, computed notes)."""
    from IPython.display import Markdown, display

    display(Markdown(text))
