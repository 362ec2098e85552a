/*
 * xsum.c - exact sums of non-negative doubles for glosy-report.
 *
 * A weighted count is a sum of many doubles.  Added one by one in floating
 * point, the result depends on the order of the terms, so a report merged
 * from shards could differ in the last bit from the report of the whole
 * stream, and then, now and again, in a printed digit or in the order of
 * two themes.  Here the sum is kept exactly, as a big integer in units of
 * 2^-1127 (every finite double is an integer multiple of that unit), and
 * rounded once, correctly, when it is read.  The result is the sum of the
 * real numbers, rounded to nearest: independent of order and of how the
 * terms were split among shards.
 *
 * The integer is held in 32-bit digits, each stored in a 64-bit limb so
 * that carries can wait: one add puts less than 2^32 into each of three
 * limbs, and carries are propagated every 2^31 adds and before a read.
 * Only the window of limbs that the terms reach is allocated, a few limbs
 * for ordinary weights.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "report.h"

#define XSUM_BIAS	1127	/* bit 0 of the integer is 2^-1127 */
#define XSUM_PENDING	(1U << 31)

/* Makes limbs [a, b] (absolute digit indices) part of the window. */
static void
xsum_reach(struct xsum *x, int a, int b)
{
	int lo, hi;
	uint64_t *l;

	if (x->n > 0 && a >= x->lo && b < x->lo + x->n)
		return;
	lo = x->n > 0 && x->lo < a ? x->lo : a;
	hi = x->n > 0 && x->lo + x->n - 1 > b ? x->lo + x->n - 1 : b;
	l = xcalloc((size_t)(hi - lo + 1), sizeof(*l));
	if (x->n > 0)
		memcpy(l + (x->lo - lo), x->limb, (size_t)x->n * sizeof(*l));
	free(x->limb);
	x->limb = l;
	x->lo = lo;
	x->n = hi - lo + 1;
}

/* Propagates the carries: afterwards every limb holds less than 2^32. */
static void
xsum_carry(struct xsum *x)
{
	uint64_t c = 0, t;
	int i;

	for (i = 0; i < x->n; i++) {
		t = x->limb[i] + c;
		x->limb[i] = t & 0xffffffffU;
		c = t >> 32;
	}
	while (c > 0) {
		xsum_reach(x, x->lo, x->lo + x->n);
		x->limb[x->n - 1] = c & 0xffffffffU;
		c >>= 32;
	}
	x->pending = 0;
}

void
xsum_add(struct xsum *x, double v)
{
	unsigned __int128 m;
	uint64_t bits;
	int e, b, d;

	if (v == 0)
		return;
	if (!isfinite(v) || v < 0) {
		x->inf = 1;
		return;
	}
	/* v is the integer m times 2^(e - 1075) for a normal v, with the
	 * biased exponent e, and m times 2^-1074 for a subnormal one; the
	 * lowest bit of m is bit b = e + 52 (or 53) of the sum. */
	memcpy(&bits, &v, sizeof(bits));
	e = (int)(bits >> 52 & 0x7ff);
	m = bits & ((UINT64_C(1) << 52) - 1);
	if (e > 0) {
		m |= UINT64_C(1) << 52;
		b = e - 1075 + XSUM_BIAS;
	} else
		b = -1074 + XSUM_BIAS;
	d = b / 32;
	m <<= b % 32;
	xsum_reach(x, d, d + 2);
	x->limb[d - x->lo] += (uint64_t)m & 0xffffffffU;
	x->limb[d - x->lo + 1] += (uint64_t)(m >> 32) & 0xffffffffU;
	x->limb[d - x->lo + 2] += (uint64_t)(m >> 64);
	if (++x->pending >= XSUM_PENDING)
		xsum_carry(x);
}

void
xsum_merge(struct xsum *x, struct xsum *y)
{
	int i;

	if (y->inf)
		x->inf = 1;
	if (y->n == 0)
		return;
	xsum_carry(y);
	xsum_reach(x, y->lo, y->lo + y->n - 1);
	for (i = 0; i < y->n; i++)
		x->limb[y->lo - x->lo + i] += y->limb[i];
	if (++x->pending >= XSUM_PENDING)
		xsum_carry(x);
}

/*
 * The exact sum as a hexadecimal floating-point string: "0", "inf", or
 * "0xHHH...p-E" whose exponent is that of the window's lowest digit, so
 * that every 8 hexadecimal digits from the right are one digit of the
 * integer (xsum_parse() relies on it).
 */
void
xsum_format(struct buf *dst, struct xsum *x)
{
	int i, top;

	if (x->inf) {
		buf_adds(dst, "inf");
		return;
	}
	xsum_carry(x);
	for (top = x->n - 1; top >= 0 && x->limb[top] == 0; top--)
		;
	if (top < 0) {
		buf_addc(dst, '0');
		return;
	}
	buf_printf(dst, "0x%x", (unsigned)x->limb[top]);
	for (i = top - 1; i >= 0; i--)
		buf_printf(dst, "%08x", (unsigned)x->limb[i]);
	buf_printf(dst, "p%d", 32 * x->lo - XSUM_BIAS);
}

double
xsum_value(struct xsum *x)
{
	struct buf b = BUF_INIT;
	double v;

	if (x->inf)
		return INFINITY;
	xsum_format(&b, x);
	/* strtod rounds a hexadecimal string correctly however long it is:
	 * that is the one rounding of the sum (to infinity if too large). */
	v = strtod(b.data, NULL);
	buf_release(&b);
	return v;
}

int
xsum_parse(struct xsum *x, const char *s)
{
	const char *p, *h, *e;
	char *end;
	long exp;
	uint64_t d;
	int i, k, dig;

	xsum_release(x);
	if (strcmp(s, "0") == 0)
		return 0;
	if (strcmp(s, "inf") == 0) {
		x->inf = 1;
		return 0;
	}
	if (strncmp(s, "0x", 2) != 0 || (e = strchr(s, 'p')) == NULL)
		return -1;
	h = s + 2;
	if (e == h || *h == '0')
		return -1;
	errno = 0;
	exp = strtol(e + 1, &end, 10);
	if (*end != '\0' || end == e + 1 || errno != 0 ||
	    exp + XSUM_BIAS < 0 || (exp + XSUM_BIAS) % 32 != 0 ||
	    exp + XSUM_BIAS > 32 * 1000)
		return -1;
	k = (int)(e - h + 7) / 8;
	if (k > 200)
		return -1;
	xsum_reach(x, (int)(exp + XSUM_BIAS) / 32,
	    (int)(exp + XSUM_BIAS) / 32 + k - 1);
	for (i = 0; i < k; i++) {
		d = 0;
		for (p = e - 8 * (i + 1) < h ? h : e - 8 * (i + 1);
		    p < e - 8 * i; p++) {
			if (*p >= '0' && *p <= '9')
				dig = *p - '0';
			else if (*p >= 'a' && *p <= 'f')
				dig = *p - 'a' + 10;
			else {
				xsum_release(x);
				return -1;
			}
			d = d << 4 | (uint64_t)dig;
		}
		x->limb[i] = d;
	}
	return 0;
}

void
xsum_release(struct xsum *x)
{
	free(x->limb);
	memset(x, 0, sizeof(*x));
}
