/* sniff — the lesson's eavesdroppers.  A sniffer sits on a network
 * segment (a café's Wi-Fi) or taps a router; every packet whose path
 * crosses it leaves a TR_SNIFF record of what it could read there: the
 * addresses and ports always, the line itself only when the connection
 * is not encrypted, otherwise the size of the TLS records and nothing
 * more. */
#include <string.h>

#include "simint.h"
#include "trace_sniff.h"

/* TLS 1.3 wraps each packet's data in a record: a 5-byte header, the
 * content type byte and a 16-byte AEAD tag around the plaintext. */
#define SNIFF_TLS_OVERHEAD 22

/* The network both routers a and b link to (the segment between two
 * routers on a path), or -1. */
static int sniff_between(const struct scenario *sc, int a, int b)
{
	const struct sc_router *ra = &sc->routers[a], *rb = &sc->routers[b];
	for (int i = 0; i < ra->nlinks; i++)
		for (int k = 0; k < rb->nlinks; k++)
			if (ra->links[i].net == rb->links[k].net)
				return ra->links[i].net;
	return -1;
}

/* Does connection c's path cross network net (or router, when net is
 * -1)?  Without a route, only the client's own segment carries its
 * packets. */
static int sniff_crosses(const struct sim *s, const struct conn *c, int net, int router)
{
	const struct scenario *sc = s->sc;
	if (net < 0) {
		for (int i = 0; c->path->ok && i < c->path->nrouters; i++)
			if (c->path->routers[i] == router)
				return 1;
		return 0;
	}
	if (sc->hosts[c->client].net == net)
		return 1;
	if (!c->path->ok)
		return 0;
	int dst = c->server >= 0 ? sc->hosts[c->server].net : net_of_addr(sc, c->server_addr);
	if (dst == net)
		return 1;
	for (int i = 0; i + 1 < c->path->nrouters; i++)
		if (sniff_between(sc, c->path->routers[i], c->path->routers[i + 1]) == net)
			return 1;
	return 0;
}

/* What a line from the client gives away: a password (POP3 PASS, IMAP
 * LOGIN after its tag, SMTP AUTH with its initial response) or an APOP
 * digest. */
static enum trace_sniff_secret sniff_secret(const struct conn *c, const char *line)
{
	char w1[16] = "", w2[16] = "";
	if (!c->to_server)
		return TRACE_SNIFF_NOTHING;
	sscanf(line, "%15s %15s", w1, w2);
	switch (c->proto) {
	case PROTO_POP3:
		return util_strcasecmp(w1, "PASS") == 0 ? TRACE_SNIFF_PASSWORD
		     : util_strcasecmp(w1, "APOP") == 0 ? TRACE_SNIFF_DIGEST : TRACE_SNIFF_NOTHING;
	case PROTO_IMAP:
		return util_strcasecmp(w2, "LOGIN") == 0 ? TRACE_SNIFF_PASSWORD : TRACE_SNIFF_NOTHING;
	case PROTO_SMTP:
		return util_strcasecmp(w1, "AUTH") == 0 && strchr(line + strlen(w1) + 1, ' ')
		     ? TRACE_SNIFF_PASSWORD : TRACE_SNIFF_NOTHING;
	default:
		return TRACE_SNIFF_NOTHING;
	}
}

/* The line as the eavesdropper reads it: a message travelling with it
 * (SMTP's content, POP3's RETR, IMAP's FETCH) shows as its From, To and
 * Subject, where the wire text has its "(message)" place-holder. */
static void sniff_clear_text(const struct conn *c, struct sbuf *out)
{
	const char *line = c->line.s ? c->line.s : "";
	const char *at = c->carry ? strstr(line, "(message)") : NULL;
	if (c->carry && !at && c->payload)
		at = line;   /* SMTP: the message, then its dot */
	if (!at) {
		sbuf_adds(out, line);
		return;
	}
	sbuf_add(out, line, (size_t)(at - line));
	static const char *const fields[] = { "From", "To", "Subject" };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		char v[256];
		if (!msg_header_get(c->carry, fields[i], v, sizeof v))
			continue;
		char *d = msg_decode_words(v);
		sbuf_addf(out, "%s: %s\n", fields[i], d);
		free(d);
	}
	sbuf_adds(out, "…");
	sbuf_adds(out, at == line ? "\n" : "");
	sbuf_adds(out, at == line ? line : at + strlen("(message)"));
}

/* The bytes the packet carries in clear: each line with its CRLF, and
 * the message travelling with it, dot-stuffed where it ends with a "."
 * line (SMTP's DATA, POP3's RETR; an IMAP literal is sent as it is). */
static uint32_t sniff_clear_bytes(struct sim *s, const struct conn *c)
{
	const char *line = c->line.s ? c->line.s : "";
	size_t n = strlen(line) + 2;
	for (const char *p = line; (p = strchr(p, '\n')); p++)
		n++;
	/* only a line that carries the message counts it: SMTP's client keeps
	 * its carry until the 250 to its "." is back, and that reply is a line */
	if (c->carry && (c->payload || strstr(line, "(message)"))) {
		/* the message in place of its "(message)" line */
		const char *at = strstr(line, "(message)\n");
		n += smtp_client_wire_size(s, c) - (at ? strlen("(message)") + 2 : 0);
		if (c->proto != PROTO_IMAP)
			n += smtp_msg_stuffed(c->carry);
	}
	return (uint32_t)n;
}

uint32_t sniff_wire_bytes(struct sim *s, const struct conn *c)
{
	uint32_t bytes = sniff_clear_bytes(s, c);
	return c->tls ? bytes + SNIFF_TLS_OVERHEAD : bytes;
}

static void sniff_emit(struct sim *s, const struct conn *c, enum trace_sniff_what what,
                       int to_server, uint32_t bytes, const char *text,
                       enum trace_sniff_secret secret)
{
	uint32_t caddr = s->sc->hosts[c->client].addr;
	uint16_t cport = trace_sniff_client_port(c->id);
	for (int i = 0; i < s->sc->nsniffers; i++) {
		if (!sniff_crosses(s, c, s->sc->sniffers[i].net, s->sc->sniffers[i].router))
			continue;
		/* at the client: "node" in a caption or quiz selects whose packets */
		struct trace_rec *r = trace_begin(s, TR_SNIFF, c->client);
		r->conn = c->id;
		r->proto = c->proto;
		r->port = c->port;
		r->tls = c->tls;
		r->t_sent = c->t_sent;
		struct trace_sniff *f = &r->u.sniff;
		f->sniffer = i;
		f->what = (uint8_t)what;
		f->secret = (uint8_t)secret;
		f->to_server = (uint8_t)to_server;
		f->src = to_server ? caddr : c->server_addr;
		f->dst = to_server ? c->server_addr : caddr;
		f->sport = to_server ? cport : (uint16_t)c->port;
		f->dport = to_server ? (uint16_t)c->port : cport;
		f->bytes = bytes;
		f->text = text;
		const struct job *j = c->job >= 0 && c->job < s->njobs && s->jobs[c->job]->used
		                    ? s->jobs[c->job] : NULL;
		trace_end(s, r, c->carry ? c->carry : j ? j->m : NULL);
	}
}

void sniff_syn(struct sim *s, const struct conn *c)
{
	if (s->sc->nsniffers)
		sniff_emit(s, c, TRACE_SNIFF_SYN, 1, 0, NULL, TRACE_SNIFF_NOTHING);
}

void sniff_handshake(struct sim *s, const struct conn *c)
{
	if (s->sc->nsniffers)
		sniff_emit(s, c, TRACE_SNIFF_HANDSHAKE, 1, 0, NULL, TRACE_SNIFF_NOTHING);
}

void sniff_line(struct sim *s, const struct conn *c)
{
	if (!s->sc->nsniffers)
		return;
	uint32_t bytes = sniff_wire_bytes(s, c);
	if (c->tls) {
		sniff_emit(s, c, TRACE_SNIFF_TLS, c->to_server, bytes, NULL, TRACE_SNIFF_NOTHING);
		return;
	}
	struct sbuf t = { 0 };
	sniff_clear_text(c, &t);
	sniff_emit(s, c, TRACE_SNIFF_CLEAR, c->to_server, bytes, t.s ? t.s : "",
	           sniff_secret(c, c->line.s ? c->line.s : ""));
	sbuf_free(&t);
}
