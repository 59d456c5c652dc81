"""The print preview: the sheet's PDF pages drawn sharp at any zoom, and printing in the background.

Qt's own preview dialog records each page once as a picture of a page image, so the
image's resolution is fixed when the dialog opens and zooming only enlarges its pixels
("118" reads as "11B"). Here every page visible is rendered by PDFium for the zoom and
the screen's device pixel ratio, again at each zoom, and pages far from view drop their
images (a 60-page county sheet stays a few pages of memory).

Printing a long sheet takes a while (each page rasterised at up to 300 dpi and spooled),
so it runs on a thread of its own with a progress dialog and a cancel; the preview does
not render meanwhile (PDFium is used by one thread at a time).
"""

from __future__ import annotations

from . import i18n
from .print_pages import POINTS_PER_INCH, PdfPages, print_pages
from .qt import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPixmap,
    QPrintDialog,
    QPrinter,
    QProgressDialog,
    QPushButton,
    QRect,
    QScrollArea,
    Qt,
    QThread,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
PAGE_GAP = 14
NEAR_PX = 1500   # pages this far outside the view keep no image


def render_dpi(zoom: float, logical_dpi: float, ratio: float) -> float:
    """The resolution a page is rendered at: the zoom on a screen of ``logical_dpi`` × its pixel ratio."""
    return zoom * logical_dpi * ratio


class PrintJob(QThread):
    """``print_pages`` off the GUI thread; ``cancel()`` stops it after the page being painted."""

    page_done = Signal(int)

    def __init__(self, pages: PdfPages, printer: QPrinter, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages, self.printer = pages, printer
        self.cancelled = False
        self.printed = 0

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        self.printed = print_pages(self.pages, self.printer, self._step)

    def _step(self, done: int) -> bool:
        self.page_done.emit(done)
        return not self.cancelled


class PrintPreview(QDialog):
    """Pages one below the other, zoom buttons, 打印… (Qt's print dialog, then the print thread)."""

    printing_done = Signal(int, bool)   # pages printed, whether cancelled

    def __init__(self, pages: PdfPages, printer: QPrinter, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages, self.printer = pages, printer
        self.job: PrintJob | None = None
        self.progress: QProgressDialog | None = None
        self.zoom = 1.0
        self._shown = False
        self._rendered: dict[int, float] = {}   # page → dpi its image was rendered at
        self.labels: list[QLabel] = []
        column = QWidget()
        column.setStyleSheet("background: #7f7f7f;")
        stack = QVBoxLayout(column)
        stack.setSpacing(PAGE_GAP)
        stack.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        for _ in range(len(pages)):
            label = QLabel()
            label.setStyleSheet("background: white;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            stack.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        self.area = QScrollArea()
        self.area.setWidget(column)
        self.column = column
        self.area.setWidgetResizable(True)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(30)
        self._render_timer.timeout.connect(self.render_visible)
        self.area.verticalScrollBar().valueChanged.connect(lambda _v: self._render_timer.start())
        self.area.horizontalScrollBar().valueChanged.connect(lambda _v: self._render_timer.start())

        self.zoom_out, self.zoom_in, self.fit_button = QPushButton("−"), QPushButton("+"), QPushButton()
        self.zoom_label = QLabel()
        self.print_button, self.close_button = QPushButton(), QPushButton()
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(1))
        self.fit_button.clicked.connect(self.fit_width)
        self.print_button.clicked.connect(self.ask_and_print)
        self.close_button.clicked.connect(self.close)
        bar = QHBoxLayout()
        for widget in (self.zoom_out, self.zoom_in, self.fit_button, self.zoom_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.area, 1)
        self.setWindowTitle(i18n.tr("print_preview_title", pages=len(pages)))
        self.fit_button.setText(i18n.tr("preview_fit_width"))
        self.print_button.setText(i18n.tr("preview_print"))
        self.close_button.setText(i18n.tr("preview_close"))
        self.print_button.setDefault(True)
        self.finished.connect(lambda _code: self._stop())
        self.set_zoom(1.0)

    def page_count(self) -> int:
        return len(self.labels)

    # ------------------------------------------------------------ zoom and rendering

    def dpi(self) -> float:
        return render_dpi(self.zoom, self.logicalDpiX(), self.devicePixelRatioF())

    def set_zoom(self, zoom: float) -> None:
        """Lay the pages out at ``zoom`` (1.0 = their printed size) and render those in view anew."""
        self.zoom = max(ZOOMS[0], min(ZOOMS[-1], zoom))
        scale = self.zoom * self.logicalDpiX() / POINTS_PER_INCH
        for index, label in enumerate(self.labels):
            width, height = self.pages.size_pt(index)
            label.setFixedSize(round(width * scale), round(height * scale))
        self._rendered.clear()
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self._render_timer.start()

    def step_zoom(self, direction: int) -> None:
        bigger = [z for z in ZOOMS if z > self.zoom + 1e-6]
        smaller = [z for z in ZOOMS if z < self.zoom - 1e-6]
        if direction > 0 and bigger:
            self.set_zoom(bigger[0])
        elif direction < 0 and smaller:
            self.set_zoom(smaller[-1])

    def fit_width(self) -> None:
        widest = max((self.pages.size_pt(i)[0] for i in range(len(self.labels))), default=1.0)
        room = self.area.viewport().width() - 2 * PAGE_GAP - 4
        self.set_zoom(room / (widest * self.logicalDpiX() / POINTS_PER_INCH))

    def showEvent(self, event: object) -> None:
        """Opens with the pages as wide as the window (then at whatever zoom the officer picks)."""
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._shown:
            self._shown = True
            self.fit_width()
        self._render_timer.start()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._render_timer.start()

    def render_visible(self) -> None:
        """Render the pages in (or near) view at the current dpi; forget the images of the others."""
        if self.job is not None:
            return
        viewport = self.area.viewport()
        top_left = self.column.mapFrom(viewport, viewport.rect().topLeft())
        seen = QRect(top_left, viewport.size())
        near = seen.adjusted(0, -NEAR_PX, 0, NEAR_PX)
        dpi, ratio = self.dpi(), self.devicePixelRatioF()
        for index, label in enumerate(self.labels):
            if label.geometry().intersects(seen) and self._rendered.get(index) != dpi:
                pixmap = QPixmap.fromImage(self.pages.image(index, dpi))
                pixmap.setDevicePixelRatio(ratio)
                label.setPixmap(pixmap)
                self._rendered[index] = dpi
            elif not label.geometry().intersects(near) and index in self._rendered:
                label.clear()
                del self._rendered[index]

    def rendered_dpi(self, index: int) -> float | None:
        """The resolution page ``index`` is shown at now (None: not rendered)."""
        return self._rendered.get(index)

    # ------------------------------------------------------------ printing

    def ask_and_print(self) -> None:
        dialog = QPrintDialog(self.printer, self)
        dialog.setMinMax(1, len(self.labels))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_printing()

    def start_printing(self) -> PrintJob:
        """Print on the print thread, with progress and a cancel; the job."""
        job = PrintJob(self.pages, self.printer, self)
        progress = QProgressDialog(i18n.tr("printing"), i18n.tr("printing_cancel"), 0, len(self.labels), self)
        progress.setWindowTitle(i18n.title("act_print"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.canceled.connect(job.cancel)
        job.page_done.connect(progress.setValue)
        job.finished.connect(self._printed)
        self.job, self.progress = job, progress
        self.print_button.setEnabled(False)
        job.start()
        return job

    def _printed(self) -> None:
        job, progress = self.job, self.progress
        self.job, self.progress = None, None
        if progress is not None:
            progress.reset()
            progress.deleteLater()
        self.print_button.setEnabled(True)
        if job is not None:
            self.printing_done.emit(job.printed, job.cancelled)
            job.deleteLater()
        self._render_timer.start()

    def _stop(self) -> None:
        """Closing while printing: stop after the current page and wait, so the pages outlive the thread."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
