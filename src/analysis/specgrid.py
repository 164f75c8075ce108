"""Specification grids: one headline computed under every choice a referee would vary.

Why (issue 18): a headline such as "2015 trade lay outside the 95 % prediction interval of its
trend" rests on one fit window, one functional form, one price basis and one data vintage among
several as defensible. A grid declares those choices in one place (`Dimension`), evaluates the
headline under every combination (`evaluate`, with an estimate function the section module
supplies), and reports what a reader needs (`summarise`): the chosen specification's value,
the range over the grid and in how many specifications the conclusion holds (k of n). Sentences
follow the grid: "robust" only where it holds in nearly all specifications (`NEARLY_ALL`),
otherwise they name what it depends on (`depends_on`).

The standard choices (`fit_windows`, `form_dimension`, `deflator_dimension`) are the ones issue
18 lists: every fit window of at least six years ending 2012-2014; log-linear, linear, squared
term and, for shares, a constant share; no deflator, China's PPI, GDP deflator or CPI (export and
import price indices are not in the data: `MISSING_DEFLATORS`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis import keyfigures
from analysis.labels import LABELS, label, t

__all__ = [
    "Dimension",
    "Estimate",
    "Summary",
    "NEARLY_ALL",
    "FIT_WINDOW_ENDS",
    "MIN_FIT_YEARS",
    "DEFLATORS",
    "MISSING_DEFLATORS",
    "fit_windows",
    "window_dimension",
    "form_dimension",
    "deflator_dimension",
    "evaluate",
    "dimensions_of",
    "summarise",
    "by_option",
    "depends_on",
    "summary_table",
    "k_of_n",
    "dimension_label",
    "option_label",
    "depends_words",
    "robustness_words",
    "GRID_SUFFIXES",
    "key_figures",
    "record",
]

NEARLY_ALL = 0.9  # "robust": the conclusion holds in at least this share of the specifications
FIT_WINDOW_ENDS = (2012, 2013, 2014)  # last years of the fit windows a referee would try
MIN_FIT_YEARS = 6  # shortest fit window (years)
DEFLATORS = ("none", "china_ppi", "china_gdp_deflator", "china_cpi")  # resource names in data/
# Price indices a referee would prefer for trade, which the data do not have (said in the text).
MISSING_DEFLATORS = ("export_price_index", "import_price_index")
_VALUE_COLUMNS = ("value", "low", "high", "holds", "chosen")


@dataclass(frozen=True)
class Dimension:
    """One choice of a specification: its name (a label key), its options, the chosen one."""

    name: str
    options: tuple[Hashable, ...]
    chosen: Hashable

    def __post_init__(self) -> None:
        if not self.options:
            raise ValueError(f"dimension {self.name!r} has no options")
        if len(set(self.options)) != len(self.options):
            raise ValueError(f"dimension {self.name!r} lists an option twice: {self.options}")
        if self.chosen not in self.options:
            raise ValueError(f"dimension {self.name!r}: chosen {self.chosen!r} is not among its "
                             f"options {self.options}")
        if self.name in _VALUE_COLUMNS:
            raise ValueError(f"dimension name {self.name!r} is reserved for a result column")


@dataclass(frozen=True)
class Estimate:
    """A headline under one specification: its value, the interval around it (NaN if it has
    none) and whether the conclusion holds under that specification."""

    value: float
    low: float
    high: float
    holds: bool


def fit_windows(first: int, ends: Sequence[int] = FIT_WINDOW_ENDS,
                min_years: int = MIN_FIT_YEARS, before: int | None = None) -> tuple[tuple[int, int],
                                                                                    ...]:
    """Every fit window (start, end) with end in ``ends``, start >= ``first`` and at least
    ``min_years`` years; ``before`` drops windows that do not end before that year (a year
    cannot be judged against a trend fitted on it)."""
    out = tuple((start, end) for end in ends if before is None or end < before
                for start in range(first, end - min_years + 2))
    if not out:
        raise ValueError(f"no fit window of {min_years}+ years from {first} ending in {ends}"
                         + (f" before {before}" if before is not None else ""))
    return out


def window_dimension(first: int, chosen: tuple[int, int], before: int | None = None,
                     ends: Sequence[int] = FIT_WINDOW_ENDS) -> Dimension:
    """The fit-window choice: `fit_windows` from ``first``, and ``chosen`` (added at the end
    if a notebook parameter picks a window outside the standard set)."""
    windows = fit_windows(first, ends, before=before)
    chosen = (int(chosen[0]), int(chosen[1]))
    return Dimension("fit_window", windows if chosen in windows else (*windows, chosen), chosen)


def form_dimension(chosen: str = "log_linear", share: bool = False) -> Dimension:
    """The functional-form choice (`analysis.trendgap` forms); a share adds a constant share."""
    forms = ("log_linear", "linear", "quadratic") + (("constant",) if share else ())
    return Dimension("trend_form", forms, chosen)


def deflator_dimension(chosen: str = "none") -> Dimension:
    """The price-basis choice: nominal or deflated by one of China's indices (`DEFLATORS`)."""
    return Dimension("deflator", DEFLATORS, chosen)


def evaluate(dimensions: Sequence[Dimension],
             estimate: Callable[..., Estimate]) -> pd.DataFrame:
    """The headline under every combination of the dimensions' options.

    ``estimate`` is called with one keyword argument per dimension (its name, the option) and
    returns an `Estimate`. One row per specification: a column per dimension, then value, low,
    high, holds, and chosen (True on the one row where every dimension takes its chosen option).
    """
    names = [d.name for d in dimensions]
    if len(set(names)) != len(names):
        raise ValueError(f"a dimension is declared twice: {names}")
    rows = []
    for combo in itertools.product(*(d.options for d in dimensions)):
        e = estimate(**dict(zip(names, combo, strict=True)))
        rows.append([*combo, float(e.value), float(e.low), float(e.high), bool(e.holds),
                     all(c == d.chosen for c, d in zip(combo, dimensions, strict=True))])
    return pd.DataFrame(rows, columns=[*names, *_VALUE_COLUMNS])


def dimensions_of(frame: pd.DataFrame) -> list[str]:
    """The dimension columns of an `evaluate` frame, in declared order."""
    return [c for c in frame.columns if c not in _VALUE_COLUMNS]


@dataclass(frozen=True)
class Summary:
    """What a reader needs from a grid: the chosen specification's value (and interval and
    verdict), the range of the value over the grid, and in k of n specifications it holds."""

    chosen: float
    chosen_low: float
    chosen_high: float
    chosen_holds: bool
    low: float
    high: float
    k: int
    n: int

    @property
    def share(self) -> float:
        """Share of the specifications in which the conclusion holds."""
        return self.k / self.n

    @property
    def robust(self) -> bool:
        """Holds in the chosen specification and in nearly all others (`NEARLY_ALL`)."""
        return self.chosen_holds and self.share >= NEARLY_ALL


def summarise(frame: pd.DataFrame) -> Summary:
    """`Summary` of an `evaluate` frame (exactly one row must be the chosen specification)."""
    chosen = frame[frame["chosen"]]
    if len(chosen) != 1:
        raise ValueError(f"a grid needs exactly one chosen specification, found {len(chosen)}")
    row = chosen.iloc[0]
    return Summary(chosen=float(row["value"]), chosen_low=float(row["low"]),
                   chosen_high=float(row["high"]), chosen_holds=bool(row["holds"]),
                   low=float(frame["value"].min()), high=float(frame["value"].max()),
                   k=int(frame["holds"].sum()), n=len(frame))


def by_option(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Per option of ``dimension``: lowest and highest value over its specifications
    (grid_min, grid_max), in how many the conclusion holds (holds_in) and how many there are
    (specifications): the columns of `summary_table`."""
    grouped = frame.groupby(dimension, sort=False)
    return pd.DataFrame({"grid_min": grouped["value"].min(), "grid_max": grouped["value"].max(),
                         "holds_in": grouped["holds"].sum().astype(int),
                         "specifications": grouped.size()})


MATTERS = 0.5  # a dimension matters when its options' shares of holding differ by this much


def depends_on(frame: pd.DataFrame) -> list[tuple[str, Hashable]]:
    """What the conclusion depends on: in each dimension that matters (its options' shares of
    specifications in which the conclusion holds differ by at least `MATTERS`), the options on
    the minority side: where it fails, if it holds in at least half the grid; else where it
    holds."""
    majority_holds = summarise(frame).share >= 0.5
    out = []
    for dim in dimensions_of(frame):
        table = by_option(frame, dim)
        share = table["holds_in"] / table["specifications"]
        if share.max() - share.min() < MATTERS:
            continue
        minority = share < 0.5 if majority_holds else share > 0.5
        out += [(dim, option) for option in share.index[minority]]
    return out


def summary_table(summaries: Mapping[str, Summary]) -> pd.DataFrame:
    """One row per headline: chosen value with its interval, range over the grid, k, n."""
    return pd.DataFrame.from_dict(
        {name: {"chosen_value": s.chosen, "chosen_low": s.chosen_low,
                "chosen_high": s.chosen_high, "grid_min": s.low, "grid_max": s.high,
                "holds_in": s.k, "specifications": s.n} for name, s in summaries.items()},
        orient="index")


def k_of_n(summary: Summary, lang: str) -> str:
    """'in 150 of 216 specifications' / '在216个设定中的150个' (the grid's count, in words)."""
    return t("k_of_n_specifications", lang, k=summary.k, n=summary.n)


def dimension_label(name: str, lang: str) -> str:
    """A dimension's label ('Fit window' / '拟合区间'): label key ``dimension_<name>``, else the
    name's own label."""
    key = f"dimension_{name}"
    return t(key, lang) if key in LABELS else label(name, lang)


def option_label(dimension: str, option: Hashable, lang: str) -> str:
    """An option's label: a fit window (2006, 2013) reads '2006-2013'; else the label key
    ``option_<dimension>_<option>``, else the option's own label."""
    if isinstance(option, tuple) and len(option) == 2:
        return f"{option[0]}-{option[1]}"
    key = f"option_{dimension}_{option}"
    return t(key, lang) if key in LABELS else label(option, lang)


def depends_words(frame: pd.DataFrame, lang: str) -> str:
    """What the conclusion depends on (`depends_on`), grouped by dimension, with each option's
    count: 'Functional form: Squared term (logs) (0 of 72); Fit window: 2006-2012 (6 of 24)'."""
    parts: dict[str, list[str]] = {}
    tables: dict[str, pd.DataFrame] = {}
    for dim, option in depends_on(frame):
        table = tables.setdefault(dim, by_option(frame, dim))
        count = t("k_of_n_short", lang, k=int(table.at[option, "holds_in"]),
                  n=int(table.at[option, "specifications"]))
        parts.setdefault(dim, []).append(f"{option_label(dim, option, lang)} ({count})"
                                         if lang == "en" else
                                         f"{option_label(dim, option, lang)}（{count}）")
    colon, comma, semi = (": ", ", ", "; ") if lang == "en" else ("：", "、", "；")
    return semi.join(f"{dimension_label(d, lang)}{colon}{comma.join(o)}"
                     for d, o in parts.items())


def robustness_words(frame: pd.DataFrame, lang: str) -> str:
    """The grid's verdict on a conclusion in words: robust (nearly all specifications); or in
    how many it holds and under which choices it fails (or, if it holds in fewer than half,
    under which it holds); prefixed when the chosen specification itself fails."""
    s = summarise(frame)
    count = k_of_n(s, lang)
    if s.robust:
        return t("grid_robust", lang, count=count)
    depends = depends_words(frame, lang)
    if not depends:
        words = t("grid_no_single_choice", lang, count=count)
    else:
        words = t("grid_fails_under" if s.share >= 0.5 else "grid_holds_under", lang,
                  count=count, depends=depends)
    return words if s.chosen_holds else t("grid_not_chosen", lang, rest=words)


# Key figures of a headline: its name for the chosen value, then the grid's range and count.
GRID_SUFFIXES = ("", "_grid_min", "_grid_max", "_grid_k", "_grid_n")


def key_figures(name: str, summary: Summary, unit: str, label: str,
                conclusion: str) -> list[tuple[str, float, str, str]]:
    """(name, value, unit, label) of a headline's key figures: the chosen specification's
    value as ``name``, the lowest and highest over the grid (``name_grid_min``/``_grid_max``),
    and k and n (``name_grid_k``/``_grid_n``: in k of n specifications ``conclusion`` holds).

    ``label`` says what the value is ("Liaoning's total trade in 2015 against its trend"),
    ``conclusion`` what holds ("2015 lies below the 95 % prediction interval")."""
    return [
        (name, summary.chosen, unit, f"{label} (chosen specification)"),
        (f"{name}_grid_min", summary.low, unit, f"{label}: lowest over the specification grid"),
        (f"{name}_grid_max", summary.high, unit, f"{label}: highest over the specification grid"),
        (f"{name}_grid_k", float(summary.k), "specifications",
         f"{label}: specifications in which {conclusion}"),
        (f"{name}_grid_n", float(summary.n), "specifications",
         f"{label}: specifications in the grid"),
    ]


def record(name: str, summary: Summary, unit: str, label: str, conclusion: str) -> None:
    """Record a headline's key figures (`key_figures`) for the reports index."""
    for entry in key_figures(name, summary, unit, label, conclusion):
        keyfigures.record(*entry)
