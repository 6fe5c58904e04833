#!/usr/bin/env python3
"""Check that the public headers declare only what Linux's headers declare.

This kernel's public API is Linux's (API level 6.18): a client written
against Linux's <linux/X.h> must compile against ours.  A header of ours
that declares a name Linux's same header does not declare can break such
a client: the client may define that name itself (a static helper called
sched_init, a struct called rq, a macro called TASK_MAGIC) and then fails
with "conflicting types" or "redefined".  So every identifier that
include/linux/**/*.h and include/kunit/*.h of this tree declare at file
scope must be one that Linux's header of the same path declares, itself or
through the Linux headers it includes.

What counts as declared at file scope: #define'd macro names (in every
#if branch), functions (prototypes and static inline definitions), struct,
union and enum tags that get a body here (a bare "struct rq;" declares
nothing a client could clash with), enum constants, typedef names,
variables (extern or not), and the names DECLARE_PER_CPU/DEFINE_PER_CPU
(type, name) and DECLARE_BITMAP(name, bits) declare.  Not counted:
comments, string literals, struct/union members, function bodies,
attributes (__printf(...), __aligned(...), __section(...),
__attribute__((...))), what the header merely #includes, and names made by
invoking some other macro at file scope (__ATOMIC_OPS(atomic, ...)).

Identifiers that start with an underscore are exempt: that is the
compiler's and the kernel's reserved namespace for helpers (C reserves
_[A-Z_]* for the implementation; the kernel uses __foo for internals), and
no portable client defines such names.

The lists of Linux's names are generated facts, one identifier per line,
in tools/linux-api/<path>.names (struct tags as "struct NAME"); the Linux
headers each Linux header pulls in are in tools/linux-api/includes.map;
headers that are this kernel's own (no Linux counterpart) are listed with
a reason in tools/linux-api/own-headers.txt and skipped.  See
tools/linux-api/README.

Usage:
  check_headers.py                 check this tree; exit 1 on any violation
  check_headers.py --selftest      run the extractor's built-in cases
  check_headers.py --names FILE..  print what the extractor finds in FILEs
  check_headers.py --gen-names DIR [PATH..]
                                   regenerate the .names lists from Linux
                                   headers under DIR (a kernel source tree,
                                   or a directory laid out like include/)
  check_headers.py --gen-map DIR   print an includes.map computed from DIR
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
API = os.path.join(HERE, 'linux-api')

# --------------------------------------------------------------------------
# Lexing: comments, literals, preprocessor lines, tokens.

def _blank(s):
    """s with every character but newlines turned into a space."""
    return re.sub(r'[^\n]', ' ', s)


_LEX = re.compile(r'''
    (?P<lc>//[^\n]*)
  | (?P<bc>/\*.*?(\*/|\Z))
  | (?P<str>"(?:\\.|\\\n|[^"\\\n])*"?)
  | (?P<chr>'(?:\\.|[^'\\\n])*'?)
''', re.S | re.X)


def strip_comments_and_literals(text):
    """Comments become blanks, literals become "" and '' (line count kept)."""
    out = []
    pos = 0
    for m in _LEX.finditer(text):
        out.append(text[pos:m.start()])
        s = m.group(0)
        if m.group('lc') or m.group('bc'):
            out.append(' ' + _blank(s)[1:])
        elif m.group('str'):
            out.append('""' + '\n' * s.count('\n'))
        else:
            out.append("''")
        pos = m.end()
    out.append(text[pos:])
    return ''.join(out)


_TOKEN = re.compile(r'''
    (?P<id>[A-Za-z_]\w*)
  | (?P<num>\.?\d(?:[\w.]|[eEpP][+-])*)
  | (?P<lit>""|'')
  | (?P<punct>\.\.\.|->|\#\#|<<=|>>=|[-+*/%&|^<>=!]=|&&|\|\||<<|>>|\+\+|--|.)
''', re.X)


class Tok:
    __slots__ = ('text', 'line', 'kind')

    def __init__(self, text, line, kind):
        self.text, self.line, self.kind = text, line, kind

    def __repr__(self):
        return '%s@%d' % (self.text, self.line)


class Group:
    """A bracketed group: open is '(', '[' or '{'; items are Tok or Group."""
    __slots__ = ('open', 'items', 'line')

    def __init__(self, open_, line):
        self.open, self.items, self.line = open_, [], line

    def __repr__(self):
        return '%s%s%s' % (self.open, ' '.join(map(repr, self.items)),
                           {'(': ')', '[': ']', '{': '}'}[self.open])


def split_preprocessor(text):
    """Return (directives, code_lines): directives as (line, text) with
    continuations joined; code as (line, text) for every other line."""
    directives, code = [], []
    lines = text.split('\n')
    i = 0
    while i < len(lines):
        line = lines[i]
        start = i + 1
        if line.lstrip().startswith('#'):
            full = line
            while full.endswith('\\') and i + 1 < len(lines):
                i += 1
                full = full[:-1] + ' ' + lines[i]
            directives.append((start, full.lstrip()[1:].strip()))
        else:
            code.append((start, line.replace('\\', ' ')))
        i += 1
    return directives, code


def tokenize(code_lines):
    toks = []
    for lineno, line in code_lines:
        for m in _TOKEN.finditer(line):
            if m.group(0).isspace():
                continue
            kind = m.lastgroup
            toks.append(Tok(m.group(0), lineno, kind))
    return toks


def group_tokens(toks):
    """Nest tokens into Groups; tolerate unbalanced brackets (both #if
    branches are read, so a header may open a brace twice)."""
    closer = {')': '(', ']': '[', '}': '{'}
    root = Group('{', 0)
    stack = [root]
    for t in toks:
        if t.text in '([{' and t.kind == 'punct':
            g = Group(t.text, t.line)
            stack[-1].items.append(g)
            stack.append(g)
        elif t.text in ')]}' and t.kind == 'punct':
            # close up to the matching opener, if there is one
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].open == closer[t.text]:
                    del stack[depth:]
                    break
        else:
            stack[-1].items.append(t)
    return root.items


# --------------------------------------------------------------------------
# Extraction.

KEYWORDS = set('''
    auto break case char const continue default do double else enum extern
    float for goto if inline int long register restrict return short signed
    sizeof static struct switch typedef union unsigned void volatile while
    _Bool _Complex _Imaginary _Noreturn _Atomic _Thread_local _Alignas
    _Alignof _Generic _Static_assert bool typeof asm
    __inline __inline__ __volatile__ __volatile __const __const__ __restrict
    __restrict__ __signed__ __extension__ __thread __typeof__ __typeof
    __asm__ __asm __attribute__ __attribute __label__
'''.split())

# Identifiers that are attributes or qualifiers, not declarators, when
# they appear without parentheses (underscored ones are ignored anyway).
ATTRIBUTE_WORDS = set('''
    asmlinkage notrace noinline noinstr nokprobe_inline fallthrough
'''.split())

TAG_WORDS = ('struct', 'union', 'enum')

# Macros whose invocation declares a name: macro -> index of the argument
# that is the name (-1: the last one).
DECLARATOR_MACROS = {
    'DECLARE_BITMAP': 0,
}
_PER_CPU = re.compile(r'^(DECLARE|DEFINE)_PER_CPU\w*$')

_MACROISH = re.compile(r'^_*[A-Z][A-Z0-9_]*$')


def _is_id(x):
    return isinstance(x, Tok) and x.kind == 'id'


def _is_punct(x, p):
    return isinstance(x, Tok) and x.kind == 'punct' and x.text == p


def _declarator_macro_arg(name):
    if name in DECLARATOR_MACROS:
        return DECLARATOR_MACROS[name]
    if _PER_CPU.match(name):
        return -1
    return None


def _macro_arg_name(group, index):
    """The identifier that is argument `index` of a macro call's group."""
    args, cur = [], []
    for it in group.items:
        if _is_punct(it, ','):
            args.append(cur)
            cur = []
        else:
            cur.append(it)
    args.append(cur)
    try:
        arg = args[index]
    except IndexError:
        return None
    ids = [t for t in arg if _is_id(t)]
    return ids[-1] if ids else None


class Decl:
    __slots__ = ('name', 'kind', 'line')

    def __init__(self, name, kind, line):
        self.name, self.kind, self.line = name, kind, line

    @property
    def key(self):
        """The name as the .names lists write it."""
        if self.kind in TAG_WORDS:
            return '%s %s' % (self.kind, self.name)
        return self.name

    def __repr__(self):
        return '%s:%s@%d' % (self.kind, self.name, self.line)


def strip_attributes(items):
    """Drop attributes, asm labels and alignment specifiers; turn typeof(...)
    into a plain type word."""
    out = []
    i = 0
    n = len(items)
    while i < n:
        it = items[i]
        nxt = items[i + 1] if i + 1 < n else None
        if _is_id(it) and isinstance(nxt, Group) and nxt.open == '(':
            w = it.text
            if w in ('typeof', '__typeof__', '__typeof', 'typeof_unqual',
                     '__typeof_unqual__'):
                out.append(Tok('__typeof_type', it.line, 'id'))
                i += 2
                continue
            if (w in ('asm', '_Alignas', 'alignas') or
                    (w.startswith('_') and _declarator_macro_arg(w) is None)):
                i += 2          # __attribute__((..)), __printf(1, 2), ...
                continue
        if _is_id(it) and it.text in ('asm', '__asm__', '__asm', 'volatile') \
                and isinstance(nxt, Group):
            i += 2
            continue
        out.append(it)
        i += 1
    return out


def _pointer_declarator_name(group):
    """(*name), (* const name[3]), (*(*name)(int)): the declared name."""
    items = strip_attributes(group.items)
    for it in items:
        if _is_punct(it, '*') or _is_punct(it, '^'):
            continue
        if _is_id(it) and (it.text in KEYWORDS or it.text.startswith('_')
                           and it.text in ('__rcu', '__percpu', '__user',
                                           '__iomem', '__force')):
            continue
        if _is_id(it):
            return it
        if isinstance(it, Group) and it.open == '(':
            return _pointer_declarator_name(it)
        return None
    return None


def _declarator(chunk):
    """(name token, 'function'|'object') of one declarator, or None."""
    for idx, it in enumerate(chunk):
        if _is_id(it) and idx + 1 < len(chunk) and \
                isinstance(chunk[idx + 1], Group) and chunk[idx + 1].open == '(':
            argi = _declarator_macro_arg(it.text)
            if argi is not None:
                t = _macro_arg_name(chunk[idx + 1], argi)
                return (t, 'object') if t else None
    for idx, it in enumerate(chunk):
        if isinstance(it, Group) and it.open == '(':
            first = next((x for x in it.items), None)
            if _is_punct(first, '*') or _is_punct(first, '^'):
                t = _pointer_declarator_name(it)
                return (t, 'object') if t else None
            prev = chunk[idx - 1] if idx > 0 else None
            if _is_id(prev) and prev.text not in KEYWORDS:
                before = chunk[idx - 2] if idx > 1 else None
                if _is_id(before) and before.text in TAG_WORDS:
                    return None
                return prev, 'function'
            return None
    # an object: the last identifier before any [..]
    last = None
    for idx, it in enumerate(chunk):
        if isinstance(it, Group):
            if it.open == '[':
                break
            continue
        if _is_id(it):
            last = (idx, it)
    if last is None:
        return None
    idx, t = last
    if t.text in KEYWORDS or t.text in ATTRIBUTE_WORDS:
        return None
    before = chunk[idx - 1] if idx > 0 else None
    if _is_id(before) and before.text in TAG_WORDS:
        return None             # "struct foo;" or a type with no declarator
    if idx == 0:
        return None             # a lone type name or macro word
    return t, 'object'


def scan_tags(items, decls):
    """Record struct/union/enum tags that get a body, enum constants, and
    the same nested in bodies (C gives them file scope).  Returns items with
    each 'struct NAME {..}' reduced to 'struct NAME'."""
    out = []
    i = 0
    n = len(items)
    while i < n:
        it = items[i]
        if _is_id(it) and it.text in TAG_WORDS:
            j = i + 1
            # attributes between the keyword and the name or body
            while j < n and (_is_id(items[j]) and items[j].text.startswith('_')
                             and j + 1 < n and isinstance(items[j + 1], Group)
                             and items[j + 1].open == '('):
                j += 2
            while j < n and _is_id(items[j]) and items[j].text.startswith('__') \
                    and j + 1 < n and (_is_id(items[j + 1]) or
                                       isinstance(items[j + 1], Group)
                                       and items[j + 1].open == '{'):
                j += 1          # struct __packed foo {, struct __rcu foo
            name = None
            if j < n and _is_id(items[j]):
                name = items[j]
                j += 1
            if j < n and isinstance(items[j], Group) and items[j].open == '{':
                body = items[j]
                if name is not None:
                    decls.append(Decl(name.text, it.text, name.line))
                if it.text == 'enum':
                    scan_enum_body(body, decls)
                else:
                    scan_tags(body.items, decls)   # its nested tags
                out.append(it)
                out.append(name if name is not None else
                           Tok('__anonymous', it.line, 'id'))
                i = j + 1
                continue
            out.append(it)
            if name is not None:
                out.append(name)
            i = j
            continue
        out.append(it)
        i += 1
    return out


def scan_enum_body(body, decls):
    cur = []
    entries = []
    for it in body.items:
        if _is_punct(it, ','):
            entries.append(cur)
            cur = []
        else:
            cur.append(it)
    entries.append(cur)
    for e in entries:
        e = strip_attributes(e)
        if e and _is_id(e[0]):
            decls.append(Decl(e[0].text, 'enumerator', e[0].line))


def analyse_statement(stmt, decls):
    """One file-scope declaration (without its ';' or function body)."""
    if not stmt:
        return
    first = stmt[0]
    if _is_id(first) and first.text in ('_Static_assert', 'static_assert',
                                        'asm', '__asm__', '__asm'):
        return
    # NAME(args) with a macro-like NAME: an invocation, not a declaration
    if _is_id(first) and _MACROISH.match(first.text) and len(stmt) >= 2 and \
            isinstance(stmt[1], Group) and stmt[1].open == '(' and \
            all(not _is_id(x) or x.text.startswith('_') for x in stmt[2:]
                if not isinstance(x, Group)):
        argi = _declarator_macro_arg(first.text)
        if argi is not None:
            t = _macro_arg_name(stmt[1], argi)
            if t is not None:
                decls.append(Decl(t.text, 'variable', t.line))
        return
    is_typedef = any(_is_id(x) and x.text == 'typedef' for x in stmt)
    items = scan_tags(stmt, decls)
    items = strip_attributes(items)
    # split into declarators at top-level commas; drop initializers
    chunks, cur = [], []
    for it in items:
        if _is_punct(it, ','):
            chunks.append(cur)
            cur = []
        else:
            cur.append(it)
    chunks.append(cur)
    specifiers = []
    for ci, chunk in enumerate(chunks):
        for k, it in enumerate(chunk):
            if _is_punct(it, '=') or _is_punct(it, ':'):
                chunk = chunk[:k]
                break
        if ci == 0:
            d = _declarator(chunk)
            if d:
                # remember the specifiers for the declarators after a comma
                specifiers = chunk[:chunk.index(d[0])] if d[0] in chunk else []
        else:
            d = _declarator(specifiers + chunk) or _declarator(
                [Tok('int', 0, 'id')] + chunk)
        if not d:
            continue
        tok, kind = d
        if is_typedef:
            kind = 'typedef'
        elif kind == 'object':
            kind = 'variable'
        decls.append(Decl(tok.text, kind, tok.line))


def extract_code(items, decls):
    """Walk file-scope items, cutting them into statements."""
    stmt = []
    i = 0
    n = len(items)
    while i < n:
        it = items[i]
        if _is_punct(it, ';'):
            analyse_statement(stmt, decls)
            stmt = []
            i += 1
            continue
        # a macro invocation standing alone, without a ';' after it:
        #   DEFINE_LOCK_GUARD_0(migrate, ...)
        #   static inline ...
        if not stmt and _is_id(it) and _MACROISH.match(it.text) and \
                i + 1 < n and isinstance(items[i + 1], Group) and \
                items[i + 1].open == '(':
            nxt = items[i + 2] if i + 2 < n else None
            if nxt is None or (_is_id(nxt) and not nxt.text.startswith('__')):
                analyse_statement([it, items[i + 1]], decls)
                i += 2
                continue
            if isinstance(nxt, Group) and nxt.open == '{':
                i += 3          # MACRO(args) { body }: a definition by macro
                continue
        if isinstance(it, Group) and it.open == '{':
            prev = stmt[-1] if stmt else None
            prev2 = stmt[-2] if len(stmt) > 1 else None
            is_tag_body = (_is_id(prev) and (prev.text in TAG_WORDS or
                           _is_id(prev2) and prev2.text in TAG_WORDS)) or \
                any(_is_id(x) and x.text in TAG_WORDS for x in stmt[-4:]) and \
                not any(isinstance(x, Group) and x.open == '(' for x in
                        stmt[-1:])
            if _is_punct(prev, '=') or is_tag_body:
                stmt.append(it)
                i += 1
                continue
            if any(isinstance(x, Group) and x.open == '(' for x in stmt):
                analyse_statement(stmt, decls)   # a function definition
            stmt = []
            i += 1
            continue
        stmt.append(it)
        i += 1
    analyse_statement(stmt, decls)


def extract(text, with_includes=False):
    """The file-scope declarations of a C header text: a list of Decl (and
    the list of #include'd paths if with_includes)."""
    text = strip_comments_and_literals(text)
    directives, code = split_preprocessor(text)
    decls = []
    includes = []
    macros = []
    for line, d in directives:
        m = re.match(r'(define|undef|include|include_next)\b\s*(.*)', d)
        if not m:
            continue
        what, rest = m.groups()
        if what == 'define':
            mm = re.match(r'([A-Za-z_]\w*)', rest)
            if mm:
                macros.append(Decl(mm.group(1), 'macro', line))
        elif what == 'undef':
            mm = re.match(r'([A-Za-z_]\w*)', rest)
            if mm:
                macros = [x for x in macros if x.name != mm.group(1)]
        else:
            mm = re.match(r'[<"]([^>"]+)[>"]', rest)
            if mm:
                includes.append(mm.group(1))
    extract_code(group_tokens(tokenize(code)), decls)
    decls = macros + decls
    decls.sort(key=lambda d: d.line)
    if with_includes:
        return decls, includes
    return decls


def public_keys(decls):
    return sorted({d.key for d in decls if not d.name.startswith('_')})


# --------------------------------------------------------------------------
# The API lists.

def read_lines(path):
    out = []
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                out.append(line)
    return out


def load_names(api, hdr):
    """Linux's names for hdr: the generated .names list, plus the hand-kept
    .names.manual (names Linux 6.18's header has that the copy the list was
    generated from lacked: it was older or read in part; each with where
    Linux declares it)."""
    p = os.path.join(api, hdr + '.names')
    if not os.path.exists(p):
        return None
    names = set(read_lines(p))
    if os.path.exists(p + '.manual'):
        names |= set(read_lines(p + '.manual'))
    return names


def load_map(api):
    m = {}
    p = os.path.join(api, 'includes.map')
    if os.path.exists(p):
        for line in read_lines(p):
            k, _, v = line.partition(':')
            m.setdefault(k.strip(), []).extend(v.split())
    return m


def load_own(api):
    own = {}
    p = os.path.join(api, 'own-headers.txt')
    if os.path.exists(p):
        for line in read_lines(p):
            k, _, reason = line.partition(':')
            own[k.strip()] = reason.strip()
    return own


def tree_headers(root):
    out = []
    for sub in ('linux', 'kunit'):
        base = os.path.join(root, 'include', sub)
        for dirpath, _, files in os.walk(base):
            for f in files:
                if f.endswith('.h'):
                    p = os.path.join(dirpath, f)
                    out.append(os.path.relpath(p, os.path.join(root, 'include')))
    return sorted(out)


def check(root, api, verbose=False):
    names_cache = {}

    def names(h):
        if h not in names_cache:
            names_cache[h] = load_names(api, h)
        return names_cache[h]

    imap = load_map(api)
    own = load_own(api)
    violations = []
    checked = skipped = 0
    bad_headers = set()
    for hdr in tree_headers(root):
        rel = os.path.join('include', hdr)
        if hdr in own:
            skipped += 1
            if verbose:
                print('%s: skipped, this kernel\'s own: %s' % (rel, own[hdr]))
            continue
        mine = names(hdr)
        if mine is None:
            violations.append('%s:1: not a Linux header (no tools/linux-api/%s.names); '
                              'list it in tools/linux-api/own-headers.txt if it is '
                              'this kernel\'s own' % (rel, hdr))
            bad_headers.add(hdr)
            continue
        checked += 1
        allowed = set(mine)
        for inc in imap.get(hdr, []):
            more = names(inc)
            if more is None:
                violations.append('tools/linux-api/includes.map:1: %s lists %s, '
                                  'which has no .names list' % (hdr, inc))
                continue
            allowed |= more
        with open(os.path.join(root, rel), errors='replace') as f:
            decls = extract(f.read())
        seen = set()
        for d in decls:
            if d.name.startswith('_') or d.key in allowed or d.key in seen:
                continue
            seen.add(d.key)
            violations.append('%s:%d: %s is not declared by Linux\'s %s'
                              % (rel, d.line, d.key, hdr))
            bad_headers.add(hdr)
        if verbose:
            print('%s: %d names, %d allowed' % (rel, len(public_keys(decls)),
                                                len(allowed)))
    for hdr in sorted(own):
        if not os.path.exists(os.path.join(root, 'include', hdr)):
            print('note: tools/linux-api/own-headers.txt lists %s, which no '
                  'longer exists' % hdr)
    return violations, checked, skipped, len(bad_headers)


# --------------------------------------------------------------------------
# Generating the lists from Linux's headers.

class LinuxTree:
    """Resolves an #include path the way an x86 build of Linux does."""

    def __init__(self, d):
        self.d = d
        self.src = os.path.isdir(os.path.join(d, 'include', 'linux'))

    def find(self, path):
        d = self.d
        if self.src:
            cands = [os.path.join(d, 'include', path)]
            if path.startswith('asm/'):
                cands = [os.path.join(d, 'arch/x86/include', path),
                         os.path.join(d, 'arch/x86/include/uapi', path),
                         os.path.join(d, 'include/asm-generic', path[4:])]
            elif not path.startswith('uapi/'):
                cands.append(os.path.join(d, 'include/uapi', path))
        else:
            cands = [os.path.join(d, path)]
            if path.startswith('asm/'):
                cands.append(os.path.join(d, 'asm-generic', path[4:]))
        for c in cands:
            if os.path.isfile(c):
                return c
        return None

    def canon(self, path):
        """The name a resolved header is listed under ('asm/x.h' that is
        only a wrapper in asm-generic becomes 'asm-generic/x.h')."""
        f = self.find(path)
        if f is None:
            return path
        if path.startswith('asm/') and '/asm-generic/' in f.replace(os.sep, '/'):
            return 'asm-generic/' + path[4:]
        return path

    def read(self, path):
        f = self.find(path)
        if f is None:
            return None
        with open(f, errors='replace') as fh:
            return fh.read()

    def all_headers(self):
        base = os.path.join(self.d, 'include') if self.src else self.d
        for dirpath, _, files in os.walk(base):
            for f in files:
                if f.endswith('.h'):
                    yield os.path.relpath(os.path.join(dirpath, f), base)


def gen_names(linux_dir, api, root, paths):
    lt = LinuxTree(linux_dir)
    if not paths:
        want = set(tree_headers(root))
        for dirpath, _, files in os.walk(api):
            for f in files:
                if f.endswith('.h.names'):
                    want.add(os.path.relpath(os.path.join(dirpath, f), api)[:-6])
        for k, v in load_map(api).items():
            want.add(k)
            want.update(v)
        want -= set(load_own(api))
        paths = sorted(want)
    missing = []
    for p in paths:
        text = lt.read(p)
        if text is None:
            missing.append(p)
            continue
        keys = public_keys(extract(text))
        out = os.path.join(api, p + '.names')
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, 'w') as f:
            f.write(''.join(k + '\n' for k in keys))
        print('%s: %d names' % (p, len(keys)))
    for p in missing:
        print('%s: not found under %s' % (p, linux_dir))
    return 1 if missing else 0


def gen_map(linux_dir, api, root):
    """includes.map: for each header of ours, the Linux headers that Linux's
    version pulls in (transitively) and that matter: ones our tree also has
    or that have a list, or whose names our header declares."""
    lt = LinuxTree(linux_dir)
    graph = {}

    def incs(h):
        if h not in graph:
            text = lt.read(h)
            graph[h] = [] if text is None else \
                [lt.canon(x) for x in extract(text, with_includes=True)[1]]
        return graph[h]

    listed = set()
    for dirpath, _, files in os.walk(api):
        for f in files:
            if f.endswith('.h.names'):
                listed.add(os.path.relpath(os.path.join(dirpath, f), api)[:-6])
    ours = set(tree_headers(root))
    own = load_own(api)
    for hdr in sorted(ours | listed):
        if hdr in own or lt.find(hdr) is None:
            continue
        closure, todo = [], list(incs(hdr))
        seen = {hdr}
        while todo:
            h = todo.pop(0)
            if h in seen:
                continue
            seen.add(h)
            closure.append(h)
            todo.extend(incs(h))
        mine = set()
        if hdr in ours:
            with open(os.path.join(root, 'include', hdr), errors='replace') as f:
                mine = set(public_keys(extract(f.read())))
        keep = []
        for h in closure:
            if h in ours or h in listed:
                keep.append(h)
                continue
            text = lt.read(h)
            if text and mine & set(public_keys(extract(text))):
                keep.append(h)
        if keep:
            print('%s: %s' % (hdr, ' '.join(sorted(set(keep)))))
    return 0


# --------------------------------------------------------------------------
# Self-test.

SELFTEST = [
    ('prototypes with attributes', r'''
extern __printf(2, 3) int my_printk(int lvl, const char *fmt, ...);
void __noreturn do_it(long code) __cold;
void *alloc_it(size_t n) __attribute__((__malloc__)) __alloc_size(1);
int __must_check take_it(void) __attribute__ ((warn_unused_result));
asmlinkage __visible void run_it(void);
struct task *__get_it(int);
static inline __attribute__((always_inline)) int inl(int a) { return a; }
''', {'my_printk', 'do_it', 'alloc_it', 'take_it', 'run_it', 'inl'},
     {'__get_it', 'size_t', 'task', 'struct task', 'code', 'a'}),
    ('multi-line macros, #undef, strings and comments', r'''
#define ONE 1
#define TWO(a, b) \
	do { int hidden_local = (a); \
	} while (0)
#  define  SPACED(x) x
#define TMP 3
#undef TMP
/* #define IN_COMMENT 1
   int in_comment(void); */
// int line_comment(void);
static const char *s = "int in_string(void); #define NOPE";
''', {'ONE', 'TWO', 'SPACED', 's'},
     {'TMP', 'IN_COMMENT', 'in_comment', 'line_comment', 'in_string', 'NOPE',
      'hidden_local'}),
    ('function pointers and typedefs', r'''
typedef void (*work_fn_t)(struct work *w);
typedef int (*const init_fn_t[4])(void);
extern void (*power_off_hook)(void);
int (*pick(int which))(void);
typedef unsigned long flags_t, *flags_p;
typedef struct { int counter; } counter_t;
typedef struct named_tag { int x; } named_t;
typedef struct fwd fwd_t;
''', {'work_fn_t', 'init_fn_t', 'power_off_hook', 'pick', 'flags_t',
      'flags_p', 'counter_t', 'named_t', 'struct named_tag', 'fwd_t'},
     {'w', 'which', 'counter', 'x', 'struct fwd', 'struct work'}),
    ('enums, struct bodies, nested braces', r'''
enum state { ST_A, ST_B = 4, ST_C = (1 << 3), };
enum { ANON_ONE = 1, ANON_TWO };
struct outer {
	int field;
	struct inner { int deep; } in;
	union { long l; void *p; };
	enum { NESTED_CONST } e;
	void (*callback)(struct outer *o);
	struct { int q; } anon[2];
};
struct fwd_only;
union number { int i; float f; } one_number, *number_ptr;
struct outer_obj { int x; } __attribute__((aligned(64)));
static inline int with_body(struct outer *o)
{
	struct local_tag { int y; } l = { 0 };
	enum { LOCAL_CONST };
	if (o) { { return l.y; } }
	return LOCAL_CONST;
}
''', {'enum state', 'ST_A', 'ST_B', 'ST_C', 'ANON_ONE', 'ANON_TWO',
      'struct outer', 'struct inner', 'NESTED_CONST', 'union number',
      'one_number', 'number_ptr', 'struct outer_obj', 'with_body'},
     {'field', 'deep', 'in', 'l', 'p', 'e', 'callback', 'o', 'q', 'anon',
      'struct fwd_only', 'struct local_tag', 'LOCAL_CONST', 'y', 'i', 'f'}),
    ('#ifdef branches all count', r'''
#ifdef CONFIG_FOO
extern int foo_enabled(void);
#define FOO_MODE 1
#else
static inline int foo_enabled(void) { return 0; }
static inline void foo_only_off(void) { }
#define FOO_MODE 0
#endif
#if defined(A) && B > 2
int only_if_a(void);
#elif C
int only_if_c(void);
#endif
''', {'foo_enabled', 'foo_only_off', 'FOO_MODE', 'only_if_a', 'only_if_c'},
     {'CONFIG_FOO', 'A', 'B', 'C'}),
    ('per-CPU and bitmap declarators, macro invocations', r'''
DECLARE_PER_CPU(unsigned long, pcpu_counter);
DEFINE_PER_CPU_ALIGNED(struct rq, pcpu_rq);
DECLARE_PER_CPU_SHARED_ALIGNED(int, pcpu_shared);
extern const DECLARE_BITMAP(all_bits, 64);
DEFINE_GUARD(mylock, struct lock *, lock(_T), unlock(_T))
DEFINE_FREE(kfree_it, void *, if (_T) kfree(_T))
static inline int after_invocations(void) { return 0; }
__MAKE_OPS(atomic, atomic_t, int)
EXPORT_SYMBOL(something);
_Static_assert(sizeof(int) == 4, "int");
static_assert(1);
unsigned long counters[4], total;
extern struct big init_big;
''', {'pcpu_counter', 'pcpu_rq', 'pcpu_shared', 'all_bits',
      'after_invocations', 'counters', 'total', 'init_big'},
     {'DECLARE_PER_CPU', 'DEFINE_GUARD', 'mylock', 'kfree_it', 'something',
      'EXPORT_SYMBOL', 'atomic', 'static_assert', 'struct big', 'int'}),
    ('odd spellings', r'''
extern typeof(schedule) schedule_alias;
extern unsigned int
	split_over_lines;
static inline unsigned long
long_return_type(void)
{
	return 0;
}
int ERR_LIKE(const void *ptr);
struct __packed packed_tag { char c; };
void no_params();
extern char section_start[], section_end[];
struct with_attr_ptr { int x; } __aligned(8) *aligned_ptr;
''', {'schedule_alias', 'split_over_lines', 'long_return_type', 'ERR_LIKE',
      'struct packed_tag', 'no_params', 'section_start', 'section_end',
      'struct with_attr_ptr', 'aligned_ptr'},
     {'schedule', 'ptr', 'c', 'x'}),
]


def selftest():
    failed = 0
    for title, src, want, unwanted in SELFTEST:
        keys = {d.key for d in extract(src)}
        missing = want - keys
        extra = unwanted & keys
        if missing or extra:
            failed += 1
            print('FAIL %s' % title)
            if missing:
                print('  not found: %s' % ', '.join(sorted(missing)))
            if extra:
                print('  wrongly found: %s' % ', '.join(sorted(extra)))
            print('  found: %s' % ', '.join(sorted(keys)))
        else:
            print('ok   %s' % title)
    # line numbers
    decls = extract('#define A 1\n\nint\nb(void);\n')
    lines = {d.name: d.line for d in decls}
    if lines != {'A': 1, 'b': 4}:
        failed += 1
        print('FAIL line numbers: %r' % lines)
    else:
        print('ok   line numbers')
    total = len(SELFTEST) + 1
    print('%d passed, %d failed' % (total - failed, failed))
    return 1 if failed else 0


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--root', default=ROOT, help='the kernel tree to check')
    ap.add_argument('--api', default=API, help='the directory of .names lists')
    ap.add_argument('--selftest', action='store_true')
    ap.add_argument('--names', nargs='+', metavar='FILE')
    ap.add_argument('--gen-names', metavar='LINUX_DIR')
    ap.add_argument('--gen-map', metavar='LINUX_DIR')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('paths', nargs='*', help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.selftest:
        return selftest()
    if a.names:
        for f in a.names:
            with open(f, errors='replace') as fh:
                for d in extract(fh.read()):
                    print('%s:%d: %s %s' % (f, d.line, d.kind, d.name))
        return 0
    if a.gen_names:
        return gen_names(a.gen_names, a.api, a.root, a.paths)
    if a.gen_map:
        return gen_map(a.gen_map, a.api, a.root)
    violations, checked, skipped, bad = check(a.root, a.api, a.verbose)
    for v in violations:
        print(v)
    print('check_headers: %d violation%s in %d header%s (%d checked against '
          'Linux 6.18, %d skipped as this kernel\'s own)'
          % (len(violations), '' if len(violations) == 1 else 's', bad,
             '' if bad == 1 else 's', checked, skipped))
    return 1 if violations else 0


if __name__ == '__main__':
    sys.exit(main())
