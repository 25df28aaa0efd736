"""In-process interfaces between the Zaken API and the Documenten and Besluiten APIs.

Zaakinformatieobjecten and zaakbesluiten refer to objects the Documenten and Besluiten components own. Those
components live in this same process and database (never called over HTTP), so the Zaken services ask them through
the two protocols below. Each component registers its implementation at start-up with :func:`registreer_documenten`
/ :func:`registreer_besluiten`; until one is registered, a write that needs it is refused with a 400 naming the
field (an installation without a Documenten API cannot check zrc-003).

The implementations get the caller's session: lookups see the request's own uncommitted writes, and the mirrored
objectinformatieobject (zrc-005) is created and removed in the same transaction as the zaakinformatieobject.

The Besluiten component reaches the Documenten API through this module too (brc-003 and the brc-005 mirror), so both
components depend on one registered Documenten implementation.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True)
class InformatieObject:
    """What the Zaken API needs to know of an informatieobject."""

    url: str
    # URL of its informatieobjecttype in the Catalogi API (zrc-017 checks it against the zaaktype).
    informatieobjecttype: str
    # Its (latest) indicatieGebruiksrecht: closing a zaak needs it true or false on every document (zrc-007).
    indicatie_gebruiksrecht: bool | None = None


@dataclass(frozen=True)
class Besluit:
    """What the Zaken API needs to know of a besluit."""

    url: str
    # URL of its besluittype in the Catalogi API.
    besluittype: str
    # URL of the zaak the besluit belongs to, if any.
    zaak: str | None


@dataclass(frozen=True)
class Werkingsperiode:
    """The period a besluit has effect: zrc-021 derives the brondatum of ``ingangsdatum_besluit`` and
    ``vervaldatum_besluit`` from those of the zaak's besluiten."""

    ingangsdatum: dt.date
    vervaldatum: dt.date | None


class Documenten(Protocol):
    """The Documenten API as the Zaken API uses it."""

    async def informatieobject(self, session: AsyncSession, url: str) -> InformatieObject | None:
        """The informatieobject ``url`` names, or ``None`` when it does not exist (zrc-003)."""
        ...

    async def zaak_gekoppeld(self, session: AsyncSession, informatieobject: str, zaak: str) -> None:
        """Create the mirrored objectinformatieobject (objectType ``zaak``) in ``session`` (zrc-005)."""
        ...

    async def zaak_ontkoppeld(self, session: AsyncSession, informatieobject: str, zaak: str) -> None:
        """Remove the mirrored objectinformatieobject, if it is there (zrc-005, zrc-022 footnote)."""
        ...

    async def besluit_gekoppeld(self, session: AsyncSession, informatieobject: str, besluit: str) -> None:
        """Create the mirrored objectinformatieobject (objectType ``besluit``) in ``session`` (brc-005)."""
        ...

    async def besluit_ontkoppeld(self, session: AsyncSession, informatieobject: str, besluit: str) -> None:
        """Remove the mirrored objectinformatieobject of a besluit, if it is there (brc-005, brc-009)."""
        ...


class Besluiten(Protocol):
    """The Besluiten API as the Zaken API uses it."""

    async def besluit(self, session: AsyncSession, url: str) -> Besluit | None:
        """The besluit ``url`` names, or ``None`` when it does not exist."""
        ...

    async def werkingsperioden(self, session: AsyncSession, zaak_id: uuid.UUID) -> list[Werkingsperiode]:
        """The werkingsperiode of every besluit of the zaak (zrc-021); empty when it has none."""
        ...


@dataclass
class _Registry:
    documenten: Documenten | None = None
    besluiten: Besluiten | None = None


_registry = _Registry()


def registreer_documenten(implementation: Documenten | None) -> Documenten | None:
    """Install the Documenten implementation (``None`` removes it); returns the one it replaces."""
    previous, _registry.documenten = _registry.documenten, implementation
    return previous


def registreer_besluiten(implementation: Besluiten | None) -> Besluiten | None:
    """Install the Besluiten implementation (``None`` removes it); returns the one it replaces."""
    previous, _registry.besluiten = _registry.besluiten, implementation
    return previous


def documenten() -> Documenten | None:
    return _registry.documenten


def besluiten() -> Besluiten | None:
    return _registry.besluiten
