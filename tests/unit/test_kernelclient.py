"""The runners' kernel client is ready on the kernel's `idle` for a kernel_info it asked, and
asks again when that `idle` is lost (IOPub not subscribed yet), without a long wait."""

from __future__ import annotations

import asyncio
from queue import Empty

import pytest

import reporting.kernelclient as kernelclient
from reporting.kernelclient import ReadyKernelClient


class _Channel:
    """A channel whose messages are handed in by the test."""

    def __init__(self) -> None:
        self.messages: list[dict] = []

    async def get_msg(self, timeout: float) -> dict:
        if self.messages:
            return self.messages.pop(0)
        await asyncio.sleep(min(timeout, 0.01))
        raise Empty


class _Kernel(ReadyKernelClient):
    """A kernel that replies to every kernel_info and publishes its `idle`, except that the
    `idle`s listed in `lost` never reach the client and those in `late` come one request
    later."""

    def __init__(self, lost: set[int] = frozenset(), late: set[int] = frozenset()) -> None:
        super().__init__()
        self.asked = 0
        self.lost, self.late = lost, late
        self.shell, self.iopub = _Channel(), _Channel()
        self.held: list[dict] = []
        self.ready_with: str | None = None

    @property
    def shell_channel(self):  # type: ignore[override]
        return self.shell

    @property
    def iopub_channel(self):  # type: ignore[override]
        return self.iopub

    def kernel_info(self) -> str:  # type: ignore[override]
        self.asked += 1
        msg_id = f"info-{self.asked}"
        self.shell.messages.append({"msg_type": "kernel_info_reply",
                                    "parent_header": {"msg_id": msg_id}, "content": {}})
        self.iopub.messages += self.held
        self.held = []
        idle = {"msg_type": "status", "parent_header": {"msg_id": msg_id},
                "content": {"execution_state": "idle"}}
        if self.asked in self.late:
            self.held.append(idle)
        elif self.asked not in self.lost:
            self.iopub.messages.append(idle)
        return msg_id

    async def _async_is_alive(self) -> bool:  # type: ignore[override]
        return True

    def _handle_kernel_info_reply(self, msg: dict) -> None:  # type: ignore[override]
        self.ready_with = msg["parent_header"]["msg_id"]


def test_ready_on_the_first_idle():
    kernel = _Kernel()
    asyncio.run(kernel.wait_for_ready(timeout=5))
    assert kernel.asked == 1 and kernel.ready_with == "info-1"


def test_a_lost_idle_is_asked_for_again():
    kernel = _Kernel(lost={1})
    asyncio.run(kernel.wait_for_ready(timeout=5))
    assert kernel.asked == 2


def test_the_late_idle_of_an_earlier_request_counts():
    kernel = _Kernel(late={1}, lost={2})  # the second ask brings the first's idle, not its own
    asyncio.run(kernel.wait_for_ready(timeout=5))
    assert kernel.asked == 2


def test_a_kernel_that_never_says_idle_fails_at_the_deadline(monkeypatch):
    monkeypatch.setattr(kernelclient, "IDLE_WAIT", 0.02)
    kernel = _Kernel(lost=set(range(1, 1000)))
    with pytest.raises(RuntimeError, match="didn't respond"):
        asyncio.run(kernel.wait_for_ready(timeout=0.1))
    assert kernel.asked >= 2  # it kept asking, IDLE_WAIT apart


def test_a_kernel_that_exits_at_once_is_seen_gone_within_the_shutdown_poll(monkeypatch):
    """After the shutdown request, jupyter_client looked at the kernel every 0.1 s: a kernel
    that exits at once was seen gone 0.1 s later, in every notebook of a build."""
    import time

    manager = kernelclient.ReadyKernelManager()
    looks: list[float] = []

    async def alive() -> bool:
        looks.append(time.monotonic())
        return len(looks) < 2  # alive at the first look, gone at the next

    monkeypatch.setattr(manager, "_async_is_alive", alive)
    asyncio.run(manager._async_finish_shutdown())
    assert len(looks) >= 2  # (jupyter_client looks once more when it has seen it gone)
    assert looks[1] - looks[0] < 0.08  # 0.1 s and more at jupyter_client's own interval
