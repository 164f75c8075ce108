"""Claims audit: every quantitative statement of the report, re-derived from data/ and judged.

The register (`data/claims.csv`) lists one row per statement: where it is
(section, paragraph, quote), where its printed value is stored (`reported`: a fact id or a
table cell), the named rule that recomputes it and the rule's arguments (references to data,
never the expected value), the hedge word printed with it (`approx`) and, for statements nothing
here can check, the reason.

Verdicts, decided by interval arithmetic (`analysis.rounding.Interval`):

- every input stands for the interval its printing allows (value ± half a unit of the last
  printed digit); the rule carries those intervals through, giving the range of results the
  printed inputs allow;
- the claim stands for its own printed interval, widened by its hedge word (below);
- `consistent` if the two intervals meet; otherwise `mismatch`, or `implausible` when the rule is
  a plausibility bound (a magnitude the province's size rules out);
- `unverifiable` when no data in the report or in data/external can check the statement.

Documented widenings of the claim interval (on top of its printed rounding):

- 约, 左右, 大约 (about): ± 10 % of the stated value (e.g. "20%左右" covers 18-22);
- 近 (nearly): down to 10 % below the stated value, not above it (e.g. "近5倍" covers 4.5-5);
- 以上, 超过, 多 (more than): the stated value is a lower bound (no upper limit);
- 不足 (less than): the stated value is an upper bound.

A reference may carry a coarser precision than its digits show, `fact:revenue_2014@-1`: the
number is read as rounded to the nearest 10^1 (± 5). The register uses this only where the text
says so by its own unit: the revenue and investment levels of paragraphs 28-29 are read off
Figures 2-3, drawn in 十亿元 (billion yuan), so "3190亿元" is 319 billion ± 0.5 billion.

`@exact` marks a definitional number (the threshold in "注册资本超过1亿元"), which carries no
rounding.

Exchange rates from data/external (`cny_usd`) are widened by ± 0.005 yuan per dollar, the
largest gap between the IMF series and the NBS yearbook averages (data/external README).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import data
from analysis.provenance import DATA_DIR
from analysis.rounding import Interval

REGISTER = DATA_DIR / "claims.csv"
REGISTER_COLUMNS = ["id", "section", "paragraph", "quote", "reported", "unit", "rule", "args",
                    "approx", "reason", "note"]
OUTPUT_COLUMNS = ["id", "section", "paragraph", "quote", "reported", "recomputed", "unit",
                  "verdict", "note"]
VERDICTS = ("consistent", "mismatch", "implausible", "unverifiable")

APPROX_ABOUT = ("约", "左右", "大约")
APPROX_NEARLY = ("近",)
APPROX_MORE_THAN = ("以上", "超过", "多")
APPROX_LESS_THAN = ("不足",)
ABOUT_REL = 0.10  # 约/左右/大约: ± 10 % of the stated value
NEARLY_REL = 0.10  # 近: down to 10 % below the stated value
CNY_USD_TOLERANCE = 0.005  # yuan per dollar: IMF vs NBS yearbook annual averages

# Lowest total fertility rate (children per woman) of any population on record is above this.
TFR_FLOOR = 0.5

INF = math.inf


class RegisterError(ValueError):
    """Bad claims register: names file, row, column and the rule broken."""


# --------------------------------------------------------------------------------------------
# Rules: each takes Intervals (or lists of them) and plain numbers, returns an Interval.


def growth_pct(start: Interval, end: Interval) -> Interval:
    """Growth from start to end, percent (negative for a fall)."""
    return (end / start - 1) * 100


def decline_pct(start: Interval, end: Interval) -> Interval:
    """Fall from start to end as a positive percent (the report's 下降 x%)."""
    return (1 - end / start) * 100


def avg_growth_pct(start: Interval, end: Interval, years: float) -> Interval:
    """Average annual (compound) growth over `years` years, percent."""
    return ((end / start) ** (1.0 / years) - 1) * 100


def avg_decline_pct(start: Interval, end: Interval, years: float) -> Interval:
    """Average annual (compound) fall over `years` years, as a positive percent."""
    return -avg_growth_pct(start, end, years)


def multiple(numerator: Interval, denominator: Interval) -> Interval:
    """How many times numerator is denominator (the report's 增长n倍 read as 'n times')."""
    return numerator / denominator


def share_pct(part: Interval | Sequence[Interval], whole: Interval, scale: float = 1.0
              ) -> Interval:
    """Part (or sum of parts) as a percent of whole; `scale` converts part into whole's unit."""
    return total(part) * scale / whole * 100


def _iv(x: Interval | float) -> Interval:
    return x if isinstance(x, Interval) else Interval.exact(x)


def total(parts: Interval | float | Sequence[Interval | float], scale: float = 1.0) -> Interval:
    """Sum of parts, times a unit factor."""
    if isinstance(parts, Interval | int | float):
        return _iv(parts) * scale
    return sum((_iv(p) for p in parts), Interval.exact(0)) * scale


def sum_scaled(parts: Sequence[Interval], scales: Sequence[float]) -> Interval:
    """Sum of parts printed in different units, each times its own unit factor."""
    return sum((p * s for p, s in zip(parts, scales, strict=True)), Interval.exact(0))


def difference(minuend: Interval, subtrahend: Interval) -> Interval:
    """Minuend minus subtrahend (a balance, or a gap in percentage points)."""
    return minuend - subtrahend


def same_value(value: Interval, scale: float = 1.0) -> Interval:
    """The same quantity stated elsewhere (another table, paragraph or source), unit-scaled."""
    return value * scale


def cny_to_usd(cny: Interval, cny_per_usd: Interval, scale: float = 1.0) -> Interval:
    """Yuan amount in dollars at a yuan-per-dollar rate; `scale` converts units (e.g. 10)."""
    return cny * scale / cny_per_usd


def compound_decline_pct(growths: Sequence[Interval]) -> Interval:
    """Total fall over consecutive years from the annual growth rates (percent)."""
    factor = Interval.exact(1)
    for g in growths:
        factor = factor * (1 + g / 100)
    return (1 - factor) * 100


def compound_level(start: Interval, growths: Sequence[Interval], scale: float = 1.0
                   ) -> Interval:
    """Level reached from `start` (times `scale`) after the annual growth rates (percent)."""
    level = start * scale
    for g in growths:
        level = level * (1 + g / 100)
    return level


def series_min(series: dict[Any, Interval]) -> Interval:
    """Smallest value of a series (interval of what the smallest printed value can be)."""
    return Interval(min(v.lo for v in series.values()), min(v.hi for v in series.values()))


def series_max(series: dict[Any, Interval]) -> Interval:
    """Largest value of a series."""
    return Interval(max(v.lo for v in series.values()), max(v.hi for v in series.values()))


def argmax_year(series: dict[Any, Interval]) -> Interval:
    """Year(s) of the peak: the span of every year whose value could be the largest."""
    top = max(v.lo for v in series.values())
    years = [int(k) for k, v in series.items() if v.hi >= top]
    return Interval(min(years), max(years))


def gap_min(minuend: dict[Any, Interval], subtrahend: dict[Any, Interval]) -> Interval:
    """Smallest year-by-year gap minuend - subtrahend (percentage points)."""
    return series_min({k: minuend[k] - subtrahend[k] for k in minuend})


def gap_max(minuend: dict[Any, Interval], subtrahend: dict[Any, Interval]) -> Interval:
    """Largest year-by-year gap minuend - subtrahend (percentage points)."""
    return series_max({k: minuend[k] - subtrahend[k] for k in minuend})


def count_rises(series: dict[Any, Interval]) -> Interval:
    """Number of year-on-year rises: from certain rises to possible ones given rounding."""
    keys = sorted(series)
    pairs = list(zip(keys, keys[1:], strict=False))
    certain = sum(1 for a, b in pairs if series[b].lo > series[a].hi)
    possible = sum(1 for a, b in pairs if series[b].hi > series[a].lo)
    return Interval(certain, possible)


def count_inclusive(first: float, last: float) -> Interval:
    """Number of yearly events from `first` to `last` inclusive."""
    return Interval.exact(last - first + 1)


def residual(whole: Interval | float, parts: Sequence[Interval]) -> Interval:
    """What is left of whole after the parts (e.g. the primary share = 100 - others)."""
    return _iv(whole) - total(parts)


def at_most(bound: Interval | Sequence[Interval], scale: float = 1.0,
            minus: Sequence[Interval] = ()) -> Interval:
    """Feasibility: the claim can be at most bound (minus the other parts that share it)."""
    hi = (total(bound) * scale - total(minus)).hi if minus else (total(bound) * scale).hi
    return Interval(-INF, hi)


def at_least(bound: Interval | Sequence[Interval], scale: float = 1.0) -> Interval:
    """Feasibility: the claim must be at least bound (e.g. a share of at least part/whole)."""
    return Interval((total(bound) * scale).lo, INF)


def share_at_least(part: Interval | Sequence[Interval], whole_max: Interval | Sequence[Interval],
                   whole_share_pct: Interval | float = 100.0, scale: float = 1.0) -> Interval:
    """Feasibility: a share (percent) is at least part over the largest the whole can be.

    `whole_max` times `whole_share_pct` percent bounds the whole from above.
    """
    cap = total(whole_max) * _iv(whole_share_pct) / 100
    return Interval((total(part) * scale / cap).lo * 100, INF)


def share_at_least_from_count(count: Interval, threshold: Interval, whole: Interval) -> Interval:
    """Feasibility: `count` items each above `threshold` hold at least count*threshold/whole."""
    return Interval((count * threshold / whole).lo * 100, INF)


def count_at_most(amount: Interval, threshold: Interval) -> Interval:
    """Feasibility: at most amount/threshold items can each exceed `threshold`."""
    return Interval(-INF, (amount / threshold).hi)


def weighted_share_pct(shares: Sequence[Interval], weights: Sequence[Interval]) -> Interval:
    """Weighted mean of shares (percent), e.g. the high-tech share of exports plus imports."""
    num = sum((s * w for s, w in zip(shares, weights, strict=True)), Interval.exact(0))
    return num / total(weights)


def per_unit(amount: Interval, count: Interval, scale: float = 1.0) -> Interval:
    """Amount per unit (e.g. employees per firm), times a unit factor."""
    return amount * scale / count


# Plausibility bounds: the range of magnitudes the province's size allows, in the claim's unit.


def liaoning_population_10k(year: int = 2015) -> float:
    """Liaoning's year-end resident population, 10 thousand persons (EXTERNAL: data/external)."""
    return float(data.load("liaoning_population").at[year, "resident_population_10k"])


def plausible_headcount(scale: float = 1.0) -> Interval:
    """Persons in Liaoning: at most its population; `scale` = 10 thousand persons per claim unit."""
    return Interval(-INF, liaoning_population_10k() / scale)


def plausible_per_firm(firms: Interval, scale: float = 1.0) -> Interval:
    """Persons per firm: at most the population spread over the firms (claim unit via scale)."""
    return Interval(-INF, (liaoning_population_10k() / firms).hi / scale)


def plausible_fertility_floor(scale: float = 1.0) -> Interval:
    """Total fertility rate of at least 0.5 children per woman (no society is lower)."""
    return Interval(TFR_FLOOR / scale, INF)


@dataclass(frozen=True)
class Rule:
    """A named rule and whether a failure means an arithmetic mismatch or an implausibility."""

    func: Callable[..., Interval] | None
    kind: str = "arithmetic"  # or "plausibility", "unverifiable"


RULES: dict[str, Rule] = {
    f.__name__: Rule(f)
    for f in (growth_pct, decline_pct, avg_growth_pct, avg_decline_pct, multiple, share_pct,
              total, sum_scaled, difference, same_value, cny_to_usd, compound_decline_pct,
              compound_level,
              series_min, series_max, argmax_year, gap_min, gap_max, count_rises,
              count_inclusive, residual, at_most, at_least, share_at_least,
              share_at_least_from_count, count_at_most, weighted_share_pct, per_unit)
}
RULES.update({f.__name__: Rule(f, "plausibility")
              for f in (plausible_headcount, plausible_per_firm, plausible_fertility_floor)})
RULES["unverifiable"] = Rule(None, "unverifiable")


# --------------------------------------------------------------------------------------------
# The verdict engine.


def claim_interval(value: float, decimals: int, approx: str = "") -> Interval:
    """Interval a printed claim stands for: its rounding, widened by its hedge word."""
    iv = Interval.printed(value, decimals)
    a = (approx or "").strip()
    if a in ("", "none"):
        return iv
    if a in APPROX_ABOUT:
        return iv.widen(abs=ABOUT_REL * abs(value))
    if a in APPROX_NEARLY:
        return Interval(iv.lo - NEARLY_REL * abs(value), iv.hi)
    if a in APPROX_MORE_THAN:
        return Interval(iv.lo, INF)
    if a in APPROX_LESS_THAN:
        return Interval(-INF, iv.hi)
    raise ValueError(f"unknown hedge word {approx!r}; known: 约 左右 大约 近 以上 超过 多 不足")


def judge(claim: Interval, recomputed: Interval | None, kind: str = "arithmetic") -> str:
    """Verdict of one claim given its interval and the recomputed interval."""
    if kind == "unverifiable" or recomputed is None:
        return "unverifiable"
    if claim.overlaps(recomputed):
        return "consistent"
    return "implausible" if kind == "plausibility" else "mismatch"


def point(iv: Interval) -> float:
    """One number for an interval: its midpoint, or its finite end if it is a bound."""
    if math.isinf(iv.lo) and math.isinf(iv.hi):
        return math.nan
    if math.isinf(iv.hi):
        return iv.lo
    if math.isinf(iv.lo):
        return iv.hi
    return iv.mid


# --------------------------------------------------------------------------------------------
# References to data: "fact:<id>", "<resource>:<column>:<key>" (key: year, "partner/year",
# a period label, or a year range "2006-2015" for a whole series).


def _frame(name: str) -> pd.DataFrame:
    return data.load(name)


def _cell(df: pd.DataFrame, column: str, key: Any, exact: bool, name: str) -> Interval:
    value = float(df.at[key, column])
    if exact:
        return Interval.exact(value)
    iv = Interval.printed(value, int(df.attrs["decimals"].at[key, column]))
    if name == "cny_usd":
        iv = iv.widen(abs=CNY_USD_TOLERANCE)
    return iv


def _key(df: pd.DataFrame, text: str) -> Any:
    if "/" in text:
        partner, year = text.split("/")
        return (partner, int(year))
    return int(text) if df.index.dtype.kind in "iu" else text


EXACT = 99  # "@exact": a definitional number (a threshold such as 超过1亿元), not a rounded one


def _split_precision(ref: str) -> tuple[str, int | None]:
    """'fact:x@-1' -> ('fact:x', -1): a precision other than the digits show (see module doc)."""
    if "@" in ref:
        base, dec = ref.rsplit("@", 1)
        return base, EXACT if dec == "exact" else int(dec)
    return ref, None


def resolve(ref: Any, exact: bool = False) -> Any:
    """Value(s) a register reference stands for: Interval, dict of Intervals, list, or number."""
    if isinstance(ref, int | float):
        return ref
    if isinstance(ref, list):
        return [resolve(r, exact) for r in ref]
    if not isinstance(ref, str):
        raise ValueError(f"cannot resolve reference {ref!r}")
    ref, precision = _split_precision(ref)
    if ref.startswith("fact:"):
        fid = ref[5:]
        facts = data.facts()
        if fid not in facts.index:
            raise KeyError(f"no fact {fid!r} in data/report/facts.csv")
        value = float(facts.at[fid, "value"])
        dec = int(facts.at[fid, "decimals"]) if precision is None else precision
        if exact or dec == EXACT:
            return Interval.exact(value)
        return Interval.printed(value, dec)
    parts = ref.split(":")
    if len(parts) != 3:
        raise ValueError(f"reference {ref!r} is neither fact:<id> nor <resource>:<column>:<key>")
    name, column, key = parts
    df = _frame(name)
    if column not in df.columns:
        raise KeyError(f"reference {ref!r}: {name} has no column {column!r}")
    if "/" not in key and "-" in key and key[:4].isdigit() and key[5:].isdigit():
        lo, hi = (int(x) for x in key.split("-"))
        return {y: _cell(df, column, y, exact, name) for y in range(lo, hi + 1)}
    k = _key(df, key)
    if k not in df.index:
        raise KeyError(f"reference {ref!r}: {name} has no row {key!r}")
    return _cell(df, column, k, exact, name)


# --------------------------------------------------------------------------------------------
# The register and the audit.


def load_register(path: Path = REGISTER) -> pd.DataFrame:
    """The claims register, checked: raises RegisterError naming file, row, column and rule."""
    path = Path(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in REGISTER_COLUMNS if c not in raw.columns]
    if missing:
        raise RegisterError(f"{path.name}: missing column(s) {', '.join(missing)}")
    problems = []
    seen: set[str] = set()
    for i, r in enumerate(raw.itertuples(index=False), start=2):
        def bad(col: str, rule: str, detail: str, _i: int = i) -> None:
            problems.append(f"{path.name}, row {_i}, column '{col}': rule '{rule}': {detail}")

        if not r.id or r.id in seen:
            bad("id", "unique non-empty id", f"{r.id!r} empty or repeated")
        seen.add(r.id)
        if not r.paragraph.isdigit() or not 1 <= int(r.paragraph) <= 130:
            bad("paragraph", "integer 1-130", repr(r.paragraph))
        if r.rule not in RULES:
            bad("rule", "known rule", f"{r.rule!r}")
        elif r.rule == "unverifiable" and not r.reason.strip():
            bad("reason", "unverifiable needs a reason", "empty")
        try:
            args = json.loads(r.args) if r.args.strip() else {}
            if not isinstance(args, dict):
                bad("args", "JSON object", r.args)
        except json.JSONDecodeError as exc:
            bad("args", "valid JSON", str(exc))
        if not r.reported.strip():
            bad("reported", "reference to the printed value", "empty")
        try:
            claim_interval(1.0, 0, r.approx)
        except ValueError as exc:
            bad("approx", "known hedge word", str(exc))
    if problems:
        raise RegisterError(f"{len(problems)} register problem(s):\n  " + "\n  ".join(problems))
    raw["paragraph"] = raw["paragraph"].astype(int)
    return raw


def _reported(ref: str) -> tuple[float, int]:
    """Printed value and decimals (or the register's coarser precision) of a claim."""
    ref, precision = _split_precision(ref)
    if ref.startswith("fact:"):
        facts = data.facts()
        fid = ref[5:]
        value, dec = float(facts.at[fid, "value"]), int(facts.at[fid, "decimals"])
    else:
        name, column, key = ref.split(":")
        df = _frame(name)
        k = _key(df, key)
        value, dec = float(df.at[k, column]), int(df.attrs["decimals"].at[k, column])
    return value, dec if precision is None else precision


def evaluate(row: Any) -> dict[str, Any]:
    """Verdict and recomputation of one register row."""
    value, decimals = _reported(row.reported)
    claim = claim_interval(value, decimals, row.approx)
    rule = RULES[row.rule]
    out: dict[str, Any] = {"reported": value, "decimals": decimals, "rule": row.rule,
                           "claim_lo": claim.lo, "claim_hi": claim.hi}
    if rule.func is None:
        out.update(recomputed=math.nan, lo=math.nan, hi=math.nan, verdict="unverifiable",
                   note=f"unverifiable: {row.reason}" + (f". {row.note}" if row.note else ""))
        return out
    args = json.loads(row.args) if row.args.strip() else {}
    iv = rule.func(**{k: resolve(v) for k, v in args.items()})
    exact = rule.func(**{k: resolve(v, exact=True) for k, v in args.items()})
    verdict = judge(claim, iv, rule.kind)
    shown = point(exact)
    detail = f"{row.rule} gives {_fmt(exact)} (printed inputs allow {_fmt(iv)})"
    naive = Interval.printed(value, decimals)
    if verdict == "consistent" and row.approx in ("", "none") and not math.isinf(exact.lo) \
            and not math.isinf(exact.hi) and not naive.contains(shown):
        detail += ("; consistent only within the rounding of the inputs"
                   " (a naive check would flag it)")
    out.update(recomputed=shown, lo=iv.lo, hi=iv.hi, verdict=verdict,
               note=detail + (f". {row.note}" if row.note else ""))
    return out


def _fmt(iv: Interval) -> str:
    if iv.lo == iv.hi:
        return f"{iv.lo:.6g}"
    if math.isinf(iv.hi):
        return f">= {iv.lo:.6g}"
    if math.isinf(iv.lo):
        return f"<= {iv.hi:.6g}"
    if iv.lo == 0 and iv.hi > 0:
        return f"0 to {iv.hi:.6g}"
    return f"{iv.lo:.6g} to {iv.hi:.6g}"


def audit(register: Path = REGISTER) -> pd.DataFrame:
    """One row per claim: where it is, reported vs recomputed, verdict and a note saying why."""
    reg = load_register(register)
    rows = []
    for r in reg.itertuples(index=False):
        try:
            res = evaluate(r)
        except Exception as exc:  # a broken rule must name the claim it broke on
            raise RegisterError(f"{Path(register).name}, claim {r.id!r} "
                                f"(rule {r.rule}): {type(exc).__name__}: {exc}") from exc
        rows.append({"id": r.id, "section": r.section, "paragraph": int(r.paragraph),
                     "quote": r.quote, "reported": res["reported"],
                     "recomputed": res["recomputed"], "unit": r.unit, "verdict": res["verdict"],
                     "note": res["note"], "rule": r.rule, "approx": r.approx,
                     "recomputed_lo": res["lo"], "recomputed_hi": res["hi"],
                     "claim_lo": res["claim_lo"], "claim_hi": res["claim_hi"]})
    df = pd.DataFrame(rows)
    df["paragraph"] = df["paragraph"].astype(int)
    return df


def write_claims_csv(path: Path) -> None:
    """Write the audit as UTF-8 CSV (the pipeline puts one in every report version folder)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(claims_csv(audit()), encoding="utf-8", newline="")


def claims_csv(df: pd.DataFrame) -> str:
    """The audit as CSV text, as published in every report version folder (claims.csv)."""
    return df.assign(recomputed=df["recomputed"].round(6)).to_csv(index=False)


def attach_claims_csv(df: pd.DataFrame) -> None:
    """Attach the audit to the report version as claims.csv (the build publishes it, so the
    audit runs once, in the audit notebook)."""
    from analysis.reportfiles import attach

    attach("claims.csv", claims_csv(df))


def counts(df: pd.DataFrame) -> pd.DataFrame:
    """Claims by section and verdict (rows: section, columns: the four verdicts, plus total)."""
    t = pd.crosstab(df["section"], df["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    t["total"] = t.sum(axis=1)
    t.loc["all"] = t.sum()
    return t


def findings(df: pd.DataFrame) -> pd.DataFrame:
    """The mismatches and implausible claims, in report order."""
    return df[df["verdict"].isin(["mismatch", "implausible"])].sort_values(
        ["paragraph", "id"]).reset_index(drop=True)



# --------------------------------------------------------------------------------------------
# Presentation helpers for the audit notebook (labels in English or Chinese).

COLUMN_LABELS: dict[str, dict[str, str]] = {
    "en": {"id": "claim", "section": "section", "paragraph": "para.", "quote": "quote (verbatim)",
           "reported": "reported", "recomputed": "recomputed", "unit": "unit",
           "verdict": "verdict", "note": "recomputation and likely cause", "rule": "rule",
           "approx": "hedge", "consistent": "consistent", "mismatch": "mismatch",
           "implausible": "implausible", "unverifiable": "unverifiable", "total": "total"},
    "zh": {"id": "陈述", "section": "章节", "paragraph": "段落", "quote": "原文引用",
           "reported": "报告数值", "recomputed": "重新计算", "unit": "单位", "verdict": "结论",
           "note": "计算说明与可能原因", "rule": "规则", "approx": "限定词",
           "consistent": "一致", "mismatch": "不符", "implausible": "不合理",
           "unverifiable": "无法核实", "total": "合计"},
}


def labelled(df: pd.DataFrame, lang: str = "en", columns: Sequence[str] = OUTPUT_COLUMNS
             ) -> pd.DataFrame:
    """The audit's columns renamed (and verdicts translated) for display in `lang`."""
    labels = COLUMN_LABELS[lang]
    out = df[list(columns)].copy()
    if "verdict" in out:
        out["verdict"] = out["verdict"].map(labels)
    return out.rename(columns=labels)


def labelled_counts(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Counts by section and verdict, with labels in `lang`."""
    return counts(df).rename(columns=COLUMN_LABELS[lang])


def widenings() -> pd.DataFrame:
    """The documented tolerances, as a table for the audit report."""
    rows = [
        ("约 / 左右 / 大约 (about)", f"± {ABOUT_REL:.0%} of the stated value"),
        ("近 (nearly)", f"down to {NEARLY_REL:.0%} below the stated value"),
        ("以上 / 超过 / 多 (more than)", "the stated value is a lower bound"),
        ("不足 (less than)", "the stated value is an upper bound"),
        ("every printed number", "± half a unit of its last printed digit"),
        ("CNY/USD annual mean (external)", f"± {CNY_USD_TOLERANCE} yuan per dollar (vintages)"),
        ("levels read off Figures 2-3 (paras 28-29)", "± 5亿元 (drawn in 十亿元)"),
    ]
    return pd.DataFrame(rows, columns=["hedge or input", "tolerance added"])


def _num(v: float) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.6g}"


def findings_markdown(df: pd.DataFrame) -> str:
    """One Markdown bullet per finding: paragraph, quote, reported vs recomputed, likely cause."""
    lines = []
    for r in findings(df).itertuples(index=False):
        lines.append(f"- **¶{r.paragraph} ({r.section}) {r.id}** [{r.verdict}]: 「{r.quote}」 "
                     f"reported {_num(r.reported)} {r.unit}, recomputed {_num(r.recomputed)}. "
                     f"{r.note}")
    return "\n".join(lines)


def causes(df: pd.DataFrame) -> pd.Series:
    """Findings by likely cause (the word after 'Likely cause:' in the note)."""
    f = findings(df)
    cause = f["note"].str.extract(r"Likely cause: ([^.(;:]+)", expand=False).str.strip()
    return cause.fillna("other").value_counts().rename("findings")
