/* scenario_json — the scenario loader's toolkit for reading typed values out
 * of a cJSON tree while keeping track of the JSON Pointer being read, so
 * that every problem is reported as one line
 *   FILE: /json/pointer: expected WHAT, found WHAT
 * Private to scenario_load.c; nothing else should include it. */
#ifndef MAILSIM_SCENARIO_JSON_H
#define MAILSIM_SCENARIO_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "scenario.h"
#include "util.h"

/* Numbers beyond these are typos, and keeping them small keeps every
 * conversion (to microseconds, to float, to int) well defined. */
#define SCENARIO_JSON_INT_MAX 9007199254740991LL   /* 2^53 - 1 */
#define SCENARIO_JSON_SECS_MAX 1e9
#define SCENARIO_JSON_COORD_MAX 1e6

/* One load in progress.  Zero-initialise, set file, err and sc. */
struct scenario_ctx {
	const char *file;          /* name used in messages */
	FILE *err;                 /* where problems go; NULL = count only */
	int nerr;                  /* problems reported so far */
	struct sbuf path;          /* JSON Pointer of the value being read */
	struct scenario *sc;       /* being filled; look-ups see what is read */
};

/* What a reference names; scenario_json_v_ref resolves it in ctx->sc. */
enum scenario_ref {
	SCENARIO_REF_NET, SCENARIO_REF_HOST, SCENARIO_REF_ROUTER, SCENARIO_REF_NODE,
	SCENARIO_REF_USER, SCENARIO_REF_COUNT
};

/* ---- the current path ---- */

/* Step into member key or element i; each returns the length to give
 * scenario_json_pop to step back out. */
size_t scenario_json_push(struct scenario_ctx *c, const char *key);
size_t scenario_json_push_i(struct scenario_ctx *c, int i);
void scenario_json_pop(struct scenario_ctx *c, size_t old);

/* Report a problem with the value at the current path, or with its member
 * key.  fmt should read "expected WHAT, found WHAT". */
void scenario_json_fail(struct scenario_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void scenario_json_fail_at(struct scenario_ctx *c, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "a number", "a string", … "null" for a found-clause. */
const char *scenario_json_type(const cJSON *v);
/* s as a JSON string literal, shortened to about 40 bytes; returns out. */
const char *scenario_json_quote(const char *s, char out[256]);
/* s whole as a JSON string literal appended to b: for a file name, which
 * is useless cut short. */
void scenario_json_quote_whole(struct sbuf *b, const char *s);
/* name as a path: relative to the lesson file's folder unless absolute;
 * path is initialised here, the caller frees it. */
void scenario_json_file_path(const struct scenario_ctx *c, const char *name, struct sbuf *path);
/* Read the file name (scenario_json_file_path) whole into text (appended;
 * the caller frees it), what it is ("mail or mbox file") and at most max
 * bytes.  quoted is initialised here with the whole path as a JSON string
 * for later messages; the caller frees it.  Returns 0, or -1 after one
 * located line at member key (NULL: the current path). */
int scenario_json_read_file(struct scenario_ctx *c, const char *key, const char *name,
                            const char *what, size_t max, struct sbuf *text, struct sbuf *quoted);
/* The value itself for strings, numbers and booleans, else its type. */
const char *scenario_json_value(const cJSON *v, char out[256]);

/* ---- the value at the current path: 1 = read into *out, -1 = reported ---- */

int scenario_json_v_str(struct scenario_ctx *c, const cJSON *v, const char **out);
int scenario_json_v_name(struct scenario_ctx *c, const cJSON *v, const char **out);  /* non-empty */
int scenario_json_v_addr(struct scenario_ctx *c, const cJSON *v, const char **out);  /* user@domain */
int scenario_json_v_int(struct scenario_ctx *c, const cJSON *v, long long lo, long long hi,
                        long long *out);
int scenario_json_v_num(struct scenario_ctx *c, const cJSON *v, double lo, double hi,
                        const char *unit, double *out);
int scenario_json_v_bool(struct scenario_ctx *c, const cJSON *v, int *out);
/* One of n names; *out gets its index. */
int scenario_json_v_enum(struct scenario_ctx *c, const cJSON *v, const char *const *names, int n,
                         int *out);
int scenario_json_v_ref(struct scenario_ctx *c, const cJSON *v, enum scenario_ref kind, int *out);
/* CIDR text s ("a.b.c.d/n", host bits zero); shown is what the file said. */
int scenario_json_v_cidr(struct scenario_ctx *c, const char *s, const char *shown,
                         uint32_t *addr, uint32_t *mask, int *prefix);

/* 1 if s looks like a mail address: one '@', something on both sides, no
 * spaces, commas or angle brackets. */
int scenario_json_is_address(const char *s);
/* "a.b.c.d/n": 0 ok, -1 not of that form, -2 host bits set. */
int scenario_json_parse_cidr(const char *s, uint32_t *addr, uint32_t *mask, int *prefix);

/* ---- objects ---- */

/* Checks that v is an object whose keys are all in keys (NULL-terminated,
 * at most 64 names), each once.  Returns 0 (reported) if v is no object. */
int scenario_json_keys(struct scenario_ctx *c, const cJSON *v, const char *const *keys);
/* Member key of obj, or NULL; a missing required member is reported. */
const cJSON *scenario_json_item(struct scenario_ctx *c, const cJSON *obj, const char *key,
                                int req);

/* Member readers: 0 = absent (reported if req), 1 = read, -1 = reported.
 * *out is left alone unless the member was read. */
int scenario_json_str(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                      const char **out);
int scenario_json_name(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                       const char **out);
int scenario_json_addr(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                       const char **out);
/* Copies the string; what *out held (a default) is freed. */
int scenario_json_dup(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                      char **out);
int scenario_json_int(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                      long long lo, long long hi, long long *out);
int scenario_json_intf(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                       int lo, int hi, int *out);
int scenario_json_bool(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                       int *out);
int scenario_json_enum(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                       const char *const *names, int n, int *out);
int scenario_json_ref(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                      enum scenario_ref kind, int *out);
/* Seconds, fractions allowed, into microseconds. */
int scenario_json_secs(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                       int64_t *out_us);
/* Milliseconds into microseconds (never required). */
int scenario_json_ms(struct scenario_ctx *c, const cJSON *obj, const char *key, int64_t *out_us);
/* A string for both languages, or {"ja": …, "en": …} with at least one. */
int scenario_json_text(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                       struct sc_text *out);
/* An array of n numbers ([x, y] or [x, y, w, h]); *has = 1 when read. */
int scenario_json_floats(struct scenario_ctx *c, const cJSON *obj, const char *key, int n,
                         float *out, int *has);
/* An array of non-empty strings (mail addresses if addr); with single_ok a
 * lone string counts as an array of one.  *out and *nout hold what was read
 * (also after a problem with some element). */
/* addr: 0 names, 1 bare addresses, 2 mailboxes (address or "Name <address>"). */
int scenario_json_strs(struct scenario_ctx *c, const cJSON *obj, const char *key, int single_ok,
                       int addr, char ***out, int *nout);
/* An array member, or NULL when absent or not an array (reported).  When it
 * returns the array, the path is inside the member: pop to *old after. */
const cJSON *scenario_json_array(struct scenario_ctx *c, const cJSON *obj, const char *key,
                                 int req, size_t *old, int *n);

/* Reads each element of arr (the path inside it, from scenario_json_array)
 * with fn(c, element, index), then pops the path to old. */
typedef void (*scenario_json_elem_fn)(struct scenario_ctx *c, const cJSON *obj, int i);
void scenario_json_each(struct scenario_ctx *c, const cJSON *arr, size_t old,
                        scenario_json_elem_fn fn);

/* A date "YYYY-MM-DDTHH:MM:SS±HH:MM" (or "…Z") as Unix seconds and its
 * zone in minutes; 0, or -1 if s is not such a date (scenario_load.c). */
int scenario_load_parse_date(const char *s, int64_t *epoch, int *tz_min);

/* ---- checks shared by the sections ---- */

/* Reports member key (value id) as a duplicate of element j of list, e.g.
 * "expected a unique node id, found "mx" (also at /hosts/1)". */
void scenario_json_unique(struct scenario_ctx *c, const char *key, const char *id,
                          const char *what, const char *list, int j);
/* Reads host reference key (optional) into *out if the host carries role;
 * otherwise reports it and leaves *out alone. */
void scenario_json_role_host(struct scenario_ctx *c, const cJSON *obj, const char *key,
                             int role, int *out);

#endif
