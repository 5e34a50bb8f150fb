"""A minimal Debug Adapter Protocol client over a subprocess's pipes.

Single-threaded on purpose: messages are read with select() + os.read() on
the caller's thread, so a measured round trip has no thread hand-off in it.
Responses are kept by request seq and events in arrival order; a caller
waits for either with a timeout and gets dap_timeout when it runs out.
"""

import collections
import json
import os
import select
import signal
import subprocess
import time

import proc_tree


class dap_error(Exception):
    """A response with success: false (the adapter's message is the text)."""

    def __init__(self, command, message):
        super().__init__(f"{command}: {message}")
        self.command = command
        self.message = message


class dap_timeout(Exception):
    pass


class adapter_exited(Exception):
    pass


class program_ended(Exception):
    """The debuggee exited or the session ended where a stop was expected."""


class client:
    def __init__(self, argv, log_path=None, env=None, cwd=None):
        self.argv = list(argv)
        self._log = open(log_path or os.devnull, "wb")
        try:
            # A session of its own so an adapter stuck in a syscall can be
            # killed with its helpers without touching the bench itself.
            self.proc = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._log,
                env=env,
                cwd=cwd,
                start_new_session=True,
            )
        except OSError:
            self._log.close()
            raise
        self._fd = self.proc.stdout.fileno()
        os.set_blocking(self._fd, False)
        self._buf = bytearray()
        self._seq = 1
        self._responses = {}
        self._events = collections.deque()
        self.outputs = []
        self._known_tree = {}

    @property
    def pid(self):
        return self.proc.pid

    # ---- sending

    def send(self, command, arguments=None):
        """Sends a request and returns its seq without waiting."""
        seq = self._seq
        self._seq += 1
        msg = {"seq": seq, "type": "request", "command": command}
        if arguments is not None:
            msg["arguments"] = arguments
        body = json.dumps(msg, separators=(",", ":")).encode()
        data = b"Content-Length: %d\r\n\r\n" % len(body) + body
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except BrokenPipeError as e:
            raise adapter_exited(f"adapter closed its input (exit code {self.proc.poll()})") from e
        return seq

    def request(self, command, arguments=None, timeout=30.0):
        """Sends a request and returns the response body; raises dap_error."""
        return self.wait_response(self.send(command, arguments), timeout)

    # ---- receiving

    def wait_response(self, seq, timeout=30.0):
        deadline = time.perf_counter() + timeout
        while seq not in self._responses:
            self._pump(deadline, f"response to request {seq}")
        msg = self._responses.pop(seq)
        if not msg.get("success", False):
            text = msg.get("message") or ""
            err = (msg.get("body") or {}).get("error")
            if isinstance(err, dict) and err.get("format"):
                text = f"{text}: {err['format']}" if text else err["format"]
            raise dap_error(msg.get("command", "?"), text or "success: false")
        return msg.get("body") or {}

    def wait_stop(self, timeout=30.0, seq=None):
        """Waits for a `stopped` event and, when `seq` is given, the response
        to that request too, in whichever order they come. A failed response
        raises at once instead of waiting out the timeout."""
        deadline = time.perf_counter() + timeout
        answered = seq is None
        while True:
            if not answered and seq in self._responses:
                self.wait_response(seq)
                answered = True
            for i, ev in enumerate(self._events):
                name = ev.get("event")
                if name in ("exited", "terminated"):
                    code = (ev.get("body") or {}).get("exitCode")
                    raise program_ended(f"got '{name}' (exit code {code}) instead of 'stopped'")
                if name == "stopped" and answered:
                    del self._events[i]
                    return ev
            self._pump(deadline, "'stopped'" if answered else f"response to request {seq}")

    def run_until_stop(self, command, arguments=None, timeout=30.0):
        """Sends a resuming request (continue, next, ...) and waits for the
        stop it causes; events received before it are dropped first."""
        self.clear_events()
        return self.wait_stop(timeout, self.send(command, arguments))

    def wait_event(self, name, timeout=30.0):
        """Removes and returns the first event called `name` (body included)."""
        deadline = time.perf_counter() + timeout
        while True:
            for i, ev in enumerate(self._events):
                if ev.get("event") == name:
                    del self._events[i]
                    return ev
            self._pump(deadline, f"event {name!r}")

    def poll_event(self, name):
        """The first pending event called `name`, or None, without reading."""
        for i, ev in enumerate(self._events):
            if ev.get("event") == name:
                del self._events[i]
                return ev
        return None

    def clear_events(self):
        """Drops events already received, so a wait only sees newer ones."""
        self._events.clear()

    def _pump(self, deadline, what):
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise dap_timeout(f"timed out waiting for {what}")
        ready, _, _ = select.select([self._fd], [], [], remaining)
        if not ready:
            raise dap_timeout(f"timed out waiting for {what}")
        chunk = os.read(self._fd, 1 << 20)
        if not chunk:
            code = self.proc.wait(timeout=5)
            raise adapter_exited(f"adapter exited (code {code}) while waiting for {what}")
        self._buf += chunk
        self._parse()

    def _parse(self):
        while True:
            end = self._buf.find(b"\r\n\r\n")
            if end < 0:
                return
            length = None
            for line in bytes(self._buf[:end]).split(b"\r\n"):
                key, _, value = line.partition(b":")
                if key.strip().lower() == b"content-length":
                    length = int(value)
            if length is None:
                raise ValueError(f"DAP header without Content-Length: {bytes(self._buf[:end])!r}")
            start = end + 4
            if len(self._buf) < start + length:
                return
            msg = json.loads(bytes(self._buf[start : start + length]))
            del self._buf[: start + length]
            self._dispatch(msg)

    def _dispatch(self, msg):
        kind = msg.get("type")
        if kind == "response":
            self._responses[msg.get("request_seq")] = msg
        elif kind == "event":
            if msg.get("event") == "output":
                self.outputs.append(msg.get("body") or {})
            else:
                self._events.append(msg)
        elif kind == "request":
            # Reverse requests (runInTerminal, startDebugging) are never
            # enabled by this client's initialize arguments; refuse politely.
            self.send_response(msg, success=False, message="not supported by the bench client")

    def send_response(self, req, success, message=None):
        seq = self._seq
        self._seq += 1
        msg = {
            "seq": seq,
            "type": "response",
            "request_seq": req.get("seq"),
            "command": req.get("command"),
            "success": success,
        }
        if message:
            msg["message"] = message
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    # ---- shutting down

    def remember_tree(self):
        """Notes the adapter's descendants (helpers, debuggee) for close()."""
        for p in proc_tree.descendants(self.proc.pid):
            self._known_tree[p] = proc_tree.start_time(p)

    def close(self, timeout=5.0):
        """disconnect (terminating the debuggee), then make sure every
        process of this session is gone and the adapter is reaped."""
        self.remember_tree()
        if self.proc.poll() is None:
            try:
                self.request("disconnect", {"terminateDebuggee": True}, timeout=timeout)
            except (dap_error, dap_timeout, adapter_exited, OSError, ValueError):
                pass  # the adapter is killed below either way
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=timeout)
        # Helpers and the debuggee may live in other process groups
        # (lldb-server starts the inferior in its own); kill only those we saw.
        for p, started in self._known_tree.items():
            if started is not None and proc_tree.start_time(p) == started:
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        try:
            self.proc.stdout.close()
        except OSError:
            pass
        self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
