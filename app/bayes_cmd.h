/* bayes_cmd — `mailsim bayes`: train the spam filter on mail files,
 * classify mail, and evaluate the filter on a labelled corpus. */
#ifndef MAILSIM_BAYES_CMD_H
#define MAILSIM_BAYES_CMD_H

/* Run `mailsim bayes ARGS…` (argv[0] is the first word after "bayes").
 * Returns the exit status: 0 ok, 2 bad usage or an unreadable file or
 * database (one line on stderr each), 3 out of memory (xmalloc exits). */
int bayes_cmd_main(int argc, char **argv);

#endif
