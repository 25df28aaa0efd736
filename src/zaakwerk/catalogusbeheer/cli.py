"""``zaakwerk catalogus export|import``: a catalogus as one readable YAML file (``docs/catalogus-yaml.md``).

The main CLI mounts :data:`app`. Messages go to stderr, so ``export`` without ``--uitvoer`` writes clean YAML to
stdout.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import typer
import yaml
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import select

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogusbeheer.transport import (
    ImportFailed,
    ImportReport,
    dump_yaml,
    export_catalogus,
    import_catalogus,
    load_yaml,
)
from zaakwerk.config import Settings
from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork, make_sessionmaker

app = typer.Typer(
    name="catalogus",
    help="Catalogi exporteren en importeren als leesbaar YAML-bestand (docs/catalogus-yaml.md).",
    no_args_is_help=True,
)
err = Console(stderr=True)

_SOORTEN = (
    "informatieobjecttypen",
    "besluittypen",
    "zaaktypen",
    "statustypen",
    "roltypen",
    "resultaattypen",
    "eigenschappen",
    "zaakobjecttypen",
    "zaaktype-informatieobjecttypen",
)


def _settings() -> Settings:
    return Settings()


async def _find_catalogus(uow: UnitOfWork, catalogus: str | None, domein: str | None, rsin: str | None) -> uuid.UUID:
    query = select(m.Catalogus.id, m.Catalogus.domein, m.Catalogus.rsin)
    if catalogus:
        try:
            query = query.where(m.Catalogus.id == uuid.UUID(catalogus))
        except ValueError:
            raise typer.BadParameter("geen geldige uuid", param_hint="--catalogus") from None
    if domein:
        query = query.where(m.Catalogus.domein == domein)
    if rsin:
        query = query.where(m.Catalogus.rsin == rsin)
    rows = (await uow.session.execute(query.order_by(m.Catalogus.domein, m.Catalogus.rsin))).all()
    if len(rows) == 1:
        found: uuid.UUID = rows[0][0]
        return found
    if not rows:
        err.print("[red]✗[/red] Geen catalogus gevonden.")
    else:
        err.print("[red]✗[/red] Meer dan één catalogus; kies met --domein/--rsin of --catalogus:")
        for row in rows:
            err.print(f"  {row[1]}  RSIN {row[2]}  ({row[0]})")
    raise typer.Exit(1)


@app.command("export")
def export_command(
    uitvoer: Path | None = typer.Option(None, "--uitvoer", "-o", help="Bestand; zonder: naar stdout."),
    domein: str | None = typer.Option(None, "--domein", help="Domein van de catalogus (bijv. VBG)."),
    rsin: str | None = typer.Option(None, "--rsin", help="RSIN van de catalogus."),
    catalogus: str | None = typer.Option(None, "--catalogus", help="UUID van de catalogus."),
) -> None:
    """Schrijf een catalogus met al zijn typen (alle versies) als YAML."""
    settings = _settings()

    async def run() -> str:
        db = Database(settings.database_url, pool_size=settings.database_pool_size)
        try:
            async with UnitOfWork(make_sessionmaker(db.reader)) as uow:
                found = await _find_catalogus(uow, catalogus, domein, rsin)
                return dump_yaml(await export_catalogus(uow, Ctx.for_base_url(settings), found))
        finally:
            await db.dispose()

    text = asyncio.run(run())
    if uitvoer is None:
        typer.echo(text, nl=False)
        return
    uitvoer.write_text(text, encoding="utf-8")
    err.print(f"[green]✓[/green] Catalogus geschreven naar {uitvoer}")


@app.command("import")
def import_command(
    bestand: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True, help="Het YAML-bestand."),
    publiceren: bool = typer.Option(
        False, "--publiceren", help="Publiceer de typen na het aanmaken (behalve die met 'concept: true')."
    ),
) -> None:
    """Lees een catalogus uit een YAML-bestand: eerst wordt alles gecontroleerd, bij één fout wordt niets opgeslagen."""
    settings = _settings()
    try:
        data = load_yaml(bestand.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        err.print(f"[red]✗[/red] {bestand} is geen geldig YAML: {exc}")
        raise typer.Exit(1) from None

    async def run(progress: Progress) -> ImportReport:
        task = progress.add_task("controleren", total=None)

        def advance(what: str, done: int, total: int) -> None:
            progress.update(task, description=what, completed=done, total=total)

        db = Database(settings.database_url, pool_size=settings.database_pool_size)
        try:
            async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
                return await import_catalogus(
                    uow, Ctx.for_base_url(settings), data, publish=publiceren, progress=advance
                )
        finally:
            await db.dispose()

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, transient=True) as progress:
            report = asyncio.run(run(progress))
    except ImportFailed as exc:
        _print_problems(exc.report)
        raise typer.Exit(1) from None
    _print_report(report, publiceren)


def _print_problems(report: ImportReport) -> None:
    err.print(f"[red]✗[/red] {len(report.problems)} probleem/problemen gevonden; er is niets opgeslagen.")
    for problem in report.problems:
        err.print(f"  [bold]{problem.place or '(bestand)'}[/bold]: {problem.reason} [dim]({problem.code})[/dim]")


def _print_report(report: ImportReport, publiceren: bool) -> None:
    table = Table(title="Catalogus geïmporteerd")
    table.add_column("soort")
    table.add_column("aangemaakt", justify="right")
    if publiceren:
        table.add_column("gepubliceerd", justify="right")
    for soort in _SOORTEN:
        row = [soort, str(report.created.get(soort, 0))]
        if publiceren:
            row.append(str(report.published[soort]) if soort in report.published else "")
        table.add_row(*row)
    err.print(table)
    state = "nieuw aangemaakt" if report.catalogus_created else "bestond al; typen toegevoegd"
    err.print(f"[green]✓[/green] Catalogus {report.catalogus} ({state}).")
