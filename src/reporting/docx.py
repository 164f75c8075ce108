"""article.docx: the article as a Word file, for reviewers who comment with tracked changes.

Pandoc (the binary inside the `pypandoc-binary` wheel) converts the article's HTML: headings,
figures with their captions (the figures from figures/<figure-id>.png beside it), tables, and
links to the notebook reports (relative, so they work beside the HTML pages). What only a
browser needs goes first: the site header, styles, the embedded "what changed" frame. The file
is dated by the commit (SOURCE_DATE_EPOCH), so a rebuild of one commit gives the same bytes,
and cached by the article's bytes like the PDF.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

_DROP = (re.compile(r'<nav class="site".*?</nav>', re.S), re.compile(r"<style>.*?</style>", re.S),
         re.compile(r"<iframe\b[^>]*>.*?</iframe>", re.S), re.compile(r"<title>.*?</title>", re.S))
_FIGURE_IMG = re.compile(r'(<figure id="fig-([^"]+)"><img src=")data:image/png;base64,[^"]+"')
LANG_TAGS = {"en": "en-GB", "zh": "zh-CN"}


def pandoc() -> str:
    """Path of the pandoc binary pypandoc-binary ships (FileNotFoundError without it)."""
    import pypandoc

    path = pypandoc.get_pandoc_path()
    if not path or not Path(path).exists():
        raise FileNotFoundError("pandoc not found (install pypandoc-binary: make env)")
    return str(path)


def available(log: Callable[[str], None]) -> bool:
    """Whether pandoc is there; one line when not (the build goes on without a Word file)."""
    try:
        pandoc()
    except (ImportError, OSError) as e:
        log(f"[skip]  article.docx: {e}")
        return False
    return True


def for_word(page: str) -> str:
    """The article's HTML as pandoc should read it: browser-only parts dropped, figures
    pointing at their PNG files, collapsed blocks open."""
    for pattern in _DROP:
        page = pattern.sub("", page)
    page = _FIGURE_IMG.sub(lambda m: f'{m.group(1)}figures/{m.group(2)}.png"', page)
    return page.replace("<details>", "<div>").replace("</details>", "</div>") \
        .replace("<summary>", "<p><strong>").replace("</summary>", "</strong></p>")


def convert(html_path: Path, out: Path, lang: str, epoch: int | None = None) -> None:
    """Write out (a .docx) from the article at html_path (figure files beside it)."""
    env = dict(os.environ)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    subprocess.run([pandoc(), "--from=html", "--to=docx", f"--output={out}",
                    f"--resource-path={html_path.parent}",
                    f"--metadata=lang:{LANG_TAGS.get(lang, lang)}"],
                   input=for_word(html_path.read_text(encoding="utf-8")).encode("utf-8"),
                   env=env, check=True, capture_output=True, cwd=html_path.parent)


def write(html_path: Path, out: Path, lang: str, cache_dir: Path, epoch: int) -> None:
    """article.docx beside the article, from the cache when the article's bytes (and every
    figure file) are those of a previous build."""
    h = hashlib.sha256(html_path.read_bytes() + str(epoch).encode())
    for png in sorted((html_path.parent / "figures").glob("*.png")):
        h.update(png.name.encode() + png.read_bytes())
    cached = cache_dir / "docx" / f"{h.hexdigest()[:24]}.docx"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        try:
            convert(html_path, tmp, lang, epoch)
        except subprocess.CalledProcessError as e:
            from reporting.common import BuildError

            tmp.unlink(missing_ok=True)
            raise BuildError(f"[fail] {lang}/article.docx: pandoc failed: "
                             f"{e.stderr.decode('utf-8', 'replace')[-500:]}") from None
        os.replace(tmp, cached)
    shutil.copyfile(cached, out)
