/* apop — the APOP digest of RFC 1939 section 7: MD5 over the server's
 * greeting timestamp followed by the shared secret, in lower-case hex.
 * Computed with libcrypto.  MD5 is no longer considered safe (RFC 6151);
 * APOP is taught for what it was: a challenge-response login that keeps
 * the password off the wire. */
#ifndef MAILSIM_APOP_H
#define MAILSIM_APOP_H

#define APOP_DIGEST_HEX 32

/* Write MD5(stamp || secret) as 32 lower-case hex digits and a NUL into
 * out.  stamp is the whole "<…@host>" of the greeting, brackets included.
 * Returns 0, or -1 if libcrypto fails (out is then ""). */
int apop_digest(const char *stamp, const char *secret, char out[APOP_DIGEST_HEX + 1]);

/* The timestamp in a POP3 greeting: the first "<…>" holding an '@'
 * (RFC 1939's msg-id), copied into out with its brackets.  Returns 1 if
 * found, 0 if not (out is then ""). */
int apop_stamp_of(const char *greeting, char *out, size_t outsz);

#endif
