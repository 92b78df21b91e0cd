/* test_scenario_agents — lesson files whose agents (MSA, MTA, MDA, MRA)
 * stand on separate hosts: each hands mail to the host it names, and the
 * setups no real server could run are refused with one line each.  Split
 * from test_scenario. */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "test_scenario.h"
#include "test_util.h"

/* ---- the agents on separate hosts ---- */

/* A host h<n> at 10.0.0.<n> with roles (a JSON list body) and extra keys. */
#define TEST_SCENARIO_AGENT(n, roles, extra) \
	"{'id': 'h" #n "', 'network': 'n1', 'addr': '10.0.0." #n "', 'name': 'h" #n ".example', " \
	"'roles': [" roles "]" extra "}"

Test(scenario, agents_hand_mail_to_the_host_they_name)
{
	/* The relay host and the mail store may come further down the list. */
	struct scenario *sc = test_util_parse(
		"t.json", TEST_SCENARIO_HOSTS_OPEN
		TEST_SCENARIO_AGENT(1, "'MSA'", ", 'relayhost': 'h2'") ", "
		TEST_SCENARIO_AGENT(2, "'MTA', 'MDA'", ", 'domains': ['a.example']") ", "
		TEST_SCENARIO_AGENT(3, "'MRA'", ", 'mailstore': 'h2'") ", "
		TEST_SCENARIO_AGENT(4, "'MSA', 'MTA', 'MDA', 'MRA'", ", 'domains': ['b.example']") "], "
		"'users': [{'address': 'a@a.example'}, {'address': 'b@b.example'}]}");
	cr_expect_eq(sc->hosts[0].relayhost, 1);
	cr_expect_eq(sc->hosts[1].relayhost, -1);
	cr_expect_eq(sc->hosts[2].mailstore, 1);
	cr_expect_eq(sc->hosts[3].mailstore, 3, "a host with MDA and MRA serves its own mailboxes");
	cr_expect_eq(sc->hosts[1].mailstore, -1, "no MRA, no mail store");
	/* Each user reads the mailbox through the MRA that serves it. */
	cr_expect_eq(sc->users[0].mailbox_host, 1);
	cr_expect_eq(sc->users[0].fetch_host, 2);
	cr_expect_eq(sc->users[1].fetch_host, 3);
	scenario_free(sc);
}

Test(scenario, impossible_roles_are_refused)
{
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MSA'", "") "]}",
	                    "t.json: /hosts/0: expected \"relayhost\": the id of a host with the MTA "
	                    "role (an MSA without MTA cannot relay; it hands its mail to an MTA), "
	                    "found no \"relayhost\" on a host with roles [\"MSA\"]\n");
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MSA'", ", 'relayhost': 'h2'") ", "
	                    TEST_SCENARIO_AGENT(2, "'MSA', 'MRA'", ", 'relayhost': 'h1', "
	                                        "'mailstore': 'h1'") "]}",
	                    "t.json: /hosts/0/relayhost: expected a host id with the MTA role, "
	                    "found \"h2\"\n"
	                    "t.json: /hosts/1/relayhost: expected a host id with the MTA role, "
	                    "found \"h1\"\n"
	                    "t.json: /hosts/1/mailstore: expected a host id with the MDA role, "
	                    "found \"h1\"\n");
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MSA', 'MTA'", ", 'relayhost': 'h1'") ", "
	                    TEST_SCENARIO_AGENT(2, "'MUA'", ", 'relayhost': 'h1'") ", "
	                    TEST_SCENARIO_AGENT(3, "'MTA'", ", 'relayhost': 'h9'") "]}",
	                    "t.json: /hosts/0/relayhost: expected another host (mail handed to "
	                    "itself would go round in circles), found \"h1\"\n"
	                    "t.json: /hosts/1/relayhost: expected no \"relayhost\" on a host without "
	                    "the MSA or MTA role (only a server hands mail on), found roles "
	                    "[\"MUA\"]\n"
	                    "t.json: /hosts/2/relayhost: expected a host id, found \"h9\"\n");
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MRA'", "") ", "
	                    TEST_SCENARIO_AGENT(2, "'MTA', 'MDA', 'MRA'", ", 'mailstore': 'h2'") "]}",
	                    "t.json: /hosts/0: expected \"mailstore\": the id of a host with the MDA "
	                    "role (an MRA without MDA has no mailbox to read), found no "
	                    "\"mailstore\" on a host with roles [\"MRA\"]\n"
	                    "t.json: /hosts/1/mailstore: expected \"mailstore\" only on a host with "
	                    "MRA but not MDA (it names the mailboxes the MRA reads), found roles "
	                    "[\"MTA\", \"MDA\", \"MRA\"]\n");
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MDA', 'MRA'", "") ", "
	                    TEST_SCENARIO_AGENT(2, "'MTA'", ", 'domains': ['a.example']") "]}",
	                    "t.json: /hosts/0/roles: expected \"MTA\" beside \"MDA\", or an MTA host "
	                    "whose \"lmtp\" names this host (the MDA stores what an MTA hands it), "
	                    "found [\"MDA\", \"MRA\"]\n"
	                    "t.json: /hosts/1/domains: expected the MDA role, or \"lmtp\" naming an "
	                    "MDA host, on a host that is final for mail domains (their mail is "
	                    "stored there), found roles [\"MTA\"]\n");
}

Test(scenario, an_mta_hands_final_delivery_to_the_mda_host_it_names)
{
	/* The MDA host may come further down the list; the users of the
	 * domain have their mailboxes there, read through the MRA. */
	struct scenario *sc = test_util_parse(
		"t.json", TEST_SCENARIO_HOSTS_OPEN
		TEST_SCENARIO_AGENT(1, "'MTA'", ", 'domains': ['a.example'], 'lmtp': 'h2'") ", "
		TEST_SCENARIO_AGENT(2, "'MDA'", "") ", "
		TEST_SCENARIO_AGENT(3, "'MRA'", ", 'mailstore': 'h2'") "], "
		"'users': [{'address': 'a@a.example'}]}");
	cr_expect_eq(sc->hosts[0].lmtp, 1);
	cr_expect_eq(sc->hosts[1].lmtp, -1);
	cr_expect_eq(sc->users[0].mailbox_host, 1, "the mailbox is on the LMTP host");
	cr_expect_eq(sc->users[0].fetch_host, 2);
	scenario_free(sc);
}

Test(scenario, impossible_lmtp_setups_are_refused)
{
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MTA', 'MDA'", ", 'domains': ['a.example'], "
	                                        "'lmtp': 'h2'") ", "
	                    TEST_SCENARIO_AGENT(2, "'MDA'", "") "]}",
	                    "t.json: /hosts/0/lmtp: expected \"lmtp\" only on a host with MTA but "
	                    "not MDA (the MTA hands final delivery to an MDA on another host), found "
	                    "roles [\"MTA\", \"MDA\"]\n"
	                    "t.json: /hosts/1/roles: expected \"MTA\" beside \"MDA\", or an MTA host "
	                    "whose \"lmtp\" names this host (the MDA stores what an MTA hands it), "
	                    "found [\"MDA\"]\n");
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MTA'", ", 'lmtp': 'h2'") ", "
	                    TEST_SCENARIO_AGENT(2, "'MTA'", ", 'domains': ['a.example'], "
	                                        "'lmtp': 'h3'") ", "
	                    TEST_SCENARIO_AGENT(3, "'MDA'", ", 'domains': ['b.example']") "]}",
	                    "t.json: /hosts/0/lmtp: expected a host id with the MDA role, found "
	                    "\"h2\"\n"
	                    "t.json: /hosts/2/domains: expected the MTA role on a host that is final "
	                    "for mail domains (their mail arrives on port 25), found roles "
	                    "[\"MDA\"]\n");
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MTA'", ", 'lmtp': 'h2'") ", "
	                    TEST_SCENARIO_AGENT(2, "'MDA'", "") "]}",
	                    "t.json: /hosts/0/lmtp: expected \"domains\" beside \"lmtp\" (LMTP "
	                    "carries the mail for this host's own domains), found none\n");
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MTA'", ", 'domains': ['a.example'], "
	                                        "'lmtp': 'h2'") ", "
	                    TEST_SCENARIO_AGENT(2, "'MDA'", "") "], "
	                    "'users': [{'address': 'u@a.example', 'forward': 'x@b.example'}]}",
	                    "t.json: /users/0/forward: expected no \"forward\" for a mailbox on a "
	                    "host without the MTA role (it could not send the mail on), found "
	                    "\"x@b.example\" on \"h2\"\n");
	test_util_load_fails(TEST_SCENARIO_HOSTS_OPEN
	                    TEST_SCENARIO_AGENT(1, "'MTA', 'MDA'", ", 'domains': ['a.example']") "], "
	                    "'users': [{'address': 'u@a.example', 'quota': 1000}]}",
	                    "t.json: /users/0/quota: expected \"quota\" only for a mailbox on an MDA "
	                    "host that takes its mail over LMTP (its quota is checked there), found "
	                    "\"h1\"\n");
}
