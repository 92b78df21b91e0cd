/* test_smime_util — the S/MIME tests' lesson: a CA, an unknown CA, users
 * with the keys shipped in scenarios/keys, and mails to protect. */
#ifndef MAILSIM_TEST_SMIME_UTIL_H
#define MAILSIM_TEST_SMIME_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "msg.h"
#include "smime.h"

#define TEST_SMIME_EPOCH INT64_C(1775001600)   /* 2026-04-01 00:00:00 UTC */
#define TEST_SMIME_DAY INT64_C(86400)
#define TEST_SMIME_US(sec) ((int64_t)(sec) * 1000000)

#define TEST_SMIME_ALICE "alice@ispa.example"
#define TEST_SMIME_BOB "bob@ispb.example"
#define TEST_SMIME_CAROL "carol@ispb.example"
#define TEST_SMIME_EVE "eve@ispa.example"     /* certified by the unknown CA */
#define TEST_SMIME_DAVE "dave@ispa.example"   /* certificate expired before the epoch */

/* The text of scenarios/keys/NAME.key (found from the top directory or
 * tests/); fails the test if it cannot be read.  Caller frees. */
char *test_smime_util_key(const char *name);

/* A context for seed with: CA 0 "lesson-ca" (trusted), CA 1 "unknown-ca"
 * (not trusted); users alice, bob, carol (lesson CA, default validity),
 * eve (unknown CA) and dave (lesson CA, valid from epoch - 400 days to
 * epoch - 35 days).  Fails the test on any error. */
struct smime *test_smime_util_lesson(uint64_t seed);

/* A plain UTF-8 text mail From from To to with a Subject and a Message-ID. */
struct msg *test_smime_util_mail(const char *from, const char *to, const char *text);

/* m serialized (caller frees). */
char *test_smime_util_text(const struct msg *m, size_t *len);

/* Protect m or fail the test. */
void test_smime_util_protect(struct smime *s, struct msg *m, enum smime_mode mode,
                             const char *signer, const char *rcpt, struct smime_facts *f);

#endif
