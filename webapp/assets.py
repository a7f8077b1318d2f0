"""Front-end files served from our own origin under fingerprinted, immutable-cached URLs."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, abort, request

ROOT = Path(__file__).resolve().parent.parent

SOURCES = {
    "htmx.js": ROOT / "node_modules" / "htmx.org" / "dist" / "htmx.min.js",
    "app.css": ROOT / "webapp" / "static" / "css" / "app.css",
}
MIMETYPES = {".js": "text/javascript", ".css": "text/css"}
ONE_YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Asset:
    url_name: str
    body: bytes
    mimetype: str


class AssetError(RuntimeError):
    pass


def _load(name: str, path: Path) -> Asset:
    if not path.exists():
        raise AssetError(f"{path} is missing: run `make install` (npm ci) first.")
    body = path.read_bytes()
    stem, suffix = name.rsplit(".", 1)
    digest = hashlib.sha256(body).hexdigest()[:12]
    return Asset(f"{stem}.{digest}.{suffix}", body, MIMETYPES["." + suffix])


def init_assets(app: Flask) -> None:
    """Read every asset once at start-up and register the route that serves them."""
    assets = {name: _load(name, path) for name, path in SOURCES.items()}
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
