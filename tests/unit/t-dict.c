/*
 * t-dict.c - unit tests of the morfologik dictionary reader: a tiny
 * automaton built here byte by byte, its truncations and corruptions, and
 * (when make has built it) the real Polish dictionary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "glosy.h"
#include "dict.h"

static char dir[] = "/tmp/t-dict.XXXXXX";
static char dpath[256], ipath[256];

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(p, 1, n, fp) != n || fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
}

static void
write_info(const char *encoder)
{
	char s[256];

	snprintf(s, sizeof(s), "# test\nfsa.dict.separator=;\n"
	    "fsa.dict.encoding=UTF-8\nfsa.dict.encoder=%s\n", encoder);
	write_file(ipath, s, strlen(s));
}

/*
 * Builds a CFSA2 automaton accepting the one sequence seq: the epsilon
 * node, then a chain of one-arc nodes, each arc's target the next node
 * (the "next" bit), the last arc final with target 0.
 */
static size_t
build_chain(unsigned char *out, const char *seq)
{
	size_t n = 0, i, len = strlen(seq);

	memcpy(out, "\\fsa\xc6\x00\x07\x01\x00", 9);
	n = 9;
	out[n++] = 0x40;		/* epsilon: last arc, explicit label */
	out[n++] = '^';
	out[n++] = 3;			/* root right after this arc */
	for (i = 0; i < len; i++) {
		if (i + 1 < len) {
			out[n++] = 0x80 | 0x40;
			out[n++] = (unsigned char)seq[i];
		} else {
			out[n++] = 0x40 | 0x20;
			out[n++] = (unsigned char)seq[i];
			out[n++] = 0;
		}
	}
	return n;
}

static int
count_entry(const char *form, const char *lemma, const char *tags, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static void
test_tiny(void)
{
	unsigned char a[256], b[256];
	struct dict_result r = DICT_RESULT_INIT;
	struct dict *d;
	char err[512];
	size_t n, cut;
	int rc, ok, cnt;

	n = build_chain(a, "abc;BAd;subst:sg");
	write_file(dpath, a, n);
	write_info("PREFIX");
	d = dict_open(dpath, err, sizeof(err));
	CHECK(d != NULL, "opens a tiny automaton: %s", d ? "" : err);
	if (d == NULL)
		return;
	rc = dict_lookup(d, "abc", 3, &r);
	CHECK(rc == 1 && r.v[0].lemmalen == 3 &&
	    memcmp(r.v[0].lemma, "bcd", 3) == 0,
	    "prefix code BA: cut one byte in front, none behind, add 'd'");
	CHECK(rc == 1 && r.v[0].tagslen == 8 &&
	    memcmp(r.v[0].tags, "subst:sg", 8) == 0, "tags follow");
	CHECK(dict_lookup(d, "ab", 2, &r) == 0, "a prefix of a form is no "
	    "form");
	CHECK(dict_lookup(d, "abcd", 4, &r) == 0, "unknown form");
	CHECK(dict_lookup(d, "a;c", 3, &r) == 0, "separator in the form");
	cnt = 0;
	CHECK(dict_foreach(d, count_entry, &cnt) == 0 && cnt == 1,
	    "foreach sees the one entry");
	dict_close(d);

	write_info("SUFFIX");
	n = build_chain(a, "abc;Bxy;t");
	write_file(dpath, a, n);
	d = dict_open(dpath, err, sizeof(err));
	rc = d ? dict_lookup(d, "abc", 3, &r) : -2;
	CHECK(rc == 1 && r.v[0].lemmalen == 4 &&
	    memcmp(r.v[0].lemma, "abxy", 4) == 0,
	    "suffix code B: cut one byte behind, add 'xy'");
	dict_close(d);

	/* Every truncation: open fails or lookups fail cleanly. */
	write_info("PREFIX");
	n = build_chain(a, "abc;BAd;subst:sg");
	ok = 1;
	for (cut = 0; cut < n; cut++) {
		write_file(dpath, a, cut);
		if ((d = dict_open(dpath, err, sizeof(err))) == NULL)
			continue;
		rc = dict_lookup(d, "abc", 3, &r);
		if (rc > 0)
			ok = 0;
		if (rc < 0 && strstr(dict_error(d), "corrupt") == NULL)
			ok = 0;
		dict_close(d);
	}
	CHECK(ok, "every truncation is refused or fails cleanly");

	/* Every single byte set to every value: no crash, no hang. */
	ok = 1;
	for (cut = 8; cut < n; cut++) {
		int v;

		for (v = 0; v < 256; v += 7) {
			memcpy(b, a, n);
			b[cut] = (unsigned char)v;
			write_file(dpath, b, n);
			if ((d = dict_open(dpath, err, sizeof(err))) == NULL)
				continue;
			rc = dict_lookup(d, "abc", 3, &r);
			cnt = 0;
			dict_foreach(d, count_entry, &cnt);
			dict_close(d);
		}
	}
	CHECK(ok, "corrupt bytes do not crash the reader");

	/* A cycle: the last arc points back to the root. */
	n = build_chain(a, "ab");
	a[n - 3] = 0x40;		/* not final */
	a[n - 1] = 3;			/* target: the root */
	write_file(dpath, a, n);
	d = dict_open(dpath, err, sizeof(err));
	rc = d ? dict_foreach(d, count_entry, &cnt) : 0;
	CHECK(d != NULL && rc == -1 && strstr(dict_error(d), "corrupt"),
	    "a cycle is reported, not followed forever: %s",
	    d ? dict_error(d) : err);
	dict_close(d);

	memcpy(b, "\\fsa\xc5\x00\x07\x01\x00\x40^\x03", 12);
	write_file(dpath, b, 12);
	d = dict_open(dpath, err, sizeof(err));
	CHECK(d == NULL && strstr(err, "unsupported automaton version 0xc5"),
	    "other versions are refused: %s", err);
	dict_close(d);
	write_file(dpath, "PK\x03\x04 a zip file", 16);
	d = dict_open(dpath, err, sizeof(err));
	CHECK(d == NULL && strstr(err, "not a morfologik dictionary"),
	    "bad magic: %s", err);
	write_info("INFIX");
	n = build_chain(a, "abc;AAd;t");
	write_file(dpath, a, n);
	d = dict_open(dpath, err, sizeof(err));
	CHECK(d == NULL && strstr(err, "unsupported encoder 'INFIX'"),
	    "unsupported encoders are refused: %s", err);
	unlink(ipath);
	d = dict_open(dpath, err, sizeof(err));
	CHECK(d == NULL && strstr(err, "cannot open") && strstr(err, ".info"),
	    "a missing .info is an error: %s", err);
	unlink(dpath);
	d = dict_open(dpath, err, sizeof(err));
	CHECK(d == NULL && strstr(err, "cannot open"), "missing file: %s",
	    err);
	dict_close(NULL);
	dict_result_release(&r);
}

static int
has(const struct dict_result *r, const char *form, const char *lemma)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].formlen == strlen(form) &&
		    memcmp(r->v[i].form, form, r->v[i].formlen) == 0 &&
		    r->v[i].lemmalen == strlen(lemma) &&
		    memcmp(r->v[i].lemma, lemma, r->v[i].lemmalen) == 0)
			return 1;
	return 0;
}

static void
test_polish(void)
{
	const char *path = "lexicons/pl/polish.dict";
	struct dict_result r = DICT_RESULT_INIT;
	struct dict_alt pos[8];
	struct dict *d;
	char err[512];
	const char *w = "zolw";
	int i;

	if (access(path, R_OK) != 0) {
		printf("skip t-dict polish: no %s (run make)\n", path);
		return;
	}
	d = dict_open(path, err, sizeof(err));
	CHECK(d != NULL, "opens polish.dict: %s", d ? "" : err);
	if (d == NULL)
		return;
	CHECK(dict_lookup(d, "drzewami", 8, &r) == 1 && has(&r, "drzewami",
	    "drzewo"), "drzewami -> drzewo");
	CHECK(dict_lookup(d, "ścieżek", strlen("ścieżek"), &r) >= 2 &&
	    has(&r, "ścieżek", "ścieżka"), "ścieżek -> ścieżka among others");
	CHECK(dict_lookup(d, "Lublinie", 8, &r) >= 1 && has(&r, "Lublinie",
	    "Lublin"), "proper nouns are capitalised");
	CHECK(dict_lookup(d, "qqqx", 4, &r) == 0, "unknown word");
	CHECK(dict_lookup(d, "", 0, &r) == 0, "empty form");
	for (i = 0; i < 4; i++) {
		pos[i].n = 1;
		pos[i].s[0] = w + i;
		pos[i].len[0] = 1;
	}
	pos[0].s[1] = "ż";
	pos[0].s[2] = "ź";
	pos[0].len[1] = pos[0].len[2] = 2;
	pos[0].n = 3;
	pos[1].s[1] = "ó";
	pos[1].len[1] = 2;
	pos[1].n = 2;
	pos[2].s[1] = "ł";
	pos[2].len[1] = 2;
	pos[2].n = 2;
	CHECK(dict_lookup_alt(d, pos, 4, 8, &r) >= 1 && has(&r, "żółw",
	    "żółw"), "zolw with Polish letters restored is żółw");
	dict_result_release(&r);
	dict_close(d);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(dpath, sizeof(dpath), "%s/t.dict", dir);
	snprintf(ipath, sizeof(ipath), "%s/t.info", dir);
	test_tiny();
	test_polish();
	unlink(dpath);
	unlink(ipath);
	rmdir(dir);
	return check_done();
}
