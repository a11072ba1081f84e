#!/usr/bin/env python3
"""Check hashiya annotation files with nothing but the Python standard library.

For every record: offset_unit == "codepoint", text_sha256 matches the text,
and text[start:end] == text for every token, span, claim span and located
numeric surface of a claim (Python str
indices are code points, the unit hashiya writes). This is an independent
check of the Go code's offsets from the language most training code uses.

Usage: scripts/check_offsets.py annotations.jsonl [more.jsonl ...]
Prints "N records, M spans, K claims checked: OK" or one line per problem
(FILE:LINE: ...); exit status 1 on any problem.
"""
import hashlib
import json
import sys


def check_span(text, sp, where, problems):
    try:
        start, end, want = sp["start"], sp["end"], sp["text"]
    except (KeyError, TypeError) as e:
        problems.append(f"{where}: missing {e}")
        return
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        problems.append(f"{where}: offsets [{start},{end}) out of range (text has {len(text)} code points)")
    elif text[start:end] != want:
        problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, record says {want!r}")


def check_file(path):
    records = spans = claims = 0
    problems = []
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            loc = f"{path}:{n}"
            try:
                r = json.loads(line)
                text = r["text"]
            except (ValueError, KeyError, TypeError) as e:
                problems.append(f"{loc}: not a record: {e}")
                continue
            records += 1
            if r.get("offset_unit") != "codepoint":
                problems.append(f"{loc}: offset_unit is {r.get('offset_unit')!r}, want 'codepoint'")
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if r.get("text_sha256") != sha:
                problems.append(f"{loc}: text_sha256 {r.get('text_sha256')!r} != {sha}")
            for i, t in enumerate(r.get("tokens") or []):
                check_span(text, t, f"{loc}: tokens[{i}]", problems)
            for i, sp in enumerate(r.get("spans") or []):
                spans += 1
                check_span(text, sp, f"{loc}: spans[{i}] {sp.get('id', '?')} {sp.get('label', '?')}", problems)
            for i, c in enumerate(r.get("claims") or []):
                claims += 1
                check_span(text, c.get("span") or {}, f"{loc}: claims[{i}] {c.get('id', '?')}", problems)
                n = c.get("numeric") or {}
                if n.get("surface_start") or n.get("surface_end"):  # 0, 0: typed, not located
                    surface = {"start": n.get("surface_start"), "end": n.get("surface_end"), "text": n.get("surface")}
                    check_span(text, surface, f"{loc}: claims[{i}] {c.get('id', '?')} numeric surface", problems)
    return records, spans, claims, problems


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    totals = [0, 0, 0]
    problems = []
    for path in argv[1:]:
        try:
            r, s, c, p = check_file(path)
        except (OSError, UnicodeDecodeError) as e:
            problems.append(f"{path}: {e}")
            continue
        totals = [totals[0] + r, totals[1] + s, totals[2] + c]
        problems += p
    for p in problems:
        print(p)
    status = "OK" if not problems else f"{len(problems)} problem(s)"
    print(f"{totals[0]} records, {totals[1]} spans, {totals[2]} claims checked: {status}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
