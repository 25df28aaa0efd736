"""Imports every module that defines tables, so Alembic and tests see the whole schema."""

from __future__ import annotations

import importlib

MODEL_MODULES = (
    "zaakwerk.core.jobs.models",
    "zaakwerk.core.zgw.audittrail",
    "zaakwerk.autorisaties.models",
    "zaakwerk.catalogi.models",
    "zaakwerk.zaken.models",
    "zaakwerk.documenten.models",
    "zaakwerk.besluiten.models",
)


def load_all_models() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(name)
