"""Gaps the corpus6 real configs found (tests/realconfigs: gnus-connect-defun,
message-server-alist-fn, chemacs-profiles ...), each compared with Emacs 28.2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluator.emacs_oracle import elconf_printed, emacs_outputs

REGEXP_OPT = [
    "(regexp-opt '(\"piotr.diasp@uni.example.pl\" \"pd@example.org\"))",
    "(regexp-opt '(\"ryota@sakamoto.example.jp\" \"r.sakamoto@lab.example.ac.jp\"))",
    "(regexp-opt '(\"a\" \"b\" \"c\" \"d\" \"e\" \"x\" \"-\" \"^\" \"]\"))",
    "(regexp-opt '(\"^\" \"-\"))",
    "(regexp-opt '(\"cat\" \"hat\" \"that\" \"at\" \"\"))",
    "(regexp-opt '(\"foo\" \"foobar\" \"foobaz\" \"bar\" \"b\" \"c\"))",
    "(regexp-opt '(\"ad\" \"d\" \"bd\"))",
    "(regexp-opt '(\"me@home.example\" \"me@work.example\" \"me@home.example\") t)",
    "(regexp-opt '(\"define\" \"defun\" \"defvar\") 'words)",
    "(regexp-opt '(\"mu4e\" \"gnus\") 'symbols)",
    "(regexp-opt '(\"one\" \"two\") \"\\\\(?1:\")",
    "(regexp-opt nil)",
    "(regexp-opt '(\"x\"))",
    "(regexp-opt '(\"xyz\"))",
    "(regexp-opt '(\"a.b\" \"a*c\" \"[d]\"))",
    "(regexp-opt '(\"0\" \"1\" \"2\" \"3\" \"5\" \"6\" \"7\" \"9\"))",
]


@pytest.fixture(scope="module")
def emacs_regexp_opt(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return emacs_outputs(REGEXP_OPT, tmp_path_factory.mktemp("home"))


@pytest.mark.parametrize("index", range(len(REGEXP_OPT)))
def test_regexp_opt_is_emacss_regexp(index: int, emacs_regexp_opt: list[str], tmp_path: Path) -> None:
    assert elconf_printed(REGEXP_OPT[index], tmp_path, lexical=True) == emacs_regexp_opt[index]


CL_ALIASES = [
    "(list (fboundp 'first) (fboundp 'loop))",
    "(progn (require 'cl) (list (first '(a b c)) (second '(a b c)) (rest '(a b c)) (third '(a b c))))",
    "(loop for (addr server) in '((\"a@x\" \"smtp.x\") (\"b@y\" \"smtp.y\")) collect server)",
    "(case 'gnu/linux (darwin \"mac\") (gnu/linux \"linux\") (t \"other\"))",
    "(let ((n 1)) (incf n 2) (decf n) n)",
    "(let ((l '(b))) (pushnew 'a l) (pushnew 'b l) l)",
    "(list (remove-if-not #'stringp '(1 \"a\" b \"c\")) (some #'numberp '(a 2)) (plusp 3) (evenp 3))",
    "(list (fboundp 'first) (fboundp 'loop) (fboundp 'rest))",
]


def test_require_cl_defines_its_old_names(tmp_path: Path) -> None:
    """(require 'cl): cl.el's obsolete aliases (first, rest, loop, case ...) of cl-lib."""
    from elconf.interpreter import Interpreter
    from elconf.printer import prin1_to_string
    from elconf.reader import read_from_string

    emacs = emacs_outputs(CL_ALIASES, tmp_path / "emacs-home", lexical=True) \
        if (tmp_path / "emacs-home").mkdir() is None else []
    home = tmp_path / "home"
    home.mkdir()
    ip = Interpreter(home=home, env={"HOME": str(home)})
    ip.lexical = True
    ours = [prin1_to_string(ip.eval(read_from_string(text, 0)[0])) for text in CL_ALIASES]
    assert ours == emacs


def _ours(texts: list[str], home: Path) -> list[str]:
    """Each text evaluated in order in ONE interpreter (as the oracle's one Emacs does)."""
    from elconf.errors import LispSignal
    from elconf.interpreter import Interpreter
    from elconf.printer import prin1_to_string
    from elconf.reader import read_from_string

    ip = Interpreter(home=home, env={"HOME": str(home)})
    ip.lexical = True
    out = []
    for text in texts:
        try:
            out.append(prin1_to_string(ip.eval(read_from_string(text, 0)[0])))
        except LispSignal as signal:
            out.append(f"(ERROR {signal.symbol.name})")
    return out


TEMP_BUFFER = [
    # chemacs: the profiles file read as Lisp
    "(with-temp-buffer (insert-file-contents \"~/profiles.el\") (goto-char (point-min))"
    " (list (read (current-buffer)) (read (current-buffer)) (point)))",
    # an address kept in a data file of the home
    "(string-trim (with-temp-buffer (insert-file-contents \"~/address.el\") (buffer-string)))",
    "(with-temp-buffer (insert \"abc\" ?d) (list (point) (point-min) (point-max)"
    " (buffer-substring 2 4) (buffer-size)))",
    "(with-temp-buffer (current-buffer))",
    "(with-temp-buffer (insert-file-contents \"~/address.el\"))",
    "(with-temp-buffer (insert-file-contents \"~/no-such-file.el\"))",
    "(with-temp-buffer (insert \"(a\") (goto-char (point-min)) (read (current-buffer)))",
    "(let ((b (with-temp-buffer (current-buffer)))) (with-temp-buffer (insert \"x\")"
    " (list (with-temp-buffer (insert \"yz\") (buffer-string)) (buffer-string))))",
]


def test_with_temp_buffer_reads_data_files_as_emacs_does(tmp_path: Path) -> None:
    homes = []
    for name in ("emacs", "elconf"):
        home = tmp_path / name
        home.mkdir()
        (home / "profiles.el").write_text('(("default" . ((user-emacs-directory . "~/.config/e"))))\n'
                                          "  second ; more\n", encoding="utf-8")
        (home / "address.el").write_text("  ana@example.org\n", encoding="utf-8")
        homes.append(home)
    emacs = emacs_outputs(TEMP_BUFFER, homes[0], lexical=True)
    ours = [text.replace(str(homes[1]), str(homes[0])) for text in _ours(TEMP_BUFFER, homes[1])]
    assert ours == emacs


def test_outside_a_temp_buffer_buffers_stay_unknown(run) -> None:
    from elconf.unknowns import Opaque

    ip = run("(setq a (buffer-string) b (insert-file-contents \"~/x\") c (point))\n")
    assert all(type(ip.store.get(name)) is Opaque for name in ("a", "b", "c"))


def test_only_lisp_files_of_the_home_are_read_into_a_buffer(run, home) -> None:
    """The sandbox's rule (docs/reliability.md): no file's text becomes a value, except an
    Emacs Lisp data file of the home that is not a credential's."""
    from elconf.unknowns import Opaque

    (home / ".authinfo.el").write_text("machine x password secret\n")
    (home / "notes.txt").write_text("private\n")
    (home / "data.el").write_text("(a b)\n")
    reads = {"passwd": "/etc/passwd", "authinfo": "~/.authinfo.el", "text": "~/notes.txt",
             "data": "~/data.el"}
    ip = run("".join(f'(setq {var} (with-temp-buffer (insert-file-contents "{path}") (buffer-string)))\n'
                     for var, path in reads.items()))
    assert all(type(ip.store.get(var)) is Opaque for var in ("passwd", "authinfo", "text"))
    assert ip.store.get("data") == "(a b)\n"


HOST_NAME = [
    "(shell-command-to-string \"hostname\")",
    "(substring (shell-command-to-string \"hostname -s\") 0 -1)",
    "(string-trim (shell-command-to-string \"uname -n\"))",
    "(string= (system-name) (string-trim (shell-command-to-string \"hostname\")))",
]


def test_the_host_name_command_prints_system_name(tmp_path: Path) -> None:
    """The per-machine switch ``(shell-command-to-string "hostname")``: what the command
    prints is (system-name) and a newline; no process is started."""
    (tmp_path / "emacs").mkdir()
    (tmp_path / "elconf").mkdir()
    assert _ours(HOST_NAME, tmp_path / "elconf") == emacs_outputs(HOST_NAME, tmp_path / "emacs")


LOADED_FILE = """;;; mail-lib.el -*- lexical-binding: %s -*-
(defun my-ctx (name)
  (list :match (lambda (msg) (when msg (string-prefix-p name msg)))
        :leave (lambda () (unless name (message "x")) (let ((f (lambda (y) (when y 1)))) f))
        :cond (lambda (a) (cond ((when a 1) 2) (t (condition-case e (when a 3) (error (unless e 4))))))
        :q (lambda () '(when a b) #'(lambda (z) (when z z)))))
(setq ee-v (my-ctx "w"))
(setq ee-h nil)
(add-hook 'ee-h (lambda () (when (boundp 'x) (setq fill-column 72))))
(defun ee-f (x) "doc" (unless x (when x 1)))
(setq ee-s (symbol-function 'ee-f))
"""


@pytest.mark.parametrize("lexical", ["t", "nil"])
def test_functions_from_a_loaded_file_print_macroexpanded(lexical: str, tmp_path: Path) -> None:
    """load expands a file's macros before evaluating it: a lambda written with `when' in a
    loaded file prints with `if'/`progn', as in Emacs 28.2 (the init file, evaluated form by
    form, keeps its text: tests/evaluator/test_closure_printing.py)."""
    from elconf.interpreter import Interpreter
    from elconf.printer import prin1_to_string

    lib = tmp_path / "mail-lib.el"
    lib.write_text(LOADED_FILE % lexical, encoding="utf-8")
    (tmp_path / "emacs").mkdir()
    [emacs] = emacs_outputs([f'(progn (load "{lib}" nil t) (list ee-v ee-h ee-s))'], tmp_path / "emacs")
    init = tmp_path / "init.el"
    init.write_text(f'(load "{lib}" nil t)\n', encoding="utf-8")
    ip = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    ip.load_file(init)
    ours = prin1_to_string(lisp_list_of(ip, "ee-v", "ee-h", "ee-s"))
    assert ours == emacs


def lisp_list_of(ip, *names: str):
    from elconf.types import lisp_list

    return lisp_list([ip.store.get(name) for name in names])


CL_DEFUN_KEYS = [
    "(progn (require (quote cl-lib)) (cl-defun elconf-k1 (&key name (port 587) dir) (lambda (m) (list name port dir m)))"
    " (prin1-to-string (elconf-k1 :name \"a\" :dir \"d\")))",
    "(progn (cl-defun elconf-k2 (x &key y) (lambda () (list x y)))"
    " (prin1-to-string (elconf-k2 1 :y 2)))",
    "(progn (cl-defun elconf-k3 (&rest r &key y) (lambda () (list r y)))"
    " (prin1-to-string (elconf-k3 :y 2)))",
]


def test_cl_defun_key_closures_capture_cl_rest(tmp_path: Path) -> None:
    """A closure made in a cl-defun with &key captures the hidden --cl-rest-- too (the
    mu4e-context builders of real configs print it)."""
    (tmp_path / "emacs").mkdir()
    (tmp_path / "elconf").mkdir()
    emacs = emacs_outputs(CL_DEFUN_KEYS, tmp_path / "emacs", lexical=True)
    assert _ours(CL_DEFUN_KEYS, tmp_path / "elconf") == emacs


@pytest.mark.parametrize("library", ["tramp", "gnus", "gnus-sum", "nnimap", "mailalias", "browse-url"])
def test_shipped_libraries_load_the_mail_libraries_they_require(library: str, tmp_path: Path) -> None:
    """(require 'gnus) binds auth-sources in Emacs 28.2 (gnus requires auth-source), (require
    'gnus-sum) loads message: the route defaults are bound as in Emacs."""
    probe = ("(list (featurep 'auth-source) (featurep 'message) (featurep 'sendmail)"
             " (featurep 'mail-utils))")
    (tmp_path / "emacs").mkdir()
    (tmp_path / "elconf").mkdir()
    [emacs] = emacs_outputs([f"(progn (require '{library}) {probe})"], tmp_path / "emacs")
    assert _ours([f"(progn (require '{library}) {probe})"], tmp_path / "elconf") == [emacs]


@pytest.mark.parametrize("modules", ["", "(setq org-modules '(ol-info)) "])
def test_org_babel_load_file_loads_org_modules_as_org_mode_does(modules: str, tmp_path: Path) -> None:
    """Tangling visits the Org file in org-mode, which loads org-modules: ol-gnus loads
    message and auth-source (literate-org-babel's route values)."""
    probe = "(list (featurep 'message) (featurep 'auth-source) (boundp 'auth-sources))"
    results = []
    for name in ("emacs", "elconf"):
        home = tmp_path / name
        home.mkdir()
        (home / "config.org").write_text("* Mail\n#+begin_src emacs-lisp\n(setq elconf-x 1)\n"
                                         "#+end_src\n", encoding="utf-8")
        expr = f'(progn {modules}(org-babel-load-file "{home}/config.org") {probe})'
        results.append(emacs_outputs([expr], home) if name == "emacs" else _ours([expr], home))
    assert results[1] == results[0]
