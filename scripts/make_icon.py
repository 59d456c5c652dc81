"""Draw the program's icon: resources/icons/budgetcalc.png (256 px, for the Linux desktop entry
and the .deb's hicolor theme) and budgetcalc.ico (16–256 px, for the Windows executables).

A teal rounded square with the character 算 (测算) in white and a small red cross (health care),
drawn with Pillow and the bundled WenQuanYi Micro Hei font. Re-run after changing the design:

    python3 scripts/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttf"


def draw(size: int = 1024) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    m = size // 16
    top, bottom = (0x1f, 0x8a, 0x8a), (0x12, 0x5e, 0x6e)
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle((m, m, size - m, size - m), radius=size // 5, fill=255)
    grad = Image.new("RGBA", (size, size))
    gd = ImageDraw.Draw(grad)
    for y in range(size):
        t = y / size
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        gd.line([(0, y), (size, y)], fill=colour + (255,))
    img.paste(grad, (0, 0), mask)
    font = ImageFont.truetype(str(FONT), int(size * 0.54))
    d.text((size * 0.45, size * 0.57), "算", font=font, fill="white", anchor="mm")
    # red cross badge, top right
    cx, cy, r = size * 0.77, size * 0.23, size * 0.13
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill="white")
    arm, w = r * 0.62, r * 0.22
    d.rectangle((cx - arm, cy - w, cx + arm, cy + w), fill=(0xd6, 0x2b, 0x2b))
    d.rectangle((cx - w, cy - arm, cx + w, cy + arm), fill=(0xd6, 0x2b, 0x2b))
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.LANCZOS).save(OUT / "budgetcalc.png", optimize=True)
    big.resize((256, 256), Image.LANCZOS).save(
        OUT / "budgetcalc.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(f"wrote {OUT / 'budgetcalc.png'} and {OUT / 'budgetcalc.ico'}")


if __name__ == "__main__":
    main()
