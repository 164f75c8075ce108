"""The label table: one home, each key defined once, both languages filled."""

import ast

from analysis import labels
from analysis.provenance import PROJECT_ROOT

TABLES = PROJECT_ROOT / "src" / "analysis" / "labels"


def _keys(module: str) -> list[str]:
    """Keys of the dict literal in labels/<module>.py, duplicates kept (a dict hides them)."""
    tree = ast.parse((TABLES / f"{module}.py").read_text(encoding="utf-8"))
    table = next(n.value for n in ast.walk(tree) if isinstance(n, ast.AnnAssign))
    assert isinstance(table, ast.Dict)
    return [k.value for k in table.keys if isinstance(k, ast.Constant)]


def test_every_key_is_defined_once_across_the_table_modules():
    keys = _keys("common") + _keys("sections")
    duplicated = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicated, f"labels defined twice: {duplicated}"
    assert len(labels.LABELS) == len(keys)


def test_every_label_has_english_and_chinese():
    empty = [k for k, (en, zh) in labels.LABELS.items() if not en.strip() or not zh.strip()]
    assert not empty, empty
    assert labels.t("fig1", "zh") == "图 1：历史最低经济增长率"
