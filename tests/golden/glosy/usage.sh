# Usage errors exit 2 with one message and a hint.
. ./standins
cd "$d" || exit 99
./glosy; echo "exit $?"
./glosy frobnicate; echo "exit $?"
./glosy --bogus; echo "exit $?"
./glosy run --bogus; echo "exit $?"
./glosy run -j 0; echo "exit $?"
./glosy run -o '' in.tsv; echo "exit $?"
./glosy --version | sed 's/) .*/) VERSION/'
./glosy run --help >/dev/null; echo "exit $?"
