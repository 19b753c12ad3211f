/* Moodle's GIFT format: parse questions for import, write a bank for export. */
/*
 * Followed: Moodle Docs "GIFT format" (docs.moodle.org/en/GIFT_format) and
 * what Moodle's own importer accepts (question/format/gift/format.php,
 * qformat_gift::readquestion and readquestions in question/format.php):
 * questions are separated by blank lines; lines starting with // are
 * comments; $CATEGORY: path; ::name::; [html]/[moodle]/[plain]/[markdown]
 * text formats; {...} answers: = right, ~ wrong, ~%50% weights, # feedback,
 * #### general feedback, -> matching, T/TRUE/F/FALSE; a text after the
 * answers makes a missing-word question (the answers become "_____");
 * escapes \~ \= \# \{ \} \: \\ and \n. Stricter than Moodle where Moodle
 * silently guesses: text before the first answer, a name not closed, a
 * second answer block and a $CATEGORY line sharing its block are errors.
 */
#include <stdlib.h>
#include <string.h>

#include "certsim/gift.h"

/* A block's text after the escapes: each char, whether it was escaped, and its line. */
struct gtext {
	char *c;
	unsigned char *lit;
	int *line;
	size_t n;
};

static void
gtext_free(struct gtext *g)
{
	free(g->c);
	free(g->lit);
	free(g->line);
	memset(g, 0, sizeof *g);
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\0';
}

/* Is position i the unescaped character ch? */
static int
at(const struct gtext *g, size_t i, char ch)
{
	return i < g->n && g->c[i] == ch && !g->lit[i];
}

/* The first unescaped ch in [from, to), or to. */
static size_t
find(const struct gtext *g, size_t from, size_t to, char ch)
{
	for (size_t i = from; i < to; i++)
		if (at(g, i, ch))
			return i;
	return to;
}

/* The first unescaped two-char sequence ab in [from, to), or to. */
static size_t
find2(const struct gtext *g, size_t from, size_t to, char a, char b)
{
	for (size_t i = from; i + 1 < to; i++)
		if (at(g, i, a) && at(g, i + 1, b))
			return i;
	return to;
}

/* Narrow [*from, *to) by white space at both ends. */
static void
trim(const struct gtext *g, size_t *from, size_t *to)
{
	while (*from < *to && is_ws(g->c[*from]) && !g->lit[*from])
		(*from)++;
	while (*to > *from && is_ws(g->c[*to - 1]) && !g->lit[*to - 1])
		(*to)--;
}

/* The line of position i (the last line when i is at the end). */
static int
line_at(const struct gtext *g, size_t i)
{
	if (g->n == 0)
		return 1;
	return g->line[i < g->n ? i : g->n - 1];
}

enum gformat { F_MOODLE, F_HTML, F_PLAIN, F_MARKDOWN };

/* The text of [from, to): trimmed, unescaped, HTML converted to text when fmt is html. */
static char *
text_of(const struct gtext *g, size_t from, size_t to, enum gformat fmt)
{
	trim(g, &from, &to);
	char *s = malloc(to - from + 1);
	if (s == NULL)
		return NULL;
	memcpy(s, g->c + from, to - from);
	s[to - from] = '\0';
	if (fmt == F_HTML) {
		char *t = interchange_html_to_text(s, to - from);
		free(s);
		return t;
	}
	return s;
}

/* A leading [format] in [*from, to): the format, and *from moved past it. */
static enum gformat
take_format(const struct gtext *g, size_t *from, size_t to, enum gformat dflt)
{
	static const char *const names[] = { "moodle", "html", "plain", "markdown" };
	size_t f = *from, t = to;
	trim(g, &f, &t);
	if (!at(g, f, '['))
		return dflt;
	size_t end = find(g, f, t, ']');
	if (end == t)
		return dflt;
	for (int i = 0; i < 4; i++)
		if (end - f - 1 == strlen(names[i]) &&
		    memcmp(g->c + f + 1, names[i], end - f - 1) == 0) {
			*from = end + 1;
			return (enum gformat)i;
		}
	return dflt;
}

/* The weight of an answer that starts with %N% (Moodle's regex ^%-*[0-9]{1,2}\.?[0-9]*%). */
static int
take_weight(const struct gtext *g, size_t *from, size_t to, double *w)
{
	size_t i = *from;
	if (!at(g, i, '%'))
		return 0;
	i++;
	int neg = 0;
	while (i < to && g->c[i] == '-') {
		neg = 1;
		i++;
	}
	size_t d0 = i;
	while (i < to && i - d0 < 2 && g->c[i] >= '0' && g->c[i] <= '9')
		i++;
	if (i == d0)
		return 0;
	double v = 0;
	for (size_t k = d0; k < i; k++)
		v = v * 10 + (g->c[k] - '0');
	if (i < to && g->c[i] == '.')
		i++;
	double scale = 0.1;
	/* Moodle's regex reads more digits after the optional dot (so %100% is 100). */
	int dot = i > 0 && g->c[i - 1] == '.';
	while (i < to && g->c[i] >= '0' && g->c[i] <= '9') {
		if (dot) {
			v += (g->c[i] - '0') * scale;
			scale /= 10;
		} else {
			v = v * 10 + (g->c[i] - '0');
		}
		i++;
	}
	if (!at(g, i, '%'))
		return 0;
	*w = (neg ? -v : v) / 100;
	*from = i + 1;
	return 1;
}

/* The multichoice answers of [from, to): -1 on a syntax error or out of memory. */
static int
parse_multichoice(const struct gtext *g, size_t from, size_t to, enum gformat fmt,
                  struct ix_draft *dr, struct diag *d, int *oom)
{
	size_t i = from;
	while (i < to && !at(g, i, '~') && !at(g, i, '='))
		i++;
	size_t f0 = from, t0 = i;
	trim(g, &f0, &t0);
	if (f0 < t0) {
		interchange_error(d, dr->file, line_at(g, f0),
		                  "text before the first answer: each answer starts with = or ~");
		return -1;
	}
	while (i < to) {
		int right = at(g, i, '=');
		size_t s = ++i;
		while (i < to && !at(g, i, '~') && !at(g, i, '='))
			i++;
		size_t e = i;
		trim(g, &s, &e);
		double w = right ? 1 : 0;
		if (!right)
			take_weight(g, &s, e, &w);
		size_t hash = find(g, s, e, '#');
		size_t ts = s;
		enum gformat af = take_format(g, &ts, hash, fmt);
		if (interchange_add_answer(dr, text_of(g, ts, hash, af), w, 1) < 0) {
			*oom = 1;
			return -1;
		}
	}
	return 0;
}

static int
parse_matching(const struct gtext *g, size_t from, size_t to, enum gformat fmt, struct ix_draft *dr,
               struct diag *d, int *oom)
{
	size_t i = find(g, from, to, '=');
	size_t f0 = from, t0 = i;
	trim(g, &f0, &t0);
	if (f0 < t0) {
		interchange_error(d, dr->file, line_at(g, f0),
		                  "text before the first pair: each pair starts with =");
		return -1;
	}
	while (i < to) {
		size_t s = ++i;
		i = find(g, s, to, '=');
		size_t arrow = find2(g, s, i, '-', '>');
		if (arrow == i) {
			interchange_error(d, dr->file, line_at(g, s),
			                  "a matching pair needs the form =prompt -> answer");
			return -1;
		}
		size_t ps = s;
		enum gformat pf = take_format(g, &ps, arrow, fmt);
		if (interchange_add_pair(dr, text_of(g, ps, arrow, pf),
		                         text_of(g, arrow + 2, i, F_PLAIN)) < 0) {
			*oom = 1;
			return -1;
		}
	}
	return 0;
}

/* Is [from, to) exactly the word w (unescaped)? */
static int
word_is(const struct gtext *g, size_t from, size_t to, const char *w)
{
	trim(g, &from, &to);
	size_t n = strlen(w);
	if (to - from != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!at(g, from + i, w[i]))
			return 0;
	return 1;
}

/*
 * One question block (the text after comments and escapes). *category is
 * the category in effect (updated by a $CATEGORY block). Returns 0, or -1
 * after a syntax error or on out of memory (*oom).
 */
static int
parse_block(const struct gtext *g, const char *file, char **category, struct ix_set *set,
            struct diag *d, int *oom)
{
	size_t from = 0, to = g->n;
	trim(g, &from, &to);
	if (from == to)
		return 0;
	int line = line_at(g, from);
	static const char cat[] = "$CATEGORY:";
	if (to - from >= 10 && memcmp(g->c + from, cat, 10) == 0 && !g->lit[from + 9]) {
		size_t eol = from + 10;
		while (eol < to && !(g->c[eol] == '\n' && !g->lit[eol]))
			eol++;
		size_t rest = eol, rt = to;
		trim(g, &rest, &rt);
		if (rest < rt) {
			interchange_error(d, file, line_at(g, rest),
			                  "a $CATEGORY line must be followed by a blank line");
			return -1;
		}
		char *c = text_of(g, from + 10, eol, F_PLAIN);
		if (c == NULL) {
			*oom = 1;
			return -1;
		}
		free(*category);
		*category = c;
		return 0;
	}

	struct ix_draft dr = { .file = file, .line = line }; /* the rest zero */
	if (at(g, from, ':') && at(g, from + 1, ':')) {
		size_t end = find2(g, from + 2, to, ':', ':');
		if (end == to) {
			interchange_error(d, file, line, "the question name is not closed with ::");
			return -1;
		}
		dr.name = text_of(g, from + 2, end, F_PLAIN);
		if (dr.name == NULL)
			goto oom;
		from = end + 2;
		trim(g, &from, &to);
	}

	size_t open = find(g, from, to, '{'), close = find(g, from, to, '}');
	if (open == to && close == to) {
		char *t = text_of(g, from, to, F_PLAIN);
		interchange_skip(set, d, file, line, "description", dr.name, t,
		                 "it has no answers (a description, not a question)");
		free(t);
		interchange_draft_clear(&dr);
		return 0;
	}
	int bad = 0;
	if (open == to) {
		interchange_error(d, file, line_at(g, close),
		                  "'}' without '{' (write \\} for a brace)");
		bad = 1;
	} else if (close == to) {
		interchange_error(d, file, line_at(g, open), "'{' not closed with '}'");
		bad = 1;
	} else if (close < open) {
		interchange_error(d, file, line_at(g, close),
		                  "'}' before '{' (write \\} for a brace)");
		bad = 1;
	} else if (find(g, open + 1, close, '{') < close) {
		interchange_error(d, file, line_at(g, find(g, open + 1, close, '{')),
		                  "'{' inside the answers (write \\{ for a brace)");
		bad = 1;
	} else if (find(g, close + 1, to, '{') < to || find(g, close + 1, to, '}') < to) {
		size_t e = find(g, close + 1, to, '{');
		if (e == to)
			e = find(g, close + 1, to, '}');
		interchange_error(
		    d, file, line_at(g, e),
		    "a second answer block: a question has one {...} (write \\{ \\} for braces)");
		bad = 1;
	}
	if (bad) {
		interchange_draft_clear(&dr);
		return -1;
	}

	/* The question text: the answers removed, or "_____" in a missing-word question. */
	size_t qs = from;
	enum gformat fmt = take_format(g, &qs, open, F_MOODLE);
	struct ix_buf stem = { 0 };
	size_t sf = qs, st = open;
	if (close + 1 < to) {
		interchange_buf_add(&stem, g->c + qs, open - qs);
		interchange_buf_puts(&stem, "_____");
		interchange_buf_add(&stem, g->c + close + 1, to - close - 1);
	} else {
		trim(g, &sf, &st);
		interchange_buf_add(&stem, g->c + sf, st - sf);
	}
	interchange_buf_add(&stem, "", 0);
	if (stem.oom) {
		free(stem.s);
		goto oom;
	}
	/* Trim (the text was built from escaped characters, so trim plain white space). */
	size_t a = 0, z = stem.n;
	while (a < z && is_ws(stem.s[a]))
		a++;
	while (z > a && is_ws(stem.s[z - 1]))
		z--;
	memmove(stem.s, stem.s + a, z - a);
	stem.s[z - a] = '\0';
	stem.n = z - a;
	if (fmt == F_HTML) {
		dr.stem = interchange_html_to_text(stem.s, stem.n);
		free(stem.s);
		if (dr.stem == NULL)
			goto oom;
	} else {
		dr.stem = stem.s;
	}
	dr.category = *category ? strdup(*category) : NULL;
	if (*category && dr.category == NULL)
		goto oom;

	size_t as = open + 1, ae = close;
	trim(g, &as, &ae);
	/* General feedback: after the last ####. */
	for (size_t i = ae; i >= as + 4 && i > 0; i--) {
		size_t k = i - 4;
		if (at(g, k, '#') && at(g, k + 1, '#') && at(g, k + 2, '#') && at(g, k + 3, '#')) {
			size_t fs = k + 4;
			enum gformat ff = take_format(g, &fs, ae, fmt);
			dr.explanation = text_of(g, fs, ae, ff);
			if (dr.explanation == NULL)
				goto oom;
			ae = k;
			trim(g, &as, &ae);
			break;
		}
	}

	if (as == ae) {
		interchange_skip(set, d, file, line, "essay", dr.name, dr.stem,
		                 "certsim has no essay questions");
	} else if (at(g, as, '#')) {
		interchange_skip(set, d, file, line, "numerical", dr.name, dr.stem,
		                 "certsim has no numerical questions");
	} else if (find(g, as, ae, '~') < ae) {
		dr.kind = "multichoice";
		dr.single = find(g, as, ae, '=') < ae;
		if (parse_multichoice(g, as, ae, fmt, &dr, d, oom) < 0)
			goto fail;
		return interchange_add_draft(set, &dr, d) < 0 ? (*oom = 1, -1) : 0;
	} else if (find(g, as, ae, '=') < ae && find2(g, as, ae, '-', '>') < ae) {
		dr.kind = "matching";
		if (parse_matching(g, as, ae, fmt, &dr, d, oom) < 0)
			goto fail;
		return interchange_add_draft(set, &dr, d) < 0 ? (*oom = 1, -1) : 0;
	} else {
		size_t hash = find(g, as, ae, '#');
		if (word_is(g, as, hash, "T") || word_is(g, as, hash, "TRUE") ||
		    word_is(g, as, hash, "F") || word_is(g, as, hash, "FALSE")) {
			dr.kind = "truefalse";
			dr.tf_true = word_is(g, as, hash, "T") || word_is(g, as, hash, "TRUE");
			return interchange_add_draft(set, &dr, d) < 0 ? (*oom = 1, -1) : 0;
		}
		interchange_skip(set, d, file, line, "shortanswer", dr.name, dr.stem,
		                 "certsim has no short-answer questions");
	}
	interchange_draft_clear(&dr);
	return 0;
oom:
	*oom = 1;
fail:
	interchange_draft_clear(&dr);
	return -1;
}

/* Build the escaped text of a block from its lines (comments blanked, as Moodle does). */
static int
build_block(struct gtext *g, const char *const *lines, const size_t *lens, const int *nums,
            size_t nl)
{
	size_t total = 0;
	for (size_t i = 0; i < nl; i++)
		total += lens[i] + 1;
	g->c = malloc(total + 1);
	g->lit = malloc(total + 1);
	g->line = malloc((total + 1) * sizeof *g->line);
	g->n = 0;
	if (g->c == NULL || g->lit == NULL || g->line == NULL)
		return -1;
	for (size_t i = 0; i < nl; i++) {
		const char *s = lines[i];
		size_t n = lens[i];
		if (i > 0) {
			g->c[g->n] = '\n';
			g->lit[g->n] = 0;
			g->line[g->n++] = nums[i];
		}
		if (n >= 2 && s[0] == '/' && s[1] == '/') {
			g->c[g->n] = ' ';
			g->lit[g->n] = 0;
			g->line[g->n++] = nums[i];
			continue;
		}
		for (size_t k = 0; k < n; k++) {
			char c = s[k];
			int lit = 0;
			if (c == '\\' && k + 1 < n) {
				char e = s[k + 1];
				if (e == '\\' || e == ':' || e == '#' || e == '=' || e == '{' ||
				    e == '}' || e == '~') {
					c = e;
					lit = 1;
					k++;
				} else if (e == 'n') {
					c = '\n';
					lit = 1;
					k++;
				}
			}
			g->c[g->n] = c;
			g->lit[g->n] = (unsigned char)lit;
			g->line[g->n++] = nums[i];
		}
	}
	return 0;
}

int
gift_parse(const char *file, const char *data, size_t len, struct ix_set *set, struct diag *d)
{
	if (interchange_check_text(file, data, len, d) < 0)
		return -1;
	size_t pos = interchange_bom(data, len);
	const char **lines = NULL;
	size_t *lens = NULL, nl = 0, cap = 0;
	int *nums = NULL, lineno = 0, rc = 0, oom = 0;
	char *category = NULL;
	for (;;) {
		int end = pos >= len;
		const char *s = data + pos;
		size_t n = 0;
		if (!end) {
			while (pos + n < len && s[n] != '\n' && s[n] != '\r')
				n++;
			pos += n;
			if (pos < len && data[pos] == '\r' && pos + 1 < len &&
			    data[pos + 1] == '\n')
				pos++;
			pos++;
			lineno++;
		}
		/* Moodle trims every line. */
		while (n > 0 && is_ws(s[0])) {
			s++;
			n--;
		}
		while (n > 0 && is_ws(s[n - 1]))
			n--;
		if (end || n == 0) {
			if (nl > 0) {
				struct gtext g;
				memset(&g, 0, sizeof g);
				if (build_block(&g, lines, lens, nums, nl) < 0)
					oom = 1;
				else if (parse_block(&g, file, &category, set, d, &oom) < 0)
					rc = -1;
				gtext_free(&g);
				nl = 0;
				if (oom)
					break;
			}
			if (end)
				break;
			continue;
		}
		if (nl == cap) {
			cap = cap ? cap * 2 : 32;
			const char **a = realloc(lines, cap * sizeof *a);
			if (a != NULL)
				lines = a;
			size_t *b = realloc(lens, cap * sizeof *b);
			if (b != NULL)
				lens = b;
			int *c = realloc(nums, cap * sizeof *c);
			if (c != NULL)
				nums = c;
			if (a == NULL || b == NULL || c == NULL) {
				oom = 1;
				break;
			}
		}
		lines[nl] = s;
		lens[nl] = n;
		nums[nl++] = lineno;
	}
	free(lines);
	free(lens);
	free(nums);
	free(category);
	if (oom) {
		interchange_error(d, file, lineno, "out of memory");
		return -1;
	}
	return rc;
}

void
gift_escape(struct ix_buf *b, const char *text)
{
	for (const char *s = text; *s; s++) {
		switch (*s) {
		case '\\':
		case '~':
		case '=':
		case '#':
		case '{':
		case '}':
		case ':':
			interchange_buf_add(b, "\\", 1);
			interchange_buf_add(b, s, 1);
			break;
		case '\n':
			interchange_buf_puts(b, "\\n");
			break;
		case '\r':
			break;
		default:
			interchange_buf_add(b, s, 1);
		}
	}
}

static void
warn_skip(struct diag *d, const struct bank *b, const struct question *q, const char *why)
{
	char where[512];
	snprintf(where, sizeof where, "%s: question \"%s\"", b->files[q->file], q->id);
	diag_add(d, DIAG_WARNING, where, "skipped %s question: %s", bank_type_name(q->type), why);
}

int
gift_export(const struct bank *b, struct ix_buf *out, struct diag *d, size_t *n_written,
            size_t *n_skipped)
{
	char *last_cat = NULL;
	*n_written = *n_skipped = 0;
	interchange_buf_printf(out,
	                       "// %s: %s\n// Exported by certsim from a bank of %zu questions.\n",
	                       b->bp.code, b->bp.title, b->n_questions);
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct question *q = &b->questions[i];
		if (q->type == Q_ORDERING) {
			warn_skip(d, b, q, "GIFT has no ordering questions (use --to moodle-xml)");
			(*n_skipped)++;
			continue;
		}
		int arrow = 0;
		for (int p = 0; q->type == Q_MATCHING && p < q->n_prompts; p++)
			if (strstr(q->prompts[p].text, "->") != NULL)
				arrow = 1;
		if (arrow) {
			warn_skip(d, b, q, "a prompt contains \"->\", which GIFT cannot escape");
			(*n_skipped)++;
			continue;
		}
		char *cat = interchange_category_of(b, q), *stem = interchange_export_stem(b, q);
		if (cat == NULL || stem == NULL) {
			free(cat);
			free(stem);
			free(last_cat);
			return -1;
		}
		if (last_cat == NULL || strcmp(cat, last_cat) != 0) {
			interchange_buf_puts(out, "\n$CATEGORY: ");
			interchange_buf_puts(out, cat);
			interchange_buf_puts(out, "\n");
			free(last_cat);
			last_cat = cat;
		} else {
			free(cat);
		}
		interchange_buf_printf(out, "\n// question: %s\n::", q->id);
		gift_escape(out, q->id);
		interchange_buf_puts(out, "::[plain]");
		gift_escape(out, stem);
		free(stem);
		interchange_buf_puts(out, "{\n");
		if (q->type == Q_MATCHING) {
			int used[BANK_MAX_CHOICES] = { 0 };
			for (int p = 0; p < q->n_prompts; p++) {
				interchange_buf_puts(out, "\t=");
				gift_escape(out, q->prompts[p].text);
				interchange_buf_puts(out, " -> ");
				gift_escape(out, q->choices[q->key[p]].text);
				interchange_buf_puts(out, "\n");
				used[q->key[p]] = 1;
			}
			for (int c = 0; c < q->n_choices; c++)
				if (!used[c]) {
					interchange_buf_puts(out, "\t= -> ");
					gift_escape(out, q->choices[c].text);
					interchange_buf_puts(out, "\n");
				}
		} else {
			for (int c = 0; c < q->n_choices; c++) {
				if (q->type == Q_SINGLE)
					interchange_buf_puts(out,
					                     bank_key_has(q, c) ? "\t=" : "\t~");
				else if (bank_key_has(q, c))
					interchange_buf_printf(out, "\t~%%%s%%",
					                       interchange_share(q->n_key));
				else
					interchange_buf_puts(out, "\t~%-100%");
				gift_escape(out, q->choices[c].text);
				interchange_buf_puts(out, "\n");
			}
		}
		if (q->explanation != NULL) {
			interchange_buf_puts(out, "\t####");
			gift_escape(out, q->explanation);
			interchange_buf_puts(out, "\n");
		}
		interchange_buf_puts(out, "}\n");
		(*n_written)++;
	}
	free(last_cat);
	return out->oom ? -1 : 0;
}
