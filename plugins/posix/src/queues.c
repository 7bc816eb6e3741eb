/*
 * Message queues (PROTOCOL.md, "Message queues"):
 *   POSIX (mq_overview(7)): mq.open, mq.send, mq.receive, mq.attributes, mq.unlink; a queue
 *   descriptor is a handle, and close on it is mq_close(3) (handles.c).
 *   System V (sysvipc(7)): msg.get, msg.send, msg.receive, msg.stat, msg.remove; a queue is
 *   named by its identifier, a number valid in every process, not by a handle.
 * One call each, errors as errno names. Sending to a full queue and receiving from an empty one
 * block their own request only: no lock is held meanwhile.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/stat.h>

#include "agent.h"

#define DEFAULT_MODE 0600
#define MQ_RECEIVE_CAP (16 * 1024 * 1024) /* Linux's hard limit of mq_msgsize: any message fits */
#define MSG_DEFAULT_MAX 8192
#define MSG_MAX_CAP (1 << 30)

static json_t *data_result(const char *key, const void *buf, size_t n, op_error *err)
{
    size_t b64_len;
    char *b64 = b64_encode(buf, n, &b64_len);
    if (!b64) {
        set_error(err, "INTERNAL", "out of memory encoding %zu bytes", n);
        return NULL;
    }
    json_t *r = json_pack("{s:s%}", key, b64, b64_len);
    free(b64);
    return r;
}

static int arg_data(json_t *args, unsigned char **data, size_t *len, op_error *err)
{
    const char *b64;
    if (arg_string(args, "data", true, NULL, &b64, err) < 0)
        return -1;
    if (b64_decode(b64, json_string_length(json_object_get(args, "data")), data, len) < 0) {
        set_error(err, "BAD_ARGS", "argument 'data' is not padded base64 (or out of memory)");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* POSIX message queues                                                                        */

json_t *op_mq_open(json_t *args, op_error *err)
{
    const char *name;
    bool create, exclusive, nonblocking;
    json_int_t mode, maxmsg = 0, msgsize = 0;
    if (arg_string(args, "name", true, NULL, &name, err) < 0 ||
        arg_bool(args, "create", false, &create, err) < 0 ||
        arg_bool(args, "exclusive", false, &exclusive, err) < 0 ||
        arg_bool(args, "nonblocking", false, &nonblocking, err) < 0 ||
        arg_int(args, "mode", false, DEFAULT_MODE, 0, 07777, &mode, err) < 0)
        return NULL;
    /* both or neither; the values go to the kernel unjudged (0 or too many: EINVAL) */
    json_t *jm = json_object_get(args, "maxMessages"), *js = json_object_get(args, "messageSize");
    bool given_max = jm && !json_is_null(jm), given_size = js && !json_is_null(js);
    if (given_max != given_size) {
        set_error(err, "BAD_ARGS", "'maxMessages' and 'messageSize' go together: both or neither");
        return NULL;
    }
    if (arg_int(args, "maxMessages", false, 0, LONG_MIN, LONG_MAX, &maxmsg, err) < 0 ||
        arg_int(args, "messageSize", false, 0, LONG_MIN, LONG_MAX, &msgsize, err) < 0)
        return NULL;
    int flags = O_CLOEXEC | (create ? O_CREAT : 0) | (exclusive ? O_EXCL : 0) |
                (nonblocking ? O_NONBLOCK : 0);
    if (arg_access(args, true, &flags, err) < 0)
        return NULL;
    struct mq_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.mq_maxmsg = (long)maxmsg;
    attr.mq_msgsize = (long)msgsize;
    mqd_t q = mq_open(name, flags, (mode_t)mode, given_max ? &attr : NULL);
    if (q == (mqd_t)-1) {
        set_errno_error(err, errno);
        return NULL;
    }
    char h[32];
    if (handle_add_mq((int)q, h, sizeof h) < 0) {
        mq_close(q);
        set_error(err, "INTERNAL", "out of memory registering the handle");
        return NULL;
    }
    return json_pack("{s:s}", "handle", h);
}

json_t *op_mq_send(json_t *args, op_error *err)
{
    json_int_t prio;
    unsigned char *data;
    size_t len;
    int q;
    if (arg_int(args, "priority", false, 0, 0, UINT_MAX, &prio, err) < 0 ||
        arg_data(args, &data, &len, err) < 0)
        return NULL;
    if (handle_fd(args, &q, err) < 0) {
        free(data);
        return NULL;
    }
    int rc;
    do {
        rc = mq_send((mqd_t)q, (const char *)data, len, (unsigned)prio);
    } while (rc < 0 && errno == EINTR);
    int e = errno;
    free(data);
    if (rc < 0) {
        set_errno_error(err, e);
        return NULL;
    }
    return json_object();
}

json_t *op_mq_receive(json_t *args, op_error *err)
{
    json_int_t max;
    int q;
    int given = arg_int(args, "max", false, -1, 0, INT64_MAX, &max, err);
    if (given < 0 || handle_fd(args, &q, err) < 0)
        return NULL;
    if (max < 0) { /* not given: a buffer of the queue's message size */
        struct mq_attr attr;
        if (mq_getattr((mqd_t)q, &attr) < 0) {
            set_errno_error(err, errno);
            return NULL;
        }
        max = attr.mq_msgsize;
    }
    if (max > MQ_RECEIVE_CAP)
        max = MQ_RECEIVE_CAP;
    char *buf = malloc(max > 0 ? (size_t)max : 1);
    if (!buf) {
        set_error(err, "INTERNAL", "out of memory for %lld bytes", (long long)max);
        return NULL;
    }
    unsigned prio = 0;
    ssize_t n;
    do {
        n = mq_receive((mqd_t)q, buf, (size_t)max, &prio);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        set_errno_error(err, errno);
        free(buf);
        return NULL;
    }
    json_t *r = data_result("data", buf, (size_t)n, err);
    free(buf);
    if (r)
        json_object_set_new(r, "priority", json_integer(prio));
    return r;
}

json_t *op_mq_attributes(json_t *args, op_error *err)
{
    int q;
    if (handle_fd(args, &q, err) < 0)
        return NULL;
    struct mq_attr attr;
    if (mq_getattr((mqd_t)q, &attr) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_pack("{s:I,s:I,s:I,s:b}", "maxMessages", (json_int_t)attr.mq_maxmsg,
                     "messageSize", (json_int_t)attr.mq_msgsize, "messages",
                     (json_int_t)attr.mq_curmsgs, "nonblocking",
                     (attr.mq_flags & O_NONBLOCK) != 0);
}

json_t *op_mq_unlink(json_t *args, op_error *err)
{
    const char *name;
    if (arg_string(args, "name", true, NULL, &name, err) < 0)
        return NULL;
    if (mq_unlink(name) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

/* ------------------------------------------------------------------------------------------ */
/* System V message queues                                                                     */

/* msgsnd(2) and msgrcv(2) take a `long mtype` followed by the text. */
typedef struct {
    long mtype;
    char mtext[];
} msg_buffer;

static int arg_queue(json_t *args, int *id, op_error *err)
{
    json_int_t v; /* any int: a stale or made-up identifier is the kernel's to refuse */
    if (arg_int(args, "queue", true, 0, INT_MIN, INT_MAX, &v, err) < 0)
        return -1;
    *id = (int)v;
    return 0;
}

json_t *op_msg_get(json_t *args, op_error *err)
{
    json_int_t key, mode;
    bool create, exclusive;
    /* key_t is 32 bits: accepted as signed or as unsigned (0xCAFE0001 and its negative twin) */
    if (arg_int(args, "key", true, 0, INT32_MIN, UINT32_MAX, &key, err) < 0 ||
        arg_bool(args, "create", false, &create, err) < 0 ||
        arg_bool(args, "exclusive", false, &exclusive, err) < 0 ||
        arg_int(args, "mode", false, DEFAULT_MODE, 0, 0777, &mode, err) < 0)
        return NULL;
    int flags = (int)mode | (create ? IPC_CREAT : 0) | (exclusive ? IPC_EXCL : 0);
    int id = msgget((key_t)(int32_t)(uint32_t)key, flags); /* key 0 is IPC_PRIVATE */
    if (id < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_pack("{s:i}", "queue", id);
}

json_t *op_msg_send(json_t *args, op_error *err)
{
    int id;
    json_int_t type;
    bool nowait;
    unsigned char *data;
    size_t len;
    /* mtype below 1 goes to the kernel too: EINVAL is its answer */
    if (arg_queue(args, &id, err) < 0 ||
        arg_int(args, "type", true, 0, LONG_MIN, LONG_MAX, &type, err) < 0 ||
        arg_bool(args, "nowait", false, &nowait, err) < 0 || arg_data(args, &data, &len, err) < 0)
        return NULL;
    msg_buffer *m = malloc(sizeof *m + len);
    if (!m) {
        free(data);
        set_error(err, "INTERNAL", "out of memory for a message of %zu bytes", len);
        return NULL;
    }
    m->mtype = (long)type;
    memcpy(m->mtext, data, len);
    free(data);
    int rc;
    do {
        rc = msgsnd(id, m, len, nowait ? IPC_NOWAIT : 0);
    } while (rc < 0 && errno == EINTR);
    int e = errno;
    free(m);
    if (rc < 0) {
        set_errno_error(err, e);
        return NULL;
    }
    return json_object();
}

json_t *op_msg_receive(json_t *args, op_error *err)
{
    int id;
    json_int_t type, max;
    bool nowait, noerror;
    if (arg_queue(args, &id, err) < 0 ||
        arg_int(args, "type", false, 0, LONG_MIN, LONG_MAX, &type, err) < 0 ||
        arg_int(args, "max", false, MSG_DEFAULT_MAX, 0, MSG_MAX_CAP, &max, err) < 0 ||
        arg_bool(args, "nowait", false, &nowait, err) < 0 ||
        arg_bool(args, "noerror", false, &noerror, err) < 0)
        return NULL;
    msg_buffer *m = malloc(sizeof *m + (size_t)max);
    if (!m) {
        set_error(err, "INTERNAL", "out of memory for %lld bytes", (long long)max);
        return NULL;
    }
    int flags = (nowait ? IPC_NOWAIT : 0) | (noerror ? MSG_NOERROR : 0);
    ssize_t n;
    do {
        n = msgrcv(id, m, (size_t)max, (long)type, flags);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        set_errno_error(err, errno);
        free(m);
        return NULL;
    }
    json_t *r = data_result("data", m->mtext, (size_t)n, err);
    if (r)
        json_object_set_new(r, "type", json_integer(m->mtype));
    free(m);
    return r;
}

json_t *op_msg_stat(json_t *args, op_error *err)
{
    int id;
    if (arg_queue(args, &id, err) < 0)
        return NULL;
    struct msqid_ds ds;
    if (msgctl(id, IPC_STAT, &ds) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_pack("{s:I,s:I,s:I,s:I,s:I}", "messages", (json_int_t)ds.msg_qnum, "bytes",
                     (json_int_t)ds.__msg_cbytes, "maxBytes", (json_int_t)ds.msg_qbytes,
                     "lastSenderPid", (json_int_t)ds.msg_lspid, "lastReceiverPid",
                     (json_int_t)ds.msg_lrpid);
}

json_t *op_msg_remove(json_t *args, op_error *err)
{
    int id;
    if (arg_queue(args, &id, err) < 0)
        return NULL;
    if (msgctl(id, IPC_RMID, NULL) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}
