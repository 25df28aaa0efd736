"""Imports every module that defines tables, so Alembic and tests see the whole schema."""

from __future__ import annotations

import importlib

MODEL_MODULES = (
    "zaakwerk.core.jobs.models",
    "zaakwerk.core.zgw.audittrail",
    "zaakwerk.autorisaties.models",
    "zaakwerk.catalogi.models",
)


def load_all_models() -> None:
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # A module still being written in this wave may be absent; anything else is a real error.
            if exc.name != name:
                raise
