"""The HTTP API (under ``/v1``; its OpenAPI document at ``/openapi.json``): ``create_app(service)`` builds it."""

from ombudsman.api.app import create_app

__all__ = ["create_app"]
