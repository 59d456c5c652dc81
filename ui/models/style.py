"""The few colours, alignments and fonts the models use to mark cells, in one place."""

from __future__ import annotations

from ..qt import QBrush, QColor, QFont, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
BOLD = QFont()
BOLD.setBold(True)

ERROR_BG = QBrush(QColor("#ffd6d6"))
WARNING_FG = QBrush(QColor("#8a5a00"))
ERROR_FG = QBrush(QColor("#b00020"))
OVERRIDE_BG = QBrush(QColor("#fff0c2"))
OVERRIDE_FG = QBrush(QColor("#8a4b00"))
MET_FG = QBrush(QColor("#1b6e20"))
