"""Checking an uploaded logo by its bytes, never by its name or the browser's word: PNG, JPEG or
WebP only (SVG is refused: it can carry script), small enough for the microsites' page-weight
budget, with sane dimensions read from the image's own header. No third-party imaging code:
the three headers are simple and fixed."""

import struct
from dataclasses import dataclass

MAX_BYTES = 8 * 1024  # a logo shows on pages of 12 KB compressed: it must stay small
MAX_WIDTH, MAX_HEIGHT = 600, 300
MIN_SIDE = 16
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


class LogoRefused(ValueError):
    """Why an upload is no usable logo, in Dutch for the person who uploaded it."""


@dataclass(frozen=True)
class Image:
    content_type: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def check(data: bytes) -> Image:
    """The image this is, or LogoRefused."""
    if not data:
        raise LogoRefused("Kies een bestand met je logo.")
    if len(data) > MAX_BYTES:
        raise LogoRefused(
            f"Het logo is {len(data) / 1024:.0f} kB; het mag hoogstens {MAX_BYTES // 1024} kB "
            f"zijn. Bewaar het kleiner (bijvoorbeeld {MAX_WIDTH // 2} pixels breed) en probeer "
            "opnieuw."
        )
    head = data[:256].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head:
        raise LogoRefused("SVG-bestanden aanvaarden we niet. Kies een PNG, JPEG of WebP.")
    image = _png(data) or _jpeg(data) or _webp(data)
    if image is None:
        raise LogoRefused("Dit is geen PNG-, JPEG- of WebP-afbeelding. Kies een ander bestand.")
    if not (MIN_SIDE <= image.width <= MAX_WIDTH and MIN_SIDE <= image.height <= MAX_HEIGHT):
        raise LogoRefused(
            f"Het logo is {image.width} × {image.height} pixels; het mag hoogstens "
            f"{MAX_WIDTH} × {MAX_HEIGHT} en minstens {MIN_SIDE} × {MIN_SIDE} pixels zijn."
        )
    return image


def _png(data: bytes) -> Image | None:
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or len(data) < 33 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return Image("image/png", width, height)


# Start-of-frame markers hold the dimensions (not DHT C4, JPG C8 or DAC CC).
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(data: bytes) -> Image | None:
    if not data.startswith(b"\xff\xd8\xff"):
        return None
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return Image("image/jpeg", width, height)
        if marker == 0xDA or length < 2:  # the image data starts before any frame: broken
            return None
        at += 2 + length
    return None


def _webp(data: bytes) -> Image | None:
    if len(data) < 30 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return Image("image/webp", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return Image("image/webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return Image("image/webp", width, height)
    return None
