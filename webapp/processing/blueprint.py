"""The processing blueprint: views.py, handling.py and logbook.py add their routes to it."""

from flask import Blueprint

bp = Blueprint("processing", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")
