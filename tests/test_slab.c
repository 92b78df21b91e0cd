/* test_slab — the message storage's allocator: a block keeps its bytes
 * through a move to another class, a freed block serves the next request
 * of its class (the in-flight copies' blocks are what the next copies
 * take), and blocks past the largest class are malloc's. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "slab.h"

Test(slab, sizes_round_up_to_sixteen_bytes)
{
	cr_expect_eq(slab_size(0), 16);
	cr_expect_eq(slab_size(1), 16);
	cr_expect_eq(slab_size(16), 16);
	cr_expect_eq(slab_size(17), 32);
	cr_expect_eq(slab_size(580), 592);
}

Test(slab, blocks_do_not_overlap_and_keep_their_bytes)
{
	enum { N = 3000 };
	static unsigned char *p[N];
	static size_t n[N];
	for (int i = 0; i < N; i++) {
		n[i] = (size_t)(i * 37 % 700);
		p[i] = slab_alloc(n[i]);
		memset(p[i], i & 0xff, n[i]);
	}
	for (int i = 0; i < N; i++)
		for (size_t k = 0; k < n[i]; k++)
			cr_assert_eq(p[i][k], (unsigned char)(i & 0xff), "block %d byte %zu", i, k);
	for (int i = 0; i < N; i++)
		slab_free(p[i], n[i]);
}

Test(slab, realloc_keeps_the_bytes_across_classes_and_past_the_largest)
{
	char *p = slab_alloc(10);
	memcpy(p, "0123456789", 10);
	p = slab_realloc(p, 10, 300);
	cr_assert_eq(memcmp(p, "0123456789", 10), 0);
	memset(p + 10, 'x', 290);
	p = slab_realloc(p, 300, 100000);   /* malloc's from here */
	cr_assert_eq(memcmp(p, "0123456789", 10), 0);
	cr_assert_eq(p[299], 'x');
	p = slab_realloc(p, 100000, 12);    /* and back */
	cr_assert_eq(memcmp(p, "0123456789", 10), 0);
	slab_free(p, 12);
	char *q = slab_realloc(NULL, 0, 5);
	memcpy(q, "abcd", 5);
	char *s = slab_strdup(q);
	cr_expect_str_eq(s, "abcd");
	slab_free_str(s);
	slab_free(q, 5);
	slab_free(NULL, 40);
	slab_free_str(NULL);
}

#ifndef SLAB_PLAIN
Test(slab, a_freed_block_serves_the_next_request_of_its_class)
{
	void *a = slab_alloc(200);
	slab_free(a, 200);
	/* 193 to 208 bytes are one class. */
	void *b = slab_alloc(193);
	cr_expect_eq(a, b, "the freed block is taken again");
	void *c = slab_alloc(193);
	cr_expect_neq(b, c);
	slab_free(b, 193);
	slab_free(c, 208);
	/* Same class: a move between sizes of one class keeps the block. */
	void *d = slab_alloc(100);
	cr_expect_eq(slab_realloc(d, 100, 110), d);
	slab_free(d, 110);
}
#endif
