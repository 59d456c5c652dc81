"""Driving the real window offscreen: dialogs answered by the test, files in tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from tests.conftest import EXAMPLES  # noqa: E402
from ui import i18n, safety  # noqa: E402
from ui.app import install_font  # noqa: E402
from ui.files import AppContext
from ui.main_window import MainWindow  # noqa: E402
from ui.qt import QApplication, QFileDialog, QMessageBox, QSettings  # noqa: E402

Button = QMessageBox.StandardButton
TIMEOUT_MS = 30_000


@dataclass
class Dialogs:
    """Every message box and file dialog the window shows, with the answers the test chose."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answers: list[Any] = field(default_factory=list)       # next answers of question()/exec(), in order
    open_file: str = ""
    save_file: str = ""

    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.shown]

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _, text in self.shown if kind is None or k == kind]

    def _answer(self, buttons: Any, default: Any) -> Any:
        if self.answers:
            return self.answers.pop(0)
        if buttons & Button.Discard:
            return Button.Discard
        return Button.No


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Dialogs:
    found = Dialogs()
    install_font(qapp)
    i18n.set_lang("zh")

    def question(_parent: Any, title: str, text: str, buttons: Any = Button.Yes | Button.No,
                 default: Any = Button.NoButton) -> Any:
        found.shown.append(("question", title, text))
        return found._answer(buttons, default)

    def note(kind: str) -> Callable[..., Any]:
        def show(_parent: Any, title: str, text: str, *args: Any) -> Any:
            found.shown.append((kind, title, text))
            return Button.Ok
        return show

    def exec_box(box: QMessageBox) -> int:
        found.shown.append(("box", box.windowTitle(), box.text()))
        answer = found.answers.pop(0) if found.answers else Button.Cancel
        return int(answer.value if hasattr(answer, "value") else answer)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    for kind in ("critical", "warning", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(note(kind)))
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (found.open_file, "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (found.save_file, "")))
    return found


@pytest.fixture
def make_context(tmp_path: Path) -> Callable[..., AppContext]:
    def make(name: str = "app", **kwargs: Any) -> AppContext:
        settings = QSettings(str(tmp_path / f"{name}-settings.ini"), QSettings.Format.IniFormat)
        return AppContext(settings, tmp_path / "data", owner=safety.Owner.me(), **kwargs)
    return make


@pytest.fixture
def make_window(qtbot: Any, make_context: Callable[..., AppContext]) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(path: Path | None = None, *, context: AppContext | None = None, wait: bool = True) -> MainWindow:
        window = MainWindow(context or make_context(f"w{len(windows)}"))
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        if wait:
            with qtbot.waitSignal(window.computed, timeout=TIMEOUT_MS):
                window.start(path)
        else:
            with qtbot.waitSignal(window.catalogue_ready, timeout=TIMEOUT_MS):
                window.start(path)
        return window

    yield make
    for window in windows:  # nothing left to ask about when pytest-qt closes them
        window.document.undo_stack.setClean()
        window.document._forced_dirty = False
        window.runner.wait()


def settle(qtbot: Any, window: MainWindow) -> None:
    """Wait until the window shows the outcome of the document as it is now."""
    qtbot.waitUntil(lambda: not window.recalc.pending and window.outcome is not None
                    and window.outcome.revision == window.document.revision, timeout=TIMEOUT_MS)


def expected(case: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{case}.expected.json").read_text("utf-8"))
