/* fuzz_smime — libFuzzer target for the S/MIME reading path: whatever
 * bytes arrive as a mail, the MIME tree reader, the RFC 5322 parser, base64,
 * CMS parsing, decryption with Bob's key and signature verification end in
 * a verdict that is consistent with itself, and unwrapping it works.  The
 * lesson's keys are read once from scenarios/keys (run from the top
 * directory, as `make fuzz` does).  Build and run with `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mimetree.h"
#include "msg.h"
#include "smime.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct smime *fuzz_smime_ctx;

static char *fuzz_smime_key(const char *name)
{
	char path[256];
	snprintf(path, sizeof path, "scenarios/keys/%s.key", name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fuzz_smime: %s not found (run from the top directory)\n", path);
		exit(1);
	}
	char *buf = calloc(1, 16384);
	if (!buf || fread(buf, 1, 16383, f) == 0)
		exit(1);
	fclose(f);
	return buf;
}

static void fuzz_smime_user(const char *addr, const char *key, int ca)
{
	char err[256];
	char *pem = fuzz_smime_key(key);
	struct smime_user_spec u = { addr, NULL, pem, NULL, ca, 0, 0 };
	if (smime_add_user(fuzz_smime_ctx, &u, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_smime: %s\n", err);
		exit(1);
	}
	free(pem);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[256];
	fuzz_smime_ctx = smime_new(42, 1775001600, err, sizeof err);
	char *ca = fuzz_smime_key("lesson-ca"), *unk = fuzz_smime_key("unknown-ca");
	struct smime_ca_spec c0 = { "lesson-ca", "mailsim Lesson CA", ca, NULL, 1 };
	struct smime_ca_spec c1 = { "unknown-ca", "Totally Legit CA", unk, NULL, 0 };
	if (!fuzz_smime_ctx || smime_add_ca(fuzz_smime_ctx, &c0, err, sizeof err) < 0 ||
	    smime_add_ca(fuzz_smime_ctx, &c1, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_smime: %s\n", err);
		exit(1);
	}
	free(ca);
	free(unk);
	fuzz_smime_user("alice@ispa.example", "alice", 0);
	fuzz_smime_user("bob@ispb.example", "bob", 0);
	fuzz_smime_user("eve@ispa.example", "eve", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct mimetree t;
	mimetree_init(&t);
	char err[160];
	mimetree_parse(&t, text, size, 0, err, sizeof err);
	for (int i = 0; i < t.n; i++) {
		if (t.parts[i].body + t.parts[i].body_len > text + size || t.parts[i].hdr < text)
			abort();    /* a part outside the input */
		free(mimetree_field(t.parts[i].hdr, t.parts[i].hdr_len, "Content-Type"));
	}
	mimetree_free(&t);

	struct smime_verdict *v = smime_verdict_open_text(fuzz_smime_ctx, text, size,
	                                                  "bob@ispb.example", 120000000);
	if (v->malformed && !v->problem[0])
		abort();        /* a broken mail is always told why */
	if (v->sig == SMIME_SIG_VALID && strcmp(v->sign.digest, v->sign.computed))
		abort();        /* valid means the digests agree */
	if ((unsigned)v->sig >= SMIME_SIG_COUNT || (unsigned)v->dec >= SMIME_DEC_COUNT ||
	    (unsigned)v->chain >= SMIME_CHAIN_COUNT || (unsigned)v->from >= SMIME_FROM_COUNT)
		abort();
	for (int p = 0; p < SMIME_PROP_COUNT; p++)
		(void)smime_verdict_holds(v, (enum smime_prop)p);
	struct msg *m = msg_parse(text, size, err, sizeof err);
	if (m) {
		struct msg *u = smime_verdict_unwrap(m, v);
		if (u)
			free(msg_body_text_decoded(u));
		msg_free(u);
		msg_free(m);
	}
	smime_verdict_free(v);
	return 0;
}
