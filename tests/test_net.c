/* test_net — the network a lesson draws: which routers a connection
 * crosses and how long it takes, and which router rules (OP25B, IP25B,
 * ACLs) stop it. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "scenario.h"
#include "sim.h"
#include "test_util.h"

/* Two ISPs with customer pools and servers, a third ISP without OP25B, and
 * a company LAN linked to nothing.  Latencies differ per network and link
 * so that a wrong sum shows.  Router "lab" carries one rule per selector
 * form; it sits on the LAN only, so its rules never meet traffic. */
static const char test_net_topology[] =
	"{ 'mailsim': 1, 'title': 'net', 'seed': 1,\n"
	"  'networks': [\n"
	"    {'id': 'a-pool', 'cidr': '203.0.113.0/25', 'kind': 'dynamic', 'isp': 'ispa', 'latency_ms': 4},\n"
	"    {'id': 'a-srv', 'cidr': '203.0.113.128/25', 'kind': 'servers', 'isp': 'ispa', 'latency_ms': 1},\n"
	"    {'id': 'inet', 'cidr': '192.0.2.0/24', 'kind': 'backbone', 'latency_ms': 12},\n"
	"    {'id': 'b-srv', 'cidr': '198.51.100.128/25', 'kind': 'servers', 'isp': 'ispb', 'latency_ms': 2},\n"
	"    {'id': 'b-pool', 'cidr': '198.51.100.0/25', 'kind': 'dynamic', 'isp': 'ispb', 'latency_ms': 5},\n"
	"    {'id': 'c-pool', 'cidr': '100.64.0.0/24', 'kind': 'dynamic', 'isp': 'ispc', 'latency_ms': 3},\n"
	"    {'id': 'lan', 'cidr': '10.0.0.0/24', 'kind': 'company', 'isp': 'corp', 'latency_ms': 1}],\n"
	"  'routers': [\n"
	"    {'id': 'a-gw', 'links': [{'network': 'a-pool', 'latency_ms': 2},\n"
	"                             {'network': 'a-srv', 'latency_ms': 1},\n"
	"                             {'network': 'inet', 'latency_ms': 3}],\n"
	"     'rules': [\n"
	"       {'name': 'allow-pc-a', 'action': 'accept', 'port': 25,\n"
	"        'from': ['cidr:203.0.113.10/32'], 'enabled': false},\n"
	"       {'name': 'OP25B', 'action': 'drop', 'port': 25, 'from': ['net:a-pool'],\n"
	"        'to': ['!isp:ispa']},\n"
	"       {'name': 'no-587', 'action': 'reject', 'port': 587, 'enabled': false}]},\n"
	"    {'id': 'b-gw', 'links': [{'network': 'inet', 'latency_ms': 4},\n"
	"                             {'network': 'b-srv', 'latency_ms': 1},\n"
	"                             {'network': 'b-pool', 'latency_ms': 2}],\n"
	"     'rules': [\n"
	"       {'name': 'OP25B', 'action': 'drop', 'port': 25, 'from': ['net:b-pool'],\n"
	"        'to': ['!isp:ispb']},\n"
	"       {'name': 'IP25B', 'action': 'drop', 'port': 25,\n"
	"        'from': ['kind:dynamic', '!isp:ispb'], 'to': ['net:b-srv']}]},\n"
	"    {'id': 'c-gw', 'links': ['c-pool', 'inet']},\n"
	"    {'id': 'lab', 'links': ['lan'],\n"
	"     'rules': [\n"
	"       {'name': 'net', 'from': ['net:a-pool']},\n"
	"       {'name': 'isp', 'from': ['isp:ispa']},\n"
	"       {'name': 'kind', 'from': ['kind:dynamic']},\n"
	"       {'name': 'cidr', 'from': ['cidr:203.0.113.8/29']},\n"
	"       {'name': 'any25', 'port': 25, 'from': ['any'], 'to': ['any']},\n"
	"       {'name': 'to-not-ispa', 'to': ['!isp:ispa']},\n"
	"       {'name': 'dyn-not-b', 'from': ['kind:dynamic', '!net:b-pool']},\n"
	"       {'name': 'two-nets', 'from': ['net:a-pool', 'net:b-pool']},\n"
	"       {'name': 'not-cidr', 'from': ['!cidr:203.0.113.0/24']},\n"
	"       {'name': 'nothing', 'from': ['!any']}]}],\n"
	"  'hosts': [\n"
	"    {'id': 'pc-a', 'network': 'a-pool', 'addr': '203.0.113.10', 'name': 'pc-a.example', 'roles': ['MUA']},\n"
	"    {'id': 'pc-a2', 'network': 'a-pool', 'addr': '203.0.113.20', 'name': 'pc-a2.example', 'roles': ['MUA']},\n"
	"    {'id': 'mail-a', 'network': 'a-srv', 'addr': '203.0.113.130', 'name': 'mail.a.example', 'roles': ['MTA']},\n"
	"    {'id': 'mail-b', 'network': 'b-srv', 'addr': '198.51.100.140', 'name': 'mail.b.example', 'roles': ['MTA']},\n"
	"    {'id': 'pc-b', 'network': 'b-pool', 'addr': '198.51.100.20', 'name': 'pc-b.example', 'roles': ['MUA']},\n"
	"    {'id': 'pc-c', 'network': 'c-pool', 'addr': '100.64.0.7', 'name': 'pc-c.example', 'roles': ['MUA']},\n"
	"    {'id': 'lan-pc', 'network': 'lan', 'addr': '10.0.0.5', 'name': 'lan-pc.example', 'roles': ['MUA']}]\n"
	"}\n";

struct test_net_fix {
	struct scenario *sc;
	struct net n;
};

static struct scenario *test_net_load(void)
{
	return test_util_parse("net.json", test_net_topology);
}

static void test_net_fix_init(struct test_net_fix *f)
{
	f->sc = test_net_load();
	net_init(&f->n, f->sc);
}

static void test_net_fix_free(struct test_net_fix *f)
{
	net_free(&f->n);
	scenario_free(f->sc);
}

static int test_net_id(const struct scenario *sc, const char *id)
{
	int i = scenario_find_net(sc, id);
	cr_assert_geq(i, 0, "network %s", id);
	return i;
}

static int test_net_router(const struct scenario *sc, const char *id)
{
	int i = scenario_find_router(sc, id);
	cr_assert_geq(i, 0, "router %s", id);
	return i;
}

static int test_net_rule(const struct scenario *sc, const char *router, const char *rule)
{
	int k = scenario_find_rule(&sc->routers[test_net_router(sc, router)], rule);
	cr_assert_geq(k, 0, "rule %s of %s", rule, router);
	return k;
}

static uint32_t test_net_ip(const char *s)
{
	uint32_t a = 0;
	cr_assert_eq(scenario_parse_ipv4(s, &a), 0, "%s", s);
	return a;
}

/* What a TCP SYN from host src to host dst:port meets on its way. */
static struct net_verdict test_net_try(struct test_net_fix *f, const char *src, const char *dst,
                                       int port)
{
	int hs = scenario_find_host(f->sc, src), hd = scenario_find_host(f->sc, dst);
	cr_assert(hs >= 0 && hd >= 0, "%s, %s", src, dst);
	const struct sc_host *a = &f->sc->hosts[hs], *b = &f->sc->hosts[hd];
	const struct net_path *p = net_path_between(&f->n, a->net, b->net);
	cr_assert(p->ok, "%s and %s are connected", src, dst);
	return net_evaluate(&f->n, p, a->addr, a->net, b->addr, b->net, port);
}

/* ---- paths and latency ---- */

Test(net, path_crosses_both_border_routers_with_summed_latency)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	const struct net_path *p =
		net_path_between(&f.n, test_net_id(f.sc, "a-pool"), test_net_id(f.sc, "b-pool"));
	cr_assert_eq(p->ok, 1);
	cr_assert_eq(p->nrouters, 2);
	cr_expect_eq(p->routers[0], test_net_router(f.sc, "a-gw"));
	cr_expect_eq(p->routers[1], test_net_router(f.sc, "b-gw"));
	/* a-pool 4 + link 2 -> a-gw; + link 3 + inet 12 + link 4 -> b-gw;
	 * + link 2 + b-pool 5. */
	cr_expect_eq(p->to_router_us[0], MS(6));
	cr_expect_eq(p->to_router_us[1], MS(25));
	cr_expect_eq(p->latency_us, MS(32));
	test_net_fix_free(&f);
}

Test(net, path_is_the_same_length_both_ways)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	const char *nets[] = { "a-pool", "a-srv", "inet", "b-srv", "b-pool", "c-pool" };
	for (int i = 0; i < 6; i++)
		for (int k = 0; k < 6; k++) {
			const struct net_path *ab = net_path_between(&f.n, test_net_id(f.sc, nets[i]),
			                                              test_net_id(f.sc, nets[k]));
			const struct net_path *ba = net_path_between(&f.n, test_net_id(f.sc, nets[k]),
			                                              test_net_id(f.sc, nets[i]));
			cr_expect(ab->ok && ba->ok, "%s <-> %s", nets[i], nets[k]);
			cr_expect_eq(ab->latency_us, ba->latency_us, "%s <-> %s", nets[i], nets[k]);
			cr_expect_eq(ab->nrouters, ba->nrouters, "%s <-> %s", nets[i], nets[k]);
		}
	test_net_fix_free(&f);
}

Test(net, path_inside_one_isp_and_one_network)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	const struct net_path *p =
		net_path_between(&f.n, test_net_id(f.sc, "a-pool"), test_net_id(f.sc, "a-srv"));
	cr_assert(p->ok);
	cr_assert_eq(p->nrouters, 1);
	cr_expect_eq(p->routers[0], test_net_router(f.sc, "a-gw"));
	cr_expect_eq(p->to_router_us[0], MS(6));
	cr_expect_eq(p->latency_us, MS(4 + 2 + 1 + 1));
	p = net_path_between(&f.n, test_net_id(f.sc, "b-srv"), test_net_id(f.sc, "b-srv"));
	cr_assert(p->ok);
	cr_expect_eq(p->nrouters, 0);
	cr_expect_eq(p->latency_us, MS(2));
	test_net_fix_free(&f);
}

Test(net, unlinked_network_has_no_path)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	const struct net_path *p =
		net_path_between(&f.n, test_net_id(f.sc, "a-pool"), test_net_id(f.sc, "lan"));
	cr_expect_eq(p->ok, 0);
	p = net_path_between(&f.n, test_net_id(f.sc, "lan"), test_net_id(f.sc, "inet"));
	cr_expect_eq(p->ok, 0);
	test_net_fix_free(&f);
}

Test(net, sim_path_reports_routers_and_latency_between_hosts)
{
	struct scenario *sc = test_net_load();
	struct sim *s = sim_new(sc, NULL);
	int routers[4] = { -1, -1, -1, -1 };
	int64_t lat = 0;
	int n = sim_path(s, scenario_find_host(sc, "pc-a"), scenario_find_host(sc, "mail-b"),
	                 routers, 4, &lat);
	cr_assert_eq(n, 2);
	cr_expect_eq(routers[0], scenario_find_router(sc, "a-gw"));
	cr_expect_eq(routers[1], scenario_find_router(sc, "b-gw"));
	cr_expect_eq(lat, MS(4 + 2 + 3 + 12 + 4 + 1 + 2));
	/* max smaller than the path: only that many written, the count stays. */
	routers[0] = routers[1] = -1;
	n = sim_path(s, scenario_find_host(sc, "pc-a"), scenario_find_host(sc, "mail-b"),
	             routers, 1, NULL);
	cr_expect_eq(n, 2);
	cr_expect_eq(routers[0], scenario_find_router(sc, "a-gw"));
	cr_expect_eq(routers[1], -1);
	cr_expect_eq(sim_path(s, scenario_find_host(sc, "pc-a"), scenario_find_host(sc, "lan-pc"),
	                      routers, 4, &lat), -1);
	sim_free(s);
	scenario_free(sc);
}

Test(net, address_to_network)
{
	struct scenario *sc = test_net_load();
	cr_expect_eq(net_of_addr(sc, test_net_ip("203.0.113.127")), scenario_find_net(sc, "a-pool"));
	cr_expect_eq(net_of_addr(sc, test_net_ip("203.0.113.128")), scenario_find_net(sc, "a-srv"));
	cr_expect_eq(net_of_addr(sc, test_net_ip("100.64.0.255")), scenario_find_net(sc, "c-pool"));
	cr_expect_eq(net_of_addr(sc, test_net_ip("8.8.8.8")), -1);
	scenario_free(sc);
}

/* ---- selectors ---- */

/* Does lab's rule match a SYN from src (in network snet) to dst:port? */
static int test_net_match(const struct scenario *sc, const char *rule, const char *src,
                          const char *snet, const char *dst, const char *dnet, int port)
{
	const struct sc_router *lab = &sc->routers[test_net_router(sc, "lab")];
	const struct sc_rule *r = &lab->rules[test_net_rule(sc, "lab", rule)];
	return net_rule_matches(sc, r, test_net_ip(src), snet ? test_net_id(sc, snet) : -1,
	                        test_net_ip(dst), dnet ? test_net_id(sc, dnet) : -1, port);
}

Test(net, selector_net)
{
	struct scenario *sc = test_net_load();
	cr_expect(test_net_match(sc, "net", "203.0.113.10", "a-pool", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "net", "203.0.113.130", "a-srv", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "net", "198.51.100.20", "b-pool", "192.0.2.1", "inet", 25));
	cr_expect(test_net_match(sc, "two-nets", "198.51.100.20", "b-pool", "192.0.2.1", "inet", 25));
	cr_expect(test_net_match(sc, "two-nets", "203.0.113.10", "a-pool", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "two-nets", "100.64.0.7", "c-pool", "192.0.2.1", "inet", 25));
	scenario_free(sc);
}

Test(net, selector_isp_covers_every_network_of_the_isp)
{
	struct scenario *sc = test_net_load();
	cr_expect(test_net_match(sc, "isp", "203.0.113.10", "a-pool", "192.0.2.1", "inet", 25));
	cr_expect(test_net_match(sc, "isp", "203.0.113.130", "a-srv", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "isp", "198.51.100.140", "b-srv", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "isp", "192.0.2.9", "inet", "192.0.2.1", "inet", 25),
	          "a backbone with no isp is no ISP's");
	cr_expect(!test_net_match(sc, "isp", "8.8.8.8", NULL, "192.0.2.1", "inet", 25));
	scenario_free(sc);
}

Test(net, selector_kind)
{
	struct scenario *sc = test_net_load();
	cr_expect(test_net_match(sc, "kind", "203.0.113.10", "a-pool", "192.0.2.1", "inet", 25));
	cr_expect(test_net_match(sc, "kind", "100.64.0.7", "c-pool", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "kind", "203.0.113.130", "a-srv", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "kind", "10.0.0.5", "lan", "192.0.2.1", "inet", 25));
	scenario_free(sc);
}

Test(net, selector_cidr_is_by_address_not_network)
{
	struct scenario *sc = test_net_load();
	/* 203.0.113.8/29 is .8 to .15 */
	cr_expect(test_net_match(sc, "cidr", "203.0.113.8", "a-pool", "192.0.2.1", "inet", 25));
	cr_expect(test_net_match(sc, "cidr", "203.0.113.15", "a-pool", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "cidr", "203.0.113.16", "a-pool", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "cidr", "203.0.113.7", "a-pool", "192.0.2.1", "inet", 25));
	scenario_free(sc);
}

Test(net, selector_any_and_port)
{
	struct scenario *sc = test_net_load();
	cr_expect(test_net_match(sc, "any25", "8.8.8.8", NULL, "9.9.9.9", NULL, 25));
	cr_expect(!test_net_match(sc, "any25", "8.8.8.8", NULL, "9.9.9.9", NULL, 587),
	          "a port 25 rule ignores 587");
	cr_expect(test_net_match(sc, "net", "203.0.113.10", "a-pool", "192.0.2.1", "inet", 110),
	          "a rule without port matches every port");
	scenario_free(sc);
}

Test(net, selector_negation)
{
	struct scenario *sc = test_net_load();
	/* to: ['!isp:ispa'] */
	cr_expect(test_net_match(sc, "to-not-ispa", "1.1.1.1", NULL, "198.51.100.140", "b-srv", 25));
	cr_expect(test_net_match(sc, "to-not-ispa", "1.1.1.1", NULL, "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "to-not-ispa", "1.1.1.1", NULL, "203.0.113.130", "a-srv", 25));
	cr_expect(!test_net_match(sc, "to-not-ispa", "1.1.1.1", NULL, "203.0.113.20", "a-pool", 25));
	/* from: ['kind:dynamic', '!net:b-pool']: dynamic and not b-pool */
	cr_expect(test_net_match(sc, "dyn-not-b", "203.0.113.10", "a-pool", "192.0.2.1", "inet", 25));
	cr_expect(test_net_match(sc, "dyn-not-b", "100.64.0.7", "c-pool", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "dyn-not-b", "198.51.100.20", "b-pool", "192.0.2.1", "inet", 25));
	cr_expect(!test_net_match(sc, "dyn-not-b", "203.0.113.130", "a-srv", "192.0.2.1", "inet", 25));
	/* from: ['!cidr:203.0.113.0/24'] */
	cr_expect(!test_net_match(sc, "not-cidr", "203.0.113.130", "a-srv", "192.0.2.1", "inet", 25));
	cr_expect(test_net_match(sc, "not-cidr", "198.51.100.20", "b-pool", "192.0.2.1", "inet", 25));
	/* from: ['!any'] matches nothing */
	cr_expect(!test_net_match(sc, "nothing", "203.0.113.10", "a-pool", "192.0.2.1", "inet", 25));
	scenario_free(sc);
}

/* ---- rules on the way ---- */

Test(net, op25b_drops_pool_to_outside_port_25_at_the_first_router)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	struct net_verdict v = test_net_try(&f, "pc-a", "mail-b", 25);
	cr_expect_eq(v.action, RULE_DROP);
	cr_expect_eq(v.router, test_net_router(f.sc, "a-gw"));
	cr_expect_eq(v.rule, test_net_rule(f.sc, "a-gw", "OP25B"));
	cr_expect_eq(v.hop, 0);
	cr_expect_eq(v.latency_us, MS(6), "the SYN dies at a-gw, 6 ms out");
	test_net_fix_free(&f);
}

Test(net, op25b_lets_pool_reach_own_isp_servers_on_25)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	struct net_verdict v = test_net_try(&f, "pc-a", "mail-a", 25);
	cr_expect_eq(v.action, RULE_ACCEPT);
	cr_expect_eq(v.router, -1);
	cr_expect_eq(v.rule, -1);
	cr_expect_eq(v.latency_us, MS(8), "accepted: the whole path");
	test_net_fix_free(&f);
}

Test(net, op25b_lets_submission_port_587_out)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	struct net_verdict v = test_net_try(&f, "pc-a", "mail-b", 587);
	cr_expect_eq(v.action, RULE_ACCEPT);
	cr_expect_eq(v.latency_us, MS(28));
	test_net_fix_free(&f);
}

Test(net, servers_pass_between_isps_on_25)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	cr_expect_eq(test_net_try(&f, "mail-a", "mail-b", 25).action, RULE_ACCEPT);
	cr_expect_eq(test_net_try(&f, "mail-b", "mail-a", 25).action, RULE_ACCEPT);
	test_net_fix_free(&f);
}

Test(net, ip25b_drops_other_isps_pool_at_the_receiving_router)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	/* ISP C has no OP25B: its customer gets as far as ISP B's border. */
	struct net_verdict v = test_net_try(&f, "pc-c", "mail-b", 25);
	cr_expect_eq(v.action, RULE_DROP);
	cr_expect_eq(v.router, test_net_router(f.sc, "b-gw"));
	cr_expect_eq(v.rule, test_net_rule(f.sc, "b-gw", "IP25B"));
	cr_expect_eq(v.hop, 1);
	/* c-pool 3 + link 1 + link 1 + inet 12 + link 4 */
	cr_expect_eq(v.latency_us, MS(21));
	/* ISP B's own customers and other ISPs' servers still reach it. */
	cr_expect_eq(test_net_try(&f, "pc-b", "mail-b", 25).action, RULE_ACCEPT);
	cr_expect_eq(test_net_try(&f, "mail-a", "mail-b", 25).action, RULE_ACCEPT);
	cr_expect_eq(test_net_try(&f, "pc-c", "mail-b", 587).action, RULE_ACCEPT);
	test_net_fix_free(&f);
}

Test(net, earlier_accept_rule_wins_at_its_router_only)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	int agw = test_net_router(f.sc, "a-gw");
	f.n.enabled[agw][test_net_rule(f.sc, "a-gw", "allow-pc-a")] = 1;
	/* pc-a is let through a-gw before OP25B is looked at ... */
	struct net_verdict v = test_net_try(&f, "pc-a", "mail-b", 25);
	cr_expect_neq(v.router, agw, "the ACCEPT rule comes first at a-gw");
	/* ... but ISP B's IP25B still stops it: ACCEPT is one router's. */
	cr_expect_eq(v.action, RULE_DROP);
	cr_expect_eq(v.router, test_net_router(f.sc, "b-gw"));
	cr_expect_eq(v.rule, test_net_rule(f.sc, "b-gw", "IP25B"));
	/* Its neighbour in the pool is not covered by the ACCEPT. */
	v = test_net_try(&f, "pc-a2", "mail-b", 25);
	cr_expect_eq(v.router, agw);
	cr_expect_eq(v.rule, test_net_rule(f.sc, "a-gw", "OP25B"));
	/* Without IP25B at ISP B, pc-a gets through entirely. */
	f.n.enabled[test_net_router(f.sc, "b-gw")][test_net_rule(f.sc, "b-gw", "IP25B")] = 0;
	cr_expect_eq(test_net_try(&f, "pc-a", "mail-b", 25).action, RULE_ACCEPT);
	test_net_fix_free(&f);
}

Test(net, disabled_rules_are_ignored)
{
	struct test_net_fix f;
	test_net_fix_init(&f);
	int agw = test_net_router(f.sc, "a-gw");
	int no587 = test_net_rule(f.sc, "a-gw", "no-587");
	/* Loaded disabled: 587 passes, and the disabled ACCEPT shields nobody. */
	cr_expect_eq(test_net_try(&f, "pc-a", "mail-b", 587).action, RULE_ACCEPT);
	cr_expect_eq(test_net_try(&f, "pc-a", "mail-b", 25).rule, test_net_rule(f.sc, "a-gw", "OP25B"));
	/* Switched on, it refuses at a-gw. */
	f.n.enabled[agw][no587] = 1;
	struct net_verdict v = test_net_try(&f, "pc-a", "mail-b", 587);
	cr_expect_eq(v.action, RULE_REJECT);
	cr_expect_eq(v.router, agw);
	cr_expect_eq(v.rule, no587);
	/* Switching OP25B off lets port 25 out of the pool (to ISP B's IP25B). */
	f.n.enabled[agw][test_net_rule(f.sc, "a-gw", "OP25B")] = 0;
	v = test_net_try(&f, "pc-a", "mail-b", 25);
	cr_expect_neq(v.router, agw);
	test_net_fix_free(&f);
}
