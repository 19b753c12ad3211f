/* Escaping text for HTML and XML (SVG): text content and attribute values. */
#ifndef CERTSIM_HTML_H
#define CERTSIM_HTML_H

#include <stddef.h>

#include "certsim/strbuf.h"

/*
 * Append s to sb escaped for use as HTML or XML text or as a quoted
 * attribute value (either quote): & < > " ' become &amp; &lt; &gt; &quot;
 * &#39;. Control characters that XML forbids or that would hide text (C0
 * except tab, newline and carriage return; DEL; C1) and byte sequences that
 * are not valid UTF-8 (overlong, surrogates, beyond U+10FFFF, truncated) are
 * each replaced by U+FFFD, so text from a bank or result can never inject
 * markup or produce an ill-formed document. NULL appends nothing.
 * Returns 0, or -1 on out of memory (sb->failed is set).
 */
int html_escape(struct strbuf *sb, const char *s);

/* As html_escape for the first n bytes of s (NUL bytes become U+FFFD). */
int html_escape_n(struct strbuf *sb, const char *s, size_t n);

/*
 * s escaped as by html_escape, in a new string (caller frees); NULL on out
 * of memory. s NULL gives "".
 */
char *html_escape_str(const char *s);

#endif
