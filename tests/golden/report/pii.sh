# Quotes holding personal data are never shown: e-mail, @handle, URL,
# domain, phone, PESEL, account number, 9+ digits even as an amount,
# postal code (any dash), street or square with a number.  Clean ones,
# a street named without a number among them, are shown.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
glosy-report -o "$d" pii.in || exit 1
cat "$d/quotes.tsv"
