"""Qt's own words (dialog buttons, the file and print dialogs) in the interface's language.

Message boxes, the file dialog and the print dialog are Qt's, so their buttons say
"Save / Cancel" unless Qt's catalogue ``qtbase_zh_CN.qm`` (shipped with PySide6, kept in
the bundle by ``build.spec``) is installed. The few strings that catalogue leaves
untranslated ("Look in", "Files of type") are in ``resources/translations/
qtbase_extra_zh_CN.ts`` (compiled to the ``.qm`` beside it), so no English remains in a
Chinese dialog. English needs nothing: it is Qt's source language.
"""

from __future__ import annotations

from pathlib import Path

from budgetcalc.base.paths import resources_dir

from . import i18n
from .qt import QApplication, QLibraryInfo, QLocale, QTranslator

CATALOGUE = "qtbase"
EXTRA = "qtbase_extra"
CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)

_installed: list[QTranslator] = []


def folders() -> list[Path]:
    """Where ``qtbase_*.qm`` may be: Qt's own idea first, then beside PySide6 (a frozen bundle)."""
    import PySide6

    package = Path(PySide6.__file__).parent
    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            package / "Qt" / "translations", package / "translations"]


def use_language(lang: i18n.Lang) -> bool:
    """Install (or remove) Qt's translations for ``lang``; whether Qt's catalogue was found.

    Also sets the default locale, so calendars and date editors name months and
    weekdays in the same language.
    """
    app = QApplication.instance()
    if app is None:
        return False
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(CHINESE if lang == "zh" else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    if lang != "zh":
        return True
    qt = QTranslator(app)
    found = any(qt.load(CHINESE, CATALOGUE, "_", str(folder)) for folder in folders() if folder.is_dir())
    if found:
        app.installTranslator(qt)
        _installed.append(qt)
    extra = QTranslator(app)
    if extra.load(CHINESE, EXTRA, "_", str(resources_dir() / "translations")):
        app.installTranslator(extra)
        _installed.append(extra)
    return found
