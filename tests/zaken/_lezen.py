"""Builders for the read tests of zaken: child rows written straight into the database (independent of the write
endpoints built in parallel)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from fastapi import FastAPI

from tests.zaken.conftest import RSIN, ZaakType
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.zaken import models as zrc

SPEC = "zaken-api-1.7.0.yaml"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


def uuid_of(url: str) -> uuid.UUID:
    return uuid.UUID(url.rstrip("/").rsplit("/", 1)[1])


async def add(app: FastAPI, *rows: Any) -> None:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        uow.session.add_all(rows)


def rol(zaak: zrc.Zaak, zaaktype: ZaakType, generiek: str = "initiator", **over: Any) -> zrc.Rol:
    values: dict[str, Any] = {
        "rsin": RSIN,
        "zaak_id": zaak.id,
        "betrokkene_type": "natuurlijk_persoon",
        "roltype_id": uuid_of(zaaktype.roltypen[generiek]),
        "omschrijving": generiek,
        "omschrijving_generiek": generiek,
        "roltoelichting": "test",
    }
    values.update(over)
    return zrc.Rol(**values)


def status(zaak: zrc.Zaak, zaaktype: ZaakType, index: int = 0) -> zrc.Status:
    return zrc.Status(
        rsin=RSIN,
        zaak_id=zaak.id,
        statustype_id=uuid_of(zaaktype.statustypen[index]),
        datum_status_gezet=dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC),
    )


def zaakobject(zaak: zrc.Zaak) -> zrc.ZaakObject:
    return zrc.ZaakObject(rsin=RSIN, zaak_id=zaak.id, object="https://objecten.example/1", object_type="adres")


def zaakeigenschap(zaak: zrc.Zaak, zaaktype: ZaakType) -> zrc.ZaakEigenschap:
    naam, url = next(iter(zaaktype.eigenschappen.items()))
    return zrc.ZaakEigenschap(rsin=RSIN, zaak_id=zaak.id, eigenschap_id=uuid_of(url), naam=naam, waarde="x")


def geometrie(geometry: dict[str, Any]) -> dict[str, Any]:
    """The zaak columns of a geometry: the GeoJSON and its bounding box (as the write path stores them)."""
    coords: list[tuple[float, float]] = []

    def walk(value: Any) -> None:
        if isinstance(value, list) and value and isinstance(value[0], int | float):
            coords.append((float(value[0]), float(value[1])))
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(geometry["coordinates"])
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    return {
        "zaakgeometrie": geometry,
        "geometrie_min_x": min(xs),
        "geometrie_min_y": min(ys),
        "geometrie_max_x": max(xs),
        "geometrie_max_y": max(ys),
    }
