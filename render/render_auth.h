/* render_auth — how the letter card shows the header fields of sender
 * domain authentication (送信ドメイン認証): a DKIM-Signature as its d= and s=
 * (to be highlighted: they name the key the receiver fetches from DNS) and
 * the rest shortened, an Authentication-Results as one row per method
 * (spf=, dkim=, dmarc=) coloured by its result, a Received-SPF by its
 * result word.  SDL-free: it turns a
 * field into rows; render_panels draws them. */
#ifndef MAILSIM_RENDER_AUTH_H
#define MAILSIM_RENDER_AUTH_H

#include <stddef.h>

/* How a row is drawn. */
enum render_auth_tone {
	RENDER_AUTH_PLAIN,       /* ordinary header text */
	RENDER_AUTH_KEY,         /* d= and s=: highlighted */
	RENDER_AUTH_PASS,        /* a method whose result is pass: green */
	RENDER_AUTH_FAIL,        /* fail, softfail, permerror, temperror: red */
	RENDER_AUTH_TONE_COUNT
};
extern const char *const render_auth_tone_names[RENDER_AUTH_TONE_COUNT];

/* At most this many rows per field; methods past it are left out. */
#define RENDER_AUTH_MAX_ROWS 10

/* One row: lead (drawn plain, may be ""), text in the row's tone, then
 * tail (muted, on the same line, cut to fit; may be ""). */
struct render_auth_row {
	enum render_auth_tone tone;
	char lead[48];
	char text[320];
	char tail[160];
};

/* 1 if the card shows a field of this name through this module
 * (DKIM-Signature, Authentication-Results, Received-SPF; ASCII case
 * ignored). */
int render_auth_is_field(const char *name, size_t nl);

/* The rows for field name (nl bytes) with value (vl bytes, folded or
 * not, any bytes): for a DKIM-Signature, one row: "DKIM-Signature:",
 * "d=D  s=S" (KEY) and the tail "a= h= bh= b=" with h=, bh= and b= cut
 * short; for an Authentication-Results, "Authentication-Results:" with
 * the server's name (PLAIN), then each method as written, toned by its
 * result; for a Received-SPF, one row: "Received-SPF:", the result word
 * toned ("Pass" green, "Fail" and "Softfail" red) and the rest as tail.  A signature without a readable d= or s= is one PLAIN row.
 * Writes at most max rows and returns how many. */
int render_auth_rows(const char *name, size_t nl, const char *value, size_t vl,
                     struct render_auth_row *rows, int max);

/* The tone of an Authentication-Results method's result word ("pass",
 * "fail", "none", …). */
enum render_auth_tone render_auth_result_tone(const char *word, size_t n);

#endif
