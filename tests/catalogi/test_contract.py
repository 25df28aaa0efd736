"""Every operation of the Catalogi API 1.3.3 spec, answered for real and validated against the VNG spec."""

from __future__ import annotations

from typing import Any

import yaml

from tests.catalogi._contract import check
from tests.catalogi.conftest import (
    Api,
    besluittype_body,
    catalogus_body,
    eigenschap_body,
    iot_body,
    resultaattype_body,
    roltype_body,
    statustype_body,
    zaakobjecttype_body,
    zaaktype_body,
    ztiot_body,
)
from zaakwerk.core.zgw.component import SPEC_DIR


async def test_every_operation_of_the_spec(api: Api) -> None:
    seen: set[tuple[str, str]] = set()

    async def call(method: str, template: str, url: str, body: Any = None, expect: int = 200) -> dict[str, Any]:
        r = await api.request(method, url, body, params=None)
        assert r.status_code == expect, f"{method} {url}: {r.text}"
        check(r)
        seen.add((method.lower(), template))
        return r.json() if r.content else {}

    cat = await call("POST", "/catalogussen", "/catalogussen", catalogus_body(), 201)
    await call("GET", "/catalogussen", "/catalogussen")
    await call("GET", "/catalogussen/{uuid}", cat["url"])
    await call("HEAD", "/catalogussen/{uuid}", cat["url"])
    await call("PUT", "/catalogussen/{uuid}", cat["url"], catalogus_body(naam="Anders"))
    await call("PATCH", "/catalogussen/{uuid}", cat["url"], {"versie": "2"})

    created: dict[str, dict[str, Any]] = {}
    iot = await call("POST", "/informatieobjecttypen", "/informatieobjecttypen", iot_body(cat["url"]), 201)
    created["informatieobjecttypen"] = iot
    created["besluittypen"] = await call(
        "POST", "/besluittypen", "/besluittypen", besluittype_body(cat["url"], informatieobjecttypen=["Melding"]), 201
    )
    zt = await call("POST", "/zaaktypen", "/zaaktypen", zaaktype_body(cat["url"], besluittypen=["Vergunning"]), 201)
    created["zaaktypen"] = zt
    bodies = {
        "statustypen": statustype_body(zt["url"]),
        "roltypen": roltype_body(zt["url"]),
        "eigenschappen": eigenschap_body(zt["url"]),
        "resultaattypen": resultaattype_body(zt["url"], besluittypen=["Vergunning"]),
        "zaakobjecttypen": zaakobjecttype_body(zt["url"], cat["url"]),
        "zaaktype-informatieobjecttypen": ztiot_body(zt["url"], "Melding"),
    }
    for collection, body in bodies.items():
        created[collection] = await call("POST", f"/{collection}", f"/{collection}", body, 201)
    for collection, body in {
        **bodies,
        "zaaktypen": zaaktype_body(cat["url"], besluittypen=["Vergunning"], deelzaaktypen=[]),
        "informatieobjecttypen": iot_body(cat["url"]),
        "besluittypen": besluittype_body(cat["url"], informatieobjecttypen=["Melding"]),
    }.items():
        url = created[collection]["url"]
        item = f"/{collection}/{{uuid}}"
        await call(
            "GET",
            f"/{collection}",
            f"/{collection}?status=alles" if collection != "zaakobjecttypen" else "/zaakobjecttypen",
        )
        await call("GET", item, url)
        await call("HEAD", item, url)
        await call("PUT", item, url, body)
        await call("PATCH", item, url, {})
    for collection in ("informatieobjecttypen", "besluittypen", "zaaktypen"):
        await call("POST", f"/{collection}/{{uuid}}/publish", f"{created[collection]['url']}/publish")
    # Deleting: the types of the (now published) zaaktype with a client that may force it.
    for collection in [*bodies, "zaaktypen", "besluittypen", "informatieobjecttypen"]:
        await call("DELETE", f"/{collection}/{{uuid}}", created[collection]["url"], expect=204)

    with (SPEC_DIR / "catalogi-api-1.3.3.yaml").open(encoding="utf-8") as fh:
        spec = yaml.safe_load(fh)
    operations = {(method, path) for path, ops in spec["paths"].items() for method in ops if method != "parameters"}
    assert operations - seen == set()
