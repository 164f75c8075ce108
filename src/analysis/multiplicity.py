"""Multiplicity: how many tests a notebook runs, with Holm-adjusted p-values beside the raw ones.

Why (issue 18, point 10): a notebook that runs three Chow tests and fifteen prediction-interval
checks and quotes the smallest p-values overstates the evidence. Holm's step-down adjustment
controls the chance of any false rejection among the tests a notebook reports, without
assuming they are independent (the same fit enters several of them). The adjustment is
statsmodels' (`multipletests`, method "holm"), computed as it computes it (`step_down`) but
without the full garbage collection its Holm branch forces on every call (in a kernel that
holds a notebook's figures and frames, each took tens of milliseconds); a test checks the two
agree exactly.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = ["holm", "step_down"]


def step_down(p: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """(reject, adjusted p) of Holm's step-down, in the order given: statsmodels'
    multipletests(method="holm") step for step (sorted with argsort, each p times the number
    of tests not yet passed, running maximum, at most 1; rejections stop at the first p above
    alpha over that number)."""
    order = np.argsort(p)
    ranked = p[order]
    left = np.arange(len(p), 0, -1)
    keep = ranked > alpha / left
    if keep.any():
        keep[np.nonzero(keep)[0].min():] = True
    adjusted = np.minimum(np.maximum.accumulate(ranked * left), 1.0)
    reject, out = np.empty(len(p), dtype=bool), np.empty(len(p))
    reject[order], out[order] = ~keep, adjusted
    return reject, out


def holm(p_values: Mapping[str, float] | pd.Series | pd.DataFrame,
         alpha: float = 0.05) -> pd.DataFrame:
    """Raw and Holm-adjusted p-values, one row per test in the order given.

    ``p_values``: test name -> p, or a frame of tests with a ``p_value`` column (its other
    columns kept in front). Added columns: p_holm, below_alpha, below_alpha_holm (p < alpha).
    """
    frame = (p_values.copy() if isinstance(p_values, pd.DataFrame)
             else pd.DataFrame({"p_value": pd.Series(p_values, dtype=float)}))
    if frame.empty:
        raise ValueError("holm: no p-values given")
    p = frame["p_value"].astype(float)
    bad = p[(p < 0) | (p > 1) | p.isna()]
    if len(bad):
        raise ValueError(f"holm: p-values must lie in [0, 1]; got {bad.to_dict()}")
    reject, adjusted = step_down(p.to_numpy(), alpha)
    frame["p_holm"] = adjusted
    frame["below_alpha"] = p < alpha
    frame["below_alpha_holm"] = reject
    return frame
