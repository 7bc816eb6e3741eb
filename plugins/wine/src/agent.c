/*
 * The ipcspec agent for Windows programs, run under Wine: the protocol of spec/PROTOCOL.md over a
 * TCP control connection (Wine 8's Winsock has no AF_UNIX), JSON through jansson. It serves the
 * core operations, DDE (dde.c) and OLE (ole.c).
 *
 * DDEML calls a conversation's callback in the thread that initialised it, while that thread
 * takes its messages; so the main thread runs a message loop and serves the requests, one at a
 * time, and a reader thread posts it each line from the suite (PROTOCOL.md, section 4, allows it:
 * no operation here blocks for long, a synchronous transaction waits at most its timeout). The
 * reader answers ping itself, so that the agent answers while an operation waits.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <wincrypt.h>
#include "agent.h"

#define PROTOCOL 1

static SOCKET control = INVALID_SOCKET;
/* The window the reader thread posts lines to; one of HWND_MESSAGE, never shown. */
static HWND mailbox;
#define WM_REQUEST_LINE (WM_APP + 1)
#define WM_SUITE_GONE (WM_APP + 2)

/* Nanoseconds of a monotonic clock; under Wine, QueryPerformanceCounter reads the host's. */
static long long monotonic_ns(void) {
  LARGE_INTEGER count, frequency;
  QueryPerformanceCounter(&count);
  QueryPerformanceFrequency(&frequency);
  return (long long)((double)count.QuadPart * 1e9 / (double)frequency.QuadPart);
}

/* One message, one line; the whole of it, as send() may take part of a buffer. */
static CRITICAL_SECTION sending;

/* 0 when sent, -1 when the control connection is gone; a message that could not be built is no reason to end. */
static int send_message(json_t *message) {
  if (message == NULL) {
    fprintf(stderr, "ipcspec wine agent: a message could not be built (text that is not UTF-8?)\n");
    return 0;
  }
  json_object_set_new(message, "monotonicNs", json_integer(monotonic_ns()));
  char *text = json_dumps(message, JSON_COMPACT);
  json_decref(message);
  if (text == NULL) {
    fprintf(stderr, "ipcspec wine agent: a message could not be written as JSON\n");
    return 0;
  }
  size_t length = strlen(text);
  text[length] = '\n';
  size_t sent = 0;
  int status = 0;
  EnterCriticalSection(&sending);
  while (sent < length + 1) {
    int n = send(control, text + sent, (int)(length + 1 - sent), 0);
    if (n <= 0) {
      status = -1;
      break;
    }
    sent += (size_t)n;
  }
  LeaveCriticalSection(&sending);
  free(text);
  return status;
}

int respond(json_int_t id, json_t *result) {
  if (result == NULL) {
    return fail(id, "INTERNAL", "the agent could not encode its answer");
  }
  return send_message(json_pack("{s:s, s:I, s:o}", "type", "response", "id", id, "result", result));
}

/* Messages are for people: bytes beyond ASCII (a name cut in the middle of a character) become '?'. */
int fail(json_int_t id, const char *code, const char *message) {
  char text[512];
  snprintf(text, sizeof text, "%s", message);
  for (char *c = text; *c != '\0'; c++) {
    if ((unsigned char)*c >= 0x80) {
      *c = '?';
    }
  }
  return send_message(json_pack("{s:s, s:I, s:{s:s, s:s}}", "type", "response", "id", id, "error", "code", code,
                                "message", text));
}

int unsupported(json_int_t id, const char *op) {
  char message[160];
  snprintf(message, sizeof message, "the Wine agent does not implement %s", op);
  return fail(id, "UNSUPPORTED_OP", message);
}

int send_event(const char *event, json_t *data) {
  if (data == NULL) {
    return send_message(json_pack("{s:s, s:s, s:{s:s}}", "type", "event", "event", "log", "data", "text",
                                  "an event could not be encoded"));
  }
  return send_message(json_pack("{s:s, s:s, s:o}", "type", "event", "event", event, "data", data));
}

json_t *base64_of(const BYTE *bytes, DWORD length) {
  DWORD size = 0;
  if (length == 0) {
    return json_string("");
  }
  DWORD flags = CRYPT_STRING_BASE64 | CRYPT_STRING_NOCRLF;
  if (!CryptBinaryToStringA(bytes, length, flags, NULL, &size)) {
    return NULL;
  }
  char *text = malloc(size);
  json_t *encoded = NULL;
  if (text != NULL && CryptBinaryToStringA(bytes, length, flags, text, &size)) {
    encoded = json_string(text);
  }
  free(text);
  return encoded;
}

BYTE *bytes_of(const char *base64, DWORD *length) {
  DWORD size = 0;
  if (base64 == NULL) {
    return NULL;
  }
  if (*base64 == '\0') {
    *length = 0;
    return calloc(1, 1);
  }
  if (!CryptStringToBinaryA(base64, 0, CRYPT_STRING_BASE64, NULL, &size, NULL, NULL)) {
    return NULL;
  }
  BYTE *bytes = malloc(size + 1);
  if (bytes != NULL && !CryptStringToBinaryA(base64, 0, CRYPT_STRING_BASE64, bytes, &size, NULL, NULL)) {
    free(bytes);
    return NULL;
  }
  *length = size;
  return bytes;
}

/* The Wine version, from ntdll's wine_get_version; "unknown" on Windows itself. */
static const char *wine_version(void) {
  typedef const char *(CDECL *version_function)(void);
  HMODULE ntdll = GetModuleHandleA("ntdll.dll");
  version_function version = ntdll ? (version_function)(void (*)(void))GetProcAddress(ntdll, "wine_get_version") : NULL;
  return version ? version() : "unknown";
}

static int connect_to_suite(const char *address) {
  char host[64];
  int port;
  if (strncmp(address, "tcp:", 4) != 0 || sscanf(address + 4, "%63[^:]:%d", host, &port) != 2) {
    fprintf(stderr, "ipcspec wine agent: IPCSPEC_CONTROL must be tcp:HOST:PORT (Wine's Winsock has no AF_UNIX; "
                    "the descriptor asks for \"control\": \"tcp\"), not %s\n", address);
    return -1;
  }
  WSADATA wsa;
  if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
    fprintf(stderr, "ipcspec wine agent: WSAStartup failed\n");
    return -1;
  }
  struct sockaddr_in suite;
  memset(&suite, 0, sizeof suite);
  suite.sin_family = AF_INET;
  suite.sin_port = htons((u_short)port);
  if (inet_pton(AF_INET, host, &suite.sin_addr) != 1) {
    fprintf(stderr, "ipcspec wine agent: %s is not an IPv4 address\n", host);
    return -1;
  }
  control = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (control == INVALID_SOCKET || connect(control, (struct sockaddr *)&suite, sizeof suite) != 0) {
    fprintf(stderr, "ipcspec wine agent: cannot connect to %s: Winsock error %d\n", address, WSAGetLastError());
    return -1;
  }
  return 0;
}

/* Serves one request; returns 1 when the agent is to end. */
static int serve(json_t *request) {
  json_int_t id = json_integer_value(json_object_get(request, "id"));
  const char *op = json_string_value(json_object_get(request, "op"));
  json_t *args = json_object_get(request, "args");
  if (id <= 0) {
    send_event("log", json_pack("{s:s}", "text", "a request without a positive id: not answered"));
    return 0;
  }
  if (op == NULL) {
    return fail(id, "BAD_ARGS", "a request needs an op") < 0;
  }
  if (!json_is_object(args)) {
    args = NULL;
  }
  if (strcmp(op, "ping") == 0) {
    return respond(id, json_object()) < 0;
  }
  if (strcmp(op, "process.info") == 0) {
    /* The Windows process id: under Wine not the Linux pid, which a Windows program cannot know. */
    return respond(id, json_pack("{s:I, s:I}", "pid", (json_int_t)GetCurrentProcessId(), "ppid", (json_int_t)0)) < 0;
  }
  if (strcmp(op, "shutdown") == 0) {
    respond(id, json_object());
    return 1;
  }
  if (strncmp(op, "dde.", 4) == 0) {
    json_t *empty = json_object();
    int status = dde_serve(id, op, args ? args : empty);
    json_decref(empty);
    return status < 0;
  }
  if (strncmp(op, "ole.", 4) == 0 || strcmp(op, "close") == 0) {
    json_t *empty = json_object();
    int status = strcmp(op, "close") == 0 ? ole_close(id, json_string_value(json_object_get(args, "handle")))
                                          : ole_serve(id, op, args ? args : empty);
    json_decref(empty);
    return status < 0;
  }
  return unsupported(id, op) < 0;
}

/* Lines that came while a request was being served (a synchronous DDE transaction pumps messages). */
static char **waiting;
static size_t waiting_count, waiting_room;
static int serving;

static void serve_line(char *line) {
  json_error_t error;
  json_t *request = json_loads(line, 0, &error);
  free(line);
  int end;
  if (request == NULL) {
    end = send_event("log", json_pack("{s:s, s:s}", "text", "a line that is not JSON: not answered", "error", error.text)) < 0;
  } else {
    end = json_is_object(request) && json_object_get(request, "type") && json_is_string(json_object_get(request, "type"))
        && strcmp(json_string_value(json_object_get(request, "type")), "request") == 0 ? serve(request) : 0;
    json_decref(request);
  }
  if (end) {
    dde_end();
    ole_end();
    closesocket(control);
    ExitProcess(0);
  }
}

static LRESULT CALLBACK mailbox_procedure(HWND window, UINT message, WPARAM wparam, LPARAM lparam) {
  if (message == WM_SUITE_GONE) {
    dde_end();
    ole_end();
    ExitProcess(0); /* the suite is gone: so is the agent */
  }
  if (message != WM_REQUEST_LINE) {
    return DefWindowProcA(window, message, wparam, lparam);
  }
  char *line = (char *)lparam;
  if (serving) {
    if (waiting_count == waiting_room) {
      waiting_room = waiting_room ? 2 * waiting_room : 16;
      waiting = realloc(waiting, waiting_room * sizeof *waiting);
    }
    waiting[waiting_count++] = line;
    return 0;
  }
  serving = 1;
  serve_line(line);
  while (waiting_count > 0) {
    char *next = waiting[0];
    memmove(waiting, waiting + 1, --waiting_count * sizeof *waiting);
    serve_line(next);
  }
  serving = 0;
  return 0;
}

/*
 * A ping is answered here, at once: the main thread may be inside a synchronous DDE transaction
 * (at most its timeout), and the suite pings to tell an operation that waits from an agent that
 * hangs. Returns 1 when the line was a ping.
 */
static int answered_ping(const char *line) {
  json_t *request = json_loads(line, 0, NULL);
  const char *op = json_string_value(json_object_get(request, "op"));
  json_int_t id = json_integer_value(json_object_get(request, "id"));
  int ping = op != NULL && strcmp(op, "ping") == 0 && id > 0;
  if (ping) {
    respond(id, json_object());
  }
  json_decref(request);
  return ping;
}

/* Reads the suite's lines and posts each, whole, to the main thread. */
static DWORD WINAPI read_requests(LPVOID unused) {
  (void)unused;
  static char buffer[1 << 20];
  size_t used = 0;
  for (;;) {
    int n = recv(control, buffer + used, (int)(sizeof buffer - 1 - used), 0);
    if (n <= 0) {
      PostMessageA(mailbox, WM_SUITE_GONE, 0, 0);
      return 0;
    }
    used += (size_t)n;
    char *line_start = buffer;
    char *newline;
    while ((newline = memchr(line_start, '\n', used - (size_t)(line_start - buffer))) != NULL) {
      *newline = '\0';
      if (!answered_ping(line_start)) {
        PostMessageA(mailbox, WM_REQUEST_LINE, 0, (LPARAM)_strdup(line_start));
      }
      line_start = newline + 1;
    }
    used -= (size_t)(line_start - buffer);
    memmove(buffer, line_start, used);
    if (used == sizeof buffer - 1) {
      fprintf(stderr, "ipcspec wine agent: a request longer than %u bytes\n", (unsigned)sizeof buffer);
      PostMessageA(mailbox, WM_SUITE_GONE, 0, 0);
      return 0;
    }
  }
}

int main(void) {
  const char *address = getenv("IPCSPEC_CONTROL");
  const char *participant = getenv("IPCSPEC_PARTICIPANT");
  const char *token = getenv("IPCSPEC_TOKEN");
  if (address == NULL || participant == NULL) {
    fprintf(stderr, "ipcspec wine agent: IPCSPEC_CONTROL and IPCSPEC_PARTICIPANT must be set: the suite starts agents\n");
    return 2;
  }
  InitializeCriticalSection(&sending);
  if (connect_to_suite(address) != 0) {
    return 2;
  }
  WNDCLASSA type = {0};
  type.lpfnWndProc = mailbox_procedure;
  type.hInstance = GetModuleHandleA(NULL);
  type.lpszClassName = "ipcspec-agent-mailbox";
  if (!RegisterClassA(&type)
      || (mailbox = CreateWindowA(type.lpszClassName, "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, type.hInstance, NULL)) == NULL) {
    fprintf(stderr, "ipcspec wine agent: cannot make its message window: error %lu\n", GetLastError());
    return 2;
  }
  char implementation[64];
  snprintf(implementation, sizeof implementation, "Wine %s", wine_version());
  json_t *hello = json_pack("{s:s, s:i, s:s, s:I, s:{s:s, s:s}, s:[s, s, s]}", "type", "hello", "protocol", PROTOCOL,
                            "participant", participant, "pid", (json_int_t)GetCurrentProcessId(),
                            "implementation", "name", implementation, "version", wine_version(), "capabilities", "dde", "ole.storage", "ole.embed");
  if (token != NULL) {
    json_object_set_new(hello, "token", json_string(token));
  }
  if (send_message(hello) != 0) {
    return 2;
  }
  if (CreateThread(NULL, 0, read_requests, NULL, 0, NULL) == NULL) {
    fprintf(stderr, "ipcspec wine agent: cannot start its reader thread: error %lu\n", GetLastError());
    return 2;
  }
  MSG message;
  while (GetMessageA(&message, NULL, 0, 0) > 0) {
    TranslateMessage(&message);
    DispatchMessageA(&message);
  }
  return 0;
}
