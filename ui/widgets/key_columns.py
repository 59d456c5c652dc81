"""Key columns (编码, 名称) that stay in view while a wide table scrolls sideways.

A second table view over the same model and selection lies on top of the table's first
columns (Qt's "frozen column" pattern): it follows the table's vertical scrolling and
column widths, and a click or an edit in it is one in the table, so selection, copy,
paste, sorting and undo behave as before. The table itself keeps every column, so its
keyboard navigation and ``scrollTo`` work unchanged; it only scrolls a cell it moves to
out from under the overlay (``SheetView.scrollTo``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..qt import QAbstractItemView, QHeaderView, Qt

if TYPE_CHECKING:
    from .table_page import SheetView

KEY_HEADERS = frozenset({"机构编码", "机构名称", "人员编码", "姓名"})
EDGE = 2   # px of the line that ends the key columns


def key_column_count(headers: list[str]) -> int:
    """How many leading columns identify a row (机构编码, 机构名称 / 人员编码, 姓名)."""
    count = 0
    while count < len(headers) and headers[count] in KEY_HEADERS:
        count += 1
    return count


def attach(table: SheetView, count: int) -> SheetView:
    """Lay a view of ``table``'s first ``count`` columns over them; the overlay."""
    from .table_page import SheetView

    overlay = SheetView(table)
    overlay.setModel(table.model())
    overlay.setSelectionModel(table.selectionModel())
    overlay.setItemDelegate(table.itemDelegate())
    overlay.setEditTriggers(table.editTriggers())
    overlay.setSelectionMode(table.selectionMode())
    overlay.setAlternatingRowColors(table.alternatingRowColors())
    overlay.verticalHeader().hide()
    overlay.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
    overlay.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    overlay.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    overlay.setVerticalScrollMode(table.verticalScrollMode())
    overlay.setStyleSheet(f"QTableView {{ border: none; border-right: {EDGE}px solid #8c8c8c; }}")  # where keys end
    header = overlay.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(table.horizontalHeader().sortIndicatorSection(), table.horizontalHeader().sortIndicatorOrder())
    overlay.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.key_columns = count

    def columns() -> None:
        for j in range(overlay.model().columnCount()):
            overlay.setColumnHidden(j, j >= count)
            if j < count:
                overlay.setColumnWidth(j, table.columnWidth(j))
        place()

    def place() -> None:
        frame = table.frameWidth()
        width = sum(table.columnWidth(j) for j in range(count)) + EDGE
        overlay.setGeometry(table.verticalHeader().width() + frame, frame, width,
                            table.viewport().height() + table.horizontalHeader().height())

    def resized(section: int, _old: int, new: int) -> None:
        if section < count:
            overlay.setColumnWidth(section, new)
            place()

    def sort_clicked(section: int) -> None:   # a click on the overlay's header sorts the table
        main = table.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = (Qt.SortOrder.DescendingOrder if main.sortIndicatorSection() == section
                 and main.sortIndicatorOrder() == ascending else ascending)
        main.setSortIndicator(section, order)

    table.horizontalHeader().sectionResized.connect(resized)
    overlay.horizontalHeader().sectionResized.connect(
        lambda section, _old, new: table.setColumnWidth(section, new) if section < count else None)
    table.horizontalHeader().sortIndicatorChanged.connect(lambda section, order: header.setSortIndicator(section, order))
    header.sectionClicked.connect(sort_clicked)
    table.verticalHeader().geometriesChanged.connect(place)
    table.horizontalHeader().geometriesChanged.connect(place)
    table.verticalScrollBar().valueChanged.connect(overlay.verticalScrollBar().setValue)
    overlay.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
    table.model().modelReset.connect(columns)
    table.resized.connect(place)
    columns()
    overlay.show()
    return overlay


def uncover(table: SheetView, index: Any) -> None:
    """Scroll so that a cell right of the key columns is not hidden under them."""
    if not index.isValid() or index.column() < table.key_columns:
        return
    cover = sum(table.columnWidth(j) for j in range(table.key_columns)) + EDGE
    x = table.columnViewportPosition(index.column())
    if x < cover:
        bar = table.horizontalScrollBar()
        bar.setValue(bar.value() - (cover - x))
