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

static void pop3_do_user(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)in;
	free(c->helo);
	c->helo = xstrdup(arg);
	conn_send(s, c, 0, "+OK");
}

static void pop3_do_pass(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)in;
	c->auth_user = engine_user_login(s, c->helo, arg, c->server);
	if (c->auth_user < 0) {
		conn_send(s, c, 0, "-ERR [AUTH] Authentication failed.");
		return;
	}
	c->sstate = P3S_TRANS;
	conn_send(s, c, 0, "+OK Logged in.");
}

static void pop3_do_stat(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)arg;
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
}

/* The message numbered arg in the maildrop, or NULL after an -ERR. */
static struct mitem *pop3_item(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	int k = atoi(arg) - 1;
	if (k < 0 || k >= in->n || in->items[k].deleted) {
		conn_send(s, c, 0, "-ERR There's no message");
		return NULL;
	}
	return &in->items[k];
}

static void pop3_do_retr(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	struct mitem *it = pop3_item(s, c, in, arg);
	if (!it)
		return;
	size_t len;
	free(msg_serialize(it->m, &len));
	sbuf_addf(&s->fmt, "+OK %zu octets\n(message)\n.", len);
	c->carry = it->m;
	conn_send(s, c, 0, s->fmt.s);
}

static void pop3_do_dele(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	struct mitem *it = pop3_item(s, c, in, arg);
	if (!it)
		return;
	it->deleted = 1;
	conn_send(s, c, 0, "+OK Marked to be deleted.");
}

static void pop3_do_quit(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)arg;
	/* The UPDATE state: deletions take effect only now (RFC 1939 section 6). */
	for (int k = 0; in && k < in->n; k++)
		if (in->items[k].deleted) {
			msg_free(in->items[k].m);
			memmove(&in->items[k], &in->items[k + 1], (size_t)(in->n - k - 1) * sizeof *in->items);
			in->n--;
			k--;
		}
	conn_send(s, c, 0, "+OK Logging out.");
}

/* The commands, and the state each needs (RFC 1939): USER and PASS before
 * login, the maildrop's commands after it, QUIT in both. */
enum pop3_need { P3_NEED_AUTH, P3_NEED_USER, P3_NEED_TRANS, P3_NEED_ANY };
static const struct {
	const char *verb;
	enum pop3_need need;
	void (*fn)(struct sim *, struct conn *, struct mfolder *, const char *arg);
} pop3_cmds[] = {
	{ "USER", P3_NEED_AUTH, pop3_do_user },  { "PASS", P3_NEED_USER, pop3_do_pass },
	{ "STAT", P3_NEED_TRANS, pop3_do_stat }, { "RETR", P3_NEED_TRANS, pop3_do_retr },
	{ "DELE", P3_NEED_TRANS, pop3_do_dele }, { "QUIT", P3_NEED_ANY, pop3_do_quit },
};

static int pop3_allowed(const struct conn *c, const struct mfolder *in, enum pop3_need need)
{
	switch (need) {
	case P3_NEED_AUTH: return c->sstate == P3S_AUTH;
	case P3_NEED_USER: return c->sstate == P3S_AUTH && c->helo;
	case P3_NEED_TRANS: return in != NULL;
	case P3_NEED_ANY: return 1;
	}
	return 0;
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
	for (size_t i = 0; i < sizeof pop3_cmds / sizeof *pop3_cmds; i++)
		if (util_strcasecmp(verb, pop3_cmds[i].verb) == 0 && pop3_allowed(c, in, pop3_cmds[i].need)) {
			pop3_cmds[i].fn(s, c, in, arg);
			return;
		}
	conn_send(s, c, 0, "-ERR Unknown command.");
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
