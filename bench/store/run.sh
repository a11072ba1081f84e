#!/usr/bin/env bash
# Measure the SQLite store at 1,000, 10,000 and 50,000 annotated documents
# brought in with `hashiya import` from a generated Prodigy file: import
# time, Open in a fresh process, edit→durable median/p99 idle and while an
# export streams, `hashiya export --db` throughput, peak RSS. Then, as a
# reference, the journal store (the previous record) at 1,000 documents.
# Files go under $TMPDIR/var/tmp (put TMPDIR on the disk the database will
# live on) and are removed at the end.
#   SIZES=1000,10000 EDITS=2000 JOURNAL=0 bench/store/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${TMPDIR:-/tmp}/var/tmp"
mkdir -p "$work"
work="$(mktemp -d "$work/hashiya-bench-store-XXXXXX")"
trap 'rm -rf "$work"' EXIT
go build -o "$work/hashiya" ./cmd/hashiya
go build -o "$work/bench-sqlite" ./bench/store/sqlite
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$work/bench-sqlite" -hashiya "$work/hashiya" -dir "$work" -sizes "${SIZES:-1000,10000,50000}" -edits "${EDITS:-2000}"
if [ "${JOURNAL:-1}" != 0 ]; then
	echo "reference: the journal store (journal.Store), 1,000 documents"
	mkdir "$work/journal"
	go run ./bench/store -edits "${EDITS:-2000}" -docs 1000 -dir "$work/journal"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
