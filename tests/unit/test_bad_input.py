"""The bad-input catalogue: each broken file gives a DataError naming file, row, column, rule."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis.data import DataError, DataPackage


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a data file (asserting the text was there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def load_error(dp: Path, name: str) -> str:
    with pytest.raises(DataError) as info:
        DataPackage(dp).load(name)
    return str(info.value)


T3 = "report/table3_foreign_trade.csv"
T2 = "report/table2_industry_structure.csv"


def test_truncated_csv_names_the_row_and_missing_cells(data_copy: Path):
    f = data_copy.parent / T3
    text = f.read_text(encoding="utf-8")
    f.write_text(text[: text.index("exports,2009,334.4") + len("exports,2009,33")], "utf-8")
    msg = load_error(data_copy, "table3_foreign_trade")
    assert "data/report/table3_foreign_trade.csv, row 5, column 'unit'" in msg
    assert "missing-cell" in msg


def test_malformed_csv_with_an_extra_cell(data_copy: Path):
    edit(data_copy.parent / T3, "exports,2007,353.3,100 million USD,445",
         "exports,2007,353.3,100 million USD,445,oops")
    msg = load_error(data_copy, "table3_foreign_trade")
    assert "row 3" in msg and "extra-cell" in msg


def test_missing_column(data_copy: Path):
    f = data_copy.parent / "report/table1_gdp.csv"
    lines = f.read_text("utf-8").splitlines()
    f.write_text("\n".join(",".join(ln.split(",")[:4]) for ln in lines) + "\n", "utf-8")
    msg = load_error(data_copy, "table1_gdp")
    assert "data/report/table1_gdp.csv" in msg
    assert "column 'line'" in msg and "missing-label" in msg


def test_renamed_column(data_copy: Path):
    edit(data_copy.parent / "report/table1_gdp.csv", "series,year,value,unit",
         "series,year,amount,unit")
    msg = load_error(data_copy, "table1_gdp")
    assert "column 'value'" in msg and "incorrect-label" in msg
    assert '"amount"' in msg


def test_non_numeric_cell(data_copy: Path):
    edit(data_copy.parent / T3, "imports,2012,460.4", "imports,2012,46O.4")
    msg = load_error(data_copy, "table3_foreign_trade")
    assert re.search(r"table3_foreign_trade\.csv, row \d+, column 'value'", msg)
    assert "type-error" in msg and "46O.4" in msg


def test_duplicated_year(data_copy: Path):
    edit(data_copy.parent / "report/table_fdi.csv", "fdi,2008,120.19", "fdi,2007,120.19")
    msg = load_error(data_copy, "table_fdi")
    assert "primary-key" in msg and "row 4" in msg


def test_missing_year(data_copy: Path):
    f = data_copy.parent / "report/table1_gdp.csv"
    f.write_text("".join(ln for ln in f.read_text("utf-8").splitlines(keepends=True)
                         if ",2013," not in ln), "utf-8")
    msg = load_error(data_copy, "table1_gdp")
    assert "column 'year'" in msg and "every year present" in msg and "2013" in msg


def test_shares_not_summing_to_100(data_copy: Path):
    edit(data_copy.parent / T2, "tertiary_share,2013,40.6", "tertiary_share,2013,40.9")
    msg = load_error(data_copy, "table2_industry_structure")
    assert "primary_share + secondary_share + tertiary_share = 100" in msg
    assert "2013: shares sum to 100.3" in msg and "row 10" in msg


def test_share_sum_within_rounding_is_accepted(data_copy: Path):
    # 8.1 + 51.3 + 40.65 -> printed 40.7 sums to 100.1: within three half-tenths (0.15).
    edit(data_copy.parent / T2, "tertiary_share,2013,40.6", "tertiary_share,2013,40.7")
    df = DataPackage(data_copy).load("table2_industry_structure")
    assert df.loc[2013].sum() == pytest.approx(100.1)


def test_negative_value(data_copy: Path):
    edit(data_copy.parent / "report/table_fdi.csv", "fdi,2015,51.85", "fdi,2015,-51.85")
    msg = load_error(data_copy, "table_fdi")
    assert "table_fdi.csv, row 11, column 'value'" in msg
    assert "rule 'within plausible bounds'" in msg and "-51.85 is below the minimum 40" in msg


def test_unit_disagreeing_with_metadata(data_copy: Path):
    edit(data_copy.parent / T3, "exports,2010,431.2,100 million USD",
         "exports,2010,431.2,100 million yuan")
    msg = load_error(data_copy, "table3_foreign_trade")
    assert "row 6, column 'unit'" in msg and "unit agrees with metadata" in msg


def test_missing_data_file(data_copy: Path):
    (data_copy.parent / "report/table_fdi.csv").unlink()
    msg = load_error(data_copy, "table_fdi")
    assert "data/report/table_fdi.csv" in msg and "file exists" in msg


def test_total_not_exports_plus_imports(data_copy: Path):
    edit(data_copy.parent / T3, "total_trade,2011,959.6", "total_trade,2011,995.6")
    msg = load_error(data_copy, "table3_foreign_trade")
    assert "exports + imports = total_trade" in msg and "2011" in msg


def test_dependency_not_trade_over_gdp(data_copy: Path):
    edit(data_copy.parent / "report/table_fdi.csv", "fdi_dependency,2012,6.81",
         "fdi_dependency,2012,6.18")
    msg = load_error(data_copy, "table_fdi")
    assert "fdi_dependency = 100 * fdi / gdp_usd" in msg and "2012" in msg


def test_partner_total_not_exports_plus_imports(data_copy: Path):
    edit(data_copy.parent / "report/table_partner_trade.csv", "russia,total_trade,2016,215.02",
         "russia,total_trade,2016,251.02")
    msg = load_error(data_copy, "table_partner_trade")
    assert "russia/2016" in msg and "exports + imports = total_trade" in msg


def test_unknown_series_name(data_copy: Path):
    edit(data_copy.parent / T3, "imports,2006", "import,2006")
    msg = load_error(data_copy, "table3_foreign_trade")
    assert "column 'series'" in msg and "constraint-error" in msg


def test_external_series_constraint(data_copy: Path):
    edit(data_copy.parent / "external/cny_usd_annual_average.csv", "2015,6.2285", "2015,-6.2285")
    msg = load_error(data_copy, "cny_usd")
    assert "data/external/cny_usd_annual_average.csv, row 11, column 'cny_per_usd'" in msg
    assert "rule 'within plausible bounds'" in msg and "below the minimum 5" in msg


def test_malformed_descriptor(data_copy: Path):
    data_copy.write_text(data_copy.read_text("utf-8")[:-20], "utf-8")
    with pytest.raises(DataError, match=r"datapackage\.json.*valid JSON"):
        DataPackage(data_copy)


def test_descriptor_unit_change_is_caught(data_copy: Path):
    dp = json.loads(data_copy.read_text("utf-8"))
    res = next(r for r in dp["resources"] if r["name"] == "table1_gdp")
    res["x-series"]["gdp"]["unit"] = "100 million yuan"
    data_copy.write_text(json.dumps(dp, ensure_ascii=False), "utf-8")
    msg = load_error(data_copy, "table1_gdp")
    assert "'billion yuan'" in msg and "unit agrees with metadata" in msg


def test_validate_cli_reports_without_traceback(data_copy: Path, capsys: pytest.CaptureFixture):
    from analysis.validate import main

    edit(data_copy.parent / T3, "imports,2012,460.4", "imports,2012,x")
    assert main([str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "FAIL table3_foreign_trade" in err and "Traceback" not in err
    assert err.count("FAIL") == 1  # the other resources are fine


def test_a_build_checks_each_file_once_but_never_trusts_a_changed_one(data_copy, tmp_path,
                                                                       monkeypatch):
    from analysis.provenance import VALIDATED_ENV

    stamps = tmp_path / "validated"
    monkeypatch.setenv(VALIDATED_ENV, str(stamps))
    DataPackage(data_copy).load("table3_foreign_trade")
    assert len(list(stamps.iterdir())) == 1  # passed: recorded for the other notebooks
    DataPackage(data_copy).load("table3_foreign_trade")
    assert len(list(stamps.iterdir())) == 1  # same bytes, same schema: not checked again
    f = data_copy.parent / T3
    f.write_text(f.read_text(encoding="utf-8").replace("exports,2009,334.4", "exports,2009,x"),
                 encoding="utf-8")
    msg = load_error(data_copy, "table3_foreign_trade")  # the stamp of the old bytes is no pass
    assert "column 'value'" in msg and "type-error" in msg
    assert len(list(stamps.iterdir())) == 1  # and a failure is never recorded


# --- Issue 14: validation that knows what a number can be -----------------------------------

T1 = "report/table1_gdp.csv"
POP = "external/liaoning_population.csv"


@pytest.mark.parametrize("text", ["inf", "-inf", "NaN", "nan", "Infinity"])
def test_a_number_that_is_not_finite_is_refused(data_copy: Path, text: str):
    # before: inf or NaN in Table 1 passed validation and reached a report (GDP inf, growth -100 %)
    edit(data_copy.parent / T1, "gdp,2013,2721.3", f"gdp,2013,{text}")
    msg = load_error(data_copy, "table1_gdp")
    assert "data/report/table1_gdp.csv, row 4, column 'value'" in msg
    assert "rule 'finite number'" in msg and f"'{text}' is not a finite number" in msg


@pytest.mark.parametrize("text", ["48.7e1", "2.7213E3", "+2721.3", " 2721.3", "2_721.3"])
def test_a_number_not_written_as_the_report_prints_it_is_refused(data_copy: Path, text: str):
    # before: 48.7e1 passed (frictionless reads it as 487); the report prints plain decimals
    edit(data_copy.parent / T1, "gdp,2013,2721.3", f"gdp,2013,{text}")
    msg = load_error(data_copy, "table1_gdp")
    assert "data/report/table1_gdp.csv, row 4, column 'value'" in msg
    assert "rule 'plain decimal as printed'" in msg and repr(text) in msg


def test_an_exponent_in_an_external_wide_file_is_refused(data_copy: Path):
    edit(data_copy.parent / POP, "2015,4382.4", "2015,4.3824e3")
    msg = load_error(data_copy, "liaoning_population")
    assert "liaoning_population.csv, row 3, column 'resident_population_10k'" in msg
    assert "plain decimal as printed" in msg


def test_population_times_ten_is_refused(data_copy: Path):
    # before: population x10 passed and turned two "implausible" verdicts into "consistent"
    edit(data_copy.parent / POP, "2015,4382.4", "2015,43824.0")
    msg = load_error(data_copy, "liaoning_population")
    assert "data/external/liaoning_population.csv, row 3, column 'resident_population_10k'" in msg
    assert "rule 'within plausible bounds'" in msg and "43824.0 is above the maximum 6000" in msg
    assert "factor-10 slip" in msg  # the bound's reason is part of the message


def test_table1_times_ten_is_refused_row_by_row(data_copy: Path):
    # before: Table 1 has no identity, so a whole series x10 was published
    f = data_copy.parent / T1
    lines = f.read_text("utf-8").splitlines()
    scaled = [lines[0]] + [",".join([c[0], c[1], f"{float(c[2]) * 10:.1f}", *c[3:]])
                           for c in (ln.split(",") for ln in lines[1:])]
    f.write_text("\n".join(scaled) + "\n", "utf-8")
    msg = load_error(data_copy, "table1_gdp")
    assert msg.startswith("6 data problems:")
    assert "table1_gdp.csv, row 2, column 'value': rule 'within plausible bounds'" in msg
    assert "series 'gdp': 22227.0 is above the maximum 5000" in msg


@pytest.mark.parametrize(("new", "side"), [
    ("640", "above the maximum 100"), ("6.40", "below the minimum 20")])
def test_a_row_no_identity_checks_is_bounded(data_copy: Path, new: str, side: str):
    edit(data_copy.parent / T3, "trade_dependency_china,2006,64.0",
         f"trade_dependency_china,2006,{new}")
    msg = load_error(data_copy, "table3_foreign_trade")
    assert re.search(r"table3_foreign_trade\.csv, row \d+, column 'value': "
                     r"rule 'within plausible bounds'", msg)
    assert "series 'trade_dependency_china'" in msg and side in msg


def test_a_share_above_100_is_refused(data_copy: Path):
    edit(data_copy.parent / "external/china_gdp_structure_2015_2017.csv", "2016,39.88",
         "2016,398.8")
    msg = load_error(data_copy, "china_gdp_structure")
    assert "china_gdp_structure_2015_2017.csv, row 3, column 'secondary_pct'" in msg
    assert "within plausible bounds" in msg and "above the maximum 80" in msg


def test_a_table2_share_above_100_is_refused_before_the_sum(data_copy: Path):
    edit(data_copy.parent / T2, "secondary_share,2011,54.7", "secondary_share,2011,547")
    msg = load_error(data_copy, "table2_industry_structure")
    assert "row 3, column 'value': rule 'within plausible bounds'" in msg
    assert "series 'secondary_share': 547 is above the maximum 100" in msg


def test_a_percent_fact_above_100_is_refused(data_copy: Path):
    edit(data_copy.parent / "report/facts.csv", "GDP总额的46.2%,46.2,percent",
         "GDP总额的46.2%,462,percent")
    msg = load_error(data_copy, "facts")
    assert "data/report/facts.csv, row 2, column 'value': rule 'within plausible bounds'" in msg
    assert "fact 'tertiary_share_2015' (percent): 462 is above the maximum 100" in msg


@pytest.mark.parametrize("year", ["2006", "2017"])
def test_a_missing_first_or_last_year_fails_validate(data_copy: Path, year: str,
                                                     capsys: pytest.CaptureFixture):
    # before: the gap check only looked between the first and last year present
    from analysis.validate import main

    f = data_copy.parent / "external/brent_usd_per_bbl_annual_eia.csv"
    f.write_bytes(b"".join(ln for ln in f.read_bytes().splitlines(keepends=True)
                           if not ln.startswith(year.encode())))
    msg = load_error(data_copy, "brent")
    assert "brent_usd_per_bbl_annual_eia.csv, column 'year'" in msg
    assert f"rule 'every year present' broken: missing year(s) {year} of the expected span " \
           "2006-2017" in msg
    assert main([str(data_copy)]) == 1
    assert "FAIL brent" in capsys.readouterr().err


def test_a_missing_first_year_of_a_report_table_fails_validate(data_copy: Path):
    from analysis.validate import main

    f = data_copy.parent / T1
    f.write_text("".join(ln for ln in f.read_text("utf-8").splitlines(keepends=True)
                         if ",2011," not in ln), "utf-8")
    assert "column 'year'" in load_error(data_copy, "table1_gdp")
    assert main([str(data_copy)]) == 1


@pytest.mark.parametrize(("sep", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_another_delimiter_is_named_plainly(data_copy: Path, sep: str, name: str,
                                            capsys: pytest.CaptureFixture):
    # before: frictionless sniffed the ';' and pandas then died with a traceback naming no file
    from analysis.validate import main

    f = data_copy.parent / T1
    f.write_text(f.read_text("utf-8").replace(",", sep), "utf-8")
    msg = load_error(data_copy, "table1_gdp")
    assert ("data/report/table1_gdp.csv, row 1: rule 'comma-separated UTF-8' broken: "
            f"expected comma-separated UTF-8: the row is separated by {name}") in msg
    assert main([str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "expected comma-separated UTF-8" in err and "Traceback" not in err


def test_one_semicolon_row_is_named(data_copy: Path):
    edit(data_copy.parent / T1, "gdp,2014,2862.6,billion yuan,327",
         "gdp;2014;2862.6;billion yuan;327")
    msg = load_error(data_copy, "table1_gdp")
    assert "table1_gdp.csv, row 5: rule 'comma-separated UTF-8'" in msg and "semicolons" in msg


def test_another_encoding_is_named_plainly(data_copy: Path):
    # a GBK-encoded facts file: the first Chinese character is in row 2, column 'quote'
    f = data_copy.parent / "report/facts.csv"
    f.write_bytes(f.read_text("utf-8").encode("gbk"))
    msg = load_error(data_copy, "facts")
    assert ("data/report/facts.csv, row 2, column 'quote': rule 'comma-separated UTF-8' "
            "broken: expected comma-separated UTF-8: byte 0x") in msg
    assert "is not UTF-8" in msg


def test_a_byte_order_mark_is_named(data_copy: Path):
    f = data_copy.parent / T1
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    msg = load_error(data_copy, "table1_gdp")
    assert "table1_gdp.csv, row 1: rule 'comma-separated UTF-8'" in msg
    assert "byte-order mark" in msg


def test_windows_line_ends_are_accepted(data_copy: Path):
    f = data_copy.parent / T1
    f.write_bytes(f.read_bytes().replace(b"\n", b"\r\n"))
    assert list(DataPackage(data_copy).load("table1_gdp")["gdp"])[0] == 2222.7


@pytest.mark.parametrize("stray", ["report/table4_extra.csv", "scratch.csv", "external/notes.txt"])
def test_a_file_the_package_does_not_describe_is_refused(data_copy: Path, stray: str,
                                                        capsys: pytest.CaptureFixture):
    # before: a data file missing from datapackage.json was not flagged
    from analysis.validate import main

    (data_copy.parent / stray).write_text("year,value\n2015,1.0\n", "utf-8")
    msg = load_error(data_copy, "table1_gdp")  # the loader refuses while it is there
    assert f"data/{stray}: rule 'described in the Data Package' broken" in msg
    assert main([str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert err.count(f"data/{stray}") == 1  # reported once, not once per resource
    assert "FAIL (data folder)" in err and "FAIL table1_gdp" not in err


def test_hidden_files_in_data_are_not_data(data_copy: Path):
    (data_copy.parent / ".DS_Store").write_bytes(b"\x00")
    (data_copy.parent / ".ipynb_checkpoints").mkdir()
    (data_copy.parent / ".ipynb_checkpoints/x.csv").write_text("a\n", "utf-8")
    assert len(DataPackage(data_copy).load("table1_gdp")) == 6


def test_the_same_error_reads_the_same_wherever_it_is_raised(tmp_path: Path, record_passes: Path):
    # the build can print a data error once: two checkouts, two loads, one text
    import shutil

    from analysis.provenance import DATA_DIR
    from analysis.validate import failures

    msgs = []
    for where in ("a", "b"):
        dst = tmp_path / where / "data"
        shutil.copytree(DATA_DIR, dst)
        edit(dst / T1, "gdp,2013,2721.3", "gdp,2013,inf")
        msgs.append(load_error(dst / "datapackage.json", "table1_gdp"))
        msgs.append(str(failures(DataPackage(dst / "datapackage.json"))["table1_gdp"]))
    assert len(set(msgs)) == 1 and str(tmp_path) not in msgs[0]


# --- the Data Package itself: every number has bounds with a reason ---------------------------

def _package() -> dict:
    return DataPackage().descriptor


def test_every_numeric_field_has_bounds_and_a_reason():
    for res in _package()["resources"]:
        for f in res["schema"]["fields"]:
            if f["type"] in ("number", "integer"):
                c = f["constraints"]
                assert c["minimum"] < c["maximum"], (res["name"], f["name"])
                assert len(f["x-bounds-reason"]) > 20, (res["name"], f["name"])
        for s, meta in res.get("x-series", {}).items():
            assert meta["minimum"] < meta["maximum"] and meta["bounds_reason"], (res["name"], s)


def test_long_tables_value_bounds_are_the_hull_of_their_series_bounds():
    for res in _package()["resources"]:
        if "x-series" in res:
            c = next(f for f in res["schema"]["fields"] if f["name"] == "value")["constraints"]
            assert c["minimum"] == min(m["minimum"] for m in res["x-series"].values())
            assert c["maximum"] == max(m["maximum"] for m in res["x-series"].values())


def test_every_yearly_resource_states_its_expected_span():
    for res in _package()["resources"]:
        year = next((f for f in res["schema"]["fields"] if f["name"] == "year"), None)
        if year is not None:
            c = year["constraints"]
            assert res["x-years"] == [c["minimum"], c["maximum"]], res["name"]


def test_shares_lie_within_0_and_100():
    shares = [("table2_industry_structure", s) for s in
              ("primary_share", "secondary_share", "tertiary_share")]
    shares += [("table3_foreign_trade", "trade_dependency"),
               ("table3_foreign_trade", "trade_dependency_china"), ("table_fdi", "fdi_dependency")]
    pkg = DataPackage()
    for name, s in shares:
        meta = pkg.resource(name)["x-series"][s]
        assert 0 <= meta["minimum"] and meta["maximum"] <= 100, (name, s)
    for name, col in [("china_gdp_structure", "secondary_pct"),
                      ("china_gdp_structure", "tertiary_pct"),
                      ("china_capacity_utilisation", "industrial_capacity_utilisation_pct")]:
        c = next(f for f in pkg.resource(name)["schema"]["fields"] if f["name"] == col)
        assert 0 <= c["constraints"]["minimum"] and c["constraints"]["maximum"] <= 100
    assert pkg.resource("facts")["x-unit-bounds"]["percent"]["maximum"] == 100


# Rates of change with values below 1 in size: x10 of such a value stays plausible.
RATES = {"china_gdp_deflator", "liaoning_real_growth_revised"}


def test_a_factor_10_slip_is_caught_by_bounds_or_an_identity():
    """Each value x10 leaves its bounds, and /10 too for levels (lower bound above 0), unless an
    identity checks the series; the only exceptions are the rates listed above."""
    from analysis import data

    pkg = DataPackage()
    unguarded = set()
    for name in pkg.names():
        res = pkg.resource(name)
        if name == "facts" or not any(f["type"] == "number" for f in res["schema"]["fields"]):
            continue  # facts: many units, bounded per unit; a slip is a claims-audit finding
        df = data.load(name)
        if "x-series" in res:
            checked = set()
            for ident in res.get("x-identities", []):
                checked |= {v for k, v in ident.items() if k != "rule" and isinstance(v, str)}
                checked |= set(ident.get("parts", []))
            bounds = {s: (m["minimum"], m["maximum"]) for s, m in res["x-series"].items()
                      if s not in checked}
        else:
            bounds = {f["name"]: (f["constraints"]["minimum"], f["constraints"]["maximum"])
                      for f in res["schema"]["fields"] if f["type"] == "number"}
        for col, (lo, hi) in bounds.items():
            v = df[col]
            times_10 = ((10 * v > hi) | (10 * v < lo)).all()
            divided = lo <= 0 or (v / 10 < lo).all()
            if not (times_10 and divided):
                unguarded.add(name)
    assert unguarded == RATES


def test_an_empty_file_is_named(data_copy: Path):
    (data_copy.parent / POP).write_bytes(b"")
    msg = load_error(data_copy, "liaoning_population")
    assert "data/external/liaoning_population.csv: rule 'comma-separated UTF-8'" in msg
    assert "the file is empty" in msg


@pytest.mark.parametrize(("name", "path", "header"), [
    ("table1_gdp", T1, "series,year,value,unit,line\n"),
    ("brent", "external/brent_usd_per_bbl_annual_eia.csv", "year,value\r\n")])
def test_a_header_without_rows_misses_every_year(data_copy: Path, name: str, path: str,
                                                 header: str):
    (data_copy.parent / path).write_text(header, "utf-8")
    msg = load_error(data_copy, name)
    assert f"data/{path}, column 'year': rule 'every year present'" in msg
    assert "missing year(s) 20" in msg


def test_a_whole_series_missing_from_a_long_table_is_named(data_copy: Path):
    f = data_copy.parent / T3
    f.write_text("".join(ln for ln in f.read_text("utf-8").splitlines(keepends=True)
                         if not ln.startswith("trade_dependency_china,")), "utf-8")
    msg = load_error(data_copy, "table3_foreign_trade")
    assert ("table3_foreign_trade.csv, column 'year': rule 'every year present' broken: "
            "trade_dependency_china: missing year(s) 2006, 2007") in msg


def test_a_build_can_validate_once_before_any_notebook(data_copy, tmp_path, monkeypatch):
    # what the build should do: validate up front (stamps for the kernels), print one text
    from analysis.provenance import VALIDATED_ENV
    from analysis.validate import describe, failures

    stamps = tmp_path / "validated"
    monkeypatch.setenv(VALIDATED_ENV, str(stamps))
    pkg = DataPackage(data_copy)
    assert failures(pkg) == {}
    assert len(list(stamps.iterdir())) == len(pkg.names())  # every kernel skips frictionless
    edit(data_copy.parent / POP, "2015,4382.4", "2015,43824.0")
    (data_copy.parent / "scratch.csv").write_text("a\n", "utf-8")
    text = describe(failures(DataPackage(data_copy)))
    assert text.startswith("FAIL (data folder)\n1 data problem:\n  data/scratch.csv: rule")
    assert "FAIL liaoning_population\n1 data problem:\n  data/external/liaoning_population.csv, "\
           "row 3, column 'resident_population_10k': rule 'within plausible bounds'" in text
    assert text.count("FAIL") == 2
