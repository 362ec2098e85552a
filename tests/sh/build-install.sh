#!/bin/sh
# build-install.sh - make install into a DESTDIR puts every program, man page
# and lexicon in place, the installed programs find their data, and
# make uninstall removes it all again.
top=${GLOSY_TOP:?}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
if ! make -s -C "$top" install DESTDIR="$d" PREFIX=/opt/glosy >"$d/log" 2>&1; then
	echo "not ok make install: $(tail -3 "$d/log")"
	exit 0
fi
echo "ok make install succeeds"
missing=
for p in "$top"/bin/*; do
	[ -x "$d/opt/glosy/bin/${p##*/}" ] || missing="$missing ${p##*/}"
done
[ -z "$missing" ] && echo "ok every program is installed" ||
	echo "not ok programs not installed:$missing"
n=$(find "$d/opt/glosy/share/man" -type f 2>/dev/null | wc -l)
m=$(ls "$top"/stages/*.1 "$top"/stages/lib/*.5 "$top"/pipeline/*.[157] \
	"$top"/lexicons/*.5 2>/dev/null | wc -l)
[ "$n" -eq "$m" ] && echo "ok all $m man pages are installed" ||
	echo "not ok $n of $m man pages installed"
if [ -f "$top/lexicons/pl/stopwords" ]; then
	[ -f "$d/opt/glosy/share/glosy/pl/stopwords" ] &&
		echo "ok lexicons are installed under DATADIR" ||
		echo "not ok lexicons are not installed"
fi
make -s -C "$top" uninstall DESTDIR="$d" PREFIX=/opt/glosy >"$d/log" 2>&1
left=$(find "$d/opt" -type f 2>/dev/null | wc -l)
[ "$left" -eq 0 ] && echo "ok make uninstall removes every file" ||
	echo "not ok make uninstall left $left files"
for p in "$top"/bin/*; do
	v=$("$p" --version 2>&1) && case $v in
	"${p##*/} (glosy) "*) ;; *) false ;; esac ||
		{ echo "not ok ${p##*/} --version: $v"; continue; }
	"$p" --help >/dev/null 2>&1 || { echo "not ok ${p##*/} --help"; continue; }
	"$p" --no-such-option </dev/null >/dev/null 2>&1
	rc=$?
	[ $rc -eq 2 ] || { echo "not ok ${p##*/}: bad option exits $rc, not 2"; continue; }
	echo "ok ${p##*/}: --version, --help and a bad option behave"
done
