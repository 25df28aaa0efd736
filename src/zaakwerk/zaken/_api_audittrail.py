"""/zaken/{zaak_uuid}/audittrail."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
