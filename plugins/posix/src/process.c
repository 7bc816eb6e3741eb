/*
 * Child participants: process.spawn (fork and exec of this same agent program) and
 * process.wait (waitpid).
 *
 * The agent is multi-threaded, so between fork and exec the child makes async-signal-safe
 * calls only (dup2, fcntl, chdir, sigaction, sigprocmask, fexecve, write, _exit); everything
 * that allocates (the environment, the descriptor lists) is prepared before fork.
 *
 * Every descriptor of the agent is close-on-exec, so nothing reaches a child unless asked
 * (not the control socket, not another handle): the child's standard input and output are
 * placed with dup2, which clears close-on-exec on the copy, and the handles of `inherit` have
 * close-on-exec cleared on a private duplicate. The child learns which descriptor is which of
 * its handles from the environment variable IPCSPEC_POSIX_HANDLES ("h3=7,h9=8": handle
 * name=descriptor), which also marks it as a child participant that has "stdin" and "stdout"
 * (handles.c).
 *
 * Each child is reaped as soon as it ends, by a thread of its own blocked in waitpid(pid)
 * (reaper), and process.wait hands out the status it found, once. A child left for
 * process.wait alone would stay a zombie, and a zombie still exists for anyone watching the
 * pid from outside (the suite does, to see that a child it shut down has exited), so a
 * parent that never waits would make every exit look like a hang. A program that starts
 * children reaps them; so does this one. What process.wait answers is unchanged: it blocks
 * until the child ends, then gives its status; ECHILD for a pid that is not our child or was
 * waited for already, and when SIGCHLD is ignored (the kernel then reaps, waitpid fails).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "agent.h"

/*
 * The program to exec: our own, /proc/self/exe, opened once at startup and run with fexecve.
 * The descriptor names the very file this process runs, even if a rebuild has replaced the
 * path since; and under a tool such as valgrind, which runs its own binary for an exec of the
 * path /proc/self/exe, the open still yields the agent. Close-on-exec, like every other.
 */
static int g_self = -1;

void process_init(void)
{
    g_self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (g_self >= 0) /* again: valgrind answers this open with a dup, which drops the flag */
        fcntl(g_self, F_SETFD, FD_CLOEXEC);
    if (g_self < 0)
        fprintf(stderr, AGENT_NAME ": cannot open /proc/self/exe (%s): process.spawn will fail\n",
                strerror(errno));
}

/* ------------------------------------------------------------------------------------------ */
/* children and their reapers                                                                  */

typedef struct child {
    pid_t pid;
    bool reaping;   /* a reaper thread waits for it; false: process.wait calls waitpid itself */
    bool ended;     /* the reaper's waitpid returned: status or wait_errno */
    int status;
    int wait_errno;
    struct child *next;
} child;

static pthread_mutex_t g_children_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_children_ended = PTHREAD_COND_INITIALIZER;
static child *g_children; /* spawned, not yet waited for */

static void *reaper(void *arg)
{
    child *c = arg;
    int status = 0;
    pid_t r;
    do {
        r = waitpid(c->pid, &status, 0);
    } while (r < 0 && errno == EINTR);
    int e = errno;
    pthread_mutex_lock(&g_children_lock);
    c->ended = true;
    c->status = status;
    c->wait_errno = r < 0 ? e : 0;
    pthread_cond_broadcast(&g_children_ended);
    pthread_mutex_unlock(&g_children_lock);
    return NULL;
}

/* Before the suite learns the pid, so that process.wait always finds it. */
static void child_track(pid_t pid)
{
    child *c = calloc(1, sizeof *c);
    if (!c)
        return; /* process.wait then falls back on waitpid: the zombie stays until then */
    c->pid = pid;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024); /* it only waits */
    pthread_mutex_lock(&g_children_lock);
    pthread_t t;
    c->reaping = pthread_create(&t, &attr, reaper, c) == 0;
    c->next = g_children;
    g_children = c;
    pthread_mutex_unlock(&g_children_lock);
    pthread_attr_destroy(&attr);
}

/* ------------------------------------------------------------------------------------------ */
/* process.spawn                                                                               */

/* What process.spawn prepares before fork; every descriptor here is close-on-exec. */
typedef struct {
    int child_std[2];  /* becomes the child's 0 / 1; -1: the child inherits ours */
    int parent_end[2]; /* our end of a new pipe, returned as a handle; -1: none */
    int *inherit;      /* duplicates whose close-on-exec the child clears */
    size_t ninherit;
    char *mapping;     /* HANDLES_ENV value */
    char **envp;
} spawn_plan;

static void close_if_open(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

static void plan_free(spawn_plan *p)
{
    for (int k = 0; k < 2; k++) {
        close_if_open(&p->child_std[k]);
        close_if_open(&p->parent_end[k]);
    }
    for (size_t i = 0; i < p->ninherit; i++)
        close(p->inherit[i]);
    free(p->inherit);
    free(p->mapping);
    if (p->envp) {
        for (char **e = p->envp; *e; e++)
            free(*e);
        free(p->envp);
    }
}

/* A descriptor numbered 3 or more: 0 and 1 are about to be overwritten in the child. */
static int raise_fd(int fd)
{
    if (fd >= 3)
        return fd;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    close(fd);
    return high;
}

/* stdin (k = 0) or stdout (k = 1): absent, "pipe", or a handle. */
static int plan_stream(spawn_plan *p, json_t *args, int k, op_error *err)
{
    const char *key = k == 0 ? "stdin" : "stdout";
    const char *how;
    if (arg_string(args, key, false, NULL, &how, err) < 0)
        return -1;
    if (!how)
        return 0;
    if (strcmp(how, "pipe") != 0)
        return handle_dup(how, &p->child_std[k], err);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        set_errno_error(err, errno);
        return -1;
    }
    /* the child reads its stdin from the read end and writes its stdout to the write end */
    p->child_std[k] = raise_fd(fds[k == 0 ? 0 : 1]);
    p->parent_end[k] = fds[k == 0 ? 1 : 0];
    if (p->child_std[k] < 0) {
        set_errno_error(err, errno);
        return -1;
    }
    return 0;
}

static int plan_inherit(spawn_plan *p, json_t *args, op_error *err)
{
    json_t *list = json_object_get(args, "inherit");
    p->mapping = strdup("");
    if (!p->mapping) {
        set_error(err, "INTERNAL", "out of memory");
        return -1;
    }
    if (!list || json_is_null(list))
        return 0;
    if (!json_is_array(list)) {
        set_error(err, "BAD_ARGS", "argument 'inherit' must be an array of handles");
        return -1;
    }
    p->inherit = calloc(json_array_size(list) + 1, sizeof *p->inherit);
    if (!p->inherit) {
        set_error(err, "INTERNAL", "out of memory");
        return -1;
    }
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        if (!json_is_string(v)) {
            set_error(err, "BAD_ARGS", "each of 'inherit' must be a handle");
            return -1;
        }
        const char *name = json_string_value(v);
        /* the child has its own "stdin" and "stdout" (its 0 and 1): pass those as stdin/stdout */
        if (strcmp(name, "stdin") == 0 || strcmp(name, "stdout") == 0) {
            set_error(err, "BAD_ARGS",
                      "'%s' cannot be inherited under its name: the child has its own; pass it "
                      "as the child's stdin or stdout",
                      name);
            return -1;
        }
        bool seen = false; /* a name listed twice is passed once */
        for (size_t j = 0; j < i; j++)
            seen = seen || strcmp(json_string_value(json_array_get(list, j)), name) == 0;
        if (seen)
            continue;
        int fd;
        if (handle_dup(name, &fd, err) < 0)
            return -1;
        p->inherit[p->ninherit++] = fd;
        char *more;
        if (asprintf(&more, "%s%s%s=%d", p->mapping, *p->mapping ? "," : "", name, fd) < 0) {
            set_error(err, "INTERNAL", "out of memory");
            return -1;
        }
        free(p->mapping);
        p->mapping = more;
    }
    return 0;
}

/* Ours, with the participant's variables replaced; IPCSPEC_PROTOCOL and the rest are kept. */
static int plan_env(spawn_plan *p, const char *control, const char *participant,
                    const char *scratch, op_error *err)
{
    static const char *const replaced[] = {"IPCSPEC_CONTROL=", "IPCSPEC_PARTICIPANT=",
                                           "IPCSPEC_SCRATCH=", HANDLES_ENV "="};
    size_t n = 0;
    while (environ[n])
        n++;
    p->envp = calloc(n + 5, sizeof *p->envp);
    if (!p->envp)
        goto oom;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        bool drop = false;
        for (size_t r = 0; r < sizeof replaced / sizeof replaced[0]; r++)
            drop = drop || strncmp(environ[i], replaced[r], strlen(replaced[r])) == 0;
        if (!drop && !(p->envp[o++] = strdup(environ[i])))
            goto oom;
    }
    if (asprintf(&p->envp[o++], "IPCSPEC_CONTROL=%s", control) < 0 ||
        asprintf(&p->envp[o++], "IPCSPEC_PARTICIPANT=%s", participant) < 0 ||
        asprintf(&p->envp[o++], "IPCSPEC_SCRATCH=%s", scratch) < 0 ||
        asprintf(&p->envp[o++], "%s=%s", HANDLES_ENV, p->mapping) < 0) {
        p->envp[o - 1] = NULL; /* asprintf leaves it undefined */
        goto oom;
    }
    return 0;
oom:
    set_error(err, "INTERNAL", "out of memory building the child's environment");
    return -1;
}

/* In the child, after fork: async-signal-safe calls only. Never returns. */
static __attribute__((noreturn)) void child_exec(const spawn_plan *p, const char *scratch,
                                                 int report)
{
    /* Default actions: an exec keeps ignored signals ignored. Every signal is still blocked
     * here (the forking thread blocks them all), so no handler of ours runs in the child. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            sigaction(sig, &dfl, NULL);

    int e = 0;
    for (int k = 0; k < 2 && !e; k++) /* the sources are all >= 3: nothing to overwrite */
        if (p->child_std[k] >= 0 && dup2(p->child_std[k], k) < 0)
            e = errno;
    for (size_t i = 0; i < p->ninherit && !e; i++)
        if (fcntl(p->inherit[i], F_SETFD, 0) < 0)
            e = errno;
    if (!e && chdir(scratch) < 0)
        e = errno;
    if (!e) {
        sigset_t none; /* an exec keeps the mask: the child starts with none blocked */
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        char *const argv[] = {AGENT_NAME, NULL};
        fexecve(g_self, argv, p->envp);
        e = errno;
    }
    ssize_t ignored = write(report, &e, sizeof e);
    (void)ignored;
    _exit(127);
}

json_t *op_process_spawn(json_t *args, op_error *err)
{
    const char *participant, *control, *scratch;
    if (arg_string(args, "participant", true, NULL, &participant, err) < 0 ||
        arg_string(args, "control", true, NULL, &control, err) < 0 ||
        arg_string(args, "scratch", true, NULL, &scratch, err) < 0)
        return NULL;
    spawn_plan p = {.child_std = {-1, -1}, .parent_end = {-1, -1}};
    int report[2] = {-1, -1};
    json_t *result = NULL;
    if (plan_stream(&p, args, 0, err) < 0 || plan_stream(&p, args, 1, err) < 0 ||
        plan_inherit(&p, args, err) < 0 || plan_env(&p, control, participant, scratch, err) < 0)
        goto done;
    /* The child writes its errno here if it cannot exec; close-on-exec makes success EOF. */
    if (pipe2(report, O_CLOEXEC) < 0) {
        set_errno_error(err, errno);
        goto done;
    }
    pid_t pid = fork();
    if (pid < 0) {
        set_errno_error(err, errno);
        goto done;
    }
    if (pid == 0)
        child_exec(&p, scratch, report[1]);

    close_if_open(&report[1]);
    int child_errno = 0;
    ssize_t n;
    do {
        n = read(report[0], &child_errno, sizeof child_errno);
    } while (n < 0 && errno == EINTR);
    if (n == (ssize_t)sizeof child_errno) {
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ; /* it has _exit'ed: reap it, the suite never learns its pid */
        set_errno_error(err, child_errno);
        size_t used = strlen(err->message);
        snprintf(err->message + used, sizeof err->message - used, " (in the child, before exec)");
        goto done;
    }

    child_track(pid);
    /* Of a new pipe we keep only our end: the child's end is closed in plan_free. */
    result = json_pack("{s:I}", "pid", (json_int_t)pid);
    for (int k = 0; k < 2 && result; k++) {
        if (p.parent_end[k] < 0)
            continue;
        char name[32];
        if (handle_add(p.parent_end[k], name, sizeof name) < 0) {
            json_decref(result);
            result = NULL;
            break;
        }
        p.parent_end[k] = -1; /* the table owns it now */
        json_object_set_new(result, k == 0 ? "stdin" : "stdout", json_string(name));
    }
    if (!result) /* the child runs, but the suite cannot be told: say so */
        set_error(err, "INTERNAL", "child %d started, but out of memory answering", (int)pid);
done:
    close_if_open(&report[0]);
    close_if_open(&report[1]);
    plan_free(&p);
    return result;
}

/* ------------------------------------------------------------------------------------------ */
/* process.wait                                                                                */

json_t *op_process_wait(json_t *args, op_error *err)
{
    json_int_t pid;
    if (arg_int(args, "pid", true, 0, 1, INT_MAX, &pid, err) < 0)
        return NULL;
    int status = 0, e = ECHILD;
    bool reaped = false;
    pthread_mutex_lock(&g_children_lock);
    for (;;) {
        child **link = &g_children;
        while (*link && (*link)->pid != (pid_t)pid)
            link = &(*link)->next;
        child *c = *link;
        if (!c) /* not ours, or waited for already: ECHILD */
            break;
        if (!c->reaping) { /* ours, without a reaper: waitpid below */
            *link = c->next;
            free(c);
            break;
        }
        if (c->ended) { /* the first waiter takes the status, as with waitpid */
            *link = c->next;
            status = c->status;
            e = c->wait_errno;
            reaped = true;
            free(c);
            break;
        }
        pthread_cond_wait(&g_children_ended, &g_children_lock);
    }
    pthread_mutex_unlock(&g_children_lock);
    if (!reaped) {
        pid_t r;
        do {
            r = waitpid((pid_t)pid, &status, 0);
        } while (r < 0 && errno == EINTR);
        e = r < 0 ? errno : 0;
    }
    if (e) { /* ECHILD: not our child, already waited for, or SIGCHLD ignored */
        set_errno_error(err, e);
        return NULL;
    }
    if (WIFEXITED(status))
        return json_pack("{s:i}", "exitStatus", WEXITSTATUS(status));
    char buf[32];
    return json_pack("{s:s,s:b}", "signal", signal_name(WTERMSIG(status), buf, sizeof buf),
                     "core", WCOREDUMP(status) != 0);
}
