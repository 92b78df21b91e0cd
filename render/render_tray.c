/* render_tray — the INBOX and Junk trays of the MDA hosts (see
 * render_tray.h). */
#include "render_tray.h"

#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_topology.h"

const char *const render_tray_names[RENDER_TRAY_COUNT] = { "INBOX", "Junk" };
_Static_assert(sizeof render_tray_names / sizeof *render_tray_names == RENDER_TRAY_COUNT, "render_tray_names");

/* INBOX green, Junk amber: the colours the lists use for them. */
static const uint32_t render_tray_edge[RENDER_TRAY_COUNT] = { RENDER_THEME_OK, RENDER_THEME_WARN };

static enum render_tray_folder render_tray_of(const char *folder)
{
	return folder && util_strcasecmp(folder, "Junk") == 0 ? RENDER_TRAY_JUNK : RENDER_TRAY_INBOX;
}

/* The host's box this frame (render_topology keeps them: looking it up
 * among the hit boxes would cost a pass over thousands in a busy scene
 * for every letter), or an empty one. */
static SDL_Rect render_tray_box(const struct render_app *a, int host)
{
	return a->node_box ? a->node_box[host] : (SDL_Rect){ 0, 0, 0, 0 };
}

int render_tray_rect(const struct render_app *a, int host, const char *folder, SDL_Rect *out)
{
	if (host < 0 || host >= a->sc->nhosts || !(a->sc->hosts[host].roles & ROLE_BIT(ROLE_MDA)) ||
	    a->layout.host_compact[host])
		return 0;
	SDL_Rect box = render_tray_box(a, host);
	if (box.w <= 0)
		return 0;
	int h = render_topology_least_px(a, RENDER_TRAY_BOX_BASE) + 8, gap = 3, half = (box.w - gap) / 2;
	enum render_tray_folder f = render_tray_of(folder);
	int y = box.y + box.h + gap;
	SDL_Rect vp = a->panels.topo;
	if (y + h > vp.y + vp.h && box.y - gap - h >= vp.y)   /* no room below: above the box */
		y = box.y - gap - h;
	*out = (SDL_Rect){ box.x + (f == RENDER_TRAY_JUNK ? half + gap : 0), y, half, h };
	return 1;
}

/* Each tray's count of this frame's copies, by folder. */
static void render_tray_count(const struct render_app *a, int host, int count[RENDER_TRAY_COUNT])
{
	count[RENDER_TRAY_INBOX] = count[RENDER_TRAY_JUNK] = 0;
	for (size_t i = 0; i < a->nfcopy; i++)
		if (a->fcopy[i].holder == HOLD_MAILBOX && a->fcopy[i].node == host)
			count[render_tray_of(a->fcopy[i].folder)]++;
}

/* Host h's trays and their counts; 0 if h has no mailbox. */
static int render_tray_of_host(const struct render_app *a, int h, SDL_Rect *tray, int *count)
{
	if (!render_tray_rect(a, h, "INBOX", &tray[RENDER_TRAY_INBOX]) ||
	    !render_tray_rect(a, h, "Junk", &tray[RENDER_TRAY_JUNK]))
		return 0;
	render_tray_count(a, h, count);
	return 1;
}

void render_tray_draw(struct render_app *a)
{
	for (int h = 0; h < a->sc->nhosts; h++) {
		int count[RENDER_TRAY_COUNT];
		SDL_Rect tray[RENDER_TRAY_COUNT];
		if (!render_tray_of_host(a, h, tray, count))
			continue;
		for (int f = 0; f < RENDER_TRAY_COUNT; f++) {
			render_draw_round(a->ren, tray[f], 4, f == RENDER_TRAY_JUNK && count[f] ? 0xFFF3E0FFu : 0xFAFAFAFFu);
			render_draw_round_outline(a->ren, tray[f], 4, a->panels.line, render_tray_edge[f]);
			render_topology_take(a, tray[f]);
		}
	}
}

/* The label of tray f holding count mails: its text into buf, its line's
 * height into *th, and its plate. */
static SDL_Rect render_tray_plate(const struct render_app *a, SDL_Rect tray, int f, int count, char *buf, size_t n,
                                  int *th)
{
	snprintf(buf, n, "%s %d", render_tray_names[f], count);
	int w = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, render_topology_least_px(a, RENDER_TRAY_BASE), RENDER_FONT_FIT, tray.w - 6, buf, &w,
			 th);
	return (SDL_Rect){ tray.x + 2, tray.y + 2, w + 5, tray.h - 4 };
}

int render_tray_label_rect(const struct render_app *a, int host, const char *folder, SDL_Rect *out)
{
	int count[RENDER_TRAY_COUNT];
	SDL_Rect tray[RENDER_TRAY_COUNT];
	if (!render_tray_of_host(a, host, tray, count))
		return 0;
	char buf[32];
	enum render_tray_folder f = render_tray_of(folder);
	int th = 0;
	*out = render_tray_plate(a, tray[f], (int)f, count[f], buf, sizeof buf, &th);
	return 1;
}

void render_tray_labels(struct render_app *a)
{
	int px = render_topology_least_px(a, RENDER_TRAY_BASE);
	for (int h = 0; h < a->sc->nhosts; h++) {
		int count[RENDER_TRAY_COUNT];
		SDL_Rect tray[RENDER_TRAY_COUNT];
		if (!render_tray_of_host(a, h, tray, count))
			continue;
		for (int f = 0; f < RENDER_TRAY_COUNT; f++) {
			char buf[32];
			/* On a plate of its own: a letter with no room beside it lies under it. */
			int th = 0, y = tray[f].y + 3;
			SDL_Rect plate = render_tray_plate(a, tray[f], f, count[f], buf, sizeof buf, &th);
			render_draw_round(a->ren, plate, 3, f == RENDER_TRAY_JUNK && count[f] ? 0xFFF3E0FFu : 0xFAFAFAFFu);
			/* A line taller than the tray (presenter mode's thick edges)
			 * centred in it: its feet were cut by the tray's bottom edge. */
			if (y + th > tray[f].y + tray[f].h - 1)
				y = tray[f].y + (tray[f].h - th) / 2;
			render_font_draw(a->font, RENDER_FONT_BOLD, px, render_tray_edge[f], RENDER_FONT_FIT, tray[f].w - 6,
					 buf, tray[f].x + 4, y, NULL);
		}
	}
}
