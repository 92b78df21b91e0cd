/* render_drop_label — the red label beside a dropped SYN's or a refused
 * command's cross (render_drop_label.c). */
#ifndef MAILSIM_RENDER_DROP_LABEL_H
#define MAILSIM_RENDER_DROP_LABEL_H

#include <stddef.h>
#include <stdint.h>

struct render_app;

/* The label text (brief: its short form for presenter mode, or NULL) in
 * col beside the cross at (bx, by) of router r, or of server host (a
 * group's leader) for a refusal (the other -1), recorded over the still
 * things by that node's box (RENDER_TOPOLOGY_OVER_DROP). */
/* A drop label's text and its brief form (presenter mode, with no room for
 * the text) into buf and brief: n SYNs (n >= 1) to port dropped by rule
 * (its name, the scenario's key) at router r, the rule by its name on
 * screen (render_view_rule_named). */
void render_drop_label_text(struct render_app *a, int r, const char *rule, int port, int n, char *buf, size_t bufsz,
                            char *brief, size_t briefsz);
void render_drop_label_draw(struct render_app *a, int r, int host, float bx, float by, const char *text,
                            const char *brief, uint32_t col);

#endif
