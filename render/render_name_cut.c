/* render_name_cut — where a router's name breaks onto two lines in
 * presenter mode (see the header). */
#include "render_name_cut.h"

#include <string.h>

#include "render_app.h"
#include "render_font.h"

/* Where a name breaks onto two lines: before its parenthesis ("ISP B's
 * mail server" / "(with a spam filter)", 「ISP C 境界ルータ」/「（OP25Bなし）」);
 * else, where render_region_spaces_check asks for it (a->router_spaces),
 * at the space that leaves the wider line narrowest ("ISP B's" / "border
 * router", 「ISP B」/「境界ルータ」) if that is narrower than the name on
 * one line; 0 if neither. */
static size_t render_name_cut_at(struct render_app *a, const char *name, int px)
{
	const char *p = strstr(name, " ("), *full = strstr(name, "\xEF\xBC\x88");   /* "（" */
	const char *at = p ? p : full;
	if (at)
		return at > name && at[p == at ? 2 : 3] ? (size_t)(at - name) : 0;
	int whole = 0, h = 0, best = 0;
	size_t cut = 0;
	if (a->router_spaces)
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, name, &whole, &h);
	for (const char *q = a->router_spaces ? strchr(name, ' ') : NULL; q; q = strchr(q + 1, ' ')) {
		char first[128];
		size_t n = (size_t)(q - name);
		if (n == 0 || n >= sizeof first || !q[1])
			continue;
		memcpy(first, name, n);
		first[n] = 0;
		int w1 = 0, w2 = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, first, &w1, &h);
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, q + 1, &w2, &h);
		int wide = w1 > w2 ? w1 : w2;
		if (wide < whole && (!cut || wide < best)) {
			cut = n;
			best = wide;
		}
	}
	return cut;
}

int render_name_cut(struct render_app *a, const char *name, int px, char *first, size_t nfirst, int *fw, int *sw,
                    int *nw, int *nh)
{
	size_t n = render_name_cut_at(a, name, px);
	if (n == 0 || n >= nfirst)
		return 0;
	memcpy(first, name, n);
	first[n] = 0;
	int cut = (int)n + (name[n] == ' ' ? 1 : 0), h1 = 0, h2 = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, first, fw, &h1);
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, name + cut, sw, &h2);
	*nw = *fw > *sw ? *fw : *sw;
	*nh = h1 + h2;
	return cut;
}
