"""The report's tables are in data/ exactly as printed, and their identities hold."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import data
from analysis.provenance import page_of_line, report_path
from analysis.rounding import Interval

TABLES = ["table1_gdp", "table2_industry_structure", "table3_foreign_trade",
          "table_partner_trade", "table_fdi"]
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@pytest.mark.parametrize("name", TABLES)
def test_every_printed_number_matches_the_report_line(name: str):
    """Each CSV value, as text, appears in order on the report line its row names."""
    path = report_path()
    if path is None:
        pytest.skip("the report text (../shared/report) is not beside this checkout")
    lines = path.read_text(encoding="utf-8").splitlines()
    raw = pd.read_csv(data.DataPackage().file_of(name), dtype=str)
    for line_no, grp in raw.groupby("line", sort=False):
        printed = NUMBER.findall(lines[int(line_no) - 1])
        values = list(grp["value"])
        joined = " " + " ".join(printed) + " "
        assert " " + " ".join(values) + " " in joined, (name, line_no, values, printed)


def test_table_shapes_and_a_few_values():
    assert list(data.load("table1_gdp")["gdp"]) == [2222.7, 2484.6, 2721.3, 2862.6, 2866.9,
                                                     2203.7]
    t3 = data.load("table3_foreign_trade")
    assert t3.shape == (10, 7) and list(t3.index) == list(range(2006, 2016))
    fdi = data.load("table_fdi")
    assert fdi.at[2013, "fdi"] == 290.40 and fdi.attrs["decimals"].at[2013, "fdi"] == 2
    assert data.decimals("table3_foreign_trade").at[2014, "imports"] == 1  # printed 552.0
    assert data.load("table_partner_trade").shape == (9, 3)
    assert data.units("table3_foreign_trade")["trade_dependency"] == "percent"


def _within(lhs: Interval, value: float, decimals: int) -> bool:
    return lhs.overlaps(Interval.printed(value, decimals))


def test_table3_identities_within_rounding():
    t3, d = data.load("table3_foreign_trade"), data.decimals("table3_foreign_trade")
    for y in t3.index:
        ex = Interval.printed(t3.at[y, "exports"], d.at[y, "exports"])
        im = Interval.printed(t3.at[y, "imports"], d.at[y, "imports"])
        assert _within(ex + im, t3.at[y, "total_trade"], d.at[y, "total_trade"])
        assert _within(ex - im, t3.at[y, "trade_balance"], d.at[y, "trade_balance"])
        tot = Interval.printed(t3.at[y, "total_trade"], d.at[y, "total_trade"])
        gdp = Interval.printed(t3.at[y, "gdp_usd"], 0)
        assert _within(tot / gdp * 100, t3.at[y, "trade_dependency"], 1)


def test_table2_shares_sum_to_100():
    t2 = data.load("table2_industry_structure")
    assert (t2.sum(axis=1) - 100).abs().max() <= 0.15


def test_fdi_and_partner_identities():
    fdi = data.load("table_fdi")
    dep = 100 * fdi["fdi"] / fdi["gdp_usd"]
    # printed to 2 decimals from GDP rounded to the unit: allow GDP's half-unit too
    tol = 0.005 + 100 * fdi["fdi"] * 0.5 / fdi["gdp_usd"] ** 2
    assert ((dep - fdi["fdi_dependency"]).abs() <= tol + 1e-9).all()
    pt = data.load("table_partner_trade")
    assert ((pt["exports"] + pt["imports"] - pt["total_trade"]).abs() <= 0.015 + 1e-9).all()


def test_fdi_table_gdp_row_equals_table3_gdp_row():
    assert data.load("table_fdi")["gdp_usd"].equals(data.load("table3_foreign_trade")["gdp_usd"])


def test_external_series_are_labelled_external():
    for name in data.names():
        src = data.DataPackage().resource(name)["x-source"]
        is_external = data.DataPackage().resource(name)["path"].startswith("external/")
        assert src["external"] is is_external, name
        if is_external:
            assert src["vintage"] and src["provider"]


def test_external_copies_equal_shared_originals():
    path = report_path()
    if path is None:
        pytest.skip("../shared is not beside this checkout")
    shared_external = path.parents[1] / "external"
    for name in data.names():
        res = data.DataPackage().resource(name)
        if res["path"].startswith("external/") and res["x-source"]["copied_from"]:
            ours = (data.DataPackage().base / res["path"]).read_bytes()
            assert ours == (shared_external / res["path"].split("/", 1)[1]).read_bytes(), name


def test_page_of_line():
    assert page_of_line(1) == 7 and page_of_line(69) == 7 and page_of_line(71) == 8
    assert page_of_line(445) == 20  # Table 3
    assert page_of_line(1168) == 35 and page_of_line(1214) == 37 and page_of_line(1300) == 38
    with pytest.raises(ValueError):
        page_of_line(0)


def test_table_pages_agree_with_their_lines():
    for name in TABLES:
        src = data.source(name)
        assert page_of_line(src["lines"][0]) == src["page"], name


def test_loaded_frames_concatenate_and_keep_their_decimals():
    a, b = data.load("table3_foreign_trade"), data.load("table_fdi")
    both = pd.concat([a[["exports"]], b[["fdi"]]], axis=1)
    assert both.shape == (10, 2)
    assert pd.concat([a, a]).shape == (20, 7)  # equal attrs compare as one bool
    dec = a.attrs["decimals"]
    assert dec.at[2013, "exports"] == 1 and list(dec["imports"])[8] == 1
    assert isinstance(data.decimals("table_fdi"), pd.DataFrame)


def test_read_only_is_the_loaded_frame_itself_and_load_a_copy_of_it():
    """Lookups (the claims register, `fact`, `units`) read the frame once loaded, uncopied; a
    `load` is a copy of it, with the same values and attrs, safe to modify."""
    from analysis import data, datareads

    shared = data.read_only("table1_gdp")
    assert data.read_only("table1_gdp") is shared
    copy = data.load("table1_gdp")
    assert copy is not shared and copy.equals(shared)
    assert copy.attrs["source"] == shared.attrs["source"]
    copy.iloc[0, 0] = -1.0
    assert data.read_only("table1_gdp").iloc[0, 0] != -1.0
    assert any(p.endswith("table1_gdp.csv") for p in datareads.reads())  # the read is recorded
