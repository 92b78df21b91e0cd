/* fuzz_dkim — libFuzzer target for DKIM: the tag-list parser, the two
 * canonicalizations, key records and the whole verification path; the
 * first byte picks which, the rest is the input:
 *   0  a tag-list (a DKIM-Signature value), and both canonicalizations of
 *      the bytes as a header field and as a body
 *   1  a message on the wire, verified with the test key published for
 *      every selector (seeds hold messages signed with it)
 *   2  a key record: parsed, then used to verify a message signed with
 *      the test key (it must pass exactly when the record holds that key)
 *   3  a message text for msg_parse, then signed with the test key: the
 *      signature must verify, on the message and on its wire text
 * Whatever the bytes, nothing crashes, leaks or loops, and every result
 * is one of the enum's values.  Run from the top directory (it reads
 * tests/data/dkim-rsa2048-a.pem); build and run with `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkim.h"
#include "msg.h"
#include "taglist.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_dkim_dns {
	char *records[2];
};

static int fuzz_dkim_lookup(void *ctx, const char *name, char *const **records)
{
	struct fuzz_dkim_dns *d = ctx;
	(void)name;
	*records = d->records;
	return 1;
}

/* The test key, its TXT record and a message signed with it, made once. */
static struct dkim_key *fuzz_dkim_key;
static char *fuzz_dkim_txt;
static char *fuzz_dkim_signed;
static size_t fuzz_dkim_signed_len;

static void fuzz_dkim_init(void)
{
	if (fuzz_dkim_key)
		return;
	char err[200];
	fuzz_dkim_key = dkim_key_load_file("tests/data/dkim-rsa2048-a.pem", err, sizeof err);
	if (!fuzz_dkim_key) {
		fprintf(stderr, "fuzz_dkim: %s (run from the top directory)\n", err);
		abort();
	}
	fuzz_dkim_txt = dkim_key_txt_record(fuzz_dkim_key);
	struct msg *m = msg_new();
	msg_header_append(m, "From", "Alice <alice@corp.example>");
	msg_header_append(m, "Subject", "fuzz");
	msg_set_body(m, "body\n");
	struct dkim_sign_opts o;
	dkim_sign_opts_init(&o, "corp.example", "s1");
	if (dkim_sign(m, fuzz_dkim_key, &o, NULL, err, sizeof err) < 0)
		abort();
	fuzz_dkim_signed = msg_serialize(m, &fuzz_dkim_signed_len);
	msg_free(m);
}

static void fuzz_dkim_check(const struct dkim_verification *v)
{
	for (int i = 0; i < v->n; i++) {
		const struct dkim_result *r = &v->sigs[i];
		if (r->status >= DKIM_STATUS_COUNT || !r->detail || !r->authres || !r->comment)
			abort();
	}
	if (v->n > DKIM_MAX_SIGNATURES)
		abort();
	char *ar = dkim_verification_authres(v);
	free(ar);
}

static void fuzz_dkim_tags(const char *s, size_t n)
{
	struct taglist tl;
	char err[128];
	if (taglist_parse(&tl, s, n, err, sizeof err) == 0) {
		for (int i = 0; i < tl.n; i++) {
			const struct taglist_tag *t = &tl.tags[i];
			if (t->value + t->value_len > s + n || t->spec_end > n || t->eq_end > t->spec_end)
				abort();
			struct sbuf b;
			sbuf_init(&b);
			taglist_decode_base64(&b, t->value, t->value_len);
			sbuf_free(&b);
			free(taglist_value_compact(t));
		}
	}
	for (int c = 0; c < DKIM_CANON_COUNT; c++) {
		struct sbuf b;
		sbuf_init(&b);
		dkim_canon_header(&b, (enum dkim_canon)c, s, n);
		dkim_canon_body(&b, (enum dkim_canon)c, s, n);
		sbuf_free(&b);
	}
}

static void fuzz_dkim_sign_verify(const char *s, size_t n)
{
	char err[200];
	struct msg *m = msg_parse(s, n, err, sizeof err);
	if (!m)
		return;
	struct dkim_sign_opts o;
	dkim_sign_opts_init(&o, "corp.example", "s1");
	o.oversign = n & 1;
	o.header_canon = (n >> 1) & 1 ? DKIM_CANON_SIMPLE : DKIM_CANON_RELAXED;
	o.body_canon = (n >> 2) & 1 ? DKIM_CANON_SIMPLE : DKIM_CANON_RELAXED;
	if (dkim_sign(m, fuzz_dkim_key, &o, NULL, err, sizeof err) == 0) {
		struct fuzz_dkim_dns d = { { fuzz_dkim_txt, NULL } };
		struct dkim_verification v;
		dkim_verify(m, -1, fuzz_dkim_lookup, &d, &v);
		fuzz_dkim_check(&v);
		/* Our own fresh signature is the topmost field and must pass. */
		if (v.n < 1 || v.sigs[0].status != DKIM_STATUS_PASS) {
			fprintf(stderr, "fuzz_dkim: own signature: %s\n", v.n ? v.sigs[0].detail : "none");
			abort();
		}
		dkim_verification_free(&v);
		size_t len;
		char *wire = msg_serialize(m, &len);
		dkim_verify_wire(wire, len, -1, fuzz_dkim_lookup, &d, &v);
		if (v.n < 1 || v.sigs[0].status != DKIM_STATUS_PASS)
			abort();
		dkim_verification_free(&v);
		free(wire);
	}
	msg_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	fuzz_dkim_init();
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	struct dkim_verification v;

	switch (data[0] % 4) {
	case 0:
		fuzz_dkim_tags(s, n);
		break;
	case 1: {
		struct fuzz_dkim_dns d = { { fuzz_dkim_txt, NULL } };
		dkim_verify_wire(s, n, (int64_t)n, fuzz_dkim_lookup, &d, &v);
		fuzz_dkim_check(&v);
		dkim_verification_free(&v);
		break;
	}
	case 2: {
		char *rec = xstrndup(s, n);   /* a record is a C string: up to a NUL */
		struct fuzz_dkim_dns d = { { rec, NULL } };
		dkim_verify_wire(fuzz_dkim_signed, fuzz_dkim_signed_len, -1, fuzz_dkim_lookup, &d, &v);
		fuzz_dkim_check(&v);
		if (v.n != 1)
			abort();
		/* Only a record holding the test key itself can make it pass. */
		struct dkim_key *k = NULL;
		enum dkim_key_status st = dkim_key_from_record(rec, strlen(rec), &k, NULL, NULL, 0);
		if (v.sigs[0].status == DKIM_STATUS_PASS) {
			char *txt = st == DKIM_KEY_OK ? dkim_key_txt_record(k) : NULL;
			if (!txt || strcmp(txt, fuzz_dkim_txt) != 0)
				abort();
			free(txt);
		}
		dkim_verification_free(&v);
		dkim_key_free(k);
		free(rec);
		break;
	}
	default:
		fuzz_dkim_sign_verify(s, n);
		break;
	}
	return 0;
}
