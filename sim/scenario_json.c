/* scenario_json — typed reads out of a cJSON tree for the scenario loader,
 * each reporting its problem against the JSON Pointer being read. */
#include "scenario_json.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const scenario_json_ref_what[SCENARIO_REF_COUNT] = {
	"a network id", "a host id", "a router id", "a host or router id", "a user address",
};
_Static_assert(sizeof scenario_json_ref_what / sizeof *scenario_json_ref_what ==
               SCENARIO_REF_COUNT, "scenario_json_ref_what");

/* ---- where we are, and saying what is wrong there ---- */

size_t scenario_json_push(struct scenario_ctx *c, const char *key)
{
	size_t old = c->path.len;
	sbuf_addc(&c->path, '/');
	for (const char *p = key; *p; p++) {
		if (*p == '~')
			sbuf_add(&c->path, "~0", 2);
		else if (*p == '/')
			sbuf_add(&c->path, "~1", 2);
		else
			sbuf_addc(&c->path, *p);
	}
	return old;
}

size_t scenario_json_push_i(struct scenario_ctx *c, int i)
{
	size_t old = c->path.len;
	sbuf_addf(&c->path, "/%d", i);
	return old;
}

void scenario_json_pop(struct scenario_ctx *c, size_t old)
{
	c->path.len = old;
	if (c->path.s)
		c->path.s[old] = '\0';
}

static void scenario_json_vfail(struct scenario_ctx *c, const char *key, const char *fmt,
                                va_list ap)
{
	size_t old = c->path.len;
	if (key)
		scenario_json_push(c, key);
	c->nerr++;
	if (c->err) {
		fprintf(c->err, "%s: %s: ", c->file, c->path.len ? c->path.s : "/");
		vfprintf(c->err, fmt, ap);
		fputc('\n', c->err);
	}
	scenario_json_pop(c, old);
}

/* A problem with the value at the current path. */
void scenario_json_fail(struct scenario_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	scenario_json_vfail(c, NULL, fmt, ap);
	va_end(ap);
}

/* A problem with member key of the object at the current path. */
void scenario_json_fail_at(struct scenario_ctx *c, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	scenario_json_vfail(c, key, fmt, ap);
	va_end(ap);
}

const char *scenario_json_type(const cJSON *v)
{
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsNull(v))
		return "null";
	return "nothing";
}

/* s as a JSON string literal appended to b, cut after about limit bytes
 * (at a UTF-8 character boundary, "..." saying so). */
static void scenario_json_quote_into(struct sbuf *b, const char *s, size_t limit)
{
	size_t n = strlen(s), cut = n > limit ? limit : n;
	while (cut < n && cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	sbuf_addc(b, '"');
	for (size_t i = 0; i < cut; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"' || ch == '\\') {
			sbuf_addc(b, '\\');
			sbuf_addc(b, (char)ch);
		} else if (ch < 0x20 || ch == 0x7f) {
			sbuf_addf(b, "\\u%04x", ch);
		} else {
			sbuf_addc(b, (char)ch);
		}
	}
	sbuf_addc(b, '"');
	if (cut < n)
		sbuf_adds(b, "...");
}

/* s as a JSON string literal for a message, cut after about 40 bytes (at a
 * UTF-8 character boundary) so that one bad value cannot flood the screen:
 * at most 40 characters of 6 bytes, two quotes and "..." fit in out. */
const char *scenario_json_quote(const char *s, char out[256])
{
	struct sbuf b;
	sbuf_init(&b);
	scenario_json_quote_into(&b, s, 40);
	snprintf(out, 256, "%s", b.s);
	sbuf_free(&b);
	return out;
}

void scenario_json_quote_whole(struct sbuf *b, const char *s)
{
	scenario_json_quote_into(b, s, SIZE_MAX);
}

void scenario_json_file_path(const struct scenario_ctx *c, const char *name, struct sbuf *path)
{
	const char *slash = strrchr(c->file, '/');
	sbuf_init(path);
	if (name[0] != '/' && slash)
		sbuf_add(path, c->file, (size_t)(slash - c->file) + 1);
	sbuf_adds(path, name);
}

int scenario_json_read_file(struct scenario_ctx *c, const char *key, const char *name,
                            const char *what, size_t max, struct sbuf *text, struct sbuf *quoted)
{
	struct sbuf path;
	scenario_json_file_path(c, name, &path);
	sbuf_init(quoted);
	scenario_json_quote_whole(quoted, path.s);
	FILE *f = fopen(path.s, "rb");
	sbuf_free(&path);
	if (!f) {
		scenario_json_fail_at(c, key, "expected a readable %s, found %s (%s)", what, quoted->s,
		                      strerror(errno));
		return -1;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text->len <= max)
		sbuf_add(text, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		scenario_json_fail_at(c, key, "expected a readable %s, found %s (read error)", what,
		                      quoted->s);
		return -1;
	}
	if (text->len > max) {
		scenario_json_fail_at(c, key, "expected a %s of at most %zu %s, found %s larger", what,
		                      max >= 1u << 20 ? max >> 20 : max >> 10,
		                      max >= 1u << 20 ? "MiB" : "KiB", quoted->s);
		return -1;
	}
	return 0;
}

/* The value itself for strings, numbers and booleans; its type otherwise. */
const char *scenario_json_value(const cJSON *v, char out[256])
{
	if (cJSON_IsString(v))
		return scenario_json_quote(v->valuestring, out);
	if (cJSON_IsNumber(v)) {
		snprintf(out, 256, "%.15g", v->valuedouble);
		return out;
	}
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	return scenario_json_type(v);
}

/* ---- typed values at the current path; 1 = read, -1 = reported ---- */

int scenario_json_v_str(struct scenario_ctx *c, const cJSON *v, const char **out)
{
	if (!cJSON_IsString(v)) {
		scenario_json_fail(c, "expected a string, found %s", scenario_json_type(v));
		return -1;
	}
	*out = v->valuestring;
	return 1;
}

/* A string that names something: empty is never meant. */
int scenario_json_v_name(struct scenario_ctx *c, const cJSON *v, const char **out)
{
	if (scenario_json_v_str(c, v, out) < 0)
		return -1;
	if (!**out) {
		scenario_json_fail(c, "expected a non-empty string, found \"\"");
		return -1;
	}
	return 1;
}

int scenario_json_v_int(struct scenario_ctx *c, const cJSON *v, long long lo,
                        long long hi, long long *out)
{
	int ok = cJSON_IsNumber(v) && v->valuedouble >= (double)lo && v->valuedouble <= (double)hi &&
	         (double)(long long)v->valuedouble == v->valuedouble;
	if (!ok) {
		char buf[256];
		const char *found = cJSON_IsNumber(v) ? scenario_json_value(v, buf) : scenario_json_type(v);
		if (hi >= SCENARIO_JSON_INT_MAX)
			scenario_json_fail(c, "expected an integer >= %lld, found %s", lo, found);
		else
			scenario_json_fail(c, "expected an integer from %lld to %lld, found %s", lo, hi, found);
		return -1;
	}
	*out = (long long)v->valuedouble;
	return 1;
}

/* what: "seconds", "milliseconds" …; the range is said in the message. */
int scenario_json_v_num(struct scenario_ctx *c, const cJSON *v, double lo, double hi,
                        const char *what, double *out)
{
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= lo && v->valuedouble <= hi)) {
		char buf[256];
		const char *found = cJSON_IsNumber(v) ? scenario_json_value(v, buf) : scenario_json_type(v);
		scenario_json_fail(c, "expected a number of %s from %.15g to %.15g, found %s", what, lo,
		                   hi, found);
		return -1;
	}
	*out = v->valuedouble;
	return 1;
}

int scenario_json_v_bool(struct scenario_ctx *c, const cJSON *v, int *out)
{
	if (!cJSON_IsBool(v)) {
		scenario_json_fail(c, "expected a boolean, found %s", scenario_json_type(v));
		return -1;
	}
	*out = cJSON_IsTrue(v) ? 1 : 0;
	return 1;
}

static void scenario_json_join(struct sbuf *b, const char *const *names, int n)
{
	for (int i = 0; i < n && names[i]; i++) {
		if (i)
			sbuf_adds(b, ", ");
		sbuf_adds(b, names[i]);
	}
}

int scenario_json_v_enum(struct scenario_ctx *c, const cJSON *v,
                         const char *const *names, int n, int *out)
{
	if (cJSON_IsString(v))
		for (int i = 0; i < n; i++)
			if (strcmp(names[i], v->valuestring) == 0) {
				*out = i;
				return 1;
			}
	struct sbuf b = { 0 };
	char buf[256];
	scenario_json_join(&b, names, n);
	scenario_json_fail(c, "expected one of %s, found %s", b.s, scenario_json_value(v, buf));
	sbuf_free(&b);
	return -1;
}

static int scenario_json_resolve(const struct scenario *sc, enum scenario_ref kind,
                                 const char *s)
{
	switch (kind) {
	case SCENARIO_REF_NET: return scenario_find_net(sc, s);
	case SCENARIO_REF_HOST: return scenario_find_host(sc, s);
	case SCENARIO_REF_ROUTER: return scenario_find_router(sc, s);
	case SCENARIO_REF_NODE: return scenario_find_node(sc, s);
	case SCENARIO_REF_USER: return scenario_find_user(sc, s);
	case SCENARIO_REF_COUNT: break;
	}
	PANIC("bad reference kind %d", (int)kind);
}

int scenario_json_v_ref(struct scenario_ctx *c, const cJSON *v, enum scenario_ref kind,
                        int *out)
{
	const char *s;
	if (scenario_json_v_str(c, v, &s) < 0)
		return -1;
	int i = scenario_json_resolve(c->sc, kind, s);
	if (i < 0) {
		char buf[256];
		scenario_json_fail(c, "expected %s, found %s", scenario_json_ref_what[kind],
		                   scenario_json_quote(s, buf));
		return -1;
	}
	*out = i;
	return 1;
}

int scenario_json_is_address(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == '<' || *p == '>' || *p == ',' || *p == 0x7f)
			return 0;
	return 1;
}

/* "user@example.com" or "Display Name <user@example.com>", as a header
 * To/Cc/Bcc item is written. */
static int scenario_json_is_mailbox(const char *s)
{
	const char *lt = strchr(s, '<');
	size_t n = strlen(s);
	if (!lt)
		return scenario_json_is_address(s);
	if (n < 2 || s[n - 1] != '>' || strchr(lt + 1, '<') || strchr(s, ','))
		return 0;
	char inner[320];
	size_t il = (size_t)(s + n - 1 - lt - 1);
	if (il == 0 || il >= sizeof inner)
		return 0;
	memcpy(inner, lt + 1, il);
	inner[il] = '\0';
	return scenario_json_is_address(inner);
}

static int scenario_json_v_mailbox(struct scenario_ctx *c, const cJSON *v, const char **out)
{
	if (scenario_json_v_str(c, v, out) < 0)
		return -1;
	if (!scenario_json_is_mailbox(*out)) {
		char buf[256];
		scenario_json_fail(c, "expected a mail address like user@example.com or "
		                   "Name <user@example.com>, found %s", scenario_json_quote(*out, buf));
		return -1;
	}
	return 1;
}

int scenario_json_v_addr(struct scenario_ctx *c, const cJSON *v, const char **out)
{
	if (scenario_json_v_str(c, v, out) < 0)
		return -1;
	if (!scenario_json_is_address(*out)) {
		char buf[256];
		scenario_json_fail(c, "expected a mail address like user@example.com, found %s",
		                   scenario_json_quote(*out, buf));
		return -1;
	}
	return 1;
}

/* ---- object members: 0 = absent, 1 = read, -1 = reported ---- */

/* Checks that v is an object whose keys are all in keys (NULL-terminated,
 * at most 64) and each appears once.  Returns 0 if v is no object at all. */
int scenario_json_keys(struct scenario_ctx *c, const cJSON *v, const char *const *keys)
{
	if (!cJSON_IsObject(v)) {
		scenario_json_fail(c, "expected an object, found %s", scenario_json_type(v));
		return 0;
	}
	unsigned long long seen = 0;
	for (const cJSON *m = v->child; m; m = m->next) {
		const char *name = m->string ? m->string : "";
		int i = 0;
		while (keys[i] && strcmp(keys[i], name) != 0)
			i++;
		if (!keys[i]) {
			struct sbuf b = { 0 };
			char buf[256];
			scenario_json_join(&b, keys, 64);
			scenario_json_fail(c, "expected one of %s, found key %s", b.s ? b.s : "",
			                   scenario_json_quote(name, buf));
			sbuf_free(&b);
		} else if (seen >> i & 1) {
			scenario_json_fail_at(c, keys[i], "expected the key once, found it twice");
		}
		seen |= 1ULL << i;
	}
	return 1;
}

const cJSON *scenario_json_item(struct scenario_ctx *c, const cJSON *obj,
                                const char *key, int req)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v && req)
		scenario_json_fail(c, "expected key \"%s\", found none", key);
	return v;
}

/* The member readers below share one shape: look the key up, step into it,
 * read the value with the matching scenario_json_v_*, step back out. */
#define SCENARIO_JSON_MEMBER(call)                                   \
	do {                                                         \
		const cJSON *v = scenario_json_item(c, obj, key, req); \
		if (!v)                                              \
			return 0;                                    \
		size_t old = scenario_json_push(c, key);            \
		int r = (call);                                      \
		scenario_json_pop(c, old);                           \
		return r;                                            \
	} while (0)

int scenario_json_str(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                      const char **out)
{
	SCENARIO_JSON_MEMBER(scenario_json_v_str(c, v, out));
}

int scenario_json_name(struct scenario_ctx *c, const cJSON *obj, const char *key,
                       int req, const char **out)
{
	SCENARIO_JSON_MEMBER(scenario_json_v_name(c, v, out));
}

int scenario_json_addr(struct scenario_ctx *c, const cJSON *obj, const char *key,
                       int req, const char **out)
{
	SCENARIO_JSON_MEMBER(scenario_json_v_addr(c, v, out));
}

/* Copies the string into *out (freeing what was there: a default). */
int scenario_json_dup(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                      char **out)
{
	const char *s;
	int r = scenario_json_str(c, obj, key, req, &s);
	if (r == 1) {
		free(*out);
		*out = xstrdup(s);
	}
	return r;
}

int scenario_json_int(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                      long long lo, long long hi, long long *out)
{
	SCENARIO_JSON_MEMBER(scenario_json_v_int(c, v, lo, hi, out));
}

/* An int member into an int field, left alone when absent or bad. */
int scenario_json_intf(struct scenario_ctx *c, const cJSON *obj, const char *key,
                       int req, int lo, int hi, int *out)
{
	long long x;
	int r = scenario_json_int(c, obj, key, req, lo, hi, &x);
	if (r == 1)
		*out = (int)x;
	return r;
}

int scenario_json_bool(struct scenario_ctx *c, const cJSON *obj, const char *key,
                       int req, int *out)
{
	SCENARIO_JSON_MEMBER(scenario_json_v_bool(c, v, out));
}

int scenario_json_enum(struct scenario_ctx *c, const cJSON *obj, const char *key,
                       int req, const char *const *names, int n, int *out)
{
	SCENARIO_JSON_MEMBER(scenario_json_v_enum(c, v, names, n, out));
}

int scenario_json_ref(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                      enum scenario_ref kind, int *out)
{
	SCENARIO_JSON_MEMBER(scenario_json_v_ref(c, v, kind, out));
}

/* Seconds (fractions allowed) into microseconds. */
int scenario_json_secs(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                       int64_t *out_us)
{
	double d;
	int r;
	const cJSON *v = scenario_json_item(c, obj, key, req);
	if (!v)
		return 0;
	size_t old = scenario_json_push(c, key);
	r = scenario_json_v_num(c, v, 0, SCENARIO_JSON_SECS_MAX, "seconds", &d);
	scenario_json_pop(c, old);
	if (r == 1)
		*out_us = (int64_t)(d * 1e6 + 0.5);
	return r;
}

int scenario_json_ms(struct scenario_ctx *c, const cJSON *obj, const char *key,
                     int64_t *out_us)
{
	double d;
	int r;
	const cJSON *v = scenario_json_item(c, obj, key, 0);
	if (!v)
		return 0;
	size_t old = scenario_json_push(c, key);
	r = scenario_json_v_num(c, v, 0, SCENARIO_JSON_SECS_MAX, "milliseconds", &d);
	scenario_json_pop(c, old);
	if (r == 1)
		*out_us = (int64_t)(d * 1e3 + 0.5);
	return r;
}

/* A string for both languages, or {"ja": …, "en": …} with at least one. */
int scenario_json_text(struct scenario_ctx *c, const cJSON *obj, const char *key,
                       int req, struct sc_text *out)
{
	static const char *const keys[] = { "ja", "en", NULL };
	const cJSON *v = scenario_json_item(c, obj, key, req);
	if (!v)
		return 0;
	if (cJSON_IsString(v)) {
		out->ja = xstrdup(v->valuestring);
		out->en = xstrdup(v->valuestring);
		return 1;
	}
	size_t old = scenario_json_push(c, key);
	int r = -1;
	if (!cJSON_IsObject(v)) {
		scenario_json_fail(c, "expected a string or an object with ja and en, found %s",
		                   scenario_json_type(v));
	} else if (scenario_json_keys(c, v, keys)) {
		int nerr = c->nerr;
		int ja = scenario_json_dup(c, v, "ja", 0, &out->ja);
		int en = scenario_json_dup(c, v, "en", 0, &out->en);
		if (ja == 0 && en == 0)
			scenario_json_fail(c, "expected key \"ja\" or \"en\", found none");
		r = c->nerr == nerr ? 1 : -1;
	}
	scenario_json_pop(c, old);
	return r;
}

/* [x, y] or [x, y, w, h]: n numbers. */
int scenario_json_floats(struct scenario_ctx *c, const cJSON *obj, const char *key, int n,
                         float *out, int *has)
{
	const cJSON *v = scenario_json_item(c, obj, key, 0);
	if (!v)
		return 0;
	size_t old = scenario_json_push(c, key);
	int r = 1, i = 0;
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != n) {
		char found[64];
		if (cJSON_IsArray(v))
			snprintf(found, sizeof found, "an array of %d", cJSON_GetArraySize(v));
		scenario_json_fail(c, "expected an array of %d numbers, found %s", n,
		                   cJSON_IsArray(v) ? found : scenario_json_type(v));
		r = -1;
	} else {
		for (const cJSON *e = v->child; e; e = e->next, i++) {
			double d;
			size_t o2 = scenario_json_push_i(c, i);
			if (scenario_json_v_num(c, e, -SCENARIO_JSON_COORD_MAX, SCENARIO_JSON_COORD_MAX,
			                        "layout units", &d) < 0)
				r = -1;
			else
				out[i] = (float)d;
			scenario_json_pop(c, o2);
		}
		if (r == 1)
			*has = 1;
	}
	scenario_json_pop(c, old);
	return r;
}

/* An array member: NULL when absent (or not an array, reported).  On return
 * the path is inside the member; the caller pops to *old. */
const cJSON *scenario_json_array(struct scenario_ctx *c, const cJSON *obj,
                                 const char *key, int req, size_t *old, int *n)
{
	const cJSON *v = scenario_json_item(c, obj, key, req);
	if (!v)
		return NULL;
	if (!cJSON_IsArray(v)) {
		scenario_json_fail_at(c, key, "expected an array, found %s", scenario_json_type(v));
		return NULL;
	}
	*old = scenario_json_push(c, key);
	*n = cJSON_GetArraySize(v);
	return v;
}

/* An array of strings, each checked as a mail address if addr; with
 * single_ok a lone string counts as an array of one. */
int scenario_json_strs(struct scenario_ctx *c, const cJSON *obj, const char *key,
                       int single_ok, int addr, char ***out, int *nout)
{
	const cJSON *v = scenario_json_item(c, obj, key, 0);
	if (!v)
		return 0;
	size_t old = scenario_json_push(c, key);
	int r = 1;
	if (single_ok && cJSON_IsString(v)) {
		const char *s;
		if ((addr == 2 ? scenario_json_v_mailbox(c, v, &s) : addr ? scenario_json_v_addr(c, v, &s)
		                                         : scenario_json_v_name(c, v, &s)) < 0) {
			r = -1;
		} else {
			*out = xcalloc(1, sizeof **out);
			(*out)[0] = xstrdup(s);
			*nout = 1;
		}
	} else if (!cJSON_IsArray(v)) {
		scenario_json_fail(c, "expected %s, found %s",
		                   single_ok ? "a string or an array of strings" : "an array of strings",
		                   scenario_json_type(v));
		r = -1;
	} else {
		int n = cJSON_GetArraySize(v), i = 0;
		*out = xcalloc((size_t)n, sizeof **out);
		for (const cJSON *e = v->child; e; e = e->next, i++) {
			const char *s;
			size_t o2 = scenario_json_push_i(c, i);
			if ((addr == 2 ? scenario_json_v_mailbox(c, e, &s) : addr ? scenario_json_v_addr(c, e, &s)
			                                         : scenario_json_v_name(c, e, &s)) < 0)
				r = -1;
			else
				(*out)[(*nout)++] = xstrdup(s);
			scenario_json_pop(c, o2);
		}
	}
	scenario_json_pop(c, old);
	return r;
}

/* "a.b.c.d/n": 0 ok, -1 not that form, -2 host bits set. */
int scenario_json_parse_cidr(const char *s, uint32_t *addr, uint32_t *mask, int *prefix)
{
	const char *slash = strchr(s, '/');
	char ip[16];
	if (!slash || slash - s >= (long)sizeof ip)
		return -1;
	memcpy(ip, s, (size_t)(slash - s));
	ip[slash - s] = '\0';
	const char *p = slash + 1;
	size_t len = strlen(p);
	if (len < 1 || len > 2 || p[0] < '0' || p[0] > '9' ||
	    (len == 2 && (p[0] == '0' || p[1] < '0' || p[1] > '9')))
		return -1;
	int n = len == 1 ? p[0] - '0' : (p[0] - '0') * 10 + (p[1] - '0');
	if (n > 32 || scenario_parse_ipv4(ip, addr) < 0)
		return -1;
	*mask = n ? 0xFFFFFFFFu << (32 - n) : 0;
	*prefix = n;
	return (*addr & ~*mask) ? -2 : 0;
}

int scenario_json_v_cidr(struct scenario_ctx *c, const char *s, const char *shown,
                         uint32_t *addr, uint32_t *mask, int *prefix)
{
	char buf[256], net[16];
	int r = scenario_json_parse_cidr(s, addr, mask, prefix);
	if (r == -1)
		scenario_json_fail(c, "expected a CIDR block A.B.C.D/N like 192.0.2.0/24, found %s",
		                   scenario_json_quote(shown, buf));
	if (r == -2) {
		scenario_format_ipv4(*addr & *mask, net);
		scenario_json_fail(c, "expected a network address with zero host bits (%s/%d), found %s",
		                   net, *prefix, scenario_json_quote(shown, buf));
	}
	return r < 0 ? -1 : 1;
}

/* Reports key's value as a duplicate of element j of list ("hosts"). */
void scenario_json_unique(struct scenario_ctx *c, const char *key, const char *id,
                          const char *what, const char *list, int j)
{
	char buf[256];
	scenario_json_fail_at(c, key, "expected %s, found %s (also at /%s/%d)", what,
	                      scenario_json_quote(id, buf), list, j);
}

/* Reads a host reference and checks the host carries role. */
void scenario_json_role_host(struct scenario_ctx *c, const cJSON *obj, const char *key,
                             int role, int *out)
{
	const char *s;
	char buf[256];
	int h = -1;
	if (scenario_json_ref(c, obj, key, 0, SCENARIO_REF_HOST, &h) != 1)
		return;
	if (!(c->sc->hosts[h].roles & ROLE_BIT(role))) {
		scenario_json_str(c, obj, key, 0, &s);
		scenario_json_fail_at(c, key, "expected a host id with the %s role, found %s",
		                      role_names[role], scenario_json_quote(s, buf));
		return;
	}
	*out = h;
}

void scenario_json_each(struct scenario_ctx *c, const cJSON *arr, size_t old,
                        scenario_json_elem_fn fn)
{
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		size_t o2 = scenario_json_push_i(c, i);
		fn(c, e, i);
		scenario_json_pop(c, o2);
	}
	scenario_json_pop(c, old);
}
