"""Indexes that keep the reports fast, kept apart from the models they cover.

The reports group signals of a municipality over a period by status and organisation: one
index holds every column they read, so neither database opens the signal rows (with their
texts). Reinforcements, supplements and feedback are looked up per signal with their date.
"""

from sqlalchemy import Index

from webapp.models.signal import Feedback, Reinforcement, Signal, Supplement

REPORT_INDEXES = (
    Index(
        "ix_signal_report",
        Signal.municipality_id,
        Signal.created_at,
        Signal.status,
        Signal.organisation_id,
        Signal.reinforcement_count,
        Signal.id,
    ),
    Index("ix_reinforcement_signal_created", Reinforcement.signal_id, Reinforcement.created_at),
    Index("ix_supplement_signal_created", Supplement.signal_id, Supplement.created_at),
    Index("ix_feedback_signal_created", Feedback.signal_id, Feedback.created_at),
)
