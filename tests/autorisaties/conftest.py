"""Fixtures for the Autorisaties tests: API clients registered straight through the service."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from fastapi import FastAPI

from tests.helpers import auth_header
from zaakwerk.autorisaties import service
from zaakwerk.autorisaties.service import AutorisatieData
from zaakwerk.core.uow import UnitOfWork

BEHEERDER = "beheerder"
BEHEERDER_GEHEIM = "beheerder-geheim-voor-tests-0123456789"


async def register(
    app: FastAPI,
    client_id: str,
    *,
    secret: str | None = None,
    alle: bool = False,
    autorisaties: Sequence[AutorisatieData] = (),
    label: str | None = None,
) -> dict[str, str]:
    """Register an applicatie with one client id and its secret; returns the Authorization header for it."""
    secret = secret or f"{client_id}-geheim-0123456789-abcdefghijklmnop"
    async with UnitOfWork(app.state.sessionmaker) as uow:
        await service.create_applicatie(
            uow,
            label=label or f"Applicatie {client_id}",
            client_ids=[client_id],
            heeft_alle_autorisaties=alle,
            autorisaties=autorisaties,
        )
        await service.set_credentials(uow, client_id, secret)
    return auth_header(client_id, secret)


def ac(*scopes: str) -> AutorisatieData:
    return AutorisatieData(component="ac", scopes=list(scopes))


@pytest.fixture
async def beheerder(app: FastAPI) -> dict[str, str]:
    """Headers of a client with every right (heeftAlleAutorisaties)."""
    return await register(app, BEHEERDER, secret=BEHEERDER_GEHEIM, alle=True, label="Beheer")
