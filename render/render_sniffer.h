/* render_sniffer — "what the eavesdropper sees": for a lesson with a
 * sniffer, a panel beside the protocol transcript listing, packet by
 * packet, what the sniffer could read (a line in clear text, a password
 * in red) or only that TLS ciphertext of some size passed, drawn from the
 * trace's TR_SNIFF records up to the present. */
#ifndef MAILSIM_RENDER_SNIFFER_H
#define MAILSIM_RENDER_SNIFFER_H

#include <SDL.h>

struct render_app;
struct sbuf;

/* 1 if the lesson places a sniffer (the panel is drawn). */
int render_sniffer_shown(const struct render_app *a);

/* Give the panel the right part of the transcript's place in a->panels
 * (after the window layout, the sequence chart's share included); nothing
 * without a sniffer or while the transcript has no place. */
void render_sniffer_layout(struct render_app *a);

/* The eavesdropper's tag on the network picture this frame: 1 and *out,
 * or 0 when none is drawn (no sniffer, the summary picture).  It lies on
 * their segment's region (its centre inside it, wholly inside where
 * there is room), on no other network's, nearest to where the lesson
 * places it without hiding a box, chip, tray or name; from still things
 * only, so it stays put while the layout does.  Call after
 * render_topology_place. */
int render_sniffer_tag(const struct render_app *a, SDL_Rect *out);
/* Draw that tag, and take its place (render_topology_take) so that what
 * is drawn later keeps off it. */
void render_sniffer_topology(struct render_app *a);

/* Draw the panel in the place render_sniffer_layout left it. */
void render_sniffer_draw(struct render_app *a);
/* Append to out what the panel shows of each packet, one drawn text a
 * line (a head "S:110 +OK 697 octets", a further line "Subject: …", or
 * "… and N more lines"), as the last render_sniffer_draw laid it out;
 * a text cut at the panel's top is left out. */
void render_sniffer_text(struct render_app *a, struct sbuf *out);

#endif
