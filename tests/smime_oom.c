/* smime_oom — a plain program (Criterion cannot host this test: it starts
 * OpenSSL, through libgit2, before main) that shows OpenSSL allocating
 * through xmalloc once smime_init_memory ran first thing:
 *   smime-oom work   sign and verify on the hooked allocator, exit 0
 *   smime-oom oom    then ask libcrypto for an impossible block: xmalloc
 *                    reports it and exits 3, as every other allocation does
 * Other exit statuses name what went wrong.  tests/test_smime.c runs it. */
#include <openssl/crypto.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "smime.h"

#if defined(__SANITIZE_ADDRESS__)
/* Let the impossible malloc return NULL (to xmalloc) instead of ASan
 * stopping the program; this hook exists only in this program. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}
#endif

int main(int argc, char **argv)
{
	if (!smime_init_memory())
		return 10;      /* something allocated through OpenSSL before main */
	if (!smime_init_memory())
		return 11;      /* a repeated call must not say "too late" */
	char err[256];
	struct smime *s = smime_new(1, 1775001600, err, sizeof err);
	struct smime_ca_spec ca = { "ca1", "Test CA", NULL, NULL, 1 };
	struct smime_user_spec u = { "a@example.org", "A", NULL, NULL, 0, 0, 0 };
	if (!s || smime_add_ca(s, &ca, err, sizeof err) < 0 ||
	    smime_add_user(s, &u, err, sizeof err) < 0) {
		fprintf(stderr, "smime-oom: %s\n", err);
		return 12;
	}
	struct msg *m = msg_new();
	msg_header_append(m, "From", "a@example.org");
	msg_set_body(m, "hello\n");
	const char *r[] = { "a@example.org" };
	if (smime_protect(s, m, SMIME_MODE_SIGN_ENCRYPT, "a@example.org", r, 1, 0, NULL, err,
	                  sizeof err) < 0) {
		fprintf(stderr, "smime-oom: %s\n", err);
		return 13;
	}
	struct smime_verdict *v = smime_verdict_open(s, m, "a@example.org", 0);
	int ok = v->sig == SMIME_SIG_VALID && v->dec == SMIME_DEC_OK;
	smime_verdict_free(v);
	msg_free(m);
	if (!ok)
		return 14;
	if (argc > 1 && !strcmp(argv[1], "oom")) {
		void *p = OPENSSL_malloc(SIZE_MAX / 2);   /* xmalloc exits 3 */
		OPENSSL_free(p);
		smime_free(s);
		return 15;
	}
	smime_free(s);
	return 0;
}
