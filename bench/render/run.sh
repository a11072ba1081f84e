#!/usr/bin/env bash
# Benchmark `hashiya render --width 0` against `fribidi --nopad --nobreak` on a deterministic
# 10 MB Arabic/Persian/Hebrew/Latin file. Prints the median of 5 runs of each and the ratio.
#
#   bench/render/run.sh [SIZE_BYTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-10000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/hashiya" ./cmd/hashiya
go run ./bench/render/gen -size "$size" -o "$work/input.txt"
command -v fribidi >/dev/null || { echo "fribidi not installed (apt-get install libfribidi-bin)" >&2; exit 1; }
printf 'input: %s bytes, %s lines\n' "$(wc -c <"$work/input.txt")" "$(wc -l <"$work/input.txt")"

# median of 5 wall-clock runs, in seconds
median() {
	local times=()
	for _ in 1 2 3 4 5; do
		local t0 t1
		t0=$(date +%s.%N)
		"$@" <"$work/input.txt" >/dev/null
		t1=$(date +%s.%N)
		times+=("$(echo "$t1 - $t0" | bc -l)")
	done
	printf '%s\n' "${times[@]}" | sort -g | sed -n 3p
}

h=$(median "$work/hashiya" render --width 0)
f=$(median fribidi --nopad --nobreak)
printf 'hashiya render --width 0:     %.3f s\n' "$h"
printf 'fribidi --nopad --nobreak:    %.3f s\n' "$f"
printf 'ratio (fribidi / hashiya):    %.2fx\n' "$(echo "$f / $h" | bc -l)"
