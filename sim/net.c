/* net — path search over the network/router graph and rule evaluation. */
#include "net.h"

#include <string.h>

#include "util.h"

void net_init(struct net *n, const struct scenario *sc)
{
	memset(n, 0, sizeof *n);
	n->sc = sc;
	size_t nn = (size_t)(sc->nnets ? sc->nnets : 1);
	n->paths = xcalloc(nn * nn, sizeof *n->paths);
	n->path_done = xcalloc(nn * nn, 1);
	n->enabled = xcalloc((size_t)sc->nrouters + 1, sizeof *n->enabled);
	for (int r = 0; r < sc->nrouters; r++) {
		n->enabled[r] = xcalloc((size_t)sc->routers[r].nrules + 1, sizeof(int));
		for (int k = 0; k < sc->routers[r].nrules; k++)
			n->enabled[r][k] = sc->routers[r].rules[k].enabled;
	}
}

void net_free(struct net *n)
{
	if (!n->sc)
		return;
	for (int r = 0; r < n->sc->nrouters; r++)
		free(n->enabled[r]);
	free(n->enabled);
	free(n->paths);
	free(n->path_done);
	memset(n, 0, sizeof *n);
}

static int64_t net_link_latency(const struct sc_router *r, int net)
{
	for (int i = 0; i < r->nlinks; i++)
		if (r->links[i].net == net)
			return r->links[i].latency_us;
	return 0;
}

static int net_router_on(const struct sc_router *r, int net)
{
	for (int i = 0; i < r->nlinks; i++)
		if (r->links[i].net == net)
			return 1;
	return 0;
}

/* Breadth-first search over networks; a router joins every pair of its
 * networks.  prev_net/prev_router record how each network was reached. */
static void net_search(struct net *n, int from, int to, struct net_path *out)
{
	const struct scenario *sc = n->sc;
	int nn = sc->nnets;
	int *prev_net = xmalloc((size_t)nn * sizeof(int));
	int *prev_router = xmalloc((size_t)nn * sizeof(int));
	int *queue = xmalloc((size_t)nn * sizeof(int));
	for (int i = 0; i < nn; i++)
		prev_net[i] = -2;
	int head = 0, tail = 0;
	queue[tail++] = from;
	prev_net[from] = -1;
	prev_router[from] = -1;
	while (head < tail && prev_net[to] == -2) {
		int cur = queue[head++];
		for (int r = 0; r < sc->nrouters; r++) {
			const struct sc_router *ro = &sc->routers[r];
			if (!net_router_on(ro, cur))
				continue;
			for (int i = 0; i < ro->nlinks; i++) {
				int nx = ro->links[i].net;
				if (prev_net[nx] != -2)
					continue;
				prev_net[nx] = cur;
				prev_router[nx] = r;
				queue[tail++] = nx;
			}
		}
	}
	memset(out, 0, sizeof *out);
	if (prev_net[to] != -2) {
		int rev[NET_MAX_PATH], revnet[NET_MAX_PATH], nrev = 0;
		for (int cur = to; cur != from && nrev < NET_MAX_PATH; cur = prev_net[cur]) {
			rev[nrev] = prev_router[cur];
			revnet[nrev++] = prev_net[cur];   /* the network before the router */
		}
		/* Forward: cross the source network, enter a router, leave it into
		 * the next network, and so on; the destination network last. */
		int64_t lat = 0;
		out->ok = 1;
		out->nrouters = nrev;
		for (int i = 0; i < nrev; i++) {
			int r = rev[nrev - 1 - i], in = revnet[nrev - 1 - i];
			int outnet = i + 1 < nrev ? revnet[nrev - 2 - i] : to;
			lat += sc->nets[in].latency_us + net_link_latency(&sc->routers[r], in);
			out->routers[i] = r;
			out->to_router_us[i] = lat;
			lat += net_link_latency(&sc->routers[r], outnet);
		}
		out->latency_us = lat + sc->nets[to].latency_us;
	}
	free(prev_net);
	free(prev_router);
	free(queue);
}

const struct net_path *net_path_between(struct net *n, int from_net, int to_net)
{
	size_t k = (size_t)from_net * (size_t)n->sc->nnets + (size_t)to_net;
	if (!n->path_done[k]) {
		if (from_net == to_net) {
			memset(&n->paths[k], 0, sizeof n->paths[k]);
			n->paths[k].ok = 1;
			n->paths[k].latency_us = n->sc->nets[from_net].latency_us;
		} else {
			net_search(n, from_net, to_net, &n->paths[k]);
		}
		n->path_done[k] = 1;
	}
	return &n->paths[k];
}

int net_of_addr(const struct scenario *sc, uint32_t addr)
{
	for (int i = 0; i < sc->nnets; i++)
		if ((addr & sc->nets[i].mask) == sc->nets[i].addr)
			return i;
	return -1;
}

int net_sel_term(const struct scenario *sc, const struct sc_selector *s, uint32_t addr, int net)
{
	switch (s->kind) {
	case SEL_ANY:
		return 1;
	case SEL_NET:
		return net == s->net;
	case SEL_ISP:
		return net >= 0 && sc->nets[net].isp && s->isp &&
		       strcmp(sc->nets[net].isp, s->isp) == 0;
	case SEL_KIND:
		return net >= 0 && sc->nets[net].kind == s->nkind;
	case SEL_CIDR:
		return (addr & s->mask) == s->addr;
	case SEL_KIND_COUNT:
		break;
	}
	PANIC("bad selector kind %d", (int)s->kind);
}

/* Positive terms: any may match; negated terms: all must hold.  A list of
 * only negated terms matches whatever none of them excludes. */
static int net_sel_list(const struct scenario *sc, const struct sc_selector *l, int nl,
                        uint32_t addr, int net)
{
	int have_pos = 0, pos_hit = 0;
	for (int i = 0; i < nl; i++) {
		int hit = net_sel_term(sc, &l[i], addr, net);
		if (l[i].negate) {
			if (hit)
				return 0;
		} else {
			have_pos = 1;
			pos_hit |= hit;
		}
	}
	return have_pos ? pos_hit : 1;
}

int net_rule_matches(const struct scenario *sc, const struct sc_rule *r, uint32_t src,
                     int src_net, uint32_t dst, int dst_net, int port)
{
	if (r->port && r->port != port)
		return 0;
	return net_sel_list(sc, r->from, r->nfrom, src, src_net) &&
	       net_sel_list(sc, r->to, r->nto, dst, dst_net);
}

struct net_verdict net_evaluate(const struct net *n, const struct net_path *p,
                                uint32_t src, int src_net, uint32_t dst, int dst_net,
                                int port)
{
	const struct scenario *sc = n->sc;
	struct net_verdict v = { RULE_ACCEPT, -1, -1, -1, p->latency_us };
	for (int h = 0; h < p->nrouters; h++) {
		int r = p->routers[h];
		const struct sc_router *ro = &sc->routers[r];
		for (int k = 0; k < ro->nrules; k++) {
			if (!n->enabled[r][k] ||
			    !net_rule_matches(sc, &ro->rules[k], src, src_net, dst, dst_net, port))
				continue;
			if (ro->rules[k].action == RULE_ACCEPT)
				break;
			v.action = ro->rules[k].action;
			v.router = r;
			v.rule = k;
			v.hop = h;
			v.latency_us = p->to_router_us[h];
			return v;
		}
	}
	return v;
}

void net_copy(struct net *dst, const struct net *src)
{
	const struct scenario *sc = src->sc;
	size_t nn = (size_t)(sc->nnets ? sc->nnets : 1);
	net_init(dst, sc);
	memcpy(dst->paths, src->paths, nn * nn * sizeof *dst->paths);
	memcpy(dst->path_done, src->path_done, nn * nn);
	for (int r = 0; r < sc->nrouters; r++)
		memcpy(dst->enabled[r], src->enabled[r], (size_t)sc->routers[r].nrules * sizeof(int));
}
