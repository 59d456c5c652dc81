"""Shrink the ICU data library Qt Core links on Linux (PySide6/Qt/lib/libicudata.so.NN: 31 MB).

Qt Core uses ICU for four things only: collation (QCollator, the file dialog's sorting), case
mapping (no data), time-zone names (QTimeZone::displayName) and legacy text codecs
(QStringDecoder("GBK")). This keeps what those need for the program's two languages —
collation, zone names and the locale data of root/en/zh, the supplemental tables, the
normalisation and property data, the alias table and the Chinese and Western codecs — and
drops the rest: other languages, break iteration dictionaries (Qt breaks text itself),
currencies, units, language and region names, number spelling and transliteration.

The library is rebuilt from the trimmed package with the C compiler (one .incbin, no code)
and checked through ctypes: Chinese collation must still sort in pinyin order. Skipped, with
a note, where icupkg (Debian: icu-devtools) or cc is missing; any failed check restores the
original library and fails the build.

    python3 scripts/trim_icu.py dist/budgetcalc           # trim (scripts/build-bundle runs this)
    python3 scripts/trim_icu.py --check dist/budgetcalc   # only check the bundle's ICU
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LANGUAGES = ("root", "en", "zh")
DROPPED_TREES = ("brkitr/", "curr/", "lang/", "rbnf/", "region/", "translit/", "unit/")
CODECS_KEPT = (
    "cnvalias.icu",
    "gb18030.cnv", "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv", "ibm-1383_P110-1999.cnv",
    "ibm-5478_P100-1995.cnv", "windows-950-2000.cnv", "ibm-950_P110-1999.cnv", "ibm-1373_P100-2002.cnv",
    "ibm-5348_P100-1997.cnv", "ibm-1252_P100-2000.cnv", "ibm-437_P100-1995.cnv",
)
LOCALE_RES = re.compile(r"^(root|[a-z]{2,3}(_[A-Za-z0-9]*)*)\.res$")

CHECK = r"""
import ctypes, sys
lib, v = sys.argv[1], sys.argv[2]
uc = ctypes.CDLL(lib + "/libicuuc.so." + v)
i18n = ctypes.CDLL(lib + "/libicui18n.so." + v)
status = ctypes.c_int(0)
coll = getattr(i18n, "ucol_open_" + v)
coll.restype = ctypes.c_void_p
c = coll(b"zh", ctypes.byref(status))
assert c and status.value <= 0, ("ucol_open zh", status.value)
strcoll = getattr(i18n, "ucol_strcoll_" + v)
strcoll.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
def less(a, b):  # UChar strings: UTF-16, NUL-terminated (length -1)
    return strcoll(c, (a + "\0").encode("utf-16-le"), -1, (b + "\0").encode("utf-16-le"), -1) < 0
# pinyin: da < hou < tian (root collation, i.e. data gone, orders by code point: hou < da < tian)
assert less("大", "侯") and less("侯", "天"), "Chinese collation lost"
status = ctypes.c_int(0)
cnv = getattr(uc, "ucnv_open_" + v)
cnv.restype = ctypes.c_void_p
assert cnv(b"GBK", ctypes.byref(status)) and status.value <= 0, ("ucnv_open GBK", status.value)
print("icu ok")
"""


def check(libdir: Path, version: str) -> None:
    """Chinese collation and the GBK codec from the bundle's ICU; AssertionError if not."""
    proc = subprocess.run([sys.executable, "-c", CHECK, str(libdir), version],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0 or "icu ok" not in proc.stdout:
        raise AssertionError(proc.stderr.strip() or proc.stdout.strip())


def data_symbol(lib: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat blob inside the library."""
    out = subprocess.run(["nm", "-D", "-S", "--defined-only", str(lib)], capture_output=True,
                         text=True, check=True).stdout
    m = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", out, re.M)
    if not m:
        raise RuntimeError(f"no icudt*_dat in {lib}")
    addr, size, name = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
    sections = subprocess.run(["readelf", "-S", "-W", str(lib)], capture_output=True, text=True,
                              check=True).stdout
    for line in sections.splitlines():
        f = line.replace("[ ", "[").split()
        if len(f) > 5 and f[0].startswith("[") and f[2] == "PROGBITS":
            sec_addr, sec_off, sec_size = int(f[3], 16), int(f[4], 16), int(f[5], 16)
            if sec_addr <= addr < sec_addr + sec_size:
                return name, sec_off + addr - sec_addr, size
    raise RuntimeError(f"{name} not in a section of {lib}")


def unwanted(item: str) -> bool:
    if item.startswith(DROPPED_TREES):
        return True
    name = item.rsplit("/", 1)[-1]
    if name.endswith(".cnv"):
        return name not in CODECS_KEPT
    m = LOCALE_RES.match(name) if name != "res_index.res" else None
    return bool(m) and m.group(1).split("_")[0] not in LANGUAGES


def main(bundle: Path) -> int:
    libs = [p for p in bundle.rglob("libicudata.so.*") if p.is_file() and not p.is_symlink()]
    if not libs:
        print("icu: no libicudata in the bundle, nothing to trim")
        return 0
    tools = {t: shutil.which(t) for t in ("icupkg", "cc", "nm", "readelf")}
    if not all(tools.values()):
        print("icu: data left whole (missing: " + ", ".join(t for t, p in tools.items() if not p) + ")")
        return 0
    for lib in libs:
        version = lib.name.rsplit(".", 1)[-1]
        name, offset, size = data_symbol(lib)
        before = lib.stat().st_size
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            # icupkg takes the package name (icudt73l: items are icudt73l/coll/zh.res...) from the file name
            package = name.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b") + ".dat"
            full, small = t / "in" / package, t / "out" / package
            full.parent.mkdir(), small.parent.mkdir()
            with lib.open("rb") as f:
                f.seek(offset)
                full.write_bytes(f.read(size))
            items = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True,
                                   check=True).stdout.split()
            drop = [i for i in items if unwanted(i)]
            (t / "drop.txt").write_text("\n".join(drop) + "\n")
            subprocess.run(["icupkg", "-r", str(t / "drop.txt"), str(full), str(small)],
                           check=True, capture_output=True)
            (t / "blob.S").write_text(
                f'\t.section .rodata\n\t.globl {name}\n\t.type {name}, %object\n\t.balign 16\n{name}:\n'
                f'\t.incbin "{small}"\n\t.size {name}, . - {name}\n'
                '\t.section .note.GNU-stack,"",%progbits\n')
            subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", str(t / lib.name),
                            str(t / "blob.S")], check=True)
            backup = t / "original.so"
            shutil.copy2(lib, backup)
            shutil.copyfile(t / lib.name, lib)
            try:
                check(lib.parent, version)
            except AssertionError as err:
                shutil.copyfile(backup, lib)
                print(f"icu: trimmed data failed its check ({err}); original restored", file=sys.stderr)
                return 1
        print(f"icu: {lib.relative_to(bundle)} {before // 2**20} MB -> {lib.stat().st_size // 2**20} MB "
              f"({len(items) - len(drop)} of {len(items)} items kept)")
    return 0


def check_bundle(bundle: Path) -> int:
    libs = [p for p in bundle.rglob("libicuuc.so.*") if p.is_file() and not p.is_symlink()]
    for lib in libs:
        check(lib.parent, lib.name.rsplit(".", 1)[-1])
        print(f"icu: {lib.relative_to(bundle)}: Chinese collation and GBK ok")
    return 0 if libs else 2


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--check"]:
        sys.exit(check_bundle(Path(args[1] if len(args) > 1 else "dist/budgetcalc")))
    sys.exit(main(Path(args[0] if args else "dist/budgetcalc")))
