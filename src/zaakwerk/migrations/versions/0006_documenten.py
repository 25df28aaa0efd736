"""Documenten API tables: enkelvoudiginformatieobjecten (one row per document, one per version),
objectinformatieobjecten and gebruiksrechten.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drc_informatieobject",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("bronorganisatie", sa.String(length=9), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("lock", sa.String(length=100), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drc_informatieobject")),
    )
    with op.batch_alter_table("drc_informatieobject", schema=None) as batch_op:
        batch_op.create_index("ix_drc_informatieobject_aangemaakt_id", ["aangemaakt", "id"], unique=False)

    op.create_table(
        "drc_gebruiksrechten",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("informatieobject_id", sa.Uuid(), nullable=False),
        sa.Column("startdatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("einddatum", sa.DateTime(timezone=True), nullable=True),
        sa.Column("omschrijving_voorwaarden", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["informatieobject_id"],
            ["drc_informatieobject.id"],
            name=op.f("fk_drc_gebruiksrechten_informatieobject_id_drc_informatieobject"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drc_gebruiksrechten")),
    )
    with op.batch_alter_table("drc_gebruiksrechten", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_drc_gebruiksrechten_informatieobject_id"), ["informatieobject_id"], unique=False
        )

    op.create_table(
        "drc_objectinformatieobject",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("informatieobject_id", sa.Uuid(), nullable=False),
        sa.Column("object", sa.String(length=1000), nullable=False),
        sa.Column("object_type", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["informatieobject_id"],
            ["drc_informatieobject.id"],
            name=op.f("fk_drc_objectinformatieobject_informatieobject_id_drc_informatieobject"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drc_objectinformatieobject")),
        sa.UniqueConstraint(
            "informatieobject_id", "object", name=op.f("uq_drc_objectinformatieobject_informatieobject_id_object")
        ),
    )
    with op.batch_alter_table("drc_objectinformatieobject", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_drc_objectinformatieobject_object"), ["object"], unique=False)

    op.create_table(
        "drc_informatieobject_versie",
        sa.Column("informatieobject_id", sa.Uuid(), nullable=False),
        sa.Column("versie", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("identificatie", sa.String(length=40), nullable=False),
        sa.Column("bronorganisatie", sa.String(length=9), nullable=False),
        sa.Column("creatiedatum", sa.Date(), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(length=20), nullable=False),
        sa.Column("is_gereed_voor_publicatie", sa.Boolean(), nullable=True),
        sa.Column("tonen_aan_initiator", sa.Boolean(), nullable=False),
        sa.Column("auteur", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("inhoud_is_vervallen", sa.Boolean(), nullable=True),
        sa.Column("formaat", sa.String(length=255), nullable=False),
        sa.Column("taal", sa.String(length=3), nullable=False),
        sa.Column("begin_registratie", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bestandsnaam", sa.String(length=255), nullable=False),
        sa.Column("link", sa.String(length=200), nullable=False),
        sa.Column("beschrijving", sa.String(length=1000), nullable=False),
        sa.Column("ontvangstdatum", sa.Date(), nullable=True),
        sa.Column("verzenddatum", sa.Date(), nullable=True),
        sa.Column("indicatie_gebruiksrecht", sa.Boolean(), nullable=True),
        sa.Column("verschijningsvorm", sa.Text(), nullable=False),
        sa.Column("ondertekening", sa.JSON(), nullable=True),
        sa.Column("integriteit", sa.JSON(), nullable=True),
        sa.Column("informatieobjecttype_id", sa.Uuid(), nullable=False),
        sa.Column("trefwoorden", sa.JSON(), nullable=False),
        sa.Column("trefwoorden_zoek", sa.Text(), nullable=False),
        sa.Column("inhoud_sleutel", sa.String(length=200), nullable=True),
        sa.Column("bestandsomvang", sa.BigInteger(), nullable=True),
        sa.Column("inhoud_sha256", sa.String(length=64), nullable=True),
        sa.Column("inhoud_type", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["informatieobject_id"],
            ["drc_informatieobject.id"],
            name=op.f("fk_drc_informatieobject_versie_informatieobject_id_drc_informatieobject"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["informatieobjecttype_id"],
            ["ztc_informatieobjecttype.id"],
            name=op.f("fk_drc_informatieobject_versie_informatieobjecttype_id_ztc_informatieobjecttype"),
        ),
        sa.PrimaryKeyConstraint("informatieobject_id", "versie", name=op.f("pk_drc_informatieobject_versie")),
    )
    with op.batch_alter_table("drc_informatieobject_versie", schema=None) as batch_op:
        batch_op.create_index(
            "ix_drc_versie_bronorganisatie_identificatie", ["bronorganisatie", "identificatie"], unique=False
        )
        batch_op.create_index("ix_drc_versie_identificatie", ["identificatie"], unique=False)
        batch_op.create_index("ix_drc_versie_registratie", ["informatieobject_id", "begin_registratie"], unique=False)
        batch_op.create_index("ix_drc_versie_sha256", ["inhoud_sha256"], unique=False)
        batch_op.create_index("ix_drc_versie_type", ["informatieobjecttype_id"], unique=False)


def downgrade() -> None:
    # Dropping a table drops its indexes; children before the document table they refer to.
    for table in (
        "drc_informatieobject_versie",
        "drc_objectinformatieobject",
        "drc_gebruiksrechten",
        "drc_informatieobject",
    ):
        op.drop_table(table)
