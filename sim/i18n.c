/* i18n — flat JSON catalogs (key -> template) per language, merged from
 * every assets/i18n/NAME.LANG.json, and "{name}" template filling. */
#include "i18n.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const lang_names[LANG_COUNT] = { "ja", "en" };
_Static_assert(sizeof lang_names / sizeof *lang_names == LANG_COUNT, "lang_names");

struct i18n_pair {
	char *key;
	char *val;
};

struct i18n {
	enum lang lang;
	struct i18n_pair *p;   /* sorted by key for bsearch */
	size_t n, cap;
};

int i18n_lang_from_name(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < LANG_COUNT; i++)
		if (strncmp(name, lang_names[i], 2) == 0 && (name[2] == '\0' || name[2] == '_' ||
		                                             name[2] == '.' || name[2] == '-'))
			return i;
	return -1;
}

static int i18n_cmp(const void *a, const void *b)
{
	return strcmp(((const struct i18n_pair *)a)->key, ((const struct i18n_pair *)b)->key);
}

static char *i18n_read(const char *path, FILE *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (err)
			fprintf(err, "%s: cannot read\n", path);
		return NULL;
	}
	struct sbuf b;
	sbuf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_add(&b, chunk, n);
	fclose(f);
	return sbuf_take(&b);
}

static int i18n_add_file(struct i18n *c, const char *path, FILE *err)
{
	char *text = i18n_read(path, err);
	if (!text)
		return -1;
	util_cjson_init();
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!cJSON_IsObject(root)) {
		if (err)
			fprintf(err, "%s: /: expected an object of strings, found %s\n", path,
			        root ? "another JSON value" : "invalid JSON");
		cJSON_Delete(root);
		return -1;
	}
	int rc = 0;
	for (cJSON *it = root->child; it; it = it->next) {
		if (!cJSON_IsString(it)) {
			if (err)
				fprintf(err, "%s: /%s: expected a string, found another value\n", path,
				        it->string);
			rc = -1;
			continue;
		}
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 256;
			c->p = xrealloc(c->p, c->cap * sizeof *c->p);
		}
		c->p[c->n].key = xstrdup(it->string);
		c->p[c->n].val = xstrdup(it->valuestring);
		c->n++;
	}
	cJSON_Delete(root);
	return rc;
}

static int i18n_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct i18n *i18n_load(const char *assets_dir, enum lang lang, FILE *err)
{
	char dir[4096];
	if (snprintf(dir, sizeof dir, "%s/i18n", assets_dir ? assets_dir : "assets") >= (int)sizeof dir) {
		if (err)
			fprintf(err, "%s: path too long\n", assets_dir);
		return NULL;
	}
	DIR *d = opendir(dir);
	if (!d) {
		if (err)
			fprintf(err, "%s: cannot open the catalog directory\n", dir);
		return NULL;
	}
	char suffix[16];
	snprintf(suffix, sizeof suffix, ".%s.json", lang_names[lang]);
	char **names = NULL;
	size_t nn = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name), sl = strlen(suffix);
		if (l > sl && strcmp(e->d_name + l - sl, suffix) == 0) {
			names = xrealloc(names, (nn + 1) * sizeof *names);
			names[nn++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	/* Sorted, so that a key defined twice resolves the same way everywhere. */
	qsort(names, nn, sizeof *names, i18n_name_cmp);
	struct i18n *c = xcalloc(1, sizeof *c);
	c->lang = lang;
	int rc = nn ? 0 : -1;
	if (!nn && err)
		fprintf(err, "%s: no catalog *%s\n", dir, suffix);
	for (size_t i = 0; i < nn; i++) {
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (i18n_add_file(c, path, err) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	if (rc < 0) {
		i18n_free(c);
		return NULL;
	}
	qsort(c->p, c->n, sizeof *c->p, i18n_cmp);
	return c;
}

void i18n_free(struct i18n *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->p[i].key);
		free(c->p[i].val);
	}
	free(c->p);
	free(c);
}

enum lang i18n_lang(const struct i18n *c)
{
	return c->lang;
}

const char *i18n_find(const struct i18n *c, const char *key)
{
	if (!c || !key)
		return NULL;
	struct i18n_pair k = { (char *)key, NULL };
	const struct i18n_pair *p = bsearch(&k, c->p, c->n, sizeof *c->p, i18n_cmp);
	return p ? p->val : NULL;
}

const char *i18n_get(const struct i18n *c, const char *key)
{
	const char *v = i18n_find(c, key);
	return v ? v : key;
}

void i18n_fill(const char *tmpl, const char *const *args, struct sbuf *out)
{
	for (const char *p = tmpl; *p;) {
		const char *close;
		if (*p == '{' && (close = strchr(p + 1, '}'))) {
			size_t nl = (size_t)(close - p - 1);
			const char *val = NULL;
			for (const char *const *a = args; a && a[0]; a += 2)
				if (strlen(a[0]) == nl && strncmp(a[0], p + 1, nl) == 0) {
					val = a[1] ? a[1] : "";
					break;
				}
			if (val) {
				sbuf_adds(out, val);
				p = close + 1;
				continue;
			}
		}
		sbuf_addc(out, *p++);
	}
}

void i18n_format(const struct i18n *c, const char *key, const char *const *args,
                 struct sbuf *out)
{
	i18n_fill(i18n_get(c, key), args, out);
}

static int i18n_has_catalog(const char *dir)
{
	struct sbuf p;
	struct stat st;
	sbuf_init(&p);
	sbuf_addf(&p, "%s/i18n", dir);
	int ok = stat(p.s, &st) == 0 && S_ISDIR(st.st_mode);
	sbuf_free(&p);
	return ok;
}

/* Try dir: copy it to out if it holds a catalog directory. */
static const char *i18n_try(const char *dir, char *out, size_t outsz)
{
	if (!i18n_has_catalog(dir) || strlen(dir) >= outsz)
		return NULL;
	memcpy(out, dir, strlen(dir) + 1);
	return out;
}

const char *i18n_assets_dir(const char *argv0, char *out, size_t outsz)
{
	const char *env = getenv("MAILSIM_ASSETS");
	const char *r;
	if (env && (r = i18n_try(env, out, outsz)))
		return r;
	if ((r = i18n_try("assets", out, outsz)))
		return r;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 && argv0 && strlen(argv0) < sizeof exe) {
		memcpy(exe, argv0, strlen(argv0) + 1);
		n = (ssize_t)strlen(exe);
	}
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			struct sbuf b;
			sbuf_init(&b);
			sbuf_addf(&b, "%s/assets", exe);
			r = i18n_try(b.s, out, outsz);
			sbuf_reset(&b);
			sbuf_addf(&b, "%s/../share/mailsim/assets", exe);
			if (!r)
				r = i18n_try(b.s, out, outsz);
			sbuf_free(&b);
			if (r)
				return r;
		}
	}
#ifdef MAILSIM_DATADIR
	if ((r = i18n_try(MAILSIM_DATADIR "/assets", out, outsz)))
		return r;
#endif
	return NULL;
}
