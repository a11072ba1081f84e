#!/usr/bin/env bash
# Compare `hashiya render` with fribidi on a deterministic 10 MB Arabic/Persian/Hebrew/Latin
# file, by CPU time (user+sys) and wall time. The two programs run alternately, A B A B …, so
# that a machine shared with other work slows both alike; the figures are medians and the
# ratios are hashiya / fribidi (below 1: hashiya is cheaper).
#
#   bench/render/run.sh [-n RUNS] [SIZE_BYTES]
#   REF=<commit> bench/render/run.sh [-n RUNS]   # also this build against REF's, in turns
#
#   no wrapping:  GOMAXPROCS=1 hashiya render --width 0   vs  fribidi --nopad --nobreak
#                 hashiya render --width 0 (all cores)     vs  fribidi --nopad --nobreak
#   wrapping:     GOMAXPROCS=1 hashiya render --width 80  vs  fribidi --nopad --width 80
#   with REF:     GOMAXPROCS=1 hashiya render --width 0 and --width 80 vs REF's build
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=7
if [ "${1:-}" = "-n" ]; then
	runs=$2
	shift 2
fi
size=${1:-10000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v fribidi >/dev/null || { echo "fribidi not installed (apt-get install libfribidi-bin)" >&2; exit 1; }

go build -o "$work/hashiya" ./cmd/hashiya
if [ -n "${REF:-}" ]; then
	mkdir "$work/ref"
	git archive "$REF" | tar -x -C "$work/ref"
	(cd "$work/ref" && go build -o "$work/hashiya-ref" ./cmd/hashiya)
fi
go run ./bench/render/gen -size "$size" -o "$work/input.txt"
printf 'input: %s bytes, %s lines; %s alternating runs of each\n' "$(wc -c <"$work/input.txt")" "$(wc -l <"$work/input.txt")" "$runs"

# measure FILE CMD...: appends "cpu wall" (seconds) of one run to FILE. CPU time (user+sys)
# is perf's task-clock when perf works (to the microsecond), else GNU time's (10 ms steps).
if perf stat -x, -e task-clock -o /dev/null true 2>/dev/null; then
	measure() {
		local file=$1 t0 t1
		shift
		t0=$(date +%s.%N)
		perf stat -x, -e task-clock -o "$work/t" "$@" <"$work/input.txt" >/dev/null
		t1=$(date +%s.%N)
		awk -F, -v w="$(echo "$t1 - $t0" | bc -l)" '$3 == "task-clock" { printf "%.4f %.4f\n", $1 / 1000, w }' "$work/t" >>"$file"
	}
else
	measure() {
		local file=$1
		shift
		/usr/bin/time -f '%U %S %e' -o "$work/t" "$@" <"$work/input.txt" >/dev/null
		awk '{ printf "%.3f %.3f\n", $1 + $2, $3 }' "$work/t" >>"$file"
	}
fi

median() { # median of column $2 of file $1
	sort -g -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# compare LABEL_A LABEL_B -- CMD_A... -- CMD_B...
compare() {
	local la=$1 lb=$2
	shift 3
	local a=() b=()
	while [ "$1" != "--" ]; do a+=("$1"); shift; done
	shift
	b=("$@")
	: >"$work/a"
	: >"$work/b"
	for _ in $(seq "$runs"); do
		measure "$work/a" "${a[@]}"
		measure "$work/b" "${b[@]}"
	done
	local ca wa cb wb
	ca=$(median "$work/a" 1) wa=$(median "$work/a" 2)
	cb=$(median "$work/b" 1) wb=$(median "$work/b" 2)
	printf '\n%-44s cpu %6.3f s  wall %6.3f s\n' "$la" "$ca" "$wa"
	printf '%-44s cpu %6.3f s  wall %6.3f s\n' "$lb" "$cb" "$wb"
	printf '%-44s cpu %6.2f     wall %6.2f\n' "ratio ${ratio:-hashiya / fribidi}" "$(echo "$ca / $cb" | bc -l)" "$(echo "$wa / $wb" | bc -l)"
}

h=$work/hashiya
compare "GOMAXPROCS=1 hashiya render --width 0" "fribidi --nopad --nobreak" \
	-- env GOMAXPROCS=1 "$h" render --width 0 -- fribidi --nopad --nobreak
compare "hashiya render --width 0 (all cores)" "fribidi --nopad --nobreak" \
	-- "$h" render --width 0 -- fribidi --nopad --nobreak
compare "GOMAXPROCS=1 hashiya render --width 80" "fribidi --nopad --width 80" \
	-- env GOMAXPROCS=1 "$h" render --width 80 -- fribidi --nopad --width 80
if [ -n "${REF:-}" ]; then
	r=$work/hashiya-ref
	ratio="this build / REF's" compare "GOMAXPROCS=1 hashiya render --width 0" "REF's build, the same" \
		-- env GOMAXPROCS=1 "$h" render --width 0 -- env GOMAXPROCS=1 "$r" render --width 0
	ratio="this build / REF's" compare "GOMAXPROCS=1 hashiya render --width 80" "REF's build, the same" \
		-- env GOMAXPROCS=1 "$h" render --width 80 -- env GOMAXPROCS=1 "$r" render --width 80
fi
