"""The budget system's import file: project lines with their codes, fund type, level, unit and amount.

Provinces' 预算管理一体化系统 templates differ, so the columns are a mapping the officer
edits (``resources/export/budget_system.toml`` is the default): which header, in which order,
holding which field. Rows are the lines summed by budget unit, project, codes, fund type and
level; their amounts add up to the computation's total exactly (level parts are whole fen).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from budgetcalc.base.money import fen_to_yuan
from budgetcalc.base.paths import resources_dir
from budgetcalc.compute.classify import OWN_LEVEL
from budgetcalc.compute.result import Result
from budgetcalc.report.standards import value_text
from budgetcalc.rules.subjects import subject_name

FIELDS = ("project", "standard_id", "year", "function_code", "function_name", "gov_economic_code",
          "gov_economic_name", "dept_economic_code", "dept_economic_name", "fund_type", "level", "unit_code",
          "unit_name", "amount", "amount_wan", "basis", "clause", "document")


@dataclass(frozen=True)
class Mapping:
    name: str
    columns: tuple[tuple[str, str], ...]   # (header, field)


class MappingError(ValueError):
    """A mapping file that cannot be used, with what is wrong in Chinese."""


def default_mapping_path() -> Path:
    return resources_dir() / "export" / "budget_system.toml"


def load_mapping(path: str | Path | None = None) -> Mapping:
    source = Path(path) if path is not None else default_mapping_path()
    try:
        data = tomllib.loads(source.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MappingError(f"无法读取导出映射文件 {source}：{exc}") from exc
    columns = data.get("column")
    if not isinstance(columns, list) or not columns:
        raise MappingError(f"{source}：应有至少一个 [[column]]（header 与 field）")
    out: list[tuple[str, str]] = []
    for i, col in enumerate(columns, start=1):
        if not isinstance(col, dict) or not isinstance(col.get("header"), str) or col.get("field") not in FIELDS:
            raise MappingError(f"{source}：第 {i} 个 [[column]] 须有 header（列名）和 field（可选：{'、'.join(FIELDS)}）")
        out.append((col["header"], col["field"]))
    return Mapping(str(data.get("name", source.stem)), tuple(out))


def system_rows(result: Result) -> pd.DataFrame:
    """One row per budget unit × project × codes × fund type × level, every field of ``FIELDS``."""
    counted = result.lines["in_total"].to_numpy(dtype=bool)
    lines = result.lines[counted]
    parts = result.level_parts()[counted]
    long = parts.assign(
        unit_code=lines["budget_unit"], project=lines["label"], standard_id=lines["standard_id"],
        function_code=lines["function_code"], gov_economic_code=lines["gov_economic_code"],
        dept_economic_code=lines["dept_economic_code"], fund_type=lines["fund_type"], clause=lines["clause"],
    ).melt(id_vars=["unit_code", "project", "standard_id", "function_code", "gov_economic_code",
                    "dept_economic_code", "fund_type", "clause"], var_name="level", value_name="fen")
    long = long[long["fen"] != 0]
    keys = ["unit_code", "project", "standard_id", "function_code", "gov_economic_code", "dept_economic_code",
            "fund_type", "level", "clause"]
    rows = pd.DataFrame(long.groupby(keys, sort=False, as_index=False)["fen"].sum())
    names = result.scenario.facilities.drop_duplicates("code").set_index("code")["name"]
    rows["unit_name"] = rows["unit_code"].map(names).fillna("").astype(object)
    own = rows["unit_code"] == OWN_LEVEL
    rows.loc[own, "unit_name"] = result.scenario.settings.unit_name or "本级"
    rows.loc[own, "unit_code"] = ""
    rows["year"] = result.year
    rows["function_name"] = rows["function_code"].map(lambda c: subject_name("function", c))
    rows["gov_economic_name"] = rows["gov_economic_code"].map(lambda c: subject_name("gov_economic", c))
    rows["dept_economic_name"] = rows["dept_economic_code"].map(lambda c: subject_name("dept_economic", c))
    rows["amount"] = rows["fen"].map(lambda f: fen_to_yuan(int(f)))
    rows["amount_wan"] = rows["fen"].map(lambda f: (Decimal(int(f)) / 1_000_000).quantize(Decimal("0.0001")))
    document = result.profile.document_number or result.profile.title
    rows["document"] = document
    rows["basis"] = [f"{document} {clause}：{_basis(result, sid)}" for sid, clause in
                     zip(rows["standard_id"], rows["clause"], strict=True)]
    return rows


def _basis(result: Result, standard_id: str) -> str:
    std = result.profile.standard(standard_id)
    value = result.values[std.id]
    shown = value_text(std) if not value.overridden else f"按本方案调整后的标准（{', '.join(str(o.value) for o in value.changes)}）"
    return f"{std.label}，标准 {shown}"


def mapped(result: Result, mapping: Mapping) -> pd.DataFrame:
    """The rows with the mapping's headers, in its order."""
    rows = system_rows(result)
    return pd.DataFrame({header: rows[field].to_numpy() for header, field in mapping.columns})


def write_system_file(result: Result, path: str | Path, mapping: Mapping) -> Path:
    """The mapped rows as .xlsx (text cells stay text) or .csv (UTF-8 with BOM, which Excel and WPS open)."""
    from budgetcalc.base.safe_io import atomic_write

    table = mapped(result, mapping)
    target = Path(path)
    if target.suffix.lower() == ".csv":
        return atomic_write(target, lambda tmp: table.to_csv(tmp, index=False, encoding="utf-8-sig"))
    return atomic_write(target, lambda tmp: _xlsx(table, tmp, mapping.name))


def _xlsx(table: pd.DataFrame, path: Path, title: str) -> None:
    import xlsxwriter  # type: ignore[import-untyped]

    from budgetcalc.sheets.xlsx import safe_text

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    book.set_properties({"title": title, "author": "budgetcalc"})
    ws = book.add_worksheet("导入")
    bold = book.add_format({"bold": True, "border": 1})
    money = book.add_format({"num_format": "#,##0.00", "border": 1})
    plain = book.add_format({"border": 1})
    for c, header in enumerate(table.columns):
        ws.write_string(0, c, str(header), bold)
        ws.set_column(c, c, max(12, 2 * len(str(header)) + 2))
    for r, row in enumerate(table.itertuples(index=False, name=None), start=1):
        for c, value in enumerate(row):
            if isinstance(value, Decimal):
                ws.write_number(r, c, float(value), money)  # Excel holds doubles: 2 decimals are exact there
            elif isinstance(value, int):
                ws.write_number(r, c, value, plain)
            else:
                ws.write_string(r, c, safe_text(str(value)), plain)
    ws.freeze_panes(1, 0)
    book.close()
