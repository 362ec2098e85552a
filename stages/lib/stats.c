/*
 * stats.c - interval estimates and test statistics for glosy-report; see
 * stats.h for the contracts.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "glosy.h"
#include "stats.h"

#define GAMMA_EPS	1e-15
#define GAMMA_TINY	1e-300
#define GAMMA_ITMAX	100000

void
stats_wilson(double p, double n, double z, double *lo, double *hi)
{
	double z2, den, mid, half;

	if (!(n > 0) || !(p >= 0 && p <= 1) || !(z > 0)) {
		*lo = *hi = NAN;
		return;
	}
	z2 = z * z;
	den = 1 + z2 / n;
	mid = (p + z2 / (2 * n)) / den;
	half = z / den * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
	if (!isfinite(mid) || !isfinite(half)) {
		/* n so small that z^2 / n overflows: no information. */
		*lo = 0;
		*hi = 1;
		return;
	}
	*lo = mid - half;
	*hi = mid + half;
	/* Rounding can push a bound a hair past the unit interval at p = 0
	 * or p = 1, where the exact bound is 0 or 1. */
	if (*lo < 0 || p == 0)
		*lo = 0;
	if (*hi > 1 || p == 1)
		*hi = 1;
}

/* e^-x x^a / Gamma(a), the factor shared by the series and the fraction. */
static double
gamma_front(double a, double x)
{
	return exp(-x + a * log(x) - lgamma(a));
}

/*
 * P(a, x) by its power series; converges quickly for x < a + 1.  Written
 * as e^-x x^a / Gamma(a + 1) times 1 + x/(a+1) + x^2/((a+1)(a+2)) + ...
 * so that a tiny a does not multiply a huge 1/a by a tiny factor.
 */
static double
gamma_series(double a, double x)
{
	double ap = a, term = 1, sum = 1;
	int i;

	for (i = 0; i < GAMMA_ITMAX; i++) {
		ap += 1;
		term *= x / ap;
		sum += term;
		if (fabs(term) < fabs(sum) * GAMMA_EPS)
			break;
	}
	return sum * exp(-x + a * log(x) - lgamma(a + 1));
}

/* Q(a, x) by its continued fraction (modified Lentz); for x >= a + 1. */
static double
gamma_fraction(double a, double x)
{
	double b, c, d, h, an, del;
	int i;

	b = x + 1 - a;
	c = 1 / GAMMA_TINY;
	d = 1 / b;
	h = d;
	for (i = 1; i < GAMMA_ITMAX; i++) {
		an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (fabs(d) < GAMMA_TINY)
			d = GAMMA_TINY;
		c = b + an / c;
		if (fabs(c) < GAMMA_TINY)
			c = GAMMA_TINY;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < GAMMA_EPS)
			break;
	}
	return h * gamma_front(a, x);
}

double
stats_gamma_p(double a, double x)
{
	double p;

	if (isnan(a) || isnan(x) || a <= 0 || x < 0)
		return NAN;
	if (x == 0)
		return 0;
	if (isinf(x))
		return 1;
	if (x < a + 1)
		p = gamma_series(a, x);
	else
		p = 1 - gamma_fraction(a, x);
	return p < 0 ? 0 : p > 1 ? 1 : p;
}

double
stats_gamma_q(double a, double x)
{
	double q;

	if (isnan(a) || isnan(x) || a <= 0 || x < 0)
		return NAN;
	if (x == 0)
		return 1;
	if (isinf(x))
		return 0;
	if (x < a + 1)
		q = 1 - gamma_series(a, x);
	else
		q = gamma_fraction(a, x);
	return q < 0 ? 0 : q > 1 ? 1 : q;
}

double
stats_chi2_sf(double x, double df)
{
	if (!(df > 0) || isnan(x))
		return NAN;
	if (x <= 0)
		return 1;
	return stats_gamma_q(df / 2, x / 2);
}

double
stats_chi2_table(const double *obs, int nr, int nc, int *df, double *minexp)
{
	double n = 0, chi2 = 0, e, d, mine = INFINITY, *row, *col;
	int i, j, rr = 0, cc = 0;

	row = xcalloc((size_t)nr + 1, sizeof(*row));
	col = xcalloc((size_t)nc + 1, sizeof(*col));
	for (i = 0; i < nr; i++)
		for (j = 0; j < nc; j++) {
			row[i] += obs[(size_t)i * nc + j];
			col[j] += obs[(size_t)i * nc + j];
		}
	for (i = 0; i < nr; i++) {
		n += row[i];
		rr += row[i] > 0;
	}
	for (j = 0; j < nc; j++)
		cc += col[j] > 0;
	*df = rr > 1 && cc > 1 ? (rr - 1) * (cc - 1) : 0;
	if (*df > 0 && n > 0) {
		for (i = 0; i < nr; i++) {
			if (row[i] <= 0)
				continue;
			for (j = 0; j < nc; j++) {
				if (col[j] <= 0)
					continue;
				e = row[i] * col[j] / n;
				d = obs[(size_t)i * nc + j] - e;
				chi2 += d * d / e;
				if (e < mine)
					mine = e;
			}
		}
	} else
		mine = NAN;
	free(row);
	free(col);
	if (minexp)
		*minexp = mine;
	return chi2;
}

double
stats_adjres(double o, double r, double c, double n)
{
	double e, v;

	if (!(n > 0))
		return NAN;
	e = r * c / n;
	v = e * (1 - r / n) * (1 - c / n);
	if (!(v > 0))
		return NAN;
	return (o - e) / sqrt(v);
}

struct pix {
	double	p;
	size_t	i;
};

/* By p-value, ties by index. */
static int
cmp_pix(const void *a, const void *b)
{
	const struct pix *x = a, *y = b;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

void
stats_bh_adjust(const double *p, double *q, size_t n)
{
	struct pix *v;
	size_t i, m = 0;
	double run = 1, a;

	v = xreallocarray(NULL, n ? n : 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		q[i] = NAN;
		if (!isnan(p[i])) {
			v[m].p = p[i];
			v[m++].i = i;
		}
	}
	qsort(v, m, sizeof(*v), cmp_pix);
	for (i = m; i > 0; i--) {
		a = v[i - 1].p * (double)m / (double)i;
		if (a < run)
			run = a;
		q[v[i - 1].i] = run;
	}
	free(v);
}

/* O ln(O / E), with the limit 0 at O = 0. */
static double
xlogx(double o, double e)
{
	return o > 0 ? o * log(o / e) : 0;
}

double
stats_g2(double a, double n1, double b, double n2)
{
	double n = n1 + n2, k = a + b, g;

	if (!(n1 > 0) || !(n2 > 0) || a < 0 || b < 0 || a > n1 || b > n2)
		return NAN;
	if (k == 0 || k == n)
		return 0;
	g = xlogx(a, n1 * k / n) + xlogx(b, n2 * k / n) +
	    xlogx(n1 - a, n1 * (n - k) / n) + xlogx(n2 - b, n2 * (n - k) / n);
	g *= 2;
	return g < 0 ? 0 : g;
}

double
stats_kish_n(double sumw, double sumw2)
{
	return sumw2 > 0 ? sumw * sumw / sumw2 : 0;
}
