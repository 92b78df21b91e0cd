/* scenario_script — the loader's reading of the lesson's script: users,
 * scripted actions, captions and expected outcomes.  Private to
 * scenario_load.c, which reads the topology first. */
#ifndef MAILSIM_SCENARIO_SCRIPT_H
#define MAILSIM_SCENARIO_SCRIPT_H

#include "scenario_json.h"

/* Reads members users, actions, captions and expect of top into c->sc
 * (whose networks, routers, hosts and DNS are already read), reporting
 * every problem through c. */
void scenario_script_read(struct scenario_ctx *c, const cJSON *top);

/* Reads the optional member "filter" of user object obj into u: the user
 * gets a spam filter, trained on the mails of its "ham" and "spam" files
 * (scenario_train.c), which are read now; problems are reported through c. */
void scenario_train_user(struct scenario_ctx *c, const cJSON *obj, struct sc_user *u);

#endif
