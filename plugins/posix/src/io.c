/*
 * Operations on handles, whatever made them: read, write, close (core), and pipe.create,
 * handle.nonblocking, handle.stat. One system call each (write: one per repetition). They work
 * on any descriptor: pipe ends, FIFOs, sockets, regular files, shared memory objects.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent.h"

#define READ_DEFAULT_MAX 65536
#define READ_CAP (16 * 1024 * 1024) /* a suite asking for more gets at most this much */

json_t *op_write(json_t *args, op_error *err)
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
    if (handle_fd(args, &fd, err) < 0) {
        free(data);
        return NULL;
    }
    /* One write(2) per repetition, never retried when partial: the suite observes the
     * system's atomicity and short-write behaviour, which a retry loop would hide.
     * SIGPIPE from write(2) is aimed at this thread: signals.c lets it act here as the
     * scenario's mask and disposition say. */
    bool sigpipe_blocked = signals_sigpipe_enter();
    json_int_t written = 0;
    for (json_int_t i = 0; i < count; i++) {
        ssize_t n;
        do {
            n = write(fd, data, len);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            int e = errno;
            signals_sigpipe_leave(sigpipe_blocked, e);
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
    signals_sigpipe_leave(sigpipe_blocked, 0);
    free(data);
    return json_pack("{s:I}", "written", written);
}

json_t *op_read(json_t *args, op_error *err)
{
    json_int_t max;
    int fd;
    if (arg_int(args, "max", false, READ_DEFAULT_MAX, 1, INT64_MAX, &max, err) < 0 ||
        handle_fd(args, &fd, err) < 0)
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

/* close(2), or mq_close(3) of a queue, or munmap(2) of a mapping (handles.c). */
json_t *op_close(json_t *args, op_error *err)
{
    if (handle_close(args, err) < 0)
        return NULL;
    return json_object();
}


json_t *op_pipe_create(json_t *args, op_error *err)
{
    (void)args;
    int p[2];
    /* CLOEXEC: an end reaches a child only when process.spawn passes it on (process.c). */
    if (pipe2(p, O_CLOEXEC) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    char r[32], w[32];
    if (handle_adopt_pair(p, r, w, err) < 0)
        return NULL;
    return json_pack("{s:s,s:s}", "read", r, "write", w);
}

json_t *op_handle_nonblocking(json_t *args, op_error *err)
{
    json_t *on = json_object_get(args, "on"); /* required: no default would be obvious */
    if (!json_is_boolean(on)) {
        set_error(err, "BAD_ARGS", "argument 'on' must be a boolean");
        return NULL;
    }
    int fd;
    if (handle_fd(args, &fd, err) < 0)
        return NULL;
    /* O_NONBLOCK is a property of the open file description: every descriptor sharing it
     * (a child's copy too) sees the change, as with fcntl(2) in any program. */
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        flags = json_is_true(on) ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
    if (flags < 0 || fcntl(fd, F_SETFL, flags) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

json_t *op_handle_stat(json_t *args, op_error *err)
{
    int fd;
    if (handle_fd(args, &fd, err) < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return stat_result(&st);
}
