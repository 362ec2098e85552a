/*
 * pattern.c - the pattern layer: loads a patterns lexicon, compiles it with
 * PCRE2 and applies it (personal-data redaction in glosy-normalize).  The
 * checks behind @check (PESEL, NRB/IBAN, Polish phone numbers, NIP, REGON,
 * identity-card numbers) live here too, since a regular expression cannot
 * compute a checksum.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "glosy.h"
#include "pattern.h"

/* Limits per pcre2_match() call; generous for real patterns, small enough
 * that catastrophic backtracking gives up within a fraction of a second. */
#define MATCH_LIMIT	5000000
#define DEPTH_LIMIT	100000
#define JIT_STACK_MAX	(1024 * 1024)

enum {
	CHECK_NONE, CHECK_PESEL, CHECK_NRB, CHECK_IBAN, CHECK_PHONE,
	CHECK_NIP, CHECK_REGON, CHECK_IDCARD, CHECK_LAST = CHECK_IDCARD
};
static const char *const checknames[] = {
	"", "pesel", "nrb", "iban", "phone", "nip", "regon", "idcard"
};

struct kind {
	char		*name;
	int		 check;
	unsigned long	 checkline;	/* line of its @check, or 0 */
	int		 keep;
	int		 npat;
};

struct pat {
	int		 kind;
	char		*repl;
	size_t		 repllen;
	unsigned long	 line;
	pcre2_code	*code;
	uint64_t	 first[4];	/* bytes a match can start with */
	int		 hasfirst;
	int		 req[2];	/* a byte every match holds, or -1 */
	uint64_t	 lit[4];	/* more bytes every match holds */
	int		 haslit;
	int		 needdigit;	/* every match holds an ASCII digit */
	size_t		 minlen;
	int		 jit;		/* JIT-compiled */
};

struct patterns {
	char		*path;
	struct pat	*pat;
	size_t		 npat;
	struct kind	*kind;
	int		 nkind;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack	*jit;
	struct buf	 x, y, w;
	int		 noprefilter;
	char		 err[512];
};

static int
kind_find(struct patterns *p, const char *name, int add)
{
	int i;

	for (i = 0; i < p->nkind; i++)
		if (strcmp(p->kind[i].name, name) == 0)
			return i;
	if (!add)
		return -1;
	p->kind = xreallocarray(p->kind, (size_t)p->nkind + 1,
	    sizeof(*p->kind));
	memset(&p->kind[p->nkind], 0, sizeof(*p->kind));
	p->kind[p->nkind].name = xstrdup(name);
	return p->nkind++;
}

static int
kind_valid(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
			return 0;
	return 1;
}

/* Sets of bytes are 256 bits in four words, so that the prefilter tests a
 * pattern against the bytes of a text in a few word operations. */
static void
setbit(uint64_t *set, int b)
{
	set[b >> 6] |= (uint64_t)1 << (b & 63);
}

static int
hasbit(const uint64_t *set, int b)
{
	return (set[b >> 6] >> (b & 63)) & 1;
}

static int
othercase(int b)
{
	if (b >= 'a' && b <= 'z')
		return b - 'a' + 'A';
	if (b >= 'A' && b <= 'Z')
		return b - 'A' + 'a';
	return b;
}

/* Reads what PCRE2 knows about the start and the required bytes of a
 * match, for the prefilter of patterns_apply(). */
static void
prefilter_info(struct pat *pt)
{
	const uint8_t *bitmap = NULL;
	uint32_t type = 0, unit = 0;
	size_t minlen = 0;
	int i;

	pt->hasfirst = 0;
	pt->req[0] = pt->req[1] = -1;
	if (pcre2_pattern_info(pt->code, PCRE2_INFO_FIRSTCODETYPE, &type) == 0
	    && type == 1 && pcre2_pattern_info(pt->code,
	    PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 0x80) {
		memset(pt->first, 0, sizeof(pt->first));
		setbit(pt->first, (int)unit);
		setbit(pt->first, othercase((int)unit));
		pt->hasfirst = 1;
	} else if (type == 0 && pcre2_pattern_info(pt->code,
	    PCRE2_INFO_FIRSTBITMAP, &bitmap) == 0 && bitmap != NULL) {
		/* PCRE2's bitmap has byte b in bit b % 8 of its byte b / 8. */
		memset(pt->first, 0, sizeof(pt->first));
		for (i = 0; i < 32; i++)
			pt->first[i >> 3] |= (uint64_t)bitmap[i] << 8 * (i & 7);
		pt->hasfirst = 1;
	}
	if (pcre2_pattern_info(pt->code, PCRE2_INFO_LASTCODETYPE, &type) == 0
	    && type == 1 && pcre2_pattern_info(pt->code,
	    PCRE2_INFO_LASTCODEUNIT, &unit) == 0 && unit < 0x80) {
		pt->req[0] = (int)unit;
		pt->req[1] = othercase((int)unit);
	}
	if (pcre2_pattern_info(pt->code, PCRE2_INFO_MINLENGTH, &minlen) == 0)
		pt->minlen = minlen;
}

static int
ispunct_ascii(int c)
{
	return c > 0x20 && c < 0x7f && !((c >= '0' && c <= '9') ||
	    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/*
 * Finds ASCII punctuation that every match must hold, from the pattern
 * source: literals at the top level (outside groups and classes) that no
 * quantifier makes optional, in a pattern without a top-level '|'.  PCRE2
 * reports only the last such code unit ('.' of "x@y.pl", not '@'), so this
 * adds the rest.  It is conservative: whatever it does not understand adds
 * nothing, and patterns with \Q or extended syntax get no literals.
 */

/* Returns the index of the ']' that closes the class opening at pat[i]
 * (or len); a ']' first in the class is a literal. */
static size_t
class_end(const char *pat, size_t len, size_t i)
{
	size_t j = i + 1;

	if (j < len && pat[j] == '^')
		j++;
	if (j < len && pat[j] == ']')
		j++;
	for (; j < len && pat[j] != ']'; j++)
		if (pat[j] == '\\')
			j++;
	return j;
}

static void
required_literals(struct pat *pt, const char *pat, size_t len)
{
	size_t i, j;
	int depth = 0, c, lit;

	memset(pt->lit, 0, sizeof(pt->lit));
	pt->haslit = 0;
	pt->needdigit = 0;
	for (i = 0; i < len; i++) {
		if (pat[i] == '\\' && i + 1 < len && pat[i + 1] == 'Q')
			return;
		if (pat[i] == '(' && i + 2 < len && pat[i + 1] == '?' &&
		    memchr("xJ", pat[i + 2], 2) != NULL)
			return;
	}
	for (i = 0; i < len; i++)
		if (pat[i] == '\\')
			i++;
		else if (pat[i] == '[')
			i = class_end(pat, len, i);
		else if (pat[i] == '(')
			depth++;
		else if (pat[i] == ')')
			depth--;
		else if (pat[i] == '|' && depth == 0)
			return;
	depth = 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)pat[i];
		lit = -1;
		if (c == '\\') {
			if (++i >= len)
				return;
			c = (unsigned char)pat[i];
			if (ispunct_ascii(c))
				lit = c;
			else if (i + 1 < len && (pat[i + 1] == '{' ||
			    pat[i + 1] == '<')) {
				/* \p{..}, \x{..}, \k<..>: skip the argument */
				while (i < len && pat[i] != '}' &&
				    pat[i] != '>')
					i++;
			}
		} else if (c == '[') {
			j = class_end(pat, len, i);
			/* [0-9] that no quantifier makes optional: a digit. */
			if (depth == 0 && j == i + 4 && j < len &&
			    memcmp(pat + i, "[0-9]", 5) == 0 && !(j + 1 < len &&
			    (pat[j + 1] == '?' || pat[j + 1] == '*' ||
			    (pat[j + 1] == '{' && j + 2 < len &&
			    (pat[j + 2] == '0' || pat[j + 2] == ',')))))
				pt->needdigit = 1;
			i = j;
		} else if (c == '{') {
			/* A quantifier {n,m}: its ',' is no literal. */
			while (i < len && pat[i] != '}')
				i++;
		} else if (c == '(') {
			depth++;
		} else if (c == ')') {
			depth--;
		} else if (depth == 0 && ispunct_ascii(c) &&
		    strchr(".^$*+?{}|", c) == NULL)
			lit = c;
		if (lit < 0 || depth != 0)
			continue;
		/* A quantifier that allows zero makes it optional. */
		if (i + 1 < len && (pat[i + 1] == '?' || pat[i + 1] == '*' ||
		    (pat[i + 1] == '{' && i + 2 < len && (pat[i + 2] == '0' ||
		    pat[i + 2] == ','))))
			continue;
		setbit(pt->lit, lit);
		pt->haslit = 1;
	}
}

static struct patterns *
load_fail(struct patterns *p, struct lexicon *lx, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s", lx->err);
	lexicon_close(lx);
	patterns_free(p);
	return NULL;
}

struct patterns *
patterns_load(const char *path, char *err, size_t errlen)
{
	struct patterns *p;
	struct lexicon lx;
	struct pat *pt;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE erroff;
	const char *pat, *arrow, *repl;
	size_t patlen;
	int i, k, errcode, c, rc;

	if (lexicon_open(&lx, path, LEXICON_RAW) < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	buf_init(&p->x);
	buf_init(&p->y);
	buf_init(&p->w);
	while ((rc = lexicon_next(&lx)) > 0) {
		if (lx.f[0][0] == '@') {
			if (strcmp(lx.f[0], "@check") != 0) {
				lexicon_error(&lx, "unknown directive '%s'",
				    lx.f[0]);
				return load_fail(p, &lx, err, errlen);
			}
			if (lx.nf != 3) {
				lexicon_error(&lx, "expected '@check KIND "
				    "pesel|nrb|iban|phone|nip|regon|idcard'");
				return load_fail(p, &lx, err, errlen);
			}
			for (c = CHECK_PESEL; c <= CHECK_LAST; c++)
				if (strcmp(lx.f[2], checknames[c]) == 0)
					break;
			if (c > CHECK_LAST) {
				lexicon_error(&lx, "unknown check '%s'",
				    lx.f[2]);
				return load_fail(p, &lx, err, errlen);
			}
			if (!kind_valid(lx.f[1])) {
				lexicon_error(&lx, "bad kind '%s'", lx.f[1]);
				return load_fail(p, &lx, err, errlen);
			}
			k = kind_find(p, lx.f[1], 1);
			if (p->kind[k].checkline != 0) {
				lexicon_error(&lx, "second @check for kind "
				    "'%s' (the first is on line %lu)",
				    lx.f[1], p->kind[k].checkline);
				return load_fail(p, &lx, err, errlen);
			}
			p->kind[k].check = c;
			p->kind[k].checkline = lx.lineno;
			continue;
		}
		if (!kind_valid(lx.f[0])) {
			lexicon_error(&lx, "bad kind '%s' (expected "
			    "lowercase letters and '_')", lx.f[0]);
			return load_fail(p, &lx, err, errlen);
		}
		if (lx.nf < 2) {
			lexicon_error(&lx, "missing pattern after kind '%s'",
			    lx.f[0]);
			return load_fail(p, &lx, err, errlen);
		}
		/* The pattern is the raw rest of the line, blanks and all,
		 * up to " => ". */
		pat = lx.text.data + strlen(lx.f[0]);
		while (*pat == ' ' || *pat == '\t')
			pat++;
		arrow = strstr(pat, " => ");
		patlen = arrow ? (size_t)(arrow - pat) : strlen(pat);
		repl = NULL;
		if (arrow != NULL) {
			repl = arrow + 4;
			while (*repl == ' ' || *repl == '\t')
				repl++;
			while (patlen > 0 && (pat[patlen - 1] == ' ' ||
			    pat[patlen - 1] == '\t'))
				patlen--;
			if (patlen == 0) {
				lexicon_error(&lx, "missing pattern before "
				    "'=>'");
				return load_fail(p, &lx, err, errlen);
			}
		} else if (lx.text.len >= 3 && strcmp(lx.text.data +
		    lx.text.len - 3, " =>") == 0) {
			lexicon_error(&lx, "missing replacement after '=>'");
			return load_fail(p, &lx, err, errlen);
		}
		p->pat = xreallocarray(p->pat, p->npat + 1, sizeof(*p->pat));
		pt = &p->pat[p->npat];
		memset(pt, 0, sizeof(*pt));
		pt->kind = kind_find(p, lx.f[0], 1);
		pt->line = lx.lineno;
		if (repl != NULL)
			pt->repl = xstrdup(repl);
		else {
			pt->repl = xmalloc(strlen(lx.f[0]) + 3);
			sprintf(pt->repl, "<%s>", lx.f[0]);
		}
		pt->repllen = strlen(pt->repl);
		pt->code = pcre2_compile((PCRE2_SPTR)pat, patlen,
		    PCRE2_UTF | PCRE2_UCP, &errcode, &erroff, NULL);
		if (pt->code == NULL) {
			free(pt->repl);
			pcre2_get_error_message(errcode, msg, sizeof(msg));
			lexicon_error(&lx, "bad pattern: %s at offset %zu of "
			    "'%.*s'", (char *)msg, (size_t)erroff, (int)patlen,
			    pat);
			return load_fail(p, &lx, err, errlen);
		}
		p->npat++;
		p->kind[pt->kind].npat++;
		/* JIT is an optimization: without it (no JIT support, or no
		 * executable memory) the interpreter matches the same. */
		pt->jit = pcre2_jit_compile(pt->code, PCRE2_JIT_COMPLETE) == 0;
		prefilter_info(pt);
		required_literals(pt, pat, patlen);
	}
	if (rc < 0)
		return load_fail(p, &lx, err, errlen);
	for (i = 0; i < p->nkind; i++)
		if (p->kind[i].npat == 0) {
			lx.lineno = p->kind[i].checkline;
			lexicon_error(&lx, "@check for kind '%s', which has "
			    "no patterns", p->kind[i].name);
			return load_fail(p, &lx, err, errlen);
		}
	lexicon_close(&lx);
	p->md = pcre2_match_data_create(1, NULL);
	p->mctx = pcre2_match_context_create(NULL);
	p->jit = pcre2_jit_stack_create(32 * 1024, JIT_STACK_MAX, NULL);
	if (p->md == NULL || p->mctx == NULL || p->jit == NULL)
		glosy_die("out of memory");
	pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
	pcre2_jit_stack_assign(p->mctx, NULL, p->jit);
	return p;
}

void
patterns_free(struct patterns *p)
{
	size_t i;
	int k;

	if (p == NULL)
		return;
	for (i = 0; i < p->npat; i++) {
		pcre2_code_free(p->pat[i].code);
		free(p->pat[i].repl);
	}
	for (k = 0; k < p->nkind; k++)
		free(p->kind[k].name);
	pcre2_jit_stack_free(p->jit);
	pcre2_match_context_free(p->mctx);
	pcre2_match_data_free(p->md);
	buf_release(&p->x);
	buf_release(&p->y);
	buf_release(&p->w);
	free(p->pat);
	free(p->kind);
	free(p->path);
	free(p);
}

size_t
patterns_count(const struct patterns *p)
{
	return p->npat;
}

int
patterns_nkinds(const struct patterns *p)
{
	return p->nkind;
}

const char *
patterns_kind(const struct patterns *p, int i)
{
	return i >= 0 && i < p->nkind ? p->kind[i].name : NULL;
}

int
patterns_keep(struct patterns *p, const char *kind)
{
	int k;

	if ((k = kind_find(p, kind, 0)) < 0)
		return -1;
	p->kind[k].keep = 1;
	return 0;
}

void
patterns_prefilter(struct patterns *p, int on)
{
	p->noprefilter = !on;
}

/* ---- checks ---- */

/* Collects the ASCII digits of s[ms..me) into d; returns their number, or
 * -1 when there are more than max. */
static int
digits(const char *s, size_t ms, size_t me, char *d, int max)
{
	int n = 0;

	for (; ms < me; ms++)
		if (s[ms] >= '0' && s[ms] <= '9') {
			if (n == max)
				return -1;
			d[n++] = (char)(s[ms] - '0');
		}
	return n;
}

int
pattern_check_pesel(const char *s, size_t len, size_t ms, size_t me)
{
	static const int w[10] = { 1, 3, 7, 9, 1, 3, 7, 9, 1, 3 };
	char d[11];
	int i, sum = 0;

	if (digits(s, ms, me, d, 11) != 11)
		return 0;
	for (i = 0; i < 10; i++)
		sum += w[i] * d[i];
	return (10 - sum % 10) % 10 == d[10];
}

static int
isletter_ascii(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Folds one IBAN character into the running mod-97 remainder. */
static unsigned
mod97(unsigned r, int c)
{
	if (c >= '0' && c <= '9')
		return (r * 10 + (unsigned)(c - '0')) % 97;
	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	return (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
}

static int
check_iban(const char *s, size_t ms, size_t me, int nrb)
{
	char a[40];
	size_t i;
	unsigned r = 0;
	int n = 0, j;

	for (i = ms; i < me; i++) {
		if (s[i] == ' ' || s[i] == '-' || s[i] == '\t')
			continue;
		if (!isletter_ascii(s[i]) && !(s[i] >= '0' && s[i] <= '9'))
			continue;	/* a no-break space, say */
		if (n == (int)sizeof(a) - 2)
			return 0;
		a[n++] = s[i];
	}
	if (nrb && n == 26) {
		for (j = 0; j < 26; j++)
			if (isletter_ascii(a[j]))
				return 0;
		memmove(a + 2, a, 26);
		a[0] = 'P';
		a[1] = 'L';
		n = 28;
	}
	if (n < 15 || n > 34 || !isletter_ascii(a[0]) ||
	    !isletter_ascii(a[1]) || a[2] < '0' || a[2] > '9' || a[3] < '0' ||
	    a[3] > '9')
		return 0;
	/* Country and check digits go to the end, letters count 10-35. */
	for (j = 4; j < n; j++)
		r = mod97(r, a[j]);
	for (j = 0; j < 4; j++)
		r = mod97(r, a[j]);
	return r == 1;
}

int
pattern_check_iban(const char *s, size_t len, size_t ms, size_t me)
{
	return check_iban(s, ms, me, 0);
}

int
pattern_check_nrb(const char *s, size_t len, size_t ms, size_t me)
{
	return check_iban(s, ms, me, 1);
}

static int
isdigit_ascii(int c)
{
	return c >= '0' && c <= '9';
}

/* The length of a blank at s[i]: ASCII space or tab, no-break space,
 * U+2000-U+200A, narrow no-break space; 0 if none. */
static size_t
blank_at(const char *s, size_t len, size_t i)
{
	const unsigned char *p = (const unsigned char *)s + i;

	if (i >= len)
		return 0;
	if (p[0] == ' ' || p[0] == '\t')
		return 1;
	if (p[0] == 0xC2 && i + 1 < len && p[1] == 0xA0)
		return 2;
	if (p[0] == 0xE2 && i + 2 < len && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF))
		return 3;
	return 0;
}

/* The length of a separator of digit groups at s[i]: a blank, '.', ',',
 * '-', a dash U+2010-U+2015 or the minus sign; 0 if none. */
static size_t
groupsep_at(const char *s, size_t len, size_t i)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t n;

	if ((n = blank_at(s, len, i)) != 0)
		return n;
	if (i >= len)
		return 0;
	if (p[0] == '.' || p[0] == ',' || p[0] == '-')
		return 1;
	if (p[0] == 0xE2 && i + 2 < len && ((p[1] == 0x80 && p[2] >= 0x90 &&
	    p[2] <= 0x95) || (p[1] == 0x88 && p[2] == 0x92)))
		return 3;
	return 0;
}

/* The length of a separator ending at s[i-1], or 0. */
static size_t
groupsep_before(const char *s, size_t len, size_t i)
{
	size_t n;

	for (n = 1; n <= 3 && n <= i; n++)
		if (groupsep_at(s, len, i - n) == n)
			return n;
	return 0;
}

/* Counts the digits of the chain of digit groups that ends at s[i-1]
 * (backward) or starts at s[i] (forward), joined by single separators. */
static int
chain(const char *s, size_t len, size_t i, int forward)
{
	size_t k;
	int n = 0;

	if (forward) {
		while (i < len && isdigit_ascii(s[i])) {
			n++;
			i++;
			if ((k = groupsep_at(s, len, i)) != 0 && i + k < len &&
			    isdigit_ascii(s[i + k]))
				i += k;
		}
	} else {
		while (i > 0 && isdigit_ascii(s[i - 1])) {
			n++;
			i--;
			if ((k = groupsep_before(s, len, i)) != 0 && i > k &&
			    isdigit_ascii(s[i - k - 1]))
				i -= k;
		}
	}
	return n;
}

/* Whether s[i..] starts a letter: an ASCII letter, or a two-byte UTF-8
 * sequence of Latin-1 Supplement or Latin Extended-A (the letters with
 * diacritics of Polish and its neighbours; the stray × and ÷ don't
 * matter here). */
static int
letter_at(const char *s, size_t len, size_t i)
{
	unsigned char c;

	if (i >= len)
		return 0;
	c = (unsigned char)s[i];
	return isletter_ascii(c) || (c >= 0xC3 && c <= 0xC5);
}

/* Matches unit (lowercase) at s[i..] ignoring ASCII case and the case of
 * Ł; returns the index after it, or 0. */
static size_t
unit_at(const char *s, size_t len, size_t i, const char *unit)
{
	const unsigned char *u = (const unsigned char *)unit;
	unsigned char c;

	for (; *u; u++, i++) {
		if (i >= len)
			return 0;
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 'a' - 'A');
		if (*u == 0x82 && u > (const unsigned char *)unit &&
		    u[-1] == 0xC5 && c == 0x81)
			c = 0x82;	/* Ł */
		if (c != *u)
			return 0;
	}
	return i;
}

/* Whether an amount word follows at s[i..]: a currency, or a word for
 * thousands, millions, per cent. */
static int
amount_word(const char *s, size_t len, size_t i)
{
	static const char *const whole[] = {
		"zł", "zl", "pln", "eur", "euro", "usd", "gr", "tys", "mln",
		"mld", "proc", "€", "$", "%", NULL
	};
	static const char *const prefix[] = {
		"złot", "zlot", "tysi", "milion", "miliard", "procent", NULL
	};
	size_t e;
	int k;

	for (k = 0; whole[k] != NULL; k++)
		if ((e = unit_at(s, len, i, whole[k])) != 0 &&
		    !letter_at(s, len, e))
			return 1;
	for (k = 0; prefix[k] != NULL; k++)
		if (unit_at(s, len, i, prefix[k]) != 0)
			return 1;
	return 0;
}

/*
 * Whether the match s[ms..me) of digits is part of an amount or of a
 * longer number: a run of digit groups that goes on before or after it
 * (1 250 000 000, 1234567890,00), unless the neighbour holds 9 digits or
 * more (a list of numbers), or an amount word follows (zł, PLN, tys.).
 */
static int
amount_context(const char *s, size_t len, size_t ms, size_t me)
{
	size_t i, k;

	if ((k = groupsep_before(s, len, ms)) != 0 && ms > k &&
	    isdigit_ascii(s[ms - k - 1]) && chain(s, len, ms - k, 0) < 9)
		return 1;
	if ((k = groupsep_at(s, len, me)) != 0 && me + k < len &&
	    isdigit_ascii(s[me + k]) && chain(s, len, me + k, 1) < 9)
		return 1;
	i = me;
	while ((k = blank_at(s, len, i)) != 0)
		i += k;
	return amount_word(s, len, i);
}

/*
 * Whether the word before s[ms], past blanks, ':', '.', '-' and "nr", is
 * one of the (lowercase ASCII) labels.
 */
static int
label_before(const char *s, size_t len, size_t ms,
    const char *const *labels)
{
	size_t e = ms, b, n;
	int k, again = 1;

	while (again) {
		again = 0;
		while (e > 0 && (blank_at(s, len, e - 1) == 1 ||
		    s[e - 1] == ':' || s[e - 1] == '.' || s[e - 1] == '-'))
			e--;
		if (e >= 2 && (e == 2 || !letter_at(s, len, e - 3)) &&
		    unit_at(s, len, e - 2, "nr") != 0) {
			e -= 2;
			again = 1;
		}
	}
	for (b = e; b > 0 && isletter_ascii(s[b - 1]); b--)
		;
	if (b > 0 && ((unsigned char)s[b - 1] & 0x80))
		return 0;	/* part of a word with a non-ASCII letter */
	for (k = 0; labels[k] != NULL; k++) {
		n = strlen(labels[k]);
		if (e - b == n && unit_at(s, len, b, labels[k]) == e)
			return 1;
	}
	return 0;
}

int
pattern_check_phone(const char *s, size_t len, size_t ms, size_t me)
{
	static const char *const notphone[] = {
		"regon", "regonu", "regonem", NULL
	};
	char d[16];
	size_t i;
	int n, off = 0;

	n = digits(s, ms, me, d, 15);
	if (n < 0)
		return 0;
	i = ms;
	if (i < me && s[i] == '(')
		i++;
	if (i < me && s[i] == '+') {
		if (n < 2 || d[0] != 4 || d[1] != 8)
			return 0;
		off = 2;
	} else if (n == 13 && d[0] == 0 && d[1] == 0 && d[2] == 4 &&
	    d[3] == 8)
		off = 4;
	if (n - off != 9 || d[off] == 0)
		return 0;
	/* 9 digits after "REGON" are a REGON, even with a wrong check digit,
	 * not a phone number. */
	return !amount_context(s, len, ms, me) &&
	    !label_before(s, len, ms, notphone);
}

/* The weighted sum of the n digits d with the weights w. */
static int
weighted(const char *d, const int *w, int n)
{
	int i, sum = 0;

	for (i = 0; i < n; i++)
		sum += w[i] * d[i];
	return sum;
}

int
pattern_check_nip(const char *s, size_t len, size_t ms, size_t me)
{
	static const int w[9] = { 6, 5, 7, 2, 3, 4, 5, 6, 7 };
	char d[10];
	int r;

	/* The first three digits name a tax office, never 0xx. */
	if (digits(s, ms, me, d, 10) != 10 || d[0] == 0)
		return 0;
	r = weighted(d, w, 9) % 11;
	return r != 10 && r == d[9] && !amount_context(s, len, ms, me);
}

int
pattern_check_regon(const char *s, size_t len, size_t ms, size_t me)
{
	static const int w9[8] = { 8, 9, 2, 3, 4, 5, 6, 7 };
	static const int w14[13] = { 2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8 };
	char d[14];
	int i, n, zero = 1;

	n = digits(s, ms, me, d, 14);
	if (n != 9 && n != 14)
		return 0;
	for (i = 0; i < n; i++)
		if (d[i] != 0)
			zero = 0;
	if (zero || weighted(d, w9, 8) % 11 % 10 != d[8])
		return 0;
	/* A 14-digit REGON (a local unit) starts with the 9-digit REGON of
	 * its parent, so both check digits must hold. */
	if (n == 14 && weighted(d, w14, 13) % 11 % 10 != d[13])
		return 0;
	return !amount_context(s, len, ms, me);
}

int
pattern_check_idcard(const char *s, size_t len, size_t ms, size_t me)
{
	static const int w[9] = { 7, 3, 1, 9, 7, 3, 1, 7, 3 };
	static const char *const currency[] = { "pln", "eur", "usd", NULL };
	size_t i;
	int n = 0, sum = 0, v, k;

	for (i = ms; i < me; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			v = s[i] - '0';
		else if (s[i] >= 'A' && s[i] <= 'Z')
			v = s[i] - 'A' + 10;
		else if (s[i] >= 'a' && s[i] <= 'z')
			v = s[i] - 'a' + 10;
		else
			continue;
		/* Three letters (the series), then six digits. */
		if (n == 9 || (n < 3) != (v >= 10))
			return 0;
		sum += w[n++] * v;
	}
	if (n != 9 || sum % 10 != 0)
		return 0;
	for (k = 0; currency[k] != NULL; k++)
		if (unit_at(s, len, ms, currency[k]) == ms + 3)
			return 0;
	i = me;
	while ((k = (int)blank_at(s, len, i)) != 0)
		i += (size_t)k;
	return !amount_word(s, len, i);
}

static int
run_check(int check, const char *s, size_t len, size_t ms, size_t me)
{
	switch (check) {
	case CHECK_PESEL: return pattern_check_pesel(s, len, ms, me);
	case CHECK_NRB: return pattern_check_nrb(s, len, ms, me);
	case CHECK_IBAN: return pattern_check_iban(s, len, ms, me);
	case CHECK_PHONE: return pattern_check_phone(s, len, ms, me);
	case CHECK_NIP: return pattern_check_nip(s, len, ms, me);
	case CHECK_REGON: return pattern_check_regon(s, len, ms, me);
	case CHECK_IDCARD: return pattern_check_idcard(s, len, ms, me);
	}
	return 1;
}

/* ---- applying ---- */

/*
 * Zeroes 64 bytes after the end of a subject.  PCRE2's JIT scans with wide
 * loads that may read past the end of the subject (within the page); the
 * padding makes what they read defined, so valgrind stays quiet and the
 * memory touched is the same from run to run.
 */
static void
pad(struct buf *b)
{
	buf_grow(b, 64);
	memset(b->data + b->len, 0, 64);
}

/* Packs 8 bytes that are 0 or 1 into the bits of a byte, b[k] in bit k. */
static uint64_t
pack8(const uint8_t *b)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;

	/* The product adds byte k of w into bit 56 + k, without carries. */
	memcpy(&w, b, 8);
	return (w * 0x0102040810204080ULL) >> 56;
#else
	return (uint64_t)(b[0] | b[1] << 1 | b[2] << 2 | b[3] << 3 |
	    b[4] << 4 | b[5] << 5 | b[6] << 6 | b[7] << 7);
#endif
}

static const char *
match_error(struct patterns *p, const struct pat *pt, int rc)
{
	PCRE2_UCHAR msg[128];

	pcre2_get_error_message(rc, msg, sizeof(msg));
	snprintf(p->err, sizeof(p->err), "pattern '%s' at %s:%lu: %s",
	    p->kind[pt->kind].name, p->path, pt->line, (char *)msg);
	return p->err;
}

long
patterns_apply(struct patterns *p, struct buf *dst, const char *s,
    size_t len, const char **errstr)
{
	uint64_t present[4];
	uint8_t seen[256];
	const uint8_t *u;
	struct buf *cur, *next, *tmp;
	PCRE2_SIZE *ov;
	size_t i, pos, copied, ms, me, j;
	long total = 0;
	int rc, hit, anydigit = 0;

	*errstr = NULL;
	/* The prefilter: the set of bytes in the text.  A pattern none of
	 * whose possible first bytes occurs, or whose required byte is
	 * missing, cannot match, and checked kinds all need digits. */
	/* Plain stores into a byte table, then packing it, beat setting
	 * bits in place, whose read-modify-writes wait on each other. */
	memset(seen, 0, sizeof(seen));
	u = (const uint8_t *)s;
	for (i = 0; i < len; i++)
		seen[u[i]] = 1;
	memset(present, 0, sizeof(present));
	for (i = 0; i < 32; i++)
		present[i >> 3] |= pack8(seen + 8 * i) << 8 * (i & 7);
	for (i = '0'; i <= '9'; i++)
		if (hasbit(present, (int)i))
			anydigit = 1;
	cur = NULL;
	next = &p->x;
	for (i = 0; i < p->npat; i++) {
		const struct pat *pt = &p->pat[i];
		const struct kind *kd = &p->kind[pt->kind];
		const char *subj;
		size_t sublen;

		if (kd->keep)
			continue;
		if (cur == NULL) {
			/* The first subject is a padded copy of s, see pad(). */
			cur = &p->w;
			buf_reset(cur);
			buf_add(cur, s, len);
			pad(cur);
		}
		subj = cur->data;
		sublen = cur->len;

		if (p->noprefilter)
			goto match;
		if (sublen < pt->minlen || ((kd->check != CHECK_NONE ||
		    pt->needdigit) && !anydigit))
			continue;
		if (pt->hasfirst && ((pt->first[0] & present[0]) |
		    (pt->first[1] & present[1]) | (pt->first[2] & present[2]) |
		    (pt->first[3] & present[3])) == 0)
			continue;
		if (pt->req[0] >= 0 && !hasbit(present, pt->req[0]) &&
		    !hasbit(present, pt->req[1]))
			continue;
		if (pt->haslit && ((pt->lit[0] & ~present[0]) |
		    (pt->lit[1] & ~present[1]) | (pt->lit[2] & ~present[2]) |
		    (pt->lit[3] & ~present[3])) != 0)
			continue;
match:
		buf_reset(next);
		pos = copied = 0;
		hit = 0;
		while (pos <= sublen) {
			/* pcre2_jit_match() skips the checks of arguments
			 * that pcre2_match() makes on every call; the text is
			 * valid UTF-8 and the limits of mctx apply to both. */
			if (pt->jit)
				rc = pcre2_jit_match(pt->code, (PCRE2_SPTR)subj,
				    sublen, pos, 0, p->md, p->mctx);
			else
				rc = pcre2_match(pt->code, (PCRE2_SPTR)subj,
				    sublen, pos, PCRE2_NO_UTF_CHECK, p->md,
				    p->mctx);
			if (rc == PCRE2_ERROR_NOMATCH)
				break;
			if (rc < 0) {
				*errstr = match_error(p, pt, rc);
				return -1;
			}
			ov = pcre2_get_ovector_pointer(p->md);
			ms = ov[0];
			me = ov[1];
			if (me <= ms) {
				/* An empty match replaces nothing; step over
				 * one character. */
				pos = ms + 1;
				while (pos < sublen &&
				    ((unsigned char)subj[pos] & 0xC0) == 0x80)
					pos++;
				continue;
			}
			if (kd->check == CHECK_NONE ||
			    run_check(kd->check, subj, sublen, ms, me)) {
				buf_add(next, subj + copied, ms - copied);
				buf_add(next, pt->repl, pt->repllen);
				copied = me;
				hit++;
			}
			pos = me;
		}
		if (hit == 0)
			continue;
		buf_add(next, subj + copied, sublen - copied);
		pad(next);
		total += hit;
		for (j = 0; j < pt->repllen; j++) {
			setbit(present, (unsigned char)pt->repl[j]);
			if (isdigit_ascii(pt->repl[j]))
				anydigit = 1;
		}
		tmp = cur;
		cur = next;
		next = tmp == &p->w ? (cur == &p->x ? &p->y : &p->x) : tmp;
	}
	if (cur == NULL)
		buf_add(dst, s, len);
	else
		buf_add(dst, cur->data, cur->len);
	return total;
}
