/* test_smime_interop — mailsim's S/MIME against the real `openssl cms`:
 * what mailsim writes (mail as .eml, certificates and keys as PEM, as
 * smime_cert_export lays them out) is accepted by
 *   openssl cms -verify -CAfile certs/ca.pem
 *   openssl cms -decrypt -recip certs/ADDR.pem -inkey certs/ADDR.key
 * and rejected when tampered with, untrusted, expired or not addressed to
 * the key; and what openssl writes, mailsim reads.  Skipped (with the
 * reason) only when the openssl command is not installed. */
#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "test_smime_util.h"
#include "test_util.h"
#include "util.h"

/* The simulated moment of reading: openssl checks validity then too. */
#define TEST_SMIME_INTEROP_AT (TEST_SMIME_EPOCH + 120)

static struct smime *test_smime_interop_s;
static char test_smime_interop_dir[64];

static void test_smime_interop_setup(void)
{
	test_smime_interop_s = test_smime_util_lesson(42);
	snprintf(test_smime_interop_dir, sizeof test_smime_interop_dir, "/tmp/mailsim-interop-XXXXXX");
	cr_assert_not_null(mkdtemp(test_smime_interop_dir));
	char certs[128], err[256];
	snprintf(certs, sizeof certs, "%s/certs", test_smime_interop_dir);
	cr_assert_gt(smime_cert_export(test_smime_interop_s, certs, err, sizeof err), 0, "%s", err);
}

static void test_smime_interop_teardown(void)
{
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", test_smime_interop_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_smime_interop: could not remove %s\n", test_smime_interop_dir);
	smime_free(test_smime_interop_s);
}

TestSuite(smime_interop, .init = test_smime_interop_setup, .fini = test_smime_interop_teardown);

static void test_smime_interop_need_openssl(void)
{
	if (system("command -v openssl >/dev/null 2>&1") == 0)
		return;
	/* Criterion prints skips only when verbose: say it on stderr too */
	fprintf(stderr, "test_smime_interop: SKIPPED: the openssl command is not installed "
	        "(apt-get install openssl)\n");
	cr_skip_test("the openssl command is not installed (apt-get install openssl): "
		             "interoperability with `openssl cms` was NOT checked");
}

/* Run a shell command in the test directory; stdout and stderr go to
 * log.txt there.  Returns the exit status. */
static int test_smime_interop_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int test_smime_interop_run(const char *fmt, ...)
{
	char cmd[1024], full[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	snprintf(full, sizeof full, "cd '%s' && %s >log.txt 2>&1", test_smime_interop_dir, cmd);
	int st = system(full);
	cr_assert(WIFEXITED(st), "%s did not exit", cmd);
	return WEXITSTATUS(st);
}

static char *test_smime_interop_read(const char *name, size_t *len)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", test_smime_interop_dir, name);
	return test_util_read(path, len);
}

static const char *test_smime_interop_log(void)
{
	static char log[2048];
	size_t len;
	char *t = test_smime_interop_read("log.txt", &len);
	snprintf(log, sizeof log, "%s", t);
	free(t);
	return log;
}

static void test_smime_interop_write(const char *name, const char *text, size_t len)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", test_smime_interop_dir, name);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, len, f), len);
	fclose(f);
}

/* Protect a mail as mailsim does and write it as NAME; returns the
 * content entity mailsim itself reads out of it (caller frees). */
static char *test_smime_interop_mail(const char *name, enum smime_mode mode, const char *from,
                                     const char *rcpt, int tamper)
{
	struct msg *m = test_smime_util_mail(from, TEST_SMIME_BOB, "Hello Bob,\nsee you at 10:00.\n");
	test_smime_util_protect(test_smime_interop_s, m, mode, from, rcpt, NULL);
	struct smime_verdict *v = smime_verdict_open(test_smime_interop_s, m, TEST_SMIME_BOB,
	                                             TEST_SMIME_US(120));
	cr_assert_not_null(v->content, "%s: %s", name, v->problem);
	char *content = strdup(v->content);
	smime_verdict_free(v);
	if (tamper) {
		char *at = strstr(m->body, "10:00");
		cr_assert_not_null(at);
		at[1] = '1';
	}
	size_t len;
	char *text = test_smime_util_text(m, &len);
	test_smime_interop_write(name, text, len);
	free(text);
	msg_free(m);
	return content;
}

static void test_smime_interop_same_file(const char *name, const char *want)
{
	size_t len;
	char *got = test_smime_interop_read(name, &len);
	cr_assert(len == strlen(want) && !memcmp(got, want, len),
	          "openssl's %s differs from what mailsim reads:\n%s\n---\n%s", name, got, want);
	free(got);
}

Test(smime_interop, openssl_accepts_what_mailsim_writes_and_rejects_the_tampered_copy)
{
	test_smime_interop_need_openssl();
	const long at = (long)TEST_SMIME_INTEROP_AT;
	char *signed_content = test_smime_interop_mail("signed.eml", SMIME_MODE_SIGN,
	                                               TEST_SMIME_ALICE, NULL, 0);
	free(test_smime_interop_mail("tampered.eml", SMIME_MODE_SIGN, TEST_SMIME_ALICE, NULL, 1));
	char *enc_content = test_smime_interop_mail("encrypted.eml", SMIME_MODE_ENCRYPT,
	                                            TEST_SMIME_ALICE, TEST_SMIME_BOB, 0);
	char *both_content = test_smime_interop_mail("signed-encrypted.eml", SMIME_MODE_SIGN_ENCRYPT,
	                                             TEST_SMIME_ALICE, TEST_SMIME_BOB, 0);
	free(test_smime_interop_mail("expired.eml", SMIME_MODE_SIGN, TEST_SMIME_DAVE, NULL, 0));
	free(test_smime_interop_mail("unknown-ca.eml", SMIME_MODE_SIGN, TEST_SMIME_EVE, NULL, 0));

	/* a signature mailsim made verifies, chain and all, and gives the text back */
	cr_assert_eq(test_smime_interop_run("openssl cms -verify -CAfile certs/ca.pem -purpose smimesign"
	                                    " -attime %ld -in signed.eml -out verified.txt", at), 0,
	             "%s", test_smime_interop_log());
	cr_assert(strstr(test_smime_interop_log(), "Verification successful"));
	test_smime_interop_same_file("verified.txt", signed_content);
	/* one changed byte: rejected */
	cr_assert_neq(test_smime_interop_run("openssl cms -verify -CAfile certs/ca.pem -attime %ld"
	                                     " -in tampered.eml -out /dev/null", at), 0,
	              "openssl accepted the tampered mail");
	cr_assert(strstr(test_smime_interop_log(), "content verify error"), "%s",
	          test_smime_interop_log());
	/* trust only the unknown CA: Alice's signature does not chain to it */
	cr_assert_neq(test_smime_interop_run("openssl cms -verify -CAfile certs/unknown-ca.pem"
	                                     " -attime %ld -in signed.eml -out /dev/null", at), 0);
	/* Eve's certificate from the unknown CA is untrusted by the lesson CA */
	cr_assert_neq(test_smime_interop_run("openssl cms -verify -CAfile certs/ca.pem -attime %ld"
	                                     " -in unknown-ca.eml -out /dev/null", at), 0);
	cr_assert(strstr(test_smime_interop_log(), "unable to get local issuer certificate"), "%s",
	          test_smime_interop_log());
	/* Dave's certificate has expired at the simulated time */
	cr_assert_neq(test_smime_interop_run("openssl cms -verify -CAfile certs/ca.pem -attime %ld"
	                                     " -in expired.eml -out /dev/null", at), 0);
	cr_assert(strstr(test_smime_interop_log(), "certificate has expired"), "%s",
	          test_smime_interop_log());

	/* Bob decrypts what mailsim encrypted for him */
	cr_assert_eq(test_smime_interop_run("openssl cms -decrypt -recip certs/" TEST_SMIME_BOB ".pem"
	                                    " -inkey certs/" TEST_SMIME_BOB ".key"
	                                    " -in encrypted.eml -out decrypted.txt"), 0,
	             "%s", test_smime_interop_log());
	test_smime_interop_same_file("decrypted.txt", enc_content);
	/* Carol's key cannot */
	cr_assert_neq(test_smime_interop_run("openssl cms -decrypt -recip certs/" TEST_SMIME_CAROL ".pem"
	                                     " -inkey certs/" TEST_SMIME_CAROL ".key"
	                                     " -in encrypted.eml -out /dev/null"), 0,
	              "Carol decrypted Bob's mail");
	/* signed then encrypted: decrypt, then verify the inner signed mail */
	cr_assert_eq(test_smime_interop_run("openssl cms -decrypt -recip certs/" TEST_SMIME_BOB ".pem"
	                                    " -inkey certs/" TEST_SMIME_BOB ".key"
	                                    " -in signed-encrypted.eml -out inner.eml"), 0,
	             "%s", test_smime_interop_log());
	cr_assert_eq(test_smime_interop_run("openssl cms -verify -CAfile certs/ca.pem -attime %ld"
	                                    " -in inner.eml -out inner.txt", at), 0,
	             "%s", test_smime_interop_log());
	test_smime_interop_same_file("inner.txt", both_content);
	free(signed_content);
	free(enc_content);
	free(both_content);
}

static struct smime_verdict *test_smime_interop_open(const char *name, const char *reader)
{
	size_t len;
	char *text = test_smime_interop_read(name, &len);
	struct smime_verdict *v = smime_verdict_open_text(test_smime_interop_s, text, len, reader,
	                                                  TEST_SMIME_US(120));
	free(text);
	return v;
}

Test(smime_interop, mailsim_reads_what_openssl_writes)
{
	test_smime_interop_need_openssl();
	const char *entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello from openssl\r\n";
	test_smime_interop_write("entity.txt", entity, strlen(entity));
	const char *hdrs = "-from " TEST_SMIME_ALICE " -to " TEST_SMIME_BOB " -subject interop";

	/* detached multipart/signed */
	cr_assert_eq(test_smime_interop_run("openssl cms -sign -signer certs/" TEST_SMIME_ALICE ".pem"
	                                    " -inkey certs/" TEST_SMIME_ALICE ".key %s"
	                                    " -in entity.txt -out os.eml", hdrs), 0,
	             "%s", test_smime_interop_log());
	struct smime_verdict *v = test_smime_interop_open("os.eml", TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_VALID, "%s", v->problem);
	cr_assert_eq(v->chain, SMIME_CHAIN_TRUSTED, "%s", v->chain_error);
	cr_assert_eq(v->from, SMIME_FROM_MATCH);
	cr_assert_str_eq(v->layers, "multipart/signed > text/plain");
	cr_assert(strstr(v->content, "Hello from openssl"));
	smime_verdict_free(v);

	/* opaque signed-data (application/pkcs7-mime; smime-type=signed-data) */
	cr_assert_eq(test_smime_interop_run("openssl cms -sign -nodetach -signer certs/" TEST_SMIME_ALICE
	                                    ".pem -inkey certs/" TEST_SMIME_ALICE ".key %s"
	                                    " -in entity.txt -out oo.eml", hdrs), 0,
	             "%s", test_smime_interop_log());
	v = test_smime_interop_open("oo.eml", TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_VALID, "%s", v->problem);
	cr_assert_str_eq(v->layers, "signed-data > text/plain");
	cr_assert(strstr(v->content, "Hello from openssl"));
	smime_verdict_free(v);

	/* enveloped with AES-128 for Bob */
	cr_assert_eq(test_smime_interop_run("openssl cms -encrypt -aes128 %s -in entity.txt"
	                                    " -out oe.eml certs/" TEST_SMIME_BOB ".pem", hdrs), 0,
	             "%s", test_smime_interop_log());
	v = test_smime_interop_open("oe.eml", TEST_SMIME_BOB);
	cr_assert_eq(v->dec, SMIME_DEC_OK, "%s", v->problem);
	cr_assert_str_eq(v->enc.cipher, "AES-128-CBC");
	cr_assert_eq(v->enc.session_key_bits, 128);
	cr_assert_eq(v->enc.iv_len, 16);
	cr_assert_eq(v->enc.rcpt[0].wrapped_len, 256);
	cr_assert_str_eq(v->enc.rcpt[0].address, TEST_SMIME_BOB);
	cr_assert_str_eq(v->content, entity);
	smime_verdict_free(v);
	v = test_smime_interop_open("oe.eml", TEST_SMIME_CAROL);
	cr_assert_eq(v->dec, SMIME_DEC_NOT_FOR_ME);
	smime_verdict_free(v);
}
