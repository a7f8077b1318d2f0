"""The start page and each municipality's landing page."""

from flask import Blueprint, g
from flask_login import current_user

from webapp import access
from webapp.extensions import db
from webapp.models import Municipality
from webapp.rendering import render_page

bp = Blueprint("main", __name__, template_folder="templates")


@bp.get("/")
def home():
    municipalities = db.session.scalars(db.select(Municipality).order_by(Municipality.name)).all()
    mine = current_user.municipalities() if current_user.is_authenticated else []
    return render_page("main/home.html", municipalities=municipalities, mine=mine)


@bp.get("/<slug:gemeente>/")
def municipality_home():
    return render_page(
        "main/municipality.html",
        can_read=bool(access.roles_of(current_user, g.municipality) & access.SIGNAL_READERS),
    )
