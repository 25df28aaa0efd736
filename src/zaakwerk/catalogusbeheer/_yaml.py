"""The exchange format as YAML text and back."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_DATE_KEYS = frozenset({"beginGeldigheid", "eindeGeldigheid", "versiedatum", "begindatumVersie"})


def _dates(value: Any) -> Any:
    """ISO date strings of the date fields as dates again, so the YAML shows them unquoted."""
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in _DATE_KEYS and isinstance(item, str):
                with contextlib.suppress(ValueError):
                    item = dt.date.fromisoformat(item)
            out[key] = _dates(item)
        return out
    return value


def dump_yaml(data: dict[str, Any]) -> str:
    """The exchange format as YAML text (UTF-8, keys in the API's order)."""
    header = "# Zaakwerk catalogus-export; formaat: docs/catalogus-yaml.md\n"
    body = yaml.dump(_dates(data), Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=120)
    return header + body


def load_yaml(text: str) -> Any:
    """Parse a file in the exchange format (any YAML; the import reports what does not fit)."""
    return yaml.load(text, Loader=_LOADER)  # a safe loader (the C one when libyaml is there)
