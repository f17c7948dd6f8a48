;;; init.el --- setup.el instead of use-package -*- lexical-binding: t; -*-

(require 'package)
(package-initialize)
(unless (package-installed-p 'setup)
  (package-refresh-contents)
  (package-install 'setup))
(require 'setup)

(setq user-full-name "Emil Nowak"
      user-mail-address "emil@nowak.dev")

(setup (:package vertico)
  (vertico-mode 1))

(setup mu4e
  (:load-path "/usr/share/emacs/site-lisp/mu4e/")
  (:require mu4e)
  (:option mu4e-maildir "~/Mail"
           mu4e-get-mail-command "mbsync -a"))

(setup smtpmail
  (:option smtpmail-smtp-server "smtp.nowak.dev"
           smtpmail-smtp-service 587
           smtpmail-stream-type 'starttls))

(setq send-mail-function #'smtpmail-send-it
      message-send-mail-function #'smtpmail-send-it)
