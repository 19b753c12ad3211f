/* Moodle's Aiken format: parse single-answer questions for import. */
/*
 * Followed: Moodle Docs "Aiken format" (docs.moodle.org/en/Aiken_format)
 * and Moodle's importer (question/format/aiken/format.php, with its test
 * fixture aiken_errors.txt): a question is one line of text, then options
 * "A) text" or "A. text" (Moodle also takes "A)text" without the space),
 * then "ANSWER: X". Lines shorter than 2 characters are ignored, as Moodle
 * does. Errors as Moodle reports them (an option or ANSWER line outside a
 * question, a question not completed before the next one starts), plus
 * what Moodle would import wrongly: an ANSWER letter that names no option
 * and option letters out of sequence.
 */
#include <stdlib.h>
#include <string.h>

#include "certsim/aiken.h"

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\0';
}

static char *
dup_trim(const char *s, size_t n)
{
	while (n > 0 && is_ws(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_ws(s[n - 1]))
		n--;
	return strndup(s, n);
}

/* The open question, if any. */
struct open_q {
	int open;
	int line;
	struct ix_draft dr;
};

int
aiken_parse(const char *file, const char *data, size_t len, struct ix_set *set, struct diag *d)
{
	if (interchange_check_text(file, data, len, d) < 0)
		return -1;
	size_t pos = interchange_bom(data, len);
	int lineno = 0, rc = 0, oom = 0;
	struct open_q q;
	memset(&q, 0, sizeof q);
	q.dr.file = file;
	while (pos < len && !oom) {
		const char *s = data + pos;
		size_t n = 0;
		while (pos + n < len && s[n] != '\n' && s[n] != '\r')
			n++;
		pos += n;
		if (pos < len && data[pos] == '\r' && pos + 1 < len && data[pos + 1] == '\n')
			pos++;
		pos++;
		lineno++;
		while (n > 0 && is_ws(*s)) {
			s++;
			n--;
		}
		while (n > 0 && is_ws(s[n - 1]))
			n--;
		if (n < 2)
			continue;
		if (s[0] >= 'A' && s[0] <= 'Z' && (s[1] == ')' || s[1] == '.')) {
			if (!q.open) {
				interchange_error(d, file, lineno,
				                  "option %c%c outside a question (the question's "
				                  "line comes first)",
				                  s[0], s[1]);
				rc = -1;
				continue;
			}
			char want = (char)('A' + q.dr.n_answers);
			if (s[0] != want) {
				interchange_error(d, file, lineno,
				                  "option %c out of sequence (expected %c)", s[0],
				                  want);
				rc = -1;
			}
			if (interchange_add_answer(&q.dr, dup_trim(s + 2, n - 2), 0, 0) < 0)
				oom = 1;
			continue;
		}
		if (n >= 7 && memcmp(s, "ANSWER:", 7) == 0) {
			if (!q.open) {
				interchange_error(d, file, lineno,
				                  "ANSWER line outside a question");
				rc = -1;
				continue;
			}
			size_t k = 7;
			while (k < n && is_ws(s[k]))
				k++;
			char letter = k < n ? s[k] : '?';
			int idx = letter - 'A';
			if (q.dr.n_answers >= 2 && (idx < 0 || idx >= q.dr.n_answers)) {
				interchange_error(d, file, lineno,
				                  "ANSWER: %c names no option (options A to %c)",
				                  letter, 'A' + q.dr.n_answers - 1);
				rc = -1;
				interchange_draft_clear(&q.dr);
			} else {
				if (idx >= 0 && idx < q.dr.n_answers)
					q.dr.answers[idx].weight = 1;
				if (interchange_add_draft(set, &q.dr, d) < 0)
					oom = 1;
			}
			q.open = 0;
			continue;
		}
		if (q.open) {
			interchange_error(
			    d, file, q.line,
			    "question not completed: no ANSWER line before the next question "
			    "(line %d)",
			    lineno);
			rc = -1;
			interchange_draft_clear(&q.dr);
		}
		q.open = 1;
		q.line = lineno;
		q.dr.file = file;
		q.dr.line = lineno;
		q.dr.kind = "multichoice";
		q.dr.single = 1;
		q.dr.stem = dup_trim(s, n);
		if (q.dr.stem == NULL)
			oom = 1;
	}
	if (q.open && !oom) {
		interchange_error(d, file, q.line, "question not completed: no ANSWER line");
		rc = -1;
	}
	interchange_draft_clear(&q.dr);
	if (oom) {
		interchange_error(d, file, lineno, "out of memory");
		return -1;
	}
	return rc;
}
