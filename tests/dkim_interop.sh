#!/bin/sh
# DKIM interop with an independent verifier: run tests/dkim_interop.py
# (mailsim's dkim_tool against dkimpy) under a Python that has Debian's
# python3-dkim.  Skips, saying so, only when no such Python exists.
tool=${1:-build/dkim_tool}
for py in python3 /usr/bin/python3; do
	if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import dkim' 2>/dev/null; then
		exec "$py" tests/dkim_interop.py "$tool"
	fi
done
echo "dkim interop: SKIPPED: python3-dkim (dkimpy) is not installed (apt-get install python3-dkim)"
exit 0
