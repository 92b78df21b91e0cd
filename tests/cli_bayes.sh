#!/bin/sh
# cli_bayes — `mailsim bayes` as a user meets it: train from files and an
# mbox, classify, eval with its JSON keys, the exit statuses and the one
# line said about a broken database.
# Usage: sh tests/cli_bayes.sh ./mailsim
set -u
MAILSIM=${1:-./mailsim}
NAME=cli-bayes
. "$(dirname "$0")/cli_lib.sh"

# A small corpus: spam and ham in files, and two more spam in one mbox.
i=0
for s in "WIN a FREE prize now" "FREE money waiting for you" "cheap pills FREE shipping" \
	"claim your prize money now"; do
	i=$((i + 1))
	printf 'From: promo%d@bulk.example.net\nSubject: %s\n\n%s, click now!\n' "$i" "$s" "$s" > "$T/spam$i.eml"
done
i=0
for h in "project meeting on Monday" "lunch after the meeting" "notes from the project review" \
	"the meeting moves to Friday"; do
	i=$((i + 1))
	printf 'From: colleague%d@work.example.org\nSubject: %s\n\n%s, see you there.\n' "$i" "$h" "$h" > "$T/ham$i.eml"
done
{
	printf 'From promo@bulk.example.net  Thu Aug 22 12:36:23 2002\n'
	printf 'Subject: FREE prize inside\n\nYour FREE prize, click now!\n\n'
	printf 'From promo@bulk.example.net  Thu Aug 22 12:40:01 2002\n'
	printf 'Subject: money now\n\nFREE money, click now!\n'
} > "$T/spam.mbox"

expect train-spam 0 "$MAILSIM" bayes train --db "$T/db" --spam "$T/spam1.eml" "$T/spam2.eml" "$T/spam.mbox"
has train-spam "$T/out" "learnt 4 spam messages"
expect train-ham 0 "$MAILSIM" bayes train --db "$T/db" --ham "$T/ham1.eml" "$T/ham2.eml" "$T/ham3.eml"
has train-ham "$T/out" "holds 3 ham, 4 spam"
[ -z "$(ls "$T" | grep '^db\.')" ] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli-bayes train: a temporary file was left behind"; }

expect classify 0 "$MAILSIM" bayes classify --db "$T/db" "$T/spam3.eml" "$T/ham4.eml"
has classify-spam "$T/out" "spam "
grep -q "^spam [01]\.[0-9]\{6\} $T/spam3.eml\$" "$T/out" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli-bayes classify: expected \"spam SCORE $T/spam3.eml\""; cat "$T/out"; }
grep -q "^ham [01]\.[0-9]\{6\} $T/ham4.eml\$" "$T/out" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli-bayes classify: expected \"ham SCORE $T/ham4.eml\""; cat "$T/out"; }
expect classify-mbox 0 "$MAILSIM" bayes classify --db "$T/db" "$T/spam.mbox"
has classify-mbox "$T/out" "$T/spam.mbox#2"
expect explain 0 "$MAILSIM" bayes classify --db "$T/db" --explain "$T/spam3.eml"
has explain "$T/out" "  free"

# eval: lists relative to --root, JSON keys.
printf 'spam\tspam1.eml\nspam\tspam2.eml\nham\tham1.eml\nham\tham2.eml\n' > "$T/train.list"
printf 'spam\tspam3.eml\nspam\tspam4.eml\nham\tham3.eml\nham\tham4.eml\n' > "$T/test.list"
expect eval-json 0 "$MAILSIM" bayes eval --root "$T" --train "$T/train.list" --test "$T/test.list" --json
for k in '"fp": ' '"fn": ' '"unsure": ' '"accuracy": ' '"auc": ' '"train_per_s": ' '"classify_per_s": '; do
	has eval-json "$T/out" "$k"
done
has eval-perfect "$T/out" '"auc": 1.000000'
expect eval-text 0 "$MAILSIM" bayes eval --root "$T" --train "$T/train.list" --test "$T/test.list"
has eval-text "$T/out" "ROC AUC: 1.000000"
printf 'spam\tspam1.eml\nmaybe spam2.eml\n' > "$T/bad.list"
expect eval-bad-list 2 "$MAILSIM" bayes eval --root "$T" --train "$T/bad.list" --test "$T/test.list"
has eval-bad-list "$T/err" "$T/bad.list:2: expected spam<TAB>path or ham<TAB>path"

# Usage and unreadable input.
expect no-subcommand 2 "$MAILSIM" bayes
expect help 0 "$MAILSIM" bayes --help
has help "$T/out" "mailsim bayes eval --root DIR"
expect no-class 2 "$MAILSIM" bayes train --db "$T/db" "$T/spam1.eml"
expect both-classes 2 "$MAILSIM" bayes train --db "$T/db" --spam --ham "$T/spam1.eml"
expect unknown-option 2 "$MAILSIM" bayes classify --db "$T/db" --bogus "$T/spam1.eml"
expect missing-db 2 "$MAILSIM" bayes classify --db "$T/nope.db" "$T/spam1.eml"
has missing-db "$T/err" "$T/nope.db: cannot read: No such file or directory"
expect missing-file 2 "$MAILSIM" bayes classify --db "$T/db" "$T/nope.eml"
has missing-file "$T/err" "$T/nope.eml: cannot read: No such file or directory"

# A damaged database: one clear line, never trusted, never overwritten.
size=$(wc -c < "$T/db")
head -c $((size - 5)) "$T/db" > "$T/cut.db"
expect truncated-db 2 "$MAILSIM" bayes classify --db "$T/cut.db" "$T/spam1.eml"
has truncated-db "$T/err" "$T/cut.db: truncated: expected $size bytes, found $((size - 5))"
[ "$(wc -l < "$T/err")" -eq 1 ] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli-bayes truncated-db: expected one line"; cat "$T/err"; }
cp "$T/db" "$T/flip.db"
printf 'X' | dd of="$T/flip.db" bs=1 seek=40 conv=notrunc 2>/dev/null
expect corrupt-db 2 "$MAILSIM" bayes train --db "$T/flip.db" --spam "$T/spam1.eml"
has corrupt-db "$T/err" "$T/flip.db: corrupt: checksum mismatch"
cmp -s "$T/flip.db" "$T/db" && { fail=$((fail + 1)); echo "FAIL cli-bayes corrupt-db: unchanged?"; } ||
	pass=$((pass + 1))
[ "$(wc -c < "$T/flip.db")" -eq "$size" ] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli-bayes corrupt-db: the damaged file was rewritten"; }

echo "cli-bayes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
