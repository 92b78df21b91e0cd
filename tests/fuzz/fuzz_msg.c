/* fuzz_msg — libFuzzer target for the RFC 5322 parser and what a mailbox
 * does with a parsed message: whatever bytes arrive, msg_parse returns a
 * message or NULL with a reason; a parsed message serializes, parses back
 * to the same text, and its encoded-words and body decode without
 * crashing.  Build and run with `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[128];
	struct msg *m = msg_parse((const char *)data, size, err, sizeof err);
	if (!m)
		return 0;
	size_t len;
	char *text = msg_serialize(m, &len);
	struct msg *again = msg_parse(text, len, err, sizeof err);
	if (!again)
		abort();   /* our own output must parse */
	size_t len2;
	char *text2 = msg_serialize(again, &len2);
	if (len2 != len || memcmp(text, text2, len) != 0)
		abort();   /* and round-trip to the same bytes */
	for (int i = 0; i < m->nfields; i++) {
		size_t vl;
		const char *v = msg_field_value(m, i, &vl);
		char *z = malloc(vl + 1);
		memcpy(z, v, vl);
		z[vl] = '\0';
		free(msg_decode_words(z));
		free(z);
	}
	free(msg_body_text_decoded(m));
	free(text);
	free(text2);
	msg_free(again);
	msg_free(m);
	return 0;
}
