/* scenario_roles — the loader's check that every host's roles can do their
 * work, as textbooks draw the agents on separate servers: an MSA without
 * MTA names the MTA it hands its mail to ("relayhost"), an MRA without MDA
 * names the MDA whose mailboxes it serves ("mailstore"), an MTA may hand
 * final delivery to an MDA on another host over LMTP ("lmtp"), and a set
 * of roles that could never work is refused with one located line. */
#include "scenario_roles.h"

#include <string.h>

/* The host's roles as the file spells them: ["MSA", "MRA"]. */
static const char *scenario_roles_list(unsigned roles, char out[64])
{
	size_t n = 0;
	out[n++] = '[';
	for (int r = 0; r < ROLE_COUNT; r++)
		if (roles & ROLE_BIT(r))
			n += (size_t)snprintf(out + n, 64 - n, "%s\"%s\"", n > 1 ? ", " : "", role_names[r]);
	snprintf(out + n, 64 - n, "]");
	return out;
}

/* "relayhost": allowed on a server (MSA or MTA), required without MTA. */
static void scenario_roles_relayhost(struct scenario_ctx *c, const cJSON *obj, int i)
{
	struct sc_host *h = &c->sc->hosts[i];
	char buf[64];
	unsigned server = ROLE_BIT(ROLE_MSA) | ROLE_BIT(ROLE_MTA);
	if (!scenario_json_item(c, obj, "relayhost", 0)) {
		if ((h->roles & ROLE_BIT(ROLE_MSA)) && !(h->roles & ROLE_BIT(ROLE_MTA)))
			scenario_json_fail(c, "expected \"relayhost\": the id of a host with the MTA role "
			                   "(an MSA without MTA cannot relay; it hands its mail to an MTA), "
			                   "found no \"relayhost\" on a host with roles %s",
			                   scenario_roles_list(h->roles, buf));
		return;
	}
	if (!(h->roles & server)) {
		scenario_json_fail_at(c, "relayhost", "expected no \"relayhost\" on a host without the "
		                      "MSA or MTA role (only a server hands mail on), found roles %s",
		                      scenario_roles_list(h->roles, buf));
		return;
	}
	scenario_json_role_host(c, obj, "relayhost", ROLE_MTA, &h->relayhost);
	if (h->relayhost == i) {
		scenario_json_fail_at(c, "relayhost", "expected another host (mail handed to itself "
		                      "would go round in circles), found \"%s\"", h->id);
		h->relayhost = -1;
	}
}

/* "mailstore": required on an MRA without MDA, refused elsewhere. */
static void scenario_roles_mailstore(struct scenario_ctx *c, const cJSON *obj, int i)
{
	struct sc_host *h = &c->sc->hosts[i];
	char buf[64];
	int mra = !!(h->roles & ROLE_BIT(ROLE_MRA)), mda = !!(h->roles & ROLE_BIT(ROLE_MDA));
	if (mra && mda)
		h->mailstore = i;
	if (!scenario_json_item(c, obj, "mailstore", 0)) {
		if (mra && !mda)
			scenario_json_fail(c, "expected \"mailstore\": the id of a host with the MDA role "
			                   "(an MRA without MDA has no mailbox to read), found no "
			                   "\"mailstore\" on a host with roles %s",
			                   scenario_roles_list(h->roles, buf));
		return;
	}
	if (!mra || mda) {
		scenario_json_fail_at(c, "mailstore", "expected \"mailstore\" only on a host with MRA "
		                      "but not MDA (it names the mailboxes the MRA reads), found roles %s",
		                      scenario_roles_list(h->roles, buf));
		return;
	}
	scenario_json_role_host(c, obj, "mailstore", ROLE_MDA, &h->mailstore);
}

/* "lmtp": only on an MTA host with domains and no MDA of its own; it names
 * another host with the MDA role. */
static void scenario_roles_lmtp(struct scenario_ctx *c, const cJSON *obj, int i)
{
	struct sc_host *h = &c->sc->hosts[i];
	char buf[64];
	if (!scenario_json_item(c, obj, "lmtp", 0))
		return;
	if (!(h->roles & ROLE_BIT(ROLE_MTA)) || (h->roles & ROLE_BIT(ROLE_MDA))) {
		scenario_json_fail_at(c, "lmtp", "expected \"lmtp\" only on a host with MTA but not "
		                      "MDA (the MTA hands final delivery to an MDA on another host), "
		                      "found roles %s", scenario_roles_list(h->roles, buf));
		return;
	}
	scenario_json_role_host(c, obj, "lmtp", ROLE_MDA, &h->lmtp);
	if (h->lmtp == i) {
		scenario_json_fail_at(c, "lmtp", "expected another host (LMTP carries the mail to an "
		                      "MDA elsewhere), found \"%s\"", h->id);
		h->lmtp = -1;
	} else if (h->lmtp >= 0 && !h->ndomains) {
		scenario_json_fail_at(c, "lmtp", "expected \"domains\" beside \"lmtp\" (LMTP carries "
		                      "the mail for this host's own domains), found none");
	}
}

/* First pass: the references to other hosts. */
static void scenario_roles_refs(struct scenario_ctx *c, const cJSON *obj, int i)
{
	if (!cJSON_IsObject(obj) || !c->sc->hosts[i].id)
		return;   /* already reported */
	scenario_roles_relayhost(c, obj, i);
	scenario_roles_lmtp(c, obj, i);
	scenario_roles_mailstore(c, obj, i);
}

/* Second pass (every "lmtp" known): can the MDA get mail, and can the
 * domains be delivered? */
static void scenario_roles_host(struct scenario_ctx *c, const cJSON *obj, int i)
{
	struct sc_host *h = &c->sc->hosts[i];
	char buf[64];
	unsigned mta = ROLE_BIT(ROLE_MTA), mda = ROLE_BIT(ROLE_MDA);
	if (!cJSON_IsObject(obj) || !h->id)
		return;
	/* The MDA stores what the MTA of its own host receives, or what an
	 * MTA elsewhere hands it over LMTP; otherwise it would never get any. */
	if ((h->roles & mda) && !(h->roles & mta) && scenario_lmtp_client(c->sc, i) < 0)
		scenario_json_fail_at(c, "roles", "expected \"MTA\" beside \"MDA\", or an MTA host "
		                      "whose \"lmtp\" names this host (the MDA stores what an MTA "
		                      "hands it), found %s", scenario_roles_list(h->roles, buf));
	else if (h->ndomains && !(h->roles & mta))
		scenario_json_fail_at(c, "domains", "expected the MTA role on a host that is final "
		                      "for mail domains (their mail arrives on port 25), found roles %s",
		                      scenario_roles_list(h->roles, buf));
	else if (h->ndomains && !(h->roles & mda) && h->lmtp < 0)
		scenario_json_fail_at(c, "domains", "expected the MDA role, or \"lmtp\" naming an MDA "
		                      "host, on a host that is final for mail domains (their mail is "
		                      "stored there), found roles %s", scenario_roles_list(h->roles, buf));
}

void scenario_roles_read(struct scenario_ctx *c, const cJSON *top)
{
	struct scenario *sc = c->sc;
	for (int i = 0; i < sc->nhosts; i++)
		sc->hosts[i].relayhost = sc->hosts[i].mailstore = sc->hosts[i].lmtp = -1;
	/* The hosts were read already (and a broken list reported): a second
	 * pass, since a reference may name a host further down the list. */
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(top, "hosts");
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != sc->nhosts)
		return;
	scenario_json_each(c, a, scenario_json_push(c, "hosts"), scenario_roles_refs);
	scenario_json_each(c, a, scenario_json_push(c, "hosts"), scenario_roles_host);
}

int scenario_roles_fetch_host(const struct scenario *sc, int mailbox_host)
{
	if (mailbox_host < 0)
		return -1;
	if (sc->hosts[mailbox_host].roles & ROLE_BIT(ROLE_MRA))
		return mailbox_host;
	for (int i = 0; i < sc->nhosts; i++)
		if ((sc->hosts[i].roles & ROLE_BIT(ROLE_MRA)) && sc->hosts[i].mailstore == mailbox_host)
			return i;
	return -1;
}
