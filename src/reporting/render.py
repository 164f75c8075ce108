"""From an executed notebook to a report: the determinism clean-up (run metadata, cell ids,
volatile output) and the HTML page (offline template, provenance block)."""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reporting.fingerprints import TEMPLATE_DIR, sha256_file
from reporting.plan import Job

TEMPLATE_NAME = "offline"
# Outputs only the build reads (key figures, attached files, data reads): never rendered.
PRIVATE_MIME_PREFIX = "application/vnd.liaoning."
# Packages named in each report's provenance block (the manifest lists every installed one).
PROVENANCE_PACKAGES = (
    "liaoning-rci-analysis", "pandas", "numpy", "scipy", "statsmodels", "matplotlib",
    "frictionless", "papermill", "nbconvert", "nbclient", "jupytext", "ipykernel",
)
_STYLER_TABLE = re.compile(r'<table id="T_([0-9a-f]+)"')
# Run-specific text in outputs: object addresses in reprs, ipykernel's per-process cell files.
_VOLATILE = (
    (re.compile(r" at 0x[0-9a-fA-F]{6,16}>"), " at 0x...>"),
    (re.compile(r"[^\s\"'(]*ipykernel_\d+[/\\]"), "ipykernel/"),
)


def strip_run_metadata(nb: Any) -> None:
    """Drop timings, absolute paths and other per-run metadata papermill/nbclient record."""
    pm = nb.metadata.get("papermill", {})
    for k in ("start_time", "end_time", "duration", "input_path", "output_path",
              "environment_variables"):
        pm.pop(k, None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cpm = cell.metadata.get("papermill")
        if cpm is not None:
            for k in ("start_time", "end_time", "duration"):
                cpm.pop(k, None)


def make_preprocessors(replacements: Sequence[tuple[str, str]]) -> list[Any]:
    """The determinism preprocessors: merged streams, renumbered cell ids, sanitised outputs."""
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor, Preprocessor

    class RenumberCellIds(Preprocessor):
        """Replace the random cell ids of jupytext/papermill by cell-0, cell-1, ..."""

        def preprocess(self, nb, resources):
            for i, cell in enumerate(nb.cells):
                cell.id = f"cell-{i}"
            return nb, resources

    class SanitiseOutputs(Preprocessor):
        """Remove absolute paths and pandas Styler random uuids from cell outputs."""

        def preprocess(self, nb, resources):
            self._styler = 0
            return super().preprocess(nb, resources)

        def _fix(self, text: str) -> str:
            for old, new in replacements:
                text = text.replace(old, new)
            for pattern, new in _VOLATILE:
                text = pattern.sub(new, text)
            for uuid in dict.fromkeys(_STYLER_TABLE.findall(text)):
                self._styler += 1
                text = text.replace(f"T_{uuid}", f"T_styler{self._styler}")
            return text

        def preprocess_cell(self, cell, resources, index):
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                cell.source = self._fix(cell.source)
            for out in cell.get("outputs", []):
                if "text" in out:
                    out.text = self._fix(out.text)
                if "traceback" in out:
                    out.traceback = [self._fix(t) for t in out.traceback]
                    out.evalue = self._fix(out.evalue)
                for mime, value in out.get("data", {}).items():
                    if mime.startswith("text/") or mime == "image/svg+xml":
                        if isinstance(value, str):
                            out.data[mime] = self._fix(value)
                        elif isinstance(value, list):
                            out.data[mime] = [self._fix(v) for v in value]
            return cell, resources

    # The kernel splits a burst of stderr/stdout into stream outputs as its flush timer falls,
    # so two runs can differ in how many there are: merging consecutive ones removes that.
    return [CoalesceStreamsPreprocessor(), RenumberCellIds(), SanitiseOutputs()]


def path_replacements(root: Path, notebooks_dir: Path, work: Path,
                      reports_dir: Path | None = None) -> list[tuple[str, str]]:
    """Absolute paths that may leak into outputs (and into the injected parameters: a path
    parameter runs as an absolute path inside the reports folder), longest first, with what
    replaces them."""
    pairs = {
        str(work.resolve()): "<build>",
        **({str(reports_dir.resolve()): "<reports>"} if reports_dir is not None else {}),
        str(notebooks_dir.resolve()): "notebooks",
        str(root.resolve()): ".",
        str(Path(sys.prefix).resolve()): "<python-env>",
        str(Path.home()): "~",
    }
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


def clean(nb: Any, replacements: Sequence[tuple[str, str]]) -> Any:
    """An executed notebook made deterministic: run metadata dropped, outputs sanitised."""
    strip_run_metadata(nb)
    for pre in make_preprocessors(replacements):
        nb, _ = pre.preprocess(nb, {})
    return nb


def with_current_markdown(executed: Any, source: Path) -> Any:
    """A cached executed notebook with the markdown cells of the notebook's current source
    (a markdown-only edit re-renders, it does not re-execute); unchanged if the markdown is the
    same, None if the code cells no longer line up (then it must run again)."""
    import jupytext
    import nbformat

    current = jupytext.read(source)
    now = [c.source for c in current.cells if c.cell_type != "code"]
    then = [c.source for c in executed.cells if c.cell_type != "code"]
    if now == then:
        return executed

    def injected(cell: Any) -> bool:
        return "injected-parameters" in cell.metadata.get("tags", [])

    code = iter([c for c in executed.cells if c.cell_type == "code" and not injected(c)])
    extra = [c for c in executed.cells if injected(c)]
    cells = []
    for cell in current.cells:
        if cell.cell_type == "code":
            ran = next(code, None)
            if ran is None or ran.source != cell.source:
                return None
            cells.append(ran)
            if "parameters" in ran.metadata.get("tags", []):
                cells.extend(extra)
            continue
        new = nbformat.from_dict(dict(cell))
        new.metadata = {**cell.metadata, "tags": list(cell.metadata.get("tags", [])),
                        "papermill": {"exception": False, "status": "completed"}}
        cells.append(new)
    if next(code, None) is not None:
        return None
    executed.cells = cells
    for i, cell in enumerate(executed.cells):
        cell.id = f"cell-{i}"
    return executed


def private_output(output: Any) -> bool:
    """Whether an output carries only private MIME types (PRIVATE_MIME_PREFIX)."""
    data = output.get("data") or {}
    return bool(data) and all(m.startswith(PRIVATE_MIME_PREFIX) for m in data)


def markdown_output_html(text: str) -> str:
    """HTML of a Markdown *output* (text a notebook computed, often from data): as nbconvert
    renders Markdown, but raw HTML is shown as text and links to javascript: and other harmful
    protocols are dropped. Markdown cells, which the authors write, keep nbconvert's renderer."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    renderer = IPythonRenderer(escape=True, allow_harmful_protocols=False)
    return MarkdownWithMath(renderer=renderer).render(text)


# nbconvert's last pass over a page, made with two substitutions instead of a parse: images
# without alt text get its stock one; code inputs and outputs become focusable (tabindex).
NO_ALT = 'alt="No description has been provided for this image"'
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")
_FOCUSABLE = re.compile(r'(<div class="(?:[^"]*\s)?(?:jp-Cell-inputWrapper|jp-OutputArea-output)'
                        r'(?:\s[^"]*)?"[^>]*)>')


_HIGHLIGHTED: dict[tuple[str, str, Any, str], str] = {}  # code's HTML (SharedHighlight)
HIGHLIGHTED_MAX = 5000  # code cells remembered (a build shows about 700; a long-lived process
#                         such as the test session starts again from empty past this)


def html_exporter(lang: str) -> Any:
    """nbconvert's HTML exporter with the offline template and its filters (private outputs,
    Markdown outputs from data), for reports in label language `lang`, without its final
    BeautifulSoup pass (`_without_soup`: the same page, in half the time)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class SharedHighlight(Highlight2HTML):
        """Highlight2HTML that makes the HTML of each code once a process: the en and zh runs
        of a notebook show the same code (Pygments took a quarter of each page's rendering)."""

        def __call__(self, source: str, language: str | None = None,
                     metadata: Any = None) -> str:
            magics = (metadata or {}).get("magics_language")
            key = (source, language or self.pygments_lexer, magics,
                   repr(sorted(self.extra_formatter_options.items())))
            if key not in _HIGHLIGHTED:
                if len(_HIGHLIGHTED) >= HIGHLIGHTED_MAX:
                    _HIGHLIGHTED.clear()
                _HIGHLIGHTED[key] = super().__call__(source, language, metadata)
            return _HIGHLIGHTED[key]

    class OfflineHTMLExporter(HTMLExporter):
        """HTMLExporter.from_notebook_node (nbconvert 7) up to its template, then the two edits
        its BeautifulSoup pass makes (alt text, tabindex) as substitutions: parsing and writing
        the whole page again in pure Python took half of each report's rendering. A test
        checks that the page parses to exactly nbconvert's own."""

        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any
                               ) -> tuple[str, dict[str, Any]]:
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", SharedHighlight(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _without_soup(page), resources

    return OfflineHTMLExporter(
        template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input_prompt=True, exclude_output_prompt=True, embed_images=True,
        optimistic_validation=True,  # the notebook validated once, not after each preprocessor
        language_code=lang, filters={"private_output": private_output,
                                     "markdown2html_data": markdown_output_html},
    )


def _without_soup(page: str) -> str:
    """What nbconvert's BeautifulSoup pass adds to a page: alt text where an image has none,
    tabindex="0" on every code input and output (keyboard focus)."""
    page = _IMG_WITHOUT_ALT.sub("<img " + NO_ALT, page)
    return _FOCUSABLE.sub(r'\1 tabindex="0">', page)


class Renderer:
    """Renders executed notebooks to HTML, one nbconvert exporter per thread and language."""

    def __init__(self) -> None:
        self._local = threading.local()

    def render(self, job: Job, nb: Any, provenance_base: dict[str, Any]) -> str:
        """HTML of one executed notebook with the offline template and provenance block."""
        exporters = self._local.__dict__.setdefault("exporters", {})
        if job.lang not in exporters:
            exporters[job.lang] = html_exporter(job.lang)
        provenance = dict(
            provenance_base, notebook=job.source.name,
            parameters={k: repr(v) for k, v in job.parameters.items()},
            notebook_sha256=sha256_file(job.source),
        )
        nb.metadata["provenance"] = {
            k: v for k, v in provenance.items() if k not in ("data_files",)
        }
        resources = {"metadata": {"name": job.name}, "provenance": provenance}
        body, _ = exporters[job.lang].from_notebook_node(nb, resources=resources)
        return body
