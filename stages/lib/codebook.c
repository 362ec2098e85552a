/*
 * codebook.c - loads the theme codebook (glosy-lexicons(5), kind "themes").
 * The file is read raw so that labels keep their capitals; seeds are
 * normalized here with text_fold(), like every other lexicon entry.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "codebook.h"

static int
valid_id(const char *s)
{
	const char *p;

	if (*s == '\0')
		return 0;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_'))
			return 0;
	return 1;
}

/* Discovered themes are named d01, d02...; a codebook may not take them. */
static int
reserved_id(const char *s)
{
	const char *p;

	if (strcmp(s, "no_content") == 0)
		return 1;
	if (s[0] != 'd' || s[1] == '\0')
		return 0;
	for (p = s + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

long
codebook_find(const struct codebook *cb, const char *id)
{
	size_t i;

	for (i = 0; i < cb->nthemes; i++)
		if (strcmp(cb->themes[i].id, id) == 0)
			return (long)i;
	return -1;
}

static int
add_seed(struct lexicon *lx, struct codebook_theme *t, const char *s,
    size_t len)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (text_fold(&b, s, len) < 0) {
		buf_release(&b);
		return lexicon_error(lx, "cannot normalize '%.*s'", (int)len,
		    s);
	}
	for (i = 0; i < t->nseeds; i++)
		if (strcmp(t->seeds[i], b.data) == 0) {
			lexicon_error(lx, "duplicate seed '%s' in theme '%s'",
			    b.data, t->id);
			buf_release(&b);
			return -1;
		}
	t->seeds = xreallocarray(t->seeds, t->nseeds + 1, sizeof(char *));
	t->seeds[t->nseeds++] = buf_detach(&b, NULL);
	return 0;
}

static int
directive(struct lexicon *lx, struct codebook *cb)
{
	struct codebook_theme *t;
	const char *rest;
	char **lab;

	if (strcmp(lx->f[0], "@theme") == 0) {
		if (lx->nf != 2)
			return lexicon_error(lx, "expected '@theme ID'");
		if (!valid_id(lx->f[1]))
			return lexicon_error(lx, "bad theme id '%s' (use "
			    "a-z, 0-9 and _)", lx->f[1]);
		if (reserved_id(lx->f[1]))
			return lexicon_error(lx, "theme id '%s' is reserved",
			    lx->f[1]);
		if (codebook_find(cb, lx->f[1]) >= 0)
			return lexicon_error(lx, "duplicate theme '%s'",
			    lx->f[1]);
		if (cb->nthemes > 0 && cb->themes[cb->nthemes - 1].nseeds == 0)
			return lexicon_error(lx, "theme '%s' has no seeds",
			    cb->themes[cb->nthemes - 1].id);
		cb->themes = xreallocarray(cb->themes, cb->nthemes + 1,
		    sizeof(*cb->themes));
		t = &cb->themes[cb->nthemes++];
		memset(t, 0, sizeof(*t));
		t->id = xstrdup(lx->f[1]);
		t->line = lx->lineno;
		return 0;
	}
	if (strcmp(lx->f[0], "@label") == 0) {
		if (cb->nthemes == 0)
			return lexicon_error(lx, "@label before any @theme");
		t = &cb->themes[cb->nthemes - 1];
		if (lx->nf < 3)
			return lexicon_error(lx, "expected '@label en|pl TEXT'");
		if (strcmp(lx->f[1], "en") == 0)
			lab = &t->label_en;
		else if (strcmp(lx->f[1], "pl") == 0)
			lab = &t->label_pl;
		else
			return lexicon_error(lx, "unknown label language '%s'",
			    lx->f[1]);
		if (*lab != NULL)
			return lexicon_error(lx, "duplicate '@label %s' in "
			    "theme '%s'", lx->f[1], t->id);
		/* The label is the rest of the line, inner blanks kept. */
		rest = lx->text.data + (lx->f[2] - lx->fbuf.data);
		*lab = xstrdup(rest);
		return 0;
	}
	return lexicon_error(lx, "unknown directive '%s'", lx->f[0]);
}

struct codebook *
codebook_load(const char *path, char *err, size_t errlen)
{
	struct lexicon lx;
	struct codebook *cb;
	int r, i;

	if (lexicon_open(&lx, path, LEXICON_RAW) < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		lexicon_close(&lx);
		return NULL;
	}
	cb = xcalloc(1, sizeof(*cb));
	cb->path = xstrdup(path);
	while ((r = lexicon_next(&lx)) > 0) {
		if (lx.f[0][0] == '@') {
			if ((r = directive(&lx, cb)) < 0)
				break;
			continue;
		}
		if (cb->nthemes == 0) {
			r = lexicon_error(&lx, "seed '%s' before any @theme",
			    lx.f[0]);
			break;
		}
		for (i = 0; i < lx.nf; i++)
			if ((r = add_seed(&lx, &cb->themes[cb->nthemes - 1],
			    lx.f[i], strlen(lx.f[i]))) < 0)
				break;
		if (r < 0)
			break;
	}
	if (r == 0 && cb->nthemes > 0 &&
	    cb->themes[cb->nthemes - 1].nseeds == 0) {
		lx.lineno = cb->themes[cb->nthemes - 1].line;
		r = lexicon_error(&lx, "theme '%s' has no seeds",
		    cb->themes[cb->nthemes - 1].id);
	}
	if (r == 0 && cb->nthemes == 0) {
		lx.lineno = 0;
		snprintf(lx.err, sizeof(lx.err), "%s: no @theme", path);
		r = -1;
	}
	if (r < 0) {
		snprintf(err, errlen, "%s", lx.err);
		codebook_free(cb);
		cb = NULL;
	}
	lexicon_close(&lx);
	return cb;
}

void
codebook_free(struct codebook *cb)
{
	size_t i, j;

	if (cb == NULL)
		return;
	for (i = 0; i < cb->nthemes; i++) {
		free(cb->themes[i].id);
		free(cb->themes[i].label_en);
		free(cb->themes[i].label_pl);
		for (j = 0; j < cb->themes[i].nseeds; j++)
			free(cb->themes[i].seeds[j]);
		free(cb->themes[i].seeds);
	}
	free(cb->themes);
	free(cb->path);
	free(cb);
}
