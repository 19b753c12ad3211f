/* certsim bank import|export: bank interchange with Moodle (GIFT, Aiken, Moodle XML). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "certsim/aiken.h"
#include "certsim/fsutil.h"
#include "certsim/gift.h"
#include "certsim/interchange.h"
#include "certsim/moodle_xml.h"
#include "cli.h"

static const char import_help[] =
    "Usage: certsim bank import --from gift|aiken|moodle-xml FILE... --exam EXAM.json\n"
    "                           --out DIR [--task T] [--map CATEGORY=T]...\n"
    "\n"
    "Convert Moodle question files into a certsim bank directory DIR (a copy of\n"
    "the blueprint EXAM.json and questions.json), then lint it.\n"
    "\n"
    "Single answer, multiple answer (the positively weighted answers are the\n"
    "key, scored all-or-nothing), matching, true/false and (Moodle XML)\n"
    "ordering questions convert; general feedback becomes the explanation.\n"
    "Other questions (essay, numerical, short answer, cloze, description,\n"
    "partial credit in a single-answer question, too few answers) are\n"
    "reported as FILE:LINE: warning: skipped ... and left out.\n"
    "\n"
    "Tasks: --map CATEGORY=T sends a Moodle category (its full path or its last\n"
    "part) to task T; else a category whose last part is a task id (\"1.1\") goes\n"
    "there; else --task T. Aiken files have no categories: use --task.\n"
    "\n"
    "Syntax errors are reported as FILE:LINE: error: ... and nothing is written.\n"
    "DIR must not exist (or be empty); it appears only when complete.\n"
    "Exit status: 0 done, 1 invalid input or nothing converted, 2 usage, 3 I/O.\n"
    "See docs/interchange.md.\n";

static const char export_help[] =
    "Usage: certsim bank export --to gift|moodle-xml [--bank PATH] --out FILE\n"
    "\n"
    "Write the bank (default: the bundled one, or $CERTSIM_BANK) as a file that\n"
    "Moodle imports: single and multiple answer, matching and (Moodle XML only)\n"
    "ordering questions, in categories CODE/Domain N/TASK, with the explanation\n"
    "as general feedback and a case study's scenario before each of its\n"
    "questions. GIFT has no ordering type: those are skipped with a warning.\n"
    "FILE is replaced atomically. See docs/interchange.md.\n";

enum { F_GIFT, F_AIKEN, F_XML };

static int
format_of(const char *s)
{
	if (strcmp(s, "gift") == 0)
		return F_GIFT;
	if (strcmp(s, "aiken") == 0)
		return F_AIKEN;
	if (strcmp(s, "moodle-xml") == 0)
		return F_XML;
	return -1;
}

/* The value of option argv[*i] (advancing *i), or NULL when it has none. */
static const char *
value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc || argv[*i + 1][0] == '\0')
		return NULL;
	return argv[++*i];
}

static int
parse_file(int fmt, const char *path, struct ix_set *set, struct diag *d, int *code)
{
	char *buf = NULL, *err = NULL;
	size_t len;
	if (fsutil_read_file(path, BANK_FILE_LIMIT, &buf, &len, &err) < 0) {
		*code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		free(err);
		return -1;
	}
	int rc = fmt == F_GIFT    ? gift_parse(path, buf, len, set, d)
	         : fmt == F_AIKEN ? aiken_parse(path, buf, len, set, d)
	                          : moodle_xml_parse(path, buf, len, set, d);
	free(buf);
	return rc;
}

static int
do_import(int fmt, char **files, int nfiles, const char *exam, const char *out, const char *task,
          struct ix_map *maps, int nmaps)
{
	struct ix_set set = { 0 };
	struct ix_blueprint bp = { 0 };
	struct diag d = { 0 };
	char *err = NULL, *tmp = NULL;
	int code = CLI_EXIT_DONE, syntax = 0;
	struct stat st;

	if (stat(out, &st) == 0 && !S_ISDIR(st.st_mode))
		return cli_usage_error("bank",
		                       "bank import: --out %s exists and is not a directory", out);
	DIR *dp = opendir(out);
	if (dp != NULL) {
		struct dirent *e;
		int empty = 1;
		while (empty && (e = readdir(dp)) != NULL)
			empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
		closedir(dp);
		if (!empty)
			return cli_usage_error("bank",
			                       "bank import: --out %s is not empty; choose a "
			                       "new directory",
			                       out);
	}
	int r = interchange_blueprint_load(exam, &bp, &d, &err);
	if (r == -2) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	if (r < 0) {
		diag_print(&d, stderr);
		code = CLI_EXIT_INVALID;
		goto done;
	}
	if (task != NULL && interchange_blueprint_task(&bp, task) < 0) {
		code = cli_usage_error("bank", "bank import: --task %s is not a task of %s", task,
		                       exam);
		goto done;
	}
	for (int m = 0; m < nmaps; m++)
		if (interchange_blueprint_task(&bp, maps[m].task) < 0) {
			code = cli_usage_error("bank",
			                       "bank import: --map %s=%s: %s is not a task of %s",
			                       maps[m].category, maps[m].task, maps[m].task, exam);
			goto done;
		}
	for (int i = 0; i < nfiles; i++) {
		size_t before = d.errors;
		if (parse_file(fmt, files[i], &set, &d, &code) < 0 && code != CLI_EXIT_DONE)
			goto done;
		if (d.errors > before)
			syntax = 1;
	}
	diag_print(&d, stderr);
	if (syntax) {
		code = cli_error(CLI_EXIT_INVALID, "%zu error%s in the input; nothing written",
		                 d.errors, d.errors == 1 ? "" : "s");
		goto done;
	}
	if (set.n == 0) {
		code = cli_error(CLI_EXIT_INVALID,
		                 "no question could be converted (%zu skipped); "
		                 "nothing written",
		                 set.skipped);
		goto done;
	}
	diag_free(&d);
	if (interchange_assign_tasks(&set, &bp, maps, nmaps, task, &d) < 0) {
		diag_print(&d, stderr);
		code = cli_error(CLI_EXIT_INVALID, "questions without a task; nothing written");
		goto done;
	}
	if (interchange_assign_ids(&set) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	if (interchange_write_bank(&set, exam, out, &tmp, &err) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	/* Lint what was written before it takes DIR's place. */
	diag_free(&d);
	struct bank *b = NULL;
	bank_load(tmp, &d, &b);
	diag_print(&d, stdout);
	size_t lint_errors = d.errors, lint_warnings = d.warnings;
	bank_free(b);
	if (lint_errors > 0) {
		interchange_remove_dir(tmp);
		code = cli_error(CLI_EXIT_INVALID,
		                 "the converted bank has %zu lint error%s; nothing "
		                 "written",
		                 lint_errors, lint_errors == 1 ? "" : "s");
		goto done;
	}
	if (interchange_commit_dir(tmp, out, &err) < 0) {
		interchange_remove_dir(tmp);
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	printf("%s: %zu question%s imported, %zu skipped: %zu errors, %zu warning%s\n", out, set.n,
	       set.n == 1 ? "" : "s", set.skipped, lint_errors, lint_warnings,
	       lint_warnings == 1 ? "" : "s");
done:
	free(tmp);
	free(err);
	diag_free(&d);
	interchange_set_free(&set);
	interchange_blueprint_free(&bp);
	return code;
}

int
cmd_bank_import(int argc, char **argv)
{
	const char *exam = NULL, *out = NULL, *task = NULL, *from = NULL;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	struct ix_map *maps = calloc((size_t)argc + 1, sizeof *maps);
	int nfiles = 0, nmaps = 0, code;
	if (files == NULL || maps == NULL) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(import_help, stdout);
			code = CLI_EXIT_DONE;
			goto done;
		}
		int opt = strcmp(a, "--from") == 0 || strcmp(a, "--exam") == 0 ||
		          strcmp(a, "--out") == 0 || strcmp(a, "--task") == 0 ||
		          strcmp(a, "--map") == 0;
		if (opt && (v = value(argc, argv, &i)) == NULL) {
			code = cli_usage_error("bank", "bank import: %s needs a value", a);
			goto done;
		}
		if (strcmp(a, "--from") == 0) {
			from = v;
		} else if (strcmp(a, "--exam") == 0) {
			exam = v;
		} else if (strcmp(a, "--out") == 0) {
			out = v;
		} else if (strcmp(a, "--task") == 0) {
			task = v;
		} else if (strcmp(a, "--map") == 0) {
			const char *eq = strrchr(v, '=');
			if (eq == NULL || eq == v || eq[1] == '\0') {
				code = cli_usage_error("bank",
				                       "bank import: --map needs CATEGORY=TASK, "
				                       "not '%s'",
				                       v);
				goto done;
			}
			/* The argument is split in place: CATEGORY may itself contain '='. */
			argv[i][eq - v] = '\0';
			maps[nmaps].category = v;
			maps[nmaps++].task = eq + 1;
		} else if (a[0] == '-' && a[1] != '\0') {
			code = cli_usage_error("bank", "bank import: unknown option '%s'", a);
			goto done;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (from == NULL) {
		code = cli_usage_error("bank", "bank import needs --from gift|aiken|moodle-xml");
		goto done;
	}
	if (format_of(from) < 0) {
		code =
		    cli_usage_error("bank", "bank import: --from %s: say gift, aiken or moodle-xml",
		                    from);
		goto done;
	}
	if (nfiles == 0 || exam == NULL || out == NULL) {
		code = cli_usage_error("bank", "bank import needs FILE..., --exam EXAM.json and "
		                               "--out DIR");
		goto done;
	}
	code = do_import(format_of(from), files, nfiles, exam, out, task, maps, nmaps);
done:
	free(files);
	free(maps);
	return code;
}

int
cmd_bank_export(int argc, char **argv)
{
	const char *to = NULL, *bank = NULL, *out = NULL;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(export_help, stdout);
			return CLI_EXIT_DONE;
		}
		if (strcmp(a, "--to") != 0 && strcmp(a, "--bank") != 0 && strcmp(a, "--out") != 0)
			return cli_usage_error("bank", "bank export: unknown %s '%s'",
			                       a[0] == '-' ? "option" : "argument", a);
		if ((v = value(argc, argv, &i)) == NULL)
			return cli_usage_error("bank", "bank export: %s needs a value", a);
		if (strcmp(a, "--to") == 0)
			to = v;
		else if (strcmp(a, "--bank") == 0)
			bank = v;
		else
			out = v;
	}
	if (to == NULL || (strcmp(to, "gift") != 0 && strcmp(to, "moodle-xml") != 0))
		return cli_usage_error("bank", "bank export needs --to gift or --to moodle-xml");
	if (out == NULL)
		return cli_usage_error("bank", "bank export needs --out FILE");
	struct stat st;
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
		return cli_usage_error("bank", "bank export: --out %s is a directory", out);
	int code = CLI_EXIT_DONE;
	struct bank *b = cli_load_bank(cli_bank_path(bank), &code);
	if (b == NULL)
		return code;
	struct ix_buf text = { 0 };
	struct diag d = { 0 };
	size_t written = 0, skipped = 0;
	char *err = NULL;
	if (interchange_export(b, strcmp(to, "gift") == 0 ? IX_GIFT : IX_MOODLE_XML, &text, &d,
	                       &written, &skipped) < 0 ||
	    text.s == NULL) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
	} else {
		diag_print(&d, stderr);
		if (fsutil_write_atomic(out, text.s, text.n, 0644, &err) < 0) {
			code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		} else {
			printf("%s: %zu question%s exported as %s, %zu skipped\n", out, written,
			       written == 1 ? "" : "s", to, skipped);
		}
	}
	free(err);
	free(text.s);
	diag_free(&d);
	bank_free(b);
	return code;
}
