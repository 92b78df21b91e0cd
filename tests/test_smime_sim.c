/* test_smime_sim — S/MIME in the simulation: the sending mail program's
 * steps and what they do to the mail, the reading mail program's steps
 * and verdict for each of the lesson's cases (sign and encrypt, tampered,
 * spoofed, untrusted CA, no private key, expired certificate, a reader's
 * own trust), an attacker's relay, broken S/MIME from an .eml file, the
 * loader's error lines, a refusal, composing from the window, and runs
 * that repeat byte for byte with the crypto in their path. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "i18n.h"
#include "mime.h"
#include "narrate.h"
#include "sim.h"
#include "smime.h"
#include "test_util.h"
#include "trace_smime.h"
#include "util.h"

/* ---- finding records ---- */

/* The TR_SMIME records about message tag at host node (any host: NULL),
 * in order, into out (at most max); returns how many. */
static int test_smime_sim_steps(const struct sim *s, const char *tag, const char *node,
                                const struct trace_rec **out, int max)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	int k = 0;
	for (size_t i = 0; i < n && k < max; i++)
		if (tr[i].kind == TR_SMIME && tr[i].tag && !strcmp(tr[i].tag, tag) &&
		    (!node || !strcmp(scenario_node_id(sim_scenario(s), tr[i].node), node)))
			out[k++] = &tr[i];
	return k;
}

/* The verdict on tag by reader's mail program; fails the test if none. */
static const struct trace_smime *test_smime_sim_verdict(const struct sim *s, const char *tag,
                                                        const char *reader)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == TR_SMIME && tr[i].tag && !strcmp(tr[i].tag, tag) &&
		    tr[i].u.smime.step == TRACE_SMIME_VERDICT && !strcmp(tr[i].u.smime.who, reader))
			return &tr[i].u.smime;
	cr_assert_fail("no verdict on %s by %s", tag, reader);
	return NULL;
}

/* "hash,sign,…" for records r[0..n-1]. */
static void test_smime_sim_names(const struct trace_rec *const *r, int n, char *out, size_t outsz)
{
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t l = strlen(out);
		snprintf(out + l, outsz - l, "%s%s", i ? "," : "", trace_smime_step_names[r[i]->u.smime.step]);
	}
}

static struct sim *test_smime_sim_run(const struct scenario *sc)
{
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	cr_assert_eq(sim_audit(s, stderr), 0, "every message is accounted for");
	return s;
}

/* ---- the lesson ---- */

Test(smime_sim, sender_steps_sign_then_encrypt_and_change_the_mail)
{
	struct scenario *sc = test_util_lesson("11-smime.json");
	struct sim *s = sim_new(sc, NULL);
	const struct trace_rec *r[16];
	char names[200];
	/* Just after m1 is written: nothing protected yet, the plain text waits. */
	sim_run_until(s, SEC(8));
	struct sim_copy cp[64];
	size_t nc = sim_copy_list(s, cp, 64);
	const struct msg *m1 = NULL;
	for (size_t i = 0; i < nc; i++)
		if (cp[i].m && cp[i].m->ledger == sim_ledger_find(s, "m1"))
			m1 = cp[i].m;
	cr_assert_not_null(m1);
	char ct[160];
	msg_header_get(m1, "Content-Type", ct, sizeof ct);
	cr_expect(strstr(ct, "text/plain") != NULL, "before the steps: %s", ct);
	sim_run_until(s, sc->until_us);
	int n = test_smime_sim_steps(s, "m1", "alice-pc", r, 16);
	test_smime_sim_names(r, n, names, sizeof names);
	cr_expect_str_eq(names, "hash,sign,key,encrypt,wrap");
	for (int i = 1; i < n; i++)
		cr_expect_eq(r[i]->t - r[i - 1]->t, TRACE_SMIME_STEP_US, "one step apart");
	for (int i = 0; i < n; i++)
		cr_expect_eq(r[i]->u.smime.more, i + 1 < n);
	cr_expect_str_eq(r[0]->u.smime.alg, "SHA-256");
	cr_expect_eq(strlen(r[0]->u.smime.v1), 64, "a SHA-256 digest in hex");
	cr_expect_eq(r[1]->u.smime.bits, 2048);
	cr_expect_eq(r[1]->u.smime.bytes, 256, "an RSA-2048 signature");
	cr_expect_str_eq(r[2]->u.smime.alg, "AES-256-CBC");
	cr_expect_eq(r[2]->u.smime.bits, 256);
	cr_expect_gt(r[3]->u.smime.bytes2, r[3]->u.smime.bytes, "CBC padding makes it longer");
	cr_expect_str_eq(r[4]->u.smime.who, "bob@ispb.example", "wrapped for Bob only");
	cr_expect_eq(r[4]->u.smime.bytes, 256);
	/* Submission starts after the last step. */
	size_t nt = 0;
	const struct trace_rec *tr = sim_trace(s, &nt);
	for (size_t i = 0; i < nt; i++)
		if (tr[i].kind == TR_CONNECT && tr[i].tag && !strcmp(tr[i].tag, "m1")) {
			cr_expect_geq(tr[i].t, r[n - 1]->t);
			break;
		}
	sim_free(s);
	scenario_free(sc);
}

/* The copy an administrator finds on ISP B's server: ciphertext only. */
Test(smime_sim, the_stored_copy_is_ciphertext_and_the_plain_one_is_not)
{
	struct scenario *sc = test_util_lesson("11-smime.json");
	struct sim *s = test_smime_sim_run(sc);
	struct sim_copy cp[64];
	size_t nc = sim_copy_list(s, cp, 64);
	int seen = 0;
	for (size_t i = 0; i < nc; i++) {
		if (cp[i].holder != HOLD_MAILBOX || !cp[i].mailbox || strcmp(cp[i].mailbox, "bob@ispb.example"))
			continue;
		char *plain = msg_body_text_decoded(cp[i].m);
		int m1 = cp[i].m->ledger == sim_ledger_find(s, "m1");
		int m0 = cp[i].m->ledger == sim_ledger_find(s, "m0");
		if (m1) {
			cr_expect(strstr(plain, "1,200,000") == NULL, "the quote must not be readable on the server");
			char ct[160];
			msg_header_get(cp[i].m, "Content-Type", ct, sizeof ct);
			cr_expect(strstr(ct, "application/pkcs7-mime; smime-type=enveloped-data") != NULL, "%s", ct);
			seen |= 1;
		}
		if (m0) {
			cr_expect(strstr(plain, "火曜日の10時") != NULL, "m0 is readable on the server");
			seen |= 2;
		}
		free(plain);
	}
	cr_expect_eq(seen, 3, "both copies are stored");
	sim_free(s);
	scenario_free(sc);
}

Test(smime_sim, reader_steps_and_verdicts_for_each_case)
{
	struct scenario *sc = test_util_lesson("11-smime.json");
	struct sim *s = test_smime_sim_run(sc);
	const struct trace_rec *r[16];
	char names[200];
	static const struct {
		const char *tag, *reader, *steps;
		int sig, chain, from, dec, verdict;
		unsigned holds;
	} cases[] = {
		{ "m1", "bob@ispb.example", "unwrap,decrypt,digest,verify,chain,verdict", SMIME_SIG_VALID,
		  SMIME_CHAIN_TRUSTED, SMIME_FROM_MATCH, SMIME_DEC_OK, TRACE_SMIME_V_OK, 0xF },
		{ "m0", "bob@ispb.example", "verdict", SMIME_SIG_ABSENT, SMIME_CHAIN_NONE, SMIME_FROM_NONE,
		  SMIME_DEC_NONE, TRACE_SMIME_V_UNSIGNED, 0 },
		{ "d1", "bob@ispb.example", "digest,verify,chain,verdict", SMIME_SIG_DIGEST_MISMATCH,
		  SMIME_CHAIN_TRUSTED, SMIME_FROM_MATCH, SMIME_DEC_NONE, TRACE_SMIME_V_TAMPERED, 0 },
		{ "s1", "bob@ispb.example", "verdict", SMIME_SIG_ABSENT, SMIME_CHAIN_NONE, SMIME_FROM_NONE,
		  SMIME_DEC_NONE, TRACE_SMIME_V_UNSIGNED, 0 },
		{ "s2", "bob@ispb.example", "digest,verify,chain,verdict", SMIME_SIG_VALID, SMIME_CHAIN_UNKNOWN_CA,
		  SMIME_FROM_MISMATCH, SMIME_DEC_NONE, TRACE_SMIME_V_MISMATCH, 0 },
		{ "e1", "bob@ispb.example", "digest,verify,chain,verdict", SMIME_SIG_VALID, SMIME_CHAIN_UNKNOWN_CA,
		  SMIME_FROM_MATCH, SMIME_DEC_NONE, TRACE_SMIME_V_UNTRUSTED, 0 },
		{ "n1", "carol@ispb.example", "unwrap,verdict", SMIME_SIG_ABSENT, SMIME_CHAIN_NONE, SMIME_FROM_NONE,
		  SMIME_DEC_NO_KEY, TRACE_SMIME_V_UNREADABLE, 1u << SMIME_PROP_CONFIDENTIALITY },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *pc = !strcmp(cases[i].reader, "bob@ispb.example") ? "bob-pc" : "carol-pc";
		int n = test_smime_sim_steps(s, cases[i].tag, pc, r, 16);
		test_smime_sim_names(r, n, names, sizeof names);
		cr_expect_str_eq(names, cases[i].steps, "%s", cases[i].tag);
		const struct trace_smime *v = test_smime_sim_verdict(s, cases[i].tag, cases[i].reader);
		cr_expect_eq(v->sig, cases[i].sig, "%s: signature %s", cases[i].tag, smime_sig_names[v->sig]);
		cr_expect_eq(v->chain, cases[i].chain, "%s: chain %s", cases[i].tag, smime_chain_names[v->chain]);
		cr_expect_eq(v->from, cases[i].from, "%s: From %s", cases[i].tag, smime_from_names[v->from]);
		cr_expect_eq(v->dec, cases[i].dec, "%s: decryption %s", cases[i].tag, smime_dec_names[v->dec]);
		cr_expect_eq(v->result, cases[i].verdict, "%s: verdict %s", cases[i].tag,
		             trace_smime_verdict_names[v->result]);
		cr_expect_eq(v->holds, cases[i].holds, "%s: holds %#x", cases[i].tag, v->holds);
	}
	/* A reader opens one mail at a time: the steps of two mails never mix. */
	size_t nt = 0;
	const struct trace_rec *tr = sim_trace(s, &nt);
	const char *cur = NULL;
	for (size_t i = 0; i < nt; i++) {
		if (tr[i].kind != TR_SMIME || strcmp(scenario_node_id(sc, tr[i].node), "bob-pc"))
			continue;
		if (cur)
			cr_expect_str_eq(tr[i].tag, cur, "%s's steps interrupted", cur);
		cur = tr[i].u.smime.more ? tr[i].tag : NULL;
	}
	/* The digests of d1: Bob finds the one Dave signed, and computes
	 * another from the body the relay changed. */
	const struct trace_rec *dave[4], *bob[4];
	cr_assert_eq(test_smime_sim_steps(s, "d1", "dave-pc", dave, 4), 2);
	cr_assert_geq(test_smime_sim_steps(s, "d1", "bob-pc", bob, 4), 1);
	cr_expect_eq(bob[0]->u.smime.step, TRACE_SMIME_DIGEST);
	cr_expect_eq(bob[0]->u.smime.result, 0);
	cr_expect_str_eq(bob[0]->u.smime.v1, dave[0]->u.smime.v1, "the digest Dave signed");
	cr_expect_str_neq(bob[0]->u.smime.v2, dave[0]->u.smime.v1, "the digest of what arrived");
	sim_free(s);
	scenario_free(sc);
}

/* Verifying a signature shows only that it was made with the private key
 * matching the certificate's public key; whose key that is, is the chain
 * check's to say.  So the verify sentence for s2 (a valid signature under
 * a certificate from a CA Bob does not trust) must not call the key Eve's
 * before the chain check says that is unknown. */
Test(smime_sim, the_verify_step_leaves_the_keys_owner_to_the_chain)
{
	struct scenario *sc = test_util_lesson("11-smime.json");
	struct sim *s = test_smime_sim_run(sc);
	const struct trace_rec *r[8];
	cr_assert_eq(test_smime_sim_steps(s, "s2", "bob-pc", r, 8), 4);
	cr_assert_eq(r[1]->u.smime.step, TRACE_SMIME_VERIFY);
	static const struct {
		enum lang lang;
		const char *owned, *checks_out;
	} want[] = {
		{ LANG_EN, "private key of eve@ispa.example", "checks out" },
		{ LANG_JA, "eve@ispa.example の秘密鍵", "対になる秘密鍵" },
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		struct i18n *cat = test_util_catalog(want[i].lang);
		struct sbuf b;
		sbuf_init(&b);
		narrate_tell(sc, cat, NARRATE_PREFIX, r[1], &b);
		cr_expect_null(strstr(b.s, want[i].owned), "%s", b.s);
		cr_expect_not_null(strstr(b.s, want[i].checks_out), "%s", b.s);
		cr_expect_not_null(strstr(b.s, "eve@ispa.example"), "the certificate's name: %s", b.s);
		sbuf_free(&b);
		i18n_free(cat);
	}
	sim_free(s);
	scenario_free(sc);
}

Test(smime_sim, the_attacker_relay_changes_only_what_it_can_read)
{
	struct scenario *sc = test_util_lesson("11-smime.json");
	struct sim *s = test_smime_sim_run(sc);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	int tampers = 0;
	for (size_t i = 0; i < n; i++) {
		if (tr[i].kind != TR_TAMPER)
			continue;
		tampers++;
		cr_expect_str_eq(tr[i].tag, "d1", "only d1 goes through the relay");
		cr_expect_eq(tr[i].u.tamper.count, 1);
		cr_expect_str_eq(tr[i].u.tamper.find, "1234567");
	}
	cr_expect_eq(tampers, 1);
	/* What Bob received says the attacker's account number. */
	struct sim_copy cp[64];
	size_t nc = sim_copy_list(s, cp, 64);
	int seen = 0;
	for (size_t i = 0; i < nc; i++) {
		if (cp[i].holder != HOLD_FETCHED || cp[i].m->ledger != sim_ledger_find(s, "d1"))
			continue;
		struct smime_verdict *v = smime_verdict_open(sim_smime(s), cp[i].m, "bob@ispb.example", SEC(80));
		cr_assert_not_null(v->content);
		struct msg *u = smime_verdict_unwrap(cp[i].m, v);
		char *text = msg_body_text_decoded(u);
		cr_expect(strstr(text, "7654321") && !strstr(text, "1234567"), "%s", text);
		free(text);
		msg_free(u);
		smime_verdict_free(v);
		seen = 1;
	}
	cr_expect(seen);
	sim_free(s);
	scenario_free(sc);
}

/* ---- a lesson of the tests' own: trust, expiry, relays, broken mail ---- */

/* The tests' lesson: written beside scenarios/ so that keys/ resolves. */
static struct scenario *test_smime_sim_parse(const char *body, char **errs)
{
	char *json = xstrdup(body);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	size_t len = 0;
	FILE *err = open_memstream(errs, &len);
	cr_assert_not_null(err);
	struct scenario *sc = scenario_parse("scenarios/test-smime.json", json, err);
	fclose(err);
	free(json);
	return sc;
}

#define TEST_SMIME_SIM_NET \
	"'networks': [ { 'id': 'net', 'cidr': '10.0.0.0/24' } ]," \
	"'hosts': [" \
	" { 'id': 'pc-a', 'network': 'net', 'addr': '10.0.0.10', 'name': 'pc-a.a.example', 'roles': ['MUA'] }," \
	" { 'id': 'pc-b', 'network': 'net', 'addr': '10.0.0.20', 'name': 'pc-b.b.example', 'roles': ['MUA'] }," \
	" { 'id': 'pc-c', 'network': 'net', 'addr': '10.0.0.30', 'name': 'pc-c.b.example', 'roles': ['MUA'] }," \
	" { 'id': 'mx-a', 'network': 'net', 'addr': '10.0.0.1', 'name': 'mx.a.example'," \
	"   'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['a.example'] }," \
	" { 'id': 'mx-b', 'network': 'net', 'addr': '10.0.0.2', 'name': 'mx.b.example'," \
	"   'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['b.example'] }," \
	" { 'id': 'relay', 'network': 'net', 'addr': '10.0.0.3', 'name': 'relay.example', 'roles': ['MTA']," \
	"   'relay_networks': ['net'], 'tamper': { 'find': 'secret', 'replace': 'public' } } ]," \
	"'dns': { 'zones': [" \
	" { 'domain': 'a.example', 'mx': [ { 'pref': 10, 'host': 'mx.a.example' } ], 'a': [ { 'name': 'mx.a.example', 'addr': '10.0.0.1' } ] }," \
	" { 'domain': 'b.example', 'mx': [ { 'pref': 10, 'host': 'mx.b.example' } ], 'a': [ { 'name': 'mx.b.example', 'addr': '10.0.0.2' } ] } ] }," \
	"'users': [" \
	" { 'address': 'alice@a.example', 'mua': 'pc-a', 'submit': { 'host': 'mx-a' } }," \
	" { 'address': 'eve@a.example', 'mua': 'pc-a', 'submit': { 'host': 'mx-a' } }," \
	" { 'address': 'dave@a.example', 'mua': 'pc-a', 'submit': { 'host': 'mx-a' } }," \
	" { 'address': 'zed@a.example', 'mua': 'pc-a', 'submit': { 'host': 'mx-a' } }," \
	" { 'address': 'bob@b.example', 'mua': 'pc-b', 'submit': { 'host': 'mx-b' } }," \
	" { 'address': 'carol@b.example', 'mua': 'pc-c', 'submit': { 'host': 'mx-b' } } ],"

/* Bob trusts only the lesson CA, Carol the other CA too; Dave's
 * certificate expired before the lesson starts. */
#define TEST_SMIME_SIM_KEYS \
	"'smime': { 'cas': [ { 'id': 'lesson-ca', 'key': 'keys/lesson-ca.key' }," \
	"                    { 'id': 'other-ca', 'key': 'keys/unknown-ca.key' } ]," \
	" 'users': [ { 'address': 'alice@a.example', 'key': 'keys/alice.key' }," \
	"            { 'address': 'eve@a.example', 'key': 'keys/eve.key', 'ca': 'other-ca' }," \
	"            { 'address': 'dave@a.example', 'key': 'keys/dave.key'," \
	"              'not_before': '2025-01-01T00:00:00Z', 'not_after': '2026-03-01T00:00:00Z' }," \
	"            { 'address': 'bob@b.example', 'key': 'keys/bob.key', 'trust': ['lesson-ca'] }," \
	"            { 'address': 'carol@b.example', 'key': 'keys/carol.key', 'trust': ['lesson-ca', 'other-ca'] } ] },"

static const char test_smime_sim_lesson[] =
	"{ 'title': 't', 'until': 60, " TEST_SMIME_SIM_NET TEST_SMIME_SIM_KEYS
	"'actions': ["
	" { 'at': 1, 'do': 'send', 'id': 'e1', 'user': 'eve@a.example', 'to': ['bob@b.example', 'carol@b.example'],"
	"   'body': 'hello', 'sign': true },"
	" { 'at': 2, 'do': 'send', 'id': 'x1', 'user': 'dave@a.example', 'to': 'bob@b.example', 'body': 'old', 'sign': true },"
	" { 'at': 3, 'do': 'send', 'id': 't1', 'user': 'alice@a.example', 'to': 'bob@b.example', 'via': 'relay',"
	"   'port': 25, 'auth': false, 'body': 'the secret plan', 'sign': true, 'encrypt': true },"
	" { 'at': 4, 'do': 'send', 'id': 't2', 'user': 'alice@a.example', 'to': 'bob@b.example', 'via': 'relay',"
	"   'port': 25, 'auth': false, 'body': 'the secret plan', 'sign': true },"
	" { 'at': 5, 'do': 'send', 'id': 'b1', 'user': 'alice@a.example', 'to': 'bob@b.example',"
	"   'eml': '../tests/data/smime/broken-envelope.eml' },"
	" { 'at': 6, 'do': 'send', 'id': 'b2', 'user': 'alice@a.example', 'to': 'bob@b.example',"
	"   'eml': '../tests/data/smime/broken-signed.eml' },"
	" { 'at': 30, 'do': 'fetch', 'user': 'bob@b.example' },"
	" { 'at': 30, 'do': 'fetch', 'user': 'carol@b.example' } ] }";

static struct scenario *test_smime_sim_own(void)
{
	char *errs = NULL;
	struct scenario *sc = test_smime_sim_parse(test_smime_sim_lesson, &errs);
	cr_assert_not_null(sc, "the tests' lesson must load: %s", errs);
	free(errs);
	return sc;
}

Test(smime_sim, each_reader_trusts_its_own_cas)
{
	struct scenario *sc = test_smime_sim_own();
	struct sim *s = test_smime_sim_run(sc);
	const struct trace_smime *bob = test_smime_sim_verdict(s, "e1", "bob@b.example");
	const struct trace_smime *carol = test_smime_sim_verdict(s, "e1", "carol@b.example");
	cr_expect_eq(bob->chain, SMIME_CHAIN_UNKNOWN_CA, "Bob does not trust other-ca");
	cr_expect_eq(bob->result, TRACE_SMIME_V_UNTRUSTED);
	cr_expect_str_eq(trace_smime_why(bob, SMIME_PROP_INTEGRITY), "untrusted");
	/* A valid signature Bob cannot trust: nothing says the mail changed,
	 * so integrity is not confirmed rather than "no". */
	cr_expect_str_eq(trace_smime_mark(bob, SMIME_PROP_INTEGRITY), "smime.unknown");
	cr_expect_str_eq(trace_smime_mark(bob, SMIME_PROP_AUTHENTICATION), "smime.no");
	cr_expect_eq(carol->chain, SMIME_CHAIN_TRUSTED, "Carol trusts other-ca");
	cr_expect_eq(carol->result, TRACE_SMIME_V_SIGNED);
	cr_expect(carol->holds >> SMIME_PROP_AUTHENTICATION & 1);
	cr_expect_str_eq(trace_smime_mark(carol, SMIME_PROP_INTEGRITY), "smime.yes");
	/* Known to be changed: "no". */
	struct trace_smime tampered = *carol;
	tampered.holds = 0;
	tampered.sig = SMIME_SIG_DIGEST_MISMATCH;
	cr_expect_str_eq(trace_smime_mark(&tampered, SMIME_PROP_INTEGRITY), "smime.no");
	tampered.sig = SMIME_SIG_ABSENT;
	cr_expect_str_eq(trace_smime_mark(&tampered, SMIME_PROP_INTEGRITY), "smime.unknown");
	sim_free(s);
	scenario_free(sc);
}

Test(smime_sim, an_expired_certificate_is_told_as_such)
{
	struct scenario *sc = test_smime_sim_own();
	struct sim *s = test_smime_sim_run(sc);
	const struct trace_smime *v = test_smime_sim_verdict(s, "x1", "bob@b.example");
	cr_expect_eq(v->sig, SMIME_SIG_VALID);
	cr_expect_eq(v->chain, SMIME_CHAIN_EXPIRED);
	cr_expect_eq(v->result, TRACE_SMIME_V_UNTRUSTED);
	cr_expect_eq(v->holds, 0);
	const struct trace_rec *r[8];
	int n = test_smime_sim_steps(s, "x1", "pc-b", r, 8);
	cr_assert_geq(n, 2);
	cr_expect_eq(r[n - 2]->u.smime.step, TRACE_SMIME_CHAIN);
	cr_expect_str_eq(r[n - 2]->u.smime.v2, "2026-03-01 00:00:00Z", "the date it expired");
	sim_free(s);
	scenario_free(sc);
}

Test(smime_sim, a_relay_cannot_change_encrypted_mail_but_breaks_signed_mail)
{
	struct scenario *sc = test_smime_sim_own();
	struct sim *s = test_smime_sim_run(sc);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (tr[i].kind != TR_TAMPER)
			continue;
		if (!strcmp(tr[i].tag, "t1")) {
			cr_expect_eq(tr[i].u.tamper.count, 0);
			cr_expect_eq(tr[i].u.tamper.encrypted, 1, "only ciphertext to look at");
			seen |= 1;
		} else if (!strcmp(tr[i].tag, "t2")) {
			cr_expect_eq(tr[i].u.tamper.count, 1, "7bit text changed in place");
			seen |= 2;
		}
	}
	cr_expect_eq(seen, 3);
	cr_expect_eq(test_smime_sim_verdict(s, "t1", "bob@b.example")->result, TRACE_SMIME_V_OK);
	cr_expect_eq(test_smime_sim_verdict(s, "t2", "bob@b.example")->result, TRACE_SMIME_V_TAMPERED);
	sim_free(s);
	scenario_free(sc);
}

Test(smime_sim, broken_smime_from_an_eml_file_is_reported_never_a_crash)
{
	struct scenario *sc = test_smime_sim_own();
	struct sim *s = test_smime_sim_run(sc);
	const struct trace_smime *env = test_smime_sim_verdict(s, "b1", "bob@b.example");
	const struct trace_smime *sig = test_smime_sim_verdict(s, "b2", "bob@b.example");
	cr_expect_eq(env->result, TRACE_SMIME_V_MALFORMED);
	cr_expect_eq(env->dec, SMIME_DEC_MALFORMED);
	cr_expect_eq(sig->result, TRACE_SMIME_V_MALFORMED);
	cr_expect_eq(sig->sig, SMIME_SIG_MALFORMED);
	cr_expect_eq(env->holds | sig->holds, 0);
	sim_free(s);
	scenario_free(sc);
}

/* ---- the loader ---- */

static void test_smime_sim_fails(const char *body, const char *want)
{
	char *errs = NULL;
	struct scenario *sc = test_smime_sim_parse(body, &errs);
	cr_expect_null(sc);
	cr_expect(errs && strstr(errs, want), "expected \"%s\" in:\n%s", want, errs ? errs : "");
	scenario_free(sc);
	free(errs);
}

Test(smime_sim, the_loader_locates_every_smime_mistake)
{
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET
	                     "'smime': { 'cas': [ { 'id': 'ca', 'key': 'keys/alice.key' } ] } }",
	                     "scenarios/test-smime.json: /smime/cas/0: expected keys and certificates libcrypto "
	                     "accepts, found: CA id \"ca\"");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET
	                     "'smime': { 'cas': [ { 'id': 'c1', 'key': 'keys/none.key' } ] } }",
	                     "/smime/cas/0/key: expected a readable PEM file");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET
	                     "'smime': { 'cas': [ { 'id': 'c1', 'key': '../tests/data/smime/broken-signed.eml' } ] } }",
	                     "/smime/cas/0/key: expected a PEM file");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET
	                     "'smime': { 'cas': [ { 'id': 'c1' } ], 'users': [ { 'address': 'bob@b.example',"
	                     " 'not_after': '2027-01-01T00:00:00Z' } ] } }",
	                     "/smime/users/0: expected both not_before and not_after, found only not_after");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET
	                     "'smime': { 'cas': [ { 'id': 'c1' } ], 'users': [ { 'address': 'nobody@b.example' } ] } }",
	                     "/smime/users/0/address: expected a user address, found \"nobody@b.example\"");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET
	                     "'actions': [ { 'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@a.example',"
	                     " 'to': 'bob@b.example', 'sign': true } ] }",
	                     "/actions/0/sign: expected a top-level \"smime\" section");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET TEST_SMIME_SIM_KEYS
	                     "'actions': [ { 'at': 1, 'do': 'send', 'id': 'm', 'user': 'zed@a.example',"
	                     " 'to': 'bob@b.example', 'sign': true } ] }",
	                     "/actions/0/sign: expected a sending user with a key in smime/users, found zed@a.example");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET TEST_SMIME_SIM_KEYS
	                     "'actions': [ { 'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@a.example',"
	                     " 'to': ['bob@b.example', 'zed@a.example'], 'encrypt': true } ] }",
	                     "/actions/0/encrypt: expected every recipient to have a certificate in smime/users, "
	                     "found none for \"zed@a.example\"");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET TEST_SMIME_SIM_KEYS
	                     "'actions': [ { 'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@a.example',"
	                     " 'to': 'bob@b.example', 'direct': true, 'sign': true } ] }",
	                     "/actions/0/sign: expected sign on mail submitted to a server, found direct");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET TEST_SMIME_SIM_KEYS
	                     "'actions': [ { 'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@a.example',"
	                     " 'to': 'bob@b.example' } ],"
	                     "'expect': [ { 'msg': 'm', 'smime': { 'sig': 'valid', 'holds': ['secrecy'] } } ] }",
	                     "/expect/0/smime: expected the expectation to name its rcpt");
	test_smime_sim_fails("{ 'title': 't', " TEST_SMIME_SIM_NET TEST_SMIME_SIM_KEYS
	                     "'actions': [ { 'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@a.example',"
	                     " 'to': 'bob@b.example' } ],"
	                     "'expect': [ { 'msg': 'm', 'rcpt': 'bob@b.example', 'smime': { 'holds': ['secrecy'] } } ] }",
	                     "/expect/0/smime/holds/0: expected one of authentication, confidentiality, "
	                     "non_repudiation, integrity, found \"secrecy\"");
	test_smime_sim_fails("{ 'title': 't', 'networks': [ { 'id': 'net', 'cidr': '10.0.0.0/24' } ],"
	                     "'hosts': [ { 'id': 'r', 'network': 'net', 'addr': '10.0.0.9', 'name': 'r.example',"
	                     " 'roles': ['MTA'], 'tamper': { 'find': '', 'replace': 'x' } } ] }",
	                     "/hosts/0/tamper/find: expected a non-empty string");
}

/* ---- composing and refusing ---- */

static int test_smime_sim_count(const struct sim *s, enum trace_smime_step step, int result)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += tr[i].kind == TR_SMIME && tr[i].u.smime.step == step &&
		     (result < 0 || tr[i].u.smime.result == result);
	return k;
}

Test(smime_sim, a_mail_program_refuses_to_send_what_it_cannot_protect)
{
	struct scenario *sc = test_smime_sim_own();
	struct timeline *tl = timeline_new(sc, NULL);
	timeline_run_until(tl, SEC(20));
	struct sim_compose c = { .host = scenario_find_host(sc, "pc-a"), .user = scenario_find_user(sc, "alice@a.example"),
	                         .to = "nobody@b.example", .subject = "x", .body = "y", .port = 587, .auth = 1,
	                         .encrypt = 1 };
	cr_assert_eq(timeline_compose(tl, &c), 0);
	c.user = scenario_find_user(sc, "zed@a.example");
	c.to = "bob@b.example";
	c.encrypt = 0;
	c.sign = 1;
	cr_assert_eq(timeline_compose(tl, &c), 0);
	timeline_run_until(tl, sc->until_us);
	struct sim *s = timeline_sim(tl);
	cr_expect_eq(test_smime_sim_count(s, TRACE_SMIME_REFUSE, TRACE_SMIME_REFUSE_NO_CERT), 1);
	cr_expect_eq(test_smime_sim_count(s, TRACE_SMIME_REFUSE, TRACE_SMIME_REFUSE_NO_KEY), 1);
	for (const char *tag = "c1"; tag; tag = strcmp(tag, "c1") ? NULL : "c2") {
		int e = sim_ledger_find(s, tag);
		cr_assert_geq(e, 0);
		cr_expect_eq(sim_ledger(s, (size_t)e)->rcpts[0].state, LS_OUTBOX, "%s stays in the outbox", tag);
	}
	cr_expect_eq(sim_audit(s, stderr), 0);
	timeline_free(tl);
	scenario_free(sc);
}

Test(smime_sim, a_mail_composed_in_the_window_is_signed_and_encrypted_and_replays_alike)
{
	struct scenario *sc = test_util_lesson("11-smime.json");
	struct timeline *tl = timeline_new(sc, NULL);
	timeline_run_until(tl, SEC(110));
	struct sim_compose c = { .host = scenario_find_host(sc, "bob-pc"), .user = scenario_find_user(sc, "bob@ispb.example"),
	                         .to = "Alice <alice@ispa.example>", .subject = "Re", .body = "了解です。",
	                         .port = 587, .auth = 1, .sign = 1, .encrypt = 1 };
	cr_assert_eq(timeline_compose(tl, &c), 0);
	timeline_run_until(tl, SEC(112));
	const struct trace_rec *r[8];
	char names[120];
	int n = test_smime_sim_steps(timeline_sim(tl), "c1", "bob-pc", r, 8);
	test_smime_sim_names(r, n, names, sizeof names);
	cr_expect_str_eq(names, "hash,sign,key,encrypt,wrap");
	cr_expect_str_eq(r[4]->u.smime.who, "alice@ispa.example");
	/* Back into the middle of the steps and forward again: the same run. */
	size_t end = timeline_pos(tl), nt = 0;
	struct sbuf before = { 0 }, after = { 0 };
	const struct trace_rec *tr = sim_trace(timeline_sim(tl), &nt);
	for (size_t i = 0; i < nt; i++)
		export_trace_json(timeline_sim(tl), &tr[i], NULL, &before);
	timeline_goto(tl, (size_t)r[2]->event - 1);
	timeline_goto(tl, end);
	tr = sim_trace(timeline_sim(tl), &nt);
	for (size_t i = 0; i < nt; i++)
		export_trace_json(timeline_sim(tl), &tr[i], NULL, &after);
	cr_expect_str_eq(before.s, after.s);
	sbuf_free(&before);
	sbuf_free(&after);
	timeline_free(tl);
	scenario_free(sc);
}

/* ---- the same lesson and seed: the same bytes ---- */

static char *test_smime_sim_everything(const struct sim *s)
{
	struct sbuf o = { 0 };
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	for (size_t i = 0; i < n; i++) {
		export_trace_json(s, &tr[i], NULL, &o);
		sbuf_addc(&o, '\n');
	}
	struct sim_copy cp[128];
	size_t nc = sim_copy_list(s, cp, 128);
	for (size_t i = 0; i < nc && i < 128; i++) {
		size_t len = 0;
		char *t = msg_serialize(cp[i].m, &len);
		sbuf_add(&o, t, len);
		free(t);
	}
	return sbuf_take(&o);
}

Test(smime_sim, two_runs_and_two_loads_are_byte_identical)
{
	struct scenario *a = test_util_lesson("11-smime.json");
	struct scenario *b = test_util_lesson("11-smime.json");   /* its own S/MIME context */
	struct sim *s1 = test_smime_sim_run(a), *s2 = test_smime_sim_run(a), *s3 = test_smime_sim_run(b);
	char *x1 = test_smime_sim_everything(s1), *x2 = test_smime_sim_everything(s2);
	char *x3 = test_smime_sim_everything(s3);
	cr_expect_str_eq(x1, x2, "two runs sharing one context");
	cr_expect_str_eq(x1, x3, "a context built anew");
	cr_expect(strstr(x1, "application/pkcs7-mime") && strstr(x1, "multipart/signed"),
	          "the crypto was in the path");
	/* Another seed: other session keys, so other ciphertext. */
	struct sim_opts o = { .seed = 12 };
	struct sim *s4 = sim_new(a, &o);
	sim_run_until(s4, a->until_us);
	char *x4 = test_smime_sim_everything(s4);
	cr_expect_str_neq(x1, x4);
	free(x1);
	free(x2);
	free(x3);
	free(x4);
	sim_free(s1);
	sim_free(s2);
	sim_free(s3);
	sim_free(s4);
	scenario_free(a);
	scenario_free(b);
}
