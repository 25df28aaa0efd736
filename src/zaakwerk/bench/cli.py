"""``zaakwerk bench``: bulk test data for load tests (the main CLI mounts :data:`app`)."""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from zaakwerk.bench.seed import SeedOptions, SeedRefused, SeedReport, check_database_exists, default_zaken, seed
from zaakwerk.config import Settings

app = typer.Typer(name="bench", help="Testgegevens in bulk voor belastingtests.", no_args_is_help=True)
console = Console(stderr=True)

LABELS = {
    "ztc_zaaktype": "zaaktypen",
    "zrc_zaak": "zaken",
    "zrc_zaakidentificatie": "identificaties",
    "zrc_rol": "rollen",
    "zrc_status": "statussen",
    "zrc_resultaat": "resultaten",
    "zrc_zaakeigenschap": "zaakeigenschappen",
    "zrc_identificatie_teller": "identificatietellers",
}


@app.command("seed")
def seed_command(
    zaken: int | None = typer.Option(
        None, "--zaken", help="Aantal zaken (standaard 1.000.000 op PostgreSQL, 100.000 op SQLite)."
    ),
    zaaktypen: int = typer.Option(100, "--zaaktypen", help="Aantal zaaktypen, verdeeld over de organisaties."),
    organisaties: int = typer.Option(3, "--organisaties", help="Aantal bronorganisaties, elk met een catalogus."),
    personen: int = typer.Option(200_000, "--personen", help="Aantal verschillende personen (BSN's)."),
    seed_value: int | None = typer.Option(
        None, "--seed", help="Startwaarde van het toeval: zelfde waarde, zelfde gegevens."
    ),
    opnieuw: bool = typer.Option(False, "--opnieuw", help="Verwijder eerdere benchmarkgegevens en seed opnieuw."),
) -> None:
    """Vul de database met realistische zaken (met statussen, rollen, eigenschappen en resultaten) en catalogi."""
    settings = Settings()
    options = SeedOptions(
        zaken=zaken if zaken is not None else default_zaken(settings.database_url),
        zaaktypen=zaaktypen,
        organisaties=organisaties,
        personen=personen,
        seed=seed_value,
        opnieuw=opnieuw,
    )
    problems = options.problems()
    for problem in problems:
        console.print(f"[red]✗[/red] {problem}")
    if problems:
        raise typer.Exit(2)
    columns = (TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        check_database_exists(settings)
        with Progress(*columns, console=console) as bar:
            tasks: dict[str, TaskID] = {}

            def advance(table: str, rows: int, total: int) -> None:
                if table not in tasks:
                    tasks[table] = bar.add_task(LABELS.get(table, table), total=total)
                bar.update(tasks[table], advance=rows, total=total)

            report = asyncio.run(seed(settings, options, progress=advance))
    except SeedRefused as exc:
        console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(1) from None
    _print_report(report, options)


def _print_report(report: SeedReport, options: SeedOptions) -> None:
    table = Table(title="Benchmarkgegevens")
    table.add_column("soort")
    table.add_column("rijen", justify="right")
    for name, rows in report.rows.items():
        table.add_row(LABELS.get(name, name), _n(rows))
    console.print(table)
    bulk = max(report.seconds - report.catalogus_seconds, 1e-9)
    console.print(
        f"[green]✓[/green] {_n(options.zaken)} zaken over {options.zaaktypen} zaaktypen en {options.organisaties} "
        f"organisaties (RSIN {', '.join(report.organisaties)}) in {report.seconds:.1f} s: catalogi "
        f"{report.catalogus_seconds:.1f} s, daarna {_n(report.total_rows / bulk)} rijen/s "
        f"({_n(options.zaken / bulk)} zaken/s)."
    )


def _n(value: float) -> str:
    """A count the Dutch way: 1.000.000."""
    return f"{value:,.0f}".replace(",", ".")
