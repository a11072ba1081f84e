#!/usr/bin/env bash
# hashiya serve under load, over loopback: 10, 50 and 100 concurrent SSH sessions (one key
# and one annotator each, the sample corpus, overlap 1), each pressing KEYS keys (j and k
# in turn, one every INTERVAL) in its reader; the load generator (bench/serve/load, an SSH
# client in Go) times every key until the end of the frame it brings. After each round
# the server's resident memory (VmRSS) and its peak (VmHWM) are read from /proc.
#
#   bench/serve/run.sh
#   SESSIONS="10 50 100 200" KEYS=60 INTERVAL=100ms bench/serve/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
server=""
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/hashiya" ./cmd/hashiya
go build -o "$work/load" ./bench/serve/load
sessions=${SESSIONS:-10 50 100}
most=0
for n in $sessions; do [ "$n" -gt "$most" ] && most=$n; done
"$work/load" -setup -dir "$work" -n "$most"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

XDG_STATE_HOME="$work" XDG_CONFIG_HOME="$work" "$work/hashiya" serve --listen "127.0.0.1:$port" \
	--team "$work/team.toml" --host-key "$work/host_ed25519" --db "$work/project.db" \
	--out "$work/annotations.jsonl" --log "$work/serve.log" --idle-timeout 0 2>"$work/serve.err" &
server=$!
until grep -q 'listening on' "$work/serve.err" 2>/dev/null; do
	kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
	sleep 0.05
done
echo "hashiya serve on 127.0.0.1:$port (pid $server); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $sessions; do
	"$work/load" -dir "$work" -addr "127.0.0.1:$port" -sessions "$n" -keys "${KEYS:-40}" -interval "${INTERVAL:-200ms}"
	rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
	hwm=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
	echo "  server RSS after the round $((rss / 1024)) MiB, peak $((hwm / 1024)) MiB"
done
kill -TERM "$server"
wait "$server" && echo "server stopped on SIGTERM, exit 0"
server=""
