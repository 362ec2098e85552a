/*
 * util.c - program name, diagnostics, checked allocation and number parsing
 * shared by every stage.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glosy.h"

#ifndef GLOSY_VERSION
#define GLOSY_VERSION "0.0"
#endif
#ifndef GLOSY_DATADIR
#define GLOSY_DATADIR "/usr/local/share/glosy"
#endif

static const char *progname = "glosy";

void
glosy_setprogname(const char *argv0)
{
	const char *p;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	p = strrchr(argv0, '/');
	progname = p ? p + 1 : argv0;
}

const char *
glosy_progname(void)
{
	return progname;
}

void
glosy_vwarn(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
glosy_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	glosy_vwarn(fmt, ap);
	va_end(ap);
}

void
glosy_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	glosy_vwarn(fmt, ap);
	va_end(ap);
	exit(GLOSY_EXIT_DATA);
}

void
glosy_die_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	glosy_vwarn(fmt, ap);
	va_end(ap);
	glosy_try_help();
	exit(GLOSY_EXIT_USAGE);
}

void
glosy_bad_option(int ch, char *const argv[])
{
	if (ch == ':')
		glosy_die_usage("option '%s' needs a value", argv[optind - 1]);
	if (optopt != 0)
		glosy_die_usage("unknown option '-%c'", optopt);
	glosy_die_usage("unknown option '%s'", argv[optind - 1]);
}

void
glosy_version(void)
{
	printf("%s (glosy) %s\n", progname, GLOSY_VERSION);
	exit(glosy_close_stdout());
}

void
glosy_try_help(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
}

void
glosy_stdout_buffer(void)
{
	static char obuf[1 << 16];

	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
}

int
glosy_close_stdout(void)
{
	int bad;

	bad = fflush(stdout) != 0 || ferror(stdout);
	if (fclose(stdout) != 0)
		bad = 1;
	if (bad) {
		/* fflush and fclose set errno; ENOSPC and EPIPE land here. */
		glosy_warn("write error:");
		return GLOSY_EXIT_DATA;
	}
	return 0;
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		glosy_die("out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		glosy_die("out of memory");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		glosy_die("out of memory");
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		glosy_die("out of memory");
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

long long
glosy_strtonum(const char *s, long long min, long long max,
    const char **errstr)
{
	long long v;
	char *end;

	*errstr = NULL;
	errno = 0;
	if (s == NULL || *s == '\0' || min > max) {
		*errstr = "invalid";
		return 0;
	}
	v = strtoll(s, &end, 10);
	if (*end != '\0' || end == s) {
		*errstr = "invalid";
		return 0;
	}
	if ((v == LLONG_MIN && errno == ERANGE) || v < min) {
		*errstr = "too small";
		return 0;
	}
	if ((v == LLONG_MAX && errno == ERANGE) || v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}

double
glosy_strtod(const char *s, double min, double max, const char **errstr)
{
	double v;
	char *end;
	const char *p;

	*errstr = NULL;
	/* strtod follows LC_NUMERIC; stages never call setlocale, so the
	 * decimal point is always '.', but reject ',' explicitly anyway. */
	for (p = s; *p; p++)
		if (*p == ',') {
			*errstr = "invalid";
			return 0;
		}
	errno = 0;
	v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || isnan(v) || errno == ERANGE) {
		*errstr = "invalid";
		return 0;
	}
	if (v < min) {
		*errstr = "too small";
		return 0;
	}
	if (v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}

static char *
try_path(const char *dir, const char *rel)
{
	struct buf b = BUF_INIT;
	struct stat st;

	buf_printf(&b, "%s/%s", dir, rel);
	if (stat(b.data, &st) == 0)
		return buf_detach(&b, NULL);
	buf_release(&b);
	return NULL;
}

char *
glosy_datafile(const char *rel)
{
	char exe[PATH_MAX], *p, *r;
	const char *env;
	ssize_t n;

	if ((env = getenv("GLOSY_DATADIR")) != NULL && *env != '\0')
		return try_path(env, rel);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((p = strrchr(exe, '/')) != NULL) {
			*p = '\0';
			if ((p = strrchr(exe, '/')) != NULL &&
			    strcmp(p, "/bin") == 0) {
				strcpy(p, "/lexicons");
				if ((r = try_path(exe, rel)) != NULL)
					return r;
			}
		}
	}
	return try_path(GLOSY_DATADIR, rel);
}
