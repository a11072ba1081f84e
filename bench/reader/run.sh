#!/usr/bin/env bash
# Reader benchmarks, each printed as it finishes:
#  1. key→frame in tmux at 240x60 (sample corpus): send j or k, poll capture-pane until the
#     screen changes; median and p95, measured in turns with less(1) on the same text (the
#     floor a terminal program can reach here) and, with REF set, with the reader built at REF.
#  2. View of three panes at 240x60 (go test -bench ./tui): median of 7 runs; with REF set,
#     REF's test binary runs in turns with this one and the ratio is printed.
#  3. The "o" picker: one keystroke over 200,000 titles (BenchmarkPickerKey).
#  4. A 50 MB document on one line: time until its text is on screen in tmux, peak RSS.
#  5. Gzip far jump: random documents loaded from the 600 MB corpus gzipped (each one a far
#     jump: the cache holds 16 of 200,000), median/p95/worst; index time and peak RSS.
#  6. The 600 MB JSONL corpus in tmux: first frame, full index, peak memory.
#
# ONLY picks sections (ONLY="4" or ONLY="1 4"); ROUNDS is how many times section 4 opens the
# document (default 3), in turns with REF's reader when REF is set.
#
#   bench/reader/run.sh                     # corpora generated once into bench/out/ (gitignored)
#   OUT=/var/tmp/hb REF=main bench/reader/run.sh
#   ONLY=4 ROUNDS=5 REF=main bench/reader/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-bench/out}
mkdir -p "$out"
work=$(mktemp -d)
socks=()
cleanup() {
	for s in "${socks[@]}"; do tmux -S "$s" kill-server 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

# want N: whether section N runs.
want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }

# start NAME W H COMMAND...: runs the command in a new tmux server at W x H; sets sock and
# pid (the program's, for its peak RSS). The shell stays after the program, to show why
# it ended.
start() {
	sock=$work/$1.sock
	socks+=("$sock")
	tmux -S "$sock" -f /dev/null new-session -d -x "$2" -y "$3" -e XDG_STATE_HOME="$work/xdg" -e XDG_CONFIG_HOME="$work/xdg" \
		"${*:4}; echo EXITED=\$?; sleep 600"
	local sh
	sh=$(tmux -S "$sock" display-message -p -t 0 '#{pane_pid}')
	until pid=$(pgrep -P "$sh"); do sleep 0.001; done
}

# wait_for PATTERN: polls the screen until it shows PATTERN; fails if the program ended.
wait_for() {
	local scr
	while scr=$(tmux -S "$sock" capture-pane -p -t 0); ! grep -q -- "$1" <<<"$scr"; do
		if grep -q 'EXITED=' <<<"$scr"; then
			echo "the program ended before showing $1:" >&2
			echo "$scr" | grep -v '^\s*$' >&2
			exit 1
		fi
		sleep 0.005
	done
}

mkdir "$work/bin" "$work/xdg" # binaries apart from XDG dirs: $XDG_CONFIG_HOME/hashiya is a directory
bin=$work/bin/hashiya
go build -o "$bin" ./cmd/hashiya
if want 2 || want 3; then go test -c -o "$work/bin/tui.test" ./tui; fi
if [ -n "${REF:-}" ]; then
	mkdir "$work/ref"
	git archive "$REF" | tar -x -C "$work/ref"
	(cd "$work/ref" && go build -o "$work/bin/hashiya-ref" ./cmd/hashiya)
	if want 2; then (cd "$work/ref" && go test -c -o "$work/bin/tui-ref.test" ./tui); fi
fi
cat model/sample/treaty/*.txt model/sample/treaty/*.txt model/sample/treaty/*.txt >"$work/sample.txt"

if want 1; then
	echo "== 1. key→frame in tmux, 240x60"
	targets=("hashiya=$bin --out $work/a.jsonl")
	[ -n "${REF:-}" ] && targets+=("ref=$work/bin/hashiya-ref --out $work/a-ref.jsonl")
	targets+=("less=less -S $work/sample.txt")
	go run ./bench/reader/keyframe -n "${KEYS:-200}" "${targets[@]}"
fi

if want 2; then
	echo "== 2. View, three panes at 240x60 (sample corpus)"
	# view BIN: one run of the View benchmarks, "name ns/op" lines
	view() { (cd tui && "$1" -test.run '^$' -test.bench 'BenchmarkView(Annotated)?$' -test.benchtime 300x) | awk '/^BenchmarkView/ {print $1, $3}'; }
	for _ in 1 2 3 4 5 6 7; do
		view "$work/bin/tui.test" | sed 's/^/cur /' >>"$work/view.txt"
		[ -n "${REF:-}" ] && view "$work/bin/tui-ref.test" | sed 's/^/ref /' >>"$work/view.txt"
	done
	awk '{n[$1" "$2]++; v[$1" "$2, n[$1" "$2]] = $3}
	     END {for (k in n) {m = n[k]; for (i = 1; i <= m; i++) a[i] = v[k, i];
	          for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) {t = a[i]; a[i] = a[j]; a[j] = t}
	          med[k] = a[(m + 1) / 2]}
	          for (k in med) {split(k, p, " "); if (p[1] == "cur") {
	            printf "%-28s median %.3f ms over %d runs", p[2], med[k] / 1e6, n[k];
	            r = "ref " p[2]; if (r in med) printf "  (REF %.3f ms, ratio %.2f)", med[r] / 1e6, med[k] / med[r];
	            printf "\n"}}}' "$work/view.txt" | sort
fi

if want 3; then
	echo "== 3. picker: one key over 200,000 titles"
	(cd tui && "$work/bin/tui.test" -test.run '^$' -test.bench 'BenchmarkPickerKey$' -test.benchtime 100x -test.count 3) |
		awk '/^BenchmarkPickerKey/ {printf "per key %.2f ms, first open (title index) %s ms\n", $3 / 1e6, $5}'
fi

# open_one LABEL BIN: opens the 50 MB line in tmux with BIN; prints the time until its text
# is on screen, the CPU time (user+sys) the program had used by then, which a loaded
# machine inflates less than the wall time, and the peak RSS; appends "LABEL ms MB cpu-ms"
# to $work/one.txt.
open_one() {
	local t0 t1 ms rss cpu
	t0=$(date +%s%N)
	start "one-$1-$RANDOM" 200 50 "$2" --out "$work/one-$1.jsonl" "$one"
	wait_for 'ﺓﺪﻫﺎﻌﻣ' # معاهدة, joined, from the first line of the text
	t1=$(date +%s%N)
	cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' /proc/"$pid"/stat)
	sleep 1 # memory after the first frame: the layout of what is in view is done
	ms=$(((t1 - t0) / 1000000))
	rss=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/"$pid"/status)
	printf '%-4s open (text on screen): %d ms (CPU %d ms), peak RSS (VmHWM) %s MB\n' "$1" "$ms" "$cpu" "$rss"
	echo "$1 $ms $rss $cpu" >>"$work/one.txt"
	tmux -S "$sock" kill-server
	while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done # its annotator lease ends with it
}

if want 4; then
	echo "== 4. a 50 MB document on one line"
	one=$out/oneline-50mb.txt
	if [ ! -s "$one" ]; then
		for _ in $(seq 2345); do cat model/sample/treaty/*.txt; done | tr '\n' ' ' >"$one.tmp" # 50.0 MB
		mv "$one.tmp" "$one"
	fi
	cat "$one" >/dev/null
	printf 'file %.1f MB, load average %s\n' "$(echo "$(stat -c %s "$one") / 1000000" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
	for _ in $(seq "${ROUNDS:-3}"); do
		open_one cur "$bin"
		[ -n "${REF:-}" ] && open_one ref "$work/bin/hashiya-ref"
	done
	awk -v size="$(stat -c %s "$one")" '{n[$1]++; t[$1, n[$1]] = $2; m[$1, n[$1]] = $3; u[$1, n[$1]] = $4}
	     function med(a, k, c,   i, j, v, x) {for (i = 1; i <= c; i++) v[i] = a[k, i] + 0;
	       for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (v[j] < v[i]) {x = v[i]; v[i] = v[j]; v[j] = x}
	       return v[int((c + 1) / 2)]}
	     END {for (k in n) {ot[k] = med(t, k, n[k]); om[k] = med(m, k, n[k]); ou[k] = med(u, k, n[k])
	            printf "%s median of %d: open %d ms (CPU %d ms), peak RSS %.1f MB (%.2fx the file)\n", k, n[k], ot[k], ou[k], om[k], om[k] * 1048576 / size}
	          if (("cur" in n) && ("ref" in n)) printf "cur/ref: open %.2f, RSS %.2f\n", ot["cur"] / ot["ref"], om["cur"] / om["ref"]}' "$work/one.txt"
	echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if want 5 || want 6; then
	corpus=$out/corpus.jsonl
	if [ ! -s "$corpus" ]; then
		echo "generating $corpus ..."
		go run ./bench/corpus/gen -o "$corpus.tmp"
		mv "$corpus.tmp" "$corpus"
	fi
	if [ ! -s "$corpus.gz" ]; then
		gzip -6 -c "$corpus" >"$corpus.gz.tmp"
		mv "$corpus.gz.tmp" "$corpus.gz"
	fi
fi

if want 5; then
	echo "== 5. gzip far jump ($(basename "$corpus.gz"), $(du -h "$corpus.gz" | cut -f1))"
	go build -o "$work/bin/measure" ./bench/corpus/measure
	cat "$corpus.gz" >/dev/null
	"$work/bin/measure" -loads 300 "$corpus.gz" | grep -E 'full index|random Load|peak RSS'
fi

if want 6; then
	echo "== 6. first frame on $(basename "$corpus") ($(du -h "$corpus" | cut -f1))"
	cat "$corpus" >/dev/null # warm the page cache: measure the program, not the disk
	t0=$(date +%s%N)
	start big 200 50 "$bin" --out "$work/big.jsonl" "$corpus"
	wait_for '▸1/'
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
fi
