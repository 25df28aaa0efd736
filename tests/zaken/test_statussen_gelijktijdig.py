"""Concurrent status changes on one zaak are judged one after the other (the zaak row is locked), so the zaak
never ends half closed: its status is the latest one and its einddatum agrees with that status."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI

from tests.zaken.conftest import Api, Catalogus, insert_zaak
from tests.zaken.test_statussen import get_zaak, set_resultaat, status_body


async def test_concurrent_closing_and_later_status_leave_a_consistent_zaak(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    for _ in range(3):
        zaak = await insert_zaak(app, klacht)
        await set_resultaat(api, zaak, klacht.resultaattypen[0])
        eind, later = await asyncio.gather(
            api.post("/statussen", status_body(zaak, klacht.statustypen[-1], "2026-11-20T10:00:00Z")),
            api.post("/statussen", status_body(zaak, klacht.statustypen[1], "2026-11-21T10:00:00Z")),
        )
        assert (eind.status_code, later.status_code) == (201, 201), (eind.text, later.text)
        data = await get_zaak(api, zaak)
        # Whichever came first, the later-dated status is the zaak's status and the zaak is open.
        assert data["status"] == later.json()["url"]
        assert data["einddatum"] is None and data["archiefactiedatum"] is None
