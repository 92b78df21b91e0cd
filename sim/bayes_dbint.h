/* bayes_dbint — the token database's table, shared by bayes_db.c (storage,
 * files) and bayes.c (training and scoring).  Not for other modules. */
#ifndef MAILSIM_BAYES_DBINT_H
#define MAILSIM_BAYES_DBINT_H

#include <stddef.h>
#include <stdint.h>

#include "bayes.h"

/* One token: open addressing with linear probing; hash 0 marks a free
 * slot.  The token's bytes live in the database's string arena, so
 * learning a token costs no allocation of its own.  A token whose counts
 * fell back to zero keeps its slot (the table never deletes) but is not
 * counted, looked up or saved. */
struct bayes_db_entry {
	uint64_t hash;
	uint32_t off;                       /* into str */
	uint32_t len;
	uint32_t count[BAYES_CLASS_COUNT];
};

struct bayes_db {
	struct bayes_db_entry *tab;
	size_t cap;                         /* a power of two */
	size_t used;                        /* slots taken, live or not */
	size_t live;                        /* tokens with a count above zero */
	char *str;
	size_t str_len, str_cap;
	uint32_t nmsg[BAYES_CLASS_COUNT];
};

/* 64-bit FNV-1a of the n bytes at s, never 0. */
uint64_t bayes_db_hash(const char *s, size_t n);
/* The entry of the token (hash h), or NULL if it has none. */
const struct bayes_db_entry *bayes_db_find(const struct bayes_db *db, uint64_t h,
                                           const char *s, size_t n);
/* The entry of the token, made (with zero counts) if it has none. */
struct bayes_db_entry *bayes_db_upsert(struct bayes_db *db, uint64_t h, const char *s,
                                       size_t n);
/* Keep db->live right after changing e's counts from before[] to e's. */
void bayes_db_note(struct bayes_db *db, const uint32_t before[BAYES_CLASS_COUNT],
                   const struct bayes_db_entry *e);

#endif
