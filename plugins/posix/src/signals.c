/*
 * Signals: signal.handle, signal.send, signal.block, signal.unblock, signal.pending and the
 * `signal` event.
 *
 * The suite must see a single-threaded process: a mask it sets holds signals pending (visible
 * to sigpending), unblocking delivers them at once, standard signals coalesce, real-time ones
 * queue in order, a default action really acts. A multi-threaded agent gets that this way:
 *
 * - Before any thread exists, main() blocks every signal (signals_prepare), so every thread
 *   inherits a full mask. A process-directed signal is then deliverable in one place only:
 * - the signal thread, which waits in ppoll(2) with the scenario's mask (g_mask, initially
 *   empty). A signal sent while it is in the mask stays pending for the process, exactly as for
 *   a single-threaded process that blocked it; one outside it is delivered inside that ppoll.
 *   signal.block/unblock change g_mask and wake the thread through g_cmd so that the new mask
 *   is in force (and anything it unblocks delivered) before they answer: "settling".
 * - The handler runs with every signal masked (sa_mask full), so one ppoll delivers at most
 *   one caught signal: the handlers run one after another in the kernel's delivery order
 *   (lowest number first, a real-time signal's instances in the order they were queued)
 *   instead of nesting, where the second would run before the first had finished.
 * - The SA_SIGINFO handler only write(2)s a fixed-size record to g_events (async-signal-safe,
 *   atomic below PIPE_BUF); the event thread turns records into `signal` events, with the time
 *   the handler ran as monotonicNs. Counting records written and sent lets an operation wait
 *   until the events of the handlers it caused are on the wire before it answers.
 * - SIGPIPE raised by write(2) is thread-directed: the writing request thread unblocks it
 *   around its write(2) unless the scenario blocks it (signals_sigpipe_enter/leave), so the
 *   default action kills during the write and a handler runs before write returns.
 * - SIGBUS and SIGSEGV: while a memory.read/write runs, memory.c guards it with a handler of
 *   its own and keeps the scenario's action aside; signal.handle goes through fault_sigaction.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"

/* A caught signal as the handler saw it. No padding holes: the whole record is initialised. */
typedef struct {
    int32_t signo;
    int32_t code;
    int32_t pid;
    int32_t value;
    int32_t queued; /* value is meaningful (SI_QUEUE) */
    int32_t unused;
    int64_t ns;     /* CLOCK_MONOTONIC when the handler ran */
} sig_record;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cond;   /* g_applied or g_sent moved; uses CLOCK_MONOTONIC */
static sigset_t g_mask;         /* the scenario's mask: what a single thread would have */
static unsigned long g_requested, g_applied; /* settle generations asked / done */
static unsigned long g_sent;    /* records turned into events */

static int g_cmd[2] = {-1, -1};    /* wakes the signal thread; both ends non-blocking */
static int g_events[2] = {-1, -1}; /* handler -> event thread; write end non-blocking */
static unsigned long g_written;    /* records the handler wrote (atomic) */
static unsigned long g_dropped;    /* records lost to a full g_events (atomic) */

/* ------------------------------------------------------------------------------------------ */
/* names (signal(7)); real-time signals as SIGRTMIN+N of the C library's SIGRTMIN              */

#define SIG_ENTRY(s) { s, #s }
static const struct {
    int sig;
    const char *name;
} SIGNAL_NAMES[] = {
    SIG_ENTRY(SIGHUP),  SIG_ENTRY(SIGINT),    SIG_ENTRY(SIGQUIT),   SIG_ENTRY(SIGILL),
    SIG_ENTRY(SIGTRAP), SIG_ENTRY(SIGABRT),   SIG_ENTRY(SIGBUS),    SIG_ENTRY(SIGFPE),
    SIG_ENTRY(SIGKILL), SIG_ENTRY(SIGUSR1),   SIG_ENTRY(SIGSEGV),   SIG_ENTRY(SIGUSR2),
    SIG_ENTRY(SIGPIPE), SIG_ENTRY(SIGALRM),   SIG_ENTRY(SIGTERM),   SIG_ENTRY(SIGSTKFLT),
    SIG_ENTRY(SIGCHLD), SIG_ENTRY(SIGCONT),   SIG_ENTRY(SIGSTOP),   SIG_ENTRY(SIGTSTP),
    SIG_ENTRY(SIGTTIN), SIG_ENTRY(SIGTTOU),   SIG_ENTRY(SIGURG),    SIG_ENTRY(SIGXCPU),
    SIG_ENTRY(SIGXFSZ), SIG_ENTRY(SIGVTALRM), SIG_ENTRY(SIGPROF),   SIG_ENTRY(SIGWINCH),
    SIG_ENTRY(SIGIO),   SIG_ENTRY(SIGPWR),    SIG_ENTRY(SIGSYS),
    /* aliases, accepted as input; the first name of a number is the one reported */
    SIG_ENTRY(SIGIOT),  SIG_ENTRY(SIGPOLL),
};

const char *signal_name(int sig, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof SIGNAL_NAMES / sizeof SIGNAL_NAMES[0]; i++)
        if (SIGNAL_NAMES[i].sig == sig)
            return SIGNAL_NAMES[i].name;
    if (sig == SIGRTMIN)
        snprintf(buf, size, "SIGRTMIN");
    else if (sig > SIGRTMIN && sig <= SIGRTMAX)
        snprintf(buf, size, "SIGRTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(buf, size, "SIG%d", sig); /* the C library's own (32, 33): never ours */
    return buf;
}

/* "SIGRTMIN+N" / "SIGRTMAX-N": N decimal, 1 or more, without leading zero. */
static int rt_offset(const char *s)
{
    if (*s < '1' || *s > '9')
        return -1;
    int v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 1000)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

/* A signal number, or -1 for a name signal(7) does not know. */
static int signal_by_name(const char *s)
{
    for (size_t i = 0; i < sizeof SIGNAL_NAMES / sizeof SIGNAL_NAMES[0]; i++)
        if (strcmp(SIGNAL_NAMES[i].name, s) == 0)
            return SIGNAL_NAMES[i].sig;
    int n = -1;
    if (strcmp(s, "SIGRTMIN") == 0)
        n = SIGRTMIN;
    else if (strcmp(s, "SIGRTMAX") == 0)
        n = SIGRTMAX;
    else if (strncmp(s, "SIGRTMIN+", 9) == 0 && rt_offset(s + 9) > 0)
        n = SIGRTMIN + rt_offset(s + 9);
    else if (strncmp(s, "SIGRTMAX-", 9) == 0 && rt_offset(s + 9) > 0)
        n = SIGRTMAX - rt_offset(s + 9);
    return n >= SIGRTMIN && n <= SIGRTMAX ? n : -1;
}

static int parse_signal(json_t *v, const char *what, int *sig, op_error *err)
{
    if (!json_is_string(v)) {
        set_error(err, "BAD_ARGS", "%s must be a signal name", what);
        return -1;
    }
    *sig = signal_by_name(json_string_value(v));
    if (*sig < 0) {
        set_error(err, "BAD_ARGS", "unknown signal '%.64s'", json_string_value(v));
        return -1;
    }
    return 0;
}

static int arg_signal_set(json_t *args, sigset_t *set, op_error *err)
{
    json_t *list = json_object_get(args, "signals");
    if (!json_is_array(list)) {
        set_error(err, "BAD_ARGS", "argument 'signals' must be an array of signal names");
        return -1;
    }
    sigemptyset(set);
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        int sig;
        if (parse_signal(v, "each of 'signals'", &sig, err) < 0)
            return -1;
        sigaddset(set, sig);
    }
    return 0;
}

static const char *code_name(int sig, int code, char *buf, size_t size)
{
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_TIMER: return "SI_TIMER";
    case SI_MESGQ: return "SI_MESGQ";
    case SI_ASYNCIO: return "SI_ASYNCIO";
    case SI_SIGIO: return "SI_SIGIO";
    case SI_TKILL: return "SI_TKILL";
    case SI_KERNEL: return "SI_KERNEL";
    default: break;
    }
    /* positive codes mean something per signal */
    if (sig == SIGCHLD) {
        static const char *const cld[] = {NULL, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED",
                                          "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED"};
        if (code >= 1 && code <= 6)
            return cld[code];
    } else if (sig == SIGIO) {
        static const char *const poll_codes[] = {NULL, "POLL_IN", "POLL_OUT", "POLL_MSG",
                                                 "POLL_ERR", "POLL_PRI", "POLL_HUP"};
        if (code >= 1 && code <= 6)
            return poll_codes[code];
    }
    snprintf(buf, size, "%d", code);
    return buf;
}

/* ------------------------------------------------------------------------------------------ */
/* the handler and the two threads                                                             */

static void on_signal(int sig, siginfo_t *si, void *context)
{
    (void)context;
    int saved_errno = errno;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    sig_record r;
    r.signo = sig;
    r.code = si->si_code;
    r.pid = si->si_pid;
    r.queued = si->si_code == SI_QUEUE;
    r.value = r.queued ? si->si_value.sival_int : 0;
    r.unused = 0;
    r.ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    if (write(g_events[1], &r, sizeof r) == (ssize_t)sizeof r)
        __atomic_add_fetch(&g_written, 1, __ATOMIC_SEQ_CST);
    else
        __atomic_add_fetch(&g_dropped, 1, __ATOMIC_SEQ_CST);
    errno = saved_errno;
}

static void *signal_thread(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&g_lock);
        sigset_t mask = g_mask;
        unsigned long gen = g_requested;
        pthread_mutex_unlock(&g_lock);

        /* Deliver whatever this mask lets through. A handler ends the ppoll (EINTR), and runs
         * alone (sa_mask full), so go on until a ppoll ends without one. */
        const struct timespec zero = {0, 0};
        while (ppoll(NULL, 0, &zero, &mask) < 0 && errno == EINTR)
            ;
        pthread_mutex_lock(&g_lock);
        if (gen > g_applied) {
            g_applied = gen;
            pthread_cond_broadcast(&g_cond);
        }
        pthread_mutex_unlock(&g_lock);

        /* Wait for a signal or a new mask. */
        struct pollfd p = {.fd = g_cmd[0], .events = POLLIN};
        if (ppoll(&p, 1, NULL, &mask) > 0) {
            char buf[64];
            while (read(g_cmd[0], buf, sizeof buf) > 0)
                ;
        }
    }
    return NULL;
}

static void *event_thread(void *arg)
{
    (void)arg;
    for (;;) {
        sig_record r;
        ssize_t n = read(g_events[0], &r, sizeof r);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof r) { /* cannot happen: records are written whole */
            fprintf(stderr, AGENT_NAME ": signal record read failed (%zd)\n", n);
            return NULL;
        }
        char sbuf[32], cbuf[16];
        json_t *data = json_pack("{s:s,s:i,s:s}", "signal",
                                 signal_name(r.signo, sbuf, sizeof sbuf), "senderPid", (int)r.pid,
                                 "code", code_name(r.signo, r.code, cbuf, sizeof cbuf));
        if (data && r.queued)
            json_object_set_new(data, "value", json_integer(r.value));
        send_event("signal", data, r.ns);

        pthread_mutex_lock(&g_lock);
        g_sent++;
        pthread_cond_broadcast(&g_cond);
        pthread_mutex_unlock(&g_lock);

        unsigned long dropped = __atomic_exchange_n(&g_dropped, 0, __ATOMIC_SEQ_CST);
        if (dropped)
            send_log("%lu signal deliveries could not be reported: the event pipe was full",
                     dropped);
    }
}

/* Caller holds g_lock. false on timeout. */
static bool wait_locked(const struct timespec *deadline)
{
    return pthread_cond_timedwait(&g_cond, &g_lock, deadline) != ETIMEDOUT;
}

/*
 * Waits until every handler that has run so far is on the wire as an event, so that an answer
 * follows the events of the deliveries it caused. Bounded: a suite that stopped reading must
 * not hang the operation forever.
 */
static void flush_events(void)
{
    unsigned long target = __atomic_load_n(&g_written, __ATOMIC_SEQ_CST);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += 2;
    pthread_mutex_lock(&g_lock);
    while (g_sent < target && wait_locked(&deadline))
        ;
    pthread_mutex_unlock(&g_lock);
}

/*
 * Makes the signal thread take the current g_mask and deliver what it lets through, then waits
 * for the resulting events: afterwards the process behaves as a single thread that has just
 * returned from sigprocmask(2) or kill(2) would.
 */
static void settle(void)
{
    pthread_mutex_lock(&g_lock);
    unsigned long gen = ++g_requested;
    pthread_mutex_unlock(&g_lock);
    char c = 0;
    ssize_t ignored = write(g_cmd[1], &c, 1); /* EAGAIN: a wake-up is already waiting */
    (void)ignored;
    pthread_mutex_lock(&g_lock);
    while (g_applied < gen)
        pthread_cond_wait(&g_cond, &g_lock);
    pthread_mutex_unlock(&g_lock);
    flush_events();
}

/* ------------------------------------------------------------------------------------------ */
/* startup                                                                                     */

/*
 * In main, before any thread. Whatever the agent inherited, a scenario starts from a clean
 * state: every action the default (an exec keeps ignored signals ignored, e.g. SIGINT in a
 * background job), no signal blocked for the scenario. SIGPIPE is ignored so that a write
 * without reader answers EPIPE, until a signal.handle for SIGPIPE says otherwise.
 */
void signals_prepare(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            sigaction(sig, &sa, NULL); /* the C library's own signals answer EINVAL: fine */
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);

    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    sigemptyset(&g_mask);
}

int signals_start(void)
{
    if (pipe2(g_cmd, O_CLOEXEC | O_NONBLOCK) < 0 || pipe2(g_events, O_CLOEXEC) < 0)
        return -1;
    /* Only the handler's end may not block; a larger pipe holds more unreported deliveries. */
    if (fcntl(g_events[1], F_SETFL, O_NONBLOCK) < 0)
        return -1;
    fcntl(g_events[1], F_SETPIPE_SZ, 1024 * 1024); /* best effort */

    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&g_cond, &ca);
    pthread_condattr_destroy(&ca);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    int rc = pthread_create(&t, &attr, signal_thread, NULL);
    if (rc == 0)
        rc = pthread_create(&t, &attr, event_thread, NULL);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* SIGPIPE of write(2)                                                                         */

/*
 * Before a write(2) on a handle: the SIGPIPE it may raise is directed at this thread, so this
 * thread must block it exactly when the scenario does. Returns whether the scenario blocks it.
 */
bool signals_sigpipe_enter(void)
{
    pthread_mutex_lock(&g_lock);
    bool blocked = sigismember(&g_mask, SIGPIPE);
    pthread_mutex_unlock(&g_lock);
    if (!blocked) {
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGPIPE);
        pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    }
    return blocked;
}

/*
 * After it (write_errno: 0 or the write's errno). A SIGPIPE the scenario blocks is pending on
 * this thread, which ends with the request and would take it along: it becomes pending for the
 * process instead, where signal.pending sees it and signal.unblock delivers it. kill(2) to
 * ourselves gives it the same siginfo (SI_USER, our pid) the kernel gave it.
 */
void signals_sigpipe_leave(bool blocked, int write_errno)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGPIPE);
    if (!blocked)
        pthread_sigmask(SIG_BLOCK, &s, NULL);
    if (write_errno != EPIPE)
        return;
    if (blocked) {
        const struct timespec zero = {0, 0};
        if (sigtimedwait(&s, NULL, &zero) == SIGPIPE)
            kill(getpid(), SIGPIPE);
    }
    flush_events(); /* a handler ran before write returned: its event precedes the answer */
}

/* ------------------------------------------------------------------------------------------ */
/* operations                                                                                  */

json_t *op_signal_handle(json_t *args, op_error *err)
{
    int sig;
    const char *action;
    if (parse_signal(json_object_get(args, "signal"), "argument 'signal'", &sig, err) < 0 ||
        arg_string(args, "action", true, NULL, &action, err) < 0)
        return NULL;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    if (strcmp(action, "catch") == 0) {
        sa.sa_sigaction = on_signal;
        sa.sa_flags = SA_SIGINFO | SA_RESTART;
        sigfillset(&sa.sa_mask); /* handlers run one at a time, in delivery order */
    } else if (strcmp(action, "ignore") == 0) {
        sa.sa_handler = SIG_IGN;
    } else if (strcmp(action, "default") == 0) {
        sa.sa_handler = SIG_DFL;
    } else {
        set_error(err, "BAD_ARGS",
                  "argument 'action' must be \"catch\", \"ignore\" or \"default\"");
        return NULL;
    }
    /* SIGBUS and SIGSEGV may be guarding a memory access this very moment (memory.c) */
    if (fault_sigaction(sig, &sa) < 0) { /* SIGKILL, SIGSTOP: EINVAL */
        set_errno_error(err, errno);
        return NULL;
    }
    return json_object();
}

json_t *op_signal_send(json_t *args, op_error *err)
{
    json_int_t pid, value;
    if (arg_int(args, "pid", true, 0, INT_MIN, INT_MAX, &pid, err) < 0 ||
        arg_int(args, "value", false, 0, INT_MIN, INT_MAX, &value, err) < 0)
        return NULL;
    json_t *jsig = json_object_get(args, "signal");
    int sig;
    /* the null signal: "0" as the protocol writes it, or the number 0 */
    if ((json_is_string(jsig) && strcmp(json_string_value(jsig), "0") == 0) ||
        (json_is_integer(jsig) && json_integer_value(jsig) == 0))
        sig = 0;
    else if (parse_signal(jsig, "argument 'signal'", &sig, err) < 0)
        return NULL;
    json_t *jvalue = json_object_get(args, "value");
    int rc;
    if (jvalue && !json_is_null(jvalue)) {
        union sigval sv = {.sival_int = (int)value};
        rc = sigqueue((pid_t)pid, sig, sv);
    } else {
        rc = kill((pid_t)pid, sig);
    }
    if (rc < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    /* Sent to ourselves (our pid, our group, everyone), an unblocked signal is delivered before
     * kill(2) returns in a single-threaded process: so it is before this answer. */
    settle();
    return json_object();
}

json_t *op_signal_block(json_t *args, op_error *err)
{
    sigset_t set;
    if (arg_signal_set(args, &set, err) < 0)
        return NULL;
    sigdelset(&set, SIGKILL); /* as sigprocmask(2): silently left out */
    sigdelset(&set, SIGSTOP);
    pthread_mutex_lock(&g_lock);
    sigorset(&g_mask, &g_mask, &set);
    pthread_mutex_unlock(&g_lock);
    settle(); /* in force before the answer: a signal sent after it must stay pending */
    return json_object();
}

json_t *op_signal_unblock(json_t *args, op_error *err)
{
    sigset_t set;
    if (arg_signal_set(args, &set, err) < 0)
        return NULL;
    pthread_mutex_lock(&g_lock);
    for (int sig = 1; sig < NSIG; sig++)
        if (sigismember(&set, sig) == 1)
            sigdelset(&g_mask, sig);
    pthread_mutex_unlock(&g_lock);
    settle(); /* the pending ones are delivered, and reported, before the answer */
    return json_object();
}

json_t *op_signal_pending(json_t *args, op_error *err)
{
    (void)args;
    sigset_t pending;
    if (sigpending(&pending) < 0) {
        set_errno_error(err, errno);
        return NULL;
    }
    /* This thread blocks everything, so sigpending shows every signal pending for the process.
     * A single thread only ever sees blocked ones pending (the others are delivered), so only
     * those in the scenario's mask count; one outside it is on its way to the signal thread. */
    pthread_mutex_lock(&g_lock);
    sigset_t mask = g_mask;
    pthread_mutex_unlock(&g_lock);
    json_t *list = json_array();
    for (int sig = 1; sig < NSIG && list; sig++) {
        if (sigismember(&pending, sig) == 1 && sigismember(&mask, sig) == 1) {
            char buf[32];
            json_array_append_new(list, json_string(signal_name(sig, buf, sizeof buf)));
        }
    }
    return json_pack("{s:o}", "signals", list);
}
