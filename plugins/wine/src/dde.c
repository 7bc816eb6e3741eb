/*
 * DDE through DDEML (user32), as Microsoft documents it: one DDEML instance per agent, made on
 * first use, that is client and server at once (APPCLASS_STANDARD). Data travels as CF_TEXT: the
 * bytes and a terminating NUL; what comes back is read up to the first NUL.
 *
 * As a server the agent answers from a table of items (topic and item name to bytes) that the
 * suite fills with dde.item.set; pokes write into it. Everything its callback is asked, and what
 * it answered, goes to the suite as an event "dde", so that a scenario can see both sides.
 */
#include <windows.h>
#include <ddeml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "agent.h"

#define MAX_CONVERSATIONS 64
#define DEFAULT_TIMEOUT_MS 5000

static DWORD instance;
static HSZ service;
static json_t *served_topics;   /* the topics this server accepts conversations on */
static json_t *items;           /* "topic/item" -> base64 of the item's bytes */
static DWORD answer_after_ms;   /* a slow server: how long its callback takes before answering a request */

/* Conversations by the names the suite sees: "c1"... for those this agent opened, "s1"... for those it accepted. */
static struct {
  char name[16];
  HCONV conversation;
} conversations[MAX_CONVERSATIONS];
static int opened, accepted;

static const char *name_of(HCONV conversation) {
  for (int i = 0; i < MAX_CONVERSATIONS; i++) {
    if (conversations[i].conversation == conversation) {
      return conversations[i].name;
    }
  }
  return "unknown";
}

static const char *remember(HCONV conversation, char prefix) {
  for (int i = 0; i < MAX_CONVERSATIONS; i++) {
    if (conversations[i].conversation == NULL) {
      snprintf(conversations[i].name, sizeof conversations[i].name, "%c%d", prefix, prefix == 'c' ? ++opened : ++accepted);
      conversations[i].conversation = conversation;
      return conversations[i].name;
    }
  }
  return NULL;
}

static void forget(HCONV conversation) {
  for (int i = 0; i < MAX_CONVERSATIONS; i++) {
    if (conversations[i].conversation == conversation) {
      conversations[i].conversation = NULL;
    }
  }
}

static HCONV conversation_named(const char *name) {
  for (int i = 0; name != NULL && i < MAX_CONVERSATIONS; i++) {
    if (conversations[i].conversation != NULL && strcmp(conversations[i].name, name) == 0) {
      return conversations[i].conversation;
    }
  }
  return NULL;
}

/* The text of a string handle; "" when it has none. */
static void text_of(HSZ string, char *text, DWORD size) {
  text[0] = '\0';
  if (string != NULL) {
    DdeQueryStringA(instance, string, text, size, CP_WINANSI);
  }
}

static const char *error_name(UINT error) {
  switch (error) {
    case DMLERR_ADVACKTIMEOUT: return "DMLERR_ADVACKTIMEOUT";
    case DMLERR_BUSY: return "DMLERR_BUSY";
    case DMLERR_DATAACKTIMEOUT: return "DMLERR_DATAACKTIMEOUT";
    case DMLERR_DLL_NOT_INITIALIZED: return "DMLERR_DLL_NOT_INITIALIZED";
    case DMLERR_DLL_USAGE: return "DMLERR_DLL_USAGE";
    case DMLERR_EXECACKTIMEOUT: return "DMLERR_EXECACKTIMEOUT";
    case DMLERR_INVALIDPARAMETER: return "DMLERR_INVALIDPARAMETER";
    case DMLERR_LOW_MEMORY: return "DMLERR_LOW_MEMORY";
    case DMLERR_MEMORY_ERROR: return "DMLERR_MEMORY_ERROR";
    case DMLERR_NOTPROCESSED: return "DMLERR_NOTPROCESSED";
    case DMLERR_NO_CONV_ESTABLISHED: return "DMLERR_NO_CONV_ESTABLISHED";
    case DMLERR_POKEACKTIMEOUT: return "DMLERR_POKEACKTIMEOUT";
    case DMLERR_POSTMSG_FAILED: return "DMLERR_POSTMSG_FAILED";
    case DMLERR_REENTRANCY: return "DMLERR_REENTRANCY";
    case DMLERR_SERVER_DIED: return "DMLERR_SERVER_DIED";
    case DMLERR_SYS_ERROR: return "DMLERR_SYS_ERROR";
    case DMLERR_UNADVACKTIMEOUT: return "DMLERR_UNADVACKTIMEOUT";
    case DMLERR_UNFOUND_QUEUE_ID: return "DMLERR_UNFOUND_QUEUE_ID";
    case DMLERR_NO_ERROR: return "DMLERR_NO_ERROR"; /* a call that failed without saying why */
    default: return "DMLERR_UNKNOWN";
  }
}

/* Fails the request with DdeGetLastError's name; the message keeps the call and the number. */
static int fail_dde(json_int_t id, const char *call) {
  UINT error = DdeGetLastError(instance);
  char message[160];
  snprintf(message, sizeof message, "%s failed: DdeGetLastError 0x%04x", call, error);
  return fail(id, error_name(error), message);
}

/* The bytes of a DDE data handle up to the first NUL (CF_TEXT), as base64. */
static json_t *data_of(HDDEDATA data) {
  DWORD size = DdeGetData(data, NULL, 0, 0);
  BYTE *bytes = malloc(size + 1);
  if (bytes == NULL) {
    return NULL;
  }
  DdeGetData(data, bytes, size, 0);
  bytes[size] = '\0';
  json_t *encoded = base64_of(bytes, (DWORD)strlen((char *)bytes));
  free(bytes);
  return encoded;
}

/* A CF_TEXT data handle of the base64 bytes, NUL-terminated; NULL when they do not decode. */
static HDDEDATA handle_of(const char *base64, HSZ item) {
  DWORD length;
  BYTE *bytes = bytes_of(base64, &length);
  if (bytes == NULL) {
    return NULL;
  }
  bytes[length] = '\0';
  HDDEDATA data = DdeCreateDataHandle(instance, bytes, length + 1, 0, item, CF_TEXT, 0);
  free(bytes);
  return data;
}

/* The key of an item in the table: DDE names are atoms, equal whatever their case. */
static void item_key(const char *topic, const char *item, char *key, size_t size) {
  snprintf(key, size, "%s/%s", topic, item);
  CharLowerA(key);
}

static json_t *item_value(const char *topic, const char *item) {
  char key[600];
  item_key(topic, item, key, sizeof key);
  return json_object_get(items, key);
}

/* A DDE name as the suite may give one: 1 to 255 characters (the limit of an atom). */
static int valid_name(const char *name) {
  return name != NULL && name[0] != '\0' && strlen(name) <= 255;
}

static HDDEDATA CALLBACK callback(UINT type, UINT format, HCONV conversation, HSZ string1, HSZ string2, HDDEDATA data,
                                  ULONG_PTR data1, ULONG_PTR data2) {
  (void)data2;
  char topic[256], item[256];
  switch (type) {
    case XTYP_CONNECT: {
      /* string1 is the topic, string2 the service */
      text_of(string1, topic, sizeof topic);
      int serves = 0;
      size_t index;
      json_t *served;
      json_array_foreach(served_topics, index, served) {
        serves |= _stricmp(json_string_value(served), topic) == 0;
      }
      send_event("dde", json_pack("{s:s, s:s, s:b}", "type", "connect", "topic", topic, "accepted", serves));
      return (HDDEDATA)(ULONG_PTR)serves;
    }
    case XTYP_CONNECT_CONFIRM: {
      text_of(string1, topic, sizeof topic);
      const char *name = remember(conversation, 's');
      send_event("dde", json_pack("{s:s, s:s, s:s}", "type", "connected", "conversation", name ? name : "unknown", "topic", topic));
      return NULL;
    }
    case XTYP_REQUEST:
    case XTYP_ADVREQ: {
      text_of(string1, topic, sizeof topic);
      text_of(string2, item, sizeof item);
      if (type == XTYP_REQUEST && answer_after_ms > 0) {
        Sleep(answer_after_ms); /* a slow server, on purpose: the client's timeout is what is tested */
      }
      json_t *value = format == CF_TEXT ? item_value(topic, item) : NULL;
      if (type == XTYP_REQUEST) {
        send_event("dde", json_pack("{s:s, s:s, s:s, s:s, s:b}", "type", "request", "conversation", name_of(conversation),
                                    "topic", topic, "item", item, "answered", value != NULL));
      }
      return value == NULL ? NULL : handle_of(json_string_value(value), string2);
    }
    case XTYP_POKE: {
      text_of(string1, topic, sizeof topic);
      text_of(string2, item, sizeof item);
      json_t *value = data_of(data);
      char key[600];
      item_key(topic, item, key, sizeof key);
      json_object_set(items, key, value);
      send_event("dde", json_pack("{s:s, s:s, s:s, s:s, s:o}", "type", "poke", "conversation", name_of(conversation),
                                  "topic", topic, "item", item, "data", value));
      return (HDDEDATA)DDE_FACK;
    }
    case XTYP_EXECUTE: {
      text_of(string1, topic, sizeof topic);
      DWORD size = DdeGetData(data, NULL, 0, 0);
      char *command = calloc(size + 1, 1);
      if (command != NULL) {
        DdeGetData(data, (BYTE *)command, size, 0);
      }
      send_event("dde", json_pack("{s:s, s:s, s:s, s:s?}", "type", "execute", "conversation", name_of(conversation),
                                  "topic", topic, "command", command));
      free(command);
      return (HDDEDATA)DDE_FACK;
    }
    case XTYP_ADVSTART:
    case XTYP_ADVSTOP: {
      text_of(string1, topic, sizeof topic);
      text_of(string2, item, sizeof item);
      /* A server takes advise loops on the items it has, in the one format it speaks. */
      int takes = format == CF_TEXT && item_value(topic, item) != NULL;
      send_event("dde", json_pack("{s:s, s:s, s:s, s:s, s:b}", "type", type == XTYP_ADVSTART ? "advise-start" : "advise-stop",
                                  "conversation", name_of(conversation), "topic", topic, "item", item, "accepted",
                                  type == XTYP_ADVSTART ? takes : 1));
      return (HDDEDATA)(ULONG_PTR)(type == XTYP_ADVSTART ? takes : 1);
    }
    case XTYP_ADVDATA: {
      text_of(string2, item, sizeof item);
      json_t *event = json_pack("{s:s, s:s, s:s}", "type", "advise-data", "conversation", name_of(conversation), "item", item);
      if (data != NULL) {
        json_object_set_new(event, "data", data_of(data)); /* a warm link has none: only the notice */
      }
      send_event("dde", event);
      return (HDDEDATA)DDE_FACK;
    }
    case XTYP_XACT_COMPLETE: {
      text_of(string2, item, sizeof item);
      json_t *event = json_pack("{s:s, s:s, s:I, s:s}", "type", "complete", "conversation", name_of(conversation),
                                "transaction", (json_int_t)data1, "item", item);
      if (data == NULL) {
        json_object_set_new(event, "error", json_string(error_name(DdeGetLastError(instance))));
      } else if (data != (HDDEDATA)TRUE) {
        json_object_set_new(event, "data", data_of(data));
      }
      send_event("dde", event);
      return NULL;
    }
    case XTYP_DISCONNECT: {
      send_event("dde", json_pack("{s:s, s:s}", "type", "disconnect", "conversation", name_of(conversation)));
      forget(conversation);
      return NULL;
    }
    default:
      return NULL;
  }
}

static int initialise(json_int_t id) {
  if (instance != 0) {
    return 0;
  }
  UINT error = DdeInitializeA(&instance, callback, APPCLASS_STANDARD | CBF_SKIP_REGISTRATIONS | CBF_SKIP_UNREGISTRATIONS, 0);
  if (error != DMLERR_NO_ERROR) {
    char message[96];
    snprintf(message, sizeof message, "DdeInitialize failed: 0x%04x", error);
    instance = 0;
    fail(id, error_name(error), message);
    return -1;
  }
  served_topics = json_array();
  items = json_object();
  return 0;
}

static HSZ string_handle(const char *text) {
  return DdeCreateStringHandleA(instance, text, CP_WINANSI);
}

static int serve_service(json_int_t id, json_t *args) {
  const char *name = json_string_value(json_object_get(args, "service"));
  json_t *topics = json_object_get(args, "topics");
  json_t *after = json_object_get(args, "answerAfterMs");
  if (!valid_name(name) || !json_is_array(topics)
      || (after != NULL && (!json_is_integer(after) || json_integer_value(after) < 0 || json_integer_value(after) > 60000))) {
    return fail(id, "BAD_ARGS", "dde.serve needs service and topics (names of 1 to 255 characters) and, optionally, "
                                "answerAfterMs (0 to 60000)");
  }
  if (service != NULL) {
    return fail(id, "BAD_ARGS", "this agent already serves a service");
  }
  size_t index;
  json_t *topic;
  json_array_foreach(topics, index, topic) {
    if (!valid_name(json_string_value(topic))) {
      return fail(id, "BAD_ARGS", "dde.serve: topics are names of 1 to 255 characters");
    }
  }
  json_array_extend(served_topics, topics);
  answer_after_ms = after ? (DWORD)json_integer_value(after) : 0;
  service = string_handle(name);
  if (service == NULL) {
    return fail_dde(id, "DdeCreateStringHandle");
  }
  if (DdeNameService(instance, service, NULL, DNS_REGISTER) == NULL) {
    return fail_dde(id, "DdeNameService");
  }
  return respond(id, json_object());
}

static int set_item(json_int_t id, json_t *args) {
  const char *topic = json_string_value(json_object_get(args, "topic"));
  const char *item = json_string_value(json_object_get(args, "item"));
  json_t *data = json_object_get(args, "data");
  DWORD length;
  BYTE *bytes = json_is_string(data) ? bytes_of(json_string_value(data), &length) : NULL;
  int decoded = bytes != NULL;
  free(bytes);
  if (!valid_name(topic) || !valid_name(item) || !decoded) {
    return fail(id, "BAD_ARGS", "dde.item.set needs topic and item (names of 1 to 255 characters) and data (base64)");
  }
  char key[600];
  item_key(topic, item, key, sizeof key);
  json_object_set(items, key, data);
  /* Every advise loop on the item learns of the change: data on a hot link, a notice on a warm one. */
  HSZ topic_handle = string_handle(topic), item_handle = string_handle(item);
  BOOL posted = topic_handle != NULL && item_handle != NULL && DdePostAdvise(instance, topic_handle, item_handle);
  DdeFreeStringHandle(instance, topic_handle);
  DdeFreeStringHandle(instance, item_handle);
  return posted ? respond(id, json_object()) : fail_dde(id, "DdePostAdvise");
}

static int connect_to(json_int_t id, json_t *args) {
  const char *name = json_string_value(json_object_get(args, "service"));
  const char *topic = json_string_value(json_object_get(args, "topic"));
  if (!valid_name(name) || !valid_name(topic)) {
    return fail(id, "BAD_ARGS", "dde.connect needs service and topic, names of 1 to 255 characters");
  }
  /* A NULL string handle would be a wildcard (any service, any topic): never pass one on. */
  HSZ service_handle = string_handle(name), topic_handle = string_handle(topic);
  HCONV conversation = service_handle && topic_handle ? DdeConnect(instance, service_handle, topic_handle, NULL) : NULL;
  DdeFreeStringHandle(instance, service_handle);
  DdeFreeStringHandle(instance, topic_handle);
  if (conversation == NULL) {
    return fail_dde(id, "DdeConnect");
  }
  const char *conversation_name = remember(conversation, 'c');
  if (conversation_name == NULL) {
    DdeDisconnect(conversation);
    return fail(id, "INTERNAL", "too many conversations");
  }
  return respond(id, json_pack("{s:s}", "conversation", conversation_name));
}

/* One DdeClientTransaction: request, poke, execute, advise start or stop, synchronous or not. */
static int transact(json_int_t id, const char *op, json_t *args) {
  HCONV conversation = conversation_named(json_string_value(json_object_get(args, "conversation")));
  const char *item = json_string_value(json_object_get(args, "item"));
  json_t *timeout = json_object_get(args, "timeoutMs");
  int async = json_is_true(json_object_get(args, "async"));
  if (conversation == NULL) {
    return fail(id, "BAD_ARGS", "no such conversation");
  }
  if (timeout != NULL && (!json_is_integer(timeout) || json_integer_value(timeout) < 1 || json_integer_value(timeout) > 600000)) {
    return fail(id, "BAD_ARGS", "timeoutMs is 1 to 600000 milliseconds");
  }
  UINT type;
  const char *payload = NULL;
  if (strcmp(op, "dde.request") == 0) {
    type = XTYP_REQUEST;
  } else if (strcmp(op, "dde.poke") == 0) {
    type = XTYP_POKE;
    payload = json_string_value(json_object_get(args, "data"));
  } else if (strcmp(op, "dde.execute") == 0) {
    type = XTYP_EXECUTE;
    payload = json_string_value(json_object_get(args, "command"));
  } else if (strcmp(op, "dde.advise.start") == 0) {
    const char *mode = json_string_value(json_object_get(args, "mode"));
    if (mode == NULL || (strcmp(mode, "hot") != 0 && strcmp(mode, "warm") != 0)) {
      return fail(id, "BAD_ARGS", "dde.advise.start needs mode hot or warm");
    }
    type = strcmp(mode, "warm") == 0 ? XTYP_ADVSTART | XTYPF_NODATA : XTYP_ADVSTART;
  } else {
    type = XTYP_ADVSTOP;
  }
  if ((type != XTYP_EXECUTE && !valid_name(item)) || ((type == XTYP_POKE || type == XTYP_EXECUTE) && payload == NULL)) {
    return fail(id, "BAD_ARGS", "the transaction needs its item (a name of 1 to 255 characters), and its data or command");
  }
  BYTE *bytes = NULL;
  DWORD length = 0;
  if (type == XTYP_EXECUTE) {
    /* A command is a string: its length counts the terminating NUL, as DdeClientTransaction asks. */
    length = (DWORD)strlen(payload) + 1;
    bytes = (BYTE *)_strdup(payload);
  } else if (payload != NULL) {
    bytes = bytes_of(payload, &length);
    if (bytes == NULL) {
      return fail(id, "BAD_ARGS", "data is base64");
    }
    bytes[length++] = '\0';
  }
  HSZ item_handle = item && type != XTYP_EXECUTE ? string_handle(item) : NULL;
  if (type != XTYP_EXECUTE && item_handle == NULL) {
    free(bytes);
    return fail_dde(id, "DdeCreateStringHandle");
  }
  DWORD result = 0;
  DWORD wait = async ? TIMEOUT_ASYNC : timeout ? (DWORD)json_integer_value(timeout) : DEFAULT_TIMEOUT_MS;
  HDDEDATA answer = DdeClientTransaction(bytes, length, conversation, item_handle, CF_TEXT, type, wait, &result);
  free(bytes);
  if (item_handle != NULL) {
    DdeFreeStringHandle(instance, item_handle);
  }
  if (answer == NULL) {
    return fail_dde(id, "DdeClientTransaction");
  }
  if (async) {
    return respond(id, json_pack("{s:I}", "transaction", (json_int_t)result));
  }
  if (type == XTYP_REQUEST) {
    json_t *data = data_of(answer);
    DdeFreeDataHandle(answer);
    return respond(id, json_pack("{s:o}", "data", data));
  }
  return respond(id, json_object());
}

static int disconnect(json_int_t id, json_t *args) {
  const char *name = json_string_value(json_object_get(args, "conversation"));
  HCONV conversation = conversation_named(name);
  if (conversation == NULL) {
    return fail(id, "BAD_ARGS", "no such conversation");
  }
  if (!DdeDisconnect(conversation)) {
    return fail_dde(id, "DdeDisconnect");
  }
  forget(conversation);
  return respond(id, json_object());
}

int dde_serve(json_int_t id, const char *op, json_t *args) {
  if (initialise(id) != 0) {
    return 0;
  }
  if (strcmp(op, "dde.serve") == 0) {
    return serve_service(id, args);
  }
  if (strcmp(op, "dde.item.set") == 0) {
    return set_item(id, args);
  }
  if (strcmp(op, "dde.connect") == 0) {
    return connect_to(id, args);
  }
  if (strcmp(op, "dde.disconnect") == 0) {
    return disconnect(id, args);
  }
  if (strcmp(op, "dde.request") == 0 || strcmp(op, "dde.poke") == 0 || strcmp(op, "dde.execute") == 0
      || strcmp(op, "dde.advise.start") == 0 || strcmp(op, "dde.advise.stop") == 0) {
    return transact(id, op, args);
  }
  return unsupported(id, op);
}

/* Ends every conversation and the instance, as a DDE application does before it exits. */
void dde_end(void) {
  if (instance == 0) {
    return;
  }
  if (service != NULL) {
    DdeNameService(instance, service, NULL, DNS_UNREGISTER);
  }
  DdeUninitialize(instance);
  instance = 0;
}
