/* render_summary_marks — the summary picture's marks over its arrows:
 * where each arrow ends (an arrowhead, or a ✕ back along it where it was
 * stopped), the tag beside that end (✓, × OP25B, × 554), and each path's
 * numbered label ("④ SMTP 587 TLS ×2"), each where it hides nothing. */
#ifndef MAILSIM_RENDER_SUMMARY_MARKS_H
#define MAILSIM_RENDER_SUMMARY_MARKS_H

struct render_app;
struct render_summary;

/* Called by render_topology_draw in summary mode, after the hosts: every
 * path's end mark first (a ✕ can only move along its arrow), then the
 * tags beside them, then the paths' labels (which can move away, tied
 * back by a line).  Each is recorded in a->place->over. */
void render_summary_marks(struct render_app *a);
/* Frees s's memo of the marks (s->memo: NULL afterwards); s may be NULL. */
void render_summary_marks_free(struct render_summary *s);

#endif
