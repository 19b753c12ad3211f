/* Unit tests for the front-end driver: countdown, autosave cadence, save-failure state. */
#include "testutil.h"

#include "certsim/driver.h"
#include "certsim/session.h"

/* A three-item quiz on the manual clock clk, with time_limit_s. */
static struct session *
quiz(const struct clock *clk, long time_limit_s)
{
	struct draw_request req = { 0 };
	struct session_config cfg = { 0 };
	struct draw_item *items = NULL;
	struct session *s = NULL;
	char *err = NULL;
	size_t n;
	req.count = 3;
	req.seed = 5;
	assert_int_equal(draw_items(bank, &req, &items, &n, &err), 0);
	cfg.mode = MODE_QUIZ;
	cfg.time_limit_s = time_limit_s;
	snprintf(cfg.source, sizeof cfg.source, "all");
	assert_int_equal(session_new(bank, &cfg, items, n, clk, &s, &err), 0);
	session_start(s);
	return s;
}

static void
test_autosave_cadence(void **state)
{
	int64_t t = 1000;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = quiz(&clk, 0);
	struct driver d;
	struct stat st;
	char *dir = *state, *save = join(dir, "attempt.json");

	/* No save path: nothing to do, ever. */
	driver_init(&d, s);
	t += 60000;
	assert_int_equal(driver_autosave(&d), -1);
	assert_int_equal(driver_save_state(&d), DRIVER_SAVE_SAME);

	s->save_path = save;
	driver_init(&d, s);
	t += 100;
	assert_int_equal(driver_autosave(&d), DRIVER_AUTOSAVE_MS - 100);
	assert_int_equal(stat(save, &st), -1);
	t += DRIVER_AUTOSAVE_MS - 100;
	assert_int_equal(driver_autosave(&d), DRIVER_AUTOSAVE_MS);
	assert_int_equal(stat(save, &st), 0);
	/* Counted from the last save. */
	t += 1;
	assert_int_equal(driver_autosave(&d), DRIVER_AUTOSAVE_MS - 1);
	assert_int_equal(driver_save_state(&d), DRIVER_SAVE_SAME);
	s->save_path = NULL;
	session_free(s);
	free(save);
}

static void
test_save_failure_state(void **state)
{
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = quiz(&clk, 0);
	struct driver d;
	char *dir = *state, *file = join(dir, "a-file"), *bad = join(file, "attempt.json");
	char *good = join(dir, "attempt.json");

	put_plain(file, "x", 1, 0600);
	s->save_path = bad;
	driver_init(&d, s);
	t += DRIVER_AUTOSAVE_MS;
	driver_autosave(&d);
	assert_non_null(s->save_error);
	/* Told once when it starts failing, not again while it keeps failing. */
	assert_int_equal(driver_save_state(&d), DRIVER_SAVE_FAILING);
	assert_int_equal(driver_save_state(&d), DRIVER_SAVE_SAME);
	t += DRIVER_AUTOSAVE_MS;
	driver_autosave(&d);
	assert_int_equal(driver_save_state(&d), DRIVER_SAVE_SAME);
	/* Fixed: the next cadence save works, and that is told once. */
	s->save_path = good;
	t += DRIVER_AUTOSAVE_MS;
	driver_autosave(&d);
	assert_null(s->save_error);
	assert_int_equal(driver_save_state(&d), DRIVER_SAVE_RECOVERED);
	assert_int_equal(driver_save_state(&d), DRIVER_SAVE_SAME);
	s->save_path = NULL;
	session_free(s);
	free(file);
	free(bad);
	free(good);
}

static void
test_clock(void **state)
{
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = quiz(&clk, 20 * 60);
	struct driver d;
	int warn = -1;
	(void)state;

	driver_init(&d, s);
	t = 11 * 60000;
	assert_int_equal(driver_clock(&d, &warn), 0);
	assert_int_equal(warn, 10);
	assert_int_equal(driver_clock(&d, &warn), 0);
	assert_int_equal(warn, 0);
	t = 20 * 60000;
	assert_int_equal(driver_clock(&d, &warn), 1);
	assert_int_equal(s->ended, SESSION_END_TIMEOUT);
	session_free(s);
}

static int
setup(void **state)
{
	return tmpdir_setup(state, "driver");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_autosave_cadence, setup, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_save_failure_state, setup, teardown_tmp),
		cmocka_unit_test(test_clock),
	};
	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
