/*
 * Command-line parsing, module parameters and initcalls.
 *
 * The command line is split into words at blanks; a double-quoted part
 * may hold blanks (name="a b"), and the quotes around a value are
 * removed.  Each word "name[=value]" goes, in this order, to:
 *
 *   1. a module parameter (linux/moduleparam.h) whose full name
 *      "<modname>.<param>" is name, '-' and '_' being the same character
 *      there (as Linux's parameq()); the parameter's type parses value;
 *   2. the __setup() handler registered for "name=" (or for the bare
 *      word "name");
 *   3. else the word is unknown.  Unknown words are collected and
 *      reported on one line, then ignored: a typo is visible, never
 *      fatal.  Linux stays silent about "modname.param" words that match
 *      nothing, since a module loaded later may take them; this kernel
 *      has no loadable modules, so they are reported like any other.
 *
 * A value a parameter refuses (a bool given "maybe", an int out of
 * range) is reported and the parameter keeps its initial value.  Values
 * of charp parameters point into the command-line buffer, which lives as
 * long as the kernel (start_kernel() never returns).
 *
 * Everything here runs on the boot CPU before any other CPU or thread
 * exists: no locking.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/errno.h>

extern const struct kernel_param_setup __setup_start[], __setup_end[];
extern const initcall_t __initcalls_start[], __initcalls_end[];

/* '-' and '_' are the same character in parameter names. */
static char dash2underscore(char c)
{
	return c == '-' ? '_' : c;
}

bool parameqn(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (dash2underscore(a[i]) != dash2underscore(b[i]))
			return false;
	return true;
}

bool parameq(const char *a, const char *b)
{
	return parameqn(a, b, strlen(a) + 1);
}

/*
 * kernel_param_apply - set the parameter of [start, stop) called name.
 * val is NULL for a bare word.  Context: boot, or any sleepable context
 * for a caller that serialises against readers of the variable.
 * Return: 0; -ENOENT if there is no such parameter; -EINVAL if it needs
 * a value and has none; else what the type's set() returned.
 */
int kernel_param_apply(const struct kernel_param *start, const struct kernel_param *stop,
		       const char *name, const char *val)
{
	for (const struct kernel_param *kp = start; kp < stop; kp++) {
		if (!parameq(name, kp->name))
			continue;
		if (!val && !(kp->ops->flags & KERNEL_PARAM_OPS_FL_NOARG))
			return -EINVAL;
		return kp->ops->set(val, kp);
	}
	return -ENOENT;
}

static bool handle_setup(char *word, char *eq)
{
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

/* Return: true if some parameter or handler took the word. */
static bool handle_word(char *word)
{
	char *eq = strchr(word, '=');
	char *val = NULL;
	int err;

	if (eq) {
		*eq = 0;
		val = eq + 1;
	}
	err = kernel_param_apply(__start___param, __stop___param, word, val);
	if (err != -ENOENT) {
		if (err)
			pr_err("Booting kernel: '%s' invalid for parameter '%s'\n", val ? val : "",
			       word);
		if (eq)
			*eq = '=';
		return true;
	}
	if (eq)
		*eq = '=';
	return handle_setup(word, eq);
}

/*
 * next_word - cut the next word out of *s (NUL-terminating it in place)
 * and advance *s past it.  Quotes group blanks into the word and are
 * removed around a value ("name=\"a b\"" gives name=a b).
 * Return: the word, or NULL at the end of the line.
 */
static char *next_word(char **s)
{
	char *p = skip_spaces(*s), *word, *out;
	bool quoted = false;

	if (!*p)
		return NULL;
	word = out = p;
	for (; *p; p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && (*p == ' ' || *p == '\t' || *p == '\n'))
			break;
		*out++ = *p;
	}
	*s = *p ? p + 1 : p;
	*out = 0;
	return word;
}

void parse_kernel_cmdline(char *cmdline)
{
	char unknown[256] = "";
	char *s = cmdline, *word;

	while ((word = next_word(&s))) {
		if (!handle_word(word)) {
			if (unknown[0])
				strlcat(unknown, " ", sizeof(unknown));
			strlcat(unknown, word, sizeof(unknown));
		}
	}
	if (unknown[0])
		pr_warn("Unknown kernel command line parameters \"%s\", will be ignored\n", unknown);
}

/*
 * The standard parameter types.  set() parses a value into *kp->arg and
 * returns 0 or -errno; get() prints the value with a newline (as sysfs
 * would) and returns its length.
 */
#define STANDARD_PARAM(name, type, fmt, strtolfn)			\
	int param_set_##name(const char *val, const struct kernel_param *kp) \
	{								\
		return strtolfn(val, 0, (type *)kp->arg);		\
	}								\
	int param_get_##name(char *buffer, const struct kernel_param *kp) \
	{								\
		return scnprintf(buffer, 4096, fmt "\n", *(type *)kp->arg); \
	}								\
	const struct kernel_param_ops param_ops_##name = {		\
		.set = param_set_##name,				\
		.get = param_get_##name,				\
	}

STANDARD_PARAM(byte, unsigned char, "%hhu", kstrtou8);
STANDARD_PARAM(short, short, "%hi", kstrtos16);
STANDARD_PARAM(ushort, unsigned short, "%hu", kstrtou16);
STANDARD_PARAM(int, int, "%i", kstrtoint);
STANDARD_PARAM(uint, unsigned int, "%u", kstrtouint);
STANDARD_PARAM(long, long, "%li", kstrtol);
STANDARD_PARAM(ulong, unsigned long, "%lu", kstrtoul);
STANDARD_PARAM(ullong, unsigned long long, "%llu", kstrtoull);

/* hexint: an unsigned int, any base on input, printed in hex. */
int param_set_hexint(const char *val, const struct kernel_param *kp)
{
	return kstrtouint(val, 0, (unsigned int *)kp->arg);
}

int param_get_hexint(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, 4096, "%#08x\n", *(unsigned int *)kp->arg);
}

const struct kernel_param_ops param_ops_hexint = {
	.set = param_set_hexint,
	.get = param_get_hexint,
};

int param_set_charp(const char *val, const struct kernel_param *kp)
{
	if (strlen(val) > 1024) {
		pr_err("%s: string parameter too long\n", kp->name);
		return -ENOSPC;
	}
	*(const char **)kp->arg = val;
	return 0;
}

int param_get_charp(char *buffer, const struct kernel_param *kp)
{
	const char *v = *(const char **)kp->arg;

	return scnprintf(buffer, 4096, "%s\n", v ? v : "(null)");
}

/* Values point into the command line: nothing to free. */
void param_free_charp(void *arg)
{
	(void)arg;
}

const struct kernel_param_ops param_ops_charp = {
	.set = param_set_charp,
	.get = param_get_charp,
	.free = param_free_charp,
};

/* bool: a bare "<mod>.<param>" means true. */
int param_set_bool(const char *val, const struct kernel_param *kp)
{
	return kstrtobool(val ? val : "1", (bool *)kp->arg);
}

int param_get_bool(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, 4096, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}

const struct kernel_param_ops param_ops_bool = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_bool,
	.get = param_get_bool,
};

/* Like bool, but once true it stays true. */
int param_set_bool_enable_only(const char *val, const struct kernel_param *kp)
{
	bool v;
	int err = kstrtobool(val ? val : "1", &v);

	if (err)
		return err;
	if (!v && *(bool *)kp->arg)
		return -EROFS;
	*(bool *)kp->arg = v;
	return 0;
}

const struct kernel_param_ops param_ops_bool_enable_only = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_bool_enable_only,
	.get = param_get_bool,
};

/* invbool: the variable holds the opposite of what was given. */
int param_set_invbool(const char *val, const struct kernel_param *kp)
{
	bool v;
	int err = kstrtobool(val ? val : "1", &v);

	if (!err)
		*(bool *)kp->arg = !v;
	return err;
}

int param_get_invbool(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, 4096, "%c\n", *(bool *)kp->arg ? 'N' : 'Y');
}

const struct kernel_param_ops param_ops_invbool = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_invbool,
	.get = param_get_invbool,
};

/* bint: an int variable set from a bool (0 or 1). */
int param_set_bint(const char *val, const struct kernel_param *kp)
{
	bool v;
	int err = kstrtobool(val ? val : "1", &v);

	if (!err)
		*(int *)kp->arg = v;
	return err;
}

int param_get_bint(char *buffer, const struct kernel_param *kp)
{
	return param_get_int(buffer, kp);
}

const struct kernel_param_ops param_ops_bint = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_bint,
	.get = param_get_bint,
};

/* string: copied into the module's buffer; too long is -ENOSPC. */
int param_set_string(const char *val, const struct kernel_param *kp)
{
	const struct kparam_string *kps = kp->str;

	if (strnlen(val, kps->maxlen) == kps->maxlen) {
		pr_err("%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1);
		return -ENOSPC;
	}
	strcpy(kps->string, val);
	return 0;
}

int param_get_string(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, 4096, "%s\n", kp->str->string);
}

const struct kernel_param_ops param_ops_string = {
	.set = param_set_string,
	.get = param_get_string,
};

/*
 * Arrays: "v1,v2,..." each parsed by the element type into consecutive
 * elements; *num is set to how many were given.  More than max, or an
 * element the type refuses, is an error and leaves *num unchanged.
 */
static int param_array_set(const char *val, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	char buf[256], *s = buf, *elem;
	unsigned int n = 0;
	int err;

	if (strscpy(buf, val, sizeof(buf)) < 0)
		return -ENOSPC;
	while ((elem = strsep(&s, ","))) {
		struct kernel_param one = { .name = kp->name, .ops = arr->ops,
					    .arg = (char *)arr->elem + n * arr->elemsize };

		if (n >= arr->max) {
			pr_err("%s: can only take %u arguments\n", kp->name, arr->max);
			return -EINVAL;
		}
		err = arr->ops->set(elem, &one);
		if (err)
			return err;
		n++;
	}
	if (arr->num)
		*arr->num = n;
	return 0;
}

static int param_array_get(char *buffer, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	unsigned int n = arr->num ? *arr->num : arr->max;
	int len = 0;

	for (unsigned int i = 0; i < n; i++) {
		struct kernel_param one = { .name = kp->name, .ops = arr->ops,
					    .arg = (char *)arr->elem + i * arr->elemsize };

		if (i)
			buffer[len - 1] = ',';	/* replaces the element's newline */
		len += arr->ops->get(buffer + len, &one);
	}
	return len;
}

const struct kernel_param_ops param_array_ops = {
	.set = param_array_set,
	.get = param_array_get,
};

void do_initcalls(void)
{
	for (const initcall_t *fn = __initcalls_start; fn < __initcalls_end; fn++) {
		int ret = (*fn)();
		if (ret)
			pr_err("initcall %pS returned %d\n", (void *)*fn, ret);
	}
}
