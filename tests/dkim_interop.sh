#!/bin/sh
# DKIM interop with an independent verifier, under a Python that has
# Debian's python3-dkim (dkimpy): tests/dkim_interop.py (mailsim's
# dkim_tool against dkimpy, both ways), then tests/dkim_lesson.py (lesson
# 13's exported mail, verified by dkimpy with the lesson's TXT records).
# Skips, saying so, only when no such Python exists.
tool=${1:-build/dkim_tool}
mailsim=${2:-./mailsim}
for py in python3 /usr/bin/python3; do
	if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import dkim' 2>/dev/null; then
		"$py" tests/dkim_interop.py "$tool" || exit 1
		exec "$py" tests/dkim_lesson.py "$mailsim" "$tool"
	fi
done
echo "dkim interop: SKIPPED: python3-dkim (dkimpy) is not installed (apt-get install python3-dkim)"
exit 0
