"""``POST /zaken/_zoek``: the ``ZaakZoek`` body (the list filters plus ``uuid__in``, ``zaaktype__in``,
``zaakgeometrie``), the exact geometric test and the ``fields`` projection (zrc-029).

Geometry: the zaak's bounding box (``geometrie_min_x`` … on the zaak row, written with the geometry) must lie inside
the searched area's bounding box — an indexed SQL prefilter — and every candidate is then tested exactly here
(``within``, the boundary counting as inside). The exact test runs over ALL candidates before paging, so ``count``
and the pages are exact; the cost grows with the number of zaken inside the bounding box, not with the table.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_
from starlette.requests import Request

from zaakwerk.core.errors import Invalid
from zaakwerk.zaken import models as m
from zaakwerk.zaken._filters_zaken import FILTERS, Values, zaak_filters, zaaktype_condition

Z = m.Zaak
Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # outer ring first, then holes

ZOEK_FIELDS = FILTERS | {"uuid__in", "zaaktype__in", "zaakgeometrie", "fields", "expand", "ordering"}


# --- geometry -------------------------------------------------------------------------------------------------


def _point(value: Any) -> Point:
    if (
        not isinstance(value, list)
        or len(value) < 2
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in value[:2])
    ):
        raise ValueError("coördinaat")
    return float(value[0]), float(value[1])


def _ring(value: Any) -> Ring:
    if not isinstance(value, list) or len(value) < 4:
        raise ValueError("ring")
    return [_point(p) for p in value]


def area_polygons(geometry: Any) -> list[Polygon]:
    """The searched area: a GeoJSON Polygon or MultiPolygon (``ValueError`` otherwise)."""
    if not isinstance(geometry, dict):
        raise ValueError("geometrie")
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon" and isinstance(coords, list) and coords:
        return [[_ring(r) for r in coords]]
    if kind == "MultiPolygon" and isinstance(coords, list) and coords:
        return [[_ring(r) for r in poly] for poly in coords if isinstance(poly, list) and poly]
    raise ValueError("geometrie")


def _parts(geometry: Any) -> tuple[list[Point], list[tuple[Point, Point]], list[Polygon]]:
    """(vertices, segments, polygons) of any GeoJSON geometry, for the within test."""
    points: list[Point] = []
    segments: list[tuple[Point, Point]] = []
    polygons: list[Polygon] = []

    def line(coords: Any) -> None:
        pts = [_point(p) for p in coords]
        points.extend(pts)
        segments.extend(itertools.pairwise(pts))

    def walk(g: Any) -> None:
        kind, coords = g.get("type"), g.get("coordinates")
        if kind == "Point":
            points.append(_point(coords))
        elif kind == "MultiPoint":
            points.extend(_point(p) for p in coords)
        elif kind == "LineString":
            line(coords)
        elif kind == "MultiLineString":
            for c in coords:
                line(c)
        elif kind == "Polygon":
            polygons.append([_ring(r) for r in coords])
            for r in coords:
                line(r)
        elif kind == "MultiPolygon":
            for poly in coords:
                polygons.append([_ring(r) for r in poly])
                for r in poly:
                    line(r)
        elif kind == "GeometryCollection":
            for sub in g.get("geometries", []):
                walk(sub)
        else:
            raise ValueError("geometrie")

    walk(geometry)
    return points, segments, polygons


def _on_segment(p: Point, a: Point, b: Point) -> bool:
    cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
    if abs(cross) > 1e-12:
        return False
    return min(a[0], b[0]) - 1e-12 <= p[0] <= max(a[0], b[0]) + 1e-12 and (
        min(a[1], b[1]) - 1e-12 <= p[1] <= max(a[1], b[1]) + 1e-12
    )


def _ring_position(p: Point, ring: Ring) -> int:
    """1 strictly inside, 0 on the boundary, -1 outside (ray casting)."""
    inside = False
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
        if _on_segment(p, a, b):
            return 0
        if (a[1] > p[1]) != (b[1] > p[1]):
            x = a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            if x > p[0]:
                inside = not inside
    return 1 if inside else -1


def _polygon_position(p: Point, polygon: Polygon) -> int:
    outer = _ring_position(p, polygon[0])
    if outer < 0:
        return -1
    for hole in polygon[1:]:
        pos = _ring_position(p, hole)
        if pos > 0:
            return -1
        if pos == 0:
            return 0
    return outer


def _covered(p: Point, area: list[Polygon]) -> bool:
    return any(_polygon_position(p, poly) >= 0 for poly in area)


def _orientation(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _cross_properly(a: Point, b: Point, c: Point, d: Point) -> bool:
    """The open segments ab and cd cross in one interior point (touching does not count)."""
    d1, d2 = _orientation(c, d, a), _orientation(c, d, b)
    d3, d4 = _orientation(a, b, c), _orientation(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def within(geometry: Any, area: list[Polygon]) -> bool:
    """Does ``geometry`` (GeoJSON) lie inside ``area`` (its boundary counting as inside)?

    Every vertex and every segment midpoint is covered by the area, no segment crosses an edge of the area, and no
    hole of the area lies inside a polygon of the geometry."""
    try:
        points, segments, polygons = _parts(geometry)
    except (ValueError, TypeError, AttributeError):
        return False
    if not points:
        return False
    if not all(_covered(p, area) for p in points):
        return False
    edges = [(a, b) for poly in area for ring in poly for a, b in itertools.pairwise(ring)]
    for a, b in segments:
        if not _covered(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), area):
            return False
        if any(_cross_properly(a, b, c, d) for c, d in edges):
            return False
    holes = [p for poly in area for hole in poly[1:] for p in hole]
    return not any(_polygon_position(p, own) > 0 for own in polygons for p in holes)


def bbox_condition(area: list[Polygon]) -> ColumnElement[bool]:
    """The SQL prefilter: the zaak's bounding box inside the area's bounding box (over all its polygons, so a
    geometry spread over two touching polygons of a MultiPolygon is still a candidate)."""
    xs = [p[0] for poly in area for p in poly[0]]
    ys = [p[1] for poly in area for p in poly[0]]
    return and_(
        Z.geometrie_min_x >= min(xs),
        Z.geometrie_max_x <= max(xs),
        Z.geometrie_min_y >= min(ys),
        Z.geometrie_max_y <= max(ys),
    )


# --- the body -------------------------------------------------------------------------------------------------


@dataclass
class Zoek:
    where: list[ColumnElement[bool]]
    area: list[Polygon] | None
    fields: list[Any] | None
    expand: str | None
    raw: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)  # the filters' values, bound at execution


def parse_zoek(request: Request, body: dict[str, Any], inv: Invalid) -> Zoek:
    """The ``ZaakZoek`` body → conditions (errors in ``inv``); unknown keys are refused like unknown parameters."""
    for key in sorted(set(body) - ZOEK_FIELDS):
        inv.add(key, "unknown-parameters", f"'{key}' is geen zoekveld van ZaakZoek.")
    values = Values(body, inv)
    where = zaak_filters(request, values)
    if (ids := values.items("uuid__in")) is not None:
        uuids: list[uuid.UUID] = []
        for raw in ids:
            try:
                uuids.append(uuid.UUID(raw))
            except ValueError:
                inv.add("uuid__in", "invalid", f"'{raw}' is geen geldige UUID.")
        where.append(Z.id.in_(uuids))
    if (urls := values.items("zaaktype__in")) is not None:
        condition = zaaktype_condition(request, urls, "zaaktype__in", inv)
        if condition is not None:
            where.append(condition)
    area = None
    if values.present("zaakgeometrie"):
        geo = body["zaakgeometrie"]
        try:
            if not isinstance(geo, dict) or set(geo) != {"within"}:
                raise ValueError("within")
            area = area_polygons(geo["within"])
        except (ValueError, TypeError):
            inv.add(
                "zaakgeometrie",
                "invalid",
                'Gebruik {"within": <GeoJSON Polygon of MultiPolygon>} met geldige coördinaten.',
            )
    fields = None
    if values.present("fields"):
        fields = body["fields"]
        if not isinstance(fields, list):
            inv.add("fields", "invalid", "fields moet een lijst zijn.")
            fields = None
    expand = values.text("expand")
    if fields is not None and expand is not None:
        inv.add("fields", "mutually-exclusive", "Gebruik fields óf expand, niet allebei.")
    return Zoek(where, area, fields, expand, body, values.params)


# --- fields (zrc-029) -----------------------------------------------------------------------------------------


@dataclass
class FieldSpec:
    """One level of ``fields``: the plain names (``*`` for all) and the nested specs per name."""

    names: set[str] = field(default_factory=set)
    nested: dict[str, FieldSpec] = field(default_factory=dict)

    def expand_paths(self, prefix: str = "") -> list[str]:
        paths = []
        for name, sub in self.nested.items():
            path = f"{prefix}{name}"
            paths.append(path)
            paths.extend(sub.expand_paths(path + "."))
        return paths


def parse_fields(
    raw: Sequence[Any], known: Iterable[str], expandable: frozenset[str], groups: frozenset[str], inv: Invalid
) -> FieldSpec:
    """The top level is checked against the ``Zaak`` schema: an unknown field, or a nested selection on a field that
    is neither expandable nor a group (``processobject``), is a 400."""
    known_set = set(known)
    spec = _spec(raw, inv, "fields")
    for name in spec.names - known_set - {"*"}:
        inv.add("fields", "invalid", f"'{name}' is geen veld van een zaak.")
    for name in spec.nested:
        if name not in expandable and name not in groups:
            inv.add("fields", "invalid", f"'{name}' kan niet ge-expand of geselecteerd worden.")
    return spec


def _spec(raw: Any, inv: Invalid, where: str) -> FieldSpec:
    spec = FieldSpec()
    if not isinstance(raw, list):
        inv.add("fields", "invalid", f"De velden onder '{where}' moeten een lijst zijn.")
        return spec
    for item in raw:
        if isinstance(item, str) and item:
            spec.names.add(item)
        elif isinstance(item, dict):
            for name, sub in item.items():
                spec.nested[name] = _spec(sub, inv, name)
        else:
            inv.add("fields", "invalid", f"Ongeldig element in '{where}': gebruik namen of objecten.")
    return spec


def expand_paths(spec: FieldSpec, groups: frozenset[str]) -> list[str]:
    """The expand the projection needs: every nested name except the groups of the top level."""
    top = FieldSpec(nested={k: v for k, v in spec.nested.items() if k not in groups})
    return top.expand_paths()


def project(obj: dict[str, Any], spec: FieldSpec, groups: frozenset[str] = frozenset()) -> dict[str, Any]:
    """``obj`` reduced to the fields of ``spec``; expanded objects (under ``_expand``) reduced recursively."""
    if "*" in spec.names:
        out = {k: v for k, v in obj.items() if k != "_expand"}
    else:
        out = {k: obj[k] for k in spec.names if k in obj}
    embedded = obj.get("_expand") or {}
    for name, sub in spec.nested.items():
        if name in groups:
            value = obj.get(name)
            out[name] = project(value, sub) if isinstance(value, dict) else value
            continue
        if name not in embedded:
            continue
        value = embedded[name]
        if isinstance(value, list):
            projected: Any = [project(v, sub) for v in value]
        elif isinstance(value, dict) and value:
            projected = project(value, sub)
        else:
            projected = value
        out.setdefault("_expand", {})[name] = projected
    return out
