"""The ZGW ``expand`` pattern: embed related resources under ``_expand``, at any depth (``a.b,c``).

Domain modules register one loader per collection path. A loader receives the uuids to load and returns the
rendered objects the *caller may see* (its access function is applied inside the loader), so an expanded object
never reveals what a direct GET would refuse. Everything is loaded in one batch per level and collection.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request

from zaakwerk.core.errors import InvalidParam, ZGWError, validation_error
from zaakwerk.core.zgw.urls import local_uuid, parse_url

Loader = Callable[[Request, list[uuid.UUID]], Awaitable[dict[uuid.UUID, dict[str, Any]]]]

_LOADERS: dict[str, Loader] = {}

MAX_DEPTH = 4


def register_loader(collection_path: str, loader: Loader) -> None:
    """``collection_path`` as in URLs, e.g. ``/catalogi/api/v1/statustypen``; a collection nested below a parent
    names the parent's uuid ``{uuid}``, e.g. ``/zaken/api/v1/zaken/{uuid}/zaakeigenschappen``."""
    _LOADERS[collection_path] = loader


def parse_expand(raw: str | None, allowed_first: frozenset[str] | None = None) -> list[list[str]]:
    if not raw:
        return []
    paths = [p.strip().split(".") for p in raw.split(",") if p.strip()]
    for path in paths:
        if len(path) > MAX_DEPTH or any(not seg for seg in path):
            raise validation_error("expand", "invalid", f"Ongeldige expand: '{'.'.join(path)}'.")
        if allowed_first is not None and path[0] not in allowed_first:
            raise unknown_attribute(path[0])
    return paths


def unknown_attribute(field: str) -> ZGWError:
    """An expand of something that is no attribute of the resource: 404, as zrc-027 and drc-013 prescribe (a
    malformed expand value stays a 400), naming the parameter like a validation error does."""
    reason = f"'{field}' is geen attribuut van deze resource dat ge-expand kan worden."
    return ZGWError(
        404, "expand-onbekend", "Niet gevonden.", reason, [InvalidParam("expand", "expand-onbekend", reason)]
    )


def _tree(paths: list[list[str]]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path in paths:
        node = tree
        for seg in path:
            node = node.setdefault(seg, {})
    return tree


async def expand(request: Request, objects: list[dict[str, Any]], raw: str | None) -> None:
    """Add ``_expand`` to each object in place, following ``raw`` (the expand query value)."""
    paths = parse_expand(raw)
    if paths and objects:
        await _expand_level(request, objects, _tree(paths))


async def _expand_level(request: Request, objects: list[dict[str, Any]], tree: dict[str, Any]) -> None:
    # Gather every URL needed at this level per collection, load each collection once.
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    for obj in objects:
        for field in tree:
            for url in _urls(obj.get(field)):
                ref = parse_url(url)
                if ref is None or ref.uuid is None or _collection(ref.path) not in _LOADERS:
                    continue
                if local_uuid(request, url, ref.path) is not None:
                    wanted[_collection(ref.path)].add(ref.uuid)
    loaded: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
    for path, ids in wanted.items():
        loaded[path] = await _LOADERS[path](request, sorted(ids))

    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for obj in objects:
        expanded = obj.setdefault("_expand", {})
        for field, subtree in tree.items():
            value = obj.get(field)
            if field not in obj:
                raise unknown_attribute(field)
            found = [_lookup(loaded, url) for url in _urls(value)]
            if isinstance(value, list):
                items = [f for f in found if f is not None]
                expanded[field] = items
                if subtree:
                    children[field].extend(items)
            else:
                item = found[0] if found else None
                expanded[field] = item
                if subtree and item is not None:
                    children[field].append(item)
    for field, subtree in tree.items():
        if subtree and children[field]:
            await _expand_level(request, children[field], subtree)


_PARENT_UUID = re.compile(r"/[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}/")


def _collection(path: str) -> str:
    """The loader key of a collection path: a parent's uuid inside it becomes ``{uuid}``."""
    return _PARENT_UUID.sub("/{uuid}/", path)


def _urls(value: Any) -> list[str]:
    if isinstance(value, str) and value:
        return [value]
    if isinstance(value, list):
        # A list may hold relation objects that carry the URL (Zaak.relevanteAndereZaken: {url, aardRelatie}).
        return [u for u in (v.get("url") if isinstance(v, dict) else v for v in value) if isinstance(u, str) and u]
    return []


def _lookup(loaded: dict[str, dict[uuid.UUID, dict[str, Any]]], url: str) -> dict[str, Any] | None:
    ref = parse_url(url)
    if ref is None or ref.uuid is None:
        return None
    obj = loaded.get(_collection(ref.path), {}).get(ref.uuid)
    # A copy: the same object may be embedded in several places with different nested expands.
    return dict(obj) if obj is not None else None
