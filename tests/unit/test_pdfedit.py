"""Edits in a PDF's bytes (reporting.pdfedit): outline titles given back their spaces, the
cross-reference table still pointing at every object, the rest of the file unchanged."""

from __future__ import annotations

import datetime as dt
import re

import reporting.pdfedit as pdfedit


def _pdf(*bodies: bytes) -> bytes:
    """A minimal PDF with a plain xref table (as Chromium writes them) holding these objects."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1,
                                                                          xref)
    return bytes(out)


def _xref_ok(data: bytes) -> bool:
    start = int(re.search(rb"startxref\s+(\d+)", data[-60:]).group(1))
    head = re.compile(rb"xref\s+\d+ (\d+)\s*\n").match(data, start)
    entries = [data[head.end() + 20 * i:head.end() + 20 * i + 20]
               for i in range(int(head.group(1)))]
    return all(data[int(e[:10]):].startswith(b"%d 0 obj" % i)
               for i, e in enumerate(entries) if e[17:18] == b"n")


def test_outline_titles_get_their_spaces_back_and_nothing_else_moves():
    chinese = pdfedit.encode_string("复核结果 二")
    raw = _pdf(b"<</Type /Catalog /Outlines 3 0 R>>",
               b"<</Title (chapter IIIre-derived) /Producer (Skia)>>",  # the document's title
               b"<</First 4 0 R /Count 3>>",
               b"<</Title (chapter IIIre-derived)\n/Parent 3 0 R\n/Next 5 0 R>>",
               b"<</Title " + pdfedit.encode_string("复核结果二") + b"\n/Parent 3 0 R>>",
               b"<</Title (a \\(b\\) c)\n/Parent 3 0 R>>")
    assert _xref_ok(raw)
    out = pdfedit.fix_outline(raw, ["chapter III re-derived", "复核结果 二", "a (b) c"])
    assert _xref_ok(out)
    assert b"<</Title (chapter IIIre-derived) /Producer" in out  # not an outline item
    assert b"/Title " + pdfedit.encode_string("chapter III re-derived") + b"\n/Parent" in out
    assert b"/Title " + chinese + b"\n/Parent" in out
    assert b"/Title (a \\(b\\) c)" in out  # already right: its bytes are kept
    assert pdfedit.fix_outline(raw, ["something else"]) == raw


def test_strings_are_read_as_pdf_writes_them():
    assert pdfedit.decode_string(b"(a \\(b\\)\\\\ \\101)") == "a (b)\\ A"
    assert pdfedit.decode_string(pdfedit.encode_string("报告 GDP")) == "报告 GDP"
    assert pdfedit.decode_string(b"<4142>") == "AB"
    assert pdfedit.decode_string(b"<zz>") is None


def test_pdf_dates_are_rewritten_in_place_to_the_commit_time():
    raw = b"<< /CreationDate (D:20261126170912+00'00') /ModDate (D:20261126170913Z) >>"
    when = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    out = pdfedit.set_dates(raw, when)
    assert out == b"<< /CreationDate (D:20200102030405+00'00') /ModDate (D:20200102030405Z) >>"
    assert len(out) == len(raw)


def _linked(uri: bytes) -> bytes:
    """A minimal PDF with one link (as Chromium writes them)."""
    return _pdf(b"<</Type /Catalog /Pages 2 0 R>>", b"<</Type /Pages /Kids [] /Count 0>>",
                b"<</Type /Action /S /URI /URI (" + uri + b")>>", b"<</Producer (t)>>")


def test_pdf_links_into_the_build_folder_become_relative_and_the_xref_still_holds():
    bases = [("file:///r/.build-v-1/en/", ""), ("file:///r/", "../../")]
    raw = _linked(b"file:///r/.build-v-1/en/07_audit.html#claim-a")
    assert _xref_ok(raw)
    out = pdfedit.relative_links(raw, bases)
    assert b"/URI (07_audit.html#claim-a)" in out and b"file://" not in out
    assert _xref_ok(out) and len(out) == len(raw) - len("file:///r/.build-v-1/en/")
    up = pdfedit.relative_links(_linked(b"file:///r/index.html#v-x"), bases)
    assert b"/URI (../../index.html#v-x)" in up and _xref_ok(up)


def test_many_links_shorten_the_file_and_every_object_is_still_where_the_xref_says():
    """Each link's change in length moves only the objects after it: the table holds with
    links before, between and after other objects (the article has about 170 links)."""
    base = "file:///r/.build-v-1/en/"
    bodies = []
    for i in range(40):
        bodies.append(b"<</Producer (object %d)>>" % i)
        if i % 3 == 0:
            bodies.append(b"<</S /URI /URI (" + base.encode() + b"%02d.html#c-%d)>>" % (i, i))
    raw = _pdf(*bodies)
    out = pdfedit.relative_links(raw, [(base, "")])
    assert _xref_ok(raw) and _xref_ok(out)
    assert out.count(b"/URI (") == 14 and b"file://" not in out
    assert len(out) == len(raw) - 14 * len(base)


def test_destination_pages_reads_where_each_named_target_lies():
    """The first printing's page numbers: Chromium names every link target by its element id."""
    import io

    from pypdf import PdfWriter

    from reporting.pdf import destination_pages

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(100, 100)
    writer.add_named_destination("section-A", 1)
    writer.add_named_destination("changes", 2)
    buf = io.BytesIO()
    writer.write(buf)
    got = destination_pages(buf.getvalue(), ["changes", "section-A", "missing"])
    assert got == {"section-A": 2, "changes": 3}
