/* render_legend — what the colours of the network picture mean: the
 * protocols on the wire, the packets' directions, replies that say "try
 * later" (4xx) and refusals (5xx), bounces, where a message is (the letter
 * card's tabs, the message list, the trays), the kinds of network, the
 * role badges and the glow of the one acting now, the rule chips, and
 * each of the lesson's rules in the colour its stops wear on the map and
 * in the totals chart.  A button in the picture's corner (or G) shows it
 * over the picture. */
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
	const char *words;       /* its words as they are (a rule's entry), or
	                          * NULL: the catalog's for key */
};

/* Entries at most, the fixed ones and the lesson's rules (a
 * _Static_assert in render_legend.c leaves room for RENDER_LEGEND_RULES). */
#define RENDER_LEGEND_MAX 56
#define RENDER_LEGEND_RULES 8

/* The entries a lesson's legend shows: the fixed ones, then one per rule
 * of its routers (at most RENDER_LEGEND_RULES), in the colour
 * render_chart_rule_fill gives it, the colour of its stops on the map and
 * of its bar in the totals chart; words[] holds those entries' words. */
struct render_legend_list {
	struct render_legend_entry e[RENDER_LEGEND_MAX];
	char words[RENDER_LEGEND_RULES][192];
	int n;
};

/* What the last frame drew: the panel (w 0 when hidden), and per entry of
 * the lesson's list (render_legend_list, n of them) its sample and its
 * words, clipped to the panel (w 0: not shown). */
struct render_legend_drawn {
	SDL_Rect box;
	int n;
	SDL_Rect sample[RENDER_LEGEND_MAX], text[RENDER_LEGEND_MAX];
	int px;                  /* the words' size */
};

/* The entries, in drawing order; *n gets how many.  Every colour the
 * picture uses for a meaning is here once, and no two meanings share one
 * within a group. */
const struct render_legend_entry *render_legend_entries(int *n);
/* Fill *out with a's lesson's entries (see struct render_legend_list). */
void render_legend_list(const struct render_app *a, struct render_legend_list *out);

/* Draw the button, and the legend when a->legend is set. */
void render_legend_draw(struct render_app *a);

#endif
