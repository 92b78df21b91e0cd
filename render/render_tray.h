/* render_tray — the mailbox of each host with an MDA, drawn as two trays
 * under its box (above it where the map ends below): INBOX and Junk, each with how many mails it holds.  The
 * letters a mailbox holds rest in their tray (render_traffic asks where),
 * so a spoof the server filed in Junk is seen lying in Junk. */
#ifndef MAILSIM_RENDER_TRAY_H
#define MAILSIM_RENDER_TRAY_H

#include <SDL.h>

/* The base size of a tray's label ("INBOX 2"): a role badge's, so that
 * presenter mode sets it at a badge's floor, 19 px at 1920 x 1080 (18 on
 * a full map), as issue 11 asks of badges (it was 13: 11 px at 720p).
 * The trays keep the height of a line at 13 (RENDER_TRAY_BOX_BASE) and
 * the label is centred in them, so that no box and no layout moves. */
#define RENDER_TRAY_BASE 14
#define RENDER_TRAY_BOX_BASE 13

struct render_app;

enum render_tray_folder { RENDER_TRAY_INBOX, RENDER_TRAY_JUNK, RENDER_TRAY_COUNT };
extern const char *const render_tray_names[RENDER_TRAY_COUNT];

/* Draw the trays of every MDA host whose box is drawn (after the hosts,
 * before the labels, which then keep off them). */
void render_tray_draw(struct render_app *a);

/* Their labels ("INBOX 2", "Junk 179"), drawn over the letters resting
 * in them (render_traffic calls it after drawing those, batched ones
 * included). */
void render_tray_labels(struct render_app *a);

/* The tray of folder ("INBOX", "Junk"; any other name is INBOX) at host
 * as drawn this frame: 1 and *out, or 0 if the host has none. */
int render_tray_rect(const struct render_app *a, int host, const char *folder, SDL_Rect *out);

/* The plate of that tray's label ("Junk 83") as render_tray_labels draws
 * it this frame: 1 and *out, or 0 if the host has none.  The letters
 * resting in the tray keep to its right (render_letter_resting): drawn
 * after it, they hid the count (lesson 09 at 10.489 s). */
int render_tray_label_rect(const struct render_app *a, int host, const char *folder, SDL_Rect *out);

#endif
