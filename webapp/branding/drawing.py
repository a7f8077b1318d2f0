"""A small PNG drawn from code, for the demo's logos (no imaging library needed): a coloured
band with a lighter block per letter of the initials' shape. Deterministic, a few hundred bytes."""

import struct
import zlib


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def badge_png(seed: str, width: int = 160, height: int = 48) -> bytes:
    """A simple logo-like badge whose colours follow `seed`."""
    digest = zlib.crc32(seed.encode())
    base = ((digest >> 16) & 0x7F, (digest >> 8) & 0x7F, digest & 0x7F)
    light = tuple(min(255, c + 150) for c in base)
    marks = [(digest >> shift) & 1 for shift in range(12)]
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            block = x // (width // 12)
            inside = 8 <= y < height - 8 and x % (width // 12) > 2 and block < 12
            colour = light if inside and marks[min(block, 11)] else base
            row += bytes(colour)
        rows.append(bytes(row))
    raw = b"".join(rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )
