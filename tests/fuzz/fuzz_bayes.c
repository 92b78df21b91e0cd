/* fuzz_bayes — libFuzzer target for the spam filter's two parsers: the
 * tokenizer (any bytes as a mail: MIME, charsets, HTML) and the database
 * reader (any bytes as a database file).  Every token must fit
 * BAYES_TOK_MAX and be valid UTF-8; training then untraining the input
 * must leave the database as it was; a database that parses must
 * serialize back to the same bytes.  Build and run with `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bayes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_bayes_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t l = s[i] < 0x80 ? 1 : (s[i] & 0xe0) == 0xc0 ? 2 : (s[i] & 0xf0) == 0xe0 ? 3
		         : (s[i] & 0xf8) == 0xf0 ? 4 : 0;
		if (!l || i + l > n)
			return 0;
		for (size_t k = 1; k < l; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
		i += l;
	}
	return 1;
}

static void fuzz_bayes_check(void *ud, const char *tok, size_t len)
{
	(void)ud;
	if (len == 0 || len > BAYES_TOK_MAX || !fuzz_bayes_utf8((const unsigned char *)tok, len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct bayes_tok *t = bayes_tok_new();
	bayes_tok_message(t, s, size, fuzz_bayes_check, NULL);
	bayes_tok_free(t);

	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	const char *seed = "Subject: hello\r\n\r\nmeeting notes\r\n";
	bayes_train(b, db, seed, strlen(seed), BAYES_CLASS_HAM);
	struct sbuf before, after;
	sbuf_init(&before);
	sbuf_init(&after);
	bayes_db_serialize(db, &before);
	if (bayes_train(b, db, s, size, BAYES_CLASS_SPAM) != 0 ||
	    bayes_untrain(b, db, s, size, BAYES_CLASS_SPAM) != 0)
		abort();
	bayes_db_serialize(db, &after);
	if (before.len != after.len || memcmp(before.s, after.s, before.len) != 0)
		abort();
	struct bayes_result r;
	struct bayes_clue clues[4];
	bayes_classify(b, db, s, size, &r, clues, 4);
	if (!(r.score >= 0.0 && r.score <= 1.0))
		abort();

	char err[200];
	struct bayes_db *p = bayes_db_parse(data, size, err, sizeof err);
	if (p) {
		struct sbuf again;
		sbuf_init(&again);
		bayes_db_serialize(p, &again);
		if (again.len != size || memcmp(again.s, data, size) != 0)
			abort();
		sbuf_free(&again);
		bayes_db_free(p);
	}
	sbuf_free(&before);
	sbuf_free(&after);
	bayes_db_free(db);
	bayes_free(b);
	return 0;
}
