/* test_hindex — the hash indexes: string keys found whatever their ASCII
 * case (users, zones and recipients are looked up by addresses typed in
 * any case), ints found, misses answered -1, and the first value for a
 * key kept. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "hindex.h"

/* Keys of every length from 0 to 40 bytes (a word-at-a-time hash has a
 * tail of 0 to 7 bytes), looked up in another case. */
Test(hindex, string_keys_of_every_length_in_any_case)
{
	static char keys[41][48], other[41][48];
	struct hindex h;
	hindex_init(&h, 4);   /* grows as they come */
	for (int n = 0; n <= 40; n++) {
		for (int i = 0; i < n; i++) {
			char c = "Bob@Mail.Example-9_z"[(i * 7 + n) % 20];
			keys[n][i] = c;
			other[n][i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
		}
		keys[n][n] = other[n][n] = '\0';
		hindex_put_str(&h, keys[n], n);
	}
	for (int n = 0; n <= 40; n++) {
		cr_expect_eq(hindex_hash(keys[n]), hindex_hash(other[n]), "\"%s\" and \"%s\" hash alike",
		             keys[n], other[n]);
		cr_expect_eq(hindex_get_str(&h, other[n]), n, "\"%s\" finds \"%s\"", other[n], keys[n]);
	}
	cr_expect_eq(hindex_get_str(&h, "nobody@nowhere.example"), -1);
	/* 8-bit bytes are not case-folded: é (C3 A9) is not É (C3 89). */
	hindex_put_str(&h, "caf\xc3\xa9@x.example", 100);
	cr_expect_eq(hindex_get_str(&h, "CAF\xc3\xa9@X.EXAMPLE"), 100);
	cr_expect_eq(hindex_get_str(&h, "caf\xc3\x89@x.example"), -1);
	hindex_free(&h);
}

Test(hindex, first_value_wins_and_ints_are_found)
{
	struct hindex h;
	hindex_init(&h, 0);
	hindex_put_str(&h, "alice@a.example", 1);
	hindex_put_str(&h, "ALICE@A.EXAMPLE", 2);
	cr_expect_eq(hindex_get_str(&h, "Alice@A.example"), 1, "the first value inserted wins");
	hindex_free(&h);
	struct hindex ip;
	hindex_init(&ip, 0);
	for (uint32_t k = 0; k < 1000; k++)
		hindex_put_u32(&ip, 0xC0000200u + k * 7, (int)k);
	for (uint32_t k = 0; k < 1000; k++)
		cr_expect_eq(hindex_get_u32(&ip, 0xC0000200u + k * 7), (int)k);
	cr_expect_eq(hindex_get_u32(&ip, 0xC0000201u), -1);
	hindex_free(&ip);
}
