#!/usr/bin/env python3
"""eml_strict — check exported .eml files with Python's strictest email parser.

Usage: eml_strict.py FILE.eml...

Each file is parsed with email.policy.strict (which raises on the defects
the parser itself finds); then every header is read through the header
registry and every leaf part's content is decoded, because those defects
are only found on access.  Lines over RFC 5322's hard limit of 998
characters are reported too.  Prints one line per problem and exits 1 if
any file had one, 0 if all are clean, 2 on bad usage.
"""
import email
import email.policy
import sys


def check(path):
    """Return a list of problem strings for the file at path."""
    problems = []
    with open(path, "rb") as f:
        data = f.read()
    for no, line in enumerate(data.split(b"\n"), 1):
        if len(line.rstrip(b"\r")) > 998:
            problems.append(f"line {no}: longer than 998 characters")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.strict)
        for part in msg.walk():
            for name, value in part.items():
                for d in getattr(value, "defects", ()):
                    problems.append(f"{name}: {type(d).__name__}: {d}")
            if not part.is_multipart():
                part.get_content()
            for d in part.defects:
                problems.append(f"message: {type(d).__name__}: {d}")
    except Exception as e:  # strict policy raises defects as exceptions
        problems.append(f"parse failed: {type(e).__name__}: {e}")
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    bad = 0
    for path in argv[1:]:
        try:
            problems = check(path)
        except OSError as e:
            problems = [f"cannot read: {e.strerror}"]
        for p in problems:
            print(f"{path}: {p}")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
