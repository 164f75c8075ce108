"""Text from data inside Markdown: shown exactly as written, never read as markup.

A quote, note or title from `data/` (a CSV cell, a Data Package title) that is put into a
Markdown sentence goes through `literal` first: every character Markdown or HTML would act on
is backslash-escaped (`<` cannot open a tag, `[` cannot open a link, `*` cannot start emphasis,
`$` cannot open math), and line breaks become spaces, so the text stays inside its sentence. A
backslash escape renders as the bare character in every CommonMark renderer, whether or not it
passes raw HTML, so the reader sees the data as transcribed. Standard library only.
"""

from __future__ import annotations

import re

# Characters Markdown (CommonMark, tables, math, strikethrough) or HTML give a meaning to.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&!$|~#])")
_BREAK = re.compile(r"\s*[\r\n]+\s*")


def literal(value: object) -> str:
    """`value` as text for a Markdown sentence: shown exactly as written (see the module)."""
    return _SPECIAL.sub(r"\\\1", _BREAK.sub(" ", str(value)))
