"""Business rules of the Autorisaties API (ac-001, ac-002, ac-003) and the one write path for applicaties,
autorisaties and client credentials.

Services take a unit of work and never commit. Every change increments the rights version in the same transaction
and, on PostgreSQL, queues a NOTIFY that the database delivers only when that transaction commits, so other
processes drop their cached rights exactly when the change becomes visible.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from zaakwerk.autorisaties._regels import CLIENT_ID_MAX, AutorisatieData, validate
from zaakwerk.autorisaties._versie import bump_version
from zaakwerk.autorisaties.models import (
    Applicatie,
    ApplicatieClientId,
    Autorisatie,
    ClientCredential,
)
from zaakwerk.core.errors import ZGWError, not_found, validation_error
from zaakwerk.core.jobs.outbox import publish
from zaakwerk.core.uow import UnitOfWork

__all__ = [
    "AutorisatieData",
    "create_applicatie",
    "delete_applicatie",
    "delete_credentials",
    "set_credentials",
    "update_applicatie",
]

KANAAL = "autorisaties"
APPLICATIES_PATH = "/autorisaties/api/v1/applicaties"


async def create_applicatie(
    uow: UnitOfWork,
    *,
    label: str,
    client_ids: Sequence[str],
    heeft_alle_autorisaties: bool = False,
    autorisaties: Sequence[AutorisatieData] = (),
    alleen_is_gereed_voor_publicatie: bool = False,
    base_url: str | None = None,
) -> uuid.UUID:
    """Register an applicatie with its client ids and autorisaties; returns its uuid.

    ``base_url`` (or ``uow.context["base_url"]``) is this installation's public URL, used for the notification on
    kanaal ``autorisaties``; without one no notification is queued.
    """
    rows = await validate(
        uow,
        current=None,
        label=label,
        client_ids=client_ids,
        heeft_alle_autorisaties=heeft_alle_autorisaties,
        autorisaties=autorisaties,
    )
    applicatie = Applicatie(
        uuid=uuid.uuid4(),
        label=label,
        heeft_alle_autorisaties=heeft_alle_autorisaties,
        alleen_is_gereed_voor_publicatie=alleen_is_gereed_voor_publicatie,
    )
    uow.session.add(applicatie)
    _add_client_ids(uow, applicatie.uuid, client_ids)
    _add_autorisaties(uow, applicatie.uuid, rows)
    await _flush(uow, client_ids)
    await bump_version(uow)
    _notify(uow, applicatie.uuid, "create", base_url)
    return applicatie.uuid


async def update_applicatie(
    uow: UnitOfWork,
    applicatie_uuid: uuid.UUID,
    *,
    label: str | None = None,
    client_ids: Sequence[str] | None = None,
    heeft_alle_autorisaties: bool | None = None,
    autorisaties: Sequence[AutorisatieData] | None = None,
    alleen_is_gereed_voor_publicatie: bool | None = None,
    base_url: str | None = None,
    actie: str = "update",
) -> None:
    """Change an applicatie; ``None`` leaves a field as it is, given ``autorisaties`` replace the existing set.

    ac-002 is checked on the result, as the reference implementation does: sending only
    ``heeftAlleAutorisaties: true`` to an applicatie with autorisaties is ambiguous.
    """
    applicatie = await uow.session.get(Applicatie, applicatie_uuid)
    if applicatie is None:
        raise not_found("Applicatie niet gevonden.")
    has_autorisaties = False
    if autorisaties is None:
        current = (
            await uow.session.scalars(
                select(Autorisatie.uuid).where(Autorisatie.applicatie_uuid == applicatie_uuid).limit(1)
            )
        ).first()
        has_autorisaties = current is not None
    rows = await validate(
        uow,
        current=applicatie_uuid,
        label=applicatie.label if label is None else label,
        client_ids=client_ids,
        heeft_alle_autorisaties=(
            applicatie.heeft_alle_autorisaties if heeft_alle_autorisaties is None else heeft_alle_autorisaties
        ),
        autorisaties=autorisaties,
        keeps_autorisaties=has_autorisaties if autorisaties is None else None,
    )
    if label is not None:
        applicatie.label = label
    if heeft_alle_autorisaties is not None:
        applicatie.heeft_alle_autorisaties = heeft_alle_autorisaties
    if alleen_is_gereed_voor_publicatie is not None:
        applicatie.alleen_is_gereed_voor_publicatie = alleen_is_gereed_voor_publicatie
    if client_ids is not None:
        await uow.session.execute(
            delete(ApplicatieClientId).where(ApplicatieClientId.applicatie_uuid == applicatie_uuid)
        )
        _add_client_ids(uow, applicatie_uuid, client_ids)
    if autorisaties is not None:
        await uow.session.execute(delete(Autorisatie).where(Autorisatie.applicatie_uuid == applicatie_uuid))
        _add_autorisaties(uow, applicatie_uuid, rows)
    await _flush(uow, client_ids or ())
    await bump_version(uow)
    _notify(uow, applicatie_uuid, actie, base_url)


async def delete_applicatie(uow: UnitOfWork, applicatie_uuid: uuid.UUID, *, base_url: str | None = None) -> None:
    """Remove an applicatie with its client ids and autorisaties (credentials stay, see the models module)."""
    session = uow.session
    found = await session.scalar(select(Applicatie.uuid).where(Applicatie.uuid == applicatie_uuid))
    if found is None:
        raise not_found("Applicatie niet gevonden.")
    await session.execute(delete(Autorisatie).where(Autorisatie.applicatie_uuid == applicatie_uuid))
    await session.execute(delete(ApplicatieClientId).where(ApplicatieClientId.applicatie_uuid == applicatie_uuid))
    await session.execute(delete(Applicatie).where(Applicatie.uuid == applicatie_uuid))
    await bump_version(uow)
    _notify(uow, applicatie_uuid, "destroy", base_url)


async def set_credentials(uow: UnitOfWork, client_id: str, secret: str | None = None) -> str:
    """Store the HS256 secret of ``client_id`` (a new random one when none is given) and return it.

    Replacing a secret invalidates every token signed with the old one in all processes at once.
    """
    if not client_id or len(client_id) > CLIENT_ID_MAX:
        raise ZGWError(400, "invalid", "Invalid input.", f"Een client id heeft 1 tot {CLIENT_ID_MAX} tekens.")
    if secret is not None and not secret:
        raise ZGWError(400, "invalid", "Invalid input.", "Een geheim mag niet leeg zijn.")
    value = secret or secrets.token_urlsafe(32)
    credential = await uow.session.get(ClientCredential, client_id)
    if credential is None:
        uow.session.add(ClientCredential(client_id=client_id, secret=value))
    else:
        credential.secret = value
    await uow.session.flush()
    await bump_version(uow)
    return value


async def delete_credentials(uow: UnitOfWork, client_id: str) -> bool:
    """Withdraw the secret of ``client_id``; returns whether there was one."""
    result = await uow.session.execute(delete(ClientCredential).where(ClientCredential.client_id == client_id))
    await bump_version(uow)
    return bool(getattr(result, "rowcount", 0))


def _notify(uow: UnitOfWork, applicatie_uuid: uuid.UUID, actie: str, base_url: str | None) -> None:
    base = base_url or uow.context.get("base_url")
    if not base:
        return
    url = f"{str(base).rstrip('/')}{APPLICATIES_PATH}/{applicatie_uuid}"
    publish(
        uow.session,
        kanaal=KANAAL,
        hoofd_object=url,
        resource="applicatie",
        resource_url=url,
        actie=actie,
        kenmerken={},
    )


def _add_client_ids(uow: UnitOfWork, applicatie_uuid: uuid.UUID, client_ids: Sequence[str]) -> None:
    uow.session.add_all(
        ApplicatieClientId(client_id=client_id, applicatie_uuid=applicatie_uuid, volgnummer=i)
        for i, client_id in enumerate(client_ids)
    )


def _add_autorisaties(uow: UnitOfWork, applicatie_uuid: uuid.UUID, rows: Sequence[AutorisatieData]) -> None:
    uow.session.add_all(
        Autorisatie(
            uuid=uuid.uuid4(),
            applicatie_uuid=applicatie_uuid,
            volgnummer=i,
            component=row.component,
            scopes=list(row.scopes),
            zaaktype=row.zaaktype,
            informatieobjecttype=row.informatieobjecttype,
            besluittype=row.besluittype,
            max_vertrouwelijkheidaanduiding=row.max_vertrouwelijkheidaanduiding,
        )
        for i, row in enumerate(rows)
    )


async def _flush(uow: UnitOfWork, client_ids: Sequence[str]) -> None:
    """Flush, turning a lost race on a client id (another transaction took it meanwhile) into ac-001's error."""
    try:
        await uow.session.flush()
    except IntegrityError:
        ids = ", ".join(client_ids)
        raise validation_error("clientIds", "clientId-exists", f"De client id(s) {ids} zijn al in gebruik.") from None
