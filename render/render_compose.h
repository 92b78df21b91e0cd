/* render_compose — the dialog in which the teacher writes a mail from any
 * MUA: header From (free text, so spoofing can be shown), the envelope's
 * MAIL FROM apart from it (a forged sender, as lesson 07's), To, Cc, Bcc,
 * Subject, body, the submission port and SMTP AUTH, with a preview of what
 * goes into the envelope and what into the header.  Text arrives through
 * SDL text input, so an IME composes Japanese in place. */
#ifndef MAILSIM_RENDER_COMPOSE_H
#define MAILSIM_RENDER_COMPOSE_H

#include <SDL.h>

#include "util.h"

struct render_app;
struct scenario;

enum render_compose_field {
	RENDER_COMPOSE_FROM, RENDER_COMPOSE_MAIL_FROM, RENDER_COMPOSE_TO, RENDER_COMPOSE_CC, RENDER_COMPOSE_BCC,
	RENDER_COMPOSE_SUBJECT, RENDER_COMPOSE_BODY, RENDER_COMPOSE_FIELD_COUNT
};
extern const char *const render_compose_field_names[RENDER_COMPOSE_FIELD_COUNT];

struct render_compose {
	int host;                /* the MUA host mail is sent from */
	int user;                /* its user, -1 */
	struct sbuf text[RENDER_COMPOSE_FIELD_COUNT];
	int focus;               /* enum render_compose_field */
	int port;                /* 25, 587, 465 */
	int auth;
	int direct;              /* straight to the recipients' MX (port 25) */
	int sign, encrypt;       /* S/MIME (in a lesson with keys) */
	int preview_cut;         /* last frame: the preview's text ran past its
	                          * panel (for the tests) */
	char editing[128];       /* IME composition not yet committed */
};

/* Open the dialog with defaults for host (an MUA host, or -1 for the first). */
void render_compose_open(struct render_app *a, int host);
void render_compose_close(struct render_app *a);
void render_compose_free(struct render_compose *c);
/* Switch to the next MUA host (and its user's defaults). */
void render_compose_next_host(struct render_app *a);
/* The address in a From or MAIL FROM text: what is between < and >, else
 * the text without surrounding blanks; written to out (size outsz). */
void render_compose_address(const char *text, char *out, size_t outsz);
/* The envelope and the header the dialog's fields make, as the preview
 * shows them: "MAIL FROM:<…>", one "RCPT TO:<…>" per recipient (Bcc
 * included) into env; "From: …", "To: …", "Cc: …" (no Bcc) into hdr. */
void render_compose_preview(const struct scenario *sc, const struct render_compose *c, struct sbuf *env,
                            struct sbuf *hdr);
/* The envelope sender the dialog sends: the MAIL FROM field's address;
 * left empty, the user's own address, else the header From's; empty (the
 * null sender, "<>") only when both are. */
void render_compose_mail_from(const struct scenario *sc, const struct render_compose *c, char *out, size_t outsz);
/* The header From the MUA will write when the fields are sent (the typed
 * From, else the user's, else the envelope sender); empty when none is. */
void render_compose_header_from(const struct scenario *sc, const struct render_compose *c, char *out, size_t outsz);
/* Submit through timeline_compose; returns 0, or -1 with a toast. */
int render_compose_submit(struct render_app *a);
/* Keys and text while the dialog is open; returns 1 if it used the event. */
int render_compose_event(struct render_app *a, const SDL_Event *ev);
void render_compose_draw(struct render_app *a);

#endif
