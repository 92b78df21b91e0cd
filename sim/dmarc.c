/* dmarc — organizational domains, alignment, policy records and the
 * DMARC verdict (RFC 7489). */
#include "dmarc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "addrlist.h"
#include "taglist.h"
#include "util.h"

const char *const dmarc_policy_names[DMARC_POLICY_COUNT] = { "none", "quarantine", "reject" };
_Static_assert(sizeof dmarc_policy_names / sizeof *dmarc_policy_names == DMARC_POLICY_COUNT,
               "dmarc_policy_names");

const char *const dmarc_align_names[DMARC_ALIGN_COUNT] = { "relaxed", "strict" };
_Static_assert(sizeof dmarc_align_names / sizeof *dmarc_align_names == DMARC_ALIGN_COUNT,
               "dmarc_align_names");

const char *const dmarc_status_names[DMARC_STATUS_COUNT] = {
	"none", "pass", "fail", "temperror", "permerror",
};
_Static_assert(sizeof dmarc_status_names / sizeof *dmarc_status_names == DMARC_STATUS_COUNT,
               "dmarc_status_names");

/* The public suffixes mailsim knows (see the limitation in dmarc.h): the
 * generic TLDs and country codes lessons name, the names RFC 2606 and
 * RFC 6761 reserve (example, test, invalid, localhost), and the
 * second-level registries under which organisations register (co.jp for
 * companies, ne.jp for network services, ac.jp for universities, …).
 * Anything else falls under the default rule: its last label. */
static const char *const dmarc_suffixes[] = {
	/* generic and infrastructure TLDs */
	"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "arpa",
	/* reserved for documentation and testing */
	"example", "test", "invalid", "localhost",
	/* country codes */
	"jp", "uk", "au", "cn", "kr", "tw", "de", "fr", "us",
	/* Japan: JPRS attribute type domains */
	"ac.jp", "ad.jp", "co.jp", "ed.jp", "go.jp", "gr.jp", "lg.jp", "ne.jp", "or.jp",
	/* other second-level registries */
	"co.uk", "ac.uk", "gov.uk", "org.uk", "ltd.uk", "plc.uk", "net.uk",
	"com.au", "net.au", "org.au", "edu.au", "gov.au",
	"com.cn", "net.cn", "org.cn", "edu.cn", "gov.cn",
	"co.kr", "or.kr", "ac.kr", "com.tw", "org.tw", "edu.tw",
};

/* Length of domain without one trailing dot. */
static size_t dmarc_len(const char *d)
{
	size_t n = strlen(d);
	return n && d[n - 1] == '.' ? n - 1 : n;
}

static int dmarc_suffix_known(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof dmarc_suffixes / sizeof *dmarc_suffixes; i++)
		if (strlen(dmarc_suffixes[i]) == n && !util_strncasecmp(s, dmarc_suffixes[i], n))
			return 1;
	return 0;
}

int dmarc_is_public_suffix(const char *domain)
{
	return domain && dmarc_suffix_known(domain, dmarc_len(domain));
}

/* Offset in d (n bytes) where its organizational domain starts. */
static size_t dmarc_org_start(const char *d, size_t n)
{
	/* Going left to right, the first label whose rest is a known suffix
	 * starts the longest one; the last label is a suffix anyway (the
	 * default rule).  The organizational domain adds the label before. */
	size_t s = 0, prev = n;
	for (;;) {
		const char *dot = s < n ? memchr(d + s, '.', n - s) : NULL;
		if (!dot || dmarc_suffix_known(d + s, n - s))
			break;
		prev = s;
		s = (size_t)(dot - d) + 1;
	}
	return prev == n ? s : prev;
}

void dmarc_org_domain(const char *domain, char *out, size_t outsz)
{
	if (!out || !outsz)
		return;
	out[0] = '\0';
	if (!domain)
		return;
	size_t n = dmarc_len(domain);
	size_t start = dmarc_org_start(domain, n);
	size_t k = 0;
	for (size_t i = start; i < n && k + 1 < outsz; i++) {
		char c = domain[i];
		out[k++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	out[k] = '\0';
}

int dmarc_aligned(const char *id_domain, const char *from_domain, enum dmarc_align mode)
{
	if (!id_domain || !from_domain || !*id_domain || !*from_domain)
		return 0;
	size_t a = dmarc_len(id_domain), b = dmarc_len(from_domain);
	if (mode == DMARC_ALIGN_STRICT)
		return a == b && !util_strncasecmp(id_domain, from_domain, a);
	if (mode != DMARC_ALIGN_RELAXED)
		PANIC("unknown alignment mode %d", (int)mode);
	size_t oa = dmarc_org_start(id_domain, a), ob = dmarc_org_start(from_domain, b);
	return a - oa == b - ob && !util_strncasecmp(id_domain + oa, from_domain + ob, a - oa);
}

/* ---- the policy record ---------------------------------------------------- */

static int dmarc_word(const struct taglist_tag *t, const char *const *words, int count)
{
	for (int i = 0; i < count; i++)
		if (strlen(words[i]) == t->value_len && !util_strncasecmp(t->value, words[i], t->value_len))
			return i;
	return -1;
}

int dmarc_record_is_dmarc(const char *txt, size_t len)
{
	/* "v" [WSP] "=" [WSP] "DMARC1", then the end, blanks or ';'. */
	size_t i = 0;
	while (i < len && (txt[i] == ' ' || txt[i] == '\t'))
		i++;
	if (i >= len || (txt[i] != 'v' && txt[i] != 'V'))
		return 0;
	i++;
	while (i < len && (txt[i] == ' ' || txt[i] == '\t'))
		i++;
	if (i >= len || txt[i] != '=')
		return 0;
	i++;
	while (i < len && (txt[i] == ' ' || txt[i] == '\t'))
		i++;
	if (len - i < 6 || memcmp(txt + i, "DMARC1", 6) != 0)
		return 0;
	i += 6;
	while (i < len && (txt[i] == ' ' || txt[i] == '\t'))
		i++;
	return i == len || txt[i] == ';';
}

static void dmarc_warn(struct dmarc_record *r, const struct taglist_tag *t)
{
	size_t n = strlen(r->warning);
	snprintf(r->warning + n, sizeof r->warning - n, "%s%.*s=%.*s ignored", n ? "; " : "",
	         (int)t->name_len, t->name, (int)(t->value_len > 20 ? 20 : t->value_len), t->value);
}

int dmarc_record_parse(const char *txt, size_t len, struct dmarc_record *r, char *err,
                       size_t errsz)
{
	struct taglist tl;
	char why[160];
	const struct taglist_tag *t;
	static const char *const align_words[DMARC_ALIGN_COUNT] = { "r", "s" };

	memset(r, 0, sizeof *r);
	r->adkim = r->aspf = DMARC_ALIGN_RELAXED;
	r->pct = 100;
	if (err && errsz)
		err[0] = '\0';
	if (taglist_parse(&tl, txt, len, why, sizeof why) < 0) {
		snprintf(err, errsz, "not a tag-list: %s", why);
		return -1;
	}
	t = &tl.tags[0];
	if (t->name_len != 1 || (t->name[0] != 'v' && t->name[0] != 'V') ||
	    !taglist_value_is(t, "DMARC1")) {
		snprintf(err, errsz, "the first tag is not v=DMARC1");
		return -1;
	}
	t = taglist_find_nocase(&tl, "rua");
	r->has_rua = t && memchr(t->value, ':', t->value_len) != NULL;

	int p = -1;
	if ((t = taglist_find_nocase(&tl, "p")))
		p = dmarc_word(t, dmarc_policy_names, DMARC_POLICY_COUNT);
	if (p < 0) {
		if (!r->has_rua) {
			if (t)
				snprintf(err, errsz, "p=%.*s is not none, quarantine or reject",
				         (int)t->value_len, t->value);
			else
				snprintf(err, errsz, "no p= tag");
			return -1;
		}
		/* Section 6.6.3, step 6: as if p=none had been published. */
		snprintf(r->warning, sizeof r->warning, "no valid p=: read as p=none because rua= is set");
		p = DMARC_POLICY_NONE;
	}
	r->p = r->sp = (enum dmarc_policy)p;
	if ((t = taglist_find_nocase(&tl, "sp"))) {
		int sp = dmarc_word(t, dmarc_policy_names, DMARC_POLICY_COUNT);
		if (sp < 0)
			dmarc_warn(r, t);
		else
			r->sp = (enum dmarc_policy)sp;
	}
	if ((t = taglist_find_nocase(&tl, "adkim"))) {
		int a = dmarc_word(t, align_words, DMARC_ALIGN_COUNT);
		if (a < 0)
			dmarc_warn(r, t);
		else
			r->adkim = (enum dmarc_align)a;
	}
	if ((t = taglist_find_nocase(&tl, "aspf"))) {
		int a = dmarc_word(t, align_words, DMARC_ALIGN_COUNT);
		if (a < 0)
			dmarc_warn(r, t);
		else
			r->aspf = (enum dmarc_align)a;
	}
	if ((t = taglist_find_nocase(&tl, "pct"))) {
		int v = 0, ok = t->value_len > 0 && t->value_len <= 3;
		for (size_t i = 0; ok && i < t->value_len; i++) {
			ok = t->value[i] >= '0' && t->value[i] <= '9';
			v = v * 10 + (t->value[i] - '0');
		}
		if (!ok || v > 100)
			dmarc_warn(r, t);
		else
			r->pct = v;
	}
	return 0;
}

/* ---- the From domain ------------------------------------------------------ */

int dmarc_from_domain(const struct msg *m, char *out, size_t outsz, char *err, size_t errsz)
{
	char why[160];
	int idx = -1, count = 0;

	if (outsz)
		out[0] = '\0';
	for (int i = 0; i < m->nfields; i++) {
		size_t n;
		const char *name = msg_field_name(m, i, &n);
		if (n == 4 && !util_strncasecmp(name, "From", 4)) {
			count++;
			idx = i;
		}
	}
	if (count != 1) {
		if (count)
			snprintf(err, errsz, "the message has %d From fields", count);
		else
			snprintf(err, errsz, "the message has no From field");
		return -1;
	}
	size_t vlen;
	const char *v = msg_field_value(m, idx, &vlen);
	struct addrlist l;
	if (addrlist_parse(v, vlen, &l, why, sizeof why) < 0) {
		snprintf(err, errsz, "the From field does not parse: %s", why);
		return -1;
	}
	int rc = -1;
	if (l.n == 0)
		snprintf(err, errsz, "the From field names no mailbox");
	else if (l.n > 1)
		snprintf(err, errsz, "the From field names %d mailboxes", l.n);
	else if (l.v[0].domain[0] == '[')
		snprintf(err, errsz, "the From domain is an address literal");
	else if (strlen(l.v[0].domain) >= outsz)
		snprintf(err, errsz, "the From domain is too long");
	else
		rc = 0;
	if (rc == 0) {
		size_t k = 0;
		for (const char *p = l.v[0].domain; *p; p++)
			out[k++] = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
		out[k] = '\0';
		if (k && out[k - 1] == '.')
			out[k - 1] = '\0';
	}
	addrlist_free(&l);
	return rc;
}

/* ---- evaluation ----------------------------------------------------------- */

static void dmarc_set(struct dmarc_result *r, enum dmarc_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void dmarc_set(struct dmarc_result *r, enum dmarc_status st, const char *fmt, ...)
{
	va_list ap;
	free(r->detail);
	va_start(ap, fmt);
	r->detail = util_vformat(fmt, ap);
	va_end(ap);
	r->status = st;
}

/* Look for DMARC records at _dmarc.domain.  Returns how many there are
 * (the first one's text in *rec), or -1 for a temporary failure. */
static int dmarc_find(const char *domain, dkim_txt_fn lookup, void *ctx, const char **rec)
{
	struct sbuf name;
	char *const *txt = NULL;
	sbuf_init(&name);
	sbuf_addf(&name, "_dmarc.%s", domain);
	int n = lookup ? lookup(ctx, name.s, &txt) : 0;
	sbuf_free(&name);
	if (n < 0)
		return -1;
	int found = 0;
	for (int i = 0; i < n && txt; i++)
		if (txt[i] && dmarc_record_is_dmarc(txt[i], strlen(txt[i]))) {
			if (!found)
				*rec = txt[i];
			found++;
		}
	return found;
}

static char *dmarc_authres(const struct dmarc_result *r)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addf(&b, "dmarc=%s", dmarc_status_names[r->status]);
	if (r->record && (r->status == DMARC_STATUS_PASS || r->status == DMARC_STATUS_FAIL))
		sbuf_addf(&b, " (p=%s dis=%s)", dmarc_policy_names[r->requested],
		          dmarc_policy_names[r->disposition]);
	else if (r->status == DMARC_STATUS_PERMERROR && !r->from_domain)
		sbuf_adds(&b, " (no single From domain)");
	else if (r->status == DMARC_STATUS_PERMERROR)
		sbuf_adds(&b, " (bad policy record)");
	if (r->from_domain)
		sbuf_addf(&b, " header.from=%s", r->from_domain);
	return sbuf_take(&b);
}

/* Alignment of SPF and of every passing DKIM signature. */
static void dmarc_align(const struct dmarc_input *in, struct dmarc_result *r,
                        enum dmarc_align aspf, enum dmarc_align adkim)
{
	r->spf_aligned = in->spf == SPF_PASS && dmarc_aligned(in->spf_domain, r->from_domain, aspf);
	for (int i = 0; in->dkim && i < in->dkim->n; i++) {
		const struct dkim_result *d = &in->dkim->sigs[i];
		if (d->status == DKIM_STATUS_PASS && dmarc_aligned(d->domain, r->from_domain, adkim)) {
			r->dkim_aligned = 1;
			r->dkim_domain = xstrdup(d->domain);
			break;
		}
	}
}

void dmarc_evaluate(const struct dmarc_input *in, dkim_txt_fn lookup, void *ctx,
                    struct dmarc_result *out)
{
	char from[256], org[256], why[200];
	memset(out, 0, sizeof *out);
	out->requested = out->disposition = DMARC_POLICY_NONE;

	if (dmarc_from_domain(in->msg, from, sizeof from, why, sizeof why) < 0) {
		dmarc_set(out, DMARC_STATUS_PERMERROR, "DMARC cannot be evaluated: %s", why);
		goto done;
	}
	out->from_domain = xstrdup(from);
	dmarc_org_domain(from, org, sizeof org);
	out->org_domain = xstrdup(org);

	/* Policy discovery (section 6.6.3). */
	const char *rec = NULL;
	const char *where = from;
	int n = dmarc_find(from, lookup, ctx, &rec);
	if (n == 0 && strcmp(org, from) != 0) {
		where = org;
		n = dmarc_find(org, lookup, ctx, &rec);
	}
	if (n < 0) {
		dmarc_set(out, DMARC_STATUS_TEMPERROR, "the DNS query for _dmarc.%s TXT failed for now",
		          where);
		goto done;
	}
	if (n != 1) {
		dmarc_align(in, out, DMARC_ALIGN_RELAXED, DMARC_ALIGN_RELAXED);
		if (n == 0)
			dmarc_set(out, DMARC_STATUS_NONE, "%s publishes no DMARC record", from);
		else
			dmarc_set(out, DMARC_STATUS_NONE,
			          "_dmarc.%s has %d DMARC records, so none of them applies", where, n);
		goto done;
	}
	out->record_domain = xstrdup(where);
	out->record = xstrdup(rec);
	if (dmarc_record_parse(rec, strlen(rec), &out->rec, why, sizeof why) < 0) {
		dmarc_align(in, out, DMARC_ALIGN_RELAXED, DMARC_ALIGN_RELAXED);
		dmarc_set(out, DMARC_STATUS_PERMERROR, "the record at _dmarc.%s is unusable: %s", where,
		          why);
		goto done;
	}
	/* sp= is for subdomains that have no record of their own. */
	out->requested = where != from ? out->rec.sp : out->rec.p;
	dmarc_align(in, out, out->rec.aspf, out->rec.adkim);

	if (out->spf_aligned || out->dkim_aligned) {
		dmarc_set(out, DMARC_STATUS_PASS, "%s%s%s%s%s aligned with the From domain %s",
		          out->spf_aligned ? "SPF passed for " : "",
		          out->spf_aligned ? in->spf_domain : "",
		          out->spf_aligned && out->dkim_aligned ? " and " : "",
		          out->dkim_aligned ? "DKIM passed for d=" : "",
		          out->dkim_aligned ? out->dkim_domain : "", from);
		goto done;
	}
	out->disposition = out->requested;
	if (out->rec.pct < 100 && in->sample >= out->rec.pct) {
		/* Section 6.6.4: outside the sample, one step milder. */
		out->sampled_out = 1;
		if (out->disposition != DMARC_POLICY_NONE)
			out->disposition = (enum dmarc_policy)(out->disposition - 1);
	}
	dmarc_set(out, DMARC_STATUS_FAIL,
	          "neither SPF (%s for %s, %s alignment) nor DKIM gave a passing identifier aligned "
	          "with %s; the policy asks for %s",
	          in->spf == SPF_PASS ? "pass" : "no pass", in->spf_domain ? in->spf_domain : "-",
	          dmarc_align_names[out->rec.aspf], from, dmarc_policy_names[out->requested]);

done:
	out->authres = dmarc_authres(out);
}

void dmarc_result_free(struct dmarc_result *r)
{
	if (!r)
		return;
	free(r->detail);
	free(r->from_domain);
	free(r->org_domain);
	free(r->record_domain);
	free(r->record);
	free(r->dkim_domain);
	free(r->authres);
	memset(r, 0, sizeof *r);
}

void dmarc_result_copy(struct dmarc_result *dst, const struct dmarc_result *src)
{
	*dst = *src;
	char **f[] = { &dst->detail, &dst->from_domain, &dst->org_domain, &dst->record_domain,
	               &dst->record, &dst->dkim_domain, &dst->authres };
	for (size_t k = 0; k < sizeof f / sizeof *f; k++)
		*f[k] = *f[k] ? xstrdup(*f[k]) : NULL;
}
