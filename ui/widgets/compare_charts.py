"""The comparison charts: the core's matplotlib figures in a Qt canvas, exported as PNG or PDF.

The figures are ``budgetcalc.sheets.charts``' own, so the screen, the exported files and the
comparison sheet show one drawing. matplotlib's Qt canvas is imported when this page is
built — on the first visit to the 图表 tab — never at start-up. An export draws a fresh
figure at its designed size, not the canvas one stretched to the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..qt import QComboBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget, Signal

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from budgetcalc.compare import Comparison

CHARTS = ("bars", "waterfall")
_CHART_KEYS = {"bars": "cmp_chart_bars", "waterfall": "cmp_chart_waterfall"}
_EXPORT_KEYS = {"png": ("cmp_export_png", "cmp_filter_png"), "pdf": ("cmp_export_pdf", "cmp_filter_pdf")}


class ChartsPage(QWidget):
    exported = Signal(object)    # the Path written

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self._canvas_class = FigureCanvasQTAgg
        self.comparison: Comparison | None = None
        self.folder = Path()
        self.canvas: Any = None
        self.chart_combo = QComboBox()
        self.variant_label = QLabel()
        self.variant_combo = QComboBox()
        self.png_button, self.pdf_button = QPushButton(), QPushButton()
        self.chart_combo.currentIndexChanged.connect(lambda _n: self.redraw())
        self.variant_combo.currentIndexChanged.connect(lambda _n: self.redraw())
        self.png_button.clicked.connect(lambda: self.export("png"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        bar = QHBoxLayout()
        bar.addWidget(self.chart_combo)
        bar.addWidget(self.variant_label)
        bar.addWidget(self.variant_combo)
        bar.addStretch(1)
        bar.addWidget(self.png_button)
        bar.addWidget(self.pdf_button)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(bar)
        self.retranslate()

    def set_comparison(self, comparison: Comparison | None, folder: Path) -> None:
        self.comparison, self.folder = comparison, folder
        names = list(comparison.names[1:]) if comparison is not None else []
        self.variant_combo.blockSignals(True)
        self.variant_combo.clear()
        self.variant_combo.addItems(names)
        self.variant_combo.blockSignals(False)
        self.redraw()

    def chart(self) -> str:
        return CHARTS[max(0, self.chart_combo.currentIndex())]

    def variant(self) -> int:
        return max(0, self.variant_combo.currentIndex()) + 1

    def figure(self) -> Figure | None:
        """A new figure of the chart chosen, drawn by the core."""
        if self.comparison is None:
            return None
        from budgetcalc.sheets.charts import category_bars, waterfall

        return category_bars(self.comparison) if self.chart() == "bars" else waterfall(self.comparison, self.variant())

    def redraw(self) -> None:
        several = self.comparison is not None and len(self.comparison.names) > 2
        self.variant_label.setVisible(several and self.chart() == "waterfall")
        self.variant_combo.setVisible(several and self.chart() == "waterfall")
        for button in (self.png_button, self.pdf_button):
            button.setEnabled(self.comparison is not None)
        if self.canvas is not None:
            self._layout.removeWidget(self.canvas)
            self.canvas.deleteLater()
            self.canvas = None
        figure = self.figure()
        if figure is not None:
            self.canvas = self._canvas_class(figure)
            self._layout.addWidget(self.canvas, 1)

    def export(self, fmt: str) -> Path | None:
        """Ask where, then write the chart shown as PNG or PDF (atomically, by the core)."""
        figure = self.figure()
        if figure is None:
            return None
        name = self.chart_combo.currentText() if self.chart() == "bars" else (
            f"{self.chart_combo.currentText()}-{self.variant_combo.currentText()}")
        title, file_filter = _EXPORT_KEYS[fmt]
        chosen, _ = QFileDialog.getSaveFileName(self, i18n.tr(title), str(self.folder / f"{name}.{fmt}"),
                                                i18n.tr(file_filter))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        from budgetcalc.sheets.charts import save_figure

        try:
            save_figure(figure, path)
        except OSError as exc:
            QMessageBox.critical(self, i18n.tr("cmp_export_failed_title"), i18n.tr("cmp_export_failed", detail=exc))
            return None
        self.exported.emit(path)
        return path

    def retranslate(self) -> None:
        current = max(0, self.chart_combo.currentIndex())
        self.chart_combo.blockSignals(True)
        self.chart_combo.clear()
        self.chart_combo.addItems([i18n.tr(_CHART_KEYS[c]) for c in CHARTS])
        self.chart_combo.setCurrentIndex(current)
        self.chart_combo.blockSignals(False)
        self.variant_label.setText(i18n.tr("cmp_chart_variant"))
        self.png_button.setText(i18n.tr("cmp_export_png"))
        self.pdf_button.setText(i18n.tr("cmp_export_pdf"))
