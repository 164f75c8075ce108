"""National benchmarks for Liaoning's trade and FDI (external NBS/WDI series, one vintage each).

Why: a fall in Liaoning's trade or FDI means something about Liaoning only against the same
measure for China. These helpers put Table 3 and the FDI table beside China's customs trade,
GDP as published (the report's vintage) and MOFCOM-concept FDI, never mixing vintages or the
balance-of-payments FDI concept.
"""

from __future__ import annotations

import pandas as pd

from analysis import data
from analysis.growth import ratio_pct
from analysis.plausibility import fdi_plausibility_table
from analysis.trend import shortfall_table

__all__ = [
    "china_trade",
    "liaoning_trade_nbs",
    "dependency_pct",
    "china_dependency_check",
    "liaoning_dependency_check",
    "dependency_checks",
    "share_of_china",
    "relative_gap_pct",
    "relative_shortfall",
    "relative_shortfalls",
    "para41_implied_totals",
    "post_break_years",
    "fdi_share_of_china",
    "verdict_years",
]

# Million USD (NBS customs series) per 100 million USD (亿美元, the report's unit).
_MILLION_PER_100M = 100.0


def _series(name: str) -> pd.Series:
    """The one ``value`` column of an external series, indexed by year."""
    return data.load(name)["value"].astype(float)


def china_trade() -> pd.DataFrame:
    """China's exports, imports and total trade of goods (external NBS customs), 100 million USD."""
    out = pd.DataFrame({
        "exports": _series("china_exports"),
        "imports": _series("china_imports"),
        "total_trade": _series("china_trade_total"),
    }) / _MILLION_PER_100M
    out.index.name = "year"
    return out


def liaoning_trade_nbs() -> pd.DataFrame:
    """Liaoning's exports, imports and their sum (external NBS, through 2017), 100 million USD."""
    out = pd.DataFrame({"exports": _series("liaoning_exports_nbs"),
                        "imports": _series("liaoning_imports_nbs")})
    out["total_trade"] = out["exports"] + out["imports"]
    out.index.name = "year"
    return out


def dependency_pct(trade_usd_100m: pd.Series, gdp_cny_100m: pd.Series,
                   cny_per_usd: pd.Series) -> pd.Series:
    """Trade over GDP in percent: trade (100 million USD) times the year's rate over GDP (yuan)."""
    years = trade_usd_100m.index.intersection(gdp_cny_100m.index)
    missing = sorted(set(int(y) for y in years) - set(int(y) for y in cny_per_usd.index))
    if missing:
        raise KeyError(f"dependency_pct: no CNY/USD rate for year(s) {missing}")
    y = list(years)
    return ratio_pct(trade_usd_100m.loc[y] * cny_per_usd.loc[y], gdp_cny_100m.loc[y])


def _check(printed: pd.Series, recomputed: pd.Series) -> pd.DataFrame:
    """Printed beside recomputed (same years) and printed minus recomputed."""
    rec = recomputed.loc[printed.index]
    return pd.DataFrame({"printed": printed, "recomputed": rec, "difference": printed - rec})


def china_dependency_check(t3: pd.DataFrame) -> pd.DataFrame:
    """Table 3's national dependency row against China's trade over GDP as published (external)."""
    rate = data.load("cny_usd")["cny_per_usd"]
    dep = dependency_pct(china_trade()["total_trade"], _series("china_gdp_as_published"), rate)
    return _check(t3["trade_dependency_china"].astype(float), dep)


def liaoning_dependency_check(t3: pd.DataFrame) -> pd.DataFrame:
    """Table 3's Liaoning dependency row against NBS trade over GDP as published (external)."""
    rate = data.load("cny_usd")["cny_per_usd"]
    dep = dependency_pct(liaoning_trade_nbs()["total_trade"],
                         _series("liaoning_gdp_as_published"), rate)
    return _check(t3["trade_dependency"].astype(float), dep)


def dependency_checks(t3: pd.DataFrame) -> pd.DataFrame:
    """Both dependency rows of Table 3 against the external series, rows (series, year)."""
    out = pd.concat({"trade_dependency_china": china_dependency_check(t3),
                     "trade_dependency": liaoning_dependency_check(t3)}, names=["series", "year"])
    return out


def share_of_china(part: pd.Series, whole: pd.Series) -> pd.Series:
    """``part`` as percent of ``whole`` for the years both have (e.g. Liaoning's trade share)."""
    years = part.dropna().index.intersection(whole.dropna().index)
    if len(years) == 0:
        raise ValueError(f"share_of_china: {part.name!r} and {whole.name!r} share no year")
    return ratio_pct(part.loc[years], whole.loc[years])


def relative_gap_pct(own_gap_pct: float, benchmark_gap_pct: float) -> float:
    """Gap to own trend relative to the benchmark's: 100 * ((1+g)/(1+b) - 1), both in percent.

    E.g. Liaoning 34.5 % below its trend while China is 30 % below its own: Liaoning is
    100 * (0.655 / 0.70 - 1) = -6.4 % below where China's shortfall alone would put it.
    """
    if benchmark_gap_pct <= -100:
        raise ValueError(f"benchmark gap {benchmark_gap_pct} % leaves nothing to compare with")
    return 100.0 * ((1 + own_gap_pct / 100) / (1 + benchmark_gap_pct / 100) - 1)


def relative_shortfall(own: pd.DataFrame, benchmark: pd.DataFrame) -> pd.DataFrame:
    """Per post-window year: own and benchmark gap to trend (%), the difference (pp), relative gap.

    ``own`` and ``benchmark`` are ``trend.shortfall`` frames (index year, column gap_pct).
    """
    years = own.index.intersection(benchmark.index)
    out = pd.DataFrame({"liaoning_gap_pct": own.loc[years, "gap_pct"],
                        "china_gap_pct": benchmark.loc[years, "gap_pct"]})
    out["difference_pp"] = out["liaoning_gap_pct"] - out["china_gap_pct"]
    out["relative_gap_pct"] = [relative_gap_pct(a, b) for a, b in
                               zip(out["liaoning_gap_pct"], out["china_gap_pct"], strict=True)]
    return out


def relative_shortfalls(sources: dict[str, pd.DataFrame], china: pd.DataFrame, start: int,
                        end: int, column: str = "total_trade") -> pd.DataFrame:
    """``relative_shortfall`` for several Liaoning sources (e.g. Table 3 through 2015, NBS
    through 2017), each against its own log trend on [start, end]; rows (source, year)."""
    bench = shortfall_table(china, [column], start, end).loc[column]
    out = pd.concat({name: relative_shortfall(shortfall_table(df, [column], start, end)
                                              .loc[column], bench)
                     for name, df in sources.items()}, names=["source", "year"])
    return out


def para41_implied_totals(year: int) -> pd.Series:
    """Liaoning's exports and imports implied by paragraph 41 (partner value / stated share).

    Paragraph 41 gives the three partners' exports and imports in 亿元 and their shares of
    Liaoning's totals; the whole is converted to 100 million USD at the year's average rate
    (external IMF rate).
    """
    rate = float(data.load("cny_usd")["cny_per_usd"].loc[year])
    out = {}
    for flow in ("exports", "imports"):
        part = data.fact(f"partner_{flow}_{year}")
        share = data.fact(f"partner_{flow[:-1]}_share_{year}")
        out[flow] = part / (share / 100.0) / rate
    s = pd.Series(out)
    s["total_trade"] = s["exports"] + s["imports"]
    return s


def post_break_years(nbs: pd.DataFrame, implied: dict[int, pd.Series],
                     base_year: int) -> pd.DataFrame:
    """Years after Table 3: NBS's figures against NBS's own ``base_year`` (one source, one
    vintage: issue 18, point 6), and paragraph 41's implied totals against NBS's same year.

    Rows (source, year): exports, imports, total trade (100 million USD); change_on_base_pct
    (NBS rows: the total's change on NBS's ``base_year``) and difference_from_nbs_pct
    (paragraph-41 rows: the implied total against NBS's total of that year). Table 3's base is
    not used: NBS and Table 3 differ by up to 0.2 %, enough to move a change by 0.2 points.
    """
    rows = {}
    base = float(nbs.loc[base_year, "total_trade"])
    for y in [int(y) for y in nbs.index if y > base_year]:
        r = nbs.loc[y, ["exports", "imports", "total_trade"]].astype(float)
        rows[("nbs", y)] = {**r.to_dict(),
                            "change_on_base_pct": 100 * (r["total_trade"] / base - 1),
                            "difference_from_nbs_pct": float("nan")}
    for y, r in implied.items():
        same_year = float(nbs.loc[y, "total_trade"])
        rows[("para41_implied", y)] = {**r.to_dict(), "change_on_base_pct": float("nan"),
                                       "difference_from_nbs_pct":
                                           100 * (r["total_trade"] / same_year - 1)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.names = ["source", "year"]
    return out


def fdi_share_of_china(fdi: pd.Series) -> pd.DataFrame:
    """Liaoning's FDI as % of China's (MOFCOM concept, external) with the plausibility verdict
    of the one FDI rule of thumb (`analysis.plausibility`, which the claims audit uses too).

    Columns: liaoning, china, share_pct, gdp_share_pct, ratio, verdict ("not_contradicted" /
    "doubtful").
    """
    return fdi_plausibility_table(fdi)


def verdict_years(share: pd.DataFrame) -> str:
    """'doubtful 2006-2009; implausible 2010-2014; plausible 2015': verdict runs in year order."""
    runs: list[tuple[str, int, int]] = []
    for year, verdict in share["verdict"].items():
        if runs and runs[-1][0] == verdict and runs[-1][2] == int(year) - 1:
            runs[-1] = (verdict, runs[-1][1], int(year))
        else:
            runs.append((verdict, int(year), int(year)))
    return "; ".join(f"{v} {a}" if a == b else f"{v} {a}-{b}" for v, a, b in runs)
