/* ledger — names of the message states and what counts as final.  The
 * entries themselves live in struct sim (sim_ledger.c updates and audits). */
#include "ledger.h"

#include <string.h>

const char *const ledger_state_names[LS_COUNT] = {
	"outbox", "in_flight", "queued", "delivered", "bounced",
	"rejected", "blocked", "discarded",
};
_Static_assert(sizeof ledger_state_names / sizeof *ledger_state_names == LS_COUNT,
               "ledger_state_names");

int ledger_state_from_name(const char *name)
{
	for (int i = 0; i < LS_COUNT; i++)
		if (strcmp(ledger_state_names[i], name) == 0)
			return i;
	return -1;
}

int ledger_state_final(enum ledger_state s)
{
	switch (s) {
	case LS_OUTBOX:
	case LS_IN_FLIGHT:
	case LS_QUEUED:
		return 0;
	case LS_DELIVERED:
	case LS_BOUNCED:
	case LS_REJECTED:
	case LS_BLOCKED:
	case LS_DISCARDED:
		return 1;
	case LS_COUNT:
		break;
	}
	return 0;
}
