"""The privacy blueprint: views.py (redaction) and mydata.py add their routes to it."""

from flask import Blueprint

bp = Blueprint("privacy", __name__, template_folder="templates")
