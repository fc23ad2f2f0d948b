"""A worker process of ``ombudsman serve --workers N`` ends when the process that started it dies.

The parent binds the port and hands it to its workers; a parent stopped by SIGTERM stops its workers first, but a
parent killed outright (SIGKILL, an out-of-memory kill, a crash) cannot, and its workers would go on holding the
port with no one to watch them, so a new ``serve`` could not start. So each worker asks to be sent SIGTERM when its
parent dies, and stops as it would on a graceful stop: it finishes the requests it is working on, then exits.

On Linux the kernel sends it (``prctl(PR_SET_PDEATHSIG)``, through ``ctypes``). Elsewhere a daemon thread watches
the parent and sends it instead: it waits on the parent's sentinel, which ``multiprocessing`` gives a spawned
process and which the parent's death makes ready, or else checks ``os.getppid()`` every second.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL_SECONDS = 1.0  # how often the fallback looks for a new parent, where it has no sentinel to wait on


def end_with_parent() -> None:
    """Arrange for SIGTERM to reach this process when its parent dies, and send it now if the parent already has."""
    parent_process = multiprocessing.parent_process()
    parent = parent_process.pid if parent_process is not None and parent_process.pid else os.getppid()
    if not _kernel_signals_on_parent_death():
        threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # it died before anything above was in place
        os.kill(os.getpid(), signal.SIGTERM)


def _kernel_signals_on_parent_death() -> bool:
    """Ask Linux to send SIGTERM when the parent dies; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return False
    return bool(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0)


def _watch(parent: int) -> None:
    """Wait until ``parent`` is no longer this process's parent, then send this process SIGTERM."""
    parent_process = multiprocessing.parent_process()
    if parent_process is not None and parent_process.sentinel is not None:
        multiprocessing.connection.wait([parent_process.sentinel])
    else:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)
