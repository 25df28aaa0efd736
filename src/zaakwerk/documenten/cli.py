"""``zaakwerk documenten``: maintenance of the document content storage."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from zaakwerk.config import Settings
from zaakwerk.core.db import Database
from zaakwerk.documenten.storage import storage_for
from zaakwerk.documenten.sweep import GRACE_SECONDS, sweep_orphans

app = typer.Typer(name="documenten", help="Opslag van documentinhoud onderhouden.", no_args_is_help=True)
console = Console()


@app.callback()
def _group() -> None:
    """Opslag van documentinhoud onderhouden."""


@app.command("opruimen")
def opruimen(
    wachttijd: Annotated[
        float, typer.Option(help="Alleen bestanden ouder dan zoveel seconden (lopende transacties gaan voor).")
    ] = GRACE_SECONDS,
) -> None:
    """Verwijder opgeslagen inhoud waar geen enkele documentversie meer naar verwijst."""
    settings = Settings()

    async def run() -> list[str]:
        db = Database(settings.database_url)
        try:
            async with db.reader.connect() as conn:
                return await sweep_orphans(storage_for(settings), conn, grace_seconds=wachttijd)
        finally:
            await db.dispose()

    removed = asyncio.run(run())
    console.print(f"{len(removed)} bestand(en) zonder documentversie verwijderd.")
