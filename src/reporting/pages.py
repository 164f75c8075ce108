"""The reviewers' pages of a version, written once its notebook reports are rendered.

`write_pages` is the build's one call into this wing (from `Builder._build`, just before the
version is published). In each label language it
- puts the shared header (section list, label-language switch) and prev/next into every notebook
  report (reporting.nav), and gives each row of the audit's register an anchor
  `claim-<id>`;
- writes article.html (reporting.article) and, where the report text is found,
  report-text.html (reporting.reporttext); where it is not, it says so in one line;
- writes every kept figure as figures/<figure-id>.png and .svg (reporting.figures);
- prints article.pdf from the article in headless Chromium (reporting.pdf; skipped with one
  line where Chromium is missing, a build error under CI) and converts it to article.docx
  with pandoc (reporting.docx).
A zh notebook report whose narrative is partly English says so at its top, in Chinese.
It returns the manifest's `pages` entry (which pages exist, the sections' titles) for the index.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import reporting.article as article
import reporting.nav as nav
import reporting.outline as outline
from reporting import bilingual
from reporting.profile import step

REPORT_TEXT_ENV = "LIAONING_REPORT_TEXT"  # folder (or file) of the report text; "" = none
PROVENANCE_PACKAGES = ("liaoning-rci-analysis", "nbconvert", "playwright")

_ROW = re.compile(r"<tr>(\s*(?:<th>[^<]*</th>\s*)?<td>([^<]+)</td>)")


def report_text_source(root: Path) -> Path | None:
    """The report text the build is pointed at: $LIAONING_REPORT_TEXT, else ../shared/report/
    beside the project root; a folder is searched for the report's file name, then any .txt."""
    from analysis.provenance import REPORT_FILE

    raw = os.environ.get(REPORT_TEXT_ENV)
    if raw == "":
        return None
    if raw:
        bases = [Path(raw)]
    else:  # beside the checkout, or beside the main checkout of a git worktree
        bases = [root.parent / "shared" / "report"]
        common = _git_common_dir(root)
        if common is not None:
            bases.append(common.parent.parent / "shared" / "report")
    for base in bases:
        if base.is_file():
            return base
        if base.is_dir():
            if (base / REPORT_FILE).is_file():
                return base / REPORT_FILE
            txt = sorted(base.glob("*.txt"))
            if txt:
                return txt[0]
    return None


def _git_common_dir(root: Path) -> Path | None:
    """The .git folder a worktree shares with its main checkout (None without git)."""
    import subprocess

    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--git-common-dir"],
                             capture_output=True, check=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return (root / out).resolve() if out else None


def anchor_claim_rows(page: str, claim_ids: set[str]) -> str:
    """Give the last table row of each claim (its row in the full register) `id="claim-<id>"`:
    a row whose first data cell is exactly a claim id."""
    last: dict[str, int] = {}
    for m in _ROW.finditer(page):
        cid = m.group(2).strip()
        if cid in claim_ids:
            last[cid] = m.start()
    # One pass over the page (it is large; one copy per claim took a quarter of a second).
    pieces, start = [], 0
    for pos, cid in sorted((pos, cid) for cid, pos in last.items()):
        pieces += [page[start:pos], f'<tr id="claim-{cid}">']
        start = pos + len("<tr>")
    return "".join([*pieces, page[start:]])


def _provenance(manifest: dict[str, Any], lang: str, extra: list[tuple[str, str]]) -> str:
    """The collapsed provenance block of a page the build writes (article, report text)."""
    ui = nav.UI.get(lang, nav.UI["en"])
    rows = [(ui["version"], manifest["version"]), (ui["revision"], manifest["revision"]
            + (ui["uncommitted"] if manifest.get("dirty") else "")),
            (ui["fingerprint"], f"{manifest['data_fingerprint']} "
                                f"({len(manifest['data_files'])} {ui['files']})")]
    rows += [(f"{ui['notebook']} {k}", f"sha256 {v[:16]}")
             for k, v in manifest["notebooks"].items()]
    rows += extra
    pk = manifest.get("packages", {})
    rows.append((ui["packages"], ", ".join(f"{k} {pk[k]}" for k in PROVENANCE_PACKAGES
                                           if k in pk)))
    return nav.provenance(lang, rows, manifest["data_files"], manifest["version"])


def audit_notebook(notebooks: Sequence[tuple[str, Any]]) -> str | None:
    """The notebook that attached the claims register (its rows get the claim anchors)."""
    from analysis.reportfiles import from_notebook

    return next((stem for stem, nb in notebooks if "claims.csv" in from_notebook(nb)), None)


def executed_notebooks(work: Path, manifest: dict[str, Any],
                       held: Mapping[tuple[str, str], Any]) -> dict[tuple[str, str], Any]:
    """Every executed notebook of the version folder `work`, by (notebook, lang), in the
    manifest's order: those the build holds (`held`, as written to `work`: not read again, so
    the articles go to Chromium sooner), the others (reports kept from a published version)
    read once, for the key figures and the pages alike."""
    import nbformat

    out: dict[tuple[str, str], Any] = {}
    for lang in manifest["labels"]:
        for nb in dict.fromkeys(r["notebook"] for r in manifest["reports"]):
            if (nb, lang) in held:
                out[(nb, lang)] = held[(nb, lang)]
            elif (work / lang / f"{nb}.ipynb").exists():
                out[(nb, lang)] = nbformat.read(work / lang / f"{nb}.ipynb", as_version=4)
    return out


def write_pages(work: Path, manifest: dict[str, Any], root: Path, cache_dir: Path,
                log: Callable[[str], None], notebooks_dir: Path | None,
                printer: Any, notebooks: Mapping[tuple[str, str], Any]) -> dict[str, Any]:
    """Write the reviewers' pages into the version folder `work`; the manifest's `pages` entry.
    `printer`: the build's Chromium for the PDFs (reporting.pdf.build_printer), None without
    one. `notebooks`: the version's executed notebooks (`executed_notebooks`)."""
    import reporting.auditbrief as auditbrief
    import reporting.figures as figures
    from reporting.fingerprints import sha256_file

    t0 = time.perf_counter()
    langs = list(manifest["labels"])
    executed: dict[str, list[tuple[str, Any]]] = {lang: [] for lang in langs}
    for (nb, lang), notebook in notebooks.items():  # in the manifest's order
        executed[lang].append((nb, notebook))
    first = executed[langs[0]]
    sections = [nav.Section(nb, nav.notebook_title(x, nb)) for nb, x in first]
    the_outline = outline.read(notebooks_dir or root / "notebooks",
                               [(s.notebook, s.title) for s in sections])
    claims = auditbrief.read_claims(work / "claims.csv")
    ids = {c["id"] for c in claims if c.get("id")}

    text_path = report_text_source(root)
    if text_path is None:
        log("[skip]  report-text.html: no report text found (../shared/report/, or set "
            f"{REPORT_TEXT_ENV}); the other pages are built without it")
    import reporting.docx as docx
    import reporting.pdf as pdf

    pdf_ok = printer is not None
    docx_ok = docx.available(log)
    site = nav.Site(langs, sections, report_text=text_path is not None,
                    pdf=set(langs) if pdf_ok else set(), docx=set(langs) if docx_ok else set())
    audit = audit_notebook(first)
    claims_sha = sha256_file(work / "claims.csv") if claims else "none"
    kept: dict[str, list[figures.FigureFile]] = {}
    # The PDF's and Word's date: the commit's time, which the build's printer knows already.
    committed = (printer.when if printer is not None
                 else pdf.commit_time(root, manifest["revision"]))
    with printer or contextlib.nullcontext():  # an error or Ctrl-C stops the printings too
        for lang in langs:  # the articles first: Chromium prints them while the rest is written
            footer = _provenance(manifest, lang, [("claims.csv", f"sha256 {claims_sha[:16]}")])
            (work / lang / "article.html").write_text(
                article.render_article(lang, manifest["version"], executed[lang], claims, site,
                                       footer, the_outline, audit),
                encoding="utf-8", newline="")
            if printer is not None:
                printer.add(work / lang / "article.html", work / lang / "article.pdf")
        for lang in langs:
            kept[lang] = figures.collect(executed[lang])
            figures.write(work / lang, kept[lang])
            for nb, x in executed[lang]:
                out = work / lang / f"{nb}.html"
                notice = bilingual.ENGLISH_NOTICE if lang != "en" and \
                    bilingual.narrative_is_english(x, lang) else ""
                page = site.add_to_report(out.read_text(encoding="utf-8"), lang, nb, notice)
                if nb == audit:
                    page = anchor_claim_rows(page, ids)
                out.write_text(page, encoding="utf-8", newline="")
            if text_path is not None:
                import reporting.reporttext as reporttext

                footer = _provenance(manifest, lang, [
                    ("claims.csv", f"sha256 {claims_sha[:16]}"),
                    (nav.UI[lang]["report_source"],
                     f"{text_path.name} (sha256 {sha256_file(text_path)[:16]})")])
                (work / lang / "report-text.html").write_text(
                    reporttext.render(lang, text_path, claims, root / "data", site,
                                      f"{audit}.html" if audit else None, footer),
                    encoding="utf-8", newline="")
        if docx_ok:  # pandoc converts while Chromium prints
            epoch = int(committed.timestamp())
            for lang in langs:
                with step(f"pages: article.docx ({lang})"):
                    docx.write(work / lang / "article.html", work / lang / "article.docx",
                               lang, cache_dir, epoch)
        if printer is not None:
            with step("pages: article.pdf, the wait for its printings after the rest"):
                printer.wait()
    log(f"[done]  reviewers' pages (navigation, article, report text, PDF, Word, figures) in "
        f"{time.perf_counter() - t0:.1f} s")
    return {"article": "article.html", "report_text": text_path is not None,
            "pdf": sorted(site.pdf), "docx": sorted(site.docx),
            "figures": [{"id": f.id, "notebook": f.notebook, "title": f.title}
                        for f in kept[langs[0]]],
            "sections": [{"notebook": s.notebook, "title": s.title} for s in sections]}
