/*
 * fuzz-lexicon.c - feeds arbitrary bytes to the word lexicon loaders
 * (lexset_load) as each kind: stopwords, synonyms, lemma overrides and
 * phrases.  Every input must load or fail with "FILE:LINE: message";
 * loaded sets are queried with their own keys.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glosy.h"
#include "lexset.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct field w[LEXSET_MAXPHRASE];
	struct lexset *ls;
	const char *t;
	char err[1100];
	size_t i, used, tl, vl;
	FILE *fp;
	int fd, kind;

	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz-lexicon.XXXXXX");
		if ((fd = mkstemp(path)) < 0)
			abort();
		close(fd);
	}
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, fp);
	fclose(fp);
	for (kind = LEXSET_WORDS; kind <= LEXSET_PHRASES; kind++) {
		err[0] = '\0';
		ls = lexset_load(path, (enum lexset_kind)kind, err,
		    sizeof(err));
		if (ls == NULL) {
			if (strncmp(err, path, strlen(path)) != 0)
				abort();
			continue;
		}
		for (i = 0; i < ls->keys.n; i++) {
			if (ls->val[i] != NULL && lexset_get(ls,
			    ls->keys.key[i], ls->keys.keylen[i], &vl) !=
			    ls->val[i])
				abort();
			if (kind != LEXSET_PHRASES && !lexset_has(ls,
			    ls->keys.key[i], ls->keys.keylen[i]))
				abort();
			w[0].s = ls->keys.key[i];
			w[0].len = ls->keys.keylen[i];
			w[1] = w[0];
			t = lexset_phrase(ls, w, 2, &used, &tl);
			if (t != NULL && (used != 2 || strlen(t) != tl))
				abort();
		}
		lexset_free(ls);
	}
	return 0;
}
