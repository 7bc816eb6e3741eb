/*
 * The control channel and what every operation uses: error codes, JSON-line output, base64,
 * argument parsing (spec/PROTOCOL.md sections 2 and 3).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "agent.h"

static int g_control = -1;

/* Lines from concurrent threads must not interleave on the control socket. */
static pthread_mutex_t g_send_lock = PTHREAD_MUTEX_INITIALIZER;
static bool g_send_closed; /* set once shutdown has answered: nothing may follow that line */

void control_set(int fd)
{
    g_control = fd;
}

/* ------------------------------------------------------------------------------------------ */
/* errors                                                                                      */

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
    /* sockets (socket(7), unix(7), ip(7), tcp(7), udp(7)) */
    ERRNO_ENTRY(EDESTADDRREQ), ERRNO_ENTRY(EPROTOTYPE), ERRNO_ENTRY(ENOPROTOOPT),
    ERRNO_ENTRY(EPROTONOSUPPORT), ERRNO_ENTRY(ESOCKTNOSUPPORT), ERRNO_ENTRY(EPFNOSUPPORT),
    ERRNO_ENTRY(EAFNOSUPPORT), ERRNO_ENTRY(ENETDOWN), ERRNO_ENTRY(ENETUNREACH),
    ERRNO_ENTRY(ENETRESET), ERRNO_ENTRY(EHOSTDOWN), ERRNO_ENTRY(EHOSTUNREACH),
    ERRNO_ENTRY(ESHUTDOWN), ERRNO_ENTRY(ETOOMANYREFS),
    /* message queues (mq_overview(7), msgop(2), msgctl(2)) */
    ERRNO_ENTRY(ENOMSG), ERRNO_ENTRY(EIDRM), ERRNO_ENTRY(EBADMSG), ERRNO_ENTRY(ENODATA),
    ERRNO_ENTRY(ETIME),
};

/* Protocol messages must be valid UTF-8; error texts may be cut mid-character, so keep ASCII. */
static void ascii_only(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            *s = '?';
}

void set_errno_error(op_error *err, int e)
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

void set_error(op_error *err, const char *code, const char *fmt, ...)
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

json_int_t monotonic_ns(void)
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
 * Takes ownership of msg. ns is the moment the message stands for: the time the outcome was
 * known (taken before queueing for the lock, not when the socket became free), or for a signal
 * the time its handler ran. final: this is the last line the agent will ever send (the
 * shutdown answer).
 */
static void send_message_at(json_t *msg, json_int_t ns, bool final)
{
    if (!msg) {
        fprintf(stderr, AGENT_NAME ": cannot build a message (out of memory)\n");
        return;
    }
    json_object_set_new(msg, "monotonicNs", json_integer(ns));
    /* COMPACT never emits a raw newline: strings have theirs escaped. */
    char *text = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!text) {
        fprintf(stderr, AGENT_NAME ": cannot serialise a message\n");
        return;
    }
    size_t len = strlen(text);
    char *line = realloc(text, len + 1);
    if (!line) {
        free(text);
        fprintf(stderr, AGENT_NAME ": out of memory\n");
        return;
    }
    line[len] = '\n'; /* replaces the terminator: the line is written by length */

    pthread_mutex_lock(&g_send_lock);
    if (!g_send_closed) {
        if (write_all(g_control, line, len + 1) < 0)
            fprintf(stderr, AGENT_NAME ": control write failed: %s\n", strerror(errno));
        if (final)
            g_send_closed = true;
    }
    pthread_mutex_unlock(&g_send_lock);
    free(line);
}

void send_message(json_t *msg, bool final)
{
    send_message_at(msg, monotonic_ns(), final);
}

/* Takes ownership of data. */
void send_event(const char *event, json_t *data, json_int_t ns)
{
    send_message_at(json_pack("{s:s,s:s,s:o}", "type", "event", "event", event, "data", data), ns,
                    false);
}

void send_log(const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    ascii_only(text);
    send_event("log", json_pack("{s:s}", "text", text), monotonic_ns());
}

void send_result(json_int_t id, json_t *result, bool final)
{
    send_message(json_pack("{s:s,s:I,s:o}", "type", "response", "id", id, "result", result),
                 final);
}

void send_error(json_int_t id, const op_error *err)
{
    send_message(json_pack("{s:s,s:I,s:{s:s,s:s}}", "type", "response", "id", id, "error",
                           "code", err->code, "message", err->message),
                 false);
}

/* ------------------------------------------------------------------------------------------ */
/* base64 (RFC 4648, standard alphabet, padded)                                                */

static const char B64_ALPHABET[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *b64_encode(const unsigned char *in, size_t n, size_t *out_len)
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
int b64_decode(const char *in, size_t n, unsigned char **out, size_t *out_len)
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

/*
 * Looks an argument up: 1 when it is there, 0 when it is absent or null and optional (the caller
 * takes its default), -1 with BAD_ARGS when it is absent and required.
 */
static int arg_lookup(json_t *args, const char *key, bool required, json_t **v, op_error *err)
{
    *v = json_object_get(args, key);
    if (*v && !json_is_null(*v))
        return 1;
    if (required) {
        set_error(err, "BAD_ARGS", "missing argument '%s'", key);
        return -1;
    }
    return 0;
}

/* An absent or null optional argument takes its default; anything of the wrong type is BAD_ARGS. */
int arg_string(json_t *args, const char *key, bool required, const char *def, const char **out,
               op_error *err)
{
    json_t *v;
    int found = arg_lookup(args, key, required, &v, err);
    if (found <= 0) {
        if (found == 0)
            *out = def;
        return found;
    }
    if (!json_is_string(v)) {
        set_error(err, "BAD_ARGS", "argument '%s' must be a string", key);
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

int arg_int(json_t *args, const char *key, bool required, json_int_t def, json_int_t min,
            json_int_t max, json_int_t *out, op_error *err)
{
    json_t *v;
    int found = arg_lookup(args, key, required, &v, err);
    if (found <= 0) {
        if (found == 0)
            *out = def;
        return found;
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

int arg_bool(json_t *args, const char *key, bool def, bool *out, op_error *err)
{
    json_t *v;
    if (arg_lookup(args, key, false, &v, err) == 0) {
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

int arg_access(json_t *args, bool write_only, int *flags, op_error *err)
{
    const char *access;
    if (arg_string(args, "access", true, NULL, &access, err) < 0)
        return -1;
    if (strcmp(access, "read") == 0)
        *flags |= O_RDONLY;
    else if (strcmp(access, "readwrite") == 0)
        *flags |= O_RDWR;
    else if (write_only && strcmp(access, "write") == 0)
        *flags |= O_WRONLY;
    else {
        set_error(err, "BAD_ARGS", "argument 'access' must be \"read\"%s or \"readwrite\"",
                  write_only ? ", \"write\"" : "");
        return -1;
    }
    return 0;
}
