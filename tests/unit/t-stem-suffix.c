/*
 * t-stem-suffix.c - the private helpers of glosy-stem(1) in
 * stages/stem/suffix.c: the English function words (looked up by length),
 * the suffix stripper and the language guess of --lang auto.
 */
#include <string.h>

#include "check.h"
#include "../../stages/stem/stem.h"
#include "../../stages/stem/suffix.c"

static int
nopl(const char *w, size_t len, void *arg)
{
	return 0;
}

/* Polish function words of the tests below. */
static int
somepl(const char *w, size_t len, void *arg)
{
	return (len == 1 && strchr("aiwz", w[0]) != NULL) ||
	    (len == 3 && memcmp(w, "nie", 3) == 0);
}

static enum lang
guess(const char *s, int (*ispl)(const char *, size_t, void *))
{
	const char *w[32];
	size_t len[32], n = 0;
	const char *p = s, *e = s + strlen(s);

	while (p < e && n < 32) {
		while (p < e && *p == ' ')
			p++;
		if (p == e)
			break;
		w[n] = p;
		while (p < e && *p != ' ')
			p++;
		len[n] = (size_t)(p - w[n]);
		n++;
	}
	return lang_guess(w, len, n, ispl, NULL);
}

int
main(void)
{
	static const char *const en[] = {
		"a", "about", "all", "also", "an", "and", "are", "as", "at",
		"be", "because", "but", "by", "can", "could", "do", "for",
		"from", "has", "have", "i", "if", "in", "is", "it", "its",
		"more", "my", "no", "not", "of", "on", "or", "our", "should",
		"so", "that", "the", "their", "there", "these", "this", "to",
		"too", "very", "was", "we", "were", "what", "which", "will",
		"with", "would", "you"
	};
	static const char *const noten[] = {
		"", "x", "ab", "they", "becausez", "shoulda", "wee", "abut",
		"The", "ANd", "i\xc5\x82", "w", "nie", "because "
	};
	size_t i, k;
	int bad;

	for (i = 0, bad = 0; i < sizeof(en) / sizeof(en[0]); i++)
		if (!lang_en_stopword(en[i], strlen(en[i])))
			bad++;
	CHECK(bad == 0, "all %zu English function words are found",
	    sizeof(en) / sizeof(en[0]));
	for (i = 0, bad = 0; i < sizeof(noten) / sizeof(noten[0]); i++)
		if (lang_en_stopword(noten[i], strlen(noten[i])))
			bad++;
	CHECK(bad == 0, "no other word is an English function word");
	/* A function word with a letter more is none. */
	for (i = 0, bad = 0; i < sizeof(en) / sizeof(en[0]); i++) {
		char w[16];

		k = strlen(en[i]);
		memcpy(w, en[i], k);
		w[k] = 'q';
		bad += lang_en_stopword(w, k + 1);
	}
	CHECK(bad == 0, "a function word and a letter is none");

	CHECK(plstem_len("hulajnogami", 11) == 8 &&
	    plstem_len("hulajnoga", 9) == 8, "hulajnogami, hulajnoga -> "
	    "hulajnog");
	CHECK(plstem_len("las", 3) == 3, "a short word keeps its ending");
	CHECK(plstem_len("fejsbukiem", 10) == 7, "fejsbukiem -> fejsbuk");
	CHECK(plstem_len("mieszka\xc5\x84" "cami", 13) ==
	    strlen("mieszka\xc5\x84" "c"), "-ami after a Polish letter");

	CHECK(guess("more trees in the park", nopl) == LANG_EN,
	    "English by its function words");
	CHECK(guess("wi\xc4\x99" "cej drzew w parku", somepl) == LANG_PL,
	    "Polish by its letters and function words");
	CHECK(guess("i a", somepl) == LANG_PL,
	    "a tie of function words is Polish");
	CHECK(guess("\xd0\xb1\xd1\x96\xd0\xbb\xd1\x8c\xd1\x88\xd0\xb5 "
	    "\xd0\xba\xd1\x83\xd1\x80\xd1\x81\xd1\x96\xd0\xb2", nopl) ==
	    LANG_UK, "Cyrillic with \xd1\x96 is Ukrainian");
	CHECK(guess("\xd0\xb1\xd0\xbe\xd0\xbb\xd1\x8c\xd1\x88\xd0\xb5 "
	    "\xd0\xbc\xd1\x8b", nopl) == LANG_RU,
	    "Cyrillic with \xd1\x8b is Russian");
	CHECK(guess("доступне житло бо оренда дуже дорога", nopl) ==
	    LANG_UK, "without such letters, бо and дуже make it Ukrainian");
	CHECK(guess("нужно больше парков", nopl) == LANG_RU,
	    "without such letters, нужно and больше make it Russian");
	CHECK(guess("автобус", nopl) == LANG_RU,
	    "no evidence either way: Russian, as before");
	CHECK(guess("", nopl) == LANG_PL, "no tokens: Polish");
	return check_done();
}
