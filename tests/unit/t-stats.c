/*
 * t-stats.c - unit tests for stats.c: Wilson bounds, chi-square tail
 * probabilities, the contingency-table statistic, adjusted residuals, G2
 * and Kish's n, against values computed independently (by hand or with
 * SciPy once, written down here).
 */
#include <math.h>

#include "check.h"
#include "glosy.h"
#include "stats.h"

static int
near(double got, double want, double rel)
{
	if (want == 0)
		return fabs(got) < rel;
	return fabs(got - want) <= rel * fabs(want);
}

int
main(void)
{
	double lo, hi, p, me;
	double t22[] = { 10, 20, 30, 40 };
	double t23z[] = { 5, 0, 5, 0, 0, 5 };
	double tz[] = { 0, 0, 0, 0 };
	int df;

	stats_wilson(0.5, 10, STATS_Z95, &lo, &hi);
	CHECK(near(lo, 0.236593090512564, 1e-12) &&
	    near(hi, 0.7634069094874361, 1e-12), "wilson 5/10");
	stats_wilson(0, 10, STATS_Z95, &lo, &hi);
	CHECK(lo == 0 && near(hi, 0.2775327998628892, 1e-12), "wilson 0/10");
	stats_wilson(1, 10, STATS_Z95, &lo, &hi);
	CHECK(hi == 1 && near(lo, 1 - 0.2775327998628892, 1e-12),
	    "wilson 10/10 mirrors 0/10");
	stats_wilson(3.0 / 7, 7, STATS_Z95, &lo, &hi);
	CHECK(near(lo, 0.15821985525146975, 1e-12) &&
	    near(hi, 0.7495416354723428, 1e-12), "wilson 3/7");
	stats_wilson(0.2, 37.5, STATS_Z95, &lo, &hi);
	CHECK(near(lo, 0.10279883533847087, 1e-12) &&
	    near(hi, 0.3529533165730804, 1e-12), "wilson effective n 37.5");
	stats_wilson(0.5, 0, STATS_Z95, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi), "wilson n=0 is NaN");
	stats_wilson(0, 1e-310, STATS_Z95, &lo, &hi);
	CHECK(lo == 0 && hi == 1, "wilson with a subnormal n is [0, 1]");

	CHECK(near(stats_chi2_sf(3.841458820694124, 1), 0.05, 1e-10),
	    "chi2 3.8415 df 1 -> 0.05");
	CHECK(near(stats_chi2_sf(3.841, 1), 0.050013683763956804, 1e-10),
	    "chi2 3.841 df 1");
	CHECK(near(stats_chi2_sf(10, 4), 0.04042768199451279, 1e-10),
	    "chi2 10 df 4 = 6 e^-5");
	CHECK(near(stats_chi2_sf(2, 2), exp(-1), 1e-12), "chi2 2 df 2 = 1/e");
	CHECK(near(stats_chi2_sf(100, 50), 3.454931382984871e-05, 1e-9),
	    "chi2 100 df 50");
	CHECK(near(stats_chi2_sf(1e-3, 1), 0.9747728793699604, 1e-10),
	    "chi2 tiny x");
	CHECK(near(stats_chi2_sf(300, 1), 3.2943623833139784e-67, 1e-8),
	    "chi2 far tail keeps precision");
	CHECK(near(stats_chi2_sf(1500, 1000), 1.0454640385980825e-22, 1e-8),
	    "chi2 df 1000");
	CHECK(near(stats_chi2_sf(0.5, 7), 0.9994464813904249, 1e-10),
	    "chi2 0.5 df 7");
	CHECK(stats_chi2_sf(0, 3) == 1, "chi2 0 -> 1");
	CHECK(isnan(stats_chi2_sf(1, 0)), "chi2 df 0 is NaN");
	CHECK(stats_chi2_sf(INFINITY, 2) == 0, "chi2 inf -> 0");
	CHECK(near(stats_gamma_p(3, 2) + stats_gamma_q(3, 2), 1, 1e-14) &&
	    near(stats_gamma_p(3, 20) + stats_gamma_q(3, 20), 1, 1e-14),
	    "P + Q = 1 on both branches");
	p = stats_gamma_p(1e-309, 1e-309);
	CHECK(p >= 0 && p <= 1, "gamma P with a subnormal a stays in [0, 1]");
	CHECK(isnan(stats_gamma_q(-1, 1)) && isnan(stats_gamma_q(1, -1)),
	    "gamma domain errors are NaN");

	p = stats_chi2_table(t22, 2, 2, &df, &me);
	CHECK(near(p, 0.7936507936507936, 1e-12) && df == 1 &&
	    near(me, 12, 1e-12), "chi2 of [[10 20] [30 40]]");
	p = stats_chi2_table(t23z, 2, 3, &df, NULL);
	CHECK(df == 1 && near(p, 3.75, 1e-12),
	    "empty column left out: [[5 5] [0 5]] gives 3.75, df 1");
	p = stats_chi2_table(tz, 2, 2, &df, &me);
	CHECK(p == 0 && df == 0 && isnan(me), "all-zero table");

	CHECK(near(stats_adjres(10, 30, 40, 100), -0.8908708063747481, 1e-12),
	    "adjusted residual");
	CHECK(isnan(stats_adjres(5, 10, 10, 10)), "zero variance residual");
	/* In a 2 x 2 table the squared adjusted residual is chi-square. */
	CHECK(near(pow(stats_adjres(10, 30, 40, 100), 2),
	    0.7936507936507936, 1e-12), "residual^2 = chi2 in 2 x 2");

	/* The two-sided p of a residual, as glosy-report takes it. */
	CHECK(near(stats_chi2_sf(1.959963984540054 * 1.959963984540054, 1),
	    0.05, 1e-12), "two-sided p of z 1.96 is 0.05");
	CHECK(near(stats_chi2_sf(2.5758293035489004 * 2.5758293035489004, 1),
	    0.01, 1e-12), "two-sided p of z 2.58 is 0.01");
	{
		/* Of 0.001 0.008 0.039 0.041 0.042 0.06 0.074 0.205, the
		 * step-up rule at 0.05 rejects 0.001 and 0.008 (2 * 0.05 / 8 =
		 * 0.0125), not 0.039 (3 * 0.05 / 8 = 0.01875) nor any above. */
		double bp[] = { 0.205, 0.041, 0.001, 0.074, 0.039, 0.008,
		    0.042, 0.06 }, bq[8];
		double one[] = { 0.049 }, oq[1];
		size_t j, nrej = 0;

		stats_bh_adjust(bp, bq, 8);
		for (j = 0; j < 8; j++)
			nrej += bq[j] <= 0.05;
		CHECK(nrej == 2 && bq[2] <= 0.05 && bq[5] <= 0.05,
		    "q <= 0.05 for the two the step-up rule rejects");
		CHECK(bp[0] == 0.205, "the p-values stay as they were");
		stats_bh_adjust(one, oq, 1);
		CHECK(oq[0] == 0.049, "one test: q is p");
	}
	{
		/* q(i) = min over j >= i of m p(j) / j, capped at 1: sorted,
		 * 0.01 0.03 0.04 0.5 give 0.04 0.06 0.0533 0.5, and the
		 * running minimum from the top 0.04 0.0533 0.0533 0.5. */
		double ap[] = { 0.01, NAN, 0.04, 0.03, 0.5 }, aq[5];

		stats_bh_adjust(ap, aq, 5);
		CHECK(near(aq[0], 0.04, 1e-15) &&
		    near(aq[2], 0.16 / 3, 1e-15) &&
		    near(aq[3], 0.16 / 3, 1e-15) && near(aq[4], 0.5, 1e-15),
		    "adjusted p-values: 0.04 0.0533 0.0533 0.5");
		CHECK(isnan(aq[1]), "a NaN p-value stays NaN");
	}

	CHECK(near(stats_g2(10, 100, 10, 1000), 22.907803544618957, 1e-12),
	    "g2 10/100 vs 10/1000");
	CHECK(stats_g2(5, 50, 5, 50) == 0, "g2 equal rates is 0");
	CHECK(stats_g2(0, 10, 0, 10) == 0, "g2 unseen term is 0");
	CHECK(isnan(stats_g2(11, 10, 0, 10)), "g2 count above total is NaN");

	CHECK(near(stats_kish_n(10, 10), 10, 1e-15), "kish equal weights");
	CHECK(near(stats_kish_n(4, 10), 1.6, 1e-15),
	    "kish weights 1 and 3: 16 / 10");
	CHECK(stats_kish_n(0, 0) == 0, "kish empty");
	return check_done();
}
