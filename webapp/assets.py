"""Front-end files served from our own origin under fingerprinted, immutable-cached URLs."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, abort, request

from webapp.icons import icons

ROOT = Path(__file__).resolve().parent.parent

SOURCES = {
    "htmx.js": ROOT / "node_modules" / "htmx.org" / "dist" / "htmx.min.js",
    "app.css": ROOT / "webapp" / "static" / "css" / "app.css",
    "offline.js": ROOT / "webapp" / "static" / "js" / "offline.js",
}
MIMETYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
ONE_YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Asset:
    url_name: str
    body: bytes
    mimetype: str


class AssetError(RuntimeError):
    pass


OWN_JS = ROOT / "webapp" / "static" / "js"


def compact_js(source: str) -> str:
    """Our own script without its whole-line comments and indentation: what the browser needs
    of it (our scripts hold no multi-line strings, and line breaks stay for ASI)."""
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def _load(name: str, path: Path) -> Asset:
    if not path.exists():
        raise AssetError(f"{path} is missing: run `make install` (npm ci) first.")
    body = path.read_bytes()
    if path.parent == OWN_JS:
        body = compact_js(body.decode("utf-8")).encode("utf-8")
    return _asset(name, body)


def _asset(name: str, body: bytes) -> Asset:
    stem, suffix = name.rsplit(".", 1)
    digest = hashlib.sha256(body).hexdigest()[:12]
    return Asset(f"{stem}.{digest}.{suffix}", body, MIMETYPES["." + suffix])


def init_assets(app: Flask) -> None:
    """Read every asset once at start-up and register the route that serves them."""
    assets = {name: _load(name, path) for name, path in SOURCES.items()}
    # The app's icons (for the web app manifest) are drawn, not read from a file.
    assets.update({name: _asset(name, body) for name, body in icons().items()})
    by_url_name = {asset.url_name: asset for asset in assets.values()}

    def asset_url(name: str) -> str:
        return f"/assets/{assets[name].url_name}"

    def serve_asset(filename: str) -> Response:
        asset = by_url_name.get(filename)
        if asset is None:
            abort(404)
        response = Response(asset.body, mimetype=asset.mimetype)
        response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
        response.set_etag(filename)
        return response.make_conditional(request)

    app.add_url_rule("/assets/<filename>", "assets", serve_asset)
    app.jinja_env.globals["asset_url"] = asset_url
    # What the service worker keeps for the offline submit page (webapp/offline.py).
    app.extensions["asset_urls"] = [asset_url(name) for name in SOURCES]
