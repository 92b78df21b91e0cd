/* fuzz_script — libFuzzer target for hand-typed SMTP sessions as a lesson
 * file writes them (the "script" of a send action; the RCPT-alone heap
 * overflow in smtp_path_arg was found this way): the loader reads the
 * action, then the mail program or bot types the lines (sim/smtp_client.c)
 * and the ledger follows every recipient they name.  The first byte picks
 * the sender (Alice on 587, a bot straight to the MX), the first line is
 * the action's "to" and the second its "bcc" (comma-separated), every
 * other line one script line as it is, line breaks and all.  Either the
 * loader refuses the file with located one-line errors, or the run ends
 * with the ledger audited clean and no recipient left in flight.  Run from
 * the top directory (it reads lesson 01). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_lesson.h"
#include "ledger.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_SCRIPT_MAX_LINES 64

/* The pieces of text between separators sep in [p, end), as a JSON array
 * of strings (any bytes; cJSON writes them as they are). */
static cJSON *fuzz_script_list(const char *p, const char *end, char sep)
{
	cJSON *a = cJSON_CreateArray();
	while (p <= end && cJSON_GetArraySize(a) < FUZZ_SCRIPT_MAX_LINES) {
		const char *q = memchr(p, sep, (size_t)(end - p));
		if (!q)
			q = end;
		char *piece = xstrndup(p, (size_t)(q - p));
		cJSON_AddItemToArray(a, cJSON_CreateString(piece));
		free(piece);
		p = q + 1;
	}
	return a;
}

/* Every line the loader wrote names the file and a place in it. */
static void fuzz_script_errors_located(const char *errs)
{
	for (const char *l = errs; *l;) {
		const char *nl = strchr(l, '\n');
		if (!nl || strncmp(l, "fuzz.json: /", 12) != 0) {
			fprintf(stderr, "an error line without its place: %s\n", l);
			abort();
		}
		l = nl + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cJSON *base;
	if (!base)
		base = fuzz_lesson_tree("[]", 600);
	if (!base)
		abort();
	if (size < 1)
		return 0;
	/* The text up to a NUL: what a JSON string can hold. */
	const char *text = (const char *)data + 1;
	size_t len = strnlen(text, size - 1);
	const char *end = text + len;
	const char *l1 = memchr(text, '\n', len);
	const char *l2 = l1 ? memchr(l1 + 1, '\n', (size_t)(end - l1 - 1)) : NULL;

	cJSON *a = cJSON_CreateObject();
	cJSON_AddNumberToObject(a, "at", 1);
	cJSON_AddStringToObject(a, "do", "send");
	cJSON_AddStringToObject(a, "id", "s");
	if (data[0] & 1) {
		cJSON_AddStringToObject(a, "host", "bob-pc");
		cJSON_AddStringToObject(a, "mail_from", "x@ispb.example");
		cJSON_AddTrueToObject(a, "direct");
	} else {
		cJSON_AddStringToObject(a, "user", "alice@ispa.example");
	}
	cJSON_AddItemToObject(a, "to", fuzz_script_list(text, l1 ? l1 : end, ','));
	if (l1)
		cJSON_AddItemToObject(a, "bcc", fuzz_script_list(l1 + 1, l2 ? l2 : end, ','));
	if (l2)
		cJSON_AddItemToObject(a, "script", fuzz_script_list(l2 + 1, end, '\n'));
	cJSON *top = cJSON_Duplicate(base, 1);
	cJSON *acts = cJSON_CreateArray();
	cJSON_AddItemToArray(acts, a);
	cJSON_ReplaceItemInObject(top, "actions", acts);
	char *json = cJSON_PrintUnformatted(top);
	cJSON_Delete(top);

	char *errs = NULL;
	size_t errs_len = 0;
	FILE *err = open_memstream(&errs, &errs_len);
	struct scenario *sc = scenario_parse("fuzz.json", json, err);
	fclose(err);
	free(json);
	if (!sc) {
		fuzz_script_errors_located(errs);
		free(errs);
		return 0;
	}
	free(errs);
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	if (sim_audit(s, stderr) != 0)
		abort();
	for (size_t i = 0; i < sim_ledger_count(s); i++) {
		const struct ledger_entry *e = sim_ledger(s, i);
		for (int k = 0; k < e->nrcpts; k++)
			if (e->rcpts[k].state == LS_IN_FLIGHT) {
				fprintf(stderr, "%s to <%s> is still in flight\n", e->tag, e->rcpts[k].addr);
				abort();
			}
	}
	sim_free(s);
	scenario_free(sc);
	return 0;
}
