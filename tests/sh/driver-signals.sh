#!/bin/sh
# driver-signals.sh - an interrupt (SIGINT, as Ctrl-C sends; or SIGTERM)
# stops every stage of `glosy run`, removes its temporary directories,
# leaves no report, and the driver dies of the same signal.  Uses the
# stand-in stages of the golden cases.
top=${GLOSY_TOP:?}
cd "$top/tests/golden/glosy" || exit 1
. ./standins
cd "$d" || exit 1
mkdir tmp
TMPDIR=$d/tmp
export TMPDIR

# Waits up to 10 s for file $1 to exist.
waitfor() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$1" ]
}

for sig in INT TERM; do
	rm -f pid.*
	./glosy run -q -p test.pipeline -s normalize.pidfile="$d/pid.n" \
	    -s dedup.pidfile="$d/pid.d" -s dedup.sleep=60 \
	    -o rep in.tsv 2>err &
	g=$!
	if ! waitfor pid.d || ! waitfor pid.n; then
		echo "not ok SIG$sig: the stages did not start"
		kill $g
		continue
	fi
	kill -$sig $g
	wait $g 2>/dev/null
	rc=$?
	case $sig in INT) want=130 ;; TERM) want=143 ;; esac
	[ $rc -eq $want ] && echo "ok SIG$sig: glosy exits $want" ||
		echo "not ok SIG$sig: glosy exits $rc, not $want"
	sleep 0.2
	alive=
	for p in pid.d pid.n; do
		kill -0 "$(cat $p)" 2>/dev/null && alive="$alive $p"
	done
	if [ -z "$alive" ]; then
		echo "ok SIG$sig: every stage is stopped"
	else
		echo "not ok SIG$sig: still running:$alive"
		for p in pid.*; do kill "$(cat $p)" 2>/dev/null; done
	fi
	if [ -z "$(ls -A tmp)" ] && [ ! -e rep ] &&
	    [ -z "$(ls -a | grep '^\.rep\.')" ]; then
		echo "ok SIG$sig: no report and no temporary directory left"
	else
		echo "not ok SIG$sig: left behind: $(ls -A . tmp | tr '\n' ' ')"
	fi
done

# The same under --keep, where the driver relays the streams itself.
rm -f pid.*
./glosy run -q -p test.pipeline --keep kept -s dedup.pidfile="$d/pid.d" \
    -s dedup.sleep=60 -o rep in.tsv 2>err &
g=$!
if waitfor pid.d; then
	kill -INT $g
	wait $g 2>/dev/null
	rc=$?
	sleep 0.2
	if [ $rc -eq 130 ] && ! kill -0 "$(cat pid.d)" 2>/dev/null; then
		echo "ok SIGINT under --keep stops every stage"
	else
		echo "not ok SIGINT under --keep: exit $rc"
		kill "$(cat pid.d)" 2>/dev/null
	fi
else
	echo "not ok SIGINT under --keep: the stages did not start"
	kill $g
fi

# Under -j, GNU parallel runs the jobs in process groups of their own; it
# must pass the interrupt on to them.
if command -v parallel >/dev/null; then
	seq 20000 | sed 's/^/x\t/' >>in.tsv
	rm -f pid.*
	./glosy run -q -j 2 -p test.pipeline -s normalize.sleep=60 \
	    -s normalize.pidfile="$d/pid.n" -o rep in.tsv 2>err &
	g=$!
	if waitfor pid.n; then
		sleep 0.5
		kill -INT $g
		wait $g 2>/dev/null
		rc=$?
		i=0
		while kill -0 "$(cat pid.n)" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		if [ $rc -eq 130 ] && ! kill -0 "$(cat pid.n)" 2>/dev/null; then
			echo "ok SIGINT under -j stops the parallel jobs"
		else
			echo "not ok SIGINT under -j: exit $rc"
		fi
	else
		echo "not ok SIGINT under -j: the jobs did not start"
		kill $g
	fi
else
	echo "skip SIGINT under -j: GNU parallel is not installed"
fi

# Nothing of the runs above may survive them (a forked stage that had not
# yet run exec must not catch the signal and resend it forever).
sleep 0.3
left=$(ps -eo pid=,args= | grep -F "$d/" | grep -v grep)
if [ -z "$left" ]; then
	echo "ok no process of the interrupted runs is left"
else
	echo "not ok processes left: $(echo "$left" | head -3 | tr '\n' ' ')"
	echo "$left" | while read -r p rest; do kill -9 "$p"; done
fi
