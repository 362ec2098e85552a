# --apply with the saved table (and the codebook, for seed evidence) keeps
# the ids; here it gives the fit's themes
m=${TMPDIR:-/tmp}/cl-apply.$$
glosy-cluster -C themes.cb -n nocontent.txt -q -m "$m" answers.tsv >"$m.fit" &&
glosy-cluster -C themes.cb -n nocontent.txt -q -a "$m" answers.tsv >"$m.apply" &&
cut -f1,4,5 "$m.fit" >"$m.a" && cut -f1,4,5 "$m.apply" >"$m.b" &&
cmp "$m.a" "$m.b" && echo "apply: same themes as the fit on this input"
printf 'id\tterms\nw1\tdziura chodnik\nw2\tnowy_lemat\nw3\tnic\n' |
glosy-cluster -n nocontent.txt -a "$m" | cut -f1,3
rm -f "$m" "$m.fit" "$m.apply" "$m.a" "$m.b"
