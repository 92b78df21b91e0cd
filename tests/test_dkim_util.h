/* test_dkim_util — helpers shared by the DKIM and DMARC unit tests: the
 * test keys, a DNS zone of TXT records, a sample message. */
#ifndef MAILSIM_TEST_DKIM_UTIL_H
#define MAILSIM_TEST_DKIM_UTIL_H

#include "dkim.h"
#include "msg.h"

#define TEST_DKIM_ZONE_MAX 16

/* TXT records by name for dkim_txt_fn; test_dkim_util_lookup answers
 * from it (-1 for every name when temperror is set). */
struct test_dkim_zone {
	int n;
	const char *name[TEST_DKIM_ZONE_MAX];
	char *records[TEST_DKIM_ZONE_MAX][4];   /* NULL-terminated per name */
	int nrecords[TEST_DKIM_ZONE_MAX];
	int temperror;
	int queries;                            /* lookups made */
};

/* Add a record (copied) for name (not copied: a literal). */
void test_dkim_util_zone_add(struct test_dkim_zone *z, const char *name, const char *txt);
void test_dkim_util_zone_free(struct test_dkim_zone *z);
int test_dkim_util_lookup(void *ctx, const char *name, char *const **records);

/* Read tests/data/NAME (or ../tests/data/NAME); fails the test if it
 * cannot.  *len gets the size.  The text is malloc'd and NUL-terminated. */
char *test_dkim_util_read(const char *name, size_t *len);

/* The private key tests/data/NAME, loaded; fails the test if it cannot. */
struct dkim_key *test_dkim_util_key(const char *name);

/* Add the TXT record of key file NAME under "SELECTOR._domainkey.DOMAIN". */
void test_dkim_util_publish(struct test_dkim_zone *z, const char *name, const char *key_file);

/* A message from corp.example to ispb.example: From, To, Subject, Date,
 * Message-ID, MIME fields and a two-paragraph body. */
struct msg *test_dkim_util_message(void);

/* Sign m with key file and options for corp.example / s1 and the given
 * canonicalizations; fails the test if signing fails. */
void test_dkim_util_sign(struct msg *m, const char *key_file, enum dkim_canon hc,
                         enum dkim_canon bc);

#endif
