/* sim_view — read-only views of a run for the GUI and the tools: where the
 * copies of messages are, which connections are open and what is on the
 * wire, paths between hosts, and the memory the messages take. */
#include <stdlib.h>
#include <string.h>

#include "simint.h"

const char *const sim_holder_names[HOLD_COUNT] = {
	"outbox", "queue", "conn", "mailbox", "fetched",
};
_Static_assert(sizeof sim_holder_names / sizeof *sim_holder_names == HOLD_COUNT,
               "sim_holder_names");

/* Copies are enumerated jobs first (by slot), then mailboxes by user and
 * folder, then the users' MUAs.  sim_copy_list walks that order once and
 * calls back for each; sim_copy_get picks the i-th. */
static void sim_view_job_copy(const struct sim *s, const struct job *j, struct sim_copy *out)
{
	memset(out, 0, sizeof *out);
	out->m = j->m;
	out->node = j->host;
	out->conn = -1;
	if (j->conn >= 0) {
		out->holder = HOLD_CONN;
		out->conn = s->conns[j->conn]->id;
	} else {
		out->holder = (j->kind == JOB_SUBMIT ||
		               (j->kind == JOB_DIRECT && !(s->sc->hosts[j->host].roles & ROLE_BIT(ROLE_MTA))))
		                  ? HOLD_OUTBOX : HOLD_QUEUE;
	}
}

static void sim_view_box_copy(const struct sim *s, int u, int f, const struct mitem *it,
                              struct sim_copy *out)
{
	const struct sc_user *us = &s->sc->users[u];
	memset(out, 0, sizeof *out);
	out->m = it->m;
	out->conn = -1;
	out->mailbox = us->address;
	if (f < MBOX_FOLDER_COUNT) {
		out->holder = HOLD_MAILBOX;
		out->node = us->mailbox_host;
		out->folder = trace_folder_names[f];
	} else {
		out->holder = HOLD_FETCHED;
		out->node = us->mua_host;
		out->folder = "INBOX";
	}
}

size_t sim_copy_list(const struct sim *s, struct sim_copy *out, size_t max)
{
	size_t n = 0;
	for (int k = 0; k < s->njobs; k++) {
		const struct job *j = s->jobs[k];
		if (j->used && j->m) {
			if (n < max)
				sim_view_job_copy(s, j, &out[n]);
			n++;
		}
	}
	for (int u = 0; u < s->sc->nusers; u++)
		for (int f = 0; f <= MBOX_FOLDER_COUNT; f++) {
			const struct mfolder *fo = f < MBOX_FOLDER_COUNT ? &s->mbox[u].f[f] : &s->mbox[u].fetched;
			for (int k = 0; k < fo->n; k++, n++)
				if (n < max)
					sim_view_box_copy(s, u, f, &fo->items[k], &out[n]);
		}
	return n;
}

size_t sim_copy_count(const struct sim *s)
{
	return sim_copy_list(s, NULL, 0);
}

int sim_copy_get(const struct sim *s, size_t i, struct sim_copy *out)
{
	for (int k = 0; k < s->njobs; k++) {
		const struct job *j = s->jobs[k];
		if (j->used && j->m && i-- == 0) {
			sim_view_job_copy(s, j, out);
			return 0;
		}
	}
	for (int u = 0; u < s->sc->nusers; u++)
		for (int f = 0; f <= MBOX_FOLDER_COUNT; f++) {
			const struct mfolder *fo = f < MBOX_FOLDER_COUNT ? &s->mbox[u].f[f] : &s->mbox[u].fetched;
			if (i < (size_t)fo->n) {
				sim_view_box_copy(s, u, f, &fo->items[i], out);
				return 0;
			}
			i -= (size_t)fo->n;
		}
	return -1;
}

size_t sim_conn_count(const struct sim *s)
{
	size_t n = 0;
	for (int i = 0; i < s->nconns; i++)
		n += s->conns[i]->used;
	return n;
}

/* The worst reply code of the replies in text, one per line (a burst). */
static int sim_view_worst_code(const char *text)
{
	int worst = 0;
	for (const char *l = text; l && *l;) {
		int code = (int)strtol(l, NULL, 10);
		if (code >= 200 && code < 600 && code / 100 > worst / 100)
			worst = code;
		l = strchr(l, '\n');
		l = l ? l + 1 : NULL;
	}
	return worst;
}

static void sim_view_conn(const struct sim *s, const struct conn *c, struct sim_conn *out)
{
	memset(out, 0, sizeof *out);
	out->id = c->id;
	out->client = c->client;
	out->server = c->server;
	out->port = c->port;
	out->proto = c->proto;
	out->tls = c->tls;
	out->authed = c->authed;
	const struct job *j = c->job >= 0 ? s->jobs[c->job] : NULL;
	out->msg = j && j->used && j->m ? j->m->ledger : -1;
	out->path = c->path->routers;
	out->npath = c->path->nrouters;
	out->blocked_at = c->verdict.router;
	out->gives_up = j && j->used && !mta_has_queue(s, j->host) && j->mx_i + 1 >= j->nmx;
	out->connecting = c->phase == CONN_SYN;
	out->in_flight = c->in_flight;
	out->to_server = c->to_server;
	out->t_sent = c->t_sent;
	out->t_arrive = c->t_arrive;
	out->line = c->phase == CONN_SYN ? "" : (c->line.s ? c->line.s : "");
	out->payload = c->in_flight && c->to_server ? c->payload : 0;
	out->examining = !c->in_flight && c->to_server && c->payload && c->phase == CONN_OPEN;
	out->code = c->in_flight && !c->to_server && c->proto == PROTO_SMTP && c->phase == CONN_OPEN
	                ? sim_view_worst_code(out->line) : 0;
}

int sim_conn_get(const struct sim *s, size_t i, struct sim_conn *out)
{
	for (int k = 0; k < s->nconns; k++)
		if (s->conns[k]->used && i-- == 0) {
			sim_view_conn(s, s->conns[k], out);
			return 0;
		}
	return -1;
}

size_t sim_conn_list(const struct sim *s, struct sim_conn *out, size_t max)
{
	size_t n = 0;
	for (int k = 0; k < s->nconns; k++)
		if (s->conns[k]->used) {
			if (n < max)
				sim_view_conn(s, s->conns[k], &out[n]);
			n++;
		}
	return n;
}

uint32_t sim_conn_wire_bytes(const struct sim *s, int id)
{
	for (int k = 0; k < s->nconns; k++) {
		const struct conn *c = s->conns[k];
		if (c->used && c->id == id)
			return c->in_flight && c->phase == CONN_OPEN
			     ? sniff_wire_bytes((struct sim *)s, c)   /* reads only */
			     : 0;
	}
	return 0;
}

int sim_path(const struct sim *s, int from_host, int to_host, int *routers, int max,
             int64_t *latency_us)
{
	const struct scenario *sc = s->sc;
	if (from_host < 0 || to_host < 0 || from_host >= sc->nhosts || to_host >= sc->nhosts)
		return -1;
	struct sim *mut = (struct sim *)s;   /* the path cache fills lazily */
	const struct net_path *p = net_path_between(&mut->net, sc->hosts[from_host].net,
	                                            sc->hosts[to_host].net);
	if (!p->ok)
		return -1;
	int n = p->nrouters < max ? p->nrouters : max;
	for (int i = 0; i < n; i++)
		routers[i] = p->routers[i];
	if (latency_us)
		*latency_us = p->latency_us;
	return p->nrouters;
}

void sim_footprint(const struct sim *s, size_t *bytes, size_t *msgs)
{
	size_t b = 0, n = 0;
	for (int i = 0; i < s->njobs; i++) {
		const struct job *j = s->jobs[i];
		if (!j->used || !j->m)
			continue;
		b += sizeof *j + msg_footprint(j->m) +
		     (size_t)j->m->nrcpt * (sizeof(int) + sizeof(char *));
		n++;
	}
	for (int i = 0; i < s->nconns; i++)
		if (s->conns[i]->used)
			b += sizeof *s->conns[i] + s->conns[i]->line.cap;
	*bytes = b;
	*msgs = n;
}

static void sim_totals_group(const struct ledger_entry *e, char *out, size_t outsz)
{
	/* Called for every entry in every frame the chart shows: no printf. */
	const char *g = e->bounce_of >= 0 ? "bounce" : e->tag;
	size_t n = e->bounce_of >= 0 ? strlen(g) : strcspn(g, ".");
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, g, n);
	out[n] = '\0';
}

/* The index of the rule named name on router, with a one-entry memory: the
 * blocked lines of a lesson mostly name the same rule. */
static int sim_totals_rule(const struct sim *s, int router, const char *name, int *last_router,
                           int *last_rule)
{
	if (*last_router == router && *last_rule >= 0 &&
	    strcmp(s->sc->routers[router].rules[*last_rule].name, name) == 0)
		return *last_rule;
	*last_router = router;
	return *last_rule = scenario_find_rule(&s->sc->routers[router], name);
}

/* Each ledger entry's group, found once per run: a tag never changes and
 * entries are only added, so the chart's totals, asked every frame while a
 * lesson plays, look up only the entries added since (and only count the
 * rest).  Kept by the run (sim.groups), not by its snapshots. */
struct sim_groups {
	size_t nled;                          /* entries whose group is known */
	int *of;                              /* per entry: its group */
	size_t capof;
	char (*names)[sizeof ((struct sim_total *)0)->group];
	size_t n, cap;
	struct hindex seen;                   /* names by group */
};

void sim_groups_free(struct sim_groups *g)
{
	if (!g)
		return;
	free(g->of);
	free(g->names);
	hindex_free(&g->seen);
	free(g);
}

/* The group of entry i (after the last known), added if new. */
static int sim_groups_find(struct sim_groups *g, const struct ledger_entry *e, int last)
{
	char name[sizeof *g->names];
	sim_totals_group(e, name, sizeof name);
	/* Neighbours mostly share a group (spam.1, spam.2 …): the last one
	 * found is compared before the index is asked. */
	int k = last >= 0 && strcmp(g->names[last], name) == 0 ? last : hindex_get_str(&g->seen, name);
	if (k >= 0)
		return k;
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->names = xrealloc(g->names, g->cap * sizeof *g->names);
		/* The index keeps pointers into names: rebuild it. */
		hindex_free(&g->seen);
		hindex_init(&g->seen, g->cap);
		for (size_t q = 0; q < g->n; q++)
			hindex_put_str(&g->seen, g->names[q], (int)q);
	}
	memcpy(g->names[g->n], name, sizeof name);
	hindex_put_str(&g->seen, g->names[g->n], (int)g->n);
	return (int)g->n++;
}

/* The run's groups, brought up to its ledger.  s is const to its readers;
 * the memo is not part of the run (a copy starts without one). */
static struct sim_groups *sim_groups_update(const struct sim *s)
{
	struct sim *w = (struct sim *)s;
	if (w->groups && w->groups->nled > s->nled) {   /* never: entries are only added */
		sim_groups_free(w->groups);
		w->groups = NULL;
	}
	if (!w->groups) {
		w->groups = xcalloc(1, sizeof *w->groups);
		hindex_init(&w->groups->seen, 64);
	}
	struct sim_groups *g = w->groups;
	if (g->capof < s->nled) {
		g->capof = s->nled * 2;
		g->of = xrealloc(g->of, g->capof * sizeof *g->of);
	}
	for (int last = g->nled ? g->of[g->nled - 1] : -1; g->nled < s->nled; g->nled++)
		last = g->of[g->nled] = sim_groups_find(g, s->led[g->nled], last);
	return g;
}

/* Entry e's lines counted into its group's totals t. */
static void sim_totals_count(const struct sim *s, const struct ledger_entry *e, struct sim_total *t,
                             int *last_router, int *last_rule)
{
	t->messages++;
	for (int r = 0; r < e->nrcpts; r++) {
		const struct ledger_rcpt *lr = &e->rcpts[r];
		t->rcpts++;
		t->state[lr->state]++;
		if (lr->state == LS_DELIVERED) {
			if (lr->folder && strcmp(lr->folder, "Junk") == 0)
				t->junk++;
			else
				t->inbox++;
		}
		if (lr->state != LS_BLOCKED || !lr->rule)
			continue;
		int router = lr->node - s->sc->nhosts;
		if (router < 0 || router >= s->sc->nrouters)
			continue;
		int ri = sim_totals_rule(s, router, lr->rule, last_router, last_rule);
		if (ri < 0)
			continue;
		const char *name = s->sc->routers[router].rules[ri].name;
		int q = 0;
		while (q < t->nrules && !(t->rule_router[q] == router && t->rule[q] == name))
			q++;
		if (q == t->nrules) {
			if (q == SIM_TOTAL_RULES)
				continue;
			t->rule_router[q] = router;
			t->rule[q] = name;
			t->nrules++;
		}
		t->rule_count[q]++;
	}
}

size_t sim_totals(const struct sim *s, struct sim_total *out, size_t max)
{
	const struct sim_groups *g = sim_groups_update(s);
	size_t n = g->n < max ? g->n : max;
	for (size_t k = 0; k < n; k++) {
		memset(&out[k], 0, sizeof out[k]);
		memcpy(out[k].group, g->names[k], sizeof out[k].group);
	}
	int last_router = -1, last_rule = -1;
	for (size_t i = 0; n && i < s->nled; i++)
		if ((size_t)g->of[i] < n)
			sim_totals_count(s, s->led[i], &out[g->of[i]], &last_router, &last_rule);
	return g->n;
}
