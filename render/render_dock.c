/* render_dock — a strip of the right column for a card the map has no
 * room for (render_dock.h). */
#include "render_dock.h"

#include "render_app.h"

int render_dock_take(struct render_app *a, int h, SDL_Rect *out)
{
	struct render_layout_panels *p = &a->panels;
	/* what each panel keeps: its title and a few lines */
	int keep = 5 * p->px_body + 2 * p->pad;
	if (h <= 0)
		return 0;
	if (!a->fold[RENDER_APP_PANEL_INSPECTOR] && p->inspector.h - h >= keep) {
		*out = (SDL_Rect){ p->inspector.x, p->inspector.y, p->inspector.w, h };
		p->inspector.y += h;
		p->inspector.h -= h;
		return 1;
	}
	if (p->card.h - h >= keep) {
		p->card.h -= h;
		*out = (SDL_Rect){ p->card.x, p->card.y + p->card.h, p->card.w, h };
		return 1;
	}
	return 0;
}
