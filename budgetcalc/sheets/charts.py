"""Comparison charts with matplotlib's object API (no pyplot, no GUI backend).

The same Figure is saved to PNG/PDF here and embedded by the desktop app in a Qt canvas.
Chinese labels use the bundled TrueType font, registered once: matplotlib's PDF backend
embeds TrueType outlines, and the machine may have no CJK font of its own.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcalc.base.paths import cjk_font_path
from budgetcalc.base.safe_io import atomic_write
from budgetcalc.compare import Comparison
from budgetcalc.planning.projection import Projection

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_registered: list[str] = []


def _font_family() -> str:
    if not _registered:
        from matplotlib import font_manager, rcParams

        font_manager.fontManager.addfont(str(cjk_font_path()))
        name = font_manager.FontProperties(fname=str(cjk_font_path())).get_name()
        rcParams["font.family"] = [name]
        rcParams["axes.unicode_minus"] = False
        rcParams["pdf.fonttype"] = 42  # embed TrueType, keep text searchable
        _registered.append(name)
    return _registered[0]


def _wan(fen: int) -> float:
    """万元 for plotting only: bar heights, never a printed figure."""
    return float(Decimal(fen) / 1_000_000)


def category_bars(comparison: Comparison) -> Figure:
    """Grouped bars: each category's total per scenario, in 万元."""
    from matplotlib.figure import Figure

    _font_family()
    groups = comparison.grouped("category")
    fig = Figure(figsize=(8, 4.5), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    n = len(comparison.names)
    width = 0.8 / n
    categories = list(groups)
    for i, name in enumerate(comparison.names):
        xs = [c + (i - (n - 1) / 2) * width for c in range(len(categories))]
        bars = ax.bar(xs, [_wan(groups[c][i]) for c in categories], width, label=name)
        ax.bar_label(bars, fmt="%.2f", fontsize=8)
    ax.set_xticks(range(len(categories)), categories)
    ax.set_ylabel("金额（万元）")
    ax.set_title("各方案按类别金额")
    ax.legend()
    return fig


def projection_bars(projection: Projection) -> Figure:
    """Stacked bars: each year's amount by category, in 万元, with the year's total above."""
    from matplotlib.figure import Figure

    _font_family()
    years = [y.year for y in projection.years]
    categories = list(dict.fromkeys(c for y in projection.years for c in y.result.by_category()))
    fig = Figure(figsize=(8, 4.5), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    bottom = [0.0] * len(years)
    for category in categories:
        heights = [_wan(y.result.by_category().get(category, 0)) for y in projection.years]
        ax.bar([str(y) for y in years], heights, bottom=bottom, label=category)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, (total, y) in enumerate(zip(bottom, projection.years, strict=True)):
        ax.annotate(f"{_wan(y.result.total_fen):.2f}", (x, total), ha="center", va="bottom", fontsize=8)
    ax.set_ylabel("金额（万元）")
    ax.set_title("逐年测算（按类别）")
    if categories:
        ax.legend()
    return fig


def waterfall(comparison: Comparison, index: int = 1) -> Figure:
    """From the baseline total to scenario ``index`` by standard, in 万元."""
    from matplotlib.figure import Figure

    _font_family()
    steps = [(row.label, row.delta_fen(index)) for row in comparison.standards
             if row.in_total and row.delta_fen(index) != 0]
    fig = Figure(figsize=(9, 4.8), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    base, target = comparison.totals_fen[0], comparison.totals_fen[index]
    labels = [comparison.names[0]] + [label for label, _ in steps] + [comparison.names[index]]
    running = base
    ax.bar(0, _wan(base), color="#4472c4")
    ax.text(0, _wan(base), f"{_wan(base):,.2f}", ha="center", va="bottom", fontsize=8)
    for k, (_label, delta) in enumerate(steps, start=1):
        bottom = running if delta >= 0 else running + delta
        ax.bar(k, _wan(abs(delta)), bottom=_wan(bottom), color="#70ad47" if delta >= 0 else "#c00000")
        ax.text(k, _wan(max(running, running + delta)), f"{'+' if delta > 0 else ''}{_wan(delta):,.2f}",
                ha="center", va="bottom", fontsize=8)
        running += delta
    last = len(steps) + 1
    ax.bar(last, _wan(target), color="#4472c4")
    ax.text(last, _wan(target), f"{_wan(target):,.2f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(labels)), labels, rotation=20, ha="right", fontsize=8)
    ax.set_ylabel("金额（万元）")
    ax.set_title(f"{comparison.names[0]} → {comparison.names[index]}：按标准分解差额")
    return fig


def figure_png(fig: Figure, dpi: int = 150) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def save_figure(fig: Figure, path: str | Path, dpi: int = 150) -> Path:
    """PNG or PDF by suffix, written atomically."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    fmt = Path(path).suffix.lstrip(".").lower() or "png"
    return atomic_write(path, lambda tmp: fig.savefig(tmp, format=fmt, dpi=dpi))
