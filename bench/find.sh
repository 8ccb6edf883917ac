#!/usr/bin/env bash
# C-FIND latency benchmark: our archive at growing sizes, and DCMTK's dcmqrscp beside it.
#
#   bench/find.sh [--sizes "1000 100000 1000000"] [--dcmqrscp-sizes "1000 2000 5000"] [--runs 50]
#                 [--warmup 2000] [--parallel 4] [--no-dcmqrscp] [--label L --filled N]
#
# The archive must be running (README, Quick start) on 127.0.0.1:11112 (management 9990, HTTP 8080)
# and should be a scratch one: what the fill stores stays there (there is no delete API). A scratch
# archive whose data is not the one under wildfly-config/target/wildfly:
#     mvn -DskipTests -Prun package -Dwildfly.serverArgs=-Djboss.server.data.dir=/tmp/qr-find-data
#
# For each size (instances, multiples of 20), in increasing order:
#  1. fill: org.qrarchive.dicom.bench.FillBench stores small CT objects without pixel data, generated in
#     memory, over --parallel associations, until this run's objects reach the size: studies of 2 series
#     x 10 instances, one patient per study, study i dated i days before 2024-03-15. store.fsync is
#     switched off during the fill (durability is not what is measured) and restored afterwards.
#  2. measure, after 15 s of rest (the fill's write-back and H2's background writer settle), over one
#     association, median of --runs after --warmup queries of the same kind (the JIT of the archive and
#     of the client needs about 2,000 before the median settles; dcmqrscp gets 5)
#     (org.qrarchive.dicom.bench.FindBench; association set-up excluded), always around the middle
#     study m, so that every size answers the same number of matches:
#       study level by PatientID (1 match), by wildcard PatientName LABEL^P<m without last digit>*
#       (10 matches), by a 30-day StudyDate range (30 matches); image level for one series (10).
# --label L --filled N: the archive already holds the first N instances of an earlier run whose label
# was L (printed at its start): measure again without storing them again.
# Then dcmqrscp (AE COMPARE on 127.0.0.1:11113, fork mode, storage under a temporary directory) is
# filled over one association (it loses objects over parallel ones) to each of --dcmqrscp-sizes and
# measured the same way. Its store rate falls with its index size (it reads index.dat on every store),
# so its sizes stay small; its quota allows 500 studies (10,000 instances).
#
# Needs: java 17, mvn, DCMTK (echoscu, dcmqrscp), curl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes="1000 100000 1000000"
dq_sizes="1000 2000 5000"
runs=50
warmup=2000
label=FB$RANDOM
filled=0
parallel=4
dcmqrscp=1
while (($#)); do
    case $1 in
        --sizes) sizes=$2; shift 2 ;;
        --dcmqrscp-sizes) dq_sizes=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --parallel) parallel=$2; shift 2 ;;
        --no-dcmqrscp) dcmqrscp=0; shift ;;
        --label) label=$2; shift 2 ;;
        --filled) filled=$2; shift 2 ;;
        *) echo "unknown argument: $1 (see the head of $0)" >&2; exit 2 ;;
    esac
done
for s in $sizes $dq_sizes; do
    [[ $s =~ ^[0-9]+$ ]] && ((s >= 20 && s % 20 == 0)) || { echo "sizes must be multiples of 20: $s" >&2; exit 2; }
done

export TCP_NODELAY=1
cli=wildfly-config/target/wildfly/bin/jboss-cli.sh
cp=qr-dicom/target/classes:qr-dicom/target/test-classes
work=$(mktemp -d /tmp/qr-find-bench.XXXXXX)
dq_pid=
# the admin API needs a qr-admin user: this one is (re)created for the benchmark
admin=(-u 'qr-bench:Bench-2026!pw')
api=http://127.0.0.1:8080/qr/api
# store.fsync of QRSCP through the admin API: off for the fill, on again afterwards
set_fsync() {
    local ae
    ae=$(curl -sf "${admin[@]}" "$api/aes/QRSCP") || return 1
    curl -sf "${admin[@]}" -X PUT -H 'Content-Type: application/json' \
        --data "$(printf '%s' "$ae" | sed -E "s/\"fsync\":(true|false)/\"fsync\":$1/")" "$api/aes/QRSCP" >/dev/null
}
cleanup() {
    [[ -z $dq_pid ]] || kill -- "-$dq_pid" 2>/dev/null || true
    set_fsync true 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for tool in java mvn echoscu curl; do
    command -v $tool >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
wildfly-config/target/wildfly/bin/add-user.sh -a -u qr-bench -p 'Bench-2026!pw' -g qr-admin -s
((!dcmqrscp)) || command -v dcmqrscp >/dev/null || { echo "missing: dcmqrscp (apt-get install dcmtk)" >&2; exit 1; }
echoscu -aec QRSCP 127.0.0.1 11112 || { echo "start the archive first (README, Quick start)" >&2; exit 1; }
mvn -B -q -o -pl qr-dicom test-compile 2>/dev/null || mvn -B -q -pl qr-dicom test-compile

fill() { # PORT AE FROM_STUDY STUDIES PARALLEL
    java -cp "$cp" org.qrarchive.dicom.bench.FillBench 127.0.0.1 "$1" "$2" "$label" "$3" "$4" 2 10 "$5"
}
uid() { java -cp "$cp" org.qrarchive.dicom.bench.FillBench uid "$label" "$@"; }
day() { date -u -d "2024-03-15 - $1 days" +%Y%m%d; }

measure() { # PORT AE STUDIES WARMUP
    local m=$(($3 / 2)) study series
    sleep 15
    study=$(uid "$m")
    series=$(uid "$m" 0)
    q() {
        printf '  %-36s ' "$1:"
        shift
        java -Dwarmup="$warm" -cp "$cp" org.qrarchive.dicom.bench.FindBench 127.0.0.1 "$port" "$ae" "$runs" "$@"
    }
    local port=$1 ae=$2 warm=$4
    q "study, PatientID" QueryRetrieveLevel=STUDY "PatientID=$(printf '%s-%07d' "$label" "$m")" \
        StudyInstanceUID PatientName StudyDate
    q "study, wildcard PatientName" QueryRetrieveLevel=STUDY \
        "PatientName=$(printf '%s^P%06d' "$label" $((m / 10)))*" StudyInstanceUID
    q "study, StudyDate range (30 days)" QueryRetrieveLevel=STUDY \
        "StudyDate=$(day $((m / 30 * 30 + 29)))-$(day $((m / 30 * 30)))" StudyInstanceUID
    q "image, one series" QueryRetrieveLevel=IMAGE StudyInstanceUID="$study" SeriesInstanceUID="$series" \
        SOPInstanceUID
}

echo "label $label; $(nproc) cores; $(java -version 2>&1 | head -n 1)"
echo "== archive (QRSCP on 11112)"
studies=$((filled / 20))
for size in $sizes; do
    target=$((size / 20))
    if ((target > studies)); then
        set_fsync false
        fill 11112 QRSCP "$studies" $((target - studies)) "$parallel"
        set_fsync true
        studies=$target
    fi
    echo "$size instances of this run; archive holds $(curl -s "${admin[@]}" "$api/aes/QRSCP/counts")"
    measure 11112 QRSCP "$studies" "$warmup"
done

((dcmqrscp)) || exit 0
echo "== dcmqrscp $(dcmqrscp --version | head -n 1 | tr -d '$') (COMPARE on 11113)"
mkdir -p "$work/COMPARE"
source bench/dcmqrscp-config.sh
dcmqrscp_config "$work/dcmqrscp.cfg" 11113 COMPARE "$work/COMPARE" 65536
setsid dcmqrscp -c "$work/dcmqrscp.cfg" > "$work/dcmqrscp.log" 2>&1 < /dev/null &
dq_pid=$!
for i in $(seq 1 30); do echoscu -aec COMPARE 127.0.0.1 11113 2>/dev/null && break; sleep 0.5; done
studies=0
for size in $dq_sizes; do
    target=$((size / 20))
    fill 11113 COMPARE "$studies" $((target - studies)) 1
    studies=$target
    echo "$size instances"
    measure 11113 COMPARE "$studies" 5
done
