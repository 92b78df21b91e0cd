/* render_discard — where a copy was just discarded, a mark says so. */
#ifndef RENDER_DISCARD_H
#define RENDER_DISCARD_H

struct render_app;

/* While the moment's event is a discard (a bounce of a bounce dropped,
 * as Postfix does), "× 破棄しました" / "× discarded" beside the host that
 * dropped it, off what is drawn, tied to it if it stands off. */
void render_discard_draw(struct render_app *a);

#endif
