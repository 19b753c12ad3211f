/* certsim: parse the command line, run a command, map errors to exit codes. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "Usage: certsim COMMAND [OPTIONS]\n"
    "\n"
    "A timed mock-exam simulator for the AWS Certified Machine Learning\n"
    "Engineer - Associate exam (MLA-C01).\n"
    "\n"
    "With no command on a terminal, certsim opens its start menu.\n"
    "\n"
    "Commands:\n"
    "  exam [options]            full-length timed practice exam (65 questions, 130 min)\n"
    "  quiz [options]            practice quiz by domain, task, tag, type, missed, flagged...\n"
    "  review [RESULT|last|N] [--missed|--all|--flagged]  go through a finished attempt\n"
    "  history [--json|--csv] [--bank PATH|--exam CODE|--all]  attempts, trends, forecast\n"
    "  study [options]           spaced repetition: what is due, then new (--schedule)\n"
    "  report [--out FILE] [--exam CODE] [--open]  HTML progress report with charts\n"
    "  resume                    continue an interrupted attempt\n"
    "  verify RESULT [--pubkey FILE]  check a signed result file\n"
    "  key [--export FILE]       print or export your public key (minisign format)\n"
    "  bank lint [PATH...]       validate question banks (default: the bundled one)\n"
    "  bank stats [PATH] [--json]  counts by domain, task and type\n"
    "  bank search TEXT [--json]  questions whose text or tags contain TEXT\n"
    "  bank import --from FORMAT FILE... --exam EXAM.json --out DIR  from Moodle\n"
    "  bank export --to FORMAT [--bank PATH] --out FILE  for Moodle (see bank --help)\n"
    "\n"
    "Common options of exam and quiz: --bank PATH, --seed N, --time-limit DURATION,\n"
    "--untimed, --plain (line mode on a terminal), --out FILE.\n"
    "\n"
    "Options:\n"
    "  -h, --help                this help; 'certsim COMMAND --help' for a command\n"
    "  --version                 print the version\n"
    "\n"
    "Exit status: 0 done, 1 invalid input (bad bank, invalid result),\n"
    "2 usage error, 3 system error, 130 interrupted (attempt saved).\n"
    "\n"
    "Environment: CERTSIM_BANK (bank directory), CERTSIM_HOME (data directory,\n"
    "default $XDG_DATA_HOME/certsim or ~/.local/share/certsim), NO_COLOR.\n"
    "\n"
    "Manual: man certsim (commands), man 5 certsim-bank (the bank format).\n";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "exam", cmd_exam },     { "quiz", cmd_quiz },       { "resume", cmd_resume },
	{ "review", cmd_review }, { "history", cmd_history }, { "verify", cmd_verify },
	{ "key", cmd_key },       { "bank", cmd_bank },       { "study", cmd_study },
	{ "report", cmd_report },
};

int
main(int argc, char **argv)
{
	if (argc < 2) {
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
			int rc = tui_menu();
			if (rc >= 0)
				return rc;
		}
		fputs(usage, isatty(STDIN_FILENO) ? stdout : stderr);
		return isatty(STDIN_FILENO) ? CLI_EXIT_DONE : CLI_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return CLI_EXIT_DONE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("certsim %s\n", CERTSIM_VERSION);
		return CLI_EXIT_DONE;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 2, argv + 2);
	if (argv[1][0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", argv[1]);
	return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
