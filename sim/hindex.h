/* hindex — open-addressing hash indexes from a key (an IPv4 address or a
 * case-insensitive string) to a small integer, for the lookups a run makes
 * per connection and per recipient (host by address, user by address). */
#ifndef MAILSIM_HINDEX_H
#define MAILSIM_HINDEX_H

#include <stddef.h>
#include <stdint.h>

/* A slot's hash, key and value side by side: a probe touches one cache
 * line, not three arrays. */
struct hindex_slot {
	uint64_t key;          /* hashed key (0 = empty slot) */
	const char *str;       /* the string key, to resolve collisions; NULL for ints */
	int val;
};

struct hindex {
	struct hindex_slot *slots;
	size_t cap;            /* a power of two */
	size_t n;
};

void hindex_init(struct hindex *h, size_t expected);
void hindex_free(struct hindex *h);
/* dst (not initialised) becomes a copy of src; string keys stay shared
 * (they belong to whoever put them, the scenario). */
void hindex_copy(struct hindex *dst, const struct hindex *src);
/* Insert; the first value inserted for a key wins.  s must outlive h. */
void hindex_put_u32(struct hindex *h, uint32_t key, int val);
void hindex_put_str(struct hindex *h, const char *s, int val);
/* The hash of a string as the indexes use it: case-insensitive for ASCII,
 * never 0.  For callers that chain their own entries (the ledger). */
uint64_t hindex_hash(const char *s);
/* The value for key, or -1. */
int hindex_get_u32(const struct hindex *h, uint32_t key);
int hindex_get_str(const struct hindex *h, const char *s);

#endif
