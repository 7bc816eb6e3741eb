/*
 * "ipcspec Note": the other application of the OLE scenarios (SEED-OLE-1), an in-process OLE
 * object server. A note is a file of text (extension .ipcnote); as an OLE object it loads from
 * that file (IPersistFile), keeps its bytes in a stream CONTENTS of the storage it is given
 * (IPersistStorage), hands them out as CF_TEXT (IDataObject) and writes itself into a container's
 * storage on request ("Embed Source", which is how ole32 embeds an object from a file).
 * DllRegisterServer registers the class, its ProgID and the extension, as regsvr32 asks.
 */
#define COBJMACROS
#include <windows.h>
#include <ole2.h>
#include <olectl.h>
#include <stdlib.h>
#include <string.h>

/* {0d5a11c5-9ce2-4740-8f75-6e44d6cadcd6} */
static const CLSID CLSID_Note = {0x0d5a11c5, 0x9ce2, 0x4740, {0x8f, 0x75, 0x6e, 0x44, 0xd6, 0xca, 0xdc, 0xd6}};
static const WCHAR CLSID_TEXT[] = L"{0D5A11C5-9CE2-4740-8F75-6E44D6CADCD6}";
static const WCHAR PROGID[] = L"ipcspec.Note";
static const WCHAR CONTENTS[] = L"CONTENTS";

static HINSTANCE module;
/* The server may unload when no note lives and no client holds the factory locked. */
static LONG objects, locks;

typedef struct {
  IOleObject ole;
  IPersistStorage storage;
  IPersistFile file;
  IDataObject data;
  LONG refs;
  BYTE *bytes;
  DWORD length;
  WCHAR *path;
  IOleClientSite *site;
} Note;

#define NOTE_OF(pointer, member) ((Note *)((char *)(pointer) - offsetof(Note, member)))

static HRESULT note_query(Note *note, REFIID iid, void **out) {
  *out = NULL;
  if (IsEqualIID(iid, &IID_IUnknown) || IsEqualIID(iid, &IID_IOleObject)) {
    *out = &note->ole;
  } else if (IsEqualIID(iid, &IID_IPersistStorage) || IsEqualIID(iid, &IID_IPersist)) {
    *out = &note->storage;
  } else if (IsEqualIID(iid, &IID_IPersistFile)) {
    *out = &note->file;
  } else if (IsEqualIID(iid, &IID_IDataObject)) {
    *out = &note->data;
  } else {
    return E_NOINTERFACE;
  }
  InterlockedIncrement(&note->refs);
  return S_OK;
}

static ULONG note_add(Note *note) {
  return InterlockedIncrement(&note->refs);
}

static ULONG note_release(Note *note) {
  LONG left = InterlockedDecrement(&note->refs);
  if (left == 0) {
    if (note->site != NULL) {
      IOleClientSite_Release(note->site);
    }
    free(note->bytes);
    free(note->path);
    free(note);
    InterlockedDecrement(&objects);
  }
  return (ULONG)left;
}

static void keep(Note *note, BYTE *bytes, DWORD length) {
  free(note->bytes);
  note->bytes = bytes;
  note->length = length;
}

/* --- IOleObject: what a container asks of any embedded object; a note has no user interface --- */

#define OLE_NOTE(self) NOTE_OF(self, ole)
static HRESULT WINAPI ole_query(IOleObject *self, REFIID iid, void **out) { return note_query(OLE_NOTE(self), iid, out); }
static ULONG WINAPI ole_add(IOleObject *self) { return note_add(OLE_NOTE(self)); }
static ULONG WINAPI ole_release(IOleObject *self) { return note_release(OLE_NOTE(self)); }

static HRESULT WINAPI ole_set_client_site(IOleObject *self, IOleClientSite *site) {
  Note *note = OLE_NOTE(self);
  if (site != NULL) {
    IOleClientSite_AddRef(site);
  }
  if (note->site != NULL) {
    IOleClientSite_Release(note->site);
  }
  note->site = site;
  return S_OK;
}

static HRESULT WINAPI ole_get_client_site(IOleObject *self, IOleClientSite **site) {
  Note *note = OLE_NOTE(self);
  *site = note->site;
  if (note->site != NULL) {
    IOleClientSite_AddRef(note->site);
  }
  return S_OK;
}

static HRESULT WINAPI ole_set_host_names(IOleObject *self, LPCOLESTR app, LPCOLESTR object) { (void)self; (void)app; (void)object; return S_OK; }
static HRESULT WINAPI ole_close(IOleObject *self, DWORD option) { (void)self; (void)option; return S_OK; }
static HRESULT WINAPI ole_set_moniker(IOleObject *self, DWORD which, IMoniker *moniker) { (void)self; (void)which; (void)moniker; return E_NOTIMPL; }
static HRESULT WINAPI ole_get_moniker(IOleObject *self, DWORD assign, DWORD which, IMoniker **moniker) { (void)self; (void)assign; (void)which; *moniker = NULL; return E_NOTIMPL; }
static HRESULT WINAPI ole_init_from_data(IOleObject *self, IDataObject *data, BOOL creation, DWORD reserved) { (void)self; (void)data; (void)creation; (void)reserved; return E_NOTIMPL; }
static HRESULT WINAPI ole_get_clipboard_data(IOleObject *self, DWORD reserved, IDataObject **data) { (void)self; (void)reserved; *data = NULL; return E_NOTIMPL; }
static HRESULT WINAPI ole_do_verb(IOleObject *self, LONG verb, LPMSG msg, IOleClientSite *site, LONG index, HWND parent, LPCRECT rect) { (void)self; (void)verb; (void)msg; (void)site; (void)index; (void)parent; (void)rect; return OLEOBJ_E_NOVERBS; }
static HRESULT WINAPI ole_enum_verbs(IOleObject *self, IEnumOLEVERB **verbs) { (void)self; *verbs = NULL; return OLEOBJ_E_NOVERBS; }
static HRESULT WINAPI ole_update(IOleObject *self) { (void)self; return S_OK; }
static HRESULT WINAPI ole_is_up_to_date(IOleObject *self) { (void)self; return S_OK; }
static HRESULT WINAPI ole_get_user_class_id(IOleObject *self, CLSID *clsid) { (void)self; *clsid = CLSID_Note; return S_OK; }
static HRESULT WINAPI ole_get_user_type(IOleObject *self, DWORD form, LPOLESTR *type) { (void)self; return OleRegGetUserType(&CLSID_Note, form, type); }
static HRESULT WINAPI ole_set_extent(IOleObject *self, DWORD aspect, SIZEL *size) { (void)self; (void)aspect; (void)size; return E_NOTIMPL; }
static HRESULT WINAPI ole_get_extent(IOleObject *self, DWORD aspect, SIZEL *size) { (void)self; (void)aspect; (void)size; return E_NOTIMPL; }
static HRESULT WINAPI ole_advise(IOleObject *self, IAdviseSink *sink, DWORD *connection) { (void)self; (void)sink; *connection = 0; return OLE_E_ADVISENOTSUPPORTED; }
static HRESULT WINAPI ole_unadvise(IOleObject *self, DWORD connection) { (void)self; (void)connection; return OLE_E_NOCONNECTION; }
static HRESULT WINAPI ole_enum_advise(IOleObject *self, IEnumSTATDATA **advise) { (void)self; *advise = NULL; return OLE_E_ADVISENOTSUPPORTED; }
static HRESULT WINAPI ole_get_misc_status(IOleObject *self, DWORD aspect, DWORD *status) { (void)self; (void)aspect; *status = 0; return S_OK; }
static HRESULT WINAPI ole_set_color_scheme(IOleObject *self, LOGPALETTE *palette) { (void)self; (void)palette; return E_NOTIMPL; }

static IOleObjectVtbl ole_vtable = {
  ole_query, ole_add, ole_release, ole_set_client_site, ole_get_client_site, ole_set_host_names, ole_close,
  ole_set_moniker, ole_get_moniker, ole_init_from_data, ole_get_clipboard_data, ole_do_verb, ole_enum_verbs,
  ole_update, ole_is_up_to_date, ole_get_user_class_id, ole_get_user_type, ole_set_extent, ole_get_extent,
  ole_advise, ole_unadvise, ole_enum_advise, ole_get_misc_status, ole_set_color_scheme,
};

/* --- IPersistStorage: the note inside a container's document --- */

#define STORAGE_NOTE(self) NOTE_OF(self, storage)
static HRESULT WINAPI storage_query(IPersistStorage *self, REFIID iid, void **out) { return note_query(STORAGE_NOTE(self), iid, out); }
static ULONG WINAPI storage_add(IPersistStorage *self) { return note_add(STORAGE_NOTE(self)); }
static ULONG WINAPI storage_release(IPersistStorage *self) { return note_release(STORAGE_NOTE(self)); }
static HRESULT WINAPI storage_get_class_id(IPersistStorage *self, CLSID *clsid) { (void)self; *clsid = CLSID_Note; return S_OK; }
static HRESULT WINAPI storage_is_dirty(IPersistStorage *self) { (void)self; return S_FALSE; }
static HRESULT WINAPI storage_init_new(IPersistStorage *self, IStorage *storage) { (void)self; (void)storage; return S_OK; }

static HRESULT WINAPI storage_load(IPersistStorage *self, IStorage *storage) {
  IStream *stream;
  HRESULT hr = IStorage_OpenStream(storage, CONTENTS, NULL, STGM_READ | STGM_SHARE_EXCLUSIVE, 0, &stream);
  if (FAILED(hr)) {
    return hr;
  }
  STATSTG status;
  hr = IStream_Stat(stream, &status, STATFLAG_NONAME);
  DWORD length = SUCCEEDED(hr) ? (DWORD)status.cbSize.QuadPart : 0;
  BYTE *bytes = malloc(length + 1);
  ULONG read = 0;
  if (SUCCEEDED(hr) && bytes != NULL) {
    hr = IStream_Read(stream, bytes, length, &read);
  }
  IStream_Release(stream);
  if (FAILED(hr) || bytes == NULL) {
    free(bytes);
    return FAILED(hr) ? hr : E_OUTOFMEMORY;
  }
  keep(STORAGE_NOTE(self), bytes, read);
  return S_OK;
}

static HRESULT WINAPI storage_save(IPersistStorage *self, IStorage *storage, BOOL same_as_load) {
  (void)same_as_load;
  Note *note = STORAGE_NOTE(self);
  IStream *stream;
  HRESULT hr = IStorage_CreateStream(storage, CONTENTS, STGM_CREATE | STGM_WRITE | STGM_SHARE_EXCLUSIVE, 0, 0, &stream);
  if (FAILED(hr)) {
    return hr;
  }
  ULONG written = 0;
  hr = IStream_Write(stream, note->bytes ? note->bytes : (BYTE *)"", note->length, &written);
  IStream_Release(stream);
  return hr;
}

static HRESULT WINAPI storage_save_completed(IPersistStorage *self, IStorage *storage) { (void)self; (void)storage; return S_OK; }
static HRESULT WINAPI storage_hands_off(IPersistStorage *self) { (void)self; return S_OK; }

static IPersistStorageVtbl storage_vtable = {
  storage_query, storage_add, storage_release, storage_get_class_id, storage_is_dirty, storage_init_new,
  storage_load, storage_save, storage_save_completed, storage_hands_off,
};

/* --- IPersistFile: the note as a file of its own --- */

#define FILE_NOTE(self) NOTE_OF(self, file)
static HRESULT WINAPI file_query(IPersistFile *self, REFIID iid, void **out) { return note_query(FILE_NOTE(self), iid, out); }
static ULONG WINAPI file_add(IPersistFile *self) { return note_add(FILE_NOTE(self)); }
static ULONG WINAPI file_release(IPersistFile *self) { return note_release(FILE_NOTE(self)); }
static HRESULT WINAPI file_get_class_id(IPersistFile *self, CLSID *clsid) { (void)self; *clsid = CLSID_Note; return S_OK; }
static HRESULT WINAPI file_is_dirty(IPersistFile *self) { (void)self; return S_FALSE; }

static HRESULT WINAPI file_load(IPersistFile *self, LPCOLESTR path, DWORD mode) {
  (void)mode;
  HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  if (file == INVALID_HANDLE_VALUE) {
    return HRESULT_FROM_WIN32(GetLastError());
  }
  DWORD length = GetFileSize(file, NULL);
  BYTE *bytes = malloc(length + 1);
  DWORD read = 0;
  BOOL done = bytes != NULL && ReadFile(file, bytes, length, &read, NULL);
  DWORD error = GetLastError();
  CloseHandle(file);
  if (!done) {
    free(bytes);
    return bytes == NULL ? E_OUTOFMEMORY : HRESULT_FROM_WIN32(error);
  }
  Note *note = FILE_NOTE(self);
  keep(note, bytes, read);
  free(note->path);
  note->path = _wcsdup(path);
  return S_OK;
}

static HRESULT WINAPI file_save(IPersistFile *self, LPCOLESTR path, BOOL remember) { (void)self; (void)path; (void)remember; return E_NOTIMPL; }
static HRESULT WINAPI file_save_completed(IPersistFile *self, LPCOLESTR path) { (void)self; (void)path; return S_OK; }

static HRESULT WINAPI file_get_cur_file(IPersistFile *self, LPOLESTR *path) {
  Note *note = FILE_NOTE(self);
  *path = NULL;
  if (note->path == NULL) {
    return E_FAIL;
  }
  size_t size = (wcslen(note->path) + 1) * sizeof(WCHAR);
  *path = CoTaskMemAlloc(size);
  if (*path == NULL) {
    return E_OUTOFMEMORY;
  }
  memcpy(*path, note->path, size);
  return S_OK;
}

static IPersistFileVtbl file_vtable = {
  file_query, file_add, file_release, file_get_class_id, file_is_dirty, file_load, file_save, file_save_completed,
  file_get_cur_file,
};

/* --- IDataObject: the text, and the note written into a container's storage --- */

#define DATA_NOTE(self) NOTE_OF(self, data)
static HRESULT WINAPI data_query(IDataObject *self, REFIID iid, void **out) { return note_query(DATA_NOTE(self), iid, out); }
static ULONG WINAPI data_add(IDataObject *self) { return note_add(DATA_NOTE(self)); }
static ULONG WINAPI data_release(IDataObject *self) { return note_release(DATA_NOTE(self)); }

static BOOL is_embed_source(const FORMATETC *format) {
  return format->cfFormat == RegisterClipboardFormatW(L"Embed Source") && (format->tymed & TYMED_ISTORAGE);
}

static BOOL is_text(const FORMATETC *format) {
  return format->cfFormat == CF_TEXT && (format->tymed & TYMED_HGLOBAL);
}

static HRESULT WINAPI data_get(IDataObject *self, FORMATETC *format, STGMEDIUM *medium) {
  Note *note = DATA_NOTE(self);
  if (!is_text(format)) {
    return DV_E_FORMATETC;
  }
  HGLOBAL text = GlobalAlloc(GMEM_MOVEABLE, note->length + 1);
  if (text == NULL) {
    return E_OUTOFMEMORY;
  }
  BYTE *to = GlobalLock(text);
  if (note->length > 0) {
    memcpy(to, note->bytes, note->length);
  }
  to[note->length] = '\0';
  GlobalUnlock(text);
  medium->tymed = TYMED_HGLOBAL;
  medium->hGlobal = text;
  medium->pUnkForRelease = NULL;
  return S_OK;
}

static HRESULT WINAPI data_get_here(IDataObject *self, FORMATETC *format, STGMEDIUM *medium) {
  if (!is_embed_source(format) || medium->tymed != TYMED_ISTORAGE || medium->pstg == NULL) {
    return DV_E_FORMATETC;
  }
  HRESULT hr = WriteClassStg(medium->pstg, &CLSID_Note);
  return FAILED(hr) ? hr : storage_save(&DATA_NOTE(self)->storage, medium->pstg, FALSE);
}

static HRESULT WINAPI data_query_get(IDataObject *self, FORMATETC *format) {
  (void)self;
  return is_text(format) || is_embed_source(format) ? S_OK : DV_E_FORMATETC;
}

static HRESULT WINAPI data_canonical(IDataObject *self, FORMATETC *in, FORMATETC *out) {
  (void)self;
  (void)in;
  out->ptd = NULL;
  return DATA_S_SAMEFORMATETC;
}

static HRESULT WINAPI data_set(IDataObject *self, FORMATETC *format, STGMEDIUM *medium, BOOL release) { (void)self; (void)format; (void)medium; (void)release; return E_NOTIMPL; }
static HRESULT WINAPI data_enum_formats(IDataObject *self, DWORD direction, IEnumFORMATETC **formats) { (void)self; (void)direction; *formats = NULL; return E_NOTIMPL; }
static HRESULT WINAPI data_advise(IDataObject *self, FORMATETC *format, DWORD flags, IAdviseSink *sink, DWORD *connection) { (void)self; (void)format; (void)flags; (void)sink; *connection = 0; return OLE_E_ADVISENOTSUPPORTED; }
static HRESULT WINAPI data_unadvise(IDataObject *self, DWORD connection) { (void)self; (void)connection; return OLE_E_ADVISENOTSUPPORTED; }
static HRESULT WINAPI data_enum_advise(IDataObject *self, IEnumSTATDATA **advise) { (void)self; *advise = NULL; return OLE_E_ADVISENOTSUPPORTED; }

static IDataObjectVtbl data_vtable = {
  data_query, data_add, data_release, data_get, data_get_here, data_query_get, data_canonical, data_set,
  data_enum_formats, data_advise, data_unadvise, data_enum_advise,
};

/* --- The class factory and the DLL's exports --- */

static HRESULT WINAPI factory_query(IClassFactory *self, REFIID iid, void **out) {
  if (IsEqualIID(iid, &IID_IUnknown) || IsEqualIID(iid, &IID_IClassFactory)) {
    *out = self;
    return S_OK;
  }
  *out = NULL;
  return E_NOINTERFACE;
}
static ULONG WINAPI factory_add(IClassFactory *self) { (void)self; return 2; }
static ULONG WINAPI factory_release(IClassFactory *self) { (void)self; return 1; }

static HRESULT WINAPI factory_create(IClassFactory *self, IUnknown *outer, REFIID iid, void **out) {
  (void)self;
  *out = NULL;
  if (outer != NULL) {
    return CLASS_E_NOAGGREGATION;
  }
  Note *note = calloc(1, sizeof *note);
  if (note == NULL) {
    return E_OUTOFMEMORY;
  }
  note->ole.lpVtbl = &ole_vtable;
  note->storage.lpVtbl = &storage_vtable;
  note->file.lpVtbl = &file_vtable;
  note->data.lpVtbl = &data_vtable;
  note->refs = 1;
  InterlockedIncrement(&objects);
  HRESULT hr = note_query(note, iid, out);
  note_release(note);
  return hr;
}

static HRESULT WINAPI factory_lock(IClassFactory *self, BOOL lock) {
  (void)self;
  if (lock) {
    InterlockedIncrement(&locks);
  } else {
    InterlockedDecrement(&locks);
  }
  return S_OK;
}

static IClassFactoryVtbl factory_vtable = { factory_query, factory_add, factory_release, factory_create, factory_lock };
static IClassFactory factory = { &factory_vtable };

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved) {
  (void)reserved;
  if (reason == DLL_PROCESS_ATTACH) {
    module = instance;
    DisableThreadLibraryCalls(instance);
  }
  return TRUE;
}

HRESULT WINAPI DllGetClassObject(REFCLSID clsid, REFIID iid, void **out) {
  if (!IsEqualCLSID(clsid, &CLSID_Note)) {
    *out = NULL;
    return CLASS_E_CLASSNOTAVAILABLE;
  }
  return factory_query(&factory, iid, out);
}

HRESULT WINAPI DllCanUnloadNow(void) {
  return objects == 0 && locks == 0 ? S_OK : S_FALSE;
}

static LONG set_value(const WCHAR *key, const WCHAR *name, const WCHAR *value) {
  HKEY handle;
  LONG error = RegCreateKeyExW(HKEY_CLASSES_ROOT, key, 0, NULL, 0, KEY_WRITE, NULL, &handle, NULL);
  if (error == ERROR_SUCCESS) {
    error = RegSetValueExW(handle, name, 0, REG_SZ, (const BYTE *)value, (DWORD)((wcslen(value) + 1) * sizeof(WCHAR)));
    RegCloseKey(handle);
  }
  return error;
}

HRESULT WINAPI DllRegisterServer(void) {
  WCHAR path[MAX_PATH], key[128];
  if (GetModuleFileNameW(module, path, MAX_PATH) == 0) {
    return SELFREG_E_CLASS;
  }
  LONG error = set_value(L".ipcnote", NULL, PROGID);
  error = error ? error : set_value(L"ipcspec.Note", NULL, L"ipcspec Note");
  error = error ? error : set_value(L"ipcspec.Note\\CLSID", NULL, CLSID_TEXT);
  wsprintfW(key, L"CLSID\\%s", CLSID_TEXT);
  error = error ? error : set_value(key, NULL, L"ipcspec Note");
  wsprintfW(key, L"CLSID\\%s\\ProgID", CLSID_TEXT);
  error = error ? error : set_value(key, NULL, PROGID);
  wsprintfW(key, L"CLSID\\%s\\InprocServer32", CLSID_TEXT);
  error = error ? error : set_value(key, NULL, path);
  error = error ? error : set_value(key, L"ThreadingModel", L"Apartment");
  return error == ERROR_SUCCESS ? S_OK : SELFREG_E_CLASS;
}

HRESULT WINAPI DllUnregisterServer(void) {
  WCHAR key[128];
  wsprintfW(key, L"CLSID\\%s", CLSID_TEXT);
  RegDeleteTreeW(HKEY_CLASSES_ROOT, key);
  RegDeleteTreeW(HKEY_CLASSES_ROOT, L"ipcspec.Note");
  RegDeleteTreeW(HKEY_CLASSES_ROOT, L".ipcnote");
  return S_OK;
}
