/*
 * glosy-stem - lemmatizes the `tokens` column of a record stream.
 *
 * Input: records (glosy-records(5)) with a `tokens` column of space-separated
 * tokens, NFC and case-folded by glosy-normalize(1) and glosy-tokenize(1).
 * Output: the same records plus
 *	lemmas	the lemma of every token, one for one, nothing dropped;
 *	terms	the analysis vocabulary: lemmas with phrases joined by '_',
 *		synonyms mapped, stopwords, numbers and placeholders dropped;
 *	explain	(with --explain) how each token's lemma was chosen.
 *
 * Polish words are looked up in the morfologik dictionary (exact form, then
 * the form capitalised, then with Polish letters restored); a word with
 * several lemmas gets the one with the most support over the whole input,
 * so the stage holds its input: the counts of the token types in memory,
 * the raw lines in a spool (spool.h), in memory up to 64 MB and then in an
 * unlinked temporary file, from which they are written out at the end.
 * Unknown words go to a suffix stripper; other languages to Snowball, or
 * for Ukrainian to a suffix stripper of its own.
 *
 * The vote needs only the count of each word token type (and the order in
 * which the types first appear, which breaks ties among the forms of an
 * unknown word or of a stem), so it can also run in two passes over shards
 * of the input: --tally writes those counts as a record stream (columns
 * key, nodiac, count, lang) instead of the records; --votes FILE sums such
 * tallies, decides every type's lemma as the one-pass run would, and then
 * streams its input, writing each record as soon as it is read.
 */
#include <assert.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "glosy.h"
#include "dict.h"
#include "lexset.h"
#include "spool.h"
#include "stem/stem.h"

#define MAXTOKEN	255	/* longer tokens pass through unchanged */
#define MAXFOLDFORMS	8	/* forms a diacritic-free word may restore to */
/* Bytes of input lines held in memory (spool.h), or $GLOSY_STEM_MEM. */
#define STEMMEM		((size_t)64 << 20)

enum how {
	HOW_DICT,	/* one lemma in the dictionary */
	HOW_VOTE,	/* several: the one with most support in the input */
	HOW_TAGS,	/* several: by word class (uninflected word, tie) */
	HOW_OVERRIDE,	/* lemma-overrides */
	HOW_CAPITAL,	/* found with its first letter (or all) capitalised */
	HOW_FOLDED,	/* found after restoring Polish letters */
	HOW_FALLBACK,	/* unknown: suffix stripper */
	HOW_SNOWBALL,	/* other language */
	HOW_SUFFIX,	/* Ukrainian: suffix stripper */
	HOW_NONE,	/* no letters, a number, a placeholder, no stemmer */
	HOW_LONG	/* longer than MAXTOKEN bytes */
};

static const char *const hownames[] = {
	"dict", "vote", "tags", "override", "capital", "folded", "fallback",
	"snowball", "suffix", "none", "long"
};

/* Word classes of an analysis, from the first field of its tags, ranked
 * for ties: a short function word is far more often that than the rare
 * noun it spells ("w", "go"); a noun reading is likelier than an
 * adjective one ("przychodnia", not "przychodni"), or a gerund. */
enum cls {
	CL_FUNC, CL_PRON, CL_SUBST, CL_ADJ, CL_VERB, CL_PART, CL_ADV, CL_GER,
	CL_RARE, CL_OTHER
};

struct cand {
	uint32_t	lemma;		/* id in lemmas */
	uint8_t		cls;
	uint8_t		dlen;	/* |lemma length - form length|, capped */
	uint8_t		self;	/* the lemma is the dictionary form itself */
	uint8_t		restored; /* the form had Polish letters restored */
	uint8_t		prefix;	/* the lemma starts the form ("las", lasy) */
};

struct type {
	uint64_t	count;
	uint32_t	cand0;		/* first candidate in cands */
	uint16_t	ncand;
	uint8_t		how;
	uint8_t		lang;
	int32_t		lemma;		/* chosen lemma id */
	int32_t		group;		/* fallback: id in groups; other
					 * languages: id in sgroups */
	uint8_t		term;		/* may become a term */
	uint8_t		nodiac;		/* from an answer typed without
					 * Polish letters */
	uint8_t		cached;		/* the fields below are set */
	uint8_t		tflags;		/* TERM_* of the token alone */
	uint8_t		phead;		/* its lemma may start a phrase */
	uint32_t	tlen;
	uint32_t	ll;
	const char	*ts;		/* its term alone (TERM_ADD) */
	const char	*ls;		/* its lemma, ll bytes */
};

/* Flags of a token in terms: the first three are --explain's suffixes. */
#define TERM_PHRASE	0x1
#define TERM_SYNONYM	0x2
#define TERM_STOP	0x4
#define TERM_ADD	0x8		/* gives the term ts */

struct row {
	uint64_t	raw;		/* the input line, in the spool */
	size_t		rawlen;
	size_t		tok0;		/* first token in toks */
	uint32_t	tokoff, toklen;	/* its tokens field, as escaped,
					 * in the line */
	uint32_t	ntok;
	uint8_t		lang;
};

enum mode {
	MODE_ONE,	/* hold the input, vote, write the records */
	MODE_TALLY,	/* write the counts the vote needs */
	MODE_VOTES	/* vote on tallies, then stream the records */
};

static enum mode	 mode = MODE_ONE;
static int		 streaming;	/* --votes: the tallies are in */
static size_t		 nmissing;	/* --votes: types not in them */
static int		 explain;
static const char	*langopt = "pl";
static const char	*stopfile, *synfile, *phrasefile, *overfile;

static struct dict	*dict;
static struct lexset	*stops, *syns, *phrases, *overrides;
/* Function words of Ukrainian, Russian and English answers, when those
 * lists exist. */
static struct lexset	*stops_uk, *stops_ru, *stops_en;
static struct sb_stemmer *stemmer[LANG_OTHER + 1];
/* The lang column of a tally. */
static const char	*tallyname[LANG_OTHER + 1] = {
	"pl", "en", "ru", "uk", "other"
};
static const char	*sbname[LANG_OTHER + 1] = {
	NULL, "english", "russian", NULL, NULL
};

/* Distinct tokens: the key is a byte for the language (0x80 added in
 * answers typed without Polish letters), then the token. */
static struct strtab	 types = STRTAB_INIT;
static struct type	*tv;
static struct tkey {
	uint64_t	 h;		/* type_hash() */
	const char	*s;		/* the key in types */
	size_t		 len;
}			*tkey;		/* per type, for type_of() */
static size_t		 tcap;
static struct tslot {
	uint32_t	 id;		/* type id + 1, 0 when empty */
	uint32_t	 h;		/* high half of its hash */
}			*tslot;
static size_t		 ntslot;	/* a power of two */
static struct strtab	 lemmas = STRTAB_INIT;
static struct cand	*cands;
static size_t		 ncands, candcap;
static struct strtab	 groups = STRTAB_INIT;	/* fallback stems */
static struct strtab	 sgroups = STRTAB_INIT;	/* stems of other languages,
						 * after a byte of the
						 * language */
static int32_t		*sgrouplemma;	/* per such stem: its lemma */
/* Translations into Polish terms ({en,ru,uk}/translations): keyed as
 * sgroups, by the stem of each word of the file. */
static struct strtab	 trans = STRTAB_INIT;
static const char	**transval;
static size_t		 ntransval;
static size_t		 nsgrouplemma;
static struct dict_result dres = DICT_RESULT_INIT;
static struct dict_result dfold = DICT_RESULT_INIT;	/* analyse() */
/*
 * Per capital flag and word, what fold_lookup() gave: -1 or 0, or 1 for
 * analyses, whose candidates fold_take() keeps (taken) for the word
 * uncapitalised.  fmlast is the entry of the last call.
 */
static struct strtab	 foldmemo = STRTAB_INIT;
static struct fmemo {
	int8_t		 n;		/* 2 before the first lookup */
	uint8_t		 taken;
	uint16_t	 ncand;
	uint32_t	 cand0;
}			*fmv;
static size_t		 fmcap, fmlast;
static struct buf	 scratch = BUF_INIT;

static _Noreturn void	usage(FILE *, int);

static const struct option longopts[] = {
	{ "explain",	no_argument,		NULL,	'e' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "lang",	required_argument,	NULL,	'l' },
	{ "overrides",	required_argument,	NULL,	'O' },
	{ "phrases",	required_argument,	NULL,	'P' },
	{ "stopwords",	required_argument,	NULL,	'S' },
	{ "synonyms",	required_argument,	NULL,	'Y' },
	{ "tally",	no_argument,		NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "votes",	required_argument,	NULL,	'v' },
	{ NULL,		0,			NULL,	0 }
};

static enum cls
tag_cls(const char *t, size_t n)
{
	static const struct {
		const char	*name;
		enum cls	 cls;
	} tab[] = {
		{ "subst", CL_SUBST }, { "depr", CL_RARE },
		{ "burk", CL_SUBST }, { "brev", CL_RARE },
		{ "adj", CL_ADJ }, { "adja", CL_RARE }, { "adjp", CL_ADJ },
		{ "adjc", CL_ADJ }, { "num", CL_ADJ },
		{ "verb", CL_VERB }, { "pred", CL_ADV }, { "inf", CL_VERB },
		{ "fin", CL_VERB }, { "praet", CL_VERB }, { "impt", CL_VERB },
		{ "imps", CL_VERB }, { "pcon", CL_VERB }, { "pant", CL_VERB },
		{ "ppas", CL_PART }, { "pact", CL_PART },
		{ "adv", CL_ADV },
		{ "prep", CL_FUNC }, { "conj", CL_FUNC }, { "comp", CL_FUNC },
		{ "qub", CL_FUNC }, { "ppron12", CL_PRON },
		{ "ppron3", CL_PRON }, { "siebie", CL_PRON },
		{ "interj", CL_RARE },
		{ "ger", CL_GER },
	};
	size_t i, k;
	enum cls best = CL_OTHER, c;
	const char *e = t + n;

	/* An entry may hold several tags joined by '+'; the best ranked
	 * class among them stands for the entry. */
	while (t < e) {
		k = strcspn(t, ":+|");
		if (k > (size_t)(e - t))
			k = (size_t)(e - t);
		c = CL_OTHER;
		for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
			if (strlen(tab[i].name) == k &&
			    memcmp(tab[i].name, t, k) == 0) {
				c = tab[i].cls;
				break;
			}
		if (c < best)
			best = c;
		while (t < e && *t != '+' && *t != '|')
			t++;
		if (t < e)
			t++;
	}
	return best;
}

/* Appends the folded lemma s to the lemma table; spaces become '_' so
 * that lemmas stay one for one with tokens. */
/*
 * Does the dictionary lemma s need case folding?  Only names and acronyms
 * have capitals, and those start with one or hold an ASCII one ("PiS"),
 * so ICU is called for them alone: a lemma that starts with an ASCII or
 * Polish small letter and has no ASCII capital is folded already.
 */
static int
needs_fold(const char *s, size_t n)
{
	static const char *const small[] = { "ą", "ć", "ę", "ł", "ń", "ó",
	    "ś", "ź", "ż" };
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return 1;
	if (n == 0 || (unsigned char)s[0] < 0x80)
		return 0;
	for (i = 0; i < sizeof(small) / sizeof(small[0]); i++)
		if (n >= 2 && memcmp(s, small[i], 2) == 0)
			return 0;
	return 1;
}

static uint32_t
lemma_id(const char *s, size_t n)
{
	char *p;

	buf_reset(&scratch);
	if (!needs_fold(s, n))
		buf_add(&scratch, s, n);
	else if (text_fold(&scratch, s, n) < 0) {
		buf_reset(&scratch);
		buf_add(&scratch, s, n);
	}
	for (p = scratch.data; (p = memchr(p, ' ', scratch.len -
	    (size_t)(p - scratch.data))) != NULL; p++)
		*p = '_';
	return (uint32_t)strtab_intern(&lemmas, scratch.data, scratch.len,
	    NULL);
}

static void
add_cand(struct type *t, uint32_t lemma, enum cls cls, const char *form,
    size_t formlen, int restored)
{
	size_t i, ll = lemmas.keylen[lemma];
	size_t d = ll > formlen ? ll - formlen : formlen - ll;
	int self, prefix;

	self = ll == formlen && memcmp(lemmas.key[lemma], form, ll) == 0;
	prefix = ll <= formlen && memcmp(lemmas.key[lemma], form, ll) == 0;
	for (i = t->cand0; i < ncands; i++)
		if (cands[i].lemma == lemma) {
			if (cls < cands[i].cls)
				cands[i].cls = (uint8_t)cls;
			cands[i].self |= (uint8_t)self;
			cands[i].restored &= (uint8_t)restored;
			cands[i].prefix |= (uint8_t)prefix;
			return;
		}
	if (ncands == candcap) {
		candcap = candcap ? candcap * 2 : 4096;
		cands = xreallocarray(cands, candcap, sizeof(*cands));
	}
	cands[ncands].lemma = lemma;
	cands[ncands].cls = (uint8_t)cls;
	cands[ncands].dlen = (uint8_t)(d > 255 ? 255 : d);
	cands[ncands].self = (uint8_t)self;
	cands[ncands].restored = (uint8_t)restored;
	cands[ncands].prefix = (uint8_t)prefix;
	ncands++;
	t->ncand++;
}

/*
 * Drops readings that are almost never meant when a likelier one exists:
 * abbreviations, interjections, depreciative and adjectival-compound
 * forms ("o" read as "o." for "ojciec").
 */
static void
prune(struct type *t)
{
	size_t i, j;
	int common = 0;

	for (i = t->cand0; i < ncands; i++)
		common |= cands[i].cls < CL_RARE;
	for (i = j = t->cand0; i < ncands; i++) {
		if (common && cands[i].cls >= CL_RARE)
			continue;
		cands[j++] = cands[i];
	}
	t->ncand = (uint16_t)(j - t->cand0);
	ncands = j;
}

/* Takes the n analyses in r as the candidates of t, the type of the
 * token w[0..len). */
static int
take_from(struct type *t, int n, const char *w, size_t len,
    const struct dict_result *r)
{
	int i;

	if (n < 0)
		glosy_die("%s", dict_error(dict));
	t->cand0 = (uint32_t)ncands;
	t->ncand = 0;
	for (i = 0; i < n; i++)
		add_cand(t, lemma_id(r->v[i].lemma, r->v[i].lemmalen),
		    tag_cls(r->v[i].tags, r->v[i].tagslen),
		    r->v[i].form, r->v[i].formlen,
		    r->v[i].formlen != len ||
		    memcmp(r->v[i].form, w, len) != 0);
	prune(t);
	return n;
}

/* take_from() the analyses in dres. */
static int
take_result(struct type *t, int n, const char *w, size_t len)
{
	return take_from(t, n, w, len, &dres);
}

/* Upper case of the Polish or ASCII letter at s, or NULL. */
static const char *
upper_of(const char *s, size_t *n)
{
	static const char *const pl[][2] = {
		{ "ą", "Ą" }, { "ć", "Ć" }, { "ę", "Ę" }, { "ł", "Ł" },
		{ "ń", "Ń" }, { "ó", "Ó" }, { "ś", "Ś" }, { "ź", "Ź" },
		{ "ż", "Ż" }
	};
	static char up[26][2];
	size_t i;

	if (*s >= 'a' && *s <= 'z') {
		up[*s - 'a'][0] = (char)(*s - 'a' + 'A');
		*n = 1;
		return up[*s - 'a'];
	}
	for (i = 0; i < sizeof(pl) / sizeof(pl[0]); i++)
		if (strncmp(s, pl[i][0], 2) == 0) {
			*n = 2;
			return pl[i][1];
		}
	return NULL;
}

/* The byte length of the UTF-8 sequence that starts with c. */
static size_t
u8len(unsigned char c)
{
	if (c < 0xc0)
		return 1;
	if (c < 0xe0)
		return 2;
	if (c < 0xf0)
		return 3;
	return 4;
}

/* Looks the word up capitalised ("lublin" -> "Lublin"), unless known
 * not to be there (nofirst), then, when short, all in capitals ("mpk" ->
 * "MPK"). */
static int
lookup_capital(struct type *t, const char *w, size_t len, int nofirst)
{
	struct buf form = BUF_INIT;	/* not scratch: lemma_id() uses it */
	const char *u;
	size_t i, k, n;
	int r;

	if ((u = upper_of(w, &k)) == NULL)
		return 0;
	r = 0;
	if (!nofirst) {
		buf_add(&form, u, k);
		buf_add(&form, w + k, len - k);
		r = take_result(t, dict_lookup(dict, form.data, form.len,
		    &dres), form.data, form.len);
	}
	if (r == 0 && len <= 8) {
		buf_reset(&form);
		for (i = 0; i < len; i += n) {
			n = u8len((unsigned char)w[i]);
			if ((u = upper_of(w + i, &k)) != NULL && k == n)
				buf_add(&form, u, k);
			else
				buf_add(&form, w + i, n);
		}
		r = take_result(t, dict_lookup(dict, form.data, form.len,
		    &dres), form.data, form.len);
	}
	buf_release(&form);
	return r;
}

/*
 * Looks the word up with each of a c e l n o s z also read as ą ć ę ł ń ó
 * ś ż ź, the automaton pruning the combinations that spell no word, into
 * r; with capital, its first letter capitalised.  Returns the number of
 * analyses, or -1 when the word has no such letter (or, with capital, a
 * first letter without a capital), so that nothing was looked up.  The
 * word as it is is one of the spellings: when this finds nothing, the
 * word itself is not in the dictionary either.
 */
static int
fold_lookup(const char *w, size_t len, int capital, struct dict_result *r)
{
	static struct buf key = BUF_INIT;
	size_t id;
	int isnew;
	static const char *const alt[26] = {
		['a' - 'a'] = "ą", ['c' - 'a'] = "ć", ['e' - 'a'] = "ę",
		['l' - 'a'] = "ł", ['n' - 'a'] = "ń", ['o' - 'a'] = "ó",
		['s' - 'a'] = "ś", ['z' - 'a'] = "ż",
	};
	struct dict_alt pos[MAXTOKEN];
	const char *u;
	size_t i, n, np = 0, k;
	int any = 0;

	if (w == NULL) {
		buf_release(&key);
		return -1;
	}
	/* A word is looked up folded when it is read for evidence, and
	 * again as a type, once for each way it is typed: remember where
	 * nothing was found (unknown words mostly, which walk the most). */
	buf_reset(&key);
	buf_addc(&key, capital ? 'C' : 'c');
	buf_add(&key, w, len);
	id = strtab_intern(&foldmemo, key.data, key.len, &isnew);
	if (id >= fmcap) {
		fmcap = fmcap ? fmcap * 2 : 4096;
		fmv = xreallocarray(fmv, fmcap, sizeof(*fmv));
	}
	fmlast = id;
	if (isnew) {
		fmv[id].n = 2;
		fmv[id].taken = 0;
	} else if (fmv[id].n <= 0 || fmv[id].taken)
		return fmv[id].n;
	for (i = 0; i < len; i += n) {
		n = u8len((unsigned char)w[i]);
		if (i + n > len)
			return fmv[id].n = -1;
		pos[np].n = 1;
		pos[np].s[0] = w + i;
		pos[np].len[0] = (unsigned char)n;
		if (n == 1 && w[i] >= 'a' && w[i] <= 'z' &&
		    alt[w[i] - 'a'] != NULL) {
			pos[np].s[pos[np].n] = alt[w[i] - 'a'];
			pos[np].len[pos[np].n++] = 2;
			if (w[i] == 'z') {
				pos[np].s[pos[np].n] = "ź";
				pos[np].len[pos[np].n++] = 2;
			}
			any = 1;
		}
		np++;
	}
	if (!any)
		return fmv[id].n = -1;
	if (capital) {
		/* Capitalise every spelling of the first letter. */
		static char capbuf[DICT_MAXALT][4];

		for (k = 0; k < (size_t)pos[0].n; k++) {
			if ((u = upper_of(pos[0].s[k], &n)) == NULL)
				return fmv[id].n = -1;
			memcpy(capbuf[k], u, n);
			pos[0].s[k] = capbuf[k];
			pos[0].len[k] = (unsigned char)n;
		}
	}
	if ((k = (size_t)dict_lookup_alt(dict, pos, np, MAXFOLDFORMS, r)) ==
	    (size_t)-1)
		glosy_die("%s", dict_error(dict));
	fmv[id].n = k > 0;
	return (int)k;
}

/*
 * fold_lookup() of the word uncapitalised into the candidates of t; -1,
 * 0 or more as it returns.  The candidates follow from the word alone, so
 * the first lookup's are kept and given to every later type of the word
 * (it is read for evidence, then as a type, once for each way it is
 * typed): the analyses of several spellings cost the most of all.
 */
static int
fold_take(struct type *t, const char *w, size_t len)
{
	struct fmemo *m;
	int n;

	if ((n = fold_lookup(w, len, 0, &dfold)) <= 0)
		return n;
	m = &fmv[fmlast];
	if (!m->taken) {
		take_from(t, n, w, len, &dfold);
		m->taken = 1;
		m->cand0 = t->cand0;
		m->ncand = t->ncand;
	}
	t->cand0 = m->cand0;
	t->ncand = m->ncand;
	return n;
}

/* fold_lookup() into the candidates of t; 0 when nothing was found or
 * looked up. */
static int
lookup_folded(struct type *t, const char *w, size_t len, int capital)
{
	int n = fold_lookup(w, len, capital, &dres);

	return n > 0 ? take_result(t, n, w, len) : 0;
}

static int
has_letter(const char *w, size_t len)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)w[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return 1;
		/* A rough test, enough to tell words from numbers, marks
		 * and emoji: two-byte sequences from U+00C0 are Latin, Greek,
		 * Cyrillic... letters mostly; of the three-byte ones
		 * U+0800-U+1FFF and U+3000-U+DFFF are scripts, while
		 * U+2000-U+2FFF are punctuation and symbols and U+E000 on
		 * private use and variation selectors.  Four-byte ones are
		 * emoji mostly. */
		if (c >= 0xc3 && c < 0xe0)
			return 1;
		if ((c >= 0xe0 && c <= 0xe1) || (c >= 0xe3 && c <= 0xed))
			return 1;
	}
	return 0;
}

static int
is_placeholder(const char *w, size_t len)
{
	return len >= 3 && w[0] == '<' && w[len - 1] == '>';
}

/*
 * The key of the stem of w[0..len), a word of language lang (Ukrainian or
 * one with a stemmer), in scratch: a byte of the language, then the stem.
 */
static void
stem_key(enum lang lang, const char *w, size_t len)
{
	const char *stem = w;
	size_t slen;

	if (lang == LANG_UK)
		slen = ukstem_len(w, len);
	else {
		stem = (const char *)sb_stemmer_stem(stemmer[lang],
		    (const sb_symbol *)w, (int)len);
		if (stem == NULL)
			glosy_die("out of memory");
		slen = (size_t)sb_stemmer_length(stemmer[lang]);
	}
	buf_reset(&scratch);
	buf_addc(&scratch, (int)lang);
	buf_add(&scratch, stem, slen);
}

/* Analyses a new type: fills its candidates or its final lemma. */
static void
analyse(struct type *t, const char *w, size_t len)
{
	const char *o;
	size_t olen;
	int n, f0, f1;

	t->lemma = -1;
	t->group = -1;
	t->term = 1;
	if (len > MAXTOKEN) {
		t->how = HOW_LONG;
		t->lemma = (int32_t)strtab_intern(&lemmas, w, len, NULL);
		return;
	}
	if (!has_letter(w, len) || is_placeholder(w, len)) {
		t->how = HOW_NONE;
		t->term = 0;
		t->lemma = (int32_t)strtab_intern(&lemmas, w, len, NULL);
		return;
	}
	if (t->lang != LANG_PL) {
		if (t->lang != LANG_UK && stemmer[t->lang] == NULL) {
			t->how = HOW_NONE;
			t->lemma = (int32_t)strtab_intern(&lemmas, w, len,
			    NULL);
			return;
		}
		/* The lemma is the commonest form of the stem's forms
		 * (choose_stemmed()): a word in the report, "beautiful",
		 * not "beauti". */
		t->how = t->lang == LANG_UK ? HOW_SUFFIX : HOW_SNOWBALL;
		stem_key(t->lang, w, len);
		t->group = (int32_t)strtab_intern(&sgroups, scratch.data,
		    scratch.len, NULL);
		return;
	}
	if ((o = lexset_get(overrides, w, len, &olen)) != NULL) {
		t->how = HOW_OVERRIDE;
		t->lemma = (int32_t)strtab_intern(&lemmas, o, olen, NULL);
		return;
	}
	/* In an answer typed without Polish letters, "sie" may be "się"
	 * and "sad" "sąd": every spelling competes in the vote.  The word
	 * as typed is one of the spellings, so when none is in the
	 * dictionary, it is not either. */
	f0 = -2;
	if (t->nodiac && (f0 = fold_take(t, w, len)) > 0) {
		t->how = HOW_DICT;
		return;
	}
	if (f0 != 0 && take_result(t, dict_lookup(dict, w, len, &dres), w,
	    len) > 0) {
		t->how = HOW_DICT;
		return;
	}
	/* Not in the dictionary as typed: an unknown word mostly (half the
	 * types), for which every lookup below is made.  The capitalised
	 * restored spellings include the word capitalised, so when none is
	 * a word, that lookup is skipped. */
	f1 = fold_lookup(w, len, 1, &dres);
	if (lookup_capital(t, w, len, f1 == 0) > 0) {
		t->how = HOW_CAPITAL;
		return;
	}
	n = f0 == -2 ? fold_take(t, w, len) : 0;
	if (n <= 0 && f1 > 0)
		n = lookup_folded(t, w, len, 1);
	if (n > 0) {
		t->how = HOW_FOLDED;
		return;
	}
	t->how = HOW_FALLBACK;
	t->group = (int32_t)strtab_intern(&groups, w, plstem_len(w, len),
	    NULL);
}

static struct strtab	 evid = STRTAB_INIT;	/* seen by evidence() */
static uint8_t		*evidv;
static size_t		 evidcap;

/* Is w[0..len) a sign of text typed without Polish letters: a word only
 * once they are restored ("wiecej"), or a function word then ("sie")?
 * Cached per token. */
static int
evidence(const char *w, size_t len)
{
	struct type tmp;
	size_t id, i;
	int isnew, exact, func = 0;

	id = strtab_intern(&evid, w, len, &isnew);
	if (id >= evidcap) {
		evidcap = evidcap ? evidcap * 2 : 1024;
		evidv = xrealloc(evidv, evidcap);
	}
	if (!isnew)
		return evidv[id];
	memset(&tmp, 0, sizeof(tmp));
	evidv[id] = 0;
	/* The restored spellings first: when none is a word, neither is
	 * the word as typed, and it is no evidence. */
	if (fold_take(&tmp, w, len) > 0) {
		if (dict_lookup(dict, w, len, &dres) < 0)
			glosy_die("%s", dict_error(dict));
		for (i = 0; i < dres.n; i++)
			if (tag_cls(dres.v[i].tags, dres.v[i].tagslen) ==
			    CL_FUNC)
				func = 1;
		exact = dres.n > 0;
		/* Unknown as typed, or a rare word as typed but a function
		 * word restored ("sie" is "si", a note, or "się"). */
		if (!exact)
			evidv[id] = 1;
		else if (!func)
			for (i = tmp.cand0; i < tmp.cand0 + tmp.ncand; i++)
				if (cands[i].restored && cands[i].cls ==
				    CL_FUNC)
					evidv[id] = 1;
	}
	return evidv[id];
}

/*
 * Is the answer s[0..len) typed without Polish letters?  It has none of
 * them, three or more words, and a word that is one only with Polish
 * letters restored, so "park i las" is no evidence but "wiecej zieleni"
 * is.
 */
static int
typed_without_diacritics(const char *s, size_t len)
{
	static const unsigned char foldable[256] = {
		['a'] = 1, ['c'] = 1, ['e'] = 1, ['l'] = 1, ['n'] = 1,
		['o'] = 1, ['s'] = 1, ['z'] = 1
	};
	size_t i, words = 0, start = 0;
	int inword = 0, ev = 0, cand = 0;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		/* ą ć ę ł ń ś ź ż start with 0xc4 or 0xc5, ó is 0xc3 0xb3 */
		if (c == 0xc4 || c == 0xc5 || (c == 0xc3 && i + 1 < len &&
		    (unsigned char)s[i + 1] == 0xb3))
			return 0;
	}
	for (i = 0; i <= len; i++) {
		c = i < len ? (unsigned char)s[i] : ' ';
		if (c == ' ') {
			if (inword && cand && !ev && i - start <= MAXTOKEN)
				ev = evidence(s + start, i - start);
			inword = cand = 0;
			continue;
		}
		if (!inword) {
			start = i;
			inword = 1;
			if (c >= 'a' && c <= 'z')
				words++;
		}
		if (foldable[c])
			cand = 1;
	}
	return words >= 3 && ev;
}

/*
 * The Polish stopwords again, for --lang auto, which asks about every
 * token: an open-addressing set hashed eight bytes at a time, the words
 * owned by stops.
 */
static struct stopslot {
	uint64_t	 h;
	const char	*s;	/* NULL when empty */
	size_t		 len;
}			*stopv;
static size_t		 nstopv, stopmax;

static uint64_t	type_hash(int, const char *, size_t);

static void
stopset_build(void)
{
	size_t i, j, n = stops != NULL ? stops->keys.n : 0;

	for (nstopv = 64; nstopv < 4 * n; nstopv *= 2)
		;
	stopv = xcalloc(nstopv, sizeof(*stopv));
	for (i = 0; i < n; i++) {
		uint64_t h = type_hash(0, stops->keys.key[i],
		    stops->keys.keylen[i]);

		for (j = h & (nstopv - 1); stopv[j].s != NULL;
		    j = (j + 1) & (nstopv - 1))
			;
		stopv[j].h = h;
		stopv[j].s = stops->keys.key[i];
		stopv[j].len = stops->keys.keylen[i];
		if (stopv[j].len > stopmax)
			stopmax = stopv[j].len;
	}
}

static int
ispl_stop(const char *w, size_t len, void *arg)
{
	uint64_t h;
	size_t j;

	if (len > stopmax)
		return 0;
	h = type_hash(0, w, len);
	for (j = h & (nstopv - 1); stopv[j].s != NULL;
	    j = (j + 1) & (nstopv - 1))
		if (stopv[j].h == h && stopv[j].len == len &&
		    memcmp(stopv[j].s, w, len) == 0)
			return 1;
	return 0;
}

/*
 * Is the token w[0..len) of an answer in language lang one the vote
 * counts: a word of Polish or of a language with a stemmer?  Only those
 * go into a tally.
 */
static int
tallied(enum lang lang, const char *w, size_t len)
{
	return (lang == LANG_PL || lang == LANG_UK || stemmer[lang] != NULL) &&
	    len <= MAXTOKEN && has_letter(w, len) && !is_placeholder(w, len);
}

static void	settle(struct type *, const char *, size_t);

/*
 * The hash of the key of a type: the language byte c, then the token
 * w[0..len), eight bytes at a time.  The index of types (tslot) uses it
 * instead of the string table's own hash, which reads a byte at a time:
 * every token of the input is looked up here.
 */
static uint64_t
type_hash(int c, const char *w, size_t len)
{
	uint64_t h = ((uint64_t)c << 56 | len) * 0x9e3779b97f4a7c15ULL, x;

	for (; len >= 8; w += 8, len -= 8) {
		memcpy(&x, w, 8);
		h = (h ^ x) * 0xff51afd7ed558ccdULL;
		h ^= h >> 31;
	}
	if (len > 0) {
		/* Byte by byte: a memcpy() of a variable length is a call. */
		for (x = 0; len > 0; len--)
			x = x << 8 | (unsigned char)w[len - 1];
		h = (h ^ x) * 0xc4ceb9fe1a85ec53ULL;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ h >> 32;
}

/* The type of key c (language and nodiac flag) and word w[0..len), or -1
 * when there is none yet; h is type_hash() of them. */
static long
type_find(int c, const char *w, size_t len, uint64_t h)
{
	size_t i, id, mask = ntslot - 1;
	uint32_t e;

	/* Open addressing: a slot holds the id + 1 of a type and the high
	 * half of its hash, so most probes read no key. */
	for (i = ntslot ? (size_t)h & mask : 0; ntslot > 0 &&
	    (e = tslot[i].id) != 0; i = (i + 1) & mask) {
		if (tslot[i].h != (uint32_t)(h >> 32))
			continue;
		id = e - 1;
		if (tkey[id].len == len + 1 &&
		    (unsigned char)tkey[id].s[0] == c &&
		    memcmp(tkey[id].s + 1, w, len) == 0)
			return (long)id;
	}
	return -1;
}

/*
 * Returns the type of the token w[0..len) of an answer in language lang,
 * adding n to its count.  With --votes a new type is analysed at once and,
 * met while streaming (n is 0 then), it also gets its lemma; a one-pass
 * run analyses its types when all are in (analyse_all()).
 */
static size_t
type_of(enum lang lang, int nodiac, const char *w, size_t len, uint64_t n)
{
	int c = (int)lang | (nodiac ? 0x80 : 0);
	uint64_t h = type_hash(c, w, len);
	size_t i, id, mask = ntslot - 1;
	long found;
	int isnew;

	if ((found = type_find(c, w, len, h)) >= 0) {
		id = (size_t)found;
		goto found;
	}
	buf_reset(&scratch);
	buf_addc(&scratch, c);
	buf_add(&scratch, w, len);
	id = strtab_intern(&types, scratch.data, scratch.len, &isnew);
	assert(isnew);
	if ((types.n + 1) * 2 > ntslot) {
		size_t j, k, nold = ntslot;
		struct tslot *old = tslot;

		ntslot = ntslot ? ntslot * 2 : 4096;
		tslot = xcalloc(ntslot, sizeof(*tslot));
		mask = ntslot - 1;
		for (j = 0; j < nold; j++) {
			if (old[j].id == 0)
				continue;
			k = (size_t)tkey[old[j].id - 1].h & mask;
			while (tslot[k].id != 0)
				k = (k + 1) & mask;
			tslot[k] = old[j];
		}
		free(old);
	}
	for (i = (size_t)h & mask; tslot[i].id != 0; i = (i + 1) & mask)
		;
	tslot[i].id = (uint32_t)id + 1;
	tslot[i].h = (uint32_t)(h >> 32);
	if (id >= tcap) {
		tcap = tcap ? tcap * 2 : 4096;
		tv = xreallocarray(tv, tcap, sizeof(*tv));
		tkey = xreallocarray(tkey, tcap, sizeof(*tkey));
	}
	tkey[id].h = h;
	tkey[id].s = types.key[id];
	tkey[id].len = types.keylen[id];
	memset(&tv[id], 0, sizeof(tv[id]));
	tv[id].lang = (uint8_t)lang;
	tv[id].nodiac = (uint8_t)nodiac;
	if (mode == MODE_VOTES)
		analyse(&tv[id], w, len);
	if (streaming)
		settle(&tv[id], w, len);
found:
	if (tv[id].count > UINT64_MAX - n)
		glosy_die("count of '%.*s' too large", (int)len, w);
	tv[id].count += n;
	return id;
}

/*
 * Analyses the types of a one-pass run, in order, once the input is read,
 * so that the reading keeps the type table in the processor's caches and
 * the dictionary walks keep theirs.
 */
static void
analyse_all(void)
{
	size_t i;

	for (i = 0; i < types.n; i++)
		analyse(&tv[i], types.key[i] + 1, types.keylen[i] - 1);
}

/*
 * Breaks a tie of support between candidates a and b: is a better?  A
 * lemma that is the form itself ("ile": ile, not ił; "pół": pół, not poła:
 * the citation form is the likelier reading), then the word class, then
 * (in an answer typed without Polish letters) a restored
 * spelling, then a lemma that starts the form ("lasy": las, not lasa),
 * then the lemma whose length is nearest the form's ("Krakowie": Kraków,
 * not Krak; a capitalised form starts no folded lemma).
 */
static int
tie_better(const struct cand *a, const struct cand *b)
{
	if (a->self != b->self)
		return a->self > b->self;
	if (a->cls != b->cls)
		return a->cls < b->cls;
	if (a->restored != b->restored)
		return a->restored > b->restored;
	if (a->prefix != b->prefix)
		return a->prefix > b->prefix;
	return a->dlen < b->dlen;
}

/* The weight of a gerund's verb against a noun of the same form: the verb
 * needs twice the noun's support to win. */
#define GERWEIGHT	0.5

/*
 * The support of candidate c of type t in the vote.  A gerund's verb is
 * weighed down when the form is also a noun: "mieszkania" is mostly the
 * flats, not the living, though "mieszkać" has many more forms.
 */
static double
score(const struct type *t, const struct cand *c, const double *sup)
{
	size_t j;

	if (c->cls != CL_GER)
		return sup[c->lemma];
	for (j = 0; j < t->ncand; j++)
		if (cands[t->cand0 + j].cls == CL_SUBST)
			return sup[c->lemma] * GERWEIGHT;
	return sup[c->lemma];
}

static double		*sup;		/* per lemma: its support */
static double		*supform;	/* the part from no selfword() */
static size_t		 nsup;
static int32_t		*grouplemma;	/* per fallback group: its lemma */
static size_t		 ngrouplemma;

/*
 * The candidate of type t that is an uninflected word (preposition,
 * conjunction, particle, adverb) and its own lemma, or -1; none when a
 * candidate is a pronoun ("im", "nim": pronoun forms too).
 */
static long
selfword(const struct type *t)
{
	const struct cand *c;
	size_t j;

	for (j = 0; j < t->ncand; j++)
		if (cands[t->cand0 + j].cls == CL_PRON)
			return -1;
	for (j = 0; j < t->ncand; j++) {
		c = &cands[t->cand0 + j];
		if ((c->cls == CL_FUNC || c->cls == CL_ADV) && c->self)
			return (long)j;
	}
	return -1;
}

/*
 * Sums the support of every lemma over the types so far.  The support of
 * a lemma is the number of tokens that may have it, a token with k
 * candidate lemmas giving 1/k to each.  The sum runs in type order, which
 * a tally keeps, so that --votes adds the same numbers in the same order.
 */
static void
support(void)
{
	size_t i, j;
	struct type *t;
	int form;

	free(sup);
	free(supform);
	nsup = lemmas.n;
	sup = xcalloc(nsup ? nsup : 1, sizeof(*sup));
	supform = xcalloc(nsup ? nsup : 1, sizeof(*supform));
	for (i = 0; i < types.n; i++) {
		t = &tv[i];
		if (t->lemma >= 0) {
			if (t->how == HOW_OVERRIDE)
				sup[t->lemma] += (double)t->count;
			continue;
		}
		form = selfword(t) < 0;
		for (j = 0; j < t->ncand; j++) {
			double n = (double)t->count / t->ncand;

			sup[cands[t->cand0 + j].lemma] += n;
			if (form)
				supform[cands[t->cand0 + j].lemma] += n;
		}
	}
}

/*
 * Chooses the lemma of type t, which has candidates, by the support: the
 * best supported candidate wins, ties go to the better ranked word class,
 * then to dictionary order.
 */
static void
decide(struct type *t)
{
	struct cand *c = NULL, *win;
	double best;
	size_t j;
	long sw;
	int tie = 0;

	if (nsup < lemmas.n) {
		/* Lemmas first met while streaming have no support. */
		sup = xreallocarray(sup, lemmas.n, sizeof(*sup));
		memset(sup + nsup, 0, (lemmas.n - nsup) * sizeof(*sup));
		supform = xreallocarray(supform, lemmas.n, sizeof(*supform));
		memset(supform + nsup, 0, (lemmas.n - nsup) *
		    sizeof(*supform));
		nsup = lemmas.n;
	}
	win = &cands[t->cand0];
	/* An uninflected word that is its own lemma is that word: "nie" is
	 * not a form of "on", nor "potem" of "pot".  Unless another lemma
	 * has more support from its other forms than this form has tokens:
	 * "miast" is rarely "instead", mostly the genitive of "miasto".
	 * Forms that are such words themselves give no support here, so
	 * that "jak" and "jako" do not make each other forms of "jaka",
	 * nor "jak" typed without Polish letters a form of it because of
	 * the "jak" of the other answers. */
	if ((sw = selfword(t)) >= 0 && t->ncand > 1) {
		c = &cands[t->cand0 + sw];
		for (j = 0; j < t->ncand; j++) {
			struct cand *o = &cands[t->cand0 + j];

			if (o->lemma != c->lemma && supform[o->lemma] >
			    (double)t->count + 1e-9)
				break;
		}
	} else
		j = 0;
	if (sw >= 0 && j == t->ncand) {
		t->lemma = (int32_t)c->lemma;
		if (t->how == HOW_DICT)
			t->how = HOW_TAGS;
		if (c->restored && t->how != HOW_CAPITAL)
			t->how = HOW_FOLDED;
		return;
	}
	best = score(t, win, sup);
	for (j = 1; j < t->ncand; j++) {
		double sc;

		c = &cands[t->cand0 + j];
		sc = score(t, c, sup);
		/* Support is a sum of fractions: compare with a tolerance so
		 * ties are ties on every machine. */
		if (sc > best + 1e-9) {
			win = c;
			best = sc;
			tie = 0;
		} else if (sc > best - 1e-9) {
			tie = 1;
			if (tie_better(c, win))
				win = c;
		}
	}
	t->lemma = (int32_t)win->lemma;
	if (t->how == HOW_DICT && t->ncand > 1)
		t->how = tie ? HOW_TAGS : HOW_VOTE;
	if (win->restored && t->how != HOW_CAPITAL)
		t->how = HOW_FOLDED;
}

/* Chooses a lemma for every type with candidates. */
static void
choose(void)
{
	size_t i;

	support();
	for (i = 0; i < types.n; i++)
		if (tv[i].lemma < 0 && tv[i].ncand > 0)
			decide(&tv[i]);
}

/*
 * Gives the types of each group of gs (those member() is true of) one lemma:
 * the most frequent form among them; ties go to the shorter form, then to
 * the first seen.  With nom, a form that is the group's key or the key
 * plus a one-letter ending (a nominative, usually) comes first: the
 * fallback groups, whose key is a stem of the suffix stripper.  Returns
 * the lemma of each group (-1: no type), freeing old.
 */
static int32_t *
choose_forms(int (*member)(const struct type *), const struct strtab *gs,
    int nom, int32_t *old)
{
	size_t i, g, ng = gs->n, *bestid, k;
	uint64_t *bestn;
	int32_t *glemma;
	int *bestnom, isnom;
	struct type *t;

	free(old);
	glemma = xreallocarray(NULL, ng ? ng : 1, sizeof(*glemma));
	bestid = xcalloc(ng ? ng : 1, sizeof(*bestid));
	bestn = xcalloc(ng ? ng : 1, sizeof(*bestn));
	bestnom = xcalloc(ng ? ng : 1, sizeof(*bestnom));
	for (i = 0; i < types.n; i++) {
		t = &tv[i];
		if (!member(t))
			continue;
		g = (size_t)t->group;
		k = types.keylen[i] - 1;
		isnom = nom && k <= gs->keylen[g] + 1;
		if (bestn[g] == 0 || isnom > bestnom[g] ||
		    (isnom == bestnom[g] && (t->count > bestn[g] ||
		    (t->count == bestn[g] && k < types.keylen[bestid[g]] - 1)))) {
			bestid[g] = i;
			bestn[g] = t->count;
			bestnom[g] = isnom;
		}
	}
	for (g = 0; g < ng; g++)
		glemma[g] = bestn[g] == 0 ? -1 : (int32_t)strtab_intern(
		    &lemmas, types.key[bestid[g]] + 1,
		    types.keylen[bestid[g]] - 1, NULL);
	for (i = 0; i < types.n; i++) {
		t = &tv[i];
		if (member(t))
			t->lemma = glemma[t->group];
	}
	free(bestid);
	free(bestn);
	free(bestnom);
	return glemma;
}

static int
fallback(const struct type *t)
{
	return t->how == HOW_FALLBACK;
}

/* Is t a word of another language, grouped by its stem (sgroups)? */
static int
stemmed(const struct type *t)
{
	return t->how == HOW_SNOWBALL || t->how == HOW_SUFFIX;
}

/* The lemmas of the unknown Polish words the suffix stripper groups. */
static void
choose_fallback(void)
{
	grouplemma = choose_forms(fallback, &groups, 1, grouplemma);
	ngrouplemma = groups.n;
}

/* The lemmas of the words of each stem of another language. */
static void
choose_stemmed(void)
{
	sgrouplemma = choose_forms(stemmed, &sgroups, 0, sgrouplemma);
	nsgrouplemma = sgroups.n;
}

/*
 * Decides the lemma of type t, token w[0..len), first met while
 * streaming, so not in the tallies (made from other input, or with other
 * options).  By the tallies' support alone, never by what else the input
 * holds, so that the decision is the same in every shard: the lemma of a
 * known stem group for an unknown word, else the word itself.
 */
static void
settle(struct type *t, const char *w, size_t len)
{
	if (tallied(t->lang, w, len))
		nmissing++;
	if (fallback(t) || stemmed(t)) {
		const int32_t *gl = fallback(t) ? grouplemma : sgrouplemma;
		size_t ngl = fallback(t) ? ngrouplemma : nsgrouplemma;

		/* A group the tallies did not have: the form itself. */
		if ((size_t)t->group < ngl && gl[t->group] >= 0)
			t->lemma = gl[t->group];
		else
			t->lemma = (int32_t)strtab_intern(&lemmas, w, len,
			    NULL);
	} else if (t->lemma < 0 && t->ncand > 0)
		decide(t);
}

/* The Polish term the stem of t translates to, or NULL. */
static const char *
translation(const struct type *t)
{
	long id;

	if (trans.n == 0)
		return NULL;
	id = strtab_find(&trans, sgroups.key[t->group],
	    sgroups.keylen[t->group]);
	return id < 0 ? NULL : transval[id];
}

static const char *
lemma_str(size_t type, size_t *len)
{
	int32_t l = tv[type].lemma;

	*len = lemmas.keylen[l];
	return lemmas.key[l];
}

static int
is_stop(enum lang lang, const char *s, size_t len)
{
	if (lang == LANG_EN)
		return lang_en_stopword(s, len) ||
		    lexset_has(stops_en, s, len);
	if (lang == LANG_PL)
		return lexset_has(stops, s, len);
	if (lang == LANG_UK)
		return lexset_has(stops_uk, s, len);
	if (lang == LANG_RU)
		return lexset_has(stops_ru, s, len);
	return 0;
}

/* Appends t to the space-separated list b. */
static void
add_word(struct buf *b, const char *t, size_t n)
{
	if (b->len > 0)
		buf_addc(b, ' ');
	buf_add(b, t, n);
}

/*
 * Fills the term fields of type t (with its lemma chosen): what the token
 * gives to terms when no phrase takes it.  A token without letters is no
 * term unless a synonym makes it one ("🚲 -> rower"); a stopword stays out
 * unless it is part of a phrase, and so does a synonym that is one.
 */
static void
term_of(struct type *t, size_t id)
{
	const char *s, *syn;
	size_t len, sl;
	int stop;

	s = lemma_str(id, &len);
	t->ls = s;
	t->ll = (uint32_t)len;
	t->cached = 1;
	t->tflags = 0;
	t->phead = 0;
	if (t->lang == LANG_PL)
		syn = lexset_get(syns, s, len, &sl);
	else if (stemmed(t) && (syn = translation(t)) != NULL)
		sl = strlen(syn);
	else
		syn = NULL;
	if (!t->term) {
		if (syn != NULL) {
			t->tflags = TERM_SYNONYM | TERM_ADD;
			t->ts = syn;
			t->tlen = (uint32_t)sl;
		}
		return;
	}
	/* lexset_phrase() finds nothing unless the lemma alone is a key of
	 * the set, a phrase's first lemma. */
	t->phead = t->lang == LANG_PL && phrases != NULL && len > 0 &&
	    len <= 255 && strtab_find(&phrases->keys, s, len) >= 0;
	stop = is_stop(t->lang, s, len);
	/* The Russian and Ukrainian lists hold stems too ("больш"). */
	if (!stop && stemmed(t))
		stop = is_stop(t->lang, sgroups.key[t->group] + 1,
		    sgroups.keylen[t->group] - 1);
	if (syn != NULL) {
		t->tflags |= TERM_SYNONYM;
		if (!stop) {
			s = syn;
			len = sl;
			stop = is_stop(t->lang, s, len);
		}
	}
	if (stop)
		t->tflags |= TERM_STOP;
	else {
		t->tflags |= TERM_ADD;
		t->ts = s;
		t->tlen = (uint32_t)len;
	}
}

/*
 * Fills lem, terms and (with --explain) ex for an answer in language lang
 * whose tokens have the types tk[0..n).
 */
static void
row_out(const uint32_t *tk, size_t n, enum lang lang, struct buf *lem,
    struct buf *terms, struct buf *ex)
{
	static struct field *wv;
	static size_t wcap, fcap;
	static uint8_t *flags;
	const char *s, *syn, *ph;
	size_t i, len, sl, used, tl, j;
	struct type *t;

	buf_reset(lem);
	buf_reset(terms);
	buf_reset(ex);
	if (n > wcap) {
		wcap = n;
		wv = xreallocarray(wv, wcap, sizeof(*wv));
	}
	if (n > fcap) {
		fcap = n;
		flags = xrealloc(flags, fcap);
	}
	if (tk == NULL) {
		/* The end: free the buffers. */
		free(wv);
		free(flags);
		wv = NULL;
		flags = NULL;
		wcap = fcap = 0;
		return;
	}
	for (i = 0; i < n; i++) {
		t = &tv[tk[i]];
		if (!t->cached)
			term_of(t, tk[i]);
		add_word(lem, t->ls, t->ll);
		wv[i].s = t->ls;
		wv[i].len = t->ll;
		flags[i] = 0;
	}
	for (i = 0; i < n;) {
		t = &tv[tk[i]];
		ph = NULL;
		if (t->phead)
			ph = lexset_phrase(phrases, wv + i, n - i, &used, &tl);
		if (ph == NULL) {
			flags[i] |= t->tflags & (TERM_SYNONYM | TERM_STOP);
			if (t->tflags & TERM_ADD)
				add_word(terms, t->ts, t->tlen);
			i++;
			continue;
		}
		for (j = 0; j < used; j++)
			flags[i + j] |= TERM_PHRASE;
		s = ph;
		len = tl;
		if ((syn = lexset_get(syns, s, len, &sl)) != NULL) {
			flags[i] |= TERM_SYNONYM;
			s = syn;
			len = sl;
		}
		if (is_stop(lang, s, len))
			flags[i] |= TERM_STOP;
		else
			add_word(terms, s, len);
		i += used;
	}
	if (explain) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_addc(ex, ' ');
			buf_adds(ex, hownames[tv[tk[i]].how]);
			if (flags[i] & TERM_PHRASE)
				buf_adds(ex, "+phrase");
			if (flags[i] & TERM_SYNONYM)
				buf_adds(ex, "+synonym");
			if (flags[i] & TERM_STOP)
				buf_adds(ex, "+stop");
		}
	}
}

static struct lexset *
load_lexicon(const char *opt, const char *rel, enum lexset_kind kind)
{
	char err[1024], *path;
	struct lexset *ls;

	if (opt != NULL)
		path = xstrdup(opt);
	else if ((path = glosy_datafile(rel)) == NULL)
		return NULL;
	if ((ls = lexset_load(path, kind, err, sizeof(err))) == NULL)
		glosy_die("%s", err);
	free(path);
	return ls;
}

/*
 * Reads rel (uk/translations...), a synonyms lexicon from words of lang to
 * Polish terms, into trans under the stems of its words, as the answers'
 * words will be looked up.  Two words of one stem must not mean two
 * things.
 */
static void
load_translations(enum lang lang, const char *rel)
{
	struct lexset *ls;
	const char *w;
	char err[1024], *path;
	size_t i, len, id;
	int isnew;

	if ((path = glosy_datafile(rel)) == NULL)
		return;
	if ((ls = lexset_load(path, LEXSET_SYNONYMS, err, sizeof(err))) ==
	    NULL)
		glosy_die("%s", err);
	for (i = 0; i < ls->keys.n; i++) {
		if (ls->val[i] == NULL)
			continue;
		w = ls->keys.key[i];
		len = ls->keys.keylen[i];
		stem_key(lang, w, len);
		id = strtab_intern(&trans, scratch.data, scratch.len, &isnew);
		if (!isnew) {
			if (strcmp(transval[id], ls->val[i]) != 0)
				glosy_die("%s:%lu: '%s' -> '%s', but another "
				    "word of its stem '%.*s' -> '%s'", path,
				    ls->line[i], w, ls->val[i],
				    (int)scratch.len - 1, scratch.data + 1,
				    transval[id]);
			continue;
		}
		if (id >= ntransval) {
			ntransval = ntransval ? ntransval * 2 : 256;
			transval = xreallocarray(transval, ntransval,
			    sizeof(*transval));
		}
		transval[id] = xstrdup(ls->val[i]);
	}
	lexset_free(ls);
	free(path);
}

static enum lang
lang_byname(const char *name)
{
	if (strcmp(name, "pl") == 0 || strcmp(name, "polish") == 0 ||
	    strcmp(name, "auto") == 0)
		return LANG_PL;
	if (strcmp(name, "uk") == 0 || strcmp(name, "ukrainian") == 0)
		return LANG_UK;
	if (strcmp(name, "en") == 0 || strcmp(name, "eng") == 0 ||
	    strcmp(name, "english") == 0)
		return LANG_EN;
	if (strcmp(name, "ru") == 0 || strcmp(name, "rus") == 0 ||
	    strcmp(name, "russian") == 0)
		return LANG_RU;
	return LANG_OTHER;
}

static const char	**tw;		/* row_lang(): the tokens of a row */
static size_t		 *tl, twcap;

/*
 * The language of the answer whose tokens are s[0..len): the one of
 * --lang, or with --lang auto the one guessed for the answer.
 */
static enum lang
row_lang(const char *s, size_t len, enum lang fixed, int autolang)
{
	const char *e = s + len, *p;
	enum lang lang = fixed;
	size_t n = 0;

	if (autolang) {
		for (p = s; p < e;) {
			while (p < e && *p == ' ')
				p++;
			if (p == e)
				break;
			if (n == twcap) {
				twcap = twcap ? twcap * 2 : 64;
				tw = xreallocarray(tw, twcap, sizeof(*tw));
				tl = xreallocarray(tl, twcap, sizeof(*tl));
			}
			tw[n] = p;
			while (p < e && *p != ' ')
				p++;
			tl[n] = (size_t)(p - tw[n]);
			n++;
		}
		lang = lang_guess(tw, tl, n, ispl_stop, NULL);
	}
	if (lang == LANG_UK || lang == LANG_RU || lang == LANG_EN) {
		if (stemmer[lang] == NULL && lang != LANG_UK)
			lang = LANG_PL;
	} else if (fixed == LANG_OTHER)
		lang = LANG_OTHER;
	if (lang == LANG_PL && dict == NULL)
		lang = fixed;
	return lang;
}

/*
 * Appends to *v (n of them, room for *cap) the types of the tokens
 * s[0..len) of an answer in language lang, each counted k times; while
 * tallying, only the tokens a tally holds.  Returns the new n.
 */
static size_t
row_types(const char *s, size_t len, enum lang lang, int nodiac,
    uint64_t k, uint32_t **v, size_t n, size_t *cap)
{
	const char *e = s + len, *p = s, *w;
	size_t wl;

	while ((w = record_word(&p, e, &wl)) != NULL) {
		if (mode == MODE_TALLY) {
			if (tallied(lang, w, wl))
				(void)type_of(lang, nodiac, w, wl, k);
			continue;
		}
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 1024;
			*v = xreallocarray(*v, *cap, sizeof(**v));
		}
		(*v)[n++] = (uint32_t)type_of(lang, nodiac, w, wl, k);
	}
	return n;
}

/*
 * Adds the tallies files[0..n) to the types, in the order in which their
 * keys first appear; a key may come again (several tallies concatenated),
 * and so may the header line.  With use 0 (no Polish dictionary, so no
 * Polish answers) their Polish words are only checked.  A tally without
 * a lang column holds Polish words only.
 */
static void
load_tallies(int n, char **files, int use)
{
	struct records t;
	const char *k, *v, *errstr;
	size_t klen, vlen, hlen;
	long long c;
	int ckey, cnd, ccount, clang, nodiac;
	enum lang lang = LANG_PL;

	records_open(&t, n, files);
	records_readonly(&t);
	ckey = records_need(&t, "key");
	cnd = records_need(&t, "nodiac");
	ccount = records_need(&t, "count");
	clang = records_col(&t, "lang");
	hlen = strlen(t.hdrline);
	while (records_next(&t)) {
		if (t.linelen == hlen && memcmp(t.line, t.hdrline, hlen) == 0)
			continue;
		if (clang >= 0) {
			v = records_get(&t, clang, &vlen);
			for (lang = LANG_PL; lang <= LANG_OTHER; lang++)
				if (strcmp(v, tallyname[lang]) == 0)
					break;
			if (lang > LANG_OTHER)
				glosy_die("%s:%lu: bad lang '%.*s'", t.fname,
				    t.lineno, (int)(vlen > 64 ? 64 : vlen), v);
			if (lang != LANG_PL && lang != LANG_UK &&
			    stemmer[lang] == NULL)
				glosy_die("%s:%lu: lang '%s': not stemmed with "
				    "these options (--lang)", t.fname,
				    t.lineno, tallyname[lang]);
		}
		k = records_get(&t, ckey, &klen);
		if (!tallied(lang, k, klen) || memchr(k, ' ', klen) != NULL)
			glosy_die("%s:%lu: bad key '%.*s': not a word token",
			    t.fname, t.lineno,
			    (int)(klen > 64 ? 64 : klen), k);
		v = records_get(&t, cnd, &vlen);
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			glosy_die("%s:%lu: nodiac is '%.*s', not 0 or 1",
			    t.fname, t.lineno, (int)(vlen > 64 ? 64 : vlen), v);
		nodiac = v[0] == '1';
		v = records_get(&t, ccount, &vlen);
		c = glosy_strtonum(v, 1, LLONG_MAX, &errstr);
		if (errstr != NULL)
			glosy_die("%s:%lu: count is %s: '%.*s'", t.fname,
			    t.lineno, errstr, (int)(vlen > 64 ? 64 : vlen), v);
		if (use || lang != LANG_PL)
			(void)type_of(lang, nodiac, k, klen, (uint64_t)c);
	}
	records_close(&t);
}

/* Writes the tally: the types in order of first appearance. */
static void
write_tally(void)
{
	size_t i;

	fputs("key\tnodiac\tcount\tlang\n", stdout);
	for (i = 0; i < types.n; i++) {
		record_put(stdout, types.key[i] + 1, types.keylen[i] - 1);
		printf("\t%d\t%" PRIu64 "\t%s\n", tv[i].nodiac, tv[i].count,
		    tallyname[tv[i].lang]);
	}
}

/*
 * A one-pass run knows its rows by their tokens field (as escaped in the
 * line): a repeated answer (a copy, "nie wiem") takes the language, the
 * evidence and the types of its first copy, which follow from the tokens
 * alone.  Open addressing on type_hash(); a slot holds a row index + 1.
 */
static struct rowslot {
	uint32_t	 h;		/* the low half of the hash */
	uint32_t	 row;
}			*rowv;
static size_t		 nrowv, nrowin;

/* The first row of rows whose tokens field is f (hash h), or -1. */
static long
row_seen(uint64_t h, const struct field *f, const struct row *rows,
    struct spool *raws)
{
	const struct row *r;
	size_t i;

	if (nrowv == 0)
		return -1;
	for (i = h & (nrowv - 1); rowv[i].row != 0; i = (i + 1) & (nrowv - 1)) {
		if (rowv[i].h != (uint32_t)h)
			continue;
		r = &rows[rowv[i].row - 1];
		if (r->toklen == f->len && memcmp(spool_get(raws,
		    r->raw + r->tokoff, f->len), f->s, f->len) == 0)
			return (long)rowv[i].row - 1;
	}
	return -1;
}

static void
row_remember(uint64_t h, size_t row, const struct row *r)
{
	size_t i, j, nold = nrowv;
	struct rowslot *old = rowv;

	/* Rows past 4G, or lines of 4 GB, are not remembered. */
	if (row >= UINT32_MAX - 1 || r->rawlen >= UINT32_MAX)
		return;
	if ((nrowin + 1) * 2 > nrowv) {
		nrowv = nrowv ? nrowv * 2 : 1024;
		rowv = xcalloc(nrowv, sizeof(*rowv));
		for (j = 0; j < nold; j++) {
			if (old[j].row == 0)
				continue;
			for (i = old[j].h & (nrowv - 1); rowv[i].row != 0;
			    i = (i + 1) & (nrowv - 1))
				;
			rowv[i] = old[j];
		}
		free(old);
	}
	for (i = h & (nrowv - 1); rowv[i].row != 0; i = (i + 1) & (nrowv - 1))
		;
	rowv[i].h = (uint32_t)h;
	rowv[i].row = (uint32_t)row + 1;
	nrowin++;
}

int
main(int argc, char *argv[])
{
	struct records in;
	struct buf lem = BUF_INIT, terms = BUF_INIT, ex = BUF_INIT;
	struct spool raws;
	struct row *rows = NULL;
	struct field vals[3];
	uint32_t *toks = NULL;
	size_t nrows = 0, rowcap = 0, ntoks = 0, tokcap = 0, i;
	char err[1024], *path, **votes = NULL;
	int ch, col, autolang = 0, nodiac, nvotes = 0, tally = 0;
	enum lang fixed;

	glosy_setprogname(argv[0]);
	glosy_stdout_buffer();
	while ((ch = getopt_long(argc, argv, "ehl:O:P:S:VY:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'e':
			explain = 1;
			break;
		case 'h':
			usage(stdout, EXIT_SUCCESS);
		case 'l':
			langopt = optarg;
			break;
		case 'O':
			overfile = optarg;
			break;
		case 'P':
			phrasefile = optarg;
			break;
		case 'S':
			stopfile = optarg;
			break;
		case 't':
			tally = 1;
			break;
		case 'V':
			glosy_version();
		case 'v':
			votes = xreallocarray(votes, (size_t)nvotes + 1,
			    sizeof(*votes));
			votes[nvotes++] = optarg;
			break;
		case 'Y':
			synfile = optarg;
			break;
		default:
			usage(stderr, GLOSY_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (tally && nvotes > 0)
		glosy_die_usage("--tally and --votes exclude each other");
	/* Read in every mode, so that a bad value fails at once. */
	spool_init(&raws, "glosy-stem", spool_limit("GLOSY_STEM_MEM",
	    STEMMEM));
	if (tally) {
		mode = MODE_TALLY;
		explain = 0;	/* the same options serve both passes */
	} else if (nvotes > 0)
		mode = MODE_VOTES;
	for (i = 0; i < (size_t)nvotes; i++) {
		if (strcmp(votes[i], "-") != 0)
			continue;
		for (ch = 0; ch < argc && strcmp(argv[ch], "-") != 0; ch++)
			;
		if (argc == 0 || ch < argc)
			glosy_die_usage("--votes - reads the standard input, "
			    "and so does the input");
	}

	fixed = lang_byname(langopt);
	autolang = strcmp(langopt, "auto") == 0;
	/* English and Russian answers also lose their function words and
	 * take their translations, as with auto. */
	if (fixed == LANG_EN || fixed == LANG_RU || fixed == LANG_OTHER)
		if ((stemmer[fixed] = sb_stemmer_new(fixed == LANG_OTHER ?
		    langopt : sbname[fixed], "UTF_8")) == NULL)
			glosy_die_usage("unknown language '%s'", langopt);
	if (autolang) {
		for (i = LANG_EN; i <= LANG_RU; i++)
			if ((stemmer[i] = sb_stemmer_new(sbname[i], "UTF_8")) ==
			    NULL)
				glosy_die("no Snowball stemmer for '%s'",
				    sbname[i]);
	}
	if (fixed == LANG_PL) {
		if ((path = glosy_datafile("pl/polish.dict")) == NULL)
			glosy_die("no Polish dictionary 'pl/polish.dict': "
			    "install the Debian package "
			    "libmorfologik-stemming2-java and run make");
		if ((dict = dict_open(path, err, sizeof(err))) == NULL)
			glosy_die("%s", err);
		free(path);
		stops = load_lexicon(stopfile, "pl/stopwords", LEXSET_WORDS);
		syns = load_lexicon(synfile, "pl/synonyms", LEXSET_SYNONYMS);
		phrases = load_lexicon(phrasefile, "pl/phrases",
		    LEXSET_PHRASES);
		overrides = load_lexicon(overfile, "pl/lemma-overrides",
		    LEXSET_OVERRIDES);
	}
	stops_uk = load_lexicon(NULL, "uk/stopwords", LEXSET_WORDS);
	if (autolang)
		stopset_build();
	stops_ru = load_lexicon(NULL, "ru/stopwords", LEXSET_WORDS);
	stops_en = load_lexicon(NULL, "en/stopwords", LEXSET_WORDS);
	if (autolang || fixed == LANG_UK)
		load_translations(LANG_UK, "uk/translations");
	if (stemmer[LANG_EN] != NULL)
		load_translations(LANG_EN, "en/translations");
	if (stemmer[LANG_RU] != NULL)
		load_translations(LANG_RU, "ru/translations");

	if (mode == MODE_VOTES) {
		load_tallies(nvotes, votes, dict != NULL);
		choose();
		choose_fallback();
		choose_stemmed();
		streaming = 1;
	}

	records_open(&in, argc, argv);
	col = records_need(&in, "tokens");
	if (mode == MODE_TALLY)
		records_readonly(&in);
	else {
		records_add(&in, "lemmas");
		records_add(&in, "terms");
		if (explain)
			records_add(&in, "explain");
	}
	while (records_next(&in)) {
		const char *s;
		size_t len, n;
		enum lang lang;
		uint64_t h = 0;
		long seen;

		if (mode == MODE_ONE) {
			h = type_hash(0, in.raw[col].s, in.raw[col].len);
			if ((seen = row_seen(h, &in.raw[col], rows,
			    &raws)) >= 0) {
				struct row *r = &rows[(size_t)seen];

				if (nrows == rowcap) {
					rowcap *= 2;
					rows = xreallocarray(rows, rowcap,
					    sizeof(*rows));
					r = &rows[(size_t)seen];
				}
				rows[nrows] = *r;
				rows[nrows].raw = spool_add(&raws, in.line,
				    in.linelen);
				rows[nrows].rawlen = in.linelen;
				for (i = 0; i < r->ntok; i++)
					tv[toks[r->tok0 + i]].count++;
				nrows++;
				continue;
			}
		}
		s = records_get(&in, col, &len);
		lang = row_lang(s, len, fixed, autolang);
		nodiac = lang == LANG_PL && typed_without_diacritics(s, len);
		if (mode == MODE_VOTES) {
			/* Streaming: this row's types only, out at once. */
			n = row_types(s, len, lang, nodiac, 0, &toks, 0,
			    &tokcap);
			row_out(toks, n, lang, &lem, &terms, &ex);
			records_set(&in, 0, lem.data, lem.len);
			records_set(&in, 1, terms.data, terms.len);
			if (explain)
				records_set(&in, 2, ex.data, ex.len);
			records_emit(&in);
			continue;
		}
		if (mode == MODE_TALLY) {
			(void)row_types(s, len, lang, nodiac, 1, NULL, 0, NULL);
			continue;
		}
		if (nrows == rowcap) {
			rowcap = rowcap ? rowcap * 2 : 1024;
			rows = xreallocarray(rows, rowcap, sizeof(*rows));
		}
		rows[nrows].raw = spool_add(&raws, in.line, in.linelen);
		rows[nrows].rawlen = in.linelen;
		rows[nrows].tokoff = (uint32_t)(in.raw[col].s - in.line);
		rows[nrows].toklen = (uint32_t)in.raw[col].len;
		rows[nrows].lang = (uint8_t)lang;
		rows[nrows].tok0 = ntoks;
		n = row_types(s, len, lang, nodiac, 1, &toks, ntoks, &tokcap);
		rows[nrows].ntok = (uint32_t)(n - ntoks);
		ntoks = n;
		row_remember(h, nrows, &rows[nrows]);
		nrows++;
	}
	if (mode == MODE_TALLY)
		write_tally();
	else if (mode == MODE_ONE) {
		analyse_all();
		choose();
		choose_fallback();
		choose_stemmed();
		spool_done(&raws);
		for (i = 0; i < nrows; i++) {
			const struct row *r = &rows[i];

			row_out(toks + r->tok0, r->ntok, r->lang, &lem, &terms,
			    &ex);
			vals[0].s = lem.data;
			vals[0].len = lem.len;
			vals[1].s = terms.data;
			vals[1].len = terms.len;
			vals[2].s = ex.data;
			vals[2].len = ex.len;
			records_emit_saved(&in, spool_get(&raws, r->raw,
			    r->rawlen), r->rawlen, vals);
		}
	}
	records_close(&in);
	if (nmissing > 0)
		glosy_warn("%zu token type%s not in the tally", nmissing,
		    nmissing == 1 ? " was" : "s were");

	row_out(NULL, 0, LANG_PL, &lem, &terms, &ex);
	for (i = 0; i <= LANG_OTHER; i++)
		if (stemmer[i] != NULL)
			sb_stemmer_delete(stemmer[i]);
	lexset_free(stops);
	lexset_free(stops_uk);
	lexset_free(stops_ru);
	lexset_free(stops_en);
	lexset_free(syns);
	lexset_free(phrases);
	lexset_free(overrides);
	dict_close(dict);
	dict_result_release(&dres);
	dict_result_release(&dfold);
	strtab_release(&types);
	strtab_release(&lemmas);
	strtab_release(&groups);
	strtab_release(&sgroups);
	for (i = 0; i < trans.n; i++)
		free((char *)transval[i]);
	free(transval);
	strtab_release(&trans);
	free(sgrouplemma);
	strtab_release(&evid);
	strtab_release(&foldmemo);
	free(fmv);
	(void)fold_lookup(NULL, 0, 0, NULL);
	free(evidv);
	free(tv);
	free(stopv);
	free(tkey);
	free(rowv);
	free(tslot);
	free(cands);
	free(sup);
	free(supform);
	free(grouplemma);
	free(rows);
	free(toks);
	free(tw);
	free(tl);
	free(votes);
	spool_release(&raws);
	buf_release(&lem);
	buf_release(&terms);
	buf_release(&ex);
	buf_release(&scratch);
	return glosy_close_stdout();
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-ehV] [-l lang] [-O file] [-P file] "
	    "[-S file] [-Y file]\n"
	    "       [--tally | --votes file] [file ...]\n",
	    glosy_progname());
	if (status == EXIT_SUCCESS)
		fputs("\n"
		    "  -e, --explain         add a column 'explain': how each "
		    "lemma was chosen\n"
		    "  -l, --lang LANG       pl (default), auto, or a Snowball "
		    "language (english...)\n"
		    "  -O, --overrides FILE  lemma overrides (default "
		    "pl/lemma-overrides)\n"
		    "  -P, --phrases FILE    phrases (default pl/phrases)\n"
		    "  -S, --stopwords FILE  stopwords (default pl/stopwords)\n"
		    "  -Y, --synonyms FILE   synonyms (default pl/synonyms)\n"
		    "      --tally           write the counts the vote needs "
		    "instead of records\n"
		    "      --votes FILE      vote on the summed tallies "
		    "(repeatable), then stream\n"
		    "  -h, --help            show this help and exit\n"
		    "  -V, --version         show the version and exit\n", fp);
	else
		glosy_try_help();
	exit(status);
}
