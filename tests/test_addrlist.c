/* test_addrlist — sim/addrlist.c: RFC 5322 address lists as real From, To
 * and Cc fields write them, and the errors for ones that are not. */
#include <criterion/criterion.h>

#include <string.h>

#include "addrlist.h"
#include "util.h"

static struct addrlist test_addrlist_ok(const char *s)
{
	struct addrlist l;
	char err[160];
	cr_assert_eq(addrlist_parse(s, strlen(s), &l, err, sizeof err), 0, "\"%s\": %s", s, err);
	return l;
}

static void test_addrlist_one(const char *s, const char *display, const char *local,
                              const char *domain)
{
	struct addrlist l = test_addrlist_ok(s);
	cr_assert_eq(l.n, 1, "\"%s\": %d mailboxes", s, l.n);
	cr_assert_str_eq(l.v[0].display, display, "\"%s\"", s);
	cr_assert_str_eq(l.v[0].local, local, "\"%s\"", s);
	cr_assert_str_eq(l.v[0].domain, domain, "\"%s\"", s);
	cr_assert_null(l.v[0].group);
	addrlist_free(&l);
}

Test(addrlist, single_mailboxes)
{
	test_addrlist_one("alice@corp.example", "", "alice", "corp.example");
	test_addrlist_one("  <alice@corp.example>  ", "", "alice", "corp.example");
	test_addrlist_one("Alice Example <alice@corp.example>", "Alice Example", "alice",
	                  "corp.example");
	test_addrlist_one("\"Example, Alice\" <alice@corp.example>", "Example, Alice", "alice",
	                  "corp.example");
	test_addrlist_one("\"A \\\"quoted\\\" name\" <a@corp.example>", "A \"quoted\" name", "a",
	                  "corp.example");
	test_addrlist_one("alice@corp.example (Alice, at work)", "", "alice", "corp.example");
	test_addrlist_one("(c1) Alice (c2 (nested)) <alice (c3) @ (c4) corp . example> (c5)",
	                  "Alice", "alice", "corp.example");
	test_addrlist_one("J. Q. Public <jqp@corp.example>", "J. Q. Public", "jqp", "corp.example");
	test_addrlist_one("\"john doe\"@corp.example", "", "\"john doe\"", "corp.example");
	test_addrlist_one("first.last@sub.corp.example", "", "first.last", "sub.corp.example");
	test_addrlist_one("user@[192.0.2.1]", "", "user", "[192.0.2.1]");
	test_addrlist_one("Alice\r\n <alice@corp.example>", "Alice", "alice", "corp.example");
}

Test(addrlist, encoded_words_and_utf8_names)
{
	/* "山田 太郎" in base64 and a Q-encoded word; and raw UTF-8 (RFC 6532). */
	test_addrlist_one("=?UTF-8?B?5bGx55SwIOWkqumDjg==?= <taro@corp.example>", "山田 太郎", "taro",
	                  "corp.example");
	test_addrlist_one("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>", "André Pirard",
	                  "PIRARD", "vm1.ulg.ac.be");
	test_addrlist_one("アリス <alice@corp.example>", "アリス", "alice", "corp.example");
	/* An encoded-word that hides a comma and an address is only a name. */
	test_addrlist_one("=?UTF-8?B?Ym9zc0BiYW5rLmV4YW1wbGUsIHg=?= <phish@evil.example>",
	                  "boss@bank.example, x", "phish", "evil.example");
}

Test(addrlist, lists_and_groups)
{
	struct addrlist l = test_addrlist_ok("Alice <a@x.example>, \"B, b\" <b@y.example> ,,"
	                                     " c@z.example");
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.v[1].display, "B, b");
	cr_assert_str_eq(l.v[2].domain, "z.example");
	cr_assert_eq(l.ngroups, 0);
	addrlist_free(&l);

	l = test_addrlist_ok("Team: a@x.example, Bee <b@y.example>;, c@z.example");
	cr_assert_eq(l.n, 3);
	cr_assert_eq(l.ngroups, 1);
	cr_assert_str_eq(l.v[0].group, "Team");
	cr_assert_str_eq(l.v[1].group, "Team");
	cr_assert_null(l.v[2].group);
	addrlist_free(&l);

	l = test_addrlist_ok("undisclosed-recipients:;");
	cr_assert_eq(l.n, 0);
	cr_assert_eq(l.ngroups, 1);
	addrlist_free(&l);

	l = test_addrlist_ok("");
	cr_assert_eq(l.n, 0);
	addrlist_free(&l);
	addrlist_free(NULL);
}

Test(addrlist, obsolete_forms)
{
	/* A source route (RFC 5322 section 4.4) is read and dropped. */
	test_addrlist_one("Bob <@relay1.example,@relay2.example:bob@corp.example>", "Bob", "bob",
	                  "corp.example");
}

Test(addrlist, errors_name_the_problem)
{
	static const struct {
		const char *text;
		const char *why;
	} bad[] = {
		{ "\"Alice <alice@corp.example>", "quoted string is not closed" },
		{ "Alice (work <alice@corp.example>", "comment is not closed" },
		{ "alice@[192.0.2.1", "domain literal is not closed" },
		{ "Alice <alice@corp.example", "expected '>'" },
		{ "Alice Example alice@corp.example", "is not a local part" },
		{ "alice@", "expected a domain" },
		{ "@corp.example", "expected a mailbox" },
		{ "alice", "expected '<', '@' or ':'" },
		{ "Alice <>", "an address inside <>" },
		{ "a@x.example b@y.example", "expected ',' between addresses" },
		{ "Team: a@x.example", "';' to end the group" },
		{ "Team: Inner: a@x.example;;", "'<' or '@'" },
		{ "a@x.example\x01", "0x01" },
		{ "a..b@x.example", "is not a local part" },
		{ "a@x..example", "expected a domain" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct addrlist l;
		char err[160] = "";
		cr_assert_eq(addrlist_parse(bad[i].text, strlen(bad[i].text), &l, err, sizeof err), -1,
		             "\"%s\" must fail", bad[i].text);
		cr_assert(strstr(err, bad[i].why), "\"%s\": \"%s\" should say %s", bad[i].text, err,
		          bad[i].why);
		cr_assert(strstr(err, "offset"), "\"%s\": the offset is named: %s", bad[i].text, err);
		cr_assert_eq(l.n, 0);
		cr_assert_null(l.v);
	}
}

Test(addrlist, too_many_mailboxes)
{
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i <= ADDRLIST_MAX; i++)
		sbuf_addf(&b, "u%d@x.example,", i);
	struct addrlist l;
	char err[160];
	cr_assert_eq(addrlist_parse(b.s, b.len, &l, err, sizeof err), -1);
	cr_assert(strstr(err, "more than"), "%s", err);
	sbuf_free(&b);
}

Test(addrlist, any_bytes_are_safe)
{
	/* Deterministic pseudo-random texts from the characters that matter;
	 * every prefix of each is parsed too (never reading past len). */
	static const char alphabet[] = "ab@.<>,;:\"\\()[] \t\r\n=?\x80\xff";
	uint32_t x = 12345;
	char buf[48];
	for (int round = 0; round < 3000; round++) {
		for (size_t i = 0; i < sizeof buf; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
		}
		for (size_t n = 0; n <= sizeof buf; n += 7) {
			struct addrlist l;
			char err[64];
			char *copy = xstrndup(buf, n);   /* exactly n bytes: ASan sees overreads */
			if (addrlist_parse(copy, n, &l, err, sizeof err) == 0)
				for (int k = 0; k < l.n; k++)
					cr_assert(l.v[k].domain[0] != '\0');
			addrlist_free(&l);
			free(copy);
		}
	}
}
