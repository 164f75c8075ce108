"""The kernel client the notebook runners use: jupyter_client's, told that a kernel is ready by
an event instead of a fixed wait.

jupyter_client's `wait_for_ready` sends kernel_info until a reply comes, checks that IOPub is
connected, and then waits until IOPub has been silent for 0.2 s, to drop what the kernel said
while starting. Every kernel of a build paid those 0.2 s. The kernel says when it is done with
a request: its IOPub status `idle` for that request, which comes after everything the request
made it publish. So this client waits for the reply and then for that `idle` (what came before
it, the start-up's status messages included, is read and dropped): IOPub is connected and
quiet, as jupyter_client wants it, without the wait. A kernel publishes the `idle` of the first
request before the client's IOPub subscription has reached it (ZeroMQ's slow joiner) often enough
when two kernels start at once: that `idle` is lost, so the request is made again after
IDLE_WAIT, and the `idle` of any request asked so far counts. Imported only by the runner
(`reporting.execute.main`), which has jupyter_client imported already.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import DottedObjectName, Type

# Seconds for the `idle` of a replied kernel_info before asking again: the kernel sends it right
# after its reply, so a longer wait means it was lost (it was 2 s: 2 s more for one kernel in
# seven; asking again costs the kernel a millisecond).
IDLE_WAIT = 0.25
SHUTDOWN_POLL = 0.01  # seconds between looks at a kernel asked to shut down


class ReadyKernelClient(AsyncKernelClient):
    """AsyncKernelClient whose wait_for_ready ends on the kernel's `idle`, not on silence."""

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Wait until the kernel answers kernel_info and IOPub has brought that request's
        `idle`; RuntimeError if the kernel dies or `timeout` seconds pass first."""
        deadline = time.time() + (float("inf") if timeout is None else timeout)
        asked: set[str] = set()
        while True:
            asked.add(self.kernel_info())
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                if await self._idle_after(asked):
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    async def _idle_after(self, asked: set[str]) -> bool:
        """Read IOPub up to the `idle` status of one of the requests `asked` (False if none
        comes within IDLE_WAIT: IOPub was not connected yet, so the request is made again)."""
        until = time.monotonic() + IDLE_WAIT
        while (left := until - time.monotonic()) > 0:
            try:
                msg: dict[str, Any] = await self.iopub_channel.get_msg(timeout=left)
            except Empty:
                return False
            if (msg["msg_type"] == "status"
                    and msg["parent_header"].get("msg_id") in asked
                    and msg["content"].get("execution_state") == "idle"):
                return True
        return False


class ReadyKernelManager(AsyncKernelManager):
    """The kernel manager papermill is given: jupyter_client's, with ReadyKernelClient, and
    a shutdown that sees the kernel gone within SHUTDOWN_POLL seconds."""

    client_class = DottedObjectName("reporting.kernelclient.ReadyKernelClient")
    client_factory = Type(klass=ReadyKernelClient)

    async def _async_finish_shutdown(self, waittime: float | None = None,
                                     pollinterval: float = 0.1, restart: bool = False) -> None:
        """jupyter_client's wait for the kernel to exit after its shutdown request (then
        SIGTERM, then SIGKILL, as there), polling every SHUTDOWN_POLL seconds: at its 0.1 s a
        kernel that exits at once is seen gone only at the second look, 0.1 s after the
        request, and every notebook of a build waited that long."""
        await super()._async_finish_shutdown(waittime, min(pollinterval, SHUTDOWN_POLL),
                                             restart)
