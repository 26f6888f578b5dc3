"""Bad input gets its own coded error (or a bounded, documented limit), never a crash."""

from __future__ import annotations

import contextlib
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzanalyzer import limits
from fzanalyzer.errors import ERRORS, IngestError
from fzanalyzer.ingest import read_file
from fzanalyzer.ingest.text import DecodeError, decode_bytes

from render import (
    encrypted_pdf,
    huge_line_txt,
    image_only_pdf,
    junk_bytes,
    many_pages_pdf,
    ole2_renamed_docx,
    partly_scanned_pdf,
    render_pdf,
    seed_body,
    truncated_pdf,
    unmapped_pdf,
    zip_bomb_docx,
)

needs_font = pytest.mark.usefixtures("cjk_font")


def code_of(path: Path) -> str:
    with pytest.raises(IngestError) as exc:
        read_file(path)
    assert str(path) in str(exc.value)  # the message names the file
    return exc.value.code


@pytest.fixture(scope="module")
def short_pdf(tmp_path_factory, cjk_font) -> Path:
    return render_pdf(seed_body()[:2500], tmp_path_factory.mktemp("pdf") / "short.pdf")


def test_missing_file_is_e001(tmp_path):
    assert code_of(tmp_path / "nope.txt") == "E001"
    assert code_of(tmp_path) == "E001"  # a directory


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.html"])
def test_empty_file_is_e003(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    assert code_of(tmp_path / name) == "E003"


def test_whitespace_only_text_is_e003(tmp_path):
    (tmp_path / "blank.txt").write_bytes(b"\xef\xbb\xbf \r\n\t\n")
    assert code_of(tmp_path / "blank.txt") == "E003"


@pytest.mark.parametrize("name", ["junk.txt", "junk.bin", "junk"])
def test_binary_junk_is_e004(tmp_path, name):
    (tmp_path / name).write_bytes(junk_bytes())
    assert code_of(tmp_path / name) == "E004"


def test_japanese_or_pinyin_text_is_read_not_refused_as_junk():
    # a machine translation of a report (kana) and pinyin with tone marks are text, not binary
    ja = "2023年、山西省統計局は習近平法治思想を指導とすることを堅持し、法に基づく行政の理念を確立した。"
    assert decode_bytes((ja * 5).encode("utf-8"))[0] == ja * 5
    py = "Fǎzhì zhèngfǔ jiànshè qíngkuàng bàogào 法治政府建设情况报告"
    assert decode_bytes(py.encode("utf-8"))[0] == py


def test_junk_named_pdf_or_docx_gets_the_formats_error(tmp_path):
    (tmp_path / "x.pdf").write_bytes(junk_bytes())
    (tmp_path / "x.docx").write_bytes(junk_bytes())
    assert code_of(tmp_path / "x.pdf") == "E010"
    assert code_of(tmp_path / "x.docx") == "E020"


def test_image_file_is_e002(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + junk_bytes(256))
    assert code_of(tmp_path / "scan.pdf") == "E002"


def test_file_over_the_size_limit_is_e005(tmp_path, monkeypatch):
    path = tmp_path / "r.txt"
    path.write_text("全年办理案件12件。" * 100, encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    assert code_of(path) == "E005"


def test_text_over_the_text_limit_is_e005(tmp_path, monkeypatch):
    path = tmp_path / "r.txt"
    path.write_text("全年办理案件12件。" * 100, encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 1000)
    assert code_of(path) == "E005"


@needs_font
def test_truncated_pdf_is_e010(tmp_path, short_pdf):
    assert code_of(truncated_pdf(tmp_path / "cut.pdf", short_pdf)) == "E010"


def test_encrypted_pdf_is_e011(tmp_path):
    assert code_of(encrypted_pdf(tmp_path / "locked.pdf")) == "E011"


def test_encrypted_pdf_is_e011_with_pdfplumber_too(tmp_path):
    from fzanalyzer.ingest import pdf

    path = encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(IngestError) as exc:
        list(pdf._glyphs_pdfplumber(path))
    assert exc.value.code == "E011"


def test_image_only_pdf_is_e012(tmp_path):
    assert code_of(image_only_pdf(tmp_path / "scan.pdf")) == "E012"


@needs_font
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_pdf_without_unicode_map_is_e012(tmp_path, engine):
    from fzanalyzer.ingest.pdf import read_pdf

    path = unmapped_pdf(tmp_path / "unmapped.pdf", seed_body()[:1500])
    with pytest.raises(IngestError) as exc:
        read_pdf(path, engine=engine)
    assert exc.value.code == "E012"
    assert "unmapped" in str(exc.value)


@needs_font
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_some_broken_pages_give_w009(tmp_path, engine):
    from fzanalyzer.ingest.pdf import read_pdf

    lines = [ln for ln in seed_body().splitlines() if ln.strip()][:12]
    path = partly_scanned_pdf(tmp_path / "mixed.pdf", lines, scanned_pages=(3,))
    doc = read_pdf(path, engine=engine)
    assert any(w.startswith("W009") and "page(s) 3 looks broken" in w for w in doc.warnings), doc.warnings
    assert lines[3][:20] in doc.text


@needs_font
def test_mostly_scanned_pdf_is_e012(tmp_path):
    lines = [ln for ln in seed_body().splitlines() if ln.strip()][:12]
    path = partly_scanned_pdf(tmp_path / "mostly.pdf", lines, scanned_pages=(2, 3))
    assert code_of(path) == "E012"


def test_thousands_of_pages_is_e013(tmp_path):
    path = many_pages_pdf(tmp_path / "big.pdf", pages=limits.MAX_PDF_PAGES + 1000)
    with pytest.raises(IngestError) as exc:
        read_file(path)
    assert exc.value.code == "E013"
    assert str(limits.MAX_PDF_PAGES + 1000) in str(exc.value)


def test_many_pages_under_the_limit_are_read(tmp_path):
    path = many_pages_pdf(tmp_path / "p.pdf", pages=30)
    # every page says only "page" at the same place: a running header, so no body is left
    doc = read_file(path)
    assert doc.hints["pages"] == 30
    assert doc.text == ""
    assert any(w.startswith("W007") and "30 lines" in w for w in doc.warnings)


def test_doc_renamed_docx_is_e020(tmp_path):
    with pytest.raises(IngestError) as exc:
        read_file(ole2_renamed_docx(tmp_path / "old.docx"))
    assert exc.value.code == "E020"
    assert ".doc" in str(exc.value)  # says what to do


def test_zip_without_document_is_e020(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "x.docx", "w") as zf:
        zf.writestr("content.xml", "<a/>")
    assert code_of(tmp_path / "x.docx") == "E020"


def test_zip_bomb_docx_is_e021_without_inflating(tmp_path):
    path = zip_bomb_docx(tmp_path / "bomb.docx", gigabytes=1.0)
    assert path.stat().st_size < 5_000_000
    tracemalloc.start()
    try:
        assert code_of(path) == "E021"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_zip_bomb_under_the_total_limit_is_caught_by_its_ratio(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCX_UNCOMPRESSED", 10 * 1024**3)
    assert code_of(zip_bomb_docx(tmp_path / "bomb.docx", gigabytes=0.05)) == "E021"


def test_legacy_without_libreoffice_is_e022(tmp_path, monkeypatch):
    from fzanalyzer.ingest import legacy

    monkeypatch.setattr(legacy, "soffice_path", lambda: None)
    path = ole2_renamed_docx(tmp_path / "old.doc")
    with pytest.raises(IngestError) as exc:
        read_file(path)
    assert exc.value.code == "E022"
    assert "apt-get install" in str(exc.value)


def test_huge_single_line_text_is_read_with_bounded_memory(tmp_path):
    path = huge_line_txt(tmp_path / "huge.txt", megabytes=20)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        doc = read_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "\n" not in doc.text
    assert len(doc.text.encode("utf-8")) == size
    assert peak < 5 * size  # documented in fzanalyzer.limits: about 4x the file size


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9FFF), min_size=1, max_size=200))
def test_decode_never_crashes_and_round_trips_utf(text):
    for enc in ("utf-8", "utf-16", "utf-8-sig"):
        try:
            got, _, _ = decode_bytes(text.encode(enc))
        except DecodeError:
            continue  # mostly control/private-use characters: refused, never a crash
        assert got == text
    with contextlib.suppress(DecodeError):
        decode_bytes(text.encode("gb18030"))


_PREFIXES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"<html><body>",
    b"\xff\xfe",
]


@settings(max_examples=80, deadline=None)
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.binary(max_size=3000),
    suffix=st.sampled_from([b"", b"\n%%EOF\n"]),
    ext=st.sampled_from([".txt", ".pdf", ".docx", ".doc", ".html", ""]),
)
def test_any_bytes_give_a_document_or_a_coded_error(tmp_path_factory, prefix, body, suffix, ext):
    from fzanalyzer.ingest import legacy

    path = tmp_path_factory.mktemp("fuzz") / f"input{ext}"
    path.write_bytes(prefix + body + suffix)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(legacy, "soffice_path", lambda: None)  # no LibreOffice runs in a fuzz loop
        try:
            doc = read_file(path)
        except IngestError as exc:
            assert exc.code in ERRORS
        else:
            assert isinstance(doc.text, str) and doc.format in ("txt", "html", "pdf", "docx")
