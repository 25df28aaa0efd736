"""Load the demo municipality "Gemeente Voorbeeld": its catalogus (``data/catalogus.yaml``, imported and published
through the same catalogus import as any other file) and the demo API client with all authorisations.

Loading is idempotent: what exists already is left as it is, so a second run changes nothing. Demo mode only: the
demo client's secret is well known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select

from zaakwerk.autorisaties import service as autorisaties
from zaakwerk.autorisaties.models import ApplicatieClientId, ClientCredential
from zaakwerk.catalogi import models as catalogi_models
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogusbeheer.transport import import_catalogus, load_yaml
from zaakwerk.config import Mode, Settings
from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork, make_sessionmaker

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_LABEL = "Zaakwerk demo"


@dataclass
class DemoReport:
    """What :func:`load_demo` did; empty lists mean everything was there already."""

    catalogus: str = ""
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if not self.created:
            return f"Demogemeente {self.catalogus} was al geladen; niets gewijzigd."
        return f"Demogemeente {self.catalogus} geladen: " + ", ".join(self.created) + "."


@cache
def demo_catalogus() -> dict[str, Any]:
    """The demo catalogue in the exchange format (``docs/catalogus-yaml.md``)."""
    data: dict[str, Any] = load_yaml((DATA_DIR / "catalogus.yaml").read_text(encoding="utf-8"))
    return data


@cache
def demo_organisaties() -> list[dict[str, Any]]:
    """The organisations of the demo: the municipality and its chain partner (RUD)."""
    data: dict[str, Any] = load_yaml((DATA_DIR / "organisaties.yaml").read_text(encoding="utf-8"))
    organisaties: list[dict[str, Any]] = data["organisaties"]
    return organisaties


async def load_demo(settings: Settings, *, database: Database | None = None) -> DemoReport:
    """Load the demo catalogus (published) and the demo API client in one unit of work."""
    if settings.mode is not Mode.demo:
        raise RuntimeError("De demogemeente wordt alleen in demomodus geladen (ZAAKWERK_MODE=demo).")
    db = database or Database(settings.database_url, pool_size=settings.database_pool_size)
    try:
        async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
            return await _load(uow, settings)
    finally:
        if database is None:
            await db.dispose()


async def _load(uow: UnitOfWork, settings: Settings) -> DemoReport:
    session = uow.session
    data = demo_catalogus()
    cat = data["catalogus"]
    report = DemoReport(catalogus=f"{cat['naam']} ({cat['domein']}, RSIN {cat['rsin']})")

    existing = await session.scalar(
        select(catalogi_models.Catalogus.id).where(
            catalogi_models.Catalogus.domein == cat["domein"], catalogi_models.Catalogus.rsin == str(cat["rsin"])
        )
    )
    if existing is None:
        imported = await import_catalogus(uow, Ctx.for_base_url(settings), data, publish=True)
        report.created.append(f"catalogus met {imported.created.get('zaaktypen', 0)} gepubliceerde zaaktypen")
    else:
        report.unchanged.append("catalogus")

    client_id = settings.demo_client_id
    applicatie = await session.scalar(
        select(ApplicatieClientId.applicatie_uuid).where(ApplicatieClientId.client_id == client_id)
    )
    if applicatie is None:
        await autorisaties.create_applicatie(
            uow, label=DEMO_LABEL, client_ids=[client_id], heeft_alle_autorisaties=True
        )
        report.created.append(f"API-client '{client_id}' met alle autorisaties")
    else:
        report.unchanged.append("API-client")

    credential = await session.get(ClientCredential, client_id)
    if credential is None or credential.secret != settings.demo_secret:
        await autorisaties.set_credentials(uow, client_id, settings.demo_secret)
        report.created.append("geheim van de demo-client")
    else:
        report.unchanged.append("geheim")
    return report
