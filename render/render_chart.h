/* render_chart — the run's totals as a chart: one horizontal stacked bar per
 * message group (sim_totals), split into INBOX, Junk, blocked (one colour
 * per router rule), rejected, bounced and the rest still on the way.  It is
 * derived from the current state on every frame, so it grows as the run
 * plays.  Shown in place of the message list (the inspector with nothing
 * selected) in lessons with thousands of messages, and on T anywhere. */
#ifndef MAILSIM_RENDER_CHART_H
#define MAILSIM_RENDER_CHART_H

#include <SDL.h>
#include <stdint.h>

#include "sim.h"

struct render_app;

/* Groups drawn at most; sim_totals' later groups are counted in a note. */
#define RENDER_CHART_MAX_GROUPS 16

enum render_chart_kind {
	RENDER_CHART_INBOX,      /* delivered to the INBOX */
	RENDER_CHART_JUNK,       /* delivered to Junk */
	RENDER_CHART_BLOCKED,    /* stopped by a router rule (one key per rule) */
	RENDER_CHART_REJECTED,   /* refused with 5xx */
	RENDER_CHART_BOUNCED,    /* returned to the sender */
	RENDER_CHART_OTHER,      /* still on the way (outbox, queue, wire) or discarded */
	RENDER_CHART_KIND_COUNT
};
extern const char *const render_chart_kind_names[RENDER_CHART_KIND_COUNT];

/* Legend entries: the fixed kinds and one per blocking rule seen. */
#define RENDER_CHART_MAX_KEYS (RENDER_CHART_KIND_COUNT + 2 * SIM_TOTAL_RULES)

/* One colour of the chart and its legend line. */
struct render_chart_key {
	enum render_chart_kind kind;
	int router;              /* BLOCKED: the router, -1 = rule unknown */
	const char *rule;        /* BLOCKED: the scenario's rule name, NULL */
	uint32_t fill, text;     /* 0xRRGGBBAA */
};

struct render_chart_seg {
	int key;                 /* index into keys */
	int count;               /* recipient lines */
	SDL_Rect rc;             /* placed: pixels */
};

struct render_chart_bar {
	int total;               /* recipient lines of the group */
	int nseg;
	struct render_chart_seg seg[RENDER_CHART_MAX_KEYS];
	SDL_Rect label;          /* placed: group name, left */
	SDL_Rect bar;            /* placed: the segments' extent */
	SDL_Rect count;          /* placed: the total, right of the bar */
};

struct render_chart {
	struct sim_total group[RENDER_CHART_MAX_GROUPS];
	size_t ngroups;          /* drawn */
	size_t nmore;            /* further groups not drawn */
	struct render_chart_key key[RENDER_CHART_MAX_KEYS];
	int nkeys;
	struct render_chart_bar bar[RENDER_CHART_MAX_GROUPS];
	int nplaced;             /* bars that got a row (the rest did not fit) */
	int cols;                /* columns of bars drawn (2 when one did not hold them all) */
	SDL_Rect title;          /* placed: the title's width limit and height drawn */
	int title_px;            /* the title's size (smaller than the panel title's if that did not fit) */
	int name_px;             /* the group names' size */
};

/* Fill c from n totals (as sim_totals returns them, n may exceed
 * RENDER_CHART_MAX_GROUPS): the legend keys (the fixed kinds in enum order,
 * blocking rules in order of first appearance) and each group's segments
 * in key order, zero counts left out.  The segments of a group add up to
 * its recipient count. */
void render_chart_collect(struct render_chart *c, const struct sim_total *t, size_t n);
/* The same with the lesson's scenario: each blocking rule then has its
 * own colour (render_chart_rule_fill), the one the map gives its drops. */
void render_chart_collect_sc(struct render_chart *c, const struct sim_total *t, size_t n,
                             const struct scenario *sc);
/* The colour of rule (by name) of router: one per rule of the lesson, in
 * the order the scenario lists them. */
uint32_t render_chart_rule_fill(const struct scenario *sc, int router, const char *rule);
/* The rules' colours, which rules take in turn: *fills gets the table
 * (static), the result is its length. */
size_t render_chart_rule_palette(const uint32_t **fills);
/* A kind's bar colour (a blocked kind without a known rule: the red). */
uint32_t render_chart_kind_fill(enum render_chart_kind kind);
/* sim_totals for the chart, as the map shows the run now: recipients whose
 * SYN a router dropped count as blocked by that rule at once (the client
 * still waits for its timeout), and while the teacher steps row by row
 * through one event, each recipient line is counted in its state as of
 * the current row and the entries a later row writes (a bounce) are not
 * counted.  Returns sim_totals' count of groups, less a group only those
 * entries make. */
size_t render_chart_totals(struct render_app *a, struct sim_total *t, size_t max);

/* Place the bars in plot (pixels): one row per group from the top, as high
 * as the plot allows between row_min and row_max pixels, label_w pixels for
 * the group name on the left and count_w for the total on the right.  All
 * bars share one scale (the largest group fills the bar area); a non-zero
 * segment is at least min_seg pixels wide.  Rows that do not fit at row_min
 * are not placed (nplaced says how many were). */
void render_chart_place(struct render_chart *c, SDL_Rect plot, int label_w, int count_w, int row_min,
                        int row_max, int min_seg);
/* The same in cols columns side by side (gap pixels apart), filled top to
 * bottom and then left to right, so with as many groups of each kind
 * (lesson 09's spamA, spamB, spamC and spamAoff, spamBoff, spamCoff) a
 * group sits beside its counterpart.  Each column has its own name, bar
 * and total; all bars share one scale.  cols 1 is render_chart_place. */
void render_chart_place_cols(struct render_chart *c, SDL_Rect plot, int cols, int gap, int label_w, int count_w,
                             int row_min, int row_max, int min_seg);

/* Move group g (and its bar) to the first row; the others keep their
 * order, the keys and legend do not change.  Nothing for g 0 or out of
 * range.  Call before render_chart_place. */
void render_chart_first(struct render_chart *c, size_t g);
/* The group (index into c->group) of the message in focus (the card's,
 * render_view_focus_msg), or -1 if none or it is not among them. */
int render_chart_focus_group(struct render_app *a, const struct render_chart *c);

/* 1 if the chart takes the place of the message list now: the lesson is
 * told by captions, or has more than RENDER_CHART_AUTO_MESSAGES messages
 * in at most RENDER_CHART_MAX_GROUPS groups, unless T (or the button)
 * switched it. */
#define RENDER_CHART_AUTO_MESSAGES 24
int render_chart_shown(struct render_app *a);
/* T: switch between the chart and the message list (showing the chart
 * clears the selection, so the inspector shows it). */
void render_chart_toggle(struct render_app *a);

/* Draw the chart panel in rc (the inspector's place) and keep its
 * geometry in the session for the tests (render_app's chart). */
void render_chart_draw(struct render_app *a, SDL_Rect rc);

#endif
