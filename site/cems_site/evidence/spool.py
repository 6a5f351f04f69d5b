"""A large part of the evidence pack produced by a forked child while this process writes the
parts before it (6.3.3: the pack of a 1 M-row run within the time the issue sets).

The CSV writer holds the GIL, so a second thread does not help; a child process on the other
core does. :func:`in_child` forks at once (before the builder starts any ZIP thread): the
child opens its own database connection, runs the same producer into an unlinked temporary
file and exits; the parent streams that file into the ZIP when it reaches the part. The bytes
are those of the producer: the pack stays byte-identical whichever process made them.

Not used inside a transaction (the child's connection would not see uncommitted rows, as in
the tests), where ``fork`` is missing, or below :data:`MIN_ROWS`; the part is then produced in
this process as before.
"""

import os
import signal
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator

from django.db import connections

#: Rows from which a part is worth a child process (forking and a temporary file cost ~0.1 s).
MIN_ROWS = 100_000

#: The parent's connections as the child inherited them: kept, never closed or collected (a
#: libpq ``PQfinish`` would end the parent's session), until the child's ``os._exit``.
_INHERITED: list = []


def possible(rows: int) -> bool:
    """Whether a part of ``rows`` rows should be produced by a child now."""
    return (
        rows >= MIN_ROWS
        and hasattr(os, "fork")
        and not any(c.in_atomic_block for c in connections.all(initialized_only=True))
    )


def _own_connections() -> None:
    """In the child: forget the inherited connections so that the next query opens its own."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _INHERITED.append(connection.connection)
            connection.connection = None


def _child(produce: Callable[[], Iterable[bytes]], fileno: int, status_fd: int) -> None:
    """The child's whole life: produce into ``fileno``, report on ``status_fd``, exit."""
    code = 1
    try:
        _own_connections()
        with open(fileno, "wb", closefd=False, buffering=0) as out:
            for chunk in produce():
                out.write(chunk)
        os.write(status_fd, b"ok")
        code = 0
    except BaseException as error:  # noqa: BLE001 (reported to the parent, which raises it)
        os.write(status_fd, f"{type(error).__name__}: {error}".encode()[:4000])
    finally:
        os._exit(code)


def _reap(pid: int, status_fd: int) -> None:
    """End a child whose part was never read (the build failed before it) and reap it."""
    os.close(status_fd)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass


class Spool:
    """A producer running in a child process; :meth:`chunks` streams its bytes once done."""

    def __init__(self, produce: Callable[[], Iterable[bytes]], *, name: str):
        self.name = name
        self.file = tempfile.TemporaryFile(prefix="cems-evidence-part-")  # noqa: SIM115 (closed by chunks)
        status_read, status_write = os.pipe()
        pid = os.fork()
        # the child's side: coverage restarts measuring in the child only for new frames (see
        # pyproject's patch = ["fork"]), so _child's lines count and these two cannot
        if pid == 0:  # pragma: no cover
            os.close(status_read)
            _child(produce, self.file.fileno(), status_write)
        os.close(status_write)
        self.pid, self.status_fd = pid, status_read
        self._reaper = weakref.finalize(self, _reap, pid, status_read)

    def _wait(self) -> None:
        message = b""
        while block := os.read(self.status_fd, 4096):
            message += block
        self._reaper.detach()
        os.close(self.status_fd)
        _, status = os.waitpid(self.pid, 0)
        if message != b"ok" or status != 0:
            self.file.close()
            raise RuntimeError(
                f"{self.name}: the process producing it failed "
                f"({message.decode(errors='replace') or f'exit status {status}'})"
            )

    def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        self._wait()
        with self.file:
            self.file.seek(0)
            while chunk := self.file.read(size):
                yield chunk


def in_child(produce: Callable[[], Iterable[bytes]], *, name: str) -> Callable[[], Iterator[bytes]]:
    """Start ``produce`` in a child now; return a producer of the same bytes for the part."""
    return Spool(produce, name=name).chunks
