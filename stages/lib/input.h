/*
 * input.h - the input layer of glosy-import: the only module that uses zlib
 * and ICU charset detection and conversion (ucsdet, ucnv).
 *
 * Three layers, each usable on its own:
 *   struct input  one file (plain or gzip, found by content) decoded to
 *                 UTF-8, streaming;
 *   struct csv    an RFC 4180 record parser working on a memory buffer;
 *   struct rows   a row reader that puts the two together and yields the
 *                 rows of a CSV, TSV (glosy-records(5)) or plain-lines file,
 *                 with line numbers and invalid bytes replaced.
 * Errors are returned (-1 with a message in the err member); nothing here
 * prints or exits, except that allocation failure is fatal.
 */
#ifndef GLOSY_INPUT_H
#define GLOSY_INPUT_H

#include <stddef.h>
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

/* ---- struct csv: an RFC 4180 record parser ----
 * Fields are separated by delim; a field starting with '"' is quoted and
 * may hold delimiters, newlines and doubled quotes; text after a closing
 * quote up to the delimiter is kept (the quotes are dropped); a quote inside
 * an unquoted field is an ordinary character.  Records end at LF; a CR just
 * before it is dropped. */
struct csv {
	int		 delim;
	struct field	*f;		/* the fields of the last record */
	int		 nf;
	unsigned long	 nlines;	/* LFs the record consumed */
	/* private */
	size_t		*span;		/* raw start, raw end, flags: 3 a field */
	size_t		 fcap;
	struct buf	 unq;		/* values that needed unquoting */
};
void	 csv_init(struct csv *, int delim);
void	 csv_release(struct csv *);
/*
 * Parses one record at the start of s[0..len).  Returns the number of bytes
 * it took (including the LF), with the fields in c->f[0..nf-1]; they point
 * into s or into c, and are valid until the next call or until s changes.
 * Returns 0 when the record may go on past len (call again with the same
 * bytes and more after them), or, when eof is set, when len is 0.  Returns
 * -1 when eof is set and a quoted field is not closed before len.
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
 * line.  Returns 0, or -1 with r->err set.
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

#endif
