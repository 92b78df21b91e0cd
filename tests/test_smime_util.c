/* test_smime_util — the S/MIME tests' lesson context and mails. */
#include "test_smime_util.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *test_smime_util_key(const char *name)
{
	char path[2][256];
	snprintf(path[0], sizeof path[0], "scenarios/keys/%s.key", name);
	snprintf(path[1], sizeof path[1], "../scenarios/keys/%s.key", name);
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(path[i], "rb");
		if (!f)
			continue;
		char *buf = malloc(16384);
		size_t n = fread(buf, 1, 16383, f);
		fclose(f);
		buf[n] = '\0';
		return buf;
	}
	cr_assert_fail("scenarios/keys/%s.key not found (run from the top directory)", name);
	return NULL;
}

static void test_smime_util_user(struct smime *s, const char *addr, const char *name,
                                 const char *keyname, int ca, int64_t nb, int64_t na)
{
	char err[256];
	char *key = test_smime_util_key(keyname);
	struct smime_user_spec u = { addr, name, key, NULL, ca, nb, na };
	cr_assert_geq(smime_add_user(s, &u, err, sizeof err), 0, "%s: %s", addr, err);
	free(key);
}

struct smime *test_smime_util_lesson(uint64_t seed)
{
	char err[256];
	struct smime *s = smime_new(seed, TEST_SMIME_EPOCH, err, sizeof err);
	cr_assert_not_null(s, "smime_new: %s", err);
	char *k = test_smime_util_key("lesson-ca");
	struct smime_ca_spec ca = { "lesson-ca", "mailsim Lesson CA", k, NULL, 1 };
	cr_assert_eq(smime_add_ca(s, &ca, err, sizeof err), 0, "%s", err);
	free(k);
	k = test_smime_util_key("unknown-ca");
	struct smime_ca_spec unk = { "unknown-ca", "Totally Legit CA", k, NULL, 0 };
	cr_assert_eq(smime_add_ca(s, &unk, err, sizeof err), 1, "%s", err);
	free(k);
	test_smime_util_user(s, TEST_SMIME_ALICE, "Alice", "alice", 0, 0, 0);
	test_smime_util_user(s, TEST_SMIME_BOB, "Bob", "bob", 0, 0, 0);
	test_smime_util_user(s, TEST_SMIME_CAROL, "Carol", "carol", 0, 0, 0);
	test_smime_util_user(s, TEST_SMIME_EVE, "Alice", "eve", 1, 0, 0);
	test_smime_util_user(s, TEST_SMIME_DAVE, "Dave", "dave", 0,
	                     TEST_SMIME_EPOCH - 400 * TEST_SMIME_DAY,
	                     TEST_SMIME_EPOCH - 35 * TEST_SMIME_DAY);
	return s;
}

struct msg *test_smime_util_mail(const char *from, const char *to, const char *text)
{
	struct msg *m = msg_new();
	msg_header_append(m, "From", from);
	msg_header_append(m, "To", to);
	msg_header_append(m, "Subject", "S/MIME test");
	msg_header_append(m, "Message-ID", "<smime-test@ispa.example>");
	msg_set_body_text_utf8(m, text);
	return m;
}

char *test_smime_util_text(const struct msg *m, size_t *len)
{
	return msg_serialize(m, len);
}

void test_smime_util_protect(struct smime *s, struct msg *m, enum smime_mode mode,
                             const char *signer, const char *rcpt, struct smime_facts *f)
{
	char err[256];
	const char *r[1] = { rcpt };
	cr_assert_eq(smime_protect(s, m, mode, signer, r, rcpt ? 1 : 0, TEST_SMIME_US(60), f, err,
	                           sizeof err), 0, "smime_protect: %s", err);
}
