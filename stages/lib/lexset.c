/*
 * lexset.c - word lexicons (stopwords, nocontent, synonyms, lemma
 * overrides, phrases) on top of the lexicon line reader; see lexset.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "lexset.h"

static const struct {
	const char	*name;
	int		 kind;
} kinds[] = {
	{ "stopwords",		LEXSET_WORDS },
	{ "nocontent",		LEXSET_WORDS },
	{ "synonyms",		LEXSET_SYNONYMS },
	{ "lemma-overrides",	LEXSET_OVERRIDES },
	{ "phrases",		LEXSET_PHRASES },
	{ "translations",	LEXSET_SYNONYMS },
};

int
lexset_kind_byname(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(name, kinds[i].name) == 0)
			return kinds[i].kind;
	return -1;
}

/* Makes room in val[] for the key id just added. */
static void
grow_vals(struct lexset *ls)
{
	size_t n = ls->keys.n;

	if (n > ls->valcap) {
		ls->valcap = ls->valcap ? ls->valcap * 2 : 64;
		ls->val = xreallocarray(ls->val, ls->valcap,
		    sizeof(*ls->val));
		ls->vallen = xreallocarray(ls->vallen, ls->valcap,
		    sizeof(*ls->vallen));
		ls->line = xreallocarray(ls->line, ls->valcap,
		    sizeof(*ls->line));
	}
	ls->val[n - 1] = NULL;
	ls->vallen[n - 1] = 0;
	ls->line[n - 1] = 0;
}

/* Adds key with value (NULL for a word); a duplicate is an error. */
static int
add_key(struct lexset *ls, struct lexicon *lx, const char *k, size_t klen,
    const char *v)
{
	size_t id;
	int isnew;

	id = strtab_intern(&ls->keys, k, klen, &isnew);
	if (isnew)
		grow_vals(ls);
	else if (ls->kind != LEXSET_PHRASES || ls->val[id] != NULL)
		return lexicon_error(lx, "duplicate entry '%.*s'", (int)klen,
		    k);
	if (v != NULL) {
		ls->val[id] = xstrdup(v);
		ls->vallen[id] = strlen(v);
	}
	ls->line[id] = lx->lineno;
	ls->nentries++;
	return 0;
}

static int
check_field(struct lexicon *lx, const char *f)
{
	if (f[0] == '@')
		return lexicon_error(lx, "unknown directive '%s'", f);
	if (strcmp(f, "->") == 0)
		return lexicon_error(lx, "misplaced '->'");
	return 0;
}

static int
load_line(struct lexset *ls, struct lexicon *lx)
{
	struct buf key = BUF_INIT;
	int nf = lx->nf, arrow = -1, i, j, rc = -1;

	if (lx->f[0][0] == '@')
		return lexicon_error(lx, "unknown directive '%s'", lx->f[0]);
	for (i = 0; i < nf; i++)
		if (strcmp(lx->f[i], "->") == 0) {
			if (arrow >= 0)
				return lexicon_error(lx, "more than one '->'");
			arrow = i;
		}
	switch (ls->kind) {
	case LEXSET_WORDS:
		for (i = 0; i < nf; i++) {
			if (check_field(lx, lx->f[i]) < 0 ||
			    add_key(ls, lx, lx->f[i], strlen(lx->f[i]), NULL)
			    < 0)
				return -1;
		}
		return 0;
	case LEXSET_OVERRIDES:
		if (nf != 3 || arrow != 1)
			return lexicon_error(lx, "expected 'FORM -> LEMMA'");
		return add_key(ls, lx, lx->f[0], strlen(lx->f[0]), lx->f[2]);
	case LEXSET_SYNONYMS:
		if (arrow < 1 || arrow != nf - 2)
			return lexicon_error(lx,
			    "expected 'VARIANT... -> CANONICAL'");
		for (i = 0; i < arrow; i++) {
			if (check_field(lx, lx->f[i]) < 0)
				return -1;
			if (strcmp(lx->f[i], lx->f[nf - 1]) == 0)
				return lexicon_error(lx, "'%s' maps to itself",
				    lx->f[i]);
			if (add_key(ls, lx, lx->f[i], strlen(lx->f[i]),
			    lx->f[nf - 1]) < 0)
				return -1;
		}
		return check_field(lx, lx->f[nf - 1]);
	case LEXSET_PHRASES:
		if (arrow >= 0 && arrow != nf - 2)
			return lexicon_error(lx,
			    "expected 'LEMMA LEMMA... [-> TERM]'");
		j = arrow >= 0 ? arrow : nf;
		if (j < 2)
			return lexicon_error(lx, "a phrase needs two or more "
			    "lemmas");
		if (j > LEXSET_MAXPHRASE)
			return lexicon_error(lx, "a phrase has at most %d "
			    "lemmas", LEXSET_MAXPHRASE);
		for (i = 0; i < nf; i++)
			if (i != arrow && check_field(lx, lx->f[i]) < 0)
				return -1;
		/* Proper prefixes are keys without a value, so matching can
		 * stop as soon as the lemmas read so far start no phrase. */
		for (i = 0; i < j; i++) {
			if (i > 0)
				buf_addc(&key, ' ');
			buf_adds(&key, lx->f[i]);
			if (i + 1 < j) {
				int isnew;

				strtab_intern(&ls->keys, key.data, key.len,
				    &isnew);
				if (isnew)
					grow_vals(ls);
			}
		}
		if (arrow >= 0)
			rc = add_key(ls, lx, key.data, key.len, lx->f[nf - 1]);
		else {
			struct buf term = BUF_INIT;

			for (i = 0; i < j; i++) {
				if (i > 0)
					buf_addc(&term, '_');
				buf_adds(&term, lx->f[i]);
			}
			rc = add_key(ls, lx, key.data, key.len, term.data);
			buf_release(&term);
		}
		if ((size_t)j > ls->maxphrase)
			ls->maxphrase = (size_t)j;
		buf_release(&key);
		return rc;
	}
	return -1;
}

/* A synonym chain (A -> B, B -> C) is ambiguous: which one applies? */
static int
check_chains(struct lexset *ls, char *err, size_t errlen, const char *path)
{
	size_t i;
	long j;

	for (i = 0; i < ls->keys.n; i++) {
		if (ls->val[i] == NULL)
			continue;
		if ((j = strtab_find(&ls->keys, ls->val[i], ls->vallen[i])) >=
		    0) {
			snprintf(err, errlen, "%s:%lu: '%s' maps to '%s', "
			    "which is a variant itself (line %lu)", path,
			    ls->line[i], ls->keys.key[i], ls->val[i],
			    ls->line[j]);
			return -1;
		}
	}
	return 0;
}

struct lexset *
lexset_load(const char *path, enum lexset_kind kind, char *err,
    size_t errlen)
{
	struct lexicon lx;
	struct lexset *ls;
	int rc;

	if (lexicon_open(&lx, path, 0) < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		lexicon_close(&lx);
		return NULL;
	}
	ls = xcalloc(1, sizeof(*ls));
	ls->kind = kind;
	ls->keys = (struct strtab)STRTAB_INIT;
	while ((rc = lexicon_next(&lx)) > 0)
		if (load_line(ls, &lx) < 0) {
			rc = -1;
			break;
		}
	if (rc < 0)
		snprintf(err, errlen, "%s", lx.err);
	else if (kind == LEXSET_SYNONYMS && check_chains(ls, err, errlen,
	    path) < 0)
		rc = -1;
	lexicon_close(&lx);
	if (rc < 0) {
		lexset_free(ls);
		return NULL;
	}
	return ls;
}

void
lexset_free(struct lexset *ls)
{
	size_t i;

	if (ls == NULL)
		return;
	for (i = 0; i < ls->keys.n; i++)
		free(ls->val[i]);
	free(ls->val);
	free(ls->vallen);
	free(ls->line);
	strtab_release(&ls->keys);
	free(ls);
}

int
lexset_has(const struct lexset *ls, const char *s, size_t len)
{
	long id;

	if (ls == NULL)
		return 0;
	id = strtab_find(&ls->keys, s, len);
	if (id < 0)
		return 0;
	return ls->kind != LEXSET_PHRASES || ls->val[id] != NULL;
}

const char *
lexset_get(const struct lexset *ls, const char *s, size_t len,
    size_t *vallen)
{
	long id;

	if (ls == NULL || (id = strtab_find(&ls->keys, s, len)) < 0 ||
	    ls->val[id] == NULL)
		return NULL;
	if (vallen != NULL)
		*vallen = ls->vallen[id];
	return ls->val[id];
}

const char *
lexset_phrase(const struct lexset *ls, const struct field *w, size_t n,
    size_t *used, size_t *termlen)
{
	char key[LEXSET_MAXPHRASE * 256 + LEXSET_MAXPHRASE];
	const char *term = NULL;
	size_t i, klen = 0;
	long id;

	if (ls == NULL || ls->kind != LEXSET_PHRASES)
		return NULL;
	for (i = 0; i < n && i < ls->maxphrase; i++) {
		if (w[i].len > 255 || w[i].len == 0)
			break;
		if (i > 0)
			key[klen++] = ' ';
		memcpy(key + klen, w[i].s, w[i].len);
		klen += w[i].len;
		if ((id = strtab_find(&ls->keys, key, klen)) < 0)
			break;
		if (ls->val[id] != NULL && i > 0) {
			term = ls->val[id];
			*termlen = ls->vallen[id];
			*used = i + 1;
		}
	}
	return term;
}
