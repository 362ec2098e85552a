/*
 * codebook.h - the theme codebook, glosy-lexicons(5) "themes": named themes
 * with English and Polish labels and the seed lemmas and phrase terms that
 * guide glosy-cluster(1).  `glosy-lexicon check` validates it with the same
 * loader.
 *
 *	@theme green
 *	@label en Green areas
 *	@label pl Zieleń
 *	zieleń drzewo park skwer
 *	teren_zielony
 */
#ifndef GLOSY_CODEBOOK_H
#define GLOSY_CODEBOOK_H

#include <stddef.h>

struct codebook_theme {
	char		 *id;		/* [a-z0-9_]+, not "no_content" or dNN */
	char		 *label_en;	/* as written; NULL when not given */
	char		 *label_pl;
	char		**seeds;	/* NFC, case-folded, in file order */
	size_t		  nseeds;
	unsigned long	  line;		/* line of the @theme directive */
};

struct codebook {
	char			*path;
	struct codebook_theme	*themes;	/* in file order */
	size_t			 nthemes;
};

/*
 * Loads the codebook at path.  Returns a codebook you own (free it with
 * codebook_free), or NULL with a message in err: "FILE:LINE: message" for a
 * bad line (unknown directive, seeds before any @theme, duplicate theme id,
 * duplicate seed within a theme, a theme without seeds...), or
 * "cannot open 'FILE': reason".
 */
struct codebook	*codebook_load(const char *path, char *err, size_t errlen);
/* Returns the index of the theme named id, or -1. */
long		 codebook_find(const struct codebook *, const char *id);
/* Frees everything; NULL is a no-op. */
void		 codebook_free(struct codebook *);

#endif
