"""POST /zaken/_zoek: the list filters in a body plus ``uuid__in``, ``zaaktype__in`` and ``zaakgeometrie.within``
(exact: count and pages), ``fields`` (zrc-029) and ``expand``."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._lezen import CRS, SPEC, geometrie
from tests.zaken.conftest import Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.zaken._zoek import within

# An L: the square 0..10 without its upper-right quarter (x > 4 and y > 4), so its bounding box holds the notch.
L_SHAPE = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10], [0, 0]]]}


async def zoek(api: Api, body: dict[str, Any], query: str = "", crs: bool = True) -> httpx.Response:
    return await api.request("POST", f"/zaken/_zoek{query}", body, headers=CRS if crs else {})


@pytest.fixture
async def geo(app: FastAPI, catalogus: Catalogus) -> dict[str, str]:
    klacht = catalogus["VBG-KLACHT"]
    shapes = {
        "punt-binnen": {"type": "Point", "coordinates": [2, 2]},
        "punt-in-inham": {"type": "Point", "coordinates": [7, 7]},
        "punt-buiten": {"type": "Point", "coordinates": [20, 20]},
        "vlak-binnen": {"type": "Polygon", "coordinates": [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]},
        "lijn-door-inham": {"type": "LineString", "coordinates": [[2, 8], [8, 2]]},
        "punt-op-rand": {"type": "Point", "coordinates": [10, 2]},
    }
    out = {}
    for name, shape in shapes.items():
        zaak = await insert_zaak(app, klacht, identificatie=name, **geometrie(shape))
        out[name] = zaak_url(zaak)
    await insert_zaak(app, klacht, identificatie="zonder-geometrie")
    return out


async def test_within_is_exact_for_count_and_pages(api: Api, app: FastAPI, geo: dict[str, str]) -> None:
    r = await zoek(api, {"zaakgeometrie": {"within": L_SHAPE}, "ordering": "identificatie"})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert [z["identificatie"] for z in data["results"]] == ["punt-binnen", "punt-op-rand", "vlak-binnen"]
    assert data["count"] == 3
    assert r.headers["Content-Crs"] == "EPSG:4326"
    app.state.settings.page_size = 2
    page2 = (await zoek(api, {"zaakgeometrie": {"within": L_SHAPE}, "ordering": "identificatie"}, "?page=2")).json()
    assert page2["count"] == 3
    assert [z["identificatie"] for z in page2["results"]] == ["vlak-binnen"]
    assert page2["previous"] is not None and page2["next"] is None


async def test_within_a_multipolygon(api: Api, geo: dict[str, str]) -> None:
    area = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[6, 6], [8, 6], [8, 8], [6, 8], [6, 6]]],
            [[[19, 19], [21, 19], [21, 21], [19, 21], [19, 19]]],
        ],
    }
    data = (await zoek(api, {"zaakgeometrie": {"within": area}})).json()
    assert sorted(z["identificatie"] for z in data["results"]) == ["punt-buiten", "punt-in-inham"]


async def test_geometry_needs_content_crs(api: Api, geo: dict[str, str]) -> None:
    r = await zoek(api, {"zaakgeometrie": {"within": L_SHAPE}}, crs=False)
    assert r.status_code == 412
    r = await api.request(
        "POST", "/zaken/_zoek", {"zaakgeometrie": {"within": L_SHAPE}}, headers={**CRS, "Content-Crs": "EPSG:28992"}
    )
    assert r.status_code == 415


@pytest.mark.parametrize(
    "within",
    [
        {"type": "Point", "coordinates": [1, 1]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, "a"], [1, 1], [0, 0]]]},
        "POLYGON((0 0, 1 0, 1 1, 0 0))",
    ],
)
async def test_invalid_area_is_400(api: Api, geo: dict[str, str], within: Any) -> None:
    r = await zoek(api, {"zaakgeometrie": {"within": within}})
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "zaakgeometrie"


async def test_uuid_in_zaaktype_in_and_list_filters(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht, bezwaar, melding = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"], catalogus["VBG-MOR"]
    a = await insert_zaak(app, klacht, identificatie="A")
    b = await insert_zaak(app, bezwaar, identificatie="B")
    c = await insert_zaak(app, melding, identificatie="C", archiefnominatie="vernietigen")
    body = {"uuid__in": [str(a.id), str(b.id), str(c.id)], "zaaktype__in": [klacht.url, melding.url]}
    data = (await zoek(api, body)).json()
    assert sorted(z["identificatie"] for z in data["results"]) == ["A", "C"]
    body["archiefnominatie__in"] = ["vernietigen"]
    assert [z["identificatie"] for z in (await zoek(api, body)).json()["results"]] == ["C"]
    assert (await zoek(api, {"uuid__in": []})).json()["count"] == 3  # an empty list is no filter


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"uuid__in": ["geen-uuid"]}, "uuid__in"),
        ({"zaaktype__in": ["geen-url"]}, "zaaktype__in"),
        ({"startdatum__gt": "2026-02-30"}, "startdatum__gt"),
        ({"archiefactiedatum__isnull": "soms"}, "archiefactiedatum__isnull"),
        ({"bronorganisatie__in": "812345678"}, None),  # a string is accepted as a comma separated list
        ({"ordering": "-omschrijving"}, "ordering"),
        ({"onbekend": 1}, "onbekend"),
        ({"fields": ["url", "bestaatniet"]}, "fields"),
        ({"fields": [{"omschrijving": ["x"]}]}, "fields"),
        ({"fields": ["url"], "expand": "zaaktype"}, "fields"),
    ],
)
async def test_invalid_body_is_400_naming_the_field(
    api: Api, app: FastAPI, catalogus: Catalogus, body: dict[str, Any], name: str | None
) -> None:
    r = await zoek(api, body)
    if name is None:
        assert r.status_code == 200, r.text
        return
    assert r.status_code == 400, r.text
    assert r.json()["invalidParams"][0]["name"] == name


async def test_body_must_be_an_object(api: Api) -> None:
    r = await api.request("POST", "/zaken/_zoek", [1], headers=CRS)
    assert r.status_code == 400


async def test_zrc_029_fields_selects_and_expands(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    processobject = {"datumkenmerk": "d", "identificatie": "po-1", "objecttype": "o", "registratie": "r"}
    zaak = await insert_zaak(app, klacht, identificatie="F", processobject=processobject)
    fields = ["url", "identificatie", {"zaaktype": ["identificatie", {"catalogus": ["domein"]}]}]
    fields.append({"processobject": ["identificatie"]})
    r = await zoek(api, {"fields": fields})
    assert r.status_code == 200, r.text
    (result,) = r.json()["results"]
    assert result == {
        "url": zaak_url(zaak),
        "identificatie": "F",
        "processobject": {"identificatie": "po-1"},
        "_expand": {"zaaktype": {"identificatie": "VBG-KLACHT", "_expand": {"catalogus": {"domein": "VBG"}}}},
    }
    star = (await zoek(api, {"fields": ["identificatie", {"zaaktype": ["*"]}]})).json()["results"][0]
    assert star["_expand"]["zaaktype"]["url"] == klacht.url
    assert "omschrijving" in star["_expand"]["zaaktype"]
    assert set(star) == {"identificatie", "_expand"}


async def test_expand_in_body_or_query(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    hoofd = await insert_zaak(app, klacht, identificatie="H")
    await insert_zaak(app, klacht, identificatie="D", hoofdzaak_id=hoofd.id)
    for r in (
        await zoek(api, {"identificatie": "H", "expand": "deelzaken"}),
        await zoek(api, {"identificatie": "H"}, "?expand=deelzaken"),
    ):
        assert r.status_code == 200, r.text
        assert [d["identificatie"] for d in r.json()["results"][0]["_expand"]["deelzaken"]] == ["D"]


async def test_zoek_shows_only_readable_zaken(
    app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus, geo: dict[str, str]
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    geheim = await insert_zaak(
        app, klacht, vertrouwelijkheidaanduiding="geheim", **geometrie({"type": "Point", "coordinates": [1, 1]})
    )
    lezer = await client_with(
        app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="intern")]
    )
    data = (await zoek(lezer, {"zaakgeometrie": {"within": L_SHAPE}})).json()
    assert data["count"] == 3
    assert zaak_url(geheim) not in [z["url"] for z in data["results"]]
    nobody = await client_with(app, client, "zrc-niemand", [zrc_rechten("zaken.aanmaken", zaaktype=klacht.url)])
    assert (await zoek(nobody, {})).status_code == 403


# A 10x10 square with a 2x2 hole in the middle.
WITH_HOLE = [
    [
        [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)],
        [(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0)],
    ]
]


@pytest.mark.parametrize(
    ("geometry", "inside"),
    [
        ({"type": "Point", "coordinates": [1, 1]}, True),
        ({"type": "Point", "coordinates": [5, 5]}, False),  # in the hole
        ({"type": "Point", "coordinates": [4, 5]}, True),  # on the hole's edge: the boundary counts as inside
        ({"type": "LineString", "coordinates": [[1, 5], [9, 5]]}, False),  # crosses the hole
        ({"type": "LineString", "coordinates": [[1, 1], [9, 1]]}, True),
        ({"type": "Polygon", "coordinates": [[[3, 3], [7, 3], [7, 7], [3, 7], [3, 3]]]}, False),  # surrounds the hole
        ({"type": "MultiPoint", "coordinates": [[1, 1], [11, 1]]}, False),
        ({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 1]}]}, True),
        ({"type": "Onbekend", "coordinates": [1, 1]}, False),
    ],
)
def test_within_respects_holes_and_crossings(geometry: dict[str, Any], inside: bool) -> None:
    assert within(geometry, WITH_HOLE) is inside
