"""A wheel built from the tree holds every module of both packages and every template (a module
left out of a wheel, as a `build/` folder once was, fails here)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest

from analysis.provenance import PROJECT_ROOT


def _uv() -> str:
    found = shutil.which("uv") or str(PROJECT_ROOT / ".tools" / "bin" / "uv")
    if not shutil.which(found):
        pytest.skip("uv is not installed (make bootstraps it into .tools/)")
    return found


def test_the_wheel_contains_every_module_and_template(tmp_path):
    out = subprocess.run([_uv(), "build", "--wheel", "--out-dir", str(tmp_path), "--quiet",
                          str(PROJECT_ROOT)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    tree = {p.relative_to(PROJECT_ROOT / "src").as_posix()
            for pkg in ("analysis", "reporting") for p in (PROJECT_ROOT / "src" / pkg).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}
    missing = sorted(tree - names)
    assert not missing, f"left out of the wheel: {missing}"
