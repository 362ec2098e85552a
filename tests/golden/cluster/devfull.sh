# a full disk is a write error, exit 1
glosy-cluster -n nocontent.txt answers.tsv >/dev/full
echo "exit $?"
