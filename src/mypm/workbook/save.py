"""Saving a workbook so that what lands on disk is known to open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook


def save_verified(wb: Any, path: Path) -> None:
    """Save, then open the saved file again: a file that will not open is never moved into place.

    The check opens the file in read-only mode (the package, workbook, styles and strings), not
    in normal mode, which would cost gigabytes for a 100,000-unit result.
    """
    wb.save(path)
    load_workbook(path, read_only=True).close()
