/* engine — the floor every role stands on: scheduling events on the
 * simulated clock, and looking up hosts and users.  It calls nothing
 * above it, so roles and protocols can use it without a cycle back
 * through the dispatcher (sim.c). */
#include <string.h>

#include "simint.h"

void engine_schedule(struct sim *s, int64_t t, enum ev_kind k, int a, int b)
{
	evq_push(&s->q, t < s->now ? s->now : t, (int)k, a, b);
}

const struct sc_host *engine_host(const struct sim *s, int h)
{
	return &s->sc->hosts[h];
}

int engine_user_of_addr(const struct sim *s, const char *addr)
{
	return hindex_get_str(&s->user_by_addr, addr);
}

int engine_user_login(const struct sim *s, const char *login, const char *password, int host)
{
	int u = engine_user_login_any(s, login, host);
	return u >= 0 && strcmp(s->sc->users[u].password, password) == 0 ? u : -1;
}

int engine_user_login_any(const struct sim *s, const char *login, int host)
{
	int u = hindex_get_str(&s->user_by_login, login);
	if (u < 0 || strcmp(s->sc->users[u].login, login) != 0)
		return -1;
	/* A server knows the users of the mailboxes it keeps or serves (an
	 * MRA with a mail store on another host reads that host's). */
	if (host >= 0 && s->sc->users[u].mailbox_host != host &&
	    (s->sc->hosts[host].mailstore < 0 ||
	     s->sc->users[u].mailbox_host != s->sc->hosts[host].mailstore))
		return -1;
	return u;
}

int engine_host_of_ip(const struct sim *s, uint32_t addr)
{
	return hindex_get_u32(&s->host_by_addr, addr);
}

char *engine_new_qid(struct sim *s, char out[16])
{
	/* Postfix-style queue ids: hex, unique within the run; the counter
	 * in at least five digits, then four random ones (as "%05llX%04X",
	 * cut to 15 characters, written by hand: one per message a hop). */
	static const char hex[] = "0123456789ABCDEF";
	unsigned long long q = ++s->next_qid;
	unsigned r = (unsigned)(rng_next(&s->rng) & 0xffff);
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = hex[q & 15];
		q >>= 4;
	} while (q || n < 5);
	int k = 0;
	while (n > 0 && k < 15)
		out[k++] = tmp[--n];
	for (int shift = 12; shift >= 0 && k < 15; shift -= 4)
		out[k++] = hex[r >> shift & 15];
	out[k] = '\0';
	return out;
}

void engine_date(const struct sim *s, char *out, size_t outsz)
{
	msg_format_date(s->sc->epoch, s->now, s->sc->tz_min, out, outsz);
}

void engine_mail_date(struct sim *s, int64_t t_us, char *out, size_t outsz)
{
	/* The date names the second (floored, as msg_format_date does). */
	int64_t sec = t_us / 1000000 - (t_us % 1000000 < 0);
	if (!s->mail_date_ok || s->mail_date_sec != sec) {
		msg_format_mail_date(s->sc->epoch, t_us, s->sc->tz_min, s->mail_date, sizeof s->mail_date);
		s->mail_date_sec = sec;
		s->mail_date_ok = 1;
	}
	if (outsz)
		util_copy(out, outsz, s->mail_date);
}

void sim_format_date(const struct sim *s, int64_t t_us, char *out, size_t outsz)
{
	msg_format_date(s->sc->epoch, t_us, s->sc->tz_min, out, outsz);
}

