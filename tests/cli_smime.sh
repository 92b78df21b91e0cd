#!/bin/sh
# cli_smime — the S/MIME lesson through the command line: its mail, written
# with --eml-dir, is real S/MIME that the openssl command accepts (and the
# copy an attacker's relay changed, it rejects); the same lesson and seed
# write the same bytes twice; a broken "smime" section is reported as one
# located line per problem.  The openssl part is skipped, saying so, only
# when the openssl command is missing.
# Usage: sh tests/cli_smime.sh ./mailsim
set -u
MAILSIM=${1:-./mailsim}
LESSON=scenarios/11-smime.json
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL cli_smime $1"; [ -f "$T/log" ] && head -5 "$T/log"; }

# The lesson's moment of reading (its start, 2026-04-01T09:00:00+09:00, plus
# a minute and a half): openssl checks the certificates' validity then,
# since they are dated by the lesson, not by today's date.
AT=$((1775001600 + 90))

"$MAILSIM" run "$LESSON" --quiet --eml-dir "$T/a" --trace-json "$T/a.jsonl" > "$T/log" 2>&1 && ok || no "run"
"$MAILSIM" run "$LESSON" --quiet --eml-dir "$T/b" --trace-json "$T/b.jsonl" > "$T/log" 2>&1 && ok || no "second run"
# Same lesson, same seed: the same trace and the same bytes, crypto included.
diff -r "$T/a" "$T/b" > "$T/log" 2>&1 && ok || no "two runs wrote different mail or certificates"
cmp -s "$T/a.jsonl" "$T/b.jsonl" && ok || no "two runs wrote different traces"
"$MAILSIM" run "$LESSON" --quiet --seed 12 --eml-dir "$T/c" > "$T/log" 2>&1 && ok || no "run with --seed 12"
m1_seed11=$(grep -l '\.m1@' "$T/a/bob@ispb.example/INBOX/"*.eml)
m1_seed12=$(grep -l '\.m1@' "$T/c/bob@ispb.example/INBOX/"*.eml)
cmp -s "$m1_seed11" "$m1_seed12" && no "another seed made the same session key and IV" || ok

for f in ca.pem unknown-ca.pem alice@ispa.example.pem alice@ispa.example.key bob@ispb.example.pem \
	bob@ispb.example.key carol@ispb.example.pem; do
	[ -s "$T/a/certs/$f" ] && ok || no "certs/$f was not written"
done
# The lesson does not give Carol's private key: neither may the export.
[ -e "$T/a/certs/carol@ispb.example.key" ] && no "certs/carol@ispb.example.key exists" || ok

if ! command -v openssl > /dev/null 2>&1; then
	echo "cli_smime: SKIPPED the openssl checks: the openssl command is not installed (apt-get install openssl)"
else
	cd "$T/a" || exit 1
	inbox=bob@ispb.example/INBOX
	m1=$(grep -l '\.m1@' $inbox/*.eml)
	d1=$(grep -l '\.d1@' $inbox/*.eml)
	e1=$(grep -l '\.e1@' $inbox/*.eml)
	n1=$(grep -l '\.n1@' carol@ispb.example/INBOX/*.eml)
	# m1 as it lies on ISP B's server: Bob's key opens it, Alice's signature
	# inside verifies up to the lesson CA, and the text is what Alice wrote.
	openssl cms -decrypt -recip certs/bob@ispb.example.pem -inkey certs/bob@ispb.example.key \
		-in "$m1" -out "$T/m1-inner.eml" > "$T/log" 2>&1 && ok || no "openssl cms -decrypt m1"
	openssl cms -verify -CAfile certs/ca.pem -attime $AT -in "$T/m1-inner.eml" -out "$T/m1.txt" \
		> "$T/log" 2>&1 && ok || no "openssl cms -verify m1"
	grep -q 'Content-Type: text/plain; charset=UTF-8' "$T/m1.txt" && ok || no "m1's signed part is not the text"
	sed '1,/^\r\{0,1\}$/d' "$T/m1.txt" | openssl base64 -d 2>/dev/null | grep -q '1,200,000' && ok ||
		no "m1 does not say what Alice wrote"
	# Alice's key is not Bob's: it cannot open what was encrypted for Bob.
	openssl cms -decrypt -recip certs/alice@ispa.example.pem -inkey certs/alice@ispa.example.key \
		-in "$m1" -out /dev/null > "$T/log" 2>&1 && no "Alice's key opened m1" || ok
	# The same signed text changed by hand: one character of the body.
	sed 's/^44Oc44OW/44Oc44OX/' "$T/m1-inner.eml" > "$T/m1-changed.eml"
	cmp -s "$T/m1-inner.eml" "$T/m1-changed.eml" && no "the hand-made change did not apply" || ok
	openssl cms -verify -CAfile certs/ca.pem -attime $AT -in "$T/m1-changed.eml" -out /dev/null \
		> "$T/log" 2>&1 && no "openssl accepted m1 changed by hand" || ok
	# d1, changed by the attacker's relay in the run itself: rejected.
	grep -q 'multipart/signed' "$d1" && ok || no "d1 is not signed"
	openssl cms -verify -CAfile certs/ca.pem -attime $AT -in "$d1" -out /dev/null > "$T/log" 2>&1 &&
		no "openssl accepted d1, which the relay changed" || ok
	grep -q 'verification failure' "$T/log" && ok || no "d1 was not rejected for its content"
	# e1: a correct signature from a CA the lesson's readers do not trust.
	openssl cms -verify -CAfile certs/ca.pem -attime $AT -in "$e1" -out /dev/null > "$T/log" 2>&1 &&
		no "openssl trusted e1's unknown CA" || ok
	openssl cms -verify -CAfile certs/unknown-ca.pem -attime $AT -in "$e1" -out /dev/null \
		> "$T/log" 2>&1 && ok || no "e1 does not verify against its own CA"
	# n1: only Carol's private key opens it; the lesson keeps it from her
	# mail program, but the key file shows it was only the key missing.
	openssl cms -decrypt -recip certs/carol@ispb.example.pem -inkey "$OLDPWD/scenarios/keys/carol.key" \
		-in "$n1" -out /dev/null > "$T/log" 2>&1 && ok || no "carol.key does not open n1"
	openssl cms -decrypt -recip certs/bob@ispb.example.pem -inkey certs/bob@ispb.example.key \
		-in "$n1" -out /dev/null > "$T/log" 2>&1 && no "Bob's key opened n1" || ok
	cd "$OLDPWD" || exit 1
fi

# A broken S/MIME section: one located line per problem, exit 2.  (Beside
# a copy of the keys, as the lesson's paths are relative to it.)
mkdir -p "$T/broken/keys"
cp scenarios/keys/* "$T/broken/keys/"
sed -e 's|"keys/alice.key"|"keys/nobody.key"|' \
    -e 's|"trust": \[ "lesson-ca" \]|"trust": [ "no-such-ca" ]|' \
    -e 's|"to": "Carol <carol@ispb.example>"|"to": "Dave <dave@elsewhere.example>"|' \
    "$LESSON" > "$T/broken/lesson.json"
"$MAILSIM" check "$T/broken/lesson.json" > "$T/out" 2> "$T/err"
st=$?
[ "$st" = 2 ] && ok || no "a broken smime section: expected exit 2, found $st"
grep "$T/broken/lesson.json: /smime/users/0/key: expected a readable PEM file, found \"" "$T/err" |
	grep -qF '(No such file or directory)'  && ok ||
	{ no "missing key file line"; cat "$T/err"; }
grep -qF '/smime/users/1/trust/0: expected the id of a CA in smime/cas, found "no-such-ca"' "$T/err" && ok ||
	{ no "unknown CA line"; cat "$T/err"; }
grep -qF '/encrypt: expected every recipient to have a certificate in smime/users, found none for "dave@elsewhere.example"' "$T/err" && ok ||
	{ no "recipient without a certificate line"; cat "$T/err"; }
[ "$(wc -l < "$T/err")" -eq 3 ] && ok || { no "expected 3 error lines"; cat "$T/err"; }

echo "cli_smime: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
