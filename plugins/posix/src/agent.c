/*
 * ipcspec POSIX reference agent: driver protocol v1 (spec/PROTOCOL.md) on raw POSIX calls.
 *
 * The suite listens on the UNIX socket named by IPCSPEC_CONTROL; this agent connects, says
 * hello, then serves JSON-line requests. Each request runs on its own detached thread because
 * FIFO operations block in the kernel (open without a peer, read on an empty FIFO, write on a
 * full one) and the suite must still get answers to its other requests meanwhile.
 *
 * The agent reports what the system said; it never judges. So every operation is exactly one
 * system call (write: one per repetition), and errors travel as errno names.
 *
 * Build: gcc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -pthread -o ipcspec-posix-agent agent.c -ljansson
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define PROTOCOL_VERSION 1
#define IMPL_NAME "ipcspec POSIX reference"
#define IMPL_VERSION "0.1.0"
#define READ_DEFAULT_MAX 65536
#define READ_CAP (16 * 1024 * 1024) /* a suite asking for more gets at most this much */

static int g_control = -1;

/* Lines from concurrent threads must not interleave on the control socket. */
static pthread_mutex_t g_send_lock = PTHREAD_MUTEX_INITIALIZER;
static bool g_send_closed; /* set once shutdown has answered: nothing may follow that line */

/* exit() is not safe to run twice concurrently (shutdown racing with control EOF). */
static pthread_mutex_t g_exit_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Handle "hN" is slot N of g_fds (-1 once closed; numbers are never reused, so a stale handle
 * is reported as unknown instead of silently naming a newer file). The lock only guards the
 * table: it is never held across a blocking system call.
 */
static pthread_mutex_t g_handles_lock = PTHREAD_MUTEX_INITIALIZER;
static int *g_fds;
static size_t g_nfds = 1; /* slot 0 unused: handles start at h1 */
static size_t g_fds_cap;

/* ------------------------------------------------------------------------------------------ */
/* errors                                                                                      */

typedef struct {
    char code[32];
    char message[256];
} op_error;

#define ERRNO_ENTRY(e) { e, #e }
static const struct {
    int value;
    const char *name;
} errno_names[] = {
    ERRNO_ENTRY(EPERM), ERRNO_ENTRY(ENOENT), ERRNO_ENTRY(ESRCH), ERRNO_ENTRY(EINTR),
    ERRNO_ENTRY(EIO), ERRNO_ENTRY(ENXIO), ERRNO_ENTRY(E2BIG), ERRNO_ENTRY(ENOEXEC),
    ERRNO_ENTRY(EBADF), ERRNO_ENTRY(ECHILD), ERRNO_ENTRY(EAGAIN), ERRNO_ENTRY(ENOMEM),
    ERRNO_ENTRY(EACCES), ERRNO_ENTRY(EFAULT), ERRNO_ENTRY(EBUSY), ERRNO_ENTRY(EEXIST),
    ERRNO_ENTRY(EXDEV), ERRNO_ENTRY(ENODEV), ERRNO_ENTRY(ENOTDIR), ERRNO_ENTRY(EISDIR),
    ERRNO_ENTRY(EINVAL), ERRNO_ENTRY(ENFILE), ERRNO_ENTRY(EMFILE), ERRNO_ENTRY(ENOTTY),
    ERRNO_ENTRY(ETXTBSY), ERRNO_ENTRY(EFBIG), ERRNO_ENTRY(ENOSPC), ERRNO_ENTRY(ESPIPE),
    ERRNO_ENTRY(EROFS), ERRNO_ENTRY(EMLINK), ERRNO_ENTRY(EPIPE), ERRNO_ENTRY(EDOM),
    ERRNO_ENTRY(ERANGE), ERRNO_ENTRY(EDEADLK), ERRNO_ENTRY(ENAMETOOLONG), ERRNO_ENTRY(ENOLCK),
    ERRNO_ENTRY(ENOSYS), ERRNO_ENTRY(ENOTEMPTY), ERRNO_ENTRY(ELOOP), ERRNO_ENTRY(EOVERFLOW),
    ERRNO_ENTRY(ENOTSOCK), ERRNO_ENTRY(EMSGSIZE), ERRNO_ENTRY(EADDRINUSE),
    ERRNO_ENTRY(EADDRNOTAVAIL), ERRNO_ENTRY(ECONNABORTED), ERRNO_ENTRY(ECONNREFUSED),
    ERRNO_ENTRY(ECONNRESET), ERRNO_ENTRY(ENOTCONN), ERRNO_ENTRY(EISCONN), ERRNO_ENTRY(ETIMEDOUT),
    ERRNO_ENTRY(EINPROGRESS), ERRNO_ENTRY(EALREADY), ERRNO_ENTRY(EOPNOTSUPP),
    ERRNO_ENTRY(ENOBUFS), ERRNO_ENTRY(EDQUOT), ERRNO_ENTRY(ESTALE), ERRNO_ENTRY(ECANCELED),
};

/* Protocol messages must be valid UTF-8; error texts may be cut mid-character, so keep ASCII. */
static void ascii_only(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            *s = '?';
}

static void set_errno_error(op_error *err, int e)
{
    const char *name = NULL;
    for (size_t i = 0; i < sizeof errno_names / sizeof errno_names[0]; i++) {
        if (errno_names[i].value == e) {
            name = errno_names[i].name;
            break;
        }
    }
    if (name)
        snprintf(err->code, sizeof err->code, "%s", name);
    else
        snprintf(err->code, sizeof err->code, "E%d", e);
    char buf[128];
    snprintf(err->message, sizeof err->message, "%s", strerror_r(e, buf, sizeof buf));
    ascii_only(err->message);
}

static __attribute__((format(printf, 3, 4))) void
set_error(op_error *err, const char *code, const char *fmt, ...)
{
    snprintf(err->code, sizeof err->code, "%s", code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    ascii_only(err->message);
}

/* ------------------------------------------------------------------------------------------ */
/* control channel output                                                                      */

static json_int_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (json_int_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/*
 * Takes ownership of msg. The timestamp is taken before queueing for the lock, so it is the
 * moment the outcome was known, not the moment the socket became free.
 * final: this is the last line the agent will ever send (the shutdown answer).
 */
static void send_message(json_t *msg, bool final)
{
    if (!msg) {
        fprintf(stderr, "ipcspec-posix-agent: cannot build a message (out of memory)\n");
        return;
    }
    json_object_set_new(msg, "monotonicNs", json_integer(monotonic_ns()));
    /* COMPACT never emits a raw newline: strings have theirs escaped. */
    char *text = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!text) {
        fprintf(stderr, "ipcspec-posix-agent: cannot serialise a message\n");
        return;
    }
    size_t len = strlen(text);
    char *line = realloc(text, len + 1);
    if (!line) {
        free(text);
        fprintf(stderr, "ipcspec-posix-agent: out of memory\n");
        return;
    }
    line[len] = '\n'; /* replaces the terminator: the line is written by length */

    pthread_mutex_lock(&g_send_lock);
    if (!g_send_closed) {
        if (write_all(g_control, line, len + 1) < 0)
            fprintf(stderr, "ipcspec-posix-agent: control write failed: %s\n", strerror(errno));
        if (final)
            g_send_closed = true;
    }
    pthread_mutex_unlock(&g_send_lock);
    free(line);
}

static __attribute__((format(printf, 1, 2))) void send_log(const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    ascii_only(text);
    send_message(json_pack("{s:s,s:s,s:{s:s}}", "type", "event", "event", "log", "data", "text",
                           text),
                 false);
}

static void send_result(json_int_t id, json_t *result, bool final)
{
    send_message(json_pack("{s:s,s:I,s:o}", "type", "response", "id", id, "result", result),
                 final);
}

static void send_error(json_int_t id, const op_error *err)
{
    send_message(json_pack("{s:s,s:I,s:{s:s,s:s}}", "type", "response", "id", id, "error",
                           "code", err->code, "message", err->message),
                 false);
}

/* ------------------------------------------------------------------------------------------ */
/* base64 (RFC 4648, standard alphabet, padded)                                                */

static const char B64_ALPHABET[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *b64_encode(const unsigned char *in, size_t n, size_t *out_len)
{
    size_t len = 4 * ((n + 2) / 3);
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t i = 0, o = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = B64_ALPHABET[v >> 18 & 63];
        out[o++] = B64_ALPHABET[v >> 12 & 63];
        out[o++] = B64_ALPHABET[v >> 6 & 63];
        out[o++] = B64_ALPHABET[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        out[o++] = B64_ALPHABET[v >> 18 & 63];
        out[o++] = B64_ALPHABET[v >> 12 & 63];
        out[o++] = '=';
        out[o++] = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        out[o++] = B64_ALPHABET[v >> 18 & 63];
        out[o++] = B64_ALPHABET[v >> 12 & 63];
        out[o++] = B64_ALPHABET[v >> 6 & 63];
        out[o++] = '=';
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

static int b64_value(unsigned char c)
{
    const char *p = c ? strchr(B64_ALPHABET, c) : NULL;
    return p ? (int)(p - B64_ALPHABET) : -1;
}

/*
 * Strict: length a multiple of 4, '=' only as the last one or two characters. A sloppy
 * decoder could turn a suite bug into bytes nobody meant to write.
 * Returns 0 and a malloc'd buffer (possibly of length 0), or -1 if the text is not base64.
 */
static int b64_decode(const char *in, size_t n, unsigned char **out, size_t *out_len)
{
    if (n % 4 != 0)
        return -1;
    size_t pad = 0;
    if (n > 0 && in[n - 1] == '=')
        pad = (in[n - 2] == '=') ? 2 : 1;
    unsigned char *buf = malloc(n / 4 * 3 + 1);
    if (!buf)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i < n; i += 4) {
        bool last = (i + 4 == n);
        uint32_t v = 0;
        for (size_t k = 0; k < 4; k++) {
            int d;
            if (last && k >= 4 - pad) {
                d = 0; /* the padding itself; checked to be '=' by the pad count above */
            } else {
                d = b64_value((unsigned char)in[i + k]);
                if (d < 0) {
                    free(buf);
                    return -1;
                }
            }
            v = v << 6 | (uint32_t)d;
        }
        size_t bytes = last ? 3 - pad : 3;
        buf[o++] = (unsigned char)(v >> 16);
        if (bytes > 1)
            buf[o++] = (unsigned char)(v >> 8);
        if (bytes > 2)
            buf[o++] = (unsigned char)v;
    }
    *out = buf;
    *out_len = o;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* arguments                                                                                   */

/* An absent or null optional argument takes its default; anything of the wrong type is BAD_ARGS. */
static int arg_string(json_t *args, const char *key, bool required, const char *def,
                      const char **out, op_error *err)
{
    json_t *v = json_object_get(args, key);
    if (!v || json_is_null(v)) {
        if (required) {
            set_error(err, "BAD_ARGS", "missing argument '%s'", key);
            return -1;
        }
        *out = def;
        return 0;
    }
    if (!json_is_string(v)) {
        set_error(err, "BAD_ARGS", "argument '%s' must be a string", key);
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

static int arg_int(json_t *args, const char *key, bool required, json_int_t def, json_int_t min,
                   json_int_t max, json_int_t *out, op_error *err)
{
    json_t *v = json_object_get(args, key);
    if (!v || json_is_null(v)) {
        if (required) {
            set_error(err, "BAD_ARGS", "missing argument '%s'", key);
            return -1;
        }
        *out = def;
        return 0;
    }
    if (!json_is_integer(v)) {
        set_error(err, "BAD_ARGS", "argument '%s' must be an integer", key);
        return -1;
    }
    json_int_t i = json_integer_value(v);
    if (i < min || i > max) {
        set_error(err, "BAD_ARGS", "argument '%s' out of range [%lld, %lld]", key,
                  (long long)min, (long long)max);
        return -1;
    }
    *out = i;
    return 0;
}

static int arg_bool(json_t *args, const char *key, bool def, bool *out, op_error *err)
{
    json_t *v = json_object_get(args, key);
    if (!v || json_is_null(v)) {
        *out = def;
        return 0;
    }
    if (!json_is_boolean(v)) {
        set_error(err, "BAD_ARGS", "argument '%s' must be a boolean", key);
        return -1;
    }
    *out = json_is_true(v);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* handle table                                                                                */

static int handle_add(int fd, char *name, size_t name_size)
{
    pthread_mutex_lock(&g_handles_lock);
    if (g_nfds >= g_fds_cap) { /* >=: slot 0 is reserved before any allocation */
        size_t cap = g_fds_cap ? g_fds_cap * 2 : 16;
        int *fds = realloc(g_fds, cap * sizeof *fds);
        if (!fds) {
            pthread_mutex_unlock(&g_handles_lock);
            return -1;
        }
        g_fds = fds;
        g_fds_cap = cap;
    }
    size_t idx = g_nfds++;
    g_fds[idx] = fd;
    pthread_mutex_unlock(&g_handles_lock);
    snprintf(name, name_size, "h%zu", idx);
    return 0;
}

/* Only the exact spelling the agent hands out ("h" + decimal without leading zero) is a handle. */
static bool handle_parse(const char *s, size_t *idx)
{
    if (s[0] != 'h' || s[1] < '1' || s[1] > '9')
        return false;
    size_t v = 0;
    for (const char *p = s + 1; *p; p++) {
        if (*p < '0' || *p > '9' || v > (SIZE_MAX - 9) / 10)
            return false;
        v = v * 10 + (size_t)(*p - '0');
    }
    *idx = v;
    return true;
}

/*
 * Looks up args.handle. With forget, the handle is removed in the same critical section so
 * that two concurrent closes cannot both close(2) the same descriptor number.
 * Known limit: an operation that looked up a descriptor just before a concurrent close may
 * act on a reused descriptor number; the suite does not race close against use of a handle.
 */
static int handle_fd(json_t *args, bool forget, int *fd, op_error *err)
{
    const char *name;
    if (arg_string(args, "handle", true, NULL, &name, err) < 0)
        return -1;
    size_t idx;
    bool found = false;
    if (handle_parse(name, &idx)) {
        pthread_mutex_lock(&g_handles_lock);
        if (idx < g_nfds && g_fds[idx] >= 0) {
            *fd = g_fds[idx];
            if (forget)
                g_fds[idx] = -1;
            found = true;
        }
        pthread_mutex_unlock(&g_handles_lock);
    }
    if (!found) {
        set_error(err, "BAD_ARGS", "unknown handle '%.64s'", name);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* operations: each returns a new result object, or NULL with *err filled                      */

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

static json_t *op_fifo_create(json_t *args, op_error *err)
{
    const char *path, *call;
    json_int_t mode;
    if (arg_string(args, "path", true, NULL, &path, err) < 0 ||
        arg_int(args, "mode", true, 0, 0, 07777, &mode, err) < 0 ||
        arg_string(args, "call", false, "mkfifo", &call, err) < 0)
        return NULL;
    bool use_mknod;
    if (strcmp(call, "mkfifo") == 0) {
        use_mknod = false;
    } else if (strcmp(call, "mknod") == 0) {
        use_mknod = true;
    } else {
        set_error(err, "BAD_ARGS", "argument 'call' must be \"mkfifo\" or \"mknod\"");
        return NULL;
    }
    int rc;
    do {
        rc = use_mknod ? mknod(path, S_IFIFO | (mode_t)mode, 0) : mkfifo(path, (mode_t)mode);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

static json_t *op_fifo_open(json_t *args, op_error *err)
{
    const char *path, *access;
    bool nonblocking;
    if (arg_string(args, "path", true, NULL, &path, err) < 0 ||
        arg_string(args, "access", true, NULL, &access, err) < 0 ||
        arg_bool(args, "nonblocking", false, &nonblocking, err) < 0)
        return NULL;
    /* CLOEXEC: handles belong to this agent, not to any child a later version might spawn. */
    int flags = O_CLOEXEC | (nonblocking ? O_NONBLOCK : 0);
    if (strcmp(access, "read") == 0) {
        flags |= O_RDONLY;
    } else if (strcmp(access, "write") == 0) {
        flags |= O_WRONLY;
    } else {
        set_error(err, "BAD_ARGS", "argument 'access' must be \"read\" or \"write\"");
        return NULL;
    }
    int fd;
    do {
        fd = open(path, flags);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    char name[32];
    if (handle_add(fd, name, sizeof name) < 0) {
        close(fd);
        set_error(err, "INTERNAL", "out of memory registering the handle");
        return NULL;
    }
    return json_pack("{s:s}", "handle", name);
}

static json_t *op_write(json_t *args, op_error *err)
{
    const char *b64;
    json_int_t count;
    int fd;
    if (arg_string(args, "data", true, NULL, &b64, err) < 0 ||
        arg_int(args, "count", false, 1, 0, INT64_MAX, &count, err) < 0)
        return NULL;
    unsigned char *data;
    size_t len;
    if (b64_decode(b64, json_string_length(json_object_get(args, "data")), &data, &len) < 0) {
        set_error(err, "BAD_ARGS", "argument 'data' is not padded base64 (or out of memory)");
        return NULL;
    }
    if (handle_fd(args, false, &fd, err) < 0) {
        free(data);
        return NULL;
    }
    /* One write(2) per repetition, never retried when partial: the suite observes the
     * system's atomicity and short-write behaviour, which a retry loop would hide. */
    json_int_t written = 0;
    for (json_int_t i = 0; i < count; i++) {
        ssize_t n;
        do {
            n = write(fd, data, len);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            int e = errno;
            set_errno_error(err, e);
            if (written > 0) { /* the code is the outcome; the count is for people */
                size_t used = strlen(err->message);
                snprintf(err->message + used, sizeof err->message - used,
                         " (after %lld bytes written)", (long long)written);
            }
            free(data);
            return NULL;
        }
        written += n;
        if ((size_t)n < len) /* a short write ends the repetitions (PROTOCOL.md, write) */
            break;
    }
    free(data);
    return json_pack("{s:I}", "written", written);
}

static json_t *op_read(json_t *args, op_error *err)
{
    json_int_t max;
    int fd;
    if (arg_int(args, "max", false, READ_DEFAULT_MAX, 1, INT64_MAX, &max, err) < 0 ||
        handle_fd(args, false, &fd, err) < 0)
        return NULL;
    if (max > READ_CAP)
        max = READ_CAP;
    unsigned char *buf = malloc(max > 0 ? (size_t)max : 1);
    if (!buf) {
        set_error(err, "INTERNAL", "out of memory for a read of %lld bytes", (long long)max);
        return NULL;
    }
    ssize_t n;
    do {
        n = read(fd, buf, (size_t)max);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        set_errno_error(err, errno);
        free(buf);
        return NULL;
    }
    size_t b64_len;
    char *b64 = b64_encode(buf, (size_t)n, &b64_len);
    free(buf);
    if (!b64) {
        set_error(err, "INTERNAL", "out of memory encoding %zd bytes", n);
        return NULL;
    }
    json_t *r = json_pack("{s:s%,s:b}", "data", b64, b64_len, "eof", n == 0);
    free(b64);
    return r;
}

static json_t *op_close(json_t *args, op_error *err)
{
    int fd;
    if (handle_fd(args, true, &fd, err) < 0)
        return NULL;
    /* No EINTR retry: on Linux the descriptor is released even then, and a retry could close
     * a descriptor another thread has just been given. */
    if (close(fd) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

static const char *file_type(mode_t m)
{
    if (S_ISFIFO(m))
        return "fifo";
    if (S_ISREG(m))
        return "file";
    if (S_ISDIR(m))
        return "directory";
    if (S_ISSOCK(m))
        return "socket";
    if (S_ISCHR(m))
        return "char";
    if (S_ISBLK(m))
        return "block";
    return "other";
}

static json_t *op_stat(json_t *args, op_error *err)
{
    const char *path;
    if (arg_string(args, "path", true, NULL, &path, err) < 0)
        return NULL;
    struct stat st;
    int rc;
    do {
        rc = stat(path, &st);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_pack("{s:s,s:I,s:I}", "type", file_type(st.st_mode), "size",
                     (json_int_t)st.st_size, "mode", (json_int_t)(st.st_mode & 07777));
}

static json_t *op_unlink(json_t *args, op_error *err)
{
    const char *path;
    if (arg_string(args, "path", true, NULL, &path, err) < 0)
        return NULL;
    int rc;
    do {
        rc = unlink(path);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

static const struct {
    const char *name;
    json_t *(*run)(json_t *args, op_error *err);
} OPS[] = {
    {"ping", op_ping},
    {"process.info", op_process_info},
    {"fifo.create", op_fifo_create},
    {"fifo.open", op_fifo_open},
    {"write", op_write},
    {"read", op_read},
    {"close", op_close},
    {"stat", op_stat},
    {"unlink", op_unlink},
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
    pthread_mutex_lock(&g_handles_lock);
    for (size_t i = 1; i < g_nfds; i++) {
        if (g_fds[i] >= 0) {
            close(g_fds[i]);
            g_fds[i] = -1;
        }
    }
    pthread_mutex_unlock(&g_handles_lock);
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
            json_t *result = OPS[i].run(args, &err);
            if (result)
                send_result(id, result, false);
            else
                send_error(id, &err);
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
        fprintf(stderr, "ipcspec-posix-agent: environment variable %s is not set\n", name);
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
        fprintf(stderr, "ipcspec-posix-agent: control socket path too long: %s\n", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fprintf(stderr, "ipcspec-posix-agent: socket: %s\n", strerror(errno));
        return -1;
    }
    int rc;
    do {
        rc = connect(fd, (struct sockaddr *)&addr, sizeof addr);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        fprintf(stderr, "ipcspec-posix-agent: cannot connect to %s: %s\n", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

int main(void)
{
    const char *control = require_env("IPCSPEC_CONTROL");
    const char *participant = require_env("IPCSPEC_PARTICIPANT");
    require_env("IPCSPEC_SCRATCH"); /* the suite made it our working directory already */
    const char *protocol = require_env("IPCSPEC_PROTOCOL");
    if (strcmp(protocol, "1") != 0)
        fprintf(stderr,
                "ipcspec-posix-agent: suite speaks protocol %s, this agent speaks %d; "
                "saying hello anyway so the suite can report it\n",
                protocol, PROTOCOL_VERSION);

    /* Writing to a FIFO without readers must answer EPIPE, not kill the agent. */
    signal(SIGPIPE, SIG_IGN);

    g_control = connect_control(control);
    if (g_control < 0)
        return 2;

    json_t *hello = json_pack("{s:s,s:i,s:s,s:I,s:{s:s,s:s},s:[s,s,s,s,s]}", "type", "hello",
                              "protocol", PROTOCOL_VERSION, "participant", participant, "pid",
                              (json_int_t)getpid(), "implementation", "name", IMPL_NAME,
                              "version", IMPL_VERSION, "capabilities", "fifo", "fifo.create",
                              "fifo.nonblocking", "fs.stat", "fs.unlink");
    if (!hello) {
        fprintf(stderr, "ipcspec-posix-agent: cannot build hello (participant not UTF-8?)\n");
        return 2;
    }
    send_message(hello, false);

    /* A line may be megabytes (a 1 MiB write is ~1.4 MB of base64): grow as needed, and only
     * search the bytes not searched yet, so a long line costs linear time. */
    size_t cap = 64 * 1024, len = 0, scanned = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fprintf(stderr, "ipcspec-posix-agent: out of memory\n");
        return 1;
    }
    for (;;) {
        if (cap - len < 16 * 1024) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                fprintf(stderr, "ipcspec-posix-agent: out of memory for a %zu byte line\n", len);
                free(buf);
                agent_exit(1);
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t n = read(g_control, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            /* The suite went away: nobody is left to serve. */
            int status = 0;
            if (n < 0 && errno != ECONNRESET) {
                fprintf(stderr, "ipcspec-posix-agent: control read failed: %s\n",
                        strerror(errno));
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
