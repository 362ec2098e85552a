/*
 * model.h - private interface of glosy-cluster between main (cluster.c),
 * the fitting run (run.c) and the theme table (model.c).
 */
#ifndef GLOSY_CLUSTER_MODEL_H
#define GLOSY_CLUSTER_MODEL_H

#include "glosy.h"
#include "cluster.h"
#include "spool.h"

struct codebook;

struct input {
	struct records	 r;
	int		 col;		/* terms */
	int		 textcol;	/* text, or -1 */
	int		 out_theme, out_themes, out_p;
	struct strtab	*nocontent;
};

struct clusteropt {
	int		 maxK, fixk;
	int		 minsize;	/* -1: automatic */
	double		 minp;
	int		 quiet;
	const char	*modelpath;
	struct fitopt	 fit;
};

#define TOPTERMS	10
#define TOPPHRASES	5
#define NQUOTES		3
#define NCAND		16
#define DEFAULT_PRIOR	0.1	/* alpha and beta of a fit, unless given */

/* One row of the theme table. */
struct theme {
	char		*id;
	char		*label, *label_pl;
	const char	*kind;		/* codebook, discovered, no_content */
	int		 k;		/* mixture component, or -1 */
	size_t		 size;
	uint32_t	 top[TOPTERMS], ntop;
	uint32_t	 phr[TOPPHRASES], nphr;
	uint32_t	*keys;		/* evidence terms */
	size_t		 nkeys;
	size_t		 quote[NCAND];	/* candidate rows, best first */
	int		 nquote;
};

/*
 * The held input.  The raw lines stay in a spool (spool.h): in memory up to
 * HOLD_MEM bytes (or $GLOSY_CLUSTER_MEM), beyond that all in a temporary
 * file, so that memory grows with the terms only, not with the width of the
 * rows.  Line i starts at rawoff[i] in the spool, and its newline is the
 * byte before rawoff[i+1].  Each row has its document in the corpus, or
 * NODOC.
 */
#define NODOC	UINT32_MAX
#define HOLD_MEM	((size_t)64 << 20)	/* default limit of the spool */
struct held {
	struct spool	 sp;
	uint64_t	*rawoff;	/* n+1 offsets */
	uint32_t	*doc;
	uint32_t	*textlen;	/* length of the quote column */
	size_t		 n, cap;
	size_t		 nodocs;	/* rows without content */
};

struct cbuild {
	struct corpus	 c;
	size_t		 dcap, wcap;
};

size_t	 split_terms(const char *s, size_t len, struct strtab *vocab,
	    int intern, const struct strtab *nocontent, uint32_t **ids,
	    size_t *cap, int *content);
/* Line i of the held input (no newline), its length in *len; valid until
 * the next call. */
const char *held_line(struct held *, size_t i, size_t *len);
void	 corpus_add(struct cbuild *, const uint32_t *ids, size_t n);
void	 corpus_release(struct corpus *);
void	 describe(struct theme *th, int nth, const struct dmm *m,
	    const struct corpus *c, const struct strtab *vocab,
	    const struct codebook *cb, const uint32_t *seedoff,
	    const uint32_t *seedw);
void	 pick_quotes(struct theme *th, int nth, const struct dmm *m,
	    struct held *h, const float *pmain,
	    const unsigned char *hits, int nocontent_theme);
void	 write_model(const char *path, const struct theme *th, int nth,
	    const struct dmm *m, const struct strtab *vocab,
	    const struct input *in, struct held *h);

/* Loads a nocontent lexicon into t; returns -1 after a message. */
int	 load_nocontent(struct strtab *t, const char *path, int must);
/* Fits the themes to the whole input and writes every row. */
void	 cluster_all(struct input *, const struct codebook *,
	    const struct clusteropt *);
/*
 * Assigns each row with the theme table saved in path, streaming.  The
 * priors alpha and beta are the table's (its alpha and beta columns) when
 * given as 0, else override them.
 */
void	 apply_stream(struct input *, const char *path,
	    const struct codebook *, double minp, double beta, double alpha);

/*
 * The themes whose evidence terms hold each term: those of term w are
 * t[off[w] .. off[w+1]-1].  mark is scratch space of theme_list().
 */
struct keyindex {
	uint32_t	*off;
	uint32_t	*t;
	unsigned char	*mark;
};

/* Indexes the keys of th[0..nth-1], term ids below V. */
void	 keyindex_build(struct keyindex *, const struct theme *th, int nth,
	    size_t V);
void	 keyindex_release(struct keyindex *);
/*
 * The themes of one answer as rows of th into out[0..K], main first, then
 * every other theme with posterior >= minp or an evidence term in w, by
 * posterior; returns their number.  p is the posterior over components;
 * comp2theme maps them to rows (there are at most 65535).
 */
int	 theme_pick(const struct theme *th, const struct keyindex *,
	    const int *comp2theme, const double *p, int K, int main_k,
	    const uint32_t *w, size_t nw, double minp, uint16_t *out);
/* Appends the ids of th[list[0..n-1]] to out, space-separated. */
void	 theme_put(struct buf *out, const struct theme *th,
	    const uint16_t *list, int n);

#endif
