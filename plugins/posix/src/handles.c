/*
 * The handle table. Handle "hN" is slot N of g_slots (HK_NONE once closed; numbers are never
 * reused, so a stale handle is reported as unknown instead of silently naming a newer object).
 * A child participant also has "stdin" and "stdout", its descriptors 0 and 1. The lock only
 * guards the table: it is never held across a blocking system call.
 *
 * A slot has a kind, because not every handle is a descriptor with close(2) as its end:
 *   HK_FD   a descriptor: pipe end, FIFO, socket, regular file, shared memory object
 *   HK_MQ   a POSIX message queue descriptor (a descriptor on Linux); close is mq_close(3)
 *   HK_MAP  a mapping (address and length, no descriptor); close is munmap(2)
 * A mapping is counted while a memory.read or memory.write uses it, so that a concurrent close
 * never pulls the pages from under a load or store: the last user unmaps.
 */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "agent.h"

/* mqd_t is a descriptor on Linux: the table keeps it as one. */
_Static_assert(sizeof(mqd_t) == sizeof(int), "mqd_t is expected to be a descriptor");

enum handle_kind { HK_NONE, HK_FD, HK_MQ, HK_MAP };

struct mapping {
    void *addr;
    size_t len;
    unsigned users; /* memory.read/write in progress */
    bool closed;    /* forgotten by the table: the last user unmaps */
};

typedef struct {
    enum handle_kind kind;
    int fd;       /* HK_FD, HK_MQ */
    mapping *map; /* HK_MAP */
} slot;

static pthread_mutex_t g_handles_lock = PTHREAD_MUTEX_INITIALIZER;
static slot *g_slots;
static size_t g_nslots = 1; /* slot 0 unused: handles start at h1 */
static size_t g_slots_cap;
static slot g_std[2];       /* "stdin", "stdout": only a child participant has them */

/* Caller holds the lock (or runs before any thread exists). */
static int reserve_locked(size_t count)
{
    if (count <= g_slots_cap)
        return 0;
    size_t cap = g_slots_cap ? g_slots_cap : 16;
    while (cap < count)
        cap *= 2;
    slot *slots = realloc(g_slots, cap * sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = g_slots_cap; i < cap; i++)
        slots[i] = (slot){HK_NONE, -1, NULL};
    g_slots = slots;
    g_slots_cap = cap;
    return 0;
}

static int add_slot(slot s, char *name, size_t name_size)
{
    pthread_mutex_lock(&g_handles_lock);
    if (reserve_locked(g_nslots + 1) < 0) {
        pthread_mutex_unlock(&g_handles_lock);
        return -1;
    }
    size_t idx = g_nslots++;
    g_slots[idx] = s;
    pthread_mutex_unlock(&g_handles_lock);
    snprintf(name, name_size, "h%zu", idx);
    return 0;
}

int handle_add(int fd, char *name, size_t name_size)
{
    return add_slot((slot){HK_FD, fd, NULL}, name, name_size);
}

int handle_add_mq(int mqd, char *name, size_t name_size)
{
    return add_slot((slot){HK_MQ, mqd, NULL}, name, name_size);
}

int handle_add_mapping(void *addr, size_t len, char *name, size_t name_size)
{
    mapping *m = calloc(1, sizeof *m);
    if (!m)
        return -1;
    m->addr = addr;
    m->len = len;
    if (add_slot((slot){HK_MAP, -1, m}, name, name_size) < 0) {
        free(m);
        return -1;
    }
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
static slot *slot_locked(const char *name)
{
    slot *s = NULL;
    size_t idx;
    if (strcmp(name, "stdin") == 0)
        s = &g_std[0];
    else if (strcmp(name, "stdout") == 0)
        s = &g_std[1];
    else if (handle_parse(name, &idx) && idx < g_nslots)
        s = &g_slots[idx];
    return s && s->kind != HK_NONE ? s : NULL;
}

/* args.handle, or NULL with BAD_ARGS. */
static const char *handle_name(json_t *args, op_error *err)
{
    const char *name;
    return arg_string(args, "handle", true, NULL, &name, err) < 0 ? NULL : name;
}

static void unknown(const char *name, op_error *err)
{
    set_error(err, "BAD_ARGS", "unknown handle '%.64s'", name);
}

/*
 * The descriptor of args.handle, for the calls that take one (read, write, socket.*, ftruncate,
 * mmap, mq_*). A mapping has none: EBADF, what the system answers for something that is not an
 * open descriptor.
 * Known limit: an operation that looked up a descriptor just before a concurrent close may
 * act on a reused descriptor number; the suite does not race close against use of a handle.
 */
int handle_fd(json_t *args, int *fd, op_error *err)
{
    const char *name = handle_name(args, err);
    if (!name)
        return -1;
    pthread_mutex_lock(&g_handles_lock);
    slot *s = slot_locked(name);
    enum handle_kind kind = s ? s->kind : HK_NONE;
    if (s)
        *fd = s->fd;
    pthread_mutex_unlock(&g_handles_lock);
    if (!s) {
        unknown(name, err);
        return -1;
    }
    if (kind == HK_MAP) {
        set_error(err, "EBADF", "handle '%.64s' is a mapping: it has no descriptor", name);
        return -1;
    }
    return 0;
}

/* The mapping of args.handle, counted as in use until handle_mapping_put. */
int handle_mapping_get(json_t *args, mapping **map, void **addr, size_t *len, op_error *err)
{
    const char *name = handle_name(args, err);
    if (!name)
        return -1;
    pthread_mutex_lock(&g_handles_lock);
    slot *s = slot_locked(name);
    enum handle_kind kind = s ? s->kind : HK_NONE;
    if (kind == HK_MAP) {
        *map = s->map;
        *addr = s->map->addr;
        *len = s->map->len;
        s->map->users++;
    }
    pthread_mutex_unlock(&g_handles_lock);
    if (!s) {
        unknown(name, err);
        return -1;
    }
    if (kind != HK_MAP) {
        set_error(err, "BAD_ARGS", "handle '%.64s' is not a mapping (memory.map makes one)",
                  name);
        return -1;
    }
    return 0;
}

void handle_mapping_put(mapping *m)
{
    pthread_mutex_lock(&g_handles_lock);
    bool last = --m->users == 0 && m->closed;
    pthread_mutex_unlock(&g_handles_lock);
    if (last) { /* closed while in use: the close answered already, the unmap happens now */
        munmap(m->addr, m->len);
        free(m);
    }
}

/*
 * What close does: close(2), mq_close(3) or munmap(2), and the handle is forgotten. The slot is
 * emptied in the same critical section as the lookup, so that two concurrent closes cannot both
 * close the same descriptor number, and a mapping in use is left to its last user.
 */
int handle_close(json_t *args, op_error *err)
{
    const char *name = handle_name(args, err);
    if (!name)
        return -1;
    pthread_mutex_lock(&g_handles_lock);
    slot *found = slot_locked(name);
    slot s = found ? *found : (slot){HK_NONE, -1, NULL};
    bool unmap_now = false;
    if (found) {
        *found = (slot){HK_NONE, -1, NULL};
        if (s.kind == HK_MAP) {
            s.map->closed = true;
            unmap_now = s.map->users == 0;
        }
    }
    pthread_mutex_unlock(&g_handles_lock);
    if (!found) {
        unknown(name, err);
        return -1;
    }
    int rc = 0;
    if (s.kind == HK_FD) {
        /* No EINTR retry: on Linux the descriptor is released even then, and a retry could
         * close a descriptor another thread has just been given. */
        rc = close(s.fd);
    } else if (s.kind == HK_MQ) {
        rc = mq_close((mqd_t)s.fd);
    } else if (unmap_now) {
        rc = munmap(s.map->addr, s.map->len);
        int e = errno;
        free(s.map);
        errno = e;
    }
    if (rc < 0) {
        set_errno_error(err, errno);
        return -1;
    }
    return 0;
}

/*
 * A close-on-exec duplicate of a handle's descriptor, numbered 3 or more so that placing a
 * child's descriptors 0 and 1 can never overwrite it (process.c). Made under the lock (fcntl
 * does not block), so a concurrent close cannot hand us a reused number. Only plain
 * descriptors cross exec: a mapping has no descriptor, and exec closes message queue
 * descriptors (POSIX execve), so both are BAD_ARGS.
 */
int handle_dup(const char *name, int *newfd, op_error *err)
{
    pthread_mutex_lock(&g_handles_lock);
    slot *s = slot_locked(name);
    enum handle_kind kind = s ? s->kind : HK_NONE;
    int fd = kind == HK_FD ? fcntl(s->fd, F_DUPFD_CLOEXEC, 3) : -1;
    int e = errno;
    pthread_mutex_unlock(&g_handles_lock);
    if (!s) {
        unknown(name, err);
        return -1;
    }
    if (kind != HK_FD) {
        set_error(err, "BAD_ARGS", "handle '%.64s' is a %s: it cannot be passed to a child",
                  name, kind == HK_MAP ? "mapping" : "message queue descriptor");
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
 * Close-on-exec duplicates of the descriptors of a JSON array of handle names, in order, into
 * fds (room for json_array_size(names)): what socket.send passes as SCM_RIGHTS. All are made in
 * one critical section, so a concurrent close cannot hand us a reused number; the duplicates
 * then stay valid while sendmsg(2) blocks without the lock. A message queue descriptor is a
 * descriptor on Linux and passes like any; a mapping has none: BAD_ARGS, as is an unknown
 * name or one that is not a string. On failure nothing stays open.
 */
int handles_dup_list(json_t *names, int *fds, op_error *err)
{
    size_t n = json_array_size(names), done = 0;
    const char *bad = NULL;
    enum handle_kind bad_kind = HK_NONE;
    int e = 0;
    pthread_mutex_lock(&g_handles_lock);
    for (; done < n; done++) {
        const char *name = json_string_value(json_array_get(names, done));
        slot *s = name ? slot_locked(name) : NULL;
        if (!s || s->kind == HK_MAP) {
            bad = name ? name : "";
            bad_kind = s ? s->kind : HK_NONE;
            break;
        }
        int fd = fcntl(s->fd, F_DUPFD_CLOEXEC, 0);
        if (fd < 0) {
            e = errno;
            break;
        }
        fds[done] = fd;
    }
    pthread_mutex_unlock(&g_handles_lock);
    if (done == n)
        return 0;
    for (size_t i = 0; i < done; i++)
        close(fds[i]);
    if (!bad)
        set_errno_error(err, e);
    else if (!json_is_string(json_array_get(names, done)))
        set_error(err, "BAD_ARGS", "argument 'handles' must be an array of handle names");
    else if (bad_kind == HK_MAP)
        set_error(err, "BAD_ARGS", "handle '%.64s' is a mapping: it has no descriptor to pass",
                  bad);
    else
        unknown(bad, err);
    return -1;
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
    g_std[0] = (slot){HK_FD, 0, NULL};
    g_std[1] = (slot){HK_FD, 1, NULL};
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
        g_slots[idx] = (slot){HK_FD, fd, NULL};
        if (idx >= g_nslots)
            g_nslots = idx + 1; /* our own new handles are numbered after the inherited ones */
        p += used;
        if (*p == ',')
            p++;
    }
}

/* At shutdown: every handle released as close would release it. A mapping still in use by a
 * memory.read/write is left to exit(3). */
void handles_close_all(void)
{
    pthread_mutex_lock(&g_handles_lock);
    for (size_t i = 1; i < g_nslots; i++) {
        slot *s = &g_slots[i];
        switch (s->kind) {
        case HK_FD:
            close(s->fd);
            break;
        case HK_MQ:
            mq_close((mqd_t)s->fd);
            break;
        case HK_MAP:
            s->map->closed = true;
            if (s->map->users == 0) {
                munmap(s->map->addr, s->map->len);
                free(s->map);
            }
            break;
        case HK_NONE:
            break;
        }
        *s = (slot){HK_NONE, -1, NULL};
    }
    pthread_mutex_unlock(&g_handles_lock);
}

int handle_adopt(int fd, char *name, size_t name_size, op_error *err)
{
    if (handle_add(fd, name, name_size) < 0) {
        close(fd);
        set_error(err, "INTERNAL", "out of memory registering the handle");
        return -1;
    }
    return 0;
}

int handle_adopt_pair(const int fds[2], char *first, char *second, op_error *err)
{
    if (handle_add(fds[0], first, 32) < 0) {
        close(fds[0]);
        close(fds[1]);
        set_error(err, "INTERNAL", "out of memory registering the handles");
        return -1;
    }
    /* on failure the first stays registered: the suite never learnt its name, so it is closed at shutdown */
    return handle_adopt(fds[1], second, 32, err);
}

json_t *handle_result(int fd, op_error *err)
{
    char name[32];
    if (handle_adopt(fd, name, sizeof name, err) < 0)
        return NULL;
    return json_pack("{s:s}", "handle", name);
}
