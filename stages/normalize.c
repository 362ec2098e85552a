/*
 * glosy-normalize - add a `norm` column: the answer text redacted of
 * personal data, cleaned, NFC-normalized and case-folded.
 *
 * Input: a glosy record stream (glosy-records(5)) with a `text` column
 * (--column).  Output: the same records plus `norm` (--output); with
 * --redact-text the input column is replaced by its redacted text too.
 * Redaction runs first, on the original text, with the patterns lexicon
 * (lexicons/pl/patterns, or --patterns); then text_norm() of the text layer
 * does the rest.  A field that is not valid UTF-8 is repaired with U+FFFD
 * and a warning.  A field whose redaction gives up (match limit) becomes
 * REDACTION_FAILED, so that no personal data slips through.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "pattern.h"

#define REDACTION_FAILED	"<redaction-failed>"

static _Noreturn void	usage(void);

static const struct option longopts[] = {
	{ "column",	required_argument,	NULL,	'c' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "keep",	required_argument,	NULL,	'k' },
	{ "nfkc",	no_argument,		NULL,	'N' },
	{ "output",	required_argument,	NULL,	'o' },
	{ "patterns",	required_argument,	NULL,	'p' },
	{ "redact-text", no_argument,		NULL,	'r' },
	{ "squeeze",	no_argument,		NULL,	's' },
	{ "version",	no_argument,		NULL,	'V' },
	{ NULL,		0,			NULL,	0 }
};

static const char	*column = "text";
static const char	*output = "norm";
static const char	*patfile;
static char		*keep;
static int		 redact_text, normflags;

/* Applies --keep: a comma-separated list of kinds, or "all". */
static int
keep_kinds(struct patterns *pats)
{
	char *list, *k, *save = NULL;
	int i, all = 0;

	list = xstrdup(keep);
	for (k = strtok_r(list, ",", &save); k != NULL;
	    k = strtok_r(NULL, ",", &save)) {
		if (strcmp(k, "all") == 0) {
			for (i = 0; i < patterns_nkinds(pats); i++)
				patterns_keep(pats, patterns_kind(pats, i));
			all = 1;
		} else if (patterns_keep(pats, k) < 0) {
			glosy_warn("--keep: unknown kind '%s'", k);
			glosy_try_help();
			free(list);
			return -1;
		}
	}
	free(list);
	return all;
}

int
main(int argc, char *argv[])
{
	struct records in;
	struct patterns *pats = NULL;
	struct text_norm *tn;
	struct buf fixed = BUF_INIT, red = BUF_INIT, norm = BUF_INIT;
	const char *s, *errstr;
	char *path = NULL, err[1024];
	size_t len, nbad, col1;
	int ch, icol, knorm, ktext = -1, all = 0;

	glosy_setprogname(argv[0]);
	glosy_stdout_buffer();
	/* getopt's own messages would name the program by its full path. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":c:hk:No:p:rsV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			column = optarg;
			break;
		case 'h':
			usage();
		case 'k':
			keep = optarg;
			break;
		case 'N':
			normflags |= TEXT_NFKC;
			break;
		case 'o':
			output = optarg;
			break;
		case 'p':
			patfile = optarg;
			break;
		case 'r':
			redact_text = 1;
			break;
		case 's':
			normflags |= TEXT_SQUEEZE;
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
	if (strcmp(column, output) == 0 && redact_text)
		glosy_die_usage("--redact-text needs --output to differ from "
		    "--column");

	if (patfile == NULL && (path = glosy_datafile("pl/patterns")) == NULL)
		glosy_die("cannot find the lexicon 'pl/patterns'");
	if ((pats = patterns_load(patfile ? patfile : path, err,
	    sizeof(err))) == NULL)
		glosy_die("%s", err);
	free(path);
	if (keep != NULL && (all = keep_kinds(pats)) < 0) {
		patterns_free(pats);
		exit(GLOSY_EXIT_USAGE);
	}

	records_open(&in, argc, argv);
	icol = records_need(&in, column);
	knorm = records_add(&in, output);
	if (redact_text)
		ktext = records_add(&in, column);
	tn = text_norm_new(normflags);
	while (records_next(&in)) {
		s = records_get(&in, icol, &len);
		if (text_invalid(s, len) != (size_t)-1) {
			buf_reset(&fixed);
			nbad = text_repair(&fixed, s, len, &col1);
			glosy_warn("%s:%lu: invalid UTF-8 in '%s' at character "
			    "%zu (%zu replaced by U+FFFD)", in.fname, in.lineno,
			    column, col1, nbad);
			s = fixed.data;
			len = fixed.len;
		}
		buf_reset(&red);
		if (!all && patterns_apply(pats, &red, s, len, &errstr) < 0) {
			glosy_warn("%s:%lu: redaction failed (%s); the field "
			    "becomes %s", in.fname, in.lineno, errstr,
			    REDACTION_FAILED);
			buf_reset(&red);
			buf_adds(&red, REDACTION_FAILED);
		} else if (all)
			buf_add(&red, s, len);
		buf_reset(&norm);
		if (text_norm(tn, &norm, red.data, red.len) < 0)
			glosy_die("%s:%lu: cannot normalize '%s'", in.fname,
			    in.lineno, column);
		records_set(&in, knorm, norm.data, norm.len);
		if (ktext >= 0)
			records_set(&in, ktext, red.data, red.len);
		records_emit(&in);
	}

	records_close(&in);
	text_norm_free(tn);
	patterns_free(pats);
	buf_release(&fixed);
	buf_release(&red);
	buf_release(&norm);
	return glosy_close_stdout();
}

/* Prints the usage and the option list on stdout and exits 0. */
static void
usage(void)
{
	FILE *fp = stdout;

	fprintf(fp, "usage: %s [-hNrsV] [-c column] [-k kind[,kind...]] "
	    "[-o column] [-p file]\n       [file ...]\n", glosy_progname());
	fputs("\n"
	    "  -c, --column NAME      read the text from column NAME "
	    "(default text)\n"
	    "  -o, --output NAME      write the result to column NAME "
	    "(default norm)\n"
	    "  -k, --keep KIND[,...]  leave these kinds of personal "
	    "data alone; 'all'\n"
	    "                         turns redaction off\n"
	    "  -p, --patterns FILE    redaction patterns (default the "
	    "lexicon pl/patterns)\n"
	    "  -r, --redact-text      replace the input column by its "
	    "redacted text too\n"
	    "  -N, --nfkc             NFKC instead of NFC\n"
	    "  -s, --squeeze          cut letters repeated 3 or more "
	    "times to one\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n", fp);
	exit(glosy_close_stdout());
}
