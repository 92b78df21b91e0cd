#!/bin/sh
# fuzz — build every libFuzzer target, seed it, run it for FUZZ_SECONDS and
# report how much of the code it aims at the corpus reaches (a fuzz target
# that never reaches its parser finds nothing: the SPF target once covered
# 18.7 % of spf.c until it was seeded).  Run from the top directory with
# clang; `make fuzz` sets SIM_CFLAGS and SIM_LIBS.
#
# One line per target:  name | files it aims at | sources | seed directories
set -u
: "${FUZZ_SECONDS:=60}"
: "${SIM_CFLAGS:=$(pkg-config --cflags libcjson libcrypto)}"
: "${SIM_LIBS:=$(pkg-config --libs libcjson libcrypto) -lm}"
MSG="sim/util.c sim/slab.c sim/mime.c sim/msg.c sim/msg_codec.c"
SCEN="sim/ledger.c sim/trace_names.c sim/dns.c sim/hindex.c sim/scenario*.c sim/mimetree.c sim/smime*.c sim/taglist.c sim/dkim*.c sim/mbox.c"
TARGETS="
scenario | sim/scenario_load.c sim/scenario_script.c sim/scenario_json.c | $MSG $SCEN | scenarios
msg      | sim/msg_codec.c sim/msg.c | $MSG | tests/golden/eml-01-basic-flow tests/data/mail tests/data/bayes scenarios/mail
spf      | sim/spf.c | $MSG $SCEN sim/spf.c | tests/fuzz/seed-spf
bayes    | sim/bayes_tok.c sim/bayes_text.c sim/bayes_db.c | $MSG sim/bayes*.c | tests/data/bayes tests/data/mail
smime    | sim/smime_verdict.c sim/mimetree.c | $MSG sim/mimetree.c sim/smime*.c | tests/fuzz/seed-smime
dkim     | sim/dkim.c sim/dkim_canon.c sim/taglist.c | $MSG sim/taglist.c sim/dkim*.c | tests/fuzz/seed-dkim
dmarc    | sim/dmarc.c sim/addrlist.c | $MSG sim/taglist.c sim/dkim*.c sim/addrlist.c sim/dmarc.c | tests/fuzz/seed-dmarc
trace    | sim/trace_kinds.c sim/trace_auth.c sim/trace_sniff.c sim/trace_smime.c | ALL | tests/fuzz/seed-trace tests/data/mail
mra      | sim/pop3.c sim/imap.c | ALL | tests/fuzz/seed-mra
wrap     | render/render_wrap.c | sim/util.c render/render_wrap.c | tests/fuzz/seed-wrap
smtpd    | sim/smtp.c sim/smtp_reply.c | ALL | tests/fuzz/seed-smtpd
script   | sim/smtp_client.c sim/scenario_script.c | ALL | tests/fuzz/seed-script
dsn      | sim/bounce.c | ALL | tests/fuzz/seed-dsn tests/data/mail tests/data/postfix
"
mkdir -p build/fuzz
echo "$TARGETS" | grep -E "^(${FUZZ_ONLY:-.*}) " | while IFS='|' read -r name focus srcs seeds; do
	name=$(echo $name)
	[ -n "$name" ] || continue
	[ -f "tests/fuzz/fuzz_$name.c" ] || { echo "fuzz: no tests/fuzz/fuzz_$name.c"; exit 1; }
	if [ "$(echo $srcs)" = ALL ]; then
		srcs="$(ls sim/*.c)"
		libs="$SIM_LIBS"
	else
		srcs=$(ls $srcs 2>/dev/null | grep '\.c$' | sort -u)
		libs="$SIM_LIBS"
	fi
	flags="-std=c11 -g -O1 -D_POSIX_C_SOURCE=200809L -Isim -Irender $SIM_CFLAGS"
	clang $flags -fsanitize=fuzzer,address,undefined $srcs "tests/fuzz/fuzz_$name.c" $libs \
	    -o "build/fuzz/fuzz_$name" || exit 1
	mkdir -p "build/fuzz/corpus-$name"
	"build/fuzz/fuzz_$name" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 \
	    -artifact_prefix="build/fuzz/$name-" \
	    "build/fuzz/corpus-$name" $seeds > "build/fuzz/$name.log" 2>&1 || {
		echo "fuzz $name: FAILED (build/fuzz/$name.log)"; tail -30 "build/fuzz/$name.log"; exit 1; }
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "build/fuzz/$name.log" | grep -o '[0-9]*$')
	# Line coverage of what the target aims at, measured on its corpus.
	cov=""
	if command -v llvm-profdata >/dev/null && command -v llvm-cov >/dev/null; then
		clang $flags -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping $srcs \
		    "tests/fuzz/fuzz_$name.c" $libs -o "build/fuzz/cov_$name" 2>/dev/null &&
		LLVM_PROFILE_FILE="build/fuzz/$name.profraw" "build/fuzz/cov_$name" -runs=0 \
		    "build/fuzz/corpus-$name" $seeds > /dev/null 2>&1 &&
		llvm-profdata merge -o "build/fuzz/$name.profdata" "build/fuzz/$name.profraw" &&
		cov=$(llvm-cov report "build/fuzz/cov_$name" -instr-profile="build/fuzz/$name.profdata" $focus 2>/dev/null |
		      awk '/^TOTAL/ { print $(NF-3) }')
	fi
	echo "fuzz $name: $runs runs, no crash; lines covered in$focus: ${cov:-?}"
done
