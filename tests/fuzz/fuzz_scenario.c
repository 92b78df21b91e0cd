/* fuzz_scenario — libFuzzer target for the scenario loader: whatever bytes a
 * lesson file holds, scenario_parse must return (a scenario or NULL after
 * reporting) without crashing, leaking or reading out of bounds.
 *
 *   clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -Isim \
 *       sim/util.c sim/ledger.c sim/trace_names.c sim/scenario*.c sim/mime.c sim/msg.c \
 *       tests/fuzz/fuzz_scenario.c -lcjson -o fuzz_scenario
 *   ./fuzz_scenario -max_total_time=60 CORPUS_DIR scenarios
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "scenario.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Opened once: the fuzzer calls this millions of times. */
	static FILE *devnull;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	/* The loader takes a NUL-terminated string, as scenario_load hands it. */
	char *json = xstrndup((const char *)data, size);
	struct scenario *sc = scenario_parse("fuzz.json", json, devnull);
	if (sc) {
		/* Touch what a run would read first. */
		for (int i = 0; i < scenario_node_count(sc); i++)
			(void)scenario_node_id(sc, i);
		scenario_free(sc);
	}
	free(json);
	return 0;
}
