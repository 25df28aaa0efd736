"""The zaken list reuses one built statement per filter combination: the values and the client's rights must still
be those of each request (a reused statement must never answer with another request's BSN or rights)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.zaken._lezen import CRS, add, rol
from tests.zaken.conftest import BASE, Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten

BSN_FILTER = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"


async def _urls(client: httpx.AsyncClient | Api, headers: dict[str, str], query: str) -> list[str]:
    r = await client.get(f"{BASE}/zaken?{query}", headers={**headers, **CRS})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == len(body["results"])
    return [z["url"] for z in body["results"]]


async def test_the_same_filters_with_other_values_find_other_zaken(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    eerste, tweede = await insert_zaak(app, klacht), await insert_zaak(app, klacht)
    await add(app, rol(eerste, klacht, inp_bsn="111111110"), rol(tweede, klacht, inp_bsn="222222220"))
    for _ in range(2):  # the second round runs on the statements the first one built
        assert await _urls(api, {}, f"{BSN_FILTER}=111111110") == [zaak_url(eerste)]
        assert await _urls(api, {}, f"{BSN_FILTER}=222222220") == [zaak_url(tweede)]
        assert await _urls(api, {}, f"{BSN_FILTER}=333333330") == []
        both = await _urls(api, {}, f"{BSN_FILTER}=111111110&rol__omschrijvingGeneriek=initiator")
        assert both == [zaak_url(eerste)]
        assert await _urls(api, {}, f"{BSN_FILTER}=111111110&rol__omschrijvingGeneriek=behandelaar") == []


async def test_the_same_filters_for_clients_with_other_rights_follow_each_clients_rights(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    zaak_klacht, zaak_bezwaar = await insert_zaak(app, klacht), await insert_zaak(app, bezwaar)
    await add(app, rol(zaak_klacht, klacht, inp_bsn="444444440"), rol(zaak_bezwaar, bezwaar, inp_bsn="444444440"))
    klachten = await client_with(app, client, "zrc-klachten", [zrc_rechten("zaken.lezen", zaaktype=klacht.url)])
    bezwaren = await client_with(app, client, "zrc-bezwaren", [zrc_rechten("zaken.lezen", zaaktype=bezwaar.url)])
    query = f"{BSN_FILTER}=444444440"
    for _ in range(2):
        assert await _urls(client, klachten.headers, query) == [zaak_url(zaak_klacht)]
        assert await _urls(client, bezwaren.headers, query) == [zaak_url(zaak_bezwaar)]
        assert len(await _urls(api, {}, query)) == 2
