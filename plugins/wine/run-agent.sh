#!/usr/bin/env bash
# Starts the Windows agent under Wine, in a headless prefix of the plugin's own, made on first use
# and reused (PROTOCOL.md's variables pass through to the Windows program).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
agent="$here/target/ipcspec-wine-agent.exe"
note="$here/target/ipcspec-note.dll"
if ! command -v wine >/dev/null; then
  echo "plugins/wine: wine is not installed here (apt-get install wine wine64)" >&2
  exit 3
fi
if [ ! -f "$agent" ]; then
  echo "plugins/wine: $agent is not built (it needs gcc-mingw-w64-x86-64; mvn -B install -pl plugins/wine)" >&2
  exit 3
fi
# DDEML's own complaints (err, fixme) go to the agent's stderr, which the report attaches: evidence.
export WINEPREFIX="${IPCSPEC_WINE_PREFIX:-$here/target/prefix}" WINEDEBUG=-all,err+ddeml,fixme+ddeml WINEDLLOVERRIDES="mscoree,mshtml="
clean=(env -u IPCSPEC_CONTROL -u IPCSPEC_TOKEN -u IPCSPEC_PARTICIPANT -u IPCSPEC_SCRATCH -u IPCSPEC_PROTOCOL)
# Wine's own tools are talkative; their words are shown only when they fail. Only the holder of
# the prefix's lock calls this, so one log beside the prefix serves.
quietly() {
  local log="$WINEPREFIX.setup.log"
  if ! "$@" >"$log" 2>&1 9>&-; then
    echo "plugins/wine: $* failed:" >&2
    cat "$log" >&2
    exit 3
  fi
}
mkdir -p "$(dirname "$WINEPREFIX")"
(
  # Two participants start at once: one makes the prefix, the other waits for it (the lock is the
  # prefix's, whichever checkout uses it).
  flock 9
  if [ ! -f "$WINEPREFIX/.ipcspec-ready" ]; then
    quietly "${clean[@]}" wineboot -i
    # No X here: Wine's null display driver, for the hidden windows DDE needs.
    quietly "${clean[@]}" wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f
    quietly "${clean[@]}" wineserver -w
    touch "$WINEPREFIX/.ipcspec-ready"
  fi
  # The OLE scenarios' other application, registered as regsvr32 registers any object server;
  # again whenever the build made it anew.
  registered="$(stat -c %Y "$note" 2>/dev/null) $note"
  if [ -f "$note" ] && [ "$(cat "$WINEPREFIX/.ipcspec-note" 2>/dev/null)" != "$registered" ]; then
    quietly "${clean[@]}" wine regsvr32 /s "$("${clean[@]}" winepath -w "$note" 2>/dev/null 9>&-)"
    echo "$registered" >"$WINEPREFIX/.ipcspec-note"
  fi
  # The first Windows process of a prefix starts Wine's own (wineserver, services.exe, explorer.exe...),
  # which keep its environment: started from an agent, they would carry the protocol's variables and
  # look like agents left behind. One clean process, in a session of its own, starts them first; they
  # end by themselves a few seconds after the last agent.
  "${clean[@]}" setsid wine cmd /c rem </dev/null >/dev/null 2>&1 9>&-
) 9>"$WINEPREFIX.lock"
exec wine "$agent"
