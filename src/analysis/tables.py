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


# Labels the trade and FDI notebooks need that analysis.labels does not (yet) hold: (en, zh).
# zh verbatim from the report where it has the words (paragraph in the comment).
EXTRA_LABELS: dict[str, tuple[str, str]] = {
    "trade_collapse": ("Trade collapse", "贸易下滑"),
    "fdi_drop": ("FDI drop", "外商直接投资下降"),
    "dependency_gap": ("China minus Liaoning", "全国减辽宁"),
    "recomputed": ("Recomputed", "重新计算"),
    "printed": ("Printed", "报告所列"),
    "difference": ("Difference", "差异"),
    "text_says": ("Text says", "正文所述"),
    "year_on_year": ("Year on year", "同比"),
    "total_trade_growth": ("Total-trade growth", "进出口总额增长率"),
    "trend_fit": ("Log-linear trend", "对数线性趋势"),
    "fit_window": ("fit window", "拟合区间"),
    "ci_low": ("CI low", "置信区间下限"),
    "ci_high": ("CI high", "置信区间上限"),
    "n_years": ("Years", "年数"),
    "gap_pct": ("Gap to trend, %", "与趋势差距（%）"),
    "inside_pi": ("Inside 95% PI", "在95%预测区间内"),
    "f_stat": ("F", "F 值"),
    "p_value": ("p-value", "p 值"),
    "partner_share": ("Share of the three partners' total", "占三国合计比重"),
    "share_of_partner_total": ("Share of the partner's total trade", "占该国贸易总额比重"),
    "share_of_liaoning": ("Share of Liaoning's trade", "占辽宁贸易比重"),
    "three_partners": ("Japan + Korea + Russia", "日本、韩国、俄罗斯合计"),
    "other": ("Other", "其他"),
    "export_composition": ("Exports by product, 2015 (para 39)", "2015年出口商品构成（第39段）"),
    "import_composition": ("Imports by product, 2015 (para 40)", "2015年进口商品构成（第40段）"),
    "share_of_exports": ("Share of exports", "占出口比重"),
    "share_of_imports": ("Share of imports", "占进口比重"),
    "fdi_by_sector": ("FDI by sector", "外商直接投资行业分布"),
    "fdi_by_source": ("FDI by source", "外商直接投资来源"),
    "share_of_fdi": ("Share of FDI", "占外商直接投资比重"),
    "mechanical_electrical": ("Machinery and electrical products", "机电产品"),
    "steel": ("Steel products", "钢材"),
    "agricultural": ("Agricultural products", "农产品"),
    "high_tech": ("High-tech products", "高新技术产品"),
    "crude_oil": ("Crude oil", "原油"),
    "manufacturing": ("Manufacturing", "制造业"),
    "real_estate": ("Real estate", "房地产业"),
    "transport": ("Transport, storage and post", "运输、仓储和邮政业"),
    "it_software": ("IT services and software", "信息传输、计算机服务和软件业"),
    "leasing_business": ("Leasing and business services", "租赁和商业服务"),
    "hong_kong": ("Hong Kong", "香港"),
    "japan_korea": ("Japan and Korea", "日本和韩国"),
    "us_singapore_taiwan": ("US, Singapore and Taiwan", "美国，新加坡和台湾"),
    # column names of the derived tables (analysis.trade, analysis.trend)
    "growth_pct": ("Trend growth, % a year", "趋势年增长率（%）"),
    "unit_10k_usd": ("10 thousand USD", "万美元"),
    "unit_times": ("times", "倍"),
    "exports_growth": ("Exports growth, %", "出口增长率（%）"),
    "imports_growth": ("Imports growth, %", "进口增长率（%）"),
    "exports_contribution": ("Exports contribution, pp", "出口贡献（百分点）"),
    "imports_contribution": ("Imports contribution, pp", "进口贡献（百分点）"),
    "contribution_sum": ("Sum of contributions, pp", "贡献合计（百分点）"),
    "predicted": ("Trend value", "趋势值"),
    "gap": ("Gap to trend", "与趋势差距"),
    "pi_lower": ("95% PI low", "95%预测区间下限"),
    "pi_upper": ("95% PI high", "95%预测区间上限"),
    "method": ("Test", "检验"),
    "df_num": ("df1", "自由度1"),
    "df_denom": ("df2", "自由度2"),
    "n_pre": ("Years before", "断点前年数"),
    "n_post": ("Years after", "断点后年数"),
    "placebo_rank": ("Rank among placebo windows", "在安慰剂窗口中的排名"),
    "placebo_windows": ("Placebo windows", "安慰剂窗口数"),
    "break_year": ("Window start", "窗口起始年"),
    "end_year": ("Window end", "窗口结束年"),
    "rank": ("Rank (1 = smallest p)", "排名（1 = p 值最小）"),
    "exports_share_of_partner_total": ("Exports, % of partner total", "出口占该国总额（%）"),
    "imports_share_of_partner_total": ("Imports, % of partner total", "进口占该国总额（%）"),
    "exports_share_of_three": ("Exports, % of three", "出口占三国合计（%）"),
    "imports_share_of_three": ("Imports, % of three", "进口占三国合计（%）"),
    "total_trade_share_of_three": ("Total, % of three", "总额占三国合计（%）"),
    "exports_usd": ("Exports, 100 million USD (ext. rate)", "出口，亿美元（外部汇率）"),
    "imports_usd": ("Imports, 100 million USD (ext. rate)", "进口，亿美元（外部汇率）"),
    "total_trade_usd": ("Total, 100 million USD (ext. rate)", "总额，亿美元（外部汇率）"),
    "exports_share_of_liaoning": ("Exports, % of Liaoning", "占辽宁出口（%）"),
    "imports_share_of_liaoning": ("Imports, % of Liaoning", "占辽宁进口（%）"),
    "total_trade_share_of_liaoning": ("Total, % of Liaoning", "占辽宁进出口总额（%）"),
    "breakpoint": ("Chow breakpoint", "Chow 断点检验"),
    "predictive": ("Chow predictive", "Chow 预测检验"),
    "series": ("Series", "指标"),
    "partner": ("Partner", "国家"),
    "start": ("Fit from", "拟合起始年"),
    "dalian_share_of_liaoning_trade_pct": (
        "Dalian, % of Liaoning's trade", "大连占辽宁进出口（%）"),
    "dalian_shenyang_share_of_liaoning_trade_pct": (
        "Dalian + Shenyang, % of Liaoning's trade", "大连和沈阳占辽宁进出口（%）"),
    "dalian_fdi_implied_by_fuxin_chaoyang_share_100m_usd": (
        "Dalian FDI implied by the Fuxin/Chaoyang share, 100 million USD",
        "由阜新、朝阳占比推算的大连外资（亿美元）"),
    "dalian_plus_shenyang_fdi_2014": ("Dalian + Shenyang FDI, 2014", "大连和沈阳外资，2014年"),
    "dalian_fdi_implied_2014": ("Dalian FDI implied, 2014", "推算大连外资，2014年"),
    "shenyang_fdi_implied_2014": ("Shenyang FDI implied (difference), 2014",
                                  "推算沈阳外资（差额），2014年"),
    "trend_prediction": ("Trend {start}-{end}", "{start}-{end}年趋势"),
}


def label(key: object, lang: str, **fields: object) -> str:
    """Label from analysis.labels, else from EXTRA_LABELS, else the key itself; fills {fields}."""
    k = str(key)
    if k in LABELS:
        text = t(k, lang)
    elif k in EXTRA_LABELS:
        text = EXTRA_LABELS[k][0 if lang == "en" else 1]
    else:
        return k
    return text.format(**fields) if fields else text


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
