"""GeoJSON geometry of a zaak (RFC 7946, EPSG:4326): shape check and bounding box.

Geometry is stored as sent; ``/zaken/_zoek`` filters on its bounding box columns, so the box is computed once at
write time. No GIS extension is needed on either database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection")


class GeometrieFout(ValueError):
    pass


def _position(value: Any) -> tuple[float, float]:
    if (
        not isinstance(value, list)
        or not 2 <= len(value) <= 3
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in value)
    ):
        raise GeometrieFout("Een positie is een lijst van 2 of 3 getallen (lengtegraad, breedtegraad).")
    x, y = float(value[0]), float(value[1])
    if not (-180.0 <= x <= 180.0 and -90.0 <= y <= 90.0):
        raise GeometrieFout("Coördinaten vallen buiten EPSG:4326 (lengtegraad -180..180, breedtegraad -90..90).")
    return x, y


def _positions(value: Any, minimum: int = 1) -> list[tuple[float, float]]:
    if not isinstance(value, list) or len(value) < minimum:
        raise GeometrieFout(f"Verwacht een lijst van minstens {minimum} posities.")
    return [_position(p) for p in value]


def _ring(value: Any) -> list[tuple[float, float]]:
    ring = _positions(value, 4)
    if ring[0] != ring[-1]:
        raise GeometrieFout("Een ring van een vlak moet gesloten zijn (eerste positie gelijk aan de laatste).")
    return ring


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise GeometrieFout("Verwacht een niet-lege lijst.")
    return value


def positions(geometry: Any) -> Iterator[tuple[float, float]]:
    """Every position of ``geometry`` after checking its shape; :class:`GeometrieFout` when it is not GeoJSON."""
    if not isinstance(geometry, dict):
        raise GeometrieFout("De geometrie moet een GeoJSON-object zijn.")
    kind = geometry.get("type")
    if kind not in TYPES:
        raise GeometrieFout(f"Onbekend geometrietype; kies uit {', '.join(TYPES)}.")
    if kind == "GeometryCollection":
        for part in _list(geometry.get("geometries")):
            yield from positions(part)
        return
    coordinates = geometry.get("coordinates")
    if kind == "Point":
        yield _position(coordinates)
    elif kind == "MultiPoint":
        yield from _positions(coordinates)
    elif kind == "LineString":
        yield from _positions(coordinates, 2)
    elif kind == "MultiLineString":
        for line in _list(coordinates):
            yield from _positions(line, 2)
    elif kind == "Polygon":
        for ring in _list(coordinates):
            yield from _ring(ring)
    else:
        for polygon in _list(coordinates):
            for ring in _list(polygon):
                yield from _ring(ring)


def check(geometry: dict[str, Any]) -> dict[str, Any]:
    """``geometry`` unchanged when it is valid GeoJSON in EPSG:4326 (raises :class:`GeometrieFout` otherwise)."""
    for _ in positions(geometry):
        pass
    return geometry


def bounding_box(geometry: dict[str, Any] | None) -> tuple[float | None, float | None, float | None, float | None]:
    """(min x, min y, max x, max y) of a valid geometry; all ``None`` without one."""
    if geometry is None:
        return None, None, None, None
    xs, ys = zip(*positions(geometry), strict=True)
    return min(xs), min(ys), max(xs), max(ys)
