;;; init.el -*- lexical-binding: t -*-
;; A Purcell-style split config: lisp/init-*.el

(add-to-list 'load-path (expand-file-name "lisp" user-emacs-directory))

(require 'init-benchmarking)
(require 'init-elpa)
(require 'init-exec-path)
(require 'init-mail)
(require 'init-secrets)     ; gitignored

(setq send-mail-function 'smtpmail-send-it)
(when (boundp 'my-mail-password) (message "secrets loaded"))
(require 'server)
(provide 'init)
