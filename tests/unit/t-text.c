/*
 * t-text.c - unit tests of the text layer's normalizer and tokenizer: the
 * ASCII table of the cleanup pass agrees with ICU, text_norm() agrees with
 * text_fold() where no cleanup applies, is idempotent and gives NFC, and
 * the tokenizer keeps its promises on placeholders, hyphens and long
 * tokens.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "check.h"
#include "glosy.h"

static char *
norm(struct text_norm *tn, const char *s)
{
	static struct buf b = BUF_INIT;

	buf_reset(&b);
	if (text_norm(tn, &b, s, strlen(s)) < 0)
		return "(error)";
	return b.data;
}

static void
test_ascii_table(struct text_norm *tn)
{
	char in[8], want[8];
	int c, bad = 0;

	/* "x" c c "y" for every ASCII character, predicted from ICU. */
	for (c = 1; c < 128; c++) {
		snprintf(in, sizeof(in), "x%c%cy", c, c);
		if (u_isUWhiteSpace(c))
			strcpy(want, "x y");
		else if (u_charType(c) == U_CONTROL_CHAR)
			strcpy(want, "xy");
		else if (c == '.')
			strcpy(want, "x..y");	/* only 3+ are cut */
		else if (u_ispunct(c))
			snprintf(want, sizeof(want), "x%cy", c);
		else
			snprintf(want, sizeof(want), "x%c%cy",
			    (int)u_foldCase(c, U_FOLD_CASE_DEFAULT),
			    (int)u_foldCase(c, U_FOLD_CASE_DEFAULT));
		if (strcmp(norm(tn, in), want) != 0) {
			printf("# ASCII %d: got '%s', want '%s'\n", c,
			    norm(tn, in), want);
			bad++;
		}
	}
	CHECK(bad == 0, "the ASCII table agrees with ICU for all 127 "
	    "characters");
}

/* The premises of the text layer's shortcuts past ICU. */
static void
test_premises(void)
{
	UChar32 c;
	int ok = 1;

	for (c = 0; c < 0x300; c++)
		if (u_getCombiningClass(c) != 0 || u_getIntPropertyValue(c,
		    UCHAR_NFC_QUICK_CHECK) != UNORM_YES)
			ok = 0;
	CHECK(ok, "below U+0300: combining class 0 and NFC_QC=Yes");
	for (ok = 1, c = 0xC0; c < 0x180; c++)
		if (!u_isalpha(c) && c != 0xD7 && c != 0xF7)
			ok = 0;
	CHECK(ok, "U+00C0-U+017F are letters but for U+00D7 and U+00F7");
	CHECK(u_charType(0xD7) == U_MATH_SYMBOL && u_charType(0xF7) ==
	    U_MATH_SYMBOL, "U+00D7 and U+00F7 are kept as symbols");
}

static void
test_norm(void)
{
	static const char *const same[] = {
		"ŻÓŁW ŹDŹBŁO GĘŚLĄ JAŹŃ", "Straße", "İstanbul ΣΊΣΥΦΟΣ",
		"Zo\xcc\x81\xc5\x82w", "ǅ ǈ Ω K Å", "plain ascii TEXT", NULL
	};
	static const char *const samples[] = {
		"„Zielone” – miasto… !!!", "  a\t\tb  ", "Suuuper ŁŁŁ",
		"ﬁ Ｗ ① \xe2\x80\x8b\xc2\xad", "e\xcc\x81\xcc\xa7 q\xcc\x87\xcc\xa3",
		"....!!!???", "\xe1\x84\x80\xe1\x84\x80\xe1\x84\x80\xe1\x85\xa1",
		"", NULL
	};
	struct text_norm *tn, *sq, *kc;
	struct buf a = BUF_INIT, b = BUF_INIT;
	int i, ok;

	tn = text_norm_new(0);
	sq = text_norm_new(TEXT_SQUEEZE);
	kc = text_norm_new(TEXT_NFKC);
	test_ascii_table(tn);
	for (ok = 1, i = 0; same[i] != NULL; i++) {
		buf_reset(&a);
		text_fold(&a, same[i], strlen(same[i]));
		if (strcmp(a.data, norm(tn, same[i])) != 0) {
			printf("# %s: fold '%s', norm '%s'\n", same[i], a.data,
			    norm(tn, same[i]));
			ok = 0;
		}
	}
	CHECK(ok, "text_norm folds and composes like text_fold");
	CHECK(strcmp(norm(tn, "ŻÓŁW"), "żółw") == 0, "ŻÓŁW -> żółw");
	CHECK(strcmp(norm(tn, "Zo\xcc\x81\xc5\x82w"), "zółw") == 0,
	    "decomposed ó is composed");
	CHECK(strcmp(norm(tn, "tak…. nie.. hm......"),
	    "tak... nie.. hm...") == 0, "full-stop runs: '%s'",
	    norm(tn, "tak…. nie.. hm......"));
	CHECK(strcmp(norm(sq, "Suuuper ŁŁŁadnie zz"), "super ładnie zz") == 0,
	    "squeeze: '%s'", norm(sq, "Suuuper ŁŁŁadnie zz"));
	CHECK(strcmp(norm(kc, "ﬁ Ｗ ①！！"), "fi w 1!") == 0,
	    "NFKC: '%s'", norm(kc, "ﬁ Ｗ ①！！"));
	for (ok = 1, i = 0; samples[i] != NULL; i++) {
		struct text_norm *t3[3] = { tn, sq, kc };
		int k;

		for (k = 0; k < 3; k++) {
			buf_reset(&a);
			buf_reset(&b);
			text_norm(t3[k], &a, samples[i], strlen(samples[i]));
			text_norm(t3[k], &b, a.data, a.len);
			if (strcmp(a.data, b.data) != 0) {
				printf("# not idempotent (%d): '%s' -> '%s' "
				    "-> '%s'\n", k, samples[i], a.data,
				    b.data);
				ok = 0;
			}
			/* NFC and folded: folding again changes nothing. */
			buf_reset(&b);
			text_fold(&b, a.data, a.len);
			if (strcmp(a.data, b.data) != 0) {
				printf("# not NFC/folded (%d): '%s' -> '%s' "
				    "vs '%s'\n", k, samples[i], a.data,
				    b.data);
				ok = 0;
			}
		}
	}
	CHECK(ok, "text_norm is idempotent and its output is NFC and folded");
	buf_release(&a);
	buf_release(&b);
	text_norm_free(tn);
	text_norm_free(sq);
	text_norm_free(kc);
	text_norm_free(NULL);
}

static const char *
tok(struct text_tokenizer *tk, const char *s, long *ncut)
{
	static struct buf b = BUF_INIT;

	buf_reset(&b);
	*ncut = text_tokenize(tk, &b, s, strlen(s));
	return b.data;
}

static void
test_tokenize(void)
{
	struct text_tokenizer *tk, *plain;
	char err[128], longw[600];
	long n;

	tk = text_tokenizer_new(0, err, sizeof(err));
	plain = text_tokenizer_new(TEXT_NO_NUMBERS | TEXT_NO_EMOJI, err,
	    sizeof(err));
	CHECK(tk != NULL && plain != NULL, "text_tokenizer_new");
	CHECK(strcmp(tok(tk, "biało-czerwony, rock'n'roll!", &n),
	    "biało-czerwony rock'n'roll") == 0 && n == 0,
	    "hyphens and apostrophes stay inside words");
	CHECK(strcmp(tok(tk, "pisz:<email>,(<phone>)", &n),
	    "pisz <email> <phone>") == 0, "placeholders are tokens");
	CHECK(strcmp(tok(tk, "500+ 🌳🌳 🇵🇱", &n), "500+ 🌳 🌳 🇵🇱") == 0,
	    "numbers with + and emoji: '%s'", tok(tk, "500+ 🌳🌳 🇵🇱", &n));
	CHECK(strcmp(tok(plain, "500+ drzewa 🌳 2030", &n), "drzewa") == 0,
	    "--no-numbers --no-emoji");
	CHECK(strcmp(tok(tk, "", &n), "") == 0 && n == 0, "empty text");
	memset(longw, 'a', 300);
	strcpy(longw + 300, " b");
	CHECK(strlen(tok(tk, longw, &n)) == 257 && n == 1,
	    "a 300-byte word is cut to 255 bytes");
	memset(longw, 0, sizeof(longw));
	for (int i = 0; i < 150; i++)
		strcat(longw, "ż");
	tok(tk, longw, &n);
	CHECK(n == 1 && strlen(tok(tk, longw, &n)) == 254,
	    "cut at a character boundary");
	text_tokenizer_free(tk);
	text_tokenizer_free(plain);
	text_tokenizer_free(NULL);
}

int
main(void)
{
	test_premises();
	test_norm();
	test_tokenize();
	return check_done();
}
