#!/usr/bin/env python3
"""Smoke test of the POSIX reference agent: this script plays the suite (spec/PROTOCOL.md).

Usage: smoke_test.py AGENT_BINARY [--wrap "valgrind --error-exitcode=99 ..."] [--timeout-scale N]

It listens on a UNIX socket per participant, starts agents with the IPCSPEC_* variables, and
drives them through a session like the suite's, asserting each answer. Read top to bottom, the
test functions document what a session looks like on the wire.
Prints "N passed, M failed" and exits non-zero on any failure.
"""
import argparse
import base64
import json
import os
import shlex
import socket
import stat
import subprocess
import sys
import tempfile
import time
import traceback

CAPABILITIES = ["fifo", "fifo.create", "fifo.nonblocking", "fs.stat", "fs.unlink"]
SCALE = 1.0
WRAP = []
AGENT = None
TMP = None


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


class Agent:
    """One participant: its listening socket, its process and its control connection."""

    def __init__(self, participant, env_overrides=None, connect=True):
        self.participant = participant
        self.scratch = os.path.join(TMP, participant)
        os.makedirs(self.scratch, exist_ok=True)
        self.control_path = os.path.join(TMP, participant + ".sock")
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.control_path)
        self.listener.listen(1)
        env = dict(os.environ,
                   IPCSPEC_CONTROL=self.control_path,
                   IPCSPEC_PARTICIPANT=participant,
                   IPCSPEC_SCRATCH=self.scratch,
                   IPCSPEC_PROTOCOL="1")
        for k, v in (env_overrides or {}).items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        self.stderr_path = os.path.join(TMP, participant + ".stderr")
        self.started_ns = time.monotonic_ns()
        self.proc = subprocess.Popen(WRAP + [AGENT], cwd=self.scratch, env=env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=open(self.stderr_path, "wb"))
        self.conn = None
        self.buf = b""
        self.inbox = []  # messages received but not yet claimed
        self.next_id = 1
        if connect:
            self.listener.settimeout(10 * SCALE)
            self.conn, _ = self.listener.accept()
            self.hello = self.recv(10 * SCALE)

    def send_raw(self, line: bytes):
        self.conn.sendall(line)

    def send(self, op, args=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"type": "request", "id": rid, "op": op, "args": {} if args is None else args}
        self.send_raw(json.dumps(msg, separators=(",", ":")).encode() + b"\n")
        return rid

    def _read_line(self, deadline):
        while b"\n" not in self.buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self.conn.settimeout(remaining)
            try:
                chunk = self.conn.recv(1 << 20)
            except socket.timeout:
                return None
            if not chunk:
                raise EOFError(f"{self.participant}: control connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line

    def recv(self, timeout):
        """Next message, from the inbox first; None on timeout."""
        if self.inbox:
            return self.inbox.pop(0)
        line = self._read_line(time.monotonic() + timeout)
        if line is None:
            return None
        msg = json.loads(line)
        assert isinstance(msg.get("monotonicNs"), int), f"no monotonicNs in {msg}"
        return msg

    def wait_for(self, predicate, timeout):
        """First message matching predicate; others are kept for later."""
        deadline = time.monotonic() + timeout
        for i, m in enumerate(self.inbox):
            if predicate(m):
                return self.inbox.pop(i)
        while True:
            line = self._read_line(deadline)
            if line is None:
                return None
            msg = json.loads(line)
            assert isinstance(msg.get("monotonicNs"), int), f"no monotonicNs in {msg}"
            if predicate(msg):
                return msg
            self.inbox.append(msg)

    def response(self, rid, timeout=5.0):
        msg = self.wait_for(lambda m: m.get("type") == "response" and m.get("id") == rid,
                            timeout * SCALE)
        assert msg is not None, f"{self.participant}: no response to request {rid}"
        assert ("result" in msg) != ("error" in msg), f"exactly one of result/error: {msg}"
        return msg

    def is_pending(self, rid, wait=0.3):
        return self.wait_for(lambda m: m.get("type") == "response" and m.get("id") == rid,
                             wait) is None

    def call(self, op, args=None, timeout=5.0):
        return self.response(self.send(op, args), timeout)

    def ok(self, op, args=None, timeout=5.0):
        msg = self.call(op, args, timeout)
        assert "result" in msg, f"{op} {args}: expected a result, got {msg}"
        return msg["result"]

    def fails(self, op, args, code, timeout=5.0):
        msg = self.call(op, args, timeout)
        assert "error" in msg, f"{op} {args}: expected {code}, got {msg}"
        assert msg["error"]["code"] == code, f"{op} {args}: expected {code}, got {msg['error']}"
        assert isinstance(msg["error"].get("message"), str), msg
        return msg["error"]

    def log_event(self, timeout=5.0):
        msg = self.wait_for(lambda m: m.get("type") == "event", timeout * SCALE)
        assert msg is not None, f"{self.participant}: expected a log event"
        assert msg["event"] == "log" and isinstance(msg["data"]["text"], str), msg
        return msg["data"]["text"]

    def wait_exit(self, timeout=10.0):
        return self.proc.wait(timeout * SCALE)

    def shutdown(self):
        assert self.ok("shutdown") == {}
        status = self.wait_exit()
        assert status == 0, f"{self.participant}: exit status {status} after shutdown"
        self.close()

    def close(self):
        if self.conn:
            self.conn.close()
        self.listener.close()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stderr(self):
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")


# ---------------------------------------------------------------------------------------------
# the session; each test gets the two long-lived agents alice and bob


def test_hello(alice, bob):
    for agent in (alice, bob):
        h = agent.hello
        assert h["type"] == "hello" and h["protocol"] == 1, h
        assert h["participant"] == agent.participant, h
        assert h["pid"] == agent.proc.pid, h
        assert h["implementation"] == {"name": "ipcspec POSIX reference", "version": "0.1.0"}, h
        assert h["capabilities"] == CAPABILITIES, h
        # the agent reads the same CLOCK_MONOTONIC as time.monotonic_ns()
        assert agent.started_ns <= h["monotonicNs"] <= time.monotonic_ns(), h


def test_ping_and_process_info(alice, bob):
    assert alice.ok("ping") == {}
    info = alice.ok("process.info")
    assert info["pid"] == alice.proc.pid, info
    if not WRAP:
        assert info["ppid"] == os.getpid(), info
    assert info["uid"] == os.getuid(), info
    assert info["pgid"] == os.getpgid(alice.proc.pid), info
    assert info["sid"] == os.getsid(alice.proc.pid), info


def test_fifo_create_and_stat(alice, bob):
    for call in ("mkfifo", "mknod"):
        path = os.path.join(alice.scratch, "made-by-" + call)
        assert alice.ok("fifo.create", {"path": path, "mode": 0o600, "call": call}) == {}
        st = alice.ok("stat", {"path": path})
        assert st == {"type": "fifo", "size": 0, "mode": 0o600}, st
        assert stat.S_ISFIFO(os.stat(path).st_mode)
        alice.fails("fifo.create", {"path": path, "mode": 0o600, "call": call}, "EEXIST")
    # call defaults to mkfifo; the umask (022 here) clears bits as the call applies it
    path = os.path.join(alice.scratch, "default-call")
    alice.ok("fifo.create", {"path": path, "mode": 0o666})
    assert alice.ok("stat", {"path": path}) == {"type": "fifo", "size": 0, "mode": 0o644}
    assert alice.ok("stat", {"path": alice.scratch})["type"] == "directory"
    with open(os.path.join(alice.scratch, "plain"), "wb") as f:
        f.write(b"12345")
    assert alice.ok("stat", {"path": os.path.join(alice.scratch, "plain")})["size"] == 5
    alice.fails("fifo.create", {"path": "/nonexistent-dir/x", "mode": 0o600}, "ENOENT")
    alice.fails("fifo.create", {"path": path, "mode": 0o600, "call": "mkdir"}, "BAD_ARGS")
    alice.fails("fifo.create", {"path": path}, "BAD_ARGS")  # mode is required


def test_unlink(alice, bob):
    path = os.path.join(alice.scratch, "doomed")
    alice.ok("fifo.create", {"path": path, "mode": 0o600})
    assert alice.ok("unlink", {"path": path}) == {}
    alice.fails("stat", {"path": path}, "ENOENT")
    alice.fails("unlink", {"path": path}, "ENOENT")


def test_blocking_open_is_concurrent(alice, bob):
    """alice's open for reading blocks in the kernel; both agents keep answering meanwhile."""
    path = os.path.join(TMP, "chan")
    alice.ok("fifo.create", {"path": path, "mode": 0o600})
    rid = alice.send("fifo.open", {"path": path, "access": "read", "nonblocking": False})
    assert alice.is_pending(rid, 0.3 * SCALE), "open for reading without a writer returned"
    assert alice.ok("ping") == {}  # the same agent serves other requests
    assert bob.ok("ping") == {}
    assert alice.is_pending(rid, 0.05), "open completed with no writer"
    w = bob.ok("fifo.open", {"path": path, "access": "write"})["handle"]
    r = alice.response(rid)["result"]["handle"]
    test_blocking_open_is_concurrent.handles = (r, w)
    assert r.startswith("h") and w.startswith("h")


def test_write_read_eof(alice, bob):
    r, w = test_blocking_open_is_concurrent.handles
    assert bob.ok("write", {"handle": w, "data": b64(b"hello")}) == {"written": 5}
    assert alice.ok("read", {"handle": r, "max": 65536}) == {"data": b64(b"hello"), "eof": False}
    assert bob.ok("write", {"handle": w, "data": b64(b"abc"), "count": 3}) == {"written": 9}
    got = alice.ok("read", {"handle": r})  # max defaults to 65536
    assert unb64(got["data"]) == b"abcabcabc" and got["eof"] is False, got
    # one read(2) of at most max bytes
    bob.ok("write", {"handle": w, "data": b64(b"0123456789")})
    assert unb64(alice.ok("read", {"handle": r, "max": 4})["data"]) == b"0123"
    assert unb64(alice.ok("read", {"handle": r, "max": 100})["data"]) == b"456789"
    # every padding case of base64 both ways, and bytes that are not text
    for data in (b"", b"a", b"ab", b"abc", b"abcd", bytes(range(256))):
        assert bob.ok("write", {"handle": w, "data": b64(data)}) == {"written": len(data)}
        if data:
            assert alice.ok("read", {"handle": r})["data"] == b64(data)
    assert bob.ok("close", {"handle": w}) == {}
    bob.fails("write", {"handle": w, "data": b64(b"x")}, "BAD_ARGS")  # forgotten handle
    assert alice.ok("read", {"handle": r}) == {"data": "", "eof": True}
    assert alice.ok("close", {"handle": r}) == {}


def test_blocking_read_is_concurrent(alice, bob):
    path = os.path.join(TMP, "chan")
    rid = alice.send("fifo.open", {"path": path, "access": "read"})
    w = bob.ok("fifo.open", {"path": path, "access": "write"})["handle"]
    r = alice.response(rid)["result"]["handle"]
    rid = alice.send("read", {"handle": r})
    assert alice.is_pending(rid, 0.3 * SCALE), "read on an empty FIFO with a writer returned"
    assert alice.ok("ping") == {}  # the handle table is not locked by the blocked read
    assert alice.ok("stat", {"path": path})["type"] == "fifo"
    bob.ok("write", {"handle": w, "data": b64(b"late")})
    assert alice.response(rid)["result"] == {"data": b64(b"late"), "eof": False}
    bob.ok("close", {"handle": w})
    alice.ok("close", {"handle": r})


def test_nonblocking(alice, bob):
    path = os.path.join(TMP, "nb")
    alice.ok("fifo.create", {"path": path, "mode": 0o600, "call": "mknod"})
    bob.fails("fifo.open", {"path": path, "access": "write", "nonblocking": True}, "ENXIO")
    r = alice.ok("fifo.open", {"path": path, "access": "read", "nonblocking": True})["handle"]
    # a reader exists now, so a non-blocking open for writing succeeds
    w = bob.ok("fifo.open", {"path": path, "access": "write", "nonblocking": True})["handle"]
    alice.fails("read", {"handle": r}, "EAGAIN")  # empty, but a writer exists
    bob.ok("write", {"handle": w, "data": b64(b"x")})
    assert unb64(alice.ok("read", {"handle": r})["data"]) == b"x"
    alice.ok("close", {"handle": r})
    err = bob.fails("write", {"handle": w, "data": b64(b"y")}, "EPIPE")  # no reader left
    assert bob.proc.poll() is None, "the agent died of SIGPIPE"
    assert err["message"], err
    assert bob.ok("ping") == {}
    bob.ok("close", {"handle": w})


def test_nonblocking_full_pipe(alice, bob):
    """A non-blocking writer fills the FIFO: the count stops at the first error."""
    path = os.path.join(TMP, "nb")
    r = alice.ok("fifo.open", {"path": path, "access": "read", "nonblocking": True})["handle"]
    w = bob.ok("fifo.open", {"path": path, "access": "write", "nonblocking": True})["handle"]
    err = bob.fails("write", {"handle": w, "data": b64(b"z" * 4096), "count": 1000}, "EAGAIN")
    assert "after" in err["message"], err  # the bytes already accepted are told to people
    total = 0
    while True:
        msg = alice.call("read", {"handle": r, "max": 1 << 20})
        if "error" in msg:
            assert msg["error"]["code"] == "EAGAIN", msg
            break
        total += len(unb64(msg["result"]["data"]))
    assert total > 0 and total % 4096 == 0, total
    alice.ok("close", {"handle": r})
    bob.ok("close", {"handle": w})


def test_protocol_errors(alice, bob):
    alice.fails("no.such.op", {}, "UNSUPPORTED_OP")
    alice.fails("write", {"handle": "h999", "data": b64(b"x")}, "BAD_ARGS")
    alice.fails("write", {"handle": "bogus", "data": b64(b"x")}, "BAD_ARGS")
    alice.fails("read", {"handle": "h01"}, "BAD_ARGS")
    alice.fails("close", {"handle": 1}, "BAD_ARGS")
    alice.fails("read", {}, "BAD_ARGS")
    alice.fails("stat", {"path": 42}, "BAD_ARGS")
    alice.fails("fifo.open", {"path": "/x", "access": "readwrite"}, "BAD_ARGS")
    alice.fails("fifo.open", {"path": "/x", "access": "read", "nonblocking": "yes"}, "BAD_ARGS")
    for bad in ("aGk", "aGk=x", "a===", "aG=k", "!!!!"):
        alice.fails("write", {"handle": "h1", "data": bad}, "BAD_ARGS")
    alice.fails("write", {"handle": "h1", "data": "", "count": -1}, "BAD_ARGS")
    alice.fails("read", {"handle": "h1", "max": -1}, "BAD_ARGS")
    alice.send_raw(b'{"type":"request","id":9000,"op":"ping","args":[1]}\n')
    assert alice.response(9000)["error"]["code"] == "BAD_ARGS"
    alice.send_raw(b'{"type":"request","id":9002,"args":{}}\n')  # no op
    assert alice.response(9002)["error"]["code"] == "BAD_ARGS"
    # args may be omitted for an operation without arguments
    alice.send_raw(b'{"type":"request","id":9001,"op":"ping"}\n')
    assert alice.response(9001)["result"] == {}


def test_malformed_lines(alice, bob):
    alice.send_raw(b"this is not json\n")
    assert alice.log_event().startswith("malformed request"), "no log for a malformed line"
    alice.send_raw(b'{"type":"request","op":"ping","args":{}}\n')
    assert "id" in alice.log_event()
    alice.send_raw(b'{"type":"request","id":"7","op":"ping","args":{}}\n')
    assert "id" in alice.log_event()
    alice.send_raw(b"\n\r\n")  # blank lines are ignored
    # a request split over several sends, then two requests in one send
    alice.send_raw(b'{"type":"request","id":9100,')
    time.sleep(0.05)
    alice.send_raw(b'"op":"ping","args":{}}\n{"type":"request","id":9101,"op":"ping","args":{}}\n')
    assert alice.response(9100)["result"] == {}
    assert alice.response(9101)["result"] == {}
    assert alice.ok("ping") == {}
    assert alice.proc.poll() is None


def test_one_mib(alice, bob):
    """16 writes of 64 KiB in one request, read all on the other side; then one 1 MiB line."""
    path = os.path.join(TMP, "big")
    alice.ok("fifo.create", {"path": path, "mode": 0o600})
    rid = alice.send("fifo.open", {"path": path, "access": "read"})
    w = bob.ok("fifo.open", {"path": path, "access": "write"})["handle"]
    r = alice.response(rid)["result"]["handle"]
    chunk = os.urandom(64 * 1024)
    for count, data in ((16, chunk), (1, chunk * 16)):  # the second is a ~1.4 MB request line
        wid = bob.send("write", {"handle": w, "data": b64(data), "count": count})
        got = bytearray()
        while len(got) < len(data) * count:
            got += unb64(alice.ok("read", {"handle": r, "max": 1 << 20})["data"])
        assert bytes(got) == data * count, "the bytes read differ from the bytes written"
        assert bob.response(wid)["result"] == {"written": 1 << 20}
    bob.ok("close", {"handle": w})
    assert alice.ok("read", {"handle": r})["eof"] is True
    alice.ok("close", {"handle": r})


def test_responses_in_completion_order(alice, bob):
    """Blocked requests do not delay later ones: the answers come as each completes."""
    path = os.path.join(TMP, "order")
    alice.ok("fifo.create", {"path": path, "mode": 0o600})
    first = alice.send("fifo.open", {"path": path, "access": "read"})
    second = alice.send("ping")
    assert alice.response(second)["result"] == {}
    w = bob.ok("fifo.open", {"path": path, "access": "write"})["handle"]
    r = alice.response(first)["result"]["handle"]
    bob.ok("close", {"handle": w})
    alice.ok("close", {"handle": r})


def test_shutdown_with_pending_request(alice, bob):
    """A third agent shuts down while an open is still blocked in the kernel: still exits 0."""
    carol = Agent("carol")
    try:
        path = os.path.join(TMP, "never")
        carol.ok("fifo.create", {"path": path, "mode": 0o600})
        rid = carol.send("fifo.open", {"path": path, "access": "read"})
        assert carol.is_pending(rid, 0.2)
        carol.shutdown()
    finally:
        carol.close()


def test_exit_on_control_eof(alice, bob):
    dave = Agent("dave")
    try:
        dave.ok("ping")
        dave.conn.close()
        dave.conn = None
        assert dave.wait_exit() == 0
    finally:
        dave.close()


def test_startup_failures(alice, bob):
    eve = Agent("eve", {"IPCSPEC_PARTICIPANT": None}, connect=False)
    try:
        assert eve.wait_exit() == 2 and "IPCSPEC_PARTICIPANT" in eve.stderr()
    finally:
        eve.close()
    frank = Agent("frank", {"IPCSPEC_CONTROL": os.path.join(TMP, "nobody.sock")}, connect=False)
    try:
        assert frank.wait_exit() == 2 and frank.stderr()
    finally:
        frank.close()


def test_shutdown(alice, bob):
    for agent in (alice, bob):
        agent.shutdown()


TESTS = [
    test_hello,
    test_ping_and_process_info,
    test_fifo_create_and_stat,
    test_unlink,
    test_blocking_open_is_concurrent,
    test_write_read_eof,
    test_blocking_read_is_concurrent,
    test_nonblocking,
    test_nonblocking_full_pipe,
    test_protocol_errors,
    test_malformed_lines,
    test_one_mib,
    test_responses_in_completion_order,
    test_shutdown_with_pending_request,
    test_exit_on_control_eof,
    test_startup_failures,
    test_shutdown,  # last: it ends alice and bob
]


def main():
    global AGENT, WRAP, SCALE, TMP
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("agent", help="path of the agent binary")
    parser.add_argument("--wrap", default="", help="command prefix, e.g. valgrind")
    parser.add_argument("--timeout-scale", type=float, default=None)
    opts = parser.parse_args()
    AGENT = os.path.abspath(opts.agent)
    WRAP = shlex.split(opts.wrap)
    SCALE = opts.timeout_scale or (10.0 if WRAP else 1.0)
    os.umask(0o022)

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="ipcspec-smoke-") as TMP:
        alice = bob = None
        try:
            alice, bob = Agent("alice"), Agent("bob")
            for test in TESTS:
                try:
                    test(alice, bob)
                    passed += 1
                    print(f"PASS {test.__name__}")
                except Exception:
                    failed += 1
                    print(f"FAIL {test.__name__}")
                    traceback.print_exc(file=sys.stdout)
        finally:
            for agent in (alice, bob):
                if agent is not None:
                    agent.close()
                    err = agent.stderr()
                    if err.strip():
                        print(f"--- stderr of {agent.participant} ---\n{err}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
