"""The shipped catalogue is complete, and a broken one is refused whole with file and key."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcalc.base.paths import standards_dir
from budgetcalc.rules.catalogue import Catalogue, CatalogueError, load_catalogue
from budgetcalc.rules.kinds import EnteredRate, Kind
from tests.conftest import DATA

REQUIRED_IDS = [ln.strip() for ln in (DATA / "standards_ids.txt").read_text("utf-8").splitlines()
                if ln.strip() and not ln.startswith("#")]


def test_every_id_of_sections_1_to_5_is_in_the_catalogue(catalogue: Catalogue) -> None:
    present = {s.id for p in catalogue.profiles for s in p.standards}
    missing = [i for i in REQUIRED_IDS if i not in present]
    assert not missing, f"missing from resources/standards: {missing}"
    assert len(REQUIRED_IDS) == 67


def test_five_profiles_one_per_document(catalogue: Catalogue) -> None:
    assert sorted(catalogue.ids) == ["lishui", "nanxun", "wendeng", "xx_talent", "zhuzhou"]
    for p in catalogue.profiles:
        assert p.title and p.issuer and p.effective.start
        for s in p.standards:
            assert s.id.startswith(p.id + ".")
            assert s.label and s.clause and s.summary and s.unit, s.id


@pytest.mark.parametrize(("sid", "value", "unit", "per"), [
    ("nanxun.mobile_clinic_operation", "250000", "元/车·年", "year"),
    ("nanxun.stationed_staff_subsidy", "24000", "元/人·年", "year"),
    ("nanxun.gp_post_subsidy", "6000", "元/人·年", "year"),
    ("nanxun.long_service_reward", "50000", "元/人（一次性）", "once"),
    ("wendeng.village_clinic_operation", "10000", "元/个·年", "year"),
    ("wendeng.village_post_subsidy", "200", "元/人·月", "month"),
])
def test_unit_rates_carry_the_documents_values(catalogue: Catalogue, sid: str, value: str, unit: str, per: str) -> None:
    std = catalogue.profile(sid.split(".")[0]).standard(sid)
    assert std.value == Decimal(value) and std.unit == unit and std.per == per
    assert std.funding_source and std.category


def test_bands_and_their_defaults(catalogue: Catalogue) -> None:
    xx = catalogue.profile("xx_talent")
    total = xx.standard("xx_talent.performance_total")
    assert (total.low, total.high, total.default_point) == (Decimal(100), Decimal(135), Decimal(100))
    overtime = xx.standard("xx_talent.performance_overtime")
    assert (overtime.low, overtime.high, overtime.default_point) == (Decimal(10), Decimal(15), Decimal(10))
    gp = xx.standard("xx_talent.performance_gp_uplift")
    assert gp.default_point == Decimal(10) and gp.may_be_off
    principal = xx.standard("xx_talent.principal_pay")
    assert (principal.low, principal.high, principal.default_point) == (Decimal(150), Decimal(230), Decimal(150))


def test_documented_items_without_amount_need_a_user_rate(catalogue: Catalogue) -> None:
    std = catalogue.profile("lishui").standard("lishui.township_allowance")
    assert isinstance(std, EnteredRate) and std.kind == Kind.ENTERED and std.makes_money


# ---------------------------------------------------------------- broken catalogues

GOOD = (standards_dir() / "wendeng.toml").read_text("utf-8")


def _broken(tmp_path: Path, text: str, name: str = "wendeng.toml") -> Path:
    directory = tmp_path / "standards"
    directory.mkdir()
    shutil.copy(standards_dir() / "nanxun.toml", directory / "nanxun.toml")
    (directory / name).write_text(text, "utf-8")
    return directory


@pytest.mark.parametrize(("edit", "key", "words"), [
    (lambda t: t.replace('value = "10000"', 'value = 10000'), "standard[wendeng.village_clinic_operation].value", "类型"),
    (lambda t: t.replace('value = "10000"', 'value = "1万"'), "standard[wendeng.village_clinic_operation].value", "十进制"),
    (lambda t: t.replace('value = "10000"', 'value = "10000.001"'), "standard[wendeng.village_clinic_operation].value", "两位小数"),
    (lambda t: t.replace('per = "month"', 'per = "week"'), "standard[wendeng.village_post_subsidy].per", "可选值"),
    (lambda t: t.replace('funding_source = "区级财政"', 'funding_sorce = "区级财政"', 1), "funding_sorce", "未知的键"),
    (lambda t: t.replace('facility_types = ["村卫生室"]', 'facility_types = ["卫生所"]', 1), "eligibility.facility_types", "卫生所"),
    (lambda t: t.replace('id = "wendeng.village_clinic_operation"', 'id = "nanxun.village_clinic_operation"'), ".id", "开头"),
    (lambda t: t.replace('kind = "unit_rate"', 'kind = "formula"', 1), ".kind", "可选值"),
    (lambda t: t.replace("[profile]", "[profile\n"), "(文件)", "无法解析"),
    (lambda t: t.replace('recruitment = ["大学生乡村医生专项", "镇聘村用"]', 'recruitment = ["大学生乡村医生专项", "镇聘村用"]\nqualifying_months = 12'), "eligibility", "qualifying_from"),
    # the breakages that ended in a traceback (issue: hard knocks), and a rate no document sets
    (lambda t: "standard = 5\n" + t.split("[[standard]]")[0], "standard", "表数组"),
    (lambda t: t.replace("issued = 2024-11-15", "issued = 2024-11-15T10:00:00", 1), "profile.issued", "不带时间"),
    (lambda t: t.replace('value = "10000"', 'value = "1e30"', 1), "standard[wendeng.village_clinic_operation].value", "过大"),
    (lambda t: t.replace('value = "10000"', 'value = "1000000000000000"', 1), "standard[wendeng.village_clinic_operation].value", "上限"),
    (lambda t: t.replace('value = "10000"', 'value = "NaN"', 1), "standard[wendeng.village_clinic_operation].value", "十进制"),
    (lambda t: t.replace("[profile]", "x = " + "[" * 100_000 + "]" * 100_000 + "\n[profile]", 1), "(文件)", "无法解析"),
    (lambda t: t.replace('levels = { "县区" = "100" }', 'levels = { "县区" = "1e400" }', 1), "profile.payer.levels", "过大"),
    (lambda t: t.replace('levels = { "县区" = "100" }', 'levels = { "县区" = "60" }', 1), "profile.payer.levels", "之和"),
])
def test_broken_file_is_reported_by_file_and_key_and_nothing_loads(tmp_path: Path, edit, key: str, words: str) -> None:  # type: ignore[no-untyped-def]
    text = edit(GOOD)
    assert text != GOOD, "the edit must change the fixture"
    directory = _broken(tmp_path, text)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(directory)
    problems = info.value.problems
    assert all(p.file == "wendeng.toml" for p in problems)
    assert any(key in p.key and (words in p.message or words in p.key) for p in problems), problems


def test_a_good_directory_loads(tmp_path: Path) -> None:
    directory = _broken(tmp_path, GOOD)
    assert sorted(load_catalogue(directory).ids) == ["nanxun", "wendeng"]


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError):
        load_catalogue(tmp_path)


def test_a_profile_that_is_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    directory = _broken(tmp_path, GOOD)
    (directory / "wendeng.toml").unlink()
    (directory / "wendeng.toml").symlink_to("/dev/zero")     # read_text would never end
    with pytest.raises(CatalogueError) as info:
        load_catalogue(directory)
    assert [(p.file, p.message) for p in info.value.problems] == [("wendeng.toml", "不是普通文件")]


def test_the_command_line_says_a_broken_catalogue_with_exit_3(tmp_path: Path) -> None:
    """The shipped catalogue is read from the program's own folder: a copy of the program with one
    file broken must refuse every command with the file and key, no traceback."""
    root = tmp_path / "app"
    shutil.copytree(Path(__file__).parents[2] / "budgetcalc", root / "budgetcalc",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(standards_dir().parent, root / "resources", ignore=shutil.ignore_patterns("fonts"))
    target = root / "resources" / "standards" / "wendeng.toml"
    target.write_text(GOOD.replace('value = "10000"', 'value = "1e30"', 1), "utf-8")
    done = subprocess.run([sys.executable, "-m", "budgetcalc", "profiles"], capture_output=True, text=True,
                          cwd=root, env=dict(os.environ, PYTHONPATH=str(root)), timeout=120)
    assert done.returncode == 3, done.stderr
    assert "wendeng.toml" in done.stderr and "standard[wendeng.village_clinic_operation].value" in done.stderr
    assert "Traceback" not in done.stderr
