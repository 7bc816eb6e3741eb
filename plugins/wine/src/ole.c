/*
 * OLE through ole32, as Microsoft documents it: compound documents (structured storage:
 * StgCreateDocfile, StgOpenStorage, streams), objects embedded from a file (OleCreateFromFile),
 * linked to one (OleCreateLinkToFile), saved into the document (OleSave) and opened again from it
 * (OleLoad). A document is a handle ("d1"...); close commits and releases it. Failures answer the
 * HRESULT's name, its number in the message.
 */
#define COBJMACROS
#include <windows.h>
#include <ole2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "agent.h"

#define MAX_DOCUMENTS 32

static struct {
  char name[16];
  IStorage *storage;
} documents[MAX_DOCUMENTS];
static int made;
static int initialised;

static const char *hresult_name(HRESULT hr) {
  switch (hr) {
    case E_NOTIMPL: return "E_NOTIMPL";
    case E_FAIL: return "E_FAIL";
    case E_INVALIDARG: return "E_INVALIDARG";
    case E_OUTOFMEMORY: return "E_OUTOFMEMORY";
    case E_NOINTERFACE: return "E_NOINTERFACE";
    case E_ACCESSDENIED: return "E_ACCESSDENIED";
    case STG_E_FILENOTFOUND: return "STG_E_FILENOTFOUND";
    case STG_E_PATHNOTFOUND: return "STG_E_PATHNOTFOUND";
    case STG_E_FILEALREADYEXISTS: return "STG_E_FILEALREADYEXISTS";
    case STG_E_ACCESSDENIED: return "STG_E_ACCESSDENIED";
    case STG_E_SHAREVIOLATION: return "STG_E_SHAREVIOLATION";
    case STG_E_LOCKVIOLATION: return "STG_E_LOCKVIOLATION";
    case STG_E_INVALIDNAME: return "STG_E_INVALIDNAME";
    case STG_E_INVALIDHEADER: return "STG_E_INVALIDHEADER";
    case STG_E_INVALIDFLAG: return "STG_E_INVALIDFLAG";
    case STG_E_MEDIUMFULL: return "STG_E_MEDIUMFULL";
    case MK_E_INVALIDEXTENSION: return "MK_E_INVALIDEXTENSION";
    case MK_E_NOOBJECT: return "MK_E_NOOBJECT";
    case MK_E_CANTOPENFILE: return "MK_E_CANTOPENFILE";
    case MK_E_UNAVAILABLE: return "MK_E_UNAVAILABLE";
    case MK_E_CONNECTMANUALLY: return "MK_E_CONNECTMANUALLY";
    case OLE_E_CANT_BINDTOSOURCE: return "OLE_E_CANT_BINDTOSOURCE";
    case OLE_E_NOTRUNNING: return "OLE_E_NOTRUNNING";
    case OLE_E_STATIC: return "OLE_E_STATIC";
    case OLE_E_BLANK: return "OLE_E_BLANK";
    case DV_E_FORMATETC: return "DV_E_FORMATETC";
    case REGDB_E_CLASSNOTREG: return "REGDB_E_CLASSNOTREG";
    case CLASS_E_CLASSNOTAVAILABLE: return "CLASS_E_CLASSNOTAVAILABLE";
    case CO_E_NOTINITIALIZED: return "CO_E_NOTINITIALIZED";
    case HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND): return "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)";
    case HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND): return "HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND)";
    default: return NULL;
  }
}

static int fail_hresult(json_int_t id, const char *call, HRESULT hr) {
  char message[160], code[32];
  const char *name = hresult_name(hr);
  if (name == NULL) {
    snprintf(code, sizeof code, "HRESULT_0x%08lX", (unsigned long)hr);
    name = code;
  }
  snprintf(message, sizeof message, "%s failed: HRESULT 0x%08lX", call, (unsigned long)hr);
  return fail(id, name, message);
}

static WCHAR *wide(const char *text) {
  int length = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
  WCHAR *result = length > 0 ? malloc((size_t)length * sizeof(WCHAR)) : NULL;
  if (result != NULL) {
    MultiByteToWideChar(CP_UTF8, 0, text, -1, result, length);
  }
  return result;
}

/* A Linux path as a Windows program names it: under Wine, Z:\ and the path (wine_get_dos_file_name). */
static WCHAR *windows_path(const char *path) {
  typedef WCHAR *(CDECL *convert_function)(const char *);
  HMODULE kernel = GetModuleHandleA("kernel32.dll");
  convert_function convert = kernel ? (convert_function)(void (*)(void))GetProcAddress(kernel, "wine_get_dos_file_name") : NULL;
  if (convert != NULL && path[0] == '/') {
    WCHAR *dos = convert(path);
    WCHAR *copy = dos ? _wcsdup(dos) : NULL;
    if (dos) {
      HeapFree(GetProcessHeap(), 0, dos);
    }
    return copy;
  }
  return wide(path);
}

static json_t *class_text(const CLSID *clsid) {
  WCHAR text[64];
  char narrow[64];
  StringFromGUID2(clsid, text, 64);
  WideCharToMultiByte(CP_UTF8, 0, text, -1, narrow, sizeof narrow, NULL, NULL);
  return json_string(narrow);
}

/* Lets go of an object the way a container does: closed without saving, then released. */
static void let_go(IOleObject *object) {
  if (object != NULL) {
    IOleObject_Close(object, OLECLOSE_NOSAVE);
    IOleObject_Release(object);
  }
}

static IStorage *document_named(const char *name) {
  for (int i = 0; name != NULL && i < MAX_DOCUMENTS; i++) {
    if (documents[i].storage != NULL && strcmp(documents[i].name, name) == 0) {
      return documents[i].storage;
    }
  }
  return NULL;
}

static int keep_document(json_int_t id, IStorage *storage) {
  for (int i = 0; i < MAX_DOCUMENTS; i++) {
    if (documents[i].storage == NULL) {
      snprintf(documents[i].name, sizeof documents[i].name, "d%d", ++made);
      documents[i].storage = storage;
      return respond(id, json_pack("{s:s}", "handle", documents[i].name));
    }
  }
  IStorage_Release(storage);
  return fail(id, "INTERNAL", "too many documents open");
}

static int open_document(json_int_t id, json_t *args, int create) {
  const char *path = json_string_value(json_object_get(args, "path"));
  const char *access = json_string_value(json_object_get(args, "access"));
  if (path == NULL || (access != NULL && strcmp(access, "read") != 0 && strcmp(access, "readwrite") != 0)) {
    return fail(id, "BAD_ARGS", "a document needs a path, and access read or readwrite");
  }
  WCHAR *name = windows_path(path);
  if (name == NULL) {
    return fail(id, "BAD_ARGS", "the path cannot be named on Windows");
  }
  IStorage *storage = NULL;
  HRESULT hr;
  if (create) {
    hr = StgCreateDocfile(name, STGM_CREATE | STGM_READWRITE | STGM_SHARE_EXCLUSIVE, 0, &storage);
  } else {
    DWORD mode = access != NULL && strcmp(access, "readwrite") == 0 ? STGM_READWRITE | STGM_SHARE_EXCLUSIVE
                                                                     : STGM_READ | STGM_SHARE_DENY_WRITE;
    hr = StgOpenStorage(name, NULL, mode, NULL, 0, &storage);
  }
  free(name);
  if (FAILED(hr)) {
    return fail_hresult(id, create ? "StgCreateDocfile" : "StgOpenStorage", hr);
  }
  return keep_document(id, storage);
}

static int write_stream(json_int_t id, IStorage *document, json_t *args) {
  const char *name = json_string_value(json_object_get(args, "name"));
  DWORD length;
  BYTE *bytes = bytes_of(json_string_value(json_object_get(args, "data")), &length);
  if (name == NULL || bytes == NULL) {
    free(bytes);
    return fail(id, "BAD_ARGS", "ole.stream.write needs a name and data (base64)");
  }
  WCHAR *stream_name = wide(name);
  IStream *stream;
  HRESULT hr = IStorage_CreateStream(document, stream_name, STGM_CREATE | STGM_WRITE | STGM_SHARE_EXCLUSIVE, 0, 0, &stream);
  free(stream_name);
  if (SUCCEEDED(hr)) {
    ULONG written = 0;
    hr = IStream_Write(stream, bytes, length, &written);
    if (SUCCEEDED(hr) && written != length) {
      hr = STG_E_MEDIUMFULL;
    }
    IStream_Release(stream);
  }
  free(bytes);
  return FAILED(hr) ? fail_hresult(id, "IStorage::CreateStream and IStream::Write", hr) : respond(id, json_object());
}

static int read_stream(json_int_t id, IStorage *document, json_t *args) {
  const char *name = json_string_value(json_object_get(args, "name"));
  if (name == NULL) {
    return fail(id, "BAD_ARGS", "ole.stream.read needs a name");
  }
  WCHAR *stream_name = wide(name);
  IStream *stream;
  HRESULT hr = IStorage_OpenStream(document, stream_name, NULL, STGM_READ | STGM_SHARE_EXCLUSIVE, 0, &stream);
  free(stream_name);
  if (FAILED(hr)) {
    return fail_hresult(id, "IStorage::OpenStream", hr);
  }
  STATSTG status;
  BYTE *bytes = NULL;
  ULONG read = 0;
  hr = IStream_Stat(stream, &status, STATFLAG_NONAME);
  if (SUCCEEDED(hr)) {
    bytes = malloc((size_t)status.cbSize.QuadPart + 1);
    hr = bytes == NULL ? E_OUTOFMEMORY : IStream_Read(stream, bytes, (ULONG)status.cbSize.QuadPart, &read);
  }
  IStream_Release(stream);
  if (FAILED(hr)) {
    free(bytes);
    return fail_hresult(id, "IStream::Read", hr);
  }
  json_t *data = base64_of(bytes, read);
  free(bytes);
  return respond(id, json_pack("{s:o}", "data", data));
}

/* Embeds or links the object of a file in a new storage of the document, and saves it there. */
static int insert_object(json_int_t id, IStorage *document, json_t *args, int link) {
  const char *name = json_string_value(json_object_get(args, "name"));
  const char *path = json_string_value(json_object_get(args, "path"));
  if (name == NULL || path == NULL) {
    return fail(id, "BAD_ARGS", "the object needs a name in the document and the path of its file");
  }
  WCHAR *storage_name = wide(name);
  IStorage *storage;
  HRESULT hr = IStorage_CreateStorage(document, storage_name, STGM_CREATE | STGM_READWRITE | STGM_SHARE_EXCLUSIVE, 0, 0, &storage);
  free(storage_name);
  if (FAILED(hr)) {
    return fail_hresult(id, "IStorage::CreateStorage", hr);
  }
  WCHAR *file = windows_path(path);
  IOleObject *object = NULL;
  hr = file == NULL ? E_INVALIDARG : link ? OleCreateLinkToFile(file, &IID_IOleObject, OLERENDER_NONE, NULL, NULL, storage, (void **)&object)
            : OleCreateFromFile(&CLSID_NULL, file, &IID_IOleObject, OLERENDER_NONE, NULL, NULL, storage, (void **)&object);
  free(file);
  const char *call = link ? "OleCreateLinkToFile" : "OleCreateFromFile";
  IPersistStorage *persist = NULL;
  CLSID clsid = CLSID_NULL;
  if (SUCCEEDED(hr)) {
    call = "OleSave";
    hr = IOleObject_QueryInterface(object, &IID_IPersistStorage, (void **)&persist);
  }
  if (SUCCEEDED(hr)) {
    hr = OleSave(persist, storage, TRUE);
  }
  if (SUCCEEDED(hr)) {
    IPersistStorage_SaveCompleted(persist, NULL);
    call = "ReadClassStg";
    hr = ReadClassStg(storage, &clsid);
  }
  if (SUCCEEDED(hr)) {
    call = "IStorage::Commit";
    hr = IStorage_Commit(storage, STGC_DEFAULT);
  }
  if (persist != NULL) {
    IPersistStorage_Release(persist);
  }
  let_go(object);
  IStorage_Release(storage);
  if (FAILED(hr)) {
    /* Nothing of a failed insertion stays in the document. */
    WCHAR *failed = wide(name);
    IStorage_DestroyElement(document, failed);
    free(failed);
    return fail_hresult(id, call, hr);
  }
  return respond(id, json_pack("{s:o}", "class", class_text(&clsid)));
}

/* Opens an object of the document (OleLoad); a link binds to its source first. Its text as CF_TEXT. */
static int read_object(json_int_t id, IStorage *document, json_t *args) {
  const char *name = json_string_value(json_object_get(args, "name"));
  if (name == NULL) {
    return fail(id, "BAD_ARGS", "ole.object.read needs the object's name in the document");
  }
  WCHAR *storage_name = wide(name);
  IStorage *storage;
  HRESULT hr = IStorage_OpenStorage(document, storage_name, NULL, STGM_READ | STGM_SHARE_EXCLUSIVE, NULL, 0, &storage);
  free(storage_name);
  if (FAILED(hr)) {
    return fail_hresult(id, "IStorage::OpenStorage", hr);
  }
  CLSID clsid = CLSID_NULL;
  ReadClassStg(storage, &clsid);
  IOleObject *object = NULL;
  IOleLink *link = NULL;
  IDataObject *data = NULL;
  const char *call = "OleLoad";
  hr = OleLoad(storage, &IID_IOleObject, NULL, (void **)&object);
  if (SUCCEEDED(hr) && SUCCEEDED(IOleObject_QueryInterface(object, &IID_IOleLink, (void **)&link))) {
    call = "IOleLink::BindToSource";
    hr = IOleLink_BindToSource(link, 0, NULL);
  }
  if (SUCCEEDED(hr)) {
    call = "IOleObject::QueryInterface(IDataObject)";
    hr = IOleObject_QueryInterface(object, &IID_IDataObject, (void **)&data);
  }
  STGMEDIUM medium = {0};
  if (SUCCEEDED(hr)) {
    FORMATETC text = {CF_TEXT, NULL, DVASPECT_CONTENT, -1, TYMED_HGLOBAL};
    call = "IDataObject::GetData(CF_TEXT)";
    hr = IDataObject_GetData(data, &text, &medium);
  }
  json_t *result = NULL;
  if (SUCCEEDED(hr)) {
    /* CF_TEXT: the text up to its NUL, within the memory the object handed out. */
    const char *bytes = GlobalLock(medium.hGlobal);
    if (bytes == NULL) {
      call = "GlobalLock";
      hr = E_OUTOFMEMORY;
    } else {
      DWORD length = (DWORD)strnlen(bytes, GlobalSize(medium.hGlobal));
      result = json_pack("{s:o, s:o}", "class", class_text(&clsid), "data", base64_of((const BYTE *)bytes, length));
      GlobalUnlock(medium.hGlobal);
    }
    ReleaseStgMedium(&medium);
  }
  if (data != NULL) {
    IDataObject_Release(data);
  }
  if (link != NULL) {
    IOleLink_Release(link);
  }
  let_go(object);
  IStorage_Release(storage);
  return FAILED(hr) ? fail_hresult(id, call, hr) : respond(id, result);
}

int ole_close(json_int_t id, const char *handle) {
  for (int i = 0; handle != NULL && i < MAX_DOCUMENTS; i++) {
    if (documents[i].storage != NULL && strcmp(documents[i].name, handle) == 0) {
      HRESULT hr = IStorage_Commit(documents[i].storage, STGC_DEFAULT);
      IStorage_Release(documents[i].storage);
      documents[i].storage = NULL;
      return FAILED(hr) ? fail_hresult(id, "IStorage::Commit", hr) : respond(id, json_object());
    }
  }
  return fail(id, "BAD_ARGS", "no such handle");
}

int ole_serve(json_int_t id, const char *op, json_t *args) {
  if (!initialised) {
    HRESULT hr = OleInitialize(NULL);
    if (FAILED(hr)) {
      return fail_hresult(id, "OleInitialize", hr);
    }
    initialised = 1;
  }
  if (strcmp(op, "ole.document.create") == 0 || strcmp(op, "ole.document.open") == 0) {
    return open_document(id, args, strcmp(op, "ole.document.create") == 0);
  }
  IStorage *document = document_named(json_string_value(json_object_get(args, "handle")));
  if (document == NULL) {
    return fail(id, "BAD_ARGS", "no such document handle");
  }
  if (strcmp(op, "ole.stream.write") == 0) {
    return write_stream(id, document, args);
  }
  if (strcmp(op, "ole.stream.read") == 0) {
    return read_stream(id, document, args);
  }
  if (strcmp(op, "ole.embed") == 0 || strcmp(op, "ole.link") == 0) {
    return insert_object(id, document, args, strcmp(op, "ole.link") == 0);
  }
  if (strcmp(op, "ole.object.read") == 0) {
    return read_object(id, document, args);
  }
  return unsupported(id, op);
}

void ole_end(void) {
  for (int i = 0; i < MAX_DOCUMENTS; i++) {
    if (documents[i].storage != NULL) {
      IStorage_Commit(documents[i].storage, STGC_DEFAULT);
      IStorage_Release(documents[i].storage);
      documents[i].storage = NULL;
    }
  }
  if (initialised) {
    OleUninitialize();
  }
}
