/*
 * Sockets: socket.create, bind, listen, accept, connect, address, send, receive, shutdown,
 * socket.pair and socket.peercred (PROTOCOL.md, "Sockets"). UNIX-domain and IPv4, stream and
 * datagram. One system call each, errors as errno names; the blocking ones (accept, connect,
 * send, receive) block their own request only: the handle table lock is released before.
 *
 * An address is {"family":"unix","path":S} or {"family":"inet","host":S,"port":N}. The C
 * structure is the one the family names, whatever the socket's domain: the kernel, not the
 * agent, refuses an inet address for a UNIX-domain socket (EINVAL). A UNIX path is passed as
 * its bytes plus the terminating null, so "" is an address of sizeof(sa_family_t) bytes: the
 * unnamed address (bind(2) then autobinds, unix(7)). An abstract address read back from the
 * system is shown as "@" and its name.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "agent.h"

#define RECEIVE_DEFAULT_MAX 65536
#define RECEIVE_CAP (16 * 1024 * 1024) /* as read: a suite asking for more gets this much */
#define LISTEN_DEFAULT_BACKLOG 16

typedef struct {
    struct sockaddr_storage ss;
    socklen_t len;
} sock_addr;

/* ------------------------------------------------------------------------------------------ */
/* addresses                                                                                   */

static int parse_address(json_t *a, const char *what, sock_addr *out, op_error *err)
{
    if (!json_is_object(a)) {
        set_error(err, "BAD_ARGS", "argument '%s' must be an address object", what);
        return -1;
    }
    const char *family;
    if (arg_string(a, "family", true, NULL, &family, err) < 0)
        return -1;
    memset(out, 0, sizeof *out);
    if (strcmp(family, "unix") == 0) {
        const char *path;
        if (arg_string(a, "path", true, NULL, &path, err) < 0)
            return -1;
        size_t n = strlen(path);
        struct sockaddr_un *un = (struct sockaddr_un *)&out->ss;
        if (n > sizeof un->sun_path) {
            set_error(err, "ENAMETOOLONG",
                      "a UNIX socket path of %zu bytes does not fit sun_path (%zu bytes)", n,
                      sizeof un->sun_path);
            return -1;
        }
        un->sun_family = AF_UNIX;
        memcpy(un->sun_path, path, n);
        if (n == 0)
            out->len = offsetof(struct sockaddr_un, sun_path); /* unnamed */
        else if (n == sizeof un->sun_path) /* a full sun_path has no room for the null */
            out->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
        else
            out->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
        return 0;
    }
    if (strcmp(family, "inet") == 0) {
        const char *host;
        json_int_t port;
        if (arg_string(a, "host", true, NULL, &host, err) < 0 ||
            arg_int(a, "port", true, 0, 0, 65535, &port, err) < 0)
            return -1;
        struct sockaddr_in *in = (struct sockaddr_in *)&out->ss;
        in->sin_family = AF_INET;
        in->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, host, &in->sin_addr) != 1) {
            set_error(err, "BAD_ARGS", "'%.64s' is not a dotted IPv4 address", host);
            return -1;
        }
        out->len = sizeof *in;
        return 0;
    }
    set_error(err, "BAD_ARGS", "address family must be \"unix\" or \"inet\", not '%.32s'", family);
    return -1;
}

/* A JSON string of bytes that should be UTF-8 (paths the suite chose); others become '?'. */
static json_t *bytes_string(const char *p, size_t n)
{
    json_t *s = json_stringn(p, n);
    if (s)
        return s;
    char *copy = malloc(n + 1);
    if (!copy)
        return NULL;
    for (size_t i = 0; i < n; i++)
        copy[i] = (unsigned char)p[i] >= 0x80 || p[i] == '\0' ? '?' : p[i];
    s = json_stringn(copy, n);
    free(copy);
    return s;
}

static json_t *address_json(const struct sockaddr_storage *ss, socklen_t len)
{
    if (ss->ss_family == AF_UNIX) {
        const struct sockaddr_un *un = (const struct sockaddr_un *)ss;
        size_t off = offsetof(struct sockaddr_un, sun_path);
        size_t n = len > off ? len - off : 0;
        if (n > sizeof un->sun_path)
            n = sizeof un->sun_path;
        json_t *path;
        if (n > 0 && un->sun_path[0] == '\0') { /* abstract: "@" and the name */
            char buf[sizeof un->sun_path + 1];
            buf[0] = '@';
            memcpy(buf + 1, un->sun_path + 1, n - 1);
            path = bytes_string(buf, n);
        } else {
            path = bytes_string(un->sun_path, strnlen(un->sun_path, n));
        }
        return json_pack("{s:s,s:o}", "family", "unix", "path", path);
    }
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        char host[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        return json_pack("{s:s,s:s,s:i}", "family", "inet", "host", host, "port",
                         (int)ntohs(in->sin_port));
    }
    /* not one the protocol names (a socket the agent did not make): say which it is */
    return json_pack("{s:s,s:i}", "family", "other", "number", (int)ss->ss_family);
}

/* ------------------------------------------------------------------------------------------ */
/* creation                                                                                    */

static int parse_type(json_t *args, int *type, op_error *err)
{
    const char *s;
    if (arg_string(args, "type", true, NULL, &s, err) < 0)
        return -1;
    if (strcmp(s, "stream") == 0)
        *type = SOCK_STREAM;
    else if (strcmp(s, "datagram") == 0)
        *type = SOCK_DGRAM;
    else {
        set_error(err, "BAD_ARGS", "argument 'type' must be \"stream\" or \"datagram\"");
        return -1;
    }
    return 0;
}

static json_t *handle_result(int fd, op_error *err)
{
    char name[32];
    if (handle_add(fd, name, sizeof name) < 0) {
        close(fd);
        set_error(err, "INTERNAL", "out of memory registering the handle");
        return NULL;
    }
    return json_pack("{s:s}", "handle", name);
}

json_t *op_socket_create(json_t *args, op_error *err)
{
    const char *domain;
    int type, af;
    if (arg_string(args, "domain", true, NULL, &domain, err) < 0 || parse_type(args, &type, err) < 0)
        return NULL;
    if (strcmp(domain, "unix") == 0)
        af = AF_UNIX;
    else if (strcmp(domain, "inet") == 0)
        af = AF_INET;
    else {
        set_error(err, "BAD_ARGS", "argument 'domain' must be \"unix\" or \"inet\"");
        return NULL;
    }
    /* CLOEXEC: a handle reaches a child only when process.spawn passes it on (process.c). */
    int fd = socket(af, type | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return handle_result(fd, err);
}

json_t *op_socket_pair(json_t *args, op_error *err)
{
    int type;
    if (parse_type(args, &type, err) < 0)
        return NULL;
    int sv[2];
    if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    char a[32], b[32];
    if (handle_add(sv[0], a, sizeof a) < 0) {
        close(sv[0]);
        close(sv[1]);
        set_error(err, "INTERNAL", "out of memory registering the handles");
        return NULL;
    }
    if (handle_add(sv[1], b, sizeof b) < 0) {
        /* a stays registered: the suite never learnt its name, so it is closed at shutdown */
        close(sv[1]);
        set_error(err, "INTERNAL", "out of memory registering the handles");
        return NULL;
    }
    return json_pack("{s:[s,s]}", "handles", a, b);
}

/* ------------------------------------------------------------------------------------------ */
/* naming and connecting                                                                       */

json_t *op_socket_bind(json_t *args, op_error *err)
{
    sock_addr a;
    int fd;
    if (parse_address(json_object_get(args, "address"), "address", &a, err) < 0 ||
        handle_fd(args, &fd, err) < 0)
        return NULL;
    if (bind(fd, (struct sockaddr *)&a.ss, a.len) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    sock_addr got = {.len = sizeof got.ss};
    if (getsockname(fd, (struct sockaddr *)&got.ss, &got.len) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_pack("{s:o}", "address", address_json(&got.ss, got.len));
}

json_t *op_socket_listen(json_t *args, op_error *err)
{
    json_int_t backlog;
    int fd;
    if (arg_int(args, "backlog", false, LISTEN_DEFAULT_BACKLOG, INT32_MIN, INT32_MAX, &backlog,
                err) < 0 ||
        handle_fd(args, &fd, err) < 0)
        return NULL;
    if (listen(fd, (int)backlog) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

json_t *op_socket_accept(json_t *args, op_error *err)
{
    int fd;
    if (handle_fd(args, &fd, err) < 0)
        return NULL;
    sock_addr peer = {.len = sizeof peer.ss};
    int c;
    do {
        c = accept4(fd, (struct sockaddr *)&peer.ss, &peer.len, SOCK_CLOEXEC);
    } while (c < 0 && errno == EINTR);
    if (c < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    char name[32];
    if (handle_add(c, name, sizeof name) < 0) {
        close(c);
        set_error(err, "INTERNAL", "out of memory registering the handle");
        return NULL;
    }
    return json_pack("{s:s,s:o}", "handle", name, "peer", address_json(&peer.ss, peer.len));
}

json_t *op_socket_connect(json_t *args, op_error *err)
{
    sock_addr a;
    int fd;
    if (parse_address(json_object_get(args, "address"), "address", &a, err) < 0 ||
        handle_fd(args, &fd, err) < 0)
        return NULL;
    /* Not retried on EINTR (the connection goes on in the background; a second connect would
     * answer EALREADY); request threads block every signal, so it does not happen anyway. */
    if (connect(fd, (struct sockaddr *)&a.ss, a.len) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

json_t *op_socket_address(json_t *args, op_error *err)
{
    int fd;
    if (handle_fd(args, &fd, err) < 0)
        return NULL;
    sock_addr local = {.len = sizeof local.ss}, peer = {.len = sizeof peer.ss};
    if (getsockname(fd, (struct sockaddr *)&local.ss, &local.len) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    json_t *r = json_pack("{s:o}", "local", address_json(&local.ss, local.len));
    if (getpeername(fd, (struct sockaddr *)&peer.ss, &peer.len) == 0) {
        if (r)
            json_object_set_new(r, "peer", address_json(&peer.ss, peer.len));
    } else if (errno != ENOTCONN) {
        set_errno_error(err, errno);
        json_decref(r);
        return NULL;
    }
    return r;
}

json_t *op_socket_shutdown(json_t *args, op_error *err)
{
    const char *how_s;
    int fd, how;
    if (arg_string(args, "how", true, NULL, &how_s, err) < 0)
        return NULL;
    if (strcmp(how_s, "read") == 0)
        how = SHUT_RD;
    else if (strcmp(how_s, "write") == 0)
        how = SHUT_WR;
    else if (strcmp(how_s, "both") == 0)
        how = SHUT_RDWR;
    else {
        set_error(err, "BAD_ARGS", "argument 'how' must be \"read\", \"write\" or \"both\"");
        return NULL;
    }
    if (handle_fd(args, &fd, err) < 0)
        return NULL;
    if (shutdown(fd, how) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

json_t *op_socket_peercred(json_t *args, op_error *err)
{
    int fd;
    if (handle_fd(args, &fd, err) < 0)
        return NULL;
    struct ucred uc;
    socklen_t len = sizeof uc;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    /* unconnected: the kernel answers pid 0 and the overflow ids; reported as they are */
    return json_pack("{s:I,s:I,s:I}", "pid", (json_int_t)uc.pid, "uid", (json_int_t)uc.uid, "gid",
                     (json_int_t)uc.gid);
}

/* ------------------------------------------------------------------------------------------ */
/* data                                                                                        */

json_t *op_socket_send(json_t *args, op_error *err)
{
    const char *b64;
    json_t *jto = json_object_get(args, "to");
    bool has_to = jto && !json_is_null(jto);
    sock_addr to;
    int fd;
    if (arg_string(args, "data", true, NULL, &b64, err) < 0 ||
        (has_to && parse_address(jto, "to", &to, err) < 0))
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
    /* One call, never retried when partial, no MSG_NOSIGNAL: SIGPIPE acts as the scenario's
     * mask and disposition say, exactly as for write (io.c, signals.c). */
    bool sigpipe_blocked = signals_sigpipe_enter();
    ssize_t n;
    do {
        n = has_to ? sendto(fd, data, len, 0, (struct sockaddr *)&to.ss, to.len)
                   : send(fd, data, len, 0);
    } while (n < 0 && errno == EINTR);
    int e = n < 0 ? errno : 0;
    signals_sigpipe_leave(sigpipe_blocked, e);
    free(data);
    if (n < 0) {
        set_errno_error(err, e);
        return NULL;
    }
    return json_pack("{s:I}", "sent", (json_int_t)n);
}

/*
 * One recvmsg(2): `from` when the system names a sender, `truncated` from MSG_TRUNC (a datagram
 * longer than max: the rest is lost). On a stream socket a return of 0 is end-of-file, reported
 * as `eof` like read does; an empty datagram is not.
 */
json_t *op_socket_receive(json_t *args, op_error *err)
{
    json_int_t max;
    int fd;
    if (arg_int(args, "max", false, RECEIVE_DEFAULT_MAX, 1, INT64_MAX, &max, err) < 0 ||
        handle_fd(args, &fd, err) < 0)
        return NULL;
    if (max > RECEIVE_CAP)
        max = RECEIVE_CAP;
    unsigned char *buf = malloc((size_t)max);
    if (!buf) {
        set_error(err, "INTERNAL", "out of memory for a receive of %lld bytes", (long long)max);
        return NULL;
    }
    sock_addr from;
    memset(&from, 0, sizeof from);
    struct iovec iov = {.iov_base = buf, .iov_len = (size_t)max};
    struct msghdr mh = {.msg_name = &from.ss, .msg_namelen = sizeof from.ss, .msg_iov = &iov,
                        .msg_iovlen = 1};
    ssize_t n;
    do {
        n = recvmsg(fd, &mh, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        set_errno_error(err, errno);
        free(buf);
        return NULL;
    }
    bool eof = false;
    if (n == 0) {
        int type = 0;
        socklen_t tlen = sizeof type;
        eof = getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tlen) == 0 && type == SOCK_STREAM;
    }
    size_t b64_len;
    char *b64 = b64_encode(buf, (size_t)n, &b64_len);
    free(buf);
    if (!b64) {
        set_error(err, "INTERNAL", "out of memory encoding %zd bytes", n);
        return NULL;
    }
    json_t *r = json_pack("{s:s%,s:b,s:b}", "data", b64, b64_len, "truncated",
                          (mh.msg_flags & MSG_TRUNC) != 0, "eof", eof);
    free(b64);
    if (r && mh.msg_namelen > 0)
        json_object_set_new(r, "from", address_json(&from.ss, mh.msg_namelen));
    return r;
}
