/* dkim_tool — mailsim's DKIM code as a small command for the interop test
 * with an independent verifier (tests/dkim_interop.py drives it against
 * Debian's python3-dkim):
 *
 *   dkim_tool txt KEY.pem
 *       print the DNS TXT record value for the key's public half
 *   dkim_tool sign KEY.pem DOMAIN SELECTOR [--canon H/B] [--time T]
 *                  [--oversign] [--identity I] < in.eml > out.eml
 *       parse the message (msg_parse), sign it (dkim_sign) and write it as
 *       msg_serialize does
 *   dkim_tool serialize < in.eml > out.eml
 *       parse the message and write it as msg_serialize does (what the
 *       simulation sends for a lesson's .eml file)
 *   dkim_tool verify RECORDS [--time NOW] [--parse] < in.eml
 *       verify every DKIM-Signature of the wire text (dkim_verify_wire), or
 *       with --parse of the message after msg_parse (what a receiving
 *       server in the simulation sees); RECORDS holds "NAME VALUE" lines,
 *       the TXT records.  Prints each result's Authentication-Results
 *       resinfo and detail; exits 0 when the message passes DKIM, 1 when
 *       not, 2 on a usage or input error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkim.h"
#include "msg.h"
#include "util.h"

#define DKIM_TOOL_MAX_RECORDS 64

struct dkim_tool_zone {
	int n;
	char *name[DKIM_TOOL_MAX_RECORDS];
	char *value[DKIM_TOOL_MAX_RECORDS];
	char *answer[1];
};

static char *dkim_tool_read(FILE *f, size_t *len)
{
	struct sbuf b;
	char buf[8192];
	size_t n;
	sbuf_init(&b);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	*len = b.len;
	return sbuf_take(&b);
}

static int dkim_tool_usage(void)
{
	fprintf(stderr, "usage: dkim_tool txt KEY.pem\n"
	                "       dkim_tool sign KEY.pem DOMAIN SELECTOR [--canon H/B] [--time T]"
	                " [--oversign] [--identity I] < in.eml\n"
	                "       dkim_tool serialize < in.eml\n"
	                "       dkim_tool verify RECORDS [--time NOW] [--parse] < in.eml\n");
	return 2;
}

static int dkim_tool_lookup(void *ctx, const char *name, char *const **records)
{
	struct dkim_tool_zone *z = ctx;
	for (int i = 0; i < z->n; i++)
		if (!util_strcasecmp(z->name[i], name)) {
			z->answer[0] = z->value[i];
			*records = z->answer;
			return 1;
		}
	return 0;
}

static int dkim_tool_txt(int argc, char **argv)
{
	if (argc != 3)
		return dkim_tool_usage();
	FILE *f = fopen(argv[2], "rb");
	if (!f) {
		fprintf(stderr, "dkim_tool: %s: cannot open\n", argv[2]);
		return 2;
	}
	size_t len;
	char *pem = dkim_tool_read(f, &len);
	fclose(f);
	char err[200];
	char *txt = dkim_key_txt_from_pem(pem, len, err, sizeof err);
	free(pem);
	if (!txt) {
		fprintf(stderr, "dkim_tool: %s: %s\n", argv[2], err);
		return 2;
	}
	printf("%s\n", txt);
	free(txt);
	return 0;
}

static int dkim_tool_sign(int argc, char **argv)
{
	if (argc < 5)
		return dkim_tool_usage();
	struct dkim_sign_opts o;
	dkim_sign_opts_init(&o, argv[3], argv[4]);
	for (int i = 5; i < argc; i++) {
		if (!strcmp(argv[i], "--canon") && i + 1 < argc) {
			const char *c = argv[++i];
			if (dkim_canon_parse(c, strlen(c), &o.header_canon, &o.body_canon) < 0)
				return dkim_tool_usage();
		} else if (!strcmp(argv[i], "--time") && i + 1 < argc) {
			o.timestamp = strtoll(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--identity") && i + 1 < argc) {
			o.identity = argv[++i];
		} else if (!strcmp(argv[i], "--oversign")) {
			o.oversign = 1;
		} else {
			return dkim_tool_usage();
		}
	}
	char err[200];
	struct dkim_key *key = dkim_key_load_file(argv[2], err, sizeof err);
	if (!key) {
		fprintf(stderr, "dkim_tool: %s\n", err);
		return 2;
	}
	size_t len;
	char *text = dkim_tool_read(stdin, &len);
	struct msg *m = msg_parse(text, len, err, sizeof err);
	free(text);
	if (!m) {
		fprintf(stderr, "dkim_tool: not a message: %s\n", err);
		dkim_key_free(key);
		return 2;
	}
	int rc = dkim_sign(m, key, &o, NULL, err, sizeof err);
	dkim_key_free(key);
	if (rc < 0) {
		fprintf(stderr, "dkim_tool: cannot sign: %s\n", err);
		msg_free(m);
		return 2;
	}
	char *out = msg_serialize(m, &len);
	fwrite(out, 1, len, stdout);
	free(out);
	msg_free(m);
	return 0;
}

static int dkim_tool_serialize(int argc)
{
	if (argc != 2)
		return dkim_tool_usage();
	size_t len;
	char err[200];
	char *text = dkim_tool_read(stdin, &len);
	struct msg *m = msg_parse(text, len, err, sizeof err);
	free(text);
	if (!m) {
		fprintf(stderr, "dkim_tool: not a message: %s\n", err);
		return 2;
	}
	char *out = msg_serialize(m, &len);
	fwrite(out, 1, len, stdout);
	free(out);
	msg_free(m);
	return 0;
}

static int dkim_tool_zone_load(struct dkim_tool_zone *z, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "dkim_tool: %s: cannot open\n", path);
		return -1;
	}
	size_t len;
	char *text = dkim_tool_read(f, &len);
	fclose(f);
	z->n = 0;
	for (char *save = NULL, *line = strtok_r(text, "\r\n", &save); line;
	     line = strtok_r(NULL, "\r\n", &save)) {
		char *sp = strchr(line, ' ');
		if (!sp || z->n == DKIM_TOOL_MAX_RECORDS)
			continue;
		z->name[z->n] = xstrndup(line, (size_t)(sp - line));
		z->value[z->n] = xstrdup(sp + 1);
		z->n++;
	}
	free(text);
	return 0;
}

static int dkim_tool_verify(int argc, char **argv)
{
	if (argc < 3)
		return dkim_tool_usage();
	int64_t now = -1;
	int parse = 0;
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--time") && i + 1 < argc)
			now = strtoll(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--parse"))
			parse = 1;
		else
			return dkim_tool_usage();
	}
	struct dkim_tool_zone z;
	if (dkim_tool_zone_load(&z, argv[2]) < 0)
		return 2;
	size_t len;
	char *text = dkim_tool_read(stdin, &len);
	struct dkim_verification v;
	int rc = 0;
	if (parse) {
		char err[200];
		struct msg *m = msg_parse(text, len, err, sizeof err);
		if (!m) {
			fprintf(stderr, "dkim_tool: not a message: %s\n", err);
			rc = 2;
		} else {
			dkim_verify(m, now, dkim_tool_lookup, &z, &v);
			msg_free(m);
		}
	} else {
		dkim_verify_wire(text, len, now, dkim_tool_lookup, &z, &v);
	}
	free(text);
	if (rc == 0) {
		for (int i = 0; i < v.n; i++)
			printf("%s\n    %s: %s\n", v.sigs[i].authres, dkim_status_names[v.sigs[i].status],
			       v.sigs[i].detail);
		if (v.n == 0)
			printf("dkim=none\n");
		rc = dkim_verification_status(&v) == DKIM_STATUS_PASS ? 0 : 1;
		dkim_verification_free(&v);
	}
	for (int i = 0; i < z.n; i++) {
		free(z.name[i]);
		free(z.value[i]);
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return dkim_tool_usage();
	if (!strcmp(argv[1], "txt"))
		return dkim_tool_txt(argc, argv);
	if (!strcmp(argv[1], "sign"))
		return dkim_tool_sign(argc, argv);
	if (!strcmp(argv[1], "serialize"))
		return dkim_tool_serialize(argc);
	if (!strcmp(argv[1], "verify"))
		return dkim_tool_verify(argc, argv);
	return dkim_tool_usage();
}
