/* render_app — the state of one GUI session: the lesson and its timeline,
 * the window or off-screen surface, fonts, catalogs, layout, selection and
 * the dialogs.  It is also the seam the tests use: render_app_new_offscreen
 * builds a session without a display, render_app_handle_event feeds it SDL
 * events, render_control_tick plays, render_app_draw draws a frame. */
#ifndef MAILSIM_RENDER_APP_H
#define MAILSIM_RENDER_APP_H

#include <SDL.h>
#include <stdint.h>

#include "i18n.h"
#include "render.h"
#include "render_chart.h"
#include "render_check.h"
#include "render_compose.h"
#include "render_control.h"
#include "render_field.h"
#include "render_font.h"
#include "render_ladder.h"
#include "render_layout.h"
#include "render_legend.h"
#include "render_pace.h"
#include "render_quiz.h"
#include "render_summary.h"
#include "msg.h"
#include "sim.h"
#include "util.h"

/* Connections a later row of the event closes, drawn as of the current
 * row (render_view_row_conns): at most this many, of at most so many
 * routers each. */
#define RENDER_APP_ROW_CONNS 16
#define RENDER_APP_ROW_HOPS 16
#define RENDER_APP_STAND 64        /* stand-in copies of one row (render_view_row_copies) */
#define RENDER_APP_CROSS_HITS 40   /* crosses a click can open (as many as labels) */

enum render_app_sel {
	RENDER_APP_SEL_NONE,
	RENDER_APP_SEL_MSG,      /* index = ledger entry */
	RENDER_APP_SEL_HOST,     /* index = host */
	RENDER_APP_SEL_ROUTER,   /* index = router */
	RENDER_APP_SEL_COUNT
};
extern const char *const render_app_sel_names[RENDER_APP_SEL_COUNT];

/* What a click can land on.  The drawing code registers a box for each
 * clickable thing as it draws it, so input and picture cannot disagree. */
enum render_app_hit {
	RENDER_APP_HIT_HOST,     /* a = host */
	RENDER_APP_HIT_ROUTER,   /* a = router */
	RENDER_APP_HIT_RULE,     /* a = router, b = rule: toggles */
	RENDER_APP_HIT_MSG,      /* a = ledger entry */
	RENDER_APP_HIT_EVENT,    /* a = events done after it: jumps there */
	RENDER_APP_HIT_BUTTON,   /* a = enum render_app_button */
	RENDER_APP_HIT_LESSON,   /* a = lesson picker row */
	RENDER_APP_HIT_FIELD,    /* a = enum render_compose_field */
	RENDER_APP_HIT_PORT,     /* a = port number (compose) */
	RENDER_APP_HIT_PANEL,    /* a = enum render_app_panel: wheel scrolls it */
	RENDER_APP_HIT_FULL,     /* a = ledger entry, b = RENDER_FIELD_HIT_*: a
	                          * shortened long text, shown whole in the
	                          * inspector (render_inspector_full) */
	RENDER_APP_HIT_PACKET,   /* a = connection id: what is on its wire opens
	                          * layer by layer (render_pdu) */
	RENDER_APP_HIT_TAB,      /* a = ledger entry, b = the card's tab: shows
	                          * that copy (render_tabs) */
	RENDER_APP_HIT_COUNT
};
extern const char *const render_app_hit_names[RENDER_APP_HIT_COUNT];

enum render_app_button {
	RENDER_APP_BTN_PLAY, RENDER_APP_BTN_BACK, RENDER_APP_BTN_STEP, RENDER_APP_BTN_RESTART,
	RENDER_APP_BTN_SLOWER, RENDER_APP_BTN_FASTER, RENDER_APP_BTN_LANG, RENDER_APP_BTN_COMPOSE,
	RENDER_APP_BTN_LESSONS, RENDER_APP_BTN_HELP, RENDER_APP_BTN_PRESENTER, RENDER_APP_BTN_SAVE,
	RENDER_APP_BTN_SEND, RENDER_APP_BTN_CANCEL, RENDER_APP_BTN_FROM_HOST, RENDER_APP_BTN_AUTH,
	RENDER_APP_BTN_CLOSE, RENDER_APP_BTN_FETCH, RENDER_APP_BTN_SPAM, RENDER_APP_BTN_HAM,
	RENDER_APP_BTN_CHART, RENDER_APP_BTN_LADDER,   /* LADDER: b = 1 chart, 0 transcript */
	RENDER_APP_BTN_NEXT_CAPTION, RENDER_APP_BTN_NEXT_HOP, RENDER_APP_BTN_PAUSE_CAPTIONS,
	RENDER_APP_BTN_CHECK, RENDER_APP_BTN_SUMMARY,
	RENDER_APP_BTN_QUIZ_CHOICE,   /* b = the choice, from 0 */
	RENDER_APP_BTN_QUIZ_CONTINUE,
	/* S/MIME: the compose dialog's switches; a part of the card's MIME
	 * tree (b = its index: its raw body shows or hides) */
	RENDER_APP_BTN_SIGN, RENDER_APP_BTN_ENCRYPT, RENDER_APP_BTN_MIME,
	/* the event list's filter and "now"; fold a panel (b = enum
	 * render_app_panel) or unfold it; the colour legend; close the
	 * packet's layers */
	RENDER_APP_BTN_EVENTS_FILTER, RENDER_APP_BTN_EVENTS_NOW, RENDER_APP_BTN_FOLD,
	RENDER_APP_BTN_LEGEND, RENDER_APP_BTN_PDU_CLOSE,
	RENDER_APP_BTN_COUNT
};
extern const char *const render_app_button_names[RENDER_APP_BTN_COUNT];

enum render_app_panel {
	RENDER_APP_PANEL_TOPO, RENDER_APP_PANEL_EVENTS, RENDER_APP_PANEL_TRANSCRIPT,
	RENDER_APP_PANEL_INSPECTOR, RENDER_APP_PANEL_CARD, RENDER_APP_PANEL_PICKER,
	RENDER_APP_PANEL_COUNT
};
extern const char *const render_app_panel_names[RENDER_APP_PANEL_COUNT];

enum render_app_overlay {
	RENDER_APP_OVERLAY_NONE, RENDER_APP_OVERLAY_HELP, RENDER_APP_OVERLAY_PICKER,
	RENDER_APP_OVERLAY_COMPOSE, RENDER_APP_OVERLAY_QUIZ, RENDER_APP_OVERLAY_CHECK,
	RENDER_APP_OVERLAY_COUNT
};
extern const char *const render_app_overlay_names[RENDER_APP_OVERLAY_COUNT];

struct render_app_hitbox {
	SDL_Rect rc;
	enum render_app_hit kind;
	int a, b;
};

struct render_app_lesson {
	char *path;
	struct sc_text title, summary;
	int broken;              /* did not load */
};

enum render_app_drag { RENDER_APP_DRAG_NONE, RENDER_APP_DRAG_PAN, RENDER_APP_DRAG_HOST,
	RENDER_APP_DRAG_ROUTER, RENDER_APP_DRAG_COUNT };
extern const char *const render_app_drag_names[RENDER_APP_DRAG_COUNT];

#define RENDER_APP_CARD_SHOWN 64

struct render_app {
	struct render_opts opts;
	char *assets_dir, *scenarios_dir, *font_file;
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Surface *surface;    /* off-screen target, NULL with a window */
	struct render_font *font;
	struct i18n *cat[LANG_COUNT];
	int lang;                /* enum lang */

	char *scenario_path;
	struct scenario *sc;
	struct timeline *tl;
	struct render_layout layout;
	struct render_layout_panels panels;
	int w, h;                /* drawing size in pixels */
	float px_per_pt;         /* high-DPI: pixels per window coordinate */

	int playing;
	double speed;            /* 0.1 .. 100 */
	double rate;             /* simulated µs per wall second at 1x */
	double t_carry;          /* simulated µs play owes the clock: the fraction
	                          * left from the last tick, or what a tick out of
	                          * time did not play (render_control_tick) */
	double frame_s;          /* play's frame period, smoothed (wall seconds) */
	double budget_cap_s;     /* a tick's wall-time budget at most this, when
	                          * > 0 (tests: a machine's speed must not decide
	                          * whether a tick runs out of time) */
	double lead;             /* simulated µs play is ahead of its ticks' clock:
	                          * about one frame, so a frame shows the moment at
	                          * which it appears (render_control_tick) */
	int paused_tick;         /* the last tick found play stopped: the next one
	                          * that plays starts the clock at its own moment */
	int presenter, fullscreen;
	enum render_app_overlay overlay;
	enum render_app_sel sel;
	int sel_index;
	struct render_field_full full;   /* the selected message's long text shown
	                                  * whole; a new selection clears it */
	int auto_focus;          /* the message the card follows when none is selected */
	int verdict_shown;       /* the mail the filter panel last opened for
	                          * without a selection (render_verdict), -1 */
	int insp_clues;          /* a filter's clue rows wholly in view in the
	                          * inspector in the last frame drawn */
	int insp_token_cuts;     /* and its tokens cut inside a word there */
	int insp_halved;         /* and its lines, rows and scale drawn cut
	                          * by the panel's edge (none: a line shows
	                          * whole or not at all) */
	int insp_over;           /* pixels of the inspector's content (a
	                          * verdict's panel, an opened packet) below
	                          * its panel in the last frame drawn, at the
	                          * wheel's top: 0 when all of it is in view */
	/* The card's tab a click chose (render_tabs): the copy of message msg
	 * (its address, compared and never followed), for the run at pos
	 * events with told records told; msg -1 when none. */
	struct render_app_pick { int msg; uintptr_t copy; size_t pos, told; } pick;
	/* Stepping row by row: one event can make several told records (the
	 * DATA that ends in a forward and two deliveries).  While row_cap is
	 * not 0, only the trace records before it are told as the present; it
	 * holds for the run at row_pos events with row_n records and for
	 * nothing else (render_view_trace). */
	size_t row_cap, row_pos, row_n;
	int chart_mode;          /* totals chart: -1 as the lesson suits, 0 off, 1 on (T) */
	struct render_chart *chart;   /* the chart last drawn (for the tests) */
	int ladder_on;           /* protocol panel: 1 sequence chart (S), 0 transcript */
	struct render_ladder *ladder; /* the sequence chart last drawn (for the tests) */

	int *caption_rec;        /* per caption: trace index where it fired, -1 */
	unsigned char *caption_shown;   /* per caption: fired (for narrate_caption_match) */
	size_t caption_scan;
	int recv_msg, recv_count;  /* Received fields last seen on the focus */
	size_t recv_changed_at;    /* trace length when one was added */

	/* this frame's connections and message copies (gathered once) */
	struct sim_conn *fconn;
	size_t nfconn, capfconn;
	/* how many ways they take (render_topology_route_ways), counted up
	 * to one past RENDER_TOPOLOGY_LABEL_MAX */
	int fways;
	/* the routers of connections a later row of the event closes, which
	 * the simulation no longer lists (render_view_row_conns) */
	int fconn_hops[RENDER_APP_ROW_CONNS][RENDER_APP_ROW_HOPS];
	/* the bytes on the wire of a line render_view_row put back there (the
	 * simulation's sim_conn_wire_bytes counts the line it sent after) */
	struct {
		int id;
		uint32_t bytes;
	} row_wire[RENDER_APP_ROW_CONNS];
	int nrow_wire;
	struct sim_copy *fcopy;
	size_t nfcopy, capfcopy;
	size_t nfstand;          /* the last nfstand of them stand for a copy a
	                          * later row of the event stores or forwards
	                          * (render_view_row_copies) */
	struct msg fstand_msg[RENDER_APP_STAND];   /* their messages as before
	                          * the store (views of the stored copy's) */
	/* … and its dropped SYNs (render_view_dropped_node), by message */
	struct render_app_drop { int msg, client, conn, router, rule; } *fdrop;
	size_t nfdrop, capfdrop;

	/* labels placed on the network picture this frame, which later
	 * labels avoid (render_topology_take), and per host then router the
	 * factor its box's text is scaled by so that no two boxes overlap */
	SDL_Rect *taken;
	size_t ntaken, captaken;
	float *box_fit;
	SDL_Rect *node_box;      /* per host then router: its box (a router's
	                          * with its chips) this frame, w 0 if none;
	                          * routes bend around the ones they do not use */
	struct render_topology_place *place;   /* chips, trays, names placed
	                          * before drawing (render_topology_place.c) */
	struct render_route_memo *route_memo;   /* routes built, by what they
	                        * are built from (render_route_memo) */
	struct {
		int conn, w, h;  /* the current row's packet label tied away from
		                  * its route (render_pill), its size, */
		SDL_Rect rc;     /* and its place, kept while it stays free: found
		                  * once, not searched for each frame (conn -1 none) */
		int none;        /* 1: no such place for conn's packet at (x, y) */
		float x, y;
	} pill_memo;
	/* a router's count of blocks tied to it where no place beside it
	 * was free (render_topology_router_marks): its place and tie, kept
	 * while the place stays free and the tie clear (r + 1, 0: none) --
	 * found once, not searched for each frame */
	struct render_app_marks_memo {
		int r1, w, h, elbow;   /* elbow: its tie's (-1: none clear) */
		SDL_Rect all, rc;
	} marks_memo[8];
	struct render_links_path *link_path;   /* per router, per link: its
	                          * line this frame (render_links.c) */
	size_t nlink_path;
	int link_path_known;
	uint64_t link_key;       /* the inputs they were laid out from */
	uint64_t link_title_key; /* and the names they keep off since (0: none
	                          * yet; render_links_titles) */
	float (*spread)[2];      /* presenter mode: boxes pushed apart (render_spread) */
	uint64_t region_key;     /* the inputs of presenter mode's places (render_region) */
	int region_fits;         /* 1: they fit, and layout.pnet etc. hold them */
	int region_level;        /* how far presenter mode's map is packed to fit
	                          * (render_region): 1 long host names on two
	                          * lines, 2 also its text at the least */
	int region_rooms;        /* 1: the layout keeps room for a router */
	int router_cut;          /* 1: router names with a parenthesis on two
	                          * lines (presenter mode; render_region's
	                          * choice, region_cut, while it lays out) */
	int region_cut;
	uint64_t region_key0;    /* the inputs, without the choice below */
	int region_bare;         /* 1: laid out without rooms for routers, for the
	                          * inputs region_try (being tried) or
	                          * region_chose (chosen) (render_region_names) */
	uint64_t region_try, region_chose;
	int region_short;        /* the names' shortfall with rooms, while tried */
	float *region_keep;      /* the layout with rooms while tried (pnet, phost,
	                          * prouter), put back if kept */
	uint64_t region_keep_key;
	int region_keep_level, region_keep_cut;
	struct render_region_kept *region_kept;   /* the layout, for placing
	                          * its routers again (render_region_wires) */
	struct render_region_kept *region_kept_names;   /* and the one with rooms
	                          * while render_region_names tries without */
	int wires_first;         /* 1 + the router placed first of those with no
	                          * room, for the inputs wires_try (being tried)
	                          * (0: index order) */
	uint64_t wires_try, wires_chose;
	int wires_best, wires_under;   /* while tried: the best wires_first so
	                          * far, and how many lines it leaves under
	                          * other routers */
	float wires_length, wires_length0;   /* how long its lines are in all;
	                          * and in index order */
	int wires_foreign0;      /* how many lines cross other networks in index
	                          * order */
	int router_spaces;       /* 1: router names may break at a space too,
	                          * where router_cut breaks them (presenter
	                          * mode; render_region_spaces_check) */
	uint64_t spaces_key;     /* the inputs (region_key0) without it, judged */
	uint64_t spaces_key1;    /* and with it, kept (0: not judged yet) */
	int spaces_under, spaces_foreign;   /* without it: lines under other
	                          * routers and across other networks */
	float spaces_length;     /* and how long they are in all, */
	int spaces_short;        /* and the names' shortfall */
	uint64_t sniffer_key;    /* the inputs of the eavesdropper's tag's place, */
	SDL_Rect sniffer_tag;    /* which it keeps while they do (render_sniffer) */
	int sniffer_px, sniffer_maxw;
	int heard_conn;          /* this frame: the connection whose line just
	                          * arrived the eavesdropper's tag labels, else
	                          * -1 (render_heard) */
	size_t nspread;

	struct render_app_hitbox *hits;
	size_t nhits, caphits;
	/* Where this frame drew each dropped SYN's cross (render_traffic), so
	 * that a click on the cross opens that SYN (render_pdu_wire_hits). */
	int ncross_hits;
	int cross_conn[RENDER_APP_CROSS_HITS];
	SDL_Rect cross_rc[RENDER_APP_CROSS_HITS];
	size_t hits_modal;       /* with an overlay open, only boxes from here count */

	enum render_app_drag drag;
	int drag_index, drag_moved, press_x, press_y, mouse_x, mouse_y;
	int scroll[RENDER_APP_PANEL_COUNT];   /* lines scrolled back; 0 = follow */

	/* the projector's view (render_events, render_pdu, render_legend) */
	int events_filter;       /* enum render_events_filter (E) */
	int pdu_rec;             /* trace record opened layer by layer, -1 */
	int pdu_conn;            /* or a connection's packet on the wire, -1 */
	int fold[RENDER_APP_PANEL_COUNT];   /* 1: folded to a tab (transcript W,
	                                     * inspector I) */
	int pres_transcript;     /* presenter mode: 1 the teacher unfolded the
	                          * transcript, which starts folded there
	                          * (render_fold_shut) */
	int insp_auto;           /* this frame: the inspector folded itself,
	                          * having little to show (render_fold_auto) */
	int insp_keep;           /* the teacher unfolded the inspector: it
	                          * does not fold itself again */
	int fold_both;           /* this frame: presenter mode's bottom row
	                          * folded away, the list under the card
	                          * (render_fold_apply) */
	int fold_ew, fold_tw;    /* this frame: the event list's and the
	                          * transcript's widths in the bottom row
	                          * before the list moved up under the card
	                          * (render_fold_apply; render_dock_take
	                          * moves it back) */
	int row_cuts;            /* last frame: texts of the bottom row cut
	                          * with an ellipsis or inside a word (the
	                          * transcript's lines, the sequence chart's
	                          * heads, the eavesdropper's title) */
	int legend;              /* the colour legend is shown (G) */
	struct render_legend_drawn legend_drawn;   /* last frame's legend */
	int transcript_marks;    /* last frame: session marks the transcript
	                          * drew between two sessions' lines */
	int transcript_flowed;   /* last frame: replies of several lines it ran
	                          * on in a paragraph (the caption names them) */
	int dock_px;             /* last frame: the text size of a checks card
	                          * docked in the right column (0: none) */
	int auth_px;             /* last frame: the same on the map (0: none) */
	int card_key;            /* this frame: the card is short (presenter
	                          * mode, the inspector holds a verdict): its
	                          * envelope and key header lines only
	                          * (render_dock_yield) */
	int card_told;           /* last frame: the card showed a copy from the
	                          * trace alone (render_view_row_envelope, or
	                          * a discarded copy's TR_DISCARD) */
	int events_px;           /* last frame: the event list's current row's
	                          * text size (0: none drawn) */
	int events_into;         /* and the lines of it below the list from
	                          * its top, which the wheel scrolls into */
	int events_more;         /* and those still below it, as scrolled */
	SDL_Rect events_cur;     /* last frame: where the current row was set
	                          * (h 0: not drawn, scrolled away or no room) */
	SDL_Rect events_room;    /* and the list's room for rows */
	SDL_Rect events_caption; /* last frame: the current row's captions in
	                          * the list (h 0: none shown), */
	int events_caption_cut;  /* cut, with a line saying the rest is in
	                          * the caption band, */
	int events_before;       /* and how many earlier rows were shown, */
	int events_earlier;      /* and whether "▲ earlier (wheel)" said that
	                          * one too tall for the room was left out */
	int title_cut;           /* last frame: the lesson's title was cut or
	                          * left out (render_panels_top) */
	int bar_px;              /* last frame: the text size of the top bar's
	                          * buttons */
	int transcript_cut;      /* last frame: transcript rows cut with an
	                          * ellipsis (presenter mode wraps them) */
	SDL_Rect caption_text;   /* last frame: where the caption band's text
	                          * was set (its lines' full height) */
	int caption_px;          /* and its size */

	struct render_compose compose;
	struct render_quiz quiz;          /* the lesson's questions (render_quiz.c) */
	struct render_pace pace;          /* caption and hop steps, the end (render_pace.c) */
	struct render_check check;        /* the end-of-lesson check panel */
	struct render_summary summary;    /* the summary picture (M) */
	struct render_mime *mime;      /* the card's MIME tree (render_mime.c) */
	SDL_Rect smime_bubble[8];      /* this frame's S/MIME bubbles (render_smime.c) */
	char smime_head[8][192];       /* and the first line of each (a docked one
	                                * names its host and message) */
	SDL_Rect card_evidence;        /* last frame: where the card's evidence of the
	                                * moment lay (the MIME tree, the fields the
	                                * answer key names), h 0 if none */
	SDL_Rect card_body;            /* last frame: the card's scrolled area (under
	                                * its title and tabs), h 0 if none */
	SDL_Rect card_more;            /* last frame: the card's "▲ more above" strip
	                                * (the header scrolled under it), h 0 if none */
	SDL_Rect card_below;           /* last frame: the card's "▼ more below" strip,
	                                * h 0 if none */
	SDL_Rect card_tab;             /* last frame: the short "▼ more" tab where the
	                                * strip had no room, h 0 if none */
	SDL_Rect card_sealing;         /* last frame: the MIME tree's note that its
	                                * parts are being encrypted, h 0 if none */
	int card_end;                  /* last frame: the bottom of the card's last
	                                * block drawn (render_card_draws) */
	int card_end_right;            /* and where its text ends on the right (the
	                                * panel's edge where that is not known) */
	int card_end_line;             /* and the height of its last line */
	int card_shown[RENDER_APP_CARD_SHOWN];   /* last frame: what the card showed
	                                * whole: -1 the envelope, else the index of
	                                * a header field of its copy */
	int ncard_shown;
	int nsmime_bubble;
	struct render_app_lesson *lessons;
	int nlessons, lesson_sel;

	char *shot_pending;      /* F12: write the next frame here */
	char toast[256];
	uint32_t toast_until;
	uint32_t now_ms;
	int quit;
	uint64_t frame;
	struct sbuf tmp;
	struct sbuf caption_about;   /* the caption band's text with the message it
	                              * is about named (render_panels) */
};

/* A session drawing into an off-screen surface of w x h pixels with the
 * software renderer; needs no display.  Loads o->scenario (NULL: no lesson
 * yet).  Returns NULL after printing why. */
struct render_app *render_app_new_offscreen(const struct render_opts *o, int w, int h);
/* A session drawing into win (already created; the caller keeps it and
 * destroys it after render_app_free). */
struct render_app *render_app_new_window(const struct render_opts *o, SDL_Window *win);
/* Free a session (NULL ok) with everything it made: fonts and their
 * textures, then its renderer (the window's too), and the off-screen
 * surface. */
void render_app_free(struct render_app *a);

/* Load a lesson, replacing the current one.  Returns 0, or -1 (the old one
 * stays and a toast says why). */
int render_app_open(struct render_app *a, const char *path);
/* The same for a scenario built in memory (the benchmark's); takes
 * ownership of sc.  path names it in messages and is where Ctrl+S writes. */
int render_app_adopt(struct render_app *a, struct scenario *sc, const char *path);

/* Input: one SDL event in window coordinates. */
void render_app_handle_event(struct render_app *a, const SDL_Event *ev);
/* Draw the frame.  Never advances the simulation. */
void render_app_draw(struct render_app *a);
/* The last frame again with its pixels, if it was laid out dry
 * (render_draw_set_dry); anything that reads the frame's pixels calls it
 * first. */
void render_app_pixels(struct render_app *a);
/* Write the off-screen surface (or the window's pixels) as PNG; 0 or -1. */
int render_app_save_png(struct render_app *a, const char *path);

/* Simulation control (every change goes through the timeline). */
struct sim *render_app_sim(struct render_app *a);
void render_app_select(struct render_app *a, enum render_app_sel kind, int index);
/* A short message at the bottom of the window for a few seconds. */
void render_app_toast(struct render_app *a, const char *text);
/* Recompute what is derived from the trace after the simulation changed. */
void render_app_sync(struct render_app *a);

/* UI text in the current language. */
const char *render_app_text(const struct render_app *a, const char *key);

/* Hit boxes of the last drawn frame. */
void render_app_hit_add(struct render_app *a, SDL_Rect rc, enum render_app_hit kind, int x, int y);
/* The topmost box at (x, y) in pixels, or NULL. */
const struct render_app_hitbox *render_app_hit_at(const struct render_app *a, int x, int y);
/* The first box of that kind with those values (b < 0: any b); NULL if none. */
const struct render_app_hitbox *render_app_hit_find(const struct render_app *a,
                                                    enum render_app_hit kind, int x, int y);

#endif
