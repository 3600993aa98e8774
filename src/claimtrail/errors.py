"""One error type and one JSON error shape for the CLI, the API and the ingest log.

    {"error": {"code": "...", "message": "...", "hint": "...", "input": "..."}}
"""
from __future__ import annotations

from typing import Any


class ClaimtrailError(Exception):
    """An error a user can act on: what went wrong, and what to do next."""

    code = "error"

    def __init__(self, message: str, *, hint: str | None = None, input: str | None = None,
                 code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.input = input
        if code:
            self.code = code

    def to_dict(self) -> dict[str, Any]:
        body = {"code": self.code, "message": self.message}
        if self.hint:
            body["hint"] = self.hint
        if self.input:
            body["input"] = self.input
        return {"error": body}

    def __str__(self) -> str:
        text = f"{self.input}: {self.message}" if self.input else self.message
        return f"{text} ({self.hint})" if self.hint else text


class NotFound(ClaimtrailError):
    code = "not_found"


class BadInput(ClaimtrailError):
    code = "bad_input"
