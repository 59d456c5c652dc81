"""A projection (逐年测算) as a Qt model: one row per standard, one column per year, then 合计 and staff.

The figures are the core's: ``planning.projection.project`` computes every year with the
engine, and the worker takes each year's ``Result.by_standard`` and total once
(``Projected``), the rows in the order ``budgetcalc project`` prints them. The model formats
them with ``format_yuan`` for the cells a view paints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..qt import QAbstractTableModel, Qt
from . import style

if TYPE_CHECKING:
    from budgetcalc.inputs.scenario import Scenario
    from budgetcalc.planning.projection import Projection
    from budgetcalc.rules.catalogue import Catalogue

Index = style.Index
_ROOT, _RIGHT, _LEFT, _BOLD = style.ROOT, style.RIGHT, style.LEFT, style.BOLD


@dataclass(frozen=True)
class Projected:
    """What a projection job hands back: the projection and its table, taken once in the worker."""

    projection: Projection | None = None
    years: tuple[int, ...] = ()
    rows: tuple[tuple[str, str, tuple[int, ...]], ...] = ()   # standard id, label, fen per year
    totals: tuple[int, ...] = ()
    staff: tuple[int, ...] = ()
    assumptions: tuple[str, ...] = ()
    figure: Any = None          # the core's chart (projection_bars), drawn in the worker
    revision: int = 0           # of the document the scenario was read from
    key: tuple[int, int] = field(default=(0, 0))   # (first, last) year asked


def project_job(scenario: Scenario, catalogue: Catalogue, first: int, last: int, revision: int) -> Projected:
    """Runs in the worker: ``budgetcalc project`` for these years, with its table and chart."""
    from budgetcalc.planning.projection import project
    from budgetcalc.report.projection import assumptions
    from budgetcalc.sheets.charts import projection_bars

    projection = project(scenario, catalogue, last, first)
    years = projection.years
    by_year = [y.result.by_standard() for y in years]
    labels: dict[str, str] = {}
    for y, sums in zip(years, by_year, strict=True):
        for sid in sums:
            labels.setdefault(sid, y.result.standard(sid).label)
    rows = tuple((sid, label, tuple(s.get(sid, 0) for s in by_year)) for sid, label in labels.items())
    return Projected(projection, tuple(y.year for y in years), rows, tuple(y.result.total_fen for y in years),
                     tuple(y.staff for y in years), tuple(assumptions(projection)), projection_bars(projection),
                     revision, (first, last))


class ProjectionModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._data = Projected()

    def set_projected(self, projected: Projected) -> None:
        self.beginResetModel()
        self._data = projected
        self.endResetModel()

    @property
    def years(self) -> tuple[int, ...]:
        return self._data.years

    def row_of(self, standard_id: str) -> int | None:
        return next((i for i, r in enumerate(self._data.rows) if r[0] == standard_id), None)

    def total_row(self) -> int:
        return len(self._data.rows)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() or not self._data.years else len(self._data.rows) + 2

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() or not self._data.years else len(self._data.years) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        rows = self._data.rows
        if role == Qt.ItemDataRole.DisplayRole:
            from budgetcalc.base.money import format_yuan

            if row < len(rows):
                return rows[row][1] if col == 0 else format_yuan(rows[row][2][col - 1])
            if row == len(rows):
                return i18n.tr("proj_total") if col == 0 else format_yuan(self._data.totals[col - 1])
            return i18n.tr("proj_staff") if col == 0 else f"{self._data.staff[col - 1]:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if col == 0 else _RIGHT
        if role == Qt.ItemDataRole.FontRole and row == len(rows):
            return _BOLD
        if role == Qt.ItemDataRole.ToolTipRole and col == 0 and row < len(rows):
            return rows[row][0]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= len(self._data.years):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return i18n.tr("proj_col_item") if section == 0 else str(self._data.years[section - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section == 0 else _RIGHT
        return None

    def retranslate(self) -> None:
        if self.rowCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))
