/*
 * An attempt in progress: drawn items, answers, flags, per-item time,
 * navigation and the countdown. No user interface here: the line-mode and
 * full-screen front ends both drive this API, and so do the tests.
 */
#ifndef CERTSIM_SESSION_H
#define CERTSIM_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/answer.h"
#include "certsim/bank.h"
#include "certsim/clock.h"
#include "certsim/draw.h"

enum session_mode { MODE_EXAM, MODE_QUIZ, MODE_STUDY };

/* "exam", "quiz" or "study", as results and saved attempts name a mode (static). */
const char *session_mode_name(enum session_mode m);
enum session_end { SESSION_END_NONE, SESSION_END_SUBMIT, SESSION_END_TIMEOUT, SESSION_END_EOF };
enum session_feedback { FEEDBACK_END, FEEDBACK_IMMEDIATE };

/*
 * A candidate's answer, in the bank's own choice indexes:
 * single/multiple: the chosen options, ascending (n of them);
 * ordering: the items in the candidate's order (n = all items);
 * matching: v[i] = option matched to prompt i, or -1 while prompt i is
 * unmatched (n = number of prompts).
 * A multiple-response answer with fewer options than the key, or a matching
 * answer with unmatched prompts, is incomplete: kept, saved, scored wrong.
 */
struct response {
	int v[BANK_MAX_CHOICES];
	int n;
};

struct session_item {
	struct draw_item d;
	int scored;   /* 0 for --unscored items */
	int answered; /* resp holds an answer */
	struct response resp;
	int flagged;
	int64_t ms; /* time spent on this item */
};

struct session_config {
	enum session_mode mode;
	uint64_t seed;
	long time_limit_s; /* 0: untimed */
	enum session_feedback feedback;
	int unscored;    /* how many items are unscored */
	char source[64]; /* quiz source: "all", "domain 2", "task 2.2", "missed", "weakest" */
	int show_domain; /* exam: show each question's domain and task (--show-domain) */
};

struct session {
	const struct bank *bank;
	struct session_config cfg;
	struct session_item *items;
	size_t n;
	size_t cur;
	const struct clock *clock;
	int64_t used_ms;    /* time used in earlier runs of this attempt */
	int64_t run_start;  /* clock value when this run started; -1 if paused */
	int64_t item_start; /* clock value when the current item was entered */
	int warned;         /* bit i set: warning i of session_warnings given */
	char started_at[32], finished_at[32];
	enum session_end ended;
	int interruptions; /* runs after the first (each resume) */
	char *save_path;   /* autosave target, or NULL */
	char *save_error;  /* last autosave failure (caller may print) */
};

/* Minutes-left thresholds that raise a warning, largest first. */
extern const int session_warning_minutes[4];

/*
 * Create a session over items (ownership of the array passes to the
 * session). cfg->unscored of the items are chosen, with the seed, to be
 * unscored. Returns 0 and *out (free with session_free; it does not own b
 * or clock, which must outlive it), or -1 with *err (caller frees).
 */
int session_new(const struct bank *b, const struct session_config *cfg, struct draw_item *items,
                size_t n, const struct clock *clock, struct session **out, char **err);
/* Free a session and its items (not its bank or clock); NULL is fine. */
void session_free(struct session *s);

/* Start (or restart after resume) the clock; sets started_at on first start. */
void session_start(struct session *s);

/* Milliseconds used so far, including earlier runs. */
int64_t session_used_ms(const struct session *s);

/* Milliseconds left (never negative), or -1 when untimed. */
int64_t session_left_ms(const struct session *s);

/*
 * Check the clock. Returns 1 and ends the attempt (SESSION_END_TIMEOUT) when time
 * is up; otherwise 0. *warn_minutes is set to a threshold just crossed
 * (30, 10, 5, 1), once each, or 0.
 */
int session_tick(struct session *s, int *warn_minutes);

/* Milliseconds until the next event (a warning or time up), or -1 untimed. */
int64_t session_next_event_ms(const struct session *s);

/* Move to item i (0-based); the time on the item left is recorded. -1 if out of range. */
int session_goto(struct session *s, size_t i);

/*
 * The clock as the candidate sees it, as H:MM:SS into out: the time left,
 * rounded up to the second (returns 1), or for an untimed attempt the time
 * used so far (returns 0). Both front ends show this.
 */
int session_clock_text(const struct session *s, char out[32]);

/*
 * Record an answer to the current item: complete, or incomplete (fewer
 * options than a multiple-response item asks for, prompts of a matching
 * item left as -1). Returns 0, or -1 if r is not a valid answer for the
 * item's type (too many options, a repeat, nothing matched; the message in
 * *err, static).
 */
int session_answer(struct session *s, const struct response *r, const char **err);
void session_clear(struct session *s);
void session_toggle_flag(struct session *s);

/* Item i's answer judged by answer_judge: none, incomplete, wrong or correct. */
enum answer_status session_item_status(const struct session *s, size_t i);

/* Whether item i's answer is complete and equals the key (else incorrect). */
int session_item_correct(const struct session *s, size_t i);

/*
 * Response r of item it (question q; r in the bank's choice indexes, as
 * session_answer takes it, or the key) in the letters shown, for
 * answer_letters_text. Never fails.
 */
void session_item_letters(const struct session_item *it, const struct question *q,
                          const struct response *r, struct answer_letters *out);

/*
 * Counts for the status line and the end-exam confirmation: items with a
 * complete answer, with an incomplete one, flagged. Unanswered = n minus
 * the first two.
 */
size_t session_count_answered(const struct session *s);
size_t session_count_incomplete(const struct session *s);
size_t session_count_flagged(const struct session *s);

/* End the attempt: stops the clock and stamps finished_at. */
void session_finish(struct session *s, enum session_end how);

/* "submit", "timeout", "end-of-input" (or "none"); static, do not free. */
const char *session_end_name(enum session_end e);

/*
 * Write the attempt to s->save_path atomically (nothing if it is NULL).
 * An ended attempt is saved with its end (ended_by, finished_at): restored,
 * it stays ended, and only its result remains to be written.
 * A directory holding save_path that has vanished is created again (0700).
 * Returns 0 (and clears s->save_error), or -1 and keeps the reason in
 * s->save_error (naming the path); front ends must tell the candidate that
 * progress is not being saved.
 */
int session_autosave(struct session *s);

/*
 * The bank directory a saved attempt at path names (its "bank" member).
 * Returns an allocated path (caller frees), or NULL when the file cannot be
 * read (at most 64 MiB), is not JSON or names no bank: the caller then picks
 * the bank another way and session_restore reports what is wrong.
 */
char *session_saved_bank(const char *path);

/*
 * Load a saved attempt from path for bank b (its fingerprint must match).
 * The resumed session counts one more interruption and does not count the
 * time while certsim was not running. An attempt saved after it ended is
 * restored ended (s->ended set): the caller writes its result and must not
 * reopen it. Returns 0 and *out (free with
 * session_free), or -1 with *err (caller frees).
 */
int session_restore(const struct bank *b, const char *path, const struct clock *clock,
                    struct session **out, char **err);

#endif
