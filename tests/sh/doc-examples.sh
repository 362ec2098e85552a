#!/bin/sh
# doc-examples.sh - every example in the manual pages and the README is run
# as a test, so the documentation cannot rot.
#
# Manual pages: each `.Bd -literal` block inside the EXAMPLES section is an
# example (roff escapes such as \e are undone first).  When some of its
# lines start with "$ ", those are the commands (a command ending in \, |,
# && or || goes on to the next line) and the other lines show their output,
# which is not compared; otherwise the whole block is a sh(1) script, except
# in a section-5 page, where it shows the contents of a file and is not run.
# The line just before `.Bd` may mark a block:
#   .\" untested: REASON    shown only (it needs a network, sudo, a cluster)
#   .\" file: NAME          the block is the contents of file NAME, which the
#                           later examples of the page may use; not run
#   .\" exit: N             the example is expected to exit with status N
#                           (it shows an error message)
# README.md: each ```sh fenced block is an example, read as above; the line
# before the fence may be <!-- untested: REASON --> or <!-- file: NAME -->.
# Other fences (```text, ```console, plain ```) are never run.
#
# The examples of one page run in order, with `sh -e`, in a fresh directory
# holding the bundled sample corpus as answers.csv (and sample.csv), as
# answers.csv.gz, imported as answers.tsv (and sample.tsv), its answers one
# a line as answers.txt, and copies of bin, corpora, lexicons and pipeline
# from the source tree; PATH has that bin/ first.  An example passes when it
# exits 0 (or N) within 300 seconds.
top=${GLOSY_TOP:?}
sample=$top/corpora/sample.csv
if [ ! -f "$sample" ]; then
	echo "skip doc-examples: no corpora/sample.csv"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Writes the blocks of page $1 (kind man or md) into $tmp/blk/N.{sh,meta}.
extract() {
	rm -rf "$tmp/blk"
	mkdir "$tmp/blk"
	awk -v kind="$2" -v dir="$tmp/blk" '
	function out(s) { print s > (dir "/" n ".sh") }
	function start(line) {
		n++
		printf "%d %s %s\n", line, mode, arg > (dir "/" n ".meta")
		close(dir "/" n ".meta")
		printf "" > (dir "/" n ".sh")
		inblk = 1
		mode = "run"; arg = "-"
	}
	BEGIN { mode = "run"; arg = "-"; n = 0 }
	kind == "man" && /^\.Sh / { ex = ($2 == "EXAMPLES"); next }
	kind == "man" && ex && !inblk && /^\.\\" *untested:/ {
		mode = "skip"; next
	}
	kind == "man" && ex && !inblk && /^\.\\" *file:/ {
		mode = "file"; arg = $3; next
	}
	kind == "man" && ex && !inblk && /^\.\\" *exit:/ {
		mode = "exit"; arg = $3; next
	}
	kind == "man" && ex && !inblk && /^\.Bd -literal/ { start(NR); next }
	kind == "man" && inblk && /^\.Ed/ { inblk = 0; close(dir "/" n ".sh"); next }
	kind == "man" && inblk && /^\.\\"/ { next }
	kind == "man" && inblk {
		s = $0
		gsub(/\\&/, "", s)
		gsub(/\\\(aq/, "\047", s)
		gsub(/\\\(dq/, "\"", s)
		gsub(/\\-/, "-", s)
		gsub(/\\e/, "\\", s)
		out(s)
		next
	}
	kind == "md" && !inblk && /^<!-- *untested:/ { mode = "skip"; next }
	kind == "md" && !inblk && /^<!-- *file:/ {
		mode = "file"; arg = $3; next
	}
	kind == "md" && !inblk && /^<!-- *exit:/ {
		mode = "exit"; arg = $3; next
	}
	kind == "md" && !inblk && /^```sh *$/ { start(NR); next }
	kind == "md" && !inblk && /^```/ { inother = !inother; next }
	kind == "md" && inblk && /^```/ { inblk = 0; close(dir "/" n ".sh"); next }
	kind == "md" && inblk { out($0); next }
	!inblk && !/^[ \t]*$/ { mode = "run"; arg = "-" }
	' "$1"
}

# Keeps the "$ " command lines of a block, if it has any, without "$ ".
commands() {
	if grep -q '^\$ ' "$1"; then
		awk '/^\$ / { sub(/^\$ /, ""); c = 1 }
		c { print; c = ($0 ~ /(\\|\||&&)[ \t]*$/) }' "$1"
	elif [ "$2" = 5 ]; then
		return 1
	else
		cat "$1"
	fi
}

# Runs the extracted blocks of page $1 (its name for the messages), of
# manual section $2.
runblocks() {
	rm -rf "$tmp/run"
	mkdir "$tmp/run"
	cp "$tmp/fix/"* "$tmp/run/"
	# Copies, not links: an example that edits a lexicon must not edit
	# the tree's.
	cp -RL "$tmp/tree/"* "$tmp/run/"
	i=1
	while [ -f "$tmp/blk/$i.meta" ]; do
		read -r line mode arg <"$tmp/blk/$i.meta"
		what="$1:$line"
		case $mode in
		skip)
			echo "skip doc-example $what: marked untested" ;;
		file)
			cp "$tmp/blk/$i.sh" "$tmp/run/$arg"
			echo "ok doc-example $what: file $arg" ;;
		run|exit)
			if ! commands "$tmp/blk/$i.sh" "$2" >"$tmp/cmd"; then
				i=$((i + 1))
				continue
			fi
			want=0
			[ "$mode" = exit ] && want=$arg
			(cd "$tmp/run" && timeout 300 sh -e "$tmp/cmd") \
			    >"$tmp/out" 2>&1 </dev/null
			rc=$?
			if [ "$rc" -eq "$want" ]; then
				echo "ok doc-example $what"
			else
				printf 'not ok doc-example %s: exit %s: %s | %s\n' \
				    "$what" "$rc" \
				    "$(head -1 "$tmp/cmd")" \
				    "$(tail -3 "$tmp/out" | tr '\n' ' ')"
			fi ;;
		esac
		i=$((i + 1))
	done
}

# A copy of the programs and data the examples use.
mkdir "$tmp/tree"
for l in bin corpora lexicons pipeline; do
	cp -RL "$top/$l" "$tmp/tree/" || exit 1
done
PATH=$tmp/run/bin:$tmp/tree/bin:$PATH
export PATH

# The files examples may use.
mkdir "$tmp/fix"
cp "$sample" "$tmp/fix/answers.csv"
cp "$sample" "$tmp/fix/sample.csv"
gzip -9n <"$sample" >"$tmp/fix/answers.csv.gz"
if glosy-import -q "$sample" >"$tmp/fix/answers.tsv" 2>/dev/null; then
	cp "$tmp/fix/answers.tsv" "$tmp/fix/sample.tsv"
	cut -f 2 "$tmp/fix/answers.tsv" | tail -n +2 >"$tmp/fix/answers.txt"
fi

cd "$top" || exit 1
for m in stages/*.1 stages/lib/*.5 pipeline/*.[157] lexicons/*.5; do
	[ -f "$m" ] || continue
	extract "$m" man
	runblocks "${m##*/}" "${m##*.}"
done
if [ -f README.md ]; then
	extract README.md md
	runblocks README.md md
fi
