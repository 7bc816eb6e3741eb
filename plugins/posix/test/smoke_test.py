#!/usr/bin/env python3
"""Smoke test of the POSIX reference agent: this script plays the suite (spec/PROTOCOL.md).

Usage: smoke_test.py AGENT_BINARY [--wrap "valgrind --error-exitcode=99 ..."] [--timeout-scale N]

It listens on a UNIX socket per participant, starts agents with the IPCSPEC_* variables, and
drives them through a session like the suite's, asserting each answer. Child participants are
started by an agent (process.spawn); the test only listens for their control connection.
Signals come from this process (kill(2), sigqueue(3) through ctypes) and from agents
(signal.send). Read top to bottom, the test functions document what a session looks like on
the wire.
Prints "N passed, M failed" and exits non-zero on any failure.
"""
import argparse
import array
import base64
import ctypes
import errno
import json
import os
import shlex
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import traceback

CAPABILITIES = ["fifo", "fifo.create", "fifo.nonblocking", "fs.stat", "fs.unlink",
                "pipe", "pipe.nonblocking", "handle.stat", "process.spawn", "process.inherit",
                "signal.catch", "signal.info", "signal.send", "signal.terminate", "signal.mask",
                "signal.queue", "socket.unix.stream", "socket.unix.datagram",
                "socket.inet.stream", "socket.inet.datagram", "socket.pair", "socket.peercred",
                "socket.rights", "fs.file", "shm.posix", "mmap", "mq.posix", "msg.sysv"]
DESCRIPTOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ipcspec-plugin.json")
SCALE = 1.0
WRAP = []
AGENT = None
TMP = None

LIBC = ctypes.CDLL(None, use_errno=True)
# union sigval is one machine word, passed like a long (x86-64 and AArch64 ABIs)
LIBC.sigqueue.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_long]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def sigqueue(pid, sig, value):
    """sigqueue(3) to another process: Python has no binding for it."""
    if LIBC.sigqueue(pid, int(sig), value) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def rt(n):
    """The number of SIGRTMIN+n, as the C library counts (what the agent's names mean)."""
    return int(signal.SIGRTMIN) + n


def status_mask(pid, field):
    """A signal set of /proc/PID/status (SigIgn, SigCgt, ShdPnd...) as a set of numbers; the C
    library's own signals (32 and 33) left out."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                bits = int(line.split()[1], 16)
                return {s for s in range(1, 65) if bits >> (s - 1) & 1 and s not in (32, 33)}
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def descriptors(pid):
    """{fd: (link target, close-on-exec)} of a process."""
    out = {}
    for name in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
            with open(f"/proc/{pid}/fdinfo/{name}") as f:
                flags = next(int(l.split()[1], 8) for l in f if l.startswith("flags:"))
        except FileNotFoundError:
            continue  # closed meanwhile
        out[int(name)] = (target, bool(flags & 0o2000000))
    return out


def assert_nothing_leaks(pid):
    """Every descriptor of an agent above 2 is close-on-exec, so none reaches a child unasked;
    its only socket is its own control connection."""
    fds = descriptors(pid)
    for fd, (target, cloexec) in fds.items():
        assert fd <= 2 or cloexec, f"pid {pid}: fd {fd} ({target}) is not close-on-exec"
    sockets = [t for t, _ in fds.values() if t.startswith("socket:")]
    assert len(sockets) == 1, f"pid {pid}: sockets {sockets}"


class Conn:
    """One participant as the suite sees it: its listening socket and its control connection."""

    def __init__(self, participant):
        self.participant = participant
        self.scratch = os.path.join(TMP, participant)
        os.makedirs(self.scratch, exist_ok=True)
        self.control_path = os.path.join(TMP, participant + ".sock")
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.control_path)
        self.listener.listen(1)
        self.conn = None
        self.buf = b""
        self.inbox = []  # messages received but not yet claimed
        self.next_id = 1
        self.seq = 0  # arrival order, kept in each message as "_seq"

    def accept(self):
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

    def _parse(self, line):
        msg = json.loads(line)
        assert isinstance(msg.get("monotonicNs"), int), f"no monotonicNs in {msg}"
        self.seq += 1
        msg["_seq"] = self.seq
        return msg

    def recv(self, timeout):
        """Next message, from the inbox first; None on timeout."""
        if self.inbox:
            return self.inbox.pop(0)
        line = self._read_line(time.monotonic() + timeout)
        return None if line is None else self._parse(line)

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
            msg = self._parse(line)
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

    def signal_event(self, timeout=5.0):
        """The next `signal` event's data, plus its arrival order (_seq) and time (_ns)."""
        msg = self.wait_for(lambda m: m.get("type") == "event" and m.get("event") == "signal",
                            timeout * SCALE)
        assert msg is not None, f"{self.participant}: expected a signal event"
        return dict(msg["data"], _seq=msg["_seq"], _ns=msg["monotonicNs"])

    def no_signal_event(self, wait=0.3):
        msg = self.wait_for(lambda m: m.get("type") == "event" and m.get("event") == "signal",
                            wait)
        assert msg is None, f"{self.participant}: unexpected signal event {msg}"

    def pipe(self):
        p = self.ok("pipe.create")
        return p["read"], p["write"]

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None
        self.listener.close()


class Agent(Conn):
    """A participant whose process the test starts, as the suite does."""

    def __init__(self, participant, env_overrides=None, connect=True, preexec_fn=None):
        super().__init__(participant)
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
                                     stderr=open(self.stderr_path, "wb"), preexec_fn=preexec_fn)
        self.pid = self.proc.pid
        if connect:
            self.accept()

    def wait_exit(self, timeout=10.0):
        return self.proc.wait(timeout * SCALE)

    def shutdown(self):
        assert self.ok("shutdown") == {}
        status = self.wait_exit()
        assert status == 0, f"{self.participant}: exit status {status} after shutdown"
        self.close()

    def close(self):
        super().close()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stderr(self):
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")


class Child(Conn):
    """A participant started by another agent's process.spawn; its stderr is its parent's."""

    def __init__(self, parent, participant, **spawn_args):
        super().__init__(participant)
        self.parent = parent
        try:
            self.spawned = parent.ok("process.spawn", dict(participant=participant,
                                                           control=self.control_path,
                                                           scratch=self.scratch, **spawn_args))
            self.pid = self.spawned["pid"]
            self.accept()
        except BaseException:
            self.close()
            raise

    def wait(self):
        """How it ended, as its parent's process.wait tells."""
        return self.parent.ok("process.wait", {"pid": self.pid}, timeout=10.0)

    def shutdown(self):
        assert self.ok("shutdown") == {}
        assert self.wait() == {"exitStatus": 0}
        self.close()

    def close(self):
        super().close()
        try:  # leave nothing behind; its parent reaps it
            os.kill(self.pid, signal.SIGKILL)
        except (ProcessLookupError, AttributeError):
            pass


# ---------------------------------------------------------------------------------------------
# the session; each test gets the two long-lived agents alice and bob


def test_hello(alice, bob):
    with open(DESCRIPTOR) as f:  # the descriptor claims what the agent says it can do
        assert json.load(f)["capabilities"] == CAPABILITIES
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


# ---------------------------------------------------------------------------------------------
# pipes and handles


def test_pipe_create(alice, bob):
    r, w = alice.pipe()
    assert r.startswith("h") and w.startswith("h") and r != w, (r, w)
    # an anonymous pipe is a FIFO to fstat(2): empty, rw for the owner (Linux)
    for h in (r, w):
        assert alice.ok("handle.stat", {"handle": h}) == {"type": "fifo", "size": 0, "mode": 0o600}
    assert alice.ok("write", {"handle": w, "data": b64(b"through"), "count": 2}) == {"written": 14}
    assert unb64(alice.ok("read", {"handle": r})["data"]) == b"throughthrough"
    rid = alice.send("read", {"handle": r})  # a blocking read does not hold up the agent
    assert alice.is_pending(rid, 0.3 * SCALE), "read of an empty pipe with a writer returned"
    assert alice.ok("ping") == {}
    alice.ok("write", {"handle": w, "data": b64(b"late")})
    assert alice.response(rid)["result"] == {"data": b64(b"late"), "eof": False}
    alice.ok("close", {"handle": w})
    assert alice.ok("read", {"handle": r}) == {"data": "", "eof": True}
    alice.ok("close", {"handle": r})
    alice.fails("handle.stat", {"handle": r}, "BAD_ARGS")  # closed: forgotten
    # the other direction: no reader left, and SIGPIPE is ignored until a scenario asks
    r, w = alice.pipe()
    alice.ok("close", {"handle": r})
    alice.fails("write", {"handle": w, "data": b64(b"x")}, "EPIPE")
    assert alice.proc.poll() is None and alice.ok("ping") == {}
    alice.no_signal_event(0.05)
    alice.ok("close", {"handle": w})
    alice.fails("handle.stat", {}, "BAD_ARGS")
    alice.fails("handle.stat", {"handle": "stdin"}, "BAD_ARGS")  # only a child has stdin
    assert_nothing_leaks(alice.pid)


def test_handle_stat_of_a_fifo(alice, bob):
    path = os.path.join(TMP, "statted")
    alice.ok("fifo.create", {"path": path, "mode": 0o640})
    r = alice.ok("fifo.open", {"path": path, "access": "read", "nonblocking": True})["handle"]
    assert alice.ok("handle.stat", {"handle": r}) == {"type": "fifo", "size": 0, "mode": 0o640}
    alice.ok("close", {"handle": r})


def test_handle_nonblocking(alice, bob):
    r, w = alice.pipe()
    assert alice.ok("handle.nonblocking", {"handle": r, "on": True}) == {}
    alice.fails("read", {"handle": r}, "EAGAIN")
    assert alice.ok("handle.nonblocking", {"handle": r, "on": False}) == {}
    rid = alice.send("read", {"handle": r})
    assert alice.is_pending(rid, 0.3 * SCALE), "O_NONBLOCK was not cleared"
    alice.ok("write", {"handle": w, "data": b64(b"!")})
    assert alice.response(rid)["result"]["data"] == b64(b"!")
    # a non-blocking writer: what fits, then a short write, then EAGAIN (pipe(7), 64 KiB)
    alice.ok("handle.nonblocking", {"handle": w, "on": True})
    assert alice.ok("write", {"handle": w, "data": b64(b"a" * 60000)}) == {"written": 60000}
    short = alice.ok("write", {"handle": w, "data": b64(b"b" * 10000), "count": 3})["written"]
    assert 0 < short < 10000, f"expected a short write of more than PIPE_BUF, got {short}"
    alice.fails("write", {"handle": w, "data": b64(b"c" * 100)}, "EAGAIN")  # atomic: nothing
    total = 0
    while total < 60000 + short:
        total += len(unb64(alice.ok("read", {"handle": r, "max": 1 << 20})["data"]))
    assert total == 60000 + short
    alice.fails("handle.nonblocking", {"handle": w}, "BAD_ARGS")  # on is required
    alice.fails("handle.nonblocking", {"handle": w, "on": 1}, "BAD_ARGS")
    alice.fails("handle.nonblocking", {"handle": "h999", "on": True}, "BAD_ARGS")
    alice.ok("close", {"handle": r})
    alice.ok("close", {"handle": w})


# ---------------------------------------------------------------------------------------------
# child participants


def test_spawn_with_pipes(alice, bob):
    kid = Child(alice, "kid", stdin="pipe", stdout="pipe")
    try:
        res = kid.spawned
        assert set(res) == {"pid", "stdin", "stdout"}, res
        assert kid.hello["participant"] == "kid" and kid.hello["pid"] == kid.pid, kid.hello
        assert kid.hello["capabilities"] == CAPABILITIES, kid.hello
        assert kid.ok("process.info")["ppid"] == alice.pid
        # the protocol's environment for a new participant, and its scratch as working directory
        assert os.readlink(f"/proc/{kid.pid}/cwd") == kid.scratch
        with open(f"/proc/{kid.pid}/environ", "rb") as f:
            env = dict(v.split(b"=", 1) for v in f.read().split(b"\0") if b"=" in v)
        assert env[b"IPCSPEC_CONTROL"] == kid.control_path.encode(), env
        assert env[b"IPCSPEC_PARTICIPANT"] == b"kid" and env[b"IPCSPEC_PROTOCOL"] == b"1", env
        assert env[b"IPCSPEC_SCRATCH"] == kid.scratch.encode(), env
        # parent -> child's stdin, child's stdout -> parent
        assert alice.ok("write", {"handle": res["stdin"], "data": b64(b"to kid")})["written"] == 6
        assert kid.ok("read", {"handle": "stdin"})["data"] == b64(b"to kid")
        kid.ok("write", {"handle": "stdout", "data": b64(b"to parent")})
        assert alice.ok("read", {"handle": res["stdout"]})["data"] == b64(b"to parent")
        assert kid.ok("handle.stat", {"handle": "stdin"})["type"] == "fifo"
        assert kid.ok("handle.stat", {"handle": "stdout"})["type"] == "fifo"
        # nothing else reached the child: not the parent's control socket, no other handle
        assert_nothing_leaks(kid.pid)
        kid_fds = descriptors(kid.pid)
        assert not kid_fds[0][1] and not kid_fds[1][1], "0 and 1 must survive the next exec"
        # nobody else holds the write end of the child's stdin: closing ours is its EOF
        alice.ok("close", {"handle": res["stdin"]})
        assert kid.ok("read", {"handle": "stdin"}) == {"data": "", "eof": True}
        assert kid.ok("close", {"handle": "stdin"}) == {}
        kid.fails("read", {"handle": "stdin"}, "BAD_ARGS")
        kid.shutdown()
        # the parent kept only its end of the child's stdout: EOF once the child is gone
        assert alice.ok("read", {"handle": res["stdout"]}) == {"data": "", "eof": True}
        alice.ok("close", {"handle": res["stdout"]})
    finally:
        kid.close()


def test_spawn_inherits_handles(alice, bob):
    r1, w1 = alice.pipe()
    r2, w2 = alice.pipe()
    heir = Child(alice, "heir", inherit=[w1, w1])  # listed twice: passed once
    grandkid = None
    try:
        assert set(heir.spawned) == {"pid"}, heir.spawned
        # the same name in the child, the same pipe
        heir.ok("write", {"handle": w1, "data": b64(b"inherited")})
        assert alice.ok("read", {"handle": r1})["data"] == b64(b"inherited")
        assert heir.ok("handle.stat", {"handle": w1})["type"] == "fifo"
        heir.fails("write", {"handle": w2, "data": b64(b"x")}, "BAD_ARGS")  # not passed on
        assert_nothing_leaks(heir.pid)
        # w2 did not leak into the child: closing ours is the reader's EOF at once
        alice.ok("close", {"handle": w2})
        assert alice.ok("read", {"handle": r2}) == {"data": "", "eof": True}
        alice.ok("close", {"handle": r2})
        # the child numbers its own handles after the inherited ones
        hr, hw = heir.pipe()
        assert w1 not in (hr, hw), (w1, hr, hw)
        # and passes an inherited handle on again: a grandchild under the same name
        grandkid = Child(heir, "grandkid", inherit=[w1])
        grandkid.ok("write", {"handle": w1, "data": b64(b"twice inherited")})
        assert alice.ok("read", {"handle": r1})["data"] == b64(b"twice inherited")
        grandkid.fails("read", {"handle": hr}, "BAD_ARGS")
        grandkid.shutdown()
        # the parent's copy stays open until closed; then the child's copy is the last writer
        alice.ok("close", {"handle": w1})
        rid = alice.send("read", {"handle": r1})
        assert alice.is_pending(rid, 0.2 * SCALE), "the child's inherited copy was not open"
        heir.ok("close", {"handle": w1})
        assert alice.response(rid)["result"] == {"data": "", "eof": True}
        alice.ok("close", {"handle": r1})
        heir.shutdown()
    finally:
        heir.close()
        if grandkid:
            grandkid.close()


def test_spawn_with_handles_as_stdio(alice, bob):
    r3, w3 = alice.pipe()
    r4, w4 = alice.pipe()
    kid = Child(alice, "plumbed", stdin=r3, stdout=w4)
    try:
        assert set(kid.spawned) == {"pid"}, kid.spawned
        alice.ok("write", {"handle": w3, "data": b64(b"in")})
        assert kid.ok("read", {"handle": "stdin"})["data"] == b64(b"in")
        kid.ok("write", {"handle": "stdout", "data": b64(b"out")})
        assert alice.ok("read", {"handle": r4})["data"] == b64(b"out")
        # handles passed on stay open in the parent
        assert alice.ok("handle.stat", {"handle": r3})["type"] == "fifo"
        alice.ok("close", {"handle": w3})
        assert kid.ok("read", {"handle": "stdin"}) == {"data": "", "eof": True}
        kid.shutdown()
        alice.ok("close", {"handle": w4})
        assert alice.ok("read", {"handle": r4}) == {"data": "", "eof": True}
        alice.ok("close", {"handle": r3})
        alice.ok("close", {"handle": r4})
    finally:
        kid.close()


def test_spawn_errors(alice, bob):
    base = {"participant": "never", "control": os.path.join(TMP, "never.sock"),
            "scratch": TMP}
    alice.fails("process.spawn", dict(base, scratch="/nonexistent-dir"), "ENOENT")
    for bad in ({"stdin": "h999"}, {"stdout": 1}, {"inherit": ["h999"]}, {"inherit": "h1"},
                {"inherit": ["stdin"]}):
        alice.fails("process.spawn", dict(base, **bad), "BAD_ARGS")
    for missing in ("participant", "control", "scratch"):
        alice.fails("process.spawn", {k: v for k, v in base.items() if k != missing}, "BAD_ARGS")
    assert_nothing_leaks(alice.pid)  # a failed spawn leaves no descriptor behind


def test_process_wait(alice, bob):
    kid = Child(alice, "mortal")
    try:
        rid = alice.send("process.wait", {"pid": kid.pid})
        assert alice.is_pending(rid, 0.3 * SCALE), "process.wait returned while the child runs"
        assert alice.ok("ping") == {}  # waitpid blocks its own request only
        os.kill(kid.pid, signal.SIGTERM)
        assert alice.response(rid)["result"] == {"signal": "SIGTERM", "core": False}
        alice.fails("process.wait", {"pid": kid.pid}, "ECHILD")  # already waited for
    finally:
        kid.close()
    alice.fails("process.wait", {"pid": bob.pid}, "ECHILD")  # not alice's child
    alice.fails("process.wait", {"pid": 0}, "BAD_ARGS")
    alice.fails("process.wait", {}, "BAD_ARGS")
    quitter = Child(alice, "quitter")
    try:  # end of file on its control connection: it exits with status 0
        quitter.conn.close()
        quitter.conn = None
        # its parent reaps it at once: no zombie lingers for whoever watches the pid
        deadline = time.monotonic() + 5 * SCALE
        while os.path.exists(f"/proc/{quitter.pid}") and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not os.path.exists(f"/proc/{quitter.pid}"), "the ended child is still a zombie"
        assert quitter.wait() == {"exitStatus": 0}  # the status is kept for process.wait
        alice.fails("process.wait", {"pid": quitter.pid}, "ECHILD")  # once
    finally:
        quitter.close()
    twice = Child(alice, "waited-twice")
    try:  # two waits at once: one gets the status, the other ECHILD, as with waitpid(2)
        rids = [alice.send("process.wait", {"pid": twice.pid}) for _ in range(2)]
        assert all(alice.is_pending(rid, 0.1) for rid in rids)
        os.kill(twice.pid, signal.SIGKILL)
        msgs = [alice.response(rid) for rid in rids]
        results = [m["result"] for m in msgs if "result" in m]
        errors = [m["error"]["code"] for m in msgs if "error" in m]
        assert results == [{"signal": "SIGKILL", "core": False}] and errors == ["ECHILD"], msgs
    finally:
        twice.close()


# ---------------------------------------------------------------------------------------------
# signals; each test starts fresh agents so that alice and bob keep their clean state


def test_signal_initial_state(alice, bob):
    """An agent blocks and catches nothing until asked, whatever it inherited; it ignores
    SIGPIPE only."""
    def dirty():  # what a background job or a careless parent leaves behind
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGUSR2, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
    a = Agent("fresh", preexec_fn=dirty)
    try:
        if not WRAP:  # valgrind catches every signal itself
            assert status_mask(a.pid, "SigIgn") == {signal.SIGPIPE}
            assert status_mask(a.pid, "SigCgt") == set()
        assert a.ok("signal.pending") == {"signals": []}
        os.kill(a.pid, signal.SIGUSR1)  # inherited blocked: no longer; default action: death
        assert a.wait_exit() == -signal.SIGUSR1
    finally:
        a.close()


def test_signal_catch_and_info(alice, bob):
    a = Agent("catcher")
    try:
        # valgrind keeps SIGRTMAX for itself (EINVAL) and catches every signal
        for sig in ("SIGUSR1", "SIGRTMIN", "SIGRTMIN+2") + (() if WRAP else ("SIGRTMAX",)):
            assert a.ok("signal.handle", {"signal": sig, "action": "catch"}) == {}
        if not WRAP:
            assert status_mask(a.pid, "SigCgt") == {signal.SIGUSR1, rt(0), rt(2),
                                                    int(signal.SIGRTMAX)}
        os.kill(a.pid, signal.SIGUSR1)
        ev = a.signal_event()
        assert (ev["signal"], ev["senderPid"], ev["code"]) == ("SIGUSR1", os.getpid(), "SI_USER")
        assert "value" not in ev, ev
        sigqueue(a.pid, signal.SIGUSR1, 42)
        ev = a.signal_event()
        assert (ev["signal"], ev["code"], ev["value"]) == ("SIGUSR1", "SI_QUEUE", 42), ev
        assert ev["senderPid"] == os.getpid()
        sigqueue(a.pid, rt(2), 7)
        ev = a.signal_event()
        assert (ev["signal"], ev["value"]) == ("SIGRTMIN+2", 7), ev
        os.kill(a.pid, rt(0))
        assert a.signal_event()["signal"] == "SIGRTMIN"
        if not WRAP:  # reported as SIGRTMIN+N, like every real-time signal but the first
            os.kill(a.pid, signal.SIGRTMAX)
            assert a.signal_event()["signal"] == f"SIGRTMIN+{int(signal.SIGRTMAX) - rt(0)}"
        # another agent's signal.send: its pid as the sender, a negative value intact
        assert bob.ok("signal.send", {"pid": a.pid, "signal": "SIGUSR1", "value": -5}) == {}
        ev = a.signal_event()
        assert (ev["senderPid"], ev["code"], ev["value"]) == (bob.pid, "SI_QUEUE", -5), ev
        a.no_signal_event()  # each delivery once
        # ignore: nothing reported, nothing happens
        a.ok("signal.handle", {"signal": "SIGUSR2", "action": "ignore"})
        os.kill(a.pid, signal.SIGUSR2)
        a.no_signal_event(0.2)
        assert a.ok("ping") == {}
        # what cannot be caught, and what is not a signal
        a.fails("signal.handle", {"signal": "SIGKILL", "action": "catch"}, "EINVAL")
        a.fails("signal.handle", {"signal": "SIGSTOP", "action": "ignore"}, "EINVAL")
        for bad in ({"signal": "SIGFOO", "action": "catch"}, {"signal": "USR1", "action": "catch"},
                    {"signal": "SIGRTMIN+99", "action": "catch"},
                    {"signal": "SIGRTMIN+0", "action": "catch"}, {"signal": 10, "action": "catch"},
                    {"signal": "0", "action": "catch"}, {"signal": "SIGUSR1", "action": "trap"},
                    {"signal": "SIGUSR1"}):
            a.fails("signal.handle", bad, "BAD_ARGS")
        # back to the default action: it really acts
        a.ok("signal.handle", {"signal": "SIGUSR1", "action": "default"})
        os.kill(a.pid, signal.SIGUSR1)
        assert a.wait_exit() == -signal.SIGUSR1
    finally:
        a.close()


def test_signal_mask(alice, bob):
    """Blocked signals stay pending for the process; unblocking delivers them before the answer,
    standard ones once, real-time ones each, in the kernel's order."""
    a = Agent("masked")
    try:
        for sig in ("SIGUSR1", "SIGUSR2", "SIGRTMIN+1"):
            a.ok("signal.handle", {"signal": sig, "action": "catch"})
        # SIGKILL and SIGSTOP are silently left out, as by sigprocmask(2)
        assert a.ok("signal.block", {"signals": ["SIGRTMIN+1", "SIGUSR1", "SIGUSR2", "SIGKILL",
                                                 "SIGSTOP"]}) == {}
        for _ in range(3):
            os.kill(a.pid, signal.SIGUSR1)
        for value in (1, 2, 3):
            sigqueue(a.pid, rt(1), value)
        os.kill(a.pid, signal.SIGUSR2)
        a.no_signal_event(0.3)
        assert a.ok("signal.pending") == {"signals": ["SIGUSR1", "SIGUSR2", "SIGRTMIN+1"]}
        assert status_mask(a.pid, "ShdPnd") == {signal.SIGUSR1, signal.SIGUSR2, rt(1)}
        rid = a.send("signal.unblock", {"signals": ["SIGUSR1", "SIGUSR2", "SIGRTMIN+1"]})
        resp = a.response(rid)
        assert resp["result"] == {}
        evs = [a.signal_event() for _ in range(5)]
        got = [(e["signal"], e.get("value")) for e in evs]
        assert got == [("SIGUSR1", None), ("SIGUSR2", None), ("SIGRTMIN+1", 1),
                       ("SIGRTMIN+1", 2), ("SIGRTMIN+1", 3)], got
        for e in evs:  # delivered, and reported, before unblock answered
            assert e["_seq"] < resp["_seq"] and e["_ns"] <= resp["monotonicNs"], (e, resp)
        a.no_signal_event()
        assert a.ok("signal.pending") == {"signals": []}
        # unblocking part of the mask delivers that part only
        a.ok("signal.block", {"signals": ["SIGUSR1", "SIGUSR2"]})
        os.kill(a.pid, signal.SIGUSR1)
        os.kill(a.pid, signal.SIGUSR2)
        a.ok("signal.unblock", {"signals": ["SIGUSR2"]})
        assert a.signal_event()["signal"] == "SIGUSR2"
        a.no_signal_event(0.2)
        assert a.ok("signal.pending") == {"signals": ["SIGUSR1"]}
        a.ok("signal.unblock", {"signals": ["SIGUSR1", "SIGHUP"]})  # not blocked: no matter
        assert a.signal_event()["signal"] == "SIGUSR1"
        for bad in ({}, {"signals": "SIGUSR1"}, {"signals": ["SIGUSR1", "SIGNOPE"]},
                    {"signals": [10]}):
            a.fails("signal.block", bad, "BAD_ARGS")
            a.fails("signal.unblock", bad, "BAD_ARGS")
        # SIGKILL was never blocked
        os.kill(a.pid, signal.SIGKILL)
        assert a.wait_exit() == -signal.SIGKILL
    finally:
        a.close()


def test_signal_ignore_discards_pending(alice, bob):
    a = Agent("discarding")
    try:
        a.ok("signal.block", {"signals": ["SIGUSR2"]})
        os.kill(a.pid, signal.SIGUSR2)
        assert a.ok("signal.pending") == {"signals": ["SIGUSR2"]}
        a.ok("signal.handle", {"signal": "SIGUSR2", "action": "ignore"})  # POSIX: discarded
        assert a.ok("signal.pending") == {"signals": []}
        os.kill(a.pid, signal.SIGUSR2)  # blocked and ignored: Linux keeps it pending
        assert a.ok("signal.pending") == {"signals": ["SIGUSR2"]}
        a.ok("signal.unblock", {"signals": ["SIGUSR2"]})
        assert a.ok("signal.pending") == {"signals": []}
        assert a.proc.poll() is None
        a.shutdown()
    finally:
        a.close()


def test_signal_default_terminates(alice, bob):
    a = Agent("terminated")
    try:
        a.ok("signal.block", {"signals": ["SIGTERM"]})
        os.kill(a.pid, signal.SIGTERM)
        time.sleep(0.1)
        assert a.proc.poll() is None, "a blocked SIGTERM acted"
        assert a.ok("signal.pending") == {"signals": ["SIGTERM"]}
        a.send("signal.unblock", {"signals": ["SIGTERM"]})  # no answer: the agent dies first
        assert a.wait_exit() == -signal.SIGTERM
    finally:
        a.close()


def test_signal_send(alice, bob):
    a = Agent("sender")
    victim = subprocess.Popen(["sleep", "60"])
    try:
        assert a.ok("signal.send", {"pid": bob.pid, "signal": "0"}) == {}
        assert a.ok("signal.send", {"pid": bob.pid, "signal": 0}) == {}
        a.ok("signal.send", {"pid": victim.pid, "signal": "SIGTERM"})
        assert victim.wait(5) == -signal.SIGTERM
        a.fails("signal.send", {"pid": victim.pid, "signal": "0"}, "ESRCH")  # reaped: gone
        victim = subprocess.Popen(["sleep", "60"])
        a.ok("signal.send", {"pid": victim.pid, "signal": "SIGKILL"})
        assert victim.wait(5) == -signal.SIGKILL
        victim = subprocess.Popen(["sleep", "60"])
        a.ok("signal.send", {"pid": victim.pid, "signal": "SIGRTMIN+3", "value": 5})
        assert victim.wait(5) == -rt(3)  # a real-time signal's default action terminates
        if os.getuid() != 0:
            a.fails("signal.send", {"pid": 1, "signal": "0"}, "EPERM")
        for bad in ({"signal": "SIGTERM"}, {"pid": bob.pid}, {"pid": bob.pid, "signal": "TERM"},
                    {"pid": bob.pid, "signal": 15}, {"pid": bob.pid, "signal": "SIGUSR1",
                                                     "value": "1"}):
            a.fails("signal.send", bad, "BAD_ARGS")
        # to itself: an unblocked signal is handled before kill(2) returns, so before the answer
        a.ok("signal.handle", {"signal": "SIGUSR1", "action": "catch"})
        a.ok("signal.handle", {"signal": "SIGRTMIN+3", "action": "catch"})
        for args in ({"pid": a.pid, "signal": "SIGUSR1"},
                     {"pid": a.pid, "signal": "SIGRTMIN+3", "value": 99}):
            rid = a.send("signal.send", args)
            resp = a.response(rid)
            assert resp["result"] == {}, resp
            ev = a.signal_event(0)  # already there
            assert ev["signal"] == args["signal"] and ev["senderPid"] == a.pid, ev
            assert ev["code"] == ("SI_QUEUE" if "value" in args else "SI_USER"), ev
            assert ev.get("value") == args.get("value") and ev["_seq"] < resp["_seq"], ev
        a.shutdown()
    finally:
        a.close()
        if victim.poll() is None:
            victim.kill()
            victim.wait()


def test_sigpipe(alice, bob):
    """SIGPIPE of a write to a pipe without reader: caught, blocked, and (in a child) fatal."""
    a = Agent("piper")
    doomed = None
    try:
        a.ok("signal.handle", {"signal": "SIGPIPE", "action": "catch"})
        r, w = a.pipe()
        a.ok("close", {"handle": r})
        rid = a.send("write", {"handle": w, "data": b64(b"x")})
        resp = a.response(rid)
        assert resp["error"]["code"] == "EPIPE", resp
        ev = a.signal_event(0)  # the handler ran before write returned
        assert (ev["signal"], ev["code"], ev["senderPid"]) == ("SIGPIPE", "SI_USER", a.pid), ev
        assert ev["_seq"] < resp["_seq"], (ev, resp)
        # blocked: the write fails, the signal waits for the process
        a.ok("signal.block", {"signals": ["SIGPIPE"]})
        a.fails("write", {"handle": w, "data": b64(b"x")}, "EPIPE")
        a.no_signal_event(0.2)
        assert a.ok("signal.pending") == {"signals": ["SIGPIPE"]}
        a.ok("signal.unblock", {"signals": ["SIGPIPE"]})
        assert a.signal_event(0)["signal"] == "SIGPIPE"
        a.no_signal_event()
        a.ok("close", {"handle": w})
        # the default action, in a child that writes to its stdout nobody reads
        doomed = Child(a, "doomed", stdout="pipe")
        a.ok("close", {"handle": doomed.spawned["stdout"]})
        doomed.ok("signal.handle", {"signal": "SIGPIPE", "action": "default"})
        doomed.send("write", {"handle": "stdout", "data": b64(b"x")})  # never answered
        assert doomed.wait() == {"signal": "SIGPIPE", "core": False}
        a.shutdown()
    finally:
        a.close()
        if doomed:
            doomed.close()


def test_child_starts_clean(alice, bob):
    """A child starts with default actions and an empty mask, whatever its parent set."""
    parent = Agent("strict-parent")
    kid = None
    try:
        parent.ok("signal.handle", {"signal": "SIGUSR1", "action": "catch"})
        parent.ok("signal.handle", {"signal": "SIGUSR2", "action": "ignore"})
        parent.ok("signal.block", {"signals": ["SIGUSR2", "SIGTERM", "SIGHUP"]})
        kid = Child(parent, "clean-kid")
        assert status_mask(kid.pid, "SigIgn") == {signal.SIGPIPE}  # not under valgrind: exec'd
        assert status_mask(kid.pid, "SigCgt") == set()
        assert kid.ok("signal.pending") == {"signals": []}
        assert_nothing_leaks(kid.pid)  # the parent's signal pipes stayed with the parent
        parent.ok("signal.handle", {"signal": "SIGCHLD", "action": "catch"})
        os.kill(kid.pid, signal.SIGUSR2)  # neither ignored nor blocked in the child
        assert kid.wait() == {"signal": "SIGUSR2", "core": False}
        ev = parent.signal_event()  # the kernel tells the parent how its child ended
        assert (ev["signal"], ev["code"], ev["senderPid"]) == ("SIGCHLD", "CLD_KILLED", kid.pid), ev
        parent.no_signal_event(0.1)
        parent.shutdown()
    finally:
        parent.close()
        if kid:
            kid.close()


# ---------------------------------------------------------------------------------------------
# sockets


def unix_addr(path):
    return {"family": "unix", "path": path}


def inet_addr(port, host="127.0.0.1"):
    return {"family": "inet", "host": host, "port": port}


def new_socket(agent, domain, type_):
    return agent.ok("socket.create", {"domain": domain, "type": type_})["handle"]


def remove_path(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def test_unix_stream(alice, bob):
    """listen/accept/connect over a path; data both ways; credentials; shutdown is end-of-file."""
    path = os.path.join(TMP, "stream.sock")
    try:
        srv = new_socket(alice, "unix", "stream")
        assert alice.ok("socket.bind", {"handle": srv, "address": unix_addr(path)}) == \
            {"address": unix_addr(path)}
        assert alice.ok("stat", {"path": path})["type"] == "socket"
        assert alice.ok("socket.listen", {"handle": srv}) == {}  # backlog defaults to 16
        rid = alice.send("socket.accept", {"handle": srv})
        assert alice.is_pending(rid, 0.3 * SCALE), "accept returned without a client"
        assert alice.ok("ping") == {}  # the blocked accept holds up nothing
        cli = new_socket(bob, "unix", "stream")
        assert bob.ok("socket.connect", {"handle": cli, "address": unix_addr(path)}) == {}
        acc = alice.response(rid)["result"]
        conn = acc["handle"]
        assert acc["peer"] == unix_addr(""), acc  # the client is unnamed
        assert bob.ok("socket.address", {"handle": cli}) == {"local": unix_addr(""),
                                                             "peer": unix_addr(path)}
        assert alice.ok("socket.address", {"handle": conn}) == {"local": unix_addr(path),
                                                                "peer": unix_addr("")}
        assert alice.ok("socket.address", {"handle": srv}) == {"local": unix_addr(path)}
        assert alice.ok("handle.stat", {"handle": conn})["type"] == "socket"
        # bob -> alice with write, alice -> bob with socket.send; read and socket.receive
        assert bob.ok("write", {"handle": cli, "data": b64(b"hello")}) == {"written": 5}
        got = alice.ok("socket.receive", {"handle": conn})
        assert unb64(got["data"]) == b"hello" and got["truncated"] is False, got
        assert got["eof"] is False, got
        assert alice.ok("socket.send", {"handle": conn, "data": b64(b"back")}) == {"sent": 4}
        assert bob.ok("read", {"handle": cli}) == {"data": b64(b"back"), "eof": False}
        # SO_PEERCRED: each side sees the other agent's process
        cred = alice.ok("socket.peercred", {"handle": conn})
        assert cred == {"pid": bob.pid, "uid": os.getuid(), "gid": os.getgid()}, cred
        assert bob.ok("socket.peercred", {"handle": cli})["pid"] == alice.pid
        # a receive blocks its own request only
        rid = alice.send("socket.receive", {"handle": conn, "max": 3})
        assert alice.is_pending(rid, 0.2 * SCALE)
        assert alice.ok("ping") == {}
        bob.ok("socket.send", {"handle": cli, "data": b64(b"abcdef")})
        assert unb64(alice.response(rid)["result"]["data"]) == b"abc"  # a stream: no loss
        assert unb64(alice.ok("socket.receive", {"handle": conn})["data"]) == b"def"
        # bob shuts his writing down: alice reads end-of-file, and can still talk to him
        assert bob.ok("socket.shutdown", {"handle": cli, "how": "write"}) == {}
        got = alice.ok("socket.receive", {"handle": conn})
        assert got["data"] == "" and got["eof"] is True, got
        assert alice.ok("read", {"handle": conn}) == {"data": "", "eof": True}
        alice.ok("write", {"handle": conn, "data": b64(b"still")})
        assert unb64(bob.ok("socket.receive", {"handle": cli})["data"]) == b"still"
        bob.fails("socket.send", {"handle": cli, "data": b64(b"x")}, "EPIPE")
        # bob goes: alice's writes fail with EPIPE, and she does not die of SIGPIPE
        bob.ok("close", {"handle": cli})
        alice.fails("socket.send", {"handle": conn, "data": b64(b"x")}, "EPIPE")
        alice.fails("write", {"handle": conn, "data": b64(b"x")}, "EPIPE")
        assert alice.proc.poll() is None and alice.ok("ping") == {}
        alice.no_signal_event(0.05)
        alice.ok("close", {"handle": conn})
        alice.ok("close", {"handle": srv})
        assert os.path.exists(path), "close removed the socket's path"
        late = new_socket(bob, "unix", "stream")
        bob.fails("socket.connect", {"handle": late, "address": unix_addr(path)}, "ECONNREFUSED")
        bob.ok("close", {"handle": late})
    finally:
        remove_path(path)


def test_tcp_loopback(alice, bob):
    srv = new_socket(alice, "inet", "stream")
    bound = alice.ok("socket.bind", {"handle": srv, "address": inet_addr(0)})["address"]
    port = bound["port"]
    assert bound == inet_addr(port) and 0 < port < 65536, bound
    alice.ok("socket.listen", {"handle": srv, "backlog": 4})
    cli = new_socket(bob, "inet", "stream")
    rid = alice.send("socket.accept", {"handle": srv})
    bob.ok("socket.connect", {"handle": cli, "address": inet_addr(port)})
    acc = alice.response(rid)["result"]
    conn = acc["handle"]
    mine = bob.ok("socket.address", {"handle": cli})
    assert mine["peer"] == inet_addr(port) and acc["peer"] == mine["local"], (acc, mine)
    assert mine["local"]["port"] not in (0, port), mine
    for sender, s, receiver, r, data in ((bob, cli, alice, conn, b"ping over tcp"),
                                         (alice, conn, bob, cli, bytes(range(256)))):
        assert sender.ok("socket.send", {"handle": s, "data": b64(data)}) == {"sent": len(data)}
        got = bytearray()
        while len(got) < len(data):
            got += unb64(receiver.ok("socket.receive", {"handle": r})["data"])
        assert bytes(got) == data
    # non-blocking: an empty receive answers EAGAIN
    alice.ok("handle.nonblocking", {"handle": conn, "on": True})
    alice.fails("socket.receive", {"handle": conn}, "EAGAIN")
    alice.fails("socket.accept", {"handle": conn}, "EINVAL")  # not a listening socket
    bob.ok("close", {"handle": cli})
    alice.ok("handle.nonblocking", {"handle": conn, "on": False})
    assert alice.ok("socket.receive", {"handle": conn})["eof"] is True
    # the port is taken while the listener lives: EADDRINUSE; a connect to a closed port: refused
    other = new_socket(bob, "inet", "stream")
    bob.fails("socket.bind", {"handle": other, "address": inet_addr(port)}, "EADDRINUSE")
    alice.ok("close", {"handle": conn})
    alice.ok("close", {"handle": srv})
    bob.fails("socket.connect", {"handle": other, "address": inet_addr(port)}, "ECONNREFUSED")
    bob.ok("close", {"handle": other})


def test_datagrams(alice, bob):
    """UDP and UNIX datagrams keep their boundaries, name their sender, and say when cut."""
    apath, bpath = os.path.join(TMP, "a.dgram"), os.path.join(TMP, "b.dgram")
    try:
        for domain, a_addr, b_addr in (("inet", inet_addr(0), inet_addr(0)),
                                       ("unix", unix_addr(apath), unix_addr(bpath))):
            a = new_socket(alice, domain, "datagram")
            b = new_socket(bob, domain, "datagram")
            a_addr = alice.ok("socket.bind", {"handle": a, "address": a_addr})["address"]
            b_addr = bob.ok("socket.bind", {"handle": b, "address": b_addr})["address"]
            for data in (b"one", b"three-long", b""):
                assert bob.ok("socket.send", {"handle": b, "data": b64(data), "to": a_addr}) == \
                    {"sent": len(data)}
            got = alice.ok("socket.receive", {"handle": a})
            assert got == {"data": b64(b"one"), "from": b_addr, "truncated": False,
                           "eof": False}, got
            got = alice.ok("socket.receive", {"handle": a, "max": 4})  # the rest is lost
            assert got["data"] == b64(b"thre") and got["truncated"] is True, got
            got = alice.ok("socket.receive", {"handle": a})  # an empty datagram is no EOF
            assert got == {"data": "", "from": b_addr, "truncated": False, "eof": False}, got
            # connect sets the default destination: send without `to`
            alice.fails("socket.send", {"handle": a, "data": b64(b"x")},
                        "EDESTADDRREQ" if domain == "inet" else "ENOTCONN")
            alice.ok("socket.connect", {"handle": a, "address": b_addr})
            alice.ok("socket.send", {"handle": a, "data": b64(b"reply")})
            got = bob.ok("socket.receive", {"handle": b})
            assert got["data"] == b64(b"reply") and got["from"] == a_addr, got
            assert alice.ok("socket.address", {"handle": a}) == {"local": a_addr, "peer": b_addr}
            alice.ok("close", {"handle": a})
            bob.ok("close", {"handle": b})
        # too big for one datagram
        u = new_socket(bob, "inet", "datagram")
        bob.fails("socket.send", {"handle": u, "data": b64(b"x" * 70000), "to": inet_addr(9)},
                  "EMSGSIZE")
        bob.ok("close", {"handle": u})
    finally:
        remove_path(apath)
        remove_path(bpath)


def test_socket_errors(alice, bob):
    path = os.path.join(TMP, "taken.sock")
    try:
        s = new_socket(alice, "unix", "stream")
        alice.ok("socket.bind", {"handle": s, "address": unix_addr(path)})
        t = new_socket(bob, "unix", "stream")
        bob.fails("socket.bind", {"handle": t, "address": unix_addr(path)}, "EADDRINUSE")
        bob.fails("socket.connect", {"handle": t, "address": unix_addr(path)}, "ECONNREFUSED")
        bob.fails("socket.connect", {"handle": t, "address": unix_addr(path + ".none")},
                  "ENOENT")
        bob.fails("socket.send", {"handle": t, "data": b64(b"x")}, "ENOTCONN")
        # the structure the family names, whatever the socket's domain: the kernel refuses
        bob.fails("socket.bind", {"handle": t, "address": inet_addr(0)}, "EINVAL")
        bob.fails("socket.bind", {"handle": t, "address": unix_addr("/x" * 60)}, "ENAMETOOLONG")
        # "" is the unnamed address: bind(2) autobinds to an abstract name
        got = bob.ok("socket.bind", {"handle": t, "address": unix_addr("")})["address"]
        assert got["family"] == "unix" and got["path"].startswith("@"), got
        assert len(got["path"]) == 6, got  # a null byte and 5 hex digits (unix(7))
        bob.ok("close", {"handle": t})
        alice.ok("close", {"handle": s})
        r, w = alice.pipe()
        alice.fails("socket.listen", {"handle": r}, "ENOTSOCK")
        alice.ok("close", {"handle": r})
        alice.ok("close", {"handle": w})
        for bad in ({"domain": "inet6", "type": "stream"}, {"domain": "unix", "type": "raw"},
                    {"domain": "unix"}):
            alice.fails("socket.create", bad, "BAD_ARGS")
        u = new_socket(alice, "inet", "datagram")
        for addr in ({"family": "inet6", "host": "::1", "port": 1}, inet_addr(70000),
                     inet_addr(1, "localhost"), {"family": "inet", "port": 1}, "127.0.0.1:1",
                     {"family": "unix"}):
            alice.fails("socket.bind", {"handle": u, "address": addr}, "BAD_ARGS")
        alice.fails("socket.shutdown", {"handle": u, "how": "sideways"}, "BAD_ARGS")
        alice.fails("socket.receive", {"handle": u, "max": 0}, "BAD_ARGS")
        alice.ok("close", {"handle": u})
        assert_nothing_leaks(alice.pid)
    finally:
        remove_path(path)


def test_socket_pair(alice, bob):
    a, b = alice.ok("socket.pair", {"type": "stream"})["handles"]
    assert a != b
    alice.ok("write", {"handle": a, "data": b64(b"to b")})
    assert alice.ok("read", {"handle": b})["data"] == b64(b"to b")
    alice.ok("socket.send", {"handle": b, "data": b64(b"to a")})
    assert alice.ok("socket.receive", {"handle": a})["data"] == b64(b"to a")
    assert alice.ok("socket.peercred", {"handle": a})["pid"] == alice.pid
    assert alice.ok("socket.address", {"handle": a}) == {"local": unix_addr(""),
                                                         "peer": unix_addr("")}
    # a socket passes to a child like a pipe end, under the same name
    kid = Child(alice, "socket-heir", inherit=[b])
    try:
        alice.ok("close", {"handle": b})
        kid.ok("socket.send", {"handle": b, "data": b64(b"from the child")})
        assert alice.ok("socket.receive", {"handle": a})["data"] == b64(b"from the child")
        assert kid.ok("socket.peercred", {"handle": b})["pid"] == alice.pid
        kid.shutdown()
    finally:
        kid.close()
    assert alice.ok("socket.receive", {"handle": a})["eof"] is True  # the last copy went
    alice.ok("close", {"handle": a})
    # datagram pair: boundaries
    a, b = alice.ok("socket.pair", {"type": "datagram"})["handles"]
    for data in (b"first", b"second"):
        alice.ok("socket.send", {"handle": a, "data": b64(data)})
    got = alice.ok("socket.receive", {"handle": b, "max": 2})
    assert got["data"] == b64(b"fi") and got["truncated"] is True, got
    assert alice.ok("socket.receive", {"handle": b})["data"] == b64(b"second")
    alice.ok("close", {"handle": a})
    alice.ok("close", {"handle": b})
    alice.fails("socket.pair", {"type": "seqpacket"}, "BAD_ARGS")
    assert_nothing_leaks(alice.pid)


def all_cloexec(pid):
    """Every descriptor of an agent above 2 is close-on-exec (received ones too)."""
    for fd, (target, cloexec) in descriptors(pid).items():
        assert fd <= 2 or cloexec, f"pid {pid}: fd {fd} ({target}) is not close-on-exec"


def test_socket_rights(alice, bob):
    """SCM_RIGHTS between two agents over a UNIX stream socket: alice passes the read end of a
    pipe with the byte "x"; bob reads what alice writes into the pipe through his new handle."""
    path = os.path.join(TMP, "rights.sock")
    try:
        srv = new_socket(alice, "unix", "stream")
        alice.ok("socket.bind", {"handle": srv, "address": unix_addr(path)})
        alice.ok("socket.listen", {"handle": srv})
        rid = alice.send("socket.accept", {"handle": srv})
        cli = new_socket(bob, "unix", "stream")
        bob.ok("socket.connect", {"handle": cli, "address": unix_addr(path)})
        conn = alice.response(rid)["result"]["handle"]
        r, w = alice.pipe()
        before = len(descriptors(alice.pid))
        assert alice.ok("socket.send", {"handle": conn, "data": b64(b"x"), "handles": [r]}) == \
            {"sent": 1}
        assert len(descriptors(alice.pid)) == before, "the duplicates sent were not closed"
        got = bob.ok("socket.receive", {"handle": cli, "max": 1})
        assert got["from"] == unix_addr(path), got  # Linux names a stream's peer too
        assert got["data"] == b64(b"x") and got["eof"] is False, got
        assert len(got["handles"]) == 1, got
        h = got["handles"][0]
        assert h != cli, got
        all_cloexec(bob.pid)  # MSG_CMSG_CLOEXEC
        # a handle like any: the same pipe, read end
        assert bob.ok("handle.stat", {"handle": h})["type"] == "fifo"
        assert alice.ok("write", {"handle": w, "data": b64(b"through the pipe")})["written"] == 16
        assert bob.ok("read", {"handle": h}) == {"data": b64(b"through the pipe"), "eof": False}
        bob.fails("write", {"handle": h, "data": b64(b"x")}, "EBADF")  # a read end
        # alice's copy is hers: closing it leaves bob's open
        alice.ok("close", {"handle": r})
        alice.ok("write", {"handle": w, "data": b64(b"still")})
        assert bob.ok("read", {"handle": h})["data"] == b64(b"still")
        bob.ok("handle.nonblocking", {"handle": h, "on": True})
        bob.fails("read", {"handle": h}, "EAGAIN")
        bob.ok("handle.nonblocking", {"handle": h, "on": False})
        # and it reaches a child of bob's like any handle
        kid = Child(bob, "rights-heir", inherit=[h])
        try:
            alice.ok("write", {"handle": w, "data": b64(b"to the grandchild")})
            assert kid.ok("read", {"handle": h})["data"] == b64(b"to the grandchild")
            kid.shutdown()
        finally:
            kid.close()
        # the last writer goes: bob reads end-of-file; close forgets the handle
        alice.ok("close", {"handle": w})
        assert bob.ok("read", {"handle": h}) == {"data": "", "eof": True}
        assert bob.ok("close", {"handle": h}) == {}
        bob.fails("read", {"handle": h}, "BAD_ARGS")
        # several at once arrive in the order sent: the write end first, then the read end
        r2, w2 = alice.pipe()
        alice.ok("socket.send", {"handle": conn, "data": b64(b"two"), "handles": [w2, r2]})
        got = bob.ok("socket.receive", {"handle": cli})
        assert got["data"] == b64(b"two") and len(got["handles"]) == 2, got
        bw, br = got["handles"]
        assert len({bw, br, cli}) == 3, got
        bob.ok("write", {"handle": bw, "data": b64(b"loop")})
        assert bob.ok("read", {"handle": br})["data"] == b64(b"loop")
        for x in (r2, w2):
            alice.ok("close", {"handle": x})
        bob.ok("close", {"handle": bw})
        assert bob.ok("read", {"handle": br}) == {"data": "", "eof": True}
        bob.ok("close", {"handle": br})
        # more than 16 in one message (the same handle 40 times: 40 new descriptors); plain
        # data after it comes without handles
        r3, w3 = alice.pipe()
        alice.ok("socket.send", {"handle": conn, "data": b64(b"many"), "handles": [w3] * 40})
        alice.ok("socket.send", {"handle": conn, "data": b64(b"plain")})
        got = bob.ok("socket.receive", {"handle": cli})
        assert got["data"] == b64(b"many") and len(set(got["handles"])) == 40, got
        for x in got["handles"]:
            assert bob.ok("handle.stat", {"handle": x})["type"] == "fifo"
        bob.ok("write", {"handle": got["handles"][39], "data": b64(b"40th")})
        assert alice.ok("read", {"handle": r3})["data"] == b64(b"40th")
        for x in got["handles"]:
            bob.ok("close", {"handle": x})
        got = bob.ok("socket.receive", {"handle": cli})
        assert got["data"] == b64(b"plain") and "handles" not in got, got
        # the kernel takes at most SCM_MAX_FD (253) in one message: its EINVAL
        alice.ok("socket.send", {"handle": conn, "data": b64(b"y"), "handles": [w3] * 253})
        alice.fails("socket.send", {"handle": conn, "data": b64(b"z"), "handles": [w3] * 254},
                    "EINVAL")
        got = bob.ok("socket.receive", {"handle": cli})
        assert got["data"] == b64(b"y") and len(got["handles"]) == 253, len(got["handles"])
        for x in got["handles"]:
            bob.ok("close", {"handle": x})
        alice.ok("close", {"handle": w3})
        assert alice.ok("read", {"handle": r3}) == {"data": "", "eof": True}  # none leaked
        alice.ok("close", {"handle": r3})
        for agent, x in ((alice, conn), (alice, srv), (bob, cli)):
            agent.ok("close", {"handle": x})
        assert_nothing_leaks(alice.pid)
        assert_nothing_leaks(bob.pid)
    finally:
        remove_path(path)


def test_socket_rights_datagram(alice, bob):
    """Over a datagram pair, and to a named datagram socket with `to`: a socket passes too."""
    path = os.path.join(TMP, "rights.dgram")
    try:
        a, b = alice.ok("socket.pair", {"type": "datagram"})["handles"]
        x, y = alice.ok("socket.pair", {"type": "stream"})["handles"]
        alice.ok("socket.send", {"handle": a, "data": b64(b"sock"), "handles": [y]})
        got = alice.ok("socket.receive", {"handle": b})
        assert got["data"] == b64(b"sock") and len(got["handles"]) == 1, got
        y2 = got["handles"][0]
        alice.ok("close", {"handle": y})
        alice.ok("socket.send", {"handle": x, "data": b64(b"via copy")})
        assert alice.ok("socket.receive", {"handle": y2})["data"] == b64(b"via copy")
        assert alice.ok("handle.stat", {"handle": y2})["type"] == "socket"
        d = new_socket(bob, "unix", "datagram")
        addr = bob.ok("socket.bind", {"handle": d, "address": unix_addr(path)})["address"]
        alice.ok("socket.send", {"handle": a, "data": b64(b"addressed"), "to": addr,
                                 "handles": [x]})
        got = bob.ok("socket.receive", {"handle": d})
        assert got["data"] == b64(b"addressed") and len(got["handles"]) == 1, got
        bx = got["handles"][0]
        bob.ok("socket.send", {"handle": bx, "data": b64(b"from bob")})
        assert alice.ok("socket.receive", {"handle": y2})["data"] == b64(b"from bob")
        assert bob.ok("socket.peercred", {"handle": bx})["pid"] == alice.pid
        for agent, h in ((alice, a), (alice, b), (alice, x), (alice, y2), (bob, d), (bob, bx)):
            agent.ok("close", {"handle": h})
        assert_nothing_leaks(alice.pid)
        assert_nothing_leaks(bob.pid)
    finally:
        remove_path(path)


def test_socket_rights_errors(alice, bob):
    a, b = alice.ok("socket.pair", {"type": "stream"})["handles"]
    r, w = alice.pipe()
    m = alice.ok("memory.map", {"size": 4096, "access": "readwrite"})["handle"]
    base = {"handle": a, "data": b64(b"x")}
    before = descriptors(alice.pid)
    alice.fails("socket.send", dict(base, handles=[m]), "BAD_ARGS")  # a mapping: no descriptor
    alice.fails("socket.send", dict(base, handles=[r, m]), "BAD_ARGS")
    alice.fails("socket.send", dict(base, data="", handles=[r]), "BAD_ARGS")  # no byte to carry
    for bad in (["h999"], [r, "h999"], "h1", [1], {"h": r}, [None]):
        alice.fails("socket.send", dict(base, handles=bad), "BAD_ARGS")
    assert descriptors(alice.pid) == before  # no duplicate left open
    alice.ok("handle.nonblocking", {"handle": b, "on": True})
    alice.fails("socket.receive", {"handle": b}, "EAGAIN")  # nothing went out
    # [] and null are no handles: a plain send
    assert alice.ok("socket.send", dict(base, handles=[])) == {"sent": 1}
    assert alice.ok("socket.send", dict(base, handles=None)) == {"sent": 1}
    assert alice.ok("socket.receive", {"handle": b}) == {"data": b64(b"xx"), "truncated": False,
                                                         "eof": False}
    # not a UNIX-domain socket: whatever the kernel answers (Linux 6.x takes the data and
    # drops the descriptors; older kernels said EINVAL), as this process sees it too
    u = new_socket(alice, "inet", "datagram")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as own:
        try:
            expected = {"result": {"sent": own.sendmsg(
                [b"x"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [0]))], 0,
                ("127.0.0.1", 9))}}
        except OSError as e:
            expected = {"error": errno.errorcode[e.errno]}
    got = alice.call("socket.send", {"handle": u, "data": b64(b"x"), "to": inet_addr(9),
                                     "handles": [r]})
    got = {"result": got["result"]} if "result" in got else {"error": got["error"]["code"]}
    assert got == expected, (got, expected)
    for h in (u, a, b, r, w, m):
        alice.ok("close", {"handle": h})
    assert_nothing_leaks(alice.pid)


# ---------------------------------------------------------------------------------------------
# files, shared memory and mappings


def ipc_name(what):
    """A POSIX IPC name unique to this run."""
    return f"/ipcspec-smoke-{os.getpid()}-{what}"


def remove_shm(name):
    remove_path("/dev/shm" + name)


def test_file_open(alice, bob):
    path = os.path.join(alice.scratch, "regular")
    f = alice.ok("file.open", {"path": path, "access": "readwrite", "create": True,
                               "exclusive": True, "mode": 0o640})["handle"]
    assert alice.ok("handle.stat", {"handle": f}) == {"type": "file", "size": 0, "mode": 0o640}
    assert alice.ok("write", {"handle": f, "data": b64(b"0123456789")}) == {"written": 10}
    alice.ok("close", {"handle": f})
    with open(path, "rb") as fh:
        assert fh.read() == b"0123456789"
    alice.fails("file.open", {"path": path, "access": "write", "create": True, "exclusive": True},
                "EEXIST")
    alice.fails("file.open", {"path": path + ".none", "access": "read"}, "ENOENT")
    alice.fails("file.open", {"path": path, "access": "append"}, "BAD_ARGS")
    f = alice.ok("file.open", {"path": path, "access": "read"})["handle"]
    assert alice.ok("read", {"handle": f, "max": 4})["data"] == b64(b"0123")
    alice.fails("write", {"handle": f, "data": b64(b"x")}, "EBADF")
    # a shared mapping of the file: stores reach the file, without write(2)
    alice.ok("close", {"handle": f})
    f = alice.ok("file.open", {"path": path, "access": "readwrite"})["handle"]
    m = alice.ok("memory.map", {"handle": f, "size": 10, "access": "readwrite"})["handle"]
    alice.ok("close", {"handle": f})  # the mapping stays
    assert alice.ok("memory.read", {"handle": m, "offset": 2, "length": 3})["data"] == b64(b"234")
    assert alice.ok("memory.write", {"handle": m, "offset": 0, "data": b64(b"AB")}) == {}
    with open(path, "rb") as fh:
        assert fh.read() == b"AB23456789"
    alice.ok("close", {"handle": m})
    f = alice.ok("file.open", {"path": path, "access": "read"})["handle"]
    alice.fails("memory.map", {"handle": f, "size": 10, "access": "readwrite"}, "EACCES")
    alice.fails("handle.truncate", {"handle": f, "size": 3}, "EINVAL")  # not open for writing
    alice.ok("close", {"handle": f})


def test_shared_memory(alice, bob):
    """One object mapped in two agents: a store by one is a load by the other; a private
    mapping keeps its stores to itself."""
    name = ipc_name("shm")
    try:
        fa = alice.ok("shm.open", {"name": name, "access": "readwrite", "create": True,
                                   "exclusive": True, "mode": 0o600})["handle"]
        alice.fails("shm.open", {"name": name, "access": "readwrite", "create": True,
                                 "exclusive": True}, "EEXIST")
        assert alice.ok("handle.stat", {"handle": fa}) == {"type": "file", "size": 0,
                                                           "mode": 0o600}
        assert alice.ok("handle.truncate", {"handle": fa, "size": 8192}) == {}
        assert alice.ok("handle.stat", {"handle": fa})["size"] == 8192
        ma = alice.ok("memory.map", {"handle": fa, "size": 8192, "access": "readwrite"})["handle"]
        fb = bob.ok("shm.open", {"name": name, "access": "readwrite"})["handle"]
        mb = bob.ok("memory.map", {"handle": fb, "size": 8192, "offset": 0,
                                   "access": "readwrite", "shared": True})["handle"]
        pb = bob.ok("memory.map", {"handle": fb, "size": 4096, "offset": 4096,
                                   "access": "readwrite", "shared": False})["handle"]
        ro = bob.ok("memory.map", {"handle": fb, "size": 4096, "access": "read"})["handle"]
        bob.ok("close", {"handle": fb})
        # new bytes read as zero
        assert bob.ok("memory.read", {"handle": mb, "offset": 0, "length": 8})["data"] == \
            b64(bytes(8))
        alice.ok("memory.write", {"handle": ma, "offset": 100, "data": b64(b"hello")})
        assert bob.ok("memory.read", {"handle": mb, "offset": 100, "length": 5})["data"] == \
            b64(b"hello")
        assert bob.ok("memory.read", {"handle": ro, "offset": 100, "length": 5})["data"] == \
            b64(b"hello")
        # the private mapping of the second page: its store stays in bob's copy
        bob.ok("memory.write", {"handle": pb, "offset": 0, "data": b64(b"mine")})
        assert bob.ok("memory.read", {"handle": pb, "offset": 0, "length": 4})["data"] == \
            b64(b"mine")
        assert alice.ok("memory.read", {"handle": ma, "offset": 4096, "length": 4})["data"] == \
            b64(bytes(4))
        assert bob.ok("memory.read", {"handle": mb, "offset": 4096, "length": 4})["data"] == \
            b64(bytes(4))
        # a store to a read-only mapping faults: SIGSEGV, and the agent goes on
        bob.fails("memory.write", {"handle": ro, "offset": 0, "data": b64(b"x")}, "SIGSEGV")
        assert bob.ok("ping") == {}
        # the agent checks the bounds
        bob.fails("memory.read", {"handle": ro, "offset": 4090, "length": 7}, "BAD_ARGS")
        bob.fails("memory.read", {"handle": ro, "offset": -1, "length": 1}, "BAD_ARGS")
        bob.fails("memory.write", {"handle": pb, "offset": 4096, "data": b64(b"x")}, "BAD_ARGS")
        assert bob.ok("memory.read", {"handle": pb, "offset": 4096, "length": 0}) == {"data": ""}
        bob.fails("memory.read", {"handle": "h999", "offset": 0, "length": 1}, "BAD_ARGS")
        bob.fails("read", {"handle": ro}, "EBADF")  # a mapping has no descriptor
        bob.fails("process.spawn", {"participant": "never", "control": "/nonexistent",
                                    "scratch": TMP, "inherit": [ro]}, "BAD_ARGS")
        for h in (mb, pb, ro):
            bob.ok("close", {"handle": h})
        bob.fails("memory.read", {"handle": mb, "offset": 0, "length": 1}, "BAD_ARGS")
        alice.fails("memory.read", {"handle": fa, "offset": 0, "length": 1}, "BAD_ARGS")
        # the name goes, the memory lives while mapped
        assert alice.ok("shm.unlink", {"name": name}) == {}
        alice.fails("shm.unlink", {"name": name}, "ENOENT")
        bob.fails("shm.open", {"name": name, "access": "read"}, "ENOENT")
        assert alice.ok("memory.read", {"handle": ma, "offset": 100, "length": 5})["data"] == \
            b64(b"hello")
        alice.ok("close", {"handle": ma})
        alice.ok("close", {"handle": fa})
        alice.fails("shm.open", {"name": name, "access": "write", "create": True}, "BAD_ARGS")
    finally:
        remove_shm(name)


def test_anonymous_mapping(alice, bob):
    m = alice.ok("memory.map", {"size": 4096, "access": "readwrite", "shared": False})["handle"]
    alice.ok("memory.write", {"handle": m, "offset": 4000, "data": b64(b"anon")})
    assert alice.ok("memory.read", {"handle": m, "offset": 4000, "length": 4})["data"] == \
        b64(b"anon")
    alice.ok("close", {"handle": m})
    m = alice.ok("memory.map", {"size": 4096, "access": "read"})["handle"]  # shared by default
    assert alice.ok("memory.read", {"handle": m, "length": 2})["data"] == b64(bytes(2))
    alice.ok("close", {"handle": m})
    alice.fails("memory.map", {"size": 0, "access": "readwrite"}, "EINVAL")  # the kernel's say
    alice.fails("memory.map", {"size": 4096, "access": "write"}, "BAD_ARGS")
    alice.fails("memory.map", {"size": -1, "access": "read"}, "BAD_ARGS")


def test_sigbus(alice, bob):
    """A load or store on a page beyond the object's end is answered SIGBUS; the agent lives,
    and its signal state is the scenario's before and after."""
    name = ipc_name("bus")
    a = Agent("faulty")
    try:
        a.ok("signal.handle", {"signal": "SIGBUS", "action": "catch"})
        a.ok("signal.block", {"signals": ["SIGBUS", "SIGSEGV"]})
        f = a.ok("shm.open", {"name": name, "access": "readwrite", "create": True})["handle"]
        a.ok("handle.truncate", {"handle": f, "size": 4096})
        m = a.ok("memory.map", {"handle": f, "size": 8192, "access": "readwrite"})["handle"]
        a.ok("memory.write", {"handle": m, "offset": 4095, "data": b64(b"z")})
        err = a.fails("memory.read", {"handle": m, "offset": 4096, "length": 1}, "SIGBUS")
        assert "4096" in err["message"], err
        a.fails("memory.write", {"handle": m, "offset": 5000, "data": b64(b"x")}, "SIGBUS")
        a.fails("memory.read", {"handle": m, "offset": 4000, "length": 200}, "SIGBUS")
        assert a.ok("ping") == {}
        # the object shrinks under the mapping: its first page faults now too
        a.ok("handle.truncate", {"handle": f, "size": 0})
        a.fails("memory.read", {"handle": m, "offset": 0, "length": 1}, "SIGBUS")
        a.ok("handle.truncate", {"handle": f, "size": 4096})
        assert a.ok("memory.read", {"handle": m, "offset": 4095, "length": 1})["data"] == \
            b64(b"\0")
        # the faults were the agent's own: no event, nothing pending, the handler is back
        a.no_signal_event(0.1)
        assert a.ok("signal.pending") == {"signals": []}
        if not WRAP:
            assert status_mask(a.pid, "SigCgt") == {signal.SIGBUS}
        # a SIGBUS someone sends is still the scenario's: blocked, then caught (valgrind keeps
        # its own books on a blocked SIGBUS: neither pending nor always held)
        os.kill(a.pid, signal.SIGBUS)
        if not WRAP:
            assert a.ok("signal.pending") == {"signals": ["SIGBUS"]}
        a.ok("signal.unblock", {"signals": ["SIGBUS"]})
        ev = a.signal_event(0 if not WRAP else 5)
        assert (ev["signal"], ev["code"], ev["senderPid"]) == ("SIGBUS", "SI_USER", os.getpid())
        a.ok("shm.unlink", {"name": name})
        a.shutdown()  # with the mapping and the descriptor still open: released, exit 0
    finally:
        a.close()
        remove_shm(name)
    # alice, who never caught anything, catches nothing after a fault either
    m = alice.ok("memory.map", {"size": 4096, "access": "read"})["handle"]
    alice.fails("memory.write", {"handle": m, "offset": 0, "data": b64(b"x")}, "SIGSEGV")
    alice.ok("close", {"handle": m})
    if not WRAP:
        assert status_mask(alice.pid, "SigCgt") == set()


# ---------------------------------------------------------------------------------------------
# message queues


def remove_mq(name):
    LIBC.mq_unlink(name.encode())


def test_posix_mq(alice, bob):
    name = ipc_name("mq")
    try:
        w = alice.ok("mq.open", {"name": name, "access": "write", "create": True,
                                 "exclusive": True, "mode": 0o600, "maxMessages": 4,
                                 "messageSize": 64})["handle"]
        assert alice.ok("mq.attributes", {"handle": w}) == {"maxMessages": 4, "messageSize": 64,
                                                            "messages": 0, "nonblocking": False}
        r = bob.ok("mq.open", {"name": name, "access": "read"})["handle"]
        # the highest priority first, in order within a priority
        for data, prio in ((b"low", 1), (b"high", 5), (b"low2", 1)):
            assert alice.ok("mq.send", {"handle": w, "data": b64(data), "priority": prio}) == {}
        assert alice.ok("mq.attributes", {"handle": w})["messages"] == 3
        for data, prio in ((b"high", 5), (b"low", 1), (b"low2", 1)):
            assert bob.ok("mq.receive", {"handle": r}) == {"data": b64(data), "priority": prio}
        # a receive from the empty queue blocks its own request only
        rid = bob.send("mq.receive", {"handle": r, "max": 64})
        assert bob.is_pending(rid, 0.2 * SCALE)
        assert bob.ok("ping") == {}
        alice.ok("mq.send", {"handle": w, "data": b64(b"late")})  # priority defaults to 0
        assert bob.response(rid)["result"] == {"data": b64(b"late"), "priority": 0}
        # sizes: a buffer below mq_msgsize, a message above it
        bob.fails("mq.receive", {"handle": r, "max": 63}, "EMSGSIZE")
        alice.fails("mq.send", {"handle": w, "data": b64(b"x" * 65)}, "EMSGSIZE")
        # non-blocking: full and empty answer EAGAIN
        nw = alice.ok("mq.open", {"name": name, "access": "readwrite",
                                  "nonblocking": True})["handle"]
        assert alice.ok("mq.attributes", {"handle": nw})["nonblocking"] is True
        alice.fails("mq.receive", {"handle": nw}, "EAGAIN")
        for i in range(4):
            alice.ok("mq.send", {"handle": nw, "data": b64(b"%d" % i)})
        alice.fails("mq.send", {"handle": nw, "data": b64(b"full")}, "EAGAIN")
        for i in range(4):
            assert alice.ok("mq.receive", {"handle": nw}) == {"data": b64(b"%d" % i),
                                                              "priority": 0}
        alice.fails("mq.send", {"handle": w, "data": b64(b"x"), "priority": 1 << 20}, "EINVAL")
        bob.fails("mq.send", {"handle": r, "data": b64(b"x")}, "EBADF")  # opened for reading
        # a queue descriptor is not passed to a child (exec closes it, POSIX)
        alice.fails("process.spawn", {"participant": "never", "control": "/nonexistent",
                                      "scratch": TMP, "inherit": [nw]}, "BAD_ARGS")
        for bad in ({"name": name, "access": "read", "maxMessages": 4},
                    {"name": name, "access": "rw"}, {"access": "read"}):
            alice.fails("mq.open", bad, "BAD_ARGS")
        alice.fails("mq.open", {"name": name + "-x", "access": "read", "create": True,
                                "maxMessages": 0, "messageSize": 8}, "EINVAL")
        assert alice.ok("close", {"handle": nw}) == {}  # mq_close
        alice.fails("mq.attributes", {"handle": nw}, "BAD_ARGS")
        assert alice.ok("mq.unlink", {"name": name}) == {}
        alice.fails("mq.unlink", {"name": name}, "ENOENT")
        bob.fails("mq.open", {"name": name, "access": "read"}, "ENOENT")
        # the unlinked queue lives on for its open descriptors
        alice.ok("mq.send", {"handle": w, "data": b64(b"after unlink")})
        assert bob.ok("mq.receive", {"handle": r})["data"] == b64(b"after unlink")
        alice.ok("close", {"handle": w})
        bob.ok("close", {"handle": r})
        # without attributes: the system's defaults
        d = alice.ok("mq.open", {"name": name, "access": "read", "create": True})["handle"]
        attrs = alice.ok("mq.attributes", {"handle": d})
        assert attrs["maxMessages"] > 0 and attrs["messageSize"] > 0, attrs
        alice.ok("close", {"handle": d})
        alice.ok("mq.unlink", {"name": name})
    finally:
        remove_mq(name)
        remove_mq(name + "-x")


def test_sysv_msg(alice, bob):
    key = 0x1C500000 | (os.getpid() & 0xFFFFF)
    queues = []
    try:
        q = alice.ok("msg.get", {"key": key, "create": True, "exclusive": True})["queue"]
        queues.append(q)
        alice.fails("msg.get", {"key": key, "create": True, "exclusive": True}, "EEXIST")
        assert bob.ok("msg.get", {"key": key}) == {"queue": q}
        bob.fails("msg.get", {"key": key + 1}, "ENOENT")
        for t, data in ((2, b"two"), (1, b"one"), (3, b"three"), (2, b"two again")):
            assert alice.ok("msg.send", {"queue": q, "type": t, "data": b64(data)}) == {}
        st = alice.ok("msg.stat", {"queue": q})
        assert st["messages"] == 4 and st["bytes"] == 3 + 3 + 5 + 9, st
        assert st["lastSenderPid"] == alice.pid and st["lastReceiverPid"] == 0, st
        assert st["maxBytes"] > 0, st
        # by type: that type, the lowest up to |type|, the first of all
        assert bob.ok("msg.receive", {"queue": q, "type": 3}) == {"type": 3, "data": b64(b"three")}
        assert bob.ok("msg.receive", {"queue": q, "type": -2}) == {"type": 1, "data": b64(b"one")}
        assert bob.ok("msg.receive", {"queue": q}) == {"type": 2, "data": b64(b"two")}
        assert alice.ok("msg.stat", {"queue": q})["lastReceiverPid"] == bob.pid
        # too long for the buffer: E2BIG, or cut with noerror
        bob.fails("msg.receive", {"queue": q, "max": 3}, "E2BIG")
        assert bob.ok("msg.receive", {"queue": q, "max": 3, "noerror": True}) == \
            {"type": 2, "data": b64(b"two")}
        bob.fails("msg.receive", {"queue": q, "nowait": True}, "ENOMSG")
        alice.fails("msg.send", {"queue": q, "type": 0, "data": b64(b"x")}, "EINVAL")
        # a blocked receive; then the queue is removed under it: EIDRM
        rid = bob.send("msg.receive", {"queue": q, "type": 7})
        assert bob.is_pending(rid, 0.2 * SCALE)
        assert bob.ok("ping") == {}
        alice.ok("msg.send", {"queue": q, "type": 7, "data": b64(b"seven")})
        assert bob.response(rid)["result"] == {"type": 7, "data": b64(b"seven")}
        rid = bob.send("msg.receive", {"queue": q})
        assert bob.is_pending(rid, 0.2 * SCALE)
        assert alice.ok("msg.remove", {"queue": q}) == {}
        assert bob.response(rid)["error"]["code"] == "EIDRM"
        alice.fails("msg.stat", {"queue": q}, "EINVAL")
        alice.fails("msg.remove", {"queue": q}, "EINVAL")
        # key 0 is IPC_PRIVATE: a new queue each time
        p1 = alice.ok("msg.get", {"key": 0})["queue"]
        queues.append(p1)
        p2 = alice.ok("msg.get", {"key": 0})["queue"]
        queues.append(p2)
        assert p1 != p2
        for p in (p1, p2):
            alice.ok("msg.remove", {"queue": p})
        for bad in ({"queue": "1", "type": 1, "data": ""}, {"queue": 1, "data": ""},
                    {"queue": 1, "type": 1}):
            alice.fails("msg.send", bad, "BAD_ARGS")
    finally:
        for q in queues:
            LIBC.msgctl(q, 0, None)  # IPC_RMID; EINVAL for those removed already


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
    test_pipe_create,
    test_handle_stat_of_a_fifo,
    test_handle_nonblocking,
    test_spawn_with_pipes,
    test_spawn_inherits_handles,
    test_spawn_with_handles_as_stdio,
    test_spawn_errors,
    test_process_wait,
    test_signal_initial_state,
    test_signal_catch_and_info,
    test_signal_mask,
    test_signal_ignore_discards_pending,
    test_signal_default_terminates,
    test_signal_send,
    test_sigpipe,
    test_child_starts_clean,
    test_unix_stream,
    test_tcp_loopback,
    test_datagrams,
    test_socket_errors,
    test_socket_pair,
    test_socket_rights,
    test_socket_rights_datagram,
    test_socket_rights_errors,
    test_file_open,
    test_shared_memory,
    test_anonymous_mapping,
    test_sigbus,
    test_posix_mq,
    test_sysv_msg,
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
