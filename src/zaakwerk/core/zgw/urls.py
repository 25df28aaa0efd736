"""URLs of resources: built from the public base URL, parsed back to (component path, uuid) in-process.

Internally everything refers by UUID; URLs exist only at the API boundary. A reference to our own server is
resolved without any HTTP call.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

from starlette.requests import Request

_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")


def base_url(request: Request) -> str:
    """The public base URL of this installation for this request (no trailing slash)."""
    cached: str | None = getattr(request.state, "base_url", None)
    if cached:
        return cached
    configured: str = request.app.state.settings.base_url
    if configured:
        value = configured.rstrip("/")
    else:
        # From the scope and the Host header: building ``request.url`` cost more than the rest of this function.
        host = request.headers.get("host")
        value = (
            f"{request.scope.get('scheme', 'http')}://{host}"
            if host
            else f"{request.url.scheme}://{request.url.netloc}"
        )
    request.state.base_url = value
    return value


def resource_url(base: str, path: str, id_: uuid.UUID | str) -> str:
    """``path`` is the component path plus collection, e.g. ``/catalogi/api/v1/zaaktypen``."""
    return f"{base}{path}/{id_}"


class UrlRef:
    """A parsed resource URL."""

    __slots__ = ("host", "path", "uuid")

    def __init__(self, host: str, path: str, id_: uuid.UUID | None) -> None:
        self.host = host
        self.path = path
        self.uuid = id_


def parse_url(url: str) -> UrlRef | None:
    """Split a resource URL into host, collection path and uuid; ``None`` when it is no http(s) URL."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    path = parts.path.rstrip("/")
    collection, _, last = path.rpartition("/")
    id_ = uuid.UUID(last) if _UUID_RE.match(last) else None
    return UrlRef(parts.netloc.lower(), collection if id_ else path, id_)


def local_uuid(request: Request, url: str, collection_path: str) -> uuid.UUID | None:
    """The uuid when ``url`` names a resource of ``collection_path`` on this server, else ``None``."""
    ref = parse_url(url)
    if ref is None or ref.uuid is None or ref.path != collection_path:
        return None
    own = urlsplit(base_url(request)).netloc.lower()
    if ref.host != own and ref.host not in request.app.state.own_hosts:
        return None
    return ref.uuid
