/*
 * glosy-cluster - groups short answers into themes.
 *
 * Input: a glosy record stream (glosy-records(5)) with a `terms` column
 * (glosy-stem(1); or the column named by -c).  The whole input is held in
 * memory, because every answer is revisited on each sweep of the sampler.
 * Output: every row, in input order, plus `theme` (the main theme id),
 * `themes` (all themes the answer belongs to, main first) and `theme_p`
 * (the main theme's posterior probability).
 *
 * Themes are found by a Dirichlet-multinomial mixture fitted by collapsed
 * Gibbs sampling (cluster/dmm.c), started from spherical k-means and
 * guided by the seed terms of a codebook (-C).  Answers without content go
 * to `no_content`.  -m writes the theme table; -a assigns answers with a
 * saved table instead of fitting one (cluster/model.c).
 */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "codebook.h"
#include "cluster/cluster.h"
#include "cluster/model.h"

static _Noreturn void	usage(FILE *, int);

enum {
	OPT_ALPHA = 256,
	OPT_BETA,
	OPT_BOOST,
	OPT_INIT,
	OPT_MINSIZE,
	OPT_GREEDY,
};

static const struct option longopts[] = {
	{ "alpha",	required_argument,	NULL,	OPT_ALPHA },
	{ "apply",	required_argument,	NULL,	'a' },
	{ "beta",	required_argument,	NULL,	OPT_BETA },
	{ "boost",	required_argument,	NULL,	OPT_BOOST },
	{ "codebook",	required_argument,	NULL,	'C' },
	{ "column",	required_argument,	NULL,	'c' },
	{ "greedy",	required_argument,	NULL,	OPT_GREEDY },
	{ "help",	no_argument,		NULL,	'h' },
	{ "init",	required_argument,	NULL,	OPT_INIT },
	{ "iterations",	required_argument,	NULL,	'i' },
	{ "max-themes",	required_argument,	NULL,	'K' },
	{ "min-p",	required_argument,	NULL,	'p' },
	{ "min-size",	required_argument,	NULL,	OPT_MINSIZE },
	{ "model",	required_argument,	NULL,	'm' },
	{ "nocontent",	required_argument,	NULL,	'n' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "restarts",	required_argument,	NULL,	'r' },
	{ "seed",	required_argument,	NULL,	's' },
	{ "themes",	required_argument,	NULL,	'k' },
	{ "verbose",	no_argument,		NULL,	'v' },
	{ "version",	no_argument,		NULL,	'V' },
	{ NULL,		0,			NULL,	0 }
};

static const char	*column = "terms";
static const char	*codebookpath;
static const char	*modelpath;
static const char	*applypath;
static const char	*nocontentpath;
static int		 maxK = 40, fixk;
static int		 iters = -1, greedy = -1, restarts = -1;
static int		 initmode = INIT_KMEANS;
static int		 minsize = -1;
/* alpha and beta stay 0 unless given: a fit takes DEFAULT_PRIOR, --apply
 * the priors of its table. */
static double		 alpha, beta, boost = 2.0, minp = 0.25;
static uint64_t		 seed = 1;
static int		 quiet, verbose;

static long long
num(const char *opt, const char *s, long long lo, long long hi)
{
	const char *errstr;
	long long v;

	v = glosy_strtonum(s, lo, hi, &errstr);
	if (errstr != NULL)
		glosy_die_usage("%s: '%s' is %s", opt, s, errstr);
	return v;
}

static double
dnum(const char *opt, const char *s, double lo, double hi)
{
	const char *errstr;
	double v;

	v = glosy_strtod(s, lo, hi, &errstr);
	if (errstr != NULL)
		glosy_die_usage("%s: '%s' is %s", opt, s, errstr);
	return v;
}

int
main(int argc, char *argv[])
{
	struct input in;
	struct codebook *cb = NULL;
	struct strtab nocontent = STRTAB_INIT;
	char err[600], *path;
	int ch;

	glosy_setprogname(argv[0]);
	while ((ch = getopt_long(argc, argv, "a:C:c:hi:K:k:m:n:p:qr:s:Vv",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			applypath = optarg;
			break;
		case 'C':
			codebookpath = optarg;
			break;
		case 'c':
			column = optarg;
			break;
		case 'h':
			usage(stdout, EXIT_SUCCESS);
		case 'i':
			iters = (int)num("-i", optarg, 0, 100000);
			break;
		case 'K':
			maxK = (int)num("-K", optarg, 1, 10000);
			break;
		case 'k':
			fixk = (int)num("-k", optarg, 1, 10000);
			break;
		case 'm':
			modelpath = optarg;
			break;
		case 'n':
			nocontentpath = optarg;
			break;
		case 'p':
			minp = dnum("-p", optarg, 0, 1);
			break;
		case 'q':
			quiet = 1;
			break;
		case 'r':
			restarts = (int)num("-r", optarg, 1, 1000);
			break;
		case 's':
			seed = (uint64_t)num("-s", optarg, 0, LLONG_MAX);
			break;
		case 'V':
			glosy_version();
		case 'v':
			verbose = 1;
			break;
		case OPT_ALPHA:
			alpha = dnum("--alpha", optarg, 1e-6, 1e6);
			break;
		case OPT_BETA:
			beta = dnum("--beta", optarg, 1e-6, 1e6);
			break;
		case OPT_BOOST:
			boost = dnum("--boost", optarg, 0, 1e6);
			break;
		case OPT_GREEDY:
			greedy = (int)num("--greedy", optarg, 0, 100000);
			break;
		case OPT_INIT:
			if (strcmp(optarg, "random") == 0)
				initmode = INIT_RANDOM;
			else if (strcmp(optarg, "kmeans") == 0)
				initmode = INIT_KMEANS;
			else
				glosy_die_usage("--init: unknown method '%s'",
				    optarg);
			break;
		case OPT_MINSIZE:
			minsize = (int)num("--min-size", optarg, 0, 100000000);
			break;
		default:
			usage(stderr, GLOSY_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (applypath != NULL && (modelpath != NULL || fixk))
		glosy_die_usage("-a cannot be combined with -k or -m");

	glosy_stdout_buffer();
	if (codebookpath != NULL &&
	    (cb = codebook_load(codebookpath, err, sizeof(err))) == NULL)
		glosy_die("%s", err);
	if (nocontentpath != NULL) {
		if (load_nocontent(&nocontent, nocontentpath, 1) < 0)
			exit(GLOSY_EXIT_DATA);
	} else if ((path = glosy_datafile("pl/nocontent")) != NULL) {
		if (load_nocontent(&nocontent, path, 0) < 0)
			exit(GLOSY_EXIT_DATA);
		free(path);
	}

	records_open(&in.r, argc, argv);
	in.col = records_need(&in.r, column);
	in.textcol = records_col(&in.r, "text");
	in.out_theme = records_add(&in.r, "theme");
	in.out_themes = records_add(&in.r, "themes");
	in.out_p = records_add(&in.r, "theme_p");
	in.nocontent = &nocontent;

	if (applypath != NULL)
		apply_stream(&in, applypath, cb, minp, beta, alpha);
	else {
		struct clusteropt o;

		memset(&o, 0, sizeof(o));
		o.maxK = maxK;
		o.fixk = fixk;
		o.minsize = minsize;
		o.minp = minp;
		o.quiet = quiet;
		o.modelpath = modelpath;
		o.fit.iters = iters;
		o.fit.greedy = greedy;
		o.fit.restarts = restarts;
		o.fit.alpha = alpha > 0 ? alpha : DEFAULT_PRIOR;
		o.fit.beta = beta > 0 ? beta : DEFAULT_PRIOR;
		o.fit.boost = boost;
		o.fit.seed = seed;
		o.fit.init = initmode;
		o.fit.verbose = verbose;
		cluster_all(&in, cb, &o);
	}

	records_close(&in.r);
	strtab_release(&nocontent);
	codebook_free(cb);
	return glosy_close_stdout();
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-hqVv] [-a model] [-C codebook] [-c column] "
	    "[-i iterations]\n"
	    "    [-K max] [-k themes] [-m model] [-n nocontent] [-p min-p] "
	    "[-r restarts]\n"
	    "    [-s seed] [file ...]\n", glosy_progname());
	if (status == EXIT_SUCCESS)
		fputs("\n"
		    "  -a, --apply FILE       assign answers with a saved model, "
		    "no fitting\n"
		    "  -C, --codebook FILE    named themes and their seed terms\n"
		    "  -c, --column NAME      input column (default terms)\n"
		    "  -i, --iterations N     Gibbs sweeps, at most (default 40, "
		    "20 for big inputs)\n"
		    "  -K, --max-themes N     at most N themes, found "
		    "automatically (default 40)\n"
		    "  -k, --themes N         exactly N themes\n"
		    "  -m, --model FILE       write the theme table to FILE\n"
		    "  -n, --nocontent FILE   lemmas without content (default "
		    "pl/nocontent)\n"
		    "  -p, --min-p P          list further themes with "
		    "posterior >= P (default 0.25)\n"
		    "  -q, --quiet            no warnings about the codebook\n"
		    "  -r, --restarts N       fits to keep the best of "
		    "(default 3, 1 for big inputs)\n"
		    "  -s, --seed N           random seed (default 1)\n"
		    "  -v, --verbose          report each sweep on stderr\n"
		    "      --alpha A, --beta B, --boost B, --greedy N, "
		    "--init random|kmeans,\n"
		    "      --min-size N       model settings, see glosy-cluster(1)\n"
		    "  -h, --help             show this help and exit\n"
		    "  -V, --version          show the version and exit\n", fp);
	else
		glosy_try_help();
	exit(status);
}
