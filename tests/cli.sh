#!/bin/sh
# cli — the mailsim command as a user meets it: exit statuses, the one-line
# errors for a broken lesson, --help and --version, the run's outputs.
# Usage: sh tests/cli.sh ./mailsim
set -u
MAILSIM=${1:-./mailsim}
NAME=cli
. "$(dirname "$0")/cli_lib.sh"

expect version 0 "$MAILSIM" --version
has version "$T/out" "mailsim "
expect help 0 "$MAILSIM" --help
has help "$T/out" "mailsim check FILE..."
expect unknown-option 2 "$MAILSIM" run scenarios/01-basic-flow.json --bogus
has unknown-option "$T/err" "unknown option --bogus"
expect missing-file 2 "$MAILSIM" check "$T/nope.json"
has missing-file "$T/err" "$T/nope.json: cannot read: No such file or directory"
expect check-without-files 2 "$MAILSIM" check

# A broken lesson: every problem on its own line, file and JSON path first.
cat > "$T/broken.json" <<'JSON'
{ "title": "broken",
  "networks": [ { "id": "n1", "cidr": "10.0.0.0/24" } ],
  "hosts": [ { "id": "h1", "network": "n1", "addr": "10.0.1.5", "name": "h1.example", "roles": ["MTX"] } ],
  "users": [ { "address": "a@example", "mua": "h2" } ] }
JSON
expect broken-lesson 2 "$MAILSIM" check "$T/broken.json"
has broken-addr "$T/err" "$T/broken.json: /hosts/0/addr: expected an address inside network n1 (10.0.0.0/24), found \"10.0.1.5\""
has broken-role "$T/err" "$T/broken.json: /hosts/0/roles/0: expected one of MUA, MSA, MTA, MDA, MRA, DNS, found \"MTX\""
has broken-ref "$T/err" "$T/broken.json: /users/0/mua: expected a host id, found \"h2\""
[ "$(wc -l < "$T/err")" -eq 3 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL cli broken-lesson: expected 3 lines"; cat "$T/err"; }
printf '{ "title": "x", ' > "$T/syntax.json"
expect syntax 2 "$MAILSIM" run "$T/syntax.json"
has syntax "$T/err" "$T/syntax.json: /: expected valid JSON, found syntax error at line 1"

# A lesson whose answer key is wrong: exit 1 and a FAIL line.
sed 's/"received": 2, "header": "Delivered-To: bob@ispb.example"/"received": 3, "header": "Delivered-To: bob@ispb.example"/' \
	scenarios/01-basic-flow.json > "$T/wrong.json"
expect wrong-answer 1 "$MAILSIM" check "$T/wrong.json"
has wrong-answer "$T/out" "expected 3 Received fields, found 2"
has wrong-answer-total "$T/out" "passed, 1 failed"

# A run writes its JSON lines and mail files, and narrates in both languages.
expect run-outputs 0 "$MAILSIM" run scenarios/01-basic-flow.json --lang both --trace-json "$T/t.jsonl" --eml-dir "$T/eml"
has run-ja "$T/out" "メールボックス"
has run-en "$T/out" "mailbox"
[ -s "$T/t.jsonl" ] && [ -f "$T/eml/bob@ispb.example/MUA/1.eml" ] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli run-outputs: missing trace or mail file"; }
expect bad-lang 2 "$MAILSIM" run scenarios/01-basic-flow.json --lang fr
expect bad-until 2 "$MAILSIM" run scenarios/01-basic-flow.json --until abc
expect check-with-run-option 2 "$MAILSIM" check scenarios/01-basic-flow.json --until 1
expect shot-broken-lesson 2 "$MAILSIM" shot "$T/broken.json" --at 1 --out "$T/x.png"
has shot-broken-lesson "$T/err" "$T/broken.json: /hosts/0/addr: expected an address inside network n1"
expect window-missing-lesson 2 env DISPLAY=:0 "$MAILSIM" "$T/nope.json"
expect shot-without-out 2 "$MAILSIM" shot scenarios/01-basic-flow.json --at 1
# No display: the default command narrates instead of failing.
expect no-display 0 env -u DISPLAY -u WAYLAND_DISPLAY "$MAILSIM"
has no-display "$T/err" "no display"

# Out of memory: a valid lesson too big for the memory it may use (16 MB
# of actions, some 100 MB once parsed) exits 3 with one line, never
# "syntax error".  (Under AddressSanitizer a virtual-memory limit means
# nothing, so only the optimised program is run this way.)
python3 - "$T/big.json" <<'PY'
import json, sys
d = json.load(open('scenarios/01-basic-flow.json'))
d['actions'] += [{"at": 30, "do": "fetch", "user": "bob@ispb.example"}] * 300000
open(sys.argv[1], 'w').write(json.dumps(d, ensure_ascii=False))
PY
expect out-of-memory 3 sh -c "ulimit -v 150000; exec \"$MAILSIM\" check \"$T/big.json\""
has out-of-memory "$T/err" "mailsim: out of memory"
[ "$(wc -l < "$T/err")" -eq 1 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL cli out-of-memory: expected 1 line"; cat "$T/err"; }

# The JSON trace is valid JSON, line by line, whatever bytes the mail
# carries (raw Latin-1 header bytes, a UTF-8 sequence cut short), and a
# mail to 2,000 recipients does not repeat its header in every record.
python3 - "$T/trace.json" "$PWD/tests/data/mail/latin1-header.eml" <<'PY'
import json, sys
d = json.load(open('scenarios/01-basic-flow.json'))
d['actions'] = [
    {"at": 1, "do": "send", "id": "latin1", "user": "alice@ispa.example", "eml": sys.argv[2],
     "to": "bob@ispb.example"},
    {"at": 2, "do": "send", "id": "many", "user": "alice@ispa.example", "subject": "many",
     "to": ["u%d@ispb.example" % i for i in range(2000)]}]
d['captions'] = []
d.pop('quiz', None)
d['expect'] = []
d['until'] = 600
open(sys.argv[1], 'w').write(json.dumps(d, ensure_ascii=False))
PY
expect trace-json 0 "$MAILSIM" run "$T/trace.json" --quiet --trace-json "$T/trace.jsonl"
if python3 -c '
import json, sys
n = 0
for raw in open(sys.argv[1], "rb"):
    json.loads(raw.decode("utf-8"))
    n += 1
print(n)' "$T/trace.jsonl" > "$T/lines" 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL cli trace-json: a line is not valid UTF-8 JSON"; tail -3 "$T/lines"; fi
size=$(wc -c < "$T/trace.jsonl")
[ "$size" -lt 20000000 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL cli trace-size: $size bytes for one mail to 2,000 recipients"; }

# The answer key in the class's language, and the quiz as a worksheet.
expect check-lang 0 "$MAILSIM" check scenarios/01-basic-flow.json --lang ja
has check-lang "$T/out" "✓ ボブの受信箱に届き、Received 行は2行"
expect check-lang-both 2 "$MAILSIM" check scenarios/01-basic-flow.json --lang both
expect quiz 0 "$MAILSIM" quiz scenarios/02-op25b.json --lang en
has quiz "$T/out" "## Question 1"
has quiz "$T/out" "Name: "
expect quiz-answers 0 "$MAILSIM" quiz scenarios/02-op25b.json --lang ja --answers
has quiz-answers "$T/out" "**答え: 1**"
# Every lesson prints a worksheet of at least three questions.
for lesson in scenarios/[0-9]*.json; do
	name=$(basename "$lesson" .json)
	expect "quiz-$name" 0 "$MAILSIM" quiz "$lesson" --lang ja --answers
	has "quiz-$name" "$T/out" "## 問題 3"
done
# Every lesson has a quiz; the lesson written above for the trace has none.
expect quiz-without-quiz 2 "$MAILSIM" quiz "$T/trace.json" --lang en
has quiz-without-quiz "$T/err" "the lesson has no quiz"

# The summary picture: a PNG of the asked size, not the normal frame of
# the same moment; --pause-captions plays on from --at to the next caption.
expect shot-summary 0 "$MAILSIM" shot scenarios/02-op25b.json --summary --size 640x360 --out "$T/sum.png"
expect shot-plain 0 "$MAILSIM" shot scenarios/02-op25b.json --at 300 --size 640x360 --out "$T/plain.png"
if python3 -c '
import struct, sys
a, b = (open(f, "rb").read() for f in sys.argv[1:3])
assert a[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", a[16:24]) == (640, 360), "not a 640x360 PNG"
assert a != b, "the summary is the normal frame"' "$T/sum.png" "$T/plain.png" 2> "$T/err"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL cli shot-summary:"; cat "$T/err"; fi
expect shot-pause 0 "$MAILSIM" shot scenarios/02-op25b.json --at 0 --pause-captions --size 640x360 --out "$T/pause.png"
expect shot-at-0 0 "$MAILSIM" shot scenarios/02-op25b.json --at 0 --size 640x360 --out "$T/zero.png"
cmp -s "$T/pause.png" "$T/zero.png" && { fail=$((fail + 1)); echo "FAIL cli shot-pause: the same frame as --at 0"; } || pass=$((pass + 1))
expect check-with-summary 2 "$MAILSIM" check scenarios/01-basic-flow.json --summary

# A quiz moment (--quiz N, numbered as mailsim quiz numbers them): the
# question asked over the frame (its choices' pale blue boxes, no verdict
# colours), then with --answer K the reveal: the right answer green, the
# class's wrong one red.  Lesson 05's question 1 has the answer 1.
L05=scenarios/05-envelope-bcc-forward.json
COLOURS="E3F2FD C8E6C9 FFCDD2"
expect shot-quiz-plain 0 "$MAILSIM" shot "$L05" --at 1 --size 800x450 --out "$T/q0.png"
expect shot-quiz-asked 0 "$MAILSIM" shot "$L05" --quiz 1 --size 800x450 --out "$T/qa.png"
expect shot-quiz-wrong 0 "$MAILSIM" shot "$L05" --quiz 1 --answer 2 --size 800x450 --out "$T/qw.png"
expect shot-quiz-right 0 "$MAILSIM" shot "$L05" --quiz 1 --answer 1 --size 800x450 --out "$T/qr.png"
expect shot-quiz-esc 0 "$MAILSIM" shot "$L05" --quiz 1 --answer 0 --size 800x450 --out "$T/qe.png"
if python3 - "$T" $COLOURS <<'PY' 2> "$T/err"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL cli shot-quiz:"; cat "$T/err"; fi
import subprocess, sys
d, cols = sys.argv[1], sys.argv[2:]
def count(name):
    out = subprocess.run([sys.executable, "tests/png_count.py", d + "/" + name] + cols,
                         capture_output=True, text=True, check=True).stdout
    return dict(zip(("blue", "green", "red"), map(int, out.split())))
plain, asked, wrong, right, esc = (count(n + ".png") for n in ("q0", "qa", "qw", "qr", "qe"))
assert asked["blue"] > plain["blue"] + 5000, ("no choice boxes asked", plain, asked)
assert asked["green"] < 50 and asked["red"] < 50, ("a verdict colour while asking", asked)
assert wrong["green"] > 2000 and wrong["red"] > 2000, ("the reveal of a wrong answer", wrong)
assert right["green"] > 2000 and right["red"] < wrong["red"] // 10, ("the reveal of the right answer", right)
assert esc["green"] > 2000 and esc["red"] < wrong["red"] // 10, ("the reveal without an answer", esc)
PY
expect shot-quiz-range 2 "$MAILSIM" shot "$L05" --quiz 9 --out "$T/x.png"
has shot-quiz-range "$T/err" "--quiz: expected a question from 1 to 4 (as mailsim quiz numbers them), found 9"
expect shot-quiz-zero 2 "$MAILSIM" shot "$L05" --quiz 0 --out "$T/x.png"
expect shot-quiz-choice 2 "$MAILSIM" shot "$L05" --quiz 1 --answer 4 --out "$T/x.png"
has shot-quiz-choice "$T/err" "--answer: question 1 has 3 choices, found 4"
expect shot-answer-alone 2 "$MAILSIM" shot "$L05" --at 1 --answer 2 --out "$T/x.png"
has shot-answer-alone "$T/err" "--answer goes with --quiz N"
expect shot-quiz-at 2 "$MAILSIM" shot "$L05" --quiz 1 --at 3 --out "$T/x.png"
has shot-quiz-at "$T/err" "expected no --at, --summary or --pause-captions"
expect check-with-quiz 2 "$MAILSIM" check "$L05" --quiz 1
[ ! -e "$T/x.png" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL cli shot-quiz: a refused shot wrote a picture"; }

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
