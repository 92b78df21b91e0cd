/* render_verdict — which mail the spam filter's panel opens for when
 * nothing is selected: the one the moment is about when that moment is a
 * filter's verdict, a user's mark or what the filter learnt from it
 * (lesson 12's captions speak of the score; the panel with the score on
 * its scale and the telling tokens must be in view without a click).
 * Read from the told trace and the caption that fired, as the card's
 * focus is (render_view_focus_msg, render_view_caption_moment); a
 * teacher's own selection always wins. */
#ifndef MAILSIM_RENDER_VERDICT_H
#define MAILSIM_RENDER_VERDICT_H

struct render_app;

/* The ledger entry the filter panel opens for, or -1.  -1 when anything
 * is selected, and when the lesson has run to its end (its outcome, the
 * message list and the accuracy plot, is what is shown then).  The mail of the caption shown when that caption fired on
 * a verdict, a mark or a learning record and no record told since is
 * about another mail (the caption is still about it; the next mail's
 * arrival gives the accuracy plot its room back).  Otherwise, when play
 * is stopped, the mail of the latest such record at the present instant
 * (the time of the last told record): a verdict stepped onto. */
int render_verdict_msg(struct render_app *a);

#endif
