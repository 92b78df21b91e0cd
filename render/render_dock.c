/* render_dock — a strip of the right column for a card the map has no
 * room for (render_dock.h). */
#include "render_dock.h"

#include "render_app.h"
#include "render_card.h"
#include "render_events.h"
#include "render_fold.h"
#include "render_font.h"
#include "render_ladder.h"
#include "render_verdict.h"

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

/* A packet opened layer by layer fills the inspector: the letter card
 * beside it keeps its heading and state only (every packet of lessons 01,
 * 02, 03, 13 and 14 shows whole at 1280 x 720 so). */
static int render_dock_packet(const struct render_app *a)
{
	return a->pdu_rec >= 0 || a->pdu_conn >= 0;
}

/* What the letter card keeps when it gives first: its heading and the
 * letter's tag and state (the line a class reads to know which mail); next
 * to a filter's verdict also its envelope and the header's From, To and
 * Subject (render_card_keep): the card shares the column with the verdict,
 * it does not vanish under it (lesson 12 in presenter mode had the card
 * down to its title). */
static int render_dock_keep_card(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	if (!render_dock_packet(a))
		return render_card_keep(a);
	return render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_small) +
	       render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_title) + 2 * p->pad + 2;   /* render_panels_frame */
}

/* The inspector's room first: the letter card shows the envelope.  But
 * in presenter mode, when the inspector holds what the class is to read
 * there (a filter's verdict, lesson 12's caption telling its score and
 * telling tokens; or a packet opened layer by layer), the card's first,
 * then the inspector's: at 1280 x 720 they needed the wheel otherwise. */
static int render_dock_card_first(struct render_app *a)
{
	return a->presenter && !render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR) &&
	       (render_dock_packet(a) || render_verdict_msg(a) >= 0);
}

void render_dock_yield(struct render_app *a)
{
	struct render_layout_panels *p = &a->panels;
	int first = render_dock_card_first(a);
	a->card_key = first && !render_dock_packet(a);
	int spare = first ? p->card.h - render_dock_keep_card(a) : 0;
	if (spare <= 0)
		return;
	p->card.h -= spare;
	p->inspector.y -= spare;
	p->inspector.h += spare;
}

/* The event list under the letter card (the inspector folded,
 * render_fold_apply): a docked card takes its top, the list keeping room
 * for its title and the current row whole, four lines at the least
 * (render_events_need; review 21 B1: lesson 13's checks card in Japanese
 * presenter mode, a line shorter than in English, had fitted over the
 * list with its title and "▼ more" alone); returns how much it can give. */
static int render_dock_events(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	if (!render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR) || p->events.x != p->card.x)
		return 0;
	int spare = p->events.h - render_events_need(a, p->events.w, 0);
	/* With the bottom row folded away the list stays there, a line
	 * more than its current row (lesson 07's 550 at 40.39 s in presenter
	 * mode filled it to the last pixel, as a cut row does) */
	if (a->fold_both)
		spare -= render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_small);
	return spare > 0 ? spare : 0;
}

int render_dock_room(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	int keep = render_dock_keep(a);
	int card_first = render_dock_card_first(a);
	int inspector = render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR) ? 0 : p->inspector.h - keep;
	int card = p->card.h - (card_first ? render_dock_keep_card(a) : keep);
	if (inspector < 0)
		inspector = 0;
	if (card < 0)
		card = 0;
	int events = render_dock_events(a);
	if (render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR) && p->events.x == p->card.x && a->fold_ew > 0)
		events = p->events.h;   /* the list can go back to the bottom row (render_dock_take) */
	int room = card_first ? card + inspector : inspector > 0 ? inspector : events > 0 ? events : card;
	if (a->fold_both)
		room = events + card;   /* no bottom row to move the list to: the list's spare and the letter card's */
	return room > 0 ? room : 0;
}

int render_dock_take(struct render_app *a, int h, SDL_Rect *out)
{
	struct render_layout_panels *p = &a->panels;
	int keep = render_dock_keep(a);
	if (h <= 0)
		return 0;
	/* Card first: all the card can spare (what the inspector then holds
	 * is the moment's subject, the card's title says which mail), the
	 * rest from the inspector's top; the strip lies where they meet. */
	int spare = p->card.h - render_dock_keep_card(a);
	if (render_dock_card_first(a) && spare > 0 && p->inspector.h - (h - spare) >= keep) {
		p->card.h -= spare;
		p->inspector.y += h - spare;
		p->inspector.h -= h - spare;
		*out = (SDL_Rect){ p->card.x, p->card.y + p->card.h, p->card.w, h };
		return 1;
	}
	if (!render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR) && p->inspector.h - h >= keep) {
		*out = (SDL_Rect){ p->inspector.x, p->inspector.y, p->inspector.w, h };
		p->inspector.y += h;
		p->inspector.h -= h;
		return 1;
	}
	if (h <= render_dock_events(a)) {
		*out = (SDL_Rect){ p->events.x, p->events.y, p->events.w, h };
		p->events.y += h;
		p->events.h -= h;
		return 1;
	}
	int ev = render_dock_events(a);
	if (a->fold_both && p->card.h - (h - ev) >= keep) {
		/* the list's spare and the rest from the letter card above it:
		 * the strip where they meet (lesson 13's checks card in presenter
		 * mode, the bottom row folded away) */
		p->card.h -= h - ev;
		*out = (SDL_Rect){ p->card.x, p->card.y + p->card.h, p->card.w, h };
		p->events.y += ev;
		p->events.h -= ev;
		return 1;
	}
	if (render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR) && p->events.x == p->card.x && h <= p->events.h &&
	    a->fold_ew > 0) {
		/* Not room for both: the card takes the list's place and the
		 * list goes back to the bottom row (lesson 13's checks card in
		 * presenter mode keeps its size). */
		/* the card at the column's foot, the letter card over it taking
		 * the rest of the list's place (it had stayed empty) */
		*out = (SDL_Rect){ p->events.x, p->events.y + p->events.h - h, p->events.w, h };
		p->card.h += p->events.h - h;
		/* There the list widens, up to 75 % of the row, until its
		 * current row fits whole (lesson 07's 550 with the SPF URL in
		 * presenter mode ran to seven lines in its half). */
		int row = a->fold_ew + a->fold_tw, ew = a->fold_ew;
		while (ew + row / 20 <= row * 3 / 4 && render_events_need(a, ew, 0) > p->transcript.h)
			ew += row / 20;
		p->events = (SDL_Rect){ p->transcript.x, p->transcript.y, ew, p->transcript.h };
		p->transcript.x += ew;
		p->transcript.w = row - ew;
		return 1;
	}
	if (p->card.h - h >= keep) {
		p->card.h -= h;
		*out = (SDL_Rect){ p->card.x, p->card.y + p->card.h, p->card.w, h };
		return 1;
	}
	return 0;
}

int render_dock_row(struct render_app *a, SDL_Rect *out)
{
	const struct render_layout_panels *p = &a->panels;
	if (!a->presenter || !a->card_key || render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT) || render_ladder_shown(a) ||
	    p->transcript.w <= 0 || p->transcript.h <= 0)
		return 0;
	*out = p->transcript;
	return 1;
}

void render_dock_take_row(struct render_app *a)
{
	a->panels.transcript.h = 0;
}
