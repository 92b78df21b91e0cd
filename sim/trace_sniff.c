/* trace_sniff — TR_SNIFF in the kind table (see trace_sniff.h). */
#include "trace_sniff.h"

#include <stdio.h>

#include "i18n.h"
#include "narrate.h"
#include "scenario.h"
#include "util.h"

const char *const trace_sniff_variants[] = { "syn", "clear", "clear.password", "clear.digest",
                                             "handshake", "tls", NULL };

#define TRACE_SNIFF_EPHEMERAL 49152

uint16_t trace_sniff_client_port(int conn)
{
	return (uint16_t)(TRACE_SNIFF_EPHEMERAL + (conn < 0 ? 0 : conn) % 16384);
}

static const char *trace_sniff_what(const struct trace_sniff *f)
{
	return f->what < TRACE_SNIFF_COUNT ? trace_sniff_what_names[f->what] : "?";
}

const char *trace_sniff_variant(const struct trace_rec *r, char *buf, size_t bufsz)
{
	const struct trace_sniff *f = &r->u.sniff;
	if (f->what == TRACE_SNIFF_CLEAR && f->secret > TRACE_SNIFF_NOTHING &&
	    f->secret < TRACE_SNIFF_SECRET_COUNT) {
		snprintf(buf, bufsz, "clear.%s", trace_sniff_secret_names[f->secret]);
		return buf;
	}
	return trace_sniff_what(f);
}

void trace_sniff_endpoint(const struct trace_sniff *f, int src, char out[24])
{
	char ip[16];
	scenario_format_ipv4(src ? f->src : f->dst, ip);
	snprintf(out, 24, "%s:%u", ip, (unsigned)(src ? f->sport : f->dport));
}

void trace_sniff_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct trace_sniff *f = &r->u.sniff;
	const struct scenario *sc = narrate_arg_scenario(a);
	const char *who = "?";
	if (f->sniffer >= 0 && f->sniffer < sc->nsniffers) {
		const struct sc_sniffer *x = &sc->sniffers[f->sniffer];
		const char *l = sc_text_get(&x->label, (int)i18n_lang(narrate_arg_catalog(a)));
		who = l && *l ? l : x->id;
	}
	char ep[24];
	narrate_arg(a, "sniffer", who);
	trace_sniff_endpoint(f, 1, ep);
	narrate_argf(a, "src", "%s", ep);
	trace_sniff_endpoint(f, 0, ep);
	narrate_argf(a, "dst", "%s", ep);
	narrate_argf(a, "bytes", "%u", (unsigned)f->bytes);
	narrate_arg(a, "text", f->text ? f->text : "");
}

void trace_sniff_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	const struct trace_sniff *f = &r->u.sniff;
	char ep[24];
	if (f->sniffer >= 0 && f->sniffer < sc->nsniffers && sc->sniffers[f->sniffer].id) {
		sbuf_adds(o, ",\"sniffer\":");
		sbuf_add_json_str(o, sc->sniffers[f->sniffer].id);
	}
	sbuf_addf(o, ",\"seen\":\"%s\",\"dir\":\"%s\"", trace_sniff_what(f),
	          f->to_server ? "to_server" : "to_client");
	trace_sniff_endpoint(f, 1, ep);
	sbuf_addf(o, ",\"src\":\"%s\"", ep);
	trace_sniff_endpoint(f, 0, ep);
	sbuf_addf(o, ",\"dst\":\"%s\",\"bytes\":%u", ep, (unsigned)f->bytes);
	if (f->text) {
		sbuf_adds(o, ",\"text\":");
		sbuf_add_json_str(o, f->text);
	}
	if (f->secret > TRACE_SNIFF_NOTHING && f->secret < TRACE_SNIFF_SECRET_COUNT)
		sbuf_addf(o, ",\"gives_away\":\"%s\"", trace_sniff_secret_names[f->secret]);
}

void trace_sniff_match(const struct trace_rec *r, int *code, const char **cmd)
{
	const struct trace_sniff *f = &r->u.sniff;
	/* The server's port: "the handshake on 995" is one selector. */
	*code = f->to_server ? f->dport : f->sport;
	*cmd = f->secret > TRACE_SNIFF_NOTHING && f->secret < TRACE_SNIFF_SECRET_COUNT
	     ? trace_sniff_secret_names[f->secret] : trace_sniff_what(f);
}
