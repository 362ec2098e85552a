/*
 * t-lib.c - unit tests of the buffer, string table, number parsing, random
 * generator, lexicon reader and text folding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "glosy.h"

static void
test_buf(void)
{
	struct buf b = BUF_INIT;
	char *s;
	size_t n;
	int i;

	CHECK(b.data != NULL && b.len == 0 && b.data[0] == '\0',
	    "an empty buffer is an empty string");
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	CHECK(b.len == strlen(b.data) && strncmp(b.data, "0,1,2,", 6) == 0,
	    "buf_printf appends");
	s = buf_detach(&b, &n);
	CHECK(n == strlen(s) && b.len == 0 && b.data[0] == '\0',
	    "buf_detach hands over the string and empties the buffer");
	free(s);
	buf_release(&b);
}

static void
test_strtab(void)
{
	struct strtab t = STRTAB_INIT;
	char key[32];
	int isnew, ok = 1;
	size_t i;

	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		ok &= strtab_intern(&t, key, strlen(key), &isnew) == i && isnew;
	}
	CHECK(ok && t.n == 10000, "ids follow insertion order");
	CHECK(strtab_intern(&t, "k42", 3, &isnew) == 42 && !isnew,
	    "interning twice gives the same id");
	CHECK(strtab_find(&t, "k9999", 5) == 9999 &&
	    strtab_find(&t, "zz", 2) == -1, "find");
	strtab_release(&t);
}

static void
test_numbers(void)
{
	const char *e;

	CHECK(glosy_strtonum("42", 1, 100, &e) == 42 && e == NULL, "strtonum");
	glosy_strtonum("0", 1, 100, &e);
	CHECK(e && strcmp(e, "too small") == 0, "strtonum too small");
	glosy_strtonum("4x", 1, 100, &e);
	CHECK(e && strcmp(e, "invalid") == 0, "strtonum invalid");
	CHECK(glosy_strtod("0.5", 0, 1, &e) == 0.5 && e == NULL, "strtod");
	glosy_strtod("0,5", 0, 1, &e);
	CHECK(e != NULL, "strtod rejects a decimal comma");
}

static void
test_rng(void)
{
	struct rng a, b;
	int i, same = 1;

	rng_seed(&a, 7);
	rng_seed(&b, 7);
	for (i = 0; i < 100; i++)
		same &= rng_next(&a) == rng_next(&b);
	CHECK(same, "the same seed gives the same sequence");
	rng_seed(&a, 1);
	CHECK(rng_next(&a) == 0xb3f2af6d0fc710c5ULL,
	    "the sequence is fixed across machines");
}

static void
test_lexicon_and_fold(void)
{
	char path[] = "/tmp/t-lib.XXXXXX";
	const char *text = "\xef\xbb\xbf# comment\n"
	    "\n"
	    "  ŻÓŁW  Straße # trailing\n"
	    "c#sharp\n"
	    "bad \xff\n";
	struct lexicon lx;
	struct buf b = BUF_INIT;
	FILE *fp;
	int fd;

	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		exit(2);
	fputs(text, fp);
	fclose(fp);
	CHECK(lexicon_open(&lx, path, 0) == 0, "lexicon_open");
	CHECK(lexicon_next(&lx) == 1 && lx.lineno == 3 && lx.nf == 2 &&
	    strcmp(lx.f[0], "żółw") == 0 && strcmp(lx.f[1], "strasse") == 0,
	    "comments go, fields are split and folded");
	CHECK(lexicon_next(&lx) == 1 && lx.nf == 1 &&
	    strcmp(lx.f[0], "c#sharp") == 0,
	    "'#' inside a word is not a comment");
	CHECK(lexicon_next(&lx) == -1 && strstr(lx.err, ":5: invalid UTF-8"),
	    "invalid UTF-8 is reported as file:line");
	lexicon_close(&lx);
	unlink(path);
	text_fold(&b, "ΣΊΣΥΦΟΣ İ", strlen("ΣΊΣΥΦΟΣ İ"));
	CHECK(strcmp(b.data, "σίσυφοσ i̇") == 0, "full case folding: %s",
	    b.data);
	CHECK(text_invalid("ok\xc3", 3) == 2 && text_invalid("żółw", 7) ==
	    (size_t)-1, "text_invalid finds the bad offset");
	buf_release(&b);
}

int
main(void)
{
	test_buf();
	test_strtab();
	test_numbers();
	test_rng();
	test_lexicon_and_fold();
	return check_done();
}
