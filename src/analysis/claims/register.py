"""The claims register (`data/claims.csv`): loading with clear errors, and its references to data.

A reference is `fact:<id>` (a number of the text, `data/report/facts.csv`), `list:<id>` (a list
the text gives, `data/report/lists.csv`: its items, each verbatim in the quote),
`<resource>:<column>:<key>` (a table cell; key: year, "partner/year", a period label, or a year
range "2006-2015" for a whole series), or, for a statement without a number (direction, rank,
completeness), `says:<n>`: what its wording asserts, as a count or a yes (1) / no (0).

`@<d>` after a reference reads it with a precision other than its digits show (`@-1`: rounded to
the nearest 10); `@exact` marks a definitional number (a threshold such as 超过1亿元).

Each row also says what its evidence is (`basis`), whether its check covers the whole sentence
(`scope`), why nothing can check it (`reason_class`, unverifiable rows) and, for a finding that
changes an economic conclusion of the report, which one (`conclusion`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import data, datareads
from analysis.provenance import DATA_DIR
from analysis.rounding import Interval, printed_value

from .catalogue import RULES
from .rules import INF

REGISTER = DATA_DIR / "claims.csv"
REGISTER_COLUMNS = ["id", "section", "paragraph", "quote", "reported", "unit", "rule", "args",
                    "approx", "reason", "reading", "reading_rule", "reading_args", "note",
                    "basis", "scope", "reason_class", "conclusion"]
EXACT = 99  # "@exact": a definitional number, not a rounded one
SAYS = "says:"
LIST = "list:"
CNY_USD_TOLERANCE = 0.005  # yuan per dollar: IMF vs NBS yearbook annual averages

# What the evidence of a row is, relative to the sentence it checks. `report`: the report's own
# numbers; `same_source`: an external series of the same concept and vintage as the report's.
# The other three can never show the report wrong (verdict other_vintage_or_source on a failure,
# not_contradicted on agreement).
BASES = {
    "report": "the report's own numbers",
    "same_source": "an external series of the same concept and vintage (data/external)",
    "other_vintage": "another vintage of the same concept (a later revision, or a first release)",
    "other_concept": "a proxy of another concept (another coverage, another event, another unit)",
    "unstated_date": "a conversion at a date the report does not state (checked at an annual "
                     "mean rate)",
}
WEAK_BASES = ("other_vintage", "other_concept", "unstated_date")
PARTIAL = "partial:"  # scope: the check covers only part of what the sentence says, and why

# Why nothing can check an unverifiable row (one class each; the `reason` says it in full).
REASON_CLASSES = {
    "single_mention": "stated only here: no other paragraph, table or series bears on it",
    "not_in_data": "public statistics would settle it, but neither the report nor data/external "
                   "holds them",
    "literature_or_norm": "a norm or a literature figure about other places or times",
    "base_not_printed": "a change or multiple whose base the report prints nowhere",
    "mixed_vintages_only": "only a mixture of vintages could be formed",
    "judgement": "an assessment or a figure of speech, not a measurement",
}

APPROX_ABOUT = ("约", "左右", "大约")
APPROX_NEARLY = ("近",)
APPROX_MORE_THAN = ("以上", "超过", "多")
APPROX_LESS_THAN = ("不足",)
ABOUT_REL = 0.10  # 约/左右/大约: ± 10 % of the stated value
NEARLY_REL = 0.10  # 近: down to 10 % below the stated value


class RegisterError(ValueError):
    """Bad claims register: names file, row, column and the rule broken."""


def claim_interval(value: float, decimals: int, approx: str = "") -> Interval:
    """Interval a printed claim stands for: its rounding, widened by its hedge word."""
    iv = Interval.exact(value) if decimals == EXACT else Interval.printed(value, decimals)
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


def _split_precision(ref: str) -> tuple[str, int | None]:
    """'fact:x@-1' -> ('fact:x', -1): a precision other than the digits show."""
    if "@" in ref:
        base, dec = ref.rsplit("@", 1)
        return base, EXACT if dec == "exact" else int(dec)
    return ref, None


def _key(df: pd.DataFrame, text: str) -> Any:
    if "/" in text:
        partner, year = text.split("/")
        return (partner, int(year))
    return int(text) if df.index.dtype.kind in "iu" else text


def _cell(df: pd.DataFrame, column: str, key: Any, exact: bool, name: str,
          precision: int | None = None, widen_rates: bool = True) -> Interval:
    value, dec = printed_value(df, column, key, precision)
    if exact or dec == EXACT:
        return Interval.exact(value)
    iv = Interval.printed(value, dec)
    if name == "cny_usd" and widen_rates:
        iv = iv.widen(abs=CNY_USD_TOLERANCE)
    return iv


def _locate(ref: str) -> tuple[pd.DataFrame, str, str, str]:
    """Frame, resource name, column and key text of a fact or table reference."""
    if ref.startswith("fact:"):
        fid = ref[5:]
        facts = data.read_only("facts")
        if fid not in facts.index:
            raise KeyError(f"no fact {fid!r} in data/report/facts.csv")
        return facts, "facts", "value", fid
    parts = ref.split(":")
    if len(parts) != 3:
        raise ValueError(f"reference {ref!r} is neither fact:<id>, list:<id>, says:<n> nor "
                         "<resource>:<column>:<key>")
    name, column, key = parts
    df = data.read_only(name)
    if column not in df.columns:
        raise KeyError(f"reference {ref!r}: {name} has no column {column!r}")
    return df, name, column, key


def _is_span(key: str) -> bool:
    return "/" not in key and "-" in key and key[:4].isdigit() and key[5:].isdigit()


def listed_items(list_id: str) -> tuple[str, ...]:
    """Items of a list the text gives (data/report/lists.csv), each checked verbatim in its quote,
    in order: the count is the text's, never typed."""
    lists = data.read_only("report_lists")
    if list_id not in lists.index:
        raise KeyError(f"no list {list_id!r} in data/report/lists.csv")
    row = lists.loc[list_id]
    items = tuple(i.strip() for i in row["items"].split("|"))
    at = 0
    for i, item in enumerate(items):
        found = row["quote"].find(item, at) if item else -1
        if found < 0:
            row_no = list(lists.index).index(list_id) + 2
            raise RegisterError(f"data/report/lists.csv, row {row_no}, column 'items': rule "
                                f"'each item verbatim in the quote, in order': item {i + 1} "
                                f"{item!r} of list {list_id!r}")
        at = found + len(item)
    return items


def resolve(ref: Any, exact: bool = False, widen_rates: bool = True) -> Any:
    """Value(s) a register reference stands for: Interval, dict of Intervals, list, items or a
    number. `widen_rates=False` reads exchange rates at their printed precision only."""
    if isinstance(ref, int | float):
        return ref
    if isinstance(ref, list):
        return [resolve(r, exact, widen_rates) for r in ref]
    if not isinstance(ref, str):
        raise ValueError(f"cannot resolve reference {ref!r}")
    ref, precision = _split_precision(ref)
    if ref.startswith(SAYS):
        return Interval.exact(float(ref[len(SAYS):]))
    if ref.startswith(LIST):
        return listed_items(ref[len(LIST):])
    df, name, column, key = _locate(ref)
    if name == "facts":
        return _cell(df, column, key, exact, name, precision)
    if _is_span(key):
        lo, hi = (int(x) for x in key.split("-"))
        return {y: _cell(df, column, y, exact, name, precision, widen_rates)
                for y in range(lo, hi + 1)}
    k = _key(df, key)
    if k not in df.index:
        raise KeyError(f"reference {ref!r}: {name} has no row {key!r}")
    return _cell(df, column, k, exact, name, precision, widen_rates)


def reported_value(ref: str) -> tuple[float, int]:
    """Printed value and decimals (or the register's precision) of a claim; `says:` is exact."""
    ref, precision = _split_precision(ref)
    if ref.startswith(SAYS):
        return float(ref[len(SAYS):]), EXACT
    df, name, column, key = _locate(ref)
    k = key if name == "facts" else _key(df, key)
    return printed_value(df, column, k, precision)


def leaves(obj: Any) -> Iterator[Any]:
    """Every leaf value of a parsed JSON argument object (nested lists and dicts walked)."""
    if isinstance(obj, dict):
        for v in obj.values():
            yield from leaves(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from leaves(v)
    else:
        yield obj


def references(args_text: str) -> list[str]:
    """Every data reference in a JSON argument text (facts, lists, table cells; not says:)."""
    args = json.loads(args_text) if args_text.strip() else {}
    return [_split_precision(v)[0] for v in leaves(args)
            if isinstance(v, str) and not v.startswith(SAYS)]


def external_references(args_text: str) -> list[str]:
    """The references of an argument text that read data/external (labelled external)."""
    out = []
    for ref in references(args_text):
        if ref.startswith(("fact:", LIST)):
            continue
        name = ref.split(":")[0]
        if data.source(name).get("external"):
            out.append(ref)
    return out


def _problems(path: Path, raw: pd.DataFrame) -> list[str]:
    problems: list[str] = []
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
        elif r.rule == "unverifiable":
            if not r.reason.strip():
                bad("reason", "unverifiable needs a reason", "empty")
            if r.reason_class not in REASON_CLASSES:
                bad("reason_class", "unverifiable needs a known reason class",
                    f"{r.reason_class!r}; known: {', '.join(REASON_CLASSES)}")
        elif r.reason_class:
            bad("reason_class", "only unverifiable rows have a reason class", r.reason_class)
        if r.reading_rule and r.reading_rule not in RULES:
            bad("reading_rule", "known rule", f"{r.reading_rule!r}")
        if bool(r.reading_rule.strip()) != bool(r.reading.strip()) and r.reading_rule.strip():
            bad("reading", "a reading rule names its correction", "empty")
        if r.basis and r.basis not in BASES:
            bad("basis", "known basis", f"{r.basis!r}; known: {', '.join(BASES)}")
        if r.scope and not r.scope.startswith(PARTIAL):
            bad("scope", "empty (the whole sentence) or 'partial: <why>'", repr(r.scope))
        for col in ("args", "reading_args"):
            text = getattr(r, col)
            try:
                args = json.loads(text) if text.strip() else {}
                if not isinstance(args, dict):
                    bad(col, "JSON object", text)
                elif r.basis in ("", "report") and external_references(text):
                    bad("basis", "a row reading data/external states its basis",
                        f"{col} reads {external_references(text)[0]!r}; say same_source, "
                        "other_vintage, other_concept or unstated_date")
            except json.JSONDecodeError as exc:
                bad(col, "valid JSON", str(exc))
        if not r.reported.strip():
            bad("reported", "reference to the printed value", "empty")
        try:
            claim_interval(1.0, 0, r.approx)
        except ValueError as exc:
            bad("approx", "known hedge word", str(exc))
    return problems


def load_register(path: Path = REGISTER) -> pd.DataFrame:
    """The claims register, checked: raises RegisterError naming file, row, column and rule."""
    path = Path(path)
    text = path.read_bytes()
    datareads.note(path, text)  # the build keys the audit on the files it read
    raw = pd.read_csv(io.BytesIO(text), dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in REGISTER_COLUMNS if c not in raw.columns]
    if missing:
        raise RegisterError(f"{path.name}: missing column(s) {', '.join(missing)}")
    problems = _problems(path, raw)
    if problems:
        raise RegisterError(f"{len(problems)} register problem(s):\n  " + "\n  ".join(problems))
    raw["paragraph"] = raw["paragraph"].astype(int)
    raw["basis"] = raw["basis"].replace("", "report")
    return raw
