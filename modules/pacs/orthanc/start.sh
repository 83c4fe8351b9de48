#!/usr/bin/env bash
# Starts Debian's Orthanc for the PACS integration tests inside a network namespace that has only
# loopback (Orthanc cannot bind to 127.0.0.1 alone: anything outside the namespace cannot reach it,
# which is why its authentication is off). Needs root, `ip` (iproute2), `orthanc`, `orthanc-dicomweb`.
#
#   modules/pacs/orthanc/start.sh            -> starts; prints the namespace name on stdout
#   ip netns exec meditwin-pacs <command>   -> runs a command that can reach it on 127.0.0.1
#   modules/pacs/orthanc/stop.sh             -> stops Orthanc, deletes the namespace and its storage
#
# Ports inside the namespace: DICOM 4242 (AE ORTHANC), HTTP/DICOMweb 8042; our C-MOVE destination
# is registered as AE MEDITWIN at 127.0.0.1:11113. Exit code 2 = a prerequisite is missing (the
# message names it).
set -euo pipefail
NS="${MEDITWIN_PACS_NETNS:-meditwin-pacs}"
STATE="${MEDITWIN_PACS_STATE:-/tmp/meditwin-orthanc-$NS}"
PLUGIN=/usr/share/orthanc/plugins/libOrthancDicomWeb.so

missing() { echo "orthanc/start.sh: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || missing "needs root to create a network namespace (ip netns add)"
command -v ip >/dev/null || missing "'ip' is missing: apt-get install iproute2"
command -v Orthanc >/dev/null || missing "Orthanc is missing: apt-get install orthanc orthanc-dicomweb"
[[ -f "$PLUGIN" ]] || missing "the DICOMweb plugin is missing: apt-get install orthanc-dicomweb"

if ip netns list | grep -qw "$NS"; then
  "$(dirname "${BASH_SOURCE[0]}")/stop.sh" >/dev/null 2>&1 || true
fi
ip netns add "$NS" || missing "cannot create network namespace $NS (no CAP_SYS_ADMIN in this container?)"
ip -n "$NS" link set lo up

rm -rf "$STATE"
mkdir -p "$STATE/storage"
chmod 700 "$STATE"
cat > "$STATE/orthanc.json" <<JSON
{
  "Name": "MediTwin test PACS",
  "StorageDirectory": "$STATE/storage",
  "IndexDirectory": "$STATE/storage",
  "StorageCompression": false,
  "HttpServerEnabled": true,
  "HttpPort": 8042,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false,
  "HttpDescribeErrors": true,
  "DicomServerEnabled": true,
  "DicomAet": "ORTHANC",
  "DicomPort": 4242,
  "DicomCheckCalledAet": true,
  "DicomAlwaysAllowEcho": true,
  "DicomAlwaysAllowStore": true,
  "DicomAlwaysAllowFind": false,
  "DicomAlwaysAllowGet": false,
  "DicomAlwaysAllowMove": false,
  "DicomModalities": {
    "meditwin": { "AET": "MEDITWIN", "Host": "127.0.0.1", "Port": 11113 }
  },
  "DicomAssociationCloseDelay": 0,
  "DicomScuTimeout": 10,
  "DicomScpTimeout": 30,
  "SaveJobs": false,
  "Plugins": [ "$PLUGIN" ],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "EnableWado": false, "Host": "127.0.0.1", "Ssl": false }
}
JSON
ip netns exec "$NS" env TCP_NODELAY=1 Orthanc "$STATE/orthanc.json" >"$STATE/orthanc.log" 2>&1 &
echo $! >"$STATE/orthanc.pid"

for _ in $(seq 1 100); do
  if ip netns exec "$NS" bash -c 'exec 3<>/dev/tcp/127.0.0.1/8042 && exec 4<>/dev/tcp/127.0.0.1/4242' 2>/dev/null; then
    echo "$NS"
    exit 0
  fi
  if ! kill -0 "$(cat "$STATE/orthanc.pid")" 2>/dev/null; then
    echo "orthanc/start.sh: Orthanc exited; its log:" >&2
    tail -20 "$STATE/orthanc.log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "orthanc/start.sh: Orthanc did not open ports 8042/4242 within 10 s; log: $STATE/orthanc.log" >&2
exit 1
