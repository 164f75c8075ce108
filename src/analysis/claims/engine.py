"""The verdict engine: runs each register row's rule over interval inputs and grades the claim.

One policy, applied by code to every row (issue 19); README and the audit notebook state it:

- `holds`: value evidence (bounded from both sides) of the same concept and vintage (the
  report's own numbers, or an external series of the same concept and vintage) agrees within
  the printed precision and the sentence's hedge word, with no other widening;
- `not_contradicted`: the claim agrees with a weaker check only: a one-sided bound, a check of
  part of the sentence (`scope` partial), another vintage, a proxy of another concept, a
  conversion at an unstated date, or agreement only within the exchange-rate widening. Never
  counted with `holds`;
- `misworded`: it fails as printed but holds, on value evidence, under a corrected reading the
  register names (the as-printed result stays beside it);
- `contradicted`: it fails as printed (and under any reading offered) against the report's own
  numbers or a same-concept, same-vintage source;
- `other_vintage_or_source`: it fails only against another vintage, another concept or a
  conversion at an unstated date: not an error of the report;
- `implausible`: outside a hard bound (what Liaoning's population or human fertility make
  impossible); `doubtful`: outside a rule of thumb (the FDI intensity rule);
- `unverifiable`: nothing in the report or data/external bears on it; the row names a reason
  class (`register.REASON_CLASSES`) and says why.

Severity of a finding (misworded, contradicted, implausible, doubtful), by one rule:
`conclusion` when the register names the economic conclusion of the report it changes;
otherwise `digit` when the claim and the recomputed value (as printed) differ only in the claim's
last printed digit (they agree rounded one place coarser, and by under 15 % of the claim);
otherwise `quoted_number`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.rounding import Interval

from .catalogue import RULES
from .register import (
    BASES,
    CNY_USD_TOLERANCE,
    EXACT,
    PARTIAL,
    REASON_CLASSES,
    REGISTER,
    WEAK_BASES,
    RegisterError,
    claim_interval,
    load_register,
    reported_value,
    resolve,
)

OUTPUT_COLUMNS = ["id", "section", "paragraph", "quote", "reported", "recomputed", "unit",
                  "verdict", "evidence", "severity", "note"]
EXTRA_COLUMNS = ["reading", "as_printed", "basis", "scope", "reason_class", "rule", "approx",
                 "recomputed_lo", "recomputed_hi", "claim_lo", "claim_hi"]
VERDICTS = ("holds", "not_contradicted", "misworded", "contradicted", "other_vintage_or_source",
            "implausible", "doubtful", "unverifiable")
FINDING_VERDICTS = ("misworded", "contradicted", "implausible", "doubtful")
SEVERITIES = ("conclusion", "quoted_number", "digit")
# The strength of a row's check, strongest first (the `evidence` column).
EVIDENCE = ("value", "bound", "partial", "widened", "other_vintage", "other_concept",
            "unstated_date", "hard_bound", "rule_of_thumb", "none")
WEAK_BOUND = 10.0  # a bound 10 times the claim (or a tenth of it) is no evidence
DIGIT_REL = 0.15  # severity 'digit': off in the last printed digit only, by under 15 % of the claim


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


def _run(rule_name: str, args_text: str) -> tuple[Interval, Interval, Interval]:
    """A rule's result over the printed intervals, over the printed values taken as exact, and
    over the printed intervals without the exchange-rate widening."""
    func = RULES[rule_name].func
    assert func is not None
    args = json.loads(args_text) if args_text.strip() else {}

    def run(**how: bool) -> Interval:
        return func(**{k: resolve(v, **how) for k, v in args.items()})
    return run(), run(exact=True), run(widen_rates=False)


def only_a_digit(claim: float, decimals: int, recomputed: Interval) -> bool:
    """Whether the claim and the recomputed value differ only in the claim's last printed digit:
    they agree rounded one place coarser, and by less than `DIGIT_REL` of the claim."""
    if decimals == EXACT or claim == 0:
        return False
    rec = min(max(claim, recomputed.lo), recomputed.hi)  # the recomputed value nearest the claim
    coarse = 10.0 ** (1 - decimals)

    def rounded(x: float) -> int:
        return math.floor(x / coarse + 0.5)  # half up, as the report rounds (not Python's even)
    return rounded(claim) == rounded(rec) and abs(rec - claim) < DIGIT_REL * abs(claim)


def severity(verdict: str, conclusion: str, claim: float, decimals: int,
             recomputed: Interval) -> str:
    """Severity of a finding by the stated rule ('' for rows that are not findings)."""
    if verdict not in FINDING_VERDICTS:
        return ""
    if conclusion.strip():
        return "conclusion"
    return "digit" if only_a_digit(claim, decimals, recomputed) else "quoted_number"


def _grade(row: Any, claim: Interval, iv: Interval, strict: Interval, kind: str
           ) -> tuple[str, str, str]:
    """Verdict, evidence and explanation of a check of the claim as printed."""
    basis, scope = row.basis or "report", (row.scope or "").strip()
    fails = not claim.overlaps(iv)
    if kind in ("hard_bound", "rule_of_thumb"):
        if fails:
            return ("implausible" if kind == "hard_bound" else "doubtful"), kind, ""
        return "not_contradicted", kind, "Within the bound: it confirms nothing more"
    if fails:
        if basis in WEAK_BASES:
            return ("other_vintage_or_source", basis,
                    f"It differs, but the evidence is {BASES[basis]}: not an error of the report")
        return ("contradicted", "bound" if one_sided(iv) else "value",
                f"Contradicted by {BASES[basis]}")
    if basis in WEAK_BASES:
        return ("not_contradicted", basis,
                f"Agrees, but the evidence is {BASES[basis]}: it does not confirm the report's "
                "own figure")
    if scope:
        return ("not_contradicted", "partial",
                f"Partial check, not confirmed as a whole: {scope[len(PARTIAL):].strip()}")
    if one_sided(iv):
        return "not_contradicted", "bound", bound_note(point(claim), iv)
    if not claim.overlaps(strict):
        return ("not_contradicted", "widened",
                f"Agrees only within the ± {CNY_USD_TOLERANCE} yuan per dollar widening of the "
                "exchange rate (IMF against NBS yearbook annual means), not at its printed "
                "precision")
    return "holds", "value", ""


def evaluate(row: Any) -> dict[str, Any]:
    """Verdict, evidence, severity and recomputation of one register row."""
    value, decimals = reported_value(row.reported)
    claim = claim_interval(value, decimals, row.approx)
    rule = RULES[row.rule]
    conclusion = getattr(row, "conclusion", "") or ""
    out: dict[str, Any] = {"reported": value, "decimals": decimals, "rule": row.rule,
                           "claim_lo": claim.lo, "claim_hi": claim.hi, "reading": ""}
    extra = f". {row.note}" if row.note else ""
    if rule.func is None:
        cls = getattr(row, "reason_class", "")
        out.update(recomputed=math.nan, as_printed=math.nan, lo=math.nan, hi=math.nan,
                   verdict="unverifiable", evidence="none", severity="",
                   note=f"Unverifiable ({cls}: {REASON_CLASSES.get(cls, '')}): "
                        f"{row.reason}{extra}")
        return out
    iv, exact, strict = _run(row.rule, row.args)
    verdict, evidence, why = _grade(row, claim, iv, strict, rule.kind)
    shown = point(exact)
    detail = f"As printed, {row.rule} gives {_fmt(exact)} (printed inputs allow {_fmt(iv)})"
    naive = Interval.printed(value, min(decimals, 15))
    if verdict == "holds" and row.approx in ("", "none") and not naive.contains(shown):
        detail += ("; it holds only within the rounding of the inputs"
                   " (a naive check would flag it)")
    judged_iv, judged_exact = iv, exact
    if row.reading_rule:
        out["reading"] = row.reading
        r_iv, r_exact, r_strict = _run(row.reading_rule, row.reading_args)
        r_verdict, _, _ = _grade(row, claim, r_iv, r_strict, RULES[row.reading_rule].kind)
        r_text = f"Read with {row.reading}, {row.reading_rule} gives {_fmt(r_exact)}"
        if verdict in ("holds", "not_contradicted"):
            detail += f". It passes as printed; the reading ({row.reading}) is not needed"
        elif r_verdict == "holds":
            verdict, evidence, why = "misworded", "value", ""
            judged_iv, judged_exact = r_iv, r_exact
            detail = f"{r_text}: holds only so. {detail}: fails"
        elif claim.overlaps(r_iv):
            weaker = _grade(row, claim, r_iv, r_strict, RULES[row.reading_rule].kind)[1]
            detail += (f". {r_text}, which passes only a weaker check ({weaker}) and cannot "
                       "confirm the reading")
        else:
            detail += f". {r_text}: fails too"
    sev = severity(verdict, conclusion, value, decimals, iv)
    if sev == "conclusion":
        why = (why + ". " if why else "") + f"Changes a conclusion of the report: {conclusion}"
    note = detail + (f". {why}" if why else "") + extra
    out.update(recomputed=point(judged_exact), as_printed=shown, lo=judged_iv.lo,
               hi=judged_iv.hi, verdict=verdict, evidence=evidence, severity=sev, note=note)
    return out


def audit(register: Path = REGISTER) -> pd.DataFrame:
    """One row per claim: where it is, reported vs recomputed, verdict, evidence, severity and a
    note saying why; the output columns first, then the extras."""
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
                     "evidence": res["evidence"], "severity": res["severity"],
                     "note": res["note"], "reading": res["reading"],
                     "as_printed": res["as_printed"], "basis": r.basis, "scope": r.scope,
                     "reason_class": r.reason_class, "rule": r.rule, "approx": r.approx,
                     "recomputed_lo": res["lo"], "recomputed_hi": res["hi"],
                     "claim_lo": res["claim_lo"], "claim_hi": res["claim_hi"]})
    df = pd.DataFrame(rows, columns=OUTPUT_COLUMNS + EXTRA_COLUMNS)
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
    """The claims the audit calls wrong or doubtful (misworded, contradicted, implausible,
    doubtful), in report order."""
    return df[df["verdict"].isin(list(verdicts))].sort_values(
        ["paragraph", "id"]).reset_index(drop=True)
