# --model: the theme table of the guided run
glosy-cluster -C themes.cb -n nocontent.txt -q -m "${TMPDIR:-/tmp}/cl-model.$$" answers.tsv >/dev/null &&
cat "${TMPDIR:-/tmp}/cl-model.$$"
rm -f "${TMPDIR:-/tmp}/cl-model.$$"
