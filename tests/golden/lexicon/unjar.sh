# extract a stored and a deflated member; a missing member is an error
glosy-lexicon unjar data/tiny.jar a/stored.txt unjar.tmp && cat unjar.tmp
glosy-lexicon unjar data/tiny.jar a/deflated.txt unjar.tmp && cat unjar.tmp
glosy-lexicon unjar data/tiny.jar a/none.txt unjar.tmp
echo "exit $?"
glosy-lexicon unjar data/words.txt a/none.txt unjar.tmp
echo "exit $?"
rm -f unjar.tmp
