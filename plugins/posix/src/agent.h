/*
 * ipcspec POSIX reference agent: what the parts share.
 *
 *   agent.c     startup, the control reader loop, request dispatch, core operations
 *   protocol.c  control channel output, errors, base64, argument parsing
 *   handles.c   the handle table ("hN", and "stdin"/"stdout" of a child participant):
 *               descriptors, message queue descriptors and mappings
 *   fs.c        fifo.create, fifo.open, stat, unlink
 *   io.c        read, write, close, pipe.create, handle.nonblocking, handle.stat
 *   process.c   process.spawn, process.wait
 *   signals.c   signal.handle/send/block/unblock/pending and the `signal` event
 *   sockets.c   socket.create/bind/listen/accept/connect/address/send/receive/shutdown,
 *               socket.pair, socket.peercred; descriptors passed as SCM_RIGHTS
 *   memory.c    file.open, shm.open, shm.unlink, handle.truncate, memory.map/read/write, and
 *               the guard that turns a memory fault of a load or store into an answer
 *   queues.c    mq.open/send/receive/attributes/unlink (POSIX), msg.get/send/receive/stat/
 *               remove (System V)
 */
#ifndef IPCSPEC_AGENT_H
#define IPCSPEC_AGENT_H

#include <jansson.h>
#include <signal.h>
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
/* the open(2) access mode named by args' "access": "read", "readwrite", and "write" if allowed */
int arg_access(json_t *args, bool write_only, int *flags, op_error *err);

/* handles.c -------------------------------------------------------------------------------- */
void handles_adopt_inherited(void);
typedef struct mapping mapping;
int handle_add(int fd, char *name, size_t name_size);
/* handle_add for a descriptor just made: on failure it closes the descriptor and sets err */
int handle_adopt(int fd, char *name, size_t name_size, op_error *err);
/* handle_adopt of both descriptors of a pipe or socket pair; names are 32 bytes each */
int handle_adopt_pair(const int fds[2], char *first, char *second, op_error *err);
/* the result {"handle": name} of an operation that made the descriptor fd */
json_t *handle_result(int fd, op_error *err);
int handle_add_mq(int mqd, char *name, size_t name_size);
int handle_add_mapping(void *addr, size_t len, char *name, size_t name_size);
int handle_fd(json_t *args, int *fd, op_error *err);
int handle_mapping_get(json_t *args, mapping **map, void **addr, size_t *len, op_error *err);
void handle_mapping_put(mapping *map);
int handle_close(json_t *args, op_error *err);
int handle_dup(const char *name, int *newfd, op_error *err);
int handles_dup_list(json_t *names, int *fds, op_error *err);
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

/* sockets.c -------------------------------------------------------------------------------- */
op_fn op_socket_create, op_socket_bind, op_socket_listen, op_socket_accept, op_socket_connect,
    op_socket_address, op_socket_send, op_socket_receive, op_socket_shutdown, op_socket_pair,
    op_socket_peercred;

/* memory.c --------------------------------------------------------------------------------- */
int fault_sigaction(int sig, const struct sigaction *sa);
op_fn op_file_open, op_shm_open, op_shm_unlink, op_handle_truncate, op_memory_map,
    op_memory_read, op_memory_write;

/* queues.c --------------------------------------------------------------------------------- */
op_fn op_mq_open, op_mq_send, op_mq_receive, op_mq_attributes, op_mq_unlink, op_msg_get,
    op_msg_send, op_msg_receive, op_msg_stat, op_msg_remove;

#endif
