/* i18n — the message catalogs in assets/i18n/ (one flat JSON object of
 * key -> template per file, files named *.LANG.json) and template filling.
 * Templates name their arguments in braces: "{node} が {peer} に接続". */
#ifndef MAILSIM_I18N_H
#define MAILSIM_I18N_H

#include <stdio.h>

#include "util.h"

enum lang { LANG_JA, LANG_EN, LANG_COUNT };
extern const char *const lang_names[LANG_COUNT];
/* "ja"/"en" (or a LANG value such as ja_JP.UTF-8) -> enum lang; -1 unknown. */
int i18n_lang_from_name(const char *name);

struct i18n;

/* Load every DIR/i18n/NAME.LANG.json.  Returns NULL after printing a line to
 * err if the directory has no catalog for lang or a file is not a flat
 * object of strings.  Free with i18n_free (NULL ok). */
struct i18n *i18n_load(const char *assets_dir, enum lang lang, FILE *err);
void i18n_free(struct i18n *c);
enum lang i18n_lang(const struct i18n *c);

/* The template for key, or NULL if the catalog lacks it. */
const char *i18n_find(const struct i18n *c, const char *key);
/* The template for key, or the key itself (so a missing string shows). */
const char *i18n_get(const struct i18n *c, const char *key);

/* Append the template for key to out with each {name} replaced by the
 * value paired with it in args: a NULL-terminated list of name, value
 * pointers.  An unknown {name} is copied as is.  A missing key appends the
 * key itself. */
void i18n_format(const struct i18n *c, const char *key, const char *const *args,
                 struct sbuf *out);
/* The same for a template string rather than a key. */
void i18n_fill(const char *tmpl, const char *const *args, struct sbuf *out);

/* The assets directory: $MAILSIM_ASSETS, else ./assets, else assets/ beside
 * the running program, else ../share/mailsim/assets from it, else
 * MAILSIM_DATADIR/assets; the first that holds i18n/.  Writes it to out
 * (outsz bytes) and returns out, or returns NULL if none does. */
const char *i18n_assets_dir(const char *argv0, char *out, size_t outsz);

#endif
