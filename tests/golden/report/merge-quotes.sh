# Quotes merge exactly: the same text in two shards, ranked higher in the
# second (theme_p 0.9 after 0.3), is the candidate of its best row whatever
# the order, so the quotes of merged partials are those of the whole.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
h="id	theme	themes	theme_p	text"
q1="Więcej zieleni w centrum miasta, mniej betonu"
q2="Lepsze połączenia autobusowe z osiedlami"
q3="Trzeba posadzić drzewa wzdłuż każdej ulicy"
printf '%s\n' "$h" "a1	green	green	0.3	$q1" "a2	green	green	0.5	$q3" \
    >"$d/a.tsv"
printf '%s\n' "$h" "b1	green	green	0.9	$q1" "b2	green	green	0.4	$q2" \
    "b3	green	green	0.6	$q3" >"$d/b.tsv"
{ cat "$d/a.tsv"; tail -n +2 "$d/b.tsv"; } >"$d/ab.tsv"
{ cat "$d/b.tsv"; tail -n +2 "$d/a.tsv"; } >"$d/ba.tsv"
glosy-report --partial "$d/a.tsv" >"$d/a.part" || exit 1
glosy-report --partial "$d/b.tsv" >"$d/b.part" || exit 1
glosy-report -o "$d/ab" "$d/ab.tsv" || exit 1
glosy-report -o "$d/ba" "$d/ba.tsv" || exit 1
glosy-report --merge -o "$d/m" "$d/a.part" "$d/b.part" || exit 1
diff "$d/ab/quotes.tsv" "$d/ba/quotes.tsv" && echo "row order: same quotes"
diff "$d/ab/quotes.tsv" "$d/m/quotes.tsv" && echo "merged: same quotes"
cat "$d/m/quotes.tsv"
grep '^quote' "$d/b.part"
