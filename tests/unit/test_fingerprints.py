"""What shapes a report is derived, not listed by hand: every machinery module is classified."""

from __future__ import annotations

import reporting.fingerprints as fp


def _modules() -> set[str]:
    return {p.stem for p in fp.MACHINERY_DIR.glob("*.py")}


def test_every_machinery_module_is_shaping_or_declared_not_shaping():
    shaping = {p.stem for p in fp.shaping_modules() if p.suffix == ".py"}
    declared = set(fp.NOT_SHAPING)
    both = shaping & declared
    assert not both, f"declared not shaping but imported by a root: {both}"
    unclassified = _modules() - shaping - declared
    assert not unclassified, (
        f"{sorted(unclassified)}: neither imported by {fp.SHAPING_ROOTS} nor in NOT_SHAPING; "
        "say in reporting/fingerprints.py whether it changes a report's content")
    assert not declared - _modules(), f"NOT_SHAPING names no module: {declared - _modules()}"


def test_an_import_added_to_a_root_makes_the_module_shaping(tmp_path):
    pkg = tmp_path / "reporting"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for root in fp.SHAPING_ROOTS:
        (pkg / f"{root}.py").write_text("")
    (pkg / "helper.py").write_text("")
    (pkg / "other.py").write_text("")
    fp.shaping_modules.cache_clear()
    before = {p.name for p in fp.shaping_modules(pkg)}
    (pkg / "render.py").write_text("from reporting.helper import x\n")
    fp.shaping_modules.cache_clear()
    after = {p.name for p in fp.shaping_modules(pkg)}
    fp.shaping_modules.cache_clear()
    assert "helper.py" not in before and "helper.py" in after
    assert "other.py" not in after


def test_the_templates_and_the_package_face_always_shape():
    names = {p.name for p in fp.shaping_modules()}
    assert {"__init__.py", "index.html.j2", "matplotlibrc"} <= names


def test_a_module_edited_in_the_same_process_is_scanned_again(tmp_path):
    # the closure remembers each file's imports only while its inode, size and times stay
    pkg = tmp_path / "analysis"
    pkg.mkdir()
    for name, text in {"__init__.py": "", "a.py": "from analysis import b\n", "b.py": "",
                       "c.py": ""}.items():
        (pkg / name).write_text(text)
    notebook = "from analysis import a\n"
    machinery = tmp_path / "reporting"  # no machinery: only the package's closure counts
    machinery.mkdir()
    before = {p.name for p in fp.package_dependencies_of(notebook, pkg, machinery)}
    (pkg / "a.py").write_text("from analysis import c\n")  # same size: the times tell
    after = {p.name for p in fp.package_dependencies_of(notebook, pkg, machinery)}
    fp.shaping_modules.cache_clear()
    assert before == {"__init__.py", "a.py", "b.py"}
    assert after == {"__init__.py", "a.py", "c.py"}


def test_a_tree_listed_again_in_the_same_process_shows_every_change(tmp_path):
    # tree_files remembers a listing while none of its folders changes
    def listed() -> list[str]:
        return [p.relative_to(tmp_path).as_posix() for p in fp.tree_files(tmp_path)]

    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "x.csv").write_text("1")
    (tmp_path / "top.csv").write_text("0")
    assert listed() == ["top.csv", "a/b/x.csv"]
    (deep / "y.csv").write_text("2")
    assert listed() == ["top.csv", "a/b/x.csv", "a/b/y.csv"]
    (deep / "x.csv").rename(deep / "z.csv")
    assert listed() == ["top.csv", "a/b/y.csv", "a/b/z.csv"]
    (tmp_path / "a" / "c").mkdir()
    (tmp_path / "a" / "c" / "w.csv").write_text("3")
    assert listed() == ["top.csv", "a/b/y.csv", "a/b/z.csv", "a/c/w.csv"]
    (deep / "y.csv").unlink()
    for hidden in (".h.csv", "m.pyc"):
        (deep / hidden).write_text("")
    (deep / "__pycache__").mkdir()
    (deep / "__pycache__" / "m.py").write_text("")
    assert listed() == ["top.csv", "a/b/z.csv", "a/c/w.csv"]
