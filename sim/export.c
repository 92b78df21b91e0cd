/* export — JSON-lines trace records and .eml mailbox files. */
#include "export.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "simint.h"

static const char *export_node(const struct sim *s, int node)
{
	return node >= 0 ? scenario_node_id(s->sc, node) : NULL;
}

static void export_key_str(struct sbuf *o, const char *k, const char *v)
{
	if (!v)
		return;
	sbuf_addf(o, ",\"%s\":", k);
	sbuf_add_json_str(o, v);
}

/* The record's own members, without the copy of the message. */
static void export_record_head(const struct sim *s, const struct trace_rec *r, struct sbuf *o)
{
	sbuf_addf(o, "{\"seq\":%llu,\"t\":%lld.%06lld,\"type\":\"%s\"", (unsigned long long)r->seq,
	          (long long)(r->t / 1000000), (long long)(r->t % 1000000),
	          trace_kind_names[r->kind]);
	sbuf_adds(o, ",\"node\":");
	sbuf_add_json_str(o, export_node(s, r->node));
	export_key_str(o, "peer", export_node(s, r->peer));
	if (r->role >= 0)
		export_key_str(o, "role", role_names[r->role]);
	if (r->origin != TRACE_ORIGIN_NONE && r->origin < TRACE_ORIGIN_COUNT)
		export_key_str(o, "origin", trace_origin_names[r->origin]);
	export_key_str(o, "msg", r->tag);
	if (r->conn >= 0)
		sbuf_addf(o, ",\"conn\":%d", r->conn);
	if (r->port)
		sbuf_addf(o, ",\"port\":%d", r->port);
	if (r->tls)
		sbuf_adds(o, ",\"tls\":true");
	if (r->t_sent != r->t)
		sbuf_addf(o, ",\"t_sent\":%lld.%06lld", (long long)(r->t_sent / 1000000),
		          (long long)(r->t_sent % 1000000));
	if (trace_kinds[r->kind].json)
		trace_kinds[r->kind].json(s->sc, r, o);
}

/* "envelope" and "headers" of copy m. */
static void export_copy(const struct msg *m, struct sbuf *o)
{
	sbuf_adds(o, ",\"envelope\":{\"mail_from\":");
	sbuf_add_json_str(o, m->mail_from ? m->mail_from : "");
	sbuf_adds(o, ",\"rcpt_to\":[");
	for (int i = 0; i < m->nrcpt; i++) {
		if (i)
			sbuf_addc(o, ',');
		sbuf_add_json_str(o, m->rcpt[i]);
	}
	sbuf_adds(o, "]},\"headers\":[");
	struct sbuf tmp = { 0 };
	for (int i = 0; i < m->nfields; i++) {
		size_t nl, vl;
		const char *n = msg_field_name(m, i, &nl);
		const char *v = msg_field_value(m, i, &vl);
		sbuf_adds(o, i ? ",[" : "[");
		sbuf_reset(&tmp);
		sbuf_add(&tmp, n, nl);
		sbuf_add_json_str(o, tmp.s);
		sbuf_addc(o, ',');
		sbuf_reset(&tmp);
		sbuf_add(&tmp, v, vl);
		sbuf_add_json_str(o, tmp.s ? tmp.s : "");
		sbuf_addc(o, ']');
	}
	sbuf_free(&tmp);
	sbuf_addc(o, ']');
}

void export_trace_json(const struct sim *s, const struct trace_rec *r, const struct msg *m,
                       struct sbuf *o)
{
	export_record_head(s, r, o);
	if (m)
		export_copy(m, o);
	sbuf_addc(o, '}');
}

/* ---- the JSON-lines writer: each copy of a message written once ---- */

struct export_json_seen {
	uint64_t hash;            /* of the copy last written for this message */
	uint64_t seq;             /* the record that carries it */
	const struct msg *m;      /* and a quick check for the same object unchanged */
	int nfields, nrcpt;
	uint32_t hdr_len;
};

struct export_json {
	const struct sim *s;
	struct export_json_seen *seen;   /* per ledger entry */
	size_t nseen;
};

struct export_json *export_json_new(const struct sim *s)
{
	struct export_json *j = xcalloc(1, sizeof *j);
	j->s = s;
	return j;
}

void export_json_free(struct export_json *j)
{
	if (!j)
		return;
	free(j->seen);
	free(j);
}

static uint64_t export_hash(uint64_t h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	return (h ^ 0xFF) * 1099511628211ULL;   /* a separator no text byte can fake */
}

static uint64_t export_copy_hash(const struct msg *m)
{
	uint64_t h = 1469598103934665603ULL;
	const char *mf = m->mail_from ? m->mail_from : "";
	h = export_hash(h, mf, strlen(mf));
	for (int i = 0; i < m->nrcpt; i++)
		h = export_hash(h, m->rcpt[i], strlen(m->rcpt[i]));
	for (int i = 0; i < m->nfields; i++) {
		size_t nl, vl;
		const char *n = msg_field_name(m, i, &nl);
		const char *v = msg_field_value(m, i, &vl);
		h = export_hash(h, n, nl);
		h = export_hash(h, v, vl);
	}
	return h;
}

void export_json_record(struct export_json *j, const struct trace_rec *r, const struct msg *m,
                        struct sbuf *o)
{
	export_record_head(j->s, r, o);
	if (m && m->ledger >= 0) {
		if ((size_t)m->ledger >= j->nseen) {
			size_t n = (size_t)m->ledger + 64;
			j->seen = xrealloc(j->seen, n * sizeof *j->seen);
			memset(j->seen + j->nseen, 0, (n - j->nseen) * sizeof *j->seen);
			j->nseen = n;
		}
		struct export_json_seen *e = &j->seen[m->ledger];
		int same_object = e->seq && e->m == m && e->nfields == m->nfields &&
		                  e->nrcpt == m->nrcpt && e->hdr_len == m->hdr_len;
		uint64_t h = same_object ? e->hash : export_copy_hash(m);
		if (e->seq && h == e->hash) {
			/* Unchanged since that record: point at it instead of
			 * repeating a header that may be thousands of recipients long. */
			sbuf_addf(o, ",\"copy_seq\":%llu", (unsigned long long)e->seq);
		} else {
			export_copy(m, o);
			e->hash = h;
			e->seq = r->seq;
		}
		e->m = m;
		e->nfields = m->nfields;
		e->nrcpt = m->nrcpt;
		e->hdr_len = m->hdr_len;
	} else if (m) {
		export_copy(m, o);
	}
	sbuf_addc(o, '}');
}

static int export_mkdirs(const char *path, FILE *err)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
		goto fail;
	return 0;
fail:
	if (err)
		fprintf(err, "%s: cannot create directory: %s\n", tmp, strerror(errno));
	return -1;
}

static int export_folder(const struct mfolder *f, const char *dir, FILE *err)
{
	if (f->n && export_mkdirs(dir, err) < 0)
		return -1;
	for (int k = 0; k < f->n; k++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/%d.eml", dir, k + 1);
		size_t len;
		char *text = msg_serialize(f->items[k].m, &len);
		FILE *o = fopen(path, "wb");
		if (!o || fwrite(text, 1, len, o) != len || fclose(o) != 0) {
			if (err)
				fprintf(err, "%s: cannot write: %s\n", path, strerror(errno));
			free(text);
			return -1;
		}
		free(text);
	}
	return f->n;
}

int export_eml_dir(const struct sim *s, const char *dir, FILE *err)
{
	int total = 0;
	for (int u = 0; u < s->sc->nusers; u++) {
		char sub[4096];
		for (int f = 0; f <= MBOX_FOLDER_COUNT; f++) {
			const struct mfolder *fo = f < MBOX_FOLDER_COUNT ? &s->mbox[u].f[f]
			                                                 : &s->mbox[u].fetched;
			snprintf(sub, sizeof sub, "%s/%s/%s", dir, s->sc->users[u].address,
			         f < MBOX_FOLDER_COUNT ? trace_folder_names[f] : "MUA");
			int n = export_folder(fo, sub, err);
			if (n < 0)
				return -1;
			total += n;
		}
	}
	return total;
}
