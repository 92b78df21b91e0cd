/* render_pdu — a packet opened layer by layer, as Packet Tracer's PDU view:
 * IP (source and destination address), TCP (ports and flags: SYN for a
 * connection request), TLS (on or off) and the application line; for a SYN
 * a router stopped, which rule matched and which of its conditions held.
 * A click on an event row or on a packet on the wire opens it in the
 * inspector.  Everything comes from the trace (the records of that
 * connection) and, for a packet still travelling, from the simulation's
 * connection; nothing is parsed back out of text. */
#ifndef MAILSIM_RENDER_PDU_H
#define MAILSIM_RENDER_PDU_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct render_app;

enum render_pdu_flag {
	RENDER_PDU_SYN,          /* a connection request */
	RENDER_PDU_SYNACK,       /* the server accepts it */
	RENDER_PDU_DATA,         /* a line (ACK, PSH) */
	RENDER_PDU_FIN,          /* the connection closes */
	RENDER_PDU_RST,          /* refused */
	RENDER_PDU_FLAG_COUNT
};
extern const char *const render_pdu_flag_names[RENDER_PDU_FLAG_COUNT];

/* The layers of one packet. */
struct render_pdu {
	int client, server;      /* host indices */
	int conn;                /* the connection's id (its client port) */
	int to_server;           /* travels client -> server (else back) */
	uint32_t src, dst;       /* IP addresses as sent */
	int port, proto, tls;    /* the server's port; enum proto; TLS on */
	int flag;                /* enum render_pdu_flag */
	int router, rule;        /* the router and rule that stopped it, -1 */
	int rejected;            /* stopped with a refusal (else dropped) */
	int64_t t;
	struct sbuf app;         /* the application line, "" for none */
};

/* The packet record i of the trace stands for (a SYN, a refusal, a
 * command, a reply, a close).  Returns 0 and fills out (free out->app with
 * sbuf_free), or -1 if the record is not a packet (a delivery, a DNS
 * question without a connection …) or does not exist. */
int render_pdu_of_record(struct render_app *a, size_t i, struct render_pdu *out);
/* The packet on connection conn's wire now (or the SYN its router
 * stopped).  Returns 0 and fills out, or -1. */
int render_pdu_of_conn(struct render_app *a, int conn, struct render_pdu *out);
/* Its layers in words, one line each, in the current language: each
 * layer's heading starts with "# " (for the tests and the drawing).  A
 * packet a router stopped starts with why, under a heading "#! ": that
 * is what the class asks, and below the layers it would be out of view. */
void render_pdu_describe(struct render_app *a, const struct render_pdu *p, struct sbuf *out);

/* Open record i (if it is a packet; else nothing changes), or connection
 * conn's packet; close. */
void render_pdu_open_record(struct render_app *a, int i);
void render_pdu_open_conn(struct render_app *a, int conn);
void render_pdu_close(struct render_app *a);
/* Draw the open packet into the inspector's content rc; returns 0 (and
 * draws nothing) when none is open. */
int render_pdu_draw(struct render_app *a, SDL_Rect rc);
/* Record that this frame drew connection conn's cross (a dropped SYN) as
 * a square of side at (x, y), so that a click there opens it. */
void render_pdu_cross_drawn(struct render_app *a, int conn, float x, float y, int side);
/* Hit boxes for the packets on the wire (after the picture is drawn). */
void render_pdu_wire_hits(struct render_app *a);

#endif
