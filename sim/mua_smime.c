/* mua_smime — S/MIME at the mail programs, one step at a time.
 *
 * The sending MUA signs (hash, sign) and/or encrypts (session key, encrypt,
 * wrap) a mail through smime_protect before submitting it; the reading MUA
 * opens what it fetched with smime_verdict_open (unwrap, decrypt, digest,
 * verify, chain) and gives a verdict.  Each step is an event of its own,
 * MUA_SMIME_STEP_US apart, with a TR_SMIME record, so that the class can
 * step through them and the window can animate them; a mail program does
 * one mail at a time.  The crypto itself is done once, at the first step of
 * each phase (the signing time and the time of reading are that moment of
 * the simulated clock); the mail as sent changes where its step says so:
 * multipart/signed at "sign", application/pkcs7-mime at "wrap".
 *
 * The reading MUA opens mail when the user fetches it (POP3 or IMAP); what
 * stays on the server, or in a queue, stays as it travelled, which is what
 * an administrator sees there. */
#include <string.h>

#include "simint.h"
#include "smime.h"
#include "trace_smime.h"

/* What one mail program still has to do for one mail. */
struct mua_smime_task {
	int job;                     /* sending: the job holding the mail, -1 */
	int user;                    /* the user whose mail program it is */
	int host;                    /* its host */
	int ledger;                  /* the mail's ledger entry */
	uint8_t origin;              /* enum trace_origin of the mail */
	uint8_t steps[8];            /* enum trace_smime_step, in order */
	int nsteps, next;
	uint8_t refuse;              /* REFUSE: enum trace_smime_refuse */
	char refuse_who[320];        /* REFUSE: whose key or certificate */
	struct smime_facts facts;    /* sending: what protecting did */
	struct msg *pending;         /* sending: the mail as the phase leaves it */
	struct smime_verdict *v;     /* reading: what opening found */
	uint8_t verdict;             /* reading: enum trace_smime_verdict */
	char wrapped_for[512];       /* reading: whom the session key was wrapped for */
	char issuer[256];            /* reading: the CA the signer's chain leads to */
};

static int mua_smime_new_task(struct sim *s)
{
	for (int i = 0; i < s->nstasks; i++)
		if (!s->stasks[i]) {
			s->stasks[i] = xcalloc(1, sizeof **s->stasks);
			return i;
		}
	if (s->nstasks == s->capstasks) {
		s->capstasks = s->capstasks ? 2 * s->capstasks : 8;
		s->stasks = xrealloc(s->stasks, (size_t)s->capstasks * sizeof *s->stasks);
	}
	s->stasks[s->nstasks] = xcalloc(1, sizeof **s->stasks);
	return s->nstasks++;
}

static void mua_smime_task_free(struct sim *s, int i)
{
	struct mua_smime_task *t = s->stasks[i];
	msg_free(t->pending);
	smime_verdict_free(t->v);
	free(t);
	s->stasks[i] = NULL;
}

void mua_smime_free_all(struct sim *s)
{
	for (int i = 0; i < s->nstasks; i++)
		if (s->stasks[i])
			mua_smime_task_free(s, i);
	free(s->stasks);
	free(s->smime_busy);
}

/* The task's next step, one step from now.  A new task waits until the
 * mail program is done with the mails before it: it reserves all its
 * steps at once, so that two mails' steps never interleave. */
static void mua_smime_schedule(struct sim *s, int i)
{
	struct mua_smime_task *t = s->stasks[i];
	int64_t at = s->now + MUA_SMIME_STEP_US;
	if (t->next == 0) {
		if (s->smime_busy[t->host] > s->now)
			at = s->smime_busy[t->host] + MUA_SMIME_STEP_US;
		s->smime_busy[t->host] = at + (int64_t)(t->nsteps - 1) * MUA_SMIME_STEP_US;
	}
	engine_schedule(s, at, EV_SMIME, i, 0);
}

static struct trace_rec *mua_smime_rec(struct sim *s, const struct mua_smime_task *t,
                                       enum trace_smime_step step)
{
	struct trace_rec *r = trace_begin(s, TR_SMIME, t->host);
	r->role = ROLE_MUA;
	r->msg = t->ledger;
	r->origin = t->origin;
	r->u.smime.step = (uint8_t)step;
	r->u.smime.more = t->next + 1 < t->nsteps;
	return r;
}

static const char *mua_smime_address(const struct sim *s, int user)
{
	return user >= 0 && user < s->sc->nusers ? s->sc->users[user].address : "";
}

/* Does this address have a private key in the lesson? */
static int mua_smime_has_key(const struct sim *s, const char *addr)
{
	int i = scenario_smime_user(s->sc, addr);
	return i >= 0 && (s->sc->smime->users[i].key_pem || !s->sc->smime->users[i].cert_pem);
}

/* ---- sending ---- */

/* Why j's mail cannot be protected as asked (REFUSE), or -1 when it can. */
static int mua_smime_refusal(struct sim *s, const struct job *j, int sign, int encrypt, char *who,
                             size_t whosz)
{
	const char *signer = mua_smime_address(s, j->user);
	if (sign && !mua_smime_has_key(s, signer)) {
		snprintf(who, whosz, "%s", *signer ? signer : j->m->mail_from ? j->m->mail_from : "");
		return TRACE_SMIME_REFUSE_NO_KEY;
	}
	for (int k = 0; encrypt && k < j->m->nrcpt; k++)
		if (scenario_smime_user(s->sc, j->m->rcpt[k]) < 0) {
			snprintf(who, whosz, "%s", j->m->rcpt[k]);
			return TRACE_SMIME_REFUSE_NO_CERT;
		}
	if (encrypt && j->m->nrcpt > SMIME_MAX_RCPT) {   /* more than one envelope holds */
		snprintf(who, whosz, "%s", *signer ? signer : "");
		return TRACE_SMIME_REFUSE_FAILED;
	}
	return -1;
}

void mua_smime_send(struct sim *s, struct job *j, int sign, int encrypt)
{
	if (!s->smime || !(sign || encrypt)) {
		if (sign || encrypt) {   /* a lesson without keys: nothing to sign with */
			struct trace_rec *r = trace_begin(s, TR_MUA_ERROR, j->host);
			r->role = ROLE_MUA;
			r->u.error = (struct trace_error){ .text = "this lesson has no S/MIME keys", .stop = { -1, -1, 0 } };
			trace_end(s, r, j->m);
			j->state = JS_FAILED;
			return;
		}
		mua_start_submit(s, j);
		return;
	}
	int i = mua_smime_new_task(s);
	struct mua_smime_task *t = s->stasks[i];
	t->job = j->id;
	t->user = j->user;
	t->host = j->host;
	t->ledger = j->m->ledger;
	t->origin = (uint8_t)trace_origin_of(j->m);
	int why = mua_smime_refusal(s, j, sign, encrypt, t->refuse_who, sizeof t->refuse_who);
	if (why >= 0) {
		t->refuse = (uint8_t)why;
		t->steps[t->nsteps++] = TRACE_SMIME_REFUSE;
	} else {
		static const uint8_t sign_steps[] = { TRACE_SMIME_HASH, TRACE_SMIME_SIGN };
		static const uint8_t enc_steps[] = { TRACE_SMIME_KEY, TRACE_SMIME_ENCRYPT, TRACE_SMIME_WRAP };
		for (size_t k = 0; sign && k < sizeof sign_steps; k++)
			t->steps[t->nsteps++] = sign_steps[k];
		for (size_t k = 0; encrypt && k < sizeof enc_steps; k++)
			t->steps[t->nsteps++] = enc_steps[k];
	}
	j->state = JS_WAIT;
	mua_smime_schedule(s, i);
}

/* Protect a copy of j's mail as the phase starting at this step asks;
 * returns 0, or -1 after turning the task into a refusal. */
static int mua_smime_protect(struct sim *s, struct mua_smime_task *t, struct job *j,
                             enum smime_mode mode)
{
	const char *signer = mua_smime_address(s, t->user);
	const char *rcpts[SMIME_MAX_RCPT];
	int n = 0;
	for (int k = 0; k < j->m->nrcpt && n < SMIME_MAX_RCPT; k++)
		rcpts[n++] = j->m->rcpt[k];
	char err[256];
	t->pending = msg_clone(j->m);
	struct smime_facts f;
	if (smime_protect(s->smime, t->pending, mode, signer, rcpts, n, s->now, &f, err,
	                  sizeof err) == 0) {
		if (mode == SMIME_MODE_SIGN)
			t->facts.sign = f.sign;
		else
			t->facts.enc = f.enc;
		return 0;
	}
	msg_free(t->pending);
	t->pending = NULL;
	t->refuse = TRACE_SMIME_REFUSE_FAILED;
	snprintf(t->refuse_who, sizeof t->refuse_who, "%s", signer);
	t->steps[t->next] = TRACE_SMIME_REFUSE;
	t->nsteps = t->next + 1;
	return -1;
}

/* The protected mail becomes the one in the outbox. */
static void mua_smime_swap(struct mua_smime_task *t, struct job *j)
{
	msg_free(j->m);
	j->m = t->pending;
	t->pending = NULL;
}

/* The RSA key size of user addr's certificate, 0 if unknown. */
static int mua_smime_key_bits(const struct sim *s, const char *addr)
{
	struct smime_cert_card card;
	int u = smime_find_user(s->smime, addr);
	return u >= 0 && smime_cert_card_user(s->smime, u, &card) == 0 ? card.key_bits : 0;
}

static void mua_smime_send_step(struct sim *s, struct mua_smime_task *t, enum trace_smime_step step)
{
	struct job *j = job_get(s, t->job);
	if ((step == TRACE_SMIME_HASH && mua_smime_protect(s, t, j, SMIME_MODE_SIGN) < 0) ||
	    (step == TRACE_SMIME_KEY && mua_smime_protect(s, t, j, SMIME_MODE_ENCRYPT) < 0))
		step = TRACE_SMIME_REFUSE;
	struct trace_rec *r = mua_smime_rec(s, t, step);
	struct trace_smime *f = &r->u.smime;
	const struct smime_sign_facts *sf = &t->facts.sign;
	const struct smime_enc_facts *ef = &t->facts.enc;
	struct sbuf who;
	sbuf_init(&who);
	switch (step) {
	case TRACE_SMIME_HASH:
		*f = (struct trace_smime){ .step = f->step, .more = f->more, .who = sf->signer,
		                           .alg = sf->digest_alg, .v1 = sf->digest,
		                           .bytes = (uint32_t)sf->content_len };
		break;
	case TRACE_SMIME_SIGN:
		mua_smime_swap(t, j);
		*f = (struct trace_smime){ .step = f->step, .more = f->more, .who = sf->signer, .alg = "RSA",
		                           .bits = (uint16_t)mua_smime_key_bits(s, sf->signer),
		                           .bytes = (uint32_t)sf->signature_len, .bytes2 = (uint32_t)sf->ncerts };
		if (!f->bytes2)
			f->bytes2 = 1;   /* the signer's certificate goes with the signature */
		break;
	case TRACE_SMIME_KEY:
		*f = (struct trace_smime){ .step = f->step, .more = f->more, .alg = ef->cipher,
		                           .bits = (uint16_t)ef->session_key_bits, .bytes = (uint32_t)ef->iv_len };
		break;
	case TRACE_SMIME_ENCRYPT:
		*f = (struct trace_smime){ .step = f->step, .more = f->more, .alg = ef->cipher,
		                           .bytes = (uint32_t)ef->plaintext_len,
		                           .bytes2 = (uint32_t)ef->ciphertext_len };
		break;
	case TRACE_SMIME_WRAP:
		mua_smime_swap(t, j);
		for (int k = 0; k < ef->nrcpt && k < SMIME_MAX_RCPT; k++)
			sbuf_addf(&who, "%s%s", k ? ", " : "", ef->rcpt[k].address);
		*f = (struct trace_smime){ .step = f->step, .more = f->more, .who = who.s, .alg = "RSA",
		                           .bits = (uint16_t)(ef->nrcpt ? ef->rcpt[0].key_bits : 0),
		                           .bytes = (uint32_t)(ef->nrcpt ? ef->rcpt[0].wrapped_len : 0),
		                           .bytes2 = (uint32_t)ef->nrcpt };
		break;
	case TRACE_SMIME_REFUSE:
		*f = (struct trace_smime){ .step = f->step, .result = t->refuse, .who = t->refuse_who };
		break;
	default:
		PANIC("step %d is not the sender's", (int)step);
	}
	trace_end(s, r, NULL);
	sbuf_free(&who);
	if (step == TRACE_SMIME_REFUSE) {
		/* As a real mail program: it will not send the mail unprotected;
		 * the mail stays in the outbox. */
		j->state = JS_FAILED;
	} else if (!f->more) {
		mua_start_submit(s, j);
	}
}

/* ---- reading ---- */

/* Does reader (a user index) trust the CA the signer's certificate names
 * as its issuer?  Each user's mail program trusts the CAs its lesson
 * entry lists; the context trusts every CA some user trusts, so this is
 * where one reader's own list counts.  Also names the CA in t->issuer. */
static int mua_smime_trusts_issuer(struct sim *s, struct mua_smime_task *t)
{
	const struct sc_smime *x = s->sc->smime;
	const struct smime_verdict *v = t->v;
	const char *cn = strstr(v->signer_card.issuer, "CN = ");
	snprintf(t->issuer, sizeof t->issuer, "%s", cn ? cn + 5 : v->signer_card.issuer);
	int ru = scenario_smime_user(s->sc, mua_smime_address(s, t->user));
	unsigned trust = 0;
	for (int c = 0; c < x->ncas; c++)
		trust |= (unsigned)(x->cas[c].trusted != 0) << c;
	if (ru >= 0)
		trust = x->users[ru].trust;
	for (int c = 0; c < x->ncas && c < smime_ca_count(s->smime); c++) {
		struct smime_cert_card card;
		if (smime_cert_card_ca(s->smime, c, &card) != 0 || strcmp(card.subject, v->signer_card.issuer))
			continue;
		snprintf(t->issuer, sizeof t->issuer, "%s", x->cas[c].name ? x->cas[c].name : x->cas[c].id);
		return (int)(trust >> c & 1);
	}
	return 1;   /* a CA the lesson does not list: the chain check has said */
}

/* Open m as the user's mail program does now and plan the steps. */
void mua_smime_read(struct sim *s, int user, const struct msg *m)
{
	const struct sc_user *u = &s->sc->users[user];
	if (!s->smime || u->mua_host < 0)
		return;
	int i = mua_smime_new_task(s);
	struct mua_smime_task *t = s->stasks[i];
	t->job = -1;
	t->user = user;
	t->host = u->mua_host;
	t->ledger = m->ledger;
	t->origin = (uint8_t)trace_origin_of(m);
	struct smime_verdict *v = t->v = smime_verdict_open(s->smime, m, u->address, s->now);
	if (v->has_signer_card && v->chain != SMIME_CHAIN_NONE && !mua_smime_trusts_issuer(s, t)) {
		v->chain = SMIME_CHAIN_UNKNOWN_CA;
		snprintf(v->chain_error, sizeof v->chain_error, "the reader does not trust this CA");
	}
	t->verdict = (uint8_t)trace_smime_verdict_of(v);
	for (int k = 0; k < v->enc.nrcpt && k < SMIME_MAX_RCPT; k++) {
		size_t l = strlen(t->wrapped_for);
		snprintf(t->wrapped_for + l, sizeof t->wrapped_for - l, "%s%s", l ? ", " : "",
		         v->enc.rcpt[k].address[0] ? v->enc.rcpt[k].address : "?");
	}
	if (v->enc.done)
		t->steps[t->nsteps++] = TRACE_SMIME_UNWRAP;
	if (v->dec == SMIME_DEC_OK)
		t->steps[t->nsteps++] = TRACE_SMIME_DECRYPT;
	if (v->sign.done && v->sign.digest[0] && v->sign.computed[0])
		t->steps[t->nsteps++] = TRACE_SMIME_DIGEST;
	if (v->sig != SMIME_SIG_ABSENT)
		t->steps[t->nsteps++] = TRACE_SMIME_VERIFY;
	if (v->has_signer_card)
		t->steps[t->nsteps++] = TRACE_SMIME_CHAIN;
	t->steps[t->nsteps++] = TRACE_SMIME_VERDICT;
	mua_smime_schedule(s, i);
}

/* The wrapped key's size for this reader (else the first one's). */
static uint32_t mua_smime_wrapped_len(const struct smime_verdict *v)
{
	for (int k = 0; k < v->enc.nrcpt && k < SMIME_MAX_RCPT; k++)
		if (!util_strcasecmp(v->enc.rcpt[k].address, v->reader))
			return (uint32_t)v->enc.rcpt[k].wrapped_len;
	return v->enc.nrcpt ? (uint32_t)v->enc.rcpt[0].wrapped_len : 0;
}

static void mua_smime_read_step(struct sim *s, struct mua_smime_task *t, enum trace_smime_step step)
{
	const struct smime_verdict *v = t->v;
	struct trace_rec *r = mua_smime_rec(s, t, step);
	struct trace_smime *f = &r->u.smime;
	struct trace_smime base = { .step = f->step, .more = f->more };
	const char *signer = v->sign.signer;
	switch (step) {
	case TRACE_SMIME_UNWRAP:
		*f = base;
		f->result = v->dec;
		f->who = v->reader;
		f->other = t->wrapped_for;
		f->alg = "RSA";
		f->bits = (uint16_t)mua_smime_key_bits(s, v->reader);
		f->bytes = mua_smime_wrapped_len(v);
		break;
	case TRACE_SMIME_DECRYPT:
		*f = base;
		f->who = v->reader;
		f->alg = v->enc.cipher;
		f->bits = (uint16_t)v->enc.session_key_bits;
		f->bytes = (uint32_t)v->enc.ciphertext_len;
		f->bytes2 = (uint32_t)v->enc.plaintext_len;
		break;
	case TRACE_SMIME_DIGEST:
		*f = base;
		f->result = strcmp(v->sign.digest, v->sign.computed) == 0;
		f->who = signer;
		f->alg = v->sign.digest_alg;
		f->v1 = v->sign.digest;
		f->v2 = v->sign.computed;
		f->bytes = (uint32_t)v->sign.content_len;
		break;
	case TRACE_SMIME_VERIFY:
		*f = base;
		f->result = v->sig;
		f->who = signer;
		f->other = v->from_addr;
		f->alg = "RSA";
		f->bits = (uint16_t)(v->has_signer_card ? v->signer_card.key_bits : 0);
		f->bytes = (uint32_t)v->sign.signature_len;
		break;
	case TRACE_SMIME_CHAIN:
		*f = base;
		f->result = v->chain;
		f->who = signer;
		f->other = t->issuer;
		f->v1 = v->signer_card.not_before_text;
		f->v2 = v->signer_card.not_after_text;
		break;
	case TRACE_SMIME_VERDICT:
		*f = base;
		f->result = t->verdict;
		f->sig = v->sig;
		f->chain = v->chain;
		f->from = v->from;
		f->dec = v->dec;
		for (int p = 0; p < SMIME_PROP_COUNT; p++)
			f->holds |= (uint8_t)(smime_verdict_holds(v, (enum smime_prop)p) << p);
		f->who = v->reader;
		f->other = v->from_addr;
		f->v1 = signer;
		break;
	default:
		PANIC("step %d is not the reader's", (int)step);
	}
	trace_end(s, r, NULL);
}

void mua_smime_step(struct sim *s, int i)
{
	if (i < 0 || i >= s->nstasks || !s->stasks[i])
		PANIC("S/MIME task %d is not live", i);
	struct mua_smime_task *t = s->stasks[i];
	enum trace_smime_step step = (enum trace_smime_step)t->steps[t->next];
	if (t->job >= 0)
		mua_smime_send_step(s, t, step);
	else
		mua_smime_read_step(s, t, step);
	if (++t->next < t->nsteps)
		mua_smime_schedule(s, i);
	else
		mua_smime_task_free(s, i);
}

void mua_smime_snapshot(struct sim *dst, const struct sim *src, struct snapshot_map *map)
{
	if (src->smime_busy) {
		size_t n = (size_t)src->sc->nhosts + 1;
		dst->smime_busy = xmalloc(n * sizeof *dst->smime_busy);
		memcpy(dst->smime_busy, src->smime_busy, n * sizeof *dst->smime_busy);
	}
	/* The same task slots: events name a task by its index. */
	dst->nstasks = dst->capstasks = src->nstasks;
	if (!src->nstasks)
		return;
	dst->stasks = xcalloc((size_t)src->nstasks, sizeof *dst->stasks);
	for (int i = 0; i < src->nstasks; i++) {
		const struct mua_smime_task *a = src->stasks[i];
		if (!a)
			continue;
		struct mua_smime_task *b = dst->stasks[i] = xmalloc(sizeof *b);
		*b = *a;
		b->pending = snapshot_msg(map, a->pending);
		b->v = a->v ? smime_verdict_clone(a->v) : NULL;
	}
}
