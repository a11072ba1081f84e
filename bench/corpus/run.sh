#!/usr/bin/env bash
# Generates the 600 MB benchmark corpus (once) and measures opening it.
#   bench/corpus/run.sh            # corpus in bench/out/ (gitignored)
#   OUT=/tmp/hb bench/corpus/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-bench/out}
mkdir -p "$out"
corpus=$out/corpus.jsonl
if [ ! -s "$corpus" ]; then
	echo "generating $corpus ..."
	go run ./bench/corpus/gen -o "$corpus.tmp"
	mv "$corpus.tmp" "$corpus"
fi
ls -l "$corpus"
go build -o "$out/measure" ./bench/corpus/measure
# Warm the page cache first so the figures don't depend on the disk, then measure.
cat "$corpus" >/dev/null
"$out/measure" "$corpus"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "max RSS (time -f %%M): %M kB" "$out/measure" "$corpus" >/dev/null
fi
