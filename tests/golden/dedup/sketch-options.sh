# A sketch made with other options (another seed, column or --words) is
# not used: one warning, and the signatures are computed as without it.
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
glosy-dedup near.in >"$t/plain" || exit 1
glosy-dedup --sketch --seed 7 near.in | glosy-dedup | cmp - "$t/plain" &&
    echo same
glosy-dedup --sketch --words near.in | glosy-dedup | cmp - "$t/plain" &&
    echo same
