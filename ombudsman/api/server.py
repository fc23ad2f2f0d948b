"""How ``ombudsman serve`` runs uvicorn: the limits that keep one client from exhausting the server.

- At most ``OMBUDSMAN_SERVER_CONNECTIONS`` connections (and requests in hand) a process: a request that comes
  when that many are open is answered at once with 503, never queued (uvicorn's ``limit_concurrency``).
- A client must send a whole request head within ``OMBUDSMAN_SERVER_HEADER_SECONDS`` of connecting, or of the
  last answer on a kept-alive connection, or the connection is closed. uvicorn itself has no such time-out: a
  client that sends part of a request and waits holds its socket for ever, and enough of them use up the
  process's connections and open files (``HeaderTimeout`` adds it). A head may be at most 16 KB
  (``h11_max_incomplete_event_size``); a larger one is answered 400.
- An idle kept-alive connection is closed after ``OMBUDSMAN_SERVER_KEEP_ALIVE_SECONDS``.
- Up to ``OMBUDSMAN_SERVER_BACKLOG`` connections wait in the kernel to be accepted.
- The process's soft limit on open files is raised to its hard limit at start (``raise_open_files_limit``), so
  the connection limit, not the file limit, is what a crowd of clients meets.

A request's body is read only as it arrives, so a slow body is held up to the route's body limit and no time
limit: a reverse proxy in front (the README's "Running behind a reverse proxy") should time out slow clients and
limit each client's connections, which one process cannot do as well.
"""

from __future__ import annotations

import asyncio
import resource
from functools import cache
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from ombudsman.settings import Settings

MAX_HEAD_BYTES = 16_384  # the largest request head (request line and headers) read


@cache
def _header_seconds() -> float:
    """This process's ``server_header_seconds``: each worker process reads the settings from its environment."""
    return float(Settings().server_header_seconds)


class HeaderTimeout(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, which closes a connection whose next request head is not whole in time."""

    _head_timer: asyncio.TimerHandle | None = None
    _waiting_after: object = None  # the request cycle the timer was armed after (None: none yet)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._waiting_after = self.cycle
        self._head_timer = self.loop.call_later(_header_seconds(), self._too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _too_slow(self) -> None:
        self._head_timer = None
        if self.cycle is self._waiting_after:  # no new request began in time: no answer is owed
            self.transport.close()


def options(settings: Settings) -> dict[str, Any]:
    """The keyword arguments of ``uvicorn.run`` that set the server's limits. Which proxy's forwarded headers
    are believed is the app's own decision (``ombudsman.api.app``), so uvicorn's is turned off."""
    return {
        "http": HeaderTimeout,
        "limit_concurrency": settings.server_connections,
        "timeout_keep_alive": settings.server_keep_alive_seconds,
        "backlog": settings.server_backlog,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "proxy_headers": False,
    }


def raise_open_files_limit() -> int:
    """Raise this process's soft limit on open files to its hard limit; returns the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):  # not allowed here: keep the soft limit as it is
            return soft
        return hard
    return soft
