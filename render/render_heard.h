/* render_heard — the line an eavesdropper has just read, tagged on the
 * segment they read it on (lesson 14: "C: PASS bob-pass" on the café's
 * Wi-Fi while the caption says the password crosses it). */
#ifndef MAILSIM_RENDER_HEARD_H
#define MAILSIM_RENDER_HEARD_H

struct render_app;
struct sim_conn;

/* If the latest rows of the trace tell a sniffer reading a line (in clear
 * or a TLS record) of a connection on the map, and the moment is still
 * that reading's (no longer ago than the line took to cross, and no
 * later line of the connection has come onto that network), draw that
 * line's label on the part of its route inside the sniffer's network:
 * what crossed there, "C: PASS bob-pass", or inside TLS only "TLS
 * ciphertext, N bytes".  Nothing in a lesson without sniffers. */
void render_heard_draw(struct render_app *a);

/* 1 if the line on the wire of connection c is the one the last
 * render_heard_draw tagged (it arrives at the row that tells the reading:
 * its label on the wire would say it a second time), else 0. */
int render_heard_tells(const struct render_app *a, const struct sim_conn *c);

/* The words of the tag render_heard_draw would draw now into buf (n
 * bytes): 1, else 0 if it draws none.  For the checks. */
#include <stddef.h>
int render_heard_label(struct render_app *a, char *buf, size_t n);

#endif
