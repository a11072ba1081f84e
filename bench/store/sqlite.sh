#!/usr/bin/env bash
# Measure the SQLite store: edit→durable latency (median, p99) over 10,000
# edits, idle and while exports stream; Open time, peak RSS and export
# throughput at 10,000 and 50,000 annotated documents.
# Run on the disk the database will live on: DIR defaults to TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
go run ./bench/store/sqlite -edits "${EDITS:-10000}" -docs "${DOCS:-10000,50000}" ${DIR:+-dir "$DIR"} "$@"
