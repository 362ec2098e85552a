/*
 * check.h - the unit-test harness: CHECK(cond, what) prints "ok" or
 * "not ok" with the description; check_done() prints the tally and returns
 * the exit status.  tests/run counts the ok and not ok lines.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

static int check_pass, check_fail;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		check_pass++;						\
		printf("ok ");						\
	} else {							\
		check_fail++;						\
		printf("not ok %s:%d: ", __FILE__, __LINE__);		\
	}								\
	printf(__VA_ARGS__);						\
	putchar('\n');							\
} while (0)

static int
check_done(void)
{
	printf("# %d passed, %d failed\n", check_pass, check_fail);
	return check_fail ? 1 : 0;
}

#endif
