"""Expected errors carry their HTTP status and ZGW code; one handler renders them as problem+json."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class InvalidParam:
    name: str
    code: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "code": self.code, "reason": self.reason}


@dataclass
class ZGWError(Exception):
    status: int
    code: str
    title: str
    detail: str = ""
    invalid_params: list[InvalidParam] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.detail or self.title}"


def validation_error(name: str, code: str, reason: str) -> ZGWError:
    """One invalid field: 400 ValidatieFout."""
    return ZGWError(400, "invalid", "Invalid input.", reason, [InvalidParam(name, code, reason)])


def validation_errors(params: list[InvalidParam]) -> ZGWError:
    detail = params[0].reason if len(params) == 1 else "Meerdere velden zijn ongeldig."
    return ZGWError(400, "invalid", "Invalid input.", detail, params)


class Invalid:
    """Collects invalid fields so a request reports all of them at once."""

    def __init__(self) -> None:
        self.params: list[InvalidParam] = []

    def add(self, name: str, code: str, reason: str) -> None:
        self.params.append(InvalidParam(name, code, reason))

    def __bool__(self) -> bool:
        return bool(self.params)

    def raise_if_any(self) -> None:
        if self.params:
            raise validation_errors(self.params)


def not_found(detail: str = "Niet gevonden.") -> ZGWError:
    return ZGWError(404, "not_found", "Niet gevonden.", detail)


def not_authenticated(detail: str = "Authenticatiegegevens zijn niet opgegeven.") -> ZGWError:
    return ZGWError(401, "not_authenticated", "Authenticatiegegevens zijn niet opgegeven.", detail)


def permission_denied(detail: str = "U heeft geen toestemming om deze actie uit te voeren.") -> ZGWError:
    return ZGWError(403, "permission_denied", "U heeft geen toestemming om deze actie uit te voeren.", detail)


def conflict(code: str, detail: str) -> ZGWError:
    return ZGWError(409, code, "Conflict.", detail)
