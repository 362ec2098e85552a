/*
 * stats.h - the statistics behind glosy-report: Wilson score intervals, the
 * chi-square distribution (through the regularized incomplete gamma
 * function), Pearson's chi-square test on a contingency table, Haberman's
 * adjusted standardized residuals, Dunning's log-likelihood G2 and Kish's
 * effective sample size.  Pure functions on doubles without global state
 * (stats_chi2_table allocates scratch space, and dies when out of memory);
 * invalid arguments give NaN.
 */
#ifndef GLOSY_STATS_H
#define GLOSY_STATS_H

#include <stddef.h>

/* The 0.975 quantile of the standard normal distribution. */
#define STATS_Z95	1.959963984540054

/*
 * The Wilson score interval for a proportion p observed on n trials (n may
 * be an effective, non-integer n) at normal quantile z; *lo and *hi get the
 * bounds, clamped to [0, 1].  With n <= 0 both are NaN.
 */
void	 stats_wilson(double p, double n, double z, double *lo, double *hi);

/*
 * The regularized lower and upper incomplete gamma functions P(a, x) and
 * Q(a, x) = 1 - P(a, x) for a > 0, x >= 0.  Q is computed directly (not as
 * 1 - P) where it is small, so tail probabilities keep their precision.
 */
double	 stats_gamma_p(double a, double x);
double	 stats_gamma_q(double a, double x);

/* The upper tail P(X >= x) of the chi-square distribution with df > 0. */
double	 stats_chi2_sf(double x, double df);

/*
 * Pearson's chi-square statistic of the nr x nc table obs (row-major).
 * Rows and columns whose total is zero are left out; *df gets
 * (r - 1)(c - 1) over the rest and *minexp (if not NULL) the smallest
 * expected count.  With df == 0 the statistic is 0 and *minexp NaN.
 * Takes O(nr nc) time.
 */
double	 stats_chi2_table(const double *obs, int nr, int nc, int *df,
	    double *minexp);

/*
 * Haberman's adjusted standardized residual of a cell with observed count
 * o, row total r, column total c and grand total n:
 * (o - e) / sqrt(e (1 - r/n) (1 - c/n)) with e = r c / n.  NaN when the
 * variance is zero.
 */
double	 stats_adjres(double o, double r, double c, double n);

/*
 * Benjamini-Hochberg adjusted p-values ("q-values") of p[0..n-1] into
 * q[0..n-1]: q(i) = min over j >= i of min(1, m p(j) / j), over the m
 * p-values that are not NaN, in ascending order; a NaN stays NaN.  The
 * tests with q <= alpha are those the step-up rule rejects at alpha (the
 * largest p(k) <= k alpha / m, and all below it), which keeps the expected
 * share of false discoveries among them at most alpha, for independent or
 * positively dependent tests.
 */
void	 stats_bh_adjust(const double *p, double *q, size_t n);

/*
 * Dunning's log-likelihood G2 for a term seen a times in a corpus of n1
 * tokens and b times in a corpus of n2 tokens (the 2 x 2 table
 * a, n1 - a / b, n2 - b).  Always >= 0; the sign of the difference is the
 * caller's (a / n1 against b / n2).
 */
double	 stats_g2(double a, double n1, double b, double n2);

/* Kish's effective sample size (sum w)^2 / sum w^2; 0 when sumw2 is 0. */
double	 stats_kish_n(double sumw, double sumw2);

#endif
