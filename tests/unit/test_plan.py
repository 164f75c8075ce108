"""How many notebooks a build runs at once when none is asked for."""

import pytest


@pytest.mark.parametrize(("cores", "kernels"), [(1, 2), (2, 3), (8, 9), (None, 2)])
def test_default_jobs_is_one_kernel_per_core_and_one_more(monkeypatch, cores, kernels):
    """A kernel waits during its start, its runner's messages and its stop: one more kernel
    than cores keeps every core busy then (an unknown core count counts as one)."""
    import os

    from reporting.plan import default_jobs

    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert default_jobs() == kernels
