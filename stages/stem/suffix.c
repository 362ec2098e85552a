/*
 * suffix.c - the fallback of glosy-stem(1) for Polish words missing from
 * the dictionary (names, slang, typos), and the stemmer of Ukrainian
 * answers: strip one inflectional ending, so that the inflected forms of
 * one word share a stem; and guess the language of an answer for --lang
 * auto.
 */
#include <stddef.h>
#include <string.h>

#include "stem.h"

/*
 * Inflectional endings of nouns, adjectives and verbs; the longest that
 * matches is stripped.  Derivational suffixes (-owy, -ość, -anie) stay:
 * they make another word.
 */
static const char *const endings[] = {
	"ościami", "ościach",
	"iłyśmy", "iliśmy", "ałyśmy", "aliśmy",
	"iejszy", "iejsza", "iejsze",
	"ami", "ach", "ego", "emu",
	"ymi", "imi", "ych", "ich", "owi", "ów", "om", "iom", "iem", "ią",
	"ię", "ej", "ym", "im", "em", "ał", "ała", "ało", "ały", "ali",
	"ił", "iła", "iło", "iły", "ili", "ować", "ać", "ić", "eć",
	"yć", "ują", "uje", "ie", "ą", "ę", "a", "y", "i", "u", "e",
	"o", NULL
};

static size_t
utf8_count(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * Inflectional endings of Ukrainian nouns, adjectives and verbs (with the
 * reflexive -ся), for answers in Ukrainian, which libstemmer has no
 * algorithm for.  As above, derivational suffixes (-ння, -ість) stay, and
 * so do the shortest endings of the past tense (-в, -ла, -ло, -ли): taken
 * off, they would cut nouns (школа, село) to three letters.
 */
static const char *const uk_endings[] = {
	"ються", "уться", "ється", "иться", "іться", "аться", "яться",
	"ться", "тися", "вся", "лася", "лося", "лися",
	"ами", "ями", "ими", "іми", "ого", "ього", "ому", "ьому", "ові",
	"еві", "єві", "ою", "ею", "єю", "ьою", "ої", "ьої",
	"ах", "ях", "их", "іх", "ів", "їв", "ам", "ям", "ом", "ем", "єм",
	"им", "ім", "ий", "ій", "ей",
	"ати", "яти", "ити", "іти", "уть", "ють", "ать",
	"ять", "ить", "іть", "їть", "емо", "ємо", "имо", "їмо", "ете",
	"єте", "ите", "їте", "еш", "єш", "иш", "їш",
	"ала", "ало", "али", "ила", "ило", "или",
	"а", "я", "у", "ю", "і", "ї", "и", "е", "є", "о", "ь", NULL
};

/* The length of w minus the longest of the endings e (lengths elen, 0
 * until computed) that leaves at least three letters. */
static size_t
strip_len(const char *w, size_t len, const char *const *e, size_t *elen)
{
	size_t i, n, best = 0;

	if (elen[0] == 0)
		for (i = 0; e[i] != NULL; i++)
			elen[i] = strlen(e[i]);
	for (i = 0; e[i] != NULL; i++) {
		n = elen[i];
		if (n <= best || n >= len)
			continue;
		if (memcmp(w + len - n, e[i], n) != 0)
			continue;
		if (utf8_count(w, len - n) < 3)
			continue;
		best = n;
	}
	return len - best;
}

size_t
plstem_len(const char *w, size_t len)
{
	static size_t elen[sizeof(endings) / sizeof(endings[0])];

	return strip_len(w, len, endings, elen);
}

size_t
ukstem_len(const char *w, size_t len)
{
	static size_t elen[sizeof(uk_endings) / sizeof(uk_endings[0])];

	return strip_len(w, len, uk_endings, elen);
}

#define W(s)	{ s, sizeof(s) - 1 }

struct word {
	const char	*s;
	size_t		 len;
};

/* Sorted by length, so that the search stops at longer words. */
static const struct word en_words[] = {
	W("a"), W("i"),
	W("an"), W("as"), W("at"), W("be"), W("by"), W("do"), W("if"),
	W("in"), W("is"), W("it"), W("my"), W("no"), W("of"), W("on"),
	W("or"), W("so"), W("to"), W("we"),
	W("all"), W("and"), W("are"), W("but"), W("can"), W("for"),
	W("has"), W("its"), W("not"), W("our"), W("the"), W("too"),
	W("was"), W("you"),
	W("also"), W("from"), W("have"), W("more"), W("that"), W("this"),
	W("very"), W("were"), W("what"), W("will"), W("with"),
	W("about"), W("could"), W("their"), W("there"), W("these"),
	W("which"), W("would"),
	W("should"),
	W("because")
};

#define EN_MAXLEN	7

int
lang_en_stopword(const char *w, size_t len)
{
	/* first[k]: the index of the first word of length k or more. */
	static size_t first[EN_MAXLEN + 2];
	static int ready;
	size_t i, n = sizeof(en_words) / sizeof(en_words[0]);

	if (!ready) {
		for (i = n; i-- > 0;)
			first[en_words[i].len] = i;
		first[EN_MAXLEN + 1] = n;
		for (i = EN_MAXLEN; i > 0; i--)
			if (first[i] == 0 && en_words[0].len != i)
				first[i] = first[i + 1];
		ready = 1;
	}
	if (len == 0 || len > EN_MAXLEN)
		return 0;
	for (i = first[len]; i < n && en_words[i].len == len; i++)
		if (en_words[i].s[0] == w[0] &&
		    memcmp(en_words[i].s, w, len) == 0)
			return 1;
	return 0;
}

/*
 * Frequent words of Ukrainian that Russian does not use, and of Russian
 * that Ukrainian does not, for answers without a letter only one of them
 * has ("доступне житло бо оренда дуже дорога").
 */
static const struct word uk_only[] = {
	W("бо"), W("дуже"), W("що"), W("щоб"), W("як"), W("це"), W("але"),
	W("або"), W("також"), W("теж"), W("треба"), W("ще"), W("вже"),
	W("де"), W("коли"), { NULL, 0 }
};
static const struct word ru_only[] = {
	W("и"), W("что"), W("чтобы"), W("как"), W("но"), W("или"),
	W("также"), W("тоже"), W("нужно"), W("надо"), W("больше"),
	W("меньше"), W("нет"), W("еще"), W("здесь"), W("где"), W("когда"),
	W("очень"), W("город"), { NULL, 0 }
};

static int
is_word(const struct word *list, const char *w, size_t len)
{
	size_t i;

	for (i = 0; list[i].s != NULL; i++)
		if (list[i].len == len && memcmp(list[i].s, w, len) == 0)
			return 1;
	return 0;
}

/* Decodes the code point at s (valid UTF-8 assumed); sets *n to its size. */
static unsigned long
cp_at(const unsigned char *s, size_t left, size_t *n)
{
	if (s[0] < 0x80 || left < 2) {
		*n = 1;
		return s[0];
	}
	if (s[0] < 0xe0) {
		*n = 2;
		return (unsigned long)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	}
	if (s[0] < 0xf0 && left >= 3) {
		*n = 3;
		return (unsigned long)(s[0] & 0x0f) << 12 |
		    (unsigned long)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	}
	*n = left < 4 ? left : 4;
	return 0x10000;
}

enum lang
lang_guess(const char *const *w, const size_t *len, size_t n,
    int (*ispl)(const char *, size_t, void *), void *arg)
{
	size_t i, j, k, latin = 0, cyr = 0, uk = 0, ru = 0, en = 0, pl = 0;
	unsigned long c;

	for (i = 0; i < n; i++) {
		for (j = 0; j < len[i]; j += k) {
			/* ASCII, most of the text, is a letter or not. */
			if ((unsigned char)w[i][j] < 0x80) {
				if (w[i][j] >= 'a' && w[i][j] <= 'z')
					latin++;
				k = 1;
				continue;
			}
			c = cp_at((const unsigned char *)w[i] + j, len[i] - j,
			    &k);
			if (c >= 0xc0 && c < 0x250)
				latin++;
			else if (c >= 0x400 && c < 0x530)
				cyr++;
			/* і ї є ґ are Ukrainian, ы э ъ ё Russian. */
			if (c == 0x456 || c == 0x457 || c == 0x454 ||
			    c == 0x491)
				uk++;
			if (c == 0x44b || c == 0x44d || c == 0x44a ||
			    c == 0x451)
				ru++;
			if (c == 0x105 || c == 0x107 || c == 0x119 ||
			    c == 0x142 || c == 0x144 || c == 0xf3 ||
			    c == 0x15b || c == 0x17a || c == 0x17c)
				pl++;
		}
		if (lang_en_stopword(w[i], len[i]))
			en++;
		if (ispl(w[i], len[i], arg))
			pl++;
	}
	if (cyr > latin) {
		/* Without a letter of one or the other, their frequent
		 * words that the other does not use decide. */
		if (uk == ru)
			for (i = 0; i < n; i++) {
				uk += is_word(uk_only, w[i], len[i]);
				ru += is_word(ru_only, w[i], len[i]);
			}
		return uk > ru ? LANG_UK : LANG_RU;
	}
	/* "a", "i" and "to" are words in both languages; one function word
	 * more than the Polish evidence decides. */
	if (en > pl)
		return LANG_EN;
	return LANG_PL;
}
