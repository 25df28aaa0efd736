"""Besluiten API tables: besluiten, besluitinformatieobjecten, the identificatie sequence

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "brc_identificatie_teller",
        sa.Column("verantwoordelijke_organisatie", sa.String(length=9), nullable=False),
        sa.Column("jaar", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("laatste", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("verantwoordelijke_organisatie", "jaar", name=op.f("pk_brc_identificatie_teller")),
    )
    op.create_table(
        "brc_besluit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("identificatie", sa.String(length=50), nullable=False),
        sa.Column("verantwoordelijke_organisatie", sa.String(length=9), nullable=False),
        sa.Column("besluittype_id", sa.Uuid(), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=True),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=False),
        sa.Column("bestuursorgaan", sa.String(length=50), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("vervaldatum", sa.Date(), nullable=True),
        sa.Column("vervalreden", sa.String(length=30), nullable=False),
        sa.Column("publicatiedatum", sa.Date(), nullable=True),
        sa.Column("verzenddatum", sa.Date(), nullable=True),
        sa.Column("uiterlijke_reactiedatum", sa.Date(), nullable=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gewijzigd", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["besluittype_id"], ["ztc_besluittype.id"], name=op.f("fk_brc_besluit_besluittype_id_ztc_besluittype")
        ),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_brc_besluit_zaak_id_zrc_zaak"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brc_besluit")),
        sa.UniqueConstraint(
            "verantwoordelijke_organisatie",
            "identificatie",
            name=op.f("uq_brc_besluit_verantwoordelijke_organisatie_identificatie"),
        ),
    )
    with op.batch_alter_table("brc_besluit", schema=None) as batch_op:
        batch_op.create_index("ix_brc_besluit_aangemaakt_id", ["aangemaakt", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_brc_besluit_besluittype_id"), ["besluittype_id"], unique=False)
        batch_op.create_index("ix_brc_besluit_identificatie", ["identificatie"], unique=False)
        batch_op.create_index(batch_op.f("ix_brc_besluit_zaak_id"), ["zaak_id"], unique=False)

    op.create_table(
        "brc_besluitinformatieobject",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("besluit_id", sa.Uuid(), nullable=False),
        sa.Column("informatieobject", sa.String(length=1000), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["besluit_id"],
            ["brc_besluit.id"],
            name=op.f("fk_brc_besluitinformatieobject_besluit_id_brc_besluit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brc_besluitinformatieobject")),
        sa.UniqueConstraint(
            "besluit_id", "informatieobject", name=op.f("uq_brc_besluitinformatieobject_besluit_id_informatieobject")
        ),
    )
    with op.batch_alter_table("brc_besluitinformatieobject", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_brc_besluitinformatieobject_informatieobject"), ["informatieobject"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("brc_besluitinformatieobject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_brc_besluitinformatieobject_informatieobject"))
    op.drop_table("brc_besluitinformatieobject")
    with op.batch_alter_table("brc_besluit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_brc_besluit_zaak_id"))
        batch_op.drop_index("ix_brc_besluit_identificatie")
        batch_op.drop_index(batch_op.f("ix_brc_besluit_besluittype_id"))
        batch_op.drop_index("ix_brc_besluit_aangemaakt_id")
    op.drop_table("brc_besluit")
    op.drop_table("brc_identificatie_teller")
