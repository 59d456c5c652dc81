"""Where the program's own files are, the same way from source and frozen.

Never relative to the current directory: an officer may start the program from anywhere.
"""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent.parent


def resources_dir() -> Path:
    return app_root() / "resources"


def standards_dir() -> Path:
    return resources_dir() / "standards"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def cjk_font_path() -> Path:
    """The bundled TrueType CJK font (Qt, matplotlib and PDF all embed or load it)."""
    return fonts_dir() / "wqy-microhei.ttf"
