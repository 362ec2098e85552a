#!/bin/sh
# report-html.sh - the HTML report renders in headless Chromium: the
# rendered DOM holds the theme names and counts, the chart has accessible
# titles, and the page loads nothing from outside.
top=${GLOSY_TOP:?}
golden=$top/tests/golden/report
chrome=
for c in chromium chromium-browser google-chrome; do
	command -v "$c" >/dev/null 2>&1 && { chrome=$c; break; }
done
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
if ! glosy-report -m "$golden/tiny-model.tsv" -b district -c 3 -k 2 \
    -f html -o "$d/en" "$golden/tiny.tsv" ||
    ! glosy-report -m "$golden/tiny-model.tsv" -l pl -b district -c 3 \
    -f html -o "$d/pl" "$golden/tiny.tsv"; then
	echo "not ok report-html: glosy-report failed"
	exit 0
fi

# Static checks that need no browser.
if grep -Ei '<(script|link|img|iframe)|src=|url\(|@import|https?:' \
    "$d/en/index.html" | grep -v '<svg xmlns="http://www.w3.org/2000/svg"' |
    grep -q .; then
	echo "not ok html page refers to external resources"
else
	echo "ok html page is self-contained"
fi
grep -q '<svg[^>]*role="img"[^>]*aria-labelledby=' "$d/en/index.html" &&
    grep -q '<title>Green areas: 50.0% (95%: 23.7' "$d/en/index.html" &&
	echo "ok svg chart has a title and per-bar titles" ||
	echo "not ok svg chart lacks titles"
grep -q '<th scope="col"' "$d/en/index.html" &&
    grep -q '<th scope="row"' "$d/en/index.html" &&
	echo "ok tables have header cells with scope" ||
	echo "not ok tables lack scoped header cells"
grep -q '@media print' "$d/en/index.html" &&
	echo "ok page has print styles" || echo "not ok no print styles"
grep -q 'Schools &lt;&amp; &quot;kids&quot;&gt;' "$d/en/index.html" &&
    ! grep -q 'Schools <&' "$d/en/index.html" &&
	echo "ok labels are HTML-escaped" || echo "not ok label not escaped"

if [ -z "$chrome" ]; then
	echo "skip report-html rendering: chromium is not installed"
	exit 0
fi
render() {
	# $1: page, $2: output
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$(mktemp -d "$d/profile.XXXXXX")" \
	    --dump-dom "file://$1" >"$2" 2>"$d/chrome.err"
}
if ! render "$d/en/index.html" "$d/en.dom" || [ ! -s "$d/en.dom" ]; then
	echo "not ok chromium renders the page: $(tail -2 "$d/chrome.err")"
	exit 0
fi
echo "ok chromium renders the page"
# The DOM text, tags stripped, must show each theme with its count.
sed 's/<[^>]*>/|/g' "$d/en.dom" >"$d/en.txt"
bad=
for row in '|Green areas||codebook||5||50.0%||' \
    '|Public transport||codebook||4||40.0%||' \
    '|Cycling||codebook||3||30.0%||' \
    '|No content||no content||1||10.0%||'; do
	grep -qF "$row" "$d/en.txt" || bad="$bad $row"
done
[ -z "$bad" ] && echo "ok rendered page shows every theme with its count" ||
	echo "not ok rendered page lacks:$bad"
grep -qF 'Themes by district' "$d/en.txt" &&
    grep -qF 'Representative answers' "$d/en.txt" &&
	echo "ok rendered page has the cross-tab and quotes sections" ||
	echo "not ok rendered page lacks sections"
grep -q 'jan.kowalski' "$d/en.dom" &&
	echo "not ok an e-mail address reached the page" ||
	echo "ok no personal data on the page"
if render "$d/pl/index.html" "$d/pl.dom" &&
    grep -qF 'Zieleń' "$d/pl.dom" && grep -qF 'Komunikacja publiczna' \
    "$d/pl.dom" && grep -qF '50,0%' "$d/pl.dom" &&
    grep -qF 'lang="pl"' "$d/pl.dom"; then
	echo "ok Polish page renders with Polish labels and decimal commas"
else
	echo "not ok Polish page"
fi
