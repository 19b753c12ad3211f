/*
 * libFuzzer target for the HTML report: the input's first bytes are the
 * numbers of a small record (counts, times, cut, probability; negative and
 * inconsistent ones too) and the rest, split at newlines, its strings (exam,
 * domain and task names and ids, question ids, the readiness reason). Every
 * html_escape output must hold no markup character, no control byte and only
 * valid UTF-8; every rendered page must carry no '<' but its own tags.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/html.h"
#include "certsim/report.h"
#include "certsim/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_NUM 40
#define N_STR 16

/* Abort unless s (n bytes) is what html_escape may produce. */
static void
check_escaped(const unsigned char *s, size_t n)
{
	static const char *const ent[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };

	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t len = 1;

		if (c == '<' || c == '>' || c == '"' || c == '\'' || c == 0x7f ||
		    (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
			abort();
		if (c == '&') {
			size_t k;

			for (k = 0; k < 5; k++)
				if (strncmp((const char *)s + i, ent[k], strlen(ent[k])) == 0)
					break;
			if (k == 5)
				abort();
			i += strlen(ent[k]);
			continue;
		}
		if (c >= 0x80) {
			uint32_t cp;

			len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			if (c < 0xc2 || c > 0xf4 || i + len > n)
				abort();
			cp = c & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
			for (size_t j = 1; j < len; j++) {
				if ((s[i + j] & 0xc0) != 0x80)
					abort();
				cp = (cp << 6) | (s[i + j] & 0x3f);
			}
			if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
			    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
			    (cp >= 0x80 && cp <= 0x9f))
				abort();
		}
		i += len;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const modes[3] = { "exam", "quiz", "study" };
	signed char num[N_NUM] = { 0 };
	char *text, *str[N_STR];
	size_t nstr = 0, off = size < N_NUM ? size : N_NUM;
	struct report_named domains[2], tasks[3];
	struct report_part parts[5][2 + 3];
	struct report_item items[5][4];
	struct report_attempt att[5];
	struct report_study study;
	struct report_forecast forecast;
	struct report_advice adv[8];
	struct report_data d;
	struct strbuf sb;
	int k = 0;

	memcpy(num, data, off);
	text = malloc(size - off + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data + off, size - off);
	text[size - off] = '\0';

	strbuf_init(&sb);
	if (html_escape_n(&sb, text, size - off) == 0)
		check_escaped((const unsigned char *)sb.buf, sb.len);
	strbuf_free(&sb);

	for (char *p = text; nstr < N_STR;) {
		char *nl = strchr(p, '\n');

		str[nstr++] = p;
		if (nl == NULL)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	while (nstr < N_STR)
		str[nstr++] = "";

	for (int i = 0; i < 2; i++)
		domains[i] = (struct report_named){ str[2 + i], str[4 + i] };
	for (int i = 0; i < 3; i++)
		tasks[i] = (struct report_named){ str[6 + i], str[9 + i] };
	for (int a = 0; a < 5; a++) {
		for (int j = 0; j < 5; j++)
			parts[a][j] = (struct report_part){ num[(k + j) % N_NUM] % 8,
				num[(k + j + 1) % N_NUM] % 12 };
		for (int j = 0; j < 4; j++)
			items[a][j] = (struct report_item){ str[12 + j], str[6 + j % 3],
				num[(k + j) % N_NUM] * 37.5, num[(k + j) % N_NUM] & 1 };
		att[a] = (struct report_attempt){
			.mode = modes[(unsigned char)num[a] % 3], .finished_at = str[a % 2],
			.scaled = num[k % N_NUM] * 8, .passed = num[k % N_NUM] > 0,
			.correct = num[(k + 1) % N_NUM], .scored = num[(k + 2) % N_NUM],
			.domains = parts[a], .tasks = parts[a] + 2,
			.time_used_s = (long)num[(k + 3) % N_NUM] * 100000,
			.time_limit_s = (long)num[(k + 4) % N_NUM] * 60,
			.items = num[a] & 4 ? NULL : items[a], .n_items = num[(k + 5) % N_NUM] % 5,
		};
		k += 6;
	}
	study = (struct report_study){ num[30], num[31], num[32], num[33] };
	forecast = (struct report_forecast){ num[34] & 1, num[35], num[36] / 50.0,
		num[37] * 8, num[38] * 8, num[39] * 8, str[1] };
	memset(&d, 0, sizeof d);
	d.exam_code = str[0];
	d.exam_title = str[1];
	d.score_min = 100;
	d.pass_mark = 720;
	d.score_max = 1000;
	d.cut = num[0] / 100.0;
	d.questions = num[1];
	d.duration_minutes = num[2];
	d.domains = domains;
	d.n_domains = 2;
	d.tasks = tasks;
	d.n_tasks = 3;
	d.exams = att;
	d.n_exams = (unsigned char)num[3] % 4;
	d.practice = att + 3;
	d.n_practice = (unsigned char)num[4] % 3;
	d.readiness = (struct report_readiness){ num[5] & 1, num[6], str[15] };
	d.forecast = num[7] & 1 ? &forecast : NULL;
	d.study = num[7] & 2 ? &study : NULL;
	d.generated_at = str[14];

	report_advice(&d, adv, 8);
	strbuf_init(&sb);
	if (report_render(&d, &sb) == 0) {
		const char *s = sb.buf, *style_end = strstr(s, "</style>");

		/* Outside the stylesheet, every '<' starts one of the page's own tags. */
		for (const char *p = style_end; p != NULL && (p = strchr(p + 1, '<')) != NULL;)
			if (!((p[1] >= 'a' && p[1] <= 'z') || p[1] == '/'))
				abort();
	}
	strbuf_free(&sb);
	free(text);
	return 0;
}
