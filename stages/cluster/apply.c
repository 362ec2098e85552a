/*
 * apply.c - glosy-cluster --apply: assigns answers with a saved theme table
 * (see model.c) without fitting, one row at a time, so memory stays bounded
 * whatever the input size and shards can be assigned in parallel.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "codebook.h"
#include "cluster.h"
#include "model.h"

/* Parses "TERM:COUNT TERM:COUNT ..." of theme k into the mixture. */
static void
weights(struct records *r, struct dmm *m, struct strtab *vocab, int k,
    const char *s, size_t len, double **acc, size_t *cap)
{
	const char *p = s, *e = s + len, *w, *t, *colon;
	const char *errstr;
	char num[64];
	size_t id, n, wl;
	double v;

	while ((w = record_word(&p, e, &wl)) != NULL) {
		t = w + wl;
		/* The count follows the last ':', as a term may hold one. */
		for (colon = t; colon > w && colon[-1] != ':'; colon--)
			;
		n = (size_t)(t - colon);
		if (colon == w || colon - 1 == w || n == 0 || n >= sizeof(num))
			glosy_die("%s:%lu: bad weight '%.*s'", r->fname,
			    r->lineno, (int)wl, w);
		memcpy(num, colon, n);
		num[n] = '\0';
		v = glosy_strtod(num, 0, 1e15, &errstr);
		if (errstr != NULL)
			glosy_die("%s:%lu: bad weight '%.*s'", r->fname,
			    r->lineno, (int)wl, w);
		id = strtab_intern(vocab, w, (size_t)(colon - 1 - w), NULL);
		while (id >= *cap / (size_t)m->K) {
			size_t old = *cap;

			*cap = *cap ? *cap * 2 : 1024 * (size_t)m->K;
			*acc = xreallocarray(*acc, *cap, sizeof(double));
			memset(*acc + old, 0, (*cap - old) * sizeof(double));
		}
		(*acc)[id * (size_t)m->K + (size_t)k] += v;
	}
}

/*
 * Returns the prior given (nonzero), else the one in column col of the
 * table's first row, else the default of a fit.
 */
static double
prior(struct records *r, int col, const char *name, double given)
{
	const char *s, *errstr;
	double v;

	if (given > 0)
		return given;
	if (col < 0)
		return DEFAULT_PRIOR;
	s = records_get(r, col, NULL);
	v = glosy_strtod(s, 1e-6, 1e6, &errstr);
	if (errstr != NULL)
		glosy_die("%s:%lu: %s '%s' is %s", r->fname, r->lineno, name,
		    s, errstr);
	return v;
}

void
apply_stream(struct input *in, const char *path, const struct codebook *cb,
    double minp, double beta, double alpha)
{
	struct records r;
	struct strtab vocab = STRTAB_INIT;
	struct theme *th = NULL;
	struct dmm m;
	struct buf themes = BUF_INIT;
	struct keyindex ki;
	double *acc = NULL, *sizes = NULL;
	char *files[1], pbuf[32];
	uint32_t *ids = NULL, *w = NULL;
	uint16_t *cn = NULL, *list;
	size_t cap = 0, idcap = 0, n, nw, len, i, j, wcap = 0;
	int cid, ckind, csize, cw, cterms, cphr, calpha, cbeta;
	int K = 0, nth = 0, k, t;
	int nocontent_theme = -1, *comp2theme, content;
	const char *s;

	/* The table is read with the record reader but never echoed. */
	files[0] = (char *)path;
	records_open(&r, 1, files);
	records_readonly(&r);
	cid = records_need(&r, "id");
	ckind = records_need(&r, "kind");
	csize = records_need(&r, "size");
	cw = records_need(&r, "weights");
	cterms = records_need(&r, "terms");
	cphr = records_need(&r, "phrases");
	/* Tables written before the priors were recorded have neither. */
	calpha = records_col(&r, "alpha");
	cbeta = records_col(&r, "beta");
	m.K = 0;
	while (records_next(&r)) {
		const char *kind = records_get(&r, ckind, NULL);

		if (nth == 0) {
			alpha = prior(&r, calpha, "alpha", alpha);
			beta = prior(&r, cbeta, "beta", beta);
		}

		th = xreallocarray(th, (size_t)nth + 1, sizeof(*th));
		memset(&th[nth], 0, sizeof(th[nth]));
		th[nth].id = xstrdup(records_get(&r, cid, NULL));
		th[nth].k = -1;
		if (strcmp(kind, "no_content") == 0) {
			th[nth].kind = "no_content";
			nocontent_theme = nth++;
			continue;
		}
		th[nth].kind = strcmp(kind, "codebook") == 0 ? "codebook" :
		    "discovered";
		th[nth].k = K++;
		nth++;
	}
	records_close(&r);
	if (K == 0)
		glosy_die("%s: no themes to assign", path);
	if (nocontent_theme < 0) {
		th = xreallocarray(th, (size_t)nth + 1, sizeof(*th));
		memset(&th[nth], 0, sizeof(th[nth]));
		th[nth].id = xstrdup("no_content");
		th[nth].kind = "no_content";
		th[nth].k = -1;
		nocontent_theme = nth++;
	}

	/* Second pass: the weights, now that K is known. */
	records_open(&r, 1, files);
	records_readonly(&r);
	m.K = K;
	sizes = xcalloc((size_t)K, sizeof(double));
	t = 0;
	while (records_next(&r)) {
		const char *errstr;

		if (strcmp(records_get(&r, ckind, NULL), "no_content") == 0)
			continue;
		k = t++;
		sizes[k] = glosy_strtod(records_get(&r, csize, NULL), 0, 1e15,
		    &errstr);
		if (errstr != NULL)
			glosy_die("%s:%lu: bad size", r.fname, r.lineno);
		s = records_get(&r, cw, &len);
		weights(&r, &m, &vocab, k, s, len, &acc, &cap);
	}
	dmm_init(&m, K, vocab.n ? vocab.n : 1, alpha, beta);
	for (i = 0; i < vocab.n * (size_t)K && i < cap; i++)
		m.N[i] += acc[i];
	for (k = 0; k < K; k++) {
		m.m[k] = sizes[k];
		m.Nk[k] = 0;
	}
	for (i = 0; i < m.V * (size_t)K; i++)
		m.Nk[i % (size_t)K] += m.N[i];
	free(acc);
	free(sizes);

	/* Evidence terms: listed top terms with more than 90% of their
	 * occurrences in the theme, and the seeds of a codebook given with
	 * -C. */
	records_close(&r);
	records_open(&r, 1, files);
	records_readonly(&r);
	t = 0;
	while (records_next(&r)) {
		const char *cols[2];
		int c;

		if (strcmp(records_get(&r, ckind, NULL), "no_content") == 0)
			continue;
		while (th[t].k < 0)
			t++;
		k = th[t].k;
		cols[0] = records_get(&r, cterms, NULL);
		cols[1] = records_get(&r, cphr, NULL);
		for (c = 0; c < 2; c++) {
			n = split_terms(cols[c], strlen(cols[c]), &vocab, 0,
			    in->nocontent, &ids, &idcap, &content);
			for (j = 0; j < n; j++) {
				double tot = 0, mine;
				int kk;

				for (kk = 0; kk < K; kk++)
					tot += m.N[(size_t)ids[j] * K + kk] -
					    beta;
				mine = m.N[(size_t)ids[j] * K + k] - beta;
				if (10 * mine <= 9 * tot)
					continue;
				th[t].keys = xreallocarray(th[t].keys,
				    th[t].nkeys + 1, sizeof(uint32_t));
				th[t].keys[th[t].nkeys++] = ids[j];
			}
		}
		if (cb != NULL) {
			long ci = codebook_find(cb, th[t].id);
			long id;

			for (j = 0; ci >= 0 && j < cb->themes[ci].nseeds;
			    j++) {
				s = cb->themes[ci].seeds[j];
				if ((id = strtab_find(&vocab, s, strlen(s))) < 0)
					continue;
				th[t].keys = xreallocarray(th[t].keys,
				    th[t].nkeys + 1, sizeof(uint32_t));
				th[t].keys[th[t].nkeys++] = (uint32_t)id;
			}
		}
		t++;
	}
	records_close(&r);
	comp2theme = xmalloc((size_t)K * sizeof(int));
	for (t = 0; t < nth; t++)
		if (th[t].k >= 0)
			comp2theme[th[t].k] = t;
	keyindex_build(&ki, th, nth, vocab.n);
	list = xreallocarray(NULL, (size_t)K + 1, sizeof(uint16_t));

	while (records_next(&in->r)) {
		buf_reset(&themes);
		s = records_get(&in->r, in->col, &len);
		n = split_terms(s, len, &vocab, 0, in->nocontent, &ids, &idcap,
		    &content);
		if (!content) {
			records_set(&in->r, in->out_theme,
			    th[nocontent_theme].id,
			    strlen(th[nocontent_theme].id));
			records_set(&in->r, in->out_themes,
			    th[nocontent_theme].id,
			    strlen(th[nocontent_theme].id));
			records_set(&in->r, in->out_p, "1.000", 5);
			records_emit(&in->r);
			continue;
		}
		if (n > wcap) {
			wcap = n;
			w = xreallocarray(w, wcap, sizeof(uint32_t));
			cn = xreallocarray(cn, wcap, sizeof(uint16_t));
		}
		for (i = nw = 0; i < n; i++) {
			if (nw > 0 && w[nw - 1] == ids[i]) {
				if (cn[nw - 1] < UINT16_MAX)
					cn[nw - 1]++;
				continue;
			}
			w[nw] = ids[i];
			cn[nw++] = 1;
		}
		for (i = len = 0; i < nw; i++)
			len += cn[i];
		dmm_posterior(&m, w, cn, nw, len, -1, m.p);
		k = argmax(m.p, K, 0);
		t = theme_pick(th, &ki, comp2theme, m.p, K, k, w, nw, minp,
		    list);
		theme_put(&themes, th, list, t);
		snprintf(pbuf, sizeof(pbuf), "%.3f", m.p[k]);
		records_set(&in->r, in->out_theme, th[comp2theme[k]].id,
		    strlen(th[comp2theme[k]].id));
		records_set(&in->r, in->out_themes, themes.data, themes.len);
		records_set(&in->r, in->out_p, pbuf, strlen(pbuf));
		records_emit(&in->r);
	}

	for (t = 0; t < nth; t++) {
		free(th[t].id);
		free(th[t].keys);
	}
	free(th);
	free(comp2theme);
	keyindex_release(&ki);
	free(list);
	free(ids);
	free(w);
	free(cn);
	buf_release(&themes);
	dmm_release(&m);
	strtab_release(&vocab);
}
