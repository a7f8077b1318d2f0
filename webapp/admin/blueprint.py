"""The admin blueprint: views.py, privacy.py and settings.py add their routes to it."""

from flask import Blueprint

bp = Blueprint("admin", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")
