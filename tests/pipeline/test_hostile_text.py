"""Text from data is text (issue 23, case 1): hostile markup in every free-text column of every
data file and in every title and description of the Data Package stays inert on every page.

One build of the whole project (en and zh) on a copy of the checkout whose data carry the
payload; then every page is opened in headless Chromium: no dialog may fire, no injected element
or attribute may be live (script, event handler, javascript: or injected link), and the payload
must be visible as text (so the test cannot pass by losing the data). Marked slow (tests/pipeline).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import require_browser

from analysis.provenance import PROJECT_ROOT

MARK = "HOSTILE"  # every payload carries it, so its text is found on the pages
# Script tag, event attribute, javascript: link (HTML and Markdown), a Markdown link, emphasis.
# No digits: numbers in a quote are what the audit reads.
PAYLOAD = (" <script>alert(document.domain)</script>"
           "<img src=x onerror=alert(document.domain) data-hostile>"
           '<a href="javascript:alert(document.domain)" data-hostile>HOSTILE-a</a>'
           " [HOSTILE-link](javascript:alert(document.domain))"
           " [HOSTILE-web](https://example.org/hostile) *HOSTILE-em*")
# Text columns whose values the code reads as keys, references, rules or units (each named by
# the Data Package's constraints or description); hostile text there is refused by validation
# or changes what is computed, which is not what this test is about. Every other string column
# of every file gets the payload.
MACHINE_READ = {
    "claims_register": {"reported", "unit", "rule", "args", "approx", "reading_rule",
                        "reading_args", "scope"},  # scope: 'partial: <why>' decides evidence
    "facts": {"unit"},
    "report_lists": {"items"},  # each item must stand verbatim in the quote
}
# Data Package text shown to readers: every title and description, and the source's table names.
DESCRIPTIVE_KEYS = {"title", "description", "table", "caption_zh"}


def free_text_columns(resource: dict[str, Any]) -> list[str]:
    """String columns of a resource that are free text: no enum or pattern, not a key, not
    machine-read (MACHINE_READ), not bound to another field (a table's unit equals x-series)."""
    schema = resource["schema"]
    keys = set(schema.get("primaryKey", []))
    skip = MACHINE_READ.get(resource["name"], set())
    out = []
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        if field.get("type") != "string" or {"enum", "pattern"} & set(constraints):
            continue
        if field["name"] in keys | skip or "must equal" in field.get("description", ""):
            continue
        out.append(field["name"])
    return out


def poison(value: Any, key: str = "") -> Any:
    """The Data Package with the payload appended to every title and description (recursively)."""
    if isinstance(value, dict):
        return {k: (v + PAYLOAD if k in DESCRIPTIVE_KEYS and isinstance(v, str) else poison(v, k))
                for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    return value


def poison_data(data_dir: Path) -> dict[str, list[str]]:
    """Append the payload to every free-text cell (non-empty) of every file and to every title
    and description of data_dir/datapackage.json; the columns poisoned, by file."""
    package_path = data_dir / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    done = {}
    for resource in package["resources"]:
        columns = free_text_columns(resource)
        if not columns:
            continue
        path = data_dir / resource["path"]
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        header = list(rows[0].keys())
        for row in rows:
            for c in columns:
                if row[c]:
                    row[c] += PAYLOAD
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8", newline="")
        done[resource["path"]] = columns
    package_path.write_text(json.dumps(poison(package), ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
    return done


# What a page may not have: a dialog, and an element or attribute that came from the data.
PAGE_CHECK = """() => {
  const live = [];
  for (const el of document.querySelectorAll('*')) {
    if (el.hasAttribute('data-hostile')) live.push('element ' + el.tagName + ' from data');
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) live.push(el.tagName + ' ' + a.name);
      if (/^\\s*javascript:/i.test(a.value)) live.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
    if (el.tagName === 'A' && /HOSTILE/.test(el.textContent)) live.push('link ' + el.href);
    if (el.tagName === 'EM' && /HOSTILE/.test(el.textContent)) live.push('emphasis from data');
    if (el.tagName === 'SCRIPT' && /alert/.test(el.textContent)) live.push('script from data');
  }
  return {live: live, text: document.body ? document.body.innerText : ''};
}"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The whole project built once (en, zh) from a copy of the checkout with poisoned data."""
    require_browser()
    copy = tmp_path_factory.mktemp("hostile") / "checkout"
    for name in ("notebooks", "data"):
        shutil.copytree(PROJECT_ROOT / name, copy / name,
                        ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copyfile(PROJECT_ROOT / name, copy / name)
    poisoned = poison_data(copy / "data")
    from reporting.pages import REPORT_TEXT_ENV, report_text_source

    text = report_text_source(PROJECT_ROOT)
    env = {**os.environ, REPORT_TEXT_ENV: str(text) if text else ""}
    out = subprocess.run(
        [sys.executable, "-m", "reporting", "--root", str(copy), "--notebooks-dir",
         str(copy / "notebooks"), "--reports-dir", str(copy / "reports"), "--labels", "en,zh"],
        capture_output=True, text=True, env=env, timeout=1800)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    return copy / "reports" / "latest", poisoned, out


def test_the_payload_reaches_every_free_text_column(hostile_build):
    _, poisoned, _ = hostile_build
    assert poisoned["claims.csv"] == ["section", "quote", "reason", "reading", "note", "conclusion"]
    assert poisoned["report/facts.csv"] == ["section", "quote", "note"]
    assert poisoned["report/lists.csv"] == ["section", "quote", "note"]


def test_hostile_text_in_the_data_is_inert_on_every_page(hostile_build):
    from reporting.browser import Browser

    latest, _, _ = hostile_build
    reports = latest.parent
    pages = [*sorted(latest.rglob("*.html")), reports / "index.html",
             *sorted((reports / "changes").glob("*.html"))]
    assert len(pages) >= 2 * 9, [p.name for p in pages]
    dialogs: list[str] = []
    problems: dict[str, list[str]] = {}
    shown = 0
    with Browser() as br:
        for path in pages:
            page = br.context.new_page()
            page.on("dialog", lambda d, p=path: (dialogs.append(f"{p.name}: {d.message}"),
                                                 d.dismiss()))
            try:
                page.goto(path.resolve().as_uri(), wait_until="load")
                found = page.evaluate(PAGE_CHECK)
            finally:
                page.close()
            if found["live"]:
                problems[str(path.relative_to(latest.parent))] = found["live"][:5]
            shown += found["text"].count("HOSTILE-link](javascript:")
    assert dialogs == [], dialogs
    assert problems == {}, problems
    assert shown > 0, "the hostile text never reached a page: the test proves nothing"


def test_the_hostile_build_warns_nothing(hostile_build):
    _, _, out = hostile_build
    assert "warning" not in out.stderr.lower() and "Traceback" not in out.stderr, \
        out.stderr[-2000:]
