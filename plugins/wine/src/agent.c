/*
 * The ipcspec agent for Windows programs, run under Wine: the protocol of spec/PROTOCOL.md over a
 * TCP control connection (Wine 8's Winsock has no AF_UNIX), JSON through jansson. This first
 * version serves the core operations only (ping, process.info, shutdown) and claims no
 * capability; DDE and OLE come next (issue 8).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#define PROTOCOL 1

static SOCKET control = INVALID_SOCKET;

/* Nanoseconds of a monotonic clock; under Wine, QueryPerformanceCounter reads the host's. */
static long long monotonic_ns(void) {
  LARGE_INTEGER count, frequency;
  QueryPerformanceCounter(&count);
  QueryPerformanceFrequency(&frequency);
  return (long long)((double)count.QuadPart * 1e9 / (double)frequency.QuadPart);
}

/* One message, one line; the whole of it, as send() may take part of a buffer. */
static int send_message(json_t *message) {
  json_object_set_new(message, "monotonicNs", json_integer(monotonic_ns()));
  char *text = json_dumps(message, JSON_COMPACT);
  json_decref(message);
  if (text == NULL) {
    return -1;
  }
  size_t length = strlen(text);
  text[length] = '\n';
  size_t sent = 0;
  while (sent < length + 1) {
    int n = send(control, text + sent, (int)(length + 1 - sent), 0);
    if (n <= 0) {
      free(text);
      return -1;
    }
    sent += (size_t)n;
  }
  free(text);
  return 0;
}

static int respond(json_int_t id, json_t *result) {
  return send_message(json_pack("{s:s, s:I, s:o}", "type", "response", "id", id, "result", result));
}

static int fail(json_int_t id, const char *code, const char *message) {
  return send_message(json_pack("{s:s, s:I, s:{s:s, s:s}}", "type", "response", "id", id, "error", "code", code,
                                "message", message));
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
  if (id <= 0 || op == NULL) {
    return fail(id, "BAD_ARGS", "a request needs a positive id and an op") < 0;
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
  char message[160];
  snprintf(message, sizeof message, "the Wine agent does not implement %s", op);
  return fail(id, "UNSUPPORTED_OP", message) < 0;
}

int main(void) {
  const char *address = getenv("IPCSPEC_CONTROL");
  const char *participant = getenv("IPCSPEC_PARTICIPANT");
  const char *token = getenv("IPCSPEC_TOKEN");
  if (address == NULL || participant == NULL) {
    fprintf(stderr, "ipcspec wine agent: IPCSPEC_CONTROL and IPCSPEC_PARTICIPANT must be set: the suite starts agents\n");
    return 2;
  }
  if (connect_to_suite(address) != 0) {
    return 2;
  }
  char implementation[64];
  snprintf(implementation, sizeof implementation, "Wine %s", wine_version());
  json_t *hello = json_pack("{s:s, s:i, s:s, s:I, s:{s:s, s:s}, s:[]}", "type", "hello", "protocol", PROTOCOL,
                            "participant", participant, "pid", (json_int_t)GetCurrentProcessId(),
                            "implementation", "name", implementation, "version", wine_version(), "capabilities");
  if (token != NULL) {
    json_object_set_new(hello, "token", json_string(token));
  }
  if (send_message(hello) != 0) {
    return 2;
  }
  /* Requests, one JSON line each. */
  static char buffer[1 << 20];
  size_t used = 0;
  for (;;) {
    int n = recv(control, buffer + used, (int)(sizeof buffer - 1 - used), 0);
    if (n <= 0) {
      return 0; /* the suite is gone: so is the agent */
    }
    used += (size_t)n;
    char *line_start = buffer;
    char *newline;
    while ((newline = memchr(line_start, '\n', used - (size_t)(line_start - buffer))) != NULL) {
      *newline = '\0';
      json_error_t error;
      json_t *request = json_loads(line_start, 0, &error);
      int end = request == NULL ? 0 : serve(request);
      json_decref(request);
      if (end) {
        closesocket(control);
        return 0;
      }
      line_start = newline + 1;
    }
    used -= (size_t)(line_start - buffer);
    memmove(buffer, line_start, used);
    if (used == sizeof buffer - 1) {
      fprintf(stderr, "ipcspec wine agent: a request longer than %u bytes\n", (unsigned)sizeof buffer);
      return 2;
    }
  }
}
