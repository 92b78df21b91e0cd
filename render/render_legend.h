/* render_legend — what the colours of the network picture mean: the
 * protocols on the wire, the packets' directions, replies that say "try
 * later" (4xx) and refusals (5xx), bounces, where a message is (the letter
 * card's tabs, the message list, the trays), the kinds of network, the
 * role badges and the glow of the one acting now, and the rule chips.  A button in
 * the picture's corner (or G) shows it over the picture. */
#ifndef MAILSIM_RENDER_LEGEND_H
#define MAILSIM_RENDER_LEGEND_H

#include <SDL.h>
#include <stdint.h>

struct render_app;

/* How an entry's sample is drawn. */
enum render_legend_swatch {
	RENDER_LEGEND_HEADING,   /* a group's title, no sample */
	RENDER_LEGEND_LINE,      /* a connection's route */
	RENDER_LEGEND_DASHED,    /* a route a router stopped */
	RENDER_LEGEND_PILL,      /* a line on the wire, a rule chip */
	RENDER_LEGEND_AREA,      /* a network's region */
	RENDER_LEGEND_BADGE,     /* a role badge */
	RENDER_LEGEND_GLOW,      /* a badge (colour edge) in its glow (colour) */
	RENDER_LEGEND_SWATCH_COUNT
};

struct render_legend_entry {
	enum render_legend_swatch swatch;
	uint32_t color, edge;
	const char *key;         /* catalog key of its words */
	const char *tag;         /* text on the sample ("MTA"), or NULL */
};

/* Entries at most (a _Static_assert in render_legend.c holds the table to it). */
#define RENDER_LEGEND_MAX 48

/* What the last frame drew: the panel (w 0 when hidden), and per entry its
 * sample and its words, clipped to the panel (w 0: not shown). */
struct render_legend_drawn {
	SDL_Rect box;
	SDL_Rect sample[RENDER_LEGEND_MAX], text[RENDER_LEGEND_MAX];
	int px;                  /* the words' size */
};

/* The entries, in drawing order; *n gets how many.  Every colour the
 * picture uses for a meaning is here once, and no two meanings share one
 * within a group. */
const struct render_legend_entry *render_legend_entries(int *n);

/* Draw the button, and the legend when a->legend is set. */
void render_legend_draw(struct render_app *a);

#endif
