"""Validation with openxml-audit, a Python port of the Open XML SDK validator (strict policy)."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any


@functools.cache
def _validator() -> Any:
    from openxml_audit import FileFormat, OpenXmlValidator

    return OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=0, strict=True)


def problems(path: Path) -> list[str]:
    """One line per error openxml-audit reports for the DOCX at ``path`` (empty: valid)."""
    try:
        validator = _validator()
    except ImportError:
        return ["cannot validate: openxml-audit is not installed (pip install openxml-audit)"]
    from openxml_audit import ValidationSeverity

    result = validator.validate(path)
    found = [str(error) for error in result.errors if error.severity == ValidationSeverity.ERROR]
    if not result.is_valid and not found:
        found.append("openxml-audit: not valid")
    return found


def problems_of_bytes(data: bytes) -> list[str]:
    """:func:`problems` of a DOCX held in memory."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "check.docx"
        path.write_bytes(data)
        return problems(path)
