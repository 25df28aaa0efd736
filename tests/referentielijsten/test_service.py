"""``referentielijsten.service.resolve``: URLs of our own API resolve in-process from the shipped data."""

from __future__ import annotations

import uuid

import pytest

from zaakwerk.config import Settings
from zaakwerk.referentielijsten.service import all_items, resolve, resolve_local

PROCESTYPE_1_2017 = "e1b73b12-b2f6-4c4e-8929-94f84dd2a57d"
RESULTAAT_1_1 = "6711baff-798b-4c7f-9133-8ad02c8b7c6f"
TOEGEKEND = "fb65d251-1518-4185-865f-b8bdcfad07b1"
BALIE = "cc5ddae8-54f1-5b88-b947-262a873e76ac"


@pytest.mark.parametrize(
    "host", ["http://testserver", "https://zaken.gemeente.nl", "http://127.0.0.1:8000", "https://ssc.nl/voorbeeld"]
)
async def test_own_urls_resolve_in_process_on_any_host(settings: Settings, host: str) -> None:
    url = f"{host}/referentielijsten/api/v1/resultaten/{RESULTAAT_1_1}"
    found = await resolve(settings, "resultaten", url)
    assert found is not None
    assert found["url"] == url
    assert found["procesType"] == f"{host}/referentielijsten/api/v1/procestypen/{PROCESTYPE_1_2017}"
    assert found["volledigNummer"] == "1.1"
    procestype = await resolve(settings, "procestypen", found["procesType"])
    assert procestype is not None and procestype["nummer"] == 1 and procestype["jaar"] == 2017


async def test_every_kind_resolves(settings: Settings) -> None:
    base = "https://zaken.gemeente.nl/referentielijsten/api/v1"
    omschrijving = await resolve(
        settings, "resultaattypeomschrijvingen", f"{base}/resultaattypeomschrijvingen/{TOEGEKEND}"
    )
    assert omschrijving is not None and omschrijving["omschrijving"] == "Toegekend"
    kanaal = await resolve(settings, "communicatiekanalen", f"{base}/communicatiekanalen/{BALIE}/")
    assert kanaal is not None and kanaal["naam"] == "balie"
    assert kanaal["url"] == f"{base}/communicatiekanalen/{BALIE}"
    for kind in ("procestypen", "resultaten", "resultaattypeomschrijvingen", "communicatiekanalen"):
        for item in all_items(kind, base):
            assert resolve_local(kind, item["url"]) == item


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        # a resultaat URL is no procestype
        ("procestypen", f"http://testserver/referentielijsten/api/v1/resultaten/{RESULTAAT_1_1}"),
        # unknown uuid
        ("resultaten", f"http://testserver/referentielijsten/api/v1/resultaten/{uuid.uuid4()}"),
        # another API
        ("resultaten", f"http://testserver/catalogi/api/v1/resultaten/{RESULTAAT_1_1}"),
        # VNG's selectielijst is not ours: with the setting empty only our own API counts
        ("resultaten", f"https://selectielijst.openzaak.nl/api/v1/resultaten/{RESULTAAT_1_1}"),
        ("resultaten", "http://testserver/referentielijsten/api/v1/resultaten/geen-uuid"),
        ("resultaten", f"http://testserver/referentielijsten/api/v1/resultaten/{RESULTAAT_1_1}/extra"),
        ("resultaten", f"http://testserver/referentielijsten/api/v1/resultaten/{RESULTAAT_1_1}?x=1"),
        ("resultaten", f"ftp://testserver/referentielijsten/api/v1/resultaten/{RESULTAAT_1_1}"),
        ("resultaten", f"/referentielijsten/api/v1/resultaten/{RESULTAAT_1_1}"),
        ("resultaten", "geen url"),
        ("resultaten", ""),
    ],
)
async def test_urls_that_do_not_resolve(settings: Settings, kind: str, url: str) -> None:
    assert await resolve(settings, kind, url) is None


async def test_unknown_kind_is_a_programming_error(settings: Settings) -> None:
    with pytest.raises(ValueError, match="Onbekende referentielijst"):
        await resolve(settings, "zaaktypen", "http://testserver/referentielijsten/api/v1/zaaktypen/x")


async def test_withdrawn_selectielijst_entries_are_not_served() -> None:
    numbers = {r["volledigNummer"] for r in all_items("resultaten", "http://x/referentielijsten/api/v1")}
    assert "7.1.20" not in numbers and "19.1.13" not in numbers
    assert "7.1.21" in numbers
