"""GET/HEAD /zaken/{uuid} and the plain list: the spec's schema, ETag/304, 403/404, pagination, default order."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._lezen import CRS, SPEC, add, rol, status, zaakeigenschap, zaakobject
from tests.zaken.conftest import BASE, Api, Catalogus, insert_zaak, zaak_url
from zaakwerk.zaken._read_zaken import ZAAK_FIELDS


async def test_detail_renders_every_url_list(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    hoofd = await insert_zaak(app, klacht)
    zaak = await insert_zaak(
        app,
        klacht,
        hoofdzaak_id=hoofd.id,
        relevante_andere_zaken=[{"url": zaak_url(hoofd), "aardRelatie": "vervolg"}],
    )
    initiator, obj, eig = rol(zaak, klacht), zaakobject(zaak), zaakeigenschap(zaak, klacht)
    await add(app, initiator, obj, eig)
    r = await api.get(zaak_url(zaak), headers=CRS)
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert tuple(data) == ZAAK_FIELDS
    assert data["hoofdzaak"] == zaak_url(hoofd)
    assert data["rollen"] == [f"{BASE}/rollen/{initiator.id}"]
    assert data["zaakobjecten"] == [f"{BASE}/zaakobjecten/{obj.id}"]
    assert data["eigenschappen"] == [f"{zaak_url(zaak)}/zaakeigenschappen/{eig.id}"]
    assert data["relevanteAndereZaken"] == [{"url": zaak_url(hoofd), "aardRelatie": "vervolg"}]
    assert r.headers["Content-Crs"] == "EPSG:4326"
    hoofd_data = (await api.get(zaak_url(hoofd))).json()
    assert hoofd_data["deelzaken"] == [zaak_url(zaak)]


async def test_head_has_the_etag_of_get_and_no_body(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    get = await api.get(zaak_url(zaak))
    head = await api.request("HEAD", zaak_url(zaak))
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    again = await api.get(zaak_url(zaak), headers={"If-None-Match": get.headers["ETag"]})
    assert again.status_code == 304


async def test_etag_changes_when_a_child_is_added(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    before = (await api.get(zaak_url(zaak))).headers["ETag"]
    await add(app, rol(zaak, klacht))
    r = await api.get(zaak_url(zaak), headers={"If-None-Match": before})
    assert r.status_code == 200
    assert r.headers["ETag"] != before


async def test_unknown_zaak_is_404(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    r = await api.get("/zaken/00000000-0000-4000-8000-000000000000")
    assert r.status_code == 404


async def test_detail_refuses_unknown_query_parameters_and_crs(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.get(zaak_url(zaak) + "?foo=1")
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["code"] == "unknown-parameters"
    assert (await api.get(zaak_url(zaak), headers={"Accept-Crs": "EPSG:28992"})).status_code == 406


async def test_list_validates_and_pages_in_default_order(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaken = [await insert_zaak(app, klacht, startdatum=dt.date(2026, 1, 1 + i)) for i in range(3)]
    await add(app, status(zaken[0], klacht))
    r = await api.get("/zaken", headers=CRS)
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert data["count"] == 3
    # Default order: startdatum descending (then uuid descending).
    assert [z["url"] for z in data["results"]] == [zaak_url(z) for z in reversed(zaken)]
    assert r.headers["Content-Crs"] == "EPSG:4326"


async def test_list_pages_never_overlap(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    app.state.settings.page_size = 2
    made = {zaak_url(await insert_zaak(app, klacht)) for _ in range(5)}  # same startdatum: the uuid decides
    seen: list[str] = []
    url: str | None = "/zaken"
    while url:
        data = (await api.get(url)).json()
        assert data["count"] == 5
        seen += [z["url"] for z in data["results"]]
        url = data["next"]
    assert sorted(seen) == sorted(made)
    assert (await api.get("/zaken?page=4")).status_code == 404
    assert (await api.get("/zaken?page=0")).status_code == 400


async def test_list_refuses_unknown_parameters(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    r = await api.get("/zaken?bronorganisatie_in=1")
    assert r.status_code == 400
    assert "bronorganisatie_in" in r.json()["invalidParams"][0]["reason"]
