"""Bad input on every kind of write: malformed JSON, wrong types, unknown enum values, unresolvable URLs → 400 with
invalidParams, and nothing written."""

from __future__ import annotations

from typing import Any

import pytest

from tests.catalogi._contract import check
from tests.catalogi.conftest import (
    BASE,
    Api,
    catalogus_body,
    eigenschap_body,
    iot_body,
    resultaattype_body,
    roltype_body,
    statustype_body,
    zaaktype_body,
)

MISSING_ZAAKTYPE = f"{BASE}/zaaktypen/00000000-0000-4000-8000-000000000000"


def _params(r: Any) -> dict[str, str]:
    assert r.status_code == 400, r.text
    assert r.headers["content-type"] == "application/problem+json"
    check(r)
    return {p["name"]: p["code"] for p in r.json()["invalidParams"]}


@pytest.mark.parametrize("collection", ["catalogussen", "zaaktypen", "statustypen", "informatieobjecttypen"])
async def test_malformed_json(api: Api, collection: str) -> None:
    r = await api.client.post(
        f"{BASE}/{collection}", content=b"{geen: json", headers={**api.headers, "Content-Type": "application/json"}
    )
    assert _params(r) == {"nonFieldErrors": "parse_error"}


async def test_body_must_be_an_object(api: Api, zaaktype: dict[str, Any]) -> None:
    assert _params(await api.post("/catalogussen", [1, 2])) == {"nonFieldErrors": "parse_error"}
    assert _params(await api.patch(zaaktype["url"], [1])) == {"nonFieldErrors": "parse_error"}
    r = await api.client.patch(
        zaaktype["url"], content=b"{", headers={**api.headers, "Content-Type": "application/json"}
    )
    assert _params(r) == {"nonFieldErrors": "parse_error"}


async def test_missing_and_wrongly_typed_fields(api: Api, catalogus: dict[str, Any]) -> None:
    body = zaaktype_body(catalogus["url"], doorlooptijd="veertien dagen", publicatieIndicatie="misschien")
    del body["omschrijving"]
    params = _params(await api.post("/zaaktypen", body))
    assert params == {"omschrijving": "required", "doorlooptijd": "invalid", "publicatieIndicatie": "invalid"}
    assert (await api.json("/zaaktypen?status=alles"))["count"] == 0


async def test_unknown_enum_values(api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    assert _params(
        await api.post("/zaaktypen", zaaktype_body(catalogus["url"], vertrouwelijkheidaanduiding="supergeheim"))
    ) == {"vertrouwelijkheidaanduiding": "invalid_choice"}
    assert _params(await api.post("/roltypen", roltype_body(zaaktype["url"], omschrijvingGeneriek="baas"))) == {
        "omschrijvingGeneriek": "invalid_choice"
    }
    assert _params(
        await api.post(
            "/resultaattypen",
            resultaattype_body(zaaktype["url"], brondatumArchiefprocedure={"afleidingswijze": "zomaar"}),
        )
    ) == {"brondatumArchiefprocedure.afleidingswijze": "invalid_choice"}
    assert _params(await api.patch(zaaktype["url"], {"indicatieInternOfExtern": "beide"})) == {
        "indicatieInternOfExtern": "invalid_choice"
    }


async def test_lengths_and_numbers(api: Api, zaaktype: dict[str, Any]) -> None:
    assert _params(await api.post("/statustypen", statustype_body(zaaktype["url"], 0))) == {"volgnummer": "min_value"}
    assert _params(await api.post("/statustypen", statustype_body(zaaktype["url"], 1, omschrijving="x" * 81))) == {
        "omschrijving": "max_length"
    }
    assert _params(await api.post("/catalogussen", catalogus_body(domein="TE LANG"))) == {"domein": "max_length"}


async def test_unresolvable_urls(api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    assert _params(await api.post("/statustypen", statustype_body(MISSING_ZAAKTYPE))) == {"zaaktype": "does_not_exist"}
    assert _params(await api.post("/statustypen", statustype_body("geen url"))) == {"zaaktype": "invalid"}
    # A URL of the wrong type of resource does not resolve either.
    assert _params(await api.post("/roltypen", roltype_body(catalogus["url"]))) == {"zaaktype": "does_not_exist"}
    assert _params(await api.post("/informatieobjecttypen", iot_body(zaaktype["url"]))) == {
        "catalogus": "does_not_exist"
    }
    assert _params(
        await api.post(
            "/eigenschappen",
            eigenschap_body(zaaktype["url"], statustype=f"{BASE}/statustypen/00000000-0000-4000-8000-000000000000"),
        )
    ) == {"statustype": "does_not_exist"}
    assert _params(
        await api.post(
            "/statustypen",
            statustype_body(
                zaaktype["url"], eigenschappen=[f"{BASE}/eigenschappen/00000000-0000-4000-8000-000000000000"]
            ),
        )
    ) == {"eigenschappen": "does_not_exist"}
    for collection in ("statustypen", "roltypen", "eigenschappen", "informatieobjecttypen"):
        assert (await api.json(f"/{collection}?status=alles"))["count"] == 0


async def test_patch_of_unknown_object_is_404(api: Api) -> None:
    r = await api.patch(MISSING_ZAAKTYPE, {"omschrijving": "X"})
    assert r.status_code == 404
    check(r)


async def test_bad_filter_values(api: Api) -> None:
    assert _params(await api.get("/roltypen?zaaktype=geen-url")) == {"zaaktype": "invalid"}
    assert _params(await api.get("/zaakobjecttypen?anderObjecttype=soms")) == {"anderObjecttype": "invalid"}
    assert _params(await api.get("/zaaktype-informatieobjecttypen?richting=omhoog")) == {"richting": "invalid_choice"}
    assert _params(await api.get("/statustypen?page=0")) == {"page": "invalid"}
    assert (await api.get("/zaaktypen?page=2")).status_code == 404
