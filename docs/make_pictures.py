"""Remake the user guide's pictures (docs/images/*.png) from the bundled county example.

The workbooks are printed to PDF with LibreOffice, the pages with Chromium, and one page of each
becomes a PNG with pdftoppm at 60 dpi, so each picture shows the sheet as it prints. The PNGs
are committed: the site builds without these programs. Run `python docs/make_pictures.py`
after a change to what the forms, the scored workbook or the published pages look like.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "images"
EXAMPLE = REPO / "examples" / "county-2013.xlsx"
SPLIT = REPO / "examples" / "county-2013-split"  # one file per certifier, as a season receives
DPI = "60"


def mypm(*args: object) -> None:
    subprocess.run([sys.executable, "-m", "mypm", *map(str, args)], check=True)


def workbook_pdf(workbook: Path, folder: Path) -> Path:
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [
            *("soffice", f"-env:UserInstallation={profile}", "--headless"),
            *("--convert-to", "pdf", "--outdir", str(folder), str(workbook)),
        ],
        check=True,
        capture_output=True,
    )
    return folder / f"{workbook.stem}.pdf"


def page_pdf(page: Path, folder: Path) -> Path:
    pdf = folder / f"{page.stem}.pdf"
    subprocess.run(
        [
            *("chromium", "--headless", "--no-sandbox", "--no-pdf-header-footer"),
            *(f"--print-to-pdf={pdf}", page.as_uri()),
        ],
        check=True,
        capture_output=True,
    )
    return pdf


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])


def sheet_page(pdf: Path, sheet: str) -> int:
    """The first page (from 1) of `sheet`: every printed page starts with its sheet's name."""
    for number in range(1, page_count(pdf) + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        if text.strip().splitlines()[:1] == [sheet]:
            return number
    raise SystemExit(f"{pdf.name}: no page of the sheet {sheet}")


def picture(pdf: Path, page: int, name: str) -> None:
    target = IMAGES / name
    subprocess.run(
        [
            *("pdftoppm", "-png", "-singlefile", "-r", DPI, "-f", str(page), "-l", str(page)),
            *(str(pdf), str(target.with_suffix(""))),
        ],
        check=True,
    )
    print(f"{target.relative_to(REPO)} ({target.stat().st_size // 1024} KB)")


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        form = folder / "county-form.xlsx"
        mypm("template", "--kind", "county", "-o", form)
        pdf = workbook_pdf(form, folder)
        picture(pdf, 1, "form-entry.png")
        picture(pdf, sheet_page(pdf, "说明"), "form-guide.png")

        scored = folder / "county-scored.xlsx"
        mypm("score", EXAMPLE, "-o", scored, "--quiet")
        pdf = workbook_pdf(scored, folder)
        picture(pdf, 1, "scored-summary.png")
        picture(pdf, sheet_page(pdf, "明细"), "scored-details.png")

        pages = folder / "pages"
        mypm("publish", EXAMPLE, "-o", pages, "--deadline", "2014-02-10")
        pdf = page_pdf(pages / "units" / "002-江油市.html", folder)
        picture(pdf, 1, "feedback.png")
        picture(pdf, page_count(pdf), "feedback-reply.png")  # the 确认无误 / 申诉 block
        public = folder / "public"
        mypm("publish", EXAMPLE, "-o", public, "--public")
        picture(page_pdf(public / "index.html", folder), 1, "public.png")

        season = folder / "season"
        mypm("init", season, "--kind", "county", "--reply-deadline", "2014-02-10")
        mypm("receive", SPLIT, "--season", season, "--received-at", "2014-01-15 09:30")
        mypm("template", "--review", "--season", season)
        review = next((season / "发出表格").glob("*-审核表-*.xlsx"))
        picture(workbook_pdf(review, folder), 1, "review-form.png")
        mypm("template", "--appeals", "--season", season)
        appeals = next((season / "发出表格").glob("*-申诉表.xlsx"))
        picture(workbook_pdf(appeals, folder), 1, "appeals-form.png")


if __name__ == "__main__":
    main()
