/* spf — check_host() over the scenario's zones. */
#include "spf.h"

#include <stdio.h>
#include <string.h>

#include "dns.h"
#include "util.h"

const char *const spf_result_names[SPF_RESULT_COUNT] = {
	"none", "neutral", "pass", "fail", "softfail", "temperror", "permerror",
};
_Static_assert(sizeof spf_result_names / sizeof *spf_result_names == SPF_RESULT_COUNT,
               "spf_result_names");

#define SPF_MAX_LOOKUPS 10

struct spf_ctx {
	const struct scenario *sc;
	uint32_t ip;
	int lookups;
	char *why;
	size_t whysz;
};

/* "name/len" -> name and prefix length (32 when absent). */
static int spf_split_cidr(const char *arg, char *name, size_t namesz, int *len)
{
	const char *slash = strchr(arg, '/');
	size_t n = slash ? (size_t)(slash - arg) : strlen(arg);
	if (n >= namesz)
		return -1;
	memcpy(name, arg, n);
	name[n] = '\0';
	*len = 32;
	if (slash) {
		char *end;
		long l = strtol(slash + 1, &end, 10);
		if (*end || l < 0 || l > 32)
			return -1;
		*len = (int)l;
	}
	return 0;
}

static int spf_in_net(uint32_t ip, uint32_t net, int len)
{
	uint32_t mask = len ? 0xFFFFFFFFu << (32 - len) : 0;
	return (ip & mask) == (net & mask);
}

static enum spf_result spf_eval(struct spf_ctx *x, const char *domain, int depth);

/* Is term the mechanism mech, alone or followed by ":domain" or "/len"? */
static int spf_is_mech(const char *term, const char *mech)
{
	size_t n = strlen(mech);
	return util_strncasecmp(term, mech, n) == 0 &&
	       (term[n] == '\0' || term[n] == ':' || term[n] == '/');
}

/* The target of an a/mx mechanism: rest is what follows the name
 * ("", ":other.example/24", "/24"). */
static int spf_target(const char *rest, const char *domain, char *name, size_t namesz, int *len)
{
	if (*rest == ':')
		return spf_split_cidr(rest + 1, name, namesz, len);
	char tmp[300];
	snprintf(tmp, sizeof tmp, "%s%s", domain, rest);
	return spf_split_cidr(tmp, name, namesz, len);
}

/* Does mechanism term (qualifier stripped) match?  1 yes, 0 no, -1 permerror. */
static int spf_match(struct spf_ctx *x, const char *term, const char *domain, int depth)
{
	char name[256];
	int len;
	uint32_t a;
	if (util_strcasecmp(term, "all") == 0)
		return 1;
	if (util_strncasecmp(term, "ip4:", 4) == 0) {
		if (spf_split_cidr(term + 4, name, sizeof name, &len) < 0 ||
		    scenario_parse_ipv4(name, &a) != 0)
			return -1;
		return spf_in_net(x->ip, a, len);
	}
	if (spf_is_mech(term, "a")) {
		if (++x->lookups > SPF_MAX_LOOKUPS || spf_target(term + 1, domain, name, sizeof name, &len) < 0)
			return -1;
		return dns_lookup_a(x->sc, name, &a) && spf_in_net(x->ip, a, len);
	}
	if (spf_is_mech(term, "mx")) {
		if (++x->lookups > SPF_MAX_LOOKUPS || spf_target(term + 2, domain, name, sizeof name, &len) < 0)
			return -1;
		struct dns_mx_answer mx[DNS_MAX_MX];
		int n = dns_lookup_mx(x->sc, name, mx, DNS_MAX_MX);
		for (int i = 0; i < n; i++)
			if (mx[i].addr && spf_in_net(x->ip, mx[i].addr, len))
				return 1;
		return 0;
	}
	if (util_strncasecmp(term, "include:", 8) == 0) {
		if (++x->lookups > SPF_MAX_LOOKUPS)
			return -1;
		switch (spf_eval(x, term + 8, depth + 1)) {
		case SPF_PASS:
			return 1;
		case SPF_FAIL:
		case SPF_SOFTFAIL:
		case SPF_NEUTRAL:
			return 0;
		default:
			return -1;   /* none or an error inside an include is permerror */
		}
	}
	/* ptr and exists are not modelled; ptr is deprecated (RFC 7208 5.5). */
	return util_strncasecmp(term, "ptr", 3) == 0 ? 0 : -1;
}

static enum spf_result spf_eval(struct spf_ctx *x, const char *domain, int depth)
{
	if (depth > SPF_MAX_LOOKUPS)
		return SPF_PERMERROR;
	char *const *txt;
	int n = dns_lookup_txt(x->sc, domain, &txt);
	const char *rec = NULL;
	for (int i = 0; i < n; i++)
		if (util_strncasecmp(txt[i], "v=spf1", 6) == 0 && (txt[i][6] == ' ' || !txt[i][6])) {
			if (rec)
				return SPF_PERMERROR;   /* two SPF records */
			rec = txt[i];
		}
	if (!rec)
		return SPF_NONE;
	char *copy = xstrdup(rec + 6);
	char *redirect = NULL;
	enum spf_result res = SPF_NEUTRAL;   /* no match, no redirect */
	int decided = 0;
	for (char *save = NULL, *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (util_strncasecmp(t, "redirect=", 9) == 0) {
			redirect = t + 9;
			continue;
		}
		if (strchr(t, '=') && !strchr(t, ':'))
			continue;   /* another modifier (exp=…) */
		char q = '+';
		if (*t == '+' || *t == '-' || *t == '~' || *t == '?')
			q = *t++;
		int m = spf_match(x, t, domain, depth);
		if (m < 0) {
			res = SPF_PERMERROR;
			decided = 1;
			break;
		}
		if (m) {
			res = q == '-' ? SPF_FAIL : q == '~' ? SPF_SOFTFAIL : q == '?' ? SPF_NEUTRAL
			                                                             : SPF_PASS;
			if (x->why && depth == 0)
				snprintf(x->why, x->whysz, "%c%s", q, t);
			decided = 1;
			break;
		}
	}
	if (!decided && redirect) {
		if (++x->lookups > SPF_MAX_LOOKUPS)
			res = SPF_PERMERROR;
		else {
			char target[256];
			snprintf(target, sizeof target, "%s", redirect);
			free(copy);
			copy = NULL;
			res = spf_eval(x, target, depth + 1);
			if (res == SPF_NONE)
				res = SPF_PERMERROR;
		}
	}
	free(copy);
	return res;
}

enum spf_result spf_check(const struct scenario *sc, uint32_t ip, const char *domain,
                          char *why, size_t whysz)
{
	struct spf_ctx x = { sc, ip, 0, why, whysz };
	if (why && whysz)
		snprintf(why, whysz, "no match");
	if (!domain || !*domain)
		return SPF_NONE;
	return spf_eval(&x, domain, 0);
}
