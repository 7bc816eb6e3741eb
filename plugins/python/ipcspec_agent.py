#!/usr/bin/env python3
"""An ipcspec agent in Python 3, standard library only, written from spec/PROTOCOL.md.

It makes each operation with the call CPython offers for it (os.mkfifo, os.open, os.read,
os.pipe, subprocess, signal, ...) and reports what that call did, Python's own behaviours
included: a signal handler runs in the main thread, between bytecodes; SIGPIPE is ignored from
the start; a call interrupted by a signal is retried (PEP 475); a shared memory object that
SharedMemory opened is unlinked by the resource tracker when the process exits.
"""

import base64
import errno
import json
import os
import queue
import signal
import socket
import stat
import subprocess
import sys
import threading
import time

PROTOCOL = 1
CAPABILITIES = [
    "fifo", "fifo.create", "fifo.nonblocking", "fs.stat", "fs.unlink",
    "pipe", "pipe.nonblocking", "handle.stat", "process.spawn", "process.inherit",
    "signal.catch", "signal.send", "signal.terminate",
    "socket.unix.stream", "socket.unix.datagram", "socket.inet.stream", "socket.inet.datagram",
    "socket.pair", "socket.peercred", "socket.rights", "fs.file", "mmap", "shm.posix",
]
INHERITED = "IPCSPEC_PYTHON_HANDLES"
"""How a parent agent tells its child which descriptors are which of its handles: name=fd,..."""


class Failure(Exception):
    """An answer with an error code: an errno name, or a protocol code (BAD_ARGS, UNSUPPORTED_OP)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def now():
    return time.monotonic_ns()


class Agent:
    def __init__(self, control):
        self.sock = control
        self.lines = control.makefile("rb")
        self.send_lock = threading.Lock()
        self.handles = {}
        self.handles_lock = threading.Lock()
        self.next_handle = 0
        self.children = {}
        self.main_jobs = queue.Queue()
        self.caught = queue.Queue()
        threading.Thread(target=self.report_caught, daemon=True).start()

    def report_caught(self):
        """Sends the signal events, in the order the handler ran. The handler itself only queues:
        it runs on the main thread between bytecodes, maybe while that thread holds the send lock."""
        while True:
            self.event("signal", {"signal": self.caught.get()})

    # -- the control connection ----------------------------------------------------------------

    def send(self, message):
        message["monotonicNs"] = message.get("monotonicNs") or now()
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode("utf-8")
        with self.send_lock:
            self.sock.sendall(data)

    def hello(self):
        hello = {"type": "hello", "protocol": PROTOCOL, "participant": os.environ.get("IPCSPEC_PARTICIPANT", ""),
                 "pid": os.getpid(), "implementation": {"name": "CPython " + sys.version.split()[0], "version": "0.1.0"},
                 "capabilities": CAPABILITIES}
        if os.environ.get("IPCSPEC_TOKEN"):
            hello["token"] = os.environ["IPCSPEC_TOKEN"]  # over TCP, it shows the suite who connected
        self.send(hello)

    def read_loop(self):
        """Reads requests; each runs on a thread of its own, or on the main thread when Python says so."""
        try:
            for line in self.lines:
                try:
                    message = json.loads(line)
                except ValueError:
                    self.event("log", {"text": "a line that is not JSON: %r" % line[:200]})
                    continue
                if not isinstance(message, dict) or message.get("type") != "request":
                    continue
                request_id = message.get("id")
                if not isinstance(request_id, int) or request_id <= 0:
                    self.event("log", {"text": "a request without a positive integer id"})
                    continue
                if message.get("op", "") in MAIN_THREAD_OPS:
                    self.main_jobs.put(message)
                else:
                    threading.Thread(target=self.serve, args=(message,), daemon=True).start()
        except OSError:
            pass  # the connection broke: as for end of file
        finally:
            self.main_jobs.put(None)  # the suite went away: so does the agent

    def serve(self, request):
        op = request.get("op", "")
        try:
            handler = OPERATIONS.get(op)
            if handler is None:
                raise Failure("UNSUPPORTED_OP", "this agent has no operation " + op)
            result = handler(self, request.get("args") or {})
            self.send({"type": "response", "id": request["id"], "result": result})
        except Failure as e:
            self.send({"type": "response", "id": request["id"], "error": {"code": e.code, "message": str(e)}})
        except OSError as e:
            code = errno.errorcode.get(e.errno, "INTERNAL") if e.errno is not None else "INTERNAL"
            self.send({"type": "response", "id": request["id"], "error": {"code": code, "message": e.strerror or str(e)}})
        except (KeyError, TypeError, ValueError) as e:
            self.send({"type": "response", "id": request["id"], "error": {"code": "BAD_ARGS", "message": repr(e)}})
        except Exception as e:  # a bug of the agent's: answered, never left pending
            self.send({"type": "response", "id": request["id"], "error": {"code": "INTERNAL", "message": repr(e)}})
        if op == "shutdown":
            self.exit(0)

    def event(self, name, data):
        self.send({"type": "event", "event": name, "data": data})

    def exit(self, status):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        os._exit(status)

    # -- handles -------------------------------------------------------------------------------

    def keep(self, fd, name=None):
        with self.handles_lock:
            if name is None:
                self.next_handle += 1
                name = "h%d" % self.next_handle
            self.handles[name] = fd
        return name

    def obj(self, args, key="handle"):
        name = args.get(key)
        with self.handles_lock:
            if name not in self.handles:
                raise Failure("BAD_ARGS", "no handle %r" % name)
            return self.handles[name]

    def fd(self, args, key="handle"):
        """The descriptor behind a handle, whatever made it (a socket object has one too)."""
        value = self.obj(args, key)
        return value if isinstance(value, int) else value.fileno()

    def socket_of(self, args, key="handle"):
        name = args.get(key)
        with self.handles_lock:
            if name not in self.handles:
                raise Failure("BAD_ARGS", "no handle %r" % name)
            value = self.handles[name]
            if isinstance(value, int):
                # A descriptor that came from elsewhere (SCM_RIGHTS, a child's inheritance): wrapped once, same fd.
                value = socket.socket(fileno=value)
                self.handles[name] = value
        return value

    def forget(self, name):
        with self.handles_lock:
            if name not in self.handles:
                raise Failure("BAD_ARGS", "no handle %r" % name)
            return self.handles.pop(name)


def b64(data):
    return base64.b64encode(data).decode("ascii")


def signal_number(name):
    if name == "0":
        return 0
    try:
        return int(getattr(signal.Signals, name))
    except AttributeError:
        if name.startswith("SIGRTMIN"):
            return signal.SIGRTMIN + int(name[len("SIGRTMIN+"):] or 0) if "+" in name else signal.SIGRTMIN
        raise Failure("BAD_ARGS", "no signal named " + name)


def signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return "SIGRTMIN+%d" % (number - signal.SIGRTMIN)


# -- operations ---------------------------------------------------------------------------------

def op_ping(agent, args):
    return {}


def op_process_info(agent, args):
    return {"pid": os.getpid(), "ppid": os.getppid(), "pgid": os.getpgid(0), "sid": os.getsid(0), "uid": os.getuid()}


def op_shutdown(agent, args):
    return {}


def op_fifo_create(agent, args):
    if args.get("call", "mkfifo") == "mknod":
        os.mknod(args["path"], stat.S_IFIFO | int(args["mode"]))
    else:
        os.mkfifo(args["path"], int(args["mode"]))
    return {}


def op_fifo_open(agent, args):
    flags = os.O_RDONLY if args["access"] == "read" else os.O_WRONLY
    if args.get("nonblocking"):
        flags |= os.O_NONBLOCK
    return {"handle": agent.keep(os.open(args["path"], flags))}


def op_write(agent, args):
    fd = agent.fd(args)
    data = base64.b64decode(args.get("data", ""))
    count = int(args.get("count", 1))
    written = 0
    for _ in range(count):
        n = os.write(fd, data)  # one write(2); an error ends the repetitions with its errno
        written += n
        if n < len(data):
            break
    return {"written": written}


def op_read(agent, args):
    size = max(1, min(int(args.get("max", 65536)), 16 << 20))
    data = os.read(agent.fd(args), size)
    return {"data": b64(data), "eof": len(data) == 0}


def op_close(agent, args):
    value = agent.forget(args.get("handle"))
    if isinstance(value, int):
        os.close(value)
    else:
        value.close()
    return {}


def file_type(mode):
    for test, name in ((stat.S_ISFIFO, "fifo"), (stat.S_ISREG, "file"), (stat.S_ISDIR, "directory"),
                       (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "char"), (stat.S_ISBLK, "block")):
        if test(mode):
            return name
    return "other"


def described(st):
    return {"type": file_type(st.st_mode), "size": st.st_size, "mode": stat.S_IMODE(st.st_mode)}


def op_stat(agent, args):
    return described(os.stat(args["path"]))


def op_handle_stat(agent, args):
    return described(os.fstat(agent.fd(args)))


def op_unlink(agent, args):
    os.unlink(args["path"])
    return {}


def op_pipe_create(agent, args):
    read_end, write_end = os.pipe()
    return {"read": agent.keep(read_end), "write": agent.keep(write_end)}


def op_handle_nonblocking(agent, args):
    os.set_blocking(agent.fd(args), not args.get("on", True))
    return {}


def op_process_spawn(agent, args):
    env = dict(os.environ, IPCSPEC_CONTROL=args["control"], IPCSPEC_SCRATCH=args["scratch"],
               IPCSPEC_PARTICIPANT=args["participant"], IPCSPEC_PROTOCOL=str(PROTOCOL))
    env.pop("IPCSPEC_TOKEN", None)  # the parent's is not the child's
    if "token" in args:
        env["IPCSPEC_TOKEN"] = args["token"]
    result = {}
    theirs = []
    streams = {}
    for stream in ("stdin", "stdout"):
        how = args.get(stream)
        if how == "pipe":
            read_end, write_end = os.pipe()
            child_end, our_end = (read_end, write_end) if stream == "stdin" else (write_end, read_end)
            streams[stream] = child_end
            theirs.append(child_end)
            result[stream] = agent.keep(our_end)
        elif how is not None:
            streams[stream] = agent.fd({"handle": how})
    inherit = {name: agent.fd({"handle": name}) for name in args.get("inherit", [])}
    env[INHERITED] = ",".join("%s=%d" % (name, fd) for name, fd in inherit.items())
    child = subprocess.Popen([sys.executable, "-I", os.path.abspath(__file__)], env=env, cwd=args["scratch"],
                             stdin=streams.get("stdin"), stdout=streams.get("stdout"),
                             pass_fds=list(inherit.values()), close_fds=True)
    for fd in theirs:
        os.close(fd)  # of a new pipe, the parent keeps only its own end
    # Reaped as soon as it ends, or a zombie would look alive to whoever watches it; the Popen
    # stays referenced, so that subprocess never polls it and steals the status.
    ended = [threading.Event(), None, child]
    agent.children[child.pid] = ended
    threading.Thread(target=reap, args=(child.pid, ended), daemon=True).start()
    result["pid"] = child.pid
    return result


def reap(pid, ended):
    try:
        ended[1] = os.waitpid(pid, 0)[1]
    except OSError as e:
        ended[1] = e
    ended[0].set()


def op_process_wait(agent, args):
    pid = int(args["pid"])
    ended = agent.children.get(pid)
    if ended is None:
        raise Failure("ECHILD", "not a child of this agent, or waited for already")
    ended[0].wait()
    agent.children.pop(pid, None)
    status = ended[1]
    if isinstance(status, OSError):
        raise status
    if os.WIFSIGNALED(status):
        return {"signal": signal_name(os.WTERMSIG(status)), "core": os.WCOREDUMP(status)}
    return {"exitStatus": os.WEXITSTATUS(status)}


def op_signal_handle(agent, args):
    """On the main thread: CPython sets handlers there only (signal.signal raises elsewhere)."""
    number = signal_number(args["signal"])
    action = args["action"]
    if action == "catch":
        handler = lambda signum, frame: agent.caught.put(signal_name(signum))
    elif action == "ignore":
        handler = signal.SIG_IGN
    elif action == "default":
        handler = signal.SIG_DFL
    else:
        raise Failure("BAD_ARGS", "no action " + action)
    signal.signal(number, handler)
    return {}


def op_signal_send(agent, args):
    if "value" in args:
        raise Failure("UNSUPPORTED_OP", "the standard library has no sigqueue(3)")
    os.kill(int(args["pid"]), signal_number(str(args["signal"])))
    return {}


# -- sockets ------------------------------------------------------------------------------------

DOMAINS = {"unix": socket.AF_UNIX, "inet": socket.AF_INET}
TYPES = {"stream": socket.SOCK_STREAM, "datagram": socket.SOCK_DGRAM}
CLAIMED_SOCKETS = {("unix", "stream"), ("unix", "datagram"), ("inet", "stream"), ("inet", "datagram")}


def to_address(address):
    """The address as Python's socket module takes it: a path (bytes, for the abstract namespace) or (host, port)."""
    if address.get("family") == "unix":
        path = address.get("path", "")
        return b"\0" + path[1:].encode() if path.startswith("@") else path
    if address.get("family") == "inet":
        return (address.get("host", "0.0.0.0"), int(address.get("port", 0)))
    raise Failure("BAD_ARGS", "no address family %r" % address.get("family"))


def from_address(value):
    if isinstance(value, tuple):
        return {"family": "inet", "host": value[0], "port": value[1]}
    if isinstance(value, bytes):
        return {"family": "unix", "path": "@" + value[1:].decode("utf-8", "replace") if value[:1] == b"\0" else value.decode()}
    return {"family": "unix", "path": value or ""}


def refused_by_python(e):
    """CPython checks an address's type itself and raises TypeError before any system call."""
    return Failure("TypeError", "CPython refused the address before calling the system: %s" % e)


def with_address(call, address):
    """bind or connect to a protocol address, CPython's own refusal reported as it is."""
    converted = to_address(address)
    try:
        call(converted)
    except TypeError as e:
        raise refused_by_python(e)


def op_socket_create(agent, args):
    kind = (args["domain"], args["type"])
    if kind not in CLAIMED_SOCKETS:
        raise Failure("UNSUPPORTED_OP", "no %s %s sockets here" % kind)
    return {"handle": agent.keep(socket.socket(DOMAINS[kind[0]], TYPES[kind[1]]))}


def op_socket_bind(agent, args):
    sock = agent.socket_of(args)
    with_address(sock.bind, args["address"])
    return {"address": from_address(sock.getsockname())}


def op_socket_listen(agent, args):
    agent.socket_of(args).listen(int(args.get("backlog", 16)))
    return {}


def op_socket_accept(agent, args):
    connection, peer = agent.socket_of(args).accept()
    return {"handle": agent.keep(connection), "peer": from_address(peer)}


def op_socket_connect(agent, args):
    with_address(agent.socket_of(args).connect, args["address"])
    return {}


def op_socket_address(agent, args):
    sock = agent.socket_of(args)
    result = {"local": from_address(sock.getsockname())}
    try:
        result["peer"] = from_address(sock.getpeername())
    except OSError as e:
        if e.errno != errno.ENOTCONN:
            raise
    return result


def op_socket_send(agent, args):
    sock = agent.socket_of(args)
    data = base64.b64decode(args.get("data", ""))
    fds = [agent.fd({"handle": name}) for name in args.get("handles", [])]
    try:
        if fds:
            sent = socket.send_fds(sock, [data], fds, 0, to_address(args["to"]) if "to" in args else None)
        elif "to" in args:
            sent = sock.sendto(data, to_address(args["to"]))
        else:
            sent = sock.send(data)
    except TypeError as e:
        raise refused_by_python(e)
    return {"sent": sent}


def op_socket_receive(agent, args):
    sock = agent.socket_of(args)
    size = max(1, min(int(args.get("max", 65536)), 16 << 20))
    data, ancillary, flags, sender = sock.recvmsg(size, socket.CMSG_SPACE(64 * 4))
    result = {"data": b64(data), "truncated": bool(flags & socket.MSG_TRUNC),
              "eof": len(data) == 0 and sock.type == socket.SOCK_STREAM}
    if sender is not None:
        result["from"] = from_address(sender)
    handles = []
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            usable = len(payload) - len(payload) % 4
            for i in range(0, usable, 4):
                handles.append(agent.keep(int.from_bytes(payload[i:i + 4], sys.byteorder)))
    if handles:
        result["handles"] = handles
    return result


def op_socket_shutdown(agent, args):
    how = {"read": socket.SHUT_RD, "write": socket.SHUT_WR, "both": socket.SHUT_RDWR}[args["how"]]
    agent.socket_of(args).shutdown(how)
    return {}


def op_socket_pair(agent, args):
    first, second = socket.socketpair(socket.AF_UNIX, TYPES[args.get("type", "stream")])
    return {"handles": [agent.keep(first), agent.keep(second)]}


def op_socket_peercred(agent, args):
    raw = agent.socket_of(args).getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    pid, uid, gid = (int.from_bytes(raw[i:i + 4], sys.byteorder, signed=True) for i in (0, 4, 8))
    return {"pid": pid, "uid": uid, "gid": gid}


# -- files and mappings -------------------------------------------------------------------------

ACCESS = {"read": os.O_RDONLY, "write": os.O_WRONLY, "readwrite": os.O_RDWR}


class Mapping:
    """A mapping made with the mmap module: its handle's close is munmap(2)."""

    def __init__(self, region, size):
        self.region = region
        self.size = size

    def close(self):
        self.region.close()

    def fileno(self):
        raise Failure("BAD_ARGS", "a mapping has no descriptor")


def op_file_open(agent, args):
    flags = ACCESS[args["access"]]
    if args.get("create"):
        flags |= os.O_CREAT
    if args.get("exclusive"):
        flags |= os.O_EXCL
    return {"handle": agent.keep(os.open(args["path"], flags, int(args.get("mode", 0o600))))}


def op_handle_truncate(agent, args):
    os.ftruncate(agent.fd(args), int(args["size"]))
    return {}


def op_memory_map(agent, args):
    import mmap
    size, offset = int(args["size"]), int(args.get("offset", 0))
    if size < 0 or offset < 0:
        raise Failure("BAD_ARGS", "a negative size or offset")
    prot = mmap.PROT_READ | (mmap.PROT_WRITE if args.get("access", "readwrite") == "readwrite" else 0)
    flags = mmap.MAP_SHARED if args.get("shared", True) else mmap.MAP_PRIVATE
    try:
        if "handle" in args:
            region = mmap.mmap(agent.fd(args), size, flags=flags, prot=prot, offset=offset)
        else:
            region = mmap.mmap(-1, size, flags=flags | mmap.MAP_ANONYMOUS, prot=prot)
    except ValueError as e:  # the mmap module's own refusal (a mapping longer than the file), no mmap(2) made
        raise Failure("UNSUPPORTED_OP", "the mmap module refused: %s" % e)
    # Its length, not the size asked: for size 0 the mmap module maps the whole file.
    return {"handle": agent.keep(Mapping(region, len(region)))}


def mapping(agent, args, length):
    value = agent.obj(args)
    if not isinstance(value, Mapping):
        raise Failure("BAD_ARGS", "%r is no mapping" % args.get("handle"))
    offset = int(args.get("offset", 0))
    if offset < 0 or length < 0 or offset + length > value.size:
        raise Failure("BAD_ARGS", "outside the mapping of %d bytes" % value.size)
    return value, offset


def op_memory_read(agent, args):
    length = int(args["length"])
    value, offset = mapping(agent, args, length)
    return {"data": b64(value.region[offset:offset + length])}


def op_memory_write(agent, args):
    data = base64.b64decode(args.get("data", ""))
    value, offset = mapping(agent, args, len(data))
    value.region[offset:offset + len(data)] = data
    return {}


# -- POSIX shared memory objects ----------------------------------------------------------------
# multiprocessing.shared_memory.SharedMemory is the standard library's only way to shm_open(3) and
# shm_unlink(3). What it cannot express is answered UNSUPPORTED_OP with its reason (never another
# way to the object, such as os.open of /dev/shm): the scenario fails, and that is the finding.


class SharedObject:
    """An object SharedMemory opened. Its descriptor serves handle.truncate, handle.stat and
    memory.map as a file's does; close is SharedMemory.close(), which also unmaps the whole-object
    mapping SharedMemory made when it opened it (mappings of memory.map stay)."""

    def __init__(self, memory):
        self.memory = memory

    def fileno(self):
        return self.memory._fd  # SharedMemory's own descriptor: Python 3.11 has no public accessor

    def close(self):
        self.memory.close()


def shm_name(args):
    """The name without its leading slash, which SharedMemory always adds back itself."""
    name = args["name"]
    if not isinstance(name, str) or not name.startswith("/") or len(name) < 2 or "/" in name[1:]:
        raise Failure("BAD_ARGS", "a shared memory object's name is / and a word, not %r" % name)
    return name[1:]


def shared_memory(name, create):
    """SharedMemory(name, create, size=0): the protocol creates objects empty and sizes them later."""
    from multiprocessing.shared_memory import SharedMemory
    try:
        return SharedMemory(name, create=create, size=0)
    except ValueError as e:  # refused by CPython before (create) or after (an empty object) shm_open
        raise Failure("UNSUPPORTED_OP", "multiprocessing.shared_memory.SharedMemory refused: %s" % e)


def op_shm_open(agent, args):
    name = shm_name(args)
    if args.get("access", "readwrite") != "readwrite":
        raise Failure("UNSUPPORTED_OP", "SharedMemory opens every object O_RDWR: it has no read-only access")
    create = bool(args.get("create"))
    if create and not args.get("exclusive"):
        raise Failure("UNSUPPORTED_OP", "SharedMemory(create=True) always adds O_EXCL: it has no O_CREAT alone")
    if create and int(args.get("mode", 0o600)) != 0o600:
        raise Failure("UNSUPPORTED_OP", "SharedMemory creates every object with mode 0600")
    return {"handle": agent.keep(SharedObject(shared_memory(name, create)))}


def op_shm_unlink(agent, args):
    """SharedMemory unlinks through an instance only: one the agent holds, or one made to attach."""
    name = shm_name(args)
    with agent.handles_lock:
        held = [v.memory for v in agent.handles.values() if isinstance(v, SharedObject) and v.memory.name == name]
    if held:
        held[0].unlink()
        return {}
    memory = shared_memory(name, False)
    try:
        memory.unlink()
    finally:
        memory.close()
    return {}


OPERATIONS = {
    "ping": op_ping, "process.info": op_process_info, "shutdown": op_shutdown,
    "fifo.create": op_fifo_create, "fifo.open": op_fifo_open, "write": op_write, "read": op_read,
    "close": op_close, "stat": op_stat, "unlink": op_unlink, "pipe.create": op_pipe_create,
    "handle.nonblocking": op_handle_nonblocking, "handle.stat": op_handle_stat,
    "process.spawn": op_process_spawn, "process.wait": op_process_wait,
    "signal.handle": op_signal_handle, "signal.send": op_signal_send,
    "socket.create": op_socket_create, "socket.bind": op_socket_bind, "socket.listen": op_socket_listen,
    "socket.accept": op_socket_accept, "socket.connect": op_socket_connect, "socket.address": op_socket_address,
    "socket.send": op_socket_send, "socket.receive": op_socket_receive, "socket.shutdown": op_socket_shutdown,
    "socket.pair": op_socket_pair, "socket.peercred": op_socket_peercred,
    "file.open": op_file_open, "handle.truncate": op_handle_truncate, "memory.map": op_memory_map,
    "memory.read": op_memory_read, "memory.write": op_memory_write,
    "shm.open": op_shm_open, "shm.unlink": op_shm_unlink,
}
MAIN_THREAD_OPS = {"signal.handle"}


def connect(control):
    """The control socket: a UNIX-domain path, or tcp:HOST:PORT (PROTOCOL.md, section 1)."""
    if control.startswith("tcp:"):
        host, port = control[len("tcp:"):].rsplit(":", 1)
        return socket.create_connection((host, int(port)))
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(control)
    return sock


def main():
    control = os.environ.get("IPCSPEC_CONTROL")
    if not control or not os.environ.get("IPCSPEC_PARTICIPANT") or not os.environ.get("IPCSPEC_SCRATCH"):
        print("ipcspec python agent: IPCSPEC_CONTROL, IPCSPEC_PARTICIPANT and IPCSPEC_SCRATCH must be set", file=sys.stderr)
        return 2
    try:
        sock = connect(control)
    except (OSError, ValueError) as e:
        print("ipcspec python agent: cannot connect to %s: %s" % (control, e), file=sys.stderr)
        return 2
    # CPython catches SIGINT itself (KeyboardInterrupt); an agent catches no signal until asked.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    agent = Agent(sock)
    if INHERITED in os.environ:
        for pair in filter(None, os.environ.pop(INHERITED).split(",")):
            name, fd = pair.split("=")
            agent.keep(int(fd), name)
    agent.keep(0, "stdin")
    agent.keep(1, "stdout")
    agent.hello()
    threading.Thread(target=agent.read_loop, daemon=True).start()
    # The main thread serves what only it may do, and runs the signal handlers between its bytecodes.
    while True:
        try:
            job = agent.main_jobs.get(timeout=0.05)
        except queue.Empty:
            continue
        if job is None:
            agent.exit(0)
        agent.serve(job)


if __name__ == "__main__":
    sys.exit(main())
