/* trace_sniff — the eavesdropper's trace kind (TR_SNIFF) as the kind
 * table needs it: the variant of its sentence, the sentence's arguments,
 * its JSON members and what a caption's "cmd" matches. */
#ifndef MAILSIM_TRACE_SNIFF_H
#define MAILSIM_TRACE_SNIFF_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"

struct narrate_args;
struct scenario;
struct sbuf;

/* "syn", "clear", "clear.password", "clear.digest", "handshake", "tls";
 * NULL-ended. */
extern const char *const trace_sniff_variants[];
const char *trace_sniff_variant(const struct trace_rec *r, char *buf, size_t bufsz);
/* sniffer (its label), src and dst ("ADDR:PORT"), bytes, text. */
void trace_sniff_args(struct narrate_args *a, const struct trace_rec *r);
void trace_sniff_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o);
/* A caption's "cmd": what gave itself away ("password", "digest"), else
 * what was seen ("syn", "clear", "handshake", "tls"); "code": the server's port. */
void trace_sniff_match(const struct trace_rec *r, int *code, const char **cmd);
/* The client's port on connection conn: an ephemeral one (RFC 6056's
 * 49152-65535), taken from the connection id so that a run stays the same
 * run.  The eavesdropper sees it; the packet view names it. */
uint16_t trace_sniff_client_port(int conn);
/* "ADDR:PORT" of the packet's source (src 1) or destination into out. */
void trace_sniff_endpoint(const struct trace_sniff *f, int src, char out[24]);

#endif
