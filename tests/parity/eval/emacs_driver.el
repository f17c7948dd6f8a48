;;; emacs_driver.el --- start-up as Emacs 28.2 does it, then dump variables as JSON  -*- lexical-binding: t -*-

;; Used by the elconf parity tests (tests/parity/eval, tests/libraries).
;; `emacs --batch' implies -q, so this file replays the part of
;; `command-line' that loads the user's files, with Emacs's own helpers:
;; the early init file, then ~/.emacs or <user-emacs-directory>/init.el,
;; errors reported as warnings, then the `mail-host-address' fix-up that
;; start-up does after the init file, then `after-init-hook' and
;; `emacs-startup-hook'.  ELPA packages installed by Debian
;; (use-package) are activated as package.el would before the init file.
;; Then each feature named on the command line is required, and every
;; variable named is printed as one JSON object (the shape of
;; `elconf get --json').

(require 'json)
(load (expand-file-name "../../support/elconf-view.el" (file-name-directory load-file-name)) nil t)

(defun elconf-driver-start-up ()
  "Load the user's init files the way `command-line' does."
  (setq init-file-user "")
  (let ((dir user-emacs-directory))
    (startup--load-user-init-file
     (lambda () (expand-file-name "early-init.el" dir)))
    (setq early-init-file user-init-file)
    (elconf-view-activate-elpa)
    (startup--load-user-init-file
     (lambda () (if (eq dir startup--xdg-config-home-emacs) nil "~/.emacs"))
     (lambda () (expand-file-name "init.el" dir))
     t)
    (and mail-host-address
         (equal user-mail-address
                (let (mail-host-address)
                  (ignore-errors (custom--standard-value 'user-mail-address))))
         (custom-reevaluate-setting 'user-mail-address))
    (condition-case err (run-hooks 'after-init-hook 'emacs-startup-hook)
      (error (message "elconf-driver: error in a start-up hook: %S" err)))))

(defun elconf-driver-dump (features names)
  "Require FEATURES in order (errors reported, not fatal), then print NAMES as JSON."
  (dolist (feature features)
    (condition-case err (require (intern feature))
      (error (message "elconf-driver: (require '%s): %S" feature err))))
  (let ((json-encoding-pretty-print nil) (json-null :null))
    (princ "\n@@ELCONF-JSON@@")
    (princ (json-encode (mapcar (lambda (name) (cons name (elconf-view-entry name))) names)))
    (princ "@@END@@\n")))

;; For tests/libraries: the variables of one library model, in `emacs -Q'
;; before anything is loaded, then after `(require FEATURE)'.
(defun elconf-driver-library-dump (feature names)
  (elconf-view-activate-elpa)
  (let* ((entries (lambda () (mapcar (lambda (name) (cons name (elconf-view-entry name))) names)))
         (before-features (copy-sequence features))
         (at-startup (funcall entries))
         (ok (condition-case err (progn (require (intern feature)) t)
               (error (message "elconf-driver: (require '%s): %S" feature err) nil)))
         (loaded (funcall entries))
         (new-features (seq-remove (lambda (f) (memq f before-features)) features)))
    (princ "\n@@ELCONF-JSON@@")
    (princ (let ((json-null :null))
             (json-encode (list (cons 'startup at-startup)
                              (cons 'loaded loaded)
                              (cons 'require_ok (if ok t :json-false))
                              (cons 'features (vconcat (mapcar #'symbol-name (reverse new-features))))))))
    (princ "@@END@@\n")))

;;; emacs_driver.el ends here
