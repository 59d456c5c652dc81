"""Staffing norms, shares and policy targets of a result (人员配置, 政策目标) as Qt models.

The rows are the core's: ``Result.tables["norms"]`` / ``["shares"]`` through
``report.staffing.norm_rows`` / ``share_rows``, and the targets as ``report.staffing.targets_json``
words them (goal, deadline, citation, now, required, met). The models compute nothing: they
format the core's integers and percentages for the cells a view paints. These tables are a
few rows per norm and town, read once per result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..qt import QAbstractTableModel, Qt
from . import style

if TYPE_CHECKING:
    from budgetcalc.compute.result import Result

Index = style.Index
_ROOT, _RIGHT, _LEFT, _BOLD = style.ROOT, style.RIGHT, style.LEFT, style.BOLD


@dataclass(frozen=True)
class _Row:
    standard_id: str
    cells: tuple[str, ...]
    tip: str = ""            # the standard's value and clause (a tooltip on its label)
    total: bool = False      # the 全区 row of a norm or share
    short: bool | None = None  # True: a gap (or target not met); False: met; None: nothing to say


class _Table(QAbstractTableModel):
    """A small read-only table of the core's rows; subclasses say the columns and lay out the rows."""

    COLUMNS: tuple[str, ...] = ()
    NUMERIC: frozenset[int] = frozenset()
    STATUS: int = -1         # the column coloured by ``short``

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._result: Result | None = None

    def set_result(self, result: Result | None) -> None:
        self._result = result
        self.beginResetModel()
        self._rows = self._load(result) if result is not None else []
        self.endResetModel()

    def _load(self, result: Result) -> list[_Row]:
        raise NotImplementedError

    @property
    def result(self) -> Result | None:
        return self._result

    def standard_id(self, row: int) -> str:
        return self._rows[row].standard_id

    def text(self, row: int, column: int) -> str:
        return self._rows[row].cells[column]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tip if col == 0 and row.tip else (row.cells[col] or None)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col in self.NUMERIC else _LEFT
        if role == Qt.ItemDataRole.FontRole and row.total:
            return _BOLD
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS and row.short is not None:
            return style.ERROR_FG if row.short else style.MET_FG
        if role == Qt.ItemDataRole.UserRole:
            return row.standard_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return i18n.tr(self.COLUMNS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in self.NUMERIC else _LEFT
        return None

    def retranslate(self) -> None:
        self.set_result(self._result)   # the words (goals, 人, 已达到) are the language's own


def _tip(result: Result, standard_id: str) -> str:
    from budgetcalc.report.standards import value_text
    from budgetcalc.report.words import citation

    std = result.standard(standard_id)
    return f"{std.label}{i18n.colon()}{value_text(std, i18n.lang())}\n{citation(result.profile, std.clause)}"


class NormsModel(_Table):
    """Each norm per town and for 全区: base, required (min–max), persons on post, gap, over, gap cost."""

    COLUMNS = ("norm_col_standard", "norm_col_area", "norm_col_base", "norm_col_required", "norm_col_actual",
               "norm_col_gap", "norm_col_over", "norm_col_cost")
    NUMERIC = frozenset(range(2, 8))
    STATUS = 5

    def _load(self, result: Result) -> list[_Row]:
        from budgetcalc.base.money import format_yuan
        from budgetcalc.compute.calculators.staffing import TOTAL
        from budgetcalc.report.staffing import norm_rows

        tips: dict[str, str] = {}
        out = []
        for r in norm_rows(result):
            if r.standard_id not in tips:
                tips[r.standard_id] = _tip(result, r.standard_id)
            need = f"{r.required_min:,}" + (f"–{r.required_max:,}" if r.required_max is not None else "")
            out.append(_Row(r.standard_id, (
                result.standard(r.standard_id).label, r.area, f"{r.base:,}", need, f"{r.actual:,}", f"{r.gap:,}",
                f"{r.over:,}" if r.over else "", format_yuan(r.cost_fen) if r.cost_fen is not None else ""),
                tips[r.standard_id], r.area == TOTAL, r.gap > 0))
        return out


class SharesModel(_Table):
    """Each share per town and for 全区: persons in the group, those that count, the share, the minimum, still needed."""

    COLUMNS = ("share_col_standard", "norm_col_area", "share_col_group", "share_col_members", "share_col_actual",
               "share_col_required", "share_col_gap")
    NUMERIC = frozenset(range(2, 7))
    STATUS = 4

    def _load(self, result: Result) -> list[_Row]:
        from budgetcalc.compute.calculators.staffing import TOTAL
        from budgetcalc.report.staffing import share_rows
        from budgetcalc.report.standards import number

        tips: dict[str, str] = {}
        out = []
        for s in share_rows(result):
            if s.standard_id not in tips:
                tips[s.standard_id] = _tip(result, s.standard_id)
            met = s.met
            out.append(_Row(s.standard_id, (
                result.standard(s.standard_id).label, s.area, f"{s.group:,}", f"{s.members:,}",
                f"{s.actual}%" if s.actual is not None else "—", f"≥ {number(s.required)}%", f"{s.gap:,}"),
                tips[s.standard_id], s.area == TOTAL, None if met is None else not met))
        return out


class TargetsModel(_Table):
    """Each policy target: its goal, deadline and clause, and — where the inputs tell — now, required, met."""

    COLUMNS = ("target_col_label", "target_col_goal", "target_col_deadline", "target_col_actual",
               "target_col_required", "target_col_status", "target_col_citation")
    NUMERIC = frozenset({2, 3, 4})
    STATUS = 5
    _STATUS_KEYS = {True: "target_met", False: "target_not_met", None: "target_unmeasured"}

    def _load(self, result: Result) -> list[_Row]:
        from budgetcalc.report.staffing import targets_json

        return [_Row(t["standard_id"], (
            t["label"], t["goal"], str(t["deadline"] or ""), t["actual_text"], t["required_text"],
            i18n.tr(self._STATUS_KEYS[t["met"]]), t["citation"]), "", False, None if t["met"] is None else not t["met"])
            for t in targets_json(result, i18n.lang())]

    def met(self, row: int) -> bool | None:
        short = self._rows[row].short
        return None if short is None else not short
