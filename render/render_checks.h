/* render_checks — what a receiving MTA found out about the sender of the
 * letter in focus, as a card beside that server on the network picture:
 * SPF's result, for each DKIM signature its three steps (① the public key
 * fetched from DNS, ② the body hash, ③ the header signature), and DMARC's
 * verdict with what the server does.  Each step appears as the trace
 * reaches it: "…" while its DNS query is on the way, then ✓ or ×.  Built
 * from the trace records only, like everything the window shows. */
#ifndef MAILSIM_RENDER_CHECKS_H
#define MAILSIM_RENDER_CHECKS_H

#include <stddef.h>

#include "trace.h"

struct render_app;

/* Signatures shown per message at most. */
#define RENDER_CHECKS_MAX_SIGS 4

/* One DKIM signature being checked. */
struct render_checks_sig {
	const struct trace_rec *query;   /* the key's DNS query, or NULL (none made) */
	int answered;                    /* its answer arrived */
	const struct trace_rec *verdict; /* TR_DKIM, NULL while the key is on its way */
};

/* The latest checks of one message by one server, as far as the trace
 * has got. */
struct render_checks {
	int node;                        /* the checking server; -1: none to show */
	int conn;                        /* the connection the message came on */
	const struct trace_rec *spf;     /* TR_SPF, or NULL */
	struct render_checks_sig sig[RENDER_CHECKS_MAX_SIGS];
	int nsig;
	const struct trace_rec *dmarc_query;   /* the policy's first DNS query, or NULL */
	const struct trace_rec *dmarc;         /* TR_DMARC, or NULL */
};

/* Gather from the n records at tr the most recent checks of ledger entry
 * msg: those of the last server that checked it, on that connection.
 * out->node is -1 when the message was never checked.  The records stay
 * the trace's. */
void render_checks_gather(const struct trace_rec *tr, size_t n, int msg, struct render_checks *out);

/* Draw the card for the letter in focus beside its checking server, where
 * it hides the fewest boxes and labels, and take its place so that labels
 * drawn later keep off it.  Nothing when the focus message was never
 * checked. */
void render_checks_draw(struct render_app *a, int focus);

#endif
