#!/usr/bin/env python3
"""Lesson 13's mail, checked by an independent DKIM verifier.

Runs the lesson with mailsim (--eml-dir), and gives every exported
mailbox file to dkimpy (Debian's python3-dkim) with the lesson's own DNS
TXT records: each DKIM-Signature of every delivered copy must verify,
except in the copy of the tampered invoice (scenarios/mail/
corp-invoice-tampered.eml, found by its changed body), whose signature must
fail.  The untouched invoice the tampered one was made from
(tests/data/lesson13-invoice.eml) must verify and the tampered file must
not, with dkimpy and with mailsim's own verifier alike.

The TXT records come from the lesson file: a zone's "txt" as written, a
zone's "dkim_key" made into "v=DKIM1; k=rsa; p=…" by dkim_tool from the
same PEM file the loader reads.  dkimpy checks that t= is not in the
future, so it verifies as of the lesson's own clock (its start plus its
length), not the machine's.

    tests/dkim_lesson.py MAILSIM DKIM_TOOL      (from the top directory)

Exit status 0 when every check holds, 1 otherwise.
"""

import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

import dkim

LESSON = "scenarios/13-dkim-dmarc.json"
TAMPERED = "scenarios/mail/corp-invoice-tampered.eml"
ORIGINAL = "tests/data/lesson13-invoice.eml"


def run(argv, data=None):
    p = subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        sys.exit(f"dkim_lesson: {' '.join(argv)} failed ({p.returncode}): "
                 f"{p.stderr.decode(errors='replace')}")
    return p


def lesson_records(lesson, tool):
    """The lesson's TXT records: {name: [value, …]}."""
    records = {}
    for zone in lesson["dns"]["zones"]:
        values = list(zone.get("txt", []))
        if "dkim_key" in zone:
            pem = os.path.join(os.path.dirname(LESSON), zone["dkim_key"])
            values.append(run([tool, "txt", pem]).stdout.decode().strip())
        if values:
            records[zone["domain"].lower()] = values
    return records


def body(raw):
    """The body: what follows the first empty line (CRLF or LF)."""
    m = re.search(rb"\r?\n\r?\n", raw)
    return raw[m.end():].replace(b"\r\n", b"\n") if m else b""


class Check:
    def __init__(self, tool, records, now):
        self.tool = tool
        self.records = records
        self.now = now
        self.checks = 0
        self.failures = []
        self.zone_file = None

    def expect(self, what, ok, detail=""):
        self.checks += 1
        if not ok:
            self.failures.append(f"{what}{': ' + detail if detail else ''}")

    def dnsfunc(self, name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode()
        values = self.records.get(name.rstrip(".").lower())
        # dkimpy wants one record; the lesson publishes one per key name.
        return values[0].encode() if values else None

    def dkimpy(self, raw):
        """dkimpy's verdict on every DKIM-Signature of raw, top first."""
        d = dkim.DKIM(raw)
        n = len(re.findall(rb"^DKIM-Signature:", raw, re.I | re.M))
        verdicts = []
        real_time = dkim.time.time
        dkim.time.time = lambda: self.now
        try:
            for i in range(n):
                try:
                    verdicts.append(bool(d.verify(idx=i, dnsfunc=self.dnsfunc)))
                except dkim.DKIMException:
                    verdicts.append(False)
        finally:
            dkim.time.time = real_time
        return verdicts

    def mailsim(self, raw):
        """mailsim's own verifier on the same bytes: 0 pass, 1 not."""
        return run([self.tool, "verify", self.zone_file], raw).returncode


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tests/dkim_lesson.py MAILSIM DKIM_TOOL")
    mailsim, tool = sys.argv[1:]
    lesson = json.load(open(LESSON, encoding="utf-8"))
    start = datetime.datetime.fromisoformat(lesson["start"])
    now = int(start.timestamp()) + int(lesson.get("until", 0)) + 60
    with tempfile.TemporaryDirectory(prefix="mailsim-dkim-lesson-") as tmp:
        c = Check(tool, lesson_records(lesson, tool), now)
        c.zone_file = os.path.join(tmp, "zone.txt")
        with open(c.zone_file, "w") as f:
            for name, values in c.records.items():
                for v in values:
                    if v.startswith("v=DKIM1"):
                        f.write(f"{name} {v}\n")
        tampered = open(TAMPERED, "rb").read()
        original = open(ORIGINAL, "rb").read()
        c.expect("the untouched invoice: dkimpy accepts it", c.dkimpy(original) == [True])
        c.expect("the untouched invoice: mailsim accepts it", c.mailsim(original) == 0)
        c.expect("the tampered invoice: dkimpy rejects it", c.dkimpy(tampered) == [False])
        c.expect("the tampered invoice: mailsim rejects it", c.mailsim(tampered) == 1)
        # The tampered copy keeps the invoice's header (its Message-ID too):
        # it is told apart by its changed body.
        fake_body = body(tampered)

        out = os.path.join(tmp, "eml")
        p = subprocess.run([mailsim, "run", LESSON, "--quiet", "--eml-dir", out],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            sys.exit(f"dkim_lesson: mailsim run failed: {p.stderr.decode(errors='replace')}")
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(out) for f in fs if f.endswith(".eml"))
        signed = fakes = 0
        for path in files:
            raw = open(path, "rb").read()
            verdicts = c.dkimpy(raw)
            name = os.path.relpath(path, out)
            if not verdicts:
                continue
            signed += 1
            if body(raw) == fake_body:
                fakes += 1
                c.expect(f"{name}: dkimpy rejects the tampered copy", verdicts == [False], repr(verdicts))
                c.expect(f"{name}: mailsim rejects it too", c.mailsim(raw) == 1)
            else:
                c.expect(f"{name}: dkimpy accepts every signature", all(verdicts), repr(verdicts))
                c.expect(f"{name}: mailsim accepts it too", c.mailsim(raw) == 0)
        c.expect("the run exported signed mail", signed >= 5, f"{signed} signed files")
        c.expect("the run exported the tampered copy", fakes == 1, f"{fakes} copies")
        if c.failures:
            for f in c.failures:
                print(f"FAIL {f}")
            print(f"dkim lesson 13: {len(c.failures)} of {c.checks} checks failed")
            return 1
        print(f"dkim lesson 13: {c.checks} checks passed ({signed} exported mails with signatures, "
              f"verified by dkimpy)")
        return 0


if __name__ == "__main__":
    sys.exit(main())
