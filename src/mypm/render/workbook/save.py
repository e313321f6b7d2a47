"""Saving a workbook so that what lands on disk is known to be whole."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import fromstring


def save_verified(wb: Any, path: Path) -> None:
    """Save an openpyxl workbook, then check the saved file (`check_saved`)."""
    wb.save(path)
    check_saved(path)


def check_saved(path: Path) -> None:
    """Check a saved workbook before anyone moves it into place; OSError when it is not whole.

    The check opens the saved zip (its directory is written last, so a cut-off file fails
    here), checks that every sheet the workbook names is in it, and parses the workbook part.
    Reloading it in openpyxl's normal mode would take gigabytes and minutes at 100,000 units.
    """
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = fromstring(archive.read("xl/workbook.xml"))
        sheets = [e for e in workbook.iter() if e.tag.endswith("}sheet")]
        if not sheets or not any(n.startswith("xl/worksheets/") for n in names):
            raise OSError(f"{path.name}: the saved workbook has no sheets")
