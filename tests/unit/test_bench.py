"""The bench's schedule (reporting.bench.in_turns): the naive chain's reports cut into one run
before each clean build, in order, none lost or repeated."""

from __future__ import annotations

from reporting.bench import in_turns


def test_fourteen_reports_in_three_turns_keep_their_order():
    reports = list(range(14))
    turns = in_turns(reports, 3)
    assert [len(t) for t in turns] == [5, 5, 4]
    assert [r for t in turns for r in t] == reports


def test_turns_never_lose_or_repeat_a_report():
    for n in range(8):
        for k in range(1, 6):
            turns = in_turns(list(range(n)), k)
            assert len(turns) == k
            assert [r for t in turns for r in t] == list(range(n))
            assert max(map(len, turns)) - min(map(len, turns)) <= 1


def test_the_snapshot_builds_what_make_reports_builds(tmp_path):
    """The bench's copy keeps the article's outline and jupytext's settings beside the
    notebooks (without the outline, the article had one section per notebook)."""
    from reporting.bench import snapshot

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01_a.py", "article.toml", "jupytext.toml", "01_a.ipynb"):
        (notebooks / name).write_text("x = 1\n", encoding="utf-8")
    snap = snapshot(notebooks, tmp_path / "work")
    assert sorted(p.name for p in (snap / "notebooks").iterdir()) == [
        "01_a.py", "article.toml", "jupytext.toml"]
    assert (snap / "data" / "datapackage.json").is_file()
