/*
 * Command-line parsing and initcalls.
 *
 * The command line is split into words; "name=value" goes to the handler
 * registered for "name=", a bare word to the one for "name".  Unknown
 * words are collected and reported on one line, then ignored: a typo is
 * visible, never fatal.
 */
#include <linux/kernel.h>
#include <linux/init.h>

extern const struct kernel_param_setup __setup_start[], __setup_end[];
extern const initcall_t __initcalls_start[], __initcalls_end[];

static bool handle_word(char *word)
{
	char *eq = strchr(word, '=');
	size_t keylen = eq ? (size_t)(eq - word) + 1 : strlen(word);

	for (const struct kernel_param_setup *p = __setup_start; p < __setup_end; p++) {
		if (strlen(p->name) == keylen && !strncmp(p->name, word, keylen)) {
			if (p->fn(eq ? eq + 1 : word + keylen))
				pr_warn("Malformed kernel command line parameter \"%s\", ignored\n", word);
			return true;
		}
	}
	return false;
}

void parse_kernel_cmdline(char *cmdline)
{
	char unknown[256] = "";
	char *s = cmdline, *word;

	while ((word = strsep(&s, " \t"))) {
		if (!*word)
			continue;
		if (!handle_word(word)) {
			if (unknown[0])
				strlcat(unknown, " ", sizeof(unknown));
			strlcat(unknown, word, sizeof(unknown));
		}
	}
	if (unknown[0])
		pr_warn("Unknown kernel command line parameters \"%s\", will be ignored\n", unknown);
}

void do_initcalls(void)
{
	for (const initcall_t *fn = __initcalls_start; fn < __initcalls_end; fn++) {
		int ret = (*fn)();
		if (ret)
			pr_err("initcall %pS returned %d\n", (void *)*fn, ret);
	}
}
