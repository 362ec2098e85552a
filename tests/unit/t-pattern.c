/*
 * t-pattern.c - unit tests of the pattern layer: the checks behind @check
 * (PESEL, NRB/IBAN mod 97, Polish phone numbers and amounts, NIP, REGON,
 * identity-card numbers), the loader's
 * FILE:LINE errors, and patterns_apply() with --keep, failed checks and a
 * match that gives up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "glosy.h"
#include "pattern.h"

static int
whole(int (*fn)(const char *, size_t, size_t, size_t), const char *s)
{
	return fn(s, strlen(s), 0, strlen(s));
}

/* Checks the match m inside the subject s. */
static int
phone_in(const char *s, const char *m)
{
	const char *p = strstr(s, m);

	return pattern_check_phone(s, strlen(s), (size_t)(p - s),
	    (size_t)(p - s) + strlen(m));
}

static void
test_checks(void)
{
	CHECK(whole(pattern_check_pesel, "44051401359"), "valid PESEL");
	CHECK(whole(pattern_check_pesel, "02270803624"), "valid PESEL 2000s");
	CHECK(!whole(pattern_check_pesel, "44051401358"), "wrong check digit");
	CHECK(!whole(pattern_check_pesel, "4405140135"), "10 digits");
	CHECK(whole(pattern_check_nrb, "61 1090 1014 0000 0712 1981 2874"),
	    "valid NRB with blanks");
	CHECK(whole(pattern_check_nrb, "PL61109010140000071219812874"),
	    "valid NRB with PL");
	CHECK(!whole(pattern_check_nrb, "61 1090 1014 0000 0712 1981 2875"),
	    "wrong NRB");
	CHECK(!whole(pattern_check_iban, "61109010140000071219812874"),
	    "iban wants the country letters");
	CHECK(whole(pattern_check_iban, "DE89 3704 0044 0532 0130 00"),
	    "valid German IBAN");
	CHECK(whole(pattern_check_iban, "GB82 WEST 1234 5698 7654 32"),
	    "valid British IBAN with letters");
	CHECK(!whole(pattern_check_iban, "GB82 WEST 1234 5698 7654 33"),
	    "wrong British IBAN");
	CHECK(!whole(pattern_check_iban, "DE89 3704"), "too short");
	CHECK(phone_in("tel 601 234 567", "601 234 567"), "mobile");
	CHECK(phone_in("tel +48 601 234 567", "+48 601 234 567"), "+48");
	CHECK(phone_in("tel 0048 22 123 45 67", "0048 22 123 45 67"),
	    "0048");
	CHECK(!phone_in("tel +49 601 234 567", "+49 601 234 567"),
	    "another country code");
	CHECK(!phone_in("012 345 678", "012 345 678"), "leading 0");
	CHECK(!phone_in("kosztuje 250 000 000 zł", "250 000 000"),
	    "amount in zł");
	CHECK(!phone_in("250 000 000 ZŁ", "250 000 000"), "amount in ZŁ");
	CHECK(!phone_in("250 000 000 złotych", "250 000 000"), "złotych");
	CHECK(!phone_in("250 000 000 tys.", "250 000 000"), "tys.");
	CHECK(!phone_in("250 000 000\xc2\xa0PLN", "250 000 000"),
	    "PLN after a no-break space");
	CHECK(!phone_in("1 250 000 000", "250 000 000"),
	    "continues a longer group");
	CHECK(!phone_in("250 000 000 000", "250 000 000"),
	    "followed by another group");
	CHECK(phone_in("601 234 567 602 345 678", "602 345 678") &&
	    phone_in("601 234 567 602 345 678", "601 234 567"),
	    "a list of two phone numbers");
	CHECK(!phone_in("1\xc2\xa0" "250\xc2\xa0" "000\xc2\xa0" "000",
	    "250\xc2\xa0" "000\xc2\xa0" "000"),
	    "groups joined by no-break spaces");
	CHECK(!phone_in("250 000 000\xe2\x80\x93" "300 000",
	    "250 000 000"), "groups joined by an en dash");
	CHECK(phone_in("601 234 567 zlecenie", "601 234 567"),
	    "a word that only starts like zl");
	CHECK(!phone_in("REGON: 123456786", "123456786") &&
	    !phone_in("regon nr 601234567", "601234567"),
	    "9 digits after the word REGON are no phone number");
	CHECK(phone_in("koregon 601234567", "601234567") &&
	    phone_in("nr 601234567", "601234567"),
	    "only the whole word REGON counts");
}

/* Checks the match m inside the subject s with fn. */
static int
check_in(int (*fn)(const char *, size_t, size_t, size_t), const char *s,
    const char *m)
{
	const char *p = strstr(s, m);

	return fn(s, strlen(s), (size_t)(p - s), (size_t)(p - s) + strlen(m));
}

static void
test_nip_regon_idcard(void)
{
	/* NIP: 1*6+2*5+3*7+4*2+5*3+6*4+3*5+2*6+1*7 = 118, 118 mod 11 = 8. */
	CHECK(whole(pattern_check_nip, "1234563218"), "valid NIP");
	CHECK(whole(pattern_check_nip, "123-456-32-18") &&
	    whole(pattern_check_nip, "123-45-63-218") &&
	    whole(pattern_check_nip, "PL 1234563218"),
	    "valid NIP with hyphens, with PL");
	CHECK(whole(pattern_check_nip, "5260250274"), "valid NIP 2");
	CHECK(!whole(pattern_check_nip, "1234563219"), "wrong NIP check digit");
	CHECK(!whole(pattern_check_nip, "1000000160") &&
	    !whole(pattern_check_nip, "1000000161"),
	    "a NIP whose sum mod 11 is 10 is never valid");
	CHECK(!whole(pattern_check_nip, "0000000000"), "leading 0");
	CHECK(!whole(pattern_check_nip, "123456321"), "9 digits");
	CHECK(!check_in(pattern_check_nip, "kosztuje 1234563218 zł",
	    "1234563218"), "an amount in zł");
	CHECK(!check_in(pattern_check_nip, "razem 1234563218,00", "1234563218"),
	    "an amount with a decimal part");
	CHECK(check_in(pattern_check_nip, "NIP: 1234563218, 5260250274",
	    "1234563218"), "a list of NIPs");

	/* REGON: 1*8+2*9+3*2+4*3+5*4+6*5+7*6+8*7 = 192, mod 11 = 5. */
	CHECK(whole(pattern_check_regon, "123456785"), "valid REGON");
	CHECK(!whole(pattern_check_regon, "123456786"), "wrong REGON");
	CHECK(whole(pattern_check_regon, "100000050") &&
	    !whole(pattern_check_regon, "100000051"),
	    "REGON sum mod 11 = 10 reads as check digit 0");
	CHECK(whole(pattern_check_regon, "12345678512347"),
	    "valid 14-digit REGON");
	CHECK(!whole(pattern_check_regon, "12345678512348"),
	    "wrong 14-digit REGON");
	CHECK(!whole(pattern_check_regon, "12345678610009"),
	    "14 digits whose 9-digit part fails");
	CHECK(!whole(pattern_check_regon, "000000000") &&
	    !whole(pattern_check_regon, "1234567851"), "zeros, 10 digits");
	CHECK(!check_in(pattern_check_regon, "12345678512347 PLN",
	    "12345678512347"), "an amount in PLN");

	/* ABA300000: 10*7+11*3+10*1+3*9 = 140, divisible by 10. */
	CHECK(whole(pattern_check_idcard, "ABA300000") &&
	    whole(pattern_check_idcard, "ABA 300000") &&
	    whole(pattern_check_idcard, "aba300000"), "valid identity card");
	CHECK(whole(pattern_check_idcard, "VBW001463"),
	    "valid identity card 2");
	CHECK(!whole(pattern_check_idcard, "ABA300001") &&
	    !whole(pattern_check_idcard, "ABA400000"), "wrong check digit");
	CHECK(!whole(pattern_check_idcard, "AB1300000") &&
	    !whole(pattern_check_idcard, "ABAB30000") &&
	    !whole(pattern_check_idcard, "ABA30000"),
	    "not 3 letters and 6 digits");
	CHECK(!whole(pattern_check_idcard, "PLN100000"),
	    "a currency code is no series");
	CHECK(!check_in(pattern_check_idcard, "ABA300000 zł", "ABA300000"),
	    "followed by an amount word");
}

static const char *
writefile(const char *text)
{
	static char path[64];
	FILE *fp;

	snprintf(path, sizeof(path), "/tmp/t-pattern.%ld", (long)getpid());
	if ((fp = fopen(path, "w")) == NULL)
		exit(2);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static int
load_error(const char *text, const char *want)
{
	struct patterns *p;
	const char *path = writefile(text);
	char err[256], full[300];

	p = patterns_load(path, err, sizeof(err));
	unlink(path);
	snprintf(full, sizeof(full), "%s:%s", path, want);
	if (p != NULL || strcmp(err, full) != 0) {
		printf("# got '%s', want '%s'\n", p ? "(loaded)" : err, full);
		patterns_free(p);
		return 0;
	}
	return 1;
}

static void
test_load(void)
{
	CHECK(load_error("# c\nx\t(a\n", "2: bad pattern: missing closing "
	    "parenthesis at offset 2 of '(a'"), "bad regex with its offset");
	CHECK(load_error("x a\n@check x luhn\n", "2: unknown check 'luhn'"),
	    "unknown check");
	CHECK(load_error("@check y pesel\nx a\n", "1: @check for kind 'y', "
	    "which has no patterns"), "@check of a kind without patterns");
	CHECK(load_error("@foo\n", "1: unknown directive '@foo'"),
	    "unknown directive");
	CHECK(load_error("X a\n", "1: bad kind 'X' (expected lowercase "
	    "letters and '_')"), "bad kind");
	CHECK(load_error("x\n", "1: missing pattern after kind 'x'"),
	    "missing pattern");
	CHECK(load_error("x a =>\n", "1: missing replacement after '=>'"),
	    "missing replacement");
	CHECK(load_error("@check x pesel\n@check x nrb\nx a\n", "2: second "
	    "@check for kind 'x' (the first is on line 1)"), "two @checks");
	patterns_free(NULL);
}

static void
test_apply(void)
{
	struct patterns *p;
	struct buf b = BUF_INIT;
	const char *errstr, *path, *s;
	char err[256];
	long n;

	path = writefile("num [0-9]{11}\n@check num pesel\n"
	    "word (?i)kot => <zwierzę>\nslow (?:a+)+$\n");
	p = patterns_load(path, err, sizeof(err));
	unlink(path);
	CHECK(p != NULL && patterns_count(p) == 3 && patterns_nkinds(p) == 3
	    && strcmp(patterns_kind(p, 1), "word") == 0, "load: %s",
	    p ? "ok" : err);
	if (p == NULL)
		return;
	s = "KOT 44051401359 44051401358";
	n = patterns_apply(p, &b, s, strlen(s), &errstr);
	CHECK(n == 2 && strcmp(b.data, "<zwierzę> <num> 44051401358") == 0,
	    "replacements and a failing check: %ld '%s'", n, b.data);
	CHECK(patterns_keep(p, "word") == 0 && patterns_keep(p, "no") == -1,
	    "patterns_keep");
	buf_reset(&b);
	n = patterns_apply(p, &b, s, strlen(s), &errstr);
	CHECK(n == 1 && strcmp(b.data, "KOT <num> 44051401358") == 0,
	    "a kept kind stays: '%s'", b.data);
	buf_reset(&b);
	buf_adds(&b, "before|");
	s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
	n = patterns_apply(p, &b, s, strlen(s), &errstr);
	CHECK(n == -1 && strcmp(b.data, "before|") == 0 && errstr != NULL &&
	    strstr(errstr, "pattern 'slow' at ") && strstr(errstr, ":4: "),
	    "a match that gives up fails the call: %s", errstr);
	patterns_free(p);
	buf_release(&b);
}

/* The prefilter must never skip a pattern that can match. */
static void
test_prefilter(void)
{
	struct patterns *p;
	struct buf b = BUF_INIT;
	const char *errstr, *path, *s;
	char err[256];
	long n;

	path = writefile("opt x-?y\nalt q|r@\ncls [@]z\nquant ab-{0,2}c\n"
	    "grp (?:k@)?m\nesc \\x{40}w\nbrace e\\p{L}\\.f\n"
	    "dig g[0-9]?h\n");
	p = patterns_load(path, err, sizeof(err));
	unlink(path);
	CHECK(p != NULL, "load: %s", p ? "ok" : err);
	if (p == NULL)
		return;
	s = "xy q @z abc m @w eg.f gh";
	n = patterns_apply(p, &b, s, strlen(s), &errstr);
	CHECK(n == 8 && strcmp(b.data, "<opt> <alt> <cls> <quant> <grp> "
	    "<esc> <brace> <dig>") == 0, "optional literals are not required: "
	    "%ld '%s'", n, b.data);
	patterns_free(p);
	buf_release(&b);
}

static void
test_lexicon(void)
{
	struct patterns *p;
	struct buf b = BUF_INIT;
	const char *errstr, *s;
	char err[512], *path;

	/* tests/run works in the top directory of the tree. */
	path = xstrdup("lexicons/pl/patterns");
	if (access(path, R_OK) != 0) {
		printf("skip the pl/patterns lexicon: not found\n");
		free(path);
		return;
	}
	p = patterns_load(path, err, sizeof(err));
	CHECK(p != NULL, "lexicons/pl/patterns loads: %s", p ? "" : err);
	if (p != NULL) {
		s = "Jan <jan@example.com> 601 234 567, PESEL 44051401359";
		patterns_apply(p, &b, s, strlen(s), &errstr);
		CHECK(strcmp(b.data, "Jan <<email>> <phone>, PESEL <pesel>")
		    == 0, "the lexicon redacts: '%s'", b.data);
		buf_reset(&b);
		s = "NIP 123-456-32-18, REGON 123456785, dowód ABA 300000, "
		    "tel. 601 234 567; nazywam się Jan Kowalski, pani Nowak";
		patterns_apply(p, &b, s, strlen(s), &errstr);
		CHECK(strcmp(b.data, "NIP <nip>, REGON <regon>, dowód "
		    "<idcard>, tel. <phone>; nazywam się <person>, pani "
		    "<person>") == 0, "the lexicon redacts the new kinds: '%s'",
		    b.data);
	}
	patterns_free(p);
	free(path);
	buf_release(&b);
}

int
main(void)
{
	test_checks();
	test_nip_regon_idcard();
	test_load();
	test_apply();
	test_prefilter();
	test_lexicon();
	return check_done();
}
