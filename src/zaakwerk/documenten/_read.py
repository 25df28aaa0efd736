"""The read path of the Documenten API: SQLAlchemy Core rows rendered straight to the spec's schemas.

A document is its latest version joined with its document row (one primary-key lookup per document); an older
version is read by (document id, versie) or by the latest ``begin_registratie`` at or before a moment. The
``*_dict`` functions take anything with the model's attribute names (a Core row or the ORM object), so the audit
trail's ``oud``/``nieuw`` are exactly what a GET shows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, select

from zaakwerk.core.zgw.rows import iso, iso_datetime
from zaakwerk.documenten._context import (
    CATALOGI_PREFIX,
    ENKELVOUDIGINFORMATIEOBJECTEN,
    GEBRUIKSRECHTEN,
    OBJECTINFORMATIEOBJECTEN,
    PREFIX,
)
from zaakwerk.documenten.models import Gebruiksrechten, InformatieObject, InformatieObjectVersie
from zaakwerk.documenten.models import ObjectInformatieObject as OIOModel

D = InformatieObject
V = InformatieObjectVersie
OIO = OIOModel
GR = Gebruiksrechten

VERSIE_COLUMNS = (
    V.informatieobject_id,
    V.versie,
    V.identificatie,
    V.bronorganisatie,
    V.creatiedatum,
    V.titel,
    V.vertrouwelijkheidaanduiding,
    V.is_gereed_voor_publicatie,
    V.tonen_aan_initiator,
    V.auteur,
    V.status,
    V.inhoud_is_vervallen,
    V.formaat,
    V.taal,
    V.begin_registratie,
    V.bestandsnaam,
    V.bestandsomvang,
    V.link,
    V.beschrijving,
    V.ontvangstdatum,
    V.verzenddatum,
    V.indicatie_gebruiksrecht,
    V.verschijningsvorm,
    V.ondertekening,
    V.integriteit,
    V.informatieobjecttype_id,
    V.trefwoorden,
    V.inhoud_sleutel,
    V.inhoud_type,
)


def latest() -> Any:
    """The join condition of a document row and its latest version."""
    return and_(D.id == V.informatieobject_id, D.versie == V.versie)


def document_query() -> Select[Any]:
    """Every document in its latest version (with its lock); callers add conditions and order."""
    return select(*VERSIE_COLUMNS, D.lock).join(D, latest())


@cache
def document_detail() -> Select[Any]:
    return document_query().where(D.id == bindparam("id"))


def version_query(id_: uuid.UUID, versie: int | None, registratie_op: dt.datetime | None) -> Select[Any]:
    """The version ``?versie=`` and/or ``?registratieOp=`` name (the latest registered at or before that moment)."""
    query = select(*VERSIE_COLUMNS, D.lock).join(D, D.id == V.informatieobject_id).where(D.id == id_)
    if versie is not None:
        query = query.where(V.versie == versie)
    if registratie_op is not None:
        query = query.where(V.begin_registratie <= registratie_op)
    return query.order_by(V.versie.desc()).limit(1)


def base_documenten(base: str) -> str:
    return f"{base}{PREFIX}/{ENKELVOUDIGINFORMATIEOBJECTEN}"


def _empty(value: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if not value or not any(v not in ("", None) for v in value.values()) else value


def document_dict(base: str, r: Any, locked: bool) -> dict[str, Any]:
    """The ``EnkelvoudigInformatieObject`` schema of version ``r`` (``base``: the request's base URL)."""
    url = f"{base_documenten(base)}/{r.informatieobject_id}"
    return {
        "url": url,
        "identificatie": r.identificatie,
        "bronorganisatie": r.bronorganisatie,
        "creatiedatum": iso(r.creatiedatum),
        "titel": r.titel,
        "vertrouwelijkheidaanduiding": r.vertrouwelijkheidaanduiding,
        "isGereedVoorPublicatie": r.is_gereed_voor_publicatie,
        "tonenAanInitiator": r.tonen_aan_initiator,
        "auteur": r.auteur,
        "status": r.status,
        "inhoudIsVervallen": r.inhoud_is_vervallen,
        "formaat": r.formaat,
        "taal": r.taal,
        "versie": r.versie,
        "beginRegistratie": iso_datetime(r.begin_registratie),
        "bestandsnaam": r.bestandsnaam,
        "inhoud": f"{url}/download?versie={r.versie}" if r.inhoud_sleutel else None,
        "bestandsomvang": r.bestandsomvang,
        "link": r.link,
        "beschrijving": r.beschrijving,
        "ontvangstdatum": iso(r.ontvangstdatum),
        "verzenddatum": iso(r.verzenddatum),
        "indicatieGebruiksrecht": r.indicatie_gebruiksrecht,
        "verschijningsvorm": r.verschijningsvorm,
        "ondertekening": _empty(r.ondertekening),
        "integriteit": _empty(r.integriteit),
        "informatieobjecttype": f"{base}{CATALOGI_PREFIX}/informatieobjecttypen/{r.informatieobjecttype_id}",
        "locked": locked,
        "bestandsdelen": [],
        "trefwoorden": list(r.trefwoorden or []),
    }


def render_documenten(base: str, rows: Any) -> list[dict[str, Any]]:
    return [document_dict(base, r, bool(r.lock)) for r in rows]


# --- objectinformatieobjecten and gebruiksrechten: judged by their document's latest version --------------------


def oio_query() -> Select[Any]:
    columns: tuple[Any, ...] = (OIO.id, OIO.informatieobject_id, OIO.object, OIO.object_type)
    return select(*columns).join(V, V.informatieobject_id == OIO.informatieobject_id).join(D, latest())


def access_columns() -> tuple[Any, ...]:
    """The latest version's columns the access check needs, labelled."""
    return (
        V.informatieobjecttype_id.label("_type_id"),
        V.vertrouwelijkheidaanduiding.label("_vertrouwelijkheid"),
        V.is_gereed_voor_publicatie.label("_gereed"),
    )


def oio_dict(base: str, r: Any) -> dict[str, Any]:
    return {
        "url": f"{base}{PREFIX}/{OBJECTINFORMATIEOBJECTEN}/{r.id}",
        "informatieobject": f"{base_documenten(base)}/{r.informatieobject_id}",
        "object": r.object,
        "objectType": r.object_type,
    }


def gebruiksrechten_query() -> Select[Any]:
    columns: tuple[Any, ...] = (GR.id, GR.informatieobject_id, GR.startdatum, GR.einddatum, GR.omschrijving_voorwaarden)
    return select(*columns).join(V, V.informatieobject_id == GR.informatieobject_id).join(D, latest())


def gebruiksrechten_dict(base: str, r: Any) -> dict[str, Any]:
    return {
        "url": f"{base}{PREFIX}/{GEBRUIKSRECHTEN}/{r.id}",
        "informatieobject": f"{base_documenten(base)}/{r.informatieobject_id}",
        "startdatum": iso_datetime(r.startdatum),
        "einddatum": iso_datetime(r.einddatum),
        "omschrijvingVoorwaarden": r.omschrijving_voorwaarden,
    }
