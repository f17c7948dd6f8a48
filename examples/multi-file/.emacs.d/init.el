;;; init.el --- several files: a lisp/ directory and a separate custom-file

(add-to-list 'load-path (expand-file-name "lisp" user-emacs-directory))
(require 'mail-config)

(setq custom-file (expand-file-name "custom.el" user-emacs-directory))
(load custom-file 'noerror)
