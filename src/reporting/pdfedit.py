"""Edits to the bytes of a PDF Chromium printed, made in place: its dates, its links, its outline
titles. Chromium's PDFs have a plain cross-reference table (no object streams, no compressed
xref), so a string can be replaced where it stands and every offset after it moved by the
change in length (`replace_strings`); the rest of the file keeps its bytes. Standard library
only, milliseconds for a file of a few MB (pypdf's full rewrite took over a second).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence

_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:([0-9]{4,14})([^)]*)\)")
# An outline item's title: a hex string or a literal string (Chromium escapes its parentheses).
_TITLE = re.compile(rb"/Title ?(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\()])*\))", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def set_dates(pdf: bytes, when: dt.datetime) -> bytes:
    """The PDF with its CreationDate and ModDate set to `when` (UTC), each of unchanged length
    (Chromium writes D:YYYYMMDDHHMMSS+hh'mm'; an unusual form is padded with spaces)."""
    stamp = when.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S").encode()

    def fix(m: re.Match[bytes]) -> bytes:
        digits, tail = m.group(2), m.group(3)
        utc = b"+00'00'" if len(tail) == 7 else (b"Z" if tail else b"")
        value = stamp[:len(digits)] + utc
        value += b" " * (len(digits) + len(tail) - len(value))
        return m.group(0)[:m.start(2) - m.start(0)] + value + b")" \
            if len(value) == len(digits) + len(tail) else m.group(0)
    return _DATE.sub(fix, pdf)


def replace_strings(pdf: bytes, pattern: re.Pattern[bytes],
                    replace: Callable[[re.Match[bytes]], bytes]) -> bytes:
    """The PDF with every match of `pattern` replaced by `replace(match)` and its
    cross-reference table moved to match (each offset by what changed before it)."""
    edits: list[tuple[int, int]] = []  # (position in the original, change in length)

    def swap(m: re.Match[bytes]) -> bytes:
        new = replace(m)
        if len(new) != len(m.group(0)):
            edits.append((m.start(), len(new) - len(m.group(0))))
        return new
    out = pattern.sub(swap, pdf)
    if not edits:
        return out

    starts = [at for at, _ in edits]  # in file order, as `sub` met them
    shifts = list(itertools.accumulate(d for _, d in edits))

    def moved(offset: int) -> int:
        """The offset plus every change in length made before it (one lookup, not a sum over
        the edits for each of the table's thousands of entries)."""
        before = bisect.bisect_left(starts, offset)
        return offset + (shifts[before - 1] if before else 0)

    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", out)
    if m is None:
        raise ValueError("PDF without a final startxref")
    xref = moved(int(m.group(1)))
    head = re.compile(rb"xref\s+\d+ (\d+)\s*\n").match(out, xref)
    if head is None:
        raise ValueError(f"PDF: no xref table at offset {xref}")
    count = int(head.group(1))
    entries = bytearray(out[head.end():head.end() + 20 * count])
    for i in range(count):
        if entries[20 * i + 17:20 * i + 18] == b"n":
            entries[20 * i:20 * i + 10] = b"%010d" % moved(int(entries[20 * i:20 * i + 10]))
    return (out[:head.end()] + bytes(entries) + out[head.end() + 20 * count:m.start()]
            + b"startxref\n%d\n%%%%EOF\n" % xref)


def relative_links(pdf: bytes, bases: Sequence[tuple[str, str]]) -> bytes:
    """The PDF with link targets under each base (a folder's file:// URI ending in /) made
    relative (the base replaced by its relative path, e.g. "" or "../../").

    Chromium writes every link as an absolute URI, here into the temporary build folder, which
    is gone once the version is published (and names the machine's paths); relative, they point
    at the pages beside the PDF, wherever the version folder is.
    """
    pattern = re.compile(b"|".join(re.escape(b"(" + b.encode()) for b, _ in bases))
    relative = {b"(" + b.encode(): b"(" + r.encode() for b, r in bases}
    return replace_strings(pdf, pattern, lambda m: relative[m.group(0)])


def decode_string(token: bytes) -> str | None:
    """The text of a PDF string token (`<hex>` or `(literal)`), UTF-16 with its byte-order
    mark or PDFDocEncoding (read as Latin-1); None if it cannot be read."""
    if token.startswith(b"<"):
        try:
            raw = bytes.fromhex(re.sub(rb"\s+", b"", token[1:-1]).decode("ascii"))
        except ValueError:
            return None
    else:
        raw = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: _unescape(m.group(1)), token[1:-1],
                     flags=re.S)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1")


def _unescape(code: bytes) -> bytes:
    if code[:1].isdigit():
        return bytes([int(code, 8) & 0xFF])
    return _ESCAPES.get(code, code if code != b"\n" else b"")


def encode_string(text: str) -> bytes:
    """A PDF hex string of `text` (UTF-16BE with its byte-order mark), as Chromium writes
    text that is not plain ASCII."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def squeeze(text: str) -> str:
    """A text less its white space: how an outline title Chromium wrapped compares with its
    heading (here and in reporting.pdf's contents page numbers)."""
    return re.sub(r"\s+", "", text)


def fix_outline(pdf: bytes, headings: Sequence[str]) -> bytes:
    """The PDF with each outline title that is a heading less its spaces set to the heading's
    text (Chromium drops the space where a heading wraps). Only outline items (objects with a
    /Parent) are touched; the document's own /Title is not."""
    whole = {squeeze(h): h for h in headings}

    def fix(m: re.Match[bytes]) -> bytes:
        end = pdf.find(b"endobj", m.end())
        if b"/Parent " not in pdf[m.end():end if end >= 0 else len(pdf)]:
            return m.group(0)
        text = decode_string(m.group(1))
        better = whole.get(squeeze(text)) if text is not None else None
        if better is None or better == text:
            return m.group(0)
        return b"/Title " + encode_string(better)
    return replace_strings(pdf, _TITLE, fix)
