/* bench — benchmark entry points run by `make bench`.  Each prints one
 * line "bench NAME: key=value …".  Figures, not pass/fail: the machines are
 * shared, so compare ratios measured in one run. */
#ifndef MAILSIM_BENCH_H
#define MAILSIM_BENCH_H

struct scenario;

/* The ISP-scale scenario: nisp ISPs with per_isp hosts each (one mail
 * server, the rest customer PCs with one user each), and nmsg messages
 * sent between random users over span_s seconds.  Deterministic. */
struct scenario *bench_isp_scenario(int nisp, int per_isp, int nmsg, double span_s);

/* The engine on the ISP scenario with nmsg messages, 1,000 sent a second
 * (`make bench` runs 100,000; `build/bench engine 20000` a smaller run for
 * callgrind). */
void bench_engine(int nmsg);
/* The plain C yardstick (bench_yardstick.c): events per second over this
 * many events. */
double bench_yardstick(size_t events);
void bench_render(void);
/* Frames showing one mail to 10,000 recipients (a 200 KB To: field). */
void bench_render_long(void);
/* The summary picture of lesson 12 in presenter mode: first and later frames. */
void bench_render_summary(void);
void bench_replay(void);
/* Lesson 09 at x100 in the frame loop, drawn off-screen. */
void bench_play(void);
/* The sizes where a run once fell off a cliff: 10,000 Bcc recipients, a
 * full mailbox, a fast-retrying queue (time and peak memory each). */
void bench_cliffs(void);

#endif
