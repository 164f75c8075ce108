"""Holm's adjustment (analysis.multiplicity) against a hand computation."""

import pandas as pd
import pytest

from analysis.multiplicity import holm


def test_holm_matches_hand_step_down():
    # sorted: d 0.005, a 0.01, c 0.03, b 0.04; times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04;
    # made monotone: 0.02, 0.03, 0.06, 0.06.
    out = holm({"a": 0.01, "b": 0.04, "c": 0.03, "d": 0.005})
    assert list(out.index) == ["a", "b", "c", "d"]
    assert out["p_holm"].tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert out["below_alpha"].tolist() == [True, True, True, True]
    assert out["below_alpha_holm"].tolist() == [True, False, False, True]


def test_one_test_is_not_adjusted_and_bad_p_values_are_refused():
    assert holm({"only": 0.03})["p_holm"].tolist() == pytest.approx([0.03])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        holm({"a": 1.2})
    with pytest.raises(ValueError, match="no p-values"):
        holm({})


def test_a_frame_of_tests_keeps_its_columns():
    tests = pd.DataFrame({"series": ["x", "y"], "p_value": [0.01, 0.04]})
    out = holm(tests)
    assert list(out.columns) == ["series", "p_value", "p_holm", "below_alpha", "below_alpha_holm"]
    assert out["p_holm"].tolist() == pytest.approx([0.02, 0.04])
    assert "p_holm" not in tests.columns  # the input is not changed


def test_step_down_is_statsmodels_holm_exactly():
    """Holm's adjustment as statsmodels' multipletests computes it (ties, ones, zeros, p-values
    on the alpha boundary), without the garbage collection it forces."""
    import numpy as np
    from statsmodels.stats.multitest import multipletests

    from analysis.multiplicity import step_down

    rng = np.random.default_rng(7)
    cases = [rng.uniform(0, 1, n) for n in (1, 2, 5, 18, 78)]
    cases += [rng.uniform(0, 0.02, 30), np.array([0.01, 0.01, 0.04, 0.0, 1.0]),
              np.array([0.05 / 3, 0.05 / 2, 0.05]), np.round(rng.uniform(0, 0.1, 40), 2)]
    for p in cases:
        for alpha in (0.05, 0.1):
            want_reject, want_adjusted, _, _ = multipletests(p, alpha=alpha, method="holm")
            reject, adjusted = step_down(p, alpha)
            assert np.array_equal(reject, want_reject) and np.array_equal(adjusted,
                                                                          want_adjusted)
