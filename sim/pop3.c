/* pop3 — both ends of a POP3 session (RFC 1939): USER/PASS, STAT, RETR,
 * DELE, QUIT.  The client downloads every message in INBOX and deletes it
 * on the server, as classic POP3 clients do; that is the contrast with
 * IMAP, where mail stays on the server. */
#include <string.h>

#include "simint.h"

enum pop3_state { P3_GREETING, P3_USER, P3_PASS, P3_STAT, P3_RETR, P3_DELE, P3_QUIT,
	              P3_STATE_COUNT };
static const char *const pop3_state_names[P3_STATE_COUNT] = {
	"greeting", "user", "pass", "stat", "retr", "dele", "quit",
};
_Static_assert(sizeof pop3_state_names / sizeof *pop3_state_names == P3_STATE_COUNT,
               "pop3_state_names");

/* server states */
enum { P3S_AUTH, P3S_TRANS };

static struct mfolder *pop3_inbox(struct sim *s, struct conn *c)
{
	return c->auth_user >= 0 ? &mda_mbox(s, c->auth_user)->f[MBOX_INBOX] : NULL;
}

void pop3_server_greet(struct sim *s, struct conn *c)
{
	conn_send(s, c, 0, "+OK mailsim POP3 server ready");
}

static void pop3_trace_cmd(struct sim *s, struct conn *c, const char *verb, const char *line)
{
	struct trace_rec *r = conn_trace_line(s, c, TR_CMD);
	r->role = ROLE_MRA;
	r->u.line = (struct trace_line){ verb, line, 0, 0, NULL };
	trace_end(s, r, NULL);
}

void pop3_server_line(struct sim *s, struct conn *c)
{
	const char *line = c->line.s ? c->line.s : "";
	char verb[8], arg[320];
	arg[0] = '\0';
	if (sscanf(line, "%7s %319[^\n]", verb, arg) < 1)
		verb[0] = '\0';
	/* The password is shown as the wire carries it: on port 110 without
	 * TLS anyone on the path can read it, which is worth seeing. */
	pop3_trace_cmd(s, c, verb, line);
	struct mfolder *in = pop3_inbox(s, c);
	sbuf_reset(&s->fmt);
	if (util_strcasecmp(verb, "USER") == 0 && c->sstate == P3S_AUTH) {
		free(c->helo);
		c->helo = xstrdup(arg);
		conn_send(s, c, 0, "+OK");
	} else if (util_strcasecmp(verb, "PASS") == 0 && c->sstate == P3S_AUTH && c->helo) {
		c->auth_user = engine_user_login(s, c->helo, arg, c->server);
		if (c->auth_user < 0) {
			conn_send(s, c, 0, "-ERR [AUTH] Authentication failed.");
			return;
		}
		c->sstate = P3S_TRANS;
		conn_send(s, c, 0, "+OK Logged in.");
	} else if (util_strcasecmp(verb, "STAT") == 0 && in) {
		size_t total = 0;
		int n = 0;
		for (int k = 0; k < in->n; k++)
			if (!in->items[k].deleted) {
				char *txt = msg_serialize(in->items[k].m, NULL);
				total += strlen(txt);
				free(txt);
				n++;
			}
		sbuf_addf(&s->fmt, "+OK %d %zu", n, total);
		conn_send(s, c, 0, s->fmt.s);
	} else if (util_strcasecmp(verb, "RETR") == 0 && in) {
		int k = atoi(arg) - 1;
		if (k < 0 || k >= in->n || in->items[k].deleted) {
			conn_send(s, c, 0, "-ERR There's no message");
			return;
		}
		size_t len;
		char *txt = msg_serialize(in->items[k].m, &len);
		free(txt);
		sbuf_addf(&s->fmt, "+OK %zu octets\n(message)\n.", len);
		c->carry = in->items[k].m;
		conn_send(s, c, 0, s->fmt.s);
	} else if (util_strcasecmp(verb, "DELE") == 0 && in) {
		int k = atoi(arg) - 1;
		if (k < 0 || k >= in->n || in->items[k].deleted) {
			conn_send(s, c, 0, "-ERR There's no message");
			return;
		}
		in->items[k].deleted = 1;
		sbuf_addf(&s->fmt, "+OK Marked to be deleted.");
		conn_send(s, c, 0, s->fmt.s);
	} else if (util_strcasecmp(verb, "QUIT") == 0) {
		/* The UPDATE state: deletions take effect only now (RFC 1939 section 6). */
		for (int k = 0; in && k < in->n; k++)
			if (in->items[k].deleted) {
				msg_free(in->items[k].m);
				memmove(&in->items[k], &in->items[k + 1],
				        (size_t)(in->n - k - 1) * sizeof *in->items);
				in->n--;
				k--;
			}
		conn_send(s, c, 0, "+OK Logging out.");
	} else {
		conn_send(s, c, 0, "-ERR Unknown command.");
	}
}

static void pop3_client_send(struct sim *s, struct conn *c, enum pop3_state st,
                             const char *line)
{
	c->cstate = (int)st;
	conn_send(s, c, 1, line);
}

void pop3_client_line(struct sim *s, struct conn *c)
{
	struct job *j = job_get(s, c->job);
	const struct sc_user *u = &s->sc->users[j->user];
	const char *text = c->line.s ? c->line.s : "";
	int ok = strncmp(text, "+OK", 3) == 0;
	struct trace_rec *r = conn_trace_line(s, c, TR_REPLY);
	r->role = (int)job_role(s, j);
	r->u.line = (struct trace_line){ pop3_state_names[c->cstate], text, ok, 0, NULL };
	trace_end(s, r, c->carry);

	char buf[400];
	switch ((enum pop3_state)c->cstate) {
	case P3_GREETING:
		snprintf(buf, sizeof buf, "USER %s", u->login);
		pop3_client_send(s, c, P3_USER, buf);
		break;
	case P3_USER:
		snprintf(buf, sizeof buf, "PASS %s", j->password ? j->password : u->password);
		pop3_client_send(s, c, P3_PASS, buf);
		break;
	case P3_PASS:
		if (!ok) {
			free(j->last_text);
			j->last_text = xstrdup(text);
			pop3_client_send(s, c, P3_QUIT, "QUIT");
			break;
		}
		pop3_client_send(s, c, P3_STAT, "STAT");
		break;
	case P3_STAT:
		c->item_i = 0;
		c->tag = ok ? atoi(text + 4) : 0;   /* messages on the server */
		if (c->tag > 0)
			pop3_client_send(s, c, P3_RETR, "RETR 1");
		else
			pop3_client_send(s, c, P3_QUIT, "QUIT");
		break;
	case P3_RETR:
		if (ok && c->carry)
			mua_fetched(s, j->user, c->carry);
		c->carry = NULL;
		snprintf(buf, sizeof buf, "DELE %d", c->item_i + 1);
		pop3_client_send(s, c, P3_DELE, buf);
		break;
	case P3_DELE:
		if (++c->item_i < c->tag) {
			snprintf(buf, sizeof buf, "RETR %d", c->item_i + 1);
			pop3_client_send(s, c, P3_RETR, buf);
		} else {
			pop3_client_send(s, c, P3_QUIT, "QUIT");
		}
		break;
	case P3_QUIT:
		conn_close(s, c);
		mua_job_done(s, j, !j->last_text);
		break;
	case P3_STATE_COUNT:
		PANIC("conn %d: bad POP3 client state", c->id);
	}
}
