"""What every Zaken write leaves behind, in the same transaction as the change: an audit trail row on the zaak
and a notification on the ``zaken`` kanaal (kenmerken bronorganisatie, zaaktype, vertrouwelijkheidaanduiding).

Services call :func:`zaak_changed` once per changed resource; the notification is delivered from the outbox after
the commit (issue 5 adds the delivery), so a rolled-back write leaves neither.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core.jobs.models import Job
from zaakwerk.core.jobs.outbox import notificatie_job
from zaakwerk.core.jobs.queue import wake_after_commit
from zaakwerk.core.zgw.audittrail import AuditTrail, audit_values
from zaakwerk.zaken._context import ZAKEN, Ctx
from zaakwerk.zaken.models import Zaak

KANAAL = "zaken"

# The resource names of the Zaken kanaal, per collection.
RESOURCE = {
    "zaken": "zaak",
    "statussen": "status",
    "resultaten": "resultaat",
    "rollen": "rol",
    "zaakeigenschappen": "zaakeigenschap",
    "zaakobjecten": "zaakobject",
    "zaakinformatieobjecten": "zaakinformatieobject",
    "besluiten": "zaakbesluit",
    "klantcontacten": "klantcontact",
    "zaakcontactmomenten": "zaakcontactmoment",
    "zaakverzoeken": "zaakverzoek",
    "zaaknotities": "zaaknotitie",
}
_STATUS = {"create": 201, "update": 200, "partial_update": 200, "destroy": 204}


def kenmerken(ctx: Ctx, zaak: Zaak) -> dict[str, str]:
    return {
        "bronorganisatie": zaak.bronorganisatie,
        "zaaktype": ctx.catalogi_url("zaaktypen", zaak.zaaktype_id),
        "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
    }


def zaak_changed(
    session: AsyncSession,
    ctx: Ctx,
    zaak: Zaak,
    *,
    collection: str,
    resource_url: str,
    actie: str,
    oud: dict[str, Any] | None = None,
    nieuw: dict[str, Any] | None = None,
    weergave: str = "",
    toelichting: str = "",
    notify: bool = True,
) -> None:
    """Record ``actie`` (create, update, partial_update, destroy) on ``resource_url`` of ``collection`` below
    ``zaak`` in its audit trail and, unless ``notify`` is off, queue the notification."""
    audit, job = zaak_changed_rows(
        ctx, zaak, collection=collection, resource_url=resource_url, actie=actie, oud=oud, nieuw=nieuw,
        weergave=weergave, toelichting=toelichting, notify=notify,
    )  # fmt: skip
    session.add(AuditTrail(**audit))
    if job is not None:
        session.add(Job(**job))
        wake_after_commit(session)


def zaak_changed_rows(
    ctx: Ctx,
    zaak: Zaak,
    *,
    collection: str,
    resource_url: str,
    actie: str,
    oud: dict[str, Any] | None = None,
    nieuw: dict[str, Any] | None = None,
    weergave: str = "",
    toelichting: str = "",
    notify: bool = True,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """What :func:`zaak_changed` adds, as column values of the audit trail row and the outbox job (``None``
    without notification), for a write that inserts its rows in one statement; that write must call
    :func:`wake_after_commit` when there is a job."""
    hoofd_object = ctx.url(ZAKEN, zaak.id)
    resource = RESOURCE[collection]
    principal = ctx.principal
    audit = audit_values(
        bron="zrc",
        actie=actie,
        resultaat=_STATUS.get(actie, 200),
        hoofd_object=hoofd_object,
        hoofd_object_uuid=zaak.id,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=weergave or zaak.identificatie,
        oud=oud,
        nieuw=nieuw,
        applicatie_id=str(principal.applicatie),
        applicatie_weergave=principal.label,
        gebruikers_id=principal.user_id,
        gebruikers_weergave=principal.user_representation,
        # The caller's own explanation, else the one the client sent with the request (X-Audit-Toelichting).
        toelichting=toelichting or ctx.toelichting,
        rsin=zaak.bronorganisatie,
    )
    if not notify:
        return audit, None
    job = notificatie_job(
        kanaal=KANAAL,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken=kenmerken(ctx, zaak),
    )
    return audit, job
