/* fuzz_spf — libFuzzer target for the SPF evaluator: the first 4 bytes are
 * the client address, the rest (split at NUL bytes) become the TXT records
 * of three zones that can include and redirect to each other.  Whatever
 * the records say, spf_check returns a result without crashing, looping or
 * leaking.  Build and run with `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "spf.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	uint32_t ip = (uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
	              (uint32_t)data[2] << 8 | data[3];
	struct scenario *sc = scenario_new_empty("fuzz.json");
	static const char *const names[3] = { "a.example", "b.example", "c.example" };
	sc->nzones = 3;
	sc->zones = xcalloc(3, sizeof *sc->zones);
	for (int z = 0; z < 3; z++) {
		sc->zones[z].domain = xstrdup(names[z]);
		sc->zones[z].na = 1;
		sc->zones[z].a = xcalloc(1, sizeof *sc->zones[z].a);
		sc->zones[z].a[0].name = xstrdup(names[z]);
		sc->zones[z].a[0].addr = 0x0A000001u + (uint32_t)z;
		sc->zones[z].nmx = 1;
		sc->zones[z].mx = xcalloc(1, sizeof *sc->zones[z].mx);
		sc->zones[z].mx[0].pref = 10;
		sc->zones[z].mx[0].host = xstrdup(names[(z + 1) % 3]);
	}
	/* Records: NUL-separated pieces, dealt round the three zones. */
	const char *p = (const char *)data + 4, *end = (const char *)data + size;
	for (int k = 0; p < end && k < 12; k++) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		size_t n = nul ? (size_t)(nul - p) : (size_t)(end - p);
		struct sc_zone *z = &sc->zones[k % 3];
		z->txt = xrealloc(z->txt, (size_t)(z->ntxt + 1) * sizeof *z->txt);
		z->txt[z->ntxt++] = xstrndup(p, n);
		p += n + 1;
	}
	char why[64];
	for (int z = 0; z < 3; z++) {
		enum spf_result r = spf_check(sc, ip, names[z], why, sizeof why);
		if (r >= SPF_RESULT_COUNT)
			abort();
	}
	scenario_free(sc);
	return 0;
}
