/* test_scenario — the lesson-file fragments test_scenario*.c build their
 * cases from. */
#ifndef MAILSIM_TEST_SCENARIO_H
#define MAILSIM_TEST_SCENARIO_H

#define TEST_SCENARIO_NET \
	"'networks': [{'id': 'n1', 'cidr': '10.0.0.0/24'}]"
/* A scenario on n1 up to its first host: the hosts, "]" and the rest of
 * the top object follow. */
#define TEST_SCENARIO_HOSTS_OPEN "{'title': 'x', " TEST_SCENARIO_NET ", 'hosts': ["

#endif
