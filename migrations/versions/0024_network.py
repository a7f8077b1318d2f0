"""The network: meeting kinds, account requests, logos, network themes, organisations once

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07

"""

import importlib.util
from pathlib import Path

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

# (slug, name): the network's vocabulary of themes, as it starts (webapp/admin/defaults.py).
NETWORK_THEMES = [
    ("wonen", "Wonen"),
    ("armoede", "Armoede"),
    ("jeugd", "Jeugd"),
    ("onderwijs", "Onderwijs"),
    ("zorg", "Zorg"),
    ("welzijn", "Welzijn"),
    ("werk", "Werk"),
    ("mobiliteit", "Mobiliteit"),
    ("vrije-tijd", "Vrije tijd"),
    ("digitale-inclusie", "Digitale inclusie"),
    ("gezondheid", "Gezondheid"),
    ("integratie", "Integratie en inburgering"),
]


def _restore_data_version_triggers(tables):
    """SQLite rebuilds a table to add a foreign key (batch mode), and its triggers go with the
    old table: put back the data-version triggers of migration 0015 on these tables."""
    if op.get_bind().dialect.name != "sqlite":
        return
    path = Path(__file__).with_name("0015_data_version_triggers.py")
    spec = importlib.util.spec_from_file_location("data_version_triggers_0015", path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    for table in tables:
        key, places = m.TABLES[table]
        for event in m.EVENTS.get(table, m.ALL_EVENTS):
            sides = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}[event]
            touched = " UNION ".join(
                places.format(rows=f"(SELECT {side}.{key} AS {key})", key=key) for side in sides
            )
            op.execute(f"DROP TRIGGER IF EXISTS {m._name(table, event)}")
            op.execute(
                f'CREATE TRIGGER {m._name(table, event)} AFTER {event} ON "{table}"'
                f" BEGIN {m.UPSERT.format(now=m.SQLITE_NOW, places=touched)}; END"
            )


def upgrade():
    op.create_table(
        "account_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("organisation_name", sa.String(length=160), nullable=False),
        sa.Column("job", sa.String(length=160), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decision_message", sa.Text(), server_default="", nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("invitation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["user_account.id"],
            name=op.f("fk_account_request_decided_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"], ["invitation.id"],
            name=op.f("fk_account_request_invitation_id_invitation"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipality.id"],
            name=op.f("fk_account_request_municipality_id_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_request")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_account_request_idempotency_key")),
    )
    op.create_index(
        "ix_account_request_municipality_status",
        "account_request",
        ["municipality_id", "status"],
    )
    op.create_table(
        "municipality_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("municipality_name", sa.String(length=120), nullable=False),
        sa.Column("contact_name", sa.String(length=120), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("job", sa.String(length=160), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handled_by_id"], ["user_account.id"],
            name=op.f("fk_municipality_request_handled_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipality_request")),
        sa.UniqueConstraint(
            "idempotency_key", name=op.f("uq_municipality_request_idempotency_key")
        ),
    )
    op.create_table(
        "logo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=30), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipality.id"],
            name=op.f("fk_logo_municipality_id_municipality"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"],
            name=op.f("fk_logo_organisation_id_organisation"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["user_account.id"],
            name=op.f("fk_logo_uploaded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logo")),
        sa.UniqueConstraint("owner", name=op.f("uq_logo_owner")),
    )
    op.create_index(op.f("ix_logo_municipality_id"), "logo", ["municipality_id"])
    network_theme = op.create_table(
        "network_theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_theme")),
        sa.UniqueConstraint("name", name=op.f("uq_network_theme_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_network_theme_slug")),
    )
    # The vocabulary starts as the themes every municipality started with.
    op.bulk_insert(
        network_theme,
        [
            {"id": n, "slug": slug, "name": name, "position": n}
            for n, (slug, name) in enumerate(NETWORK_THEMES, start=1)
        ],
    )
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.add_column(sa.Column("network_theme_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_theme_network_theme_id_network_theme"),
            "network_theme",
            ["network_theme_id"],
            ["id"],
            ondelete="SET NULL",
        )
    # A theme still carrying its default slug maps to the network theme of that slug; the
    # head processor maps the others (and may change these) on the network themes page.
    op.execute(
        "UPDATE theme SET network_theme_id = (SELECT network_theme.id FROM network_theme "
        "WHERE network_theme.slug = theme.slug)"
    )
    # An organisation in several municipalities: one network identity linking each
    # municipality's organisation (a link, not a merge: see docs/network.md).
    op.create_table(
        "network_organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_organisation")),
        sa.UniqueConstraint("name", name=op.f("uq_network_organisation_name")),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("network_organisation_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_organisation_network_organisation_id_network_organisation"),
            "network_organisation",
            ["network_organisation_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _restore_data_version_triggers(("theme", "organisation"))
    # Meeting kinds: "netwerkbijeenkomst" is called "netwerkmoment" as the seeds do.
    op.execute("UPDATE meeting SET kind = 'netwerkmoment' WHERE kind = 'netwerkbijeenkomst'")


def downgrade():
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_organisation_network_organisation_id_network_organisation"),
            type_="foreignkey",
        )
        batch_op.drop_column("network_organisation_id")
    op.drop_table("network_organisation")
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_theme_network_theme_id_network_theme"), type_="foreignkey"
        )
        batch_op.drop_column("network_theme_id")
    op.drop_table("network_theme")
    _restore_data_version_triggers(("theme", "organisation"))
    op.drop_index(op.f("ix_logo_municipality_id"), table_name="logo")
    op.drop_table("logo")
    op.drop_table("municipality_request")
    op.drop_index("ix_account_request_municipality_status", table_name="account_request")
    op.drop_table("account_request")
    # "actiedag" did not exist before: such meetings become a plain "overleg".
    op.execute("UPDATE meeting SET kind = 'overleg' WHERE kind = 'actiedag'")
    op.execute("UPDATE meeting SET kind = 'netwerkbijeenkomst' WHERE kind = 'netwerkmoment'")
