"""The lab's contents manager: jupytext's, plus the notebook metadata JupyterLab would add.

A text notebook (notebooks/*.py) keeps no metadata header (notebooks/jupytext.toml), so it
reaches the lab without `language_info`; once the kernel is up, the lab writes the kernel's
`language_info` into the notebook and marks it modified (●) before any edit. Served with the
`language_info` the project kernel reports (ipykernel's, this interpreter: the lab kernel runs
the server's Python), the notebook opens unmodified; jupytext's metadata filter still keeps it
out of the .py when the notebook is saved. `reporting.lab` starts JupyterLab with this class.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupytext.async_contentsmanager import build_async_jupytext_contents_manager_class

CLASS_NAME = "reporting.labcontents.LabContentsManager"


def kernel_language_info() -> dict[str, Any]:
    """The `language_info` the project kernel reports (same interpreter as this server)."""
    import platform

    from ipykernel.ipkernel import IPythonKernel

    info = dict(IPythonKernel.language_info)
    info["version"] = platform.python_version()
    return info


def with_language_info(model: dict[str, Any]) -> dict[str, Any]:
    """A contents model whose notebook lacks `language_info` given the kernel's."""
    content = model.get("content")
    if model.get("type") == "notebook" and isinstance(content, dict):
        content.setdefault("metadata", {}).setdefault("language_info", kernel_language_info())
    return model


_Base: Any = build_async_jupytext_contents_manager_class(AsyncLargeFileManager)


class LabContentsManager(_Base):  # type: ignore[misc, valid-type]
    """Jupytext's contents manager; notebooks are served with the kernel's language_info."""

    async def get(self, path: str, content: bool = True, type: str | None = None,
                  format: str | None = None, **kwargs: Any) -> dict[str, Any]:
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        return with_language_info(model)
