"""The ``zaakwerk`` command line: serve, worker, migrate, demo, check, applicatie, catalogus."""

from __future__ import annotations

import asyncio
import os
import sys

import typer
from rich.console import Console
from rich.table import Table

from zaakwerk.config import Mode, Settings

console = Console()
cli = typer.Typer(
    name="zaakwerk",
    help="Zaakwerk: zaakgericht werken voor gemeenten (ZGW API's, portaal, KCC, werkplek).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


def _settings() -> Settings:
    return Settings()


@cli.command()
def serve(
    host: str | None = typer.Option(None, help="Luisteradres (standaard ZAAKWERK_HOST)."),
    port: int | None = typer.Option(None, help="Poort (standaard ZAAKWERK_PORT)."),
    workers: int | None = typer.Option(None, help="Aantal webprocessen (standaard ZAAKWERK_WORKERS)."),
) -> None:
    """Start de webserver (API's en schermen)."""
    import uvicorn

    settings = _settings()
    problems = settings.production_problems()
    if problems:
        for p in problems:
            console.print(f"[red]✗[/red] {p}")
        raise typer.Exit(2)
    uvicorn.run(
        "zaakwerk.app:app_from_env",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers or settings.workers,
        proxy_headers=True,
        access_log=False,
        log_level=settings.log_level,
        loop="uvloop",
        http="httptools",
    )


@cli.command()
def worker() -> None:
    """Start een worker voor achtergrondtaken (o.a. notificaties bezorgen) tot hij gestopt wordt."""
    from zaakwerk.app import components
    from zaakwerk.core.db import Database
    from zaakwerk.core.jobs.worker import run_worker

    settings = _settings()
    components()  # importing the components registers their job handlers

    async def _run() -> None:
        db = Database(settings.database_url, pool_size=settings.database_pool_size)
        try:
            await run_worker(settings, db, stop_when_idle=False)
        finally:
            await db.dispose()

    console.print("Worker gestart; stoppen met Ctrl+C.")
    try:
        asyncio.run(_run())
    except KeyboardInterrupt:
        console.print("Worker gestopt.")


@cli.command()
def migrate() -> None:
    """Breng het databaseschema bij (veilig om vaker te draaien)."""
    settings = _settings()
    _migrate(settings)
    console.print("[green]✓[/green] Database is bijgewerkt.")


def _migrate(settings: Settings) -> None:
    from zaakwerk.migrations import upgrade

    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.database_url)


@cli.command()
def demo(
    no_serve: bool = typer.Option(False, "--no-serve", help="Alleen database en demodata klaarzetten."),
) -> None:
    """Start de demo: migreren, Gemeente Voorbeeld en de demo-API-client laden, dan serveren in één proces."""
    settings = _settings()
    if settings.mode is not Mode.demo:
        console.print("[red]✗[/red] `zaakwerk demo` draait alleen met ZAAKWERK_MODE=demo.")
        raise typer.Exit(2)
    _migrate(settings)
    from zaakwerk.demo.loader import load_demo

    with console.status("Demogemeente laden…"):
        report = asyncio.run(load_demo(settings))
    console.print(f"[green]✓[/green] {report}")
    base = settings.base_url or f"http://{settings.host}:{settings.port}"
    table = Table(title="Zaakwerk demo", show_header=False)
    for name, path in (
        ("Zaken API", "/zaken/api/v1/"),
        ("Documenten API", "/documenten/api/v1/"),
        ("Besluiten API", "/besluiten/api/v1/"),
        ("Catalogi API", "/catalogi/api/v1/"),
        ("Autorisaties API", "/autorisaties/api/v1/"),
        ("Referentielijsten API", "/referentielijsten/api/v1/"),
        ("OpenAPI (Catalogi)", "/catalogi/api/v1/openapi.yaml"),
    ):
        table.add_row(name, base + path)
    table.add_row("Demo client id", settings.demo_client_id)
    table.add_row("Demo secret", settings.demo_secret)
    console.print(table)
    console.print(
        f"Voorbeeld-token (geldig {settings.jwt_max_age // 60} minuten):\n"
        f"curl -H 'Authorization: Bearer {_demo_token(settings)}' {base}/catalogi/api/v1/zaaktypen",
        soft_wrap=True,
    )
    if no_serve:
        return
    serve(host=None, port=None, workers=1)


def _demo_token(settings: Settings) -> str:
    import time

    import jwt

    claims = {
        "iss": settings.demo_client_id,
        "iat": int(time.time()),
        "client_id": settings.demo_client_id,
        "user_id": "demo",
        "user_representation": "Demogebruiker",
    }
    return jwt.encode(claims, settings.demo_secret, algorithm="HS256")


@cli.command()
def check(
    config_docs: bool = typer.Option(False, "--config-docs", help="Druk de configuratiereferentie af (Markdown)."),
) -> None:
    """Toon de configuratie en of de database en externe koppelingen bereikbaar zijn."""
    settings = _settings()
    if config_docs:
        from zaakwerk.configdocs import configuration_markdown

        sys.stdout.write(configuration_markdown())
        return
    from zaakwerk.checks import run_checks

    results = asyncio.run(run_checks(settings))
    table = Table(title=f"Zaakwerk ({settings.mode.value})")
    table.add_column("controle")
    table.add_column("resultaat")
    table.add_column("toelichting")
    for name, ok, detail in results:
        table.add_row(name, "[green]in orde[/green]" if ok else "[red]fout[/red]", detail)
    console.print(table)
    if not all(ok for _, ok, _ in results):
        raise typer.Exit(1)


def _mount_subcommands() -> None:
    from zaakwerk.autorisaties.cli import app as applicatie_app
    from zaakwerk.bench.cli import app as bench_app
    from zaakwerk.catalogusbeheer.cli import app as catalogus_app
    from zaakwerk.documenten.cli import app as documenten_app

    cli.add_typer(applicatie_app, name="applicatie", help="API-clients (applicaties) beheren.")
    cli.add_typer(catalogus_app, name="catalogus", help="Catalogi exporteren en importeren (YAML).")
    cli.add_typer(bench_app, name="bench", help="Testgegevens in bulk voor belastingtests.")
    cli.add_typer(documenten_app, name="documenten", help="Opslag van documentinhoud onderhouden.")


def main() -> None:
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    _mount_subcommands()
    cli()


if __name__ == "__main__":
    main()
