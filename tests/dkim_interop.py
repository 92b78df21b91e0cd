#!/usr/bin/env python3
"""DKIM interop between mailsim and an independent implementation.

dkimpy (Debian's python3-dkim: its own canonicalization and a pure-Python
RSA) checks what mailsim signs, and mailsim checks what dkimpy signs, in
all four canonicalizations: the untouched message must verify, a changed
body or a changed signed header field must not.  The public keys reach
both sides as the same TXT records (a file of "NAME VALUE" lines for
mailsim, a dnsfunc for dkimpy), made by mailsim from the PEM test keys.

    tests/dkim_interop.py DKIM_TOOL        (run from the top directory)

Exit status 0 when every check holds, 1 otherwise.
"""

import importlib.metadata
import os
import subprocess
import sys
import tempfile
import time

import dkim

KEYS = "tests/data"
DOMAIN = "corp.example"
SELECTOR = "s1"
KEY = os.path.join(KEYS, "dkim-rsa2048-a.pem")
OTHER_KEY = os.path.join(KEYS, "dkim-rsa2048-c.pem")
CANONS = ["relaxed/relaxed", "simple/simple", "relaxed/simple", "simple/relaxed"]

MESSAGES = {
    # Folded To, white space that relaxed ignores, empty lines at the end.
    "plain": (
        "From: \"Example, Alice\" <alice@corp.example>\r\n"
        "To: Bob <bob@ispb.example>,\r\n"
        "  Carol <carol@ispb.example>\r\n"
        "Subject: Quarterly  report \r\n"
        "Date: Wed, 01 Apr 2026 09:00:00 +0900\r\n"
        "Message-ID: <20260401090000.1@corp.example>\r\n"
        "\r\n"
        "Hello Bob,\r\n"
        "\r\n"
        "the report is attached \t in spirit.  \r\n"
        "-- \r\n"
        "Alice\r\n"
        "\r\n"
        "\r\n"
    ),
    # UTF-8 in the header (mailsim writes RFC 2047 words when it
    # serializes) and a base64 body, as lesson mail in Japanese is.
    "japanese": (
        "From: アリス <alice@corp.example>\r\n"
        "To: ボブ <bob@ispb.example>\r\n"
        "Subject: 四半期報告書について（ご確認ください）\r\n"
        "Date: Wed, 01 Apr 2026 09:00:00 +0900\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "\r\n"
        "44Oc44OW44GV44KTCgrloLHlkYrmm7jjgafjgZnjgII=\r\n"
    ),
    # Fields that occur twice: signed bottom-up.
    "twice": (
        "Received: from b (b [192.0.2.2]) by c with ESMTP id 2; Wed, 01 Apr 2026 09:00:02 +0900\r\n"
        "Received: from a (a [192.0.2.1]) by b with ESMTP id 1; Wed, 01 Apr 2026 09:00:01 +0900\r\n"
        "From: alice@corp.example\r\n"
        "To: bob@ispb.example\r\n"
        "Subject: twice\r\n"
        "\r\n"
        "body\r\n"
    ),
}


def raw_8bit_header(text):
    head = text.partition("\r\n\r\n")[0]
    return any(ord(c) > 127 for c in head)


def tamper_body(eml):
    """The message with the first letter or digit of its body changed."""
    head, sep, body = eml.partition(b"\r\n\r\n")
    for i, c in enumerate(body):
        if chr(c).isalnum():
            new = b"B" if c != ord("B") else b"C"
            return head + sep + body[:i] + new + body[i + 1:]
    raise ValueError("no letter in the body")


class Interop:
    def __init__(self, tool, tmp):
        self.tool = tool
        self.tmp = tmp
        self.checks = 0
        self.failures = []
        txt = self.run([tool, "txt", KEY]).stdout.decode().strip()
        other = self.run([tool, "txt", OTHER_KEY]).stdout.decode().strip()
        self.zone = {f"{SELECTOR}._domainkey.{DOMAIN}": txt,
                     f"wrong._domainkey.{DOMAIN}": other}
        self.zone_file = os.path.join(tmp, "zone.txt")
        with open(self.zone_file, "w") as f:
            for name, value in self.zone.items():
                f.write(f"{name} {value}\n")

    def run(self, argv, data=None, check=True):
        p = subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and p.returncode != 0:
            sys.exit(f"dkim_interop: {' '.join(argv)} failed ({p.returncode}): "
                     f"{p.stderr.decode(errors='replace')}")
        return p

    def dnsfunc(self, name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode()
        value = self.zone.get(name.rstrip(".").lower())
        return value.encode() if value else None

    def expect(self, what, ok, detail=""):
        self.checks += 1
        if not ok:
            self.failures.append(f"{what}{': ' + detail if detail else ''}")

    # ---- dkimpy checks what mailsim signed ----

    def dkimpy_verifies(self, eml):
        try:
            return dkim.verify(eml, dnsfunc=self.dnsfunc), ""
        except Exception as e:  # dkimpy raises on some malformed input
            return False, str(e)

    def mailsim_signs(self, name, text, canon, extra=()):
        argv = [self.tool, "sign", KEY, DOMAIN, SELECTOR, "--canon", canon,
                "--time", str(int(time.time()))] + list(extra)
        return self.run(argv, text.encode()).stdout

    def check_mailsim_to_dkimpy(self, name, text, canon, extra=()):
        label = f"mailsim signs {name} {canon}{' ' + ' '.join(extra) if extra else ''}"
        signed = self.mailsim_signs(name, text, canon, extra)
        with open(os.path.join(self.tmp, f"ms-{name}-{canon.replace('/', '-')}.eml"), "wb") as f:
            f.write(signed)
        ok, why = self.dkimpy_verifies(signed)
        self.expect(f"{label}: dkimpy accepts it", ok, why)
        tampered = tamper_body(signed)
        ok, _ = self.dkimpy_verifies(tampered)
        self.expect(f"{label}: dkimpy rejects a changed body", not ok)
        changed = signed.replace(b"\r\nTo: ", b"\r\nTo: mallory@evil.example, ", 1)
        self.expect(f"{label}: the test changed To", changed != signed)
        ok, _ = self.dkimpy_verifies(changed)
        self.expect(f"{label}: dkimpy rejects a changed To", not ok)
        # mailsim's own verifier agrees on all three.
        self.expect(f"{label}: mailsim accepts it", self.mailsim_verifies(signed) == 0)
        self.expect(f"{label}: mailsim rejects the changed body",
                    self.mailsim_verifies(tampered) == 1)
        return signed

    # ---- mailsim checks what dkimpy signed ----

    def mailsim_verifies(self, eml, parse=False):
        argv = [self.tool, "verify", self.zone_file] + (["--parse"] if parse else [])
        p = self.run(argv, eml, check=False)
        self.last_output = p.stdout.decode(errors="replace")
        return p.returncode

    def check_dkimpy_to_mailsim(self, name, text, canon, length=False, selector=SELECTOR):
        label = f"dkimpy signs {name} {canon}{' l=' if length else ''}"
        hc, bc = canon.encode().split(b"/")
        raw = text.encode()
        sig = dkim.sign(raw, selector.encode(), DOMAIN.encode(), open(KEY, "rb").read(),
                        canonicalize=(hc, bc), length=length)
        signed = sig + raw
        with open(os.path.join(self.tmp, f"py-{name}-{canon.replace('/', '-')}.eml"), "wb") as f:
            f.write(signed)
        if selector != SELECTOR:
            rc = self.mailsim_verifies(signed)
            self.expect(f"{label} with another domain's key: mailsim says the signature fails",
                        rc == 1 and "signature did not verify" in self.last_output,
                        self.last_output)
            return
        rc = self.mailsim_verifies(signed)
        self.expect(f"{label}: mailsim accepts it", rc == 0, self.last_output)
        if hc == b"relaxed":
            # What the simulation does with a received message: parse it,
            # serialize it again.  Relaxed header canonicalization survives
            # the re-folding; raw UTF-8 in header fields does not, because
            # msg_serialize writes it as RFC 2047 encoded-words.
            rc = self.mailsim_verifies(signed, parse=True)
            if raw_8bit_header(text):
                self.expect(f"{label}: after msg_parse the re-encoded header no longer verifies",
                            rc == 1 and "signature did not verify" in self.last_output,
                            self.last_output)
            else:
                self.expect(f"{label}: mailsim accepts it after msg_parse", rc == 0,
                            self.last_output)
        tampered = tamper_body(signed)
        rc = self.mailsim_verifies(tampered)
        self.expect(f"{label}: mailsim says the body hash fails",
                    rc == 1 and "dkim=fail (body hash did not verify)" in self.last_output,
                    self.last_output)
        changed = signed.replace(b"\r\nSubject: ", b"\r\nSubject: Re: ", 1)
        rc = self.mailsim_verifies(changed)
        self.expect(f"{label}: mailsim says the signature fails for a changed Subject",
                    rc == 1 and "dkim=fail (signature did not verify)" in self.last_output,
                    self.last_output)
        if length:
            # l= signs only the first bytes: text appended after them
            # (a mailing list footer) leaves the signature valid.
            appended = signed + b"-- \r\nlist footer\r\n"
            rc = self.mailsim_verifies(appended)
            self.expect(f"{label}: mailsim honours l= with a footer appended", rc == 0,
                        self.last_output)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tests/dkim_interop.py DKIM_TOOL")
    with tempfile.TemporaryDirectory(prefix="mailsim-dkim-") as tmp:
        t = Interop(sys.argv[1], tmp)
        for name, text in MESSAGES.items():
            for canon in CANONS:
                t.check_mailsim_to_dkimpy(name, text, canon)
                t.check_dkimpy_to_mailsim(name, text, canon)
        # A Japanese lesson mail as mailsim writes it (encoded-words):
        # signed by dkimpy, it survives msg_parse and msg_serialize.
        wire = t.run([t.tool, "serialize"], MESSAGES["japanese"].encode()).stdout.decode()
        t.expect("mailsim writes the Japanese header as encoded-words",
                 not raw_8bit_header(wire) and "=?UTF-8?B?" in wire, wire[:200])
        for canon in CANONS:
            t.check_dkimpy_to_mailsim("japanese-serialized", wire, canon)
        t.check_mailsim_to_dkimpy("twice", MESSAGES["twice"], "relaxed/relaxed",
                                  ["--oversign", "--identity", "alice@mail.corp.example"])
        t.check_dkimpy_to_mailsim("plain", MESSAGES["plain"], "relaxed/relaxed", length=True)
        t.check_dkimpy_to_mailsim("plain", MESSAGES["plain"], "relaxed/relaxed",
                                  selector="wrong")
        # The published record itself: dkimpy reads mailsim's TXT value.
        pk = dkim.load_pk_from_dns(f"{SELECTOR}._domainkey.{DOMAIN}".encode(), t.dnsfunc)
        t.expect("dkimpy reads mailsim's TXT record as a 2048-bit RSA key", pk[1] == 2048,
                 repr(pk[1]))
        if t.failures:
            for f in t.failures:
                print(f"FAIL {f}")
            print(f"dkim interop: {len(t.failures)} of {t.checks} checks failed")
            return 1
        try:
            version = " " + importlib.metadata.version("dkimpy")
        except importlib.metadata.PackageNotFoundError:
            version = ""
        print(f"dkim interop: {t.checks} checks passed (mailsim <-> dkimpy{version})")
        return 0


if __name__ == "__main__":
    sys.exit(main())
