/* The CSV of `history --csv`: one row per attempt, RFC 4180 quoting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/history.h"
#include "certsim/strbuf.h"

/* s as one CSV field: quoted (quotes doubled) when it holds a comma, quote or line break. */
static void
field(struct strbuf *sb, const char *s, int last)
{
	s = s != NULL ? s : "";
	if (strpbrk(s, ",\"\r\n") == NULL) {
		strbuf_puts(sb, s);
	} else {
		strbuf_add(sb, &(char){ '"' }, 1);
		for (; *s; s++) {
			if (*s == '"')
				strbuf_add(sb, &(char){ '"' }, 1);
			strbuf_add(sb, &(char){ *s }, 1);
		}
		strbuf_add(sb, &(char){ '"' }, 1);
	}
	strbuf_add(sb, &(char){ last ? '\n' : ',' }, 1);
}

char *
history_csv(const struct history *h)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "n,finished_at,exam,mode,source,items,correct,scored,percent,scaled,"
	                 "passed,time_used_s,signature,path\n");
	for (size_t a = 0; a < h->n; a++) {
		const struct result_file *r = h->v[a].result;
		char num[64];
		snprintf(num, sizeof num, "%zu", a + 1);
		field(&sb, num, 0);
		field(&sb, h->v[a].finished_at, 0);
		field(&sb, r->exam_code, 0);
		field(&sb, r->mode, 0);
		field(&sb, r->has_quiz ? r->quiz_source : "", 0);
		snprintf(num, sizeof num, "%zu", r->n_items);
		field(&sb, num, 0);
		snprintf(num, sizeof num, "%d", r->score.correct);
		field(&sb, num, 0);
		snprintf(num, sizeof num, "%d", r->score.scored);
		field(&sb, num, 0);
		snprintf(num, sizeof num, "%.1f", r->score.percent);
		field(&sb, num, 0);
		snprintf(num, sizeof num, "%d", r->score.scaled);
		field(&sb, num, 0);
		field(&sb, r->score.passed ? "true" : "false", 0);
		snprintf(num, sizeof num, "%lld", (long long)r->time_used_s);
		field(&sb, num, 0);
		field(&sb, history_sig_name(h->v[a].sig), 0);
		field(&sb, h->v[a].path, 1);
	}
	return strbuf_detach(&sb);
}
