/* export — what a run writes out for other programs: one JSON object per
 * trace record (JSON lines) and the mailboxes as RFC 5322 .eml files. */
#ifndef MAILSIM_EXPORT_H
#define MAILSIM_EXPORT_H

#include <stdio.h>

#include "sim.h"
#include "util.h"

/* Append record r as one JSON object (no newline) to out: seq, t (seconds),
 * type, node, and where they apply peer, role, origin, msg (tag), conn,
 * port, tls, t_sent, the kind's own members (trace_kinds.c), and — when m
 * is given — "envelope" {"mail_from", "rcpt_to": []} and "headers"
 * [[name, value], …].  Always valid JSON (sbuf_add_json_str). */
void export_trace_json(const struct sim *s, const struct trace_rec *r, const struct msg *m,
                       struct sbuf *out);

/* The JSON-lines writer of a run: like export_trace_json, but a message's
 * envelope and header are written in full only when they differ from what
 * the last record about that message carried; otherwise the record says
 * "copy_seq": N, the record that has them.  So the trace stays
 * proportional to the events even for a mail to 10,000 recipients.
 * export_json_free accepts NULL. */
struct export_json;
struct export_json *export_json_new(const struct sim *s);
void export_json_free(struct export_json *j);
void export_json_record(struct export_json *j, const struct trace_rec *r, const struct msg *m,
                        struct sbuf *out);

/* Write every message as it lies in a mailbox to
 * DIR/<mailbox address>/<folder>/<n>.eml (n from 1 in folder order); what a
 * user's MUA downloaded goes to DIR/<address>/MUA/<n>.eml.  Creates the
 * directories.  Returns the number of files written, or -1 after printing
 * the failing path to err. */
int export_eml_dir(const struct sim *s, const char *dir, FILE *err);

#endif
