"""Looking up Referentielijsten/Selectielijst resources by URL, for the rules that check references to them.

The Catalogi rules ztc-001/ztc-002 (selectielijstProcestype, resultaattypeomschrijving, selectielijstklasse) and
the communicatiekanaal of a zaak refer to this API by URL. With ``ZAAKWERK_REFERENTIELIJSTEN_URL`` empty the API is
the one Zaakwerk serves itself: such URLs are resolved in-process from the shipped data, never over HTTP (our own
base URL differs per installation and per request, so any host is accepted; path and uuid decide). With the
setting filled in, URLs under that API are fetched through the one outgoing client layer (``core.koppelingen``).
"""

from __future__ import annotations

import time
import uuid
from typing import Any
from urllib.parse import urlsplit

import structlog

from zaakwerk.config import Settings
from zaakwerk.core.koppelingen import KoppelingError, koppelingen
from zaakwerk.referentielijsten._lijsten import KINDS, PREFIX, lijsten

log = structlog.get_logger(__name__)

__all__ = [
    "KINDS",
    "all_items",
    "clear_cache",
    "find_procestype",
    "find_resultaat",
    "find_resultaattypeomschrijving",
    "get_local",
    "own_url",
    "resolve",
    "resolve_local",
]


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"Onbekende referentielijst '{kind}'; kies uit {', '.join(KINDS)}.")


def _split(url: str, kind: str) -> tuple[str, uuid.UUID] | None:
    """(component base URL, uuid) when ``url`` names a ``kind`` resource of a Referentielijsten API we serve."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    head, sep, rest = parts.path.partition(PREFIX + "/")
    if not sep:
        return None
    collection, _, last = rest.rstrip("/").partition("/")
    if collection != kind or not last or "/" in last:
        return None
    try:
        id_ = uuid.UUID(last)
    except ValueError:
        return None
    return f"{parts.scheme}://{parts.netloc}{head}{PREFIX}", id_


def get_local(kind: str, id_: uuid.UUID, base: str) -> dict[str, Any] | None:
    """One shipped item by uuid, rendered against ``base`` (the component URL); ``None`` when unknown."""
    _check_kind(kind)
    item = lijsten().get(kind, id_)
    return item.render(kind, base) if item is not None else None


def all_items(kind: str, base: str) -> list[dict[str, Any]]:
    """Every shipped item of a list, in API order, rendered against ``base``."""
    _check_kind(kind)
    return [item.render(kind, base) for item in lijsten().items[kind]]


def resolve_local(kind: str, url: str) -> dict[str, Any] | None:
    """Resolve a URL of our own Referentielijsten API (any host) from the shipped data; ``None`` if it does not."""
    _check_kind(kind)
    split = _split(url, kind)
    if split is None:
        return None
    base, id_ = split
    return get_local(kind, id_, base)


async def resolve(settings: Settings, kind: str, url: str) -> dict[str, Any] | None:
    """The ``kind`` resource (procestypen, resultaten, resultaattypeomschrijvingen, communicatiekanalen) that
    ``url`` names, as the Referentielijsten API 0.6.0 renders it; ``None`` when the URL does not resolve.

    Empty ``settings.referentielijsten_url``: our own API, resolved in-process. Otherwise only URLs under the
    configured API count, and they are fetched over HTTP (``core.koppelingen``: timeouts, retries, logging).
    """
    _check_kind(kind)
    if not settings.referentielijsten_url:
        return resolve_local(kind, url)
    return await _resolve_remote(settings, kind, url)


def _remote_split(settings: Settings, kind: str, url: str) -> bool:
    """Whether ``url`` names a ``kind`` resource directly under the configured Referentielijsten API."""
    root = settings.referentielijsten_url.rstrip("/") + "/"
    if not url.startswith(root):
        return False
    collection, _, last = url[len(root) :].rstrip("/").partition("/")
    if collection != kind or not last or "/" in last or "?" in last:
        return False
    try:
        uuid.UUID(last)
    except ValueError:
        return False
    return True


# Reference data changes a few times a year: a resolved remote object is kept a while, so validating a whole
# catalogue import does not ask the same URL hundreds of times.
CACHE_SECONDS = 300.0
CACHE_SIZE = 4096
_cache: dict[str, tuple[float, dict[str, Any]]] = {}


def clear_cache() -> None:
    _cache.clear()


async def _resolve_remote(settings: Settings, kind: str, url: str) -> dict[str, Any] | None:
    if not _remote_split(settings, kind, url):
        return None
    now = time.monotonic()
    cached = _cache.get(url)
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return dict(cached[1])
    try:
        response = await koppelingen(settings).get(
            url, endpoint="Referentielijsten", headers={"Accept": "application/json"}
        )
    except KoppelingError as exc:
        log.warning("referentielijst niet op te halen", kind=kind, endpoint=exc.endpoint, reden=str(exc))
        return None
    if response.status_code != 200:
        return None
    try:
        data = response.json()
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if len(_cache) >= CACHE_SIZE:
        _cache.clear()
    _cache[url] = (now, data)
    return dict(data)


def own_url(base_url: str, kind: str, id_: uuid.UUID) -> str:
    """The URL of a shipped item on the installation at ``base_url`` (e.g. ``https://zaken.gemeente.nl``)."""
    _check_kind(kind)
    return f"{base_url.rstrip('/')}{PREFIX}/{kind}/{id_}"


def find_procestype(jaar: int, nummer: int) -> uuid.UUID | None:
    """The uuid of the shipped selectielijst procestype with this year and number."""
    for item in lijsten().items["procestypen"]:
        if item.fields["jaar"] == jaar and item.fields["nummer"] == nummer:
            return item.uuid
    return None


def find_resultaat(procestype: uuid.UUID, volledig_nummer: str) -> uuid.UUID | None:
    """The uuid of the shipped selectielijst resultaat ``volledig_nummer`` (e.g. ``11.1.2``) of a procestype."""
    for item in lijsten().items["resultaten"]:
        if item.proces_type == procestype and item.fields["volledigNummer"] == volledig_nummer:
            return item.uuid
    return None


def find_resultaattypeomschrijving(omschrijving: str) -> uuid.UUID | None:
    """The uuid of the shipped generic resultaattypeomschrijving with this omschrijving (case-insensitive)."""
    wanted = omschrijving.strip().casefold()
    for item in lijsten().items["resultaattypeomschrijvingen"]:
        if str(item.fields["omschrijving"]).casefold() == wanted:
            return item.uuid
    return None
