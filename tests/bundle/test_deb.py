"""The Debian package (scripts/build-deb), inspected with dpkg-deb without installing it.
CI sets BUDGETCALC_DEB=dist/budgetcalc_<version>_<arch>.deb; skipped otherwise."""

from __future__ import annotations

import configparser
import functools
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from budgetcalc import __version__

DEB = str(Path(os.environ["BUDGETCALC_DEB"]).resolve()) if os.environ.get("BUDGETCALC_DEB") else None
pytestmark = [
    pytest.mark.skipif(not DEB, reason="no .deb (set BUDGETCALC_DEB)"),
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="no dpkg-deb"),
]

# what Qt's xcb platform plugin and Qt Gui load from the system (checked with ldd on libqxcb.so
# and by starting the window under Xvfb with QT_DEBUG_PLUGINS=1)
XCB_DEPENDS = {"libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0",
               "libxcb-render-util0", "libxcb-image0", "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3"}


def dpkg_deb(*args: str) -> str:
    assert DEB
    return subprocess.run(["dpkg-deb", *args, DEB], capture_output=True, text=True, encoding="utf-8",
                          check=True).stdout


def members() -> dict[str, str]:
    """path (without the leading ./) -> the `dpkg-deb -c` line"""
    out = {}
    for line in dpkg_deb("-c").splitlines():
        path = line.split(None, 5)[5].split(" -> ")[0]
        out[path.removeprefix("./").rstrip("/")] = line
    return out


TEXT_MEMBERS = ("usr/share/applications/budgetcalc.desktop", "usr/share/mime/packages/budgetcalc.xml")


@functools.lru_cache(maxsize=1)
def texts() -> dict[str, str]:
    """The package's text files of interest, read in one pass over its data (dpkg-deb --fsys-tarfile)."""
    assert DEB
    proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", DEB], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    found = {}
    with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
        for member in tar:
            name = member.name.removeprefix("./")
            if name in TEXT_MEMBERS:
                f = tar.extractfile(member)
                assert f is not None
                found[name] = f.read().decode("utf-8")
    proc.wait()
    return found


def read_member(path: str) -> str:
    return texts()[path]


def control() -> dict[str, str]:
    fields, key = {}, ""
    for line in dpkg_deb("-f").splitlines():
        if line.startswith((" ", "\t")):
            fields[key] += "\n" + line
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def test_name_version_arch() -> None:
    assert DEB
    c = control()
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    assert (c["Package"], c["Version"], c["Architecture"]) == ("budgetcalc", __version__, arch)
    assert Path(DEB).name == f"budgetcalc_{__version__}_{arch}.deb"
    assert int(c["Installed-Size"]) > 50_000


def test_depends_on_what_qt_xcb_needs() -> None:
    depends = {re.split(r"[ (]", alt.strip())[0] for dep in control()["Depends"].split(",") for alt in dep.split("|")}
    assert XCB_DEPENDS <= depends, XCB_DEPENDS - depends
    assert "libc6" in depends


def test_program_under_opt_with_launchers_on_path() -> None:
    m = members()
    for name in ("budgetcalc", "budgetcalc-gui"):
        assert f"opt/budgetcalc/{name}" in m
        line = m[f"usr/bin/{name}"]
        assert line.startswith("l") and line.endswith(f"-> /opt/budgetcalc/{name}"), line
    assert "opt/budgetcalc/_internal/resources/standards/nanxun.toml" in m
    assert any(p.startswith("opt/budgetcalc/_internal/scenarios/") and p.endswith(".xlsx") for p in m)
    assert m["opt/budgetcalc/budgetcalc"].split()[0] == "-rwxr-xr-x"
    assert all(" root/root " in line for line in m.values()), "files owned by root"


def test_desktop_entry() -> None:
    m = members()
    assert "usr/share/applications/budgetcalc.desktop" in m
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read_string(read_member("usr/share/applications/budgetcalc.desktop"))
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Name"] == "基层卫生补助资金测算" and d["Name[en]"]
    assert d["Exec"].split()[0] == "budgetcalc-gui" and d["Terminal"] == "false"
    assert "application/x-budgetcalc-scenario" in d["MimeType"].split(";")
    assert any(p.startswith("usr/share/icons/hicolor/") and p.endswith(f"/apps/{d['Icon']}.png") for p in m)
    if shutil.which("desktop-file-validate"):
        out = Path(os.environ.get("TMPDIR", "/tmp")) / "budgetcalc-test.desktop"
        out.write_text(read_member("usr/share/applications/budgetcalc.desktop"), "utf-8")
        proc = subprocess.run(["desktop-file-validate", str(out)], capture_output=True, text=True)
        assert proc.returncode == 0 and "error" not in proc.stdout.lower(), proc.stdout


def test_mime_type_for_scenarios() -> None:
    assert "usr/share/mime/packages/budgetcalc.xml" in members()
    xml = read_member("usr/share/mime/packages/budgetcalc.xml")
    assert 'type="application/x-budgetcalc-scenario"' in xml and 'pattern="*.bcs.json"' in xml


def test_maintainer_scripts_never_fail() -> None:
    """postinst/postrm refresh the desktop and MIME databases only where the tools exist."""
    assert DEB
    with_tools = dpkg_deb("-I")
    assert "postinst" in with_tools and "postrm" in with_tools
    for script in ("postinst", "postrm"):
        text = subprocess.run(["dpkg-deb", "--info", DEB, script], capture_output=True, text=True,
                              check=True).stdout
        assert "update-mime-database" in text and "command -v" in text and text.rstrip().endswith("exit 0")
        # run it with an empty PATH: none of the tools exist, and it still succeeds
        proc = subprocess.run(["/bin/sh", "-c", text, script, "configure"], env={"PATH": "/nonexistent"},
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
