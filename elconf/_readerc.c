/* elconf._readerc: the compiled twin of the reader's fast path (elconf/reader_fast.py).
 *
 * Why C: the pure-Python reader costs about 1-2 us per token in CPython's
 * interpreter loop, which keeps it under half the speed of Emacs's own C
 * `read' (issue 14).  This module reads the common forms in one C loop and
 * builds the very same Python objects (elconf.types.Cons with the same
 * positions, the same interned symbols, Vector, elconf.reader.Form).
 *
 * What it reads: lists, dotted pairs, vectors, plain symbols and numbers (the
 * value of an atom comes from the Python reader's own cache or its own
 * `_atom_value', so numbers are decided by reader_numbers.py), strings
 * (the escapes \\ \" \n \t here, any other one by reader_escapes.read_string),
 * character literals (plain ones here, escaped ones by
 * reader_escapes.read_char_literal), quote, #', backquote, comma, comma-at,
 * comments and blanks.
 *
 * Anything else is HARD: `scan' stops and returns the offset where the
 * top-level form containing it starts, and Python's general reader
 * (Reader.read) reads that form: the value or the exact error.  So this code
 * never decides anything the general reader would decide differently; it only
 * skips the interpreter's per-token overhead where nothing unusual happens.
 * HARD: any `#' syntax but #', a backslash outside a string or character
 * literal, a lone surrogate (a raw byte of the source: U+DC80..U+DCFF) outside
 * what reader_escapes reads, a misplaced dot or parenthesis, the end of the
 * text inside a form, nesting deeper than MAX_DEPTH, a ReaderSignal from
 * reader_escapes.
 *
 * Safety: nesting uses explicit heap stacks (no recursion), so hostile input
 * cannot overflow the C stack; every reference is owned by exactly one of the
 * value stack, a frame or the value being delivered, and `cleanup' releases
 * them on every exit.
 *
 * Files: this one scans and builds; _readerc_values.c gives atoms and strings
 * their values; _readerc.h is what they share.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_readerc.h"

/* Objects from Python, set once by configure(). */
static PyTypeObject *cons_type = NULL;
static Py_ssize_t car_offset, cdr_offset, pos_offset;
static PyObject *nil_sym, *quote_sym, *function_sym, *backquote_sym, *comma_sym, *comma_at_sym;
static PyObject *vector_type, *form_type;
static PyObject *read_string_fn, *read_char_fn;

enum { DONE = 0, HARD = 1 };
enum { LIST, AFTER_DOT, TAIL_READ, VECTOR, WRAP };

/* Past this depth the general reader reads the form (it has its own limit and error). */
#define MAX_DEPTH 10000

typedef struct {
    int kind;
    Py_ssize_t base;     /* index of its first element on the value stack */
    PyObject *where;     /* (line, col) tuple, owned (NULL for vectors) */
    PyObject *extra;     /* WRAP: the symbol (borrowed, module-lifetime); TAIL_READ: the tail (owned) */
} Frame;

typedef struct {
    PyObject **vals;
    Py_ssize_t nvals, capvals;
    Frame *frames;
    Py_ssize_t depth, capframes;
} State;

#define SLOT(obj, off) (*(PyObject **)((char *)(obj) + (off)))

/* A new Cons, stealing car and cdr, taking a new reference to where. */
static PyObject *
new_cons_steal(PyObject *car, PyObject *cdr, PyObject *where)
{
    PyObject *cell = cons_type->tp_alloc(cons_type, 0);
    if (cell == NULL) {
        Py_DECREF(car);
        Py_DECREF(cdr);
        return NULL;
    }
    SLOT(cell, car_offset) = car;
    SLOT(cell, cdr_offset) = cdr;
    Py_INCREF(where);
    SLOT(cell, pos_offset) = where;
    return cell;
}

static int
push_value(State *st, PyObject *value)  /* steals value */
{
    if (st->nvals == st->capvals) {
        Py_ssize_t cap = st->capvals ? st->capvals * 2 : 256;
        PyObject **vals = PyMem_Realloc(st->vals, cap * sizeof(PyObject *));
        if (vals == NULL) {
            Py_DECREF(value);
            PyErr_NoMemory();
            return -1;
        }
        st->vals = vals;
        st->capvals = cap;
    }
    st->vals[st->nvals++] = value;
    return 0;
}

static int
push_frame(State *st, int kind, PyObject *where, PyObject *extra)  /* steals where */
{
    if (st->depth == st->capframes) {
        Py_ssize_t cap = st->capframes ? st->capframes * 2 : 64;
        Frame *frames = PyMem_Realloc(st->frames, cap * sizeof(Frame));
        if (frames == NULL) {
            Py_XDECREF(where);
            PyErr_NoMemory();
            return -1;
        }
        st->frames = frames;
        st->capframes = cap;
    }
    Frame *f = &st->frames[st->depth++];
    f->kind = kind;
    f->base = st->nvals;
    f->where = where;
    f->extra = extra;
    return 0;
}

/* Release every frame and value: the form being read is abandoned. */
static void
reset(State *st)
{
    while (st->nvals > 0) {
        st->nvals--;
        Py_DECREF(st->vals[st->nvals]);
    }
    while (st->depth > 0) {
        Frame *f = &st->frames[--st->depth];
        Py_XDECREF(f->where);
        if (f->kind == TAIL_READ)
            Py_XDECREF(f->extra);
    }
}

static void
cleanup(State *st)
{
    reset(st);
    PyMem_Free(st->vals);
    PyMem_Free(st->frames);
}

static PyObject *
where_tuple(Py_ssize_t line, Py_ssize_t col)
{
    PyObject *where = PyTuple_New(2);
    if (where == NULL)
        return NULL;
    PyObject *a = PyLong_FromSsize_t(line), *b = PyLong_FromSsize_t(col);
    if (a == NULL || b == NULL) {
        Py_XDECREF(a);
        Py_XDECREF(b);
        Py_DECREF(where);
        return NULL;
    }
    PyTuple_SET_ITEM(where, 0, a);
    PyTuple_SET_ITEM(where, 1, b);
    return where;
}

PyDoc_STRVAR(scan_doc,
"scan(text, pos, limit, line, line_start, forms) -> (status, offset)\n\n"
"Read top-level forms of text from pos into the list forms (elconf.reader.Form\n"
"records), starting no form at or after limit.  line is the 1-based line of pos\n"
"and line_start the offset where that line starts.  Returns (0, offset) when\n"
"done (offset: where the next form would start, or len(text)), or (1, offset)\n"
"when the form starting at offset needs the general reader.");

static PyObject *
scan(PyObject *self, PyObject *args)
{
    PyObject *text, *forms;
    Py_ssize_t pos, limit, line, ls;
    if (!PyArg_ParseTuple(args, "UnnnnO!:scan", &text, &pos, &limit, &line, &ls, &PyList_Type, &forms))
        return NULL;
    if (cons_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "elconf._readerc.configure() was not called");
        return NULL;
    }
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (pos < 0 || pos > n || ls < 0 || ls > pos || line < 1) {
        PyErr_SetString(PyExc_ValueError, "scan: offsets out of range");
        return NULL;
    }
    State st = {NULL, 0, 0, NULL, 0, 0};
    Py_ssize_t i = pos;
    Py_ssize_t form_start = pos, form_line = line, form_col = 1;
    PyObject *value = NULL;
    int status = DONE;

#define READ(j) PyUnicode_READ(kind, data, (j))
#define GO_HARD() do { status = HARD; i = form_start; goto finish; } while (0)

    for (;;) {
        /* Blanks and comments. */
        while (i < n) {
            Py_UCS4 c = READ(i);
            if (c <= 0x20 || c == 0xa0) {
                if (c == '\n') {
                    line++;
                    ls = i + 1;
                }
                i++;
            }
            else if (c == ';') {
                while (i < n && READ(i) != '\n')
                    i++;
            }
            else
                break;
        }
        if (st.depth == 0) {
            if (i >= n || i >= limit) {
                status = DONE;
                goto finish;
            }
            form_start = i;
            form_line = line;
            form_col = i - ls + 1;
        }
        else if (i >= n)
            GO_HARD();      /* the end of the text inside a form: the general reader's error */
        Py_UCS4 c = READ(i);
        switch (c) {
        case '(': {
            if (st.depth >= MAX_DEPTH)
                GO_HARD();
            PyObject *where = where_tuple(line, i - ls + 1);
            if (where == NULL || push_frame(&st, LIST, where, NULL) < 0)
                goto error;
            i++;
            continue;
        }
        case ')': {
            if (st.depth == 0)
                GO_HARD();
            Frame *f = &st.frames[st.depth - 1];
            PyObject *tail;
            if (f->kind == LIST)
                tail = Py_NewRef(nil_sym);
            else if (f->kind == TAIL_READ) {
                tail = f->extra;
                f->extra = NULL;
                f->kind = LIST;
            }
            else
                GO_HARD();
            /* Build the list from its last element, each cell taking the value stack's reference. */
            value = tail;
            while (st.nvals > f->base) {
                PyObject *item = st.vals[--st.nvals];
                value = new_cons_steal(item, value, f->where);
                if (value == NULL)
                    goto error;
            }
            Py_DECREF(f->where);
            st.depth--;
            i++;
            break;
        }
        case '[':
            if (st.depth >= MAX_DEPTH)
                GO_HARD();
            if (push_frame(&st, VECTOR, NULL, NULL) < 0)
                goto error;
            i++;
            continue;
        case ']': {
            if (st.depth == 0 || st.frames[st.depth - 1].kind != VECTOR)
                GO_HARD();
            Frame *f = &st.frames[st.depth - 1];
            Py_ssize_t count = st.nvals - f->base;
            PyObject *items = PyList_New(count);
            if (items == NULL)
                goto error;
            for (Py_ssize_t k = 0; k < count; k++)
                PyList_SET_ITEM(items, k, st.vals[f->base + k]);   /* the list takes the references */
            st.nvals = f->base;
            st.depth--;
            value = PyObject_CallOneArg(vector_type, items);
            Py_DECREF(items);
            if (value == NULL)
                goto error;
            i++;
            break;
        }
        case '\'': case '`': case ',': case '#': {
            PyObject *symbol;
            Py_ssize_t width = 1;
            if (c == '\'')
                symbol = quote_sym;
            else if (c == '`')
                symbol = backquote_sym;
            else if (c == ',') {
                if (i + 1 < n && READ(i + 1) == '@') {
                    symbol = comma_at_sym;
                    width = 2;
                }
                else
                    symbol = comma_sym;
            }
            else {
                if (!(i + 1 < n && READ(i + 1) == '\''))
                    GO_HARD();      /* any # syntax but #' */
                symbol = function_sym;
                width = 2;
            }
            if (st.depth >= MAX_DEPTH)
                GO_HARD();
            PyObject *where = where_tuple(line, i - ls + 1);
            if (where == NULL || push_frame(&st, WRAP, where, symbol) < 0)
                goto error;
            i += width;
            continue;
        }
        case '"': {
            Py_ssize_t j = i + 1;
            int escapes = 0, uncommon = 0;
            Py_ssize_t s_line = line, s_ls = ls;
            for (;;) {
                if (j >= n)
                    GO_HARD();
                Py_UCS4 d = READ(j);
                if (d == '"')
                    break;
                if (is_surrogate(d))
                    GO_HARD();      /* raw bytes: unibyte or multibyte, reader_escapes decides */
                if (d == '\n') {
                    s_line++;
                    s_ls = j + 1;
                }
                else if (d == '\\') {
                    if (j + 1 >= n)
                        GO_HARD();
                    Py_UCS4 e = READ(j + 1);
                    escapes = 1;
                    if (e != '\\' && e != '"' && e != 'n' && e != 't')
                        uncommon = 1;
                    if (is_surrogate(e))
                        GO_HARD();
                    if (e == '\n') {
                        s_line++;
                        s_ls = j + 2;
                    }
                    j++;
                }
                j++;
            }
            /* j: the closing quote as a scan that only pairs backslashes sees it. */
            if (!escapes)
                value = PyUnicode_Substring(text, i + 1, j);
            else if (!uncommon)
                value = readerc_common_escapes(kind, data, i + 1, j);
            else {
                Py_ssize_t after;
                int got = readerc_call_escape_reader(read_string_fn, text, i + 1, &value, &after);
                if (got < 0)
                    goto error;
                if (got == 0)
                    GO_HARD();
                if (after != j + 1) {       /* an escape that takes a quote (\C-"): elsewhere */
                    Py_CLEAR(value);
                    GO_HARD();
                }
            }
            if (value == NULL)
                goto error;
            line = s_line;
            ls = s_ls;
            i = j + 1;
            break;
        }
        case '?': {
            if (i + 1 >= n)
                GO_HARD();
            Py_UCS4 d = READ(i + 1);
            if (d != '\\' && !is_surrogate(d) && (i + 2 >= n || char_follow(READ(i + 2)))) {
                value = PyLong_FromUnsignedLong(d);
                if (value == NULL)
                    goto error;
                if (d == '\n') {
                    line++;
                    ls = i + 2;
                }
                i += 2;
                break;
            }
            Py_ssize_t after;
            int got = readerc_call_escape_reader(read_char_fn, text, i + 1, &value, &after);
            if (got < 0)
                goto error;
            if (got == 0)
                GO_HARD();
            if (after <= i || after > n) {
                Py_CLEAR(value);
                GO_HARD();
            }
            for (Py_ssize_t j = i + 1; j < after; j++) {
                if (READ(j) == '\n') {
                    line++;
                    ls = j + 1;
                }
            }
            i = after;
            break;
        }
        case '.': {
            Py_UCS4 d = i + 1 < n ? READ(i + 1) : 0;
            if (i + 1 >= n || dot_follow(d)) {
                /* The dot of a dotted pair: only after an element of a list. */
                if (st.depth == 0)
                    GO_HARD();
                Frame *f = &st.frames[st.depth - 1];
                if (f->kind != LIST || st.nvals == f->base)
                    GO_HARD();
                f->kind = AFTER_DOT;
                i++;
                continue;
            }
            if (!is_constituent(d) || is_surrogate(d))
                GO_HARD();
            goto atom_case;
        }
        case '\\':
            GO_HARD();
        default:
        atom_case: {
            if (is_surrogate(c))
                GO_HARD();
            Py_ssize_t j = i + 1;
            Py_UCS4 d = 0;
            uint64_t hash = (FNV_OFFSET ^ c) * FNV_PRIME;
            while (j < n) {
                d = READ(j);
                if (!is_constituent(d))
                    break;
                if (is_surrogate(d))
                    GO_HARD();
                hash = (hash ^ d) * FNV_PRIME;
                j++;
            }
            if (j < n && d == '\\')
                GO_HARD();      /* an escape in a symbol */
            value = readerc_atom(text, kind, data, i, j, hash);
            if (value == NULL)
                goto error;
            i = j;
            break;
        }
        }

        /* A value is complete (value: owned, i: just after it): give it to the innermost frame. */
        for (;;) {
            if (st.depth == 0) {
                PyObject *form = PyObject_CallFunction(form_type, "Nnnnn", value, form_line, form_col,
                                                       form_start, i);
                value = NULL;
                if (form == NULL)
                    goto error;
                int failed = PyList_Append(forms, form);
                Py_DECREF(form);
                if (failed)
                    goto error;
                break;
            }
            Frame *f = &st.frames[st.depth - 1];
            if (f->kind == LIST || f->kind == VECTOR) {
                int failed = push_value(&st, value);
                value = NULL;
                if (failed)
                    goto error;
                break;
            }
            if (f->kind == WRAP) {
                PyObject *where = f->where;
                PyObject *symbol = f->extra;
                st.depth--;
                PyObject *inner = new_cons_steal(value, Py_NewRef(nil_sym), where);
                value = inner == NULL ? NULL : new_cons_steal(Py_NewRef(symbol), inner, where);
                Py_DECREF(where);
                if (value == NULL)
                    goto error;
                continue;
            }
            if (f->kind == AFTER_DOT) {
                f->kind = TAIL_READ;
                f->extra = value;
                value = NULL;
                break;
            }
            /* A second element after the dot: the general reader's error. */
            Py_CLEAR(value);
            GO_HARD();
        }
    }

finish:
    Py_XDECREF(value);
    cleanup(&st);
    return Py_BuildValue("(in)", status, i);

error:
    Py_XDECREF(value);
    cleanup(&st);
    return NULL;
#undef READ
#undef GO_HARD
}

/* The byte offset of a __slots__ member of cls, checked to be an object slot. */
static int
slot_offset(PyObject *cls, const char *name, Py_ssize_t *offset)
{
    PyObject *descr = PyObject_GetAttrString(cls, name);
    if (descr == NULL)
        return -1;
    if (!Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
        Py_DECREF(descr);
        PyErr_Format(PyExc_TypeError, "%s is not a __slots__ member", name);
        return -1;
    }
    PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
    if (member->type != T_OBJECT_EX || (member->flags & READONLY)) {
        Py_DECREF(descr);
        PyErr_Format(PyExc_TypeError, "%s is not a writable object slot", name);
        return -1;
    }
    *offset = member->offset;
    Py_DECREF(descr);
    return 0;
}

PyDoc_STRVAR(configure_doc,
"configure(Cons, nil, quote, function, backquote, comma, comma_at, Vector, Form,\n"
"          atom_value, atom_cache, read_string, read_char_literal, ReaderSignal)\n\n"
"Give the module the Python objects it builds and calls (elconf.reader_fast does).");

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *cons, *objs[13];
    if (!PyArg_ParseTuple(args, "O!OOOOOOOOOO!OOO:configure", &PyType_Type, &cons,
                          &objs[0], &objs[1], &objs[2], &objs[3], &objs[4], &objs[5],
                          &objs[6], &objs[7], &objs[8], &PyDict_Type, &objs[9],
                          &objs[10], &objs[11], &objs[12]))
        return NULL;
    Py_ssize_t car, cdr, pos;
    if (slot_offset(cons, "car", &car) < 0 || slot_offset(cons, "cdr", &cdr) < 0
        || slot_offset(cons, "pos", &pos) < 0)
        return NULL;
    if (!PyExceptionClass_Check(objs[12])) {
        PyErr_SetString(PyExc_TypeError, "ReaderSignal must be an exception class");
        return NULL;
    }
    PyObject **targets[13] = {&nil_sym, &quote_sym, &function_sym, &backquote_sym, &comma_sym,
                              &comma_at_sym, &vector_type, &form_type, &readerc_atom_value, &readerc_atom_cache,
                              &read_string_fn, &read_char_fn, &readerc_reader_signal};
    for (int k = 0; k < 13; k++)
        Py_XSETREF(*targets[k], Py_NewRef(objs[k]));
    Py_INCREF(cons);
    Py_XSETREF(cons_type, (PyTypeObject *)cons);
    car_offset = car;
    cdr_offset = cdr;
    pos_offset = pos;
    readerc_atoms_clear();      /* new objects: what the table remembers may not be theirs */
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, scan_doc},
    {"configure", configure, METH_VARARGS, configure_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "elconf._readerc",
    "The compiled twin of elconf.reader_fast's fast path (optional; see docs/performance.md).",
    -1, methods,
};

PyMODINIT_FUNC
PyInit__readerc(void)
{
    return PyModule_Create(&module);
}
