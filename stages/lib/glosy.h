/*
 * glosy.h - the one header of libglosy, the small static library that every
 * glosy stage links.  It holds the error and allocation helpers, the growable
 * buffer, the record stream reader/writer (glosy-records(5)), the lexicon line
 * reader (glosy-lexicons(5)), a string table and a seeded random generator.
 * The modules that own a dependency (ICU, PCRE2, zlib, the Polish dictionary)
 * have their own header, included at the end.
 *
 * Conventions: a struct is initialised with NAME_INIT or name_init(),
 * emptied with name_release(); name_free(NULL) is a no-op.  Allocation failure
 * is fatal; other library errors are returned as -1 with a message.
 */
#ifndef GLOSY_H
#define GLOSY_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define GLOSY_EXIT_DATA		1	/* data or runtime error */
#define GLOSY_EXIT_USAGE	2	/* bad options or operands */

/* ---- util.c: program name, diagnostics, allocation ---- */

void		 glosy_setprogname(const char *argv0);
const char	*glosy_progname(void);
/* "prog: msg" on stderr; a trailing ':' in fmt appends strerror(errno). */
void		 glosy_warn(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
_Noreturn void	 glosy_die(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
_Noreturn void	 glosy_die_usage(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
void		 glosy_vwarn(const char *fmt, va_list ap);
/* Prints "prog (glosy) VERSION" on stdout and exits 0. */
_Noreturn void	 glosy_version(void);
/*
 * For getopt_long with a leading ':' in its option string: reports the
 * option it rejected (ch is its return value, ':' for a missing value) and
 * exits with GLOSY_EXIT_USAGE.
 */
_Noreturn void	 glosy_bad_option(int ch, char *const argv[]);
/* Prints "Try 'prog --help' for more information." on stderr. */
void		 glosy_try_help(void);
/* Flushes and closes stdout; on error reports "write error" and returns 1. */
int		 glosy_close_stdout(void);
/* Gives stdout a large buffer; call before the first write. */
void		 glosy_stdout_buffer(void);

void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xrealloc(void *, size_t);
void		*xreallocarray(void *, size_t, size_t);
char		*xstrdup(const char *);
char		*xstrndup(const char *, size_t);

/* OpenBSD strtonum(3): *errstr is NULL on success, else "invalid",
 * "too small" or "too large". */
long long	 glosy_strtonum(const char *, long long, long long,
		    const char **errstr);
/* Parses a decimal number in [min,max]; *errstr as above. */
double		 glosy_strtod(const char *, double, double, const char **errstr);

/*
 * Finds a data file (a lexicon, the dictionary) named REL, e.g.
 * "pl/stopwords": first under $GLOSY_DATADIR, then under ../lexicons next to
 * the running program (a build tree), then under the compiled-in
 * GLOSY_DATADIR.  Returns a string you own, or NULL when none exists.
 */
char		*glosy_datafile(const char *rel);

/* ---- buf.c: a growable byte buffer ----
 * Invariant: after BUF_INIT or buf_init(), data is never NULL and is always
 * NUL-terminated at data[len]; it may hold NUL bytes before len. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_release(struct buf *);
/* Makes room for n more bytes. */
void	 buf_grow(struct buf *, size_t n);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, int c);
void	 buf_adds(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_setlen(struct buf *, size_t);
#define buf_reset(b)	buf_setlen((b), 0)
/* Returns the contents as a string you own; the buffer is left empty. */
char	*buf_detach(struct buf *, size_t *lenp);

/* ---- record.c: the record stream, glosy-records(5) ----
 *
 * Reading: records_open() takes the file operands (none or "-" mean stdin)
 * and reads the header.  Every further file must have the same header, which
 * is skipped, so shards can be concatenated.  records_need() and
 * records_col() find input columns by name; records_add() declares an output
 * column (appended, or replacing an input column of that name).  The header
 * is written by the first records_next() (or by records_close() when there
 * are no rows).  A row with the wrong number of fields is a fatal data error
 * naming file and line.
 */
struct field {
	const char	*s;
	size_t		 len;
};

struct records {
	char		**files;
	int		  nfiles, fileidx;
	FILE		 *fp;
	char		 *iobuf;		/* its stdio buffer */
	const char	 *fname;	/* "<stdin>" or the operand */
	unsigned long	  lineno;	/* line of the current row */
	char		 *line;		/* current raw line, no newline */
	size_t		  linecap, linelen;
	char		 *hdrline;	/* raw header of the first file */
	int		  ncols;	/* input columns */
	char		**cols;
	struct field	 *raw;		/* raw (escaped) spans of the row */
	struct buf	 *val;		/* unescaped values, filled on demand */
	unsigned char	 *have;
	int		  nadd;		/* output columns declared */
	char		**addname;
	int		 *addrepl;	/* input column replaced, or -1 */
	struct buf	 *addval;
	int		 *replby;	/* per input column: added index, -1, or
					 * -2 when dropped */
	FILE		 *out;
	int		  started;	/* header written, or never to be */
	unsigned long	  nrows;
};

void	 records_open(struct records *, int argc, char **argv);
int	 records_col(const struct records *, const char *name);
/* Like records_col() but dies "missing column 'NAME' in 'FILE'". */
int	 records_need(const struct records *, const char *name);
int	 records_add(struct records *, const char *name);
/* Leaves input column col out of the output: header and every row. */
void	 records_drop(struct records *, int col);
/* Makes a reader only, which never writes, not even the header. */
void	 records_readonly(struct records *);
/* Reads the next row; returns 1, or 0 at the end of all input. */
int	 records_next(struct records *);
/* The unescaped value of input column col in the current row; owned by the
 * reader and valid until the next records_next(). */
const char *records_get(struct records *, int col, size_t *lenp);
/* Sets output column k (from records_add) for the current row; copied. */
void	 records_set(struct records *, int k, const char *, size_t);
/* Writes the current row: input fields as they came, then the values set. */
void	 records_emit(struct records *);
/* Writes a row saved earlier: raw is a raw input line (records.line),
 * vals[k] the value of output column k. */
void	 records_emit_saved(struct records *, const char *raw, size_t rawlen,
	    const struct field *vals);
/* Writes the header now if no row did.  The header is written by the first
 * row emitted, or by records_close() when there was none, so a stage that
 * fails before it writes a row leaves nothing on stdout. */
void	 records_start(struct records *);
void	 records_close(struct records *);

/* Writing a stream of one's own (import, report tables, model files). */
void	 record_put(FILE *, const char *s, size_t len);	/* escaped field */
void	 record_puts(FILE *, const char *s);
/* Appends s to dst escaped as record_put() writes it. */
void	 record_escape(struct buf *dst, const char *s, size_t len);
/* Unescapes src into dst (appending); returns dst->len. */
size_t	 record_unescape(struct buf *dst, const char *src, size_t len);
/*
 * Returns the next word of a space-separated list value (tokens, lemmas,
 * terms, themes) at or after *p and before end, with its length in *len,
 * and moves *p past it; NULL when no word is left.  Runs of spaces count
 * as one.
 */
const char *record_word(const char **p, const char *end, size_t *len);
/* Splits a raw line into raw spans; returns the count (may exceed max,
 * in which case only max are stored). */
int	 record_split(const char *line, size_t len, struct field *f, int max);

/* ---- lexicon.c: lexicon files, glosy-lexicons(5) ----
 * Returns one entry line at a time: '#' comments (at the start of a line or
 * after blank space) and blank lines are dropped, the line is trimmed, checked
 * to be UTF-8 and, unless LEXICON_RAW, normalized like glosy-normalize
 * (NFC and full case folding) with text_fold().  Fields are split on runs of
 * blanks.  lexicon_error() formats "FILE:LINE: message". */
#define LEXICON_RAW	0x1
#define LEXICON_MAXF	256
struct lexicon {
	const char	*path;
	FILE		*fp;
	int		 flags;
	unsigned long	 lineno;
	char		*line;
	size_t		 cap;
	struct buf	 text;		/* the entry line, normalized */
	struct buf	 fbuf;		/* NUL-separated fields */
	int		 nf;
	char		*f[LEXICON_MAXF];
	char		 err[512];
};
/* Returns 0, or -1 with errno set when the file cannot be opened. */
int	 lexicon_open(struct lexicon *, const char *path, int flags);
/* Returns 1 with the entry in lx->text and lx->f[0..nf-1], 0 at the end,
 * -1 on a bad line (lx->err holds "FILE:LINE: message"). */
int	 lexicon_next(struct lexicon *);
/* Formats "FILE:LINE: message" into lx->err and returns -1. */
int	 lexicon_error(struct lexicon *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 lexicon_close(struct lexicon *);

/* ---- strtab.c: a string-to-index hash table, insertion ordered ----
 * Keys are copied into an arena; ids are 0..n-1 in order of first insertion,
 * so iteration is deterministic. */
struct strtab {
	uint32_t	*slots;		/* id+1, 0 is empty */
	size_t		 nslots;
	size_t		 n;
	char		**key;
	size_t		*keylen;
	uint64_t	*hash;
	size_t		 cap;
};
#define STRTAB_INIT { NULL, 0, 0, NULL, NULL, NULL, 0 }
/* Returns the id of key, or -1. */
long	 strtab_find(const struct strtab *, const char *, size_t);
/* Returns the id of key, adding it if new; *isnew set when given. */
size_t	 strtab_intern(struct strtab *, const char *, size_t, int *isnew);
void	 strtab_release(struct strtab *);
uint64_t hash_bytes(const void *, size_t, uint64_t seed);
/* A 64-bit finalizer (murmur3 fmix64): a bijection with full avalanche. */
uint64_t hash_mix(uint64_t);

/* ---- rng.c: a seeded generator (splitmix64 seeding xoshiro256**) ----
 * The same seed gives the same sequence on every machine. */
struct rng {
	uint64_t s[4];
};
void	 rng_seed(struct rng *, uint64_t seed);
uint64_t rng_next(struct rng *);
/* Uniform in [0, n). */
uint64_t rng_below(struct rng *, uint64_t n);
/* Uniform in [0, 1). */
double	 rng_double(struct rng *);

#include "text.h"

#endif
