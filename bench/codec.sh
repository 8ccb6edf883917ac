#!/usr/bin/env bash
# Codec benchmark (issue: qr-dicom data). Builds qr-dicom with its test classes, then runs
# org.qrarchive.dicom.bench.CodecBench with a 128 MiB heap:
#   - header parse of a 512 KiB CT object (us/object, from memory, up to the pixel data)
#   - a SIZE_MIB multi-frame object copied as received and converted LE -> BE, beside `cp`
# Usage: bench/codec.sh [SIZE_MIB (default 1024)] [WORK_DIR (default target/bench under qr-dicom)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
size=${1:-1024}
work=${2:-qr-dicom/target/bench}
mvn -B -q -o -pl qr-dicom test-compile 2>/dev/null || mvn -B -q -pl qr-dicom test-compile
cp=qr-dicom/target/classes:qr-dicom/target/test-classes
echo "java $(java -version 2>&1 | head -1), $(nproc) cores, heap -Xmx128m"
java -Xmx128m -cp "$cp" org.qrarchive.dicom.bench.CodecBench "$work" "$size"
rm -rf "$work"
