"""Section charts (analysis.charts) and the helpers behind them, against hand-worked values."""

from __future__ import annotations

import pytest

from analysis import capacity_utilisation, charts, plotting
from analysis import soe_ports_population as spp
from analysis.labels import t


def test_period_span_by_hand():
    assert capacity_utilisation.period_span("2016") == (2016.0, 2017.0)
    assert capacity_utilisation.period_span("2017Q4") == (2017.75, 2018.0)
    assert capacity_utilisation.period_span("2016Q1-Q3") == (2016.0, 2016.75)
    for bad in ("2016Q5", "16Q1", "2017Q3-Q1", "2017H1"):
        with pytest.raises(ValueError, match=bad):
            capacity_utilisation.period_span(bad)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_capacity_chart_draws_periods_as_intervals_and_the_undated_range_aside(lang):
    plotting.use_house_style(lang)
    fig, ax = charts.capacity_chart(lang)
    spans = [capacity_utilisation.period_span(p)
             for p in capacity_utilisation.national_by_period().index]
    last = max(end for _, end in spans)
    segments = [line for line in ax.get_lines() if len(line.get_xdata()) == 2
                and tuple(line.get_xdata()) in spans]
    assert len(segments) == len(spans)  # one segment per period, over its own interval
    styles = {line.get_linestyle() for line in segments}
    assert len(styles) == 2  # derived and published drawn differently
    # Liaoning's undated 70-75 %: one patch, entirely to the right of every dated period
    (band,) = [c for c in ax.collections if c.get_label() == t(
        "capacity_liaoning_range", lang)]
    xs = band.get_paths()[0].vertices[:, 0]
    assert xs.min() > last
    assert t("undated", lang) in [x.get_text() for x in ax.get_xticklabels()]
    assert plotting.plotted_years(fig) == [2016, 2017]
    source = plotting.figure_facts(fig)["source"]
    assert ("external: NBS" if lang == "en" else "外部数据：国家统计局") in source


def test_population_bound_is_the_external_end_2015_population():
    assert spp.population_bound_10k() == 4382.4  # data/external/liaoning_population.csv
    assert spp.POPULATION_YEAR == 2015
