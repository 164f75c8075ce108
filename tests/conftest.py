"""Shared fixtures: a scratch copy of data/ that a test may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.provenance import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temp folder; returns the copy's datapackage.json path."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst / "datapackage.json"
