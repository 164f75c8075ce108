"""Notebook 03/04 figures: titles that say what is drawn, year labels that never run together
(issue 20: "20062007..." in the China panel), no text over another."""

import matplotlib.pyplot as plt
import pytest
from textboxes import text_problems

from analysis import benchmarks, data, fdi_drop, trade_charts, trade_collapse, trend
from analysis.plotting import title_of, use_house_style
from analysis.trendplot import year_ticks


def _figures(lang):
    t3 = data.load("table3_foreign_trade")
    fdi = data.load("table_fdi")
    china = benchmarks.china_trade()
    falls = trade_collapse.fall_decomposition(t3)
    share = benchmarks.share_of_china(benchmarks.liaoning_trade_nbs()["total_trade"],
                                      china["total_trade"])
    fit = trend.fit_log_linear_trend(fdi["fdi"], 2006, 2013)
    yield trade_charts.benchmark_trend_chart(t3["total_trade"], china["total_trade"], 2006, 2013,
                                             lang=lang)[0]
    yield trade_charts.contributions_chart(falls, lang=lang, source="source")[0]
    yield trade_charts.share_chart(share, 2015, lang=lang)[0]
    yield trade_charts.nominal_real_chart(t3["total_trade"], t3["total_trade"] * 0.9, 2013,
                                          lang=lang)[0]
    yield trade_charts.composition_chart(trade_collapse.composition(), lang=lang)[0]
    yield fdi_drop.fdi_trend_chart(fdi["fdi"], fit, 2014, lang=lang)[0]
    yield fdi_drop.share_of_china_chart(benchmarks.fdi_share_of_china(fdi["fdi"].loc[:2014]),
                                        2014, lang=lang)[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_titles_say_what_is_drawn_and_no_label_runs_into_another(lang):
    use_house_style(lang)
    titles = []
    for fig in _figures(lang):
        titles.append(title_of(fig))
        problems = text_problems(fig)
        assert not problems, (title_of(fig), problems)
        plt.close(fig)
    placeholders = {"FDI: Actual / Trend", "Contribution to growth: Total trade",
                    "外商直接投资：实际值 / 趋势", "对增长的贡献：进出口总额"}
    assert not placeholders & set(titles)
    assert titles[1] == ("Export and import contributions to total-trade growth, 2007-2015"
                         if lang == "en" else "2007-2015年出口与进口对进出口总额增长的贡献")


def test_year_ticks_thin_labels_on_a_narrow_panel():
    use_house_style("en")
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    years = list(range(2006, 2018))
    year_ticks(axes[1], years)
    labels = [x.get_text() for x in axes[1].get_xticklabels()]
    assert len(axes[1].get_xticks()) == 12  # a tick every year
    assert labels[0] == "2006" and "" in labels  # but not every year labelled
    fig2, ax2 = plt.subplots(figsize=(12, 4))
    year_ticks(ax2, years)
    assert "" not in [x.get_text() for x in ax2.get_xticklabels()]  # wide enough for all
    plt.close(fig)
    plt.close(fig2)
