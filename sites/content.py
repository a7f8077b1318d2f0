"""The hand-written texts in content/: shared by every site, overridable per municipality.

`content/<name>.md` is the shared text; `content/<slug>/<name>.md` replaces it for one
municipality. `content/<slug>/lokaal.md`, when it exists, adds a local paragraph to the home page.
The privacy statement is not here: it comes from the app, through the public read model.
"""

import hashlib
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

SHARED = (
    "wat-is-lokaal-signaal.md",
    "zo-werkt-het.md",
    "wanneer-signaleren.md",
    "privacy-in-het-kort.md",
    "cijfers.md",
    "wat-leeft-er.md",
    "acties.md",
    "agenda.md",
    "wie-werkt-mee.md",
    "meedoen.md",
    "open-data.md",
    "toegankelijkheid.md",
    "colofon.md",
)
LOCAL_ONLY = ("lokaal.md",)
OVERVIEW = ("overzicht.md", "toegankelijkheid.md", "colofon.md", "doe-mee.md")


def load_texts(slug: str | None, content_dir: Path = CONTENT_DIR) -> dict[str, str]:
    """The raw Markdown of every text a site uses, overrides applied; the overview has no slug."""
    names = OVERVIEW if slug is None else SHARED + LOCAL_ONLY
    texts = {}
    for name in names:
        override = content_dir / slug / name if slug else None
        if override is not None and override.is_file():
            texts[name.removesuffix(".md")] = override.read_text(encoding="utf-8")
        elif (content_dir / name).is_file():
            texts[name.removesuffix(".md")] = (content_dir / name).read_text(encoding="utf-8")
    return texts


def digest(texts: dict[str, str]) -> str:
    hasher = hashlib.sha256()
    for name in sorted(texts):
        hasher.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return hasher.hexdigest()
