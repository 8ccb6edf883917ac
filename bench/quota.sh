#!/usr/bin/env bash
# Store speed at a quota: storing into an archive AE at its quota (each object a new study, so each store
# evicts the least recently updated study) against storing into an AE without a quota, same objects, same
# run, interleaved.
#
#   bench/quota.sh [ROUNDS]      (default 3; COUNT objects of 513 KB per phase, default 500)
#
# Needs: the archive running with the README's start command (DICOM 11112, HTTP 8080), java 17, DCMTK, curl.
# Creates the AEs QNOQUOTA and QATQUOTA (maxStudies 100, filled first) through the admin API (user qr-bench,
# made with add-user.sh) and deletes them, with their objects, at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ROUNDS=${1:-3}
COUNT=${COUNT:-500}
MAX_STUDIES=100
export TCP_NODELAY=1
api=http://127.0.0.1:8080/qr/api
cred='qr-bench:Bench-2026!pw'

die() { echo "bench/quota.sh: $*" >&2; exit 1; }
for tool in java storescu echoscu curl; do command -v $tool >/dev/null || die "missing: $tool"; done
echoscu -aec QRSCP 127.0.0.1 11112 >/dev/null 2>&1 || die "no archive answers C-ECHO as QRSCP on 11112: start it"
wildfly-config/target/wildfly/bin/add-user.sh -a -u "${cred%%:*}" -p "${cred#*:}" -g qr-admin -s

work=$(mktemp -d /tmp/qr-quota-bench.XXXXXX)
cleanup() {
    for ae in QNOQUOTA QATQUOTA; do
        curl -sf -u "$cred" -X DELETE "$api/aes/$ae?purge=true" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

put_ae() { curl -sf -u "$cred" -X PUT -H 'Content-Type: application/json' -d "$2" "$api/aes/$1" >/dev/null \
    || die "cannot create AE $1"; }
put_ae QNOQUOTA '{"access":"RW"}'
put_ae QATQUOTA "{\"access\":\"RW\",\"quota\":{\"maxStudies\":$MAX_STUDIES}}"

make() { java -Xmx256m bench/MakeObjects.java "$work/$1" "$2" 512 512 1 "$1" >/dev/null; }
store() { # AE directory -> seconds
    local t0 t1 out
    t0=$(date +%s.%N)
    out=$(storescu -aec "$1" -pdu 131072 127.0.0.1 11112 "$work/$2"/*.dcm 2>&1) || die "storescu into $1: $out"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}

make fill "$MAX_STUDIES"
store QATQUOTA fill >/dev/null
echo "QATQUOTA filled to its quota of $MAX_STUDIES studies; each object below is a new study"
echo "round  no quota (objects/s)  at quota (objects/s)  ratio"
for r in $(seq 1 "$ROUNDS"); do
    make "free$r" "$COUNT"
    make "quota$r" "$COUNT"
    a=$(store QNOQUOTA "free$r")
    b=$(store QATQUOTA "quota$r")
    awk -v r="$r" -v n="$COUNT" -v a="$a" -v b="$b" \
        'BEGIN { printf "%5d  %20.1f  %20.1f  %5.2f\n", r, n / a, n / b, (n / b) / (n / a) }'
    rm -rf "$work/free$r" "$work/quota$r"
done
echo "studies held at the end: $(curl -sf -u "$cred" "$api/aes/QATQUOTA/usage" | grep -o '"studies":[0-9]*')"
