/* export — what a run writes out for other programs: one JSON object per
 * trace record (JSON lines) and the mailboxes as RFC 5322 .eml files. */
#ifndef MAILSIM_EXPORT_H
#define MAILSIM_EXPORT_H

#include <stdio.h>

#include "sim.h"
#include "util.h"

/* Append record r as one JSON object (no newline) to out: seq, t (seconds),
 * type, node, and where they apply peer, role, msg (tag), conn, port, tls,
 * the protocol exchange under its name ("smtp": {"cmd", "code", "text"}),
 * detail, and — when m is given — "envelope" {"mail_from", "rcpt_to": []}
 * and "headers" [[name, value], …]. */
void export_trace_json(const struct sim *s, const struct trace_rec *r, const struct msg *m,
                       struct sbuf *out);

/* Write every message as it lies in a mailbox to
 * DIR/<mailbox address>/<folder>/<n>.eml (n from 1 in folder order); what a
 * user's MUA downloaded goes to DIR/<address>/MUA/<n>.eml.  Signed and
 * encrypted mail is written as the real S/MIME it is; with S/MIME in the
 * lesson, DIR/certs/ gets ca.pem (the trusted CAs), ID.pem for each other
 * CA, <address>.pem and <address>.key (smime_cert_export), so that
 * `openssl cms` can check the mail.  Creates the directories.  Returns the
 * number of files written, or -1 after printing the failing path to err. */
int export_eml_dir(const struct sim *s, const char *dir, FILE *err);

#endif
