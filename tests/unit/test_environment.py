"""environment.yml (conda/Binder) installs the same package and dependencies as pyproject.toml."""

from __future__ import annotations

import re
import tomllib

import yaml

from analysis.provenance import PROJECT_ROOT


def _split(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$", req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))
    wanted = dict(_split(r) for r in project["project"]["dependencies"])
    wanted.update(_split(r) for r in project["dependency-groups"]["dev"])
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text("utf-8"))
    conda = {}
    pip: list[str] = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip += dep["pip"]
        else:
            name, spec = _split(dep.replace("=", "==", 1) if re.match(r"^python=\d", dep) else dep)
            conda[name] = spec
    assert "-e ." in pip, "environment.yml must install the project itself (pip: -e .)"
    # a package conda-forge lacks (a wheel carrying a binary) comes from pip, with the same spec
    conda.update(_split(p) for p in pip if p != "-e .")
    missing = {n: s for n, s in wanted.items() if n not in conda}
    assert not missing, f"in pyproject.toml but not environment.yml: {missing}"
    differing = {n: (s, conda[n]) for n, s in wanted.items() if conda[n] != s}
    assert not differing, f"version specifiers differ (pyproject, environment.yml): {differing}"
    py = project["project"]["requires-python"]
    assert conda["python"].lstrip("=") in {"3.11", "3.12", "3.13"} and ">=3.11" in py
