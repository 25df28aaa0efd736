"""zaak counts per bronorganisatie, zaaktype and vertrouwelijkheidaanduiding (kept by triggers); list indexes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 12:30:00

The triggers keep ``zrc_zaak_telling`` exact in the transaction of every write to ``zrc_zaak``, whoever writes:
the API, the demo loader, ``zaakwerk bench seed`` (COPY on PostgreSQL) or a cascade. On PostgreSQL inserts and
deletes are counted once per statement from the transition table (a COPY of a million zaken adds one aggregate,
not a million function calls); a change of one of the three columns is counted per row, and only when one of them
really changes (the WHEN clause is evaluated without calling the function, so a status update costs nothing).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_KEY = "bronorganisatie, zaaktype_id, vertrouwelijkheidaanduiding"
_CHANGED = (
    "OLD.bronorganisatie IS DISTINCT FROM NEW.bronorganisatie OR OLD.zaaktype_id IS DISTINCT FROM NEW.zaaktype_id "
    "OR OLD.vertrouwelijkheidaanduiding IS DISTINCT FROM NEW.vertrouwelijkheidaanduiding"
)

# The rows of one transaction go to one ``deel`` (its backend's pid modulo 16), so concurrent writers of the same
# combination rarely wait for each other's row lock.
_PG_UPSERT = f"""
    INSERT INTO zrc_zaak_telling AS t ({_KEY}, deel, aantal)
    SELECT {_KEY}, pg_backend_pid() % 16, sum(d)::integer FROM ({{delta}}) AS delta
    GROUP BY {_KEY} HAVING sum(d) <> 0 ORDER BY {_KEY}
    ON CONFLICT ({_KEY}, deel) DO UPDATE SET aantal = t.aantal + excluded.aantal;
"""

_ROW_CHANGE = (
    "SELECT OLD.bronorganisatie AS bronorganisatie, OLD.zaaktype_id AS zaaktype_id, "
    "OLD.vertrouwelijkheidaanduiding AS vertrouwelijkheidaanduiding, -1 AS d "
    "UNION ALL SELECT NEW.bronorganisatie, NEW.zaaktype_id, NEW.vertrouwelijkheidaanduiding, 1"
)

# One statement each: the migration runs through asyncpg, which takes one command per statement.
_PG_FUNCTIONS = (
    f"""
CREATE FUNCTION zrc_zaak_telling_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{_PG_UPSERT.replace("{delta}", f"SELECT {_KEY}, 1 AS d FROM nieuw")}
    RETURN NULL;
END $$""",
    f"""
CREATE FUNCTION zrc_zaak_telling_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{_PG_UPSERT.replace("{delta}", f"SELECT {_KEY}, -1 AS d FROM oud")}
    RETURN NULL;
END $$""",
    f"""
CREATE FUNCTION zrc_zaak_telling_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{_PG_UPSERT.replace("{delta}", _ROW_CHANGE)}
    RETURN NULL;
END $$""",
)

_PG_TRIGGERS = (
    "CREATE TRIGGER zrc_zaak_telling_insert AFTER INSERT ON zrc_zaak REFERENCING NEW TABLE AS nieuw "
    "FOR EACH STATEMENT EXECUTE FUNCTION zrc_zaak_telling_insert()",
    "CREATE TRIGGER zrc_zaak_telling_delete AFTER DELETE ON zrc_zaak REFERENCING OLD TABLE AS oud "
    "FOR EACH STATEMENT EXECUTE FUNCTION zrc_zaak_telling_delete()",
    f"CREATE TRIGGER zrc_zaak_telling_update AFTER UPDATE ON zrc_zaak FOR EACH ROW WHEN ({_CHANGED}) "
    "EXECUTE FUNCTION zrc_zaak_telling_update()",
)


def _sqlite_add(prefix: str, amount: str) -> str:
    return (
        f"INSERT INTO zrc_zaak_telling ({_KEY}, deel, aantal) "
        f"VALUES ({prefix}.bronorganisatie, {prefix}.zaaktype_id, {prefix}.vertrouwelijkheidaanduiding, 0, {amount}) "
        f"ON CONFLICT ({_KEY}, deel) DO UPDATE SET aantal = aantal + {amount};"
    )


_SQLITE_TRIGGERS = (
    f"CREATE TRIGGER zrc_zaak_telling_insert AFTER INSERT ON zrc_zaak BEGIN {_sqlite_add('NEW', '1')} END",
    f"CREATE TRIGGER zrc_zaak_telling_delete AFTER DELETE ON zrc_zaak BEGIN {_sqlite_add('OLD', '-1')} END",
    f"CREATE TRIGGER zrc_zaak_telling_update AFTER UPDATE OF {_KEY} ON zrc_zaak "
    f"WHEN {_CHANGED.replace('IS DISTINCT FROM', 'IS NOT')} "
    f"BEGIN {_sqlite_add('OLD', '-1')} {_sqlite_add('NEW', '1')} END",
)


_NOT_NULL = sa.text("hoofdzaak_id IS NOT NULL")
# (table, index, columns, partial condition): each replaces the index of the first column alone.
_COVERING: tuple[tuple[str, str, list[str], sa.TextClause | None], ...] = (
    ("zrc_zaak", "ix_zrc_zaak_hoofdzaak", ["hoofdzaak_id", "identificatie", "id"], _NOT_NULL),
    ("zrc_rol", "ix_zrc_rol_zaak", ["zaak_id", "omschrijving", "id"], None),
    ("zrc_rol", "ix_zrc_rol_inp_bsn", ["inp_bsn", "zaak_id"], None),
    ("zrc_zaakeigenschap", "ix_zrc_zaakeigenschap_zaak_id", ["zaak_id", "naam", "id"], None),
    ("zrc_zaakobject", "ix_zrc_zaakobject_zaak_id", ["zaak_id", "object_type", "id"], None),
)


def upgrade() -> None:
    op.create_table(
        "zrc_zaak_telling",
        sa.Column("bronorganisatie", sa.String(length=9), nullable=False),
        sa.Column("zaaktype_id", sa.Uuid(), nullable=False),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(length=20), nullable=False),
        sa.Column("deel", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "bronorganisatie", "zaaktype_id", "vertrouwelijkheidaanduiding", "deel", name=op.f("pk_zrc_zaak_telling")
        ),
    )
    # Superseded by the count table; it misled the generic plans of list pages (see the Zaak model).
    op.drop_index("ix_zrc_zaak_org_type_vertr", table_name="zrc_zaak")
    # The list order (startdatum, id) whole in the zaaktype index: no sort of the zaken sharing a startdatum.
    op.drop_index("ix_zrc_zaak_zaaktype_startdatum", table_name="zrc_zaak")
    op.create_index("ix_zrc_zaak_zaaktype_startdatum_id", "zrc_zaak", ["zaaktype_id", "startdatum", "id"])
    # The URL lists of a page and the BSN query from covering indexes; deelzaken from a partial one (see models).
    for table, name, columns, where in _COVERING:
        op.drop_index(name if table != "zrc_zaak" else "ix_zrc_zaak_hoofdzaak_id", table_name=table)
        op.create_index(name, table, columns, sqlite_where=where, postgresql_where=where)
    # The zaken that exist now, then the triggers: on PostgreSQL both in the migration's transaction.
    op.execute(
        f"INSERT INTO zrc_zaak_telling ({_KEY}, deel, aantal) SELECT {_KEY}, 0, count(*) FROM zrc_zaak GROUP BY {_KEY}"
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in (*_PG_FUNCTIONS, *_PG_TRIGGERS):
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    for name in ("insert", "delete", "update"):
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER zrc_zaak_telling_{name} ON zrc_zaak")
            op.execute(f"DROP FUNCTION zrc_zaak_telling_{name}()")
        else:
            op.execute(f"DROP TRIGGER zrc_zaak_telling_{name}")
    op.drop_table("zrc_zaak_telling")
    for table, name, columns, _where in _COVERING:
        op.drop_index(name, table_name=table)
        op.create_index(name if table != "zrc_zaak" else "ix_zrc_zaak_hoofdzaak_id", table, columns[:1])
    op.drop_index("ix_zrc_zaak_zaaktype_startdatum_id", table_name="zrc_zaak")
    op.create_index("ix_zrc_zaak_zaaktype_startdatum", "zrc_zaak", ["zaaktype_id", "startdatum"])
    op.create_index(
        "ix_zrc_zaak_org_type_vertr", "zrc_zaak", ["bronorganisatie", "zaaktype_id", "vertrouwelijkheidaanduiding"]
    )
