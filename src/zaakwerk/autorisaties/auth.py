"""ZGW JWT authentication (HS256) and the scope check every API endpoint uses.

A client signs a JWT (claims ``iss``, ``iat``, ``client_id``, ``user_id``, ``user_representation``) with the secret
it got out of band; the rights of its applicatie come from our own Autorisaties tables, never over HTTP.

The hot path must stay far below a millisecond (a cached request costs a few microseconds), so both the verified
tokens (LRU by token string; their age is still checked on every request) and the rights per client id are kept
in process. They are dropped when rights change anywhere (see ``_versie``):

* in the process that made the change, by the service's after-commit callback, before its response goes out;
* in other processes on PostgreSQL when the NOTIFY arrives (milliseconds after the commit); while the listener
  connection is down every request compares the rights version row instead;
* on SQLite by comparing the version row on every request;
* and as a safety net nothing is kept longer than ``auth_cache_seconds``.

401 ``not_authenticated``: no, malformed, wrongly signed, expired or future token, or an unknown client id.
403 ``permission_denied``: a valid token whose client id has no applicatie, or whose applicatie lacks the scope.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import jwt
from fastapi import FastAPI
from sqlalchemy import select
from starlette.requests import Request

from zaakwerk.autorisaties._versie import VersionWatcher, on_change
from zaakwerk.autorisaties.models import (
    TYPE_VELD,
    Applicatie,
    ApplicatieClientId,
    Autorisatie,
    ClientCredential,
)
from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.db import Database
from zaakwerk.core.errors import ZGWError, permission_denied

# Where a request keeps its principal once authenticated (other modules read it through request_principal).
_SCOPE_KEY = "zaakwerk.principal"
TOKEN_CACHE_SIZE = 10_000
CLIENT_CACHE_SIZE = 10_000


@dataclass(frozen=True, slots=True)
class Recht:
    """One autorisatie of an applicatie: scopes on a component, limited to one type and a maximum level."""

    component: str
    scopes: frozenset[str]
    # zaaktype (zrc), informatieobjecttype (drc) or besluittype (brc); None: not limited to a type.
    type_url: str | None = None
    max_vertrouwelijkheidaanduiding: str | None = None


@dataclass(frozen=True, slots=True)
class Principal:
    """The API client behind a request: its applicatie and the end user it acts for."""

    client_id: str
    applicatie: uuid.UUID
    label: str
    user_id: str
    user_representation: str
    heeft_alle_autorisaties: bool
    autorisaties: tuple[Recht, ...]
    alleen_is_gereed_voor_publicatie: bool = False

    def has_scope(self, component: str, scope: str) -> bool:
        """Whether any autorisatie grants ``scope`` on ``component`` (for some type, if typed)."""
        if self.heeft_alle_autorisaties:
            return True
        return any(r.component == component and scope in r.scopes for r in self.autorisaties)


@dataclass(slots=True)
class _Client:
    secret: str | None
    # Without user claims; None when the client id belongs to no applicatie.
    principal: Principal | None
    loaded: float


@dataclass(slots=True)
class _Token:
    principal: Principal | None
    client_id: str
    iat: float
    exp: float | None
    loaded: float


def _unauthenticated(detail: str) -> ZGWError:
    return ZGWError(401, "not_authenticated", "Niet geauthenticeerd.", detail)


class Authenticator:
    """Verifies tokens and holds the cached rights of one process (one per app, in ``app.state.autorisaties``)."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.db = db
        self.max_age = float(settings.jwt_max_age)
        self.leeway = float(settings.jwt_leeway)
        self.ttl = float(settings.auth_cache_seconds)
        self._tokens: OrderedDict[str, _Token] = OrderedDict()
        self._clients: dict[str, _Client] = {}
        # Bumped on every invalidation so a load that started before it is not cached after it.
        self._generation = 0
        self.watcher = VersionWatcher(db, self.invalidate)
        self._remove_hook: Callable[[], None] | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------

    async def start(self) -> None:
        self._remove_hook = on_change(self.committed_here)
        await self.watcher.start()

    async def stop(self) -> None:
        if self._remove_hook is not None:
            self._remove_hook()
            self._remove_hook = None
        await self.watcher.stop()

    def invalidate(self) -> None:
        self._generation += 1
        self._tokens.clear()
        self._clients.clear()

    async def committed_here(self, versie: int) -> None:
        """This process committed rights version ``versie`` (called after the commit, before the response)."""
        self.watcher.changed(versie)

    # -- the request path ------------------------------------------------------------------------------------

    async def authenticate(self, authorization: str | None) -> Principal:
        """The principal of a request's ``Authorization`` header; 401 or 403 problems otherwise."""
        if not self.watcher.listening:
            await self.watcher.check()
        token = _bearer(authorization)
        mono = time.monotonic()
        entry = self._tokens.get(token)
        if entry is not None and mono - entry.loaded < self.ttl:
            self._tokens.move_to_end(token)
        else:
            entry = await self._verify(token, mono)
        self._check_time(entry, clock.now().timestamp())
        if entry.principal is None:
            raise permission_denied(
                f"Client id '{entry.client_id}' hoort bij geen applicatie: er zijn geen autorisaties."
            )
        return entry.principal

    def _check_time(self, entry: _Token, now: float) -> None:
        if now - entry.iat > self.max_age + self.leeway:
            raise _unauthenticated(f"Het JWT is verlopen: het is ouder dan {int(self.max_age)} seconden (iat).")
        if entry.iat - now > self.leeway:
            raise _unauthenticated("Het JWT is nog niet geldig: iat ligt in de toekomst.")
        if entry.exp is not None and now - entry.exp > self.leeway:
            raise _unauthenticated("Het JWT is verlopen (exp).")

    async def _verify(self, token: str, mono: float) -> _Token:
        generation = self._generation
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise _unauthenticated("Het JWT in de Authorization-header is ongeldig.") from None
        client_id = unverified.get("client_id") or unverified.get("iss")
        if not isinstance(client_id, str) or not client_id:
            raise _unauthenticated("Het JWT bevat geen client_id.")
        client = await self._client(client_id, mono)
        if client.secret is None:
            raise _unauthenticated(f"Client id '{client_id}' is onbekend.")
        try:
            claims = jwt.decode(
                token,
                client.secret,
                algorithms=["HS256"],
                leeway=self.leeway,
                options={"require": ["iat"], "verify_aud": False, "verify_iss": False},
            )
        except jwt.InvalidSignatureError:
            raise _unauthenticated("De ondertekening van het JWT is ongeldig.") from None
        except jwt.ExpiredSignatureError:
            raise _unauthenticated("Het JWT is verlopen (exp).") from None
        except jwt.ImmatureSignatureError:
            raise _unauthenticated("Het JWT is nog niet geldig: iat ligt in de toekomst.") from None
        except jwt.MissingRequiredClaimError as exc:
            raise _unauthenticated(f"Het JWT mist de claim '{exc.claim}'.") from None
        except jwt.PyJWTError:
            raise _unauthenticated("Het JWT in de Authorization-header is ongeldig.") from None
        principal = client.principal
        if principal is not None:
            principal = dataclasses.replace(
                principal,
                user_id=_claim(claims, "user_id"),
                user_representation=_claim(claims, "user_representation"),
            )
        exp = claims.get("exp")
        entry = _Token(
            principal=principal,
            client_id=client_id,
            iat=float(claims["iat"]),
            exp=float(exp) if isinstance(exp, int | float) else None,
            loaded=client.loaded,
        )
        if generation == self._generation:
            if len(self._tokens) >= TOKEN_CACHE_SIZE:
                self._tokens.popitem(last=False)
            self._tokens[token] = entry
        return entry

    async def _client(self, client_id: str, mono: float) -> _Client:
        cached = self._clients.get(client_id)
        if cached is not None and mono - cached.loaded < self.ttl:
            return cached
        generation = self._generation
        client = await self._load_client(client_id, mono)
        if generation == self._generation:
            if len(self._clients) >= CLIENT_CACHE_SIZE:
                # Unknown client ids are cached too; a flood of made-up ones must not grow memory without bound.
                self._clients.clear()
            self._clients[client_id] = client
        return client

    async def _load_client(self, client_id: str, mono: float) -> _Client:
        async with self.db.reader.connect() as conn:
            secret = await conn.scalar(select(ClientCredential.secret).where(ClientCredential.client_id == client_id))
            app = (
                await conn.execute(
                    select(
                        Applicatie.uuid,
                        Applicatie.label,
                        Applicatie.heeft_alle_autorisaties,
                        Applicatie.alleen_is_gereed_voor_publicatie,
                    )
                    .join(ApplicatieClientId, ApplicatieClientId.applicatie_uuid == Applicatie.uuid)
                    .where(ApplicatieClientId.client_id == client_id)
                )
            ).first()
            if app is None:
                return _Client(secret=secret, principal=None, loaded=mono)
            rows = (
                await conn.execute(
                    select(
                        Autorisatie.component,
                        Autorisatie.scopes,
                        Autorisatie.zaaktype,
                        Autorisatie.informatieobjecttype,
                        Autorisatie.besluittype,
                        Autorisatie.max_vertrouwelijkheidaanduiding,
                    )
                    .where(Autorisatie.applicatie_uuid == app.uuid)
                    .order_by(Autorisatie.volgnummer)
                )
            ).all()
        rechten = tuple(
            Recht(
                component=row.component,
                scopes=frozenset(row.scopes or ()),
                type_url=getattr(row, TYPE_VELD[row.component]) if row.component in TYPE_VELD else None,
                max_vertrouwelijkheidaanduiding=row.max_vertrouwelijkheidaanduiding,
            )
            for row in rows
        )
        principal = Principal(
            client_id=client_id,
            applicatie=app.uuid,
            label=app.label,
            user_id="",
            user_representation="",
            heeft_alle_autorisaties=app.heeft_alle_autorisaties,
            autorisaties=rechten,
            alleen_is_gereed_voor_publicatie=app.alleen_is_gereed_voor_publicatie,
        )
        return _Client(secret=secret, principal=principal, loaded=mono)


def _bearer(authorization: str | None) -> str:
    if not authorization:
        raise _unauthenticated("Authenticatiegegevens zijn niet opgegeven.")
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise _unauthenticated("Gebruik de Authorization-header 'Bearer <JWT>'.")
    return token


def _claim(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    return value if isinstance(value, str) else ""


# -- wiring into the app and FastAPI ---------------------------------------------------------------------------


async def start_authenticator(app: FastAPI) -> None:
    auth = Authenticator(app.state.settings, app.state.db)
    app.state.autorisaties = auth
    await auth.start()


async def stop_authenticator(app: FastAPI) -> None:
    auth: Authenticator | None = getattr(app.state, "autorisaties", None)
    if auth is not None:
        await auth.stop()


def authenticator(request: Request) -> Authenticator:
    auth: Authenticator | None = getattr(request.app.state, "autorisaties", None)
    if auth is None:
        # An app started without the component's startup hook still authenticates (with version checks).
        auth = Authenticator(request.app.state.settings, request.app.state.db)
        request.app.state.autorisaties = auth
    return auth


def request_principal(request: Request) -> Principal | None:
    """The principal already authenticated in this request (e.g. for expand loaders after the endpoint's check)."""
    principal: Principal | None = request.scope.get(_SCOPE_KEY)
    return principal


async def authenticate(request: Request) -> Principal:
    """The principal of this request (authenticated once per request, whatever the number of checks)."""
    cached: Principal | None = request.scope.get(_SCOPE_KEY)
    if cached is not None:
        return cached
    principal = await authenticator(request).authenticate(request.headers.get("authorization"))
    request.scope[_SCOPE_KEY] = principal
    return principal


def require_any(component: str, *scopes: str) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the request's principal, holding one of ``scopes`` on ``component`` (for at least one
    type: the object itself is then checked against its type and vertrouwelijkheid)."""

    async def dependency(request: Request) -> Principal:
        principal = await authenticate(request)
        if not any(principal.has_scope(component, s) for s in scopes):
            names = " of ".join(f"'{s}'" for s in scopes)
            raise permission_denied(f"De scope {names} ontbreekt.")
        return principal

    dependency.__name__ = "require_" + "_or_".join(s.replace(".", "_").replace("-", "_") for s in scopes)
    return dependency


def require(component: str, scope: str) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the request's principal, which must hold ``scope`` on ``component``.

    ``principal: Principal = Depends(require("ztc", "catalogi.lezen"))``
    """

    async def dependency(request: Request) -> Principal:
        principal = await authenticate(request)
        if not principal.has_scope(component, scope):
            raise permission_denied(f"De scope '{scope}' voor component '{component}' ontbreekt.")
        return principal

    dependency.__name__ = f"require_{component}_{scope.replace('.', '_').replace('-', '_')}"
    return dependency
