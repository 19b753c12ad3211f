/* Escaping text for HTML and XML: entities, control bytes and bad UTF-8. */
#include <stdint.h>
#include <string.h>

#include "certsim/html.h"

#define REPLACEMENT "\xef\xbf\xbd"

/*
 * Length of the valid UTF-8 sequence of a non-ASCII character at s (n bytes
 * left) and its code point in *cp, or 0 when the bytes are not valid UTF-8.
 */
static size_t
utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c, min;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

int
html_escape_n(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	if (s == NULL)
		return sb->failed ? -1 : 0;
	/* Copy runs of harmless bytes at once; stop at anything to rewrite. */
	while (i < n) {
		unsigned char c = p[i];
		const char *rep = NULL;
		size_t adv = 1;
		uint32_t cp;

		if (c == '&')
			rep = "&amp;";
		else if (c == '<')
			rep = "&lt;";
		else if (c == '>')
			rep = "&gt;";
		else if (c == '"')
			rep = "&quot;";
		else if (c == '\'')
			rep = "&#39;";
		else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			rep = REPLACEMENT;
		else if (c >= 0x80) {
			adv = utf8_seq(p + i, n - i, &cp);
			if (adv == 0) {
				adv = 1;
				rep = REPLACEMENT;
			} else if (cp >= 0x80 && cp <= 0x9f) {
				rep = REPLACEMENT;
			}
		}
		if (rep == NULL) {
			i += adv;
			run += adv;
			continue;
		}
		strbuf_add(sb, s + i - run, run);
		strbuf_puts(sb, rep);
		run = 0;
		i += adv;
	}
	strbuf_add(sb, s + i - run, run);
	return sb->failed ? -1 : 0;
}

int
html_escape(struct strbuf *sb, const char *s)
{
	return html_escape_n(sb, s, s != NULL ? strlen(s) : 0);
}

char *
html_escape_str(const char *s)
{
	struct strbuf sb;

	strbuf_init(&sb);
	html_escape(&sb, s);
	return strbuf_detach(&sb);
}
