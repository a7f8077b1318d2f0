"""The auth blueprint: views.py and two_factor_views.py add their routes to it."""

from flask import Blueprint

from webapp.auth import sessions

bp = Blueprint("auth", __name__, template_folder="templates")
# Runs before the access policy's check (blueprint hooks are registered first).
bp.before_app_request(sessions.check_lifetime)
