"""Notebook 04's results in one place, and what they say, in English and Chinese.

Why (issues 18 and 21): notebook 04 read a slowing of FDI growth from a squared term fitted to
levels it called not believable, said "series break, not a collapse" although FDI fell like for
like, and ranked break tests from other fits than its p-values. `analyse` computes every result
(the like-for-like fall beside China's, the levels against the rule of thumb, the trend grid,
the squared term by window, the placebo windows, the tests run with Holm's adjustment) into an
`FdiResults`; `findings` and `headline` state them in "en" or "zh", every trend result
conditional on the levels it rests on.

Paragraph 10's 34.4 % has one meaning throughout: the fall paragraph 10 states from an implied
2014 base (51.9 / (1 - 0.344) = 79.1亿美元, not printed) to its 2015 figure; that the base is
measured like the 2015 figure is an assumption, stated wherever the number is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import benchmarks, data, fdi_grids, multiplicity, plausibility, specgrid
from analysis.breaks import placebo_breaks
from analysis.fdi_drop import level_before_change, like_for_like
from analysis.labels import usd_100m
from analysis.series import year_runs
from analysis.specgrid import Summary
from analysis.trade_grids import price_bases
from analysis.trend import durbin_watson, fit_log_linear_trend
from analysis.trendgap import Gap, gap

__all__ = ["FdiResults", "analyse", "findings", "headline", "key_figures", "verdict_words",
           "WITHIN_RULE"]

WITHIN_RULE = ("plausible", plausibility.WITHIN)  # verdicts that flag nothing


@dataclass(frozen=True)
class FdiResults:
    """Everything notebook 04's findings rest on (years, changes in %, levels in 亿美元)."""

    start: int
    end: int
    last: int
    before_break: int
    para10_level: float
    para10_change_pct: float
    para10_base: float
    like_for_like: pd.DataFrame
    relative_to_china_pct: float
    plausibility: pd.DataFrame
    share_after_break_pct: float
    trend_gap: Gap
    durbin_watson: float
    grid: pd.DataFrame
    squared_term: pd.DataFrame
    placebo: pd.DataFrame
    placebo_pre_years: int
    tests: pd.DataFrame

    @property
    def summary(self) -> Summary:
        """The trend grid's `specgrid.Summary`."""
        return specgrid.summarise(self.grid)

    @property
    def flagged_years(self) -> list[int]:
        """Years the plausibility rule flags (doubtful or implausible)."""
        return [int(y) for y, v in self.plausibility["verdict"].items() if v not in WITHIN_RULE]


def analyse(fdi_table: pd.DataFrame, *, trend_start: int, trend_end: int, price_base_year: int,
            placebo_pre_years: int) -> FdiResults:
    """Notebook 04's results from the FDI table, paragraph 10's figures and the external
    series (China's FDI and GDP, the CNY/USD rate, China's price indices)."""
    fdi = fdi_table["fdi"]
    last = int(fdi.index.max())
    before = last - 1  # the last year measured like the fit window
    level, change = data.fact("fdi_2015_text"), -data.fact("fdi_decline_2015_pct")
    china = data.load("china_fdi")["value"]
    lfl = like_for_like(fdi, level, change, china)
    measured_alike = fdi.loc[:before]
    series = fdi_grids.fdi_series(measured_alike, data.load("cny_usd")["cny_per_usd"],
                                  price_bases(), price_base_year)
    grid = fdi_grids.trend_grid(series, before, (trend_start, trend_end), int(fdi.index.min()))
    windows = tuple(w for w in dict.fromkeys(grid["fit_window"]))
    return FdiResults(
        start=trend_start, end=trend_end, last=last, before_break=before,
        para10_level=level, para10_change_pct=change,
        para10_base=level_before_change(level, change), like_for_like=lfl,
        relative_to_china_pct=benchmarks.relative_gap_pct(
            lfl.loc["para10", "change_pct"], lfl.loc["china_mofcom", "change_pct"]),
        plausibility=plausibility.fdi_plausibility_table(measured_alike),
        share_after_break_pct=100.0 * float(fdi.loc[last]) / float(china.loc[last]),
        trend_gap=gap(measured_alike, trend_start, trend_end, before),
        durbin_watson=durbin_watson(fit_log_linear_trend(measured_alike, trend_start,
                                                         trend_end)),
        grid=grid, squared_term=fdi_grids.squared_term_by_window(measured_alike, windows),
        placebo=placebo_breaks(measured_alike, n_post=1, pre_years=placebo_pre_years),
        placebo_pre_years=placebo_pre_years,
        tests=multiplicity.holm(fdi_grids.tests_run(measured_alike, trend_start, trend_end,
                                                    before)))


def verdict_words(table: pd.DataFrame, lang: str) -> str:
    """The FDI rule of thumb's verdicts in the words the claims audit prints
    (`analysis.plausibility`: one function decides, one words)."""
    return plausibility.fdi_plausibility_words(table, lang)


def _say(lang: str, en: str, zh: str) -> str:
    return en if lang == "en" else zh


def _para10(r: FdiResults, lang: str) -> str:
    table, china = r.like_for_like.loc["table"], r.like_for_like.loc["china_mofcom"]
    rate = 1 + r.para10_change_pct / 100
    return _say(
        lang,
        f"**Paragraph 10's fall.** Paragraph 10 gives {r.last} FDI of "
        f"{usd_100m(r.para10_level, 1, 'en')}, "
        f"down {-r.para10_change_pct:g} %. The {r.before_break} base this implies, "
        f"{usd_100m(r.para10_base, 1, 'en')} (= {usd_100m(r.para10_level, 1, 'en')} / {rate:.3f}), "
        f"is not printed; that it "
        f"was measured like the {r.last} figure (after Liaoning's correction) is an assumption "
        f"that nothing in the report or the external data confirms or contradicts. "
        f"On it, FDI fell {-r.para10_change_pct:g} % like for like while China's (MOFCOM, "
        f"external) changed {china['change_pct']:+.1f} %: {r.relative_to_china_pct:.1f} % "
        f"relative to China. The table's {table['change_pct']:.1f} % ({table['previous']:.2f} → "
        f"{table['level']:.2f}) compares two measurements: the series break explains its size; "
        f"it does not show that there was no fall.",
        f"**第10段的降幅。** 第10段给出{r.last}年外商直接投资{r.para10_level:g}亿美元，下降"
        f"{-r.para10_change_pct:g}%。由此推算的{r.before_break}年基数为{r.para10_base:.1f}亿美元"
        f"（= {r.para10_level:g} / {rate:.3f}），报告并未印出；假定它与{r.last}年数据口径相同"
        f"（即辽宁统计修正之后），这一假定在报告和外部数据中既无法证实也无法否定。在此假定下，同口径外商直接投资下降{-r.para10_change_pct:g}%，"
        f"而全国（商务部口径，外部数据）变化{china['change_pct']:+.1f}%：相对全国为"
        f"{r.relative_to_china_pct:.1f}%。表中的{table['change_pct']:.1f}%（{table['previous']:.2f}"
        f" → {table['level']:.2f}）比较的是两种口径：统计口径断点解释了其幅度，但并不表明没有"
        f"下降。")


def _levels(r: FdiResults, lang: str) -> str:
    p = r.plausibility
    words = verdict_words(p, lang)
    return _say(
        lang,
        f"**Levels before the break.** Liaoning's share of China's FDI reached "
        f"{p['share_pct'].max():.1f} % ({p['ratio'].max():.1f} times its share of China's GDP, "
        f"both external, as published). By the FDI rule of thumb: {words}. In {r.last} "
        f"the share is {r.share_after_break_pct:.1f} %; no GDP ratio is computed for it: the "
        f"corrected FDI has no GDP of its vintage in the data (GDP as published is before the "
        f"correction).",
        f"**断点之前的水平。** 辽宁占全国外商直接投资的比重最高达{p['share_pct'].max():.1f}%"
        f"（为其占全国GDP比重的{p['ratio'].max():.1f}倍，均为外部数据、初始公布）。按外商直接投资"
        f"经验法则：{words}。{r.last}年该比重为{r.share_after_break_pct:.1f}%；不计算其与GDP"
        f"比重之比：修正后的外商直接投资在数据中没有同一版本的GDP（初始公布的GDP在修正之前）。")


def _trend(r: FdiResults, lang: str) -> str:
    g, s = r.trend_gap, r.summary
    flagged = year_runs(r.flagged_years)
    grid = specgrid.robustness_words(r.grid, lang)
    where = _say(lang, "below" if g.outside else "inside",
                 "低于95%预测区间下限" if g.outside else "在95%预测区间之内")
    return _say(
        lang,
        f"**Trend, conditional.** Only if the table's levels are taken at face value (the rule "
        f"of thumb flags {flagged}): {r.before_break} was {g.gap_pct:.1f} % against the "
        f"{r.start}-{r.end} log-linear trend, {where} the 95 % prediction interval (PI); p = "
        f"{g.p_value:.3f}, which is the one-year Chow test: one test, not two. Over {s.n} "
        f"specifications (fit windows of six years or more ending 2012-2013, three forms, four "
        f"price bases; the table has one vintage for these years) the gap runs from "
        f"{s.low:.1f} % to {s.high:.1f} %. \"Below the PI\": {grid}.",
        f"**趋势（有条件）。** 仅当按表中水平照单全收时（经验法则标记了{flagged}年）："
        f"{r.before_break}年较{r.start}-{r.end}年对数线性趋势{g.gap_pct:.1f}%，{where}；"
        f"p = {g.p_value:.3f}，即单年 Chow 检验：是一项检验，"
        f"不是两项。在{s.n}个设定中（起止于2012-2013年、至少六年的拟合区间，三种函数形式，四种"
        f"价格基准；这些年份表中只有一个数据版本），差距在{s.low:.1f}%至{s.high:.1f}%之间。"
        f"“低于预测区间”：{grid}。")


def _squared(r: FdiResults, lang: str) -> str:
    sq = r.squared_term
    k = int(((sq["t2_p_value"] < 0.05) & (sq["t2_coef"] < 0)).sum())
    chosen = sq.loc[f"{r.start}-{r.end}"]
    return _say(
        lang,
        f"**Squared term, conditional.** A negative squared term is significant (p < 0.05) in "
        f"{k} of {len(sq)} fit windows (p = {chosen['t2_p_value']:.4f} on {r.start}-{r.end}). "
        f"Read at face value that would mean FDI growth was slowing before {r.before_break}; but "
        f"the curvature may be the growing inflation of these same levels, so no conclusion is "
        f"drawn from it. The log-linear fit's residuals run in blocks (Durbin-Watson "
        f"{r.durbin_watson:.2f}): its intervals are too narrow.",
        f"**二次项（有条件）。** 在{len(sq)}个拟合区间中，有{k}个的负二次项显著（p < 0.05；"
        f"{r.start}-{r.end}年 p = {chosen['t2_p_value']:.4f}）。若照单全收，这意味着"
        f"{r.before_break}年前外商直接投资增长在放缓；但这一弯曲也可能正是这些水平值日益虚高"
        f"所致，因此不据此得出结论。对数线性拟合的残差成段同号（DW 统计量"
        f"{r.durbin_watson:.2f}）：其区间偏窄。")


def _placebo(r: FdiResults, lang: str) -> str:
    pb = r.placebo.set_index("break_year")
    real = pb.loc[r.before_break]
    top_p = int(pb.index[pb["rank_by_p"] == 1][0])
    n = len(pb)
    others_en = ", ".join(f"{y}: {pb.loc[y, 'gap_pct']:.1f} %" for y in pb.index
                          if y != r.before_break)
    others_zh = "，".join(f"{y}年{pb.loc[y, 'gap_pct']:.1f}%" for y in pb.index
                         if y != r.before_break)
    if top_p == r.before_break:
        p_en, p_zh = "and its p is the smallest.", "其 p 值也最小。"
    else:
        p_en = (f"{top_p}'s p ({pb.loc[top_p, 'p_value']:.3f}) is smaller than "
                f"{r.before_break}'s ({real['p_value']:.3f}) only because its fit's residual "
                f"spread is smaller.")
        p_zh = (f"{top_p}年的 p 值（{pb.loc[top_p, 'p_value']:.3f}）小于{r.before_break}年"
                f"（{real['p_value']:.3f}），只是因为其拟合的残差离散度更小。")
    return _say(
        lang,
        f"**Placebo windows, descriptive.** Each year tested like {r.before_break}, against the "
        f"{r.placebo_pre_years} years before it ({n} windows, equal degrees of freedom, gaps and p "
        f"from those same fits): {r.before_break}'s gap ({real['gap_pct']:.1f} %) ranks "
        f"{int(real['rank_by_size'])} of {n} by size ({others_en}); {p_en} {n} windows describe; "
        f"they do not test.",
        f"**安慰剂窗口（仅作描述）。** 每一年都像{r.before_break}年一样，以其前"
        f"{r.placebo_pre_years}年拟合检验（{n}个窗口，自由度相同，差距与 p 值均来自这些拟合）："
        f"{r.before_break}年的差距（{real['gap_pct']:.1f}%）按大小排第{int(real['rank_by_size'])}"
        f"（共{n}个；{others_zh}）；{p_zh}{n}个窗口只能描述，不能构成检验。")


def _multiplicity(r: FdiResults, lang: str) -> str:
    t = r.tests
    raw = " / ".join(f"{p:.4f}" for p in t["p_value"])
    adjusted = " / ".join(f"{p:.4f}" for p in t["p_holm"])
    return _say(
        lang,
        f"**How many tests.** This notebook runs {len(t)} tests ({r.before_break} outside the PI, "
        f"which is the one-year Chow test; the squared term): p = {raw}, Holm-adjusted {adjusted}. "
        f"The placebo windows describe and the grid asks the same question under other choices: "
        f"neither is counted. Both tests rest on the levels the rule of thumb flags.",
        f"**检验次数。** 本节共进行{len(t)}项检验（{r.before_break}年是否在预测区间之外，即单年"
        f"Chow 检验；二次项）：p = {raw}，Holm 校正后为{adjusted}。安慰剂窗口仅作描述，设定网格"
        f"是在其他选择下重复同一问题，均不计入。两项检验都建立在经验法则所标记的水平之上。")


def findings(r: FdiResults, lang: str) -> str:
    """What notebook 04 finds, as Markdown bullets in ``lang``, then what the data can say."""
    bullets = [_para10(r, lang), _levels(r, lang), _trend(r, lang), _squared(r, lang),
               _placebo(r, lang), _multiplicity(r, lang)]
    close = _say(
        lang,
        f"These data can say that, on paragraph 10's figures and the assumption that its implied "
        f"{r.before_break} base is measured like {r.last}, FDI fell {-r.para10_change_pct:g} % "
        f"in {r.last} while China's rose; and that the table's earlier levels are doubtful as "
        f"shares of China's FDI. They cannot measure the {r.last} fall from the table, and what "
        f"they say about the trend before {r.before_break} holds only if those levels are "
        f"believed.",
        f"这些数据能说明：依据第10段的数字，并假定其推算的{r.before_break}年基数与{r.last}年口径"
        f"相同，{r.last}年外商直接投资下降{-r.para10_change_pct:g}%，而全国在增长；表中此前的水平"
        f"作为全国外商直接投资的比重存疑。它们无法用该表衡量{r.last}年的降幅；关于"
        f"{r.before_break}年以前趋势的结论，只有在这些水平可信时才成立。")
    return "\n".join(f"- {b}" for b in bullets) + "\n\n" + close


def headline(r: FdiResults, lang: str) -> str:
    """One or two Markdown bullets on what section III.B.2's reproduction finds about Liaoning."""
    table, china = r.like_for_like.loc["table"], r.like_for_like.loc["china_mofcom"]
    s = r.summary
    p = r.plausibility.loc[r.flagged_years]
    return _say(
        lang,
        f"- FDI fell in {r.last} even like for like: paragraph 10's figures give "
        f"{r.para10_change_pct:g} % (from an implied {r.before_break} base of "
        f"{usd_100m(r.para10_base, 1, 'en')}, assumed comparable) while China's changed "
        f"{china['change_pct']:+.1f} %, {r.relative_to_china_pct:.1f} % relative to China; the "
        f"table's {table['change_pct']:.1f} % mostly reflects the series break.\n"
        f"- The table's {year_runs(r.flagged_years)} levels are doubtful as shares of China's FDI "
        f"({p['ratio'].min():.1f} to {p['ratio'].max():.1f} times Liaoning's GDP share), so its "
        f"trend before {r.end + 1} is conditional on them: {r.before_break} lay "
        f"{-r.trend_gap.gap_pct:.1f} % below it, below the 95 % prediction interval in {s.k} of "
        f"{s.n} specifications.",
        f"- 即使按同口径，{r.last}年外商直接投资仍在下降：第10段的数字给出"
        f"{r.para10_change_pct:g}%（推算的{r.before_break}年基数{r.para10_base:.1f}亿美元，假定口径"
        f"可比），而全国变化{china['change_pct']:+.1f}%，相对全国为{r.relative_to_china_pct:.1f}%；"
        f"表中的{table['change_pct']:.1f}%主要反映统计口径断点。\n"
        f"- 表中{year_runs(r.flagged_years)}年的水平作为全国外商直接投资的比重存疑（为辽宁GDP比重的"
        f"{p['ratio'].min():.1f}至{p['ratio'].max():.1f}倍），因此其{r.end + 1}年以前的"
        f"趋势以这些水平为前提：{r.before_break}年比趋势低{-r.trend_gap.gap_pct:.1f}%，在{s.n}个"
        f"设定中的{s.k}个低于95%预测区间。")


def key_figures(r: FdiResults) -> list[tuple[str, float, str, str]]:
    """The section's key figures as (name, value, unit, label); the trend headline with its
    grid's range and count (`specgrid.key_figures`)."""
    y, b = r.last, r.before_break
    out = [
        (f"fdi_like_for_like_change_{y}_pct", r.para10_change_pct, "percent",
         f"FDI change {b}-{y} on paragraph 10's figures (2014 base implied, assumed comparable)"),
        (f"fdi_like_for_like_base_{b}", r.para10_base, "100 million USD",
         f"FDI {b} implied by paragraph 10 (51.9 / (1 - 0.344)); not printed"),
        (f"fdi_like_for_like_vs_china_{y}_pct", float(r.relative_to_china_pct), "percent",
         f"Paragraph 10's FDI change relative to China's (MOFCOM, external), {y}"),
        (f"fdi_table_change_{y}_pct", float(r.like_for_like.loc["table", "change_pct"]),
         "percent", f"FDI table's change {b}-{y} (across the series break)"),
        ("fdi_tests_run", float(len(r.tests)), "tests", "Tests notebook 04 runs"),
    ]
    out += [(f"liaoning_share_of_china_fdi_{year}_pct", float(row["share_pct"]), "percent",
             f"Liaoning's share of China's FDI, {year} (China: MOFCOM, external)")
            for year, row in r.plausibility.iterrows()]
    out += specgrid.key_figures(
        f"fdi_vs_trend_{b}_pct", r.summary, "percent",
        f"FDI {b} against its pre-{b} trend (conditional on the table's levels)",
        f"{b} lies below the 95 % prediction interval")
    return out
