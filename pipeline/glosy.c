/*
 * glosy - the driver: runs the whole chain of glosy stages as one command.
 *
 * `glosy run` reads a pipeline file (glosy-pipeline(5); pipeline/default
 * unless --pipeline names another), checks every stage and option in it
 * against the stage programs' own --help, applies --set overrides, and then
 * starts the stage programs connected by pipes, exactly as a shell would run
 * `glosy-import answers.csv | glosy-normalize | ... | glosy-report`.  It does
 * not re-implement any stage.
 *
 * Around that plain pipeline it adds what a shell does not: the report is
 * written into a temporary directory beside -o and renamed into place only
 * when every stage succeeded; an interrupt stops every stage (they run in a
 * process group of their own); --keep DIR saves each intermediate stream; on
 * a terminal, stderr shows each stage's rows and time.  When the streams
 * have to be seen (--keep, progress), the driver relays the bytes itself
 * with non-blocking pipes and one poll(2) loop; otherwise the stages are
 * joined directly.  A stage that reads a ${work} file written by an earlier
 * one (report reads cluster's --model), and a group of `also` stages, start
 * only when the stages before them have ended, and read the stream saved
 * in ${work}: the chain runs as segments, one after the other.
 *
 * The exit status is that of the first stage that failed, in pipeline
 * order; a stage killed by SIGPIPE only counts when no later stage failed,
 * since it merely lost its reader.
 */
#define _GNU_SOURCE	/* pipe2, memrchr, nftw */

#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "glosy.h"

#define MAXSTAGES	32
#define RELAYBUF	(256 * 1024)

/* One option a stage accepts, as read from its --help. */
struct opt {
	char	*name;		/* "model" or "k" (a short option) */
	int	 hasarg;	/* 0 none, 1 required, 2 optional */
	int	 group;		/* twins share their help line */
};

struct stage {
	char		*name;		/* "cluster" */
	char		*path;		/* the program, absolute */
	unsigned long	 lineno;	/* line in the pipeline file */
	int		 also;		/* reads the input above */
	char		**args;		/* options, unexpanded */
	int		 nargs;
	struct opt	*opts;		/* from --help, or NULL */
	int		 nopts;
};

/*
 * A link, when the driver relays, carries the stdout of proc i to the
 * stdin of proc i+1 and, with --keep, to a file, counting the lines.
 */
struct link {
	int		 in;		/* read end, -1 when closed */
	int		 out[MAXSTAGES];	/* consumers' write ends */
	size_t		 off[MAXSTAGES];	/* what each took */
	int		 nout;
	int		 keep;		/* file descriptor or -1 */
	int		 used;
	char		*buf;
	size_t		 len;
	unsigned long	 lines;
};

/*
 * How a stage may run on shards under --jobs: not at all (it needs its
 * whole input), record by record, or record by record after a first pass
 * over the shards whose outputs merge exactly (stem: --tally, then
 * --votes with the summed tallies).
 */
enum shard { SH_WHOLE, SH_RECORD, SH_TWOPASS };

/* The stages known to the driver, for `glosy stages` and --jobs. */
static const struct {
	const char	*name;
	const char	*reads;
	const char	*adds;
	enum shard	 shard;
} known[] = {
	{ "import", "CSV, TSV or text", "id text (+ input columns)",
	    SH_WHOLE },
	{ "normalize", "text", "norm", SH_RECORD },
	{ "tokenize", "norm", "tokens", SH_RECORD },
	{ "stem", "tokens", "lemmas terms", SH_TWOPASS },
	/* dedup --sketch would only move the signing, the cheap part of
	 * dedup, into the jobs: the grouping takes as long with sketches */
	{ "dedup", "tokens", "dup_group dup_size dup_kind", SH_WHOLE },
	{ "cluster", "terms", "theme themes theme_p", SH_WHOLE },
	{ "report", "theme themes dup_* metadata", "(tables)", SH_WHOLE },
	{ "lexicon", "(lexicon files)", "(checks)", SH_WHOLE },
};

static struct stage	 stages[MAXSTAGES];
static int		 nstages;
static const char	*pipefile;
static const char	*outdir = "report";
static const char	*keepdir;
static char		*workdir;	/* ${work}: keepdir or a temp dir */
static char		*tmpout;	/* ${out} while running */
static int		 usesout;
static int		 dryrun, quiet, jobs = 1;
static char		*bashpath;	/* for --jobs */
static char		 parblock[32];	/* --block of parallel */
static int		 progress;
static char		*exedir;
static char		*datadir;	/* ${data} */
static int		 pipeowned;	/* pipefile was allocated */
static volatile sig_atomic_t gotsig;
static pid_t		 pgid;
static struct timespec	 t0;

static _Noreturn void	usage(FILE *, int);
static void		findbarriers(void);
static void		stagedpath(struct buf *, int);

static const struct option longopts[] = {
	{ "dry-run",	no_argument,		NULL,	'n' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "jobs",	required_argument,	NULL,	'j' },
	{ "keep",	required_argument,	NULL,	'k' },
	{ "output",	required_argument,	NULL,	'o' },
	{ "pipeline",	required_argument,	NULL,	'p' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "set",	required_argument,	NULL,	's' },
	{ "unset",	required_argument,	NULL,	'u' },
	{ "version",	no_argument,		NULL,	'V' },
	{ NULL,		0,			NULL,	0 }
};

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0.tv_sec) +
	    (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
}

static int
isexec(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

/* Returns the path of program name on PATH (you own it), or NULL. */
static char *
findprog(const char *name)
{
	struct buf b = BUF_INIT;
	const char *path, *p, *e;

	if ((path = getenv("PATH")) == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; ; p = e + 1) {
		e = strchr(p, ':');
		buf_reset(&b);
		buf_add(&b, p, e ? (size_t)(e - p) : strlen(p));
		buf_printf(&b, "/%s", name);
		if (b.data[0] == '/' && isexec(b.data))
			return buf_detach(&b, NULL);
		if (e == NULL)
			break;
	}
	buf_release(&b);
	return NULL;
}

/* Sets exedir to the directory of the running program. */
static void
findexedir(void)
{
	char exe[PATH_MAX], *p;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	if ((p = strrchr(exe, '/')) == NULL)
		return;
	*p = '\0';
	exedir = xstrdup(exe);
}

/* Returns the program of stage name (you own it), or NULL: next to the
 * driver first, then on PATH. */
static char *
findstage(const char *name)
{
	struct buf b = BUF_INIT;
	const char *path, *p, *e;

	if (exedir != NULL) {
		buf_printf(&b, "%s/glosy-%s", exedir, name);
		if (isexec(b.data))
			return buf_detach(&b, NULL);
	}
	if ((path = getenv("PATH")) == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; ; p = e + 1) {
		e = strchr(p, ':');
		buf_reset(&b);
		if (e == NULL ? *p == '\0' : e == p)
			buf_adds(&b, ".");
		else
			buf_add(&b, p, e ? (size_t)(e - p) : strlen(p));
		buf_printf(&b, "/glosy-%s", name);
		if (isexec(b.data)) {
			if (b.data[0] != '/') {
				char cwd[PATH_MAX];
				struct buf a = BUF_INIT;

				if (getcwd(cwd, sizeof(cwd)) == NULL)
					glosy_die("getcwd:");
				buf_printf(&a, "%s/%s", cwd, b.data);
				buf_release(&b);
				return buf_detach(&a, NULL);
			}
			return buf_detach(&b, NULL);
		}
		if (e == NULL)
			break;
	}
	buf_release(&b);
	return NULL;
}

/* Returns a data file of the distribution (you own it), or NULL: under
 * $GLOSY_DATADIR, then ../REL next to the driver (a build tree), then
 * under the compiled-in data directory. */
static char *
finddata(const char *rel)
{
	struct buf b = BUF_INIT;
	const char *env;
	char *r;

	if ((env = getenv("GLOSY_DATADIR")) != NULL && *env != '\0') {
		buf_printf(&b, "%s/%s", env, rel);
		if ((r = realpath(b.data, NULL)) != NULL)
			goto found;
	}
	if (exedir != NULL) {
		buf_reset(&b);
		buf_printf(&b, "%s/../%s", exedir, rel);
		if ((r = realpath(b.data, NULL)) != NULL)
			goto found;
	}
	buf_reset(&b);
	buf_printf(&b, "%s/%s", GLOSY_DATADIR, rel);
	r = realpath(b.data, NULL);
found:
	buf_release(&b);
	return r;
}

/* Returns the directory of the lexicons (you own it), found as
 * glosy_datafile() finds a lexicon: $GLOSY_DATADIR, then ../lexicons next
 * to the driver, then the compiled-in data directory. */
static char *
finddatadir(void)
{
	struct buf b = BUF_INIT;
	const char *env;
	struct stat st;
	size_t n;

	if ((env = getenv("GLOSY_DATADIR")) != NULL && *env != '\0')
		return xstrdup(env);
	if (exedir != NULL && (n = strlen(exedir)) >= 4 &&
	    strcmp(exedir + n - 4, "/bin") == 0) {
		buf_add(&b, exedir, n - 4);
		buf_adds(&b, "/lexicons");
		if (stat(b.data, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *r = realpath(b.data, NULL);

			buf_release(&b);
			return r != NULL ? r : xstrdup("lexicons");
		}
	}
	buf_release(&b);
	return xstrdup(GLOSY_DATADIR);
}

static int
knownidx(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(known[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* ---- reading a stage's options from its --help ---- */

static void
addopt(struct stage *s, const char *name, size_t len, int hasarg, int group)
{
	int i;

	for (i = 0; i < s->nopts; i++)
		if (strlen(s->opts[i].name) == len &&
		    memcmp(s->opts[i].name, name, len) == 0)
			return;
	s->opts = xreallocarray(s->opts, (size_t)s->nopts + 1,
	    sizeof(*s->opts));
	s->opts[s->nopts].name = xstrndup(name, len);
	s->opts[s->nopts].hasarg = hasarg;
	s->opts[s->nopts].group = group;
	s->nopts++;
}

/*
 * Parses one line of an option list: "  -k, --clusters N   text" or
 * "      --model FILE  text".  The option column ends at the first run of
 * two blanks (or a tab); an option takes an argument when that column holds
 * a word not starting with '-', or when its name is followed by '=' (a
 * required argument) or "[=" (an optional one).
 */
static void
parsehelpline(struct stage *s, const char *line, int group)
{
	const char *p = line, *end, *q, *t;
	int hasarg = 0, first = s->nopts;
	int i;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '-')
		return;
	for (end = p; *end != '\0' && *end != '\t' &&
	    !(end[0] == ' ' && end[1] == ' '); end++)
		;
	for (q = p; q < end; ) {
		int opthas = -1;

		while (q < end && (*q == ' ' || *q == ','))
			q++;
		if (q >= end)
			break;
		for (t = q; t < end && *t != ' ' && *t != ','; t++)
			;
		if (q[0] == '-' && q[1] == '-' && t - q > 2) {
			const char *n = q + 2, *ne = n;

			while (ne < t && *ne != '=' && *ne != '[')
				ne++;
			if (ne < t)
				opthas = *ne == '=' ? 1 : 2;
			addopt(s, n, (size_t)(ne - n), 0, group);
			if (opthas > 0)
				s->opts[s->nopts - 1].hasarg = opthas;
		} else if (q[0] == '-' && t - q >= 2 && q[1] != '-') {
			addopt(s, q + 1, 1, 0, group);
			if (t - q > 2)
				s->opts[s->nopts - 1].hasarg = 1;
		} else
			hasarg = 1;
		q = t;
	}
	if (hasarg)
		for (i = first; i < s->nopts; i++)
			if (s->opts[i].hasarg == 0)
				s->opts[i].hasarg = 1;
}

/* Runs `PROGRAM --help` and reads its option list into s->opts. */
static void
readhelp(struct stage *s)
{
	int pfd[2], st = -1, group = 0;
	pid_t pid;
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;

	if (pipe2(pfd, O_CLOEXEC) < 0)
		glosy_die("pipe:");
	if ((pid = fork()) < 0)
		glosy_die("fork:");
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(pfd[1], 1);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 2);
		}
		execl(s->path, s->path, "--help", (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	if ((fp = fdopen(pfd[0], "r")) == NULL)
		glosy_die("fdopen:");
	while (getline(&line, &cap, fp) > 0) {
		line[strcspn(line, "\n")] = '\0';
		parsehelpline(s, line, group++);
	}
	free(line);
	fclose(fp);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || s->nopts == 0) {
		/* No usable option list: options are passed unchecked. */
		free(s->opts);
		s->opts = NULL;
		s->nopts = 0;
	}
}

static const struct opt *
findopt(const struct stage *s, const char *name, size_t len)
{
	int i;

	for (i = 0; i < s->nopts; i++)
		if (strlen(s->opts[i].name) == len &&
		    memcmp(s->opts[i].name, name, len) == 0)
			return &s->opts[i];
	return NULL;
}

/* ---- the pipeline file ---- */

static void
addarg(struct stage *s, const char *a)
{
	s->args = xreallocarray(s->args, (size_t)s->nargs + 2,
	    sizeof(char *));
	s->args[s->nargs++] = xstrdup(a);
	s->args[s->nargs] = NULL;
}

/*
 * Checks the options of stage s against its option list; where names the
 * place for messages ("FILE:LINE").  Operands are refused: a stage reads
 * the stream from its stdin.
 */
static void
checkargs(const struct stage *s, const char *where)
{
	const struct opt *o;
	const char *a, *n;
	int i;
	size_t j;

	for (i = 0; i < s->nargs; i++) {
		a = s->args[i];
		if (a[0] != '-' || a[1] == '\0')
			glosy_die("%s: unexpected operand '%s' for stage '%s'",
			    where, a, s->name);
		if (s->opts == NULL)
			continue;
		if (a[1] == '-') {
			if (a[2] == '\0')
				glosy_die("%s: '--' is not allowed in a "
				    "pipeline file", where);
			n = a + 2;
			j = strcspn(n, "=");
			if ((o = findopt(s, n, j)) == NULL || j == 1)
				glosy_die("%s: unknown option '--%.*s' for "
				    "stage '%s'", where, (int)j, n, s->name);
			if (n[j] == '=' && o->hasarg == 0)
				glosy_die("%s: option '--%.*s' of stage '%s' "
				    "takes no value", where, (int)j, n,
				    s->name);
			if (n[j] == '\0' && o->hasarg == 1) {
				if (i + 1 >= s->nargs)
					glosy_die("%s: option '--%s' of stage "
					    "'%s' needs a value", where, n,
					    s->name);
				i++;
			}
			continue;
		}
		for (n = a + 1; *n != '\0'; n++) {
			if ((o = findopt(s, n, 1)) == NULL)
				glosy_die("%s: unknown option '-%c' for stage "
				    "'%s'", where, *n, s->name);
			if (o->hasarg) {
				if (n[1] == '\0') {
					if (i + 1 >= s->nargs)
						glosy_die("%s: option '-%c' of "
						    "stage '%s' needs a value",
						    where, *n, s->name);
					i++;
				}
				break;
			}
		}
	}
}

static int
validname(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static void
readpipeline(const char *path)
{
	struct lexicon lx;
	struct stage *s;
	char where[PATH_MAX + 32];
	int r, i, k;

	if (lexicon_open(&lx, path, LEXICON_RAW) < 0)
		glosy_die("cannot open pipeline file '%s':", path);
	while ((r = lexicon_next(&lx)) > 0) {
		snprintf(where, sizeof(where), "%s:%lu", path, lx.lineno);
		k = 0;
		if (nstages == MAXSTAGES)
			glosy_die("%s: more than %d stages", where, MAXSTAGES);
		s = &stages[nstages];
		memset(s, 0, sizeof(*s));
		if (strcmp(lx.f[0], "also") == 0) {
			if (nstages == 0)
				glosy_die("%s: 'also' needs a stage above it",
				    where);
			if (lx.nf < 2)
				glosy_die("%s: 'also' needs a stage name",
				    where);
			s->also = 1;
			k = 1;
		}
		if (!validname(lx.f[k]))
			glosy_die("%s: invalid stage name '%s'", where,
			    lx.f[k]);
		s->name = xstrdup(lx.f[k]);
		s->lineno = lx.lineno;
		if ((s->path = findstage(s->name)) == NULL)
			glosy_die("%s: unknown stage '%s' (no program "
			    "'glosy-%s')", where, s->name, s->name);
		for (i = k + 1; i < lx.nf; i++)
			addarg(s, lx.f[i]);
		nstages++;
	}
	if (r < 0)
		glosy_die("%s", lx.err);
	lexicon_close(&lx);
	if (nstages == 0)
		glosy_die("%s: no stages", path);
	for (i = 1; i < nstages; i++)
		if (stages[i - 1].also && !stages[i].also)
			glosy_die("%s:%lu: only 'also' stages may follow an "
			    "'also' stage", path, stages[i].lineno);
}

static void
checkpipeline(void)
{
	char where[PATH_MAX + 32];
	int i;

	for (i = 0; i < nstages; i++) {
		readhelp(&stages[i]);
		snprintf(where, sizeof(where), "%s:%lu", pipefile,
		    stages[i].lineno);
		checkargs(&stages[i], where);
	}
}

/* Removes option o (and its twins, and their values) from stage s. */
static void
removeopt(struct stage *s, const char *name)
{
	const struct opt *o = findopt(s, name, strlen(name)), *p;
	int i, j, drop, take;
	const char *a, *n;
	size_t len;

	for (i = 0; i < s->nargs; ) {
		a = s->args[i];
		drop = take = 0;
		if (a[0] == '-' && a[1] == '-') {
			n = a + 2;
			len = strcspn(n, "=");
			p = findopt(s, n, len);
			if ((o != NULL && p != NULL && p->group == o->group) ||
			    (strlen(name) == len && !memcmp(name, n, len))) {
				drop = 1;
				take = n[len] == '\0' && p != NULL &&
				    p->hasarg == 1;
			}
		} else if (a[0] == '-' && a[1] != '\0' && a[2] == '\0') {
			p = findopt(s, a + 1, 1);
			if ((o != NULL && p != NULL && p->group == o->group) ||
			    (name[1] == '\0' && name[0] == a[1])) {
				drop = 1;
				take = p != NULL && p->hasarg == 1;
			}
		} else if (a[0] == '-' && a[1] != '-' && o != NULL &&
		    strlen(o->name) == 1 && a[1] == o->name[0] && o->hasarg) {
			drop = 1;	/* -k30 */
		}
		if (!drop) {
			i++;
			continue;
		}
		if (take && i + 1 < s->nargs)
			drop = 2;
		for (j = 0; j < drop; j++)
			free(s->args[i + j]);
		memmove(&s->args[i], &s->args[i + drop],
		    (size_t)(s->nargs - i - drop + 1) * sizeof(char *));
		s->nargs -= drop;
	}
}

/*
 * Applies one --set STAGE.OPTION[=VALUE]: every occurrence of the option
 * (or of its short or long twin) is replaced by the new one.  A flag is
 * added by STAGE.FLAG or STAGE.FLAG=yes and removed by STAGE.FLAG=no.
 */
static void
applyset(const char *spec, int unset)
{
	const char *dot, *eq, *val, *dash;
	struct buf name = BUF_INIT, opt = BUF_INIT;
	const struct opt *o;
	struct stage *s = NULL;
	int i, found = 0;

	dot = strchr(spec, '.');
	eq = strchr(spec, '=');
	if (dot == NULL || dot == spec || (eq != NULL && eq < dot) ||
	    dot[1] == '\0' || dot[1] == '=')
		glosy_die_usage("--set: '%s' is not STAGE.OPTION=VALUE", spec);
	buf_add(&name, spec, (size_t)(dot - spec));
	buf_add(&opt, dot + 1, eq ? (size_t)(eq - dot - 1) : strlen(dot + 1));
	val = eq ? eq + 1 : NULL;
	if (opt.data[0] == '-')
		glosy_die_usage("--set '%s': write the option without dashes",
		    spec);
	if (unset && val != NULL)
		glosy_die_usage("--unset '%s': give no value", spec);
	dash = opt.len == 1 ? "-" : "--";
	for (i = 0; i < nstages; i++) {
		s = &stages[i];
		if (strcmp(s->name, name.data) != 0)
			continue;
		found = 1;
		o = findopt(s, opt.data, opt.len);
		if (s->opts != NULL && o == NULL)
			glosy_die_usage("--set '%s': unknown option '%s%s' for "
			    "stage '%s'", spec, dash, opt.data, s->name);
		removeopt(s, opt.data);
		if (unset)
			continue;
		if (o != NULL && o->hasarg == 0) {
			if (val != NULL && (strcmp(val, "no") == 0 ||
			    strcmp(val, "0") == 0 || strcmp(val, "off") == 0))
				continue;
			if (val != NULL && strcmp(val, "yes") != 0 &&
			    strcmp(val, "1") != 0 && strcmp(val, "on") != 0)
				glosy_die_usage("--set '%s': option '%s%s' of "
				    "stage '%s' takes no value (use yes or no)",
				    spec, dash, opt.data, s->name);
			val = NULL;
		} else if (o != NULL && o->hasarg == 1 && val == NULL) {
			glosy_die_usage("--set '%s': option '%s%s' of stage "
			    "'%s' needs a value", spec, dash, opt.data,
			    s->name);
		}
		if (opt.len == 1) {
			char f[3] = { '-', opt.data[0], '\0' };

			addarg(s, f);
			if (val != NULL)
				addarg(s, val);
		} else {
			struct buf a = BUF_INIT;

			buf_printf(&a, "--%s", opt.data);
			if (val != NULL)
				buf_printf(&a, "=%s", val);
			addarg(s, a.data);
			buf_release(&a);
		}
	}
	if (!found)
		glosy_die_usage("--set '%s': no stage '%s' in '%s'", spec,
		    name.data, pipefile);
	buf_release(&name);
	buf_release(&opt);
}

/* Expands ${out} and ${work} in a; returns a string you own. */
static char *
expand(const struct stage *s, const char *a)
{
	struct buf b = BUF_INIT;
	const char *p, *e;

	for (p = a; *p; ) {
		if (p[0] != '$' || p[1] != '{') {
			buf_addc(&b, *p++);
			continue;
		}
		if ((e = strchr(p, '}')) == NULL)
			glosy_die("%s:%lu: unterminated '${' in '%s'",
			    pipefile, s->lineno, a);
		if (e - p == 5 && memcmp(p + 2, "out", 3) == 0) {
			buf_adds(&b, tmpout ? tmpout : outdir);
			usesout = 1;
		} else if (e - p == 6 && memcmp(p + 2, "work", 4) == 0)
			buf_adds(&b, workdir ? workdir : "work");
		else if (e - p == 6 && memcmp(p + 2, "data", 4) == 0) {
			if (datadir == NULL)
				datadir = finddatadir();
			buf_adds(&b, datadir);
		} else
			glosy_die("%s:%lu: unknown variable '%.*s' (use "
			    "${out}, ${work} or ${data})", pipefile,
			    s->lineno, (int)(e - p + 1), p);
		p = e + 1;
	}
	return buf_detach(&b, NULL);
}

static int
mentionsout(void)
{
	int i, j;

	for (i = 0; i < nstages; i++)
		for (j = 0; j < stages[i].nargs; j++)
			if (strstr(stages[i].args[j], "${out}") != NULL)
				return 1;
	return 0;
}

/* ---- temporary directories ---- */

static int
rmentry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	if (remove(path) < 0 && errno != ENOENT)
		glosy_warn("cannot remove '%s':", path);
	return 0;
}

static void
rmtree(const char *path)
{
	nftw(path, rmentry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
cleanup(void)
{
	if (tmpout != NULL) {
		rmtree(tmpout);
		free(tmpout);
		tmpout = NULL;
	}
	if (workdir != NULL && keepdir == NULL) {
		rmtree(workdir);
		free(workdir);
		workdir = NULL;
	}
}

/* Creates the temporary ${out}: DIR/.NAME.XXXXXX beside the final -o. */
static void
maketmpout(void)
{
	struct buf b = BUF_INIT;
	const char *slash;
	size_t len = strlen(outdir);
	mode_t mask;

	while (len > 1 && outdir[len - 1] == '/')
		len--;
	slash = memrchr(outdir, '/', len);
	if (slash != NULL)
		buf_add(&b, outdir, (size_t)(slash - outdir + 1));
	buf_addc(&b, '.');
	buf_add(&b, slash ? slash + 1 : outdir,
	    len - (size_t)(slash ? slash + 1 - outdir : 0));
	buf_adds(&b, ".tmpXXXXXX");
	if (mkdtemp(b.data) == NULL)
		glosy_die("cannot create a directory beside '%s':", outdir);
	/* mkdtemp() makes it private; the report gets the usual mode. */
	mask = umask(0);
	umask(mask);
	chmod(b.data, 0777 & ~mask);
	tmpout = buf_detach(&b, NULL);
}

static void
makeworkdir(void)
{
	const char *tmp;
	struct buf b = BUF_INIT;

	if (keepdir != NULL) {
		if (mkdir(keepdir, 0777) < 0 && errno != EEXIST)
			glosy_die("cannot create '%s':", keepdir);
		workdir = xstrdup(keepdir);
		return;
	}
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	buf_printf(&b, "%s/glosy.XXXXXX", tmp);
	if (mkdtemp(b.data) == NULL)
		glosy_die("cannot create a directory in '%s':", tmp);
	workdir = buf_detach(&b, NULL);
}

/*
 * Moves the finished report into place.  An existing -o directory is
 * replaced only when it is empty or holds the mark of an earlier glosy run,
 * so a mistyped -o never removes someone's files.
 */
static void
publish(void)
{
	struct buf old = BUF_INIT, mark = BUF_INIT;
	struct stat st;
	int fd;

	buf_printf(&mark, "%s/.glosy-report", tmpout);
	if ((fd = open(mark.data, O_WRONLY | O_CREAT | O_TRUNC, 0666)) >= 0)
		close(fd);
	if (rename(tmpout, outdir) == 0)
		goto done;
	if (errno != ENOTEMPTY && errno != EEXIST)
		glosy_die("cannot rename '%s' to '%s':", tmpout, outdir);
	buf_reset(&mark);
	buf_printf(&mark, "%s/.glosy-report", outdir);
	if (stat(mark.data, &st) < 0)
		glosy_die("'%s' exists and is not a glosy report; remove it "
		    "or choose another -o", outdir);
	buf_printf(&old, "%s.old", tmpout);
	if (rename(outdir, old.data) < 0)
		glosy_die("cannot rename '%s':", outdir);
	if (rename(tmpout, outdir) < 0)
		glosy_die("cannot rename '%s' to '%s':", tmpout, outdir);
	rmtree(old.data);
done:
	free(tmpout);
	tmpout = NULL;
	buf_release(&old);
	buf_release(&mark);
}

/* ---- running ---- */

static void
onsignal(int sig)
{
	if (gotsig == 0)
		gotsig = sig;
	/* Only the driver forwards: spawn() blocks these signals around
	 * fork(), so a child never runs this handler before its exec. */
	if (pgid > 0)
		kill(-pgid, sig);
}

static void
setsignals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsignal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Appends s to b quoted for sh(1) when it needs it. */
static void
shquote(struct buf *b, const char *s)
{
	const char *p;

	if (*s != '\0' && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+./=:,@%") == strlen(s)) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *p);
	}
	buf_addc(b, '\'');
}

/* One process of the chain: a stage, or a `parallel` running several. */
struct proc {
	char		**argv;
	int		 argc;
	int		 first, last;	/* stages it runs */
	int		 also;
	pid_t		 pid;
	int		 status, done, started;
	int		 barrier;	/* starts when all before ended */
	char		*outfile;	/* its staged output, if any */
	double		 elapsed;
	char		 label[128];
};

static struct proc	 procs[MAXSTAGES];
static int		 nprocs;

static void
procarg(struct proc *p, const char *a, int own)
{
	p->argv = xreallocarray(p->argv, (size_t)p->argc + 2, sizeof(char *));
	p->argv[p->argc++] = own ? (char *)a : xstrdup(a);
	p->argv[p->argc] = NULL;
}

/* How the shard part of a stage may run (SH_WHOLE for an unknown one). */
static enum shard
shardof(int i)
{
	int k = knownidx(stages[i].name);

	return k >= 0 ? known[k].shard : SH_WHOLE;
}

/* What shellchain() writes for the two-pass stage of a chain. */
enum pass { PASS_ONE, PASS_TALLY, PASS_VOTES };

/* Appends stage i as a shell command, with extra as its first option. */
static void
shellstage(struct buf *b, int i, const char *extra, const char *extraarg)
{
	int j;
	char *e;

	shquote(b, stages[i].path);
	if (extra != NULL) {
		buf_addc(b, ' ');
		buf_adds(b, extra);
		if (extraarg != NULL) {
			buf_addc(b, ' ');
			shquote(b, extraarg);
		}
	}
	for (j = 0; j < stages[i].nargs; j++) {
		buf_addc(b, ' ');
		e = expand(&stages[i], stages[i].args[j]);
		shquote(b, e);
		free(e);
	}
}

/*
 * Writes the shell command of stages first..last for a job of parallel:
 * the two-pass stage (stem) as itself, as its first pass alone (--tally)
 * or as its second (--votes tally).
 */
static void
shellchain(struct buf *b, int first, int last, enum pass pass,
    const char *tally)
{
	int i;

	for (i = first; i <= last; i++) {
		if (i > first)
			buf_adds(b, " | ");
		if (pass != PASS_ONE && shardof(i) == SH_TWOPASS) {
			if (pass == PASS_TALLY) {
				shellstage(b, i, "--tally", NULL);
				return;
			}
			shellstage(b, i, "--votes", tally);
		} else
			shellstage(b, i, NULL, NULL);
	}
}

/*
 * Writes the job that parallel runs on every shard: every job reads the
 * header (--header 1) and writes one; only the first job's is kept, so
 * the merged output is one valid record stream.  pipefail: a stage failing
 * inside a job must fail the job.
 */
static void
jobscript(struct buf *sh, int first, int last, enum pass pass,
    const char *tally)
{
	struct buf job = BUF_INIT;

	buf_adds(&job, "set -o pipefail; if [ {#} -eq 1 ]; then ");
	shellchain(&job, first, last, pass, tally);
	buf_adds(&job, "; else ");
	shellchain(&job, first, last, pass, tally);
	buf_adds(&job, " | tail -n +2; fi");
	shquote(sh, job.data);
	buf_release(&job);
}

/*
 * Writes a script that runs stages first..last as parallel jobs on the
 * shards of its stdin, in order.
 * parallel starts no job for a stream without rows, so the script runs
 * the stages directly then, and they write the header.
 */
static void
pipescript(struct buf *sh, int first, int last)
{
	buf_adds(sh, "if ! IFS= read -r h; then ");
	shellchain(sh, first, last, PASS_ONE, NULL);
	buf_adds(sh, " </dev/null; elif IFS= read -r r; then "
	    "{ printf '%s\\n%s\\n' \"$h\" \"$r\"; exec cat; } | "
	    "PARALLEL_SHELL=");
	shquote(sh, bashpath);
	buf_printf(sh, " parallel --pipe --keep-order --header 1 --block %s "
	    "-j %d --halt now,fail=1 ", parblock, jobs);
	jobscript(sh, first, last, PASS_ONE, NULL);
	buf_adds(sh, "; else printf '%s\\n' \"$h\" | ");
	shellchain(sh, first, last, PASS_ONE, NULL);
	buf_adds(sh, "; fi");
}

/*
 * Writes the script of a group of shardable stages first..last whose
 * stage m runs in two passes (stem).  The stream into m is saved in
 * ${work}; parallel splits that file (--pipepart, one part a job) for the
 * first pass, whose outputs (tallies) are summed by the second, run on the
 * same parts.  The result is the same, byte for byte, as one process.
 */
static void
twopassscript(struct buf *sh, int first, int m, int last)
{
	struct buf in = BUF_INIT, tally = BUF_INIT, par = BUF_INIT;

	buf_printf(&in, "%s/%02d-%s.tsv", workdir, m,
	    m > 0 ? stages[m - 1].name : "input");
	buf_printf(&tally, "%s/%02d-%s-tally.tsv", workdir, m + 1,
	    stages[m].name);
	buf_adds(&par, "PARALLEL_SHELL=");
	shquote(&par, bashpath);
	buf_printf(&par, " parallel --pipepart -a ");
	shquote(&par, in.data);
	buf_printf(&par, " --keep-order --header 1 --block -1 -j %d "
	    "--halt now,fail=1 ", jobs);

	if (m > first) {
		buf_adds(sh, "{ ");
		pipescript(sh, first, m - 1);
		buf_adds(sh, "; } >");
	} else
		buf_adds(sh, "cat >");
	shquote(sh, in.data);
	buf_adds(sh, " || exit; if [ -z \"$(tail -n +2 ");
	shquote(sh, in.data);
	buf_adds(sh, " | head -c 1)\" ]; then <");
	shquote(sh, in.data);
	buf_addc(sh, ' ');
	shellchain(sh, m, last, PASS_ONE, NULL);
	buf_adds(sh, "; else ");
	buf_add(sh, par.data, par.len);
	jobscript(sh, m, last, PASS_TALLY, NULL);
	buf_adds(sh, " >");
	shquote(sh, tally.data);
	buf_adds(sh, " && ");
	buf_add(sh, par.data, par.len);
	jobscript(sh, m, last, PASS_VOTES, tally.data);
	buf_adds(sh, "; fi");
	buf_release(&in);
	buf_release(&tally);
	buf_release(&par);
}

static void
buildprocs(int argc, char **argv)
{
	struct proc *p;
	int i, j, k, m;

	for (i = 0; i < nstages; i = k) {
		p = &procs[nprocs++];
		memset(p, 0, sizeof(*p));
		k = i + 1;
		p->also = stages[i].also;
		p->first = i;
		if (jobs > 1 && !stages[i].also && shardof(i) != SH_WHOLE) {
			struct buf sh = BUF_INIT;

			while (k < nstages && !stages[k].also &&
			    shardof(k) != SH_WHOLE)
				k++;
			for (m = i; m < k && shardof(m) != SH_TWOPASS; m++)
				;
			buf_adds(&sh, "set -o pipefail; ");
			if (m < k)
				twopassscript(&sh, i, m, k - 1);
			else
				pipescript(&sh, i, k - 1);
			procarg(p, bashpath, 0);
			procarg(p, "-c", 0);
			procarg(p, buf_detach(&sh, NULL), 1);
			snprintf(p->label, sizeof(p->label), "%s..%s",
			    stages[i].name, stages[k - 1].name);
		} else {
			procarg(p, stages[i].path, 0);
			for (j = 0; j < stages[i].nargs; j++)
				procarg(p, expand(&stages[i],
				    stages[i].args[j]), 1);
			if (i == 0)
				for (j = 0; j < argc; j++)
					procarg(p, argv[j], 0);
			snprintf(p->label, sizeof(p->label), "%s",
			    stages[i].name);
		}
		p->last = k - 1;
	}
}

/* Prints one process as a shell command, stages by their bare names. */
static void
dryproc(struct buf *b, const struct proc *p)
{
	const char *base;
	int j;

	for (j = 0; j < p->argc; j++) {
		if (j > 0)
			buf_addc(b, ' ');
		base = strrchr(p->argv[j], '/');
		if (j == 0 && base != NULL && strncmp(base + 1, "glosy-", 6)
		    == 0)
			buf_adds(b, base + 1);
		else
			shquote(b, p->argv[j]);
	}
}

/*
 * Prints the run as sh(1) commands: the procs between two barriers as one
 * pipeline, whose output is saved in ${work} for the procs after it.
 */
static void
dryprint(void)
{
	struct buf b = BUF_INIT, path = BUF_INIT;
	int i;

	findbarriers();
	buf_adds(&b, "mkdir -p ");
	shquote(&b, workdir);
	if (usesout) {
		buf_addc(&b, ' ');
		shquote(&b, outdir);
	}
	for (i = 0; i < nprocs; i++) {
		if (i > 0 && !procs[i].barrier)
			buf_adds(&b, " |\n    ");
		else {
			if (i > 0 && !procs[i].also) {
				stagedpath(&path, i);
				buf_adds(&b, " >");
				shquote(&b, path.data);
			}
			buf_addc(&b, '\n');
		}
		dryproc(&b, &procs[i]);
		if (i > 0 && procs[i].barrier) {
			stagedpath(&path, i);
			buf_adds(&b, " <");
			shquote(&b, path.data);
		}
	}
	buf_addc(&b, '\n');
	fputs(b.data, stdout);
	buf_release(&b);
	buf_release(&path);
}

static void
xpipe(int fd[2])
{
	if (pipe2(fd, O_CLOEXEC) < 0)
		glosy_die("pipe:");
}

static void
nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		glosy_die("fcntl:");
}

static pid_t
spawn(struct proc *p, int in, int out)
{
	pid_t pid, parent = getpid();
	sigset_t all, old;

	sigemptyset(&all);
	sigaddset(&all, SIGINT);
	sigaddset(&all, SIGTERM);
	sigaddset(&all, SIGHUP);
	sigprocmask(SIG_BLOCK, &all, &old);
	if ((pid = fork()) < 0)
		glosy_die("fork:");
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		/* Should the driver itself be killed (SIGKILL cannot be
		 * forwarded), the stages are stopped all the same. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(128 + SIGTERM);
		setpgid(0, pgid);
		if (in >= 0 && in != 0) {
			dup2(in, 0);
		}
		if (out >= 0 && out != 1)
			dup2(out, 1);
		execvp(p->argv[0], p->argv);
		fprintf(stderr, "%s: cannot run '%s': %s\n", glosy_progname(),
		    p->argv[0], strerror(errno));
		_exit(127);
	}
	if (pgid == 0)
		pgid = pid;
	setpgid(pid, pgid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return pid;
}

static struct link	 links[MAXSTAGES];	/* by producing proc */
static int		 shown;		/* procs reported as done */

static void
reap(int block)
{
	pid_t pid;
	int st, i;

	while ((pid = waitpid(-1, &st, block ? 0 : WNOHANG)) != 0) {
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			/* No child left (ECHILD): none can end any more, so
			 * do not wait for one; count it as lost. */
			for (i = 0; i < nprocs; i++)
				if (procs[i].started && !procs[i].done) {
					procs[i].done = 1;
					procs[i].status = 127 << 8;
				}
			break;
		}
		for (i = 0; i < nprocs; i++)
			if (procs[i].pid == pid && !procs[i].done) {
				procs[i].done = 1;
				procs[i].status = st;
				procs[i].elapsed = now();
			}
		if (block)
			break;
	}
}

static unsigned long
countnl(const char *p, size_t len)
{
	const char *end = p + len;
	unsigned long n = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Returns the number of newlines in file path (0 if unreadable). */
static unsigned long
countlines(const char *path)
{
	char buf[65536];
	unsigned long n = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		n += countnl(buf, (size_t)r);
	close(fd);
	return n;
}

static void
showprogress(int final)
{
	int i, cur;

	/* A stage is done when it exited and its output is all read. */
	while (shown < nprocs && procs[shown].done &&
	    (!links[shown].used || links[shown].in < 0)) {
		struct proc *p = &procs[shown];

		if (p->outfile != NULL)
			links[shown].lines = countlines(p->outfile);
		fprintf(stderr, "\r\033[K%s: %-20s", glosy_progname(),
		    p->label);
		if (links[shown].lines > 0)
			fprintf(stderr, " %10lu rows", links[shown].lines - 1);
		else
			fprintf(stderr, " %10s     ", "");
		fprintf(stderr, " %8.2f s\n", p->elapsed);
		shown++;
	}
	if (final || shown >= nprocs) {
		fputs("\r\033[K", stderr);
		return;
	}
	cur = shown;
	fprintf(stderr, "\r\033[K%s: %-20s", glosy_progname(),
	    procs[cur].label);
	if (links[cur].lines > 0)
		fprintf(stderr, " %10lu rows", links[cur].lines - 1);
	else if (cur > 0 && links[cur - 1].lines > 0)
		fprintf(stderr, " %10lu in  ", links[cur - 1].lines - 1);
	else
		fprintf(stderr, " %10s     ", "");
	fprintf(stderr, " %8.2f s", now());
	for (i = cur + 1; i < nprocs; i++)
		if (!procs[i].done)
			break;
}

static void
closelinkin(struct link *l)
{
	if (l->in >= 0) {
		close(l->in);
		l->in = -1;
	}
}

/* Writes all of buf to the regular file fd. */
static void
writeall(int fd, const char *buf, size_t len)
{
	ssize_t r;

	while (len > 0) {
		if ((r = write(fd, buf, len)) < 0) {
			if (errno == EINTR)
				continue;
			glosy_die("cannot write a kept stream:");
		}
		buf += r;
		len -= (size_t)r;
	}
}

/* Relays every link until all are closed. */
static void
relay(void)
{
	struct pollfd pfd[MAXSTAGES * (MAXSTAGES + 1)];
	struct {
		int link, out;
	} who[MAXSTAGES * (MAXSTAGES + 1)];
	struct link *l;
	int i, j, n, active;
	ssize_t r;
	size_t minoff;
	double last = -1;

	for (;;) {
		if (gotsig)
			return;
		n = 0;
		active = 0;
		for (i = 0; i < nprocs; i++) {
			l = &links[i];
			if (!l->used)
				continue;
			minoff = l->len;
			for (j = 0; j < l->nout; j++)
				if (l->out[j] >= 0 && l->off[j] < minoff)
					minoff = l->off[j];
			if (minoff == l->len) {
				/* Everyone has the buffer: refill it. */
				l->len = 0;
				for (j = 0; j < l->nout; j++)
					l->off[j] = 0;
				if (l->in < 0) {
					for (j = 0; j < l->nout; j++)
						if (l->out[j] >= 0) {
							close(l->out[j]);
							l->out[j] = -1;
						}
					continue;
				}
				active = 1;
				pfd[n].fd = l->in;
				pfd[n].events = POLLIN;
				who[n].link = i;
				who[n].out = -1;
				n++;
				continue;
			}
			active = 1;
			for (j = 0; j < l->nout; j++)
				if (l->out[j] >= 0 && l->off[j] < l->len) {
					pfd[n].fd = l->out[j];
					pfd[n].events = POLLOUT;
					who[n].link = i;
					who[n].out = j;
					n++;
				}
		}
		if (!active)
			return;
		if (poll(pfd, (nfds_t)n, progress ? 100 : -1) < 0) {
			if (errno == EINTR)
				continue;
			glosy_die("poll:");
		}
		for (i = 0; i < n; i++) {
			if (pfd[i].revents == 0)
				continue;
			l = &links[who[i].link];
			if (who[i].out < 0) {
				r = read(l->in, l->buf, RELAYBUF);
				if (r < 0 && (errno == EAGAIN ||
				    errno == EINTR))
					continue;
				if (r <= 0) {
					closelinkin(l);
					continue;
				}
				l->len = (size_t)r;
				l->lines += countnl(l->buf, l->len);
				if (l->keep >= 0)
					writeall(l->keep, l->buf, l->len);
				continue;
			}
			j = who[i].out;
			r = write(l->out[j], l->buf + l->off[j],
			    l->len - l->off[j]);
			if (r < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (r < 0) {
				/* The consumer is gone (EPIPE): drop it; when
				 * no consumer is left the producer gets
				 * SIGPIPE, as in a shell pipeline. */
				close(l->out[j]);
				l->out[j] = -1;
				for (j = 0; j < l->nout; j++)
					if (l->out[j] >= 0)
						break;
				if (j == l->nout && l->keep < 0)
					closelinkin(l);
				continue;
			}
			l->off[j] += (size_t)r;
		}
		if (progress) {
			reap(0);
			if (now() - last >= 0.1) {
				showprogress(0);
				last = now();
			}
		}
	}
}

/* Returns the ${work} file named by arg, or NULL. */
static const char *
workfile(const char *arg)
{
	return strstr(arg, "${work}");
}

/*
 * Marks the procs that start only when every proc before them has ended:
 * the head of an `also` group (its members share one saved stream), and a
 * proc naming a ${work} file that an earlier proc names too (cluster
 * writes --model, report reads it: report must not open it before cluster
 * has finished writing it).  Nothing is lost by waiting there, since a
 * stage writing a whole-input file emits its rows only at the end anyway.
 */
static void
findbarriers(void)
{
	const struct stage *si, *sk;
	const char *w, *v;
	int i, k, a, b, x, y, head = 0;

	for (i = 1; i < nprocs; i++) {
		if (procs[i].also) {
			procs[head].barrier = 1;
			procs[i].barrier = 1;
			continue;
		}
		head = i;
		for (a = procs[i].first; a <= procs[i].last; a++) {
			si = &stages[a];
			for (x = 0; x < si->nargs; x++) {
				if ((w = workfile(si->args[x])) == NULL)
					continue;
				for (k = 0; k < i; k++)
					for (b = procs[k].first;
					    b <= procs[k].last; b++) {
						sk = &stages[b];
						for (y = 0; y < sk->nargs; y++)
							if ((v = workfile(
							    sk->args[y])) !=
							    NULL &&
							    strcmp(v, w) == 0)
								procs[i].barrier
								    = 1;
					}
			}
		}
	}
}

/* The file that holds the stream into proc i, when it is a barrier. */
static void
stagedpath(struct buf *b, int i)
{
	int p = i;

	while (p > 0 && procs[p].also)
		p--;
	p--;
	buf_reset(b);
	buf_printf(b, "%s/%02d-%s.tsv", workdir, procs[p].last + 1,
	    stages[procs[p].last].name);
}

static int
openin(const char *path)
{
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		glosy_die("cannot open '%s':", path);
	return fd;
}

/*
 * Runs procs from..to-1, connected by pipes; the first (and its `also`
 * companions) read inpath, or the driver's stdin when it is NULL; the last
 * writes outpath, or the driver's stdout when it is NULL.
 */
static void
runsegment(int from, int to, const char *inpath, const char *outpath)
{
	int i, j, in, out, userelay = progress || keepdir != NULL;
	int fd[2];
	struct buf b = BUF_INIT;

	pgid = 0;
	for (i = from; i < to; i++) {
		in = -1;
		out = -1;
		if (i == from || procs[i].also) {
			if (inpath != NULL)
				in = openin(inpath);
		} else if (!userelay) {
			in = fd[0];
		} else {
			struct link *l = &links[i - 1];

			xpipe(fd);
			nonblock(fd[1]);
			l->out[l->nout++] = fd[1];
			in = fd[0];
		}
		if (i + 1 == to || procs[i + 1].also) {
			if (outpath != NULL && (out = open(outpath, O_WRONLY |
			    O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0)
				glosy_die("cannot create '%s':", outpath);
			if (outpath != NULL && !procs[i].also)
				procs[i].outfile = xstrdup(outpath);
		} else if (!userelay) {
			xpipe(fd);
			out = fd[1];
		} else {
			struct link *l = &links[i];

			memset(l, 0, sizeof(*l));
			l->keep = -1;
			l->used = 1;
			xpipe(fd);
			l->in = fd[0];
			nonblock(fd[0]);
			out = fd[1];
			l->buf = xmalloc(RELAYBUF);
			if (keepdir != NULL) {
				buf_reset(&b);
				buf_printf(&b, "%s/%02d-%s.tsv", keepdir,
				    procs[i].last + 1,
				    stages[procs[i].last].name);
				if ((l->keep = open(b.data, O_WRONLY | O_CREAT |
				    O_TRUNC | O_CLOEXEC, 0666)) < 0)
					glosy_die("cannot create '%s':",
					    b.data);
			}
		}
		procs[i].pid = spawn(&procs[i], in, out);
		procs[i].started = 1;
		if (in >= 0)
			close(in);
		if (out >= 0)
			close(out);
	}
	if (userelay)
		relay();
	for (;;) {
		for (i = from; i < to; i++)
			if (!procs[i].done)
				break;
		if (i == to)
			break;
		if (gotsig) {
			kill(-pgid, gotsig);
			for (j = from; j < to; j++)
				if (!procs[j].done)
					kill(procs[j].pid, gotsig);
		}
		reap(1);
		if (progress)
			showprogress(0);
	}
	if (gotsig && pgid > 0) {
		/*
		 * The stages have ended, but processes they started (the
		 * helpers of GNU parallel) may still be in the group: give
		 * them a second to finish on the signal, then kill them.
		 */
		struct timespec ts = { 0, 50000000 };

		for (i = 0; i < 20 && kill(-pgid, 0) == 0; i++)
			nanosleep(&ts, NULL);
		if (kill(-pgid, 0) == 0)
			kill(-pgid, SIGKILL);
	}
	for (i = from; i < to; i++) {
		if (links[i].keep >= 0 && links[i].used)
			close(links[i].keep);
		free(links[i].buf);
		links[i].buf = NULL;
	}
	buf_release(&b);
}

/*
 * Returns the exit status of the run so far: 0, or that of the first
 * failing proc (with a message naming it).
 */
static int
verdict(void)
{
	int i, st, failed = -1, pipedied = -1;

	for (i = 0; i < nprocs; i++) {
		if (!procs[i].started)
			continue;
		st = procs[i].status;
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			continue;
		/* A shell reports a SIGPIPE death as 128+13. */
		if ((WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE) ||
		    (WIFEXITED(st) && WEXITSTATUS(st) == 128 + SIGPIPE)) {
			if (pipedied < 0)
				pipedied = i;
			continue;
		}
		failed = i;
		break;
	}
	if (failed < 0)
		failed = pipedied;
	if (failed < 0)
		return 0;
	st = procs[failed].status;
	if (WIFEXITED(st)) {
		glosy_warn("stage '%s' failed with exit status %d",
		    procs[failed].label, WEXITSTATUS(st));
		return WEXITSTATUS(st);
	}
	glosy_warn("stage '%s' was killed by signal %d (%s)",
	    procs[failed].label, WTERMSIG(st), strsignal(WTERMSIG(st)));
	return 128 + WTERMSIG(st);
}

/*
 * Runs the chain, one segment between two barriers at a time, and returns
 * the exit status of the run.
 */
static int
runprocs(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	int from, to, rc = 0;

	findbarriers();
	for (from = 0; from < nprocs && rc == 0 && !gotsig; from = to) {
		for (to = from + 1; to < nprocs; to++)
			if (procs[to].barrier && !procs[to].also)
				break;
		if (from > 0)
			stagedpath(&in, from);
		if (to < nprocs)
			stagedpath(&out, to);
		runsegment(from, to, from > 0 ? in.data : NULL,
		    to < nprocs ? out.data : NULL);
		if (!gotsig)
			rc = verdict();
	}
	if (progress)
		showprogress(1);
	buf_release(&in);
	buf_release(&out);
	return gotsig ? 128 + gotsig : rc;
}

/* Frees what the pipeline and the procs hold. */
static void
freeall(void)
{
	int i, j;

	for (i = 0; i < nstages; i++) {
		for (j = 0; j < stages[i].nargs; j++)
			free(stages[i].args[j]);
		for (j = 0; j < stages[i].nopts; j++)
			free(stages[i].opts[j].name);
		free(stages[i].args);
		free(stages[i].opts);
		free(stages[i].name);
		free(stages[i].path);
	}
	nstages = 0;
	for (i = 0; i < nprocs; i++) {
		for (j = 0; j < procs[i].argc; j++)
			free(procs[i].argv[j]);
		free(procs[i].argv);
		free(procs[i].outfile);
	}
	nprocs = 0;
	if (pipeowned)
		free((char *)pipefile);
	free(datadir);
	free(exedir);
	free(bashpath);
	free(workdir);
	workdir = NULL;
}

/* ---- commands ---- */

static void
loadpipeline(void)
{
	if (pipefile == NULL) {
		char *p = finddata("pipeline/default");

		if (p == NULL)
			glosy_die("cannot find the default pipeline file "
			    "'pipeline/default'; give one with --pipeline");
		pipefile = p;
		pipeowned = 1;
	}
	readpipeline(pipefile);
	checkpipeline();
}

/*
 * Starting GNU parallel costs about 0.07 s each time (a run with stem
 * starts it three times), more than the stages take on a few MB: below
 * MINJOBBYTES of input a job, --jobs runs one job, with the same output.
 */
#define MINJOBBYTES	(4LL << 20)

/*
 * Chooses the block parallel gives each job: $GLOSY_BLOCK, else a quarter
 * of the input per job (so that the jobs stay busy to the end), at least
 * 256 KB (a job starts its stages, which costs a few milliseconds) and at
 * most 32 MB.  Without $GLOSY_BLOCK, an input of regular files too small
 * for the jobs runs as one job.
 */
static void
setblock(int argc, char **argv)
{
	const char *env;
	long long total = 0, b;
	struct stat st;
	int i, known = 1;

	if ((env = getenv("GLOSY_BLOCK")) != NULL && *env != '\0') {
		snprintf(parblock, sizeof(parblock), "%s", env);
		return;
	}
	for (i = 0; i < argc; i++)
		if (stat(argv[i], &st) == 0 && S_ISREG(st.st_mode))
			total += st.st_size;
		else
			known = 0;
	if (known && total < MINJOBBYTES * jobs) {
		if (!quiet)
			glosy_warn("-j %d: %lld KB of input is too little to "
			    "share out; running one job", jobs, total / 1024);
		jobs = 1;
		return;
	}
	b = total / (4LL * jobs);
	if (b < 256 * 1024)
		b = 256 * 1024;
	if (b > 32 * 1024 * 1024)
		b = 32 * 1024 * 1024;
	snprintf(parblock, sizeof(parblock), "%lldk", b / 1024);
}

static int
cmd_run(int argc, char **argv)
{
	struct {
		const char	*spec;
		int		 unset;
	} *sets = NULL;
	char *sample = NULL, *outcopy;
	int nsets = 0, ch, i, rc;
	const char *errstr;
	struct buf idx = BUF_INIT;
	struct stat st;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "hnqVj:k:o:p:s:u:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout, EXIT_SUCCESS);
		case 'j':
			jobs = (int)glosy_strtonum(optarg, 1, 256, &errstr);
			if (errstr != NULL)
				glosy_die_usage("-j: '%s' is %s", optarg,
				    errstr);
			break;
		case 'k':
			keepdir = optarg;
			break;
		case 'n':
			dryrun = 1;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'p':
			pipefile = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 's':
		case 'u':
			sets = xreallocarray(sets, (size_t)nsets + 1,
			    sizeof(*sets));
			sets[nsets].spec = optarg;
			sets[nsets++].unset = ch == 'u';
			break;
		case 'V':
			glosy_version();
		default:
			glosy_try_help();
			exit(GLOSY_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (*outdir == '\0')
		glosy_die_usage("-o: empty directory name");
	/* "report/" names the same directory as "report". */
	outcopy = xstrdup(outdir);
	for (i = (int)strlen(outcopy) - 1; i > 0 && outcopy[i] == '/'; i--)
		outcopy[i] = '\0';
	outdir = outcopy;

	loadpipeline();
	for (i = 0; i < nsets; i++)
		applyset(sets[i].spec, sets[i].unset);
	free(sets);
	if (argc == 0) {
		if ((sample = finddata("corpora/sample.csv")) == NULL)
			glosy_die("no input given and the sample corpus "
			    "'corpora/sample.csv' is not installed");
		argv = &sample;
		argc = 1;
	}
	if (jobs > 1) {
		char *par = findprog("parallel");

		bashpath = findprog("bash");
		if (par == NULL || bashpath == NULL) {
			glosy_warn("%s not found; running with one job",
			    par == NULL ? "GNU parallel" : "bash");
			jobs = 1;
		}
		free(par);
		if (jobs > 1)
			setblock(argc, argv);
	}
	if (dryrun) {
		workdir = xstrdup(keepdir ? keepdir : "work");
		buildprocs(argc, argv);
		dryprint();
		free(sample);
		free(outcopy);
		freeall();
		return glosy_close_stdout();
	}

	setsignals();
	/* A fatal error from here on still removes the temporary dirs. */
	atexit(cleanup);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	progress = !quiet && isatty(2);
	makeworkdir();
	if (mentionsout())
		maketmpout();
	buildprocs(argc, argv);
	rc = runprocs();
	if (rc == 0 && usesout && !gotsig)
		publish();
	cleanup();
	if (gotsig) {
		signal(gotsig, SIG_DFL);
		raise(gotsig);
	}
	if (rc == 0 && usesout && !quiet) {
		buf_printf(&idx, "%s/index.html", outdir);
		if (stat(idx.data, &st) == 0)
			glosy_warn("report written to %s", idx.data);
		else
			glosy_warn("report written to %s", outdir);
	}
	if (rc == 0 && keepdir != NULL && !quiet)
		glosy_warn("intermediate streams kept in %s", keepdir);
	buf_release(&idx);
	free(sample);
	free(outcopy);
	freeall();
	return rc;
}

static int
cmd_stages(int argc, char **argv)
{
	int ch, i, k;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "+hp:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout, EXIT_SUCCESS);
		case 'p':
			pipefile = optarg;
			break;
		default:
			glosy_try_help();
			exit(GLOSY_EXIT_USAGE);
		}
	}
	if (optind < argc)
		glosy_die_usage("stages: unexpected operand '%s'",
		    argv[optind]);
	loadpipeline();
	printf("# pipeline %s\n", pipefile);
	printf("%-10s %-28s %-28s %s\n", "# stage", "reads", "adds",
	    "program");
	for (i = 0; i < nstages; i++) {
		k = knownidx(stages[i].name);
		printf("%s%-*s %-28s %-28s %s\n", stages[i].also ? "+" : "",
		    stages[i].also ? 9 : 10, stages[i].name,
		    k >= 0 ? known[k].reads : "?",
		    k >= 0 ? known[k].adds : "?", stages[i].path);
	}
	freeall();
	return glosy_close_stdout();
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s run [-hnqV] [-j jobs] [-k dir] [-o dir] [-p file] "
	    "[-s stage.option=value]\n"
	    "           [-u stage.option] [file ...]\n"
	    "       %s stages [-p file]\n", glosy_progname(),
	    glosy_progname());
	if (status == EXIT_SUCCESS)
		fputs("\n"
		    "Runs glosy-import | glosy-normalize | ... | glosy-report "
		    "as one pipeline.\n"
		    "Without a file, runs on the bundled sample corpus.\n\n"
		    "  -j, --jobs N          run the stages that can work on "
		    "shards as N parallel\n"
		    "                        jobs (GNU parallel)\n"
		    "  -k, --keep DIR        keep every intermediate stream "
		    "in DIR\n"
		    "  -n, --dry-run         print the commands and exit\n"
		    "  -o, --output DIR      write the report to DIR "
		    "(default report)\n"
		    "  -p, --pipeline FILE   read the stages from FILE "
		    "(default: pipeline/default)\n"
		    "  -q, --quiet           no progress and no final "
		    "message\n"
		    "  -s, --set STAGE.OPTION=VALUE\n"
		    "                        set an option of a stage "
		    "(repeatable)\n"
		    "  -u, --unset STAGE.OPTION\n"
		    "                        remove an option of a stage "
		    "(repeatable)\n"
		    "  -h, --help            show this help and exit\n"
		    "  -V, --version         show the version and exit\n",
		    fp);
	else
		glosy_try_help();
	exit(status);
}

int
main(int argc, char *argv[])
{
	const char *cmd;

	glosy_setprogname(argv[0]);
	findexedir();
	if (argc < 2)
		usage(stderr, GLOSY_EXIT_USAGE);
	cmd = argv[1];
	/* getopt_long names argv[0] in its messages. */
	argv[1] = (char *)glosy_progname();
	if (strcmp(cmd, "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (strcmp(cmd, "stages") == 0)
		return cmd_stages(argc - 1, argv + 1);
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
		usage(stdout, EXIT_SUCCESS);
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0)
		glosy_version();
	if (cmd[0] == '-')
		glosy_die_usage("unknown option '%s'", cmd);
	glosy_die_usage("unknown command '%s'", cmd);
}
