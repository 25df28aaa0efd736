"""``zaakwerk applicatie``: register API clients from the command line (the first one cannot use the API yet)."""

from __future__ import annotations

import asyncio
import re
import secrets
import uuid
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from zaakwerk.autorisaties import service
from zaakwerk.autorisaties.models import COMPONENTEN
from zaakwerk.config import Settings
from zaakwerk.core.db import Database
from zaakwerk.core.errors import ZGWError
from zaakwerk.core.uow import UnitOfWork, make_sessionmaker

app = typer.Typer(
    name="applicatie", help="API-clients (applicaties) en hun autorisaties beheren.", no_args_is_help=True
)


@app.callback()
def _group() -> None:
    """API-clients (applicaties) en hun autorisaties beheren."""


console = Console()
err_console = Console(stderr=True)


def _parse_scope(value: str) -> tuple[str, str]:
    component, sep, scope = value.partition(":")
    component = component.strip().lower()
    if not sep or not scope.strip() or component not in COMPONENTEN:
        raise typer.BadParameter(
            f"'{value}' is geen COMPONENT:SCOPE (component een van {', '.join(COMPONENTEN)}), "
            "bijvoorbeeld ztc:catalogi.lezen."
        )
    return component, scope.strip()


def _new_client_id(label: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:30] or "applicatie"
    return f"{slug}-{secrets.token_hex(4)}"


@app.command("add")
def add(
    label: Annotated[str, typer.Option("--label", help="Leesbare naam van de applicatie.")],
    client_id: Annotated[
        str | None, typer.Option("--client-id", help="Client id (standaard: afgeleid van het label).")
    ] = None,
    secret: Annotated[str | None, typer.Option("--secret", help="Geheim (standaard: willekeurig).")] = None,
    alle_autorisaties: Annotated[
        bool, typer.Option("--alle-autorisaties", help="Geef de applicatie alle autorisaties.")
    ] = False,
    scope: Annotated[
        list[str] | None,
        typer.Option("--scope", help="COMPONENT:SCOPE, bijvoorbeeld ztc:catalogi.lezen (herhaalbaar)."),
    ] = None,
) -> None:
    """Registreer een applicatie met client id en geheim; toont het geheim eenmalig."""
    parsed = [_parse_scope(s) for s in scope or ()]
    by_component: dict[str, list[str]] = {}
    for component, name in parsed:
        by_component.setdefault(component, []).append(name)
    autorisaties = [service.AutorisatieData(component=c, scopes=s) for c, s in by_component.items()]
    chosen_id = client_id or _new_client_id(label)
    try:
        applicatie, stored = asyncio.run(_add(label, chosen_id, secret, alle_autorisaties, autorisaties))
    except ZGWError as exc:
        err_console.print("[red]Niet aangemaakt:[/red] " + escape(exc.detail or exc.title))
        for param in exc.invalid_params:
            err_console.print(f"  - {param.name}: {param.reason}", markup=False, highlight=False)
        raise typer.Exit(1) from None

    console.print(f"Applicatie '{label}' aangemaakt ({applicatie}).", markup=False, highlight=False)
    # Plain lines, never wrapped or interpreted as markup, so the values can be copied exactly.
    console.print(f"client id: {chosen_id}", markup=False, highlight=False, soft_wrap=True)
    console.print(f"secret:    {stored}", markup=False, highlight=False, soft_wrap=True)
    console.print("[yellow]Bewaar het secret nu: het wordt niet opnieuw getoond.[/yellow]")


async def _add(
    label: str,
    client_id: str,
    secret: str | None,
    alle: bool,
    autorisaties: list[service.AutorisatieData],
) -> tuple[uuid.UUID, str]:
    settings = Settings()
    db = Database(settings.database_url, pool_size=1)
    try:
        async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
            applicatie = await service.create_applicatie(
                uow,
                label=label,
                client_ids=[client_id],
                heeft_alle_autorisaties=alle,
                autorisaties=autorisaties,
                base_url=settings.base_url or f"http://{settings.host}:{settings.port}",
            )
            stored = await service.set_credentials(uow, client_id, secret)
    finally:
        await db.dispose()
    return applicatie, stored
