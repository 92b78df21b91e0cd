/* bench_cliffs — time and peak memory of the sizes where a run once fell
 * off a cliff (tests/test_cliffs.c keeps them as tests): one mail with
 * 10,000 Bcc recipients (quadratic before: 2.6 s), a bot's mail straight
 * to 5,000 domains that do not exist (cubic before: 485 s), a mailbox
 * filled with as many mails as a lesson may send (SC_MAX_COPIES; 100,000
 * once took 30 s and 870 MB), and a queue with the shortest retry minimum trying a
 * dead MX for five days.  Each case runs in a child process, so its peak
 * resident size is its own.  Lesson 01's world, read from the top
 * directory; the headless run keeps the whole trace, as `mailsim run`. */
/* wait4 gives a child's own peak resident size (glibc: _DEFAULT_SOURCE). */
#define _DEFAULT_SOURCE
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "fuzz/fuzz_lesson.h"
#include "scenario.h"
#include "sim.h"
#include "util.h"

/* Lesson 01 without its captions, quiz and answer key, running until
 * until_s, with the actions given as JSON, and for a dead MX (dead set)
 * mail-a's queue retrying after 1 s at least and ISP B's router dropping
 * every SYN to its servers' port 25.  The caller frees the scenario. */
static struct scenario *bench_cliffs_world(const char *actions, int until_s, int dead)
{
	cJSON *top = fuzz_lesson_tree(actions, until_s);
	if (!top)
		return NULL;
	if (dead) {
		cJSON *h = cJSON_GetArrayItem(cJSON_GetObjectItem(top, "hosts"), 1);
		cJSON_AddItemToObject(h, "queue", cJSON_Parse("{\"retry_min\": 1}"));
		cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(top, "routers"), 1);
		cJSON_AddItemToArray(cJSON_GetObjectItem(r, "rules"),
		                     cJSON_Parse("{\"name\": \"dead\", \"action\": \"drop\", "
		                                 "\"port\": 25, \"to\": [\"net:ispb-servers\"]}"));
	}
	char *json = cJSON_PrintUnformatted(top);
	cJSON_Delete(top);
	struct scenario *sc = scenario_parse("bench-cliffs.json", json, stderr);
	free(json);
	return sc;
}

/* Run sc to its end in a child; print seconds, peak RSS and what became
 * of the mail. */
static void bench_cliffs_case(const char *name, struct scenario *sc)
{
	if (!sc) {
		printf("bench cliffs %s: the world did not load\n", name);
		return;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		struct sim *s = sim_new(sc, NULL);
		sim_run_until(s, sc->until_us);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		size_t nrec = 0, copies = 0;
		sim_trace(s, &nrec);
		for (size_t i = 0; i < sim_ledger_count(s); i++)
			copies += (size_t)sim_ledger(s, i)->nrcpts;
		int lost = sim_audit(s, stderr);
		printf("bench cliffs %s: seconds=%.2f messages=%zu copies=%zu records=%zu lost=%d",
		       name, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
		       sim_ledger_count(s), copies, nrec, lost);
		fflush(stdout);
		_exit(0);
	}
	int status = 0;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
		printf("bench cliffs %s: could not run\n", name);
		return;
	}
	printf(" peak_rss_mb=%.0f\n", (double)ru.ru_maxrss / 1024.0);
	scenario_free(sc);
}

void bench_cliffs(void)
{
	struct sbuf a = { 0 };
	sbuf_adds(&a, "[{\"at\": 1, \"do\": \"send\", \"id\": \"m1\", \"user\": \"alice@ispa.example\","
	              " \"to\": \"bob@ispb.example\", \"subject\": \"many\", \"bcc\": [");
	for (int i = 0; i < 10000; i++)
		sbuf_addf(&a, "%s\"u%d@ispb.example\"", i ? ", " : "", i);
	sbuf_adds(&a, "]}]");
	bench_cliffs_case("bcc=10000", bench_cliffs_world(a.s, 3600, 0));
	sbuf_free(&a);

	sbuf_adds(&a, "[{\"at\": 1, \"do\": \"send\", \"id\": \"m1\", \"host\": \"mail-a\","
	              " \"direct\": true, \"mail_from\": \"alice@ispa.example\","
	              " \"to\": \"bob@ispb.example\", \"bcc\": [");
	for (int i = 0; i < 5000; i++)
		sbuf_addf(&a, "%s\"u@d%d.example\"", i ? ", " : "", i);
	sbuf_adds(&a, "]}]");
	bench_cliffs_case("dead_domains=5000", bench_cliffs_world(a.s, 3600, 0));
	sbuf_free(&a);

	char box[512];
	snprintf(box, sizeof box,
	         "[{\"at\": 1, \"do\": \"send\", \"id\": \"m\", \"user\": \"alice@ispa.example\","
	         " \"to\": \"bob@ispb.example\", \"subject\": \"hi\", \"body\": \"x\\n\","
	         " \"count\": %d, \"every\": 0.01},"
	         " {\"at\": 3000, \"do\": \"fetch\", \"user\": \"bob@ispb.example\"}]", SC_MAX_COPIES);
	char name[64];
	snprintf(name, sizeof name, "mailbox=%d", SC_MAX_COPIES);
	bench_cliffs_case(name, bench_cliffs_world(box, 3600, 0));

	struct scenario *sc = bench_cliffs_world(
		"[{\"at\": 1, \"do\": \"send\", \"id\": \"m1\", \"user\": \"alice@ispa.example\","
		" \"to\": \"bob@ispb.example\"}]", 6 * 86400, 1);
	bench_cliffs_case("retry_min=1,dead_mx,5_days", sc);
}
