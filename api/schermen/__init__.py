"""Server-rendered caseworker screens on the API's app (issue #10)."""

from api.schermen.routes import koppel

__all__ = ["koppel"]
