/* net — the network model at run time: paths between networks through
 * routers, their latency, and the routers' ordered rules (OP25B, IP25B,
 * plain ACLs) that may drop or refuse a TCP connection attempt. */
#ifndef MAILSIM_NET_H
#define MAILSIM_NET_H

#include <stdint.h>

#include "scenario.h"

#define NET_MAX_PATH 16

struct net_path {
	int ok;                       /* 0 if the networks are not connected */
	int nrouters;
	int routers[NET_MAX_PATH];    /* in order from the source side */
	int64_t to_router_us[NET_MAX_PATH]; /* one way, source network to each router */
	int64_t latency_us;           /* one way, source network to destination network */
};

struct net {
	const struct scenario *sc;
	struct net_path *paths;       /* nnets * nnets, computed on first use */
	unsigned char *path_done;
	int **enabled;                /* [router][rule] current on/off */
};

/* What a connection attempt meets on its way. */
struct net_verdict {
	enum rule_action action;      /* RULE_ACCEPT when nothing stopped it */
	int router;                   /* router that stopped it, -1 */
	int rule;                     /* its rule index, -1 */
	int hop;                      /* index in the path of that router */
	int64_t latency_us;           /* one way to that router (or to the end) */
};

void net_init(struct net *n, const struct scenario *sc);
void net_free(struct net *n);
/* dst (not initialised) becomes a copy of src: the paths found so far and
 * the rules' switches. */
void net_copy(struct net *dst, const struct net *src);

/* The path between two networks (cached).  Deterministic: breadth-first in
 * index order, the first shortest path wins. */
const struct net_path *net_path_between(struct net *n, int from_net, int to_net);

/* Walk the routers on path p for a TCP SYN from src to dst:port and return
 * the first drop/reject (or RULE_ACCEPT).  A router's ACCEPT rule lets the
 * SYN through that router without looking at its later rules. */
struct net_verdict net_evaluate(const struct net *n, const struct net_path *p,
                                uint32_t src, int src_net, uint32_t dst, int dst_net,
                                int port);

/* Does rule r of router match this attempt?  (Ignores enabled.) */
int net_rule_matches(const struct scenario *sc, const struct sc_rule *r, uint32_t src,
                     int src_net, uint32_t dst, int dst_net, int port);

/* Does one term of a rule's from or to list hold for addr in network net,
 * before its negation?  (The packet inspector tells which terms held.) */
int net_sel_term(const struct scenario *sc, const struct sc_selector *s, uint32_t addr, int net);

/* The network containing addr, or -1. */
int net_of_addr(const struct scenario *sc, uint32_t addr);

#endif
