#!/usr/bin/env bash
# Measure the annotation store: edit→durable latency (median, p99) over
# 10,000 scripted edits and one atomic Flush with 10,000 documents.
# Run on the disk the annotations will live on: DIR defaults to TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
go run ./bench/store -edits "${EDITS:-10000}" -docs "${DOCS:-10000}" ${DIR:+-dir "$DIR"} "$@"
