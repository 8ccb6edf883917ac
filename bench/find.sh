#!/usr/bin/env bash
# C-FIND latency benchmark (partial: the archive only, no dcmqrscp comparison yet).
#
#   bench/find.sh [COUNT (default 10000)]
#
# Needs the archive running with the README start command (DICOM 11112, management 9990). Stores COUNT
# tiny CT objects, one study each (one study per day back from 2024-03-15), with qr.store.fsync switched
# off for the fill and restored afterwards, then times study-level C-FIND by PatientID, by wildcard
# PatientName and by a 30-day StudyDate range, and image-level by SeriesInstanceUID, over one
# association (org.qrarchive.dicom.bench.FindBench: median of 50 runs, association set-up excluded).
# What it stores stays in the archive (there is no delete yet): run it on a scratch archive.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count=${1:-10000}
work=$(mktemp -d /tmp/qr-find-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cli=wildfly-config/target/wildfly/bin/jboss-cli.sh
export TCP_NODELAY=1
echoscu -aec QRSCP 127.0.0.1 11112 || { echo "start the archive first (README, Quick start)"; exit 1; }
mvn -B -q -o -pl qr-dicom test-compile 2>/dev/null || mvn -B -q -pl qr-dicom test-compile
label=FB$RANDOM
java bench/MakeObjects.java "$work/objects" "$count" 8 8 1 "$label" >/dev/null
"$cli" --connect --command='/system-property=qr.store.fsync:write-attribute(name=value,value=false)' >/dev/null
start=$(date +%s%N)
find "$work/objects" -name '*.dcm' | sort | xargs storescu -aec QRSCP 127.0.0.1 11112 -R -xe -nh
echo "stored $count objects in $(( ($(date +%s%N) - start) / 1000000 )) ms"
"$cli" --connect --command='/system-property=qr.store.fsync:write-attribute(name=value,value=true)' >/dev/null
total=$(curl -s http://127.0.0.1:8080/qr/api/aes/QRSCP/counts)
echo "archive now holds: $total"
series=$(awk 'NR==1 {print $2}' "$work/objects/series.txt")
study=$(awk 'NR==1 {print $1}' "$work/objects/series.txt")
cp=qr-dicom/target/classes:qr-dicom/target/test-classes
run() { echo "$1:"; shift; java -cp "$cp" org.qrarchive.dicom.bench.FindBench 127.0.0.1 11112 QRSCP 50 "$@"; }
run "study level, PatientID" QueryRetrieveLevel=STUDY PatientID="$label-7" StudyInstanceUID PatientName StudyDate
run "study level, wildcard PatientName" QueryRetrieveLevel=STUDY "PatientName=${label}^Patient12*" StudyInstanceUID
run "study level, StudyDate range (30 days)" QueryRetrieveLevel=STUDY StudyDate=20240101-20240130 StudyInstanceUID
run "image level, one series" QueryRetrieveLevel=IMAGE StudyInstanceUID="$study" SeriesInstanceUID="$series" SOPInstanceUID
