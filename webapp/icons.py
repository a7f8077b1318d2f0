"""The app's icon, drawn here (no image library): a white dot on the brand colour, as SVG and
as PNG for the web app manifest (webapp/offline.py). webapp/assets.py serves them."""

import struct
import zlib
from functools import cache

BRAND = (0x0B, 0x53, 0x94)
ICON_SIZES = (192, 512)
ICON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<rect width="64" height="64" rx="12" fill="#0b5394"/>'
    '<circle cx="32" cy="32" r="14" fill="#fff"/></svg>'
)


@cache
def _png(size: int) -> bytes:
    """Our icon as a PNG: a white dot on the brand colour, drawn here, no image library."""
    centre, radius = size / 2, size * 14 / 64
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter type: none
        for x in range(size):
            inside = (x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2 <= radius**2
            row += b"\xff\xff\xff" if inside else bytes(BRAND)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def icons() -> dict[str, bytes]:
    """The app's icons by asset name (webapp/assets.py serves them fingerprinted)."""
    return {"icon.svg": ICON_SVG.encode(), **{f"icon-{n}.png": _png(n) for n in ICON_SIZES}}
