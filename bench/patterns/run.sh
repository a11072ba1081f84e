#!/usr/bin/env bash
# Matches 10,000 phrase patterns over the 600 MB benchmark corpus (bench/corpus/gen,
# generated once into bench/out like bench/corpus/run.sh does) with `hashiya match`,
# and, alternating in the same run, `grep -F -f` over the same phrases (substrings,
# no normalization, no words: less work, the floor). Prints per run wall time, CPU
# time (user+sys) and peak RSS, then the medians, MB/s and the ratios.
#   bench/patterns/run.sh [-n RUNS]          # default 3 runs of each
#   OUT=DIR REAL=1000 bench/patterns/run.sh   # corpus and outputs in DIR; 1,000 n-grams of the sample among the phrases
#   BASE=REV bench/patterns/run.sh            # also hashiya as of git revision REV, alternating (A/B),
#                                             # and whether the two print the same bytes
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=3
[ "${1:-}" = "-n" ] && runs=$2
out=${OUT:-bench/out}
mkdir -p "$out"
corpus=$out/corpus.jsonl
if [ ! -s "$corpus" ]; then
	echo "generating $corpus ..."
	go run ./bench/corpus/gen -o "$corpus.tmp"
	mv "$corpus.tmp" "$corpus"
fi
go build -o "$out/hashiya" ./cmd/hashiya
if [ -n "${BASE:-}" ]; then
	rm -rf "$out/base-src"
	mkdir -p "$out/base-src"
	git archive "$BASE" | tar -x -C "$out/base-src"
	(cd "$out/base-src" && go build -o ../hashiya-base ./cmd/hashiya)
fi
go run ./bench/patterns/gen -n 10000 -real "${REAL:-0}" -patterns "$out/patterns.jsonl" -phrases "$out/phrases.txt"
size=$(stat -L -c %s "$corpus")
cat "$corpus" >/dev/null # page cache warm for both
echo "corpus: $size bytes; patterns: $(wc -l <"$out/patterns.jsonl"); load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# Output goes to a file, not /dev/null: GNU grep stops at the first match when it
# writes to /dev/null.
measure() { # name command...
	local name=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" >"$out/$name.out"
	read -r wall user sys rss <"$out/time.txt"
	echo "$name $wall $(echo "$user + $sys" | bc) $rss $(wc -l <"$out/$name.out")" | tee -a "$out/runs.txt"
}
: >"$out/runs.txt"
echo "name wall_s cpu_s max_rss_kB output_lines"
for i in $(seq "$runs"); do
	measure hashiya "$out/hashiya" match --patterns "$out/patterns.jsonl" "$corpus"
	[ -n "${BASE:-}" ] && measure base "$out/hashiya-base" match --patterns "$out/patterns.jsonl" "$corpus"
	measure grep grep -F -o -f "$out/phrases.txt" "$corpus"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${BASE:-}" ]; then # a faster build must print the same lines, byte for byte
	if cmp -s "$out/hashiya.out" "$out/base.out"; then echo "hashiya and base outputs: identical"; else echo "hashiya and base outputs: DIFFER"; fi
fi
awk -v size="$size" '
	{ wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; rss[$1] = $4 }
	function median(list,   a, n, i, j, t) {
		n = split(list, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	END {
		for (k in wall) {
			w[k] = median(wall[k]); c[k] = median(cpu[k])
			printf "%-8s median wall %.2f s (%.0f MB/s), CPU %.2f s (%.0f MB/s per CPU second), peak RSS %.0f MB\n", k, w[k], size / 1e6 / w[k], c[k], size / 1e6 / c[k], rss[k] / 1024
		}
		printf "ratio hashiya / grep -F: wall %.2f, CPU %.2f\n", w["hashiya"] / w["grep"], c["hashiya"] / c["grep"]
		if ("base" in w) printf "ratio hashiya / base: wall %.2f, CPU %.2f\n", w["hashiya"] / w["base"], c["hashiya"] / c["base"]
	}' "$out/runs.txt"
