/* fuzz_dmarc — libFuzzer target for the DMARC side: the first byte picks
 *   0  a DMARC record for dmarc_record_parse
 *   1  a header field value for the RFC 5322 address parser
 *   2  two domains (split at the first NUL) for the organizational domain
 *      and alignment
 *   3  a message text for msg_parse, evaluated by dmarc_evaluate with a
 *      DMARC record and a DKIM result that the input also shapes
 * Whatever the bytes, nothing crashes, leaks or loops; results stay in
 * their enums and relaxed alignment always holds where strict does.
 * Build and run with `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addrlist.h"
#include "dkim.h"
#include "dmarc.h"
#include "msg.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_dmarc_dns {
	char *records[3];
	int n;
};

static int fuzz_dmarc_lookup(void *ctx, const char *name, char *const **records)
{
	struct fuzz_dmarc_dns *d = ctx;
	if (strncmp(name, "_dmarc.", 7) != 0)
		return 0;
	*records = d->records;
	return d->n;
}

static void fuzz_dmarc_evaluate(const char *s, size_t n)
{
	/* The record is the text after the first NUL, the message before. */
	const char *nul = memchr(s, '\0', n);
	size_t mlen = nul ? (size_t)(nul - s) : n;
	char err[160];
	struct msg *m = msg_parse(s, mlen, err, sizeof err);
	if (!m)
		return;
	char *rec = nul ? xstrndup(nul + 1, n - mlen - 1) : xstrdup("v=DMARC1; p=reject");
	struct fuzz_dmarc_dns d = { { rec, rec, NULL }, 1 + (int)(n % 3 == 0) };
	/* A passing DKIM result whose d= is the From domain or another. */
	char from[256] = "";
	dmarc_from_domain(m, from, sizeof from, err, sizeof err);
	struct dkim_result sig;
	memset(&sig, 0, sizeof sig);
	sig.status = n % 2 ? DKIM_STATUS_PASS : DKIM_STATUS_FAIL_BODY_HASH;
	sig.domain = n % 5 ? from : (char *)"other.example";
	struct dkim_verification v = { 1, &sig };
	struct dmarc_input in = { m, (enum spf_result)(n % SPF_RESULT_COUNT),
	                          n % 7 ? from : NULL, &v, (int)(n % 100) };
	struct dmarc_result r;
	dmarc_evaluate(&in, fuzz_dmarc_lookup, &d, &r);
	if (r.status >= DMARC_STATUS_COUNT || r.requested >= DMARC_POLICY_COUNT ||
	    r.disposition >= DMARC_POLICY_COUNT || !r.detail || !r.authres)
		abort();
	if (r.status == DMARC_STATUS_PASS && r.disposition != DMARC_POLICY_NONE)
		abort();
	dmarc_result_free(&r);
	free(rec);
	msg_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	char err[160];

	switch (data[0] % 4) {
	case 0: {
		struct dmarc_record r;
		if (dmarc_record_parse(s, n, &r, err, sizeof err) == 0 &&
		    (r.p >= DMARC_POLICY_COUNT || r.sp >= DMARC_POLICY_COUNT || r.pct < 0 ||
		     r.pct > 100))
			abort();
		dmarc_record_is_dmarc(s, n);
		break;
	}
	case 1: {
		struct addrlist l;
		if (addrlist_parse(s, n, &l, err, sizeof err) == 0) {
			if (l.n > ADDRLIST_MAX)
				abort();
			for (int i = 0; i < l.n; i++)
				if (!l.v[i].display || !l.v[i].local || !l.v[i].domain || !*l.v[i].domain)
					abort();
		}
		addrlist_free(&l);
		break;
	}
	case 2: {
		char *a = xstrndup(s, n);   /* up to the first NUL */
		size_t alen = strlen(a);
		char *b = alen < n ? xstrndup(s + alen + 1, n - alen - 1) : xstrdup("corp.example");
		char org[64];
		dmarc_org_domain(a, org, sizeof org);
		dmarc_is_public_suffix(a);
		if (dmarc_aligned(a, b, DMARC_ALIGN_STRICT) && !dmarc_aligned(a, b, DMARC_ALIGN_RELAXED))
			abort();
		free(a);
		free(b);
		break;
	}
	default:
		fuzz_dmarc_evaluate(s, n);
		break;
	}
	return 0;
}
