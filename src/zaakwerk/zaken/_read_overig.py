"""The read path of klantcontacten, zaakcontactmomenten, zaakverzoeken, zaaknotities, zaakinformatieobjecten and
zaakbesluiten: Core rows rendered straight to the spec's schemas.

Each query joins its zaak, so lists add the zaak access predicate and details the zaak's access columns. The
``*_dict`` functions take anything with the model's attribute names (a Core row or the ORM object), so the
services render the audit trail's ``oud``/``nieuw`` exactly as a GET shows the resource.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.core.zgw.rows import iso_datetime
from zaakwerk.zaken import models as m
from zaakwerk.zaken._read_zaken import ReadCtx

Z = m.Zaak
KC = m.KlantContact
ZCM = m.ZaakContactMoment
ZV = m.ZaakVerzoek
ZN = m.ZaakNotitie
ZIO = m.ZaakInformatieObject
ZB = m.ZaakBesluit

# zrc-004: the object type of the relation is always "zaak", so its aard is "hoort_bij".
AARD_RELATIE_WEERGAVE = {
    "hoort_bij": "Hoort bij, omgekeerd: kent",
    "legt_vast": "Legt vast, omgekeerd: kan vastgelegd zijn als",
}

RowDict = Callable[[str, Any], dict[str, Any]]
Render = Callable[[AsyncConnection, Sequence[Any], ReadCtx], Awaitable[list[dict[str, Any]]]]


def renderer(row_dict: RowDict) -> Render:
    """A ``Render`` for resources without child lists: one dict per row, no extra statement."""

    async def render(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
        zaken = ctx.zaken
        return [row_dict(zaken, r) for r in rows]

    return render


def _joined(*columns: Any) -> Select[Any]:
    model = columns[0].class_
    return select(*columns).join(Z, Z.id == model.zaak_id)


def klantcontact_query() -> Select[Any]:
    return _joined(KC.id, KC.zaak_id, KC.identificatie, KC.datumtijd, KC.kanaal, KC.onderwerp, KC.toelichting)


def klantcontact_dict(zaken: str, r: Any) -> dict[str, Any]:
    return {
        "url": f"{zaken}/klantcontacten/{r.id}",
        "uuid": str(r.id),
        "zaak": f"{zaken}/zaken/{r.zaak_id}",
        "identificatie": r.identificatie,
        "datumtijd": iso_datetime(r.datumtijd),
        "kanaal": r.kanaal,
        "onderwerp": r.onderwerp,
        "toelichting": r.toelichting,
    }


def zaakcontactmoment_query() -> Select[Any]:
    return _joined(ZCM.id, ZCM.zaak_id, ZCM.contactmoment)


def zaakcontactmoment_dict(zaken: str, r: Any) -> dict[str, Any]:
    return {
        "url": f"{zaken}/zaakcontactmomenten/{r.id}",
        "uuid": str(r.id),
        "zaak": f"{zaken}/zaken/{r.zaak_id}",
        "contactmoment": r.contactmoment,
    }


def zaakverzoek_query() -> Select[Any]:
    return _joined(ZV.id, ZV.zaak_id, ZV.verzoek)


def zaakverzoek_dict(zaken: str, r: Any) -> dict[str, Any]:
    return {
        "url": f"{zaken}/zaakverzoeken/{r.id}",
        "uuid": str(r.id),
        "zaak": f"{zaken}/zaken/{r.zaak_id}",
        "verzoek": r.verzoek,
    }


def zaaknotitie_query() -> Select[Any]:
    return _joined(
        ZN.id,
        ZN.zaak_id,
        ZN.onderwerp,
        ZN.tekst,
        ZN.aangemaakt_door,
        ZN.notitie_type,
        ZN.status,
        ZN.aanmaakdatum,
        ZN.wijzigingsdatum,
    )


def zaaknotitie_dict(zaken: str, r: Any) -> dict[str, Any]:
    # The spec's ZaakNotitie has no uuid: the url is its identification.
    return {
        "url": f"{zaken}/zaaknotities/{r.id}",
        "onderwerp": r.onderwerp,
        "tekst": r.tekst,
        "aangemaaktDoor": r.aangemaakt_door,
        "notitieType": r.notitie_type,
        "status": r.status,
        "aanmaakdatum": iso_datetime(r.aanmaakdatum),
        "wijzigingsdatum": iso_datetime(r.wijzigingsdatum),
        "gerelateerdAan": f"{zaken}/zaken/{r.zaak_id}",
    }


def zaakinformatieobject_query() -> Select[Any]:
    return _joined(
        ZIO.id,
        ZIO.zaak_id,
        ZIO.informatieobject,
        ZIO.aard_relatie,
        ZIO.titel,
        ZIO.beschrijving,
        ZIO.registratiedatum,
        ZIO.vernietigingsdatum,
        ZIO.status_id,
    )


def zaakinformatieobject_dict(zaken: str, r: Any) -> dict[str, Any]:
    return {
        "url": f"{zaken}/zaakinformatieobjecten/{r.id}",
        "uuid": str(r.id),
        "informatieobject": r.informatieobject,
        "zaak": f"{zaken}/zaken/{r.zaak_id}",
        "aardRelatieWeergave": AARD_RELATIE_WEERGAVE[r.aard_relatie],
        "titel": r.titel,
        "beschrijving": r.beschrijving,
        "registratiedatum": iso_datetime(r.registratiedatum),
        "vernietigingsdatum": iso_datetime(r.vernietigingsdatum),
        "status": f"{zaken}/statussen/{r.status_id}" if r.status_id else None,
    }


def zaakbesluit_query() -> Select[Any]:
    return _joined(ZB.id, ZB.zaak_id, ZB.besluit)


def zaakbesluit_dict(zaken: str, r: Any) -> dict[str, Any]:
    return {
        "url": f"{zaken}/zaken/{r.zaak_id}/besluiten/{r.id}",
        "uuid": str(r.id),
        "besluit": r.besluit,
    }


render_klantcontacten = renderer(klantcontact_dict)
render_zaakcontactmomenten = renderer(zaakcontactmoment_dict)
render_zaakverzoeken = renderer(zaakverzoek_dict)
render_zaaknotities = renderer(zaaknotitie_dict)
render_zaakinformatieobjecten = renderer(zaakinformatieobject_dict)
render_zaakbesluiten = renderer(zaakbesluit_dict)
