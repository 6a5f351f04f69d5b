"""The forked producer of the evidence pack's large parts (6.3.3; cems_site/evidence/spool.py):
a part never read ends its child, and reaping a child that is already gone is quiet."""

import gc
import os
import time

import pytest

from cems_site.evidence import spool


def _fd_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _slow():
    time.sleep(120)
    yield b"never read"


def test_a_part_never_read_ends_its_child():
    spooled = spool.Spool(_slow, name="trace/results.csv")
    pid, status_fd = spooled.pid, spooled.status_fd
    assert pid != os.getpid()
    os.kill(pid, 0)  # the child is running
    started = time.monotonic()
    del spooled
    gc.collect()
    # killed and reaped at once, not after the producer's two minutes
    assert time.monotonic() - started < 30
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    assert not _fd_open(status_fd)


def test_reaping_a_child_already_gone_is_quiet():
    status_read, status_write = os.pipe()
    os.close(status_write)
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child's side)
        os._exit(0)
    os.waitpid(pid, 0)
    spool._reap(pid, status_read)  # no such process left: nothing to kill or wait for
    assert not _fd_open(status_read)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_a_small_part_stays_in_this_process():
    assert not spool.possible(spool.MIN_ROWS - 1)
