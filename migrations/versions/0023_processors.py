"""From signal to decision, and processors by policy domain (issue 21)

A card's priority and its policy decisions, a meeting's minutes and decisions, an action's owner
(a service; an organisation was already possible) and deadline, the organisation a signal is
referred to, and the policy domains (themes) a processor follows. The tables the public sites
and cached pages show (policy_decision, signal_referral) get the data-version triggers of
migration 0015.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
UPSERT = (
    "INSERT INTO site_state (municipality_id, generation, changed_at)"
    " SELECT id, 1, {now} FROM municipality WHERE id IN ({places}) ORDER BY id"
    " ON CONFLICT (municipality_id) DO UPDATE"
    " SET generation = site_state.generation + 1, changed_at = excluded.changed_at"
)
# table: (the column its rows are found by, the query of the municipalities they touch), as in
# migration 0015.
TRIGGERED = {
    "policy_decision": ("municipality_id", "SELECT r.municipality_id FROM {rows} r"),
    "signal_referral": (
        "signal_id",
        'SELECT p.municipality_id FROM {rows} r JOIN "signal" p ON p.id = r.signal_id',
    ),
}
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _name(table, event):
    return f"data_version_{table}_{event.lower()}"


def _triggers_up():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table, (key, places) in TRIGGERED.items():
        if postgresql:
            inserted = places.format(rows="new_rows")
            deleted = places.format(rows="old_rows")
            op.execute(
                f"CREATE FUNCTION data_version_{table}() RETURNS trigger LANGUAGE plpgsql AS $$"
                f" BEGIN IF TG_OP = 'INSERT' THEN PERFORM data_version_move(ARRAY({inserted}));"
                " ELSIF TG_OP = 'UPDATE' THEN"
                f" PERFORM data_version_move(ARRAY({inserted} UNION {deleted}));"
                f" ELSE PERFORM data_version_move(ARRAY({deleted})); END IF;"
                " RETURN NULL; END $$"
            )
            for event in EVENTS:
                transition = {
                    "INSERT": "NEW TABLE AS new_rows",
                    "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
                    "DELETE": "OLD TABLE AS old_rows",
                }[event]
                op.execute(
                    f'CREATE TRIGGER {_name(table, event)} AFTER {event} ON "{table}"'
                    f" REFERENCING {transition} FOR EACH STATEMENT"
                    f" EXECUTE FUNCTION data_version_{table}()"
                )
            continue
        for event in EVENTS:
            sides = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}[event]
            touched = " UNION ".join(
                places.format(rows=f"(SELECT {side}.{key} AS {key})") for side in sides
            )
            op.execute(
                f'CREATE TRIGGER {_name(table, event)} AFTER {event} ON "{table}"'
                f" BEGIN {UPSERT.format(now=SQLITE_NOW, places=touched)}; END"
            )


def _triggers_down():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in TRIGGERED:
        for event in EVENTS:
            on = f' ON "{table}"' if postgresql else ""
            op.execute(f"DROP TRIGGER IF EXISTS {_name(table, event)}{on}")
        if postgresql:
            op.execute(f"DROP FUNCTION IF EXISTS data_version_{table}()")


def upgrade():
    # Plain ALTER TABLE, never a batch copy: a copied table would lose its triggers.
    op.add_column("signal_card", sa.Column("priority", sa.String(length=10), nullable=True))
    op.add_column(
        "action",
        sa.Column("owner_service", sa.String(length=200), server_default="", nullable=False),
    )
    op.add_column("action", sa.Column("due_on", sa.Date(), nullable=True))
    op.add_column("meeting", sa.Column("minutes", sa.Text(), server_default="", nullable=False))
    op.add_column(
        "meeting",
        sa.Column("minutes_public", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "policy_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("taken_by", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("plan_goal", sa.String(length=200), server_default="", nullable=False),
        sa.Column("link", sa.String(length=500), server_default="", nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_id"],
            ["signal_card.id"],
            name=op.f("fk_policy_decision_card_id_signal_card"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_policy_decision_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_policy_decision_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_policy_decision_municipality_id_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_decision")),
    )
    op.create_index("ix_policy_decision_card", "policy_decision", ["card_id", "decided_on"])
    op.create_index("ix_policy_decision_meeting", "policy_decision", ["meeting_id", "decided_on"])
    op.create_index(
        op.f("ix_policy_decision_municipality_id"), "policy_decision", ["municipality_id"]
    )
    op.create_table(
        "signal_referral",
        sa.Column("signal_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_signal_referral_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["referred_by_id"],
            ["user_account.id"],
            name=op.f("fk_signal_referral_referred_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["signal_id"],
            ["signal.id"],
            name=op.f("fk_signal_referral_signal_id_signal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("signal_id", name=op.f("pk_signal_referral")),
    )
    op.create_index(
        op.f("ix_signal_referral_organisation_id"), "signal_referral", ["organisation_id"]
    )
    op.create_table(
        "processor_domain",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_processor_domain_theme_id_theme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_processor_domain_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "theme_id", name=op.f("pk_processor_domain")),
    )
    op.create_index(op.f("ix_processor_domain_theme_id"), "processor_domain", ["theme_id"])
    _triggers_up()


def downgrade():
    _triggers_down()
    op.drop_index(op.f("ix_processor_domain_theme_id"), table_name="processor_domain")
    op.drop_table("processor_domain")
    op.drop_index(op.f("ix_signal_referral_organisation_id"), table_name="signal_referral")
    op.drop_table("signal_referral")
    op.drop_index(op.f("ix_policy_decision_municipality_id"), table_name="policy_decision")
    op.drop_index("ix_policy_decision_meeting", table_name="policy_decision")
    op.drop_index("ix_policy_decision_card", table_name="policy_decision")
    op.drop_table("policy_decision")
    op.drop_column("meeting", "minutes_public")
    op.drop_column("meeting", "minutes")
    op.drop_column("action", "due_on")
    op.drop_column("action", "owner_service")
    op.drop_column("signal_card", "priority")
