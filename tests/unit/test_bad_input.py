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
    assert "column 'value'" in msg and "non-negative" in msg and "-51.85" in msg


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
    assert "minimum" in msg


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
