/* test_render_envelope — the envelope tag's place, checked at one frame. */
#ifndef MAILSIM_TEST_RENDER_ENVELOPE_H
#define MAILSIM_TEST_RENDER_ENVELOPE_H

struct render_app;
struct sbuf;
/* Each envelope tag drawn in a's last frame that is out of place, said in
 * b under what; counts the tags drawn into *shown.  Returns how many are
 * out of place. */
int test_render_envelope_frame(struct render_app *a, const char *what, struct sbuf *b, int *shown);

#endif
