"""The identificatie schema table the service checks against is the spec's (regenerate it when the spec changes:
``python -m tests.zaken.zaakobject_schema_table``)."""

from __future__ import annotations

from tests.zaken.zaakobject_schema_table import build
from zaakwerk.zaken._identificatie_schemas import BETROKKENE_IDENTIFICATIE, OBJECT_IDENTIFICATIE


def test_identificatie_tables_match_the_spec() -> None:
    objects, betrokkenen = build()
    assert objects == OBJECT_IDENTIFICATIE
    assert betrokkenen == BETROKKENE_IDENTIFICATIE
    assert len(OBJECT_IDENTIFICATIE) == 31
    assert set(BETROKKENE_IDENTIFICATIE) == {
        "natuurlijk_persoon",
        "niet_natuurlijk_persoon",
        "vestiging",
        "organisatorische_eenheid",
        "medewerker",
    }
