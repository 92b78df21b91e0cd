/* apop — RFC 1939 section 7's digest (see apop.h). */
#include <stddef.h>

#include "apop.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

int apop_digest(const char *stamp, const char *secret, char out[APOP_DIGEST_HEX + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	out[0] = '\0';
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = ctx && EVP_DigestInit_ex(ctx, EVP_md5(), NULL) == 1 &&
	         EVP_DigestUpdate(ctx, stamp, strlen(stamp)) == 1 &&
	         EVP_DigestUpdate(ctx, secret, strlen(secret)) == 1 &&
	         EVP_DigestFinal_ex(ctx, md, &n) == 1 && n * 2 == APOP_DIGEST_HEX;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return -1;
	for (unsigned int i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}

int apop_stamp_of(const char *greeting, char *out, size_t outsz)
{
	out[0] = '\0';
	for (const char *lt = strchr(greeting, '<'); lt; lt = strchr(lt + 1, '<')) {
		const char *gt = strchr(lt, '>');
		if (!gt)
			return 0;
		size_t n = (size_t)(gt - lt) + 1;
		if (memchr(lt, '@', n) && !memchr(lt + 1, '<', n - 1) && n < outsz) {
			memcpy(out, lt, n);
			out[n] = '\0';
			return 1;
		}
	}
	return 0;
}
