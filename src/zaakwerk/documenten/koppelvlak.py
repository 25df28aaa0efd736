"""The Documenten component as the Zaken and Besluiten APIs use it, in process
(:class:`zaakwerk.zaken.koppelvlak.Documenten`), registered at start-up for the app's lifetime.

Every call works in the caller's session: the mirrored objectinformatieobject is written in the same transaction
as the leading zaakinformatieobject or besluitinformatieobject (zrc-005, brc-005), and refused together with it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.documenten._context import CATALOGI_PREFIX
from zaakwerk.documenten._service_objecten import document_id_of, latest_version, mirror, unmirror
from zaakwerk.zaken import koppelvlak


class Documenten:
    async def informatieobject(self, session: AsyncSession, url: str) -> koppelvlak.InformatieObject | None:
        document_id = document_id_of(url)
        versie = await latest_version(session, document_id) if document_id is not None else None
        if versie is None:
            return None
        # On the host the caller named the document by, so its own host check of the type applies (zrc-017).
        parts = urlsplit(url)
        iot = f"{parts.scheme}://{parts.netloc}{CATALOGI_PREFIX}/informatieobjecttypen/{versie.informatieobjecttype_id}"
        return koppelvlak.InformatieObject(
            url=url, informatieobjecttype=iot, indicatie_gebruiksrecht=versie.indicatie_gebruiksrecht
        )

    async def zaak_gekoppeld(self, session: AsyncSession, informatieobject: str, zaak: str) -> None:
        await mirror(session, informatieobject, zaak, "zaak")

    async def zaak_ontkoppeld(self, session: AsyncSession, informatieobject: str, zaak: str) -> None:
        await unmirror(session, informatieobject, zaak)

    async def besluit_gekoppeld(self, session: AsyncSession, informatieobject: str, besluit: str) -> None:
        await mirror(session, informatieobject, besluit, "besluit")

    async def besluit_ontkoppeld(self, session: AsyncSession, informatieobject: str, besluit: str) -> None:
        await unmirror(session, informatieobject, besluit)


_ours = Documenten()


async def registreer(app: FastAPI) -> None:
    koppelvlak.registreer_documenten(_ours)


async def afmelden(app: FastAPI) -> None:
    # Only our own: a test may have put another implementation in place meanwhile.
    if koppelvlak.documenten() is _ours:
        koppelvlak.registreer_documenten(None)
