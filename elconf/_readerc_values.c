/* elconf._readerc, part two: the values of atoms and strings (see _readerc.c).
 *
 * An atom's value is whatever the Python reader's own cache (_ATOM_CACHE) or its
 * _atom_value give for that text: numbers are decided by reader_numbers.py, symbols
 * interned by elconf.types.intern.  Strings with escapes other than \\ \" \n \t and
 * escaped character literals are read by reader_escapes.  This file only spares the
 * per-atom cost of a new string and its hash, and the common escapes' Python call.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_readerc.h"

PyObject *readerc_atom_value = NULL, *readerc_atom_cache = NULL, *readerc_reader_signal = NULL;

/* Call fn(text, pos) -> (value, after).  Returns 1 with *value (new) and *after,
   0 when it raised a ReaderSignal (cleared: the form is hard), -1 on another error. */
int
readerc_call_escape_reader(PyObject *fn, PyObject *text, Py_ssize_t pos, PyObject **value, Py_ssize_t *after)
{
    PyObject *result = PyObject_CallFunction(fn, "On", text, pos);
    if (result == NULL) {
        if (PyErr_ExceptionMatches(readerc_reader_signal)) {
            PyErr_Clear();
            return 0;
        }
        return -1;
    }
    if (!PyTuple_Check(result) || PyTuple_GET_SIZE(result) != 2) {
        Py_DECREF(result);
        PyErr_SetString(PyExc_TypeError, "reader escape function must return (value, offset)");
        return -1;
    }
    *after = PyLong_AsSsize_t(PyTuple_GET_ITEM(result, 1));
    if (*after == -1 && PyErr_Occurred()) {
        Py_DECREF(result);
        return -1;
    }
    *value = PyTuple_GET_ITEM(result, 0);
    Py_INCREF(*value);
    Py_DECREF(result);
    return 1;
}

/* Atoms seen before, by their characters: a mirror of the reader's _ATOM_CACHE that
   needs no new string per atom.  It only ever holds what _ATOM_CACHE or _atom_value gave
   for that text (never a float: each float read is a new object, as in Emacs), and both
   only grow, so it answers as they would. */
typedef struct {
    uint64_t hash;
    PyObject *key;      /* the atom's text (owned) */
    PyObject *value;    /* its value (owned) */
} AtomEntry;

static AtomEntry *atoms = NULL;
static size_t atoms_mask = 0, atoms_used = 0;
#define ATOMS_MAX 1000000       /* as _ATOM_CACHE: past this, atoms are looked up each time */

/* Whether key holds exactly the characters text[start:end]. */
static inline int
same_text(PyObject *key, int kind, const void *data, Py_ssize_t start, Py_ssize_t len)
{
    if (PyUnicode_GET_LENGTH(key) != len)
        return 0;
    int key_kind = PyUnicode_KIND(key);
    const void *key_data = PyUnicode_DATA(key);
    if (key_kind == kind)
        return memcmp(key_data, (const char *)data + start * kind, len * kind) == 0;
    for (Py_ssize_t k = 0; k < len; k++)
        if (PyUnicode_READ(key_kind, key_data, k) != PyUnicode_READ(kind, data, start + k))
            return 0;
    return 1;
}

static int
atoms_grow(void)
{
    size_t size = atoms ? (atoms_mask + 1) * 2 : 4096;
    AtomEntry *table = PyMem_Calloc(size, sizeof(AtomEntry));
    if (table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (atoms != NULL) {
        for (size_t k = 0; k <= atoms_mask; k++) {
            if (atoms[k].key == NULL)
                continue;
            size_t slot = atoms[k].hash & (size - 1);
            while (table[slot].key != NULL)
                slot = (slot + 1) & (size - 1);
            table[slot] = atoms[k];
        }
        PyMem_Free(atoms);
    }
    atoms = table;
    atoms_mask = size - 1;
    return 0;
}

/* The value of the plain atom text[start:end] (hash: FNV-1a of its characters). */
PyObject *
readerc_atom(PyObject *text, int kind, const void *data, Py_ssize_t start, Py_ssize_t end, uint64_t hash)
{
    size_t slot = 0;
    if (atoms != NULL) {
        slot = hash & atoms_mask;
        while (atoms[slot].key != NULL) {
            if (atoms[slot].hash == hash && same_text(atoms[slot].key, kind, data, start, end - start))
                return Py_NewRef(atoms[slot].value);
            slot = (slot + 1) & atoms_mask;
        }
    }
    /* Not seen: the reader's cache, else _atom_value. */
    PyObject *key = PyUnicode_Substring(text, start, end);
    if (key == NULL)
        return NULL;
    PyObject *value = PyDict_GetItemWithError(readerc_atom_cache, key);
    if (value != NULL) {
        Py_INCREF(value);
    }
    else if (PyErr_Occurred() || (value = PyObject_CallOneArg(readerc_atom_value, key)) == NULL) {
        Py_DECREF(key);
        return NULL;
    }
    if (PyFloat_CheckExact(value) || atoms_used >= ATOMS_MAX) {
        Py_DECREF(key);
        return value;
    }
    if (atoms == NULL || (atoms_used + 1) * 2 > atoms_mask + 1) {
        if (atoms_grow() < 0) {
            Py_DECREF(key);
            Py_DECREF(value);
            return NULL;
        }
        slot = hash & atoms_mask;
        while (atoms[slot].key != NULL)
            slot = (slot + 1) & atoms_mask;
    }
    atoms[slot].hash = hash;
    atoms[slot].key = key;              /* the table takes this reference */
    atoms[slot].value = Py_NewRef(value);
    atoms_used++;
    return value;
}

/* The string text[start:end] with the escapes \\ \" \n \t replaced. */
PyObject *
readerc_common_escapes(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 *buf = PyMem_Malloc((end - start + 1) * sizeof(Py_UCS4));
    if (buf == NULL)
        return PyErr_NoMemory();
    Py_ssize_t k = 0;
    for (Py_ssize_t j = start; j < end; j++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (c == '\\') {
            c = PyUnicode_READ(kind, data, ++j);
            if (c == 'n')
                c = '\n';
            else if (c == 't')
                c = '\t';
        }
        buf[k++] = c;
    }
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, k);
    PyMem_Free(buf);
    return result;
}

/* Forget every atom: configure() gave new objects. */
void
readerc_atoms_clear(void)
{
    if (atoms == NULL)
        return;
    for (size_t k = 0; k <= atoms_mask; k++) {
        Py_XDECREF(atoms[k].key);
        Py_XDECREF(atoms[k].value);
    }
    PyMem_Free(atoms);
    atoms = NULL;
    atoms_mask = atoms_used = 0;
}
