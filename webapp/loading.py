"""Loading one record for a view, always through a scope of the access policy."""

from flask import abort
from sqlalchemy import Select

from webapp.extensions import db


def found_or_404(scope: Select, record_id: int):
    """The record with this id within `scope`, or 404: what lies outside it is never found."""
    model = scope.column_descriptions[0]["entity"]
    record = db.session.scalars(scope.where(model.id == record_id)).first()
    if record is None:
        abort(404)
    return record
