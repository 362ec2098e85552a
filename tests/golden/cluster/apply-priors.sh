# --apply takes the priors of the fit from the theme table (its alpha and
# beta columns), so a table fitted with --beta 0.5 assigns as --beta 0.5 does;
# given options override the table; a table without the columns (older
# glosy) means the defaults; a bad value is an error naming FILE:LINE.
m=${TMPDIR:-/tmp}/cl-priors.$$
trap 'rm -f "$m" "$m".*' EXIT
glosy-cluster -n nocontent.txt -q -k 3 --beta 0.5 --alpha 0.5 -m "$m" \
    answers.tsv >/dev/null || exit 1
cut -f 12,13 "$m" | sort -u
glosy-cluster -n nocontent.txt -a "$m" answers.tsv | cut -f 1,5,6 >"$m.own"
glosy-cluster -n nocontent.txt -a "$m" --beta 0.5 --alpha 0.5 answers.tsv |
    cut -f 1,5,6 >"$m.given"
glosy-cluster -n nocontent.txt -a "$m" --beta 0.1 --alpha 0.1 answers.tsv |
    cut -f 1,5,6 >"$m.default"
cut -f 1-11 "$m" >"$m.old"
glosy-cluster -n nocontent.txt -a "$m.old" answers.tsv | cut -f 1,5,6 \
    >"$m.olddefault"
cmp -s "$m.own" "$m.given" && echo "the table's priors are those of the fit"
cmp -s "$m.default" "$m.olddefault" &&
    echo "a table without priors means the defaults"
cmp -s "$m.own" "$m.default" || echo "and the priors change theme_p"
sed '2s/\t0.5$/\tmuch/' "$m" >"$m.bad"
glosy-cluster -n nocontent.txt -a "$m.bad" answers.tsv 2>&1 >/dev/null |
    sed "s|$m|TABLE|"
