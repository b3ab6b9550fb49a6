"""Make the Windows program icon (.ico) from the one icon we keep, resources/icons/archive-reader.svg.

    python bundle/make_icon.py build/ArchiveReader.ico

PyInstaller on Windows takes the program's icon only as .ico, and a generated file kept in git
would drift from the SVG; so scripts/bundle.sh and bundle.bat make it at every build, into
build/ (git-ignored). Qt draws the SVG (QSvgRenderer) at each size Windows asks for: 16-48 px
for lists and the taskbar, 256 px for large icon views. Each size is stored as PNG, which an
.ico may hold since Windows Vista; the file is written by hand (a 6-byte header and a 16-byte
entry per image) because Qt's ICO writer stores one image only.
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
REPO = Path(__file__).resolve().parents[1]
SVG = REPO / "resources" / "icons" / "archive-reader.svg"


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn on a transparent `size`×`size` square, as PNG."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise RuntimeError(f"cannot encode the {size} px icon as PNG: {writer.errorString()}")
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An .ico file holding (size in px, PNG data) images: ICONDIR, ICONDIRENTRY each, the data.

    A width or height of 256 is written as 0, as the format says.
    """
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = []
    for size, png in images:
        side = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        offset += len(png)
    return header + b"".join(entries) + b"".join(png for _size, png in images)


def make_icon(svg: Path, out: Path, sizes: tuple[int, ...] = SIZES) -> None:
    """Write `out` (.ico) from `svg`; needs a QGuiApplication. Raises ValueError for an unreadable SVG."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a readable SVG: {svg}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(ico_bytes([(size, render_png(renderer, size)) for size in sizes]))


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("out", type=Path, help="the .ico file to write")
    parser.add_argument("--svg", type=Path, default=SVG, help=f"the icon to draw (default: {SVG})")
    args = parser.parse_args()
    app = QGuiApplication([sys.argv[0], "-platform", "offscreen"])
    make_icon(args.svg, args.out)
    del app
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
