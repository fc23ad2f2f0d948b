"""The HTTP API (``design/api.md``): ``create_app(service)`` builds it."""

from ombudsman.api.app import create_app

__all__ = ["create_app"]
