/*
 * input.h - the input layer of glosy-import: the only module that uses zlib
 * and ICU charset detection and conversion (ucsdet, ucnv).
 *
 * Three layers, each usable on its own, and a set:
 *   struct input  one file (plain or gzip, found by content) decoded to
 *                 UTF-8, streaming;
 *   struct csv    an RFC 4180 record parser working on a memory buffer;
 *   struct rows   a row reader that puts the two together and yields the
 *                 rows of a CSV, TSV (glosy-records(5)) or plain-lines file,
 *                 with line numbers and invalid bytes replaced, whatever
 *                 the line ends (LF, CR LF or CR alone);
 *   struct idset  the ids seen so far, to find repeated ones.
 * Errors are returned (-1 with a message in the err member); nothing here
 * prints or exits, except that allocation failure is fatal.
 */
#ifndef GLOSY_INPUT_H
#define GLOSY_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "glosy.h"

struct gzFile_s;
struct UConverter;

#define INPUT_ERRLEN	512

/* Input formats; INPUT_AUTO means "decide from the name or content". */
enum {
	INPUT_AUTO = 0,
	INPUT_CSV,
	INPUT_TSV,
	INPUT_LINES
};

/* Line-end conventions; 0 means "not known yet". */
enum {
	INPUT_LF = 1,
	INPUT_CRLF,
	INPUT_CR
};

/* ---- struct input: a file decoded to UTF-8 ---- */
struct input {
	const char		*name;		/* "<stdin>" or the path */
	struct gzFile_s		*gz;
	struct UConverter	*src;		/* NULL when the source is UTF-8 */
	struct UConverter	*utf8;
	char			 encoding[64];	/* canonical ICU name */
	int			 detected;	/* the encoding was guessed */
	int			 eof;		/* no more raw bytes */
	int			 flushed;	/* the converter was flushed */
	char			*raw;		/* undecoded bytes, raw[rawpos..rawlen) */
	size_t			 rawpos, rawlen, rawcap;
	unsigned short		*pivot;		/* ICU's UTF-16 pivot buffer */
	unsigned short		*pivsrc, *pivtgt;
	int			 started;
	unsigned long		 nsubst;	/* bytes that could not be converted */
	char			 err[INPUT_ERRLEN];
};

/*
 * Opens path ("-" is stdin) and finds its encoding: encoding, if not NULL,
 * names it (any ICU converter name or alias); otherwise a byte-order mark
 * decides, else valid UTF-8 in the first 64 KiB, else ICU's detector and a
 * count of the letters that differ between windows-1250 and ISO-8859-2 (see
 * glosy-import(1)).  gzip data is recognized by content.  Returns 0, or -1
 * with in->err set (the input is then closed).  in keeps the pointer path.
 */
int	 input_open(struct input *in, const char *path, const char *encoding);
/*
 * Appends at least one and about max bytes of UTF-8 to dst (the BOM is
 * dropped).  Returns the count appended, 0 at the end of the input, or -1
 * with in->err set ("truncated gzip data", a read error).  Bytes that cannot
 * be converted from a non-UTF-8 source become U+FFFD and are counted in
 * in->nsubst; a UTF-8 source is passed through unchecked.
 */
ssize_t	 input_read(struct input *in, struct buf *dst, size_t max);
/* Closes the file; a closed or zeroed input is a no-op. */
void	 input_close(struct input *in);
/* Returns 1 when ICU knows the converter name, else 0. */
int	 input_encoding_known(const char *name);
/*
 * The encoding of a byte prefix, as input_open() guesses it (no BOM
 * handling): "UTF-8", "windows-1250", "ISO-8859-2", "UTF-16LE", ...
 * Returns a static string.
 */
const char *input_guess_encoding(const char *s, size_t len, int final);
/* INPUT_TSV for *.tsv and *.tsv.gz, INPUT_CSV for *.csv(.gz), INPUT_LINES
 * for *.txt(.gz), else INPUT_AUTO. */
int	 input_format_from_name(const char *path);
/*
 * The line-end convention of a text, from its first line end in s[0..len):
 * INPUT_LF, INPUT_CRLF or INPUT_CR.  With quoted set, line ends inside a
 * quoted CSV field do not count (a '"' at the start of the text or after
 * ',' ';' or TAB opens one; '""' inside it is a quote).  Returns 0 when
 * s holds no line end, or when it ends in a CR and eof is not set (a LF
 * may follow).
 */
int	 input_newline(const char *s, size_t len, int quoted, int eof);

/* ---- struct csv: an RFC 4180 record parser ----
 * Fields are separated by delim; a field starting with '"' is quoted and
 * may hold delimiters, newlines and doubled quotes; text after a closing
 * quote up to the delimiter is kept (the quotes are dropped); a quote inside
 * an unquoted field is an ordinary character.  Records end at the eol
 * character, LF unless set otherwise after csv_init().  With LF, a CR just
 * before it is dropped; with CR (a CR-only file), a LF just after it is
 * taken with it, and a lone LF is data, as a lone CR is with LF. */
struct csv {
	int		 delim;
	int		 eol;		/* '\n' (LF and CR LF) or '\r' */
	struct field	*f;		/* the fields of the last record */
	int		 nf;
	unsigned long	 nlines;	/* eol characters the record took */
	/* private */
	size_t		*span;		/* raw start, raw end, flags: 3 a field */
	size_t		 fcap;
	struct buf	 unq;		/* values that needed unquoting */
};
void	 csv_init(struct csv *, int delim);
void	 csv_release(struct csv *);
/*
 * Parses one record at the start of s[0..len).  Returns the number of bytes
 * it took (including the line end), with the fields in c->f[0..nf-1]; they point
 * into s or into c, and are valid until the next call or until s changes.
 * Returns 0 when the record may go on past len (call again with the same
 * bytes and more after them), or, when eof is set, when len is 0.  Returns
 * -1 when eof is set and a quoted field is not closed before len.  With
 * eol CR, a record ending in a CR at len needs more (a LF may follow).
 */
ssize_t	 csv_parse(struct csv *, const char *s, size_t len, int eof);
/*
 * Guesses the delimiter of a CSV from its first line s[0..len): the most
 * frequent of ';' ',' TAB outside quotes (ties in that order), ',' when
 * there is none.
 */
int	 csv_sniff(const char *s, size_t len);

/* ---- struct rows: the rows of one file ---- */
enum {
	ROWS_END = 0,
	ROWS_ROW = 1,		/* a row, in f[0..nf-1] */
	ROWS_REJECT = 2,	/* a part that cannot be a row: reason, raw */
	ROWS_ERROR = -1		/* err is set; the file cannot go on */
};
struct rows {
	struct input	 in;
	int		 format;	/* INPUT_CSV, INPUT_TSV or INPUT_LINES */
	int		 newline;	/* INPUT_LF, INPUT_CRLF or INPUT_CR */
	int		 eol;		/* '\r' for INPUT_CR, else '\n' */
	int		 escaped;	/* fields are raw record-format spans */
	struct csv	 csv;
	struct buf	 win;		/* decoded input, win[pos..) unread */
	int		 eof;		/* win holds the rest of the input */
	int		 hdrnf;		/* fields in the first row, or -1 */
	size_t		 pos;
	unsigned long	 line;		/* line number of win[pos] */
	struct field	*f;		/* the current row */
	int		 nf;
	size_t		 fcap;
	unsigned long	 rowline;	/* line where the row starts */
	const char	*raw;		/* its text, without the final newline */
	size_t		 rawlen;
	const char	*reason;	/* for ROWS_REJECT */
	size_t		 nbad;		/* invalid sequences replaced in the row */
	unsigned long	 badline, badcol;	/* the first one (1-based) */
	int		 badnul;	/* the first one is a NUL byte */
	struct buf	 fix;		/* repaired copy of a row */
	unsigned long	 seen;		/* in.nsubst already counted */
	unsigned long	 pending;	/* substitutions not yet reported */
	char		 err[INPUT_ERRLEN];
};
/*
 * Opens path as input_open() does.  format INPUT_AUTO is decided from the
 * name (input_format_from_name) and the first line: *.csv is CSV, *.tsv
 * TSV; otherwise a first line starting with "id" and a TAB is TSV, a *.txt
 * file is lines unless its first line holds a TAB (then CSV), and anything
 * else is CSV.  delim 0 lets a CSV's delimiter be guessed from its first
 * line.  The line ends are those of the first line end (input_newline(),
 * quoted for CSV): a file whose first line ends in a lone CR is read with
 * CR as the line end (CR LF ends a line too, a lone LF is data); otherwise
 * LF ends a line and a CR just before it is dropped (a lone CR is data).
 * Line numbers count the line ends so chosen.  Returns 0, or -1 with r->err
 * set.
 */
int	 rows_open(struct rows *r, const char *path, int format, int delim,
	    const char *encoding);
/*
 * Reads the next row (the header is the first row of a CSV or TSV file).
 * Blank lines are skipped in CSV and TSV files with more than one column
 * in their first row.  Pointers in r are owned by r and valid until the
 * next call.  Returns one of the ROWS_ values.
 */
int	 rows_next(struct rows *r);
void	 rows_close(struct rows *r);

/* ---- struct idset: the ids seen so far ----
 * Each id is kept once, in an arena: its length, its bytes, and where it
 * was first seen (a file number and a line), the numbers as varints; an
 * open-addressing table of 64-bit slots (arena offset and 24 bits of hash,
 * between three eighths and three quarters full) finds it.  An id of L
 * bytes takes L + 3 to 9 bytes of arena (L + 5 in a file of fewer than
 * 2 million lines) and 11 to 21 bytes of table: about 30 bytes for L = 8.
 * A table of 2 MB or more is asked for huge pages. */
struct idset {
	uint64_t	*slots;		/* 0, or tag << 40 | offset + 1 */
	size_t		 nslots;	/* a power of two, or 0 */
	size_t		 n;		/* ids held */
	struct buf	 arena;
};
#define IDSET_INIT	{ NULL, 0, 0, BUF_INIT }
void	 idset_init(struct idset *);
/*
 * Adds the id s[0..len), seen at line of file number file, and returns 1;
 * when it is there already, returns 0 and sets *firstfile and *firstline
 * to where it was first seen.  The bytes are copied.
 */
int	 idset_add(struct idset *, const char *s, size_t len,
	    unsigned long file, unsigned long line, unsigned long *firstfile,
	    unsigned long *firstline);
/*
 * The same in two steps, for speed: idset_prefetch() returns the hash of
 * s[0..len) and starts loading its slot, so that other work can be done
 * before idset_addh() is called with the same id and that hash.
 */
uint64_t idset_prefetch(const struct idset *, const char *s, size_t len);
int	 idset_addh(struct idset *, const char *s, size_t len, uint64_t hash,
	    unsigned long file, unsigned long line, unsigned long *firstfile,
	    unsigned long *firstline);
/* Frees the set and leaves it empty, as idset_init() does. */
void	 idset_release(struct idset *);

#endif
