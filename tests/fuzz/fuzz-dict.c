/*
 * fuzz-dict.c - feeds arbitrary bytes to the morfologik dictionary reader.
 * The first byte picks the lemma encoder of the .info file (none, suffix,
 * prefix), the rest is the .dict file.  Opening, lookups, lookups with
 * alternative spellings and a walk over every entry must succeed or fail
 * with a message; never crash, hang or read out of bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glosy.h"
#include "dict.h"

static int
entry(const char *form, const char *lemma, const char *tags, void *arg)
{
	size_t *n = arg;

	/* Touch every byte so that the sanitizer checks the strings. */
	*n += strlen(form) + strlen(lemma) + strlen(tags);
	return ++n[1] > 2000;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const enc[] = { "NONE", "SUFFIX", "PREFIX" };
	static const char *const forms[] = { "a", "ab", "abc", "drzewo",
	    "ścieżka", "" };
	static char dir[64], dpath[96], ipath[96];
	struct dict_result r = DICT_RESULT_INIT;
	struct dict_alt pos[3];
	struct dict *d;
	char err[600];
	size_t i, k, n[2];
	FILE *fp;

	if (size < 1)
		return 0;
	if (dir[0] == '\0') {
		snprintf(dir, sizeof(dir), "/tmp/fuzz-dict.XXXXXX");
		if (mkdtemp(dir) == NULL)
			abort();
		snprintf(dpath, sizeof(dpath), "%s/f.dict", dir);
		snprintf(ipath, sizeof(ipath), "%s/f.info", dir);
	}
	if ((fp = fopen(ipath, "w")) == NULL)
		abort();
	fprintf(fp, "fsa.dict.separator=;\nfsa.dict.encoding=utf-8\n"
	    "fsa.dict.encoder=%s\n", enc[data[0] % 3]);
	fclose(fp);
	if ((fp = fopen(dpath, "wb")) == NULL)
		abort();
	fwrite(data + 1, 1, size - 1, fp);
	fclose(fp);
	err[0] = '\0';
	if ((d = dict_open(dpath, err, sizeof(err))) == NULL) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		int c = dict_lookup(d, forms[i], strlen(forms[i]), &r);

		if (c < 0)
			break;
		/* Read every byte so that the sanitizer checks the spans. */
		for (k = 0; k < r.n; k++) {
			size_t j, sum = 0;

			for (j = 0; j < r.v[k].lemmalen; j++)
				sum += (unsigned char)r.v[k].lemma[j];
			for (j = 0; j < r.v[k].tagslen; j++)
				sum += (unsigned char)r.v[k].tags[j];
			for (j = 0; j < r.v[k].formlen; j++)
				sum += (unsigned char)r.v[k].form[j];
			n[0] = sum;
		}
	}
	for (i = 0; i < 3; i++) {
		pos[i].n = 2;
		pos[i].s[0] = "a";
		pos[i].len[0] = 1;
		pos[i].s[1] = "b";
		pos[i].len[1] = 1;
	}
	dict_lookup_alt(d, pos, 3, 4, &r);
	n[0] = n[1] = 0;
	dict_foreach(d, entry, n);
	dict_result_release(&r);
	dict_close(d);
	return 0;
}
