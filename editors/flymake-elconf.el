;;; flymake-elconf.el --- Flymake backend for `elconf check' -*- lexical-binding: t -*-

;; Version: 1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: mail, tools, convenience
;; URL: https://github.com/elsend/elsend

;; This file is part of elsend.  It is free software, under the same
;; license as elsend.

;;; Commentary:

;; `elconf check' reads an Emacs init file as Emacs 28.2 would and reports
;; what would go wrong when mail is sent with it: an unclosed list, a
;; string where smtpmail wants a symbol, port 465 without TLS, ...  This
;; file shows those findings in the buffer while you edit, with Flymake.
;;
;; Set-up (elsend's `elconf' must be on `exec-path'):
;;
;;   (add-to-list 'load-path "/path/to/elsend/editors")
;;   (require 'flymake-elconf)
;;   (add-hook 'emacs-lisp-mode-hook #'flymake-elconf-setup)
;;
;; `flymake-elconf-setup' turns the backend on only in the buffers that
;; `flymake-elconf-file-p' says are init files (your `user-init-file',
;; ~/.emacs, init.el...); call `flymake-elconf-enable' to check any other
;; buffer as an init file.
;;
;; Each finding becomes a diagnostic at its line and column: the variable's
;; symbol inside a multi-pair `setq', the parenthesis of an unclosed list.
;; Its text is the message, the rule id in brackets and the fix; the whole
;; finding (an alist of the JSON object, see docs/editors.md) is the
;; diagnostic's data (`flymake-diagnostic-data').  Findings in other files
;; (a file the init file loads, ~/.authinfo) are Flymake "foreign"
;; diagnostics for those files.
;;
;; An unsaved buffer is piped to elconf with `--stdin-filename'; a saved
;; one is checked in place, so that files it loads relative to its own
;; directory are found too.

;;; Code:

(require 'flymake)
(require 'json)
(require 'cl-lib)
(require 'subr-x)

(defgroup flymake-elconf nil
  "Flymake backend for elsend's `elconf check'."
  :group 'flymake
  :prefix "flymake-elconf-")

(defcustom flymake-elconf-command '("elconf" "check")
  "The program and arguments that run `elconf check'.
`--format json' and the file (or `--stdin-filename FILE -') are
added after them."
  :type '(repeat string))

(defcustom flymake-elconf-file-regexp
  "\\(?:\\`\\|/\\)\\(?:\\.emacs\\(?:\\.el\\)?\\|init\\.el\\)\\'"
  "Names of the files `flymake-elconf-setup' checks, besides `user-init-file'."
  :type 'regexp)

(defcustom flymake-elconf-show-fix t
  "Non-nil means a diagnostic's text ends with the finding's fix."
  :type 'boolean)

(defvar-local flymake-elconf--process nil
  "The `elconf check' process of the last check of this buffer.")

(defconst flymake-elconf--types
  '(("error" . :error) ("warning" . :warning) ("info" . :note))
  "Flymake diagnostic types of the severities `elconf check' prints.")

(defun flymake-elconf-file-p (&optional file)
  "Non-nil when FILE (default: the buffer's file) is an Emacs init file."
  (let ((file (or file buffer-file-name)))
    (and file
         (or (and user-init-file
                  (string= (file-truename file) (file-truename user-init-file)))
             (string-match-p flymake-elconf-file-regexp file)))))

;;;###autoload
(defun flymake-elconf-enable ()
  "Check this buffer with `elconf check' as an init file, in Flymake."
  (interactive)
  (add-hook 'flymake-diagnostic-functions #'flymake-elconf nil t)
  (flymake-mode 1))

;;;###autoload
(defun flymake-elconf-setup ()
  "Turn on `flymake-elconf-enable' in init files; for `emacs-lisp-mode-hook'."
  (when (flymake-elconf-file-p)
    (flymake-elconf-enable)))

(defun flymake-elconf--same-file-p (a b)
  "Non-nil when file names A and B name the same file."
  (and a b (string= (expand-file-name a) (expand-file-name b))))

(defun flymake-elconf--text (finding)
  "The diagnostic text of FINDING: message, [rule] and fix."
  (let-alist finding
    (concat .message
            (if .rule (format " [%s]" .rule) "")
            (if (and flymake-elconf-show-fix .hint) (format "; fix: %s" .hint) ""))))

(defun flymake-elconf--diagnostic (source file line col type text data)
  "A diagnostic of TYPE and TEXT at LINE and COL of FILE, seen from buffer SOURCE.
In SOURCE's own file it is placed in SOURCE; in another file it is
a foreign diagnostic; without a file or line, at SOURCE's first line."
  (if (and file line (not (flymake-elconf--same-file-p file (buffer-file-name source)))
           (not (string= file "-")))
      (flymake-make-diagnostic file (cons line col) nil type text data)
    (let ((region (flymake-diag-region source (or line 1) col)))
      (flymake-make-diagnostic source (car region) (cdr region) type text data))))

(defun flymake-elconf-parse (output source)
  "The Flymake diagnostics of OUTPUT, printed by `elconf check --format json'.
SOURCE is the buffer that was checked.  Each finding gives one
diagnostic, and each of its related places (the end of the file,
for an unclosed list) a note that points back to it."
  (let* ((json-object-type 'alist)
         (json-array-type 'list)
         (json-key-type 'symbol)
         (json-null nil)
         (findings (json-read-from-string output)))
    (cl-loop
     for finding in findings
     append
     (let-alist finding
       (let ((type (or (cdr (assoc .severity flymake-elconf--types)) :note)))
         (cons (flymake-elconf--diagnostic source .file .line .col type
                                           (flymake-elconf--text finding) finding)
               (mapcar (lambda (related)
                         (let ((text (format "%s (of the %s at line %s) [%s]"
                                             (alist-get 'message related) .severity .line .rule)))
                           (flymake-elconf--diagnostic
                            source (alist-get 'file related) (alist-get 'line related)
                            (alist-get 'col related) :note text finding)))
                       .related)))))))

(defun flymake-elconf--command (source)
  "Return (COMMAND STDIN-P): how to check buffer SOURCE.
STDIN-P is non-nil when the buffer's text goes to standard input."
  (with-current-buffer source
    (if (and buffer-file-name (not (buffer-modified-p)) (file-readable-p buffer-file-name))
        (list (append flymake-elconf-command (list "--format" "json" buffer-file-name)) nil)
      ;; Without a file the findings name "-", which means this buffer.
      (list (append flymake-elconf-command (list "--format" "json")
                    (and buffer-file-name (list "--stdin-filename" buffer-file-name))
                    (list "-"))
            t))))

;;;###autoload
(defun flymake-elconf (report-fn &rest _args)
  "Flymake backend: check the buffer with `elconf check', call REPORT-FN.
REPORT-FN receives the findings as diagnostics when the check ends."
  (unless (executable-find (car flymake-elconf-command))
    (error "Cannot find `%s': install elsend, or set `flymake-elconf-command'"
           (car flymake-elconf-command)))
  (when (process-live-p flymake-elconf--process)
    (kill-process flymake-elconf--process))
  (let* ((source (current-buffer))
         (command (flymake-elconf--command source))
         (stderr (generate-new-buffer " *flymake-elconf stderr*"))
         (process
          (make-process
           :name "flymake-elconf" :noquery t :connection-type 'pipe
           :coding 'utf-8-unix
           :buffer (generate-new-buffer " *flymake-elconf*")
           :stderr stderr
           :command (car command)
           :sentinel
           (lambda (proc _event)
             (when (memq (process-status proc) '(exit signal))
               (unwind-protect
                   (if (not (and (buffer-live-p source)
                                 (eq proc (buffer-local-value 'flymake-elconf--process source))))
                       (flymake-log :debug "Discarding an obsolete check %s" proc)
                     (flymake-elconf--report proc source stderr report-fn))
                 (kill-buffer (process-buffer proc))
                 (kill-buffer stderr)))))))
    (setq flymake-elconf--process process)
    (when (cadr command)
      (save-restriction
        (widen)
        (process-send-region process (point-min) (point-max)))
      (process-send-eof process))))

(defun flymake-elconf--report (proc source stderr report-fn)
  "Hand the findings of the finished PROC on SOURCE to REPORT-FN.
Exit statuses 0, 1, 65 and 78 come with findings; any other is a
failure of the check itself, reported with STDERR's text."
  (let ((status (process-exit-status proc)))
    (if (and (eq (process-status proc) 'exit) (memq status '(0 1 65 78)))
        (funcall report-fn
                 (flymake-elconf-parse
                  (with-current-buffer (process-buffer proc) (buffer-string)) source))
      (funcall report-fn :panic
               :explanation (format "elconf check failed (exit %s): %s" status
                                    (string-trim (with-current-buffer stderr
                                                   (buffer-string))))))))

(provide 'flymake-elconf)
;;; flymake-elconf.el ends here
