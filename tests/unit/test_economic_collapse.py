"""Notebook 01's results, findings, headline and key figures (analysis.economic_collapse)."""

import pytest

from analysis import economic_collapse, structural_shift


@pytest.fixture(scope="module")
def results():
    return economic_collapse.results(2013, 2017, 2015)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_headline_is_two_bullets_with_the_grids_numbers(results, lang):
    head = economic_collapse.headline(results, lang)
    lines = head.split("\n")
    assert len(lines) == 2 and all(line.startswith("- ") for line in lines)
    assert "23" in head and "94" in head and "110" in head and "8" in head
    assert "3.3" in head and "6.0" in head and "5.3" in head
    if lang == "en":
        assert "series break, not a collapse" in head and "2015 and 2017" in head
    else:
        assert "序列断点而非崩溃" in head and "2015、2017" in head
        assert "series" not in head


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_cover_split_peers_revisions_and_revenue(results, lang):
    text = economic_collapse.findings(results, lang)
    assert text.count("\n- ") == 3  # four bullets
    for number in ("-23.8", "-22.1", "13", "28", "29.5", "33.4", "-1.7"):
        assert number in text


def test_every_key_figure_has_a_unit_and_a_label_a_reader_understands(results):
    entries = economic_collapse.key_figures(results)
    entries += structural_shift.key_figures(structural_shift.sector_contributions(),
                                            structural_shift.shares_at_base_prices(), 0.7)
    assert len({name for name, *_ in entries}) == len(entries)
    for name, _value, unit, label in entries:
        assert unit and len(label) > 20 and "_" not in label, name
    names = [name for name, *_ in entries]
    # the names the reports index has followed since the first version stay the same
    assert "fall_2016_rebasing_revised_pct" in names and "nominal_gdp_growth_2016_pct" in names
