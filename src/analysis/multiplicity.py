"""Multiplicity: how many tests a notebook runs, with Holm-adjusted p-values beside the raw ones.

Why (issue 18, point 10): a notebook that runs three Chow tests and fifteen prediction-interval
checks and quotes the smallest p-values overstates the evidence. Holm's step-down adjustment
controls the chance of any false rejection among the tests a notebook reports, without
assuming they are independent (the same fit enters several of them). The adjustment is
statsmodels' (`multipletests`, method "holm").
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from statsmodels.stats.multitest import multipletests

__all__ = ["holm"]


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
    reject, adjusted, _, _ = multipletests(p.to_numpy(), alpha=alpha, method="holm")
    frame["p_holm"] = adjusted
    frame["below_alpha"] = p < alpha
    frame["below_alpha_holm"] = reject
    return frame
