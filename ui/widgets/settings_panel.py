"""The 参数 sheet as a form: profile, budget year, unit, performance-pay baseline and bands.

Each field writes its cell of the 参数 sheet through the undo stack, and shows the
reader's problem for that cell (red, with the command line's message as tooltip). The
band fields appear only for profiles that have bands, with the band's range beside them.
The recent-scenarios list lives here too: it is the first thing seen on start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from budgetcalc.base.problems import Problem
from budgetcalc.inputs import editing
from budgetcalc.rules import vocab

from .. import i18n
from ..document import Document
from ..qt import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from budgetcalc.rules.catalogue import Profile

_BAD = "background-color: #ffd6d6;"
YEAR_MIN, YEAR_MAX = 2000, 2100


class SettingsPanel(QWidget):
    recent_activated = Signal(str)
    recompute_with_new = Signal()
    new_requested = Signal()
    open_requested = Signal()

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.profile_combo = QComboBox()
        self.profile_combo.activated.connect(self._profile_chosen)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(YEAR_MIN - 1, YEAR_MAX)
        self.year_spin.setSpecialValueText("—")
        self.year_spin.setKeyboardTracking(False)
        self.year_spin.valueChanged.connect(self._year_changed)
        self.unit_edit = QLineEdit()
        self.unit_edit.editingFinished.connect(lambda: self._commit(vocab.SETTING_UNIT, self.unit_edit.text()))
        self.baseline_edit = QLineEdit()
        self.baseline_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.baseline_edit.editingFinished.connect(
            lambda: self._commit(vocab.SETTING_BASELINE, self.baseline_edit.text()))
        self.order_combo = QComboBox()            # 排序方式: towns, facilities and staff as entered, or by pinyin
        for choice in vocab.ORDER_CHOICES:
            self.order_combo.addItem(choice, choice)
        self.order_combo.activated.connect(
            lambda _i: self._commit(vocab.SETTING_ORDER, self.order_combo.currentData() or ""))
        self.filing_date_edit = QLineEdit()       # 填报日期 signed on the sheets; blank: the day of export
        self.filing_date_edit.editingFinished.connect(
            lambda: self._commit(vocab.SETTING_FILING_DATE, self.filing_date_edit.text()))
        self.band_edits: dict[str, QLineEdit] = {}
        self.band_hints: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, widget in (("profile", self.profile_combo), ("year", self.year_spin),
                            ("unit_name", self.unit_edit), ("baseline", self.baseline_edit),
                            ("order", self.order_combo), ("filing_date", self.filing_date_edit)):
            label = QLabel()
            label.setBuddy(widget)
            self._labels[key] = label
            self.form.addRow(label, widget)
        self.bands_form = QFormLayout()
        self.bands_box = QGroupBox()
        self.bands_box.setLayout(self.bands_form)

        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setWordWrap(True)
        self.stored_label = QLabel()
        self.stored_label.setWordWrap(True)
        self.stored_label.setStyleSheet("color: #8a4b00;")
        self.stored_button = QPushButton()
        self.stored_button.clicked.connect(self.recompute_with_new.emit)
        stored_row = QHBoxLayout()
        stored_row.addWidget(self.stored_label, 1)
        stored_row.addWidget(self.stored_button)

        self.recent_box = QGroupBox()
        self.recent_list = QListWidget()
        self.recent_list.itemActivated.connect(
            lambda item: self.recent_activated.emit(item.data(Qt.ItemDataRole.UserRole) or ""))
        self.new_button, self.open_button = QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button.clicked.connect(self.open_requested.emit)
        start_row = QHBoxLayout()
        start_row.addWidget(self.new_button)
        start_row.addWidget(self.open_button)
        start_row.addStretch(1)
        recent_layout = QVBoxLayout(self.recent_box)
        recent_layout.addLayout(start_row)
        recent_layout.addWidget(self.recent_list)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.bands_box)
        layout.addWidget(self.file_label)
        layout.addLayout(stored_row)
        layout.addWidget(self.recent_box, 1)
        document.replaced.connect(self.refresh)
        document.edited.connect(
            lambda edit: self.refresh() if vocab.SHEET_SETTINGS in editing.sheets_of(edit) else None)
        document.state_changed.connect(self._update_state)
        self._shown_profile: str | None = None
        self._problems: dict[str, list[Problem]] = {}
        self.retranslate()

    # ------------------------------------------------------------ content

    def set_profiles(self, profiles: tuple[Profile, ...]) -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for profile in profiles:
            self.profile_combo.addItem(f"{profile.name}（{profile.id}）", profile.id)
        self.profile_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        book = self.document.book
        pid = self.document.profile_id()
        self.profile_combo.blockSignals(True)
        found = self.profile_combo.findData(pid)
        if found < 0 and pid:
            self.profile_combo.addItem(pid, pid)
            found = self.profile_combo.findData(pid)
        self.profile_combo.setCurrentIndex(found)
        self.profile_combo.blockSignals(False)
        self.year_spin.blockSignals(True)
        year = editing.number_value(editing.setting_value(book, vocab.SETTING_YEAR))
        valid = year is not None and year == year.to_integral() and YEAR_MIN <= year <= YEAR_MAX
        self.year_spin.setValue(int(year) if valid and year is not None else YEAR_MIN - 1)
        self.year_spin.blockSignals(False)
        self.unit_edit.setText(editing.display_text(editing.setting_value(book, vocab.SETTING_UNIT)))
        self.baseline_edit.setText(editing.display_text(editing.setting_value(book, vocab.SETTING_BASELINE)))
        order = editing.display_text(editing.setting_value(book, vocab.SETTING_ORDER)) or vocab.ORDER_CHOICES[0]
        self.order_combo.setCurrentIndex(max(self.order_combo.findData(order), 0))
        self.filing_date_edit.setText(editing.display_text(editing.setting_value(book, vocab.SETTING_FILING_DATE)))
        if pid != self._shown_profile:
            self._build_bands()
        for item, edit in self.band_edits.items():
            edit.setText(editing.display_text(editing.setting_value(book, item)))
        self._update_state()
        self._mark()

    def _profile(self) -> Profile | None:
        if self.document.shipped is None:
            return None
        catalogue = self.document.catalogue()
        pid = self.document.profile_id()
        return catalogue.profile(pid) if catalogue.has_profile(pid) else None

    def _build_bands(self) -> None:
        while self.bands_form.rowCount():
            self.bands_form.removeRow(0)
        self.band_edits, self.band_hints = {}, {}
        profile = self._profile()
        self._shown_profile = self.document.profile_id()
        bands = [s for s in profile.standards if s.kind == "band"] if profile else []
        for std in bands:
            if std.setting in self.band_edits:
                continue
            edit = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.setPlaceholderText(i18n.tr("band_default", point=std.default_point))
            edit.editingFinished.connect(lambda item=std.setting, e=edit: self._commit(item, e.text()))
            hint = QLabel(i18n.tr("band_range", low=std.low, high=std.high))
            hint.setToolTip(f"{std.label}：{std.summary}")
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(hint)
            label = QLabel(i18n.setting_label(std.setting))
            label.setBuddy(edit)
            self.bands_form.addRow(label, row)
            self.band_edits[std.setting], self.band_hints[std.setting] = edit, hint
        self.bands_box.setVisible(bool(self.band_edits))
        self.baseline_edit.setEnabled(bool(self.band_edits) or bool(self.baseline_edit.text()))
        self._labels["baseline"].setEnabled(self.baseline_edit.isEnabled())

    def _update_state(self) -> None:
        doc = self.document
        read_only = doc.read_only
        for widget in (self.profile_combo, self.year_spin, self.unit_edit, self.baseline_edit,
                       *self.band_edits.values()):
            widget.setEnabled(not read_only and (widget is not self.baseline_edit or bool(self.band_edits)
                                                 or bool(self.baseline_edit.text())))
        where = str(doc.path or doc.source or "")
        self.file_label.setText(f"{i18n.tr('file_label')}{i18n.colon()}{where or i18n.tr('untitled')}")
        self.stored_label.setVisible(doc.catalogue_changed)
        self.stored_button.setVisible(doc.catalogue_changed and not read_only)

    # ------------------------------------------------------------ commits

    def _commit(self, item: str, value: object) -> None:
        if self.document.read_only:
            return
        current = editing.display_text(editing.setting_value(self.document.book, item))
        if editing.display_text(value) == current:
            return
        self.document.push(editing.set_setting(item, value), i18n.tr("edit_setting", item=i18n.setting_label(item)))

    def _profile_chosen(self, index: int) -> None:
        pid = self.profile_combo.itemData(index)
        if pid:
            self._commit(vocab.SETTING_PROFILE, pid)

    def _year_changed(self, value: int) -> None:
        if value >= YEAR_MIN:
            self._commit(vocab.SETTING_YEAR, value)

    # ------------------------------------------------------------ problems and focus

    def _widget(self, item: str) -> QWidget | None:
        fixed: dict[str, QWidget] = {vocab.SETTING_PROFILE: self.profile_combo, vocab.SETTING_YEAR: self.year_spin,
                                     vocab.SETTING_UNIT: self.unit_edit, vocab.SETTING_BASELINE: self.baseline_edit,
                                     vocab.SETTING_ORDER: self.order_combo,
                                     vocab.SETTING_FILING_DATE: self.filing_date_edit}
        return fixed.get(item) or self.band_edits.get(item)

    def set_problems(self, problems: tuple[Problem, ...]) -> None:
        self._problems = editing.setting_problems(problems)
        self._mark()

    def _mark(self) -> None:
        for item in editing.SETTING_NAMES:
            widget = self._widget(item)
            if widget is None:
                continue
            found = self._problems.get(item)
            widget.setStyleSheet(_BAD if found else "")
            widget.setToolTip("\n".join(p.format(i18n.lang()) for p in found) if found else "")

    def focus_setting(self, item: str) -> None:
        widget = self._widget(item)
        if widget is not None:
            widget.setFocus()

    # ------------------------------------------------------------ recent and language

    def set_recent(self, paths: list[str]) -> None:
        self.recent_list.clear()
        for path in paths:
            item = QListWidgetItem(f"{Path(path).name}    {Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent_list.addItem(item)
        if not paths:
            empty = QListWidgetItem(i18n.tr("recent_empty"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent_list.addItem(empty)

    def retranslate(self) -> None:
        for key, label in self._labels.items():
            label.setText(i18n.tr(key))
        self.bands_box.setTitle(i18n.tr("perf_band"))
        self.recent_box.setTitle(i18n.tr("recent"))
        self.new_button.setText(i18n.title("act_new"))
        self.open_button.setText(i18n.title("act_open"))
        self.recent_list.setToolTip(i18n.tr("open_recent_hint"))
        self.filing_date_edit.setPlaceholderText(i18n.tr("filing_date_hint"))
        for i, choice in enumerate(vocab.ORDER_CHOICES):
            self.order_combo.setItemText(i, i18n.setting_label(choice))
        self.stored_label.setText(i18n.tr("standards_stored"))
        self.stored_button.setText(i18n.tr("act_recompute_new"))
        self._shown_profile = None
        if self.document.shipped is not None:
            self.refresh()
        else:
            self._update_state()
            self.bands_box.setVisible(False)
