"""Legacy Word/WPS reader (.doc, .wps, .rtf): convert to DOCX with LibreOffice, then read it.

``soffice --headless --convert-to docx`` runs in a fresh temporary directory with its own user
profile (so parallel workers do not fight over one profile lock) and a timeout of
``limits.LEGACY_TIMEOUT_S``. Without LibreOffice on PATH, or when the conversion fails or times
out, the file gets E022 saying how to install it. The result has ``format="docx"`` and the hint
``source_format`` (``doc``, ``wps`` or ``rtf``).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .. import limits
from ..errors import IngestError
from . import RawDocument


def soffice_path() -> str | None:
    """The LibreOffice executable on PATH, or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(path: Path) -> RawDocument:
    """Convert a .doc/.wps/.rtf file to DOCX with LibreOffice and read that."""
    from .docx import read_docx

    exe = soffice_path()
    if exe is None:
        raise IngestError.from_code("E022", path=path, detail="soffice/libreoffice is not on PATH")
    with tempfile.TemporaryDirectory(prefix="fz-soffice-") as tmp:
        tmpdir = Path(tmp)
        # A plain ASCII copy name: LibreOffice mishandles some non-ASCII names on odd locales.
        src = tmpdir / ("input" + (path.suffix.lower() or ".doc"))
        shutil.copyfile(path, src)
        cmd = [
            exe,
            f"-env:UserInstallation={(tmpdir / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmpdir / "out"),
            str(src),
        ]
        try:
            proc = subprocess.run(
                cmd,
                capture_output=True,
                timeout=limits.LEGACY_TIMEOUT_S,
                check=False,
                encoding="utf-8",
                errors="replace",
            )
        except subprocess.TimeoutExpired as exc:
            raise IngestError.from_code(
                "E022", path=path, detail=f"conversion timed out after {limits.LEGACY_TIMEOUT_S} s"
            ) from exc
        except OSError as exc:
            raise IngestError.from_code("E022", path=path, detail=f"cannot run {exe}: {exc}") from exc
        out = tmpdir / "out" / "input.docx"
        if proc.returncode != 0 or not out.exists():
            why = (proc.stderr or proc.stdout or "").strip().splitlines()
            detail = f"LibreOffice could not convert it (exit {proc.returncode}: {why[-1] if why else 'no output'})"
            raise IngestError.from_code("E022", path=path, detail=detail[:300])
        doc = read_docx(out)
    doc.hints["source_format"] = path.suffix.lower().lstrip(".") or "doc"
    return doc
