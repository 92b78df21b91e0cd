/* scenario_train — a user's spam filter as the lesson file sets it up:
 * "filter": { "ham": [FILE …], "spam": [FILE …] }, each FILE one mail
 * (.eml) or an mbox of several, named relative to the lesson file and read
 * whole while loading, so that a run never touches the disk. */
#include <stdio.h>
#include <string.h>

#include "mbox.h"
#include "msg.h"
#include "scenario_script.h"

/* A training file is a handful of mails written for a lesson. */
#define SCENARIO_TRAIN_MAX_FILE (8u << 20)
#define SCENARIO_TRAIN_MAX_MAILS 100000

struct scenario_train_file {
	struct scenario_ctx *c;
	struct sc_user *u;
	const char *path;      /* the whole path as a JSON string, for messages */
	int spam;
	int cap;
};

/* Read the file name (relative to the lesson) into text, and its whole
 * path quoted into quoted (the caller frees both); 0, or -1 after
 * reporting at the current path. */
static int scenario_train_read(struct scenario_ctx *c, const char *name, struct sbuf *text,
                               struct sbuf *quoted)
{
	if (scenario_json_read_file(c, NULL, name, "mail or mbox file", SCENARIO_TRAIN_MAX_FILE, text,
	                            quoted) != 0)
		return -1;
	if (text->len == 0) {
		scenario_json_fail(c, "expected at least one mail in %s, found an empty file", quoted->s);
		return -1;
	}
	return 0;
}

/* One mail of a training file: it must read as RFC 5322 (what a teacher
 * wrote by hand may not), then it is kept as it is. */
static int scenario_train_mail(void *ud, const char *data, size_t len, int index)
{
	struct scenario_train_file *tf = ud;
	struct sc_user *u = tf->u;
	char err[160];
	size_t rest = 0;
	const char *text = mbox_body(data, len, &rest);
	struct msg *m = msg_parse(text, rest, err, sizeof err);
	if (!m) {
		scenario_json_fail(tf->c, "expected an RFC 5322 message as mail %d of %s, found %s",
		                   index + 1, tf->path, err);
		return -1;
	}
	msg_free(m);
	if (u->ntrain == SCENARIO_TRAIN_MAX_MAILS) {
		scenario_json_fail(tf->c, "expected at most %d training mails, found more",
		                   SCENARIO_TRAIN_MAX_MAILS);
		return -1;
	}
	if (u->ntrain == tf->cap) {
		tf->cap = tf->cap ? tf->cap * 2 : 16;
		u->train = xrealloc(u->train, (size_t)tf->cap * sizeof *u->train);
	}
	struct sc_train *t = &u->train[u->ntrain++];
	t->data = xstrndup(data, len);
	t->len = len;
	t->spam = tf->spam;
	return 0;
}

void scenario_train_user(struct scenario_ctx *c, const cJSON *obj, struct sc_user *u)
{
	static const char *const keys[] = { "ham", "spam", NULL };
	static const char *const classes[] = { "ham", "spam" };
	const cJSON *v = scenario_json_item(c, obj, "filter", 0);
	if (!v)
		return;
	size_t old = scenario_json_push(c, "filter");
	if (!scenario_json_keys(c, v, keys)) {
		scenario_json_pop(c, old);
		return;
	}
	if (u->mailbox_host < 0 && u->address)
		scenario_json_fail(c, "expected a user whose mailbox is kept by a host of the lesson "
		                   "(the MDA runs the filter), found %s with none", u->address);
	u->filter = 1;
	struct scenario_train_file tf = { .c = c, .u = u };
	for (int cls = 0; cls < 2; cls++) {
		char **files = NULL;
		int n = 0;
		int nerr = c->nerr;
		scenario_json_strs(c, v, classes[cls], 1, 0, &files, &n);
		for (int k = 0; k < n && c->nerr == nerr; k++) {
			size_t o1 = scenario_json_push(c, classes[cls]);
			size_t o2 = scenario_json_push_i(c, k);
			struct sbuf text = { 0 }, quoted;
			if (scenario_train_read(c, files[k], &text, &quoted) == 0) {
				tf.path = quoted.s;
				tf.spam = cls;
				mbox_each(text.s, text.len, scenario_train_mail, &tf);
			}
			sbuf_free(&quoted);
			sbuf_free(&text);
			scenario_json_pop(c, o2);
			scenario_json_pop(c, o1);
		}
		for (int k = 0; k < n; k++)
			free(files[k]);
		free(files);
	}
	scenario_json_pop(c, old);
}
