/* slab — storage for what every message holds (the struct, its field
 * array, its header bytes): blocks in 16-byte classes cut from large
 * chunks that the kernel may back with huge pages, and a free list per
 * class.  A run keeps every delivered mail in its mailbox (the engine
 * benchmark's 100,000 mails), so these blocks are most of a long run's
 * memory; from malloc they came a 4 KiB page fault at a time.
 *
 * The blocks belong to no run: a message outlives the run that made it
 * while a snapshot holds it.  Not thread-safe (the simulation has one
 * thread).  Under AddressSanitizer every block is plain malloc, so that
 * overruns and uses after free are still caught. */
#ifndef MAILSIM_SLAB_H
#define MAILSIM_SLAB_H

#include <stddef.h>

/* SLAB_PLAIN is defined where every block is malloc's (AddressSanitizer). */
#if defined(__SANITIZE_ADDRESS__)
#define SLAB_PLAIN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLAB_PLAIN 1
#endif
#endif

/* A block of at least n bytes (n 0 counts as 1); never NULL (exits like
 * xmalloc when memory runs out).  Not zeroed. */
void *slab_alloc(size_t n);
/* Return p, allocated with slab_alloc(n) (or grown to n by
 * slab_realloc): the caller says the size, as the block carries no
 * header.  p NULL does nothing. */
void slab_free(void *p, size_t n);
/* p (of old bytes, or NULL with old 0) made n bytes, its first
 * min(old, n) bytes kept; p is no longer valid afterwards unless it is
 * what is returned. */
void *slab_realloc(void *p, size_t old, size_t n);
/* A copy of str in a block of strlen(str) + 1 bytes; slab_free_str(p)
 * returns it (NULL does nothing). */
char *slab_strdup(const char *str);
void slab_free_str(char *p);
/* The bytes slab_alloc(n) takes: n rounded up to its class. */
size_t slab_size(size_t n);

#endif
