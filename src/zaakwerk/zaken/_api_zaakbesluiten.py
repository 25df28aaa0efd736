"""/zaken/{zaak_uuid}/besluiten."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
