#!/bin/sh
# Install the Debian packages mailsim needs when they are missing.  As root
# with apt-get this installs them; otherwise it prints the one command that
# does and fails.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "mailsim: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $missing >/dev/null ||
		{ echo "mailsim: failed: $cmd" >&2; exit 1; }
	exit 0
fi
echo "mailsim: missing packages. Run as root:" >&2
echo "  apt-get update && $cmd" >&2
exit 1
