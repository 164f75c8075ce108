"""`make lab`'s set-up (reporting.lab) and the jupytext rules it relies on: the lab kernel is
the report kernel plus autoreload, the settings go into the environment, a notebook's .py opens
as a notebook and saving it there leaves the .py as it was, and a module is never a notebook.
The real JupyterLab in a real browser is tests/pipeline/test_lab.py."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from analysis.provenance import PROJECT_ROOT
from reporting import KERNEL_NAME, kernel_env, kernelspec, lab
from reporting.kernels import HEADLESS_ARGS, report_kernel

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9]*.py"))


def _contents_manager(root: Path):
    """The contents manager JupyterLab uses here: jupytext's, over the files under root."""
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from jupytext.sync_contentsmanager import build_sync_jupytext_contents_manager_class

    return build_sync_jupytext_contents_manager_class(FileContentsManager)(root_dir=str(root))


def test_lab_kernel_is_the_report_kernel_plus_autoreload():
    env = kernel_env(Path("/nonexistent/pycache"))
    report, lab_spec = kernelspec(env), lab.lab_kernelspec(env)
    n = len(report["argv"])
    assert lab_spec["argv"][:n] == report["argv"]
    assert lab_spec["argv"][n:] == ["--IPKernelApp.exec_lines=%load_ext autoreload",
                                    "--IPKernelApp.exec_lines=%autoreload 2"]
    assert lab_spec["env"] == report["env"] == env
    assert lab_spec["language"] == report["language"] == "python"
    assert lab_spec["display_name"] == lab.LAB_DISPLAY_NAME != report["display_name"]
    # the reports' kernel never reloads: nothing of autoreload in its command line
    assert not any("autoreload" in a for a in report["argv"])


def test_the_builds_kernel_spec_is_headless_and_the_others_are_not(tmp_path):
    """The build's kernels (forked or fresh) keep no IPython history; the installed spec and
    JupyterLab's, which people use, keep theirs."""
    env = kernel_env(Path("/nonexistent/pycache"))
    for forked in (False, True):
        assert set(HEADLESS_ARGS) <= set(kernelspec(env, forked, headless=True)["argv"])
        assert not set(HEADLESS_ARGS) & set(kernelspec(env, forked)["argv"])
    assert not set(HEADLESS_ARGS) & set(lab.lab_kernelspec(env)["argv"])
    with report_kernel(tmp_path, env, tmp_path, fork=False):
        written = json.loads((tmp_path / "kernels" / KERNEL_NAME / "kernel.json").read_text())
    assert set(HEADLESS_ARGS) <= set(written["argv"])


def test_lab_kernel_gets_the_report_environment_by_default():
    spec = lab.lab_kernelspec()
    assert spec["env"] == kernel_env(lab.LAB_PYCACHE)
    assert spec["argv"][0] == sys.executable


def test_settings_go_into_the_environment_never_home():
    prefix = Path(sys.prefix)
    assert lab.overrides_file() == prefix / "share/jupyter/lab/settings/overrides.json"
    assert lab.jupyter_data_dir() == prefix / "share/jupyter"
    argv = lab.lab_argv()
    assert f"--LabApp.app_settings_dir={lab.overrides_file().parent}" in argv
    assert f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}" in argv
    assert f"--ServerApp.root_dir={PROJECT_ROOT}" in argv


def test_lab_argv_for_a_test_server():
    argv = lab.lab_argv(port=8123, token="t0k", open_browser=False)
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    for a in ("--ServerApp.port=8123", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
              "--IdentityProvider.token=t0k", "--no-browser"):
        assert a in argv


def test_default_viewers_merge_into_existing_settings():
    existing = {
        lab.DOCMANAGER: {"autosave": False, "defaultViewers": {"markdown": "Markdown Preview"}},
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
    }
    out = lab.with_lab_settings(existing)
    assert out[lab.DOCMANAGER] == {"autosave": False, "defaultViewers": {
        "markdown": "Markdown Preview", "python": "Jupytext Notebook"}}
    assert out["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert out[lab.NOTIFICATIONS] == {"fetchNews": "false", "checkForUpdates": False}
    assert lab.with_lab_settings(out) == out
    assert existing[lab.DOCMANAGER]["defaultViewers"] == {"markdown": "Markdown Preview"}


def test_install_writes_kernel_and_settings_under_the_prefix(tmp_path):
    settings = tmp_path / "share/jupyter/lab/settings/overrides.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "x"}}))
    kernel_dir, overrides = lab.install(tmp_path)
    assert kernel_dir == tmp_path / "share/jupyter/kernels" / KERNEL_NAME
    assert json.loads((kernel_dir / "kernel.json").read_text()) == lab.lab_kernelspec()
    written = json.loads(overrides.read_text())
    assert written[lab.DOCMANAGER]["defaultViewers"]["python"] == lab.NOTEBOOK_VIEWER
    assert written["@jupyterlab/apputils-extension:themes"] == {"theme": "x"}
    before = {p: p.stat().st_mtime_ns for p in (kernel_dir / "kernel.json", overrides)}
    lab.install(tmp_path)  # a second `make env` changes nothing
    assert {p: p.stat().st_mtime_ns for p in before} == before


def test_broken_overrides_file_is_named(tmp_path):
    settings = lab.overrides_file(tmp_path)
    settings.parent.mkdir(parents=True)
    settings.write_text('{"a": 1,,}')
    with pytest.raises(SystemExit, match=r"overrides\.json: not valid JSON \(line 1, column 9"):
        lab.write_overrides(tmp_path)


def test_notebook_py_is_a_notebook_and_a_module_is_not():
    cm = _contents_manager(PROJECT_ROOT)
    model = cm.get("notebooks/03_trade_collapse.py", type="notebook")
    assert model["type"] == "notebook" and len(model["content"].cells) > 5
    # a module opened as a notebook is refused, so the lab can never save it back as one
    from tornado.web import HTTPError

    with pytest.raises(HTTPError, match="Unreadable Notebook"):
        cm.get("src/analysis/trend.py", type="notebook")
    assert cm.get("src/analysis/trend.py", content=False)["type"] == "file"


def test_saving_in_the_lab_leaves_every_notebook_py_unchanged(tmp_path):
    """What the lab's save does (jupytext's contents manager, the project's jupytext.toml files):
    the .py the reports build from comes back byte for byte, the outputs go to a paired .ipynb."""
    assert NOTEBOOKS
    shutil.copy(PROJECT_ROOT / "jupytext.toml", tmp_path / "jupytext.toml")
    shutil.copytree(PROJECT_ROOT / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    cm = _contents_manager(tmp_path)
    for source in NOTEBOOKS:
        path = f"notebooks/{source.name}"
        model = cm.get(path, type="notebook")
        model["content"]["metadata"]["kernelspec"] = {
            "name": KERNEL_NAME, "language": "python", "display_name": lab.LAB_DISPLAY_NAME}
        cm.save(model, path)
        assert (tmp_path / path).read_bytes() == source.read_bytes(), source.name
        assert (tmp_path / path).with_suffix(".ipynb").exists(), source.name
