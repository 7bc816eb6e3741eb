/*
 * Operations on paths: fifo.create, fifo.open, stat, unlink. Each is exactly one system call
 * (retried only on EINTR), and errors travel as errno names.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent.h"

json_t *op_fifo_create(json_t *args, op_error *err)
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

json_t *op_fifo_open(json_t *args, op_error *err)
{
    const char *path, *access;
    bool nonblocking;
    if (arg_string(args, "path", true, NULL, &path, err) < 0 ||
        arg_string(args, "access", true, NULL, &access, err) < 0 ||
        arg_bool(args, "nonblocking", false, &nonblocking, err) < 0)
        return NULL;
    /* CLOEXEC: a handle reaches a child only when process.spawn passes it on (process.c). */
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
    return handle_result(fd, err);
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

/* The result of stat and handle.stat. */
json_t *stat_result(const struct stat *st)
{
    return json_pack("{s:s,s:I,s:I}", "type", file_type(st->st_mode), "size",
                     (json_int_t)st->st_size, "mode", (json_int_t)(st->st_mode & 07777));
}

json_t *op_stat(json_t *args, op_error *err)
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
    return stat_result(&st);
}

json_t *op_unlink(json_t *args, op_error *err)
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

