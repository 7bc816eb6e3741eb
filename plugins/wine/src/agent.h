/* What the parts of the Windows agent share: answering the suite, and its bytes in base64. */
#ifndef IPCSPEC_WINE_AGENT_H
#define IPCSPEC_WINE_AGENT_H

#include <windows.h>
#include <jansson.h>

/* Each returns 0, or -1 when the control connection is gone. */
int respond(json_int_t id, json_t *result);
int fail(json_int_t id, const char *code, const char *message);
int send_event(const char *event, json_t *data);
int unsupported(json_int_t id, const char *op);

/* Base64 (PROTOCOL.md section 2) through crypt32. decode returns a malloc'd buffer or NULL. */
json_t *base64_of(const BYTE *bytes, DWORD length);
BYTE *bytes_of(const char *base64, DWORD *length);

/*
 * DDE through DDEML (dde.c). dde_serve answers a request whose op starts with "dde.", returning
 * what respond or fail returned.
 */
int dde_serve(json_int_t id, const char *op, json_t *args);
void dde_end(void);

/* OLE through ole32 (ole.c): ops starting with "ole.", and close of a document's handle. */
int ole_serve(json_int_t id, const char *op, json_t *args);
int ole_close(json_int_t id, const char *handle);
void ole_end(void);

#endif
