"""The giver on a poor connection: the service worker, the web app manifest and its icons, and
the key that ties what a device keeps (drafts, the offline queue) to one account.

The service worker keeps the submit page's shell and the fingerprinted assets, nothing else
(docs/offline.md). Everything here works only with JavaScript on; without it the forms post as
they always did.
"""

import hashlib
import hmac
import json

from flask import Blueprint, Response, current_app, g, url_for
from flask_login import current_user

from webapp.assets import ROOT, compact_js
from webapp.icons import ICON_SIZES

bp = Blueprint("offline", __name__)

SERVICE_WORKER = ROOT / "webapp" / "static" / "js" / "sw.js"


def device_key() -> str:
    """Who the device keeps drafts and queued signals for: an opaque key per account, "anon"
    for whoever gives signals without one. Opaque, so the page names nobody."""
    if not current_user.is_authenticated:
        return "anon"
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"device:{current_user.id}".encode(), hashlib.sha256).hexdigest()[:20]


@bp.app_context_processor
def _device_key():
    return {"device_key": device_key}


def _version(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


@bp.get("/sw.js")
def service_worker():
    """The service worker, with the asset URLs of this release: a new release is a new worker,
    which drops the old caches (STYLE.md: version it so an old one does not keep serving)."""
    assets = current_app.extensions["asset_urls"]
    source = compact_js(SERVICE_WORKER.read_text(encoding="utf-8"))
    version = _version(source, *assets)
    head = f"const V={json.dumps(version)},ASSETS={json.dumps(assets)};\n"
    response = Response(head + source, mimetype="text/javascript")
    # Checked on every visit, so that a release reaches the device.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/<slug:gemeente>/manifest.webmanifest")
def manifest():
    """Installable per municipality: the app opens on that municipality's submit page."""
    municipality = g.municipality
    asset_url = current_app.jinja_env.globals["asset_url"]
    start = url_for("signals.new_signal", gemeente=municipality.slug)
    body = {
        "name": f"Lokaal Signaal {municipality.name}",
        "short_name": "Lokaal Signaal",
        "description": f"Geef een signaal aan {municipality.name}, ook met een zwakke verbinding.",
        "lang": "nl-BE",
        "start_url": start,
        "scope": "/",
        "id": start,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": [
            {"src": asset_url("icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            *(
                {
                    "src": asset_url(f"icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any maskable",
                }
                for size in ICON_SIZES
            ),
        ],
    }
    response = current_app.response_class(
        json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json"
    )
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
