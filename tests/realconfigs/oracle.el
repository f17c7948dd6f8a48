;;; oracle.el --- Emacs 28.2 as the judge of the real-configs corpus  -*- lexical-binding: t -*-

;; Evaluates a user's init file the way the project's measure does: each
;; top-level form on its own, inside `condition-case', so an error in one
;; form does not stop the rest -- except at the places the corpus declares
;; as errors Emacs itself raises (there the file stops, as `load' does).
;; Debian's ELPA packages (use-package, mu4e, notmuch, ...) are activated
;; first, as package.el does at start-up.  Doom and Spacemacs files get a
;; small stand-in for the framework's loading order (see
;; `corpus-oracle--doom-shim' and `corpus-oracle--spacemacs-run').  Then the
;; start-up tail (the `mail-host-address' fix-up, `after-init-hook',
;; `emacs-startup-hook') and one JSON object on stdout:
;;   {"variables": {NAME: {"bound": ..., "sexp": ..., "value": ...}},
;;    "errors": [{"file", "line", "col", "error"}], "stopped": ..., "killed": ...}

(require 'json)
(load (expand-file-name "../support/elconf-view.el" (file-name-directory load-file-name)) nil t)
(require 'cl-lib)

(defvar corpus-oracle--errors nil "Errors of top-level forms, newest first.")
(defvar corpus-oracle--stop-lines nil "((FILE . LINE) ...) where an error stops the file.")
(defvar corpus-oracle--stopped nil "The place where the declared error stopped a file.")
(defvar corpus-oracle--killed nil "Non-nil when a form called `kill-emacs'.")

(defun corpus-oracle--offline ()
  "No form may reach the network: archives and bootstrap downloads fail at once."
  (advice-add 'package-refresh-contents :override
              (lambda (&rest _) (message "corpus-oracle: package-refresh-contents skipped (offline)")))
  (advice-add 'url-retrieve-synchronously :override
              (lambda (url &rest _) (error "corpus-oracle: offline, not fetching %s" url)))
  (advice-add 'kill-emacs :override #'corpus-oracle--kill))

(defun corpus-oracle--kill (&rest _)
  "A form called `kill-emacs': Emacs ends there, so the evaluation does."
  (when (getenv "CORPUS_ORACLE_DEBUG") (backtrace))
  (setq corpus-oracle--killed t)
  (throw 'corpus-oracle--end nil))

(defun corpus-oracle--record (file line col err)
  (push (list (cons 'file (abbreviate-file-name file)) (cons 'line line) (cons 'col col)
              (cons 'error (let ((print-escape-newlines t)) (prin1-to-string err))))
        corpus-oracle--errors)
  (when (member (cons (abbreviate-file-name file) line) corpus-oracle--stop-lines)
    (setq corpus-oracle--stopped (format "%s:%d" (abbreviate-file-name file) line))
    (throw 'corpus-oracle--end nil)))

(defun corpus-oracle-eval-file (file)
  "Evaluate FILE's top-level forms one by one, each in `condition-case'.
Reads as `load' reads (decoding, the lexical-binding cookie) and binds
`load-file-name' as `load' does, so `(file-name-directory load-file-name)'
works in the file."
  (let ((file (expand-file-name file))
        (outer (current-buffer)))
    (with-temp-buffer
      (insert-file-contents file)
      (set-syntax-table emacs-lisp-mode-syntax-table)
      (let ((lexical (with-syntax-table emacs-lisp-mode-syntax-table
                       (corpus-oracle--lexical-cookie-p)))
            (load-file-name file) (load-true-file-name file) (load-in-progress t)
            (reader (current-buffer)) done)
        (goto-char (point-min))
        (while (not done)
          (let* ((start (progn (forward-comment (buffer-size)) (point)))
                 (line (line-number-at-pos start)) (col (1+ (- start (line-beginning-position))))
                 (form (if (= start (point-max))
                           (progn (setq done t) nil)
                         ;; Only whitespace and comments were left: done.  Otherwise any
                         ;; error, end-of-file inside an unclosed form included, ends the
                         ;; file as it ends `load'.
                         (condition-case err (read reader)
                           (error (setq done t) (corpus-oracle--record file line col err) nil)))))
            (unless done
              (let ((here (point)))
                (condition-case err
                    (with-current-buffer (if (buffer-live-p outer) outer (get-buffer-create "*scratch*"))
                      (let ((lexical-binding lexical)) (eval form lexical)))
                  (error (corpus-oracle--record file line col err)))
                (with-current-buffer reader (goto-char here))))))))))

(defun corpus-oracle--lexical-cookie-p ()
  "Non-nil when the first line of the current buffer sets lexical-binding."
  (save-excursion
    (goto-char (point-min))
    (let ((line (buffer-substring (point) (line-end-position))))
      (and (string-match "-\\*-.*lexical-binding: *\\([^ ;]+\\)" line)
           (not (equal (match-string 1 line) "nil"))))))

;;; Frameworks: only their loading order, never their code.

(defun corpus-oracle--doom-shim ()
  "Doom's user-facing macros with the meaning they have for settings.
`doom!', `package!', `map!' and the like declare things that do not set
variables; `after!' is `with-eval-after-load' (a list of features waits for
all); `setq!' sets through the variable's custom-set function, else set-default; `use-package!' is `use-package';
`load!' loads a file relative to the current file."
  (defmacro doom! (&rest _) nil)
  (defmacro package! (&rest _) nil)
  (defmacro unpin! (&rest _) nil)
  (defmacro disable-packages! (&rest _) nil)
  (defmacro map! (&rest _) nil)
  (defmacro undefine-key! (&rest _) nil)
  (defmacro set-popup-rule! (&rest _) nil)
  (defun set-email-account! (label letvars &optional default)
    "Doom's mu4e helper: once mu4e loads, a context LABEL with LETVARS (first if DEFAULT).
It sets no variable globally."
    (with-eval-after-load 'mu4e
      (setq mu4e-contexts (cl-remove-if (lambda (c) (string= (mu4e-context-name c) label))
                                        mu4e-contexts))
      (add-to-list 'mu4e-contexts (make-mu4e-context :name label :vars letvars) (not default))))
  (defmacro after! (package &rest body)
    (if (and (consp package) (memq (car package) '(:and :all)))
        (setq package (cdr package)))
    (if (consp package)
        (let ((form `(progn ,@body)))
          (dolist (p (reverse package)) (setq form `(with-eval-after-load ',p ,form)))
          form)
      `(with-eval-after-load ',package ,@body)))
  (defmacro setq! (&rest pairs)
    (let (forms)
      (while pairs
        (let ((var (pop pairs)) (val (pop pairs)))
          (push `(funcall (or (get ',var 'custom-set) #'set-default) ',var ,val) forms)))
      `(progn ,@(nreverse forms))))
  (defmacro use-package! (name &rest plist) `(use-package ,name ,@plist))
  (defmacro load! (file &optional dir noerror)
    `(load (expand-file-name ,file ,(or dir '(file-name-directory (or load-file-name buffer-file-name))))
           ,noerror t))
  (defmacro add-hook! (hooks &rest body)
    (let ((hooks (if (and (consp hooks) (eq (car hooks) 'quote)) (cadr hooks) hooks)))
      (unless (listp hooks) (setq hooks (list hooks)))
      `(progn ,@(mapcar (lambda (h)
                          (let ((hook (if (string-suffix-p "-hook" (symbol-name h)) h
                                        (intern (format "%s-hook" h)))))
                            (if (and (= (length body) 1) (or (symbolp (car body))
                                                             (memq (car-safe (car body)) '(function quote))))
                                `(add-hook ',hook ,(car body))
                              `(add-hook ',hook (lambda (&rest _) ,@body)))))
                        hooks)))))

(defun corpus-oracle--spacemacs-run ()
  "Call the functions of a .spacemacs in the order Spacemacs does.
Layer `:variables' are set before user-config, as a layer's configuration
does; each call is one form (an error in one does not stop the next)."
  (dolist (fn '(dotspacemacs/init dotspacemacs/user-env dotspacemacs/layers dotspacemacs/user-init))
    (when (fboundp fn)
      (condition-case err (funcall fn)
        (error (corpus-oracle--record "~/.spacemacs" 0 0 (list fn err))))))
  (when (fboundp 'dotspacemacs/emacs-custom-settings)
    (condition-case err (funcall 'dotspacemacs/emacs-custom-settings)
      (error (corpus-oracle--record "~/.spacemacs" 0 0 (list 'dotspacemacs/emacs-custom-settings err)))))
  (when (boundp 'dotspacemacs-configuration-layers)
    (dolist (layer dotspacemacs-configuration-layers)
      (when (consp layer)
        (let ((vars (cdr (memq :variables layer))))
          (while vars
            (condition-case err (set-default (car vars) (eval (cadr vars) t))
              (error (corpus-oracle--record "~/.spacemacs" 0 0 (list (car layer) err))))
            (setq vars (cddr vars)))))))
  (when (fboundp 'dotspacemacs/user-config)
    (condition-case err (funcall 'dotspacemacs/user-config)
      (error (corpus-oracle--record "~/.spacemacs" 0 0 (list 'dotspacemacs/user-config err))))))

(defun corpus-oracle-run (mode files stop-lines names)
  "Evaluate FILES (HOME-relative) in MODE (plain, doom or spacemacs), then print NAMES."
  (setq corpus-oracle--stop-lines
        (mapcar (lambda (s) (cons (abbreviate-file-name (expand-file-name (car s) "~")) (cdr s)))
                stop-lines))
  (setq init-file-user "")
  ;; While start-up loads the init files, `after-init-time' is still nil
  ;; (command-line sets it afterwards); `emacs --batch -l' has set it
  ;; already.  Code that asks whether start-up is over sees what it sees at
  ;; start-up: `package-install' then keeps `package-selected-packages' for
  ;; after-init instead of rewriting the custom file at once.
  (setq after-init-time nil)
  (elconf-view-activate-elpa)
  (corpus-oracle--offline)
  (when (eq mode 'doom) (corpus-oracle--doom-shim))
  (catch 'corpus-oracle--end
    (dolist (file files)
      (setq user-init-file (expand-file-name file "~"))
      (corpus-oracle-eval-file user-init-file))
    (when (eq mode 'spacemacs) (corpus-oracle--spacemacs-run))
    (and mail-host-address
         (equal user-mail-address
                (let (mail-host-address)
                  (ignore-errors (custom--standard-value 'user-mail-address))))
         (custom-reevaluate-setting 'user-mail-address))
    ;; As command-line does: after-init-time is set first (hooks often print
    ;; (emacs-init-time)); an error in after-init-hook ends start-up before
    ;; emacs-startup-hook runs, hence one condition-case for both.
    (setq after-init-time (current-time))
    (condition-case err (run-hooks 'after-init-hook 'emacs-startup-hook)
      (error (corpus-oracle--record "<start-up hooks>" 0 0 err))))
  (advice-remove 'kill-emacs #'corpus-oracle--kill)
  (let ((json-encoding-pretty-print nil) (json-null :null))
    (princ "\n@@CORPUS-JSON@@")
    (princ (json-encode
            (list (cons 'variables (mapcar (lambda (n) (cons n (elconf-view-entry n))) names))
                  (cons 'errors (vconcat (reverse corpus-oracle--errors)))
                  (cons 'stopped (or corpus-oracle--stopped :null))
                  (cons 'killed (if corpus-oracle--killed t :json-false)))))
    (princ "@@END@@\n")))

;;; oracle.el ends here
