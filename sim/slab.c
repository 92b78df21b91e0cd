/* slab — message storage in 16-byte size classes on large chunks that may
 * be backed by huge pages (see slab.h). */
#define _DEFAULT_SOURCE   /* madvise and MADV_HUGEPAGE, where they exist */
#include "slab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util.h"

#define SLAB_GRAIN 16

size_t slab_size(size_t n)
{
	return n <= SLAB_GRAIN ? SLAB_GRAIN : (n + SLAB_GRAIN - 1) & ~(size_t)(SLAB_GRAIN - 1);
}

char *slab_strdup(const char *str)
{
	size_t n = strlen(str) + 1;
	return memcpy(slab_alloc(n), str, n);
}

void slab_free_str(char *p)
{
	if (p)
		slab_free(p, strlen(p) + 1);
}

#ifdef SLAB_PLAIN

/* Every block malloc's, for the sanitizer to watch. */
void *slab_alloc(size_t n)
{
	return xmalloc(n ? n : 1);
}

void slab_free(void *p, size_t n)
{
	(void)n;
	free(p);
}

void *slab_realloc(void *p, size_t old, size_t n)
{
	(void)old;
	return xrealloc(p, n ? n : 1);
}

#else

/* Under Valgrind every block is malloc's too, for memcheck to watch (it
 * cannot see inside a chunk); the question is asked once. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define SLAB_ASK_VALGRIND 1
#endif
#endif

static int slab_plain(void)
{
#ifdef SLAB_ASK_VALGRIND
	static int plain = -1;
	if (plain < 0)
		plain = RUNNING_ON_VALGRIND ? 1 : 0;
	return plain;
#else
	return 0;
#endif
}

#define SLAB_MAX 4096                     /* larger blocks are malloc's */
#define SLAB_CLASSES (SLAB_MAX / SLAB_GRAIN + 1)
#define SLAB_HUGE ((size_t)2 << 20)       /* x86-64's and arm64's huge page */
#define SLAB_CHUNK_MAX ((size_t)64 << 20)

/* The allocator's state is the process's, like malloc's: it decides
 * addresses only, never what a run does. */
static struct {
	void *free[SLAB_CLASSES];             /* per class: a list through the blocks */
	char *cur, *end;                      /* the rest of the newest chunk */
	size_t next_chunk;                    /* the size of the chunk after it */
} slab;

/* A new chunk, aligned to a huge page, each twice the last up to 64 MiB
 * (a lesson uses a sliver of the first). */
static void slab_chunk(void)
{
	size_t size = slab.next_chunk ? slab.next_chunk : SLAB_HUGE;
	slab.next_chunk = size < SLAB_CHUNK_MAX ? size * 2 : size;
	char *c = aligned_alloc(SLAB_HUGE, size);
	if (!c)
		c = xmalloc(size);   /* unaligned, or out of memory: exit 3 */
#ifdef MADV_HUGEPAGE
	/* Where THP is "madvise" (the usual default) this asks for it; a
	 * kernel without THP refuses and the chunk keeps small pages. */
	(void)madvise(c, size, MADV_HUGEPAGE);
#endif
	slab.cur = c;
	slab.end = c + size;
}

void *slab_alloc(size_t n)
{
	if (n > SLAB_MAX || slab_plain())
		return xmalloc(n ? n : 1);
	size_t size = slab_size(n), cls = size / SLAB_GRAIN;
	void *p = slab.free[cls];
	if (p) {
		memcpy(&slab.free[cls], p, sizeof(void *));
		return p;
	}
	if ((size_t)(slab.end - slab.cur) < size)
		slab_chunk();   /* the old chunk's tail (under 4 KiB) is left */
	p = slab.cur;
	slab.cur += size;
	return p;
}

void slab_free(void *p, size_t n)
{
	if (!p)
		return;
	if (n > SLAB_MAX || slab_plain()) {
		free(p);
		return;
	}
	size_t cls = slab_size(n) / SLAB_GRAIN;
	memcpy(p, &slab.free[cls], sizeof(void *));
	slab.free[cls] = p;
}

void *slab_realloc(void *p, size_t old, size_t n)
{
	if (!p)
		return slab_alloc(n);
	if ((old > SLAB_MAX && n > SLAB_MAX) || slab_plain())
		return xrealloc(p, n ? n : 1);
	if (old <= SLAB_MAX && n <= SLAB_MAX && slab_size(old) == slab_size(n))
		return p;
	void *q = slab_alloc(n);
	memcpy(q, p, old < n ? old : n);
	slab_free(p, old);
	return q;
}

#endif
