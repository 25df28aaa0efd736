"""``zaakwerk bench seed``: the promised counts and distributions, consistency the services rely on, and every
seeded zaak served by the Zaken API as the spec describes it."""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update
from typer.testing import CliRunner

from tests.conftest import empty_database
from tests.contract.openapi import validate_response
from tests.zaken.conftest import Api, client_with
from zaakwerk.bench._catalogus import organisatie_rsin
from zaakwerk.bench.seed import SeedOptions, SeedRefused, SeedReport, seed
from zaakwerk.catalogi import models as ztc
from zaakwerk.cli import _mount_subcommands, cli
from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.ids import elfproef
from zaakwerk.zaken import models as zrc
from zaakwerk.zaken._service_zaken_identificatie import maak

SPEC = "zaken-api-1.7.0.yaml"
SMALL = SeedOptions(zaken=300, zaaktypen=5, organisaties=3, personen=400, seed=7, chunk=128)


async def _rows(app: FastAPI, query: Any) -> list[Any]:
    async with app.state.db.reader.connect() as conn:
        return list(await conn.execute(query))


@pytest.fixture
async def api(app: FastAPI, client: httpx.AsyncClient) -> Api:
    return await client_with(app, client, "bench-alles", alle=True)


@pytest.fixture
async def seeded(app: FastAPI, settings: Settings) -> SeedReport:
    return await seed(settings, SMALL)


async def test_counts_and_distributions_are_as_promised(app: FastAPI, seeded: SeedReport) -> None:
    zaken = await _rows(app, select(zrc.Zaak))
    assert len(zaken) == 300 == seeded.rows["zrc_zaak"]
    rsins = {organisatie_rsin(n) for n in (1, 2, 3)}
    assert {z.bronorganisatie for z in zaken} == rsins
    assert all(z.verantwoordelijke_organisatie == z.bronorganisatie for z in zaken)

    zaaktypen = await _rows(app, select(ztc.ZaakType.id, ztc.ZaakType.rsin, ztc.ZaakType.concept))
    assert len(zaaktypen) == 5 and not any(z.concept for z in zaaktypen)
    rsin_of = {z.id: z.rsin for z in zaaktypen}
    assert all(rsin_of[z.zaaktype_id] == z.bronorganisatie for z in zaken), (
        "a zaak's zaaktype is of its own organisation"
    )
    assert len({z.zaaktype_id for z in zaken}) == 5
    catalogi = await _rows(app, select(ztc.Catalogus.rsin))
    assert {c.rsin for c in catalogi} == rsins

    statustypen = Counter(r.zaaktype_id for r in await _rows(app, select(ztc.StatusType.zaaktype_id)))
    assert all(3 <= n <= 6 for n in statustypen.values())
    roltypen = await _rows(app, select(ztc.RolType.zaaktype_id, ztc.RolType.omschrijving_generiek))
    assert Counter(r.omschrijving_generiek for r in roltypen) == Counter(
        {"initiator": 5, "behandelaar": 5, "belanghebbende": 5}
    )

    statussen = Counter(r.zaak_id for r in await _rows(app, select(zrc.Status.zaak_id)))
    assert all(3 <= statussen[z.id] <= 6 for z in zaken)
    rollen = await _rows(app, select(zrc.Rol.zaak_id, zrc.Rol.omschrijving_generiek, zrc.Rol.betrokkene_type))
    per_zaak = Counter(r.zaak_id for r in rollen)
    assert all(2 <= per_zaak[z.id] <= 3 for z in zaken)
    assert {(r.omschrijving_generiek, r.betrokkene_type) for r in rollen} == {
        ("initiator", "natuurlijk_persoon"),
        ("behandelaar", "medewerker"),
        ("belanghebbende", "natuurlijk_persoon"),
    }
    eigenschappen = Counter(r.zaak_id for r in await _rows(app, select(zrc.ZaakEigenschap.zaak_id)))
    assert all(eigenschappen[z.id] == 2 for z in zaken)

    afgesloten = [z for z in zaken if z.einddatum is not None]
    assert 0.5 <= len(afgesloten) / len(zaken) <= 0.7
    resultaten = {r.zaak_id for r in await _rows(app, select(zrc.Resultaat.zaak_id))}
    assert resultaten == {z.id for z in afgesloten}
    assert all(z.resultaat_id is not None and z.archiefnominatie == "vernietigen" for z in afgesloten)

    niveaus = Counter(z.vertrouwelijkheidaanduiding for z in zaken)
    assert len(niveaus) >= 5 and niveaus["zaakvertrouwelijk"] > niveaus["geheim"]
    starts = sorted(z.startdatum for z in zaken)
    assert (starts[-1] - starts[0]).days > 2 * 365, "startdatum spreads over three years"


async def test_every_bsn_passes_the_elfproef_and_persons_repeat(app: FastAPI, seeded: SeedReport) -> None:
    rollen = await _rows(
        app,
        select(zrc.Rol.inp_bsn, zrc.Rol.betrokkene_identificatie).where(
            zrc.Rol.betrokkene_type == "natuurlijk_persoon"
        ),
    )
    assert rollen and all(r.inp_bsn and elfproef(r.inp_bsn) for r in rollen)
    assert all(r.betrokkene_identificatie["inpBsn"] == r.inp_bsn for r in rollen)
    distinct = {r.inp_bsn for r in rollen}
    assert len(distinct) <= 400 < len(rollen), "persons come from a pool and have several zaken"


async def test_identificaties_are_unique_and_the_counter_continues_them(
    app: FastAPI, settings: Settings, seeded: SeedReport
) -> None:
    zaken = await _rows(
        app, select(zrc.Zaak.id, zrc.Zaak.identificatie, zrc.Zaak.bronorganisatie, zrc.Zaak.registratiedatum)
    )
    assert len({(z.bronorganisatie, z.identificatie) for z in zaken}) == len(zaken)
    uitgegeven = {
        (r.bronorganisatie, r.identificatie): r.zaak_id for r in await _rows(app, select(zrc.ZaakIdentificatie))
    }
    assert uitgegeven == {(z.bronorganisatie, z.identificatie): z.id for z in zaken}
    tellers = {(t.bronorganisatie, t.jaar): t.laatste for t in await _rows(app, select(zrc.ZaakIdentificatieTeller))}
    per_jaar = Counter((z.bronorganisatie, z.registratiedatum.year) for z in zaken)
    assert tellers == per_jaar, "numbered 1..n per bronorganisatie and year, the counter at n"
    expected = {maak(settings, org, jaar, n) for (org, jaar), last in tellers.items() for n in range(1, last + 1)}
    assert {z.identificatie for z in zaken} == expected, "the installation's identificatie pattern"


async def test_status_is_the_latest_and_a_closed_zaak_ends_with_its_eindstatus(
    app: FastAPI, seeded: SeedReport
) -> None:
    zaken = {z.id: z for z in await _rows(app, select(zrc.Zaak))}
    eind = {
        r.zaaktype_id: r.id
        for r in await _rows(
            app, select(ztc.StatusType.zaaktype_id, ztc.StatusType.id).order_by(ztc.StatusType.volgnummer)
        )
    }
    statussen: dict[Any, list[Any]] = defaultdict(list)
    for s in await _rows(app, select(zrc.Status).order_by(zrc.Status.datum_status_gezet)):
        statussen[s.zaak_id].append(s)
    for zaak_id, lijst in statussen.items():
        zaak = zaken[zaak_id]
        assert len({s.datum_status_gezet for s in lijst}) == len(lijst)
        assert zaak.status_id == lijst[-1].id
        closed = zaak.einddatum is not None
        assert (lijst[-1].statustype_id == eind[zaak.zaaktype_id]) is closed
        assert all(s.statustype_id != eind[zaak.zaaktype_id] for s in lijst[:-1])
        if closed:
            assert zaak.einddatum == lijst[-1].datum_status_gezet.date()


async def test_every_seeded_zaak_renders_as_the_spec_describes(api: Api, app: FastAPI, seeded: SeedReport) -> None:
    ids = [r.id for r in await _rows(app, select(zrc.Zaak.id))]
    for zaak_id in ids:
        r = await api.get(f"/zaken/{zaak_id}")
        assert r.status_code == 200, r.text
        validate_response(SPEC, r)
        body = r.json()
        assert 2 <= len(body["rollen"]) <= 3 and len(body["eigenschappen"]) == 2
        assert body["status"] is not None


async def test_a_second_seed_is_refused_and_opnieuw_replaces_it_reproducibly(
    app: FastAPI, settings: Settings, seeded: SeedReport
) -> None:
    before = sorted((r.id, r.identificatie) for r in await _rows(app, select(zrc.Zaak.id, zrc.Zaak.identificatie)))
    with pytest.raises(SeedRefused, match="--opnieuw"):
        await seed(settings, SMALL)
    again = SeedOptions(**{**SMALL.__dict__, "opnieuw": True})
    await seed(settings, again)
    after = sorted((r.id, r.identificatie) for r in await _rows(app, select(zrc.Zaak.id, zrc.Zaak.identificatie)))
    assert after == before, "the same --seed makes the same zaken"
    assert len(await _rows(app, select(ztc.Catalogus.id))) == 3


async def test_opnieuw_refuses_when_other_organisations_have_zaken(
    app: FastAPI, settings: Settings, seeded: SeedReport
) -> None:
    zaak = (await _rows(app, select(zrc.Zaak).limit(1)))[0]
    async with app.state.db.writer.begin() as conn:
        await conn.execute(update(zrc.Zaak).where(zrc.Zaak.id == zaak.id).values(bronorganisatie="002220647"))
    with pytest.raises(SeedRefused, match="andere organisaties"):
        await seed(settings, SeedOptions(**{**SMALL.__dict__, "opnieuw": True}))
    assert len(await _rows(app, select(zrc.Zaak.id))) == 300, "nothing was removed"


def test_cli_seeds_and_prints_a_summary(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("ZAAKWERK_DATABASE_URL", database_url)
    monkeypatch.setenv("ZAAKWERK_DATA_DIR", str(tmp_path))
    _mount_subcommands()
    try:
        result = CliRunner().invoke(
            cli, ["bench", "seed", "--zaken", "50", "--zaaktypen", "3", "--personen", "20", "--seed", "1"]
        )
        assert result.exit_code == 0, result.output
        summary = " ".join(result.output.split())  # Rich wraps at the terminal width
        assert "50 zaken over 3 zaaktypen en 3 organisaties" in summary
        assert "rijen/s" in summary
        again = CliRunner().invoke(cli, ["bench", "seed", "--zaken", "50", "--zaaktypen", "3", "--personen", "20"])
        assert again.exit_code == 1 and "--opnieuw" in again.output
        bad = CliRunner().invoke(cli, ["bench", "seed", "--zaken", "5", "--zaaktypen", "2"])
        assert bad.exit_code == 2 and "--zaaktypen ≥ --organisaties" in " ".join(bad.output.split())
        monkeypatch.setenv("ZAAKWERK_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'nieuw.db'}")
        absent = CliRunner().invoke(cli, ["bench", "seed", "--zaken", "5"])
        assert absent.exit_code == 1 and "zaakwerk migrate" in " ".join(absent.output.split())
        assert not (tmp_path / "nieuw.db").exists()
    finally:
        asyncio.run(empty_database(database_url))


async def test_a_zaak_created_after_the_seed_continues_the_numbering(
    api: Api, app: FastAPI, settings: Settings, seeded: SeedReport
) -> None:
    org = organisatie_rsin(1)
    zaaktype = (await _rows(app, select(ztc.ZaakType.id).where(ztc.ZaakType.rsin == org)))[0].id
    jaar = clock.today().year
    teller = await _rows(
        app,
        select(zrc.ZaakIdentificatieTeller.laatste).where(
            zrc.ZaakIdentificatieTeller.bronorganisatie == org, zrc.ZaakIdentificatieTeller.jaar == jaar
        ),
    )
    laatste = teller[0].laatste if teller else 0
    body = {
        "bronorganisatie": org,
        "verantwoordelijkeOrganisatie": org,
        "zaaktype": f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype}",
        "startdatum": clock.today().isoformat(),
    }
    r = await api.request("POST", "/zaken", body, headers={"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"})
    assert r.status_code == 201, r.text
    assert r.json()["identificatie"] == maak(settings, org, jaar, laatste + 1)


async def test_rollen_statussen_resultaten_and_eigenschappen_render_as_the_spec_describes(
    api: Api, app: FastAPI, seeded: SeedReport
) -> None:
    zaken = await _rows(app, select(zrc.Zaak.id).where(zrc.Zaak.einddatum.is_not(None)).order_by(zrc.Zaak.id).limit(15))
    for zaak in zaken:
        body = (await api.get(f"/zaken/{zaak.id}")).json()
        for url in [*body["rollen"], *body["eigenschappen"], body["status"], body["resultaat"]]:
            r = await api.get(url)
            assert r.status_code == 200, (url, r.text)
            validate_response(SPEC, r)
            if "/rollen/" in url and r.json()["betrokkeneType"] == "natuurlijk_persoon":
                assert elfproef(r.json()["betrokkeneIdentificatie"]["inpBsn"])
        assert (await api.get(body["status"])).json()["indicatieLaatstGezetteStatus"] is True


async def test_the_zaken_of_a_person_are_found_by_bsn(api: Api, app: FastAPI, seeded: SeedReport) -> None:
    bsn = (
        await _rows(app, select(zrc.Rol.inp_bsn).where(zrc.Rol.inp_bsn.is_not(None)).order_by(zrc.Rol.inp_bsn).limit(1))
    )[0].inp_bsn
    expected = {r.zaak_id for r in await _rows(app, select(zrc.Rol.zaak_id).where(zrc.Rol.inp_bsn == bsn))}
    r = await api.get(f"/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={bsn}")
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert {z["uuid"] for z in r.json()["results"]} == {str(z) for z in expected}


async def test_list_counts_are_exact_after_the_seed(api: Api, app: FastAPI, seeded: SeedReport) -> None:
    """The seed writes with COPY (on PostgreSQL as a superuser without triggers), then counts the count table
    afresh: a list filtered on bronorganisatie and zaaktype shows the real number of zaken."""
    z = zrc.Zaak
    groups = Counter(
        (r.bronorganisatie, r.zaaktype_id) for r in await _rows(app, select(z.bronorganisatie, z.zaaktype_id))
    )
    for (bron, zaaktype_id), n in list(groups.items())[:5]:
        zaaktype = f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype_id}"
        r = await api.get("/zaken", params={"bronorganisatie": bron, "zaaktype": zaaktype})
        assert r.status_code == 200, r.text
        assert r.json()["count"] == n
