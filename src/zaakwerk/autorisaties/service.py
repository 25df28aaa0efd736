"""Business rules of the Autorisaties API (ac-001, ac-002, ac-003) and the one write path for applicaties,
autorisaties and client credentials.

Services take a unit of work and never commit. Every change increments the rights version in the same transaction
and, on PostgreSQL, queues a NOTIFY that the database delivers only when that transaction commits, so other
processes drop their cached rights exactly when the change becomes visible.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import structlog
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from zaakwerk.autorisaties.models import (
    COMPONENTEN,
    MET_VERTROUWELIJKHEID,
    TYPE_VELD,
    VERTROUWELIJKHEID_ORDER,
    Applicatie,
    ApplicatieClientId,
    Autorisatie,
    ClientCredential,
    RechtenVersie,
)
from zaakwerk.core.errors import Invalid, ZGWError, not_found, validation_error
from zaakwerk.core.jobs.outbox import publish
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.urls import parse_url

log = structlog.get_logger(__name__)

CHANNEL = "zaakwerk_autorisaties"
KANAAL = "autorisaties"
APPLICATIES_PATH = "/autorisaties/api/v1/applicaties"

# ac-003: the scopes of these components that concern their main resource start with this prefix.
HOOFDRESOURCE = {"zrc": "zaken.", "drc": "documenten.", "brc": "besluiten."}
VERPLICHT = {
    "zrc": ("zaaktype", "maxVertrouwelijkheidaanduiding"),
    "drc": ("informatieobjecttype", "maxVertrouwelijkheidaanduiding"),
    "brc": ("besluittype",),
}

CLIENT_ID_MAX = 50
LABEL_MAX = 100
SCOPE_MAX = 100
URL_MAX = 1000


@dataclass(frozen=True, slots=True)
class AutorisatieData:
    """One autorisatie as given by a caller (API body, CLI, demo data)."""

    component: str
    scopes: Sequence[str]
    zaaktype: str | None = None
    informatieobjecttype: str | None = None
    besluittype: str | None = None
    max_vertrouwelijkheidaanduiding: str | None = None


# Callbacks run after a committed change in this process, with the new rights version (the authenticator drops its
# caches at once instead of waiting for its own NOTIFY or version check).
_change_listeners: list[Callable[[int], Awaitable[None]]] = []


def on_change(callback: Callable[[int], Awaitable[None]]) -> Callable[[], None]:
    """Register ``callback`` for committed rights changes in this process; returns the function that removes it."""
    _change_listeners.append(callback)

    def remove() -> None:
        if callback in _change_listeners:
            _change_listeners.remove(callback)

    return remove


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
    rows = await _validate(
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
    rows = await _validate(
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


async def bump_version(uow: UnitOfWork) -> int:
    """Increment the rights version in this transaction and announce it (PostgreSQL: NOTIFY, sent at commit)."""
    session = uow.session
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        insert(RechtenVersie)
        .values(id=1, versie=1)
        .on_conflict_do_update(index_elements=[RechtenVersie.id], set_={"versie": RechtenVersie.versie + 1})
        .returning(RechtenVersie.versie)
    )
    versie = int((await session.execute(stmt)).scalar_one())
    if dialect == "postgresql":
        await session.execute(select(func.pg_notify(CHANNEL, str(versie))))
    first = "ac_versie" not in uow.context
    uow.context["ac_versie"] = versie
    if first:

        async def announce() -> None:
            for callback in list(_change_listeners):
                try:
                    await callback(int(uow.context["ac_versie"]))
                except Exception:
                    # The change is committed; a failing cache callback must not turn it into an error response.
                    log.exception("autorisaties: afhandeling van wijziging mislukt")

        uow.after_commit(announce)
    return versie


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


async def _validate(
    uow: UnitOfWork,
    *,
    current: uuid.UUID | None,
    label: str,
    client_ids: Sequence[str] | None,
    heeft_alle_autorisaties: bool,
    autorisaties: Sequence[AutorisatieData] | None,
    keeps_autorisaties: bool | None = None,
) -> list[AutorisatieData]:
    """Check every rule and collect all violations; returns the autorisaties as they will be stored."""
    invalid = Invalid()
    if not label or len(label) > LABEL_MAX:
        invalid.add("label", "invalid", f"Het label heeft 1 tot {LABEL_MAX} tekens.")
    if client_ids is not None:
        await _check_client_ids(uow, invalid, current, client_ids)

    # ac-002: either all rights or a list of autorisaties, never both and never neither.
    has_autorisaties = bool(autorisaties) if autorisaties is not None else bool(keeps_autorisaties)
    if heeft_alle_autorisaties and has_autorisaties:
        invalid.add(
            "nonFieldErrors",
            "ambiguous-authorizations-specified",
            "Geef óf heeftAlleAutorisaties óf autorisaties op, niet allebei.",
        )
    elif not heeft_alle_autorisaties and not has_autorisaties:
        invalid.add(
            "nonFieldErrors",
            "missing-authorizations",
            "Geef heeftAlleAutorisaties of ten minste één autorisatie op.",
        )

    rows = [_normalise(invalid, i, a) for i, a in enumerate(autorisaties or ())]
    invalid.raise_if_any()
    return rows


async def _check_client_ids(
    uow: UnitOfWork, invalid: Invalid, current: uuid.UUID | None, client_ids: Sequence[str]
) -> None:
    seen: set[str] = set()
    for i, client_id in enumerate(client_ids):
        if not client_id or len(client_id) > CLIENT_ID_MAX:
            invalid.add(f"clientIds.{i}", "invalid", f"Een client id heeft 1 tot {CLIENT_ID_MAX} tekens.")
        elif client_id in seen:
            invalid.add("clientIds", "unique", f"Client id '{client_id}' komt meer dan eens voor.")
        seen.add(client_id)
    if not seen:
        return
    # ac-001: a client id identifies exactly one applicatie.
    query = select(ApplicatieClientId.client_id, ApplicatieClientId.applicatie_uuid).where(
        ApplicatieClientId.client_id.in_(sorted(seen))
    )
    if current is not None:
        query = query.where(ApplicatieClientId.applicatie_uuid != current)
    taken = (await uow.session.execute(query)).all()
    if taken:
        ids = ", ".join(sorted(row.client_id for row in taken))
        apps = ", ".join(sorted({str(row.applicatie_uuid) for row in taken}))
        invalid.add(
            "clientIds", "clientId-exists", f"De client id(s) {ids} zijn al in gebruik bij applicatie(s) {apps}."
        )


def _normalise(invalid: Invalid, index: int, data: AutorisatieData) -> AutorisatieData:
    """Validate one autorisatie and keep only the fields its component has (as the polymorphic schema does)."""
    prefix = f"autorisaties.{index}"
    component = data.component
    if component not in COMPONENTEN:
        invalid.add(f"{prefix}.component", "invalid_choice", f"'{component}' is geen geldige component.")
        return data
    scopes: list[str] = []
    for j, scope in enumerate(data.scopes):
        if not scope or len(scope) > SCOPE_MAX:
            invalid.add(f"{prefix}.scopes.{j}", "invalid", f"Een scope heeft 1 tot {SCOPE_MAX} tekens.")
        elif scope not in scopes:
            scopes.append(scope)

    type_field = TYPE_VELD.get(component)
    type_url = getattr(data, type_field) if type_field else None
    if type_url == "":
        type_url = None
    if type_field and type_url is not None and not _is_url(type_url):
        invalid.add(f"{prefix}.{type_field}", "bad-url", "Voer een geldige URL in (http of https).")

    max_v = data.max_vertrouwelijkheidaanduiding if component in MET_VERTROUWELIJKHEID else None
    if max_v == "":
        max_v = None
    if max_v is not None and max_v not in VERTROUWELIJKHEID_ORDER:
        invalid.add(f"{prefix}.maxVertrouwelijkheidaanduiding", "invalid_choice", f"'{max_v}' is geen geldige keuze.")

    # ac-003: scopes about the component's main resource need the type (and the maximum vertrouwelijkheid).
    main = HOOFDRESOURCE.get(component)
    if main and any(scope.startswith(main) for scope in scopes):
        present = {type_field: type_url, "maxVertrouwelijkheidaanduiding": max_v}
        for field in VERPLICHT[component]:
            if present.get(field) is None:
                invalid.add(
                    f"{prefix}.{field}",
                    "required",
                    f"Dit veld is vereist als component '{component}' is en de scopes over {main.rstrip('.')} gaan.",
                )

    return AutorisatieData(
        component=component,
        scopes=scopes,
        zaaktype=type_url if type_field == "zaaktype" else None,
        informatieobjecttype=type_url if type_field == "informatieobjecttype" else None,
        besluittype=type_url if type_field == "besluittype" else None,
        max_vertrouwelijkheidaanduiding=max_v,
    )


def _is_url(value: str) -> bool:
    return len(value) <= URL_MAX and parse_url(value) is not None and " " not in value


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
