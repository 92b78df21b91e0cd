/* bench_engine — events per second and bytes per in-flight message on an
 * ISP-scale scenario built in code (no JSON parsing in the measurement). */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench.h"
#include "rng.h"
#include "scenario.h"
#include "sim.h"
#include "util.h"

static char *bench_fmt(const char *fmt, int a, int b)
{
	char buf[128];
	snprintf(buf, sizeof buf, fmt, a, b);
	return xstrdup(buf);
}

struct scenario *bench_isp_scenario(int nisp, int per_isp, int nmsg, double span_s)
{
	struct scenario *sc = scenario_new_empty("bench-isp.json");
	sc->title.en = xstrdup("ISP-scale benchmark");
	sc->epoch = 1775001600;
	sc->tz_min = 540;
	sc->until_us = (int64_t)((span_s + 600) * 1e6);
	sc->dns_host = -1;

	sc->nnets = 2 * nisp + 1;
	sc->nets = xcalloc((size_t)sc->nnets, sizeof *sc->nets);
	struct sc_network *bb = &sc->nets[2 * nisp];
	bb->id = xstrdup("internet");
	bb->addr = 0xC0000200u;            /* 192.0.2.0/24 */
	bb->prefix = 24;
	bb->mask = 0xFFFFFF00u;
	bb->kind = NET_KIND_BACKBONE;
	bb->latency_us = 10000;

	sc->nrouters = nisp;
	sc->routers = xcalloc((size_t)nisp, sizeof *sc->routers);
	sc->nhosts = nisp * per_isp;
	sc->hosts = xcalloc((size_t)sc->nhosts, sizeof *sc->hosts);
	sc->nusers = nisp * (per_isp - 1);
	sc->users = xcalloc((size_t)sc->nusers, sizeof *sc->users);
	sc->nzones = nisp;
	sc->zones = xcalloc((size_t)nisp, sizeof *sc->zones);

	for (int i = 0; i < nisp; i++) {
		struct sc_network *pool = &sc->nets[2 * i], *srv = &sc->nets[2 * i + 1];
		pool->id = bench_fmt("isp%d-pool", i, 0);
		pool->addr = (10u << 24) | ((uint32_t)(i + 1) << 16);
		pool->prefix = 16;
		pool->mask = 0xFFFF0000u;
		pool->kind = NET_KIND_DYNAMIC;
		pool->isp = bench_fmt("isp%d", i, 0);
		pool->latency_us = 4000;
		srv->id = bench_fmt("isp%d-servers", i, 0);
		srv->addr = (100u << 24) | (64u << 16) | ((uint32_t)(i + 1) << 8);
		srv->prefix = 24;
		srv->mask = 0xFFFFFF00u;
		srv->kind = NET_KIND_SERVERS;
		srv->isp = bench_fmt("isp%d", i, 0);
		srv->latency_us = 1000;

		struct sc_router *r = &sc->routers[i];
		r->id = bench_fmt("isp%d-gw", i, 0);
		r->nlinks = 3;
		r->links = xcalloc(3, sizeof *r->links);
		r->links[0] = (struct sc_link){ 2 * i, 500 };
		r->links[1] = (struct sc_link){ 2 * i + 1, 500 };
		r->links[2] = (struct sc_link){ 2 * nisp, 2000 };
		r->nrules = 1;
		r->rules = xcalloc(1, sizeof *r->rules);
		struct sc_rule *op = &r->rules[0];
		op->name = xstrdup("OP25B");
		op->action = RULE_DROP;
		op->port = 25;
		op->enabled = 1;
		op->nfrom = op->nto = 1;
		op->from = xcalloc(1, sizeof *op->from);
		op->to = xcalloc(1, sizeof *op->to);
		op->from[0] = (struct sc_selector){ .kind = SEL_NET, .net = 2 * i };
		op->to[0] = (struct sc_selector){ .kind = SEL_ISP, .negate = 1, .isp = bench_fmt("isp%d", i, 0) };

		struct sc_host *mx = &sc->hosts[i * per_isp];
		mx->id = bench_fmt("isp%d-mail", i, 0);
		mx->net = 2 * i + 1;
		mx->addr = srv->addr | 25u;
		mx->fqdn = bench_fmt("mail.isp%d.example", i, 0);
		mx->roles = ROLE_BIT(ROLE_MSA) | ROLE_BIT(ROLE_MTA) | ROLE_BIT(ROLE_MDA) | ROLE_BIT(ROLE_MRA);
		mx->ndomains = 1;
		mx->domains = xcalloc(1, sizeof(char *));
		mx->domains[0] = bench_fmt("isp%d.example", i, 0);
		mx->starttls = 1;
		mx->max_hops = 50;
		mx->max_size = 10240000;
		mx->retry_min_us = 300000000LL;
		mx->retry_max_us = 4000000000LL;
		mx->lifetime_us = 432000000000LL;
		/* As the loader sets them: the MX delivers and relays by itself
		 * and serves its own mailboxes (0 would name host 0). */
		mx->relayhost = mx->lmtp = -1;
		mx->mailstore = i * per_isp;

		struct sc_zone *z = &sc->zones[i];
		z->domain = bench_fmt("isp%d.example", i, 0);
		z->nmx = 1;
		z->mx = xcalloc(1, sizeof *z->mx);
		z->mx[0] = (struct sc_mx){ 10, bench_fmt("mail.isp%d.example", i, 0) };
		z->na = 1;
		z->a = xcalloc(1, sizeof *z->a);
		z->a[0] = (struct sc_arec){ bench_fmt("mail.isp%d.example", i, 0), mx->addr };

		for (int k = 1; k < per_isp; k++) {
			struct sc_host *pc = &sc->hosts[i * per_isp + k];
			pc->id = bench_fmt("isp%d-pc%d", i, k);
			pc->net = 2 * i;
			pc->addr = pool->addr | (uint32_t)k;
			pc->fqdn = bench_fmt("pc%d.isp%d.example", k, i);
			pc->roles = ROLE_BIT(ROLE_MUA);
			pc->max_hops = 50;
			pc->relayhost = pc->lmtp = pc->mailstore = -1;
			struct sc_user *u = &sc->users[i * (per_isp - 1) + k - 1];
			u->address = bench_fmt("user%d@isp%d.example", k, i);
			u->login = xstrdup(u->address);
			u->password = xstrdup("secret");
			u->mailbox_host = i * per_isp;
			u->mua_host = i * per_isp + k;
			u->submit_host = i * per_isp;
			u->submit_port = 587;
			u->submit_auth = 1;
			u->fetch_proto = FETCH_IMAP;
			u->fetch_port = 143;
		}
	}

	struct rng rng;
	rng_seed(&rng, 42);
	sc->nactions = nmsg;
	sc->actions = xcalloc((size_t)nmsg, sizeof *sc->actions);
	for (int m = 0; m < nmsg; m++) {
		struct sc_action *a = &sc->actions[m];
		int from = (int)rng_below(&rng, (uint64_t)sc->nusers);
		int to = (int)rng_below(&rng, (uint64_t)sc->nusers);
		a->at = (int64_t)(span_s * 1e6 * m / nmsg);
		a->kind = ACT_SEND;
		a->send.tag = bench_fmt("m%d", m, 0);
		a->send.user = from;
		a->send.host = sc->users[from].mua_host;
		a->send.nto = 1;
		a->send.to = xcalloc(1, sizeof(char *));
		a->send.to[0] = xstrdup(sc->users[to].address);
		a->send.subject = bench_fmt("benchmark message %d", m, 0);
		a->send.body = xstrdup("Hello from the benchmark.\n");
		a->send.auth = -1;
		a->send.via = -1;
		a->send.count = 1;
	}
	scenario_finish(sc);
	return sc;
}

/* CPU time of this thread: on a machine shared with other jobs, wall time
 * counts whatever else ran; the yardstick is timed the same way. */
static double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void bench_engine(int nmsg)
{
	const int nisp = 20, per_isp = 500;
	/* 1,000 mails a second whatever the size, so that a smaller run (for
	 * callgrind) keeps the same messages in flight. */
	struct scenario *sc = bench_isp_scenario(nisp, per_isp, nmsg, nmsg / 1000.0);
	struct sim_opts o = { .no_trace = 1 };
	struct sim *s = sim_new(sc, &o);
	size_t peak_bytes = 0, peak_msgs = 0;
	double busy = 0;
	/* Minor page faults of the run: the mail it keeps, touched a huge page
	 * at a time from the slab where the kernel offers them (a figure, not
	 * a test: it hangs on the kernel's settings and its free memory). */
	struct rusage ru0, ru1;
	getrusage(RUSAGE_SELF, &ru0);
	/* Advance in one-second slices and sample the footprint between them;
	 * only the slices are timed. */
	for (int64_t t = 0; sim_events_pending(s); t += 1000000) {
		double t0 = bench_now();
		sim_run_until(s, t);
		busy += bench_now() - t0;
		size_t b, n;
		sim_footprint(s, &b, &n);
		if (n > peak_msgs) {
			peak_msgs = n;
			peak_bytes = b;
		}
	}
	size_t events = sim_events_done(s);
	getrusage(RUSAGE_SELF, &ru1);
	/* The yardstick right after, on as many events: the ratio holds on a
	 * shared machine where the absolute figures do not. */
	double yard = bench_yardstick(events);
	printf("bench engine: events/s=%.0f bytes/msg=%zu messages=%d events=%zu "
	       "hosts=%d inflight_peak=%zu seconds=%.2f yardstick_events/s=%.0f "
	       "of_yardstick=%.2f page_faults=%ld\n",
	       (double)events / busy, peak_msgs ? peak_bytes / peak_msgs : 0, nmsg, events,
	       sc->nhosts, peak_msgs, busy, yard, (double)events / busy / yard, ru1.ru_minflt - ru0.ru_minflt);
	int lost = sim_audit(s, stderr);
	if (lost)
		printf("bench engine: %d messages lost\n", lost);
	sim_free(s);
	scenario_free(sc);
}
