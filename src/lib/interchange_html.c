/* Bank interchange: HTML to plain text (a libxml2 tree walk) and plain text to HTML. */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/interchange.h"

/* HTML to text: the tree walk. */
struct h2t {
	struct ix_buf out;
	int space;  /* a space is pending (collapsed white space) */
	int breaks; /* pending line breaks before the next text (max 2) */
};

static int
is_block(const char *n)
{
	static const char *const blocks[] = { "p",      "div",        "h1",  "h2",      "h3",
		                              "h4",     "h5",         "h6",  "ul",      "ol",
		                              "table",  "blockquote", "pre", "section", "article",
		                              "header", "footer",     "dl",  "figure",  "hr",
		                              NULL };
	for (int i = 0; blocks[i]; i++)
		if (strcmp(n, blocks[i]) == 0)
			return 1;
	return 0;
}

static void
h2t_break(struct h2t *h, int n)
{
	if (h->out.n == 0)
		return;
	if (h->breaks < n)
		h->breaks = n;
	h->space = 0;
}

static void
h2t_text(struct h2t *h, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
		/* U+00A0 no-break space, as a plain space. */
		if (c == 0xC2 && (unsigned char)s[1] == 0xA0) {
			ws = 1;
			s++;
		}
		if (ws) {
			if (h->out.n > 0 && h->breaks == 0)
				h->space = 1;
			continue;
		}
		if (h->breaks > 0) {
			interchange_buf_add(&h->out, "\n\n", (size_t)h->breaks);
			h->breaks = 0;
		} else if (h->space) {
			interchange_buf_add(&h->out, " ", 1);
		}
		h->space = 0;
		interchange_buf_add(&h->out, s, 1);
	}
}

static void
h2t_walk(struct h2t *h, xmlNode *n, int depth)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				h2t_text(h, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
		    strcmp(name, "head") == 0)
			continue;
		if (strcmp(name, "br") == 0) {
			/* A hard break: kept even at the start. */
			interchange_buf_add(&h->out, "\n", 1);
			h->space = 0;
			h->breaks = 0;
			continue;
		}
		if (strcmp(name, "img") == 0) {
			xmlChar *alt = xmlGetProp(n, (const xmlChar *)"alt");
			h2t_text(h, "[image");
			if (alt != NULL && *alt) {
				h2t_text(h, ": ");
				h2t_text(h, (const char *)alt);
			}
			h2t_text(h, "]");
			xmlFree(alt);
			continue;
		}
		int block = is_block(name),
		    line = strcmp(name, "li") == 0 || strcmp(name, "tr") == 0 ||
		           strcmp(name, "dt") == 0 || strcmp(name, "dd") == 0;
		if (block)
			h2t_break(h, 2);
		else if (line)
			h2t_break(h, 1);
		else if ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0) && h->out.n > 0)
			h->space = 1;
		if (strcmp(name, "li") == 0)
			h2t_text(h, "- ");
		if (depth < 200)
			h2t_walk(h, n->children, depth + 1);
		if (block)
			h2t_break(h, 2);
		else if (line)
			h2t_break(h, 1);
	}
}

char *
interchange_html_to_text(const char *html, size_t len)
{
	struct h2t h;
	memset(&h, 0, sizeof h);
	if (len > (size_t)0x7fffffff)
		len = 0x7fffffff;
	/* A wrapper element, so that a fragment's leading text stays in the body. */
	struct ix_buf in = { 0 };
	interchange_buf_puts(&in, "<html><body><div>");
	interchange_buf_add(&in, html, len);
	interchange_buf_puts(&in, "</div></body></html>");
	if (in.oom)
		goto oom;
	htmlDocPtr doc = htmlReadMemory(in.s, (int)in.n, NULL, "UTF-8",
	                                HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                    HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	free(in.s);
	if (doc != NULL) {
		h2t_walk(&h, xmlDocGetRootElement(doc), 0);
		xmlFreeDoc(doc);
	}
	interchange_buf_add(&h.out, "", 0);
	if (h.out.oom)
		goto oom;
	if (h.out.s == NULL)
		return strdup("");
	/* Trim trailing white space and line breaks. */
	while (h.out.n > 0 && (h.out.s[h.out.n - 1] == '\n' || h.out.s[h.out.n - 1] == ' '))
		h.out.s[--h.out.n] = '\0';
	return h.out.s;
oom:
	free(in.s);
	free(h.out.s);
	return NULL;
}

void
interchange_text_to_html(struct ix_buf *b, const char *text)
{
	for (const char *s = text; *s; s++) {
		switch (*s) {
		case '&':
			interchange_buf_puts(b, "&amp;");
			break;
		case '<':
			interchange_buf_puts(b, "&lt;");
			break;
		case '>':
			interchange_buf_puts(b, "&gt;");
			break;
		case '"':
			interchange_buf_puts(b, "&quot;");
			break;
		case '\n':
			interchange_buf_puts(b, "<br>");
			break;
		case '\r':
			break;
		default:
			interchange_buf_add(b, s, 1);
		}
	}
}
