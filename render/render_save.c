/* render_save — writes the positions the teacher dragged back into the
 * lesson file: hosts[i].pos and routers[i].pos as [x, y] in layout units.
 * Only on request (Ctrl+S), and atomically: the new text goes to a
 * temporary file beside the lesson, then rename() replaces the lesson, so
 * a crash never leaves half a file. */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_ui.h"

static char *render_save_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sbuf b = { 0 };
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	int err = ferror(f);
	fclose(f);
	if (err) {
		sbuf_free(&b);
		return NULL;
	}
	if (!b.s)
		sbuf_adds(&b, "");
	return sbuf_take(&b);
}

/* Set "pos" on the element of array `list` whose "id" is id. */
static int render_save_pos(cJSON *root, const char *list, const char *id, const float pos[2])
{
	cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, list);
	cJSON *it;
	cJSON_ArrayForEach(it, arr) {
		cJSON *jid = cJSON_GetObjectItemCaseSensitive(it, "id");
		if (!cJSON_IsString(jid) || strcmp(jid->valuestring, id) != 0)
			continue;
		cJSON *p = cJSON_CreateArray();
		cJSON_AddItemToArray(p, cJSON_CreateNumber(round(pos[0])));
		cJSON_AddItemToArray(p, cJSON_CreateNumber(round(pos[1])));
		if (cJSON_HasObjectItem(it, "pos"))
			cJSON_ReplaceItemInObjectCaseSensitive(it, "pos", p);
		else
			cJSON_AddItemToObject(it, "pos", p);
		return 1;
	}
	return 0;
}

static int render_save_fail(struct render_app *a, const char *why)
{
	sbuf_reset(&a->tmp);
	const char *args[] = { "file", a->scenario_path, "why", why, NULL };
	i18n_format(a->cat[a->lang], "ui.toast.save_failed", args, &a->tmp);
	render_app_toast(a, a->tmp.s);
	return -1;
}

int render_save_positions(struct render_app *a)
{
	int moved = 0;
	for (int i = 0; i < a->layout.nhosts; i++)
		moved += a->layout.host_moved[i];
	for (int i = 0; i < a->layout.nrouters; i++)
		moved += a->layout.router_moved[i];
	if (!moved) {
		render_app_toast(a, render_app_text(a, "ui.toast.nothing_moved"));
		return 0;
	}
	char *text = render_save_read(a->scenario_path);
	if (!text)
		return render_save_fail(a, "read");
	util_cjson_init();
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!root)
		return render_save_fail(a, "JSON");
	for (int i = 0; i < a->layout.nhosts; i++)
		if (a->layout.host_moved[i])
			render_save_pos(root, "hosts", a->sc->hosts[i].id, a->layout.host[i]);
	for (int i = 0; i < a->layout.nrouters; i++)
		if (a->layout.router_moved[i])
			render_save_pos(root, "routers", a->sc->routers[i].id, a->layout.router[i]);
	char *out = cJSON_Print(root);
	cJSON_Delete(root);
	if (!out)
		return render_save_fail(a, "print");
	size_t n = strlen(a->scenario_path) + 16;
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmp", a->scenario_path);
	FILE *f = fopen(tmp, "wb");
	int ok = f && fputs(out, f) >= 0 && fputc('\n', f) != EOF;
	if (f && fclose(f) != 0)
		ok = 0;
	free(out);
	if (!ok || rename(tmp, a->scenario_path) != 0) {
		remove(tmp);
		free(tmp);
		return render_save_fail(a, "write");
	}
	free(tmp);
	for (int i = 0; i < a->layout.nhosts; i++)
		a->layout.host_moved[i] = 0;
	for (int i = 0; i < a->layout.nrouters; i++)
		a->layout.router_moved[i] = 0;
	sbuf_reset(&a->tmp);
	const char *args[] = { "file", a->scenario_path, NULL };
	i18n_format(a->cat[a->lang], "ui.toast.saved", args, &a->tmp);
	render_app_toast(a, a->tmp.s);
	return 0;
}
