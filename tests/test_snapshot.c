/* test_snapshot — a run resumed from a timeline snapshot is the run from
 * the start: on every lesson, going back (or jumping) to events spread over
 * the run and playing on to the end gives the same trace, ledger, message
 * copies and connections as one straight run, record for record.  Lessons
 * 11 and 13 take S/MIME, DKIM and DMARC through the copy; snapshots every
 * few events land in the middle of SMTP sessions, S/MIME steps and a
 * receiving server's checks. */
#include <criterion/criterion.h>

#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "sim.h"
#include "test_util.h"
#include "util.h"

/* Every lesson in scenarios/, each a test below. */
static const char *const test_snapshot_lessons[] = {
	"01-basic-flow.json", "01b-agents.json", "02-op25b.json", "03-ip25b.json", "04-submission-587-465.json",
	"05-envelope-bcc-forward.json", "06-bounce-backscatter.json", "07-spoofing-spf.json",
	"08-open-relay.json", "09-botnet-scale.json", "10-mx-backup.json", "11-smime.json",
	"12-bayes-learning.json", "13-dkim-dmarc.json", "14-secure-retrieval.json",
};

static char *test_snapshot_json(const struct sim *s, const struct trace_rec *r)
{
	struct sbuf o = { 0 };
	export_trace_json(s, r, NULL, &o);
	return sbuf_take(&o);
}

/* Every record, every field (as the JSON trace writes it), and its event. */
static void test_snapshot_same_trace(const char *what, const struct sim *a, const struct sim *b)
{
	size_t na, nb;
	const struct trace_rec *ta = sim_trace(a, &na), *tb = sim_trace(b, &nb);
	cr_assert_eq(na, nb, "%s: trace lengths %zu and %zu", what, na, nb);
	for (size_t i = 0; i < na; i++) {
		cr_assert(ta[i].seq == tb[i].seq && ta[i].event == tb[i].event &&
		          ta[i].t_sent == tb[i].t_sent, "%s: record %zu", what, i);
		char *x = test_snapshot_json(a, &ta[i]), *y = test_snapshot_json(b, &tb[i]);
		cr_assert_str_eq(x, y, "%s: record %zu", what, i);
		free(x);
		free(y);
	}
}

static int test_snapshot_str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void test_snapshot_same_ledger(const char *what, const struct sim *a, const struct sim *b)
{
	cr_assert_eq(sim_ledger_count(a), sim_ledger_count(b), "%s: ledger", what);
	for (size_t i = 0; i < sim_ledger_count(a); i++) {
		const struct ledger_entry *x = sim_ledger(a, i), *y = sim_ledger(b, i);
		cr_assert(!strcmp(x->tag, y->tag) && x->nrcpts == y->nrcpts &&
		          test_snapshot_str_eq(x->subject, y->subject), "%s: entry %zu", what, i);
		/* Found by its tag (a bounce's name, a mark, the window's
		 * selection), in a run resumed from a snapshot too. */
		cr_assert(sim_ledger_find(a, x->tag) == (int)i && sim_ledger_find(b, y->tag) == (int)i,
		          "%s: entry %zu not found by its tag %s", what, i, x->tag);
		for (int k = 0; k < x->nrcpts; k++) {
			const struct ledger_rcpt *p = &x->rcpts[k], *q = &y->rcpts[k];
			cr_assert(p->state == q->state && p->node == q->node && p->code == q->code &&
			          p->received == q->received && p->spam == q->spam &&
			          test_snapshot_str_eq(p->cur, q->cur) &&
			          test_snapshot_str_eq(p->folder, q->folder) &&
			          test_snapshot_str_eq(p->reason, q->reason),
			          "%s: %s to %s", what, x->tag, p->addr);
		}
	}
}

/* Every copy of every message, byte for byte, and every open connection
 * with the line on its wire. */
static void test_snapshot_same_state(const char *what, const struct sim *a, const struct sim *b)
{
	cr_assert_eq(sim_now(a), sim_now(b), "%s: clock", what);
	cr_assert_eq(sim_events_done(a), sim_events_done(b), "%s: events", what);
	cr_assert_eq(sim_events_pending(a), sim_events_pending(b), "%s: pending", what);
	size_t nc = sim_copy_count(a);
	cr_assert_eq(nc, sim_copy_count(b), "%s: copies", what);
	struct sim_copy *ca = xcalloc(nc + 1, sizeof *ca), *cb = xcalloc(nc + 1, sizeof *cb);
	sim_copy_list(a, ca, nc);
	sim_copy_list(b, cb, nc);
	for (size_t i = 0; i < nc; i++) {
		cr_assert(ca[i].holder == cb[i].holder && ca[i].node == cb[i].node &&
		          ca[i].conn == cb[i].conn, "%s: copy %zu", what, i);
		char *x = msg_serialize(ca[i].m, NULL), *y = msg_serialize(cb[i].m, NULL);
		cr_assert_str_eq(x, y, "%s: copy %zu", what, i);
		free(x);
		free(y);
	}
	free(ca);
	free(cb);
	size_t nk = sim_conn_count(a);
	cr_assert_eq(nk, sim_conn_count(b), "%s: connections", what);
	struct sim_conn *ka = xcalloc(nk + 1, sizeof *ka), *kb = xcalloc(nk + 1, sizeof *kb);
	sim_conn_list(a, ka, nk);
	sim_conn_list(b, kb, nk);
	for (size_t i = 0; i < nk; i++)
		cr_assert(ka[i].id == kb[i].id && ka[i].msg == kb[i].msg &&
		          ka[i].in_flight == kb[i].in_flight && ka[i].t_arrive == kb[i].t_arrive &&
		          test_snapshot_str_eq(ka[i].line, kb[i].line) && ka[i].npath == kb[i].npath,
		          "%s: connection %zu", what, i);
	free(ka);
	free(kb);
	test_snapshot_same_ledger(what, a, b);
}

/* Go to event k on tl (from wherever it is), compare with a straight run
 * of k events, then play both to the end and compare again. */
static void test_snapshot_at(const char *name, const struct scenario *sc, struct timeline *tl,
                             size_t k)
{
	char what[160];
	snprintf(what, sizeof what, "%s at event %zu", name, k);
	timeline_goto(tl, k);
	cr_assert_eq(timeline_pos(tl), k, "%s", what);
	struct sim *straight = sim_new(sc, NULL);
	if (k)
		cr_assert_eq(sim_run(straight, k), k, "%s", what);
	test_snapshot_same_state(what, timeline_sim(tl), straight);
	test_snapshot_same_trace(what, timeline_sim(tl), straight);
	snprintf(what, sizeof what, "%s from event %zu to the end", name, k);
	timeline_run_until(tl, sc->until_us);
	sim_run_until(straight, sc->until_us);
	test_snapshot_same_state(what, timeline_sim(tl), straight);
	test_snapshot_same_trace(what, timeline_sim(tl), straight);
	sim_free(straight);
}

static void test_snapshot_lesson(const char *name, size_t every)
{
	struct scenario *sc = test_util_lesson(name);
	struct timeline *tl = timeline_new(sc, NULL);
	timeline_set_every(tl, every);
	timeline_run_until(tl, sc->until_us);
	size_t end = timeline_pos(tl), snaps = timeline_snapshots(tl, NULL);
	cr_assert_gt(end, 20, "%s does something", name);
	cr_assert_gt(snaps, 2, "%s: snapshots were taken (%zu)", name, snaps);
	/* Back from the end to points before, on and after snapshots; a jump
	 * forward from the start over many of them. */
	size_t at[] = { end - 1, end / 2 + 3, end / 3, every, every + 1, 1, end / 5 * 4 };
	for (size_t i = 0; i < sizeof at / sizeof *at; i++)
		test_snapshot_at(name, sc, tl, at[i]);
	timeline_restart(tl);
	test_snapshot_at(name, sc, tl, end - 2);
	timeline_free(tl);
	scenario_free(sc);
}

#define TEST_SNAPSHOT(id, file, every) \
	Test(snapshot, id) { test_snapshot_lesson(file, every); }

TEST_SNAPSHOT(lesson01, "01-basic-flow.json", 16)
TEST_SNAPSHOT(lesson01b, "01b-agents.json", 16)
TEST_SNAPSHOT(lesson02, "02-op25b.json", 16)
TEST_SNAPSHOT(lesson03, "03-ip25b.json", 16)
TEST_SNAPSHOT(lesson04, "04-submission-587-465.json", 16)
TEST_SNAPSHOT(lesson05, "05-envelope-bcc-forward.json", 16)
TEST_SNAPSHOT(lesson06, "06-bounce-backscatter.json", 16)
TEST_SNAPSHOT(lesson07, "07-spoofing-spf.json", 16)
TEST_SNAPSHOT(lesson08, "08-open-relay.json", 16)
TEST_SNAPSHOT(lesson09, "09-botnet-scale.json", 2000)
TEST_SNAPSHOT(lesson10, "10-mx-backup.json", 16)
TEST_SNAPSHOT(lesson11_smime, "11-smime.json", 3)
TEST_SNAPSHOT(lesson12, "12-bayes-learning.json", 16)
TEST_SNAPSHOT(lesson13_dkim_dmarc, "13-dkim-dmarc.json", 3)
TEST_SNAPSHOT(lesson14_retrieval, "14-secure-retrieval.json", 5)

Test(snapshot, every_lesson_is_tested_here)
{
	glob_t g;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &g), 0, "run from the top directory");
	size_t n = sizeof test_snapshot_lessons / sizeof *test_snapshot_lessons;
	cr_expect_eq(g.gl_pathc, n, "a lesson in scenarios/ without a snapshot test");
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *base = strrchr(g.gl_pathv[i], '/') + 1;
		int found = 0;
		for (size_t k = 0; k < n; k++)
			found |= !strcmp(base, test_snapshot_lessons[k]);
		cr_expect(found, "%s has no snapshot test", base);
	}
	globfree(&g);
}

/* Snapshots every 3 events on the S/MIME lesson: going back one event at a
 * time from the end visits a copy made at every kind of moment. */
Test(snapshot, lesson11_every_event_back_from_the_end)
{
	struct scenario *sc = test_util_lesson("11-smime.json");
	struct timeline *tl = timeline_new(sc, NULL);
	timeline_set_every(tl, 3);
	timeline_run_until(tl, sc->until_us);
	size_t end = timeline_pos(tl);
	struct sim *straight = sim_new(sc, NULL);
	sim_run(straight, end);
	for (size_t k = end; k-- > 0;) {
		cr_assert_eq(timeline_back(tl), 1);
		sim_free(straight);
		straight = sim_new(sc, NULL);
		if (k)
			sim_run(straight, k);
		char what[64];
		snprintf(what, sizeof what, "lesson 11 back to %zu", k);
		test_snapshot_same_state(what, timeline_sim(tl), straight);
	}
	sim_free(straight);
	timeline_free(tl);
	scenario_free(sc);
}

/* A run resumed from a snapshot holds the snapshot's messages (queued
 * copies, stored mails) until it changes one: then it takes its own copy.
 * Resume the snapshot at event k, act on every stored mail (flip its
 * folder by a mark, fetch each mailbox so POP3 deletes or IMAP flags
 * what it took) and play on to the end; going back before k, to the
 * snapshots and between them, must still give the straight run's state, byte for
 * byte, and the acting run must show its own changes. */
static void test_snapshot_acting(const char *name, size_t every)
{
	struct scenario *sc = test_util_lesson(name);
	struct timeline *tl = timeline_new(sc, NULL);
	timeline_set_every(tl, every);
	timeline_run_until(tl, sc->until_us);
	size_t end = timeline_pos(tl);
	timeline_snapshots(tl, &every);   /* doubled if the run kept too many */
	/* The last snapshot with mail stored (the fetches of lesson 14 empty
	 * the boxes again), past the first. */
	size_t k = end * 3 / 4 / every * every, n = 0, nrec_k, nmarks = 0;
	struct sim *s = NULL;
	for (; k > every; k -= every) {
		timeline_goto(tl, k);
		s = timeline_sim(tl);
		n = sim_copy_count(s);
		struct sim_copy c;
		for (size_t i = 0; i < n && !nmarks; i++)
			nmarks += !sim_copy_get(s, i, &c) && c.holder == HOLD_MAILBOX;
		if (nmarks)
			break;
	}
	cr_assert_gt(nmarks, 0, "%s: stored mails at a snapshot past the first", name);
	nmarks = 0;
	sim_trace(s, &nrec_k);
	struct sim_copy *cp = xcalloc(n + 1, sizeof *cp);
	int (*mark)[3] = xcalloc(n + 1, sizeof *mark);   /* user, ledger entry, spam */
	sim_copy_list(s, cp, n);
	for (size_t i = 0; i < n; i++)
		if (cp[i].holder == HOLD_MAILBOX) {
			int *m = mark[nmarks++];
			m[0] = scenario_find_user(sc, cp[i].mailbox);
			m[1] = cp[i].m->ledger;
			m[2] = strcmp(cp[i].folder, "Junk") != 0;
		}
	free(cp);
	for (size_t i = 0; i < nmarks; i++)
		cr_assert_eq(timeline_mark_spam(tl, mark[i][0], mark[i][1], mark[i][2]), 0, "%s: mark", name);
	free(mark);
	for (int u = 0; u < sc->nusers; u++)
		timeline_fetch(tl, u);   /* a user without a mail program refuses: fine */
	timeline_run_until(tl, sc->until_us);
	size_t nt, marks_seen = 0;
	const struct trace_rec *tr = sim_trace(timeline_sim(tl), &nt);
	for (size_t i = nrec_k; i < nt; i++)
		marks_seen += tr[i].kind == TR_MARK;
	cr_assert_geq(marks_seen, nmarks, "%s: the acting run made its marks", name);
	/* The actions belong to event k: the snapshot there and the ones
	 * before show the run without them. */
	size_t back[] = { k - 1, k - every, k - every / 2 };
	for (size_t i = 0; i < sizeof back / sizeof *back; i++) {
		char what[160];
		snprintf(what, sizeof what, "%s back to event %zu after acting at %zu", name, back[i], k);
		timeline_goto(tl, back[i]);
		struct sim *straight = sim_new(sc, NULL);
		cr_assert_eq(sim_run(straight, back[i]), back[i], "%s", what);
		test_snapshot_same_state(what, timeline_sim(tl), straight);
		test_snapshot_same_trace(what, timeline_sim(tl), straight);
		sim_free(straight);
	}
	timeline_free(tl);
	scenario_free(sc);
}

Test(snapshot, a_resumed_run_that_marks_and_fetches_leaves_the_snapshots_alone_lesson12)
{
	test_snapshot_acting("12-bayes-learning.json", 16);
}

Test(snapshot, a_resumed_run_that_marks_and_fetches_leaves_the_snapshots_alone_lesson14)
{
	test_snapshot_acting("14-secure-retrieval.json", 5);
}

Test(snapshot, a_resumed_run_that_marks_leaves_the_queued_copies_alone_lesson09)
{
	test_snapshot_acting("09-botnet-scale.json", 2000);
}
