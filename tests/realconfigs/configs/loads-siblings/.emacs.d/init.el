;;; init.el --- entry point  -*- lexical-binding: t -*-

(defconst my-lisp-dir (expand-file-name "lisp" user-emacs-directory))
(add-to-list 'load-path my-lisp-dir)

(setq custom-file (expand-file-name "custom.el" user-emacs-directory))
(load custom-file 'noerror)

(require 'init-ui)
(require 'init-mail)
(require 'init-org)          ; not written yet on this machine
(load "secrets" t)
(load (expand-file-name "private.el" user-emacs-directory))

(setq smtpmail-queue-mail nil)
(setq user-full-name "Wei Zhang")
