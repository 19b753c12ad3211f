/* Moodle XML format: parse a <quiz> with libxml2 for import, write one for export. */
/*
 * Followed: Moodle Docs "Moodle XML format" (docs.moodle.org/en/Moodle_XML_format)
 * and Moodle's own reader and writer (question/format/xml/format.php:
 * import_headers, import_multichoice, import_truefalse, import_match,
 * import_category, writequestion), and for the ordering question type its
 * plugin (question/type/ordering/questiontype.php import_from_xml and
 * export_to_xml, with the fixtures in question/type/ordering/tests/):
 * <quiz><question type="...">, <category><text>path</text></category>,
 * <name><text>, <questiontext format="html"><text> (CDATA or entities),
 * <answer fraction="100">, <single>, <generalfeedback>, <subquestion> with
 * <answer><text> for matching (an empty subquestion is a distractor),
 * and for ordering the answers in the right order.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/moodle_xml.h"

/* Collects libxml2's errors as "FILE:LINE: error: ...". */
struct xml_errs {
	const char *file;
	struct diag *d;
	int n;
};

static void
on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct xml_errs *x = ctx;
	if (e == NULL || e->level < XML_ERR_ERROR || x->n >= 20)
		return;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	interchange_error(x->d, x->file, e->line > 0 ? e->line : 1, "XML: %s", msg);
	x->n++;
}

static int
named(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *
child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c != NULL; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* The content of n (entities and CDATA resolved), trimmed; "" when n is NULL. NULL on OOM. */
static char *
content(const xmlNode *n)
{
	xmlChar *c = n ? xmlNodeGetContent(n) : NULL;
	const char *s = c ? (const char *)c : "";
	size_t len = strlen(s);
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
	                   s[len - 1] == '\r'))
		len--;
	char *r = strndup(s, len);
	xmlFree(c);
	return r;
}

/* An attribute's value, or dflt; a new string, NULL on OOM. */
static char *
attr(const xmlNode *n, const char *name, const char *dflt)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
	char *r = strdup(v ? (const char *)v : dflt);
	xmlFree(v);
	return r;
}

/*
 * The text of element n (its <text> child) in n's format attribute (or
 * dflt), as plain text: html (and unknown formats, as Moodle assumes) and
 * moodle_auto_format through the HTML converter, others as written.
 * *fmt_out (if not NULL) gets the format used. NULL on OOM.
 */
static char *
field_text(const xmlNode *n, const char *dflt, char **fmt_out)
{
	char *fmt = attr(n, "format", dflt);
	char *raw = content(child(n, "text"));
	char *r = NULL;
	if (fmt == NULL || raw == NULL)
		goto out;
	if (strcmp(fmt, "plain_text") == 0 || strcmp(fmt, "markdown") == 0 ||
	    strcmp(fmt, "wiki_like") == 0) {
		r = raw;
		raw = NULL;
	} else if (strcmp(fmt, "moodle_auto_format") == 0) {
		/* In Moodle's auto-format a line break is a break. */
		struct ix_buf b = { 0 };
		for (const char *s = raw; *s; s++)
			interchange_buf_add(&b, *s == '\n' ? "<br>" : s, *s == '\n' ? 4 : 1);
		interchange_buf_add(&b, "", 0);
		if (!b.oom)
			r = interchange_html_to_text(b.s, b.n);
		free(b.s);
	} else {
		r = interchange_html_to_text(raw, strlen(raw));
	}
out:
	free(raw);
	if (fmt_out != NULL && r != NULL)
		*fmt_out = fmt;
	else
		free(fmt);
	return r;
}

static double
fraction(const xmlNode *answer)
{
	char *f = attr(answer, "fraction", "0");
	double v = f ? strtod(f, NULL) / 100 : 0;
	free(f);
	return v;
}

static int
push_str(char ***v, int *n, char *s)
{
	if (s == NULL)
		return -1;
	char **a = realloc(*v, (size_t)(*n + 1) * sizeof *a);
	if (a == NULL) {
		free(s);
		return -1;
	}
	*v = a;
	a[(*n)++] = s;
	return 0;
}

/* The answers, pairs and type-specific parts of a convertible question. -1 on OOM. */
static int
read_body(const xmlNode *qn, const char *type, const char *qfmt, struct ix_draft *dr)
{
	if (strcmp(type, "multichoice") == 0) {
		char *single = content(child(qn, "single"));
		if (single == NULL)
			return -1;
		/* Moodle's trans_single: "false", "" and "0" are false; no element is true. */
		dr->single =
		    child(qn, "single") == NULL ||
		    !(strcmp(single, "false") == 0 || *single == '\0' || strcmp(single, "0") == 0);
		free(single);
		for (xmlNode *a = qn->children; a; a = a->next)
			if (named(a, "answer") &&
			    interchange_add_answer(dr, field_text(a, qfmt, NULL), fraction(a), 1) <
			        0)
				return -1;
	} else if (strcmp(type, "truefalse") == 0) {
		int first = 1;
		for (xmlNode *a = qn->children; a; a = a->next) {
			if (!named(a, "answer"))
				continue;
			char *t = content(child(a, "text"));
			if (t == NULL)
				return -1;
			int is_true = strcmp(t, "true") == 0 || (strcmp(t, "false") != 0 && first);
			double f = fraction(a);
			/* As Moodle: the last answer read decides. */
			dr->tf_true =
			    is_true ? f > 0.9999 && f < 1.0001 : !(f > 0.9999 && f < 1.0001);
			first = 0;
			free(t);
		}
	} else if (strcmp(type, "ordering") == 0) {
		for (xmlNode *a = qn->children; a; a = a->next)
			if (named(a, "answer") &&
			    interchange_add_answer(dr, field_text(a, qfmt, NULL), 0, 1) < 0)
				return -1;
	} else {
		for (xmlNode *s = qn->children; s; s = s->next) {
			if (!named(s, "subquestion"))
				continue;
			char *q = field_text(s, qfmt, NULL);
			char *a = content(child(child(s, "answer"), "text"));
			if (interchange_add_pair(dr, q, a) < 0)
				return -1;
		}
	}
	xmlNode *tags = child(qn, "tags");
	for (xmlNode *t = tags ? tags->children : NULL; t; t = t->next)
		if (named(t, "tag")) {
			char *s = content(child(t, "text"));
			if (s != NULL && *s == '\0') {
				free(s);
				continue;
			}
			if (push_str(&dr->tags, &dr->n_tags, s) < 0)
				return -1;
		}
	return 0;
}

static const char *
skip_reason(const char *type)
{
	if (strcmp(type, "description") == 0)
		return "it has no answers (a description, not a question)";
	if (strcmp(type, "essay") == 0)
		return "certsim has no essay questions";
	if (strcmp(type, "numerical") == 0)
		return "certsim has no numerical questions";
	if (strcmp(type, "shortanswer") == 0)
		return "certsim has no short-answer questions";
	if (strcmp(type, "cloze") == 0 || strcmp(type, "multianswer") == 0)
		return "certsim has no cloze (embedded answers) questions";
	if (strncmp(type, "calculated", 10) == 0)
		return "certsim has no calculated questions";
	return "certsim cannot convert this question type";
}

/* One <question>. Returns 0, or -1 after an error or on OOM (*oom). */
static int
read_question(const xmlNode *qn, const char *file, char **category, struct ix_set *set,
              struct diag *d, int *oom)
{
	int line = (int)xmlGetLineNo(qn);
	char *type = attr(qn, "type", "");
	if (type == NULL)
		goto oom0;
	if (*type == '\0') {
		interchange_error(d, file, line, "<question> without a type attribute");
		free(type);
		return -1;
	}
	if (strcmp(type, "category") == 0) {
		xmlNode *c = child(qn, "category");
		char *path = child(c, "text") ? content(child(c, "text")) : content(c);
		free(type);
		if (path == NULL)
			goto oom0;
		free(*category);
		*category = path;
		return 0;
	}
	struct ix_draft dr = { .file = file, .line = line }; /* the rest zero */
	char *qfmt = NULL;
	dr.name = content(child(child(qn, "name"), "text"));
	xmlNode *qt = child(qn, "questiontext");
	dr.stem = field_text(qt, "html", &qfmt);
	if (dr.name == NULL || dr.stem == NULL || qfmt == NULL)
		goto oom;
	if (strcmp(type, "match") == 0) {
		free(type);
		type = strdup("matching");
		if (type == NULL)
			goto oom;
	}
	if (strcmp(type, "multichoice") != 0 && strcmp(type, "truefalse") != 0 &&
	    strcmp(type, "matching") != 0 && strcmp(type, "ordering") != 0) {
		interchange_skip(set, d, file, line, type, dr.name, dr.stem, "%s",
		                 skip_reason(type));
		interchange_draft_clear(&dr);
		free(type);
		free(qfmt);
		return 0;
	}
	xmlNode *gf = child(qn, "generalfeedback");
	if (gf != NULL) {
		dr.explanation = field_text(gf, qfmt, NULL);
		if (dr.explanation == NULL)
			goto oom;
	}
	dr.category = *category ? strdup(*category) : NULL;
	if (*category && dr.category == NULL)
		goto oom;
	dr.kind = strcmp(type, "multichoice") == 0 ? "multichoice"
	          : strcmp(type, "truefalse") == 0 ? "truefalse"
	          : strcmp(type, "ordering") == 0  ? "ordering"
	                                           : "matching";
	if (read_body(qn, type, qfmt, &dr) < 0)
		goto oom;
	free(type);
	free(qfmt);
	if (interchange_add_draft(set, &dr, d) < 0) {
		*oom = 1;
		return -1;
	}
	return 0;
oom:
	interchange_draft_clear(&dr);
	free(qfmt);
oom0:
	free(type);
	*oom = 1;
	return -1;
}

int
moodle_xml_parse(const char *file, const char *data, size_t len, struct ix_set *set, struct diag *d)
{
	/* Moodle XML has no DTD; refusing one keeps entity tricks out. */
	for (size_t i = 0; i + 9 <= len; i++)
		if (memcmp(data + i, "<!DOCTYPE", 9) == 0) {
			int line = 1;
			for (size_t k = 0; k < i; k++)
				line += data[k] == '\n';
			interchange_error(d, file, line, "a DOCTYPE is not allowed in Moodle XML");
			return -1;
		}
	if (len > 0x7fffffff) {
		interchange_error(d, file, 1, "file too large");
		return -1;
	}
	struct xml_errs x = { file, d, 0 };
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		interchange_error(d, file, 1, "out of memory");
		return -1;
	}
	xmlSetStructuredErrorFunc(&x, on_xml_error);
	xmlDocPtr doc =
	    xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
	                      XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
	                          XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(ctxt);
	if (doc == NULL || x.n > 0) {
		if (x.n == 0)
			interchange_error(d, file, 1, "not an XML document");
		xmlFreeDoc(doc);
		return -1;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!named(root, "quiz")) {
		interchange_error(d, file, root ? (int)xmlGetLineNo(root) : 1,
		                  "the root element is <%s>; Moodle XML has <quiz>",
		                  root ? (const char *)root->name : "(none)");
		xmlFreeDoc(doc);
		return -1;
	}
	int rc = 0, oom = 0;
	char *category = NULL;
	for (xmlNode *q = root->children; q != NULL && !oom; q = q->next)
		if (named(q, "question") && read_question(q, file, &category, set, d, &oom) < 0)
			rc = -1;
	free(category);
	xmlFreeDoc(doc);
	if (oom) {
		interchange_error(d, file, 1, "out of memory");
		return -1;
	}
	return rc;
}

/* Export: a <text> element, in CDATA when the text has markup characters. */
static void
write_text(xmlTextWriterPtr w, const char *s)
{
	xmlTextWriterStartElement(w, BAD_CAST "text");
	if (strpbrk(s, "<>&") == NULL) {
		xmlTextWriterWriteString(w, BAD_CAST s);
	} else {
		/* "]]>" cannot sit in one CDATA section: split it, as Moodle does. */
		const char *p = s, *e;
		while ((e = strstr(p, "]]>")) != NULL) {
			char *part = strndup(p, (size_t)(e - p) + 2);
			if (part != NULL)
				xmlTextWriterWriteCDATA(w, BAD_CAST part);
			free(part);
			p = e + 2;
		}
		xmlTextWriterWriteCDATA(w, BAD_CAST p);
	}
	xmlTextWriterEndElement(w);
}

/* An element holding one <text>, with a format attribute when fmt is not NULL. */
static void
write_field(xmlTextWriterPtr w, const char *name, const char *fmt, const char *text)
{
	xmlTextWriterStartElement(w, BAD_CAST name);
	if (fmt != NULL)
		xmlTextWriterWriteAttribute(w, BAD_CAST "format", BAD_CAST fmt);
	write_text(w, text);
	xmlTextWriterEndElement(w);
}

static void
write_html_field(xmlTextWriterPtr w, const char *name, const char *text)
{
	struct ix_buf h = { 0 };
	interchange_text_to_html(&h, text);
	write_field(w, name, "html", h.s ? h.s : "");
	free(h.s);
}

static void
write_simple(xmlTextWriterPtr w, const char *name, const char *value)
{
	xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST value);
}

static void
write_answer(xmlTextWriterPtr w, const char *fraction, const char *text)
{
	xmlTextWriterStartElement(w, BAD_CAST "answer");
	xmlTextWriterWriteAttribute(w, BAD_CAST "fraction", BAD_CAST fraction);
	xmlTextWriterWriteAttribute(w, BAD_CAST "format", BAD_CAST "html");
	struct ix_buf h = { 0 };
	interchange_text_to_html(&h, text);
	write_text(w, h.s ? h.s : "");
	free(h.s);
	write_field(w, "feedback", "html", "");
	xmlTextWriterEndElement(w);
}

static void
write_combined_feedback(xmlTextWriterPtr w)
{
	write_field(w, "correctfeedback", "html", "");
	write_field(w, "partiallycorrectfeedback", "html", "");
	write_field(w, "incorrectfeedback", "html", "");
}

static void
write_question(xmlTextWriterPtr w, const struct question *q, const char *stem)
{
	static const char *const qtype[] = { "multichoice", "multichoice", "ordering", "matching" };
	xmlTextWriterStartElement(w, BAD_CAST "question");
	xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST qtype[q->type]);
	xmlTextWriterStartElement(w, BAD_CAST "name");
	write_text(w, q->id);
	xmlTextWriterEndElement(w);
	write_html_field(w, "questiontext", stem);
	write_html_field(w, "generalfeedback", q->explanation ? q->explanation : "");
	write_simple(w, "defaultgrade", "1");
	write_simple(w, "penalty", "0.3333333");
	write_simple(w, "hidden", "0");
	/* Moodle's idnumber holds at most 100 characters. */
	write_simple(w, "idnumber", strlen(q->id) <= 100 ? q->id : "");
	char num[16];
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTIPLE:
		write_simple(w, "single", q->type == Q_SINGLE ? "true" : "false");
		write_simple(w, "shuffleanswers", "true");
		write_simple(w, "answernumbering", "abc");
		write_simple(w, "showstandardinstruction", "0");
		write_combined_feedback(w);
		for (int c = 0; c < q->n_choices; c++)
			write_answer(w,
			             q->type == Q_SINGLE
			                 ? (bank_key_has(q, c) ? "100" : "0")
			                 : (bank_key_has(q, c) ? interchange_share(q->n_key)
			                                       : "-100"),
			             q->choices[c].text);
		break;
	case Q_MATCHING: {
		int used[BANK_MAX_CHOICES] = { 0 };
		write_simple(w, "shuffleanswers", "true");
		write_combined_feedback(w);
		for (int p = 0; p <= q->n_prompts; p++)
			for (int c = 0; c < q->n_choices; c++) {
				/* The prompts first, then each unused option as a distractor. */
				if (p < q->n_prompts ? c != q->key[p] : used[c])
					continue;
				xmlTextWriterStartElement(w, BAD_CAST "subquestion");
				xmlTextWriterWriteAttribute(w, BAD_CAST "format", BAD_CAST "html");
				struct ix_buf h = { 0 };
				if (p < q->n_prompts)
					interchange_text_to_html(&h, q->prompts[p].text);
				write_text(w, h.s ? h.s : "");
				free(h.s);
				xmlTextWriterStartElement(w, BAD_CAST "answer");
				write_text(w, q->choices[c].text);
				xmlTextWriterEndElement(w);
				xmlTextWriterEndElement(w);
				used[c] = 1;
			}
		break;
	}
	case Q_ORDERING:
		snprintf(num, sizeof num, "%d", q->n_choices);
		write_simple(w, "layouttype", "VERTICAL");
		write_simple(w, "selecttype", "ALL");
		write_simple(w, "selectcount", num);
		write_simple(w, "gradingtype", "ALL_OR_NOTHING");
		write_simple(w, "showgrading", "SHOW");
		write_simple(w, "numberingstyle", "none");
		write_combined_feedback(w);
		write_simple(w, "shownumcorrect", "1");
		for (int k = 0; k < q->n_key; k++) {
			snprintf(num, sizeof num, "%d", k + 1);
			write_answer(w, num, q->choices[q->key[k]].text);
		}
		break;
	}
	if (q->n_tags > 0) {
		xmlTextWriterStartElement(w, BAD_CAST "tags");
		for (int t = 0; t < q->n_tags; t++) {
			xmlTextWriterStartElement(w, BAD_CAST "tag");
			write_text(w, q->tags[t]);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

int
moodle_xml_export(const struct bank *b, struct ix_buf *out, struct diag *d, size_t *n_written,
                  size_t *n_skipped)
{
	(void)d;
	*n_written = *n_skipped = 0;
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (w == NULL) {
		xmlBufferFree(buf);
		return -1;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST "quiz");
	char *last = NULL;
	int rc = 0;
	for (size_t i = 0; i < b->n_questions && rc == 0; i++) {
		const struct question *q = &b->questions[i];
		char *cat = interchange_category_of(b, q), *stem = interchange_export_stem(b, q);
		if (cat == NULL || stem == NULL) {
			free(cat);
			free(stem);
			rc = -1;
			break;
		}
		if (last == NULL || strcmp(last, cat) != 0) {
			xmlTextWriterStartElement(w, BAD_CAST "question");
			xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "category");
			xmlTextWriterStartElement(w, BAD_CAST "category");
			write_text(w, cat);
			xmlTextWriterEndElement(w);
			write_field(w, "info", "html", "");
			xmlTextWriterEndElement(w);
			free(last);
			last = cat;
		} else {
			free(cat);
		}
		write_question(w, q, stem);
		free(stem);
		(*n_written)++;
	}
	free(last);
	xmlTextWriterEndElement(w);
	if (xmlTextWriterEndDocument(w) < 0)
		rc = -1;
	xmlFreeTextWriter(w);
	if (rc == 0)
		interchange_buf_add(out, (const char *)xmlBufferContent(buf),
		                    (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	return rc == 0 && !out->oom ? 0 : -1;
}
