#!/usr/bin/env bash
# Reader benchmarks:
#  1. View time for three panes at 240x60 (go test -bench, 10 runs): median, and its
#     ratio to the 1 ms frame budget.
#  2. Time to first frame and peak memory of the real binary on the generated 200,000-
#     document (600 MB) JSONL corpus, driven in tmux at 200x50.
#
#   bench/reader/run.sh            # corpus generated once into bench/out/ (gitignored)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-bench/out}
mkdir -p "$out"

echo "== View, three panes at 240x60 (sample corpus)"
go test ./tui -run '^$' -bench 'BenchmarkView(Annotated)?$' -count 10 -benchtime 300x |
	awk '/^BenchmarkView/ {n[$1]++; v[$1, n[$1]] = $3}
	     END {for (b in n) {m = n[b]; for (i = 1; i <= m; i++) a[i] = v[b, i];
	          for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) {t = a[i]; a[i] = a[j]; a[j] = t}
	          med = (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2;
	          printf "%-28s median %.3f ms over %d runs (%.2fx of the 1 ms budget)\n", b, med / 1e6, m, med / 1e6}}'

corpus=$out/corpus.jsonl
if [ ! -s "$corpus" ]; then
	echo "generating $corpus ..."
	go run ./bench/corpus/gen -o "$corpus.tmp"
	mv "$corpus.tmp" "$corpus"
fi
bin=$out/hashiya
go build -o "$bin" ./cmd/hashiya
cat "$corpus" >/dev/null # warm the page cache: measure the program, not the disk

echo "== First frame on $(basename "$corpus") ($(du -h "$corpus" | cut -f1))"
work=$(mktemp -d)
sock=$work/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
t0=$(date +%s%N)
tmux -S "$sock" -f /dev/null new-session -d -x 200 -y 50 \
	-e XDG_STATE_HOME="$work" -e XDG_CONFIG_HOME="$work" \
	"exec $bin --out $work/a.jsonl $corpus"
pid=$(tmux -S "$sock" display-message -p -t 0 '#{pane_pid}')
until tmux -S "$sock" capture-pane -p -t 0 | grep -q '▸1/'; do sleep 0.005; done
t1=$(date +%s%N)
printf 'first frame (document text on screen): %d ms\n' $(((t1 - t0) / 1000000))
until ! tmux -S "$sock" capture-pane -p -t 0 | grep -q 'indexing'; do sleep 0.05; done
t2=$(date +%s%N)
printf 'index complete (all 200,000 titles): %d ms\n' $(((t2 - t0) / 1000000))
tmux -S "$sock" send-keys -t 0 G ']' ']' o
sleep 1
tmux -S "$sock" send-keys -t 0 Escape
sleep 0.3
printf 'peak memory (VmHWM): %s\n' "$(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/"$pid"/status)"
tmux -S "$sock" send-keys -t 0 q
