/*
 * Files, shared memory and mappings: file.open, shm.open, shm.unlink, handle.truncate,
 * memory.map, memory.read, memory.write (PROTOCOL.md, "Files, shared memory and mappings").
 *
 * memory.read and memory.write are plain loads and stores (memcpy) in the agent's own address
 * space. Inside the mapping they may still fault, typically SIGBUS on a page beyond the end of
 * the mapped object. The agent must survive that and answer the signal's name, so each access
 * runs guarded:
 *
 * - A fault is a synchronous, thread-directed signal. Every agent thread blocks every signal
 *   (signals.c), and the kernel kills a process whose fault signal is blocked or ignored, so the
 *   accessing thread unblocks SIGBUS and SIGSEGV for the duration of the access only.
 * - While at least one access runs, our handler (on_fault) is the action of SIGBUS and SIGSEGV;
 *   the scenario's own action (signal.handle) is kept aside in g_scenario and put back when the
 *   last access ends. A signal.handle of SIGBUS or SIGSEGV meanwhile changes the kept action
 *   (fault_sigaction). Other signals are never touched.
 * - on_fault jumps back (siglongjmp, thread-local buffer) only for a fault (si_code > 0) raised
 *   in a guarded access. A SIGBUS or SIGSEGV someone sent (kill, sigqueue) belongs to the
 *   scenario: taken by an accessing thread, it is queued again to the process with the same
 *   siginfo and kept off that thread, so the scenario's mask decides as usual; taken by the
 *   signal thread, the scenario's action runs as it would have without us.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <ucontext.h>
#include <unistd.h>

#include "agent.h"

#define DEFAULT_MODE 0600

/* ------------------------------------------------------------------------------------------ */
/* the fault guard                                                                             */

static pthread_mutex_t g_fault_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned g_guards;               /* accesses in progress (g_fault_lock) */
static struct sigaction g_scenario[2];  /* SIGBUS, SIGSEGV: the scenario's action, kept aside */

static _Thread_local sigjmp_buf t_jmp;
static _Thread_local volatile sig_atomic_t t_guarded; /* t_jmp is armed */
static _Thread_local volatile sig_atomic_t t_fault;   /* the signal that ended the access */
static _Thread_local void *volatile t_fault_addr;

static int fault_index(int sig)
{
    return sig == SIGBUS ? 0 : 1;
}

/* rt_sigqueueinfo(2) to ourselves: any si_code is allowed, the sender's pid and code are kept. */
static void requeue(int sig, siginfo_t *si)
{
    syscall(SYS_rt_sigqueueinfo, getpid(), sig, si);
}

static void on_fault(int sig, siginfo_t *si, void *context)
{
    int saved_errno = errno;
    if (si->si_code > 0 && t_guarded) { /* our own access faulted */
        t_guarded = 0;
        t_fault = sig;
        t_fault_addr = si->si_addr;
        siglongjmp(t_jmp, 1);
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    if (si->si_code > 0) {
        /* a fault outside any access: a bug of the agent. Die of it as without us: the
         * instruction runs again on return and faults with the default action. */
        sigaction(sig, &dfl, NULL);
    } else if (t_guarded) {
        /* sent by someone, taken by an accessing thread that unblocked it for its own faults
         * only: back to the process, and blocked in this thread until the access ends */
        sigaddset(&((ucontext_t *)context)->uc_sigmask, sig);
        requeue(sig, si);
    } else {
        /* sent by someone, taken by the signal thread: what the scenario asked for */
        const struct sigaction *sc = &g_scenario[fault_index(sig)];
        if (sc->sa_flags & SA_SIGINFO) {
            sc->sa_sigaction(sig, si, context);
        } else if (sc->sa_handler == SIG_DFL) { /* terminate, as that signal does */
            sigaction(sig, &dfl, NULL);
            requeue(sig, si);
        } else if (sc->sa_handler != SIG_IGN) {
            sc->sa_handler(sig);
        }
    }
    errno = saved_errno;
}

static void fault_signals(sigset_t *s)
{
    sigemptyset(s);
    sigaddset(s, SIGBUS);
    sigaddset(s, SIGSEGV);
}

static void fault_enter(void)
{
    pthread_mutex_lock(&g_fault_lock);
    if (g_guards++ == 0) {
        struct sigaction ours;
        memset(&ours, 0, sizeof ours);
        ours.sa_sigaction = on_fault;
        ours.sa_flags = SA_SIGINFO | SA_RESTART;
        sigfillset(&ours.sa_mask); /* like the scenario's handlers: one at a time */
        sigaction(SIGBUS, &ours, &g_scenario[0]);
        sigaction(SIGSEGV, &ours, &g_scenario[1]);
    }
    pthread_mutex_unlock(&g_fault_lock);
    sigset_t s;
    fault_signals(&s);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
}

static void fault_leave(void)
{
    sigset_t s;
    fault_signals(&s);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_mutex_lock(&g_fault_lock);
    if (--g_guards == 0) {
        sigaction(SIGBUS, &g_scenario[0], NULL);
        sigaction(SIGSEGV, &g_scenario[1], NULL);
    }
    pthread_mutex_unlock(&g_fault_lock);
}

/* signal.handle goes through here: SIGBUS and SIGSEGV may be ours for the moment. */
int fault_sigaction(int sig, const struct sigaction *sa)
{
    if (sig != SIGBUS && sig != SIGSEGV)
        return sigaction(sig, sa, NULL);
    pthread_mutex_lock(&g_fault_lock);
    int rc = 0;
    if (g_guards > 0)
        g_scenario[fault_index(sig)] = *sa; /* in force when the last access ends */
    else
        rc = sigaction(sig, sa, NULL);
    pthread_mutex_unlock(&g_fault_lock);
    return rc;
}

/* memcpy under the guard: 0, or the signal a fault raised (then *fault_addr says where). */
static int guarded_copy(void *dst, const void *src, size_t n, void **fault_addr)
{
    fault_enter();
    if (sigsetjmp(t_jmp, 1) == 0) {
        t_guarded = 1;
        atomic_signal_fence(memory_order_seq_cst); /* the copy stays between the two */
        memcpy(dst, src, n);
        atomic_signal_fence(memory_order_seq_cst);
        t_guarded = 0;
        t_fault = 0;
    } else {
        *fault_addr = t_fault_addr; /* t_fault set by on_fault */
    }
    fault_leave();
    return t_fault;
}

static void set_fault_error(op_error *err, int sig, void *addr, void *base, const char *what)
{
    char buf[32];
    const char *name = signal_name(sig, buf, sizeof buf);
    set_error(err, name, "%s %s at byte %td of the mapping", name, what,
              (char *)addr - (char *)base);
}

/* ------------------------------------------------------------------------------------------ */
/* files and shared memory objects                                                             */

/* create, exclusive and mode, common to file.open and shm.open */
static int creation_flags(json_t *args, int *flags, json_int_t *mode, op_error *err)
{
    bool create, exclusive;
    if (arg_bool(args, "create", false, &create, err) < 0 ||
        arg_bool(args, "exclusive", false, &exclusive, err) < 0 ||
        arg_int(args, "mode", false, DEFAULT_MODE, 0, 07777, mode, err) < 0)
        return -1;
    *flags = (create ? O_CREAT : 0) | (exclusive ? O_EXCL : 0);
    return 0;
}

json_t *op_file_open(json_t *args, op_error *err)
{
    const char *path;
    int flags;
    json_int_t mode;
    if (arg_string(args, "path", true, NULL, &path, err) < 0 ||
        creation_flags(args, &flags, &mode, err) < 0 || arg_access(args, true, &flags, err) < 0)
        return NULL;
    int fd;
    do { /* CLOEXEC: a handle reaches a child only when process.spawn passes it on */
        fd = open(path, flags | O_CLOEXEC, (mode_t)mode);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return handle_result(fd, err);
}

json_t *op_shm_open(json_t *args, op_error *err)
{
    const char *name;
    int flags;
    json_int_t mode;
    if (arg_string(args, "name", true, NULL, &name, err) < 0 ||
        creation_flags(args, &flags, &mode, err) < 0 || arg_access(args, false, &flags, err) < 0)
        return NULL;
    /* the name goes as given: the C library and the kernel judge it (EINVAL, ENAMETOOLONG);
     * shm_open(3) sets close-on-exec itself */
    int fd = shm_open(name, flags, (mode_t)mode);
    if (fd < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return handle_result(fd, err);
}

json_t *op_shm_unlink(json_t *args, op_error *err)
{
    const char *name;
    if (arg_string(args, "name", true, NULL, &name, err) < 0)
        return NULL;
    if (shm_unlink(name) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

json_t *op_handle_truncate(json_t *args, op_error *err)
{
    json_int_t size;
    int fd;
    /* a negative size goes to the kernel too: EINVAL is its answer */
    if (arg_int(args, "size", true, 0, INT64_MIN, INT64_MAX, &size, err) < 0 ||
        handle_fd(args, &fd, err) < 0)
        return NULL;
    int rc;
    do {
        rc = ftruncate(fd, (off_t)size);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

/* ------------------------------------------------------------------------------------------ */
/* mappings                                                                                    */

/*
 * mmap(2) as asked. The size and offset go to the kernel unjudged (0, or an offset that is not
 * a multiple of the page size, answer EINVAL from it); only what cannot be represented (a
 * negative size) is BAD_ARGS.
 */
json_t *op_memory_map(json_t *args, op_error *err)
{
    json_int_t size, offset;
    const char *access;
    bool shared;
    if (arg_int(args, "size", true, 0, 0, INT64_MAX, &size, err) < 0 ||
        arg_int(args, "offset", false, 0, INT64_MIN, INT64_MAX, &offset, err) < 0 ||
        arg_string(args, "access", true, NULL, &access, err) < 0 ||
        arg_bool(args, "shared", true, &shared, err) < 0)
        return NULL;
    int prot;
    if (strcmp(access, "read") == 0)
        prot = PROT_READ;
    else if (strcmp(access, "readwrite") == 0)
        prot = PROT_READ | PROT_WRITE;
    else {
        set_error(err, "BAD_ARGS", "argument 'access' must be \"read\" or \"readwrite\"");
        return NULL;
    }
    int flags = shared ? MAP_SHARED : MAP_PRIVATE;
    int fd = -1;
    json_t *h = json_object_get(args, "handle");
    if (!h || json_is_null(h))
        flags |= MAP_ANONYMOUS;
    else if (handle_fd(args, &fd, err) < 0)
        return NULL;
    if ((uint64_t)size > SIZE_MAX) {
        set_error(err, "BAD_ARGS", "argument 'size' too large for this machine");
        return NULL;
    }
    void *addr = mmap(NULL, (size_t)size, prot, flags, fd, (off_t)offset);
    if (addr == MAP_FAILED) {
        set_errno_error(err, errno);
        return NULL;
    }
    char name[32];
    if (handle_add_mapping(addr, (size_t)size, name, sizeof name) < 0) {
        munmap(addr, (size_t)size);
        set_error(err, "INTERNAL", "out of memory registering the handle");
        return NULL;
    }
    return json_pack("{s:s}", "handle", name);
}

/* offset and length inside a mapping of len bytes, or BAD_ARGS: the agent checks. */
static int check_range(json_int_t offset, json_int_t length, size_t len, op_error *err)
{
    if ((uint64_t)offset > len || (uint64_t)length > len - (uint64_t)offset) {
        set_error(err, "BAD_ARGS", "bytes %lld to %lld are outside the mapping of %zu bytes",
                  (long long)offset, (long long)offset + length, len);
        return -1;
    }
    return 0;
}

json_t *op_memory_read(json_t *args, op_error *err)
{
    json_int_t offset, length;
    mapping *m;
    void *base;
    size_t len;
    if (arg_int(args, "offset", false, 0, 0, INT64_MAX, &offset, err) < 0 ||
        arg_int(args, "length", true, 0, 0, INT64_MAX, &length, err) < 0 ||
        handle_mapping_get(args, &m, &base, &len, err) < 0)
        return NULL;
    json_t *r = NULL;
    unsigned char *buf = NULL;
    if (check_range(offset, length, len, err) < 0)
        goto done;
    buf = malloc(length > 0 ? (size_t)length : 1);
    if (!buf) {
        set_error(err, "INTERNAL", "out of memory for %lld bytes", (long long)length);
        goto done;
    }
    void *fault_addr = NULL;
    int sig = guarded_copy(buf, (char *)base + offset, (size_t)length, &fault_addr);
    if (sig) {
        set_fault_error(err, sig, fault_addr, base, "loading");
        goto done;
    }
    size_t b64_len;
    char *b64 = b64_encode(buf, (size_t)length, &b64_len);
    if (!b64) {
        set_error(err, "INTERNAL", "out of memory encoding %lld bytes", (long long)length);
        goto done;
    }
    r = json_pack("{s:s%}", "data", b64, b64_len);
    free(b64);
done:
    free(buf);
    handle_mapping_put(m);
    return r;
}

json_t *op_memory_write(json_t *args, op_error *err)
{
    json_int_t offset;
    const char *b64;
    if (arg_int(args, "offset", false, 0, 0, INT64_MAX, &offset, err) < 0 ||
        arg_string(args, "data", true, NULL, &b64, err) < 0)
        return NULL;
    unsigned char *data;
    size_t n;
    if (b64_decode(b64, json_string_length(json_object_get(args, "data")), &data, &n) < 0) {
        set_error(err, "BAD_ARGS", "argument 'data' is not padded base64 (or out of memory)");
        return NULL;
    }
    mapping *m;
    void *base;
    size_t len;
    if (handle_mapping_get(args, &m, &base, &len, err) < 0) {
        free(data);
        return NULL;
    }
    json_t *r = NULL;
    if (n > INT64_MAX) {
        set_error(err, "BAD_ARGS", "argument 'data' too long");
    } else if (check_range(offset, (json_int_t)n, len, err) == 0) {
        void *fault_addr = NULL;
        int sig = guarded_copy((char *)base + offset, data, n, &fault_addr);
        if (sig)
            set_fault_error(err, sig, fault_addr, base, "storing");
        else
            r = json_object();
    }
    free(data);
    handle_mapping_put(m);
    return r;
}
