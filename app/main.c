/* main — the mailsim command: open a lesson in the window, or run it
 * headless (narrated), check its answer key, or draw a frame to a PNG. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bayes_cmd.h"
#include "check.h"
#include "export.h"
#include "i18n.h"
#include "narrate.h"
#include "quiz.h"
#include "render.h"
#include "sim.h"
#include "smime.h"

#ifndef MAILSIM_VERSION
#define MAILSIM_VERSION "dev"
#endif

#define EXIT_CHECK_FAILED 1
#define EXIT_BAD_INPUT 2

static const char main_usage[] =
	"usage: mailsim [FILE]                       open a lesson in the window\n"
	"       mailsim run FILE [options]           narrate a lesson headless\n"
	"       mailsim check FILE... [--lang ja|en] verify lessons' expected outcomes\n"
	"                                            (with --lang: the answer key, ✓ or ✗)\n"
	"       mailsim quiz FILE [--lang ja|en] [--answers]\n"
	"                                            the lesson's quiz as a Markdown worksheet\n"
	"       mailsim shot FILE --at S --out PNG   draw one frame off-screen\n"
	"       mailsim shot FILE --summary --out PNG\n"
	"                                            the lesson's summary picture: every path tried\n"
	"       mailsim shot FILE --quiz N [--answer K] --out PNG\n"
	"                                            a quiz question asked (with K: revealed)\n"
	"       mailsim bayes train|classify|eval …  the spam filter (mailsim bayes --help)\n"
	"\n"
	"run options:\n"
	"  --lang ja|en|both   narration language (default: from LANG, else ja)\n"
	"  --until SECONDS     stop at this simulated time (default: the lesson's)\n"
	"  --trace-json OUT    write every event as one JSON object per line\n"
	"  --eml-dir DIR       write mailboxes as DIR/<address>/<folder>/<n>.eml\n"
	"  --seed N            override the lesson's random seed\n"
	"  --quiet             no narration (with --trace-json or --eml-dir)\n"
	"shot options:\n"
	"  --at SECONDS  --out OUT.png  [--size WxH] [--lang ja|en] [--select MSG]\n"
	"  --summary           every path tried, at the lesson's end (or at --at)\n"
	"  --pause-captions    play on from --at to the next caption\n"
	"  --quiz N            question N (as mailsim quiz numbers them) asked, before its event\n"
	"  --answer K          with --quiz: the class answers K (0: none, as Esc), then the reveal\n"
	"window options:\n"
	"  --lang ja|en  --font FILE  --presenter  --size WxH\n"
	"  --pause-captions    stop playing at each caption (on in presenter mode)\n"
	"\n"
	"exit status: 0 ok; 1 a check failed or a message was lost; 2 bad usage or\n"
	"an unreadable lesson (one line per problem on stderr); 3 out of memory.\n";

struct main_opts {
	const char *file;
	int lang;          /* enum lang, or LANG_COUNT for both */
	int lang_given;    /* --lang was on the command line */
	int answers;       /* quiz: --answers */
	double until;      /* < 0: the lesson's */
	const char *trace_json;
	const char *eml_dir;
	uint64_t seed;
	int quiet;
	double at;
	const char *out;
	int width, height;
	const char *select;
	const char *font;
	int presenter;
	int pause_captions;  /* window and shot: --pause-captions */
	int summary;         /* shot: --summary */
	int at_given;        /* shot: --at was on the command line */
	int quiz;            /* shot: --quiz N (1-based, worksheet order); 0 none */
	int answer;          /* shot: --answer K (0-4); -1 not given */
};

static int main_default_lang(void)
{
	const char *v = getenv("LC_ALL");
	if (!v || !*v)
		v = getenv("LANG");
	int l = i18n_lang_from_name(v);
	return l >= 0 ? l : LANG_JA;
}

/* A number of seconds, 0 or more; -1 after saying why. */
static int main_seconds(const char *opt, const char *v, double *out)
{
	char *end;
	double d = strtod(v, &end);
	if (!*v || *end || !(d >= 0 && d <= 1e9)) {
		fprintf(stderr, "mailsim: %s: expected seconds (a number from 0), found %s\n", opt, v);
		return -1;
	}
	*out = d;
	return 0;
}

/* Parse options after the subcommand; positional arguments are collected
 * into files.  Returns 0, or EXIT_BAD_INPUT after printing why. */
static int main_parse(int argc, char **argv, struct main_opts *o, const char ***files,
                      int *nfiles)
{
	*files = xcalloc((size_t)argc + 1, sizeof **files);
	*nfiles = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes = 1;
		if (strcmp(a, "--lang") == 0 && v) {
			o->lang = strcmp(v, "both") == 0 ? LANG_COUNT : i18n_lang_from_name(v);
			o->lang_given = 1;
			if (o->lang < 0) {
				fprintf(stderr, "mailsim: --lang: expected ja, en or both, found %s\n", v);
				return EXIT_BAD_INPUT;
			}
		} else if (strcmp(a, "--until") == 0 && v) {
			if (main_seconds("--until", v, &o->until) < 0)
				return EXIT_BAD_INPUT;
		} else if (strcmp(a, "--trace-json") == 0 && v) {
			o->trace_json = v;
		} else if (strcmp(a, "--eml-dir") == 0 && v) {
			o->eml_dir = v;
		} else if (strcmp(a, "--seed") == 0 && v) {
			char *end;
			errno = 0;
			o->seed = strtoull(v, &end, 10);
			if (!*v || *end || errno || *v == '-') {
				fprintf(stderr, "mailsim: --seed: expected a whole number, found %s\n", v);
				return EXIT_BAD_INPUT;
			}
		} else if (strcmp(a, "--at") == 0 && v) {
			if (main_seconds("--at", v, &o->at) < 0)
				return EXIT_BAD_INPUT;
			o->at_given = 1;
		} else if ((strcmp(a, "--quiz") == 0 || strcmp(a, "--answer") == 0) && v) {
			char *end;
			long k = strtol(v, &end, 10);
			int quiz = a[2] == 'q';
			if (!*v || *end || k < !!quiz || k > (quiz ? 99 : 4)) {
				fprintf(stderr, "mailsim: %s: expected %s, found %s\n", a,
				        quiz ? "a question number from 1" : "a choice from 1 to 4, or 0", v);
				return EXIT_BAD_INPUT;
			}
			*(quiz ? &o->quiz : &o->answer) = (int)k;
		} else if (strcmp(a, "--out") == 0 && v) {
			o->out = v;
		} else if (strcmp(a, "--size") == 0 && v) {
			if (sscanf(v, "%dx%d", &o->width, &o->height) != 2 || o->width < 320 ||
			    o->height < 240 || o->width > 8192 || o->height > 8192) {
				fprintf(stderr, "mailsim: --size: expected WxH (320x240 to 8192x8192), "
				        "found %s\n", v);
				return EXIT_BAD_INPUT;
			}
		} else if (strcmp(a, "--select") == 0 && v) {
			o->select = v;
		} else if (strcmp(a, "--font") == 0 && v) {
			o->font = v;
		} else {
			takes = 0;
			if (strcmp(a, "--quiet") == 0) {
				o->quiet = 1;
			} else if (strcmp(a, "--presenter") == 0) {
				o->presenter = 1;
			} else if (strcmp(a, "--pause-captions") == 0) {
				o->pause_captions = 1;
			} else if (strcmp(a, "--summary") == 0) {
				o->summary = 1;
			} else if (strcmp(a, "--answers") == 0) {
				o->answers = 1;
			} else if (a[0] == '-' && a[1]) {
				fprintf(stderr, "mailsim: unknown option %s (or it lacks its value)\n%s",
				        a, main_usage);
				return EXIT_BAD_INPUT;
			} else {
				(*files)[(*nfiles)++] = a;
			}
		}
		i += takes;
	}
	return 0;
}

/* The run's listener: narration, JSON lines, or both. */
struct main_tee {
	struct narrator *n;
	FILE *json;
	struct export_json *writer;
	struct sbuf b;
};

static void main_tee_fn(void *ud, const struct trace_rec *r, const struct msg *m)
{
	struct main_tee *t = ud;
	if (t->n)
		narrator_listen(t->n, r, m);
	if (t->json) {
		sbuf_reset(&t->b);
		export_json_record(t->writer, r, m, &t->b);
		sbuf_addc(&t->b, '\n');
		fwrite(t->b.s, 1, t->b.len, t->json);
	}
}

static int main_run(struct main_opts *o, const char *assets)
{
	struct scenario *sc = scenario_load(o->file, stderr);
	if (!sc)
		return EXIT_BAD_INPUT;
	struct i18n *cats[3] = { NULL, NULL, NULL };
	int rc = 0;
	if (!o->quiet) {
		if (o->lang == LANG_COUNT) {
			cats[0] = i18n_load(assets, LANG_JA, stderr);
			cats[1] = i18n_load(assets, LANG_EN, stderr);
		} else {
			cats[0] = i18n_load(assets, (enum lang)o->lang, stderr);
		}
		if (!cats[0] || (o->lang == LANG_COUNT && !cats[1])) {
			i18n_free(cats[0]);
			i18n_free(cats[1]);
			scenario_free(sc);
			return EXIT_BAD_INPUT;
		}
	}
	FILE *json = NULL;
	if (o->trace_json) {
		json = fopen(o->trace_json, "w");
		if (!json) {
			fprintf(stderr, "%s: cannot write: %s\n", o->trace_json, strerror(errno));
			rc = EXIT_BAD_INPUT;
			goto out;
		}
	}
	struct sim_opts so = { .seed = o->seed };
	struct sim *s = sim_new(sc, &so);
	struct narrator *n = cats[0] ? narrator_new(s, cats, stdout) : NULL;
	if (n)
		narrator_intro(n);
	struct main_tee tee = { n, json, json ? export_json_new(s) : NULL, { NULL, 0, 0 } };
	sim_set_listener(s, main_tee_fn, &tee);
	int64_t until = o->until >= 0 ? (int64_t)(o->until * 1e6) : sc->until_us;
	sim_run_until(s, until);
	if (n)
		narrator_summary(n);
	if (o->eml_dir && export_eml_dir(s, o->eml_dir, stderr) < 0)
		rc = EXIT_BAD_INPUT;
	int lost = sim_audit(s, stderr);
	if (lost && !rc)
		rc = EXIT_CHECK_FAILED;
	narrator_free(n);
	export_json_free(tee.writer);
	sbuf_free(&tee.b);
	sim_free(s);
	if (json && fclose(json) != 0) {
		fprintf(stderr, "%s: cannot write: %s\n", o->trace_json, strerror(errno));
		rc = EXIT_BAD_INPUT;
	}
out:
	i18n_free(cats[0]);
	i18n_free(cats[1]);
	scenario_free(sc);
	return rc;
}

/* lang: -1 for PASS/FAIL lines, else the answer key in that language
 * (what was found told from the assets' catalog in that language, the
 * PASS/FAIL lines' from the English one). */
static int main_check(const char *assets, const char **files, int nfiles, int lang)
{
	int passed = 0, failed = 0, unreadable = 0;
	struct i18n *cat = i18n_load(assets, lang >= 0 ? (enum lang)lang : LANG_EN, stderr);
	if (!cat)
		return EXIT_BAD_INPUT;
	for (int i = 0; i < nfiles; i++) {
		struct scenario *sc = scenario_load(files[i], stderr);
		if (!sc) {
			unreadable++;
			continue;
		}
		struct sim *s = sim_new(sc, NULL);
		sim_run_until(s, sc->until_us);
		struct check_report r;
		check_evaluate(s, &r);
		if (lang >= 0 && nfiles > 1)
			printf("%s== %s ==\n", i ? "\n" : "", sc_text_get(&sc->title, lang));
		check_print(s, &r, lang, cat, stdout, &passed, &failed);
		check_report_free(&r);
		sim_free(s);
		scenario_free(sc);
	}
	i18n_free(cat);
	printf("%d passed, %d failed\n", passed, failed);
	if (unreadable)
		return EXIT_BAD_INPUT;
	return failed ? EXIT_CHECK_FAILED : 0;
}

static int main_usage_error(const char *what)
{
	fprintf(stderr, "%s\n", what);
	return EXIT_BAD_INPUT;
}

/* The lesson's quiz as a worksheet on stdout, in the order the run asks. */
static int main_quiz(const char *file, int lang, int answers)
{
	struct scenario *sc = scenario_load(file, stderr);
	if (!sc)
		return EXIT_BAD_INPUT;
	if (!sc->nquiz) {
		fprintf(stderr, "%s: the lesson has no quiz\n", file);
		scenario_free(sc);
		return EXIT_BAD_INPUT;
	}
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	quiz_worksheet(sc, tr, n, lang, answers, stdout);
	sim_free(s);
	scenario_free(sc);
	return 0;
}

static int main_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* scenarios/ next to the assets in use (the source tree or the install). */
static const char *main_scenarios_dir(const char *assets)
{
	static char buf[4200];
	if (main_exists("scenarios/01-basic-flow.json"))
		return "scenarios";
	if (assets) {
		snprintf(buf, sizeof buf, "%s/../scenarios", assets);
		if (main_exists(buf))
			return buf;
	}
	return "scenarios";
}

static void main_render_opts(const struct main_opts *o, const char *assets,
                             struct render_opts *r)
{
	memset(r, 0, sizeof *r);
	r->scenario = o->file;
	r->assets_dir = assets;
	r->scenarios_dir = main_scenarios_dir(assets);
	r->font = o->font;
	r->lang = o->lang == LANG_COUNT ? LANG_JA : o->lang;
	r->width = o->width ? o->width : 1920;
	r->height = o->height ? o->height : 1080;
	r->presenter = o->presenter;
	r->pause_captions = o->pause_captions;
	r->summary = o->summary;
	r->seed = o->seed;
	r->at_seconds = o->at;
	r->out_png = o->out;
	r->select_msg = o->select;
	r->quiz = 0;
	r->quiz_answer = o->answer < 0 ? 0 : o->answer == 0 ? -1 : o->answer;
}

/* shot --quiz N: question N as the worksheet numbers it (the order the run
 * asks them) becomes the lesson's question index in r->quiz.  Returns 0,
 * or EXIT_BAD_INPUT after saying why. */
static int main_shot_quiz(const struct main_opts *o, const struct scenario *sc, struct render_opts *r)
{
	if (!o->quiz) {
		if (o->answer < 0)
			return 0;
		fprintf(stderr, "mailsim shot: --answer goes with --quiz N\n");
		return EXIT_BAD_INPUT;
	}
	if (o->summary || o->at_given || o->pause_captions) {
		fprintf(stderr, "mailsim shot: --quiz draws its question's own moment: expected no --at, "
		        "--summary or --pause-captions\n");
		return EXIT_BAD_INPUT;
	}
	if (o->quiz > sc->nquiz) {
		fprintf(stderr, "mailsim shot: --quiz: expected a question from 1 to %d (as mailsim quiz "
		        "numbers them), found %d\n", sc->nquiz, o->quiz);
		return EXIT_BAD_INPUT;
	}
	struct sim_opts so = { .seed = o->seed };
	struct sim *s = sim_new(sc, &so);
	sim_run_until(s, sc->until_us);
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	long *at = xcalloc((size_t)sc->nquiz, sizeof *at);
	int *order = xcalloc((size_t)sc->nquiz, sizeof *order);
	quiz_locate(sc, tr, n, at);
	quiz_order(sc, at, n, order);
	int q = order[o->quiz - 1], rc = 0;
	if (at[q] < 0) {
		fprintf(stderr, "mailsim shot: --quiz: question %d is never asked in this run\n", o->quiz);
		rc = EXIT_BAD_INPUT;
	} else if (o->answer > sc->quiz[q].nchoices) {
		fprintf(stderr, "mailsim shot: --answer: question %d has %d choices, found %d\n", o->quiz,
		        sc->quiz[q].nchoices, o->answer);
		rc = EXIT_BAD_INPUT;
	}
	r->quiz = q + 1;
	free(order);
	free(at);
	sim_free(s);
	return rc;
}

int main(int argc, char **argv)
{
	/* First, before anything makes OpenSSL allocate: libcrypto then
	 * allocates through xmalloc, so running out of memory exits 3. */
	smime_init_memory();
	struct main_opts o = { .lang = main_default_lang(), .until = -1, .answer = -1 };
	const char **files = NULL;
	int nfiles = 0;
	const char *cmd = argc > 1 ? argv[1] : "";
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(main_usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("mailsim %s\n", MAILSIM_VERSION);
		return 0;
	}
	if (strcmp(cmd, "bayes") == 0)
		return bayes_cmd_main(argc - 2, argv + 2);
	char assets_buf[4096];
	const char *assets = i18n_assets_dir(argv[0], assets_buf, sizeof assets_buf);
	if (!assets) {
		fprintf(stderr, "mailsim: cannot find the assets directory (set MAILSIM_ASSETS)\n");
		return EXIT_BAD_INPUT;
	}
	int sub = strcmp(cmd, "run") == 0 || strcmp(cmd, "check") == 0 || strcmp(cmd, "shot") == 0 ||
	          strcmp(cmd, "quiz") == 0;
	int rc = main_parse(argc - 1 - sub, argv + 1 + sub, &o, &files, &nfiles);
	if (rc) {
		free(files);
		return rc;
	}
	char def[4300];
	if (strcmp(cmd, "quiz") == 0) {
		rc = nfiles != 1 || o.lang == LANG_COUNT ? main_usage_error("mailsim quiz: expected one "
		                                                               "lesson file and --lang ja or en")
		                                         : main_quiz(files[0], o.lang, o.answers);
	} else if (strcmp(cmd, "check") == 0) {
		if (o.until >= 0 || o.trace_json || o.eml_dir || o.seed || o.quiet || o.out ||
		    o.select || o.width || o.answers || o.summary || o.pause_captions || o.quiz || o.answer >= 0 ||
		    (o.lang_given && o.lang == LANG_COUNT)) {
			fprintf(stderr, "mailsim check: expected only lesson files (a lesson's answer "
			        "key is checked with its own seed and length)\n");
			rc = EXIT_BAD_INPUT;
		} else if (!nfiles) {
			fprintf(stderr, "mailsim check: expected one or more lesson files\n");
			rc = EXIT_BAD_INPUT;
		} else {
			rc = main_check(assets, files, nfiles, o.lang_given ? o.lang : -1);
		}
	} else if (nfiles > 1 || ((strcmp(cmd, "run") == 0 || strcmp(cmd, "shot") == 0) &&
	                          nfiles != 1)) {
		fprintf(stderr, "mailsim: expected one lesson file\n%s", main_usage);
		rc = EXIT_BAD_INPUT;
	} else {
		if (nfiles)
			o.file = files[0];
		else {
			snprintf(def, sizeof def, "%s/01-basic-flow.json", main_scenarios_dir(assets));
			o.file = def;
		}
		struct render_opts ro;
		main_render_opts(&o, assets, &ro);
		struct scenario *probe = strcmp(cmd, "run") == 0 ? NULL : scenario_load(o.file, stderr);
		if (strcmp(cmd, "run") != 0 && !probe) {
			rc = EXIT_BAD_INPUT;   /* the loader said why, one line per problem */
		} else if (strcmp(cmd, "run") == 0) {
			rc = main_run(&o, assets);
		} else if (strcmp(cmd, "shot") == 0) {
			if (!o.out) {
				fprintf(stderr, "mailsim shot: expected --out OUT.png\n");
				rc = EXIT_BAD_INPUT;
			} else if ((rc = main_shot_quiz(&o, probe, &ro)) == 0) {
				rc = render_shot(&ro);
			}
		} else {
			rc = getenv("DISPLAY") || getenv("WAYLAND_DISPLAY") ? render_window(&ro)
			                                                    : RENDER_NO_DISPLAY;
			if (rc == RENDER_NO_DISPLAY) {
				fprintf(stderr, "mailsim: no display; narrating the lesson instead\n");
				rc = main_run(&o, assets);
			}
		}
		scenario_free(probe);
	}
	free(files);
	return rc;
}
