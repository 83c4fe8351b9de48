#!/usr/bin/env bash
# Stops the Orthanc started by start.sh, deletes its namespace and its (test) storage.
set -uo pipefail
NS="${MEDITWIN_PACS_NETNS:-meditwin-pacs}"
STATE="${MEDITWIN_PACS_STATE:-/tmp/meditwin-orthanc-$NS}"
if [[ -f "$STATE/orthanc.pid" ]]; then
  PID="$(cat "$STATE/orthanc.pid")"
  if kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true
  fi
fi
if ip netns list 2>/dev/null | grep -qw "$NS"; then
  ip netns delete "$NS"
fi
rm -rf "$STATE"
echo "orthanc/stop.sh: stopped"
