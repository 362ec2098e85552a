/*
 * dict.h - a reader for morfologik dictionaries (CFSA2 automata, version
 * byte 0xc6), such as the Polish dictionary polish.dict of PoliMorf.  The
 * automaton stores one byte sequence per entry:
 *
 *	FORM SEP ENCODED-LEMMA SEP TAGS
 *
 * where the lemma is encoded relative to the form as the companion .info
 * file says (fsa.dict.encoder: NONE, SUFFIX or PREFIX).  dict_open() maps
 * the file and checks its header only, so it costs no parse; every later
 * read is bounds-checked, and a corrupt automaton makes a lookup return -1
 * with a message in dict_error(), never a crash or an endless loop.
 */
#ifndef GLOSY_DICT_H
#define GLOSY_DICT_H

#include <stddef.h>

#include "glosy.h"

struct dict;

/* One analysis.  The pointers point into the dict_result that holds the
 * entry and stay valid until that result is passed to a dict function
 * again or released.  Strings are not NUL-terminated; use the lengths. */
struct dict_entry {
	const char	*form;		/* the dictionary form that matched */
	size_t		 formlen;
	const char	*lemma;
	size_t		 lemmalen;
	const char	*tags;		/* e.g. "subst:sg:nom:n2", may hold '+' */
	size_t		 tagslen;
};

struct dict_result {
	struct dict_entry	*v;
	size_t			 n, cap;
	struct buf		 text;	/* storage behind the pointers */
	size_t			*off;	/* private: offsets while filling */
	size_t			 offcap;
};
#define DICT_RESULT_INIT { NULL, 0, 0, BUF_INIT, NULL, 0 }

/*
 * Opens the dictionary PATH (a .dict file; its metadata is read from the
 * file of the same name ending in .info).  Returns a handle you own (free
 * it with dict_close), or NULL with a message in err: "cannot open 'P': ...",
 * or "'P': not a morfologik dictionary ..." for a file it cannot read.
 */
struct dict	*dict_open(const char *path, char *err, size_t errlen);
/* Unmaps and frees; NULL is a no-op. */
void		 dict_close(struct dict *);
/* The last error, e.g. "corrupt dictionary 'P': arc out of bounds"; owned by
 * the dict, valid until the next call on it. */
const char	*dict_error(const struct dict *);

/*
 * Looks up the exact form (UTF-8 bytes) and replaces the contents of out
 * with its analyses, in dictionary order.  Returns the number of analyses
 * (0 for an unknown form) or -1 when the automaton is corrupt.
 */
int		 dict_lookup(struct dict *, const char *form, size_t len,
		    struct dict_result *out);

/*
 * Looks up every form spelled by a sequence of positions, each of which
 * may be written in one of up to DICT_MAXALT ways (e.g. "a" or "ą"): the
 * form "zolw" with alternatives per letter finds "żółw".  Analyses of all
 * matching forms are returned (entry.form tells them apart), at most
 * maxforms forms.  Returns the count of analyses or -1 as above.
 */
#define DICT_MAXALT	4
struct dict_alt {
	int		 n;
	const char	*s[DICT_MAXALT];
	unsigned char	 len[DICT_MAXALT];
};
int		 dict_lookup_alt(struct dict *, const struct dict_alt *pos,
		    size_t npos, size_t maxforms, struct dict_result *out);

/*
 * Calls fn for every entry of the dictionary, in automaton order, with
 * NUL-terminated strings valid only during the call.  Stops when fn returns
 * nonzero and returns that value; returns 0 at the end, -1 if corrupt.
 */
int		 dict_foreach(struct dict *, int (*fn)(const char *form,
		    const char *lemma, const char *tags, void *arg), void *arg);

/* Empties r; the storage stays for reuse. */
void		 dict_result_reset(struct dict_result *r);
void		 dict_result_release(struct dict_result *r);

#endif
