/*
 * glosy-tokenize - add a `tokens` column: the words of `norm`, separated by
 * single blanks.
 *
 * Input: a glosy record stream (glosy-records(5)) with a `norm` column
 * (--column) made by glosy-normalize(1): valid UTF-8, NFC, case-folded.
 * Output: the same records plus `tokens` (--output).  Words come from ICU's
 * word-break iterator over the UTF-8 text (text_tokenize() in the text
 * layer), with word-hyphen-word joined, placeholders such as <email> kept
 * whole, numbers and emoji kept unless --no-numbers or --no-emoji, and
 * punctuation dropped.  A token longer than 255 bytes is cut, with a
 * warning naming the line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"

static _Noreturn void	usage(void);

static const struct option longopts[] = {
	{ "column",	required_argument,	NULL,	'c' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "no-emoji",	no_argument,		NULL,	'E' },
	{ "no-numbers",	no_argument,		NULL,	'D' },
	{ "output",	required_argument,	NULL,	'o' },
	{ "version",	no_argument,		NULL,	'V' },
	{ NULL,		0,			NULL,	0 }
};

static const char	*column = "norm";
static const char	*output = "tokens";
static int		 flags;

int
main(int argc, char *argv[])
{
	struct records in;
	struct text_tokenizer *tk;
	struct buf fixed = BUF_INIT, out = BUF_INIT;
	const char *s;
	char err[256];
	size_t len, nbad, col1;
	long ncut;
	int ch, icol, kout;

	glosy_setprogname(argv[0]);
	glosy_stdout_buffer();
	/* getopt's own messages would name the program by its full path. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":c:DEho:V", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'c':
			column = optarg;
			break;
		case 'D':
			flags |= TEXT_NO_NUMBERS;
			break;
		case 'E':
			flags |= TEXT_NO_EMOJI;
			break;
		case 'h':
			usage();
		case 'o':
			output = optarg;
			break;
		case 'V':
			glosy_version();
		default:
			glosy_bad_option(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (*column == '\0' || *output == '\0')
		glosy_die_usage("empty column name");

	records_open(&in, argc, argv);
	icol = records_need(&in, column);
	kout = records_add(&in, output);
	if ((tk = text_tokenizer_new(flags, err, sizeof(err))) == NULL)
		glosy_die("%s", err);
	while (records_next(&in)) {
		s = records_get(&in, icol, &len);
		/* norm is valid UTF-8 when it comes from glosy-normalize;
		 * a hand-made stream is repaired rather than trusted. */
		if (text_invalid(s, len) != (size_t)-1) {
			buf_reset(&fixed);
			nbad = text_repair(&fixed, s, len, &col1);
			glosy_warn("%s:%lu: invalid UTF-8 in '%s' at character "
			    "%zu (%zu replaced by U+FFFD)", in.fname, in.lineno,
			    column, col1, nbad);
			s = fixed.data;
			len = fixed.len;
		}
		buf_reset(&out);
		if ((ncut = text_tokenize(tk, &out, s, len)) < 0)
			glosy_die("%s:%lu: cannot tokenize '%s'", in.fname,
			    in.lineno, column);
		if (ncut > 0)
			glosy_warn("%s:%lu: %ld token%s longer than %d bytes "
			    "cut", in.fname, in.lineno, ncut, ncut > 1 ? "s" :
			    "", TEXT_MAXTOKEN);
		records_set(&in, kout, out.data, out.len);
		records_emit(&in);
	}

	records_close(&in);
	text_tokenizer_free(tk);
	buf_release(&fixed);
	buf_release(&out);
	return glosy_close_stdout();
}

/* Prints the usage and the option list on stdout and exits 0. */
static void
usage(void)
{
	FILE *fp = stdout;

	fprintf(fp, "usage: %s [-DEhV] [-c column] [-o column] [file ...]\n",
	    glosy_progname());
	fputs("\n"
	    "  -c, --column NAME  read the text from column NAME "
	    "(default norm)\n"
	    "  -o, --output NAME  write the tokens to column NAME "
	    "(default tokens)\n"
	    "  -D, --no-numbers   drop numbers\n"
	    "  -E, --no-emoji     drop emoji\n"
	    "  -h, --help         show this help and exit\n"
	    "  -V, --version      show the version and exit\n", fp);
	exit(glosy_close_stdout());
}
