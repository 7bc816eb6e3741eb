/*
 * Sockets: socket.create, bind, listen, accept, connect, address, send, receive, shutdown,
 * socket.pair and socket.peercred (PROTOCOL.md, "Sockets"), and descriptors passed along with
 * the data as SCM_RIGHTS (socket.rights). UNIX-domain and IPv4, stream and datagram. One
 * system call each, errors as errno names; the blocking ones (accept, connect, send, receive)
 * block their own request only: the handle table lock is released before.
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
    if (handle_adopt_pair(sv, a, b, err) < 0)
        return NULL;
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
    if (handle_adopt(c, name, sizeof name, err) < 0)
        return NULL;
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

/*
 * The `handles` of socket.send: absent, null or [] is none; otherwise an array (its elements
 * are checked by handles_dup_list).
 */
static int parse_passed(json_t *args, json_t **names, op_error *err)
{
    json_t *h = json_object_get(args, "handles");
    *names = NULL;
    if (!h || json_is_null(h))
        return 0;
    if (!json_is_array(h)) {
        set_error(err, "BAD_ARGS", "argument 'handles' must be an array of handle names");
        return -1;
    }
    if (json_array_size(h) > 0)
        *names = h;
    return 0;
}

/*
 * With `handles`: one sendmsg(2) whose SCM_RIGHTS message carries close-on-exec duplicates of
 * their descriptors (made under the table lock, handles.c), closed again once the call returned:
 * the receiver has its own by then, and the handles stay open here. No count limit of the
 * agent's: more than the kernel takes (SCM_MAX_FD, 253) is the kernel's EINVAL.
 */
static ssize_t send_rights(int fd, const unsigned char *data, size_t len, const sock_addr *to,
                           const int *fds, size_t nfds, void *control, size_t space)
{
    struct iovec iov = {.iov_base = (void *)data, .iov_len = len};
    struct msghdr mh = {.msg_name = to ? (void *)&to->ss : NULL, .msg_namelen = to ? to->len : 0,
                        .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                        .msg_controllen = space};
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(nfds * sizeof(int));
    memcpy(CMSG_DATA(c), fds, nfds * sizeof(int));
    ssize_t n;
    do {
        n = sendmsg(fd, &mh, 0);
    } while (n < 0 && errno == EINTR);
    return n;
}

json_t *op_socket_send(json_t *args, op_error *err)
{
    const char *b64;
    json_t *jto = json_object_get(args, "to");
    bool has_to = jto && !json_is_null(jto);
    sock_addr to;
    json_t *passed;
    int fd;
    if (arg_string(args, "data", true, NULL, &b64, err) < 0 ||
        (has_to && parse_address(jto, "to", &to, err) < 0) || parse_passed(args, &passed, err) < 0)
        return NULL;
    unsigned char *data;
    size_t len;
    if (b64_decode(b64, json_string_length(json_object_get(args, "data")), &data, &len) < 0) {
        set_error(err, "BAD_ARGS", "argument 'data' is not padded base64 (or out of memory)");
        return NULL;
    }
    if (passed && len == 0) {
        free(data);
        set_error(err, "BAD_ARGS", "argument 'data' must hold at least one byte to carry "
                                   "descriptors");
        return NULL;
    }
    if (handle_fd(args, &fd, err) < 0) {
        free(data);
        return NULL;
    }
    size_t nfds = passed ? json_array_size(passed) : 0;
    size_t space = passed ? CMSG_SPACE(nfds * sizeof(int)) : 0;
    int *fds = NULL;
    void *control = NULL; /* malloc's alignment suits struct cmsghdr */
    if (passed) {
        fds = malloc(nfds * sizeof *fds);
        control = calloc(1, space);
        if (!fds || !control) {
            free(fds);
            free(control);
            free(data);
            set_error(err, "INTERNAL", "out of memory for %zu descriptors", nfds);
            return NULL;
        }
        if (handles_dup_list(passed, fds, err) < 0) {
            free(fds);
            free(control);
            free(data);
            return NULL;
        }
    }
    /* One call, never retried when partial, no MSG_NOSIGNAL: SIGPIPE acts as the scenario's
     * mask and disposition say, exactly as for write (io.c, signals.c). */
    bool sigpipe_blocked = signals_sigpipe_enter();
    ssize_t n;
    if (passed) {
        n = send_rights(fd, data, len, has_to ? &to : NULL, fds, nfds, control, space);
    } else {
        do {
            n = has_to ? sendto(fd, data, len, 0, (struct sockaddr *)&to.ss, to.len)
                       : send(fd, data, len, 0);
        } while (n < 0 && errno == EINTR);
    }
    int e = n < 0 ? errno : 0;
    signals_sigpipe_leave(sigpipe_blocked, e);
    for (size_t i = 0; i < nfds; i++)
        close(fds[i]);
    free(fds);
    free(control);
    free(data);
    if (n < 0) {
        set_errno_error(err, e);
        return NULL;
    }
    return json_pack("{s:I}", "sent", (json_int_t)n);
}

/* The most descriptors one SCM_RIGHTS message can carry on Linux (SCM_MAX_FD, not exported
 * to user space): a control buffer this big never truncates what a sender could send. */
#define RIGHTS_MAX 253

/* Close descriptors that came but will not become handles. */
static void close_all(const int *fds, size_t n)
{
    for (size_t i = 0; i < n; i++)
        close(fds[i]);
}

/*
 * One recvmsg(2): `from` when the system names a sender, `truncated` from MSG_TRUNC (a datagram
 * longer than max: the rest is lost). On a stream socket a return of 0 is end-of-file, reported
 * as `eof` like read does; an empty datagram is not.
 *
 * Descriptors that came as SCM_RIGHTS (MSG_CMSG_CLOEXEC: close-on-exec, like every descriptor of
 * the table) become new handles, in order, listed as `handles` (absent when none came). The
 * control buffer holds RIGHTS_MAX descriptors, as many as a sender can pass; should the kernel
 * still set MSG_CTRUNC, the descriptors that came are closed and the answer is INTERNAL (the
 * agent's buffer was too small; the data, consumed, is named in the message).
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
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(RIGHTS_MAX * sizeof(int))];
    } control;
    sock_addr from;
    memset(&from, 0, sizeof from);
    struct iovec iov = {.iov_base = buf, .iov_len = (size_t)max};
    struct msghdr mh = {.msg_name = &from.ss, .msg_namelen = sizeof from.ss, .msg_iov = &iov,
                        .msg_iovlen = 1, .msg_control = control.buf,
                        .msg_controllen = sizeof control.buf};
    ssize_t n;
    do {
        n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        set_errno_error(err, errno);
        free(buf);
        return NULL;
    }
    /* the descriptors that came, in order (one SCM_RIGHTS message in practice; all of them) */
    int fds[RIGHTS_MAX];
    size_t nfds = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        if (k > RIGHTS_MAX - nfds)
            k = RIGHTS_MAX - nfds; /* cannot happen: the buffer holds no more */
        memcpy(fds + nfds, CMSG_DATA(c), k * sizeof(int));
        nfds += k;
    }
    if (mh.msg_flags & MSG_CTRUNC) {
        close_all(fds, nfds);
        free(buf);
        set_error(err, "INTERNAL",
                  "control data truncated (MSG_CTRUNC) with %zd bytes of data: the %zu "
                  "descriptors that came were closed",
                  n, nfds);
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
    json_t *r = b64 ? json_pack("{s:s%,s:b,s:b}", "data", b64, b64_len, "truncated",
                                (mh.msg_flags & MSG_TRUNC) != 0, "eof", eof)
                    : NULL;
    free(b64);
    json_t *names = nfds > 0 && r ? json_array() : NULL;
    if (!r || (nfds > 0 && (!names || json_object_set_new(r, "handles", names) < 0))) {
        close_all(fds, nfds);
        json_decref(r);
        set_error(err, "INTERNAL", "out of memory answering a receive of %zd bytes", n);
        return NULL;
    }
    for (size_t i = 0; i < nfds; i++) {
        char name[32];
        bool added = handle_add(fds[i], name, sizeof name) == 0;
        if (!added || json_array_append_new(names, json_string(name)) < 0) {
            /* the ones registered stay: the suite never learnt their names, shutdown closes
             * them */
            close_all(fds + i + !!added, nfds - i - !!added);
            json_decref(r);
            set_error(err, "INTERNAL", "out of memory registering received descriptors");
            return NULL;
        }
    }
    if (mh.msg_namelen > 0)
        json_object_set_new(r, "from", address_json(&from.ss, mh.msg_namelen));
    return r;
}
