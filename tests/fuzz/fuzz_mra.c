/* fuzz_mra — libFuzzer target for the POP3 and IMAP servers' command
 * parsers: any bytes, split into lines, sent as commands to ISP B's mail
 * server of lesson 14 (APOP on, a mail in Bob's mailbox) must each get
 * exactly one reply and never crash the run.  The first byte picks the
 * protocol (bit 0: IMAP), the port (bit 1: the TLS port, 995 or 993) and
 * whether the server refuses plaintext logins (bit 2).  Reads lesson 14
 * once: run from the top directory. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "simint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct scenario *fuzz_mra_sc;

/* Forget the reply just sent (and anything scheduled): the next command
 * may go at once, and nothing else runs. */
static void fuzz_mra_drain(struct sim *s, struct conn *c)
{
	struct ev e;
	while (evq_pop(&s->q, &e))
		;
	c->in_flight = 0;
	c->carry = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_mra_sc) {
		fuzz_mra_sc = scenario_load("scenarios/14-secure-retrieval.json", stderr);
		if (!fuzz_mra_sc)
			abort();
	}
	if (size < 1)
		return 0;
	int imap = data[0] & 1, tls = (data[0] >> 1) & 1;
	int server = scenario_find_host(fuzz_mra_sc, "mail-b");
	int bob = scenario_find_user(fuzz_mra_sc, "bob@ispb.example");
	struct scenario *sc = fuzz_mra_sc;
	int keep = sc->hosts[server].disable_plaintext_auth;
	sc->hosts[server].disable_plaintext_auth = (data[0] >> 2) & 1;
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, 10 * 1000000LL);   /* m1 is in Bob's mailbox */
	struct job *j = job_new(s, JOB_FETCH, sc->users[bob].mua_host, NULL);
	j->user = bob;
	int port = imap ? (tls ? PORT_IMAPS : PORT_IMAP) : (tls ? PORT_POP3S : PORT_POP3);
	struct conn *c = conn_open(s, j, sc->hosts[server].addr, port, imap ? PROTO_IMAP : PROTO_POP3);
	fuzz_mra_drain(s, c);
	c->phase = CONN_OPEN;
	c->tls = (uint8_t)tls;
	if (imap)
		imap_server_greet(s, c);
	else
		pop3_server_greet(s, c);
	for (size_t i = 1; i <= size;) {
		fuzz_mra_drain(s, c);
		size_t n = 0;
		while (i + n < size && data[i + n] != '\n')
			n++;
		sbuf_reset(&c->line);
		sbuf_add(&c->line, (const char *)data + i, n);
		c->to_server = 1;
		size_t before = s->q.n;
		if (imap)
			imap_server_line(s, c);
		else
			pop3_server_line(s, c);
		if (!c->in_flight || s->q.n != before + 1)
			abort();   /* every command gets exactly one reply */
		i += n + 1;
	}
	fuzz_mra_drain(s, c);
	sim_free(s);
	sc->hosts[server].disable_plaintext_auth = keep;
	return 0;
}
