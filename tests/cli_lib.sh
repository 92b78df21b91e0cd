# cli_lib — what the command-line test scripts share: a temporary folder
# $T removed at exit, pass/fail counters, and two checks.  Source it after
# setting NAME (the script's name in FAIL lines): . tests/cli_lib.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

# expect NAME WANTED-STATUS COMMAND…: run it, compare the exit status.
expect() {
	name=$1 want=$2
	shift 2
	"$@" > "$T/out" 2> "$T/err"
	got=$?
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $NAME $name: expected exit $want, found $got"
		head -5 "$T/err"
	fi
}

# has NAME FILE TEXT: FILE must contain TEXT.
has() {
	if grep -qF -- "$3" "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $NAME $1: expected \"$3\" in $(basename "$2"), found:"
		head -5 "$2"
	fi
}
