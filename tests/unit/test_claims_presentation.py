"""The audit's presentation: Markdown built only from escaped text, both languages, one FDI rule."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import claims, labels, plausibility

HOSTILE = '<script>alert(1)</script> [click](http://x.example) *bold* _it_ `code` $x$ 「引」'


@pytest.fixture(scope="module")
def result(claims_audit: pd.DataFrame) -> pd.DataFrame:
    return claims_audit.copy()


def test_md_escapes_html_and_markdown_syntax():
    out = claims.md(HOSTILE)
    assert "<script>" not in out and r"\<script\>" in out  # analysis.markup.literal
    for raw in ("[click]", "*bold*", "_it_", "`code`", "$x$"):
        assert raw not in out, raw
    assert r"\[click\]" in out and r"\*bold\*" in out  # no link can open, no emphasis
    assert "「引」" in out  # Chinese text untouched
    assert claims.md(None) == "" and claims.md("a\nb") == "a b"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_and_summary_escape_every_register_field(result, lang):
    hostile = result.copy()
    first = hostile.index[hostile["verdict"] == "contradicted"][0]
    for col in ("quote", "note", "id", "section", "unit"):
        hostile.loc[first, col] = HOSTILE
    hostile.loc[first, "severity"] = "conclusion"
    hostile.loc[first, "note"] = "Changes a conclusion of the report: " + HOSTILE
    for text in (claims.findings_markdown(hostile, lang), claims.summary_markdown(hostile, lang)):
        assert "<script>" not in text and "[click]" not in text, lang  # `[` escaped: no link
        assert not re.search(r"(?<!\\)\*bold(?<!\\)\*", text)


def test_both_languages_speak_their_own(result):
    en, zh = claims.summary_markdown(result, "en"), claims.summary_markdown(result, "zh")
    assert en.startswith("**The reproduction** checks") and "not contradicted" in en
    assert zh.startswith("**本复现**核查了") and "未被否定" in zh and "存疑" in zh
    assert not re.search(r"\b(holds|contradicted|doubtful|findings)\b", zh)
    fz = claims.findings_markdown(result, "zh")
    assert "与证据矛盾" in fz and "Likely cause" not in fz
    for lang in ("en", "zh"):
        shown = claims.labelled(result, lang)[claims.COLUMN_LABELS[lang]["verdict"]]
        assert set(shown) <= set(claims.VERDICT_LABELS[lang].values())
    # the shared words agree with analysis.labels (notebook 04's tables)
    for key in ("doubtful", "implausible", "not_contradicted"):
        assert claims.VERDICT_LABELS["zh"][key] == labels.t(key, "zh")


def test_counts_keep_holds_and_not_contradicted_apart(result):
    n = claims.verdict_counts(result)
    assert list(n.index) == list(claims.VERDICTS) and n.sum() == len(result)
    ev = claims.evidence_counts(result)
    assert ev.loc["holds"].sum() == ev.loc["holds", "value"] == n["holds"]
    sev = claims.severity_counts(result)
    assert sev.sum() == len(claims.findings(result))
    rc = claims.reason_counts(result)
    assert rc["claims"].sum() == n["unverifiable"]


def test_the_audit_and_notebook_04_say_the_same_about_fdi(result):
    from analysis import benchmarks, data

    table = claims.fdi_plausibility(result)
    assert (table["verdict"] == table["audit_verdict"]).all()
    nb04 = benchmarks.fdi_share_of_china(data.load("table_fdi")["fdi"])
    assert nb04["verdict"].equals(table["verdict"])
    words = plausibility.fdi_plausibility_words(table, "en")
    assert words.startswith("doubtful in 2010-2014 (4.4-5.4 times the GDP share)")
    summary = claims.summary_markdown(result, "en")
    assert claims.md(words) in summary


def _words(table: pd.DataFrame) -> list[str]:
    """Every label a reader sees on a table: its axes' names, row and column labels, cells."""
    out = [str(x) for x in (table.index.name, table.columns.name) if x is not None]
    out += [str(x) for x in table.index] + [str(x) for x in table.columns]
    return out + [str(x) for x in table.to_numpy().ravel() if isinstance(x, str)]


def test_the_chinese_tables_are_in_chinese(result):
    """Count tables of the audit notebook in zh: no English word; the report's own section codes
    (III.A ...) are kept as printed."""
    for make in (claims.evidence_counts, claims.reason_counts, claims.labelled_counts):
        zh = [w for w in _words(make(result, "zh")) if not re.fullmatch(r"[IVX]+\.[A-Z]", w)]
        english = [w for w in zh if re.search(r"[A-Za-z]{3,}", w)
                   and not re.search(r"data/external", w)]
        assert english == [], (make.__name__, english)
        en = _words(make(result, "en"))
        assert not any(re.search(r"[\u4e00-\u9fff]", w) for w in en), make.__name__
