"""Printing a sheet: the very PDF the core renders, drawn page for page onto the printer.

Preview, paper and the filed PDF therefore cannot differ — same layout, sign-off lines and
第 X 页 共 Y 页 on every page, landscape tables and portrait notes (each printed page takes
the orientation of its PDF page). Pages are rasterised by PDFium (pypdfium2) in grey —
the budget sheet is black on white with grey shading, and most bureau printers are
monochrome lasers — at up to 300 dpi for paper (sharp, and a page image stays near 9 MB);
the preview (``ui.print_preview``) renders them at the screen's own resolution.

PDFium is not thread-safe: a document is used by one thread at a time (the preview pauses
while the print thread paints).
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium

from .qt import QImage, QPageLayout, QPainter, QPrinter, QRectF

PRINT_DPI = 300
POINTS_PER_INCH = 72


class PdfPages:
    """A PDF held in memory, page sizes and page images on demand."""

    def __init__(self, data: bytes):
        self._data = data   # PDFium reads from this buffer for the document's lifetime
        self._doc = pdfium.PdfDocument(data)

    def __len__(self) -> int:
        return len(self._doc)

    def size_pt(self, index: int) -> tuple[float, float]:
        width, height = self._doc[index].get_size()
        return float(width), float(height)

    def landscape(self, index: int) -> bool:
        width, height = self.size_pt(index)
        return width > height

    def image(self, index: int, dpi: float) -> QImage:
        bitmap = self._doc[index].render(scale=dpi / POINTS_PER_INCH, grayscale=True, optimize_mode="print")
        pixels = bitmap.to_numpy()
        height, width = pixels.shape[:2]  # one byte a pixel
        image = QImage(pixels.data, width, height, pixels.strides[0], QImage.Format.Format_Grayscale8)
        return image.copy()  # own the pixels: the bitmap's buffer goes with it

    def close(self) -> None:
        self._doc.close()


def page_range(printer: QPrinter, count: int) -> range:
    """The pages the officer chose in the print dialog (all when no range was given), 0-based."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0:
        return range(count)
    return range(first - 1, min(max(last, first), count))


def print_pages(pages: PdfPages, printer: QPrinter, step: Callable[[int], bool] | None = None) -> int:
    """Paint the chosen pages onto ``printer``; the number of pages painted.

    Each page is scaled to the paper (A4 or not) keeping its proportions, centred, in
    its PDF page's orientation. ``step(pages done)`` is called after each page (the
    print thread's progress); when it returns False the print run is aborted there.
    """
    chosen = page_range(printer, len(pages))
    if not chosen:
        return 0
    printer.setFullPage(True)  # the PDF page carries its own margins and footer
    painter = QPainter()
    for n, index in enumerate(chosen):
        printer.setPageOrientation(orientation(pages, index))  # takes effect at begin() or the next newPage()
        if n == 0:
            if not painter.begin(printer):
                return 0
        else:
            printer.newPage()
        image = pages.image(index, min(printer.resolution(), PRINT_DPI))
        painter.drawImage(_fitted(printer.paperRect(QPrinter.Unit.DevicePixel), image), image)
        if step is not None and not step(n + 1):
            printer.abort()
            if painter.isActive():
                painter.end()
            return n + 1
    painter.end()
    return len(chosen)


def orientation(pages: PdfPages, index: int) -> QPageLayout.Orientation:
    return QPageLayout.Orientation.Landscape if pages.landscape(index) else QPageLayout.Orientation.Portrait


def _fitted(paper: QRectF, image: QImage) -> QRectF:
    scale = min(paper.width() / image.width(), paper.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF(paper.x() + (paper.width() - width) / 2, paper.y() + (paper.height() - height) / 2, width, height)
