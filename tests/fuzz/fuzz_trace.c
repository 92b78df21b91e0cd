/* fuzz_trace — libFuzzer target for every kind's readers and writers in the
 * kind table: a record of any kind with any bytes in its strings, and a
 * message parsed from the same bytes, must come out as one line of valid
 * JSON in valid UTF-8 (Python and jq read the trace), and be told by the
 * narrator and the window's event list in both languages, matched against
 * captions and judged as a check of the sender, without a crash.  The
 * first byte picks the kind (and, divided by the kind count, a second
 * selector), the second the origin and the payload's numbers and enums
 * (some out of range on purpose); the rest, split at NUL bytes, fills the
 * payload's strings.  Reads lesson 14 (it has sniffers) and the catalogs
 * once: run from the top directory. */
#include <cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dkim.h"
#include "dmarc.h"
#include "export.h"
#include "i18n.h"
#include "narrate.h"
#include "sim.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct scenario *fuzz_trace_sc;
static struct sim *fuzz_trace_sim;
static struct export_json *fuzz_trace_writer;
static struct i18n *fuzz_trace_cat[LANG_COUNT];

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

/* The payload's numbers and enums from the selectors a (the second byte)
 * and b (the first byte over the kind count): in range mostly, one past
 * the end or -1 sometimes, as a broken record would be. */
static void fuzz_trace_numbers(struct trace_rec *r, unsigned a, unsigned b)
{
	int idx = (int)(a % 5) - 1;   /* -1 .. 3: absent, in range, past the end */
	switch (r->kind) {
	case TR_BLOCKED: case TR_REFUSED: case TR_TIMEOUT:
		r->u.stop = (struct trace_stop){ idx, (int)(b % 3) - 1, (uint8_t)(a % 4) };
		break;
	case TR_MUA_ERROR:
		r->u.error = (struct trace_error){ .fetch = (uint8_t)(b % 2), .gone = (uint8_t)(b / 2 % 2),
			.code = 400 + (int)a,
			.stop = { idx, 0, (uint8_t)(b % 3) } };
		break;
	case TR_CMD: case TR_REPLY:
		r->u.line.code = a % 3 ? 200 + (int)a * 2 : (int)(b % 2);
		r->u.line.bytes = a * 97u;
		r->proto = (uint8_t)(b % PROTO_COUNT);
		break;
	case TR_QUEUED:
		r->u.queued.how = (uint8_t)(a % (TRACE_TAKE_COUNT + 1));
		break;
	case TR_DELIVER: case TR_FETCHED: case TR_MARK:
		r->u.box = (struct trace_box){ idx, (uint8_t)(b % 3), (uint8_t)(a % 2) };
		break;
	case TR_DEFER:
		r->u.defer = (struct trace_defer){ .why = (uint8_t)(a % (TRACE_WHY_COUNT + 1)),
			.code = a % 2 ? 421 : 0, .retry_us = (int64_t)b * 300000000 };
		break;
	case TR_BOUNCE:
		r->u.bounce.why = (uint8_t)(a % (TRACE_BOUNCE_WHY_COUNT + 1));
		break;
	case TR_RULE:
		r->u.toggle = (struct trace_toggle){ idx, (int)(b % 3) - 1, (uint8_t)(a % 2) };
		break;
	case TR_SPF:
		r->u.spf.check = (uint8_t)(a % TRACE_SPF_COUNT);
		r->u.spf.result = (uint8_t)(b % 8);
		break;
	case TR_DNS_QUERY: case TR_DNS_ANSWER:
		r->u.dns.purpose = (uint8_t)(a % (TRACE_DNS_FOR_COUNT + 1));
		r->u.dns.nanswers = (int)(b % 3) - 1;
		break;
	case TR_SMIME:
		r->u.smime = (struct trace_smime){ .step = (uint8_t)(a % (TRACE_SMIME_STEP_COUNT + 1)),
			.more = (uint8_t)(b % 2), .result = (uint8_t)(b % (TRACE_SMIME_V_COUNT + 1)),
			.sig = (uint8_t)(a % 5), .chain = (uint8_t)(b % 5), .from = (uint8_t)(a % 3),
			.dec = (uint8_t)(b % 3), .holds = (uint8_t)(a % 4), .bits = 2048,
			.bytes = a * 13u, .bytes2 = b };
		break;
	case TR_TAMPER:
		r->u.tamper.count = (int)(a % 3);
		r->u.tamper.encrypted = (uint8_t)(b % 2);
		break;
	case TR_STATE:
		r->u.state.from = (uint8_t)(a % (LS_COUNT + 1));
		r->u.state.to = (uint8_t)(b % LS_COUNT);
		break;
	case TR_DKIM_SIGN:
		r->u.dkim_sign = (struct trace_dkim_sign){ .delegated = (uint8_t)(a % 2), .key_bits = 2048 };
		break;
	case TR_DKIM:
		r->u.dkim = (struct trace_dkim){ .status = (uint8_t)(a % (DKIM_STATUS_COUNT + 1)),
			.key = (uint8_t)(b % TRACE_DKIM_STEP_COUNT), .body = (uint8_t)(a % TRACE_DKIM_STEP_COUNT),
			.signature = (uint8_t)((a >> 2) % TRACE_DKIM_STEP_COUNT), .key_bits = 1024 };
		break;
	case TR_DMARC:
		r->u.dmarc = (struct trace_dmarc){ .status = (uint8_t)(a % DMARC_STATUS_COUNT),
			.spf = (uint8_t)(b % SPF_RESULT_COUNT), .spf_aligned = (uint8_t)(a % 2),
			.dkim_aligned = (uint8_t)(b % 2), .dkim_checked = (uint8_t)((a >> 1) % 2),
			.requested = (uint8_t)(a % DMARC_POLICY_COUNT),
			.disposition = (uint8_t)(b % DMARC_POLICY_COUNT),
			.action = (uint8_t)(a % (TRACE_DMARC_ACT_COUNT + 1)),
			.why = (uint8_t)(b % TRACE_DMARC_WHY_COUNT), .local = (uint8_t)(a % SC_DMARC_COUNT),
			.pct = (int)(a % 101) };
		break;
	case TR_FILTER: case TR_LEARN:
		r->u.filter = (struct trace_filter){ .user = idx, .score = (float)(a % 101) / 100.0f,
			.ham_cut = 0.2f, .cut = 0.9f, .verdict = (uint8_t)(b % 4),
			.from = (uint8_t)(a % TRACE_LEARN_COUNT), .learned = (uint8_t)(b % TRACE_LEARN_COUNT),
			.nclues = (uint8_t)(a % (TRACE_FILTER_CLUES + 2)), .ntokens = (uint16_t)a,
			.prob = { 999, 10, 500, 0, 65535 }, .count = { { 1, 2 }, { 3, 0 }, { 0, 7 } } };
		break;
	case TR_SNIFF:
		r->u.sniff = (struct trace_sniff){ .sniffer = idx, .what = (uint8_t)(a % (TRACE_SNIFF_COUNT + 1)),
			.secret = (uint8_t)(b % (TRACE_SNIFF_SECRET_COUNT + 1)), .to_server = (uint8_t)(a % 2),
			.sport = 49152, .dport = 110, .src = 0xcb007114, .dst = 0xc6338c8c, .bytes = a * 7u };
		break;
	default:
		break;
	}
}

/* Every reader of the kind table: both narrations in both languages, the
 * wire text, the caption keys and the sender check's verdict. */
static void fuzz_trace_tell(const struct trace_rec *r)
{
	static const char *const prefixes[] = { NARRATE_PREFIX, "ui.ev" };
	for (int l = 0; l < LANG_COUNT; l++)
		for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
			struct sbuf t = { 0 };
			narrate_tell(fuzz_trace_sc, fuzz_trace_cat[l], prefixes[k], r, &t);
			if (r->kind == TR_CMD || r->kind == TR_REPLY)
				narrate_wire_text(fuzz_trace_cat[l], prefixes[k], r, &t);
			sbuf_free(&t);
		}
	int code;
	const char *cmd;
	trace_match_keys(r, &code, &cmd);
	if (trace_kinds[r->kind].verdict)
		(void)trace_kinds[r->kind].verdict(r);
}

static void fuzz_trace_init(void)
{
	fuzz_trace_sc = scenario_load("scenarios/14-secure-retrieval.json", stderr);
	if (!fuzz_trace_sc)
		abort();
	fuzz_trace_sim = sim_new(fuzz_trace_sc, NULL);
	fuzz_trace_writer = export_json_new(fuzz_trace_sim);
	for (int l = 0; l < LANG_COUNT; l++)
		if (!(fuzz_trace_cat[l] = i18n_load("assets", (enum lang)l, stderr)))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_trace_sc)
		fuzz_trace_init();
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
	r.role = (int)(data[1] % (ROLE_COUNT + 1)) - 1;
	r.port = data[1] % 2 ? 25 : 465;
	r.tls = (uint8_t)(data[0] & 1);
	/* Numbers first: the payload is a union, its strings go in last. */
	fuzz_trace_numbers(&r, data[1], data[0] / TR_KIND_COUNT);
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
	fuzz_trace_tell(&r);
	msg_free(m);
	free(text);
	return 0;
}
