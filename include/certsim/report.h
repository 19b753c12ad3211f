/* The HTML progress report (docs/report.md): plain data in, one self-contained page out. */
#ifndef CERTSIM_REPORT_H
#define CERTSIM_REPORT_H

#include "certsim/strbuf.h"

/* A domain or task of the blueprint: id ("1", "2.3") and name. */
struct report_named {
	const char *id;
	const char *name;
};

/* Correct of total items of one domain or task in one attempt (total 0: none). */
struct report_part {
	int correct, total;
};

/* One item of an attempt, for pacing. */
struct report_item {
	const char *id;
	const char *task; /* task id, may be NULL */
	double seconds;
	int correct;
};

/*
 * One finished attempt, as its result file has it. The page uses, for
 * exams: all fields (items only for the slowest questions; n_items for
 * seconds per question); for quizzes and study: mode, finished_at,
 * correct, scored and tasks. Domain and task arrays are indexed like the
 * blueprint's lists in report_data (items of ids the blueprint no longer
 * has are simply left out by the caller).
 */
struct report_attempt {
	const char *mode;        /* "exam", "quiz", "study" */
	const char *finished_at; /* ISO 8601 UTC ("2026-11-25T18:02:11Z") */
	int scaled, passed;
	int correct, scored;
	const struct report_part *domains; /* n_domains, as report_data.domains; may be NULL */
	const struct report_part *tasks;   /* n_tasks, as report_data.tasks; may be NULL */
	long time_used_s, time_limit_s;    /* time_limit_s 0: untimed */
	const struct report_item *items;   /* the items shown, in order; may be NULL */
	int n_items;
};

/* Readiness as history computes it (docs/record.md, "Readiness counts fair exams only"). */
struct report_readiness {
	int ready;
	int counted;        /* exams that counted */
	const char *reason; /* why (not) ready, one sentence; may be NULL */
};

/* The forecast of docs/scoring.md, "Forecast"; available 0 means not yet (reason says why). */
struct report_forecast {
	int available;
	int based_on;            /* first-time answers */
	double pass_probability; /* 0..1 */
	int p10, p50, p90;
	const char *reason;
};

/* Study status (docs/study.md, "The schedule": study --schedule's summary). */
struct report_study {
	int seen, new_items, due_now, due_week;
};

/*
 * Everything the report shows, filled by the command from the result files.
 * The renderer only reads it; all strings may hold anything a bank or a
 * result file holds (they are escaped), and NULL strings show as empty.
 */
struct report_data {
	const char *exam_code, *exam_title;
	int score_min, pass_mark, score_max; /* 100, 720, 1000 */
	double cut;                          /* 0.72 */
	int questions, duration_minutes;     /* the blueprint: 65, 130 */
	const struct report_named *domains;
	int n_domains;
	const struct report_named *tasks;
	int n_tasks;
	const struct report_attempt *exams; /* mode exam, oldest first */
	int n_exams;
	const struct report_attempt *practice; /* quizzes and study, oldest first */
	int n_practice;
	struct report_readiness readiness;
	const struct report_forecast *forecast; /* NULL: not available yet */
	const struct report_study *study;       /* NULL: not available yet */
	const char *generated_at;               /* shown in the header; may be NULL */
	const char *version;                    /* certsim's version; may be NULL */
};

/* The heat map and the weakest tasks look at this many latest attempts. */
#define REPORT_RECENT 24
/* A task needs this many answers in those attempts to be called weak. */
#define REPORT_MIN_ANSWERS 4
/* How many slowest questions of the last exam are listed. */
#define REPORT_SLOWEST 5

enum report_advice_kind {
	REPORT_ADVICE_START, /* no exam yet: take one */
	REPORT_ADVICE_TASK,  /* a task below the cut */
	REPORT_ADVICE_DUE,   /* questions due for review */
	REPORT_ADVICE_PACE,  /* the last exam was too slow or ran out of time */
	REPORT_ADVICE_READY, /* readiness: ready, or what is missing */
};

/* One line of "what to do next": plain text (not escaped) and a command. */
struct report_advice {
	enum report_advice_kind kind;
	int task;     /* REPORT_ADVICE_TASK: index in report_data.tasks; else -1 */
	double value; /* TASK: percent; DUE: items; PACE: seconds per item */
	char text[320];
	char command[64]; /* e.g. "certsim quiz --task 1.3"; may be "" */
};

/*
 * Per task over the latest REPORT_RECENT attempts (exams and practice
 * together): correct and total answers into recent[0..n_tasks-1]. Returns
 * how many attempts were looked at.
 */
int report_task_totals(const struct report_data *d, struct report_part *recent);

/*
 * The weakest tasks: indexes of tasks with at least REPORT_MIN_ANSWERS
 * answers in the latest attempts and a percent below the cut, lowest percent
 * first (ties: fewer correct, then blueprint order), at most max of them,
 * into idx. Returns how many.
 */
int report_weakest(const struct report_data *d, int *idx, int max);

/*
 * Seconds per item of an exam (time used / items shown; 0 with no items)
 * and the blueprint's pace (duration / questions, 120 s for MLA-C01; 0
 * when the blueprint has none).
 */
double report_seconds_per_item(const struct report_attempt *a);
double report_pace(const struct report_data *d);

/*
 * "What to do next", derived from the numbers, most useful first: with no
 * exam yet, take one; the weakest tasks (report_weakest, at most 3); study
 * items due now; pacing (the last exam above the pace, or out of time); and
 * readiness last. Fills at most max entries of out; returns how many. Bad
 * input (d NULL, max < 1) gives 0.
 */
int report_advice(const struct report_data *d, struct report_advice *out, int max);

/*
 * Append the whole report to out: one HTML document with inline CSS and
 * SVG, no script and nothing loaded from elsewhere, light and dark
 * (prefers-color-scheme), A4 print styles, readable at 360 px wide. Every
 * chart has a <title> and <desc> and is followed by a table of the same
 * numbers. An empty record renders a page that says how to start. Returns
 * 0, or -1 when out of memory (out->failed) or d is NULL.
 */
int report_render(const struct report_data *d, struct strbuf *out);

/*
 * Render the report and write it to path atomically (fsutil_write_atomic),
 * mode 0600: the record is the learner's own. Returns 0, or -1 with *err
 * (caller frees) naming the path and the reason, or saying out of memory;
 * path is then left as it was.
 */
int report_write(const struct report_data *d, const char *path, char **err);

#endif
