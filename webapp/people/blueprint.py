"""The people blueprint: views.py (engagements, privacy acceptance) and person.py (the head
processor's page per person) add their routes to it."""

from flask import Blueprint

bp = Blueprint("people", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")
