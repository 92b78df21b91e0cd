/* hindex — linear probing over a table kept at most half full. */
#include "hindex.h"

#include <string.h>

#include "util.h"

static uint64_t hindex_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x | 1;   /* never 0, which marks an empty slot */
}

/* ASCII upper case to lower in each byte of w (other bytes as they are). */
static uint64_t hindex_lower8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t low7 = w & ~highs;
	uint64_t ge_a = low7 + ones * (0x80 - 'A');        /* high bit: byte >= 'A' */
	uint64_t gt_z = low7 + ones * (0x80 - 'Z' - 1);    /* high bit: byte > 'Z' */
	uint64_t upper = (ge_a ^ gt_z) & ~w & highs;       /* and below 0x80 */
	return w | upper >> 2;                             /* 0x80 >> 2 = 0x20 */
}

uint64_t hindex_hash(const char *s)
{
	/* Eight lower-cased bytes a step (a key is an address or a host
	 * name: twenty bytes or so, hashed at every look-up), the tail
	 * zero-padded; its length goes in, so a tail of NULs differs. */
	size_t n = strlen(s), i = 0;
	uint64_t h = 1469598103934665603ULL ^ n;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ hindex_lower8(w)) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 29;
	}
	if (i < n) {
		uint64_t w = 0;
		memcpy(&w, s + i, n - i);
		h = (h ^ hindex_lower8(w)) * 0x9E3779B97F4A7C15ULL;
	}
	return hindex_mix(h);
}

void hindex_init(struct hindex *h, size_t expected)
{
	size_t cap = 16;
	while (cap < expected * 2 + 2)
		cap *= 2;
	h->cap = cap;
	h->n = 0;
	h->slots = xcalloc(cap, sizeof *h->slots);
}

void hindex_free(struct hindex *h)
{
	free(h->slots);
	h->slots = NULL;
	h->cap = h->n = 0;
}

static void hindex_grow(struct hindex *h);

static void hindex_put(struct hindex *h, uint64_t k, const char *s, int val)
{
	if ((h->n + 1) * 2 > h->cap)
		hindex_grow(h);
	for (size_t i = k & (h->cap - 1);; i = (i + 1) & (h->cap - 1)) {
		struct hindex_slot *e = &h->slots[i];
		if (!e->key) {
			*e = (struct hindex_slot){ k, s, val };
			h->n++;
			return;
		}
		if (e->key == k && (!s || util_strcasecmp(e->str, s) == 0))
			return;
	}
}

static void hindex_grow(struct hindex *h)
{
	struct hindex old = *h;
	hindex_init(h, old.cap);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			hindex_put(h, old.slots[i].key, old.slots[i].str, old.slots[i].val);
	hindex_free(&old);
}

static int hindex_get(const struct hindex *h, uint64_t k, const char *s)
{
	if (!h->cap)
		return -1;
	for (size_t i = k & (h->cap - 1); h->slots[i].key; i = (i + 1) & (h->cap - 1)) {
		const struct hindex_slot *e = &h->slots[i];
		if (e->key == k && (!s || util_strcasecmp(e->str, s) == 0))
			return e->val;
	}
	return -1;
}

void hindex_put_u32(struct hindex *h, uint32_t key, int val)
{
	hindex_put(h, hindex_mix(key), NULL, val);
}

void hindex_put_str(struct hindex *h, const char *s, int val)
{
	hindex_put(h, hindex_hash(s), s, val);
}

int hindex_get_u32(const struct hindex *h, uint32_t key)
{
	return hindex_get(h, hindex_mix(key), NULL);
}

int hindex_get_str(const struct hindex *h, const char *s)
{
	return hindex_get(h, hindex_hash(s), s);
}

void hindex_copy(struct hindex *dst, const struct hindex *src)
{
	*dst = *src;
	dst->slots = xmalloc(src->cap * sizeof *dst->slots);
	memcpy(dst->slots, src->slots, src->cap * sizeof *dst->slots);
}
