/*
 * dict.c - reads morfologik CFSA2 dictionaries through mmap, see dict.h.
 *
 * Layout of the file (all offsets checked before every read):
 *
 *	"\\fsa"  version 0xc6  flags (16 bits, big-endian)
 *	label-table size N  N bytes of label table (index 0 unused)
 *	arcs...
 *
 * A node is a run of arcs, the last one marked.  An arc starts with a
 * flag byte: bit 7 "target is the node right after this node's last arc",
 * bit 6 "last arc of the node", bit 5 "final: a sequence may end here", and
 * five bits of label-table index; index 0 means the label byte follows.
 * Without bit 7 a variable-length (7 bits a byte, low bits first) target
 * offset follows.  Target 0 means no outgoing arcs.  When the NUMBERS flag
 * is set, every node starts with a variable-length count that we skip.
 * The root is the target of the first arc of the node at offset 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glosy.h"
#include "dict.h"

#define F_NEXT		0x80
#define F_LAST		0x40
#define F_FINAL		0x20
#define F_LABEL		0x1f

/* Known flags: flexible, stopbit, nextbit, tails, numbers, separators. */
#define FL_KNOWN	0x030f
#define FL_NUMBERS	0x0100

#define MAXSEQ		4096	/* longest entry we follow */
#define BUDGET		(1UL << 22)	/* arcs one call may visit */

enum encoder { ENC_NONE, ENC_SUFFIX, ENC_PREFIX };

struct dict {
	char		*path;
	const unsigned char *map;
	size_t		 maplen;
	const unsigned char *arc;	/* arc area */
	size_t		 narc;
	unsigned char	 label[32];
	int		 nlabel;
	int		 numbers;
	size_t		 root;
	unsigned char	 sep;
	enum encoder	 enc;
	unsigned long	 budget;
	int		 bad;
	/* The root and its children have the most arcs and every lookup
	 * passes them: their arcs are indexed by label, the root's at open,
	 * a child's at its first use (offset + 1, 0 for none). */
	uint32_t	 roottab[256];
	uint32_t	*kidtab[256];
	char		 err[512];
};

static int
corrupt(struct dict *d, const char *what)
{
	d->bad = 1;
	snprintf(d->err, sizeof(d->err), "corrupt dictionary '%s': %s",
	    d->path, what);
	return -1;
}

/* Reads a variable-length number at *off; advances *off. */
static int
rd_vint(struct dict *d, size_t *off, size_t *val)
{
	size_t v = 0;
	int shift;
	unsigned char b;

	for (shift = 0; shift < 35; shift += 7) {
		if (*off >= d->narc)
			return corrupt(d, "number out of bounds");
		b = d->arc[(*off)++];
		v |= (size_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*val = v;
			return 0;
		}
	}
	return corrupt(d, "number too long");
}

static int
first_arc(struct dict *d, size_t node, size_t *arc)
{
	size_t v;

	if (node >= d->narc)
		return corrupt(d, "node out of bounds");
	*arc = node;
	if (d->numbers && rd_vint(d, arc, &v) < 0)
		return -1;
	if (*arc >= d->narc)
		return corrupt(d, "arc out of bounds");
	return 0;
}

static int
arc_label(struct dict *d, size_t a, unsigned char *lab)
{
	int i = d->arc[a] & F_LABEL;

	if (i != 0) {
		if (i >= d->nlabel)
			return corrupt(d, "label index out of table");
		*lab = d->label[i];
		return 0;
	}
	if (a + 1 >= d->narc)
		return corrupt(d, "label out of bounds");
	*lab = d->arc[a + 1];
	return 0;
}

/* The offset right after arc a.  A target number is skipped, not read:
 * this is the innermost loop of every lookup. */
static int
arc_skip(struct dict *d, size_t a, size_t *next)
{
	unsigned char f = d->arc[a];
	size_t o = a + 1, end;

	if (d->budget-- == 0)
		return corrupt(d, "automaton loops or is too large");
	if ((f & F_LABEL) == 0)
		o++;
	if (!(f & F_NEXT)) {
		end = o + 5 < d->narc ? o + 5 : d->narc;
		while (o < end && (d->arc[o] & 0x80))
			o++;
		if (o == end)
			return corrupt(d, "number out of bounds");
		o++;
	}
	*next = o;
	return 0;
}

/* The next arc of the same node, or 0 after the last. */
static int
arc_next(struct dict *d, size_t a, size_t *next)
{
	if (d->arc[a] & F_LAST) {
		*next = 0;
		return 0;
	}
	if (arc_skip(d, a, next) < 0)
		return -1;
	if (*next >= d->narc)
		return corrupt(d, "arc out of bounds");
	return 0;
}

static int
arc_target(struct dict *d, size_t a, size_t *t)
{
	size_t o;

	if (d->arc[a] & F_NEXT) {
		while (!(d->arc[a] & F_LAST))
			if (arc_next(d, a, &a) < 0)
				return -1;
		if (arc_skip(d, a, t) < 0)
			return -1;
	} else {
		o = a + ((d->arc[a] & F_LABEL) ? 1 : 2);
		if (rd_vint(d, &o, t) < 0)
			return -1;
	}
	if (*t >= d->narc)
		return corrupt(d, "target out of bounds");
	return 0;
}

/* Finds the arc of node labelled c; *arc is 0 when there is none. */
static int
find_arc(struct dict *d, size_t node, unsigned char c, size_t *arc)
{
	unsigned char lab;
	size_t a;

	if (first_arc(d, node, &a) < 0)
		return -1;
	while (a != 0) {
		if (arc_label(d, a, &lab) < 0)
			return -1;
		if (lab == c) {
			*arc = a;
			return 0;
		}
		if (arc_next(d, a, &a) < 0)
			return -1;
	}
	*arc = 0;
	return 0;
}

/* Indexes the arcs of node by label into tab (offset + 1). */
static int
index_node(struct dict *d, size_t node, uint32_t *tab)
{
	unsigned char lab;
	size_t a;

	memset(tab, 0, 256 * sizeof(*tab));
	if (first_arc(d, node, &a) < 0)
		return -1;
	while (a != 0) {
		if (arc_label(d, a, &lab) < 0)
			return -1;
		if (tab[lab] == 0)
			tab[lab] = (uint32_t)a + 1;
		if (arc_next(d, a, &a) < 0)
			return -1;
	}
	return 0;
}

/*
 * Follows the bytes s[0..len) from node, which is at depth pos of the
 * form whose first byte is first (when pos > 0); *node becomes 0 if they
 * spell no path.
 */
static int
walk(struct dict *d, size_t *node, const unsigned char *s, size_t len,
    size_t pos, unsigned char first)
{
	size_t a, i;
	uint32_t *kt;

	for (i = 0; i < len; i++, pos++) {
		if (*node == 0)
			return 0;
		if (pos == 0) {
			a = d->roottab[s[i]];
			first = s[i];
			if (a-- == 0)
				a = 0;
		} else if (pos == 1 && d->roottab[first] != 0) {
			if ((kt = d->kidtab[first]) == NULL) {
				kt = xmalloc(256 * sizeof(*kt));
				if (index_node(d, *node, kt) < 0) {
					free(kt);
					return -1;
				}
				d->kidtab[first] = kt;
			}
			a = kt[s[i]];
			if (a-- == 0)
				a = 0;
		} else if (find_arc(d, *node, s[i], &a) < 0)
			return -1;
		if (a == 0) {
			*node = 0;
			return 0;
		}
		if (arc_target(d, a, node) < 0)
			return -1;
	}
	return 0;
}

static const char *
info_value(char *line, const char *key)
{
	size_t n = strlen(key);
	char *v, *e;

	if (strncmp(line, key, n) != 0)
		return NULL;
	v = line + n;
	while (*v == ' ' || *v == '\t')
		v++;
	if (*v != '=' && *v != ':')
		return NULL;
	v++;
	while (*v == ' ' || *v == '\t')
		v++;
	e = v + strlen(v);
	while (e > v && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' ||
	    e[-1] == '\t'))
		*--e = '\0';
	return v;
}

static int
read_info(struct dict *d, const char *dictpath, char *err, size_t errlen)
{
	char *path, *line = NULL;
	const char *v;
	size_t n = strlen(dictpath), cap = 0;
	int havesep = 0, haveenc = 0, prefixes = 0, infixes = 0, rc = -1;
	FILE *fp;

	path = xmalloc(n + 6);
	memcpy(path, dictpath, n + 1);
	if (n >= 5 && strcmp(path + n - 5, ".dict") == 0)
		path[n - 5] = '\0';
	strcat(path, ".info");
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	d->enc = ENC_SUFFIX;
	while (getline(&line, &cap, fp) > 0) {
		if (line[0] == '#')
			continue;
		if ((v = info_value(line, "fsa.dict.separator")) != NULL) {
			if (strlen(v) != 1 || (unsigned char)v[0] >= 0x80) {
				snprintf(err, errlen, "'%s': separator must "
				    "be one ASCII character", path);
				goto out;
			}
			d->sep = (unsigned char)v[0];
			havesep = 1;
		} else if ((v = info_value(line, "fsa.dict.encoding")) !=
		    NULL) {
			if (strcasecmp(v, "utf-8") != 0 &&
			    strcasecmp(v, "utf8") != 0) {
				snprintf(err, errlen, "'%s': unsupported "
				    "encoding '%s' (UTF-8 only)", path, v);
				goto out;
			}
		} else if ((v = info_value(line, "fsa.dict.encoder")) !=
		    NULL) {
			haveenc = 1;
			if (strcasecmp(v, "prefix") == 0)
				d->enc = ENC_PREFIX;
			else if (strcasecmp(v, "suffix") == 0)
				d->enc = ENC_SUFFIX;
			else if (strcasecmp(v, "none") == 0)
				d->enc = ENC_NONE;
			else {
				snprintf(err, errlen, "'%s': unsupported "
				    "encoder '%s'", path, v);
				goto out;
			}
		} else if ((v = info_value(line, "fsa.dict.uses-prefixes")) !=
		    NULL)
			prefixes = strcmp(v, "true") == 0;
		else if ((v = info_value(line, "fsa.dict.uses-infixes")) !=
		    NULL)
			infixes = strcmp(v, "true") == 0;
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "cannot read '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	if (!haveenc && infixes) {
		snprintf(err, errlen, "'%s': unsupported encoder 'infix'",
		    path);
		goto out;
	}
	if (!haveenc && prefixes)
		d->enc = ENC_PREFIX;
	if (!havesep) {
		snprintf(err, errlen, "'%s': no fsa.dict.separator", path);
		goto out;
	}
	rc = 0;
out:
	free(line);
	fclose(fp);
	free(path);
	return rc;
}

struct dict *
dict_open(const char *path, char *err, size_t errlen)
{
	struct dict *d;
	struct stat st;
	const unsigned char *m;
	size_t hdr, a;
	unsigned flags;
	void *p;
	int fd;

	d = xcalloc(1, sizeof(*d));
	d->path = xstrdup(path);
	if ((fd = open(path, O_RDONLY)) < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		goto fail;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    S_ISREG(st.st_mode) ? strerror(errno) : "not a file");
		close(fd);
		goto fail;
	}
	if (st.st_size < 8) {
		snprintf(err, errlen, "'%s': not a morfologik dictionary "
		    "(too short)", path);
		close(fd);
		goto fail;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		snprintf(err, errlen, "cannot map '%s': %s", path,
		    strerror(errno));
		goto fail;
	}
	d->map = m = p;
	d->maplen = (size_t)st.st_size;
	if (d->maplen >= UINT32_MAX) {
		snprintf(err, errlen, "'%s': too large", path);
		goto fail;
	}
	if (memcmp(m, "\\fsa", 4) != 0) {
		snprintf(err, errlen, "'%s': not a morfologik dictionary "
		    "(bad magic)", path);
		goto fail;
	}
	if (m[4] != 0xc6) {
		snprintf(err, errlen, "'%s': unsupported automaton version "
		    "0x%02x (CFSA2 0xc6 only)", path, m[4]);
		goto fail;
	}
	flags = (unsigned)m[5] << 8 | m[6];
	if (flags & ~FL_KNOWN) {
		snprintf(err, errlen, "'%s': unknown automaton flags 0x%04x",
		    path, flags);
		goto fail;
	}
	d->numbers = (flags & FL_NUMBERS) != 0;
	d->nlabel = m[7];
	hdr = 8 + (size_t)d->nlabel;
	if (d->nlabel > 32 || hdr >= d->maplen) {
		snprintf(err, errlen, "'%s': corrupt label table", path);
		goto fail;
	}
	memcpy(d->label, m + 8, (size_t)d->nlabel);
	d->arc = m + hdr;
	d->narc = d->maplen - hdr;
	if (read_info(d, path, err, errlen) < 0)
		goto fail;
	d->budget = BUDGET;
	if (first_arc(d, 0, &a) < 0 || arc_target(d, a, &d->root) < 0 ||
	    d->root == 0 || index_node(d, d->root, d->roottab) < 0) {
		snprintf(err, errlen, "'%s': corrupt dictionary (no root)",
		    path);
		goto fail;
	}
	return d;
fail:
	dict_close(d);
	return NULL;
}

void
dict_close(struct dict *d)
{
	int i;

	if (d == NULL)
		return;
	if (d->map != NULL)
		munmap((void *)d->map, d->maplen);
	for (i = 0; i < 256; i++)
		free(d->kidtab[i]);
	free(d->path);
	free(d);
}

const char *
dict_error(const struct dict *d)
{
	return d->err;
}

void
dict_result_reset(struct dict_result *r)
{
	r->n = 0;
	buf_reset(&r->text);
}

void
dict_result_release(struct dict_result *r)
{
	free(r->v);
	free(r->off);
	buf_release(&r->text);
	r->v = NULL;
	r->off = NULL;
	r->n = r->cap = r->offcap = 0;
}

/*
 * Decodes one entry suffix seq (ENCODED-LEMMA SEP TAGS) of the form
 * r->text[formoff..+formlen) and appends it to r.  The pointers are set
 * by fixup() once all entries are in, as the text buffer may move.
 */
static int
add_entry(struct dict *d, struct dict_result *r, size_t formoff,
    size_t formlen, const unsigned char *seq, size_t len)
{
	const unsigned char *enc = seq, *tags, *sp;
	const char *form;
	size_t enclen, taglen, cut = 0, keep, *o;

	if ((sp = memchr(seq, d->sep, len)) != NULL) {
		enclen = (size_t)(sp - seq);
		tags = sp + 1;
		taglen = len - enclen - 1;
	} else {
		enclen = len;
		tags = seq + len;
		taglen = 0;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	if (3 * (r->n + 1) > r->offcap) {
		r->offcap = 3 * r->cap;
		r->off = xreallocarray(r->off, r->offcap, sizeof(*r->off));
	}
	o = r->off + 3 * r->n;
	r->v[r->n].formlen = formlen;
	o[0] = formoff;
	o[1] = r->text.len;
	keep = formlen;
	switch (d->enc) {
	case ENC_NONE:
		keep = 0;
		break;
	case ENC_SUFFIX:
		if (enclen < 1)
			return corrupt(d, "empty lemma code");
		keep = (enc[0] - 'A') & 0xff;
		keep = keep == 0xff || keep > formlen ? 0 : formlen - keep;
		enc++;
		enclen--;
		break;
	case ENC_PREFIX:
		if (enclen < 2)
			return corrupt(d, "short lemma code");
		cut = (enc[0] - 'A') & 0xff;
		keep = (enc[1] - 'A') & 0xff;
		if (cut == 0xff || keep == 0xff) {
			cut = formlen;
			keep = 0;
		}
		if (cut + keep > formlen)
			return corrupt(d, "lemma code longer than form");
		keep = formlen - cut - keep;
		enc += 2;
		enclen -= 2;
		break;
	}
	/* The form lives in the same buffer, so copy it via an offset after
	 * growing the buffer. */
	buf_grow(&r->text, keep + enclen + taglen);
	form = r->text.data + formoff;
	buf_add(&r->text, form + cut, keep);
	buf_add(&r->text, enc, enclen);
	r->v[r->n].lemmalen = keep + enclen;
	o[2] = r->text.len;
	buf_add(&r->text, tags, taglen);
	r->v[r->n].tagslen = taglen;
	r->n++;
	return 0;
}

static void
fixup(struct dict_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		r->v[i].form = r->text.data + r->off[3 * i];
		r->v[i].lemma = r->text.data + r->off[3 * i + 1];
		r->v[i].tags = r->text.data + r->off[3 * i + 2];
	}
}

/*
 * Enumerates every accepted sequence below node in automaton order,
 * calling fn with it.  Iterative, with an explicit stack of arcs whose
 * depth is the sequence length, bounded by MAXSEQ.
 */
static int
enumerate(struct dict *d, size_t node, int (*fn)(struct dict *,
    const unsigned char *, size_t, void *), void *arg)
{
	size_t stack[MAXSEQ], a, t;
	unsigned char seq[MAXSEQ];
	int depth = 0, rc;

	if (node == 0)
		return 0;
	if (first_arc(d, node, &stack[0]) < 0)
		return -1;
	for (;;) {
		a = stack[depth];
		if (a == 0) {
			if (depth-- == 0)
				return 0;
			if (arc_next(d, stack[depth], &stack[depth]) < 0)
				return -1;
			continue;
		}
		if (arc_label(d, a, &seq[depth]) < 0)
			return -1;
		if (d->arc[a] & F_FINAL) {
			rc = fn(d, seq, (size_t)depth + 1, arg);
			if (rc != 0)
				return rc;
		}
		if (arc_target(d, a, &t) < 0)
			return -1;
		if (t != 0) {
			if (depth + 1 == MAXSEQ)
				return corrupt(d, "entry too long");
			if (first_arc(d, t, &stack[depth + 1]) < 0)
				return -1;
			depth++;
			continue;
		}
		if (arc_next(d, a, &stack[depth]) < 0)
			return -1;
	}
}

struct collect {
	struct dict_result *r;
	size_t formoff, formlen;
};

static int
collect_one(struct dict *d, const unsigned char *seq, size_t len, void *arg)
{
	struct collect *c = arg;

	return add_entry(d, c->r, c->formoff, c->formlen, seq, len);
}

/* Appends the analyses of the form in r->text[formoff..) found at node. */
static int
collect_at(struct dict *d, size_t node, struct dict_result *r,
    size_t formoff, size_t formlen)
{
	struct collect c;
	size_t a, t;

	if (find_arc(d, node, d->sep, &a) < 0)
		return -1;
	if (a == 0)
		return 0;
	if (arc_target(d, a, &t) < 0)
		return -1;
	c.r = r;
	c.formoff = formoff;
	c.formlen = formlen;
	return enumerate(d, t, collect_one, &c);
}

int
dict_lookup(struct dict *d, const char *form, size_t len,
    struct dict_result *out)
{
	size_t node = d->root;

	dict_result_reset(out);
	if (d->bad)
		return -1;
	d->budget = BUDGET;
	if (memchr(form, d->sep, len) != NULL)
		return 0;
	if (walk(d, &node, (const unsigned char *)form, len, 0, 0) < 0)
		return -1;
	if (node == 0)
		return 0;
	buf_add(&out->text, form, len);
	if (collect_at(d, node, out, 0, len) < 0) {
		dict_result_reset(out);
		return -1;
	}
	fixup(out);
	return (int)out->n;
}

struct altwalk {
	const struct dict_alt *pos;
	size_t npos, maxforms, nforms;
	struct dict_result *r;
	unsigned char form[MAXSEQ];
	size_t formlen;
};

static int
alt_rec(struct dict *d, struct altwalk *w, size_t node, size_t i)
{
	const struct dict_alt *p;
	size_t n, off;
	int k;

	if (w->nforms >= w->maxforms)
		return 0;
	if (i == w->npos) {
		off = w->r->text.len;
		n = w->r->n;
		buf_add(&w->r->text, w->form, w->formlen);
		if (collect_at(d, node, w->r, off, w->formlen) < 0)
			return -1;
		if (w->r->n > n)
			w->nforms++;
		else
			buf_setlen(&w->r->text, off);
		return 0;
	}
	p = &w->pos[i];
	for (k = 0; k < p->n && k < DICT_MAXALT; k++) {
		size_t nd = node, save = w->formlen;

		if (w->formlen + p->len[k] > sizeof(w->form))
			continue;
		if (walk(d, &nd, (const unsigned char *)p->s[k],
		    p->len[k], w->formlen, w->formlen ? w->form[0] : 0) < 0)
			return -1;
		if (nd == 0)
			continue;
		memcpy(w->form + w->formlen, p->s[k], p->len[k]);
		w->formlen += p->len[k];
		if (alt_rec(d, w, nd, i + 1) < 0)
			return -1;
		w->formlen = save;
	}
	return 0;
}

int
dict_lookup_alt(struct dict *d, const struct dict_alt *pos, size_t npos,
    size_t maxforms, struct dict_result *out)
{
	struct altwalk w;

	dict_result_reset(out);
	if (d->bad)
		return -1;
	if (npos > MAXSEQ)
		return 0;
	d->budget = BUDGET;
	w.pos = pos;
	w.npos = npos;
	w.maxforms = maxforms;
	w.nforms = 0;
	w.r = out;
	w.formlen = 0;
	if (alt_rec(d, &w, d->root, 0) < 0) {
		dict_result_reset(out);
		return -1;
	}
	fixup(out);
	return (int)out->n;
}

struct each {
	int	(*fn)(const char *, const char *, const char *, void *);
	void	*arg;
	struct dict_result r;
	struct buf s;
};

static int
each_one(struct dict *d, const unsigned char *seq, size_t len, void *arg)
{
	struct each *e = arg;
	const unsigned char *sp;
	size_t flen, lemoff, tagoff;
	char *base;

	d->budget = BUDGET;
	if ((sp = memchr(seq, d->sep, len)) == NULL)
		return corrupt(d, "entry without separator");
	flen = (size_t)(sp - seq);
	dict_result_reset(&e->r);
	buf_add(&e->r.text, seq, flen);
	if (add_entry(d, &e->r, 0, flen, sp + 1, len - flen - 1) < 0)
		return -1;
	/* Lay the three strings out NUL-terminated for the callback. */
	buf_reset(&e->s);
	base = e->r.text.data;
	buf_add(&e->s, base, flen);
	buf_addc(&e->s, '\0');
	lemoff = e->s.len;
	buf_add(&e->s, base + e->r.off[1], e->r.v[0].lemmalen);
	buf_addc(&e->s, '\0');
	tagoff = e->s.len;
	buf_add(&e->s, base + e->r.off[2], e->r.v[0].tagslen);
	return e->fn(e->s.data, e->s.data + lemoff, e->s.data + tagoff,
	    e->arg);
}

int
dict_foreach(struct dict *d, int (*fn)(const char *, const char *,
    const char *, void *), void *arg)
{
	struct each e;
	int rc;

	if (d->bad)
		return -1;
	e.fn = fn;
	e.arg = arg;
	e.r = (struct dict_result)DICT_RESULT_INIT;
	buf_init(&e.s);
	d->budget = BUDGET;
	rc = enumerate(d, d->root, each_one, &e);
	dict_result_release(&e.r);
	buf_release(&e.s);
	return rc;
}
