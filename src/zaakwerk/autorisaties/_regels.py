"""The rules an applicatie must satisfy (ac-001, ac-002, ac-003 and the form of its fields), all checked before
anything is written and reported together, as the API reports them: ``invalidParams`` with camelCase names.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from zaakwerk.autorisaties.models import (
    COMPONENTEN,
    MET_VERTROUWELIJKHEID,
    TYPE_VELD,
    VERTROUWELIJKHEID_ORDER,
    ApplicatieClientId,
)
from zaakwerk.core.errors import Invalid
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.urls import parse_url

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


async def validate(
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
