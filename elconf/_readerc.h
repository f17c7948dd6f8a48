/* elconf._readerc: what its two C files share (_readerc.c scans, _readerc_values.c
 * gives atoms and strings their values).  Not a public API. */

#ifndef ELCONF_READERC_H
#define ELCONF_READERC_H

#include <stdint.h>

/* Set by configure(): the reader's _atom_value and _ATOM_CACHE, and ReaderSignal. */
extern PyObject *readerc_atom_value, *readerc_atom_cache, *readerc_reader_signal;

/* FNV-1a over an atom's characters, computed while scanning it. */
#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

PyObject *readerc_atom(PyObject *text, int kind, const void *data, Py_ssize_t start, Py_ssize_t end,
                       uint64_t hash);
void readerc_atoms_clear(void);
PyObject *readerc_common_escapes(int kind, const void *data, Py_ssize_t start, Py_ssize_t end);
int readerc_call_escape_reader(PyObject *fn, PyObject *text, Py_ssize_t pos, PyObject **value,
                               Py_ssize_t *after);

/* Is c a symbol constituent for the general reader (backslash excluded)? */
static inline int
is_constituent(Py_UCS4 c)
{
    if (c <= 0x20 || c == 0xa0)
        return 0;
    switch (c) {
    case '"': case '\'': case ';': case '(': case ')': case '[': case ']':
    case '#': case '`': case ',': case '\\':
        return 0;
    }
    return 1;
}

static inline int
is_surrogate(Py_UCS4 c)
{
    return c >= 0xD800 && c <= 0xDFFF;
}

/* What makes a `.' the dot of a dotted pair: [\x00-\x20"';(\[#?`,] or the end. */
static inline int
dot_follow(Py_UCS4 c)
{
    if (c <= 0x20)
        return 1;
    switch (c) {
    case '"': case '\'': case ';': case '(': case '[': case '#': case '?': case '`': case ',':
        return 1;
    }
    return 0;
}

/* What may follow a plain character literal: [\x00-\x20"';()\[\]#?`,.] or the end. */
static inline int
char_follow(Py_UCS4 c)
{
    if (c <= 0x20)
        return 1;
    switch (c) {
    case '"': case '\'': case ';': case '(': case ')': case '[': case ']':
    case '#': case '?': case '`': case ',': case '.':
        return 1;
    }
    return 0;
}

#endif
