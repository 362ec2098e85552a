/*
 * glosy-import - turns what survey tools export into the glosy record
 * stream, glosy-records(5).
 *
 * Input: CSV (RFC 4180, delimiter ',' ';' or TAB), TSV in the record format
 * itself, or plain text with one answer a line; UTF-8 (with or without a
 * BOM), UTF-16 with a BOM, windows-1250 or ISO-8859-2; plain or gzip.
 * Output columns: id, text (the answer), then every other input column
 * under its header name, in input order.  Rows that cannot be imported go
 * to --rejects FILE (or are reported on stderr); the closing line on stderr
 * counts rows read, written and rejected.  An id that repeats one seen
 * before rejects its row.  The input is streamed: memory grows with the
 * number of rows only by the set of ids seen (when they come from a column).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "input.h"

#define GUESS_ROWS	100	/* rows looked at to guess the text column */
#define ID_WIDTH	6	/* digits of a generated id, at least */
#define WARN_MAX	10	/* warnings shown of each kind */
#define OUT_FLUSH	(1 << 16)
#define ID_SHOWN	60	/* bytes of an id quoted in a message, at most */

enum { W_BYTES, W_SHORT, W_EXTRA, W_NKINDS };

static _Noreturn void	usage(FILE *, int);

static const struct option longopts[] = {
	{ "delimiter",	required_argument,	NULL,	'd' },
	{ "encoding",	required_argument,	NULL,	'e' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "id",		required_argument,	NULL,	'i' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "rejects",	required_argument,	NULL,	'r' },
	{ "strict",	no_argument,		NULL,	's' },
	{ "text",	required_argument,	NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	{ NULL,		0,			NULL,	0 }
};

/* Header names that make a column the answer, folded, best first. */
static const char *const textnames[] = {
	"text", "answer", "answers", "odpowiedź", "odpowiedz", "odpowiedzi",
	"tekst", "treść", "tresc", "komentarz", "komentarze", "uwagi",
	"opinia", "wypowiedź", "wypowiedz", "response", "comment", "comments",
	NULL
};

static int delim, format = INPUT_AUTO, quiet, strict;
static const char *encoding, *idopt, *rejpath, *textopt;

/* The column plan, made from the first header seen. */
static int ncols = -1;		/* input columns; -1 until known */
static char **hdr;		/* trimmed input header names */
static char **outname;		/* output name of each input column */
static int idcol = -1, textcol = -1;
static int escaped;		/* the plan's file gives raw TSV fields */
static const char *planfile;

/* The ids of the id column seen so far, and the files they came from. */
static struct idset ids = IDSET_INIT;
static const char **fnames;
static unsigned long filenum;
static struct buf key = BUF_INIT, why = BUF_INIT;

/* Rows held back while the text column is guessed. */
static struct buf held = BUF_INIT;	/* per row: ordinal, NUL, values\0 */
static size_t nheld;
static int guessing;

static struct buf out = BUF_INIT;
static struct buf rb = BUF_INIT;	/* a line of the rejects file */
static struct field *vals;		/* the values of a row */
static int nvals;
static FILE *rejfp;
static unsigned long nread, nwritten, nrejected, ordinal;
static unsigned long nwarn[W_NKINDS];

static void
flush_out(void)
{
	if (out.len > 0 && fwrite(out.data, 1, out.len, stdout) != out.len)
		glosy_die("write error:");
	buf_reset(&out);
}

static void
flush_some(void)
{
	if (out.len >= OUT_FLUSH)
		flush_out();
}

/* A warning of a kind that may repeat for many rows: only the first
 * WARN_MAX of each kind are shown, the rest are counted at the end. */
static void
warnrow(int kind, const char *fmt, ...)
{
	va_list ap;

	if (++nwarn[kind] > WARN_MAX)
		return;
	va_start(ap, fmt);
	glosy_vwarn(fmt, ap);
	va_end(ap);
}

static void
reject(const char *fname, unsigned long line, const char *reason,
    const char *raw, size_t rawlen)
{
	nrejected++;
	if (rejfp == NULL) {
		glosy_warn("%s:%lu: %s; row rejected", fname, line, reason);
		return;
	}
	buf_reset(&rb);
	buf_printf(&rb, "%lu\t", line);
	record_escape(&rb, reason, strlen(reason));
	buf_addc(&rb, '\t');
	record_escape(&rb, raw, rawlen);
	buf_addc(&rb, '\n');
	if (fwrite(rb.data, 1, rb.len, rejfp) != rb.len)
		glosy_die("write error on '%s':", rejpath);
}

/* Appends one value: fields of a TSV input are already escaped. */
static void
put_value(const char *s, size_t len)
{
	if (escaped)
		buf_add(&out, s, len);
	else
		record_escape(&out, s, len);
}

static void
put_id(unsigned long n)
{
	char d[24];
	int i = (int)sizeof(d);

	do {
		d[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	while (i > (int)sizeof(d) - ID_WIDTH)
		d[--i] = '0';
	buf_add(&out, d + i, sizeof(d) - (size_t)i);
}

/* Adds a row of ncols values to the output buffer; flush_some() writes it
 * out. */
static void
emit(unsigned long ord, const struct field *v)
{
	int i;

	if (idcol >= 0)
		put_value(v[idcol].s, v[idcol].len);
	else
		put_id(ord);
	buf_addc(&out, '\t');
	if (textcol >= 0)
		put_value(v[textcol].s, v[textcol].len);
	for (i = 0; i < ncols; i++) {
		if (i == idcol || i == textcol)
			continue;
		buf_addc(&out, '\t');
		put_value(v[i].s, v[i].len);
	}
	buf_addc(&out, '\n');
	nwritten++;
}

static void
write_header(void)
{
	int i;

	buf_adds(&out, "id\ttext");
	for (i = 0; i < ncols; i++) {
		if (i == idcol || i == textcol)
			continue;
		buf_addc(&out, '\t');
		record_escape(&out, outname[i], strlen(outname[i]));
	}
	buf_addc(&out, '\n');
}

/* Returns s folded (NFC, case folding) in a static buffer. */
static const char *
fold(const char *s)
{
	static struct buf b = BUF_INIT;

	buf_reset(&b);
	if (s == NULL) {
		buf_release(&b);
		return NULL;
	}
	if (text_fold(&b, s, strlen(s)) < 0)
		return s;
	return b.data;
}

/* Finds a column given by --text or --id: its exact name, else its name
 * ignoring case, else its number. */
static int
find_column(const char *name)
{
	const char *errstr;
	char *f;
	int i;

	for (i = 0; i < ncols; i++)
		if (strcmp(hdr[i], name) == 0)
			return i;
	f = xstrdup(fold(name));
	for (i = 0; i < ncols; i++)
		if (strcmp(fold(hdr[i]), f) == 0)
			break;
	free(f);
	if (i < ncols)
		return i;
	i = (int)glosy_strtonum(name, 1, ncols, &errstr);
	if (errstr == NULL)
		return i - 1;
	glosy_die("missing column '%s' in '%s'", name, planfile);
}

/* Takes the header names from the first row of a file. */
static char **
read_header(struct rows *r, const char *fname)
{
	struct buf b = BUF_INIT;
	char **names;
	size_t a, e;
	int i;

	names = xreallocarray(NULL, (size_t)r->nf + 1, sizeof(*names));
	for (i = 0; i < r->nf; i++) {
		buf_reset(&b);
		if (r->escaped)
			record_unescape(&b, r->f[i].s, r->f[i].len);
		else
			buf_add(&b, r->f[i].s, r->f[i].len);
		for (a = 0; a < b.len && (b.data[a] == ' ' ||
		    b.data[a] == '\t'); a++)
			;
		for (e = b.len; e > a && (b.data[e - 1] == ' ' ||
		    b.data[e - 1] == '\t'); e--)
			;
		if (e == a) {
			names[i] = xmalloc(32);
			snprintf(names[i], 32, "column_%d", i + 1);
			glosy_warn("%s:%lu: column %d has no name; calling it "
			    "'%s'", fname, r->rowline, i + 1, names[i]);
		} else
			names[i] = xstrndup(b.data + a, e - a);
	}
	names[r->nf] = NULL;
	buf_release(&b);
	return names;
}

static int
name_taken(const char *s, int upto)
{
	int i;

	if (strcmp(s, "id") == 0 || strcmp(s, "text") == 0)
		return 1;
	for (i = 0; i < upto; i++)
		if (i != idcol && i != textcol && strcmp(outname[i], s) == 0)
			return 1;
	return 0;
}

/* Chooses the id column and gives every other column a unique name. */
static void
make_plan(struct rows *r, const char *fname)
{
	struct buf b = BUF_INIT;
	int i, k, j;

	planfile = fname;
	escaped = r->escaped;
	ncols = 0;
	while (hdr[ncols] != NULL)
		ncols++;
	if (r->format == INPUT_LINES) {
		if (idopt != NULL || textopt != NULL)
			glosy_die("'%s' is read as lines, which have no "
			    "columns for --id or --text", fname);
		textcol = 0;
	}
	if (textopt != NULL)
		textcol = find_column(textopt);
	if (idopt != NULL) {
		idcol = find_column(idopt);
		if (textcol == idcol)
			glosy_die("--id and --text name the same column '%s'",
			    hdr[idcol]);
	} else if (ncols >= 2)
		for (i = 0; i < ncols; i++)
			if (i != textcol && strcmp(fold(hdr[i]), "id") == 0) {
				idcol = i;
				break;
			}
	if (textopt == NULL && r->format != INPUT_LINES) {
		for (k = 0; textnames[k] != NULL && textcol < 0; k++)
			for (i = 0; i < ncols; i++)
				if (i != idcol &&
				    strcmp(fold(hdr[i]), textnames[k]) == 0) {
					textcol = i;
					break;
				}
		if (textcol < 0) {
			if (ncols == (idcol >= 0 ? 1 : 0))
				glosy_die("no column for the text in '%s'",
				    fname);
			guessing = 1;
		}
	}
	outname = xcalloc((size_t)ncols + 1, sizeof(*outname));
	for (i = 0; i < ncols; i++) {
		if (i == idcol || i == textcol)
			continue;
		if (!name_taken(hdr[i], i)) {
			outname[i] = xstrdup(hdr[i]);
			continue;
		}
		for (j = 2;; j++) {
			buf_reset(&b);
			buf_printf(&b, "%s_%d", hdr[i], j);
			if (!name_taken(b.data, i))
				break;
		}
		outname[i] = buf_detach(&b, NULL);
		glosy_warn("%s:%lu: column name '%s' is taken; calling the "
		    "column '%s'", fname, r->rowline, hdr[i], outname[i]);
	}
	buf_release(&b);
	if (!guessing)
		write_header();
}

/* Picks the column with the longest mean length (in characters) over the
 * rows held, the first such; with no rows, the first column left. */
static void
guess_text(void)
{
	unsigned long long *len;
	const char *p;
	size_t r;
	int i;

	len = xcalloc((size_t)ncols, sizeof(*len));
	p = held.data;
	for (r = 0; r < nheld; r++) {
		p += strlen(p) + 1;
		for (i = 0; i < ncols; i++) {
			for (; *p != '\0'; p++)
				len[i] += ((unsigned char)*p & 0xc0) != 0x80;
			p++;
		}
	}
	for (i = 0; i < ncols; i++)
		if (i != idcol && (textcol < 0 || len[i] > len[textcol]))
			textcol = i;
	free(len);
}

/* Ends the guess: chooses the column, writes the header and the rows
 * held back. */
static void
end_guess(void)
{
	struct field *v;
	const char *p;
	unsigned long ord;
	size_t r;
	int i;

	if (!guessing)
		return;
	guessing = 0;
	guess_text();
	/* The chosen column leaves the names that stay. */
	write_header();
	v = xcalloc((size_t)ncols, sizeof(*v));
	p = held.data;
	for (r = 0; r < nheld; r++) {
		ord = strtoul(p, NULL, 10);
		p += strlen(p) + 1;
		for (i = 0; i < ncols; i++) {
			v[i].s = p;
			v[i].len = strlen(p);
			p += v[i].len + 1;
		}
		emit(ord, v);
		flush_some();
	}
	free(v);
	buf_release(&held);
	nheld = 0;
}

static void
hold(unsigned long ord, const struct field *v)
{
	int i;

	buf_printf(&held, "%lu", ord);
	buf_addc(&held, '\0');
	for (i = 0; i < ncols; i++) {
		buf_add(&held, v[i].s, v[i].len);
		buf_addc(&held, '\0');
	}
	if (++nheld >= GUESS_ROWS)
		end_guess();
}

/* Names the first bad byte of a row: "invalid UTF-8", "NUL byte". */
static const char *
badwhat(const struct rows *r)
{
	static char s[96];

	if (r->badnul)
		return "NUL byte";
	snprintf(s, sizeof(s), "invalid %s", r->in.encoding);
	return s;
}

/* Points *s at the id that v stands for (TSV fields are escaped) and
 * returns its length; *s is valid until the next call. */
static size_t
id_key(const struct field *v, const char **s)
{
	if (escaped && memchr(v->s, '\\', v->len) != NULL) {
		buf_reset(&key);
		record_unescape(&key, v->s, v->len);
		*s = key.data;
		return key.len;
	}
	*s = v->s;
	return v->len;
}

/*
 * Returns 1 when the id s[0..len), whose hash is h, is new; otherwise
 * rejects the row, saying where the id was first seen, and returns 0.
 */
static int
check_id(struct rows *r, const char *fname, const char *s, size_t len,
    uint64_t h)
{
	unsigned long ffile, fline;
	size_t n;

	if (idset_addh(&ids, s, len, h, filenum, r->rowline, &ffile, &fline))
		return 1;
	buf_reset(&why);
	buf_adds(&why, "duplicate id '");
	/* A long id is cut short, at a character boundary. */
	n = len;
	if (n > ID_SHOWN) {
		n = ID_SHOWN;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	record_escape(&why, s, n);
	buf_adds(&why, n < len ? "...' (first at " : "' (first at ");
	if (ffile == filenum)
		buf_printf(&why, "line %lu)", fline);
	else
		buf_printf(&why, "%s:%lu)", fnames[ffile], fline);
	reject(fname, r->rowline, why.data, r->raw, r->rawlen);
	return 0;
}

/* Checks a data row and writes it, holds it or rejects it. */
static void
take_row(struct rows *r, const char *fname)
{
	struct field *v;
	const char *k;
	char reason[128];
	size_t klen, mark;
	uint64_t h;
	int i, n = r->nf;

	if (r->nbad > 0) {
		if (strict) {
			if (r->badline == r->rowline)
				snprintf(reason, sizeof(reason),
				    "%s at column %lu", badwhat(r), r->badcol);
			else
				snprintf(reason, sizeof(reason),
				    "%s at line %lu, column %lu", badwhat(r),
				    r->badline, r->badcol);
			reject(fname, r->rowline, reason, r->raw, r->rawlen);
			return;
		}
		warnrow(W_BYTES, "%s:%lu: %s at column %lu, replaced by U+FFFD",
		    fname, r->badline, badwhat(r), r->badcol);
	}
	if (n != ncols) {
		for (i = ncols; i < n && r->f[i].len == 0; i++)
			;
		if (strict || (n > ncols && i < n)) {
			snprintf(reason, sizeof(reason),
			    "expected %d fields, found %d", ncols, n);
			reject(fname, r->rowline, reason, r->raw, r->rawlen);
			return;
		}
		if (n < ncols)
			warnrow(W_SHORT, "%s:%lu: expected %d fields, found "
			    "%d; the missing ones are left empty", fname,
			    r->rowline, ncols, n);
		else
			warnrow(W_EXTRA, "%s:%lu: expected %d fields, found "
			    "%d; the empty ones at the end are dropped",
			    fname, r->rowline, ncols, n);
	}
	if (nvals < ncols) {
		nvals = ncols;
		vals = xreallocarray(vals, (size_t)nvals, sizeof(*vals));
	}
	v = vals;
	for (i = 0; i < ncols; i++) {
		v[i].s = i < n ? r->f[i].s : "";
		v[i].len = i < n ? r->f[i].len : 0;
	}
	if (idcol < 0) {
		if (guessing)
			hold(ordinal, v);
		else {
			emit(ordinal, v);
			flush_some();
		}
		return;
	}
	klen = id_key(&v[idcol], &k);
	h = idset_prefetch(&ids, k, klen);
	if (guessing) {
		if (check_id(r, fname, k, klen, h))
			hold(ordinal, v);
		return;
	}
	/* The row is written before its id is checked, so that the id's
	 * slot in the set comes from memory meanwhile (the set outgrows the
	 * caches); a repeated id takes the row back. */
	mark = out.len;
	emit(ordinal, v);
	if (!check_id(r, fname, k, klen, h)) {
		buf_setlen(&out, mark);
		nwritten--;
	}
	flush_some();
}

static void
import_file(const char *path)
{
	struct rows r;
	const char *fname;
	char **names;
	int rc, i;

	if (rows_open(&r, path, format, delim, encoding) < 0)
		glosy_die("%s", r.err);
	fname = r.in.name;
	fnames[filenum] = fname;
	if (r.in.detected && !quiet)
		glosy_warn("reading '%s' as %s", fname, r.in.encoding);
	if (r.format == INPUT_LINES) {
		names = xcalloc(2, sizeof(*names));
		names[0] = xstrdup("text");
	} else {
		rc = rows_next(&r);
		if (rc == ROWS_ERROR)
			glosy_die("%s", r.err);
		if (rc == ROWS_REJECT)
			glosy_die("%s:%lu: %s in the header line", fname,
			    r.rowline, r.reason);
		if (rc == ROWS_END) {
			glosy_warn("'%s' is empty", fname);
			rows_close(&r);
			return;
		}
		if (r.nbad > 0) {
			if (strict)
				glosy_die("%s:%lu: %s at column %lu of the "
				    "header", fname, r.badline, badwhat(&r),
				    r.badcol);
			warnrow(W_BYTES, "%s:%lu: %s at column %lu, replaced "
			    "by U+FFFD", fname, r.badline, badwhat(&r),
			    r.badcol);
		}
		names = read_header(&r, fname);
	}
	if (ncols < 0) {
		hdr = names;
		make_plan(&r, fname);
	} else {
		for (i = 0; i < ncols && names[i] != NULL &&
		    strcmp(names[i], hdr[i]) == 0; i++)
			;
		if (i < ncols || names[i] != NULL || r.escaped != escaped)
			glosy_die("%s: its columns differ from those of '%s'",
			    fname, planfile);
		for (i = 0; names[i] != NULL; i++)
			free(names[i]);
		free(names);
	}
	for (;;) {
		rc = rows_next(&r);
		if (rc == ROWS_END)
			break;
		if (rc == ROWS_ERROR) {
			/* Rows read so far are written: the output is a valid
			 * stream, but the run fails. */
			end_guess();
			flush_out();
			glosy_die("%s", r.err);
		}
		nread++;
		ordinal++;
		if (rc == ROWS_REJECT)
			reject(fname, r.rowline, r.reason, r.raw, r.rawlen);
		else
			take_row(&r, fname);
	}
	rows_close(&r);
}

static int
parse_delim(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
		return '\t';
	if (strcmp(s, "comma") == 0)
		return ',';
	if (strcmp(s, "semicolon") == 0)
		return ';';
	if (s[0] != '\0' && s[1] == '\0' && s[0] != '"' && s[0] != '\n' &&
	    s[0] != '\r')
		return (unsigned char)s[0];
	glosy_die_usage("invalid delimiter '%s'", s);
}

int
main(int argc, char *argv[])
{
	static char *dash[] = { "-", NULL };
	unsigned long w;
	int ch, i, rc = 0;

	glosy_setprogname(argv[0]);
	/* getopt's own messages would name the program by its full path. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":d:e:f:hi:qr:st:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			delim = parse_delim(optarg);
			break;
		case 'e':
			if (!input_encoding_known(optarg))
				glosy_die_usage("unknown encoding '%s'",
				    optarg);
			encoding = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				format = INPUT_CSV;
			else if (strcmp(optarg, "tsv") == 0)
				format = INPUT_TSV;
			else if (strcmp(optarg, "lines") == 0)
				format = INPUT_LINES;
			else
				glosy_die_usage("unknown format '%s'", optarg);
			break;
		case 'h':
			usage(stdout, EXIT_SUCCESS);
		case 'i':
			idopt = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'r':
			rejpath = optarg;
			break;
		case 's':
			strict = 1;
			break;
		case 't':
			textopt = optarg;
			break;
		case 'V':
			glosy_version();
		default:
			glosy_bad_option(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		argc = 1;
		argv = dash;
	}

	glosy_stdout_buffer();
	if (rejpath != NULL) {
		if ((rejfp = fopen(rejpath, "w")) == NULL)
			glosy_die("cannot open '%s':", rejpath);
		fputs("line\treason\traw\n", rejfp);
	}
	fnames = xcalloc((size_t)argc, sizeof(*fnames));
	for (i = 0; i < argc; i++) {
		filenum = (unsigned long)i;
		import_file(argv[i]);
	}
	end_guess();
	if (ncols < 0) {
		/* No input had a header: an empty stream of answers. */
		ncols = 0;
		write_header();
	}
	flush_out();

	if (nwarn[W_BYTES] > WARN_MAX || nwarn[W_SHORT] > WARN_MAX ||
	    nwarn[W_EXTRA] > WARN_MAX) {
		w = 0;
		for (i = 0; i < W_NKINDS; i++)
			w += nwarn[i] > WARN_MAX ? nwarn[i] - WARN_MAX : 0;
		glosy_warn("%lu more warnings like the above not shown", w);
	}
	if (rejfp != NULL && (fflush(rejfp) != 0 || ferror(rejfp) ||
	    fclose(rejfp) != 0))
		glosy_die("write error on '%s':", rejpath);
	buf_release(&rb);
	idset_release(&ids);
	buf_release(&key);
	buf_release(&why);
	free(fnames);
	free(vals);
	fold(NULL);
	for (i = 0; i < ncols; i++) {
		free(hdr[i]);
		free(outname[i]);
	}
	free(hdr);
	free(outname);
	buf_release(&out);
	/* The counts are true only once the output is out. */
	if (glosy_close_stdout() != 0)
		return GLOSY_EXIT_DATA;
	if (!quiet)
		glosy_warn("read %lu rows, wrote %lu, rejected %lu", nread,
		    nwritten, nrejected);
	if (nrejected > 0 && rejfp == NULL)
		rc = GLOSY_EXIT_DATA;
	return rc;
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-hqsV] [-d delim] [-e encoding] [-f format] "
	    "[-i column] [-r file] [-t column] [file ...]\n", glosy_progname());
	if (status == EXIT_SUCCESS)
		fputs("\n"
		    "  -d, --delimiter CHAR  CSV delimiter: , ; tab (default: "
		    "guessed from the header)\n"
		    "  -e, --encoding NAME   input encoding (default: "
		    "detected)\n"
		    "  -f, --format FORMAT   csv, tsv or lines (default: from "
		    "the file name or content)\n"
		    "  -i, --id COLUMN       column with the ids (default: one "
		    "named id, else 000001...)\n"
		    "  -q, --quiet           no counts or encoding notes on "
		    "stderr\n"
		    "  -r, --rejects FILE    write rows that cannot be imported "
		    "to FILE\n"
		    "  -s, --strict          reject rows with invalid bytes or "
		    "a wrong field count\n"
		    "  -t, --text COLUMN     column with the answers (default: "
		    "guessed)\n"
		    "  -h, --help            show this help and exit\n"
		    "  -V, --version         show the version and exit\n", fp);
	exit(status);
}
