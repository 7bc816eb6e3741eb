/*
 * ipcspec POSIX reference agent: what the parts share.
 *
 *   agent.c     startup, the control reader loop, request dispatch, core operations
 *   protocol.c  control channel output, errors, base64, argument parsing
 *   handles.c   the handle table ("hN", and "stdin"/"stdout" of a child participant)
 *   fs.c        fifo.create, fifo.open, stat, unlink
 *   io.c        read, write, close, pipe.create, handle.nonblocking, handle.stat
 *   process.c   process.spawn, process.wait
 *   signals.c   signal.handle/send/block/unblock/pending and the `signal` event
 */
#ifndef IPCSPEC_AGENT_H
#define IPCSPEC_AGENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#define AGENT_NAME "ipcspec-posix-agent"

/* How a parent tells a child agent which inherited descriptor is which handle (process.c). */
#define HANDLES_ENV "IPCSPEC_POSIX_HANDLES"

typedef struct {
    char code[32];
    char message[256];
} op_error;

/* An operation: a new result object, or NULL with *err filled. */
typedef json_t *op_fn(json_t *args, op_error *err);

/* protocol.c ------------------------------------------------------------------------------- */
void control_set(int fd);
json_int_t monotonic_ns(void);
void set_errno_error(op_error *err, int e);
__attribute__((format(printf, 3, 4))) void set_error(op_error *err, const char *code,
                                                      const char *fmt, ...);
void send_message(json_t *msg, bool final);
void send_event(const char *event, json_t *data, json_int_t ns);
__attribute__((format(printf, 1, 2))) void send_log(const char *fmt, ...);
void send_result(json_int_t id, json_t *result, bool final);
void send_error(json_int_t id, const op_error *err);
char *b64_encode(const unsigned char *in, size_t n, size_t *out_len);
int b64_decode(const char *in, size_t n, unsigned char **out, size_t *out_len);
int arg_string(json_t *args, const char *key, bool required, const char *def, const char **out,
               op_error *err);
int arg_int(json_t *args, const char *key, bool required, json_int_t def, json_int_t min,
            json_int_t max, json_int_t *out, op_error *err);
int arg_bool(json_t *args, const char *key, bool def, bool *out, op_error *err);

/* handles.c -------------------------------------------------------------------------------- */
void handles_adopt_inherited(void);
int handle_add(int fd, char *name, size_t name_size);
int handle_fd(json_t *args, bool forget, int *fd, op_error *err);
int handle_dup(const char *name, int *newfd, op_error *err);
void handles_close_all(void);

/* fs.c ------------------------------------------------------------------------------------- */
json_t *stat_result(const struct stat *st);
op_fn op_fifo_create, op_fifo_open, op_stat, op_unlink;

/* io.c ------------------------------------------------------------------------------------- */
op_fn op_read, op_write, op_close, op_pipe_create, op_handle_nonblocking, op_handle_stat;

/* process.c -------------------------------------------------------------------------------- */
void process_init(void);
op_fn op_process_spawn, op_process_wait;

/* signals.c -------------------------------------------------------------------------------- */
void signals_prepare(void);
int signals_start(void);
bool signals_sigpipe_enter(void);
void signals_sigpipe_leave(bool blocked, int write_errno);
const char *signal_name(int sig, char *buf, size_t size);
op_fn op_signal_handle, op_signal_send, op_signal_block, op_signal_unblock, op_signal_pending;

#endif
