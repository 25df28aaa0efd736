"""/zaken: create, update, partial update, delete; /zaaknummer_reserveren."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
