/* test_dkim_util — helpers shared by the DKIM and DMARC unit tests. */
#include "test_dkim_util.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

void test_dkim_util_zone_add(struct test_dkim_zone *z, const char *name, const char *txt)
{
	int i = 0;
	while (i < z->n && strcmp(z->name[i], name) != 0)
		i++;
	if (i == z->n) {
		cr_assert_lt(z->n, TEST_DKIM_ZONE_MAX);
		z->name[z->n++] = name;
	}
	cr_assert_lt(z->nrecords[i], 3);
	z->records[i][z->nrecords[i]++] = xstrdup(txt);
	z->records[i][z->nrecords[i]] = NULL;
}

void test_dkim_util_zone_free(struct test_dkim_zone *z)
{
	for (int i = 0; i < z->n; i++)
		for (int k = 0; k < z->nrecords[i]; k++)
			free(z->records[i][k]);
	memset(z, 0, sizeof *z);
}

int test_dkim_util_lookup(void *ctx, const char *name, char *const **records)
{
	struct test_dkim_zone *z = ctx;
	z->queries++;
	if (z->temperror)
		return -1;
	for (int i = 0; i < z->n; i++)
		if (!util_strcasecmp(z->name[i], name)) {
			*records = z->records[i];
			return z->nrecords[i];
		}
	return 0;
}

char *test_dkim_util_read(const char *name, size_t *len)
{
	char path[2][256];
	snprintf(path[0], sizeof path[0], "tests/data/%s", name);
	snprintf(path[1], sizeof path[1], "../tests/data/%s", name);
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(path[i], "rb");
		if (!f)
			continue;
		struct sbuf b;
		char buf[4096];
		size_t n;
		sbuf_init(&b);
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			sbuf_add(&b, buf, n);
		fclose(f);
		if (len)
			*len = b.len;
		return sbuf_take(&b);
	}
	cr_assert_fail("tests/data/%s not found (run from the top directory)", name);
	return NULL;
}

struct dkim_key *test_dkim_util_key(const char *name)
{
	size_t len;
	char err[200];
	char *pem = test_dkim_util_read(name, &len);
	struct dkim_key *k = dkim_key_from_pem(pem, len, err, sizeof err);
	free(pem);
	cr_assert_not_null(k, "%s: %s", name, err);
	return k;
}

void test_dkim_util_publish(struct test_dkim_zone *z, const char *name, const char *key_file)
{
	size_t len;
	char err[200];
	char *pem = test_dkim_util_read(key_file, &len);
	char *txt = dkim_key_txt_from_pem(pem, len, err, sizeof err);
	free(pem);
	cr_assert_not_null(txt, "%s: %s", key_file, err);
	test_dkim_util_zone_add(z, name, txt);
	free(txt);
}

struct msg *test_dkim_util_message(void)
{
	struct msg *m = msg_new();
	msg_set_mail_from(m, "alice@corp.example");
	msg_add_rcpt(m, "bob@ispb.example");
	msg_header_append(m, "From", "Alice Example <alice@corp.example>");
	msg_header_append(m, "To", "Bob <bob@ispb.example>");
	msg_header_append(m, "Subject", "Quarterly report");
	msg_header_append(m, "Date", "Wed, 01 Apr 2026 09:00:00 +0900");
	msg_header_append(m, "Message-ID", "<20260401090000.1@corp.example>");
	msg_set_body_text_utf8(m, "Hello Bob,\n\nthe report is attached  in spirit.\n\n-- \nAlice\n");
	return m;
}

void test_dkim_util_sign(struct msg *m, const char *key_file, enum dkim_canon hc,
                         enum dkim_canon bc)
{
	struct dkim_key *k = test_dkim_util_key(key_file);
	struct dkim_sign_opts o;
	char err[200];
	dkim_sign_opts_init(&o, "corp.example", "s1");
	o.header_canon = hc;
	o.body_canon = bc;
	o.timestamp = 1775001600;   /* 2026-04-01 00:00:00 UTC */
	int rc = dkim_sign(m, k, &o, NULL, err, sizeof err);
	dkim_key_free(k);
	cr_assert_eq(rc, 0, "dkim_sign: %s", err);
}
