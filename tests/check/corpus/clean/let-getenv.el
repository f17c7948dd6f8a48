;;; -*- lexical-binding: t -*-
;; The server comes from the environment when set, with a fallback.
(let ((server (or (getenv "MY_SMTP_HOST") "smtp.example.org"))
      (port 587))
  (setq smtpmail-smtp-server server
        smtpmail-smtp-service port))
(setq send-mail-function 'smtpmail-send-it)
(setq user-mail-address (concat "ivan" "@" "example.org"))
