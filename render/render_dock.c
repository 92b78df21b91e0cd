/* render_dock — a strip of the right column for a card the map has no
 * room for (render_dock.h). */
#include "render_dock.h"

#include "render_app.h"

/* What a panel keeps when a card is docked: its title and a few lines;
 * in presenter mode its title and a line, so that the card's text need
 * not shrink below the size the class reads (lesson 13's checks card had
 * gone down to about 20 px at 1080p). */
static int render_dock_keep(const struct render_app *a)
{
	if (a->presenter)
		return 2 * a->panels.px_body + a->panels.pad;
	return 5 * a->panels.px_body + 2 * a->panels.pad;
}

int render_dock_room(const struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	int keep = render_dock_keep(a);
	/* the inspector's first: the letter card shows the envelope */
	int room = a->fold[RENDER_APP_PANEL_INSPECTOR] ? 0 : p->inspector.h - keep;
	if (room <= 0)
		room = p->card.h - keep;
	return room > 0 ? room : 0;
}

int render_dock_take(struct render_app *a, int h, SDL_Rect *out)
{
	struct render_layout_panels *p = &a->panels;
	int keep = render_dock_keep(a);
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
