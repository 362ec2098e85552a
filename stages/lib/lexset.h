/*
 * lexset.h - loads the word lexicons of glosy-lexicons(5): stopwords and
 * nocontent (sets of words), synonyms (VARIANT... -> CANONICAL),
 * lemma-overrides (FORM -> LEMMA) and phrases (LEMMA LEMMA... [-> TERM]).
 * Entries are normalized as the text is (NFC, case fold) by the lexicon
 * reader.  A malformed line, a directive or a duplicate key is an error
 * "FILE:LINE: message".
 */
#ifndef GLOSY_LEXSET_H
#define GLOSY_LEXSET_H

#include <stddef.h>

#include "glosy.h"

enum lexset_kind {
	LEXSET_WORDS,		/* stopwords, nocontent */
	LEXSET_SYNONYMS,
	LEXSET_OVERRIDES,
	LEXSET_PHRASES
};

#define LEXSET_MAXPHRASE	8	/* lemmas in one phrase */

struct lexset {
	enum lexset_kind kind;
	struct strtab	 keys;	/* words, variants, forms, phrases joined
				 * by ' ' and their proper prefixes */
	char		**val;	/* per key: the mapped value, or NULL for a
				 * plain word or a phrase prefix */
	size_t		 *vallen;
	size_t		  valcap;
	unsigned long	 *line;	/* per key: the line that defined it */
	size_t		  nentries;	/* entries (keys with a meaning) */
	size_t		  maxphrase;	/* longest phrase, in lemmas */
};

/*
 * Loads path as a lexicon of the given kind.  Returns a set you own (free
 * with lexset_free), or NULL with "FILE:LINE: message" or "cannot open
 * 'FILE': ..." in err.
 */
struct lexset	*lexset_load(const char *path, enum lexset_kind kind,
		    char *err, size_t errlen);
void		 lexset_free(struct lexset *);
/* Is s[0..len) a word of a LEXSET_WORDS set (or a key of a map)? */
int		 lexset_has(const struct lexset *, const char *s, size_t len);
/* The value s maps to (synonyms, overrides), or NULL; the string is owned
 * by the set, NUL-terminated, and lives as long as it. */
const char	*lexset_get(const struct lexset *, const char *s, size_t len,
		    size_t *vallen);
/*
 * Finds the longest phrase that starts the lemma sequence w[0..n).
 * Returns its term (owned by the set) and sets *used to the number of
 * lemmas it covers, or returns NULL when no phrase starts there.
 */
const char	*lexset_phrase(const struct lexset *, const struct field *w,
		    size_t n, size_t *used, size_t *termlen);
/* Maps a kind name (stopwords, nocontent, synonyms, phrases,
 * lemma-overrides) to its kind; -1 if unknown. */
int		 lexset_kind_byname(const char *name);

#endif
