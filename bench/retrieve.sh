#!/usr/bin/env bash
# Retrieve throughput: C-MOVE to one storescp and C-GET with getscu, from this archive, DCMTK's dcmqrscp
# and Orthanc (Debian's orthanc package), in the same run, interleaved, plus the ceiling of the receivers:
# storescu sending the same files straight to the same storescp.
#
#   bench/retrieve.sh [RUNS]          (default 5)
#   MOVE_ASSOCIATIONS=2 RECEIVER_FORK=1 bench/retrieve.sh
#                                     the archive's C-MOVE over 2 sub-associations (retrieve.moveAssociations),
#                                     to a storescp that forks a process per association (--fork)
#
# Needs: the archive running with the README's start command (mvn -DskipTests -Prun package; its DICOM port
# 11112, HTTP 8080), java 17, DCMTK, curl; installs Debian's orthanc when it is missing (apt-get).
#
# What it does:
#  1. one study of COUNT (default 100) CT objects of 513 KB, made by bench/MakeObjects.java;
#  2. a receiving storescp (AE RECV, port 11300, --ignore: it reads every byte, writes nothing), known to
#     each server as a move destination: the archive through its admin API (a peer entry; the bench user
#     qr-bench is created with add-user.sh), dcmqrscp in its HostTable, Orthanc in DicomModalities;
#  3. dcmqrscp (port 11113) and Orthanc (port 11114, its own storage in the work directory) started here;
#     the study stored into all three with storescu;
#  4. the cold round: the archive's first C-MOVE and C-GET after its start (when this script runs right
#     after the start command), the others' too; then WARMUP (default 10) rounds of the archive alone
#     (its JIT compiles the retrieve path for thousands of objects), not counted;
#  5. RUNS rounds, each: for every server a C-MOVE of the study to RECV, then a C-GET of it (getscu
#     --ignore), then the ceiling (storescu of the files to RECV); instances/s and MB/s from request to
#     final response.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${1:-5}
WARMUP=${WARMUP:-10}
MOVE_ASSOCIATIONS=${MOVE_ASSOCIATIONS:-1}
RECEIVER_FORK=${RECEIVER_FORK:-0}
COUNT=${COUNT:-100}
RECV_PORT=11300
DQR_PORT=11113
ORTHANC_PORT=11114
ORTHANC_HTTP=8042
export TCP_NODELAY=1

die() { echo "bench/retrieve.sh: $*" >&2; exit 1; }
for tool in java movescu getscu storescu storescp dcmqrscp curl; do
    command -v $tool >/dev/null || die "missing: $tool"
done
echoscu -aec QRSCP 127.0.0.1 11112 >/dev/null 2>&1 || die "no archive answers C-ECHO as QRSCP on 11112: start it"
if ! command -v Orthanc >/dev/null; then
    echo "installing Debian's orthanc"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq orthanc >/dev/null
fi

work=$(mktemp -d /tmp/qr-retrieve-bench.XXXXXX)
pids=()
cleanup() {
    [[ -z ${ae_json:-} ]] || curl -sf -u "$cred" -X PUT -H 'Content-Type: application/json' -d "$ae_json" \
        http://127.0.0.1:8080/qr/api/aes/QRSCP >/dev/null || true
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# --- objects and receiver ----------------------------------------------------------------------------
java -Xmx256m bench/MakeObjects.java "$work/objects" "$COUNT" 512 512 "$COUNT" RB >/dev/null
study=$(awk 'NR == 1 { print $1 }' "$work/objects/series.txt")
bytes=$(du -cb "$work"/objects/*.dcm | tail -n 1 | cut -f1)
fork=()
((RECEIVER_FORK)) && fork=(--fork)
storescp -aet RECV --ignore "${fork[@]}" -pdu 131072 "$RECV_PORT" > "$work/storescp.log" 2>&1 &
pids+=($!)

# --- the archive: a bench user, RECV as a peer --------------------------------------------------------
cred='qr-bench:Bench-2026!pw'
wildfly-config/target/wildfly/bin/add-user.sh -a -u "${cred%%:*}" -p "${cred#*:}" -g qr-admin -s
curl -sf -u "$cred" -X PUT -H 'Content-Type: application/json' \
    -d "{\"aeTitle\":\"RECV\",\"host\":\"127.0.0.1\",\"port\":$RECV_PORT}" \
    http://127.0.0.1:8080/qr/api/peers/bench-recv >/dev/null || die "cannot configure the archive's peer RECV"
ae_json=$(curl -sf -u "$cred" http://127.0.0.1:8080/qr/api/aes/QRSCP) || die "cannot read the archive's AE QRSCP"
curl -sf -u "$cred" -X PUT -H 'Content-Type: application/json' \
    -d "$(sed -E "s/\"moveAssociations\":[0-9]+/\"moveAssociations\":$MOVE_ASSOCIATIONS/" <<<"$ae_json")" \
    http://127.0.0.1:8080/qr/api/aes/QRSCP >/dev/null || die "cannot set retrieve.moveAssociations"

# --- dcmqrscp -----------------------------------------------------------------------------------------
mkdir -p "$work/dqr/DQR"
cat > "$work/dqr/dcmqrscp.cfg" <<CFG
NetworkTCPPort  = $DQR_PORT
MaxPDUSize      = 131072
MaxAssociations = 16
HostTable BEGIN
recv = (RECV, localhost, $RECV_PORT)
HostTable END
VendorTable BEGIN
VendorTable END
AETable BEGIN
DQR $work/dqr/DQR RW (500, 1024mb) ANY
AETable END
CFG
dcmqrscp -c "$work/dqr/dcmqrscp.cfg" > "$work/dqr.log" 2>&1 &
pids+=($!)

# --- Orthanc ------------------------------------------------------------------------------------------
mkdir -p "$work/orthanc/db"
cat > "$work/orthanc/orthanc.json" <<JSON
{
  "Name": "bench", "StorageDirectory": "$work/orthanc/db", "IndexDirectory": "$work/orthanc/db",
  "DicomAet": "ORTHANC", "DicomPort": $ORTHANC_PORT, "HttpPort": $ORTHANC_HTTP, "RemoteAccessAllowed": false,
  "DicomCheckCalledAet": false, "UnknownSopClassAccepted": true,
  "DicomAlwaysAllowEcho": true, "DicomAlwaysAllowStore": true, "DicomAlwaysAllowFind": true,
  "DicomAlwaysAllowGet": true, "DicomAlwaysAllowMove": true,
  "DicomModalities": { "recv": [ "RECV", "127.0.0.1", $RECV_PORT ] },
  "Plugins": []
}
JSON
Orthanc "$work/orthanc/orthanc.json" > "$work/orthanc.log" 2>&1 &
pids+=($!)

for i in $(seq 1 60); do
    echoscu -aec DQR 127.0.0.1 $DQR_PORT >/dev/null 2>&1 && echoscu -aec ORTHANC 127.0.0.1 $ORTHANC_PORT \
        >/dev/null 2>&1 && break
    sleep 1
done
echoscu -aec ORTHANC 127.0.0.1 $ORTHANC_PORT >/dev/null 2>&1 || die "Orthanc did not start: $(tail -5 "$work/orthanc.log")"

for target in "QRSCP 11112" "DQR $DQR_PORT" "ORTHANC $ORTHANC_PORT"; do
    set -- $target
    storescu -aec "$1" -pdu 131072 127.0.0.1 "$2" "$work"/objects/*.dcm >/dev/null 2>&1 \
        || die "storing the study into $1 failed"
done

# --- measurements -------------------------------------------------------------------------------------
now() { date +%s.%N; }
rate() { awk -v n="$COUNT" -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f %.1f", n / s, b / s / 1e6 }'; }
results="$work/results.txt"
measure() { # name kind command...
    local name=$1 kind=$2; shift 2
    local t0 t1 out
    t0=$(now)
    out=$("$@" 2>&1) || true
    t1=$(now)
    if [[ $kind != ceiling ]] && ! grep -qiE "Final (Move|Get) Response \(Success\)|Received (Final )?C-GET Response.*Success|Status *: *0x0000" <<<"$out"; then
        echo "$name $kind FAILED: $(tail -n 3 <<<"$out" | tr '\n' ' ')" >&2
        return
    fi
    local s; s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
    echo "$name $kind $run $s $(rate "$s")" | tee -a "$results"
}
move() { movescu -v -S -aec "$1" -aet MOVESCU -aem RECV -k QueryRetrieveLevel=STUDY -k "StudyInstanceUID=$study" \
    127.0.0.1 "$2"; }
get() { getscu -v -S -aec "$1" -aet GETSCU --ignore -k QueryRetrieveLevel=STUDY -k "StudyInstanceUID=$study" \
    127.0.0.1 "$2"; }

echo "name kind run seconds instances/s MB/s   ($COUNT objects, $bytes bytes; $(nproc) cores;" \
    "archive C-MOVE over $MOVE_ASSOCIATIONS sub-association(s); receiver $( ((RECEIVER_FORK)) && echo forks || echo "does not fork"))"
run=cold
for target in "archive QRSCP 11112" "dcmqrscp DQR $DQR_PORT" "orthanc ORTHANC $ORTHANC_PORT"; do
    set -- $target
    measure "$1" move move "$2" "$3"
    measure "$1" get get "$2" "$3"
done
for w in $(seq 1 "$WARMUP"); do
    move QRSCP 11112 >/dev/null 2>&1 || true
    get QRSCP 11112 >/dev/null 2>&1 || true
done
for run in $(seq 1 "$RUNS"); do
    for target in "archive QRSCP 11112" "dcmqrscp DQR $DQR_PORT" "orthanc ORTHANC $ORTHANC_PORT"; do
        set -- $target
        measure "$1" move move "$2" "$3"
        measure "$1" get get "$2" "$3"
    done
    measure storescu ceiling storescu -aec RECV -pdu 131072 127.0.0.1 "$RECV_PORT" "$work"/objects/*.dcm
done

echo
echo "cold (the first retrieves after the start), instances/s:"
awk '$3 == "cold" { printf "%-9s %-8s %8.1f\n", $1, $2, $5 }' "$results"
echo "warm: medians of $RUNS rounds (instances/s, MB/s), after $WARMUP warm-up rounds of the archive"
for name in archive dcmqrscp orthanc storescu; do
    for kind in move get ceiling; do
        awk -v n="$name" -v k="$kind" '$1 == n && $2 == k && $3 != "cold" { print $5, $6 }' "$results" | sort -n | awk -v n="$name" \
            -v k="$kind" '{ r[NR] = $1; m[NR] = $2 } END { if (NR) printf "%-9s %-8s %8.1f %8.1f  (%d runs)\n", n, k,
            r[int((NR + 1) / 2)], m[int((NR + 1) / 2)], NR }'
    done
done
