/* fuzz_trace — libFuzzer target for the JSON trace writer: a record of any
 * kind with any bytes in its strings, and a message parsed from the same
 * bytes, must come out as one line of valid JSON in valid UTF-8 (Python and
 * jq read the trace).  The first byte picks the kind, the second the
 * origin; the rest, split at NUL bytes, fills the payload's strings.  Reads
 * lesson 01 once for node names: run from the top directory. */
#include <cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "sim.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct scenario *fuzz_trace_sc;
static struct sim *fuzz_trace_sim;
static struct export_json *fuzz_trace_writer;

static int fuzz_trace_utf8_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = util_utf8_len((const unsigned char *)s + i, n - i);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_trace_sc) {
		fuzz_trace_sc = scenario_load("scenarios/01-basic-flow.json", stderr);
		if (!fuzz_trace_sc)
			abort();
		fuzz_trace_sim = sim_new(fuzz_trace_sc, NULL);
		fuzz_trace_writer = export_json_new(fuzz_trace_sim);
	}
	if (size < 2)
		return 0;
	struct trace_rec r;
	memset(&r, 0, sizeof r);
	r.kind = (enum trace_kind)(data[0] % TR_KIND_COUNT);
	r.origin = (uint8_t)(data[1] % TRACE_ORIGIN_COUNT);
	r.seq = 1;
	r.node = data[0] % 4;
	r.peer = (int)(data[1] % 6) - 1;
	r.msg = -1;
	r.conn = -1;
	r.role = -1;
	r.port = 25;
	/* Numbers and indices from the same bytes, kept in range (first: the
	 * payload is a union, its strings go in last). */
	if (r.kind == TR_BLOCKED || r.kind == TR_REFUSED || r.kind == TR_TIMEOUT)
		r.u.stop = (struct trace_stop){ (int)(data[1] % 3) - 1, 0, (uint8_t)(data[0] % 3) };
	if (r.kind == TR_MUA_ERROR)
		r.u.error.stop = (struct trace_stop){ (int)(data[1] % 3) - 1, 0, (uint8_t)(data[0] % 3) };
	if (r.kind == TR_DELIVER || r.kind == TR_FETCHED || r.kind == TR_MARK)
		r.u.box = (struct trace_box){ data[1] % 2, (uint8_t)(data[0] % 2), 1 };
	if (r.kind == TR_RULE)
		r.u.toggle = (struct trace_toggle){ data[1] % 2, 0, 1 };
	if (r.kind == TR_SPF) {
		r.u.spf.check = (uint8_t)(data[1] % TRACE_SPF_COUNT);
		r.u.spf.result = (uint8_t)(data[0] % 7);
	}
	if (r.kind == TR_STATE) {
		r.u.state.from = (uint8_t)(data[1] % LS_COUNT);
		r.u.state.to = (uint8_t)(data[0] % LS_COUNT);
	}
	/* Strings: NUL-separated pieces of the rest, one per payload string. */
	char *text = xmalloc(size - 1);
	memcpy(text, data + 2, size - 2);
	text[size - 2] = '\0';
	char *p = text, *end = text + (size - 2);
	const struct trace_kind_desc *d = &trace_kinds[r.kind];
	for (size_t i = 0; i < sizeof d->strings / sizeof *d->strings && d->strings[i]; i++) {
		const char **f = (const char **)(void *)((char *)&r + d->strings[i]);
		*f = p;
		p += strlen(p);
		if (p < end)
			p++;
	}
	r.tag = p;
	char err[64];
	struct msg *m = msg_parse((const char *)data + 2, size - 2, err, sizeof err);
	if (m) {
		m->ledger = data[1] % 3;
		msg_set_mail_from(m, text);
		msg_add_rcpt(m, p);
	}
	/* Both writers: the plain one, and the run's, which may refer back. */
	for (int w = 0; w < 2; w++) {
		struct sbuf out = { 0 };
		if (w == 0)
			export_trace_json(fuzz_trace_sim, &r, m, &out);
		else
			export_json_record(fuzz_trace_writer, &r, m, &out);
		if (!fuzz_trace_utf8_ok(out.s, out.len))
			abort();
		cJSON *j = cJSON_ParseWithLength(out.s, out.len);
		if (!j || !cJSON_IsObject(j))
			abort();
		cJSON_Delete(j);
		sbuf_free(&out);
	}
	msg_free(m);
	free(text);
	return 0;
}
