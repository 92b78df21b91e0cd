/* render_route_memo — routes already built, by everything they are built
 * from (see the header). */
#include <string.h>

#include "render_app.h"
#include "render_links.h"
#include "render_route_memo.h"
#include "util.h"

/* Direct-mapped by the key's low bits: a busy lesson has a few dozen
 * connections on screen; past that, busy scenes draw straight lines. */
#define RENDER_ROUTE_MEMO_SLOTS 256

struct render_route_memo_slot {
	uint64_t key;          /* 0: empty */
	struct render_topology_route rt;
};

struct render_route_memo {
	struct render_route_memo_slot slot[RENDER_ROUTE_MEMO_SLOTS];
	unsigned long built;
};

struct render_route_memo *render_route_memo_new(void)
{
	return xcalloc(1, sizeof(struct render_route_memo));
}

void render_route_memo_free(struct render_route_memo *m)
{
	free(m);
}

static uint64_t render_route_memo_int(uint64_t h, long long v)
{
	return util_fnv1a(h, &v, sizeof v);
}

static uint64_t render_route_memo_float(uint64_t h, float v)
{
	return util_fnv1a(h, &v, sizeof v);
}

static uint64_t render_route_memo_rect(uint64_t h, SDL_Rect r)
{
	int v[4] = { r.x, r.y, r.w, r.h };
	return util_fnv1a(h, v, sizeof v);
}

static uint64_t render_route_memo_floats(uint64_t h, const float *v, size_t n)
{
	return v ? util_fnv1a(h, v, n * sizeof *v) : render_route_memo_int(h, -1);
}

/* The layout: its places (the lesson's and presenter mode's), the view,
 * and presenter mode's push-apart of boxes. */
static uint64_t render_route_memo_layout(uint64_t h, const struct render_app *a)
{
	const struct render_layout *l = &a->layout;
	h = render_route_memo_int(h, l->nnets * 1000003LL + l->nhosts * 1009LL + l->nrouters);
	h = render_route_memo_floats(h, l->net ? l->net[0] : NULL, (size_t)l->nnets * 4);
	h = render_route_memo_floats(h, l->host ? l->host[0] : NULL, (size_t)l->nhosts * 2);
	h = render_route_memo_floats(h, l->router ? l->router[0] : NULL, (size_t)l->nrouters * 2);
	h = render_route_memo_int(h, l->present);
	if (l->present) {
		h = render_route_memo_floats(h, l->pnet ? l->pnet[0] : NULL, (size_t)l->nnets * 4);
		h = render_route_memo_floats(h, l->phost ? l->phost[0] : NULL, (size_t)l->nhosts * 2);
		h = render_route_memo_floats(h, l->prouter ? l->prouter[0] : NULL, (size_t)l->nrouters * 2);
	}
	h = render_route_memo_rect(h, l->vp);
	h = render_route_memo_float(h, l->zoom);
	h = render_route_memo_float(h, l->pan_x);
	h = render_route_memo_float(h, l->pan_y);
	h = render_route_memo_float(h, l->k);
	return render_route_memo_floats(h, a->spread ? a->spread[0] : NULL, a->spread ? a->nspread * 2 : 0);
}

uint64_t render_route_memo_key(const struct render_app *a, int client, int server, const int *routers, int nr,
                               int bend)
{
	uint64_t h = UTIL_FNV1A_BASIS;
	h = render_route_memo_int(h, client);
	h = render_route_memo_int(h, server);
	h = render_route_memo_int(h, bend);
	h = render_route_memo_int(h, nr);
	for (int i = 0; i < nr; i++)
		h = render_route_memo_int(h, routers[i]);
	h = render_route_memo_int(h, a->presenter);
	h = render_route_memo_int(h, a->panels.line);
	h = render_route_memo_rect(h, a->panels.topo);
	h = render_route_memo_layout(h, a);
	/* what it is bent round: every still thing placed so far (piles
	 * included: they shift the indexes of the regions after them) */
	if (a->place) {
		h = render_route_memo_int(h, (long long)a->place->nlab);
		for (size_t i = 0; i < a->place->nlab; i++) {
			const struct render_topology_label *lab = &a->place->lab[i];
			h = render_route_memo_rect(h, lab->rc);
			h = render_route_memo_int(h, (long long)lab->kind * 65536 + lab->owner);
		}
	} else {
		h = render_route_memo_int(h, -1);
	}
	/* the routers' lines to their networks, as this frame laid them */
	h = render_route_memo_int(h, a->link_path_known);
	for (size_t i = 0; a->link_path_known && i < a->nlink_path; i++) {
		const struct render_links_path *p = &a->link_path[i];
		int n = p->n < 0 ? 0 : p->n > RENDER_LINKS_POINTS ? RENDER_LINKS_POINTS : p->n;
		h = render_route_memo_int(h, p->n);
		h = render_route_memo_floats(h, p->x, (size_t)n);
		h = render_route_memo_floats(h, p->y, (size_t)n);
	}
	return h ? h : 1;
}

int render_route_memo_get(const struct render_route_memo *m, uint64_t key, struct render_topology_route *rt)
{
	if (!m)
		return 0;
	const struct render_route_memo_slot *s = &m->slot[key % RENDER_ROUTE_MEMO_SLOTS];
	if (s->key != key)
		return 0;
	*rt = s->rt;
	return 1;
}

void render_route_memo_put(struct render_route_memo *m, uint64_t key, const struct render_topology_route *rt)
{
	if (!m)
		return;
	struct render_route_memo_slot *s = &m->slot[key % RENDER_ROUTE_MEMO_SLOTS];
	s->key = key;
	s->rt = *rt;
	m->built++;
}

unsigned long render_route_memo_built(const struct render_route_memo *m)
{
	return m ? m->built : 0;
}
