/* mta_tamper — an attacker's relay: a host with "tamper" changes a piece of
 * text in every mail it passes on, as someone who has taken over a server
 * on the path could.  It reads the mail as MIME, so it finds the text in
 * each text part whatever its transfer encoding (base64 is decoded,
 * changed and encoded again, as a careful forger would), but not in what
 * is encrypted: an application/pkcs7-mime body is only ciphertext to it.
 * A signature over a changed part no longer matches (the S/MIME lesson's
 * 完全性). */
#include <string.h>

#include "mime.h"
#include "mimetree.h"
#include "simint.h"

/* Append s (n bytes) to out with every find replaced; returns how many. */
static int mta_tamper_replace(struct sbuf *out, const char *s, size_t n, const char *find,
                              const char *repl)
{
	size_t fl = strlen(find);
	int count = 0;
	size_t i = 0;
	while (i < n) {
		if (fl && n - i >= fl && memcmp(s + i, find, fl) == 0) {
			sbuf_adds(out, repl);
			i += fl;
			count++;
		} else {
			sbuf_addc(out, s[i++]);
		}
	}
	return count;
}

/* One leaf part's body, changed if it is text it can read. */
static int mta_tamper_part(const struct mimetree_part *p, const char *find, const char *repl,
                           struct sbuf *out)
{
	if (strncmp(p->type, "text/", 5) != 0 || !strcmp(p->cte, "quoted-printable")) {
		sbuf_add(out, p->body, p->body_len);
		return 0;
	}
	if (strcmp(p->cte, "base64") != 0)
		return mta_tamper_replace(out, p->body, p->body_len, find, repl);
	struct sbuf plain, changed, enc;
	sbuf_init(&plain);
	sbuf_init(&changed);
	sbuf_init(&enc);
	mime_b64_decode(&plain, p->body, p->body_len, 0);
	int n = mta_tamper_replace(&changed, plain.s ? plain.s : "", plain.len, find, repl);
	if (n) {
		/* The same line length as mail programs use; no final line end
		 * where the original had none. */
		mime_b64_encode(&enc, changed.s, changed.len, 76);
		int crlf = p->body_len >= 2 && p->body[p->body_len - 2] == '\r' && p->body[p->body_len - 1] == '\n';
		if (!crlf && enc.len >= 2)
			enc.len -= 2;
		sbuf_add(out, enc.s ? enc.s : "", enc.len);
	} else {
		sbuf_add(out, p->body, p->body_len);
	}
	sbuf_free(&plain);
	sbuf_free(&changed);
	sbuf_free(&enc);
	return n;
}

void mta_tamper(struct sim *s, int host, struct msg *m)
{
	const struct sc_host *h = &s->sc->hosts[host];
	if (!h->tamper_find)
		return;
	/* The message's own MIME fields, then its body, read as one entity. */
	char type[256] = "", cte[64] = "";
	msg_header_get(m, "Content-Type", type, sizeof type);
	msg_header_get(m, "Content-Transfer-Encoding", cte, sizeof cte);
	struct sbuf text, body;
	sbuf_init(&text);
	sbuf_init(&body);
	if (*type)
		sbuf_addf(&text, "Content-Type: %s\r\n", type);
	if (*cte)
		sbuf_addf(&text, "Content-Transfer-Encoding: %s\r\n", cte);
	sbuf_adds(&text, "\r\n");
	size_t start = text.len;
	sbuf_add(&text, m->body ? m->body : "", m->body_len);
	struct mimetree t;
	mimetree_init(&t);
	char err[160];
	mimetree_parse(&t, text.s, text.len, 0, err, sizeof err);
	int count = 0, encrypted = 0;
	const char *at = text.s + start;
	for (int i = 0; i < t.n; i++) {
		const struct mimetree_part *p = &t.parts[i];
		encrypted |= !strcmp(p->type, "application/pkcs7-mime") ||
		             !strcmp(p->type, "application/x-pkcs7-mime");
		if (!strncmp(p->type, "multipart/", 10) || p->body < at)
			continue;
		sbuf_add(&body, at, (size_t)(p->body - at));
		count += mta_tamper_part(p, h->tamper_find, h->tamper_replace, &body);
		at = p->body + p->body_len;
	}
	sbuf_add(&body, at, (size_t)(text.s + text.len - at));
	if (count)
		msg_set_body(m, body.s ? body.s : "");
	struct trace_rec *r = trace_begin(s, TR_TAMPER, host);
	r->role = ROLE_MTA;
	r->u.tamper = (struct trace_tamper){ h->tamper_find, h->tamper_replace, count, (uint8_t)encrypted };
	trace_end(s, r, m);
	mimetree_free(&t);
	sbuf_free(&text);
	sbuf_free(&body);
}
