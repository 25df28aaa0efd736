"""POST /zaken: the zaak's own rules (zrc-001, 009, 010, 011, 013, 014, 015, 022), rights, deadlines, notification.

Every refused request is checked to have written nothing (the zaak count is unchanged)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import event, func, select, update

from tests.contract.openapi import validate_response
from tests.zaken.conftest import (
    HOST,
    RSIN,
    Api,
    Catalogus,
    ZaakType,
    client_with,
    insert_zaak,
    zaak_body,
    zaak_url,
    zrc_rechten,
)
from zaakwerk.catalogi import models as ztc
from zaakwerk.catalogi._cache import catalogue_changed
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.jobs.outbox import NOTIFICATIE
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.referentielijsten.service import all_items
from zaakwerk.zaken import termijnen
from zaakwerk.zaken.models import Zaak

SPEC = "zaken-api-1.7.0.yaml"
REFERENTIELIJSTEN = f"{HOST}/referentielijsten/api/v1"
CRS = {"Content-Crs": "EPSG:4326", "Accept-Crs": "EPSG:4326"}


def zb(zaaktype: ZaakType, /, **over: Any) -> dict[str, Any]:
    """A valid body with ``over`` laid over it (``zaaktype`` too)."""
    return {**zaak_body(zaaktype), **over}


async def count_zaken(app: FastAPI) -> int:
    async with app.state.db.reader.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(Zaak))).scalar_one())


async def post(api: Api, body: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
    return await api.request("POST", "/zaken", body, headers=headers or {})


def invalid(r: httpx.Response) -> dict[str, str]:
    """name → code of the invalidParams of a 400 (contract-validated)."""
    assert r.status_code == 400, r.text
    validate_response(SPEC, r)
    return {p["name"]: p["code"] for p in r.json()["invalidParams"]}


async def refused(app: FastAPI, api: Api, body: dict[str, Any], **headers: str) -> dict[str, str]:
    before = await count_zaken(app)
    r = await post(api, body, headers)
    params = invalid(r)
    assert await count_zaken(app) == before
    return params


async def set_zaaktype(app: FastAPI, zaaktype_id: Any, **values: Any) -> None:
    """A change of the catalogue: like every catalogue write it bumps the catalogi version (caches drop)."""
    async with UnitOfWork(app.state.sessionmaker) as uow:
        await uow.session.execute(update(ztc.ZaakType).where(ztc.ZaakType.id == zaaktype_id).values(**values))
        await catalogue_changed(uow)


async def test_create_returns_the_zaak_as_the_spec_shows_it(api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    r = await post(api, zb(klacht, toelichting="Over de stoep"))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert r.headers["Location"] == data["url"]
    assert data["zaaktype"] == klacht.url
    assert data["identificatie"]
    assert data["toelichting"] == "Over de stoep"
    assert data["registratiedatum"] == dt.date.today().isoformat()
    assert (await api.get(data["url"])).json() == data


async def test_create_derives_the_deadlines_from_the_zaaktype(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    bezwaar = catalogus["VBG-BEZWAAR"]
    data = (await post(api, zb(bezwaar, startdatum="2026-11-02"))).json()
    async with app.state.sessionmaker() as session:
        zaaktype = await session.get(ztc.ZaakType, bezwaar.id)
    gepland, uiterlijk = termijnen.geplande_data(zaaktype, dt.date(2026, 11, 2))
    assert uiterlijk is not None
    assert data["uiterlijkeEinddatumAfdoening"] == uiterlijk.isoformat()
    assert data["einddatumGepland"] == (gepland.isoformat() if gepland else None)
    given = await post(api, zb(bezwaar, uiterlijkeEinddatumAfdoening="2027-01-01"))
    assert given.json()["uiterlijkeEinddatumAfdoening"] == "2027-01-01"


async def test_create_queues_one_notification_and_a_refused_one_none(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    await refused(app, api, zb(klacht, zaaktype=f"{HOST}/catalogi/api/v1/zaaktypen/onbekend"))
    data = (await post(api, zb(klacht))).json()
    async with app.state.db.reader.connect() as conn:
        payloads = (
            (await conn.execute(select(Job.payload).where(Job.kind == NOTIFICATIE).order_by(Job.id))).scalars().all()
        )
    zaken = [p for p in payloads if p["kanaal"] == "zaken"]
    assert len(zaken) == 1
    message = zaken[0]
    assert message["kanaal"] == "zaken"
    assert message["actie"] == "create"
    assert message["resourceUrl"] == data["url"]
    assert message["kenmerken"] == {
        "bronorganisatie": RSIN,
        "zaaktype": klacht.url,
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
    }
    async with app.state.db.reader.connect() as conn:
        trail = (await conn.execute(select(AuditTrail).where(AuditTrail.hoofd_object == data["url"]))).all()
    assert [(t.actie, t.nieuw) for t in trail] == [("create", data)]


async def test_zrc_001_zaaktype_must_be_a_published_zaaktype_of_our_catalogue(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    assert await refused(app, api, zb(klacht, zaaktype="https://elders.nl/catalogi/api/v1/zaaktypen/1"))
    unknown = f"{HOST}/catalogi/api/v1/zaaktypen/6c1b5d4e-2a6f-4f39-9a57-0c1e1c0f0a11"
    assert await refused(app, api, zb(klacht, zaaktype=unknown)) == {"zaaktype": "does_not_exist"}
    assert await refused(app, api, zb(klacht, zaaktype="geen url")) == {"zaaktype": "invalid"}
    await set_zaaktype(app, klacht.id, einde_geldigheid=dt.date(2026, 1, 1))
    assert await refused(app, api, zb(klacht, startdatum="2026-02-01")) == {"zaaktype": "zaaktype-niet-geldig"}
    assert (await post(api, zb(klacht, startdatum="2025-12-31"))).status_code == 201
    await set_zaaktype(app, klacht.id, concept=True)
    assert await refused(app, api, zb(klacht, startdatum="2025-12-31")) == {"zaaktype": "not-published"}


async def test_zrc_009_vertrouwelijkheidaanduiding_defaults_to_the_zaaktypes(api: Api, catalogus: Catalogus) -> None:
    mor = catalogus["VBG-MOR"]
    assert (await post(api, zb(mor))).json()["vertrouwelijkheidaanduiding"] == "intern"
    chosen = await post(api, zb(mor, vertrouwelijkheidaanduiding="geheim"))
    assert chosen.json()["vertrouwelijkheidaanduiding"] == "geheim"


async def test_create_needs_aanmaken_for_the_zaaktype_and_vertrouwelijkheid(
    app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht, mor = catalogus["VBG-KLACHT"], catalogus["VBG-MOR"]
    maker = await client_with(
        app,
        client,
        "zrc-maker",
        [zrc_rechten("zaken.aanmaken", "zaken.lezen", zaaktype=mor.url, max_vertrouwelijkheid="intern")],
    )
    assert (await post(maker, zb(mor))).status_code == 201
    assert (await post(maker, zb(klacht))).status_code == 403
    assert (await post(maker, zb(mor, vertrouwelijkheidaanduiding="geheim"))).status_code == 403
    lezer = await client_with(app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=mor.url)])
    assert (await post(lezer, zb(mor))).status_code == 403
    assert await count_zaken(app) == 1


async def test_zrc_010_communicatiekanaal_must_be_one_of_the_referentielijsten(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    kanaal = all_items("communicatiekanalen", REFERENTIELIJSTEN)[0]["url"]
    assert (await post(api, zb(klacht, communicatiekanaal=kanaal))).json()["communicatiekanaal"] == kanaal
    wrong = kanaal.rsplit("/", 1)[0] + "/0b0e2f3d-0000-4000-8000-000000000000"
    assert await refused(app, api, zb(klacht, communicatiekanaal=wrong)) == {"communicatiekanaal": "bad-url"}


async def test_selectielijstklasse_must_be_a_resultaat_of_the_referentielijsten(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    klasse = all_items("resultaten", REFERENTIELIJSTEN)[0]["url"]
    assert (await post(api, zb(klacht, selectielijstklasse=klasse))).status_code == 201
    kanaal = all_items("communicatiekanalen", REFERENTIELIJSTEN)[0]["url"]
    assert await refused(app, api, zb(klacht, selectielijstklasse=kanaal)) == {"selectielijstklasse": "bad-url"}


async def test_zrc_011_relevante_andere_zaken_must_be_zaken(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    other = await insert_zaak(app, klacht)
    good = {"url": zaak_url(other), "aardRelatie": "vervolg"}
    r = await post(api, zb(klacht, relevanteAndereZaken=[good]))
    assert r.json()["relevanteAndereZaken"] == [good]
    missing = {"url": zaak_url(other).replace(str(other.id)[:8], "00000000"), "aardRelatie": "vervolg"}
    foreign = {"url": "https://elders.nl/zaken/api/v1/zaken/1", "aardRelatie": "onderwerp"}
    params = await refused(app, api, zb(klacht, relevanteAndereZaken=[good, missing, foreign]))
    assert params == {"relevanteAndereZaken.1": "does_not_exist", "relevanteAndereZaken.2": "bad-url"}
    bad_enum = await refused(app, api, zb(klacht, relevanteAndereZaken=[{**good, "aardRelatie": "x"}]))
    assert bad_enum == {"relevanteAndereZaken.0.aardRelatie": "invalid_choice"}


async def test_zrc_012_gegevensgroepen_need_all_their_required_fields(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    params = await refused(
        app,
        api,
        zb(klacht, verlenging={"reden": "drukte"}, processobject={"datumkenmerk": "x", "identificatie": "y"}),
    )
    assert params == {
        "verlenging.duur": "required",
        "processobject.objecttype": "required",
        "processobject.registratie": "required",
    }
    r = await post(api, zb(klacht, verlenging=None, opschorting=None, processobject=None))
    assert r.status_code == 201, r.text
    assert r.json()["verlenging"] is None
    assert r.json()["opschorting"] == {"indicatie": False, "reden": ""}


async def test_zrc_013_hoofdzaak_must_be_a_zaak_that_is_not_a_deelzaak(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    hoofd = await insert_zaak(app, klacht)
    deel = await post(api, zb(klacht, hoofdzaak=zaak_url(hoofd)))
    assert deel.json()["hoofdzaak"] == zaak_url(hoofd)
    assert (await api.get(zaak_url(hoofd))).json()["deelzaken"] == [deel.json()["url"]]
    assert await refused(app, api, zb(klacht, hoofdzaak=deel.json()["url"])) == {"hoofdzaak": "deelzaak-als-hoofdzaak"}
    assert await refused(app, api, zb(klacht, hoofdzaak="https://elders.nl/zaken/api/v1/zaken/1")) == {
        "hoofdzaak": "bad-url"
    }


async def test_zrc_014_no_laatste_betaaldatum_when_betalingsindicatie_is_nvt(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    body = zb(klacht, betalingsindicatie="nvt", laatsteBetaaldatum="2026-01-01T10:00:00Z")
    assert await refused(app, api, body) == {"laatsteBetaaldatum": "betaling-nvt"}
    future = zb(klacht, betalingsindicatie="geheel", laatsteBetaaldatum="2999-01-01T10:00:00Z")
    assert await refused(app, api, future) == {"laatsteBetaaldatum": "future-not-allowed"}
    r = await post(api, zb(klacht, betalingsindicatie="geheel", laatsteBetaaldatum="2026-01-01T10:00:00Z"))
    assert r.status_code == 201, r.text
    assert r.json()["betalingsindicatieWeergave"] == "De met de zaak gemoeide kosten zijn geheel betaald."


async def test_zrc_015_producten_of_diensten_must_be_the_zaaktypes(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    product = "https://pdc.example.nl/producten/1"
    await set_zaaktype(app, klacht.id, producten_of_diensten=[product])
    assert (await post(api, zb(klacht, productenOfDiensten=[product]))).status_code == 201
    other = zb(klacht, productenOfDiensten=[product, "https://pdc.example.nl/producten/2"])
    assert await refused(app, api, other) == {"productenOfDiensten": "invalid-products-services"}


async def test_zrc_022_archiefstatus_needs_archiefnominatie_and_archiefactiedatum(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    assert await refused(app, api, zb(klacht, archiefstatus="gearchiveerd")) == {
        "archiefnominatie": "archiefnominatie-not-set",
        "archiefactiedatum": "archiefactiedatum-not-set",
    }
    body = zb(klacht, archiefstatus="gearchiveerd", archiefnominatie="vernietigen", archiefactiedatum="2040-01-01")
    assert (await post(api, body)).status_code == 201


async def test_rsin_fields_pass_the_elfproef(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    body = zb(
        klacht, bronorganisatie="123456789", verantwoordelijkeOrganisatie="12345678", opdrachtgevendeOrganisatie="1"
    )
    assert set(await refused(app, api, body)) == {
        "bronorganisatie",
        "verantwoordelijkeOrganisatie",
        "opdrachtgevendeOrganisatie",
    }
    assert (await post(api, zb(klacht, opdrachtgevendeOrganisatie=RSIN))).status_code == 201


async def test_bad_input_names_the_field_and_writes_nothing(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    body = zb(klacht, startdatum="morgen", betalingsindicatie="soms", kenmerken=[{"kenmerk": "x"}])
    del body["verantwoordelijkeOrganisatie"]
    assert await refused(app, api, body) == {
        "startdatum": "invalid",
        "betalingsindicatie": "invalid_choice",
        "kenmerken.0.bron": "required",
        "verantwoordelijkeOrganisatie": "required",
    }
    before = await count_zaken(app)
    r = await api.client.post(f"{HOST}/zaken/api/v1/zaken", content=b"{nope", headers=api.headers)
    assert invalid(r) == {"nonFieldErrors": "parse_error"}
    assert await count_zaken(app) == before


async def test_zaakgeometrie_is_geojson_with_content_crs(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    vlak = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.1], [5.0, 52.0]]]}
    body = zb(klacht, zaakgeometrie=vlak)
    r = await post(api, body)
    assert r.status_code == 412, r.text
    assert (await post(api, body, {"Content-Crs": "EPSG:28992"})).status_code == 415
    assert (await post(api, body, {**CRS, "Accept-Crs": "EPSG:28992"})).status_code == 406
    assert await count_zaken(app) == 0
    r = await post(api, body, CRS)
    assert r.status_code == 201, r.text
    assert r.headers["Content-Crs"] == "EPSG:4326"
    assert r.json()["zaakgeometrie"] == vlak
    async with app.state.db.reader.connect() as conn:
        box = (
            await conn.execute(
                select(Zaak.geometrie_min_x, Zaak.geometrie_min_y, Zaak.geometrie_max_x, Zaak.geometrie_max_y)
            )
        ).one()
    assert tuple(box) == (5.0, 52.0, 5.2, 52.1)
    open_ring = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.1], [5.1, 52.0]]]}
    assert await refused(app, api, zb(klacht, zaakgeometrie=open_ring), **CRS) == {"zaakgeometrie": "invalid"}
    outside = {"type": "Point", "coordinates": [155000, 463000]}
    assert await refused(app, api, zb(klacht, zaakgeometrie=outside), **CRS) == {"zaakgeometrie": "invalid"}


async def test_opschorting_on_create_goes_through_the_deadline_service(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    bezwaar, klacht = catalogus["VBG-BEZWAAR"], catalogus["VBG-KLACHT"]
    opschorting = {"indicatie": True, "reden": "Wacht op advies"}
    r = await post(api, zb(bezwaar, opschorting=opschorting), {"X-Audit-Toelichting": "Via de balie"})
    assert r.status_code == 201, r.text
    assert r.json()["opschorting"] == opschorting
    async with app.state.db.reader.connect() as conn:
        toelichting = (await conn.execute(select(AuditTrail.toelichting))).scalar_one()
    assert toelichting.startswith("Via de balie Behandeling opgeschort op ")
    assert await refused(app, api, zb(klacht, opschorting=opschorting)) == {"opschorting": "opschorting-niet-mogelijk"}


async def test_create_costs_the_same_statements_whatever_the_number_of_references(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    others = [await insert_zaak(app, klacht) for _ in range(5)]
    hoofd = await insert_zaak(app, klacht)
    db = app.state.db
    engines = {id(e.sync_engine): e.sync_engine for e in (db.writer, db.reader)}

    async def statements(n: int) -> int:
        seen: list[str] = []

        def listener(*args: Any) -> None:
            seen.append(args[2])

        for engine in engines.values():
            event.listen(engine, "before_cursor_execute", listener)
        try:
            relaties = [{"url": zaak_url(z), "aardRelatie": "onderwerp"} for z in others[:n]]
            r = await post(api, zb(klacht, relevanteAndereZaken=relaties, hoofdzaak=zaak_url(hoofd)))
            assert r.status_code == 201, r.text
        finally:
            for engine in engines.values():
                event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    await statements(1)  # the client's rights are looked up once, then cached
    assert await statements(1) == await statements(5)
