/*
 * t-report-xsum.c - the exact sums of glosy-report (stages/report/xsum.c):
 * the same terms in any order, or split into parts merged later or
 * written out and read back, give the same bits, and that value is the
 * correctly rounded sum.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "glosy.h"
#include "../../stages/report/report.h"
#include "../../stages/report/xsum.c"

#define N	20000

static double v[N];

static double
sum_range(int from, int to, int step)
{
	struct xsum x = XSUM_INIT;
	double r;
	int i;

	for (i = from; i != to; i += step)
		xsum_add(&x, v[i]);
	r = xsum_value(&x);
	xsum_release(&x);
	return r;
}

int
main(void)
{
	struct xsum a = XSUM_INIT, b = XSUM_INIT, c = XSUM_INIT, d = XSUM_INIT;
	struct buf s = BUF_INIT;
	struct rng r;
	double fwd, bwd, naive = 0, naive2 = 0;
	int i;

	rng_seed(&r, 7);
	for (i = 0; i < N; i++)
		v[i] = 0.4 + rng_double(&r) * 1.8;
	fwd = sum_range(0, N, 1);
	bwd = sum_range(N - 1, -1, -1);
	for (i = 0; i < N; i++)
		naive += v[i];
	for (i = N - 1; i >= 0; i--)
		naive2 += v[i];
	CHECK(memcmp(&fwd, &bwd, sizeof(fwd)) == 0,
	    "forward and backward sums have the same bits (%.17g)", fwd);
	CHECK(fabs(fwd - naive) <= 1e-9 * fwd && fabs(fwd - naive2) <= 1e-9 *
	    fwd, "close to the naive sums (%.17g, %.17g)", naive, naive2);

	/* Three parts, merged in another order, and through text. */
	for (i = 0; i < N; i++)
		xsum_add(i < 7000 ? &a : i < 13000 ? &b : &c, v[i]);
	xsum_format(&s, &b);
	CHECK(xsum_parse(&d, s.data) == 0, "the text form reads back");
	xsum_merge(&d, &c);
	xsum_merge(&d, &a);
	CHECK(xsum_value(&d) == fwd, "parts merged give the same bits");
	buf_reset(&s);
	xsum_format(&s, &d);
	xsum_release(&a);
	CHECK(xsum_parse(&a, s.data) == 0 && xsum_value(&a) == fwd,
	    "the merged sum survives its text form");

	/* Correct rounding where the naive sum is wrong. */
	xsum_release(&a);
	xsum_add(&a, 1);
	xsum_add(&a, 0x1p-53);
	xsum_add(&a, 0x1p-53);
	CHECK(xsum_value(&a) == 1 + 0x1p-52, "1 + 2^-53 + 2^-53 = 1 + 2^-52");
	xsum_release(&a);
	xsum_add(&a, 1e300);
	xsum_add(&a, 1e-300);
	xsum_add(&a, 4.9e-324);
	CHECK(xsum_value(&a) == 1e300, "1e300 + tiny terms");
	buf_reset(&s);
	xsum_format(&s, &a);
	CHECK(xsum_parse(&b, s.data) == 0 && xsum_value(&b) == 1e300,
	    "a window of 2,000 bits reads back");
	xsum_release(&a);
	xsum_add(&a, 4.9e-324);
	xsum_add(&a, 4.9e-324);
	CHECK(xsum_value(&a) == 2 * 4.9e-324, "subnormal terms");
	xsum_release(&a);
	CHECK(xsum_value(&a) == 0, "the empty sum is 0");
	xsum_add(&a, 1e308);
	xsum_add(&a, 1e308);
	CHECK(isinf(xsum_value(&a)), "overflow gives infinity");
	xsum_add(&a, INFINITY);
	buf_reset(&s);
	xsum_format(&s, &a);
	CHECK(strcmp(s.data, "inf") == 0 && xsum_parse(&b, "inf") == 0 &&
	    isinf(xsum_value(&b)), "infinity as text");

	/* Many equal terms: carries taken in time. */
	xsum_release(&a);
	for (i = 0; i < 3000000; i++)
		xsum_add(&a, 0x1.fffffffffffffp+0);
	CHECK(xsum_value(&a) == 3000000.0 * 0x1.fffffffffffffp+0,
	    "3 million terms of 2 - 2^-52");

	CHECK(xsum_parse(&a, "0x1p-1") == -1, "unaligned exponent refused");
	CHECK(xsum_parse(&a, "0x1g2p-1127") == -1, "bad digit refused");
	CHECK(xsum_parse(&a, "12") == -1, "decimal refused");
	CHECK(xsum_parse(&a, "0x01p-1127") == -1, "leading zero refused");
	CHECK(xsum_parse(&a, "0x3p-1127") == 0 &&
	    xsum_value(&a) == 3 * 0x1p-1074 / 0x1p53, "the smallest unit");

	xsum_release(&a);
	xsum_release(&b);
	xsum_release(&c);
	xsum_release(&d);
	buf_release(&s);
	return check_done();
}
