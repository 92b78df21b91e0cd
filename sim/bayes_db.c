/* bayes_db — the spam filter's token counts: a hash table in memory, and a
 * file that is written atomically and read back exactly or not at all.
 *
 * File format, version 1 (all integers little-endian):
 *
 *   offset  size  what
 *   0       8     magic "MSBAYES\n"
 *   8       4     format version (1)
 *   12      4     ham messages learnt
 *   16      4     spam messages learnt
 *   20      4     number of token records
 *   24      8     bytes of token records that follow
 *   32      …     records, sorted by token bytes (shorter first on a tie):
 *                 1 byte length (1..BAYES_TOK_MAX), the token, 4 bytes ham
 *                 count, 4 bytes spam count
 *   end-8   8     FNV-1a 64 of every byte before it
 *
 * A record's counts are never both zero nor above its class's messages. */
#include "bayes_dbint.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BAYES_DB_MAGIC "MSBAYES\n"
#define BAYES_DB_VERSION 1u
#define BAYES_DB_HEAD 32u
#define BAYES_DB_TAIL 8u
#define BAYES_DB_MIN_CAP 1024u

uint64_t bayes_db_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h ? h : 1;
}

struct bayes_db *bayes_db_new(void)
{
	struct bayes_db *db = xcalloc(1, sizeof *db);
	db->cap = BAYES_DB_MIN_CAP;
	db->tab = xcalloc(db->cap, sizeof *db->tab);
	return db;
}

void bayes_db_free(struct bayes_db *db)
{
	if (!db)
		return;
	free(db->tab);
	free(db->str);
	free(db);
}

struct bayes_db *bayes_db_clone(const struct bayes_db *db)
{
	struct bayes_db *c = xmalloc(sizeof *c);
	*c = *db;
	c->tab = xmalloc(db->cap * sizeof *db->tab);
	memcpy(c->tab, db->tab, db->cap * sizeof *db->tab);
	c->str = xmalloc(db->str_cap ? db->str_cap : 1);
	if (db->str_len)
		memcpy(c->str, db->str, db->str_len);
	return c;
}

uint32_t bayes_db_messages(const struct bayes_db *db, enum bayes_class c)
{
	if ((unsigned)c >= BAYES_CLASS_COUNT)
		PANIC("class %d", (int)c);
	return db->nmsg[c];
}

size_t bayes_db_tokens(const struct bayes_db *db)
{
	return db->live;
}

const struct bayes_db_entry *bayes_db_find(const struct bayes_db *db, uint64_t h,
                                           const char *s, size_t n)
{
	size_t mask = db->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		const struct bayes_db_entry *e = &db->tab[i];
		if (!e->hash)
			return NULL;
		if (e->hash == h && e->len == n && memcmp(db->str + e->off, s, n) == 0)
			return e;
	}
}

static void bayes_db_grow(struct bayes_db *db)
{
	size_t cap = db->cap * 2;
	struct bayes_db_entry *tab = xcalloc(cap, sizeof *tab);
	for (size_t k = 0; k < db->cap; k++) {
		const struct bayes_db_entry *e = &db->tab[k];
		if (!e->hash)
			continue;
		size_t i = (size_t)e->hash & (cap - 1);
		while (tab[i].hash)
			i = (i + 1) & (cap - 1);
		tab[i] = *e;
	}
	free(db->tab);
	db->tab = tab;
	db->cap = cap;
}

struct bayes_db_entry *bayes_db_upsert(struct bayes_db *db, uint64_t h, const char *s,
                                       size_t n)
{
	/* At most half full, so a probe stays short. */
	if ((db->used + 1) * 2 > db->cap)
		bayes_db_grow(db);
	size_t mask = db->cap - 1;
	size_t i = (size_t)h & mask;
	for (;; i = (i + 1) & mask) {
		struct bayes_db_entry *e = &db->tab[i];
		if (!e->hash)
			break;
		if (e->hash == h && e->len == n && memcmp(db->str + e->off, s, n) == 0)
			return e;
	}
	if (db->str_len + n > db->str_cap) {
		size_t cap = db->str_cap ? db->str_cap : 1u << 16;
		while (cap < db->str_len + n)
			cap *= 2;
		if (cap > UINT32_MAX)
			PANIC("token storage over 4 GiB");
		db->str = xrealloc(db->str, cap);
		db->str_cap = cap;
	}
	memcpy(db->str + db->str_len, s, n);
	struct bayes_db_entry *e = &db->tab[i];
	e->hash = h;
	e->off = (uint32_t)db->str_len;
	e->len = (uint32_t)n;
	e->count[0] = e->count[1] = 0;
	db->str_len += n;
	db->used++;
	return e;
}

void bayes_db_note(struct bayes_db *db, const uint32_t before[BAYES_CLASS_COUNT],
                   const struct bayes_db_entry *e)
{
	int was = before[0] || before[1], is = e->count[0] || e->count[1];
	if (was && !is)
		db->live--;
	else if (!was && is)
		db->live++;
}

int bayes_db_lookup(const struct bayes_db *db, const char *tok, size_t len,
                    uint32_t count[BAYES_CLASS_COUNT])
{
	const struct bayes_db_entry *e = bayes_db_find(db, bayes_db_hash(tok, len), tok, len);
	count[0] = e ? e->count[0] : 0;
	count[1] = e ? e->count[1] : 0;
	return count[0] || count[1];
}

/* ---- bytes ----------------------------------------------------------------- */

static void bayes_db_put32(struct sbuf *out, uint32_t v)
{
	char b[4] = { (char)(v & 0xff), (char)(v >> 8 & 0xff), (char)(v >> 16 & 0xff),
	              (char)(v >> 24 & 0xff) };
	sbuf_add(out, b, 4);
}

static void bayes_db_put64(struct sbuf *out, uint64_t v)
{
	bayes_db_put32(out, (uint32_t)v);
	bayes_db_put32(out, (uint32_t)(v >> 32));
}

static uint32_t bayes_db_get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t bayes_db_get64(const unsigned char *p)
{
	return (uint64_t)bayes_db_get32(p) | (uint64_t)bayes_db_get32(p + 4) << 32;
}

/* Token order in the file: bytes, then length. */
static int bayes_db_tokcmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	if (c)
		return c;
	return an < bn ? -1 : an > bn;
}

/* A live token to sort before writing. */
struct bayes_db_ref {
	const char *s;
	const struct bayes_db_entry *e;
};

static int bayes_db_refcmp(const void *pa, const void *pb)
{
	const struct bayes_db_ref *a = pa, *b = pb;
	return bayes_db_tokcmp(a->s, a->e->len, b->s, b->e->len);
}

void bayes_db_serialize(const struct bayes_db *db, struct sbuf *out)
{
	struct bayes_db_ref *live = xmalloc((db->live ? db->live : 1) * sizeof *live);
	size_t n = 0, bytes = 0;
	for (size_t i = 0; i < db->cap; i++) {
		const struct bayes_db_entry *e = &db->tab[i];
		if (e->hash && (e->count[0] || e->count[1])) {
			if (n == db->live)
				PANIC("more live tokens than counted (%zu)", db->live);
			live[n].s = db->str + e->off;
			live[n++].e = e;
			bytes += 1 + e->len + 8;
		}
	}
	if (n != db->live)
		PANIC("%zu live tokens, %zu counted", n, db->live);
	qsort(live, n, sizeof *live, bayes_db_refcmp);

	size_t start = out->len;
	sbuf_reserve(out, BAYES_DB_HEAD + bytes + BAYES_DB_TAIL);
	sbuf_add(out, BAYES_DB_MAGIC, 8);
	bayes_db_put32(out, BAYES_DB_VERSION);
	bayes_db_put32(out, db->nmsg[BAYES_CLASS_HAM]);
	bayes_db_put32(out, db->nmsg[BAYES_CLASS_SPAM]);
	bayes_db_put32(out, (uint32_t)n);
	bayes_db_put64(out, bytes);
	for (size_t i = 0; i < n; i++) {
		const struct bayes_db_entry *e = live[i].e;
		char len = (char)e->len;
		sbuf_add(out, &len, 1);
		sbuf_add(out, live[i].s, e->len);
		bayes_db_put32(out, e->count[BAYES_CLASS_HAM]);
		bayes_db_put32(out, e->count[BAYES_CLASS_SPAM]);
	}
	bayes_db_put64(out, bayes_db_hash(out->s + start, out->len - start));
	free(live);
}

static struct bayes_db *bayes_db_fail(struct bayes_db *db, char *err, size_t errsz,
                                      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static struct bayes_db *bayes_db_fail(struct bayes_db *db, char *err, size_t errsz,
                                      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (errsz)
		vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	bayes_db_free(db);
	return NULL;
}

struct bayes_db *bayes_db_parse(const void *data, size_t len, char *err, size_t errsz)
{
	const unsigned char *p = data;
	if (memcmp(p, BAYES_DB_MAGIC, len < 8 ? len : 8) != 0 || len == 0)
		return bayes_db_fail(NULL, err, errsz, "not a mailsim bayes database%s",
		                     len ? "" : " (empty)");
	if (len < BAYES_DB_HEAD + BAYES_DB_TAIL)
		return bayes_db_fail(NULL, err, errsz, "truncated: %zu bytes, not even a header",
		                     len);
	uint32_t version = bayes_db_get32(p + 8);
	if (version != BAYES_DB_VERSION)
		return bayes_db_fail(NULL, err, errsz, "format version %u, this mailsim reads %u",
		                     version, BAYES_DB_VERSION);
	uint64_t bytes = bayes_db_get64(p + 24);
	uint64_t want = BAYES_DB_HEAD + bytes + BAYES_DB_TAIL;
	if (bytes > len || want != len)
		return bayes_db_fail(NULL, err, errsz, "%s: expected %llu bytes, found %zu",
		                     want > len || bytes > len ? "truncated" : "corrupt",
		                     (unsigned long long)want, len);
	if (bayes_db_hash((const char *)p, len - BAYES_DB_TAIL) != bayes_db_get64(p + len - 8))
		return bayes_db_fail(NULL, err, errsz, "corrupt: checksum mismatch");

	struct bayes_db *db = bayes_db_new();
	db->nmsg[BAYES_CLASS_HAM] = bayes_db_get32(p + 12);
	db->nmsg[BAYES_CLASS_SPAM] = bayes_db_get32(p + 16);
	uint32_t ntok = bayes_db_get32(p + 20);
	size_t pos = BAYES_DB_HEAD, end = len - BAYES_DB_TAIL;
	const char *prev = NULL;
	size_t prevlen = 0;
	for (uint32_t k = 0; k < ntok; k++) {
		if (pos >= end)
			return bayes_db_fail(db, err, errsz, "corrupt: %u tokens announced, %u found",
			                     ntok, k);
		size_t tl = p[pos];
		if (tl == 0 || tl > BAYES_TOK_MAX || pos + 1 + tl + 8 > end)
			return bayes_db_fail(db, err, errsz, "corrupt: bad token record %u", k);
		const char *tok = (const char *)p + pos + 1;
		uint32_t c[BAYES_CLASS_COUNT] = { bayes_db_get32(p + pos + 1 + tl),
		                                  bayes_db_get32(p + pos + 5 + tl) };
		if ((!c[0] && !c[1]) || c[0] > db->nmsg[0] || c[1] > db->nmsg[1])
			return bayes_db_fail(db, err, errsz, "corrupt: token record %u has counts "
			                     "%u ham, %u spam of %u, %u", k, c[0], c[1], db->nmsg[0],
			                     db->nmsg[1]);
		if (prev && bayes_db_tokcmp(prev, prevlen, tok, tl) >= 0)
			return bayes_db_fail(db, err, errsz, "corrupt: token record %u out of order", k);
		struct bayes_db_entry *e = bayes_db_upsert(db, bayes_db_hash(tok, tl), tok, tl);
		e->count[0] = c[0];
		e->count[1] = c[1];
		db->live++;
		prev = tok;
		prevlen = tl;
		pos += 1 + tl + 8;
	}
	if (pos != end)
		return bayes_db_fail(db, err, errsz, "corrupt: %zu bytes after the last token",
		                     end - pos);
	return db;
}

/* ---- files ------------------------------------------------------------------ */

int bayes_db_save(const struct bayes_db *db, const char *path, char *err, size_t errsz)
{
	struct sbuf b;
	sbuf_init(&b);
	bayes_db_serialize(db, &b);
	size_t plen = strlen(path);
	char *tmp = xmalloc(plen + 8);
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".XXXXXX", 8);
	int fd = mkstemp(tmp);
	int rc = -1;
	if (fd < 0) {
		snprintf(err, errsz, "cannot write: %s", strerror(errno));
		goto out;
	}
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		snprintf(err, errsz, "cannot write: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	int ok = fwrite(b.s, 1, b.len, f) == b.len && fflush(f) == 0 && fsync(fd) == 0;
	int saved = errno;
	if (fclose(f) != 0 && ok) {
		ok = 0;
		saved = errno;
	}
	if (!ok || rename(tmp, path) != 0) {
		snprintf(err, errsz, "cannot write: %s", strerror(ok ? errno : saved));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	sbuf_free(&b);
	return rc;
}

struct bayes_db *bayes_db_load(const char *path, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errsz, "cannot read: %s", strerror(errno));
		return NULL;
	}
	struct sbuf b;
	sbuf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_add(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	struct bayes_db *db = NULL;
	if (bad)
		snprintf(err, errsz, "cannot read: I/O error");
	else
		db = bayes_db_parse(b.s ? b.s : "", b.len, err, errsz);
	sbuf_free(&b);
	return db;
}
