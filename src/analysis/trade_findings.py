"""Notebook 03's results in one place, and what they say, in English and Chinese.

Why (issues 18 and 21): the notebook's findings were one f-string of fifty interpolations that
only a string match tested, resting on one specification. `analyse` computes every result the
findings use (trends, benchmarks, prices, break tests, specification grids, the tests run and
their Holm adjustment) into a `TradeResults` with full names; `findings` and `headline` turn
them into Markdown in "en" or "zh" (convention 2), each sentence following its grid: "robust"
only where the conclusion holds in nearly all specifications, otherwise what it depends on.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import benchmarks, data, multiplicity, prices, specgrid, trade_grids, trend
from analysis.breaks import break_table, placebo_breaks
from analysis.labels import t, usd_100m
from analysis.specgrid import Summary
from analysis.trade_collapse import fall_decomposition, fall_reading, trend_frame
from analysis.trendgap import Gap, fit, gap

__all__ = ["TradeResults", "analyse", "findings", "headline", "key_figures", "BORDERLINE_PP"]

FLOWS = ["exports", "imports", "total_trade"]
BORDERLINE_PP = 1.0  # "borderline": the PI allows a gap within this many points of zero


@dataclass(frozen=True)
class TradeResults:
    """Everything notebook 03's findings rest on (years, gaps in %, levels in 亿美元);
    ``deflated_total`` is Table 3's total trade deflated by China's PPI, ``fitted`` every series
    the notebook fits a trend to (for the diagnostics)."""

    start: int
    end: int
    last: int
    price_base_year: int
    falls: pd.DataFrame
    fall_years: tuple[int, int]
    shortfall: pd.DataFrame
    china_shortfall: pd.DataFrame
    relative: pd.DataFrame
    share: pd.Series
    share_gap: Gap
    share_slope: tuple[float, float, float]
    constant_share_gap: Gap
    constant_share: float
    deflated: dict[str, Gap]
    deflated_total: pd.Series
    fitted: pd.DataFrame
    after_table: pd.DataFrame
    oil: pd.DataFrame
    oil_volume_change_pct: float
    brent: tuple[float, float]
    crude_share_pct: float
    breaks: pd.DataFrame
    placebo: pd.DataFrame
    placebo_pre_years: int
    grids: dict[str, pd.DataFrame]
    tests: pd.DataFrame

    @property
    def summaries(self) -> dict[str, Summary]:
        """The `specgrid.Summary` of each grid."""
        return {name: specgrid.summarise(grid) for name, grid in self.grids.items()}


def analyse(table3: pd.DataFrame, *, trend_start: int, trend_end: int, price_base_year: int,
            placebo_pre_years: int, fall_years: tuple[int, int]) -> TradeResults:
    """Notebook 03's results from Table 3 and the external series (China's trade, Liaoning's NBS
    trade, the CNY/USD rate, Brent, China's price indices), fit window [trend_start,
    trend_end]; the grids' windows start from Table 3's first year."""
    china, nbs = benchmarks.china_trade(), benchmarks.liaoning_trade_nbs()
    rate, brent = data.load("cny_usd")["cny_per_usd"], data.load("brent")["value"]
    first, last = int(table3.index.min()), int(table3.index.max())
    window = (trend_start, trend_end)
    sources = {"table3": table3["total_trade"], "nbs": nbs["total_trade"]}
    series = trade_grids.trade_series(sources, rate, price_base_year)
    shares = trade_grids.share_series(sources, china["total_trade"])
    crude = data.fact(f"import_share_crude_oil_{last}")
    imports = table3["imports"]
    shortfall_grid = trade_grids.shortfall_grid(series, last, window, first)
    grids = {
        "trade_vs_trend": shortfall_grid,
        "trade_vs_china": trade_grids.share_grid(shares, last, window, first),
        "trade_deflated": trade_grids.deflated_view(shortfall_grid),
        "oil_share": trade_grids.oil_grid(imports[last - 1], imports[last], crude, brent[last - 1],
                                    brent[last], last),
    }
    tests = trade_grids.tests_run(table3, china["total_trade"], shares["table3"],
                                  series[("table3", "china_ppi")], trend_start, trend_end)
    return TradeResults(
        start=trend_start, end=trend_end, last=last, price_base_year=price_base_year,
        falls=fall_decomposition(table3), fall_years=tuple(fall_years),
        shortfall=trend.shortfall_table(table3, FLOWS, trend_start, trend_end),
        china_shortfall=trend.shortfall_table(china, ["total_trade"], trend_start, trend_end),
        relative=benchmarks.relative_shortfalls({"liaoning_table3": table3, "nbs": nbs}, china,
                                                trend_start, trend_end),
        share=shares["nbs"],
        share_gap=gap(shares["table3"], trend_start, trend_end, last),
        share_slope=fit(shares["table3"], trend_start, trend_end, "linear").slope_ci(),
        constant_share_gap=gap(shares["table3"], trend_start, trend_end, last, "constant"),
        constant_share=float(shares["table3"].loc[trend_start:trend_end].mean()),
        deflated={d: gap(series[("table3", d)], trend_start, trend_end, last)
                  for d in specgrid.DEFLATORS if d != "none"},
        deflated_total=series[("table3", "china_ppi")],
        fitted=trend_frame(table3, china, series[("table3", "china_ppi")].to_frame()),
        after_table=benchmarks.post_break_years(
            nbs, {last + 1: benchmarks.para41_implied_totals(last + 1)}, last),
        oil=prices.oil_share_of_import_fall(imports[last - 1], imports[last], crude,
                                            brent[last - 1], brent[last]),
        oil_volume_change_pct=prices.crude_volume_change_pct(
            crude, crude, imports[last - 1], imports[last], brent[last - 1], brent[last]),
        brent=(float(brent[last - 1]), float(brent[last])), crude_share_pct=crude,
        breaks=break_table(table3, FLOWS, trend_start, trend_end),
        placebo=placebo_breaks(table3["total_trade"], n_post=last - trend_end,
                               pre_years=placebo_pre_years),
        placebo_pre_years=placebo_pre_years, grids=grids, tests=multiplicity.holm(tests))


def _say(lang: str, en: str, zh: str) -> str:
    """The sentence in the label language."""
    return en if lang == "en" else zh


def _pi_phrase(g: Gap, lang: str) -> str:
    """Where a year lies against the 95 % PI: outside, just inside (borderline: the PI's edge
    within `BORDERLINE_PP` points of no gap) or inside."""
    if g.outside:
        return _say(lang, "outside the PI", "在预测区间之外")
    if min(abs(g.gap_low_pct), abs(g.gap_high_pct)) < BORDERLINE_PP:
        return _say(lang, "just inside the PI, borderline", "刚好在预测区间之内，属临界")
    return _say(lang, "inside the PI", "在预测区间之内")


def _changed(pct: float, lang: str) -> str:
    """'fell 2.4 %' / 'rose 2.4 %' (下降 / 增长)."""
    if lang == "en":
        return f"{'fell' if pct < 0 else 'rose'} only {abs(pct):.1f} %"
    return f"仅{'下降' if pct < 0 else '增长'}{abs(pct):.1f}%"


def _shortfall(r: TradeResults, lang: str) -> str:
    row = r.shortfall.loc[("total_trade", r.last)]
    s = r.summaries["trade_vs_trend"]
    grid = specgrid.robustness_words(r.grids["trade_vs_trend"], lang)
    return _say(
        lang,
        f"**Against its own trend.** In {r.last} Liaoning's total trade (Table 3) was "
        f"{usd_100m(row['actual'], 1, 'en')}, {row['gap_pct']:.1f} % against its "
        f"{r.start}-{r.end} log-linear trend (95 % prediction interval, PI, "
        f"{row['pi_lower'] / 10:.1f} to {row['pi_upper'] / 10:.1f} billion), below the interval. "
        f"Over {s.n} specifications (fit windows of six years or more ending 2012-2014, three "
        f"functional forms, four price bases, Table 3 or NBS) the gap runs from {s.low:.1f} % "
        f"to {s.high:.1f} %. \"Below the PI\": {grid}.",
        f"**与自身趋势相比。** {r.last}年辽宁进出口总额（表 3）为{row['actual']:.1f}亿美元，较其"
        f"{r.start}-{r.end}年对数线性趋势低{-row['gap_pct']:.1f}%（95%预测区间{row['pi_lower']:.0f}"
        f"至{row['pi_upper']:.0f}），低于区间下限。在{s.n}个设定中（起止于2012-2014年、至少六年的"
        f"拟合区间，三种函数形式，四种价格基准，表 3 或国家统计局数据），差距在{s.low:.1f}%至"
        f"{s.high:.1f}%之间。“低于预测区间”：{grid}。")


def _relative(r: TradeResults, lang: str) -> str:
    china = r.china_shortfall.loc[("total_trade", r.last)]
    rel = r.relative.loc[("liaoning_table3", r.last)]
    g, c = r.share_gap, r.constant_share_gap
    b, lo, hi = r.share_slope
    grid = specgrid.robustness_words(r.grids["trade_vs_china"], lang)
    nbs_years = [y for y in r.relative.loc["nbs"].index if y > r.last]
    nbs_en = ", ".join(f"{r.relative.loc[('nbs', y), 'relative_gap_pct']:.1f} % in {y}"
                       for y in nbs_years)
    nbs_zh = "，".join(f"{y}年为{r.relative.loc[('nbs', y), 'relative_gap_pct']:.1f}%"
                      for y in nbs_years)
    return _say(
        lang,
        f"**Relative to China.** China's trade (NBS, external) was {china['gap_pct']:.1f} % "
        f"against its own trend. Relative to that, Liaoning's {r.last} gap is "
        f"{rel['relative_gap_pct']:.1f} % ({rel['difference_pp']:.1f} percentage points). This "
        f"is exactly the gap of Liaoning's share of China's trade to its log-linear trend, so it "
        f"has that fit's 95 % PI: gaps from {g.gap_low_pct:.1f} % to {g.gap_high_pct:.1f} %, "
        f"below the interval. \"Below the PI\": {grid}. The share has no significant slope "
        f"({b:+.3f} percentage points a year, 95 % CI {lo:+.3f} to {hi:+.3f}); against a "
        f"constant share (the {r.start}-{r.end} mean, {r.constant_share:.2f} %) the {r.last} "
        f"gap is {c.gap_pct:.1f} % (PI allows {c.gap_low_pct:.1f} % to {c.gap_high_pct:.1f} %). "
        f"On NBS data the relative gap is {nbs_en}.",
        f"**相对全国。** 全国进出口（国家统计局，外部数据）较其自身趋势低{-china['gap_pct']:.1f}%。"
        f"相对于此，辽宁{r.last}年的差距为{rel['relative_gap_pct']:.1f}%（{rel['difference_pp']:.1f}"
        f"个百分点）。这正是辽宁占全国进出口比重相对其对数线性趋势的差距，因此可用该拟合的95%"
        f"预测区间：允许的差距为{g.gap_low_pct:.1f}%至{g.gap_high_pct:.1f}%，{r.last}年低于区间。"
        f"“低于预测区间”：{grid}。该比重的斜率不显著（每年{b:+.3f}个百分点，95%置信区间"
        f"{lo:+.3f}至{hi:+.3f}）；以比重不变为基准（{r.start}-{r.end}年均值{r.constant_share:.2f}%），"
        f"{r.last}年差距为{c.gap_pct:.1f}%（预测区间允许{c.gap_low_pct:.1f}%至"
        f"{c.gap_high_pct:.1f}%）。按国家统计局数据，相对差距{nbs_zh}。")


def _after_table(r: TradeResults, lang: str) -> str:
    after = r.after_table
    nbs = after.loc["nbs"]
    implied = after.loc["para41_implied"].iloc[0]
    year = int(after.loc["para41_implied"].index[0])
    changes_en = "; ".join(f"{y} {nbs.loc[y, 'change_on_base_pct']:+.1f} %" for y in nbs.index)
    changes_zh = "；".join(f"{y}年{nbs.loc[y, 'change_on_base_pct']:+.1f}%" for y in nbs.index)
    return _say(
        lang,
        f"**After the table.** Against NBS's own {r.last} figure (one source): {changes_en}. "
        f"Paragraph 41's implied {year} total "
        f"({usd_100m(implied['total_trade'], 1, 'en')}, at the "
        f"external average rate) is {implied['difference_from_nbs_pct']:+.1f} % from NBS's.",
        f"**表 3 之后。** 与国家统计局自身的{r.last}年数据相比（同一来源）：{changes_zh}。"
        f"第41段推算的{year}年总额（{implied['total_trade']:.1f}亿美元，按外部年均汇率）与国家"
        f"统计局同年数据相差{implied['difference_from_nbs_pct']:+.1f}%。")


def _falls(r: TradeResults, lang: str) -> str:
    early, late = (fall_reading(r.falls, y) for y in r.fall_years)
    y0, y1 = r.fall_years
    return _say(
        lang,
        f"**The falls.** Of the {y1} fall, imports gave {late['imports_share_of_fall_pct']:.0f} % "
        f"and exports {late['exports_share_of_fall_pct']:.0f} %; of the {y0} fall, exports gave "
        f"{early['exports_share_of_fall_pct']:.0f} %.",
        f"**两次下滑。** {y1}年的降幅中，进口占{late['imports_share_of_fall_pct']:.0f}%，出口占"
        f"{late['exports_share_of_fall_pct']:.0f}%；{y0}年的降幅中，出口占"
        f"{early['exports_share_of_fall_pct']:.0f}%。")


def _oil(r: TradeResults, lang: str) -> str:
    after, before = r.oil.loc["after"], r.oil.loc["before"]
    b0, b1 = r.brent
    grid = specgrid.robustness_words(r.grids["oil_share"], lang)
    y = r.last
    return _say(
        lang,
        f"**Oil.** Paragraph 40 gives crude's share of imports ({r.crude_share_pct:g} %) "
        f"without a year. Read as {y}'s, Brent's fall ({b0:.2f} to {b1:.2f} USD a barrel, EIA, "
        f"external) alone accounts for {after['share_of_fall_pct']:.0f} % of the "
        f"{usd_100m(after['import_fall'], 1, 'en')} import fall, valued at {y} volumes; that "
        f"reading "
        f"implies crude was {after['crude_share_before_pct']:.1f} % of {y - 1} imports and "
        f"non-crude imports {_changed(after['non_crude_change_pct'], lang)}. Read as "
        f"{y - 1}'s: {before['share_of_fall_pct']:.0f} %, at {y - 1} volumes; but if crude were "
        f"{r.crude_share_pct:g} % of imports in both years, its volumes would have risen "
        f"{r.oil_volume_change_pct:.0f} %. \"More than half of the fall\": {grid} (the only "
        f"choice is the share's year; Liaoning's own crude import prices are not in the data).",
        f"**原油。** 第40段给出原油占进口的比重（{r.crude_share_pct:g}%），未注明年份。若视为{y}年"
        f"的比重，仅布伦特油价的下跌（每桶{b0:.2f}美元降至{b1:.2f}美元，美国能源信息署，外部数据）"
        f"即可解释{after['import_fall']:.1f}亿美元进口降幅的{after['share_of_fall_pct']:.0f}%"
        f"（按{y}年数量计算）；这一读法意味着原油占{y - 1}年进口的"
        f"{after['crude_share_before_pct']:.1f}%，而非原油进口"
        f"{_changed(after['non_crude_change_pct'], lang)}。若视为{y - 1}年的比重："
        f"{before['share_of_fall_pct']:.0f}%（按{y - 1}年数量计算）；但若两年原油都占进口的"
        f"{r.crude_share_pct:g}%，原油进口数量须增长{r.oil_volume_change_pct:.0f}%。"
        f"“超过降幅的一半”：{grid}（唯一的选择是比重所属年份；数据中没有辽宁自身的原油"
        f"进口价格）。")


def _deflated(r: TradeResults, lang: str) -> str:
    ppi, gdp, cpi = (r.deflated[d] for d in ("china_ppi", "china_gdp_deflator", "china_cpi"))
    table = specgrid.by_option(r.grids["trade_deflated"], "deflator")
    count = {d: t("k_of_n_short", lang, k=int(table.loc[d, "holds_in"]),
                           n=int(table.loc[d, "specifications"])) for d in table.index}
    grid = specgrid.robustness_words(r.grids["trade_deflated"], lang)
    return _say(
        lang,
        f"**Deflated.** In {r.price_base_year} dollars deflated by China's PPI (external; a "
        f"domestic producer price, not a trade price: export and import price indices are not in "
        f"the data), {r.last} trade is {ppi.gap_pct:.1f} % against its trend, "
        f"{_pi_phrase(ppi, lang)} (it allows gaps from {ppi.gap_low_pct:.1f} % to "
        f"{ppi.gap_high_pct:+.1f} %). With the same window and form, the GDP deflator gives "
        f"{gdp.gap_pct:.1f} % ({_pi_phrase(gdp, lang)}; the PI reaches {gdp.gap_high_pct:+.1f} %) "
        f"and CPI {cpi.gap_pct:.1f} % ({_pi_phrase(cpi, lang)}; it reaches "
        f"{cpi.gap_high_pct:+.1f} %). Over the "
        f"grid, \"inside the PI\" holds under PPI in {count['china_ppi']}, the GDP deflator "
        f"{count['china_gdp_deflator']}, CPI {count['china_cpi']} specifications; in all: {grid}.",
        f"**平减后。** 以全国工业生产者出厂价格指数（外部数据；这是国内生产者价格，不是贸易价格，"
        f"数据中没有进出口价格指数）平减为{r.price_base_year}年美元后，{r.last}年进出口较趋势"
        f"{ppi.gap_pct:.1f}%，{_pi_phrase(ppi, lang)}（区间允许的差距为{ppi.gap_low_pct:.1f}%至"
        f"{ppi.gap_high_pct:+.1f}%）。同一拟合区间和函数形式下，GDP平减指数给出{gdp.gap_pct:.1f}%"
        f"（{_pi_phrase(gdp, lang)}；区间上限{gdp.gap_high_pct:+.1f}%）；居民消费价格指数给出"
        f"{cpi.gap_pct:.1f}%（{_pi_phrase(cpi, lang)}；区间上限{cpi.gap_high_pct:+.1f}%）。"
        f"在全部设定中，"
        f"“在预测区间内”在工业生产者出厂价格下{count['china_ppi']}成立，GDP平减指数下"
        f"{count['china_gdp_deflator']}，居民消费价格下{count['china_cpi']}；合计：{grid}。")


def _real_window(r: TradeResults) -> pd.Series:
    """The placebo row of the real window (the years after the fit window)."""
    return r.placebo.set_index("break_year").loc[r.end + 1]


def _breaks(r: TradeResults, lang: str) -> str:
    p = r.breaks["p_value"]
    first, last = r.end + 1, r.last
    real = _real_window(r)
    n = len(r.placebo)
    return _say(
        lang,
        f"**Break test (one design).** Tested jointly against the same {r.start}-{r.end} fits "
        f"that give the gaps above, {first}-{last} depart from trend with Chow p = "
        f"{p['exports']:.3f} (exports), {p['imports']:.3f} (imports), {p['total_trade']:.3f} "
        f"(total). One year outside its PI is the one-year version of this test, not further "
        f"evidence. Placebo windows, descriptive ({n} windows of {last - r.end} years, each fitted "
        f"on the {r.placebo_pre_years} years before it, gaps and p from those fits): the "
        f"{first}-{last} window's total-trade gaps ({real['gap_first_pct']:.1f} %, "
        f"{real['gap_last_pct']:.1f} %) rank {int(real['rank_by_size'])} of {n} by size, its "
        f"p = {real['p_value']:.3f} ranks {int(real['rank_by_p'])}.",
        f"**断点检验（同一设计）。** 以给出上述差距的同一{r.start}-{r.end}年拟合为基准联合检验，"
        f"{first}-{last}年偏离趋势的 Chow 检验 p 值为：出口{p['exports']:.3f}，进口"
        f"{p['imports']:.3f}，总额{p['total_trade']:.3f}。单独一年落在预测区间之外，只是这一检验的"
        f"单年形式，并非额外证据。安慰剂窗口仅作描述（{n}个{last - r.end}年窗口，各以其前"
        f"{r.placebo_pre_years}年拟合，差距与 p 值均来自这些拟合）：{first}-{last}年窗口的总额差距"
        f"（{real['gap_first_pct']:.1f}%、{real['gap_last_pct']:.1f}%）按大小排第"
        f"{int(real['rank_by_size'])}（共{n}个），其 p = {real['p_value']:.3f}，排第"
        f"{int(real['rank_by_p'])}。")


def _multiplicity(r: TradeResults, lang: str) -> str:
    tests = r.tests
    n, chow = len(tests), int((tests["test"] == "test_chow_joint").sum())
    raw, holm = int(tests["below_alpha"].sum()), int(tests["below_alpha_holm"].sum())
    p = r.breaks["p_value"]
    return _say(
        lang,
        f"**How many tests.** This notebook runs {n} tests ({chow} joint Chow tests, {n - chow} "
        f"prediction-interval checks; the specification grids ask the same questions under "
        f"other choices and are not counted). {raw} have p < 0.05; after Holm's adjustment for "
        f"{n} tests, {holm} do. Exports and imports disagree (joint p {p['exports']:.3f} and "
        f"{p['imports']:.3f}).",
        f"**检验次数。** 本节共进行{n}项检验（{chow}项联合 Chow 检验，{n - chow}项预测区间检验；"
        f"设定网格是在其他选择下重复同样的问题，不计入）。其中{raw}项 p < 0.05；按 Holm 方法对"
        f"{n}项检验校正后，{holm}项。出口与进口结论不一（联合 p 值分别为{p['exports']:.3f}和"
        f"{p['imports']:.3f}）。")


def findings(r: TradeResults, lang: str) -> str:
    """What notebook 03 finds, as Markdown bullets in ``lang`` ("en" or "zh"), then what the
    data can and cannot say."""
    bullets = [_shortfall(r, lang), _relative(r, lang), _after_table(r, lang), _falls(r, lang),
               _oil(r, lang), _deflated(r, lang), _breaks(r, lang), _multiplicity(r, lang)]
    s = r.summaries["trade_vs_trend"]
    close = _say(
        lang,
        f"These data can say that in nominal dollars {r.last} lay below Liaoning's pre-"
        f"{r.end + 1} path by an amount that depends on the fit window and form ({s.low:.1f} % to "
        f"{s.high:.1f} %), and further below it than China's trade lay below China's. They cannot "
        f"say why, nor whether it lasts, and no single test survives the adjustment for the "
        f"number of tests run." if not r.tests["below_alpha_holm"].any() else
        f"These data can say that in nominal dollars {r.last} lay below Liaoning's pre-"
        f"{r.end + 1} path by an amount that depends on the fit window and form ({s.low:.1f} % to "
        f"{s.high:.1f} %), and further below it than China's trade lay below China's. They cannot "
        f"say why, nor whether it lasts.",
        f"这些数据能说明：按名义美元计，{r.last}年低于辽宁{r.end + 1}年以前的路径，幅度取决于拟合"
        f"区间和函数形式（{s.low:.1f}%至{s.high:.1f}%），且低于程度超过全国相对其自身趋势的程度。"
        f"它们不能说明原因，也不能说明是否持续"
        + ("；按检验次数校正后，没有一项检验仍然显著。" if not r.tests["below_alpha_holm"].any()
           else "。"))
    return "\n".join(f"- {b}" for b in bullets) + "\n\n" + close


def headline(r: TradeResults, lang: str) -> str:
    """One or two Markdown bullets on what section III.B.1's reproduction finds about Liaoning."""
    rel = r.relative.loc[("liaoning_table3", r.last)]
    gap_row = r.shortfall.loc[("total_trade", r.last)]
    s, rs = r.summaries["trade_vs_trend"], r.summaries["trade_vs_china"]
    d = specgrid.by_option(r.grids["trade_deflated"], "deflator").loc["china_ppi"]
    further = int((r.grids["trade_vs_china"]["value"] < 0).sum())
    return _say(
        lang,
        f"- Liaoning's trade fell further than China's: in {r.last} it was "
        f"{-rel['relative_gap_pct']:.1f} % below where China's own shortfall would put it "
        f"({-r.constant_share_gap.gap_pct:.1f} % below a constant share of China's trade), "
        f"further below in {further} of {rs.n} specifications; that this departs from the "
        f"share's past path beyond its 95 % prediction interval holds in {rs.k} of {rs.n}.\n"
        f"- Against its own {r.start}-{r.end} trend, {r.last} trade was "
        f"{-gap_row['gap_pct']:.1f} % lower ({-s.high:.1f} % to {-s.low:.1f} % across {s.n} "
        f"specifications), below the 95 % prediction interval in {s.k} of {s.n}; deflated by "
        f"PPI it lies within the interval in {int(d['holds_in'])} of {int(d['specifications'])}.",
        f"- 辽宁外贸降幅大于全国：{r.last}年比按全国自身降幅推算的水平低"
        f"{-rel['relative_gap_pct']:.1f}%（比全国进出口比重不变的基准低"
        f"{-r.constant_share_gap.gap_pct:.1f}%），在{rs.n}个设定中的{further}个低于全国；超出比重"
        f"以往路径95%预测区间的结论在{rs.n}个设定中的{rs.k}个成立。\n"
        f"- 与其{r.start}-{r.end}年趋势相比，{r.last}年进出口低{-gap_row['gap_pct']:.1f}%（{s.n}"
        f"个设定中为{-s.high:.1f}%至{-s.low:.1f}%），在{s.n}个设定中的{s.k}个低于95%预测区间；"
        f"按工业生产者出厂价格平减后，{int(d['specifications'])}个设定中的{int(d['holds_in'])}个落在"
        f"区间之内。")


def key_figures(r: TradeResults) -> list[tuple[str, float, str, str]]:
    """The section's key figures as (name, value, unit, label); each headline with its grid's
    range and count (`specgrid.key_figures`)."""
    y, window = r.last, f"{r.start}-{r.end}"
    out = [(f"{flow}_vs_trend_{y}_pct", float(r.shortfall.loc[(flow, y), "gap_pct"]), "percent",
            f"Liaoning's {flow.replace('_', ' ')} in {y} against its {window} log-linear trend "
            f"(Table 3)") for flow in ("exports", "imports")]
    out.append((f"china_total_trade_vs_trend_{y}_pct",
                float(r.china_shortfall.loc[("total_trade", y), "gap_pct"]), "percent",
                f"China's total trade in {y} against its {window} log-linear trend (NBS, "
                f"external)"))
    rel = r.relative.loc[("liaoning_table3", y)]
    out.append((f"liaoning_vs_china_trade_shortfall_{y}_pp", float(rel["difference_pp"]),
                "percentage points", f"Liaoning's gap to trend minus China's, {y}"))
    out.append((f"liaoning_share_of_china_trade_{y}_pct", float(r.share.loc[y]), "percent",
                f"Liaoning's share of China's trade in {y} (both NBS, external)"))
    out.append(("trade_tests_run", float(len(r.tests)), "tests",
                "Tests notebook 03 runs (Chow and prediction-interval checks)"))
    out.append(("trade_tests_below_005_after_holm", float(r.tests["below_alpha_holm"].sum()),
                "tests", "Tests of notebook 03 with Holm-adjusted p < 0.05"))
    s = r.summaries
    heads = [
        ("total_trade_vs_trend_{y}_pct", "trade_vs_trend", "percent",
         f"Liaoning's total trade in {y} against its trend (Table 3)",
         f"{y} lies below the 95 % prediction interval"),
        ("liaoning_vs_china_trade_shortfall_{y}_pct", "trade_vs_china", "percent",
         f"Liaoning's total trade in {y} relative to China's shortfall (its share of China's "
         f"trade against trend)", f"{y} lies below the share's 95 % prediction interval"),
        ("real_total_trade_vs_trend_{y}_pct", "trade_deflated", "percent",
         f"Liaoning's total trade in {y} against trend, deflated (chosen: China's PPI)",
         f"{y} lies inside the 95 % prediction interval"),
        ("oil_price_share_of_import_fall_{y}_pct", "oil_share", "percent",
         f"Share of the {y} import fall that Brent's fall alone accounts for (crude share read "
         f"as {y}'s)", "Brent's fall accounts for more than half of the import fall"),
    ]
    for name, grid, unit, label, conclusion in heads:
        out += specgrid.key_figures(name.format(y=y), s[grid], unit, label, conclusion)
    return out
