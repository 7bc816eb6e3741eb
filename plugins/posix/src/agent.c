/*
 * ipcspec POSIX reference agent: driver protocol v1 (spec/PROTOCOL.md) on raw POSIX calls.
 *
 * The suite listens on the UNIX socket named by IPCSPEC_CONTROL; this agent connects, says
 * hello, then serves JSON-line requests. Each request runs on its own detached thread because
 * operations block in the kernel (open of a FIFO without a peer, read of an empty pipe, write
 * to a full one, waitpid, accept, a receive from an empty queue) and the suite must still get
 * answers to its other requests meanwhile.
 *
 * The agent reports what the system said; it never judges. So every operation is exactly one
 * system call (write: one per repetition), and errors travel as errno names.
 *
 * This file: startup, the control reader loop, dispatch and the core operations. agent.h lists
 * the other parts.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "agent.h"

#define PROTOCOL_VERSION 1
#define IMPL_NAME "ipcspec POSIX reference"
#define IMPL_VERSION "0.1.0"

/* In the order of PROTOCOL.md section 5; ipcspec-plugin.json claims the same list. */
static const char *const CAPABILITIES[] = {
    "fifo",          "fifo.create",     "fifo.nonblocking", "fs.stat",
    "fs.unlink",     "pipe",            "pipe.nonblocking", "handle.stat",
    "process.spawn", "process.inherit", "signal.catch",     "signal.info",
    "signal.send",   "signal.terminate", "signal.mask",     "signal.queue",
    "socket.unix.stream", "socket.unix.datagram", "socket.inet.stream", "socket.inet.datagram",
    "socket.pair",   "socket.peercred", "socket.rights",    "fs.file",
    "shm.posix",     "mmap",            "mq.posix",         "msg.sysv",
};

/* exit() is not safe to run twice concurrently (shutdown racing with control EOF). */
static pthread_mutex_t g_exit_lock = PTHREAD_MUTEX_INITIALIZER;

/* ------------------------------------------------------------------------------------------ */
/* core operations                                                                             */

static json_t *op_ping(json_t *args, op_error *err)
{
    (void)args;
    (void)err;
    return json_object();
}

static json_t *op_process_info(json_t *args, op_error *err)
{
    (void)args;
    (void)err;
    json_t *r = json_pack("{s:I,s:I,s:I}", "pid", (json_int_t)getpid(), "ppid",
                          (json_int_t)getppid(), "uid", (json_int_t)getuid());
    pid_t pgid = getpgid(0), sid = getsid(0);
    if (r && pgid >= 0)
        json_object_set_new(r, "pgid", json_integer(pgid));
    if (r && sid >= 0)
        json_object_set_new(r, "sid", json_integer(sid));
    return r;
}

static const struct {
    const char *name;
    op_fn *run;
} OPS[] = {
    {"ping", op_ping},
    {"process.info", op_process_info},
    {"read", op_read},
    {"write", op_write},
    {"close", op_close},
    {"fifo.create", op_fifo_create},
    {"fifo.open", op_fifo_open},
    {"stat", op_stat},
    {"unlink", op_unlink},
    {"pipe.create", op_pipe_create},
    {"handle.nonblocking", op_handle_nonblocking},
    {"handle.stat", op_handle_stat},
    {"process.spawn", op_process_spawn},
    {"process.wait", op_process_wait},
    {"signal.handle", op_signal_handle},
    {"signal.send", op_signal_send},
    {"signal.block", op_signal_block},
    {"signal.unblock", op_signal_unblock},
    {"signal.pending", op_signal_pending},
    {"socket.create", op_socket_create},
    {"socket.bind", op_socket_bind},
    {"socket.listen", op_socket_listen},
    {"socket.accept", op_socket_accept},
    {"socket.connect", op_socket_connect},
    {"socket.address", op_socket_address},
    {"socket.send", op_socket_send},
    {"socket.receive", op_socket_receive},
    {"socket.shutdown", op_socket_shutdown},
    {"socket.pair", op_socket_pair},
    {"socket.peercred", op_socket_peercred},
    {"file.open", op_file_open},
    {"shm.open", op_shm_open},
    {"shm.unlink", op_shm_unlink},
    {"handle.truncate", op_handle_truncate},
    {"memory.map", op_memory_map},
    {"memory.read", op_memory_read},
    {"memory.write", op_memory_write},
    {"mq.open", op_mq_open},
    {"mq.send", op_mq_send},
    {"mq.receive", op_mq_receive},
    {"mq.attributes", op_mq_attributes},
    {"mq.unlink", op_mq_unlink},
    {"msg.get", op_msg_get},
    {"msg.send", op_msg_send},
    {"msg.receive", op_msg_receive},
    {"msg.stat", op_msg_stat},
    {"msg.remove", op_msg_remove},
};

/* ------------------------------------------------------------------------------------------ */
/* request dispatch                                                                            */

static __attribute__((noreturn)) void agent_exit(int status)
{
    pthread_mutex_lock(&g_exit_lock); /* never unlocked: the first caller ends the process */
    exit(status);
}

static __attribute__((noreturn)) void shutdown_agent(json_int_t id)
{
    send_result(id, json_object(), true);
    handles_close_all();
    agent_exit(0);
}

typedef struct {
    json_t *request;
    json_int_t id;
} job;

static void run_request(json_t *req, json_int_t id)
{
    op_error err;
    json_t *op = json_object_get(req, "op");
    json_t *args = json_object_get(req, "args");
    if (!json_is_string(op)) {
        set_error(&err, "BAD_ARGS", "request without a string 'op'");
        send_error(id, &err);
        return;
    }
    if (args && !json_is_null(args) && !json_is_object(args)) {
        set_error(&err, "BAD_ARGS", "'args' must be an object");
        send_error(id, &err);
        return;
    }
    json_t *empty = NULL;
    if (!json_is_object(args))
        args = empty = json_object(); /* tolerate an omitted args for operations without any */

    const char *name = json_string_value(op);
    if (strcmp(name, "shutdown") == 0) {
        json_decref(empty);
        shutdown_agent(id);
    }
    bool known = false;
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++) {
        if (strcmp(name, OPS[i].name) == 0) {
            known = true;
            err.code[0] = '\0';
            json_t *result = OPS[i].run(args, &err);
            if (result)
                send_result(id, result, false);
            else {
                if (!err.code[0]) /* a result that could not be built: out of memory */
                    set_error(&err, "INTERNAL", "out of memory building the result");
                send_error(id, &err);
            }
            break;
        }
    }
    if (!known) {
        set_error(&err, "UNSUPPORTED_OP", "unsupported operation '%.64s'", name);
        send_error(id, &err);
    }
    json_decref(empty);
}

static void *request_thread(void *arg)
{
    job *j = arg;
    run_request(j->request, j->id);
    json_decref(j->request);
    free(j);
    return NULL;
}

static void handle_line(const char *line, size_t len)
{
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    if (len == 0)
        return; /* a blank line carries nothing to answer */

    json_error_t jerr;
    json_t *msg = json_loadb(line, len, 0, &jerr);
    if (!msg) {
        send_log("malformed request: %s (column %d)", jerr.text, jerr.column);
        return;
    }
    json_t *type = json_object_get(msg, "type");
    json_t *id = json_object_get(msg, "id");
    if (!json_is_object(msg) || !json_is_string(type) ||
        strcmp(json_string_value(type), "request") != 0) {
        send_log("malformed request: not a request object, ignored");
        json_decref(msg);
        return;
    }
    if (!json_is_integer(id) || json_integer_value(id) <= 0) {
        send_log("malformed request: no positive integer 'id', cannot answer");
        json_decref(msg);
        return;
    }
    job *j = malloc(sizeof *j);
    if (j) {
        j->request = msg;
        j->id = json_integer_value(id);
        pthread_attr_t attr;
        pthread_t t;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        int rc = pthread_create(&t, &attr, request_thread, j);
        pthread_attr_destroy(&attr);
        if (rc == 0)
            return;
        free(j);
    }
    op_error err;
    set_error(&err, "INTERNAL", "cannot start a thread for the request");
    send_error(json_integer_value(id), &err);
    json_decref(msg);
}

/* ------------------------------------------------------------------------------------------ */
/* startup and the reader loop                                                                 */

static const char *require_env(const char *name)
{
    const char *v = getenv(name);
    if (!v || !*v) {
        fprintf(stderr, AGENT_NAME ": environment variable %s is not set\n", name);
        exit(2);
    }
    return v;
}

static int connect_control(const char *path)
{
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) {
        fprintf(stderr, AGENT_NAME ": control socket path too long: %s\n", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fprintf(stderr, AGENT_NAME ": socket: %s\n", strerror(errno));
        return -1;
    }
    int rc;
    do {
        rc = connect(fd, (struct sockaddr *)&addr, sizeof addr);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        fprintf(stderr, AGENT_NAME ": cannot connect to %s: %s\n", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

int main(void)
{
    const char *control = require_env("IPCSPEC_CONTROL");
    const char *participant = require_env("IPCSPEC_PARTICIPANT");
    require_env("IPCSPEC_SCRATCH"); /* the suite (or the parent) made it our working directory */
    const char *protocol = require_env("IPCSPEC_PROTOCOL");
    if (strcmp(protocol, "1") != 0)
        fprintf(stderr,
                AGENT_NAME ": suite speaks protocol %s, this agent speaks %d; "
                "saying hello anyway so the suite can report it\n",
                protocol, PROTOCOL_VERSION);

    /* Before any thread exists: every thread created later inherits the full signal mask. */
    signals_prepare();
    handles_adopt_inherited();
    process_init();

    int fd = connect_control(control);
    if (fd < 0)
        return 2;
    control_set(fd);
    if (signals_start() < 0) {
        fprintf(stderr, AGENT_NAME ": cannot start the signal threads: %s\n", strerror(errno));
        return 1;
    }

    json_t *caps = json_array();
    for (size_t i = 0; caps && i < sizeof CAPABILITIES / sizeof CAPABILITIES[0]; i++)
        json_array_append_new(caps, json_string(CAPABILITIES[i]));
    json_t *hello = json_pack("{s:s,s:i,s:s,s:I,s:{s:s,s:s},s:o}", "type", "hello", "protocol",
                              PROTOCOL_VERSION, "participant", participant, "pid",
                              (json_int_t)getpid(), "implementation", "name", IMPL_NAME,
                              "version", IMPL_VERSION, "capabilities", caps);
    if (!hello) {
        fprintf(stderr, AGENT_NAME ": cannot build hello (participant not UTF-8?)\n");
        return 2;
    }
    send_message(hello, false);

    /* A line may be megabytes (a 1 MiB write is ~1.4 MB of base64): grow as needed, and only
     * search the bytes not searched yet, so a long line costs linear time. */
    size_t cap = 64 * 1024, len = 0, scanned = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fprintf(stderr, AGENT_NAME ": out of memory\n");
        return 1;
    }
    for (;;) {
        if (cap - len < 16 * 1024) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                fprintf(stderr, AGENT_NAME ": out of memory for a %zu byte line\n", len);
                free(buf);
                agent_exit(1);
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            /* The suite went away: nobody is left to serve. */
            int status = 0;
            if (n < 0 && errno != ECONNRESET) {
                fprintf(stderr, AGENT_NAME ": control read failed: %s\n", strerror(errno));
                status = 1;
            }
            free(buf);
            agent_exit(status);
        }
        len += (size_t)n;
        size_t start = 0;
        char *nl;
        while ((nl = memchr(buf + scanned, '\n', len - scanned)) != NULL) {
            size_t end = (size_t)(nl - buf);
            handle_line(buf + start, end - start);
            start = scanned = end + 1;
        }
        scanned = len;
        if (start > 0) {
            memmove(buf, buf + start, len - start);
            len -= start;
            scanned -= start;
        }
        if (len == 0 && cap > 1024 * 1024) {
            /* Give back what one huge write line needed instead of keeping it for the run. */
            char *smaller = realloc(buf, 64 * 1024);
            if (smaller) {
                buf = smaller;
                cap = 64 * 1024;
            }
        }
    }
}
