"""The verdict engine: runs each register row's rule over interval inputs and judges the claim.

One policy for every rule (issue 15):

- `consistent`: the claim holds **as printed**, within the rounding of every printed number and
  the documented hedge widenings;
- `misworded`: it fails as printed but holds under a corrected reading that the register names
  (`reading`: "个百分点 read as %", "亿元 read as 十亿元", ...) and checks with a rule of its own;
  the as-printed result stays beside it. A reading that passes only a one-sided bound is not
  confirmed by it, so such a claim keeps its as-printed verdict;
- `mismatch` (arithmetic rule) or `implausible` (plausibility bound): it fails as printed and
  under any reading the register offers;
- `unverifiable`: nothing in the report or data/external can bound it (the reason says why).

Evidence: a check is `value` when the recomputation bounds the claim from both sides, `bound`
when it is one-sided (at most / at least): a bound that holds is weak evidence, and the note says
how far the claim sits from failing it.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.rounding import Interval

from .register import (
    REGISTER,
    RegisterError,
    claim_interval,
    load_register,
    reported_value,
    resolve,
)
from .rules import RULES

OUTPUT_COLUMNS = ["id", "section", "paragraph", "quote", "reported", "recomputed", "unit",
                  "verdict", "reading", "as_printed", "evidence", "note"]
VERDICTS = ("consistent", "misworded", "mismatch", "implausible", "unverifiable")
FINDING_VERDICTS = ("misworded", "mismatch", "implausible")
WEAK_BOUND = 10.0  # a bound 10 times the claim (or a tenth of it) is no evidence


def judge(claim: Interval, recomputed: Interval | None, kind: str = "arithmetic") -> str:
    """Verdict of one claim, as printed, given its interval and the recomputed interval."""
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


def one_sided(iv: Interval) -> bool:
    """Whether a recomputed interval is a bound (one end open) rather than a value."""
    return math.isinf(iv.lo) or math.isinf(iv.hi)


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


def _run(rule_name: str, args_text: str) -> tuple[Interval, Interval]:
    """A rule's result over the printed intervals and over the printed values taken as exact."""
    func = RULES[rule_name].func
    assert func is not None
    args = json.loads(args_text) if args_text.strip() else {}
    return (func(**{k: resolve(v) for k, v in args.items()}),
            func(**{k: resolve(v, exact=True) for k, v in args.items()}))


def bound_note(value: float, iv: Interval) -> str:
    """What a one-sided bound that holds is worth, in a sentence."""
    limit = iv.hi if math.isinf(iv.lo) else iv.lo
    side = "above" if math.isinf(iv.lo) else "below"
    text = f"Bound only: it would fail only {side} {limit:.6g}"
    far = (side == "above" and value > 0 and limit > WEAK_BOUND * value) or \
        (side == "below" and limit < value / WEAK_BOUND)
    if far or (side == "below" and limit <= 0 < value):
        return text + ", so it cannot fail on any value near the printed one (no evidence)"
    return text + " (weak evidence)"


def evaluate(row: Any) -> dict[str, Any]:
    """Verdict and recomputation of one register row, as printed and under its reading."""
    value, decimals = reported_value(row.reported)
    claim = claim_interval(value, decimals, row.approx)
    rule = RULES[row.rule]
    out: dict[str, Any] = {"reported": value, "decimals": decimals, "rule": row.rule,
                           "claim_lo": claim.lo, "claim_hi": claim.hi, "reading": ""}
    extra = f". {row.note}" if row.note else ""
    if rule.func is None:
        out.update(recomputed=math.nan, as_printed=math.nan, lo=math.nan, hi=math.nan,
                   verdict="unverifiable", evidence="none",
                   note=f"unverifiable: {row.reason}{extra}")
        return out
    iv, exact = _run(row.rule, row.args)
    verdict = judge(claim, iv, rule.kind)
    shown = point(exact)
    detail = f"As printed, {row.rule} gives {_fmt(exact)} (printed inputs allow {_fmt(iv)})"
    naive = Interval.printed(value, min(decimals, 15))
    if verdict == "consistent" and row.approx in ("", "none") and not one_sided(exact) \
            and not naive.contains(shown):
        detail += ("; consistent only within the rounding of the inputs"
                   " (a naive check would flag it)")
    judged_iv, judged_exact = iv, exact
    if row.reading_rule:
        out["reading"] = row.reading
        r_iv, r_exact = _run(row.reading_rule, row.reading_args)
        r_verdict = judge(claim, r_iv, RULES[row.reading_rule].kind)
        r_text = f"Read with {row.reading}, {row.reading_rule} gives {_fmt(r_exact)}"
        if verdict == "consistent":
            detail += f". Holds as printed; the reading ({row.reading}) is not needed"
        elif r_verdict == "consistent" and not one_sided(r_iv):
            verdict, judged_iv, judged_exact = "misworded", r_iv, r_exact
            detail = f"{r_text}: holds only so. {detail}: fails"
        elif r_verdict == "consistent":
            detail += (f". {r_text}, a one-sided bound that holds but cannot confirm the "
                       "reading")
        else:
            detail += f". {r_text}: fails too"
    elif verdict == "consistent" and one_sided(iv):
        detail += ". " + bound_note(value, iv)
    out.update(recomputed=point(judged_exact), as_printed=shown, lo=judged_iv.lo,
               hi=judged_iv.hi, verdict=verdict,
               evidence="bound" if one_sided(judged_iv) else "value", note=detail + extra)
    return out


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
                     "reading": res["reading"], "as_printed": res["as_printed"],
                     "evidence": res["evidence"], "note": res["note"], "rule": r.rule,
                     "approx": r.approx, "recomputed_lo": res["lo"], "recomputed_hi": res["hi"],
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
    return df.assign(**{c: df[c].round(6) for c in ("recomputed", "as_printed")}).to_csv(
        index=False)


def attach_claims_csv(df: pd.DataFrame) -> None:
    """Attach the audit to the report version as claims.csv (the build publishes it, so the
    audit runs once per build, in the audit notebook)."""
    from analysis.reportfiles import attach

    attach("claims.csv", claims_csv(df))


def counts(df: pd.DataFrame) -> pd.DataFrame:
    """Claims by section and verdict (rows: section, columns: the verdicts, plus total)."""
    t = pd.crosstab(df["section"], df["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    t["total"] = t.sum(axis=1)
    t.loc["all"] = t.sum()
    return t


def findings(df: pd.DataFrame, verdicts: tuple[str, ...] = FINDING_VERDICTS) -> pd.DataFrame:
    """The claims that fail as printed (misworded, mismatch, implausible), in report order."""
    return df[df["verdict"].isin(list(verdicts))].sort_values(
        ["paragraph", "id"]).reset_index(drop=True)
