/* test_msg_rfc2047 — unit tests for RFC 2047 encoded-words in sim/msg.c:
 * non-ASCII header text is encoded on the way out (words of at most 75
 * characters, lines of at most 78, whole characters per word, only the
 * display name of an address) and decoded back. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L  /* strdup, strtok_r */
#endif

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "test_msg_util.h"

Test(msg_rfc2047, japanese_subject_encodes_and_decodes)
{
	char subject[1024] = "";
	for (int i = 0; i < 4; i++)
		strcat(subject, TEST_MSG_UTIL_JA_SUBJECT);
	struct msg *m = msg_new();
	msg_header_append(m, "Subject", subject);
	char *text;
	struct msg *p = test_msg_util_roundtrip(m, &text);

	cr_assert_leq(test_msg_util_longest_line(text), 78, "%s", text);
	for (const unsigned char *q = (const unsigned char *)text; *q; q++)
		cr_assert_lt(*q, 0x80, "the header must be 7-bit");

	/* Every encoded-word is at most 75 characters and decodes on its own
	 * to whole characters (all 3 bytes long in this subject). */
	char *v = test_msg_util_field_dup(p, 0), *save = NULL;
	size_t total = 0;
	int words = 0;
	char *dup = strdup(v);
	for (char *w = strtok_r(dup, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		cr_assert_leq(strlen(w), 75, "word too long: %s", w);
		cr_assert_eq(strncmp(w, "=?UTF-8?B?", 10), 0, "%s", w);
		char *d = msg_decode_words(w);
		cr_assert_eq(strlen(d) % 3, 0, "word split a character: %s", w);
		cr_assert_eq(memcmp(d, subject + total, strlen(d)), 0);
		total += strlen(d);
		words++;
		free(d);
	}
	cr_assert_eq(total, strlen(subject));
	cr_assert_gt(words, 1);

	char *decoded = msg_decode_words(v);
	cr_assert_str_eq(decoded, subject);
	/* Stored values stay raw: the message holds what the text says. */
	char got[256];
	msg_header_get(m, "Subject", got, sizeof got);
	cr_assert_eq(strncmp(got, TEST_MSG_UTIL_JA_SUBJECT, strlen(TEST_MSG_UTIL_JA_SUBJECT)), 0);
	msg_header_get(p, "Subject", got, sizeof got);
	cr_assert_eq(strncmp(got, "=?UTF-8?B?", 10), 0);

	/* Serializing the parsed message again does not encode twice. */
	char *again = msg_serialize(p, NULL);
	cr_assert_str_eq(again, text);
	free(again);
	free(dup);
	free(decoded);
	free(v);
	free(text);
	msg_free(p);
	msg_free(m);
}

Test(msg_rfc2047, every_word_and_line_fits)
{
	/* 1-, 2-, 3- and 4-byte characters under short and long field names:
	 * words stay within 75 characters, lines within 78, text intact. */
	const char *names[] = { "X", "Subject", "X-A-Rather-Long-Header-Name-For-Testing" };
	const char *units[] = { "x", "é", "会", "😀", "a é 会 😀 " };
	for (size_t ni = 0; ni < sizeof names / sizeof names[0]; ni++) {
		for (size_t ui = 0; ui < sizeof units / sizeof units[0]; ui++) {
			char value[1024] = "é";
			for (int k = 0; k < 60; k++)
				strcat(value, units[ui]);
			struct msg *m = msg_new();
			msg_header_append(m, names[ni], value);
			char *text;
			struct msg *p = test_msg_util_roundtrip(m, &text);
			cr_assert_leq(test_msg_util_longest_line(text), 78, "%s", text);
			char *v = test_msg_util_field_dup(p, 0), *save = NULL;
			for (char *w = strtok_r(v, " ", &save); w; w = strtok_r(NULL, " ", &save))
				cr_assert_leq(strlen(w), 75, "word too long: %s", w);
			free(v);
			v = test_msg_util_field_dup(p, 0);
			char *d = msg_decode_words(v);
			cr_assert_str_eq(d, value);
			free(d);
			free(v);
			free(text);
			msg_free(p);
			msg_free(m);
		}
	}
}

Test(msg_rfc2047, mixed_text_keeps_its_blanks)
{
	const char *s = "  Re: 会議  の件 ";
	struct msg *m = msg_new();
	msg_header_append(m, "X-Note", s);
	struct msg *p = test_msg_util_roundtrip(m, NULL);
	char *v = test_msg_util_field_dup(p, 0);
	char *d = msg_decode_words(v);
	cr_assert_str_eq(d, s);
	free(d);
	free(v);
	msg_free(p);
	msg_free(m);
}

Test(msg_rfc2047, address_encodes_only_the_display_name)
{
	struct msg *m = msg_new();
	msg_header_append(m, "From", "アリス <alice@a.example>");
	msg_header_append(m, "To", "\"ボブ \\\"B\\\" 佐藤\" <bob@b.example>,carol@c.example");
	char *text;
	struct msg *p = test_msg_util_roundtrip(m, &text);
	cr_assert_not_null(strstr(text, "From: =?UTF-8?B?44Ki44Oq44K5?= <alice@a.example>\r\n"),
	                   "%s", text);
	char *to = test_msg_util_field_dup(p, 1);
	cr_assert_not_null(strstr(to, "<bob@b.example>,carol@c.example"), "%s", to);
	cr_assert_null(strchr(to, '"'), "the quotes are gone: the name is encoded: %s", to);
	char *d = msg_decode_words(to);
	cr_assert_str_eq(d, "ボブ \"B\" 佐藤 <bob@b.example>,carol@c.example");
	free(d);
	free(to);
	free(text);
	msg_free(p);
	msg_free(m);
}

Test(msg_rfc2047, structured_fields_are_not_encoded)
{
	struct msg *m = msg_new();
	msg_header_append(m, "Message-ID", "<日本@a.example>");
	char *s = msg_serialize(m, NULL);
	cr_assert_str_eq(s, "Message-ID: <日本@a.example>\r\n\r\n");
	free(s);
	msg_free(m);
}

Test(msg_rfc2047, decode_words_variants)
{
	const char *cases[][2] = {
		{ "=?UTF-8?B?5Lya?= =?UTF-8?B?6K2w?=", "会議" },       /* blank between words dropped */
		{ "=?UTF-8?B?5Lya?=\r\n =?utf-8?b?6K2w?=", "会議" },
		{ "a =?UTF-8?B?5Lya?= b", "a 会 b" },                 /* blank next to text kept */
		{ "=?ISO-8859-1?Q?caf=E9_cr=E8me?=", "café crème" },
		{ "=?UTF-8*ja?Q?=E4=BC=9A?=", "会" },                /* RFC 2231 language */
		{ "=?UTF-8?Q?a_b?= =?US-ASCII?Q?c?=", "a bc" },
		{ "=?ISO-2022-JP?B?GyRCMnFEPxsoQg==?=", "=?ISO-2022-JP?B?GyRCMnFEPxsoQg==?=" },
		{ "=?UTF-8?B?!!!?=", "=?UTF-8?B?!!!?=" },              /* not base64: kept */
		{ "=?UTF-8?Q?=ZZ?=", "=?UTF-8?Q?=ZZ?=" },
		{ "=?UTF-8?X?abc?=", "=?UTF-8?X?abc?=" },
		{ "=?UTF-8?B?5Lya", "=?UTF-8?B?5Lya" },                /* unterminated */
		{ "=?", "=?" },
		{ "plain", "plain" },
		{ "=?UTF-8?Q?a=00b?=", "ab" },                          /* NUL dropped */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *d = msg_decode_words(cases[i][0]);
		cr_assert_str_eq(d, cases[i][1], "case %zu", i);
		free(d);
	}
	char *d = msg_decode_words(NULL);
	cr_assert_str_eq(d, "");
	free(d);
}
