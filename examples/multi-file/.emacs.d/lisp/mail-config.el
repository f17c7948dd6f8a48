;;; mail-config.el --- mail settings kept in their own file  -*- lexical-binding: t -*-

(defun my-mail-domain ()
  "The mail domain, from $MAILDOMAIN when set."
  (or (getenv "MAILDOMAIN") "example.org"))

(setq user-full-name "Erin Example"
      user-mail-address (concat "erin@" (my-mail-domain))
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server (concat "smtp." (my-mail-domain))
      smtpmail-smtp-service 587
      smtpmail-queue-dir "~/Mail/outbox/")

(provide 'mail-config)
