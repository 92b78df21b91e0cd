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
/* The member "on" of obj (required) into m: which trace record a caption or
 * a quiz question belongs to. */
void scenario_script_on(struct scenario_ctx *c, const cJSON *obj, struct sc_match *m);
/* obj's key: the id of a send action (required if req), copied to *out. */
void scenario_script_tag(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                         char **out);

/* Reads the optional member "filter" of user object obj into u: the user
 * gets a spam filter, trained on the mails of its "ham" and "spam" files
 * (scenario_train.c), which are read now; problems are reported through c. */
void scenario_train_user(struct scenario_ctx *c, const cJSON *obj, struct sc_user *u);

#endif
