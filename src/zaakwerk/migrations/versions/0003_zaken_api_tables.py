"""zaken api tables

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 09:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "zrc_identificatie_teller",
        sa.Column("bronorganisatie", sa.String(length=9), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("laatste", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bronorganisatie", "jaar", name=op.f("pk_zrc_identificatie_teller")),
    )
    op.create_table(
        "zrc_zaak",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("identificatie", sa.String(length=40), nullable=False),
        sa.Column("bronorganisatie", sa.String(length=9), nullable=False),
        sa.Column("omschrijving", sa.String(length=80), nullable=False),
        sa.Column("toelichting", sa.String(length=1000), nullable=False),
        sa.Column("zaaktype_id", sa.Uuid(), nullable=False),
        sa.Column("registratiedatum", sa.Date(), nullable=False),
        sa.Column("verantwoordelijke_organisatie", sa.String(length=9), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("einddatum_gepland", sa.Date(), nullable=True),
        sa.Column("uiterlijke_einddatum_afdoening", sa.Date(), nullable=True),
        sa.Column("publicatiedatum", sa.Date(), nullable=True),
        sa.Column("communicatiekanaal", sa.String(length=1000), nullable=False),
        sa.Column("producten_of_diensten", sa.JSON(), nullable=False),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(length=20), nullable=False),
        sa.Column("betalingsindicatie", sa.String(length=20), nullable=False),
        sa.Column("laatste_betaaldatum", sa.DateTime(timezone=True), nullable=True),
        sa.Column("zaakgeometrie", sa.JSON(), nullable=True),
        sa.Column("geometrie_min_x", sa.Double(), nullable=True),
        sa.Column("geometrie_min_y", sa.Double(), nullable=True),
        sa.Column("geometrie_max_x", sa.Double(), nullable=True),
        sa.Column("geometrie_max_y", sa.Double(), nullable=True),
        sa.Column("verlenging_reden", sa.String(length=200), nullable=False),
        sa.Column("verlenging_duur", sa.String(length=40), nullable=True),
        sa.Column("opschorting_indicatie", sa.Boolean(), nullable=False),
        sa.Column("opschorting_reden", sa.String(length=200), nullable=False),
        sa.Column("selectielijstklasse", sa.String(length=1000), nullable=False),
        sa.Column("hoofdzaak_id", sa.Uuid(), nullable=True),
        sa.Column("relevante_andere_zaken", sa.JSON(), nullable=False),
        sa.Column("kenmerken", sa.JSON(), nullable=False),
        sa.Column("archiefnominatie", sa.String(length=20), nullable=False),
        sa.Column("archiefstatus", sa.String(length=40), nullable=False),
        sa.Column("archiefactiedatum", sa.Date(), nullable=True),
        sa.Column("opdrachtgevende_organisatie", sa.String(length=9), nullable=False),
        sa.Column("processobjectaard", sa.String(length=200), nullable=False),
        sa.Column("startdatum_bewaartermijn", sa.Date(), nullable=True),
        sa.Column("processobject", sa.JSON(), nullable=True),
        sa.Column("status_id", sa.Uuid(), nullable=True),
        sa.Column("resultaat_id", sa.Uuid(), nullable=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gewijzigd", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["hoofdzaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_zaak_hoofdzaak_id_zrc_zaak")),
        sa.ForeignKeyConstraint(
            ["zaaktype_id"], ["ztc_zaaktype.id"], name=op.f("fk_zrc_zaak_zaaktype_id_ztc_zaaktype")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_zaak")),
        sa.UniqueConstraint("bronorganisatie", "identificatie", name=op.f("uq_zrc_zaak_bronorganisatie_identificatie")),
    )
    with op.batch_alter_table("zrc_zaak", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_zaak_einddatum"), ["einddatum"], unique=False)
        batch_op.create_index("ix_zrc_zaak_einddatum_gepland", ["einddatum_gepland"], unique=False)
        batch_op.create_index(batch_op.f("ix_zrc_zaak_hoofdzaak_id"), ["hoofdzaak_id"], unique=False)
        batch_op.create_index(
            "ix_zrc_zaak_org_type_vertr",
            ["bronorganisatie", "zaaktype_id", "vertrouwelijkheidaanduiding"],
            unique=False,
        )
        batch_op.create_index("ix_zrc_zaak_uiterlijke_einddatum", ["uiterlijke_einddatum_afdoening"], unique=False)
        batch_op.create_index("ix_zrc_zaak_zaaktype_startdatum", ["zaaktype_id", "startdatum"], unique=False)

    op.create_table(
        "zrc_klantcontact",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("identificatie", sa.String(length=14), nullable=False),
        sa.Column("datumtijd", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kanaal", sa.String(length=20), nullable=False),
        sa.Column("onderwerp", sa.String(length=200), nullable=False),
        sa.Column("toelichting", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_klantcontact_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_klantcontact")),
    )
    with op.batch_alter_table("zrc_klantcontact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_klantcontact_zaak_id"), ["zaak_id"], unique=False)

    op.create_table(
        "zrc_opschorting",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("reden", sa.String(length=200), nullable=False),
        sa.Column("begin", sa.Date(), nullable=False),
        sa.Column("einde", sa.Date(), nullable=True),
        sa.Column("dagen", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_opschorting_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_opschorting")),
    )
    with op.batch_alter_table("zrc_opschorting", schema=None) as batch_op:
        batch_op.create_index("ix_zrc_opschorting_zaak_begin", ["zaak_id", "begin"], unique=False)

    op.create_table(
        "zrc_resultaat",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("resultaattype_id", sa.Uuid(), nullable=False),
        sa.Column("toelichting", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["resultaattype_id"],
            ["ztc_resultaattype.id"],
            name=op.f("fk_zrc_resultaat_resultaattype_id_ztc_resultaattype"),
        ),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_resultaat_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_resultaat")),
        sa.UniqueConstraint("zaak_id", name=op.f("uq_zrc_resultaat_zaak_id")),
    )
    with op.batch_alter_table("zrc_resultaat", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_resultaat_resultaattype_id"), ["resultaattype_id"], unique=False)

    op.create_table(
        "zrc_rol",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("betrokkene", sa.String(length=1000), nullable=False),
        sa.Column("betrokkene_type", sa.String(length=30), nullable=False),
        sa.Column("afwijkende_naam_betrokkene", sa.String(length=625), nullable=False),
        sa.Column("roltype_id", sa.Uuid(), nullable=False),
        sa.Column("omschrijving", sa.String(length=100), nullable=False),
        sa.Column("omschrijving_generiek", sa.String(length=40), nullable=False),
        sa.Column("roltoelichting", sa.String(length=1000), nullable=False),
        sa.Column("registratiedatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("indicatie_machtiging", sa.String(length=20), nullable=False),
        sa.Column("contactpersoon_rol", sa.JSON(), nullable=True),
        sa.Column("betrokkene_identificatie", sa.JSON(), nullable=True),
        sa.Column("inp_bsn", sa.String(length=9), nullable=True),
        sa.Column("anp_identificatie", sa.String(length=17), nullable=True),
        sa.Column("inp_a_nummer", sa.String(length=10), nullable=True),
        sa.Column("inn_nnp_id", sa.String(length=9), nullable=True),
        sa.Column("ann_identificatie", sa.String(length=17), nullable=True),
        sa.Column("kvk_nummer", sa.String(length=8), nullable=True),
        sa.Column("vestigings_nummer", sa.String(length=24), nullable=True),
        sa.Column("medewerker_identificatie", sa.String(length=24), nullable=True),
        sa.Column("organisatorische_eenheid_identificatie", sa.String(length=24), nullable=True),
        sa.ForeignKeyConstraint(["roltype_id"], ["ztc_roltype.id"], name=op.f("fk_zrc_rol_roltype_id_ztc_roltype")),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_rol_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_rol")),
    )
    with op.batch_alter_table("zrc_rol", schema=None) as batch_op:
        batch_op.create_index("ix_zrc_rol_betrokkene", ["betrokkene"], unique=False)
        batch_op.create_index("ix_zrc_rol_inn_nnp_id", ["inn_nnp_id"], unique=False)
        batch_op.create_index("ix_zrc_rol_inp_bsn", ["inp_bsn"], unique=False)
        batch_op.create_index("ix_zrc_rol_kvk_nummer", ["kvk_nummer"], unique=False)
        batch_op.create_index("ix_zrc_rol_medewerker", ["medewerker_identificatie"], unique=False)
        batch_op.create_index("ix_zrc_rol_oeh", ["organisatorische_eenheid_identificatie"], unique=False)
        batch_op.create_index(batch_op.f("ix_zrc_rol_omschrijving_generiek"), ["omschrijving_generiek"], unique=False)
        batch_op.create_index(batch_op.f("ix_zrc_rol_roltype_id"), ["roltype_id"], unique=False)
        batch_op.create_index("ix_zrc_rol_vestigings_nummer", ["vestigings_nummer"], unique=False)
        batch_op.create_index("ix_zrc_rol_zaak", ["zaak_id"], unique=False)

    op.create_table(
        "zrc_verlenging",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("reden", sa.String(length=200), nullable=False),
        sa.Column("duur", sa.String(length=40), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_verlenging_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_verlenging")),
    )
    with op.batch_alter_table("zrc_verlenging", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_verlenging_zaak_id"), ["zaak_id"], unique=False)

    op.create_table(
        "zrc_zaakbesluit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("besluit", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_zaakbesluit_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_zaakbesluit")),
        sa.UniqueConstraint("zaak_id", "besluit", name=op.f("uq_zrc_zaakbesluit_zaak_id_besluit")),
    )
    with op.batch_alter_table("zrc_zaakbesluit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_zaakbesluit_zaak_id"), ["zaak_id"], unique=False)

    op.create_table(
        "zrc_zaakcontactmoment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("contactmoment", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_zaakcontactmoment_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_zaakcontactmoment")),
    )
    with op.batch_alter_table("zrc_zaakcontactmoment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_zaakcontactmoment_contactmoment"), ["contactmoment"], unique=False)
        batch_op.create_index(batch_op.f("ix_zrc_zaakcontactmoment_zaak_id"), ["zaak_id"], unique=False)

    op.create_table(
        "zrc_zaakidentificatie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("bronorganisatie", sa.String(length=9), nullable=False),
        sa.Column("identificatie", sa.String(length=40), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_zaakidentificatie_zaak_id_zrc_zaak"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_zaakidentificatie")),
        sa.UniqueConstraint(
            "bronorganisatie", "identificatie", name=op.f("uq_zrc_zaakidentificatie_bronorganisatie_identificatie")
        ),
    )
    op.create_table(
        "zrc_zaaknotitie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("onderwerp", sa.String(length=255), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("aangemaakt_door", sa.String(length=255), nullable=False),
        sa.Column("notitie_type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("aanmaakdatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wijzigingsdatum", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_zaaknotitie_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_zaaknotitie")),
    )
    with op.batch_alter_table("zrc_zaaknotitie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_zaaknotitie_zaak_id"), ["zaak_id"], unique=False)

    op.create_table(
        "zrc_zaakobject",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("object", sa.String(length=1000), nullable=False),
        sa.Column("zaakobjecttype_id", sa.Uuid(), nullable=True),
        sa.Column("object_type", sa.String(length=100), nullable=False),
        sa.Column("object_type_overige", sa.String(length=100), nullable=False),
        sa.Column("object_type_overige_definitie", sa.JSON(), nullable=True),
        sa.Column("relatieomschrijving", sa.String(length=80), nullable=False),
        sa.Column("object_identificatie", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_zaakobject_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["zaakobjecttype_id"],
            ["ztc_zaakobjecttype.id"],
            name=op.f("fk_zrc_zaakobject_zaakobjecttype_id_ztc_zaakobjecttype"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_zaakobject")),
    )
    with op.batch_alter_table("zrc_zaakobject", schema=None) as batch_op:
        batch_op.create_index("ix_zrc_zaakobject_object", ["object"], unique=False)
        batch_op.create_index(batch_op.f("ix_zrc_zaakobject_zaak_id"), ["zaak_id"], unique=False)

    op.create_table(
        "zrc_zaakverzoek",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("verzoek", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_zaakverzoek_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_zaakverzoek")),
    )
    with op.batch_alter_table("zrc_zaakverzoek", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_zaakverzoek_verzoek"), ["verzoek"], unique=False)
        batch_op.create_index(batch_op.f("ix_zrc_zaakverzoek_zaak_id"), ["zaak_id"], unique=False)

    op.create_table(
        "zrc_status",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("statustype_id", sa.Uuid(), nullable=False),
        sa.Column("datum_status_gezet", sa.DateTime(timezone=True), nullable=False),
        sa.Column("statustoelichting", sa.String(length=1000), nullable=False),
        sa.Column("gezetdoor_id", sa.Uuid(), nullable=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["gezetdoor_id"], ["zrc_rol.id"], name=op.f("fk_zrc_status_gezetdoor_id_zrc_rol"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["statustype_id"], ["ztc_statustype.id"], name=op.f("fk_zrc_status_statustype_id_ztc_statustype")
        ),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_status_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_status")),
    )
    with op.batch_alter_table("zrc_status", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_status_statustype_id"), ["statustype_id"], unique=False)
        batch_op.create_index("ix_zrc_status_zaak_datum", ["zaak_id", "datum_status_gezet"], unique=False)

    op.create_table(
        "zrc_zaakeigenschap",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("eigenschap_id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=20), nullable=False),
        sa.Column("waarde", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["eigenschap_id"], ["ztc_eigenschap.id"], name=op.f("fk_zrc_zaakeigenschap_eigenschap_id_ztc_eigenschap")
        ),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_zaakeigenschap_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_zaakeigenschap")),
    )
    with op.batch_alter_table("zrc_zaakeigenschap", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zrc_zaakeigenschap_eigenschap_id"), ["eigenschap_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_zrc_zaakeigenschap_zaak_id"), ["zaak_id"], unique=False)

    op.create_table(
        "zrc_zaakinformatieobject",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rsin", sa.String(length=9), nullable=False),
        sa.Column("zaak_id", sa.Uuid(), nullable=False),
        sa.Column("informatieobject", sa.String(length=1000), nullable=False),
        sa.Column("aard_relatie", sa.String(length=20), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("beschrijving", sa.Text(), nullable=False),
        sa.Column("registratiedatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vernietigingsdatum", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["status_id"],
            ["zrc_status.id"],
            name=op.f("fk_zrc_zaakinformatieobject_status_id_zrc_status"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zrc_zaak.id"], name=op.f("fk_zrc_zaakinformatieobject_zaak_id_zrc_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zrc_zaakinformatieobject")),
        sa.UniqueConstraint(
            "zaak_id", "informatieobject", name=op.f("uq_zrc_zaakinformatieobject_zaak_id_informatieobject")
        ),
    )
    with op.batch_alter_table("zrc_zaakinformatieobject", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_zrc_zaakinformatieobject_informatieobject"), ["informatieobject"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_zrc_zaakinformatieobject_zaak_id"), ["zaak_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("zrc_zaakinformatieobject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_zaakinformatieobject_zaak_id"))
        batch_op.drop_index(batch_op.f("ix_zrc_zaakinformatieobject_informatieobject"))

    op.drop_table("zrc_zaakinformatieobject")
    with op.batch_alter_table("zrc_zaakeigenschap", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_zaakeigenschap_zaak_id"))
        batch_op.drop_index(batch_op.f("ix_zrc_zaakeigenschap_eigenschap_id"))

    op.drop_table("zrc_zaakeigenschap")
    with op.batch_alter_table("zrc_status", schema=None) as batch_op:
        batch_op.drop_index("ix_zrc_status_zaak_datum")
        batch_op.drop_index(batch_op.f("ix_zrc_status_statustype_id"))

    op.drop_table("zrc_status")
    with op.batch_alter_table("zrc_zaakverzoek", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_zaakverzoek_zaak_id"))
        batch_op.drop_index(batch_op.f("ix_zrc_zaakverzoek_verzoek"))

    op.drop_table("zrc_zaakverzoek")
    with op.batch_alter_table("zrc_zaakobject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_zaakobject_zaak_id"))
        batch_op.drop_index("ix_zrc_zaakobject_object")

    op.drop_table("zrc_zaakobject")
    with op.batch_alter_table("zrc_zaaknotitie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_zaaknotitie_zaak_id"))

    op.drop_table("zrc_zaaknotitie")
    op.drop_table("zrc_zaakidentificatie")
    with op.batch_alter_table("zrc_zaakcontactmoment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_zaakcontactmoment_zaak_id"))
        batch_op.drop_index(batch_op.f("ix_zrc_zaakcontactmoment_contactmoment"))

    op.drop_table("zrc_zaakcontactmoment")
    with op.batch_alter_table("zrc_zaakbesluit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_zaakbesluit_zaak_id"))

    op.drop_table("zrc_zaakbesluit")
    with op.batch_alter_table("zrc_verlenging", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_verlenging_zaak_id"))

    op.drop_table("zrc_verlenging")
    with op.batch_alter_table("zrc_rol", schema=None) as batch_op:
        batch_op.drop_index("ix_zrc_rol_zaak")
        batch_op.drop_index("ix_zrc_rol_vestigings_nummer")
        batch_op.drop_index(batch_op.f("ix_zrc_rol_roltype_id"))
        batch_op.drop_index(batch_op.f("ix_zrc_rol_omschrijving_generiek"))
        batch_op.drop_index("ix_zrc_rol_oeh")
        batch_op.drop_index("ix_zrc_rol_medewerker")
        batch_op.drop_index("ix_zrc_rol_kvk_nummer")
        batch_op.drop_index("ix_zrc_rol_inp_bsn")
        batch_op.drop_index("ix_zrc_rol_inn_nnp_id")
        batch_op.drop_index("ix_zrc_rol_betrokkene")

    op.drop_table("zrc_rol")
    with op.batch_alter_table("zrc_resultaat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_resultaat_resultaattype_id"))

    op.drop_table("zrc_resultaat")
    with op.batch_alter_table("zrc_opschorting", schema=None) as batch_op:
        batch_op.drop_index("ix_zrc_opschorting_zaak_begin")

    op.drop_table("zrc_opschorting")
    with op.batch_alter_table("zrc_klantcontact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zrc_klantcontact_zaak_id"))

    op.drop_table("zrc_klantcontact")
    with op.batch_alter_table("zrc_zaak", schema=None) as batch_op:
        batch_op.drop_index("ix_zrc_zaak_zaaktype_startdatum")
        batch_op.drop_index("ix_zrc_zaak_uiterlijke_einddatum")
        batch_op.drop_index("ix_zrc_zaak_org_type_vertr")
        batch_op.drop_index(batch_op.f("ix_zrc_zaak_hoofdzaak_id"))
        batch_op.drop_index("ix_zrc_zaak_einddatum_gepland")
        batch_op.drop_index(batch_op.f("ix_zrc_zaak_einddatum"))

    op.drop_table("zrc_zaak")
    op.drop_table("zrc_identificatie_teller")
