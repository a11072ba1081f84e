#!/usr/bin/env bash
# Measure the SQLite store at 1,000, 10,000 and 50,000 annotated documents
# brought in with `hashiya import` from a generated Prodigy file: import
# time, Open in a fresh process, edit→durable median/p99 idle and while an
# export streams, `hashiya export --db` throughput, peak RSS; at the largest
# size, the reader's first frame and RSS in tmux on that database, and
# key→frame while an export streams in its process. Then, as a
# reference, the journal store (the previous record) at 1,000 documents.
# Files go under $TMPDIR/var/tmp (put TMPDIR on the disk the database will
# live on) and are removed at the end. With REF=<commit>, the edits are timed
# ROUNDS times (default 3) in turns with the store built at that commit (this
# harness, REF's annotations/store), on the same database.
#   SIZES=1000,10000 EDITS=2000 JOURNAL=0 bench/store/run.sh
#   SIZES=50000 JOURNAL=0 REF=main bench/store/run.sh
#
# A team on one database (issue 14): with --db, SERVERS (2) server processes
# on that PostgreSQL, SESSIONS (50) sessions each, every session an annotator
# making EDITS (40) timed edits, one every INTERVAL (500ms), and edit→durable
# median/p99 (durable: the server's COMMIT returned); then, as the reference
# in the same run, one server on a SQLite file with the same SERVERS×SESSIONS
# sessions; ROUNDS (3) turns of the two, and their ratios. Every session also
# follows the database's commits as a serve screen does (LIVE=false: not).
# The harness (bench/store/team) drives store sessions directly, one
# store.Open per server process as `hashiya serve` holds one: no SSH and no
# screen (for those, bench/serve). On the URL's server a scratch database is created and
# dropped (its user needs CREATEDB); with --db and no URL, a cluster of its
# own under /var/tmp (pgtest.Start: initdb, Unix socket only, fsync on).
#   bench/store/run.sh --db postgres://bench@db.example.org/postgres
#   SESSIONS=50 INTERVAL=1s bench/store/run.sh --db
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--db" ]; then
	work="${TMPDIR:-/tmp}/var/tmp"
	mkdir -p "$work"
	work="$(mktemp -d "$work/hashiya-bench-team-XXXXXX")"
	trap 'rm -rf "$work"' EXIT
	go build -o "$work/team" ./bench/store/team
	if [ -n "${2:-}" ]; then db=(-db "$2"); else db=(-private); fi
	echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
	"$work/team" "${db[@]}" -ref "$work/reference.db" -servers "${SERVERS:-2}" -sessions "${SESSIONS:-50}" \
		-edits "${EDITS:-40}" -interval "${INTERVAL:-500ms}" -rounds "${ROUNDS:-3}" -live="${LIVE:-true}"
	echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
	exit 0
fi
work="${TMPDIR:-/tmp}/var/tmp"
mkdir -p "$work"
work="$(mktemp -d "$work/hashiya-bench-store-XXXXXX")"
trap 'rm -rf "$work"' EXIT
go build -o "$work/hashiya" ./cmd/hashiya
go build -o "$work/bench-sqlite" ./bench/store/sqlite
go test -c -o "$work/tui.test" ./tui
ref=()
if [ -n "${REF:-}" ]; then
	mkdir "$work/ref"
	git archive "$REF" | tar -x -C "$work/ref"
	cp bench/store/sqlite/main.go "$work/ref/bench/store/sqlite/main.go"
	(cd "$work/ref" && go build -o "$work/bench-sqlite-ref" ./bench/store/sqlite)
	ref=(-ref "$work/bench-sqlite-ref" -rounds "${ROUNDS:-3}")
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$work/bench-sqlite" -hashiya "$work/hashiya" -dir "$work" -sizes "${SIZES:-1000,10000,50000}" -edits "${EDITS:-2000}" -tuitest "$work/tui.test" "${ref[@]}"
if [ "${JOURNAL:-1}" != 0 ]; then
	echo "reference: the journal store (journal.Store), 1,000 documents"
	mkdir "$work/journal"
	go run ./bench/store -edits "${EDITS:-2000}" -docs 1000 -dir "$work/journal"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
