/* fuzz_lesson — lesson 01's world with other actions, for the fuzz targets
 * that run whole sessions (fuzz_smtpd, fuzz_script, fuzz_dsn).  Header
 * only: each target is one translation unit.  Run from the top directory. */
#ifndef MAILSIM_FUZZ_LESSON_H
#define MAILSIM_FUZZ_LESSON_H

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "scenario.h"
#include "util.h"

/* Lesson 01 as a cJSON tree without its captions, quiz and answer key,
 * with actions (JSON text) instead of its own and until_s as its end;
 * NULL if the lesson cannot be read.  The caller deletes it. */
static inline cJSON *fuzz_lesson_tree(const char *actions, int until_s)
{
	FILE *f = fopen("scenarios/01-basic-flow.json", "rb");
	if (!f)
		return NULL;
	struct sbuf text = { 0 };
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&text, buf, n);
	fclose(f);
	cJSON *top = cJSON_Parse(text.s);
	sbuf_free(&text);
	if (!top)
		return NULL;
	cJSON_DeleteItemFromObject(top, "captions");
	cJSON_DeleteItemFromObject(top, "quiz");
	cJSON_DeleteItemFromObject(top, "expect");
	cJSON_ReplaceItemInObject(top, "until", cJSON_CreateNumber(until_s));
	cJSON_ReplaceItemInObject(top, "actions", cJSON_Parse(actions));
	return top;
}

/* The same, loaded; aborts if it does not load (the harness is broken). */
static inline struct scenario *fuzz_lesson_load(const char *actions, int until_s)
{
	cJSON *top = fuzz_lesson_tree(actions, until_s);
	if (!top)
		abort();
	char *json = cJSON_PrintUnformatted(top);
	cJSON_Delete(top);
	struct scenario *sc = scenario_parse("fuzz.json", json, stderr);
	free(json);
	if (!sc)
		abort();
	return sc;
}

#endif
