/* render_heard — the line an eavesdropper has just read, tagged on the
 * segment they read it on (lesson 14: "C: PASS bob-pass" on the café's
 * Wi-Fi while the caption says the password crosses it). */
#ifndef MAILSIM_RENDER_HEARD_H
#define MAILSIM_RENDER_HEARD_H

struct render_app;

/* If the latest rows of the trace tell a sniffer reading a line (in clear
 * or a TLS record) of a connection on the map, and the moment is still
 * that reading's (no longer ago than the line took to cross), draw that
 * line's label on the part of its route inside the sniffer's network:
 * what crossed there, "C: PASS bob-pass", or inside TLS only "TLS
 * ciphertext, N bytes".  Nothing in a lesson without sniffers. */
void render_heard_draw(struct render_app *a);

#endif
