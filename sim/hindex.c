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

uint64_t hindex_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a over lower-cased ASCII */
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		h ^= (c >= 'A' && c <= 'Z') ? c + 32 : c;
		h *= 1099511628211ULL;
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
	h->keys = xcalloc(cap, sizeof *h->keys);
	h->strs = xcalloc(cap, sizeof *h->strs);
	h->vals = xcalloc(cap, sizeof *h->vals);
}

void hindex_free(struct hindex *h)
{
	free(h->keys);
	free(h->strs);
	free(h->vals);
	h->keys = NULL;
	h->strs = NULL;
	h->vals = NULL;
	h->cap = h->n = 0;
}

static void hindex_grow(struct hindex *h);

static void hindex_put(struct hindex *h, uint64_t k, const char *s, int val)
{
	if ((h->n + 1) * 2 > h->cap)
		hindex_grow(h);
	for (size_t i = k & (h->cap - 1);; i = (i + 1) & (h->cap - 1)) {
		if (!h->keys[i]) {
			h->keys[i] = k;
			h->strs[i] = s;
			h->vals[i] = val;
			h->n++;
			return;
		}
		if (h->keys[i] == k && (!s || util_strcasecmp(h->strs[i], s) == 0))
			return;
	}
}

static void hindex_grow(struct hindex *h)
{
	struct hindex old = *h;
	hindex_init(h, old.cap);
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i])
			hindex_put(h, old.keys[i], old.strs[i], old.vals[i]);
	hindex_free(&old);
}

static int hindex_get(const struct hindex *h, uint64_t k, const char *s)
{
	if (!h->cap)
		return -1;
	for (size_t i = k & (h->cap - 1); h->keys[i]; i = (i + 1) & (h->cap - 1))
		if (h->keys[i] == k && (!s || util_strcasecmp(h->strs[i], s) == 0))
			return h->vals[i];
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
	dst->keys = xmalloc(src->cap * sizeof *dst->keys);
	dst->strs = xmalloc(src->cap * sizeof *dst->strs);
	dst->vals = xmalloc(src->cap * sizeof *dst->vals);
	memcpy(dst->keys, src->keys, src->cap * sizeof *dst->keys);
	memcpy(dst->strs, src->strs, src->cap * sizeof *dst->strs);
	memcpy(dst->vals, src->vals, src->cap * sizeof *dst->vals);
}
