"""Files: opening, saving, locks, autosave and recovery — the part of the window that never loses work.

The rules live elsewhere — atomic saves with a ``.bak`` in ``budgetcalc.base.safe_io``, the
scenario-file format in ``budgetcalc.scenarios.file``, locks and autosaves in
``ui.safety`` — this mixin asks the officer the questions they raise (who holds the file,
save first?, recover?) and moves the document between files. Reading runs on the worker
thread with progress, so a big workbook never freezes the window.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcalc.base.problems import Problem, errors
from budgetcalc.inputs import editing
from budgetcalc.inputs.editing import Book
from budgetcalc.rules import vocab
from budgetcalc.scenarios.names import SUFFIX, as_scenario_path, is_scenario_file, scenario_stem

from . import i18n, safety
from .document import Document
from .qt import QFileDialog, QLabel, QMenu, QMessageBox, QProgressBar, QSettings, QTabWidget, QWidget
from .recalc import Recalc
from .worker import Progress, Runner

if TYPE_CHECKING:
    from budgetcalc.rules.catalogue import Catalogue
    from budgetcalc.scenarios.session import Outcome

    from .widgets.settings_panel import SettingsPanel
    from .widgets.table_page import TablePage

AUTOSAVE_MS = 3 * 60 * 1000
MAX_RECENT = 8


@dataclass
class AppContext:
    """Where this window keeps its settings and autosaves, and who it is (for locks)."""

    settings: QSettings
    data_dir: Path
    autosave_ms: int = AUTOSAVE_MS
    owner: safety.Owner = field(default_factory=safety.Owner.me)
    interactive: bool = True   # False for --screenshot: no questions asked, nothing recovered

    @property
    def autosave_dir(self) -> Path:
        return self.data_dir / "autosave"

    def folder(self, purpose: str) -> str:
        """The folder last used to ``open`` or ``export`` ("" before the first time): dialogs start there."""
        value = str(self.settings.value(f"folder_{purpose}", "") or "")
        return value if value and Path(value).is_dir() else ""

    def remember_folder(self, purpose: str, chosen: Path) -> None:
        self.settings.setValue(f"folder_{purpose}", str(chosen.parent))


@dataclass(frozen=True)
class Loaded:
    """What opening a file produced (in the worker), ready to show."""

    path: Path
    book: Book | None = None
    notes: tuple[Problem, ...] = ()
    stored: Catalogue | None = None
    catalogue_changed: bool = False
    version: int = 0
    outcome: Outcome | None = None
    error: str = ""

    @property
    def is_scenario(self) -> bool:
        return is_scenario_file(self.path)


def ask_save_path(parent: QWidget, title: str, suggested: Path, filters: str,
                  suffixes: tuple[str, ...]) -> Path | None:
    """Where to write a file of one of ``suffixes`` (the first by default), or None.

    The file dialog asks before replacing the name chosen; a name the dialog did not see (the
    type added here) is asked about here, so nothing is overwritten without a question. The
    writing itself is atomic (``base.safe_io``), so a failed write leaves any old file as it was.
    """
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in suffixes:
        wanted = next((s for s in suffixes if s.lstrip(".") in (chosen_filter or "").lower()), suffixes[0])
        path = path.with_name(path.name + wanted)
        if path.exists():
            answer = QMessageBox.question(parent, i18n.tr("overwrite_title"), i18n.tr("overwrite", name=path.name),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
    return path


def warm_up() -> Catalogue:
    """Load the catalogue and the heavy modules (pandas, calamine, cn2an) off the GUI thread."""
    import cn2an  # noqa: F401

    import budgetcalc.compute.engine  # noqa: F401
    import budgetcalc.report.explain  # noqa: F401
    import budgetcalc.scenarios.file  # noqa: F401
    import budgetcalc.scenarios.session  # noqa: F401
    from budgetcalc.rules.catalogue import default_catalogue

    return default_catalogue()


def load_input(path: Path, shipped: Catalogue, progress: Progress) -> Loaded:
    """Read a workbook or a scenario file, lay it out for the tables, check and compute."""
    from budgetcalc.inputs.reader import open_sheets
    from budgetcalc.scenarios.file import load_scenario
    from budgetcalc.scenarios.file_checks import ScenarioFileError

    progress(0, i18n.tr("stage_read"))
    stored, changed, version = None, False, 0
    try:
        if is_scenario_file(path):
            opened = load_scenario(path, shipped)
            version, raw = opened.version, opened.sheets
            stored, changed = opened.catalogue, opened.catalogue_changed
        else:
            sheets = open_sheets(path)
            if isinstance(sheets, Problem):   # refused before or while reading: a FIFO, a bomb, a panic
                return Loaded(path, error=sheets.format(i18n.lang()))
            raw = sheets
    except ScenarioFileError as exc:
        return Loaded(path, error=str(exc))
    except Exception as exc:  # the user's file, reported in words, never a traceback
        problem = Problem("file_unreadable", "", None, "", str(path), params=(("detail", str(exc)),))
        return Loaded(path, error=problem.message(i18n.lang()))
    progress(1, i18n.tr("stage_check"))
    book, notes = editing.canonical_book(raw)
    progress(2, i18n.tr("stage_compute"))
    from budgetcalc.rules.catalogue import merge_catalogues

    catalogue = merge_catalogues(stored, shipped) if stored is not None else shipped
    from budgetcalc.scenarios.session import evaluate

    outcome = evaluate(book, catalogue, lang=i18n.lang())
    progress(3, "")
    return Loaded(path, book, tuple(notes), stored, changed, version, outcome)


class FileActions:
    """New, open, save, save as, recent files, locks, autosave and recovery of a MainWindow."""

    # provided by MainWindow
    context: AppContext
    document: Document
    runner: Runner
    recalc: Recalc
    tabs: QTabWidget
    pages: dict[str, TablePage]
    settings_panel: SettingsPanel
    status_label: QLabel
    progress: QProgressBar
    menu_recent: QMenu
    opened: Any
    _lock_on: Path | None
    _loading: bool
    variant_of: tuple[Path, Path] | None = None   # (original, variant) after 另存为变体方案
    _no_lock = ""                                  # why the file being opened could not be locked

    def _window(self) -> QWidget:
        """The window these actions belong to (the parent of their dialogs)."""
        assert isinstance(self, QWidget)
        return self

    def _show_outcome(self, outcome: Outcome) -> None:
        raise NotImplementedError

    def _internal_error(self, detail: str) -> None:
        raise NotImplementedError

    def recompute_with_new_standards(self) -> None:
        raise NotImplementedError

    # ================================================================ recent

    def recent(self) -> list[str]:
        value = self.context.settings.value("recent", [])
        if isinstance(value, str):  # an ini file holds a one-item list as a plain string
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list) else []

    def _add_recent(self, path: Path) -> None:
        text = str(path.resolve())
        paths = [text] + [p for p in self.recent() if p != text]
        self.context.settings.setValue("recent", paths[:MAX_RECENT])
        self._update_recent()

    def _update_recent(self) -> None:
        paths = self.recent()
        self.menu_recent.clear()
        for path in paths:
            action = self.menu_recent.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        self.menu_recent.setEnabled(bool(paths))
        self.settings_panel.set_recent(paths)

    # ================================================================ new, open

    def new_scenario(self, *, ask: bool = True) -> bool:
        shipped = self.document.shipped
        if shipped is None or (ask and not self.maybe_save()):
            return False
        profile = str(self.context.settings.value("last_profile", "") or "")
        if not shipped.has_profile(profile):
            profile = shipped.ids[0]
        self._set_lock(None)
        self.document.load(editing.new_book(profile, dt.date.today().year))
        self.tabs.setCurrentWidget(self.settings_panel)
        return True

    def open_dialog(self) -> None:
        start = self.context.folder("open") or (str(Path(self.recent()[0]).parent) if self.recent() else "")
        path, _ = QFileDialog.getOpenFileName(self._window(), i18n.title("act_open"), start, i18n.tr("filter_files"))
        if path:
            self.context.remember_folder("open", Path(path))
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        """Open a workbook (imported as a new scenario) or a scenario file (locked while open)."""
        if self.document.shipped is None or self._loading or not self.maybe_save():
            return
        path = Path(path)
        read_only, as_copy = False, False
        is_scenario = is_scenario_file(path)
        if is_scenario and path.exists():
            choice = self._lock_for_open(path)
            if choice == "cancel":
                return
            read_only, as_copy = choice == "read_only", choice == "copy"
        self._loading = True
        self.progress.setRange(0, 3)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status_label.setText(i18n.tr("importing", name=path.name))

        def progress(step: int, text: str) -> None:
            self.progress.setValue(step)
            if text:
                self.status_label.setText(f"{i18n.tr('importing', name=path.name)}{i18n.paren(text)}")

        self.runner.submit(load_input, path, self.document.shipped,
                           on_done=lambda loaded: self._opened(loaded, read_only, as_copy),
                           on_failed=lambda detail: self._open_failed(path, detail), on_progress=progress)

    def _open_failed(self, path: Path, detail: str) -> None:
        self._loading = False
        self.progress.setVisible(False)
        if self._lock_on is None or self._lock_on.resolve() != path.resolve():
            safety.release(path, self.context.owner)
        self._internal_error(detail)

    def _opened(self, loaded: Loaded, read_only: bool, as_copy: bool) -> None:
        self._loading = False
        self.progress.setVisible(False)
        self.status_label.setText("")
        path = loaded.path
        if loaded.book is None:
            if self._lock_on is None or self._lock_on.resolve() != path.resolve():
                safety.release(path, self.context.owner)
            self.opened.emit(loaded)
            QMessageBox.critical(self._window(), i18n.tr("open_failed_title"),
                                 i18n.tr("open_failed", name=path.name, detail=loaded.error))
            return
        self._set_lock(path if loaded.is_scenario and not read_only and not as_copy else None, acquired=True)
        self.document.load(loaded.book, path=path if loaded.is_scenario and not as_copy else None,
                           source=None if loaded.is_scenario and not as_copy else path,
                           stored=loaded.stored, catalogue_changed=loaded.catalogue_changed,
                           read_only=read_only, dirty=as_copy, format_version=loaded.version)
        if loaded.outcome is not None:
            self._show_outcome(self.recalc.accept(loaded.outcome))
        self._add_recent(path)
        self.context.settings.setValue("last_profile", self.document.profile_id())
        self.status_label.setText(i18n.tr("opened", name=path.name) + (f"；{self._no_lock}" if self._no_lock else ""))
        self._no_lock = ""
        self.tabs.setCurrentWidget(self.pages[vocab.SHEET_FACILITIES])
        self.opened.emit(loaded)
        if not self.context.interactive:
            return
        if loaded.notes:
            QMessageBox.information(self._window(), i18n.tr("import_notes_title"), i18n.tr(
                "import_notes", notes="\n".join(p.format(i18n.lang()) for p in loaded.notes)))
        if loaded.is_scenario:
            self._upgrade_if_older(path, loaded.version, read_only)
        if loaded.catalogue_changed:
            answer = QMessageBox.question(
                self._window(), i18n.tr("catalogue_changed_title"),
                i18n.tr("catalogue_changed", profile=self._profile_name()),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.recompute_with_new_standards()

    def _profile_name(self) -> str:
        """The open scenario's profile as the officer knows it (南浔区…), not its id."""
        shipped, pid = self.document.shipped, self.document.profile_id()
        return shipped.profile(pid).name if shipped is not None and shipped.has_profile(pid) else pid

    def _upgrade_if_older(self, path: Path, version: int, read_only: bool) -> None:
        from budgetcalc.scenarios.file import VERSION

        if read_only or not 0 < version < VERSION:
            return
        backup = path.with_name(f"{path.name}.v{version}.bak")
        shutil.copy2(path, backup)
        self.document.mark_dirty()  # saving writes the new format over it
        self.status_label.setText(i18n.tr("upgraded", backup=backup.name))

    # ================================================================ locks

    def _lock_for_open(self, path: Path) -> str:
        """'ok' (lock taken), 'read_only', 'copy' or 'cancel'."""
        if self._lock_on is not None and self._lock_on.resolve() == path.resolve():
            return "ok"
        try:
            safety.acquire(path, self.context.owner)  # the current file's lock is kept until this one shows
        except safety.LockHeld as held:
            if not self.context.interactive:
                return "read_only"
            return self.ask_locked(path, held.owner)
        except safety.LockUnavailable as unavailable:
            self._no_lock = unavailable.message(i18n.lang())  # shown once the file is open
        except OSError:
            return "ok"  # a folder we cannot write to: nothing to lock, saving will say so
        return "ok"

    def ask_locked(self, path: Path, owner: safety.Owner) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, i18n.tr("locked_title"),
                          i18n.tr("locked", name=path.name, user=owner.user, host=owner.host, pid=owner.pid,
                                  time=owner.time.replace("T", " ")),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Cancel, self._window())
        box.button(QMessageBox.StandardButton.Yes).setText(i18n.tr("locked_read_only"))
        box.button(QMessageBox.StandardButton.No).setText(i18n.tr("locked_copy"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        answer = box.exec()
        return {QMessageBox.StandardButton.Yes: "read_only",
                QMessageBox.StandardButton.No: "copy"}.get(QMessageBox.StandardButton(answer), "cancel")

    def _set_lock(self, path: Path | None, *, acquired: bool = False) -> None:
        """Hold the lock of ``path`` (and only that one)."""
        if self._lock_on is not None and (path is None or self._lock_on.resolve() != Path(path).resolve()):
            safety.release(self._lock_on, self.context.owner)
            self._lock_on = None
        if path is not None and self._lock_on is None:
            if not acquired:
                try:
                    safety.acquire(path, self.context.owner)
                except (safety.LockHeld, OSError):
                    return
            self._lock_on = Path(path)

    # ================================================================ save

    def save(self) -> bool:
        doc = self.document
        if doc.path is None or doc.read_only:
            if doc.read_only:
                QMessageBox.information(self._window(), i18n.title("act_save"), i18n.tr("read_only_save"))
            return self.save_as()
        return self._save_to(doc.path)

    def save_as(self, suggested: Path | None = None, title: str = "") -> bool:
        """Save under a name the officer chooses (``suggested`` first), locked, atomic, added to recent."""
        doc = self.document
        base = doc.path or doc.source
        if suggested is None and base is not None:
            suggested = base.with_name(scenario_stem(base) + SUFFIX)
        chosen, _ = QFileDialog.getSaveFileName(self._window(), title or i18n.title("act_save_as"),
                                                str(suggested or ""), i18n.tr("filter_scenario"))
        if not chosen:
            return False
        path = Path(chosen)
        path = as_scenario_path(path)
        previous = self._lock_on
        if previous is None or previous.resolve() != path.resolve():
            try:
                safety.acquire(path, self.context.owner)
            except safety.LockHeld as held:
                QMessageBox.warning(self._window(), i18n.tr("locked_title"), i18n.tr(
                    "locked", name=path.name, user=held.owner.user, host=held.owner.host, pid=held.owner.pid,
                    time=held.owner.time.replace("T", " ")))
                return False
            except OSError:
                pass
        if not self._save_to(path):
            if previous is None or previous.resolve() != path.resolve():
                safety.release(path, self.context.owner)
            return False
        self._set_lock(path, acquired=True)
        return True

    def save_as_variant(self) -> bool:
        """Save the scenario as a new file next to the current one, which stays as it is on disk: the
        original and the variant can then be compared (方案比较), the original as baseline."""
        doc = self.document
        original = doc.path or doc.source
        if original is None:
            return self.save_as(title=i18n.title("cmp_act_save_variant"))
        word = i18n.tr("cmp_variant_word")
        suggested = original.with_name(f"{scenario_stem(original)}-{word}{SUFFIX}")
        n = 1
        while suggested.exists():
            n += 1
            suggested = original.with_name(f"{scenario_stem(original)}-{word}{n}{SUFFIX}")
        if not self.save_as(suggested, i18n.title("cmp_act_save_variant")):
            return False
        saved = doc.path
        self.variant_of = (original, saved) if saved is not None and saved.resolve() != original.resolve() else None
        return True

    def comparison_files(self) -> list[Path]:
        """What 方案比较 starts with: the original and its variant just saved, else the current file."""
        doc = self.document
        if self.variant_of is not None and doc.path == self.variant_of[1] and self.variant_of[0].exists():
            return list(self.variant_of)
        current = doc.path or doc.source
        return [current] if current is not None and current.exists() else []

    def _save_to(self, path: Path) -> bool:
        from budgetcalc.inputs.reader import read_sheets
        from budgetcalc.scenarios.file import save_scenario

        doc = self.document
        if doc.shipped is None:
            return False
        catalogue = doc.catalogue()
        try:
            read = read_sheets(doc.book, catalogue)
            if read.scenario is not None:
                save_scenario(path, read.scenario, catalogue)
                message = i18n.tr("saved", name=path.name)
            else:
                n = len(errors(read.problems))
                answer = QMessageBox.question(self._window(), i18n.tr("save_errors_title"), i18n.tr("save_errors", n=n),
                                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                              QMessageBox.StandardButton.Yes)
                if answer != QMessageBox.StandardButton.Yes:
                    return False
                from budgetcalc.scenarios.drafts import save_book

                try:
                    save_book(path, doc.book, catalogue)
                except KeyError:
                    QMessageBox.warning(self._window(), i18n.tr("save_failed_title"), i18n.tr("save_no_profile"))
                    return False
                message = i18n.tr("saved_draft", name=path.name, n=n)
        except Exception as exc:  # disk full, no permission, file held by WPS: the old file is untouched
            QMessageBox.critical(self._window(), i18n.tr("save_failed_title"), i18n.tr("save_failed", detail=str(exc)))
            return False
        doc.mark_saved(path)
        self._add_recent(path)
        self.context.settings.setValue("last_profile", doc.profile_id())
        self._remove_autosave()
        self.status_label.setText(message)
        return True

    def maybe_save(self) -> bool:
        """Before the document goes away: True if it may (saved, discarded or clean)."""
        if not self.document.dirty:
            return True
        if not self.context.interactive:
            return True
        name = self.document.name or i18n.tr("untitled")
        answer = QMessageBox.question(
            self._window(), i18n.tr("unsaved_title"), i18n.tr("unsaved", name=name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ================================================================ autosave and recovery

    @property
    def autosave_path(self) -> Path:
        return safety.autosave_file(self.context.autosave_dir, self.context.owner)

    def autosave_now(self) -> None:
        doc = self.document
        if not self.context.interactive:
            return
        if not doc.dirty:
            self._remove_autosave()
            return
        stored = None
        if doc.stored is not None and doc.stored.has_profile(doc.profile_id()):
            stored = (f"{doc.profile_id()}.toml", doc.stored.profile(doc.profile_id()).source)
        try:
            safety.write_autosave(self.autosave_path, self.context.owner, doc.book, path=doc.path,
                                  source=doc.source, stored_profile=stored)
        except OSError as exc:
            self.status_label.setText(str(exc))
            return
        self.status_label.setText(i18n.tr("autosaved", time=dt.datetime.now().strftime("%H:%M")))

    def _remove_autosave(self) -> None:
        self.autosave_path.unlink(missing_ok=True)

    def offer_recovery(self) -> bool:
        """Offer the work of sessions that ended without saving; True if one was recovered."""
        from budgetcalc.rules.catalogue import Catalogue, load_profile_text

        for found in safety.orphans(self.context.autosave_dir, self.context.owner):
            name = (found.path or found.source or Path(i18n.tr("untitled"))).name
            when = found.saved_at.replace("T", " ")
            answer = QMessageBox.question(
                self._window(), i18n.tr("recover_title"), i18n.tr("recover", name=name, time=when),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                found.file.unlink(missing_ok=True)
                continue
            stored = None
            if found.stored_profile is not None:
                profile, problems = load_profile_text(*found.stored_profile)
                stored = Catalogue((profile,)) if profile is not None and not problems else None
            path = found.path
            if path is not None:
                try:
                    safety.acquire(path, self.context.owner)
                    self._lock_on = path
                except (safety.LockHeld, OSError):
                    path = None  # held elsewhere now: recover as a copy
            book, _ = editing.canonical_book(found.book)
            self.document.load(book, path=path, source=found.source if path is None else None, stored=stored,
                               dirty=True)
            self.autosave_now()
            found.file.unlink(missing_ok=True)
            self.status_label.setText(i18n.tr("recovered"))
            return True
        return False
