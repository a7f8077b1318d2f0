"""The meetings blueprint: views.py and attendance.py add their routes to it."""

from flask import Blueprint

from webapp import editing

bp = Blueprint("meetings", __name__, template_folder="templates", url_prefix="/<slug:gemeente>")
bp.context_processor(editing.template_helpers)
