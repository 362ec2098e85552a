/*
 * stem.h - private helpers of glosy-stem(1): the suffix strippers for the
 * Polish words the dictionary does not know and for Ukrainian answers, and
 * language guessing for --lang auto.
 */
#ifndef GLOSY_STEM_H
#define GLOSY_STEM_H

#include <stddef.h>

/*
 * Returns the length of the stem of the folded Polish word w[0..len): the
 * word minus its longest inflectional ending that leaves at least three
 * letters, so "hulajnogami" and "hulajnoga" both give "hulajnog".
 */
size_t	 plstem_len(const char *w, size_t len);
/* The same for a folded Ukrainian word: "дитячих" and "дитячий" give
 * "дитяч". */
size_t	 ukstem_len(const char *w, size_t len);

enum lang {
	LANG_PL,
	LANG_EN,
	LANG_RU,
	LANG_UK,
	LANG_OTHER	/* a Snowball language chosen with --lang */
};

/* Is w[0..len) one of the built-in English function words? */
int	 lang_en_stopword(const char *w, size_t len);
/*
 * Guesses the language of one answer from its folded tokens (w[i], n of
 * them): Cyrillic script gives Russian or Ukrainian (by letters only one of
 * them has, else by frequent words only one of them uses, else Russian),
 * Latin script gives English when English function words
 * outnumber Polish evidence (Polish letters, Polish function words).
 * ispl(w, len, arg) says whether a token is a Polish function word.
 */
enum lang lang_guess(const char *const *w, const size_t *len, size_t n,
	    int (*ispl)(const char *, size_t, void *), void *arg);

#endif
