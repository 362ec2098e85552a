/*
 * glosy-lexicon - tools for the lexicon files of glosy-lexicons(5).
 *
 *	glosy-lexicon check [-k kind] file...
 *		validates lexicon files with the loaders the stages use and
 *		prints one summary line per file; errors read FILE:LINE.
 *	glosy-lexicon stopwords [-d dict] file
 *		regenerates the dictionary part of a stopword list: lemmas of
 *		closed word classes (prepositions, conjunctions, particles,
 *		personal pronouns) that are no content word as well.
 *	glosy-lexicon unjar jar entry outfile
 *		copies one member of a zip (jar) archive to outfile; the build
 *		uses it to take polish.dict out of morfologik-polish.jar.
 *
 * None reads or writes a record stream.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "glosy.h"
#if __has_include("codebook.h")
#include "codebook.h"
#define HAVE_CODEBOOK	1
#endif
#include "dict.h"
#include "lexset.h"
#if __has_include("pattern.h")
#include "pattern.h"
#define HAVE_PATTERNS	1
#endif

static _Noreturn void	usage(FILE *, int);

static const char	*kindopt;
static const char	*dictopt;

static const struct option longopts[] = {
	{ "dict",	required_argument,	NULL,	'd' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "kind",	required_argument,	NULL,	'k' },
	{ "version",	no_argument,		NULL,	'V' },
	{ NULL,		0,			NULL,	0 }
};

static const char *const allkinds[] = {
	"stopwords", "nocontent", "synonyms", "phrases", "lemma-overrides",
	"patterns", "themes", "translations", NULL
};

/* The kind named by the file name: its last component up to the first
 * dot ("synonyms.new"), or else after the last dot ("city.synonyms"). */
static const char *
kind_of(const char *path)
{
	const char *b = strrchr(path, '/'), *ext;
	size_t n, i;

	b = b == NULL ? path : b + 1;
	n = strcspn(b, ".");
	ext = strrchr(b, '.');
	for (i = 0; allkinds[i] != NULL; i++) {
		if (n == strlen(allkinds[i]) && strncmp(b, allkinds[i], n) == 0)
			return allkinds[i];
		if (ext != NULL && strcmp(ext + 1, allkinds[i]) == 0)
			return allkinds[i];
	}
	return NULL;
}

static int
check_file(const char *path)
{
	char err[1024];
	const char *kind = kindopt;
	struct lexset *ls;
#ifdef HAVE_CODEBOOK
	struct codebook *cb;
#endif
#ifdef HAVE_PATTERNS
	struct patterns *pt;
#endif
	size_t n;
	int lk;

	if (kind == NULL && (kind = kind_of(path)) == NULL) {
		glosy_warn("cannot tell the kind of '%s'; use --kind", path);
		return -1;
	}
#ifdef HAVE_CODEBOOK
	if (strcmp(kind, "themes") == 0) {
		if ((cb = codebook_load(path, err, sizeof(err))) == NULL) {
			glosy_warn("%s", err);
			return -1;
		}
		n = 0;
		for (size_t i = 0; i < cb->nthemes; i++)
			n += cb->themes[i].nseeds;
		printf("%s: themes: %zu themes, %zu seeds\n", path,
		    cb->nthemes, n);
		codebook_free(cb);
		return 0;
	}
#endif
#ifdef HAVE_PATTERNS
	if (strcmp(kind, "patterns") == 0) {
		if ((pt = patterns_load(path, err, sizeof(err))) == NULL) {
			glosy_warn("%s", err);
			return -1;
		}
		printf("%s: patterns: %d kinds\n", path, patterns_nkinds(pt));
		patterns_free(pt);
		return 0;
	}
#endif
	if ((lk = lexset_kind_byname(kind)) < 0) {
		glosy_warn("'%s': checking kind '%s' is not built in", path,
		    kind);
		return -1;
	}
	if ((ls = lexset_load(path, (enum lexset_kind)lk, err,
	    sizeof(err))) == NULL) {
		glosy_warn("%s", err);
		return -1;
	}
	printf("%s: %s: %zu entries\n", path, kind, ls->nentries);
	lexset_free(ls);
	return 0;
}

/* ---- stopwords ---- */

#define CL_FUNC		0x1	/* closed class: a stopword candidate */
#define CL_CONTENT	0x2	/* noun, verb, adjective, adverb... */

struct swgen {
	struct strtab	 lemmas;
	unsigned char	*cls;
	size_t		 cap;
};

static int
tag_class(const char *t, size_t n)
{
	static const char *const func[] = {
		"prep", "conj", "comp", "qub", "ppron12", "ppron3", "siebie",
		NULL
	};
	static const char *const content[] = {
		"subst", "depr", "adj", "adja", "adjp", "adjc", "adv", "verb",
		"ger", "pact", "ppas", "pant", "pcon", "inf", "fin", "praet",
		"impt", "imps", "pred", "num", "brev", "burk", NULL
	};
	size_t i;

	for (i = 0; func[i] != NULL; i++)
		if (strlen(func[i]) == n && memcmp(func[i], t, n) == 0)
			return CL_FUNC;
	for (i = 0; content[i] != NULL; i++)
		if (strlen(content[i]) == n && memcmp(content[i], t, n) == 0)
			return CL_CONTENT;
	return 0;
}

static int
sw_entry(const char *form, const char *lemma, const char *tags, void *arg)
{
	struct swgen *g = arg;
	const char *t = tags, *e;
	size_t id;
	int isnew, cls = 0;

	while (*t != '\0') {
		e = t + strcspn(t, "+|");
		cls |= tag_class(t, strcspn(t, ":+|"));
		t = *e != '\0' ? e + 1 : e;
	}
	if (cls == 0)
		return 0;
	if (!(cls & CL_FUNC) && strtab_find(&g->lemmas, lemma,
	    strlen(lemma)) < 0)
		return 0;
	id = strtab_intern(&g->lemmas, lemma, strlen(lemma), &isnew);
	if (id >= g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1024;
		g->cls = xrealloc(g->cls, g->cap);
	}
	if (isnew)
		g->cls[id] = 0;
	g->cls[id] |= (unsigned char)cls;
	return 0;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

#define SW_MARK "# -- below: generated by 'glosy-lexicon stopwords'"

/*
 * Rewrites file: its lines up to the marker stay (the reviewed hand list
 * and the header); below it come the dictionary lemmas of closed classes
 * that are not also nouns, verbs, adjectives or adverbs (a homograph such
 * as "koło", near or wheel, must not vanish) and not in the hand part.
 */
static int
stopwords(const char *file)
{
	struct swgen g = { STRTAB_INIT, NULL, 0 };
	struct strtab hand = STRTAB_INIT;
	struct lexicon lx;
	struct buf head = BUF_INIT, head2 = BUF_INIT;
	char err[1024], *path, *line = NULL, **out;
	size_t cap = 0, i, n = 0, col;
	unsigned long headlines = 0;
	struct dict *d;
	ssize_t len;
	int rc, found = 0;
	FILE *fp;

	path = dictopt != NULL ? xstrdup(dictopt) :
	    glosy_datafile("pl/polish.dict");
	if (path == NULL)
		glosy_die("no dictionary 'pl/polish.dict'; install "
		    "libmorfologik-stemming2-java and run make");
	if ((d = dict_open(path, err, sizeof(err))) == NULL)
		glosy_die("%s", err);
	if ((fp = fopen(file, "r")) == NULL)
		glosy_die("cannot open '%s':", file);
	while ((len = getline(&line, &cap, fp)) > 0) {
		if (strncmp(line, SW_MARK, strlen(SW_MARK)) == 0) {
			found = 1;
			break;
		}
		buf_add(&head, line, (size_t)len);
		headlines++;
	}
	fclose(fp);
	free(line);
	if (!found)
		glosy_die("'%s': no line '%s'", file, SW_MARK);
	if (lexicon_open(&lx, file, 0) < 0)
		glosy_die("cannot open '%s':", file);
	/* Only the hand part, above the marker, counts as hand-made. */
	while ((rc = lexicon_next(&lx)) > 0 && lx.lineno <= headlines)
		for (i = 0; i < (size_t)lx.nf; i++)
			strtab_intern(&hand, lx.f[i], strlen(lx.f[i]), NULL);
	if (rc < 0)
		glosy_die("%s", lx.err);
	lexicon_close(&lx);
	if (dict_foreach(d, sw_entry, &g) < 0)
		glosy_die("%s", dict_error(d));
	out = xreallocarray(NULL, g.lemmas.n + 1, sizeof(*out));
	/* Lemmas are folded as the lexicon reader folds entries, so "OK"
	 * and "ok" are one word. */
	for (i = 0; i < g.lemmas.n; i++) {
		if (g.cls[i] != CL_FUNC)
			continue;
		buf_reset(&head2);
		if (text_fold(&head2, g.lemmas.key[i], g.lemmas.keylen[i]) < 0)
			continue;
		if (strtab_find(&hand, head2.data, head2.len) >= 0)
			continue;
		strtab_intern(&hand, head2.data, head2.len, NULL);
		out[n++] = xstrdup(head2.data);
	}
	qsort(out, n, sizeof(*out), cmpstr);
	if ((fp = fopen(file, "w")) == NULL)
		glosy_die("cannot write '%s':", file);
	fwrite(head.data, 1, head.len, fp);
	fprintf(fp, "%s from %s (%zu lemmas)\n", SW_MARK, "polish.dict", n);
	col = 0;
	for (i = 0; i < n; i++) {
		size_t w = strlen(out[i]);

		if (col > 0 && col + 1 + w > 72) {
			fputc('\n', fp);
			col = 0;
		}
		if (col > 0)
			fputc(' ', fp), col++;
		fputs(out[i], fp);
		col += w;
	}
	if (col > 0)
		fputc('\n', fp);
	if (fclose(fp) != 0)
		glosy_die("cannot write '%s':", file);
	for (i = 0; i < n; i++)
		free(out[i]);
	free(out);
	buf_release(&head2);
	free(g.cls);
	strtab_release(&g.lemmas);
	strtab_release(&hand);
	buf_release(&head);
	dict_close(d);
	free(path);
	return 0;
}

/* ---- unjar ---- */

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
	return (unsigned long)le16(p) | (unsigned long)le16(p + 2) << 16;
}

static void
slurp(const char *path, struct buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		glosy_die("cannot open '%s':", path);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(b, chunk, n);
	if (ferror(fp))
		glosy_die("cannot read '%s':", path);
	fclose(fp);
}

/*
 * Finds entry in the zip archive at z: the end-of-central-directory
 * record gives the directory, whose records give each member's method,
 * sizes, CRC and local header.  Every offset is checked against the size.
 */
static int
unjar(const char *jar, const char *entry, const char *outfile)
{
	struct buf z = BUF_INIT, out = BUF_INIT;
	const unsigned char *p, *cd, *lh, *data;
	unsigned long cdoff, cdsize, csize, usize, crc, lhoff;
	size_t i, nent, namelen = strlen(entry), off;
	unsigned method, fnl, exl, cml;
	z_stream zs;
	FILE *fp;
	int zr;

	slurp(jar, &z);
	p = (const unsigned char *)z.data;
	if (z.len < 22)
		glosy_die("'%s': not a zip archive", jar);
	for (i = z.len - 22;; i--) {
		if (le32(p + i) == 0x06054b50)
			break;
		if (i == 0 || z.len - i > 22 + 65535)
			glosy_die("'%s': not a zip archive", jar);
	}
	nent = le16(p + i + 10);
	cdsize = le32(p + i + 12);
	cdoff = le32(p + i + 16);
	if (cdoff > z.len || cdsize > z.len - cdoff)
		glosy_die("'%s': corrupt zip directory", jar);
	off = cdoff;
	for (; nent > 0; nent--) {
		if (off + 46 > cdoff + cdsize)
			glosy_die("'%s': corrupt zip directory", jar);
		cd = p + off;
		if (le32(cd) != 0x02014b50)
			glosy_die("'%s': corrupt zip directory", jar);
		fnl = le16(cd + 28);
		exl = le16(cd + 30);
		cml = le16(cd + 32);
		if (off + 46 + fnl > cdoff + cdsize)
			glosy_die("'%s': corrupt zip directory", jar);
		if (fnl == namelen && memcmp(cd + 46, entry, namelen) == 0)
			break;
		off += 46 + (size_t)fnl + exl + cml;
	}
	if (nent == 0)
		glosy_die("'%s': no member '%s'", jar, entry);
	method = le16(cd + 10);
	crc = le32(cd + 16);
	csize = le32(cd + 20);
	usize = le32(cd + 24);
	lhoff = le32(cd + 42);
	if (lhoff > z.len || z.len - lhoff < 30 ||
	    le32(p + lhoff) != 0x04034b50)
		glosy_die("'%s': corrupt local header of '%s'", jar, entry);
	lh = p + lhoff;
	off = lhoff + 30 + le16(lh + 26) + le16(lh + 28);
	if (off > z.len || csize > z.len - off)
		glosy_die("'%s': member '%s' is truncated", jar, entry);
	data = p + off;
	if (method == 0) {
		if (csize != usize)
			glosy_die("'%s': bad sizes of '%s'", jar, entry);
		buf_add(&out, data, csize);
	} else if (method == 8) {
		buf_grow(&out, usize);
		memset(&zs, 0, sizeof(zs));
		if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
			glosy_die("inflate: cannot initialise");
		zs.next_in = (unsigned char *)data;
		zs.avail_in = (uInt)csize;
		zs.next_out = (unsigned char *)out.data;
		zs.avail_out = (uInt)usize;
		zr = inflate(&zs, Z_FINISH);
		if (zr != Z_STREAM_END || zs.total_out != usize)
			glosy_die("'%s': cannot inflate '%s'", jar, entry);
		inflateEnd(&zs);
		buf_setlen(&out, usize);
	} else
		glosy_die("'%s': '%s' uses compression method %u", jar, entry,
		    method);
	if (crc32(0L, (const Bytef *)out.data, (uInt)out.len) != crc)
		glosy_die("'%s': CRC mismatch in '%s'", jar, entry);
	if ((fp = fopen(outfile, "wb")) == NULL)
		glosy_die("cannot create '%s':", outfile);
	if (fwrite(out.data, 1, out.len, fp) != out.len || fclose(fp) != 0)
		glosy_die("cannot write '%s':", outfile);
	buf_release(&out);
	buf_release(&z);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *cmd;
	int ch, i, rc = 0;

	glosy_setprogname(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:hk:V", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'd':
			dictopt = optarg;
			break;
		case 'h':
			usage(stdout, EXIT_SUCCESS);
		case 'k':
			kindopt = optarg;
			break;
		case 'V':
			glosy_version();
		default:
			usage(stderr, GLOSY_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage(stderr, GLOSY_EXIT_USAGE);
	cmd = argv[0];
	argc--;
	argv++;
	if (kindopt != NULL) {
		for (i = 0; allkinds[i] != NULL; i++)
			if (strcmp(kindopt, allkinds[i]) == 0)
				break;
		if (allkinds[i] == NULL)
			glosy_die_usage("unknown kind '%s'", kindopt);
	}
	if (strcmp(cmd, "check") == 0) {
		if (argc < 1)
			usage(stderr, GLOSY_EXIT_USAGE);
		for (i = 0; i < argc; i++)
			if (check_file(argv[i]) < 0)
				rc = GLOSY_EXIT_DATA;
	} else if (strcmp(cmd, "stopwords") == 0) {
		if (argc != 1)
			usage(stderr, GLOSY_EXIT_USAGE);
		rc = stopwords(argv[0]);
	} else if (strcmp(cmd, "unjar") == 0) {
		if (argc != 3)
			usage(stderr, GLOSY_EXIT_USAGE);
		rc = unjar(argv[0], argv[1], argv[2]);
	} else
		glosy_die_usage("unknown command '%s'", cmd);
	if (glosy_close_stdout() != 0)
		rc = GLOSY_EXIT_DATA;
	return rc;
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s check [-hV] [-k kind] file ...\n"
	    "       %s stopwords [-d dict] file\n"
	    "       %s unjar jar entry outfile\n",
	    glosy_progname(), glosy_progname(), glosy_progname());
	if (status == EXIT_SUCCESS)
		fputs("\n"
		    "  check FILE...     validate lexicon files\n"
		    "  stopwords FILE    regenerate the dictionary part of a "
		    "stopword list\n"
		    "  unjar JAR ENTRY OUT  extract one member of a jar (build)\n"
		    "\n"
		    "  -d, --dict FILE   the morfologik dictionary "
		    "(default pl/polish.dict)\n"
		    "  -k, --kind KIND   stopwords, nocontent, synonyms, "
		    "phrases,\n"
		    "                    lemma-overrides, patterns, themes or "
		    "translations\n"
		    "                    (default: from the file name)\n"
		    "  -h, --help        show this help and exit\n"
		    "  -V, --version     show the version and exit\n", fp);
	else
		glosy_try_help();
	exit(status);
}
