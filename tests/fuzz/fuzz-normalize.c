/*
 * fuzz-normalize.c - fuzzes the work of glosy-normalize on one field: the
 * UTF-8 repair, the redaction patterns of lexicons/pl/patterns and
 * text_norm() with each set of flags.  It checks the invariants later
 * stages rely on: the result is valid UTF-8, normalizing it again changes
 * nothing, and it is NFC and case-folded.  It also checks that the
 * prefilter of the pattern layer never changes what is redacted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "pattern.h"

static struct patterns *pats;
static struct text_norm *tn[4];

static void
setup(void)
{
	char err[512];
	const char *path;
	int i;

	path = getenv("GLOSY_PATTERNS");
	if (path == NULL)
		path = "lexicons/pl/patterns";
	/* Without the lexicon (run from elsewhere) only the normalizer is
	 * fuzzed. */
	pats = patterns_load(path, err, sizeof(err));
	for (i = 0; i < 4; i++)
		tn[i] = text_norm_new(i);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf in = BUF_INIT, red = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	const char *errstr;
	long n1, n2 = -1;
	int i;

	if (tn[0] == NULL)
		setup();
	text_repair(&in, (const char *)data, size, NULL);
	if (pats != NULL) {
		patterns_prefilter(pats, 0);
		n1 = patterns_apply(pats, &a, in.data, in.len, &errstr);
		patterns_prefilter(pats, 1);
		n2 = patterns_apply(pats, &red, in.data, in.len, &errstr);
		if (n1 != n2 || a.len != red.len || memcmp(a.data, red.data,
		    a.len) != 0)
			abort();
	}
	if (pats == NULL || n2 < 0) {
		buf_reset(&red);
		buf_add(&red, in.data, in.len);
	}
	for (i = 0; i < 4; i++) {
		buf_reset(&a);
		buf_reset(&b);
		if (text_norm(tn[i], &a, red.data, red.len) < 0)
			continue;
		if (text_invalid(a.data, a.len) != (size_t)-1)
			abort();
		if (text_norm(tn[i], &b, a.data, a.len) < 0 ||
		    b.len != a.len || memcmp(a.data, b.data, a.len) != 0)
			abort();
		buf_reset(&b);
		if (text_fold(&b, a.data, a.len) == 0 && (b.len != a.len ||
		    memcmp(a.data, b.data, a.len) != 0))
			abort();
	}
	buf_release(&in);
	buf_release(&red);
	buf_release(&a);
	buf_release(&b);
	return 0;
}
