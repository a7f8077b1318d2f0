"""Report summaries per municipality and calendar month (Brussels time), kept exact by marks.

`report_month` holds, per month, the counts the reports add up, one row per breakdown category
(`dimension` all/theme/target_group/status/organisation), both unfiltered (`filter_dimension`
"") and under every single filter a report offers (one theme, one target group). Themes,
target groups and organisations are kept by id: their names and kinds are joined when read.
`report_feedback_month` is a histogram of the time to the first feedback in whole hours.
`report_stale` lists the signals whose contribution no longer matches the data: every change
writes its marks in its own transaction (webapp/reports/stale.py); a report refreshes them
before reading. `report_signal_state` keeps what each signal last contributed, so a refresh
applies the difference instead of recounting a month.
"""

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db


class ReportMonth(db.Model):
    __tablename__ = "report_month"
    __table_args__ = (
        Index(
            "ix_report_month_filter",
            "filter_dimension",
            "filter_id",
            "dimension",
            "month",
        ),
        # One municipality's rows of a dimension (webapp/reports/by_place.py).
        Index(
            "ix_report_month_place",
            "municipality_id",
            "filter_dimension",
            "filter_id",
            "dimension",
            "month",
        ),
    )

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    filter_dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    filter_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    key_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_text: Mapped[str] = mapped_column(String(20), primary_key=True)
    signals: Mapped[int] = mapped_column(Integer)
    reinforcements: Mapped[int] = mapped_column(Integer)
    supplements: Mapped[int] = mapped_column(Integer)
    reached_card: Mapped[int] = mapped_column(Integer)
    reached_action: Mapped[int] = mapped_column(Integer)
    reached_meeting: Mapped[int] = mapped_column(Integer)


class ReportFeedbackMonth(db.Model):
    __tablename__ = "report_feedback_month"
    __table_args__ = (
        Index("ix_report_feedback_month_filter", "filter_dimension", "filter_id", "month"),
        Index(
            "ix_report_feedback_month_place",
            "municipality_id",
            "filter_dimension",
            "filter_id",
            "month",
        ),
    )

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    filter_dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    filter_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hours: Mapped[int] = mapped_column(Integer, primary_key=True)
    signals: Mapped[int] = mapped_column(Integer)


class ReportSignalState(db.Model):
    """What one signal last added to the summaries (webapp/reports/summary.py `SignalState`, as
    JSON): a refresh subtracts it and adds the signal's new contribution."""

    __tablename__ = "report_signal_state"

    signal_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(Text)


class ReportStale(db.Model):
    """A signal whose contribution to the summaries may no longer match the data."""

    __tablename__ = "report_stale"

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True
    )
    # No foreign key: a deleted signal stays marked until its contribution is taken away.
    signal_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A new random value at every mark: a refresh clears the mark only if it is still the one it
    # read before computing, so a change made meanwhile is never lost.
    token: Mapped[int] = mapped_column(BigInteger)
