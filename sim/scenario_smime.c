/* scenario_smime — a lesson's S/MIME as the loader reads it: the CAs, each
 * user's key and certificate (PEM files shipped beside the lesson, under
 * scenarios/keys/), which CAs each user's mail program trusts, validity
 * overrides, the checks of send actions that sign or encrypt and of
 * expectations about what a reader found, and the S/MIME contexts built
 * from all this, one per seed, kept with the scenario. */
#include "scenario_smime.h"

#include <stdlib.h>
#include <string.h>

#include "smime.h"

#define SCENARIO_SMIME_MAX_PEM (64 * 1024)

struct scenario_smime_cache {
	uint64_t seed;
	struct smime *ctx;
	struct scenario_smime_cache *next;
};

/* ---- reading ---- */

/* Read the PEM file named by member key (relative to the lesson file) into
 * *out.  Returns 1 when read, 0 when absent, -1 when reported. */
static int scenario_smime_pem(struct scenario_ctx *c, const cJSON *obj, const char *key, char **out)
{
	const char *name;
	int r = scenario_json_name(c, obj, key, 0, &name);
	if (r != 1)
		return r;
	struct sbuf text, quoted;
	sbuf_init(&text);
	r = -1;
	if (scenario_json_read_file(c, key, name, "PEM file", SCENARIO_SMIME_MAX_PEM, &text, &quoted) != 0)
		goto out;
	if (!text.s || strlen(text.s) != text.len || !strstr(text.s, "-----BEGIN ")) {
		scenario_json_fail_at(c, key, "expected a PEM file (\"-----BEGIN ...\"), found %s",
		                      quoted.s);
		goto out;
	}
	*out = sbuf_take(&text);
	r = 1;
out:
	sbuf_free(&quoted);
	sbuf_free(&text);
	return r;
}

static int scenario_smime_find_ca(const struct sc_smime *x, const char *id)
{
	for (int i = 0; i < x->ncas; i++)
		if (x->cas[i].id && strcmp(x->cas[i].id, id) == 0)
			return i;
	return -1;
}

static void scenario_smime_ca(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = { "id", "name", "key", "cert", "trusted", NULL };
	struct sc_smime_ca *ca = &c->sc->smime->cas[i];
	const char *s;
	ca->trusted = 1;
	if (!scenario_json_keys(c, obj, keys))
		return;
	if (scenario_json_name(c, obj, "id", 1, &s) == 1) {
		int j = scenario_smime_find_ca(c->sc->smime, s);
		if (j >= 0 && j < i)
			scenario_json_unique(c, "id", s, "a CA id no other CA has", "smime/cas", j);
		ca->id = xstrdup(s);
	}
	scenario_json_dup(c, obj, "name", 0, &ca->name);
	scenario_smime_pem(c, obj, "key", &ca->key_pem);
	scenario_smime_pem(c, obj, "cert", &ca->cert_pem);
	scenario_json_bool(c, obj, "trusted", 0, &ca->trusted);
}

/* "trust": the CA ids this user's mail program trusts. */
static void scenario_smime_trust(struct scenario_ctx *c, const cJSON *obj, struct sc_smime_user *u)
{
	const struct sc_smime *x = c->sc->smime;
	size_t old;
	int n = 0, k = 0;
	const cJSON *a = scenario_json_array(c, obj, "trust", 0, &old, &n);
	if (!a)
		return;
	u->trust = 0;
	for (const cJSON *e = a->child; e; e = e->next, k++) {
		size_t o2 = scenario_json_push_i(c, k);
		const char *s;
		char buf[256];
		if (scenario_json_v_name(c, e, &s) == 1) {
			int ca = scenario_smime_find_ca(x, s);
			if (ca < 0)
				scenario_json_fail(c, "expected the id of a CA in smime/cas, found %s",
				                   scenario_json_quote(s, buf));
			else
				u->trust |= 1u << ca;
		}
		scenario_json_pop(c, o2);
	}
	scenario_json_pop(c, old);
}

/* "not_before" and "not_after": both or neither. */
static void scenario_smime_validity(struct scenario_ctx *c, const cJSON *obj, struct sc_smime_user *u)
{
	static const char *const names[2] = { "not_before", "not_after" };
	int64_t *dst[2] = { &u->not_before, &u->not_after };
	int got = 0;
	for (int k = 0; k < 2; k++) {
		const char *s;
		char buf[256];
		int tz;
		if (scenario_json_str(c, obj, names[k], 0, &s) != 1)
			continue;
		if (scenario_load_parse_date(s, dst[k], &tz) < 0)
			scenario_json_fail_at(c, names[k], "expected a date like 2026-04-01T09:00:00+09:00, "
			                      "found %s", scenario_json_quote(s, buf));
		else
			got |= 1 << k;
	}
	if (got == 1 || got == 2)
		scenario_json_fail(c, "expected both not_before and not_after, found only %s",
		                   names[got - 1]);
	else if (got == 3 && u->not_after <= u->not_before)
		scenario_json_fail_at(c, "not_after", "expected a date after not_before, found one "
		                      "that is not");
	if (got != 3)
		u->not_before = u->not_after = 0;
}

static void scenario_smime_user_read(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = { "address", "key", "cert", "ca", "trust", "not_before",
	                                    "not_after", NULL };
	struct sc_smime *x = c->sc->smime;
	struct sc_smime_user *u = &x->users[i];
	const char *s;
	char buf[256];
	u->user = u->ca = -1;
	for (int k = 0; k < x->ncas; k++)
		if (x->cas[k].trusted)
			u->trust |= 1u << k;
	if (!scenario_json_keys(c, obj, keys))
		return;
	if (scenario_json_ref(c, obj, "address", 1, SCENARIO_REF_USER, &u->user) == 1)
		for (int j = 0; j < i; j++)
			if (x->users[j].user == u->user) {
				scenario_json_unique(c, "address", c->sc->users[u->user].address,
				                     "an address no other S/MIME user has", "smime/users", j);
				break;
			}
	scenario_smime_pem(c, obj, "key", &u->key_pem);
	scenario_smime_pem(c, obj, "cert", &u->cert_pem);
	/* The first CA that can issue, unless the user says which. */
	for (int k = 0; k < x->ncas && u->ca < 0; k++)
		if (x->cas[k].key_pem || !x->cas[k].cert_pem)
			u->ca = k;
	if (scenario_json_name(c, obj, "ca", 0, &s) == 1) {
		u->ca = scenario_smime_find_ca(x, s);
		if (u->ca < 0)
			scenario_json_fail_at(c, "ca", "expected the id of a CA in smime/cas, found %s",
			                      scenario_json_quote(s, buf));
	} else if (u->ca < 0 && !u->cert_pem) {
		scenario_json_fail(c, "expected a CA in smime/cas to issue the certificate, or \"cert\", "
		                   "found neither");
	}
	scenario_smime_trust(c, obj, u);
	scenario_smime_validity(c, obj, u);
}

/* ---- the context ---- */

/* A context for seed from the section, or NULL with the failing part's
 * JSON path and reason in path and err. */
static struct smime *scenario_smime_build(const struct scenario *sc, uint64_t seed, char *path,
                                          size_t pathsz, char *err, size_t errsz)
{
	const struct sc_smime *x = sc->smime;
	snprintf(path, pathsz, "/smime");
	struct smime *s = smime_new(seed, sc->epoch, err, errsz);
	if (!s)
		return NULL;
	/* The context trusts every CA some user trusts; a reader who does not
	 * trust the CA a signature leads to is told so when reading (mua_smime.c). */
	unsigned trusted = 0;
	for (int i = 0; i < x->nusers; i++)
		trusted |= x->users[i].trust;
	for (int i = 0; i < x->ncas; i++) {
		const struct sc_smime_ca *ca = &x->cas[i];
		struct smime_ca_spec spec = { ca->id, ca->name, ca->key_pem, ca->cert_pem,
		                              (int)(trusted >> i & 1) };
		if (smime_add_ca(s, &spec, err, errsz) < 0) {
			snprintf(path, pathsz, "/smime/cas/%d", i);
			smime_free(s);
			return NULL;
		}
	}
	for (int i = 0; i < x->nusers; i++) {
		const struct sc_smime_user *u = &x->users[i];
		const struct sc_user *su = &sc->users[u->user];
		struct smime_user_spec spec = { su->address, su->name, u->key_pem, u->cert_pem, u->ca,
		                                u->not_before, u->not_after };
		if (smime_add_user(s, &spec, err, errsz) < 0) {
			snprintf(path, pathsz, "/smime/users/%d", i);
			smime_free(s);
			return NULL;
		}
	}
	return s;
}

struct smime *scenario_smime_ctx(const struct scenario *sc, uint64_t seed)
{
	if (!sc->smime)
		return NULL;
	if (!seed)
		seed = sc->seed;
	for (struct scenario_smime_cache *k = sc->smime->cache; k; k = k->next)
		if (k->seed == seed)
			return k->ctx;
	char path[64], err[256];
	struct smime *s = scenario_smime_build(sc, seed, path, sizeof path, err, sizeof err);
	if (!s)
		PANIC("%s: %s: %s", sc->file, path, err);
	/* Logically const: the scenario only remembers what it would build
	 * again, byte for byte. */
	struct scenario_smime_cache *k = xcalloc(1, sizeof *k);
	k->seed = seed;
	k->ctx = s;
	k->next = sc->smime->cache;
	sc->smime->cache = k;
	return s;
}

int scenario_smime_user(const struct scenario *sc, const char *address)
{
	if (!sc->smime || !address)
		return -1;
	for (int i = 0; i < sc->smime->nusers; i++) {
		int u = sc->smime->users[i].user;
		if (u >= 0 && util_strcasecmp(sc->users[u].address, address) == 0)
			return i;
	}
	return -1;
}

/* ---- send actions ---- */

/* Every envelope recipient of send m must have a certificate. */
static void scenario_smime_check_rcpts(struct scenario_ctx *c, const struct sc_send *m)
{
	char *const *lists[3] = { m->to, m->cc, m->bcc };
	const int counts[3] = { m->nto, m->ncc, m->nbcc };
	for (int l = 0; l < 3; l++)
		for (int k = 0; k < counts[l]; k++) {
			const char *v = lists[l][k], *lt = strchr(v, '<');
			char addr[320], buf[256];
			snprintf(addr, sizeof addr, "%s", lt ? lt + 1 : v);
			addr[strcspn(addr, ">")] = '\0';
			if (scenario_smime_user(c->sc, addr) < 0) {
				scenario_json_fail_at(c, "encrypt", "expected every recipient to have a "
				                      "certificate in smime/users, found none for %s",
				                      scenario_json_quote(addr, buf));
				return;
			}
		}
}

static void scenario_smime_check_send(struct scenario_ctx *c, const struct sc_send *m)
{
	const struct scenario *sc = c->sc;
	const char *key = m->sign ? "sign" : "encrypt";
	if (m->direct) {
		scenario_json_fail_at(c, key, "expected %s on mail submitted to a server, found direct",
		                      key);
		return;
	}
	if (m->eml || m->script) {
		scenario_json_fail_at(c, key, "expected %s without eml or script (the mail program "
		                      "protects the mail it writes), found %s", key,
		                      m->eml ? "eml" : "script");
		return;
	}
	if (!sc->smime) {
		scenario_json_fail_at(c, key, "expected a top-level \"smime\" section with the users' "
		                      "keys, found none");
		return;
	}
	if (m->sign) {
		int su = m->user >= 0 ? scenario_smime_user(sc, sc->users[m->user].address) : -1;
		if (su < 0)
			scenario_json_fail_at(c, "sign", "expected a sending user with a key in smime/users, "
			                      "found %s", m->user >= 0 ? sc->users[m->user].address : "no user");
		else if (!sc->smime->users[su].key_pem && sc->smime->users[su].cert_pem)
			scenario_json_fail_at(c, "sign", "expected a sending user whose private key the "
			                      "lesson gives, found only a certificate for %s",
			                      sc->users[m->user].address);
	}
	if (m->encrypt)
		scenario_smime_check_rcpts(c, m);
}

static void scenario_smime_check_sends(struct scenario_ctx *c)
{
	const struct scenario *sc = c->sc;
	size_t old = scenario_json_push(c, "actions");
	for (int i = 0; i < sc->nactions; i++) {
		const struct sc_action *a = &sc->actions[i];
		if (a->kind != ACT_SEND || !(a->send.sign || a->send.encrypt))
			continue;
		size_t o2 = scenario_json_push_i(c, i);
		scenario_smime_check_send(c, &a->send);
		scenario_json_pop(c, o2);
	}
	scenario_json_pop(c, old);
}

/* ---- the section ---- */

void scenario_smime_read(struct scenario_ctx *c, const cJSON *top)
{
	static const char *const keys[] = { "cas", "users", NULL };
	struct scenario *sc = c->sc;
	const cJSON *v = scenario_json_item(c, top, "smime", 0);
	if (v) {
		size_t old = scenario_json_push(c, "smime");
		sc->smime = xcalloc(1, sizeof *sc->smime);
		if (scenario_json_keys(c, v, keys)) {
			size_t o2;
			int n = 0;
			const cJSON *a = scenario_json_array(c, v, "cas", 1, &o2, &n);
			if (a && n > SC_SMIME_MAX_CAS) {
				scenario_json_fail(c, "expected at most %d CAs, found %d", SC_SMIME_MAX_CAS, n);
				scenario_json_pop(c, o2);
			} else if (a) {
				sc->smime->cas = xcalloc((size_t)n + 1, sizeof *sc->smime->cas);
				sc->smime->ncas = n;
				scenario_json_each(c, a, o2, scenario_smime_ca);
			}
			a = scenario_json_array(c, v, "users", 0, &o2, &n);
			if (a) {
				sc->smime->users = xcalloc((size_t)n + 1, sizeof *sc->smime->users);
				sc->smime->nusers = n;
				scenario_json_each(c, a, o2, scenario_smime_user_read);
			}
		}
		scenario_json_pop(c, old);
	}
	scenario_smime_check_sends(c);
	if (!sc->smime || c->nerr)
		return;
	char path[64], err[256];
	struct smime *s = scenario_smime_build(sc, sc->seed, path, sizeof path, err, sizeof err);
	if (!s) {
		struct scenario_ctx at = *c;   /* the path of the part libcrypto refused */
		sbuf_init(&at.path);
		sbuf_adds(&at.path, path);
		scenario_json_fail(&at, "expected keys and certificates libcrypto accepts, found: %s", err);
		c->nerr = at.nerr;
		sbuf_free(&at.path);
		return;
	}
	struct scenario_smime_cache *k = xcalloc(1, sizeof *k);
	k->seed = sc->seed;
	k->ctx = s;
	sc->smime->cache = k;
}

/* ---- expectations ---- */

/* A list of property names into a bit mask. */
static void scenario_smime_props(struct scenario_ctx *c, const cJSON *obj, const char *key,
                                 unsigned *out)
{
	size_t old;
	int n = 0, k = 0;
	const cJSON *a = scenario_json_array(c, obj, key, 0, &old, &n);
	if (!a)
		return;
	for (const cJSON *e = a->child; e; e = e->next, k++) {
		size_t o2 = scenario_json_push_i(c, k);
		int p;
		if (scenario_json_v_enum(c, e, smime_prop_names, SMIME_PROP_COUNT, &p) == 1)
			*out |= 1u << p;
		scenario_json_pop(c, o2);
	}
	scenario_json_pop(c, old);
}

void scenario_smime_expect(struct scenario_ctx *c, const cJSON *obj, int has_rcpt,
                           struct sc_expect_smime **out)
{
	static const char *const keys[] = { "sig", "chain", "from", "dec", "holds", "fails", NULL };
	const cJSON *v = scenario_json_item(c, obj, "smime", 0);
	if (!v)
		return;
	size_t old = scenario_json_push(c, "smime");
	struct sc_expect_smime *x = xcalloc(1, sizeof *x);
	x->sig = x->chain = x->from = x->dec = -1;
	*out = x;
	if (!has_rcpt)
		scenario_json_fail(c, "expected the expectation to name its rcpt (whose mail program "
		                   "opens the mail), found none");
	if (scenario_json_keys(c, v, keys)) {
		scenario_json_enum(c, v, "sig", 0, smime_sig_names, SMIME_SIG_COUNT, &x->sig);
		scenario_json_enum(c, v, "chain", 0, smime_chain_names, SMIME_CHAIN_COUNT, &x->chain);
		scenario_json_enum(c, v, "from", 0, smime_from_names, SMIME_FROM_COUNT, &x->from);
		scenario_json_enum(c, v, "dec", 0, smime_dec_names, SMIME_DEC_COUNT, &x->dec);
		scenario_smime_props(c, v, "holds", &x->holds);
		scenario_smime_props(c, v, "fails", &x->fails);
		if (x->holds & x->fails)
			scenario_json_fail(c, "expected a property in holds or in fails, found one in both");
	}
	scenario_json_pop(c, old);
}

void scenario_smime_free(struct sc_smime *x)
{
	if (!x)
		return;
	for (int i = 0; i < x->ncas; i++) {
		free(x->cas[i].id);
		free(x->cas[i].name);
		free(x->cas[i].key_pem);
		free(x->cas[i].cert_pem);
	}
	free(x->cas);
	for (int i = 0; i < x->nusers; i++) {
		free(x->users[i].key_pem);
		free(x->users[i].cert_pem);
	}
	free(x->users);
	while (x->cache) {
		struct scenario_smime_cache *n = x->cache->next;
		smime_free(x->cache->ctx);
		free(x->cache);
		x->cache = n;
	}
	free(x);
}
