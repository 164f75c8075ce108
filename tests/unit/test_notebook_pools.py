"""The build's thread pools end every thread of theirs before the build removes its work folder,
even a thread that Ctrl-C caught between being started and being recorded by its pool."""

from __future__ import annotations

import threading
import time

import pytest

import reporting.execute as execute
from reporting.run import notebook_pools


@pytest.fixture(autouse=True)
def _runs_allowed():
    yield
    execute.allow_runs()  # notebook_pools stops the runs on an interrupt


def test_an_interrupt_right_after_a_pool_thread_starts_still_waits_for_that_thread(monkeypatch):
    # CI (stop 28): ThreadPoolExecutor starts a worker thread, then records it; Ctrl-C landed in
    # between, the pool's shutdown did not wait for that thread, and it wrote a report into the
    # work folder after the build had removed it.
    rendered = threading.Event()
    real_start = threading.Thread.start

    def start_then_interrupt(self: threading.Thread) -> None:
        real_start(self)
        if "-render" in self.name:
            raise KeyboardInterrupt  # before the pool has recorded the thread

    monkeypatch.setattr(threading.Thread, "start", start_then_interrupt)
    with pytest.raises(KeyboardInterrupt), notebook_pools(2) as (_run, render):
        render.submit(lambda: (time.sleep(0.3), rendered.set()))
    assert rendered.is_set(), "the block was left while its render thread still worked"


def test_an_interrupt_drops_queued_work_and_refuses_new_notebooks():
    started: list[int] = []
    first = threading.Event()
    with pytest.raises(KeyboardInterrupt), notebook_pools(1) as (run, _render):
        for i in range(5):
            run.submit(lambda i=i: (started.append(i), first.set(), time.sleep(0.2)))
        assert first.wait(timeout=30)
        raise KeyboardInterrupt  # while the first runs
    assert started == [0], "queued notebooks ran after the interrupt"
    assert execute._STOPPING.is_set()  # a runner thread still starting will not start its child


def test_without_an_interrupt_every_submitted_job_runs_and_no_thread_is_left():
    done: list[int] = []
    with notebook_pools(2) as (run, render):
        futures = [run.submit(done.append, i) for i in range(4)] + [render.submit(done.append, 9)]
    assert all(f.done() for f in futures) and sorted(done) == [0, 1, 2, 3, 9]
    assert not [t for t in threading.enumerate() if t.name.startswith("liaoning-pool-")]
    assert not execute._STOPPING.is_set()
