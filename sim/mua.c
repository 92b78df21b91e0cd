/* mua — the user's mail program: writes a message (the header the reader
 * will see, and the envelope that only the servers see: Bcc lives only in
 * RCPT TO), submits it, reports errors and keeps failed mail in its outbox,
 * and fetches new mail over POP3 or IMAP. */
#include <string.h>

#include "hindex.h"
#include "mime.h"
#include "simint.h"
#include "slab.h"

/* Split a comma-separated list (or copy an array) of addresses. */
/* Append v[0 .. n-1] to the header list hdr (if any) and their bare
 * addresses to m's envelope, each once (seen indexes the envelope so far:
 * ten thousand Bcc recipients must not cost ten thousand squared
 * comparisons). */
/* Up to this many recipients, a new one is compared with each before it;
 * from there on through an index (10,000 Bcc recipients must not cost
 * 10,000² comparisons).  A mail to a few made and freed an index each. */
#define MUA_SCAN_MAX 16

/* Is addr in m's envelope already (ASCII case ignored, as the index
 * compares)?  seen starts zeroed and is built at the MUA_SCAN_MAX-th
 * recipient; the caller frees it. */
static int mua_seen(struct hindex *seen, const struct msg *m, const char *addr)
{
	if (!seen->cap && m->nrcpt < MUA_SCAN_MAX) {
		for (int i = 0; i < m->nrcpt; i++)
			if (util_strcasecmp(m->rcpt[i], addr) == 0)
				return 1;
		return 0;
	}
	if (!seen->cap) {
		hindex_init(seen, (size_t)m->nrcpt * 2);
		for (int i = 0; i < m->nrcpt; i++)
			if (hindex_get_str(seen, m->rcpt[i]) < 0)
				hindex_put_str(seen, m->rcpt[i], i);
	}
	return hindex_get_str(seen, addr) >= 0;
}

/* The list v into the header being written (hdr, or NULL for Bcc) and each
 * address not there yet into m's envelope, which holds only this list's
 * recipients and those of the lists before it. */
static void mua_add_list(struct sbuf *hdr, struct msg *m, struct hindex *seen, char *const *v,
                         int n)
{
	for (int i = 0; i < n; i++) {
		if (hdr) {
			if (hdr->len)
				sbuf_adds(hdr, ", ");
			sbuf_adds(hdr, v[i]);
		}
		/* the envelope holds the bare address; the header may have a name */
		const char *lt = strchr(v[i], '<');
		char addr[320];
		if (lt) {
			util_copy(addr, sizeof addr, lt + 1);
			addr[strcspn(addr, ">")] = '\0';
		} else {
			util_copy(addr, sizeof addr, v[i]);
		}
		if (*addr && !mua_seen(seen, m, addr)) {
			msg_add_rcpt(m, addr);
			if (seen->cap)
				hindex_put_str(seen, m->rcpt[m->nrcpt - 1], m->nrcpt - 1);
		}
	}
}

struct mua_draft {
	const char *tag;
	int user, host;
	const char *mail_from, *header_from, *subject, *body;
	char *const *to, *const *cc, *const *bcc;
	int nto, ncc, nbcc;
	int port, auth, direct, via;
	const char *password;
	char *const *script;
	int nscript;
	const struct msg *eml;
	int sign, encrypt;     /* S/MIME before submitting (mua_smime.c) */
	int truth;             /* what the mail is (sc_send's): 0 unsaid, 1 ham, 2 spam */
};

void mua_start_submit(struct sim *s, struct job *j)
{
	if (j->target < 0) {
		struct trace_rec *r = trace_begin(s, TR_MUA_ERROR, j->host);
		r->role = ROLE_MUA;
		r->u.error = (struct trace_error){ .text = "no submission server configured", .stop = { -1, -1, 0 } };
		trace_end(s, r, j->m);
		j->state = JS_FAILED;
		return;
	}
	struct conn *c = conn_open(s, j, s->sc->hosts[j->target].addr, j->port, PROTO_SMTP);
	c->want_tls = j->port != PORT_SUBMISSIONS;
}

static void mua_post_eml(struct sim *s, const struct mua_draft *d);
static void mua_dispatch(struct sim *s, const struct mua_draft *d, struct msg *m);

/* Write the message, enter it in the ledger, and hand it to the network. */
static void mua_post(struct sim *s, const struct mua_draft *d)
{
	const struct scenario *sc = s->sc;
	const struct sc_user *u = d->user >= 0 ? &sc->users[d->user] : NULL;
	const struct sc_host *h = &sc->hosts[d->host];
	if (d->eml) {
		mua_post_eml(s, d);
		return;
	}
	char date[64], buf[400];
	engine_date(s, date, sizeof date);
	struct msg *m = msg_new();

	if (d->header_from)
		util_copy(buf, sizeof buf, d->header_from);
	else if (u && u->name)
		snprintf(buf, sizeof buf, "%s <%s>", u->name, u->address);
	else
		util_copy(buf, sizeof buf, u ? u->address : d->mail_from ? d->mail_from : "");
	msg_header_append(m, "From", buf);
	/* The lists are written in the run's scratch buffer: nothing below
	 * formats with it until they are in the header. */
	struct sbuf *l = &s->fmt;
	sbuf_reset(l);
	struct hindex seen = { 0 };
	mua_add_list(l, m, &seen, d->to, d->nto);
	if (l->len)
		msg_header_append(m, "To", l->s);
	sbuf_reset(l);
	mua_add_list(l, m, &seen, d->cc, d->ncc);
	if (l->len)
		msg_header_append(m, "Cc", l->s);
	mua_add_list(NULL, m, &seen, d->bcc, d->nbcc);   /* Bcc: envelope only */
	hindex_free(&seen);
	msg_header_append(m, "Subject", d->subject ? d->subject : "");
	msg_header_append(m, "Date", date);
	/* "<%lld.%s@%s>" by hand (once per mail), cut as the 400-byte buffer
	 * it was written into cut it. */
	sbuf_reset(&s->fmt);
	sbuf_addc(&s->fmt, '<');
	sbuf_add_int(&s->fmt, (long long)(sc->epoch + s->now / 1000000));
	sbuf_addc(&s->fmt, '.');
	sbuf_adds(&s->fmt, d->tag);
	sbuf_addc(&s->fmt, '@');
	sbuf_adds(&s->fmt, h->fqdn);
	sbuf_addc(&s->fmt, '>');
	msg_header_append(m, "Message-ID", util_copy(buf, sizeof buf, s->fmt.s));
	msg_set_body_text_utf8(m, d->body ? d->body : "");
	msg_set_mail_from(m, d->mail_from ? d->mail_from : u ? u->address : "");
	msg_fit(m);   /* written: it waits in the outbox at its size */
	mua_dispatch(s, d, m);
}

/* A real message from an .eml file: its header and body go as they are
 * (the MSA adds Date and Message-ID if they are missing); the envelope
 * comes from the action, so it may differ from the header, as in life. */
static void mua_post_eml(struct sim *s, const struct mua_draft *d)
{
	const struct sc_user *u = d->user >= 0 ? &s->sc->users[d->user] : NULL;
	struct msg *m = msg_clone(d->eml);
	msg_clear_rcpt(m);
	struct hindex seen = { 0 };
	mua_add_list(NULL, m, &seen, d->to, d->nto);
	mua_add_list(NULL, m, &seen, d->cc, d->ncc);
	mua_add_list(NULL, m, &seen, d->bcc, d->nbcc);
	hindex_free(&seen);
	msg_set_mail_from(m, d->mail_from ? d->mail_from : u ? u->address : "");
	mua_dispatch(s, d, m);
}

/* Straight to each recipient domain's MX, as a bot (or a careless user)
 * would: one job per domain, in the order the domains first appear, no
 * MSA, no AUTH.  The domains are indexed: ten thousand recipients must
 * not cost ten thousand squared comparisons.  Takes ownership of m. */
static void mua_direct(struct sim *s, const struct mua_draft *d, struct msg *m)
{
	/* The envelope is taken off m, so that each part is cloned without it. */
	char **rcpt = m->rcpt;
	int nrcpt = m->nrcpt;
	m->rcpt = NULL;
	m->nrcpt = m->caprcpt = 0;
	struct hindex dom;
	hindex_init(&dom, (size_t)nrcpt);
	struct msg **part = xcalloc((size_t)nrcpt, sizeof *part);
	int nparts = 0;
	for (int i = 0; i < nrcpt; i++) {
		const char *domain = dns_domain_of(rcpt[i]);   /* points into rcpt[i] */
		int p = hindex_get_str(&dom, domain);
		if (p < 0) {
			p = nparts++;
			hindex_put_str(&dom, domain, p);
			part[p] = msg_clone(m);
		}
		msg_add_rcpt(part[p], rcpt[i]);
	}
	for (int p = 0; p < nparts; p++) {
		struct job *j = job_new(s, JOB_DIRECT, d->host, part[p]);
		j->user = d->user;
		j->port = PORT_SMTP;
		j->domain = conn_str_new(s, dns_domain_of(part[p]->rcpt[0]));
		j->script = d->script;
		j->nscript = d->nscript;
		mta_job_run(s, j);
	}
	free(part);
	hindex_free(&dom);
	for (int i = 0; i < nrcpt; i++)
		msg_addr_free(rcpt[i]);
	free(rcpt);
	msg_free(m);
}

/* Enter the message (owned) in the ledger and hand it to the network. */
static void mua_dispatch(struct sim *s, const struct mua_draft *d, struct msg *m)
{
	const struct sc_user *u = d->user >= 0 ? &s->sc->users[d->user] : NULL;
	m->ledger = ledger_add(s, d->tag, m, -1);
	for (int i = 0; i < m->nrcpt; i++)
		ledger_set(s, m->ledger, m->rcpt[i], LS_OUTBOX, d->host);

	if (s->sc->hosts[d->host].bot)
		m->flags |= MSG_F_BOT;
	if (s->sc->hosts[d->host].attacker)
		m->flags |= MSG_F_ATTACKER;
	if (d->script)
		m->flags |= MSG_F_SCRIPT;
	if (d->truth)
		m->flags |= d->truth == 2 ? MSG_F_SPAM : MSG_F_HAM;
	char subject[256];
	msg_header_get(m, "Subject", subject, sizeof subject);
	/* decoded for the record in the run's second scratch buffer (the
	 * record copies it) */
	sbuf_reset(&s->fmt2);
	mime_decode_words(&s->fmt2, subject);
	struct trace_rec *r = trace_begin(s, TR_COMPOSE, d->host);
	r->role = ROLE_MUA;
	r->peer = d->direct ? -1 : d->via;   /* the relay it will go through, if named */
	r->u.compose.subject = s->fmt2.s;
	trace_end(s, r, m);

	if (m->nrcpt == 0) {
		struct trace_rec *e = trace_begin(s, TR_MUA_ERROR, d->host);
		e->role = ROLE_MUA;
		e->u.error = (struct trace_error){ .gone = 1, .text = "no recipients", .stop = { -1, -1, 0 } };
		trace_end(s, e, m);
		msg_free(m);
		return;
	}
	if (d->direct) {
		mua_direct(s, d, m);
		return;
	}
	struct job *j = job_new(s, JOB_SUBMIT, d->host, m);
	j->user = d->user;
	j->port = d->port ? d->port : (u ? u->submit_port : PORT_SUBMISSION);
	j->auth = d->auth >= 0 ? d->auth : (u && d->via < 0 ? u->submit_auth : 0);
	j->target = d->via >= 0 ? d->via : u ? u->submit_host : -1;
	j->password = d->password ? xstrdup(d->password) : NULL;
	j->script = d->script;
	j->nscript = d->nscript;
	if (j->auth && d->user < 0) {
		struct trace_rec *e = trace_begin(s, TR_MUA_ERROR, d->host);
		e->role = ROLE_MUA;
		e->u.error = (struct trace_error){ .text = "no user account to submit with", .stop = { -1, -1, 0 } };
		trace_end(s, e, m);
		j->state = JS_FAILED;
		return;
	}
	if (d->sign || d->encrypt)
		mua_smime_send(s, j, d->sign, d->encrypt);
	else
		mua_start_submit(s, j);
}

void mua_send(struct sim *s, const struct sc_send *snd, int copy)
{
	char tag[128];
	if (copy > 0)
		snprintf(tag, sizeof tag, "%s.%d", snd->tag, copy);
	else
		util_copy(tag, sizeof tag, snd->tag);
	/* A send from a group of machines goes round them, one copy each. */
	int host = snd->host;
	const struct sc_host *g = &s->sc->hosts[host];
	if (copy > 0 && g->group_size > 1 && g->group == host) {
		int k = (copy - 1) % g->group_size;
		host = k == 0 ? host : g->group_rest + k - 1;
	}
	struct mua_draft d = {
		.tag = tag, .user = snd->user, .host = host,
		.mail_from = snd->mail_from, .header_from = snd->header_from,
		.subject = snd->subject, .body = snd->body,
		.to = snd->to, .cc = snd->cc, .bcc = snd->bcc,
		.nto = snd->nto, .ncc = snd->ncc, .nbcc = snd->nbcc,
		.port = snd->port, .auth = snd->auth, .direct = snd->direct, .via = snd->via,
		.password = snd->password, .script = snd->script, .nscript = snd->nscript,
		.eml = snd->eml, .sign = snd->sign, .encrypt = snd->encrypt, .truth = snd->truth,
	};
	mua_post(s, &d);
}

/* Split "a@x, B <b@y>" into a vector of trimmed strings. */
static int mua_split_list(const char *list, char ***out)
{
	int n = 0, cap = 4;
	char **v = xmalloc((size_t)cap * sizeof *v);
	for (const char *p = list ? list : ""; *p;) {
		size_t len = strcspn(p, ",");
		const char *a = p, *b = p + len;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a) {
			if (n == cap)
				v = xrealloc(v, (size_t)(cap *= 2) * sizeof *v);
			v[n++] = xstrndup(a, (size_t)(b - a));
		}
		p += len + (p[len] == ',');
	}
	*out = v;
	return n;
}

static void mua_free_list(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void mua_compose(struct sim *s, const struct sim_compose *c)
{
	char tag[32];
	snprintf(tag, sizeof tag, "c%d", ++s->ncomposed);
	char **to, **cc, **bcc;
	int nto = mua_split_list(c->to, &to);
	int ncc = mua_split_list(c->cc, &cc);
	int nbcc = mua_split_list(c->bcc, &bcc);
	struct mua_draft d = {
		.tag = tag, .user = c->user, .host = c->host,
		.mail_from = c->mail_from && *c->mail_from ? c->mail_from
		             : c->user >= 0 ? s->sc->users[c->user].address : c->header_from,
		.header_from = c->header_from && *c->header_from ? c->header_from : NULL,
		.subject = c->subject, .body = c->body,
		.to = to, .cc = cc, .bcc = bcc, .nto = nto, .ncc = ncc, .nbcc = nbcc,
		.port = c->direct ? PORT_SMTP : c->port, .auth = c->direct ? 0 : c->auth, .direct = !!c->direct,
		.via = -1, .sign = c->direct ? 0 : c->sign, .encrypt = c->direct ? 0 : c->encrypt, .truth = 0,
	};
	mua_post(s, &d);
	mua_free_list(to, nto);
	mua_free_list(cc, ncc);
	mua_free_list(bcc, nbcc);
}

void mua_fetch(struct sim *s, int user, const char *password, const struct sc_fetch *how)
{
	const struct sc_user *u = &s->sc->users[user];
	struct sc_fetch own = { u->fetch_proto, u->fetch_port, u->fetch_starttls, u->fetch_apop };
	int host = u->mua_host;
	if (host < 0 || u->mailbox_host < 0)
		return;
	if (!how)
		how = &own;
	struct job *j = job_new(s, JOB_FETCH, host, NULL);
	j->user = user;
	j->password = password ? xstrdup(password) : NULL;
	j->port = (uint16_t)how->port;
	/* The MRA that serves the mailbox; with none, the mailbox's own host
	 * (which refuses the connection: nothing listens there). */
	int mra = u->fetch_host >= 0 ? u->fetch_host : u->mailbox_host;
	struct conn *c = conn_open(s, j, s->sc->hosts[mra].addr, how->port,
	                           how->proto == FETCH_POP3 ? PROTO_POP3 : PROTO_IMAP);
	c->want_tls = (uint8_t)how->starttls;
	c->apop = how->apop && how->proto == FETCH_POP3;
}

void mua_fetched(struct sim *s, const struct conn *c, int user, const struct msg *m)
{
	struct mfolder *f = &s->mbox[user].fetched;
	if (f->n == f->cap) {   /* slab blocks, as mda_folder_add's */
		int cap = f->cap ? f->cap * 2 : 8;
		f->items = slab_realloc(f->items, (size_t)f->cap * sizeof *f->items,
		                        (size_t)cap * sizeof *f->items);
		f->cap = cap;
	}
	f->items[f->n++] = (struct mitem){ msg_clone(m), 1, 0, ++f->last_uid, 0, TRACE_LEARN_NONE };
	const struct sc_user *u = &s->sc->users[user];
	struct trace_rec *r = trace_begin(s, TR_FETCHED, u->mua_host);
	r->role = ROLE_MUA;
	r->proto = c->proto;
	r->port = c->port;
	r->u.box.user = user;
	trace_end(s, r, m);
	mua_smime_read(s, user, f->items[f->n - 1].m);
}

/* The MUA's session ended (ok) or never opened (!ok).  Settle each
 * recipient: accepted, refused for good, or still in the outbox. */
void mua_job_done(struct sim *s, struct job *j, int ok)
{
	if (j->kind == JOB_FETCH) {
		if (!ok) {
			struct trace_rec *r = trace_begin(s, TR_MUA_ERROR, j->host);
			r->role = ROLE_MUA;
			r->u.error = (struct trace_error){
				.fetch = 1, .code = j->last_code,
				.text = j->last_text ? j->last_text : "cannot reach the mail server",
				.stop = { j->blocked_router, j->blocked_rule, 0 } };
			trace_end(s, r, NULL);
		}
		job_free(s, j);
		return;
	}
	int n = j->m->nrcpt, pending = 0;
	const char *err = NULL;
	int err_code = 0;
	for (int i = 0; i < n; i++) {
		int code = ok ? j->rcode[i] : 0;
		if (code >= 200 && code < 300)
			continue;   /* the server has it now */
		struct ledger_rcpt *lr = ledger_rcpt_find(s, j->m->ledger, j->m->rcpt[i]);
		if (!lr)
			continue;
		lr->code = code;
		free(lr->reason);
		const char *why = ok && j->rtext[i] ? j->rtext[i] : j->last_text ? j->last_text : "";
		lr->reason = xstrdup(why);
		if (!err || code >= 500) {
			err = why;
			err_code = code;
		}
		if (code >= 500) {
			ledger_enter(s, j->m->ledger, lr, LS_REJECTED, j->host);
		} else if (j->blocked_router >= 0) {
			ledger_enter(s, j->m->ledger, lr, LS_BLOCKED, s->sc->nhosts + j->blocked_router);
			free(lr->rule);
			lr->rule = xstrdup(s->sc->routers[j->blocked_router].rules[j->blocked_rule].name);
			pending++;
		} else {
			ledger_enter(s, j->m->ledger, lr, LS_OUTBOX, j->host);
			pending++;
		}
	}
	if (err) {   /* (pending: whether the mail stays in the outbox) */
		struct trace_rec *r = trace_begin(s, TR_MUA_ERROR, j->host);
		r->role = ROLE_MUA;
		r->u.error = (struct trace_error){ .gone = !pending, .code = err_code, .text = err,
		                                   .stop = { j->blocked_router, j->blocked_rule, 0 } };
		if (j->blocked_router >= 0)
			r->peer = s->sc->nhosts + j->blocked_router;
		trace_end(s, r, j->m);
	}
	if (pending) {
		/* The mail stays in the outbox, as a real mail program keeps it. */
		int *keep = xcalloc((size_t)n + 1, sizeof(int));
		for (int i = 0; i < n; i++) {
			const struct ledger_rcpt *lr = ledger_rcpt_find(s, j->m->ledger, j->m->rcpt[i]);
			keep[i] = lr && (lr->state == LS_OUTBOX || lr->state == LS_BLOCKED);
		}
		job_keep_rcpts(s, j, keep);
		free(keep);
		j->state = JS_FAILED;
	} else {
		job_free(s, j);
	}
}
