;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Jakub Novák"
      user-mail-address "jakub@example.org")

(let ((private (expand-file-name "~/.private.el")))
  (when (file-exists-p private)
    (load private)))

(load "~/.emacs-secrets.el" t)
(load "~/Dropbox/emacs/work.el")

(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server (or (bound-and-true-p my-smtp-server) "smtp.example.org")
      smtpmail-stream-type 'starttls
      smtpmail-smtp-service 587)
