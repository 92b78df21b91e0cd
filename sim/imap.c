/* imap — both ends of a small IMAP4rev1 session (RFC 3501): LOGIN, SELECT,
 * SEARCH UNSEEN, FETCH, LOGOUT.  The mail stays on the server, flagged
 * \Seen, unlike POP3. */
#include <string.h>

#include "simint.h"

enum imap_state { IM_GREETING, IM_LOGIN, IM_SELECT, IM_SEARCH, IM_FETCH, IM_LOGOUT,
	              IM_STATE_COUNT };
static const char *const imap_state_names[IM_STATE_COUNT] = {
	"greeting", "login", "select", "search", "fetch", "logout",
};
_Static_assert(sizeof imap_state_names / sizeof *imap_state_names == IM_STATE_COUNT,
               "imap_state_names");

void imap_server_greet(struct sim *s, struct conn *c)
{
	conn_send(s, c, 0, "* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] mailsim IMAP ready");
}

static struct mfolder *imap_folder(struct sim *s, struct conn *c)
{
	return c->auth_user >= 0 ? &mda_mbox(s, c->auth_user)->f[MBOX_INBOX] : NULL;
}

/* A command's words after tag and verb. */
struct imap_args {
	const char *tag;
	char *a1, *a2;
};

static void imap_do_login(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	(void)f;
	/* strip the quotes of a quoted string */
	char *pw = x->a2;
	size_t pl = strlen(pw);
	if (pl >= 2 && pw[0] == '"' && pw[pl - 1] == '"') {
		pw[pl - 1] = '\0';
		pw++;
	}
	c->auth_user = engine_user_login(s, x->a1, pw, c->server);
	if (c->auth_user < 0)
		sbuf_addf(&s->fmt, "%s NO [AUTHENTICATIONFAILED] Authentication failed.", x->tag);
	else
		sbuf_addf(&s->fmt, "%s OK LOGIN completed", x->tag);
}

static void imap_do_select(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	(void)c;
	int unseen = 0;
	for (int k = 0; k < f->n; k++)
		unseen += !f->items[k].seen;
	sbuf_addf(&s->fmt, "* %d EXISTS\n* 0 RECENT\n* OK [UNSEEN %d]\n"
	          "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\n"
	          "%s OK [READ-WRITE] SELECT completed", f->n, unseen, x->tag);
}

static void imap_do_search(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	(void)c;
	sbuf_adds(&s->fmt, "* SEARCH");
	for (int k = 0; k < f->n; k++)
		if (!f->items[k].seen)
			sbuf_addf(&s->fmt, " %d", k + 1);
	sbuf_addf(&s->fmt, "\n%s OK SEARCH completed", x->tag);
}

static void imap_do_fetch(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	int k = atoi(x->a1) - 1;
	if (k < 0 || k >= f->n) {
		sbuf_addf(&s->fmt, "%s BAD Invalid message number", x->tag);
		return;
	}
	size_t len;
	free(msg_serialize(f->items[k].m, &len));
	f->items[k].seen = 1;
	c->carry = f->items[k].m;
	sbuf_addf(&s->fmt, "* %d FETCH (FLAGS (\\Seen) BODY[] {%zu}\n(message)\n)\n"
	          "%s OK FETCH completed", k + 1, len, x->tag);
}

static void imap_do_logout(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	(void)c;
	(void)f;
	sbuf_addf(&s->fmt, "* BYE Logging out\n%s OK LOGOUT completed", x->tag);
}

/* The commands; those that read the mailbox need a logged-in user. */
static const struct {
	const char *verb;
	int need_login;
	void (*fn)(struct sim *, struct conn *, struct mfolder *, struct imap_args *);
} imap_cmds[] = {
	{ "LOGIN", 0, imap_do_login },  { "SELECT", 1, imap_do_select },
	{ "SEARCH", 1, imap_do_search }, { "FETCH", 1, imap_do_fetch },
	{ "LOGOUT", 0, imap_do_logout },
};

void imap_server_line(struct sim *s, struct conn *c)
{
	const char *line = c->line.s ? c->line.s : "";
	char tag[16], verb[16], a1[320], a2[320];
	a1[0] = a2[0] = '\0';
	int n = sscanf(line, "%15s %15s %319s %319s", tag, verb, a1, a2);
	if (n < 2)
		verb[0] = '\0';
	struct trace_rec *r = conn_trace_line(s, c, TR_CMD);
	r->role = ROLE_MRA;
	r->u.line = (struct trace_line){ verb, line, 0, 0, NULL };
	trace_end(s, r, NULL);

	struct mfolder *f = imap_folder(s, c);
	struct imap_args x = { tag, a1, a2 };
	sbuf_reset(&s->fmt);
	size_t i = 0;
	for (; i < sizeof imap_cmds / sizeof *imap_cmds; i++)
		if (util_strcasecmp(verb, imap_cmds[i].verb) == 0 && (!imap_cmds[i].need_login || f)) {
			imap_cmds[i].fn(s, c, f, &x);
			break;
		}
	if (i == sizeof imap_cmds / sizeof *imap_cmds)
		sbuf_addf(&s->fmt, "%s BAD Error in IMAP command", n >= 1 ? tag : "*");
	conn_send(s, c, 0, s->fmt.s);
}

static void imap_client_send(struct sim *s, struct conn *c, enum imap_state st,
                             const char *fmt_cmd)
{
	char buf[420];
	c->cstate = (int)st;
	snprintf(buf, sizeof buf, "a%d %s", ++c->tag, fmt_cmd);
	conn_send(s, c, 1, buf);
}

/* The tagged status of the last line: "aN OK ..." -> 1. */
static int imap_ok(const char *text)
{
	const char *last = strrchr(text, '\n');
	last = last ? last + 1 : text;
	const char *sp = strchr(last, ' ');
	return sp && strncmp(sp + 1, "OK", 2) == 0;
}

void imap_client_line(struct sim *s, struct conn *c)
{
	struct job *j = job_get(s, c->job);
	const struct sc_user *u = &s->sc->users[j->user];
	const char *text = c->line.s ? c->line.s : "";
	int ok = c->cstate == IM_GREETING ? strncmp(text, "* OK", 4) == 0 : imap_ok(text);
	struct trace_rec *r = conn_trace_line(s, c, TR_REPLY);
	r->role = (int)job_role(s, j);
	r->u.line = (struct trace_line){ imap_state_names[c->cstate], text, ok, 0, NULL };
	trace_end(s, r, c->carry);

	char buf[400];
	switch ((enum imap_state)c->cstate) {
	case IM_GREETING:
		snprintf(buf, sizeof buf, "LOGIN %s \"%s\"", u->login, j->password ? j->password : u->password);
		imap_client_send(s, c, IM_LOGIN, buf);
		break;
	case IM_LOGIN:
		if (!ok) {
			free(j->last_text);
			j->last_text = xstrdup(text);
			imap_client_send(s, c, IM_LOGOUT, "LOGOUT");
			break;
		}
		imap_client_send(s, c, IM_SELECT, "SELECT INBOX");
		break;
	case IM_SELECT:
		imap_client_send(s, c, IM_SEARCH, "SEARCH UNSEEN");
		break;
	case IM_SEARCH: {
		/* Remember the unseen message numbers in s_items. */
		const char *p = strstr(text, "* SEARCH");
		free(c->s_items);
		c->s_items = NULL;
		c->s_nitems = 0;
		c->item_i = 0;
		if (p) {
			p += 8;
			int cap = 0;
			while (*p == ' ') {
				int k = (int)strtol(p + 1, (char **)&p, 10);
				if (k <= 0)
					break;
				if (c->s_nitems == cap)
					c->s_items = xrealloc(c->s_items, (size_t)(cap = cap ? cap * 2 : 8) * sizeof(int));
				c->s_items[c->s_nitems++] = k;
			}
		}
		if (c->s_nitems) {
			snprintf(buf, sizeof buf, "FETCH %d BODY[]", c->s_items[0]);
			imap_client_send(s, c, IM_FETCH, buf);
		} else {
			imap_client_send(s, c, IM_LOGOUT, "LOGOUT");
		}
		break;
	}
	case IM_FETCH:
		if (ok && c->carry)
			mua_fetched(s, j->user, c->carry);
		c->carry = NULL;
		if (++c->item_i < c->s_nitems) {
			snprintf(buf, sizeof buf, "FETCH %d BODY[]", c->s_items[c->item_i]);
			imap_client_send(s, c, IM_FETCH, buf);
		} else {
			imap_client_send(s, c, IM_LOGOUT, "LOGOUT");
		}
		break;
	case IM_LOGOUT:
		conn_close(s, c);
		mua_job_done(s, j, !j->last_text);
		break;
	case IM_STATE_COUNT:
		PANIC("conn %d: bad IMAP client state", c->id);
	}
}
